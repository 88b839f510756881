"""What each step of a sweep buys, in a planner's words: from one budget level to the next, how much more money is
allocated, who enters, grows, leaves or shrinks, and the weighted score (weight × score) that money goes to —
"the next 1000万 funds these 5 applications (average weighted score 97)".

The objective is Σ weight × score × award (yuan), so (objective gained) ÷ (yuan added) is the weighted score of the
added money, averaged by amount: a number a planner can compare with the scores of the applications themselves,
where the objective itself (e.g. 18,497,016,561) looks like money and is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from optimizer.money import said_amount
from optimizer.report.units import amount_text, say, score_text
from optimizer.results import Change, Level, SweepResult

NAMES_SHOWN = 5  # applicants named in a step's sentence; the funding line lists them all
KNEE_DROP = 0.10  # a fall in the weighted score bought, relative to the step before, that is worth pointing out


@dataclass(frozen=True)
class Step:
    """From level `low` to level `high` of a sweep."""

    low: int
    high: int
    feasible: bool  # both levels solved
    added: int  # yuan more allocated at `high` than at `low`
    gained: Decimal  # objective gained
    changes: tuple[Change, ...]

    @property
    def score(self) -> float | None:
        """The weighted score the added money goes to, averaged by amount; None when no money is added."""
        return float(self.gained / self.added) if self.feasible and self.added > 0 else None

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


def steps(sweep: SweepResult) -> list[Step]:
    """Every step between consecutive levels, lowest first."""
    found = []
    for i in range(len(sweep.levels) - 1):
        here, there = sweep.levels[i].allocation, sweep.levels[i + 1].allocation
        feasible = here is not None and there is not None
        added = there.allocated - here.allocated if here is not None and there is not None else 0
        gained = there.objective - here.objective if here is not None and there is not None else Decimal(0)
        found.append(Step(sweep.levels[i].budget, sweep.levels[i + 1].budget, feasible, added, gained,
                          sweep.changes(i)))
    return found


def level_text(yuan: int, lang: str) -> str:
    """A budget level as a planner writes it: `5000万元`, `1.5亿元` (`5000万`, `1.5亿` in English); exact."""
    zh, en = said_amount(yuan)
    return zh if lang == "zh" else en


def step_sentence(step: Step, lang: str, names: int = NAMES_SHOWN) -> str:
    """What the step buys: `再增加5000万元（5000万元→1亿元）：新资助这5项申报：甲、乙…（多分配5,000.00万元，按金额平均
    加权评分约97）`."""
    low, high = level_text(step.low, lang), level_text(step.high, lang)
    more = level_text(step.high - step.low, lang)
    if not step.feasible:
        return say("report.sweep.step_infeasible", lang, low=low, high=high)
    score = step.score
    if score is None:
        return say("report.sweep.step_nothing", lang, low=low, high=high, step=more)
    return say("report.sweep.step", lang, low=low, high=high, step=more, buys=_buys(step, lang, names),
               score=score_text(score), added=amount_text(step.added, lang))


def _buys(step: Step, lang: str, names: int) -> str:
    parts: list[str] = []
    entering = [c for c in step.changes if c.kind == "enters"]
    if entering:
        listed = [c.applicant for c in entering[:names]]
        rest = len(entering) - len(listed)
        shown = "、".join(listed) if lang == "zh" else ", ".join(listed)
        if rest:
            shown += say("report.sweep.and_more", lang, count=rest)
        parts.append(say("report.sweep.enters_one" if len(entering) == 1 else "report.sweep.enters", lang,
                         count=len(entering), names=shown))
    for kind in ("grows", "leaves", "shrinks"):
        count = step.count(kind)
        if count:
            parts.append(say(f"report.sweep.{kind}_one" if count == 1 else f"report.sweep.{kind}", lang, count=count))
    if not parts:
        return say("report.sweep.no_change", lang)
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


@dataclass(frozen=True)
class Knee:
    """Where the weighted score the next money buys falls most: after level `at`, from `before` to `after`."""

    at: int
    index: int  # of the step after the fall
    before: float
    after: float


def knee(found: Sequence[Step]) -> Knee | None:
    """The level after which the next money buys markedly less: the largest fall in the weighted score bought from
    one step to the next, if it is at least KNEE_DROP of the score before it and at least twice any other fall."""
    scores = [(i, s.score) for i, s in enumerate(found) if s.score is not None]
    falls = [(before - after, i, before, after) for (_, before), (i, after) in pairwise(scores)]
    falls = sorted((f for f in falls if f[0] > 0), reverse=True)
    if not falls:
        return None
    drop, index, before, after = falls[0]
    if drop < KNEE_DROP * before or (len(falls) > 1 and drop < 2 * falls[1][0]):
        return None
    return Knee(found[index].low, index, before, after)


def score_range(found: Sequence[Step]) -> tuple[float, float] | None:
    scores = [s.score for s in found if s.score is not None]
    return (min(scores), max(scores)) if scores else None


def level_score(level: Level) -> float | None:
    """The weighted score the next yuan at this level would fund: the budget's marginal value (LP, integer
    choices fixed); None when the level is infeasible or the budget does not bind."""
    marginal = level.marginal_per_wan
    return None if marginal is None else marginal / 10_000
