"""The ledger summed up (`budgetopt ledger summary`, docs/ledger.md): one policy's awards as they stand after their
corrections — by year, by clause and by district, and each award with what it was first granted at and how it was
corrected. What a finance bureau reports at the year's end, and sends each district with its funds.

Every figure is the ledger's and nothing else's: an award revoked (撤销) counts in what was first granted and in
what was corrected, and not among the awards that stand. A summary names the entries it was made from — their number
and the hash of the last — so it can be held to the ledger later.

    >>> from optimizer.domain import LedgerAward
    >>> from optimizer.ledger.chain import entries_for
    >>> granted = LedgerAward("渝经信规范〔2026〕2号", 2026, "91500000000000001X", "k", 500_000, district="万州区",
    ...                       clause="5", application_id="2026-0001")
    >>> lowered = LedgerAward("渝经信规范〔2026〕2号", 2026, "91500000000000001X", "k", -200_000, district="万州区",
    ...                       clause="5", application_id="2026-0001", corrects=1, basis="异议成立")
    >>> kept = entries_for([granted, lowered], after=0, head="0" * 64, recorded_at="2026-12-01T00:00:00+00:00")
    >>> summed = summarise(kept, policy="渝经信规范(2026)2号")
    >>> [(line.year, line.awards, line.first, line.corrected, line.stands) for line in summed.by_year]
    [(2026, 1, 500000, 200000, 300000)]
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from optimizer.ledger.chain import GENESIS, Entry
from optimizer.ledger.store import history
from optimizer.rules.ledger import policy_key


@dataclass(frozen=True)
class SummedAward:
    """One award as the summary counts it: its entry, what it stands at, and the corrections recorded of it."""

    entry: Entry
    stands: int
    corrections: tuple[Entry, ...] = ()

    @property
    def first(self) -> int:
        """What it was first granted at (the 公示 amount, for an award published here)."""
        return self.entry.award.amount

    @property
    def corrected(self) -> int:
        """What its corrections took off it (0 when none)."""
        return self.first - self.stands

    @property
    def revoked(self) -> bool:
        return self.stands == 0


@dataclass(frozen=True)
class Line:
    """One line of the summary: a year (`key` ""), or one clause or district in a year."""

    year: int
    key: str
    awards: int  # that stand (not revoked)
    applicants: int  # credit codes among them
    first: int  # every award's amount as first granted, the revoked ones among them
    corrected: int  # what corrections took off (核减, 撤销)
    revoked: int  # awards revoked
    stands: int  # what the awards stand at: first − corrected


@dataclass(frozen=True)
class LedgerSummary:
    """One policy's awards in the ledger, as they stand after the first `entries` entries (ending in `head`)."""

    policy: str  # the policy's number as the ledger first recorded it
    years: tuple[int, ...]  # the years summed, in order
    entries: int
    head: str
    awards: tuple[SummedAward, ...]  # by year, district (in `district_order`), then entry
    by_year: tuple[Line, ...]
    by_clause: tuple[Line, ...]  # by year, then clause (in `clause_order`)
    by_district: tuple[Line, ...]  # by year, then district (in `district_order`)

    @property
    def total(self) -> Line:
        """The lines of every year summed (`year` 0)."""
        return _line(0, "", self.awards)


def summarise(entries: Sequence[Entry], *, policy: str, years: Collection[int] | None = None,
              clause_order: Sequence[str] = (), district_order: Sequence[str] = ()) -> LedgerSummary:
    """The awards among `entries` granted under `policy` (its number however its brackets were typed) in `years`
    (every year when None), as they stand after every correction among `entries`. Clauses and districts are listed
    in the orders given, and any other after them in the order of their text (an imported award's empty clause
    last)."""
    wanted = policy_key(policy)
    corrections: dict[int, list[Entry]] = {}
    for entry in entries:
        if entry.award.corrects is not None:
            corrections.setdefault(entry.award.corrects, []).append(entry)
    summed = [SummedAward(entry, amounts[-1], tuple(corrections.get(entry.seq, ())))
              for entry, amounts in history(entries)
              if policy_key(entry.award.policy) == wanted and (years is None or entry.award.year in years)]
    districts = _ranks(district_order)
    summed.sort(key=lambda s: (s.entry.award.year, districts(s.entry.award.district), s.entry.seq))
    name = summed[0].entry.award.policy if summed else policy
    return LedgerSummary(
        policy=name, years=tuple(sorted({s.entry.award.year for s in summed})), entries=len(entries),
        head=entries[-1].hash if entries else GENESIS, awards=tuple(summed),
        by_year=tuple(_lines(summed, lambda award: "", _ranks(()))),
        by_clause=tuple(_lines(summed, lambda award: award.clause, _ranks(clause_order))),
        by_district=tuple(_lines(summed, lambda award: award.district, districts)))


def policies(entries: Iterable[Entry]) -> tuple[str, ...]:
    """The policies the ledger's awards were granted under, each named as first recorded, in that order."""
    found: dict[str, str] = {}
    for entry in entries:
        found.setdefault(policy_key(entry.award.policy), entry.award.policy)
    return tuple(found.values())


def _ranks(order: Sequence[str]) -> Callable[[str], tuple[int, str]]:
    """A sort key: the place in `order`, then any text not in it by itself, the empty text last."""
    place = {key: i for i, key in enumerate(order)}
    return lambda key: (place.get(key, len(order) + (not key)), key)


def _lines(summed: Sequence[SummedAward], key: Callable[..., str],
           rank: Callable[[str], tuple[int, str]]) -> list[Line]:
    groups: dict[tuple[int, str], list[SummedAward]] = {}
    for s in summed:
        groups.setdefault((s.entry.award.year, key(s.entry.award)), []).append(s)
    ordered = sorted(groups, key=lambda pair: (pair[0], rank(pair[1])))
    return [_line(year, k, groups[(year, k)]) for year, k in ordered]


def _line(year: int, key: str, summed: Sequence[SummedAward]) -> Line:
    standing = [s for s in summed if not s.revoked]
    return Line(year=year, key=key, awards=len(standing),
                applicants=len({s.entry.award.credit_code for s in standing}),
                first=sum(s.first for s in summed), corrected=sum(s.corrected for s in summed),
                revoked=len(summed) - len(standing), stands=sum(s.stands for s in summed))
