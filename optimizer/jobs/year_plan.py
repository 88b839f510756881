"""What `plan_years` returns (jobs/plan.py): each split of a two-year total (`Split`) and the plan of them
(`YearPlan`) — the best split, the band about as good and what the splits tried cannot tell, a DataFrame a call away
(`to_frame`, plan.csv's columns), and a repr a notebook shows instead of every award.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

from optimizer.domain import Problem, Status
from optimizer.errors import InputError
from optimizer.jobs.allocate import Allocation
from optimizer.jobs.inputs import Amount, read_lang
from optimizer.jobs.sweep import levels_said
from optimizer.money import format_decimal, said_amount
from optimizer.report.limits import budget_marginal
from optimizer.report.units import YI
from optimizer.results import AllocationResult, ConstraintUse, warnings_said
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import Scenario, read_budget
from optimizer.solving.model import RowKind
from optimizer.words import Phrase, brief

if TYPE_CHECKING:
    import pandas as pd

NEAR_BEST = 100_000  # a split is near the best when worth less by no more than 10万 of budget buys at the funding line


@dataclass(frozen=True, repr=False)
class Split:
    """One split of the total: the first year's budget and the second's, each year's allocation (None where that year
    could not be solved: `notes` say why; the second is not solved without the first), and both valued under the
    plan's common weights (`valued`, None unless both were solved)."""

    first_budget: int
    second_budget: int
    first: Allocation | None
    second: Allocation | None
    valued_first: Decimal | None = None
    valued_second: Decimal | None = None
    notes: tuple[Phrase, ...] = ()

    @property
    def solved(self) -> bool:
        return self.first is not None and self.second is not None

    @property
    def valued(self) -> Decimal | None:
        """Σ weight × score × yuan over both years, the weights those the plan values by."""
        if self.valued_first is None or self.valued_second is None:
            return None
        return self.valued_first + self.valued_second

    @property
    def period_caps(self) -> tuple[ConstraintUse, ...]:
        """The period caps (`[applicants] max_period_total`) that bind in the second year, each labelled by its
        credit code; `.earlier` is what the first year's awards (and the ledger's) took of it — 0 for one that binds
        as a cap of the second year alone."""
        if self.second is None:
            return ()
        return tuple(c for c in self.second.constraints if c.kind is RowKind.PERIOD and c.binding)

    def __repr__(self) -> str:  # a notebook shows this, not every award
        head = f"<Split {_en(self.first_budget)} + {_en(self.second_budget)}"
        if self.first is None or self.second is None:
            said = brief(self.notes[0].text()) if self.notes else ""
            return f"{head}: no solution: {said}>"
        assert self.valued is not None
        return (f"{head}: valued {format_decimal(self.valued)}; allocated {self.first.allocated:,} + "
                f"{self.second.allocated:,} yuan; funded {self.first.count(Status.FUNDED)} + "
                f"{self.second.count(Status.FUNDED)}; {_caps_said(self.period_caps)}>")


