"""The award ledgers two compared runs counted, in words: each run's as its manifest records it (the file's name,
the entries counted, the last one's hash), how they differ, said from one side (`B计入了资助台账的127条记录，
A未计入`), and audit's findings that are that difference alone rather than rule breaks (an officer's review: a 2027
run that counted the 2026 awards read as breaking 9 of the other's rules) — for report/compare_runs.py,
compare_words.py, compare_limits.py and jobs/compare.py."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from optimizer.money import said_amount
from optimizer.reading.run_folder import RunData
from optimizer.report.units import amount_text, say
from optimizer.results import Breach, ComparisonResult, LedgerEffect, LimitCheck
from optimizer.words import Phrase, status_label


@dataclass(frozen=True)
class CountedLedger:
    """The award ledger a run counted, as its manifest records it: the file's name, the entries counted, and the
    last one's hash (which fixes every entry before it)."""

    name: str
    entries: int
    head: str


def counted_ledger(run: RunData) -> tuple[bool, CountedLedger | None]:
    """Whether the run recorded its inputs, and the award ledger it counted among them (None: none)."""
    inputs = run.manifest.get("inputs")
    if not isinstance(inputs, Mapping):
        return False, None
    ledger = inputs.get("ledger")
    if not isinstance(ledger, Mapping):
        return True, None
    path = str(ledger.get("path") or "")
    return True, CountedLedger(path.replace("\\", "/").rsplit("/", 1)[-1], int(ledger.get("entries") or 0),
                               str(ledger.get("sha256") or ""))


def ledgers_differ(a: RunData, b: RunData) -> bool:
    """Whether both runs recorded the award ledgers they counted, and those differ: one counted none, or they
    counted other entries (by their number and the last one's hash; the file's name and place aside)."""
    (known_a, ledger_a), (known_b, ledger_b) = counted_ledger(a), counted_ledger(b)
    key_a, key_b = ((x.entries, x.head) if x else None for x in (ledger_a, ledger_b))
    return known_a and known_b and key_a != key_b


def ledger_cell(ledger: CountedLedger | None, lang: str) -> str:
    if ledger is None:
        return say("report.compare.ledger.none", lang)
    return say("report.compare.ledger.counted", lang, name=ledger.name, entries=f"{ledger.entries:,}",
               head=ledger.head[:12])


def ledger_difference(x: str, run_x: RunData, y: str, run_y: RunData) -> Phrase | None:
    """How the award ledgers run `x` and run `y` counted differ, said from `x`'s side: `B计入了资助台账的127条记录，
    A未计入`; None when they do not (or a run did not record its inputs)."""
    if not ledgers_differ(run_x, run_y):
        return None
    ledger_x, ledger_y = counted_ledger(run_x)[1], counted_ledger(run_y)[1]
    if ledger_x is None or ledger_y is None:
        counted, other = (x, y) if ledger_y is None else (y, x)
        entries = (ledger_x or ledger_y or CountedLedger("", 0, "")).entries
        return Phrase.of("report.compare.ledger.one", x=counted, y=other, n=f"{entries:,}")
    if ledger_x.entries == ledger_y.entries:
        return Phrase.of("report.compare.ledger.same_count", x=x, y=y, n=f"{ledger_x.entries:,}")
    return Phrase.of("report.compare.ledger.both", x=x, y=y, n=f"{ledger_x.entries:,}", m=f"{ledger_y.entries:,}")


def sentences(*parts: str, lang: str) -> str:
    return ("" if lang == "zh" else " ").join(part for part in parts if part)


SHOWN_IDS = 5  # the applications a sentence names; the others are counted


def ledger_text(check: LimitCheck, lang: str, face: str | None = None) -> str:
    """The findings that are the award ledgers' difference alone, said as that rather than as rule breaks: `B计入了资助
    台账的127条记录，A未计入：B的5项申报（…）的核定额或状态因此与A的规则所得不同，不计为不符合A的规则。` — then what the
    judged run pays to applications the other's ledger holds granted, and the limits it goes over only through that
    ledger; "" for none."""
    if check.ledger is None or not (check.ledgered or check.ledger_breaches):
        return ""
    said = ""
    if check.ledgered:
        subjects = list(dict.fromkeys(subject_id(line) for line in check.ledgered))
        said = Phrase.of("report.compare.limits_ledger", ledger=check.ledger.both(), judged=check.judged,
                         by=check.by, count=len(subjects), subjects=listed_ids(subjects)).text(lang, face)
    paid = "" if not check.ledger_paid else Phrase.of(
        "report.compare.limits_ledger_paid", judged=check.judged, by=check.by, count=len(check.ledger_paid),
        amount=said_amount(check.ledger_paid_yuan), ids=listed_ids(list(check.ledger_paid))).text(lang, face)
    code = "report.compare.limits_ledger_breaks" + ("" if said else "_alone")
    over = "" if not check.ledger_breaches else Phrase.of(
        code, ledger=check.ledger.both(), judged=check.judged, by=check.by,
        breaches=tuple(("；" if each == "zh" else "; ").join(breach_text(b, each) for b in check.ledger_breaches)
                       for each in ("zh", "en"))).text(lang, face)
    return sentences(said, paid, over, lang=lang)


