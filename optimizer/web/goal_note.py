"""How a goal search names what it makes, and the box of the new-run form it fills: a budget as the budget field
takes it back (`18433万`), the new run's name (`2026年基准方案（目标：85分以上全额）`), the goal in words, and — found
again from the form's own name and budget, so that it stays through an upload — what the budget rests on: the goal,
its precision, whether it is proven least (an officer's review: the goal-made form said nothing of it, where the
plan-made form has a box)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from optimizer.money import WAN, format_decimal
from optimizer.rules.scenario import ScenarioError, read_budget
from optimizer.web.goal_tasks import targets_said
from optimizer.web.goal_words import (
    PROOF_MOST,
    aside_proven,
    ids_listed,
    no_proof_needed,
    proof_stopped,
    together_of,
    together_what,
)
from optimizer.web.tasks import FACE
from optimizer.web.views import figure
from optimizer.words import Phrase

if TYPE_CHECKING:
    from optimizer.web.registry import Registry


def budget_typed(budget: int) -> str:
    """A budget as the budget field takes it back, exactly: `18433万`, or `18433.5万` (never rounded).

    >>> budget_typed(184_330_000), budget_typed(184_335_000), budget_typed(9_000)
    ('18433万', '18433.5万', '9000元')
    """
    if budget < WAN:
        return f"{budget}元"
    return f"{format_decimal(Decimal(budget) / WAN)}万"


def goal_run_name(name: str, goal: Mapping[str, Any], lang: str) -> str:
    """The name of a new run at a goal's budget: the scenario's as the pages name it in `lang`, and the goal in short.

    >>> goal_run_name("2026年基准方案", {"min_score": "85", "full": True}, "zh")
    '2026年基准方案（目标：85分以上全额）'
    >>> goal_run_name("2026 base case", {"min_score": "85", "clause": "4", "district": "渝中区", "full": False}, "en")
    '2026 base case (goal: 85 or more, clause 4, 渝中区, any award)'
    >>> goal_run_name("", {"min_score": "90", "full": True}, "zh")
    '目标：90分以上全额'
    >>> goal_run_name("2026年基准方案", {"ids": ["2026-0060", "2026-0198"], "full": True}, "zh")
    '2026年基准方案（目标：申报 2026-0060、2026-0198 全额）'
    >>> goal_run_name("2026 base case", {"ids": ["2026-0060"], "full": False}, "en")
    '2026 base case (goal: 2026-0060, any award)'
    >>> left = {"ids": ["2026-0060", "2026-0198", "2026-0362"], "full": True, "left": ["2026-0060"]}
    >>> goal_run_name("2026年基准方案", left, "zh")
    '2026年基准方案（目标：申报 2026-0198、2026-0362 全额，2026-0060 除外）'
    >>> goal_run_name("2026 base case", left, "en")
    '2026 base case (goal: 2026-0198, 2026-0362, in full, not 2026-0060)'
    """
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, "web")

    how = t("web.goal.short_full" if goal.get("full") is not False else "web.goal.short_any")
    if goal.get("ids"):  # asked for by id: every id named, those its budget does not fund said apart (run_goal)
        left = [str(i) for i in goal.get("left") or ()]
        join = ("、" if lang == "zh" else ", ").join
        what = (t("web.goal.short_ids_except", ids=join(str(i) for i in goal["ids"] if str(i) not in left),
                  how=how, left=join(left)) if left else t("web.goal.short_ids", ids=join(map(str, goal["ids"])),
                                                           how=how))
        return t("web.goal.run_name", name=name, what=what) if name else t("web.goal.run_name_alone", what=what)
    parts = [t("web.goal.of_clause", clause=str(goal["clause"]))] if goal.get("clause") else []
    parts += [str(goal["district"])] if goal.get("district") else []
    where = ("、".join(parts) + "，" if lang == "zh" else "".join(f", {part}" for part in parts)) if parts else ""
    what = t("web.goal.short", score=str(goal.get("min_score", "")), where=where, how=how)
    return t("web.goal.run_name", name=name, what=what) if name else t("web.goal.run_name_alone", what=what)


def left_out(params: Mapping[str, Any], found: Mapping[str, Any]) -> list[str]:
    """Of a goal of ids (`params`, a search's; `found`, what it found, as its record keeps it), the ids the budget
    its new allocation is made at does not fund: those blocked at the budget found, or — none funded where money is
    no limit — those not among the ones funded at the least budget a proof found for them ([] for any other goal)."""
    ids = [str(i) for i in params.get("ids") or ()]
    if not ids:
        return []
    if found.get("reachable"):
        blocked = {str(row.get("application_id")) for row in found.get("blocked") or [] if isinstance(row, dict)}
        return [i for i in ids if i in blocked]
    if found.get("elsewhere_proven") is None:
        return []
    funded = {str(i) for i in found.get("elsewhere_goal") or ()}
    return [i for i in ids if i not in funded]


def run_goal(params: Mapping[str, Any], found: Any) -> dict[str, Any]:
    """A goal search's params as goal_run_name names its new run: with `left`, the ids asked for that the run's
    budget does not fund (an officer's review: a run named after three ids, at 5,600万 where 2026-0060 gets nothing).

    >>> found = {"reachable": 2, "blocked": [{"application_id": "2026-0060"}]}
    >>> run_goal({"ids": ["2026-0060", "2026-0198", "2026-0362"]}, found)["left"]
    ['2026-0060']
    >>> "left" in run_goal({"min_score": "85"}, found)
    False
    """
    left = left_out(params, found) if isinstance(found, dict) else []
    return {**params, "left": left} if left else dict(params)


def together_goal(params: Mapping[str, Any], found: Mapping[str, Any]) -> dict[str, Any]:
    """A goal search's params as goal_run_name names the new run at the least budget found for all its targets funded
    at some budget, together (goal_words.together_of): of a goal of ids, with `left`, those no budget funds.

    >>> found = {"reachable": 1, "together_ids": ["2026-0060", "2026-0063"], "together": 73_000_000}
    >>> together_goal({"ids": ["2026-0060", "2026-0063", "2026-0381"]}, found)["left"]
    ['2026-0381']
    >>> "left" in together_goal({"ids": ["2026-0060", "2026-0063"]}, found)
    False
    """
    funded = {str(i) for i in found.get("together_ids") or ()}
    left = [str(i) for i in params.get("ids") or () if str(i) not in funded]
    return {**params, "left": left} if left else dict(params)


def goal_said(params: Mapping[str, Any], lang: str) -> str:
    """A goal search's question in words, how the targets are to be funded included — a search in full told apart
    from one for any award: `评审得分不低于 85 分的符合条件申报，全额资助`."""
    how = Phrase.of("web.goal.in_full" if params.get("full") is not False else "web.goal.any").text(lang, "web")
    return f"{targets_said(params, lang)}{'，' if lang == 'zh' else ', '}{how}"


@dataclass(frozen=True)
class GoalNote:
    """What the new-run form says when a goal search's 以此预算新建分配 filled it in: the goal, its precision, whether
    the budget is proven least (or the proof stopped, or none was asked) — and the search's id, for a link back."""

    said: str
    goal: str


def goal_note(registry: Registry, name: str, budget: str, lang: str) -> GoalNote | None:
    """The box of a form a goal search filled in (an officer's review: the form said nothing of what its budget rests
    on, where the plan-made form has a box): the newest finished goal search whose run name the form's `name` ends
    with (goal_run_name: `（目标：85分以上全额）`, in either language) and whose budget found is the form's `budget`,
    as typed — or, of a goal none of whose targets is funded where money is no limit, the least budget a proof found
    for those funded only at some budgets; None for any other form — one whose budget was changed since is no longer
    the goal's."""
    try:
        typed = read_budget(budget, "budget") if budget.strip() else None
    except ScenarioError:
        typed = None
    if typed is None or not name:
        return None
    for record in registry.runs("goal"):
        found = record.outcome.get("goal") if record.status == "done" else None
        if not isinstance(found, dict):
            continue
        if (together_of(found) and found.get("together") == typed
                and any(name.endswith(_goal_mark(together_goal(record.params, found), lang_of))
                        for lang_of in ("zh", "en"))):
            return GoalNote(Phrase.of("web.goal.note", budget=figure(typed, lang), id=record.id,
                                      question=goal_said(record.params, lang),
                                      precision=figure(int(found["precision"]), lang),
                                      state=together_state(found, lang), left="").text(lang, FACE), record.id)
        if (_budget_of(found, record.budget) == typed
                and any(name.endswith(_goal_mark(run_goal(record.params, found), lang_of))
                        for lang_of in ("zh", "en"))):
            return GoalNote(Phrase.of("web.goal.note", budget=figure(typed, lang), id=record.id,
                                      question=goal_said(record.params, lang),
                                      precision=figure(int(found["precision"]), lang),
                                      state=note_state(found, lang),
                                      left=left_note(record.params, found, lang)).text(lang, FACE), record.id)
    return None


def left_note(params: Mapping[str, Any], found: Mapping[str, Any], lang: str) -> str:
    """The end of the box of a goal of ids whose run's budget leaves some out: which — and, when a budget found funds
    them all together, that budget (an officer's review: the box said nothing of 2026-0060 at 5,600万); "" for any
    other."""
    left = left_out(params, found)
    if not left:
        return ""
    ids = ("、" if lang == "zh" else ", ").join(left)
    if together_of(found) and found.get("together") is not None:
        return Phrase.of("web.goal.note.left_together", ids=ids, what=together_what(found, lang),
                         together=figure(int(found["together"]), lang)).text(lang, FACE)
    return Phrase.of("web.goal.note.left", ids=ids).text(lang, FACE)


def together_state(goal: Mapping[str, Any], lang: str) -> str:
    """Of the least budget found for all the targets funded at some budget, together (together_of): which they are,
    and whether it is proven least.

    >>> goal = {"reachable": 2, "targets": 3, "together_ids": ["2026-0060", "2026-0198", "2026-0362"],
    ...         "together": 73_000_000, "together_proven": True}
    >>> together_state(goal, "zh")
    '资助全部 3 项（2026-0060、2026-0198、2026-0362）的最低预算，已证明按此一档为最低'
    """
    code = "web.goal.note.together_proven" if goal.get("together_proven") else "web.goal.note.together_unproven"
    return Phrase.of(code, what=together_what(goal, lang),
                     ids=ids_listed([str(i) for i in goal.get("together_ids") or ()], lang, 5)).text(lang, FACE)


def _budget_of(found: Mapping[str, Any], budget: int | None) -> int | None:
    """The budget a goal search's new allocation is made at (goals.goal_budget): the budget found when it funds some
    targets, else the least a proof found for those funded only at some budgets (None: none)."""
    if found.get("reachable"):
        return budget
    aside = found.get("elsewhere_proven")
    return None if aside is None else int(aside)


def _goal_mark(params: Mapping[str, Any], lang: str) -> str:
    """The end of a run name goal_run_name gives in `lang`: `（目标：85分以上全额）`, `(goal: 85 or more, in full)`."""
    return goal_run_name("-", params, lang)[1:].strip()


def note_state(goal: Mapping[str, Any], lang: str) -> str:
    """Whether a goal's budget is proven least, found by a proof stopped at its limit or at the officer's request, or
    found with no proof; of a goal none of whose targets is funded where money is no limit, which are funded only
    at some budgets, and whether the least budget found for them is proven."""
    solves = goal.get("proof_most") or PROOF_MOST
    if not goal.get("reachable") and goal.get("elsewhere_proven") is not None:
        ids = ("、" if lang == "zh" else ", ").join(goal.get("elsewhere_goal") or ())
        how = Phrase.of("web.goal.aside_full" if goal.get("full") is not False else "web.goal.aside_any").text(
            lang, FACE)  # an officer's review: 没有目标获资助 of a goal in full where one got part of its award
        if aside_proven(goal):
            return Phrase.of("web.goal.note.aside_proven", ids=ids, how=how).text(lang, FACE)
        ended = Phrase.of("web.goal.ended_asked") if goal.get("stopped") else Phrase.of("web.goal.ended_limit",
                                                                                          solves=solves)
        settled = goal.get("elsewhere_settled")  # None: nothing below it settled
        return Phrase.of("web.goal.note.aside_stopped", ids=ids, how=how, ended=ended.text(lang, FACE),
                         settled=figure(int(settled if settled is not None else goal["elsewhere_proven"]), lang)
                         ).text(lang, FACE)
    if no_proof_needed(goal):  # before proven: the library marks the scenario's floor proven
        return Phrase.of("web.goal.note.floor").text(lang, FACE)
    if goal.get("proven"):
        return Phrase.of("web.goal.note.proven").text(lang, FACE)
    if proof_stopped(goal):
        code = "web.goal.note.stopped_asked" if goal.get("stopped") else "web.goal.note.stopped"
        settled = goal.get("settled")  # None: nothing below it settled
        return Phrase.of(code, solves=solves, settled=figure(int(settled if settled is not None else goal["budget"]),
                                                             lang)).text(lang, FACE)
    return Phrase.of("web.goal.note.unproven").text(lang, FACE)
