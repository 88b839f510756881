"""The ledger summed up (`budgetopt ledger summary`, docs/ledger.md): one policy's awards as they stand after their
corrections — by year, by clause, by region and district, and each award with what it was first granted at and how
it was corrected. What a finance bureau reports at the year's end, and sends each district with its funds. Also the
ledger page's totals by policy and year (`by_policy_year`), counted alike.

Every figure is the ledger's and nothing else's. An award counts in what was first granted (原资助) whatever became
of it; its corrections, a revocation (撤销) among them, in what was corrected (核减) — net of what a correction that
raised it again (调增、恢复, a mistaken correction put right) added back, so never more than it was granted; and among
the awards that stand (现资助) only while it stands above 0 (a revoked award restored stands again). A summary names
the entries it was made from — their number and the hash of the last — so it can be held to the ledger, and made
again from them, later.

    >>> from optimizer.domain import LedgerAward
    >>> from optimizer.ledger.chain import entries_for
    >>> granted = LedgerAward("渝经信规范〔2026〕2号", 2026, "91500000000000001X", "k", 500_000, district="万州区",
    ...                       clause="5", application_id="2026-0001")
    >>> lowered = LedgerAward("渝经信规范〔2026〕2号", 2026, "91500000000000001X", "k", -200_000, district="万州区",
    ...                       clause="5", application_id="2026-0001", corrects=1, basis="异议成立")
    >>> kept = entries_for([granted, lowered], after=0, head="0" * 64, recorded_at="2026-12-01T00:00:00+00:00")
    >>> summed = summarise(kept, policy="渝经信规范(2026)2号")
    >>> [(line.year, line.granted, line.first, line.corrected, line.awards, line.stands) for line in summed.by_year]
    [(2026, 1, 500000, 200000, 1, 300000)]
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from optimizer.ledger.chain import GENESIS, Entry
from optimizer.ledger.store import folded
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
        """What its corrections took off it, less what any of them added back (0 when none, or when it was restored)."""
        return self.first - self.stands

    @property
    def revoked(self) -> bool:
        """Nothing of it stands (as LedgerState.granted leaves it out)."""
        return self.stands <= 0


@dataclass(frozen=True)
class Line:
    """One line of the summary: a year (`key` ""), or one clause, region or district in a year."""

    year: int
    key: str
    granted: int  # awards first granted, the revoked ones among them
    first: int  # what they were first granted at
    revoked: int  # awards revoked
    corrected: int  # what corrections took off (核减, 撤销 among them), net of what raises added back
    awards: int  # awards that stand
    stands: int  # what they stand at: first − corrected
    applicants: int  # credit codes among the awards that stand: in a year's line, each counts once


@dataclass(frozen=True)
class LedgerSummary:
    """One policy's awards among the first `entries` entries of a ledger (the last ending in `head`)."""

    policy: str  # the policy's number as the ledger first recorded it
    years: tuple[int, ...]  # the years summed, in order
    district: str | None  # the one district summed, or None for all
    entries: int
    head: str
    awards: tuple[SummedAward, ...]  # by year, district (in `district_order`), then entry
    by_year: tuple[Line, ...]
    by_clause: tuple[Line, ...]  # by year, then clause (in `clause_order`)
    by_region: tuple[Line, ...]  # by year, then region (in the order of `regions`)
    by_district: tuple[Line, ...]  # by year, then district (in `district_order`)
    by_applicant: tuple[Line, ...]  # every year's (`year` 0) by credit code: the most standing first
    total: Line  # every year's awards (`year` 0): an applicant of two years counts once
    regions: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the grouping of the districts by_region used
    # by year, then by publication (批次) — `key` "1", "2" … in the order the year's runs were published into the
    # ledger (as their 公示 lists are numbered), "" for awards imported under the policy's own number
    by_batch: tuple[Line, ...] = ()

    @property
    def rounds(self) -> bool:
        """Whether a year's awards came in more than one batch (a 第二批, or imported beside a publication)."""
        return len(self.by_batch) > len(self.by_year)

    def region_of(self, district: str) -> str:
        """The region `district` was counted in ("" for none)."""
        return next((region for region, members in self.regions if district in members), "")


