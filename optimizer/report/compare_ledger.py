"""The award ledgers two compared runs counted, in words: each run's as its manifest records it (the file's name,
the entries counted, the last one's hash), how they differ, said from one side (`B计入了资助台账的127条记录，
A未计入`), and audit's findings that are that difference alone rather than rule breaks (an officer's review: a 2027
run that counted the 2026 awards read as breaking 9 of the other's rules) — for report/compare_words.py and
jobs/compare.py."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from optimizer.money import said_amount
from optimizer.reading.run_folder import RunData
from optimizer.report.units import say
from optimizer.results import LimitCheck
from optimizer.words import Phrase


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
    judged run pays to applications the other's ledger holds granted; "" for none."""
    if check.ledger is None or not check.ledgered:
        return ""
    subjects = list(dict.fromkeys(subject_id(line) for line in check.ledgered))
    said = Phrase.of("report.compare.limits_ledger", ledger=check.ledger.both(), judged=check.judged, by=check.by,
                     count=len(subjects), subjects=listed_ids(subjects)).text(lang, face)
    if not check.ledger_paid:
        return said
    paid = Phrase.of("report.compare.limits_ledger_paid", judged=check.judged, by=check.by,
                     count=len(check.ledger_paid), amount=said_amount(check.ledger_paid_yuan),
                     ids=listed_ids(list(check.ledger_paid)))
    return sentences(said, paid.text(lang, face), lang=lang)


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