def breach_text(breach: Breach, lang: str) -> str:
    """One limit broken, shortly: `专项额度“人工智能赋能”合计6,000.00万元，最多4,000.00万元`."""
    return Phrase.of(f"report.compare.breach.{breach.rule}", name=breach.name, used=amount_text(breach.used, lang),
                     limit=amount_text(breach.limit, lang)).text(lang)


def subject_id(line: Phrase) -> str:
    """Whom an audit line concerns, as an id: `2027-0119`, not `2027-0119（第120行）`."""
    subject = dict(line.params).get("subject")
    return row_id(subject[1] if isinstance(subject, tuple) else str(subject))


_ROW_SUBJECT = re.compile(r"^(?P<id>.+) \(row \d+\)$")  # audit's subject of an application's row, in English


def row_id(subject: str) -> str:
    """An application's id from audit's English subject of its row (`2027-0119 (row 120)`); another subject as it is.

    >>> row_id("2027-0119 (row 120)"), row_id("budget")
    ('2027-0119', 'budget')
    """
    found = _ROW_SUBJECT.match(subject)
    return found.group("id") if found else subject


def listed_ids(ids: list[str]) -> tuple[str, str]:
    """Ids as a sentence names them: all up to SHOWN_IDS, else the first and how many in all."""
    if len(ids) <= SHOWN_IDS:
        return "、".join(ids), ", ".join(ids)
    return Phrase.of("report.compare.ids_more", ids=("、".join(ids[:SHOWN_IDS]), ", ".join(ids[:SHOWN_IDS])),
                     count=len(ids)).both()


def paid_text(check: LimitCheck | None, lang: str, face: str | None = None) -> str:
    """What the judged run pays to content the other's ledger holds granted, on its own — for the view measured by
    the other run, whose sentences are of the other check (an officer's review: measured by A, nothing said that A
    pays a duplicate); "" for nothing."""
    if check is None or check.unchecked is not None or not check.ledger_paid:
        return ""
    return Phrase.of("report.compare.ledger_paid_other", judged=check.judged, by=check.by,
                     amount=said_amount(check.ledger_paid_yuan), count=len(check.ledger_paid),
                     ids=listed_ids(list(check.ledger_paid))).text(lang, face)


def effect_lines(c: ComparisonResult, check: LimitCheck, lang: str, face: str | None = None) -> list[str]:
    """What the award ledgers' difference does, one line an application, in the comparison's words rather than
    audit's (no "填写为…应为…", no advice for sheets edited by hand): `2027-0148：资助台账记录同一内容已获资助
    （渝经信规范〔2026〕2号2026年度300万元，2026-0337），B按就高、不重复不予资助；A未计入台账，A分配了300万元。`"""
    return [effect_line(c, effect, lang, face) for effect in check.ledger_effects]


def effect_line(c: ComparisonResult, effect: LedgerEffect, lang: str, face: str | None = None) -> str:
    counted = effect.counted
    other = "A" if counted == "B" else "B"
    runs = {"A": c.a, "B": c.b}
    rows = {side: next((r for r in runs[side].rows if r.application_id == effect.application_id), None)
            for side in runs}
    awards = _awards(effect)
    rest = Phrase.of("report.compare.effect.none" if counted_ledger(runs[other])[1] is None
                     else "report.compare.effect.not_held", other=other).both()
    mine, theirs = rows[counted], rows[other]
    if theirs is not None and theirs.allocated:
        tail = Phrase.of("report.compare.effect.paid", rest=rest, other=other, amount=said_amount(theirs.allocated))
    else:
        status = (status_label(theirs.status, "zh"), status_label(theirs.status, "en")) if theirs else ("—", "—")
        tail = Phrase.of("report.compare.effect.unpaid", rest=rest, other=other, status=status)
    if mine is not None and mine.status != "DUPLICATE" and theirs is not None:
        return Phrase.of("report.compare.effect.reduced", id=effect.application_id, awards=awards, counted=counted,
                         other=other, entitled=said_amount(mine.entitlement),
                         other_entitled=said_amount(theirs.entitlement), rest=tail.both()).text(lang, face)
    return Phrase.of("report.compare.effect.duplicate", id=effect.application_id, awards=awards, counted=counted,
                     rest=tail.both()).text(lang, face)


def _awards(effect: LedgerEffect) -> tuple[str, str]:
    """The ledger's awards of the content, as a bracket after `已获资助`; nothing when they are not at hand."""
    if not effect.awards:
        return "", ""
    said = [Phrase.of("report.compare.effect.award_to" if to else "report.compare.effect.award", policy=policy,
                      year=year, amount=said_amount(amount), id=to).both()
            for policy, year, amount, to in effect.awards]
    return Phrase.of("report.compare.effect.awards", awards=("；".join(z for z, _ in said),
                                                              "; ".join(e for _, e in said))).both()
