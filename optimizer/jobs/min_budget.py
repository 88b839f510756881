"""The least budget that funds a chosen set of applications, the targets (docs/planning.md, What is the least
budget that funds …?).

1. The scenario is solved once at a budget so high that no limit which grows with the budget binds — the budget
   itself, a district's share, an envelope's share — or at `high`. The targets funded there are the goal. A target
   not funded there is held back by something money does not raise (an envelope's or an applicant's cap,
   ineligibility, 就高、不重复: its reason there names it; at a `high` given, it may be the budget itself: `warnings`
   names those) — or by other applications under a cap it shares, which a smaller budget may not fund.
2. The budget is bisected in whole multiples of the precision, each budget solved to proven optimality exactly as
   allocate would (budget_search.py), for one at which the goal is funded while one precision less is not.
3. Funding need not grow with the budget: at the funding line, and under a cap several applications share, whole
   awards swap, so a budget below the bisection's may fund the goal too (a planner's review found 11 of 26 goals
   so). When a larger budget funds fewer (the `gaps`, 5.), budgets below the one found are probed (budget_search.py):
   at doubling distances down to what the goal's entitlements need, and evenly spaced, every w below it (w the
   stretch from it up that the budgets solved fund without a break) until FINE_PROBES in a row do not fund the goal;
   a smaller one that does is bisected again, and below it the probing goes on, up to PROBE_ROUNDS rounds
   (`exhausted`: stopped at that limit, still finding smaller ones). That is the least found, not proven. With
   `prove`, every budget below it is then settled by a proof (budget_search.py), the nearest first: stretches of
   budgets at once, by two worths that grow with the budget, single budgets allocated where those do not settle
   them; a budget found to fund the goal becomes the answer. It is then the least, proven (`proven`) — unless the
   proof reached its limit of solves first (`settled`: from which budget up it settled every one). `bisected` keeps
   the bisection's answer when a smaller one was found.
4. The budget found is allocated by `allocate`, as any run at that budget is (ready to write and verify), and must
   fund the goal. The reachable targets are those it funds: the goal, and any target a cap it shares with other
   applications held back at the high budget but not at this one. The others are `blocked`; one funded at some
   budget solved is named in `elsewhere` with the least such budget.
5. Budgets above the one found are solved at doubling distances (one precision more, two, four, …, and the high
   budget); those that do not fund every reachable target are the `gaps` (`monotone` is False): a larger budget may
   fund a target out again. The budgets solved from the one found up that fund every reachable target are its
   `windows`, runs unbroken by a budget solved that does not; a budget between two solved was not tried.
6. When one precision less misses only a few of the goal (at most three), those set the budget (`setting`): the
   least budget for the goal without them is found (and with `prove`, proven) the same way (`without`). In full
   (`full`), a target one precision less leaves short by no more than the rounding unit is named in
   `rounding_short`: it is not funded in full there, but nearly.
7. A blocked target that some budget solved funds is named in `elsewhere` (whole awards swapped under a cap —
   2026-0060 of the sample, in full, is funded only between about 6925万 and 17078万). With `prove`, each of them,
   alone, gets its least budget proven as the budget is (3.), from the least budget solved that funds it, every
   proof sharing one limit of solves (`elsewhere_least`): the target whose least budget found so far is the smallest
   first (ties in workbook order) — a proof allocates budgets below its own start, which may fund the next target
   lower than the search saw. When no target is funded at the high budget, there is no budget found (`budget` is
   then the least the scenario can be solved at, `allocation` there); before those, the targets funded together at
   the least budget `elsewhere` names, the `elsewhere_goal`, get theirs proven together: `elsewhere_proven`, proven
   unless the proof stopped first (`elsewhere_settled`).

8. When the budget found leaves out targets funded at other budgets (`elsewhere`), the question asked was maybe all
   of them: the least budget solved funding every target funded anywhere (`together_ids`) is `together`, and with
   `prove` it is proven least from there down as the budget is (`together_proven`, else `together_settled`; None:
   no budget solved funds them all together). With `high` given, a blocked target held there only by money (the
   `warnings`) may be funded below it: the FINE_PROBES budgets one precision apart just below `high`, then budgets at
   doubling distances below it, are solved until each such target is funded at one (about 30 solves at 1万 under
   1亿), so that `elsewhere` names it; a target still not funded is said not funded at `high` nor at any budget
   solved (`budgets_solved`), not "not within" `high`: a budget between those solved may fund it (a window narrower
   than the probes' steps: 2026-0060 in full is funded at 6940万–6960万, under 7130万 the probes solve 6970万 and
   then 6810万). With `prove`, each such target then gets its own proof from `high` down, alone, as those of
   `elsewhere` do: it finds the window and proves its least (`elsewhere_least`), or proves no budget below `high`
   funds it, or says how far it settled (`unfound_below`).

The proofs share one limit of solves, in this order: the budget's (or, when no target is funded at the high budget,
the `elsewhere_goal`'s), `together`'s, `without`'s, each target's of `elsewhere` (7.), then each target's a `high`
given holds back only by money that no budget solved funds (8.). A proof that settled nothing below its budget —
it never began (the limit reached, or StopProof raised, before it), or stopped first — is said so ("least found so
far; its proof settled nothing below it"): its settled value is None, and its target is left out of
`elsewhere_least`.

A caller stops a proof between two solves by raising StopProof from `progress`: every proof then ends as at its
limit of solves (`stopped`), the rest of the search goes on. A proof that stopped with every budget settled down to
the least the scenario can be solved at (the search found one step below cannot be) is proven all the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from optimizer.domain import Applications, Award, Entitlement, Problem, Reason
from optimizer.errors import SolverError
from optimizer.jobs.allocate import Allocation, allocate
from optimizer.jobs.budget_search import BudgetSearch, Least, funded_ids
from optimizer.jobs.budget_search import StopProof as StopProof  # raised by a caller's progress to stop a proof
from optimizer.jobs.goal_args import chosen_ids, in_row_order, listed, proof_limit, read_precision, targets_of
from optimizer.jobs.goal_aside import each_least, funded_aside
from optimizer.jobs.inputs import Amount, LedgerSource, PolicySource, ledger_of, policy_of, read_inputs, read_lang
from optimizer.money import MAX_AMOUNT, ceil_yuan, said_amount
from optimizer.reading.applications import ApplicationSource
from optimizer.reading.guard import FileLimits
from optimizer.report.allocation_csv import award_reasons
from optimizer.results import warnings_said
from optimizer.rules.entitle import entitle
from optimizer.rules.scenario import Scenario, ScenarioSource, read_budget
from optimizer.solving.model import RowKind
from optimizer.words import Phrase, few

if TYPE_CHECKING:
    import pandas as pd

Fund = Callable[[Any], object] | Iterable[str] | str  # a test of one row of the allocation frame, or ids

COLUMNS = ("application_id", "applicant", "clause", "score", "status", "allocated", "reachable", "sets_budget",
           "status_at_high", "allocated_at_high", "reason_at_high", "elsewhere", "elsewhere_proven_least")
SETTING_MOST = 3  # the most targets one precision less may miss for `setting` and `without` to be worked out
LIMITS = frozenset(kind.value for kind in RowKind) | frozenset(f"{kind.value}_after" for kind in RowKind)
GROWING = frozenset({"budget", "budget_after", "district_share", "district_share_after"})  # and an envelope's share


@dataclass(frozen=True, repr=False)
class BudgetGoal:
    """The least budget found that funds every reachable target (with `prove`, proven least: `proven`), its
    allocation, and the other targets (`blocked`), each with its award at the high budget, which says why; those of
    them some budget solved funds are in `elsewhere` (a `high` given: below it — the targets money alone holds there
    are looked for at budgets below it too, the module's docstring, 8.). When the budget found leaves out targets
    funded at other budgets, `together` is the least budget found funding them all at once (`together_ids`). A
    notebook shows it in one line.

    When no target is funded at the high budget (`reachable` empty: the repr says "no budget found"), `budget` is the
    least budget the scenario can be solved at and `allocation` the allocation there, which funds none of the
    targets; `to_frame()["status"]` is theirs at that budget. The budgets that fund some of them are in `elsewhere`
    and, with `prove`, `elsewhere_least` and `elsewhere_proven`: allocate at one of them for its allocation."""

    budget: int  # whole yuan, a multiple of `precision`
    allocation: Allocation  # at `budget`, as allocate gives it
    targets: tuple[str, ...]  # the application ids chosen, in workbook order
    reachable: tuple[str, ...]  # the targets `allocation` funds (all those funded at the high budget among them)
    blocked: tuple[Award, ...]  # the other targets' awards at the high budget: their reasons name what holds them
    full: bool  # True: funded means FUNDED (in full); False: FUNDED or PARTIAL
    precision: int
    high: int  # the budget reachability was judged at
    solves: int  # the problems solved: the budgets allocated (the confirming allocate included) and the proofs' worths
    gaps: tuple[int, ...] = ()  # budgets above `budget`, solved, that do not fund every reachable target
    elsewhere: tuple[tuple[str, int], ...] = ()  # blocked targets funded at some budget solved: the least such
    at_high: tuple[Award, ...] = ()  # every target's award at the high budget, in the order of `targets`
    high_given: bool = False  # `high` was given: a blocked target is not funded within it, maybe above it
    setting: tuple[str, ...] = ()  # the few targets one precision less than `budget` does not fund
    without: int | None = None  # the least budget found for the targets funded at `high` but `setting`
    bisected: int | None = None  # the budget the bisection found, when the probing or the proof found a smaller one
    warnings: tuple[Problem, ...] = ()  # the goal's own (the allocation's are `allocation.warnings`)
    least_solvable: bool = False  # one precision less cannot be solved at all: the scenario's floor, not the goal's
    windows: tuple[tuple[int, int], ...] = ()  # the budgets solved from `budget` up funding every reachable target:
    # (least, greatest) of each run that no budget solved between them breaks; the first starts at `budget`. Budgets
    # between two solved were not tried: one may not fund the goal (a planner found 18474万 short, inside a window)
    exhausted: bool = False  # the probing below stopped at its limits while still finding smaller budgets (only
    # when not `proven`)
    rounding_short: tuple[tuple[str, int], ...] = ()  # in full: reachable targets one precision less leaves short by
    # no more than the scenario's rounding unit, with how much (yuan)
    proven: bool = False  # every multiple of `precision` below `budget` proven not to fund the reachable targets:
    # the least (with a proof asked, True too at `least_solvable`: nothing smaller can be solved). False where a proof
    # was asked but had nothing to prove (`nothing_to_prove`)
    settled: int | None = None  # when not `proven`: the least budget from which every one up to `budget` is proven
    # not to fund them (the proof stopped at its limit of solves below it); None: nothing settled (no proof asked,
    # or its proof never began or settled no budget below `budget`)
    without_proven: bool = True  # False: `without` is the least found, its proof stopped at its limit (or on request)
    proof_solves: int = 0  # of `solves`, those the proofs made (`prove`: a number limits these, not `solves`)
    nothing_to_prove: bool = False  # a proof was asked, but no target is funded at the high budget (and none at
    # another budget solved): none was made
    elsewhere_goal: tuple[str, ...] = ()  # with `prove`, when no target is funded at the high budget but some at
    # another budget solved (`elsewhere`): those funded together at the least such budget, the goal of that proof
    elsewhere_proven: int | None = None  # the least budget found funding every one of `elsewhere_goal`: proven least
    # (every smaller multiple of `precision` settled) unless `elsewhere_settled`
    elsewhere_settled: int | None = None  # that proof stopped before proving it: every budget from this one up to
    # `elsewhere_proven` settled (None: proven — `elsewhere_goal_proven` — or nothing settled)
    stopped: bool = False  # a proof ended because the caller raised StopProof, not at its limit of solves
    elsewhere_least: tuple[tuple[str, int, int | None], ...] = ()  # with `prove`: each target of `elsewhere`, alone,
    # in workbook order — (id, the least budget found that funds it, None when that is proven least, else the budget
    # from which its proof settled every one up to it); a target whose proof settled nothing (it never began — the
    # limit of solves was reached, or the caller stopped the proofs, first — or stopped before settling a budget) is
    # left out: `elsewhere` has the least budget found for it
    without_settled: int | None = None  # when `without` is not proven: every budget from this one up to it settled
    # (None too when its proof settled nothing: it never began — the limit of solves was reached, or the caller
    # stopped the proofs, first — or stopped before settling a budget)
    together_ids: tuple[str, ...] = ()  # every target funded at some budget solved — `reachable` and the ids of
    # `elsewhere` — in workbook order, when the budget found leaves some of them out and they are at least two
    together: int | None = None  # the least budget found funding every one of `together_ids` at once (with `prove`,
    # proven least unless `together_proven` is False); None when `together_ids` is () or no budget solved funds them
    # all together
    together_proven: bool = False  # `together` is proven least: every smaller multiple of `precision` settled
    together_settled: int | None = None  # its proof stopped before proving it: every budget from this one up to
    # `together` settled (None: proven, no proof asked, or its proof settled nothing: never began, or stopped first)
    proof_asked: bool = False  # `prove` was True or a number
    budgets_solved: int = 0  # the budgets allocated, the high budget included, the proofs' too (not their worths)
    elsewhere_goal_proven: bool = False  # `elsewhere_proven` is proven least (not proven: `elsewhere_settled` says
    # how far its proof settled, None when it settled nothing)
    money_held: tuple[str, ...] = ()  # a `high` given: the blocked targets it holds back only by money (the budget,
    # a district's or an envelope's share of it), in workbook order — those funded below it are in `elsewhere`
    unfound_below: tuple[tuple[str, int | None], ...] = ()  # with `prove`, each of `money_held` its own proof from
    # `high` down found no budget to fund: (id, None) — proven, no multiple of `precision` below `high` funds it —
    # or (id, the budget from which its proof settled every one up to `high` − `precision`); one whose proof settled
    # nothing (never began: the limit of solves reached first) is left out

    @property
    def reserve(self) -> int:
        """The reserve `budget` includes: the budget is the year's whole, as a scenario's budget is."""
        return self.allocation.scenario.reserve

    @property
    def monotone(self) -> bool:
        """Whether every larger budget solved kept the reachable targets funded (False: whole awards swapped)."""
        return not self.gaps

    def __repr__(self) -> str:  # a notebook shows this, not every award
        aside = f"{self._each()}{self._below()}{self._together()}"
        if not self.reachable:  # no budget to speak of (an officer's review: "2000万 … the goal needs less")
            return (f"<BudgetGoal no budget found: none of the {len(self.targets)} targets funded "
                    f"({self._blocked()}){self._elsewhere()}{aside}; {self._solves()}{warnings_said(self.warnings)}>")
        blocked = self._blocked()
        parts = [f"{_said(self.budget)} funds {len(self.reachable)} of {len(self.targets)} targets"
                 f"{'; ' if blocked else ''}{blocked}{aside}"]
        if self.setting and self.without is not None:
            who = f"{self.setting[0]} alone sets" if len(self.setting) == 1 else f"{', '.join(self.setting)} set"
            them = "it" if len(self.setting) == 1 else "them"
            least = "" if self.without_proven else (  # only when a proof was asked
                f" ({self._not_begun()})" if self.without_settled is None else
                f" (least found, not proven{_none_from(self.without_settled, self.without - self.precision, them)}: "
                f"{self._ended()})")
            parts.append(f"{who} it: {_said(self.without)}{least} without {them}")
        if self.least_solvable:
            parts.append("the least budget the scenario can be solved at (its reserve and floors): the targets funded "
                         "need less")
        parts.append(self._solves())
        if self.proven or self.settled is not None or self.proof_asked:
            parts.append(self._least())
        if self.gaps:
            parts.append(self._not_monotone())
        elif not (self.proven or self.settled is not None or self.least_solvable or self.proof_asked):  # a
            # planner's review: 11 of 26 goals had a smaller budget
            parts.append("least found by bisection, not proven: smaller budgets not all tried")
        if self.rounding_short:
            parts.append(self._nearly())
        return f"<BudgetGoal {'; '.join(parts)}{warnings_said(self.warnings)}>"

    def _blocked(self) -> str:
        """What a repr says of the targets the budget found does not fund: those no budget solved funds (with a
        `high` given, how many budgets were solved; none said when none), and those funded only at other budgets.
        A planner's review: "0 not funded at 1亿 nor at any of the 801 budgets solved", 801 the proof's
        allocations."""
        count, said = len(self.blocked) - len(self.elsewhere), []
        if not self.high_given:
            said.append(f"{count} no budget reaches")
        elif count:
            solved = "budgets allocated, the proofs' included" if self.proof_solves else "budgets solved"
            said.append(f"{count} not funded at {_said(self.high)} nor at any of the {self.budgets_solved} {solved}")
        if self.elsewhere:
            said.append(f"{len(self.elsewhere)} funded only at other budgets")
        return ", ".join(said)

    def _below(self) -> str:
        """With a proof asked, what a repr says of each target a `high` given holds back only by money and no budget
        solved funds, at most three: that its own proof from `high` down proved none funds it, how far it settled,
        or that it settled nothing (a planner's review: "no proof made: … nothing to prove", where 6940万–6960万
        funds 2026-0060 under 7130万)."""
        if not self.proof_asked:
            return ""
        proofs, aside, high = dict(self.unfound_below), dict(self.elsewhere), _said(self.high)
        said = []
        for i in (i for i in self.money_held if i not in aside):
            if i not in proofs:
                said.append(f"{i}: not funded at any budget solved; below {high} not proven (its proof settled "
                            f"nothing: {self._why()})")
            elif (settled := proofs[i]) is None:
                said.append(f"{i}: no budget below {high} funds it (proven)")
            else:
                none = _none_from(settled, self.high - self.precision, "it")
                said.append(f"{i}: not funded at any budget solved{none}; below {_said(settled)} not proven: "
                            f"{self._ended()}")
        more = f"; {len(said) - 3} more not funded at any budget solved (unfound_below)" if len(said) > 3 else ""
        return "".join(f"; {clause}" for clause in said[:3]) + more

    def _solves(self) -> str:
        """How many problems were solved, and of them the proofs'; that a proof asked for had nothing to prove."""
        if self.nothing_to_prove:
            return f"{self.solves} solves; no proof made: no target is funded at the high budget, nothing to prove"
        if self.proof_asked and (self.proof_solves or not self.least_solvable):
            return f"{self.solves} solves, {self.proof_solves} of them the proof's"
        return f"{self.solves} solves"

    def _elsewhere(self) -> str:
        """What a repr says of several targets funded together at the least budget `elsewhere` names, whose least
        budget a proof looked for: `; 2026-0233, 2026-0382 funded together at 1.84亿 (proven least: no smaller
        multiple of 100万 funds them)` (one target: its own clause says it, `_each`)."""
        if self.elsewhere_proven is None or len(self.elsewhere_goal) == 1:
            return ""
        who = ", ".join(self.elsewhere_goal) + " funded together"
        if not self.elsewhere_goal_proven and self.elsewhere_settled is None:  # its proof settled nothing
            return f"; {who} at {_said(self.elsewhere_proven)} ({self._not_begun()})"
        return "; " + self._least_of(who, self.elsewhere_proven, self.elsewhere_settled, "them")

    def _each(self) -> str:
        """What a repr says of each target funded only at other budgets, at most three: the least budget its proof
        found, proven or not, or that its proof never began; without a proof, the least budget solved that funds
        it."""
        own = {i: (least, settled) for i, least, settled in self.elsewhere_least}
        said = [self._least_of(f"{i} funded", *own[i], "it") if i in own
                else f"{i} funded at {_said(least)} ({self._not_begun()})" if self.proof_asked
                else f"{i} funded at {_said(least)} (found while searching, not the least)"
                for i, least in self.elsewhere]
        more = f"; {len(said) - 3} more funded only at other budgets (to_frame()['elsewhere'])" if len(said) > 3 else ""
        return "".join(f"; {clause}" for clause in said[:3]) + more

    def _together(self) -> str:
        """What a repr says of the least budget found funding every target funded at some budget solved (an officer's
        review: "these three, in full" was answered with a budget that funds two): `; all 3 together at 7300万
        (proven least: …)`, or that no budget solved funds them all; nothing when the budget found funds them all, or
        the clause of those funded together at the least budget `elsewhere` names says it."""
        if not self.together_ids or self.together_ids == self.elsewhere_goal:
            return ""
        count = len(self.together_ids)  # a planner's review: "both" of three targets, the third funded nowhere
        who = ("both together" if count == 2 == len(self.targets) else f"all {count} together"
               if count == len(self.targets) else f"{' and '.join(self.together_ids)} together" if count == 2
               else f"all {count} funded anywhere together")
        if self.together is None:
            return f"; no budget solved funds {who}"
        if self.together_proven or self.together_settled is not None:
            return "; " + self._least_of(who, self.together, None if self.together_proven else self.together_settled,
                                         "them")
        how = self._not_begun() if self.proof_asked else "found while searching, not the least"
        return f"; {who} at {_said(self.together)} ({how})"

    def _least_of(self, who: str, budget: int, settled: int | None, it: str) -> str:
        """`2026-0060 funded at 7300万 (proven least: no smaller multiple of 100万 funds it)`, or the least found,
        not proven, with the budgets its proof settled and why it ended."""
        if settled is None:
            return f"{who} at {_said(budget)} (proven least: no smaller multiple of {_said(self.precision)} funds {it})"
        below = _none_from(settled, budget - self.precision, it)
        return f"{who} at {_said(budget)} (least found, not proven{below}: {self._ended()})"

    def _ended(self) -> str:
        """Why a proof ended before proving its budget least."""
        return "the proof was stopped (StopProof)" if self.stopped else "the proof stopped at its limit of solves"

    def _not_begun(self) -> str:
        """What a repr says of a budget whose proof settled nothing below it — never began, or stopped before settling
        a budget (a planner's review: it read "stopped at its limit", with the budget itself as settled; and "found
        while searching" of a budget an earlier proof found)."""
        return f"least found so far; its proof settled nothing below it: {self._why()}"

    def _why(self) -> str:
        """Why a proof settled nothing."""
        return "the proofs were stopped (StopProof)" if self.stopped else "the limit of solves was reached"

    def _least(self) -> str:
        """Whether the budget is proven least, or how far below it the proof settled every budget; the bisection's
        when a smaller one was found."""
        if self.proven and self.least_solvable:  # a planner's review: read three ways, and not proven in full
            said = "proven least: no smaller budget can be solved"
        elif self.proven:
            said = f"proven least: no smaller multiple of {_said(self.precision)} funds them"
        elif self.settled is None:  # a proof asked, that settled nothing below the budget
            said = self._not_begun()
        else:
            settled = _none_from(self.settled, self.budget - self.precision, "them")
            said = f"least found, not proven{settled}: {self._ended()}"
        if self.bisected is not None:
            said += f" (the bisection found {_said(self.bisected)})"
        return said

    def _not_monotone(self) -> str:
        """What a repr says when a larger budget funds fewer: without a proof, that the budget is the least found,
        not proven; the windows of funding the budgets solved show, when there are several; how the probing below
        ended."""
        fewer = "1 larger budget funds" if len(self.gaps) == 1 else f"{len(self.gaps)} larger budgets fund"
        proof = self.proven or self.settled is not None or self.least_solvable or self.proof_asked  # the least
        # budget the scenario can be solved at: nothing smaller can be
        said = f"not monotone: {fewer} fewer" + ("" if proof else "; least found, not proven")
        if len(self.windows) > 1:
            shown = ", ".join(_window_said(window) for window in self.windows[:3])
            more = f", … ({len(self.windows)} in all)" if len(self.windows) > 3 else ""
            said += (f"{'; t' if proof else ': t'}he budgets solved fund it only in {'narrow ' if self._narrow else ''}"
                     f"windows, {shown}{more}")
            if proof:  # a planner's review: beside "proven least", read as proven too; above it, budgets between
                said += " (above it, budgets between those solved not all tried)"  # those solved may not fund it
        if self.exhausted:
            said += "; the probing below stopped at its limit, still finding smaller ones"
        if self.bisected is not None and not proof:
            said += f"; the first bisection found {_said(self.bisected)}"
        return said

    def _nearly(self) -> str:
        """What a repr says of the targets one precision less leaves short only by the rounding unit."""
        ids = ", ".join(i for i, _ in self.rounding_short)
        most = max(short for _, short in self.rounding_short)
        verb = "is" if len(self.rounding_short) == 1 else "are at most"
        return (f"{ids} {verb} {said_amount(most)[1]} short of full funding at {_said(self.budget - self.precision)} "
                f"(partial awards in multiples of {said_amount(self.allocation.scenario.rounding)[1]})")

    @property
    def _narrow(self) -> bool:
        """Whether the budget found sits in a narrow window of funding: the budgets solved fund the goal over a
        stretch from it shorter than the one above that stretch that they do not."""
        if len(self.windows) < 2:
            return False
        (low, high), (above, _) = self.windows[:2]
        return high - low + self.precision < above - high - self.precision

    def to_frame(self, lang: str = "zh") -> pd.DataFrame:
        """One row per target, in workbook order: application_id, applicant, clause, score (a number); status and
        allocated (whole yuan) at the budget found; reachable; sets_budget (one of `setting`); status_at_high,
        allocated_at_high and reason_at_high, its award at the high budget and the reason it gives (in Chinese, or
        English with lang="en"; for a blocked target, what holds it); `elsewhere`, the least budget solved that
        funded a blocked target, if any (else <NA>) — the budgets the proofs allocated counted too: with `prove`,
        the least budget `elsewhere_least` gives it, proven least unless its proof stopped first; and
        elsewhere_proven_least, whether that budget is the target's own least, proven (True or False; <NA> where
        `elsewhere` is)."""
        import pandas as pd

        assert self.allocation.policy is not None
        at = {a.application_id: a for a in self.allocation.awards}
        high = {a.application_id: a for a in self.at_high}
        why = dict(zip(high, award_reasons(self.at_high, read_lang(lang), self.allocation.policy), strict=True))
        reachable, setting, swapped = set(self.reachable), set(self.setting), dict(self.elsewhere)
        proven = {i: least for i, least, settled in self.elsewhere_least if settled is None}
        rows = [(i, at[i].applicant, at[i].clause, at[i].score, at[i].status.value, at[i].allocated, i in reachable,
                 i in setting, high[i].status.value, high[i].allocated, why[i], swapped.get(i),
                 None if i not in swapped else proven.get(i) == swapped[i]) for i in self.targets]
        frame = pd.DataFrame(rows, columns=list(COLUMNS))
        frame["score"] = pd.to_numeric(frame["score"], errors="coerce")  # an invalid row's unreadable score: NaN
        return frame.astype({"allocated": "int64", "reachable": "bool", "sets_budget": "bool",
                             "allocated_at_high": "int64", "elsewhere": "Int64", "elsewhere_proven_least": "boolean"})


def min_budget(applications: ApplicationSource | Applications, scenario: ScenarioSource | Scenario = None, *,
               fund: Fund, precision: Amount = "1万", full: bool = True, policy: PolicySource = None,
               solver: str = "highs", ledger: LedgerSource = None, skip_invalid: bool = False,
               limits: FileLimits | None = None, high: Amount | None = None,
               prove: bool | int = False, progress: Callable[[int, int], None] | None = None) -> BudgetGoal:
    """The least budget, in whole multiples of `precision`, at which every target that some budget can fund is
    funded — the scenario's reserve and every other setting unchanged, each budget solved as allocate would — and
    the targets no budget reaches, each with the reason its award gives where money does not limit (the module's
    docstring says how, and what a non-monotone funding line means for the answer). When one precision less misses
    at most three targets, `setting` names them and `without` is the least budget found for the others.

    `fund` chooses the targets: application ids (a list, or one id), or a function given each row of the
    allocation frame at the high budget (a pandas Series with the columns of `Allocation.to_frame()`: `row.score`,
    `row.clause`, `row.entitlement`, `row.status`, …) that returns whether to fund it. `full`: each target funded
    in full (FUNDED), or with any award (FUNDED or PARTIAL). `precision`: an amount with its unit ("1万", "10万",
    "5000元"), as a budget is written. `high`: the budget at which reachability is judged (rounded up to a multiple
    of `precision`); by default one at which no limit that grows with the budget binds. The blocked targets a
    `high` given holds back only by money (the budget, a district's or an envelope's share of it) are named in
    `warnings`. `prove`: True settles every budget below the one found (budget_search.py), so that it is the least,
    proven (`BudgetGoal.proven`) — it may take many solves at a fine precision; a number N lets the proofs (the
    budget's, `without`'s and those of the targets funded only at other budgets) make at most N solves, the bisection
    and the probing before them counted besides (`BudgetGoal.settled`: from where up it settled every budget); False
    (the default) makes no proof. `prove` also proves, alone, the least budget of each target not funded at the high
    budget but at another budget solved (`BudgetGoal.elsewhere_least`), and, when no target is funded at the high
    budget, of those funded together at the least such budget (`BudgetGoal.elsewhere_proven`; the module's
    docstring, 7.), and, with `high` given, of each target held there only by money that no budget solved funds,
    from `high` down (found: `elsewhere_least`; else `BudgetGoal.unfound_below`; the module's docstring, 8.).
    `progress`, when given, is called after every problem solved as `progress(solves, proof_solves)`: all solved
    so far, and of them those the proofs made (at most N); its last call says `BudgetGoal.solves`. When it raises
    StopProof, every proof ends before its next solve as at its limit (`BudgetGoal.stopped`; raised before a proof
    begins, none is made), and the search goes on to its answer.
    `applications`, `scenario`, `policy`, `solver`, `ledger`, `skip_invalid` and `limits` are those of allocate; the
    scenario's own budget is not used.

    Raises InputError (the inputs; no target, ids not in the workbook, a bad precision or `prove`, a `fund` function
    that reads a column the frame does not have), Infeasible (the scenario cannot be solved even at the high budget) or
    SolverError (a budget without a proven optimum).

    >>> goal = min_budget("data/sample_applications.xlsx", "data/scenario_2026.toml", fund=["2026-0001"])
    >>> goal.budget, goal.allocation.awards[0].status.value
    (224910000, 'FUNDED')
    """
    step = read_precision(precision)
    most = proof_limit(prove)
    ceiling = None if high is None else read_budget(high, "high")
    rules, counted = policy_of(policy), ledger_of(ledger)
    read, checked = read_inputs(applications, scenario, budget=f"{ceiling or MAX_AMOUNT}元", policy=rules,
                                skip_invalid=skip_invalid, limits=limits, solver=solver)
    chosen = () if callable(fund) else chosen_ids(fund, read)  # before solving: an unknown id is said at once
    entitlements = entitle(read.valid, rules, year=checked.year, prior=counted.prior)  # once: no budget changes them
    earlier = counted.prior.year_so_far(rules.number, checked.year).total
    top = -(-(ceiling if ceiling is not None else unlimited_budget(entitlements, checked, earlier)) // step) * step
    search = BudgetSearch(read.invalid, entitlements, rules, checked, counted.prior, solver=solver, step=step,
                          full=full, spent=checked.reserve + earlier, progress=progress)
    at_high = search.judge(top)
    targets = in_row_order(targets_of(fund, at_high, rules) if callable(fund) else chosen, at_high)
    core = tuple(i for i in targets if i in funded_ids(at_high, full))  # funded where money does not limit
    probed = search.least_probed(core, targets)
    proof = search.least_proven(core, probed.found, most) if core and most != 0 else Least(probed.found)
    found, first = proof.budget, probed.bisected or probed.found
    allocation = allocate(read, checked, budget=f"{found}元", policy=rules, solver=solver,
                          skip_invalid=skip_invalid, ledger=counted)
    search.counted()
    funded = funded_ids(allocation, full)
    if not funded.issuperset(core):
        raise SolverError(Phrase.of("goal.unconfirmed", budget=said_amount(found),
                                    ids=listed([i for i in core if i not in funded])))
    setting = search.setting(core, found, SETTING_MOST)
    reachable = tuple(i for i in targets if i in funded)  # the core, and those the budget found funds besides
    mine = tuple(a for a in at_high.awards if a.application_id in targets)
    blocked = tuple(a for a in mine if a.application_id not in funded)
    gaps = probed.gaps if found == probed.found else search.gaps_below(found, targets, core)
    least_solvable = found < step or search.funded(found - step) is None  # these may solve: before the count
    rest = [i for i in core if i not in setting]
    bisected_rest = search.least(rest) if setting else None  # `without` by bisection: before the budgets looked at
    money = [a.application_id for a in blocked if _held_by_money(a, at_high.scenario)]
    if ceiling is not None:  # a `high` given may hold a target back only by money: a smaller budget may fund it
        search.look_below(money)
    held = [a.application_id for a in blocked] if most != 0 else []
    aside, start = funded_aside(search, held) if not reachable else ((), 0)
    beyond = search.least_proven(aside, start, most) if aside else None
    together_ids = _together_ids(targets, reachable, search.least_funding([a.application_id for a in blocked]))
    together = _least_together(search, together_ids, most, beyond if together_ids == aside else None)
    without = None if bisected_rest is None else (
        Least(bisected_rest) if most == 0 else search.least_proven(rest, bisected_rest, most))
    alone = each_least(search, held, most, {aside[0]: beyond} if beyond is not None and len(aside) == 1 else {},
                       money if most != 0 and ceiling is not None else (), top)
    # a proof stopped short is proven when a later one found that one step below its stretch cannot be solved
    proof, alone = search.floored(proof), {i: search.floored(least) for i, least in alone.items()}
    without, beyond, together = (None if least is None else search.floored(least)
                                 for least in (without, beyond, together))
    floor = least_solvable and bool(reachable) and most != 0  # nothing smaller can be solved: proven without a solve
    proven = proof.proven or floor
    elsewhere = search.least_funding([a.application_id for a in blocked])
    seen = dict(elsewhere)  # a target its own proof from `high` down did not find funded is not among them
    return BudgetGoal(
        found, allocation, targets, reachable, blocked, full, step, top, search.solves, gaps=gaps,
        elsewhere=elsewhere, at_high=mine,
        high_given=ceiling is not None, setting=setting, without=None if without is None else without.budget,
        bisected=first if found != first else None,
        warnings=_held_warnings([i for i in money if i not in seen], top),
        least_solvable=least_solvable, windows=search.windows(found, reachable),
        exhausted=probed.exhausted and not proven,
        rounding_short=search.nearly(found - step, reachable) if found >= step else (),
        proven=proven, settled=None if proven else _settled(proof),
        without_proven=without is None or without.proven or most == 0, proof_solves=search.proof_solves,
        nothing_to_prove=not core and most != 0 and not alone and not proven, elsewhere_goal=aside,
        elsewhere_proven=None if beyond is None else beyond.budget,
        elsewhere_settled=None if beyond is None else _settled(beyond),
        stopped=any(least is not None and least.stopped
                    for least in (proof, without, beyond, together, *alone.values())),
        elsewhere_least=tuple((i, least.budget, _settled(least)) for i in held
                              if i in seen and (least := alone.get(i)) is not None and _some(least)),
        without_settled=None if without is None or most == 0 else _settled(without),
        together_ids=together_ids, together=None if together is None else together.budget,
        together_proven=together is not None and together.proven,
        together_settled=None if together is None or most == 0 else _settled(together),
        proof_asked=most != 0, budgets_solved=sum(funded is not None for funded in search.tried.values()),
        elsewhere_goal_proven=beyond is not None and beyond.proven,
        money_held=tuple(money) if ceiling is not None else (),
        unfound_below=tuple((i, _settled(least)) for i in money
                            if i not in seen and (least := alone.get(i)) is not None and _some(least)))


def _settled(least: Least) -> int | None:
    """The least budget from which a proof settled every one up to its budget: None when it is proven, or when the
    proof settled nothing below it (never began, or stopped first — a planner's review: the budget itself read as
    settled)."""
    return None if least.proven or least.settled is None or least.settled >= least.budget else least.settled


def _some(least: Least) -> bool:
    """Whether a proof proved its budget least or settled some budget below it."""
    return least.proven or _settled(least) is not None


def _together_ids(targets: Sequence[str], reachable: Sequence[str], elsewhere: Sequence[tuple[str, int]]
                  ) -> tuple[str, ...]:
    """Every target funded at some budget solved — those the budget found funds, and those funded only at other
    budgets — in workbook order, when the budget found leaves some of them out and they are at least two (else ():
    the budget, or a target's own least, answers).

    >>> _together_ids(("a", "b", "c", "d"), ("b",), (("a", 7),)), _together_ids(("a", "b"), (), (("a", 7),))
    (('a', 'b'), ())
    """
    aside = {i for i, _ in elsewhere}
    every = tuple(i for i in targets if i in aside or i in reachable)
    return every if aside and len(every) > 1 else ()


def _least_together(search: BudgetSearch, goal: Sequence[str], most: int | None, known: Least | None
                    ) -> Least | None:
    """The least budget found that funds every one of `goal` together: the least budget solved that does, with
    `most` (not 0) proven from there down within the proofs' one limit of solves (`known`: already proven so, the
    `elsewhere_goal`'s); None when no budget solved funds them all (or `goal` is empty)."""
    if known is not None:
        return known
    least = search.least_tried(goal) if goal else None
    if least is None:
        return None
    return Least(least) if most == 0 else search.least_proven(goal, least, most)


def unlimited_budget(entitlements: Sequence[Entitlement], scenario: Scenario, earlier: int = 0) -> int:
    """A budget at which no limit that grows with the budget binds: budget − reserve covers every eligible
    entitlement, each district's under the district share and each envelope's under its share (an envelope's
    `max`, a fixed amount, is what holds it then); `earlier`, the year's earlier rounds, counted on top.

    >>> from optimizer.rules.scenario import load_scenario
    >>> unlimited_budget([], load_scenario({"reserve": "500万"}, budget="1亿"))
    5000000
    """
    eligible = [e for e in entitlements if e.eligible]
    needs = [sum(e.amount for e in eligible)]
    share = scenario.district_max_share
    if share:
        by_district = Counter[str]()
        for e in eligible:
            by_district[e.application.district] += e.amount
        needs.append(ceil_yuan(Decimal(max(by_district.values(), default=0) + earlier) / share))
    for envelope in scenario.envelopes:
        if envelope.max_share:
            demand = sum(e.amount for e in eligible if e.application.clause in envelope.clauses)
            held = demand if envelope.max is None else min(demand, envelope.max)
            needs.append(ceil_yuan(Decimal(held + earlier) / envelope.max_share))
    return scenario.reserve + earlier + max(needs)


def _held_warnings(held: Sequence[str], high: int) -> tuple[Problem, ...]:
    """A warning naming the blocked targets the high budget holds back only by money — the budget, a district's
    share of it, an envelope's share: limits a larger budget raises — that no budget solved funds (a planner's
    review: 2026-0232, funded at 9994万, was named as one another budget may fund)."""
    if not held:
        return ()
    return (Problem.of("high", "goal.held_by_budget", warning=True, count=len(held), ids=few(held, 5),
                       high=said_amount(high)),)


def _held_by_money(award: Award, scenario: Scenario) -> bool:
    """Whether every limit that stopped the award (there is one) grows with the budget."""
    limits = [r for r in award.reasons if r.code in LIMITS]
    return bool(limits) and all(_grows(r, scenario) for r in limits)


def _grows(reason: Reason, scenario: Scenario) -> bool:
    """Whether the limit a reason names grows with the budget: the budget, a district's share, an envelope held
    by its share of the budget (not by its fixed `max`)."""
    if reason.code in GROWING:
        return True
    if reason.code not in ("envelope", "envelope_after"):
        return False
    envelope = next((e for e in scenario.envelopes if e.name == reason.values.get("name")), None)
    return (envelope is not None and envelope.max_share is not None
            and envelope.upper(scenario.available) != envelope.max)


def _none_from(settled: int | None, below: int, it: str) -> str:
    """What a repr says of the budgets a proof stopped before proving settled, from `settled` up to `below`, one
    precision under the budget found ("" for none).

    >>> _none_from(169_000_000, 173_000_000, "them"), _none_from(72_000_000, 72_000_000, "it")
    ('; none from 1.69亿 to 1.73亿 funds them', '; 7200万 does not fund it')
    """
    if settled is None or settled > below:
        return ""
    if settled == below:
        return f"; {_said(below)} does not fund {it}"
    return f"; none from {_said(settled)} to {_said(below)} funds {it}"


def _window_said(window: tuple[int, int]) -> str:
    """A window of funding as a repr says it: `12768万–12772万`, or one budget alone.

    >>> _window_said((127_680_000, 127_720_000)), _window_said((5_000_000, 5_000_000))
    ('12768万–12772万', '500万')
    """
    low, high = window
    return _said(low) if low == high else f"{_said(low)}–{_said(high)}"


def _said(budget: int) -> str:
    """A budget as a repr says it, the English short form: `18433万`, `2.25亿`."""
    return said_amount(budget)[1]