def summarise(entries: Sequence[Entry], *, policy: str, years: Collection[int] | None = None,
              district: str | None = None, clause_order: Sequence[str] = (),
              regions: Sequence[tuple[str, Sequence[str]]] = ()) -> LedgerSummary:
    """The awards among `entries` granted under `policy` (its number however its brackets were typed) in `years`
    (every year when None) and `district` (every district when None), each as it stands after every correction
    among `entries`. Clauses are listed in `clause_order`; districts by `regions` — (region, its districts) in
    order — and any other after them in the order of their text, the empty text last."""
    wanted = policy_key(policy)
    district_order = [name for _, members in regions for name in members]
    ranks = _ranks(district_order)
    summed = sorted((SummedAward(entry, amounts[-1], corrections) for entry, amounts, corrections in folded(entries)
                     if policy_key(entry.award.policy) == wanted and (years is None or entry.award.year in years)
                     and (district is None or entry.award.district == district)),
                    key=lambda s: (s.entry.award.year, ranks(s.entry.award.district), s.entry.seq))
    region_of = {name: region for region, members in regions for name in members}
    batch = batches(entries, policy)
    return LedgerSummary(
        policy=next((name for name in policies(entries) if policy_key(name) == wanted), policy),
        years=tuple(sorted({s.entry.award.year for s in summed})), district=district, entries=len(entries),
        head=entries[-1].hash if entries else GENESIS, awards=tuple(summed),
        by_year=tuple(_lines(summed, lambda award: "", _ranks(()))),
        by_clause=tuple(_lines(summed, lambda award: award.clause, _ranks(clause_order))),
        by_region=tuple(_lines(summed, lambda award: region_of.get(award.district, ""),
                               _ranks([region for region, _ in regions]))),
        by_district=tuple(_lines(summed, lambda award: award.district, ranks)),
        by_applicant=tuple(sorted(_lines(summed, lambda award: award.credit_code, _ranks(()), every_year=True),
                                  key=lambda line: (-line.stands, line.key))),
        total=_line(0, "", summed), regions=tuple((region, tuple(members)) for region, members in regions),
        by_batch=tuple(_lines(summed, lambda award: str(batch[(award.year, award.run)]) if award.run else "",
                              lambda key: (int(key or 10**6), key))))


def batches(entries: Iterable[Entry], policy: str) -> dict[tuple[int, str], int]:
    """Each batch of `policy`'s awards, (year, run), numbered within its year in the order recorded: 1, 2 … (the
    first is a year's 第一批, as `publish` numbers its 公示 lists from the second). The awards imported under the
    policy's own number in a year, run "", are one batch of it: made outside budgetopt, before or beside."""
    wanted = policy_key(policy)
    found: dict[tuple[int, str], int] = {}
    per_year: dict[int, int] = {}
    for entry in entries:
        award = entry.award
        key = (award.year, award.run or "")
        if not award.is_correction and key not in found and policy_key(award.policy) == wanted:
            per_year[award.year] = found[key] = per_year.get(award.year, 0) + 1
    return found


def policies(entries: Iterable[Entry]) -> tuple[str, ...]:
    """The policies the ledger's awards were granted under, each named as first recorded, in that order (a policy's
    number however its brackets were typed is one policy)."""
    found: dict[str, str] = {}
    for entry in entries:
        found.setdefault(policy_key(entry.award.policy), entry.award.policy)
    return tuple(found.values())


@dataclass(frozen=True)
class PolicyYear:
    """The awards of one policy in one year that stand, and what they stand at (the ledger page's totals)."""

    policy: str
    year: int
    count: int
    amount: int
    corrections: int = 0  # corrections recorded of its awards (核减、撤销、调增、恢复)


def by_policy_year(entries: Sequence[Entry]) -> list[PolicyYear]:
    """The awards' count and total per policy and year, each award as it stands after its corrections (one revoked
    is not counted), and the number of those corrections; policies in the order first recorded and each named so,
    then years in order."""
    names = {policy_key(name): name for name in policies(entries)}
    found: dict[tuple[str, int], tuple[int, int, int]] = {}
    for entry, amounts, corrections in folded(entries):
        key = (policy_key(entry.award.policy), entry.award.year)
        count, amount, corrected = found.get(key, (0, 0, 0))
        found[key] = (count + (amounts[-1] > 0), amount + amounts[-1], corrected + len(corrections))
    order = list(names)
    ordered = sorted(found.items(), key=lambda item: (order.index(item[0][0]), item[0][1]))
    return [PolicyYear(names[key], year, count, amount, corrected)
            for (key, year), (count, amount, corrected) in ordered]


def _ranks(order: Sequence[str]) -> Callable[[str], tuple[int, str]]:
    """A sort key: the place in `order`, then any text not in it by itself, the empty text last."""
    place = {key: i for i, key in enumerate(order)}
    return lambda key: (place.get(key, len(order) + (not key)), key)


def _lines(summed: Sequence[SummedAward], key: Callable[..., str], rank: Callable[[str], tuple[int, str]], *,
           every_year: bool = False) -> list[Line]:
    """A line per year and key (per key alone, `year` 0, with `every_year`), in year's and then `rank`'s order."""
    groups: dict[tuple[int, str], list[SummedAward]] = {}
    for s in summed:
        groups.setdefault((0 if every_year else s.entry.award.year, key(s.entry.award)), []).append(s)
    ordered = sorted(groups, key=lambda pair: (pair[0], rank(pair[1])))
    return [_line(year, k, groups[(year, k)]) for year, k in ordered]


def _line(year: int, key: str, summed: Sequence[SummedAward]) -> Line:
    standing = [s for s in summed if not s.revoked]
    return Line(year=year, key=key, granted=len(summed), first=sum(s.first for s in summed),
                revoked=len(summed) - len(standing), corrected=sum(s.corrected for s in summed),
                awards=len(standing), stands=sum(s.stands for s in summed),
                applicants=len({s.entry.award.credit_code for s in standing}))
