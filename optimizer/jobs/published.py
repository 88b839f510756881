"""What `verify` checks of a published run (docs/reproducing.md, A published run), once its allocation is reproduced:
the files `publish` wrote beside its manifest, and the award ledger's record of its awards.

- **awards.json and notice.xlsx** must be what publishing the re-run's awards writes. awards.json names the run by
  its manifest's SHA-256: a manifest that no longer has it was edited after the publication (said so, rather than
  blaming awards.json).
- **The ledger's entries of the run** must be its awards, field by field: an amount changed in the ledger, an award
  added under the run's name or one taken out is found even where the chain's hashes were recomputed (the
  corrections the bureau records are entries of their own, and change nothing here).
- **The ledger as the publication left it.** awards.json pins the ledger's number of entries and last hash just
  after the publication (LedgerPin): a ledger whose first entries no longer end in that hash was rewritten since.

The ledger looked at: the one given (`verify --ledger`), else the one awards.json names, else the one the run
counted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from optimizer.domain import LedgerAward
from optimizer.errors import InputError
from optimizer.ledger import LedgerError, LedgerTampered, read_ledger, rows_of_run
from optimizer.reading.allocation_file import parse_allocation_csv
from optimizer.reading.applications import read_workbook
from optimizer.reading.guard import FileLimits
from optimizer.reading.manifest_file import UNREADABLE, read_json
from optimizer.reading.run_folder import run_file
from optimizer.report.manifest import sha256_file
from optimizer.report.notice import (
    AWARDS_FILE,
    LAYOUTS,
    MOST_OBJECTION_DAYS,
    NOTICE_FILE,
    LedgerPin,
    NoticeSettings,
    awards_json,
    notice_xlsx,
    read_batch,
    run_awards,
)
from optimizer.rules.policy import Policy
from optimizer.words import LANGS, Phrase, few

_COMPARED = tuple(f.name for f in fields(LedgerAward) if f.name not in ("run", "corrects", "basis"))


@dataclass(frozen=True)
class Published:
    """What awards.json beside a manifest records of its publication (nothing, where there is none)."""

    present: bool = False
    run: str | None = None  # the manifest's SHA-256 when the run was published
    batch: int | None = None
    pin: LedgerPin | None = None
    notice: NoticeSettings | None = None  # how notice.xlsx was written (since December 2026)


@dataclass(frozen=True)
class PublicationCheck:
    findings: tuple[Phrase, ...] = ()  # the publication's files beside the manifest, and the manifest since
    notes: tuple[Phrase, ...] = ()
    ledger: tuple[Phrase, ...] = ()  # the ledger's record of the run's awards: not the run's folder


def check_publication(manifest: Path, record: Mapping[str, Any], rerun: bytes, workbook: Path, policy: Policy,
                      lang: str, *, ledger: Path | None = None, counted: Path | None = None) -> PublicationCheck:
    """The findings (and notes) of a run whose re-run gave `rerun`, its recorded allocation.csv: its publication's
    files beside `manifest`, and the awards `ledger` (or the ledger awards.json names, or `counted`, the one the run
    counted) records for it. A `ledger` given that cannot be read is a LedgerError; another is a finding."""
    folder, year = manifest.parent, record["scenario"].get("year")
    awards_file, notice_file = run_file(manifest, AWARDS_FILE), run_file(manifest, NOTICE_FILE)
    published = read_published(awards_file)
    has_notice = notice_file.is_file()
    if not isinstance(year, int) or not (published.present or has_notice or ledger or counted):
        return PublicationCheck()
    now = sha256_file(manifest)
    run = published.run or now
    findings = [] if run == now else [Phrase.of("verify.manifest_after_publication", was=run[:12], now=now[:12])]
    limits = record["command"].get("limits")
    book = read_workbook(workbook, policy, skip_invalid=True, limits=FileLimits(**limits) if limits else None)
    apps = {app.application_id: app for app in book.valid}
    awards = run_awards(parse_allocation_csv(rerun, "allocation.csv"), apps, policy, year, run)
    if published.present and awards_file.read_bytes() != awards_json(awards, run, published.batch, published.pin,
                                                                     published.notice):
        findings.append(Phrase.of("verify.publication_edited", name=awards_file.name))
    if has_notice and not _notice_written(notice_file, awards, policy, year, lang, published):
        findings.append(Phrase.of("verify.publication_edited", name=notice_file.name))
    if ledger is not None:  # named by the auditor: it must be one
        if not ledger.is_file():
            raise LedgerError.one(ledger, Phrase.of("ledger.missing"))
        return PublicationCheck(tuple(findings), ledger=tuple(ledger_findings(ledger, run, awards, published,
                                                                               given=True)))
    pinned = None if published.pin is None else folder / published.pin.path
    where = next((path for path in (pinned, counted) if path is not None and path.is_file()), None)
    if where is None:  # nowhere to look, or not where awards.json says (a renamed copy: found if the run counted it)
        said = (Phrase.of("verify.publication_ledger_missing", path=str(pinned)) if pinned is not None
                else Phrase.of("verify.publication_unchecked") if published.present else None)
        return PublicationCheck(tuple(findings), () if said is None else (said,))
    return PublicationCheck(tuple(findings), ledger=tuple(ledger_findings(where, run, awards, published)))


def read_published(path: Path) -> Published:
    """What awards.json at `path` records of the publication: its run, its batch and its ledger pin — each None where
    it records none or none that can be (the file is then found edited, as its bytes are not what publish wrote)."""
    if not path.is_file():
        return Published()
    try:
        document = read_json(path)
    except UNREADABLE:
        return Published(present=True)
    if not isinstance(document, dict):
        return Published(present=True)
    run = document.get("run")
    try:
        batch = read_batch(document.get("batch"))
    except InputError:
        batch = None
    return Published(True, run if isinstance(run, str) and len(run) == 64 else None, batch,
                     LedgerPin.read(document.get("ledger")), NoticeSettings.read(document.get("notice")))


def ledger_findings(path: Path, run: str, awards: Sequence[LedgerAward], published: Published, *,
                    given: bool = False) -> list[Phrase]:
    """What the ledger at `path` records of the run `run` (its manifest's SHA-256) that is not its `awards`; and,
    where awards.json pins the ledger, whether its first entries still end in the pinned hash. A ledger that cannot
    be read is a finding — a LedgerError where it was `given` by name."""
    try:
        rows = rows_of_run(path, run)
    except LedgerError as exc:
        if given:
            raise
        return [Phrase.of("verify.publication_ledger_unreadable", path=str(path), why=(exc.text("zh"), exc.text("en")))]
    if not rows:
        return [Phrase.of("verify.publication_not_recorded", path=str(path), run=run[:12])] if published.present else []
    found: list[Phrase] = []
    wanted = {award.application_id: award for award in awards}
    seen: set[str] = set()
    for row in rows:
        own = row.raw.get("application_id")
        award = wanted.get(own) if isinstance(own, str) else None
        if award is None or own in seen:
            found.append(Phrase.of("verify.ledger_award_extra", path=str(path), seq=row.seq, id=str(own or "—")))
            continue
        seen.add(award.application_id or "")
        differs = [name for name in _COMPARED if row.award is None or getattr(row.award, name) != getattr(award, name)]
        if differs:
            found.append(Phrase.of("verify.ledger_award_differs", path=str(path), seq=row.seq, id=own,
                                   what=_difference(row.raw, award, differs)))
    missing = [award.application_id or "" for award in awards if award.application_id not in seen]
    if missing:
        found.append(Phrase.of("verify.ledger_award_missing", path=str(path), count=len(missing), ids=few(missing)))
    if published.pin is not None:
        found += _pin_findings(path, published.pin)
    return found


def _difference(raw: Mapping[str, object], award: LedgerAward, differs: Sequence[str]) -> tuple[str, str]:
    """How an entry differs from the award: its amount, said with both figures; any other field by its name."""
    parts = []
    if "amount" in differs:
        recorded = raw.get("amount")
        shown = f"{recorded:,}" if isinstance(recorded, int) else repr(recorded)
        parts.append(Phrase.of("verify.ledger_amount", recorded=shown, awarded=f"{award.amount:,}").both())
    others = [name for name in differs if name != "amount"]
    if others:
        parts.append(Phrase.of("verify.ledger_fields", names=", ".join(others)).both())
    return "；".join(zh for zh, _ in parts), "; ".join(en for _, en in parts)


def _pin_findings(path: Path, pin: LedgerPin) -> list[Phrase]:
    """The ledger's first `pin.entries` entries: a chain that still ends in the pinned hash, or what became of it —
    fewer entries than the publication left (some taken out, the ledger's own record rewritten to match), or a
    chain broken among them."""
    try:
        whole = read_ledger(path)
    except (LedgerError, LedgerTampered):  # broken somewhere: its first entries may still hold on their own
        whole = None
    if whole is not None and whole.count < pin.entries:
        return [Phrase.of("verify.ledger_shorter", path=str(path), entries=pin.entries, count=whole.count)]
    try:
        head = (whole.entries[pin.entries - 1].hash if whole is not None
                else read_ledger(path, upto=pin.entries).head)
    except (LedgerError, LedgerTampered):
        return [Phrase.of("verify.ledger_pin_broken", path=str(path), entries=pin.entries)]
    if head != pin.head:
        return [Phrase.of("verify.ledger_rewritten", path=str(path), entries=pin.entries, pinned=pin.head[:12],
                          now=head[:12])]
    return []


def _notice_written(path: Path, awards: Sequence[LedgerAward], policy: Policy, year: int, lang: str,
                    published: Published) -> bool:
    """Whether notice.xlsx is what publishing the awards wrote: as awards.json records it was written; or, published
    before awards.json recorded that, in some language, with a 公示期 from 1 to 30 working days, in an earlier
    budgetopt's layout."""
    data, batch, settings = path.read_bytes(), published.batch, published.notice
    if settings is not None:
        return notice_xlsx(awards, policy, year, settings.lang, settings.objection_days, layout=settings.layout,
                           batch=batch, starts=settings.starts, contact=settings.contact) == data
    langs = (lang, *(other for other in LANGS if other != lang))
    days = (5, *(d for d in range(1, MOST_OBJECTION_DAYS + 1) if d != 5))  # publish's default first
    return any(notice_xlsx(awards, policy, year, each, d, layout=layout, batch=batch) == data
               for layout in LAYOUTS if layout < 3 for each in langs for d in days)