@dataclass(frozen=True, repr=False)
class YearPlan:
    """A two-year total split between the years at each of several first-year budgets (lowest first), with both
    years' allocations and their value under common weights — a DataFrame a call away. `warnings` are the inputs'
    and the ledger's, as allocate's are. `near_best`: the first-year budgets worth about as much as the best, within
    what `tolerance` yuan more of the first year's budget buys at the best split's funding line; `band_at_edge`,
    `best_at_edge` and `band_limited_by_step` say where the splits tried cannot tell more. `refine`: the finer step
    asked for around the best (0: none); `refined`, the first-year budgets from and to which every `refine` was solved
    — beside the best at first, then out past an end of the band the finer splits did not reach; None where it added
    no split — and `widened`, how many times it went further out. `ends_within` says to within how much each end of
    the band is known."""

    total: int
    first: Scenario
    second: Scenario
    value_under: Scenario  # whose weights value both years
    splits: tuple[Split, ...]
    policy: Policy | None = field(default=None, compare=False)
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    tolerance: int = NEAR_BEST  # yuan of the first year's budget: how much less than the best is near it
    refine: int = 0  # yuan between the splits added around the best after the others (0: not refined)
    refined: tuple[int, int] | None = None  # the lowest and highest first-year budget every `refine` between was
    # solved (None: refining added no split)
    widened: int = 0  # how many times refining went further out, to reach an end of the band

    @property
    def best(self) -> Split | None:
        """The split valued highest; of equals, the one with the smaller first-year budget. None when no split was
        solved in both years."""
        solved = [(s.valued, -s.first_budget, i) for i, s in enumerate(self.splits) if s.valued is not None]
        return self.splits[max(solved)[2]] if solved else None

    @property
    def single(self) -> bool:
        """Whether the plan tried one split only: nothing to compare it with — `best` is that split, but the frame
        marks it neither best nor about as good, nor how far from the best it is."""
        return len(self.splits) == 1

    @property
    def marginal(self) -> Decimal | None:
        """What one more yuan of the first year's budget buys at the best split's funding line: its budget's marginal
        value, a weighted score in the first year's own weights. None where that budget does not bind, or when no
        split was solved in both years."""
        best = self.best
        return None if best is None or best.first is None else budget_marginal(best.first.constraints)

    @property
    def near_margin(self) -> Decimal | None:
        """How much less than the best a split may be worth and still be near it: what `tolerance` yuan of the first
        year's budget buys at the best split's funding line (`marginal`; 0 where that budget does not bind: only
        splits of equal value are near). None when no split was solved in both years."""
        if self.best is None:
            return None
        return Decimal(self.tolerance) * (self.marginal or 0)

    @property
    def rough(self) -> bool:
        """Whether the band is only a rough guide: both years are valued under weights other than the first year's
        (`value_under`), while `near_margin` is the first year's marginal value, in its own weights."""
        return self.value_under.weights != self.first.weights

    def is_near_best(self, split: Split) -> bool:
        """Whether `split` is worth no less than the best's value less `near_margin` (the best itself is)."""
        best, margin = self.best, self.near_margin
        if best is None or best.valued is None or margin is None or split.valued is None:
            return False
        return best.valued - split.valued <= margin

    def below_best_in_budget(self, split: Split) -> int | None:
        """How much less than the best `split` is worth, said in yuan of first-year budget: its distance from the best
        divided by `marginal` (half to even). None where it was not solved or the best's first-year budget does not
        bind."""
        best, marginal = self.best, self.marginal
        if best is None or best.valued is None or split.valued is None or not marginal:
            return None
        return int(((best.valued - split.valued) / marginal).to_integral_value(ROUND_HALF_EVEN))

    @property
    def near_best(self) -> tuple[int, int] | None:
        """The lowest and the highest first-year budget of the splits near the best (`is_near_best`): the band in
        which the split hardly matters. A split inside it may fall outside where the value jumps; a band that
        reaches the first or last split may go on beyond the splits tried (`band_at_edge`). None when no split was
        solved."""
        near = [s.first_budget for s in self.splits if self.is_near_best(s)]
        return (min(near), max(near)) if near else None

    @property
    def band_at_edge(self) -> str | None:
        """"low", "high" or "both" where the band reaches the lowest or the highest split solved — so that it may go
        on beyond the splits tried — unless that split is 0 or the whole total (nothing lies beyond). None where it
        does not, or fewer than two splits were solved."""
        return self._edge(self.near_best)

    @property
    def best_at_edge(self) -> str | None:
        """"low" or "high" where the best split is the lowest or the highest split solved (neither 0 nor the total):
        a better split may lie beyond the splits tried. None where it is not, or fewer than two splits were solved."""
        best = self.best
        return None if best is None else self._edge((best.first_budget, best.first_budget))

    def _edge(self, band: tuple[int, int] | None) -> str | None:
        solved = [s.first_budget for s in self.splits if s.valued is not None]
        if band is None or len(solved) < 2:
            return None
        low = band[0] == solved[0] and solved[0] > 0
        high = band[1] == solved[-1] and solved[-1] < self.total
        return "both" if low and high else "low" if low else "high" if high else None

    @property
    def band_limited_by_step(self) -> bool:
        """Whether the band is the best split alone only because the splits are far apart: the nearest other split
        solved is more than `tolerance` away (`nearest_other`), so that a finer step around the best may find splits
        about as good (where the splits beside it are nearer, the top is that sharp)."""
        gap, band = self.nearest_other, self.near_best
        return gap is not None and gap > self.tolerance and band is not None and band[0] == band[1]

    @property
    def band_edge_gaps(self) -> tuple[int | None, int | None] | None:
        """How far each end of the band is from the next split solved beyond it (None: none beyond — band_at_edge):
        the band's true end lies within that. After `refine`, an end farther than the finer step from the next split
        is known only to the coarse step (a planner's review: 1.9亿, with 1.8亿 1000万 below, under "100万 apart")."""
        band = self.near_best
        if band is None:
            return None
        solved = [s.first_budget for s in self.splits if s.valued is not None]
        below, above = [b for b in solved if b < band[0]], [b for b in solved if b > band[1]]
        return (band[0] - below[-1] if below else None, above[0] - band[1] if above else None)

    @property
    def nearest_other(self) -> int | None:
        """How far from the best's first-year budget the nearest other split solved is (None: no other was solved)."""
        best = self.best
        gaps = [] if best is None else [abs(s.first_budget - best.first_budget) for s in self.splits
                                         if s.valued is not None and s is not best]
        return min(gaps) if gaps else None

    def split(self, first_budget: Amount) -> Split:
        """The split whose first year has this budget (100000000, "1亿"); InputError listing the splits when there is
        none."""
        wanted = read_budget(first_budget, "first_budget")
        found = next((s for s in self.splits if s.first_budget == wanted), None)
        if found is None:
            raise InputError.one("first_budget", Phrase.of("plan.no_split", budget=said_amount(wanted),
                                                           splits=levels_said([s.first_budget for s in self.splits])))
        return found

    def to_frame(self, lang: str = "zh") -> pd.DataFrame:
        """One row per split, in whole yuan: the two budgets; `valued` (both years under the common weights), each
        year's part of it, `below_best` (how much less than the best split's) and `below_best_in_budget` (that in
        yuan of first-year budget: `below_best_in_budget()`); each year's own objective, amount available and
        allocated, `unspent` (what a year could not use: its demand, under its limits, ran out), FUNDED and PARTIAL
        counts and marginal value of its budget (weighted score per yuan, in that year's weights: its budget's dual,
        as Allocation.constraints gives it); `valued_step`, what each yuan moved to the first year up to the next
        split gains in common units (a weighted score, as the marginals are); the period caps that bind in the second
        year — how many, how many of them with earlier awards counted (the first year's, the ledger's), and whose;
        `best`; and a split's `note` in Chinese, or English with lang="en". Values and objectives are rounded to
        whole numbers here (Int64), exact Decimals on the splits. `near_best` marks the splits worth within
        `near_margin` of the best. Where nothing is compared (`single`: one split tried), `best`, `near_best`,
        `below_best` and `below_best_in_budget` are empty (an officer's review: plan.xlsx of one split called it the
        best and about as good)."""
        import pandas as pd

        language = read_lang(lang)
        rows = [_row(self, i, language) for i in range(len(self.splits))]
        frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
        counts = ["valued", "valued_first", "valued_second", "below_best", "below_best_in_budget", "objective_first",
                  "objective_second", "available_first", "available_second", "allocated_first", "allocated_second",
                  "unspent_first", "unspent_second", "funded_first", "funded_second", "partial_first",
                  "partial_second"]
        floats = ["marginal_first", "marginal_second", "valued_step"]
        return frame.astype({**{c: "Int64" for c in counts}, **{c: "float64" for c in floats},
                             "period_caps_binding": "int64", "period_caps_carried": "int64", "best": "boolean",
                             "near_best": "boolean"})

    def __repr__(self) -> str:  # a notebook shows this, not every split's awards
        budgets = [s.first_budget for s in self.splits]
        unsolved = sum(1 for s in self.splits if not s.solved)
        best = self.best
        said = "" if best is None or best.valued is None else (
            f"; best {_en(best.first_budget)} + {_en(best.second_budget)}, valued {format_decimal(best.valued)}")
        tried = _en(budgets[0]) if len(budgets) == 1 else f"{_en(budgets[0])} to {_en(budgets[-1])}"
        return (f"<YearPlan {self.first.year} + {self.second.year}, {_en(self.total)} in all: "
                f"{_count(len(budgets), 'split')}, {tried} in {self.first.year}{self._finer()}"
                f"{f', {unsolved} without a solution' if unsolved else ''}{said}"
                f"{self._band()}{warnings_said(self.warnings)}>")

    def _finer(self) -> str:
        """Where the repr says the plan was refined: ` (100万 apart from 1.9亿 to 2.1亿)`, or that refining added no
        split (`refined` None: the splits beside the best no farther apart than `refine`)."""
        if not self.refine:
            return ""
        if self.refined is None:
            return f" (refine {_en(self.refine)} added no split: the splits beside the best are no farther apart)"
        return f" ({_en(self.refine)} apart from {_en(self.refined[0])} to {_en(self.refined[1])})"

    def _band(self) -> str:
        """The band as the repr says it: `; near best (within what 10万 more of 2026's budget buys): 1.98亿 to 2.04亿`,
        or `…: 2亿 only, the nearest other split 1000万 away: try a finer step`, and what may lie beyond the splits
        tried."""
        band = self.near_best
        if band is None:
            return ""
        low, high = (_en(b) for b in band)
        year = self.first.year
        within = (f"within what {_en(self.tolerance)} more of {year}'s budget buys" if self.marginal else
                  f"of equal value: {year}'s budget is not all spent at the best")
        rough = ", roughly: valued under other weights" if self.rough and self.marginal else ""
        said = f"{low} to {high}" if low != high else f"{low} only"
        if self.band_limited_by_step:
            said += f", the nearest other split {_en(self.nearest_other or 0)} away: try a finer step"
        return f"; near best ({within}{rough}): {said}{self._ends()}{self._beyond()}"

    @property
    def ends_within(self) -> tuple[int | None, int | None]:
        """(low, high): to within how much each end of the band is known — the distance to the next split solved
        beyond it: a finer step may move the end by up to that much, either way, since it may move the best and the
        band with it (an officer's review: 1.98亿–2.04亿 at 100万 steps read as settled; a 10万 grid made it
        1.981亿–2.048亿). None for an end with no split beyond
        (`band_at_edge`); both None where the band is the best alone for a coarse step (`band_limited_by_step` says
        that) or no split was solved. `coarse_ends` are those farther than `refine`."""
        gaps = self.band_edge_gaps
        if gaps is None or self.band_limited_by_step:
            return (None, None)
        return gaps

    @property
    def coarse_ends(self) -> tuple[int | None, int | None]:
        """(low, high): each end of a refined plan's band that the finer splits did not reach — the next split tried
        beyond it farther than `refine` — with that distance, to which alone the end is known; None for an end that
        is not (and both None unless refined, or where the band is the best alone for a coarse step)."""
        if not self.refine:
            return (None, None)
        low, high = (gap if gap is not None and gap > self.refine else None for gap in self.ends_within)
        return (low, high)

    @property
    def fine_ends(self) -> tuple[int | None, int | None]:
        """(low, high): `ends_within` but for the `coarse_ends` — the ends known to within the step they were
        measured at."""
        low, high = (None if coarse is not None else gap
                     for gap, coarse in zip(self.ends_within, self.coarse_ends, strict=True))
        return (low, high)

    def _ends(self) -> str:
        """What the repr says of how far the band's ends are known: ` (its ends to within 100万)`, ` (its low end to
        within 100万; its high end only to within 1000万: refine around it)`."""
        coarse, fine = self.coarse_ends, self.fine_ends
        if coarse == (None, None) and fine[0] is not None and fine[0] == fine[1]:
            return f" (its ends to within {_en(fine[0])})"
        said = []
        for end, far, near in zip(("low", "high"), coarse, fine, strict=True):
            if far is not None:
                said.append(f"its {end} end only to within {_en(far)}")
            elif near is not None:
                said.append(f"its {end} end to within {_en(near)}")
        refine = ": refine around it" if coarse != (None, None) else ""
        return f" ({'; '.join(said)}{refine})" if said else ""

    def _beyond(self) -> str:
        """What the repr says when the best, or the band, reaches an end of the splits tried."""
        where = {"low": ("lowest", "below"), "high": ("highest", "above")}
        if (edge := self.best_at_edge) is not None:
            return f"; the best is the {where[edge][0]} split tried: a better one may lie {where[edge][1]}"
        edge = self.band_at_edge
        if edge == "both":
            return "; the band reaches the lowest and the highest split tried: it may go on beyond"
        if edge is None:
            return ""
        return f"; the band reaches the {where[edge][0]} split tried: it may go on {where[edge][1]}"


