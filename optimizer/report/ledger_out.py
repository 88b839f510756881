"""The award ledger for people (`budgetopt ledger show`): a table on the terminal, or CSV for Excel — UTF-8 with BOM,
one row per entry in the order recorded, amounts in whole yuan, text guarded against formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from optimizer.ledger import Entry, folded
from optimizer.ledger.corrections import kind_of
from optimizer.report.allocation_csv import inert
from optimizer.report.console import table
from optimizer.report.units import say, shortened

COLUMNS = ("seq", "policy", "year", "credit_code", "applicant", "content_key", "group", "application_id", "district",
           "clause", "project", "amount", "awarded_on", "run", "recorded_at", "hash", "corrects", "basis", "notice")
_SHOWN = ("seq", "policy", "year", "credit_code", "applicant", "content_key", "application_id", "amount", "note")
BASIS_SHOWN = 24  # characters of a correction's basis in the table (the CSV has all of it)


def _cells(entry: Entry) -> dict[str, str]:
    award = entry.award
    return {"seq": str(entry.seq), "policy": award.policy, "year": str(award.year), "credit_code": award.credit_code,
            "applicant": award.applicant, "content_key": award.content_key or "", "group": award.group or "",
            "application_id": award.application_id or "", "district": award.district, "clause": award.clause,
            "project": award.project, "amount": str(award.amount),
            "awarded_on": "" if award.awarded_on is None else award.awarded_on.isoformat(), "run": award.run or "",
            "corrects": "" if award.corrects is None else str(award.corrects), "basis": award.basis or "",
            "recorded_at": entry.recorded_at, "hash": entry.hash, "notice": entry.notice or ""}


def entry_notes(entries: Sequence[Entry], shown: Sequence[Entry], lang: str,
                money: Callable[[int], str] | None = None) -> dict[int, str]:
    """Per entry `shown` (by seq), what the ledger's `entries` say of it: a correction's award, date and basis (核减,
    or 调增 / 恢复 for one that raised it again); for an award corrected since, what it stands at now (in yuan, or as
    `money` writes an amount), or that it was restored to what it was first granted at."""
    awards = folded(entries)
    stands = {entry.seq: amounts[-1] for entry, amounts, _ in awards}
    corrected = {entry.seq for entry, _, corrections in awards if corrections}
    kinds = {correction.seq: kind_of(amounts[i], amounts[i + 1], entry.award.amount)
             for entry, amounts, corrections in awards for i, correction in enumerate(corrections)}
    written = money or (lambda amount: say("ledger.note.yuan", lang, amount=f"{amount:,}"))
    return {entry.seq: _note(entry, stands, kinds, entry.seq in corrected, lang, written) for entry in shown}


def _note(entry: Entry, stands: dict[int, int], kinds: dict[int, str], corrected: bool, lang: str,
          money: Callable[[int], str]) -> str:
    award = entry.award
    if award.corrects is not None:
        code = {"raised": "ledger.note.raise", "restored": "ledger.note.restore"}.get(
            kinds.get(entry.seq, ""), "ledger.note.correction")
        return say(code, lang, seq=award.corrects, on=str(award.awarded_on or ""),
                   basis=shortened(award.basis or "", BASIS_SHOWN))
    now = stands.get(entry.seq, award.amount)
    if now == award.amount:
        return say("ledger.note.restored", lang) if corrected else ""
    return say("ledger.note.revoked", lang) if now == 0 else say("ledger.note.stands", lang, amount=money(now))


def ledger_csv(entries: Sequence[Entry]) -> bytes:
    """Every field of every entry, as the ledger holds it (and `ledger check` hashes it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        cells = _cells(entry)
        writer.writerow([inert(cells[name]) for name in COLUMNS])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def ledger_text(entries: Sequence[Entry], lang: str) -> str:
    """The entries as a table — number, policy, year, credit code, applicant, content, application, amount, and a
    note on corrections (`entry_notes`) — and their count and total (net of corrections)."""
    header = [say(f"ledger.col.{name}", lang) for name in _SHOWN]
    notes = entry_notes(entries, entries, lang)
    rows = [[f"{int(c['amount']):,}" if name == "amount" else c[name] for name in _SHOWN]
            for c in ({**_cells(entry), "note": notes[entry.seq]} for entry in entries)]
    total = sum(entry.award.amount for entry in entries)
    lines = [table(header, rows, right=(0, _SHOWN.index("amount")))] if rows else []
    lines.append(say("ledger.shown", lang, count=len(entries), total=f"{total:,}"))
    return "\n".join(lines)