def in_yi(amount: int) -> tuple[str, str]:
    """An amount of a plan's answer, (Chinese, English): from 1亿 up in 亿, exactly, with as many decimals as it
    takes (an officer's review: `20370万元` beside `2.02亿–2.04亿元` read as another kind of figure); below 1亿 as
    `said_amount` says it. The repr and the app's pages say a plan's amounts so.

    >>> in_yi(203_700_000), in_yi(203_000_000), in_yi(95_000_000), in_yi(9_000)
    (('2.037亿元', '2.037亿'), ('2.03亿元', '2.03亿'), ('9500万元', '9500万'), ('9,000元', '9,000 yuan'))
    """
    if abs(amount) < YI:
        return said_amount(amount)
    shown = f"{format_decimal(Decimal(amount) / YI)}亿"
    return f"{shown}元", shown


def _en(amount: int) -> str:
    """An amount as the repr says it: `2.037亿`, `9500万`, `9,000 yuan`."""
    return in_yi(amount)[1]


def _count(number: int, noun: str) -> str:
    """`1 split`, `3 splits`."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


FRAME_COLUMNS = ("first_budget", "second_budget", "valued", "valued_first", "valued_second", "below_best",
                 "below_best_in_budget", "objective_first", "objective_second", "available_first", "available_second",
                 "allocated_first", "allocated_second", "unspent_first", "unspent_second", "funded_first",
                 "funded_second", "partial_first", "partial_second", "marginal_first", "marginal_second",
                 "valued_step", "period_caps_binding", "period_caps_carried", "period_caps", "best", "near_best",
                 "note")


def _row(plan: YearPlan, index: int, lang: str) -> dict[str, Any]:
    split = plan.splits[index]
    one, two = split.first, split.second
    best = None if plan.best is None else plan.best.valued
    caps = split.period_caps
    compared = not plan.single  # one split tried: no best, none near it or short of it
    return {
        "first_budget": split.first_budget, "second_budget": split.second_budget,
        "valued": _whole(split.valued), "valued_first": _whole(split.valued_first),
        "valued_second": _whole(split.valued_second),
        "below_best": None if best is None or split.valued is None or not compared else _whole(best - split.valued),
        "below_best_in_budget": plan.below_best_in_budget(split) if compared else None,
        "objective_first": None if one is None else _whole(one.objective),
        "objective_second": None if two is None else _whole(two.objective),
        "available_first": None if one is None else one.available,
        "available_second": None if two is None else two.available,
        "allocated_first": None if one is None else one.allocated,
        "allocated_second": None if two is None else two.allocated,
        "unspent_first": None if one is None else one.available - one.allocated,
        "unspent_second": None if two is None else two.available - two.allocated,
        "funded_first": None if one is None else one.count(Status.FUNDED),
        "funded_second": None if two is None else two.count(Status.FUNDED),
        "partial_first": None if one is None else one.count(Status.PARTIAL),
        "partial_second": None if two is None else two.count(Status.PARTIAL),
        "marginal_first": _marginal(one), "marginal_second": _marginal(two),
        "valued_step": _step(plan.splits, index),
        "period_caps_binding": len(caps),
        "period_caps_carried": sum(1 for c in caps if c.earlier),
        "period_caps": _caps_named(two, caps, lang),
        "best": split is plan.best if compared else None,
        "near_best": plan.is_near_best(split) if compared else None,
        "note": ("；" if lang == "zh" else "; ").join(note.text(lang) for note in split.notes),
    }


def _caps_said(caps: Sequence[ConstraintUse]) -> str:
    carried = sum(1 for c in caps if c.earlier)
    return f"{len(caps)} period caps binding ({carried} with earlier awards)"


def _whole(value: Decimal | None) -> int | None:
    """A value or an objective to the whole number (half to even), as a frame shows it."""
    return None if value is None else int(value.to_integral_value(ROUND_HALF_EVEN))


def _marginal(result: AllocationResult | None) -> float | None:
    """The budget's marginal value — what the next yuan buys, in weighted score (how-it-decides.md); None where the
    year was not solved or its budget does not bind."""
    value = None if result is None else budget_marginal(result.constraints)
    return None if value is None else float(value)


def _step(splits: Sequence[Split], index: int) -> float | None:
    """(valued at the next split − valued here) ÷ the yuan moved to the first year between them: what a yuan moved
    gains in common units, a weighted score as the marginal values are."""
    if index + 1 >= len(splits):
        return None
    here, there = splits[index], splits[index + 1]
    if here.valued is None or there.valued is None:
        return None
    return float((there.valued - here.valued) / (there.first_budget - here.first_budget))


def _caps_named(result: Allocation | None, caps: Sequence[ConstraintUse], lang: str) -> str:
    """The applicants whose period cap binds, each as its first application in `result` names it, with what earlier
    awards took of the cap where they took some: `重庆甲公司（此前已获100万元）`, `重庆甲公司 (100万 earlier)`."""
    if result is None:
        return ""
    named: dict[str, str] = {}
    for award in result.awards:
        named.setdefault(award.credit_code, award.applicant)
    zh = [named.get(c.label, c.label) + (f"（此前已获{said_amount(c.earlier)[0]}）" if c.earlier else "") for c in caps]
    en = [named.get(c.label, c.label) + (f" ({said_amount(c.earlier)[1]} earlier)" if c.earlier else "") for c in caps]
    return "、".join(zh) if lang == "zh" else ", ".join(en)
