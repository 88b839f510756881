"""What the goal pages and goal.xlsx say of a goal search's findings (a GoalSummary as its record keeps it), sentence
by sentence, in an officer's words, in either language: the budget found or that none was, the targets it funds, the
few that set it, whether funding grew with the budget, the proof (proven, stopped at its limit or on request, and
the stretch it settled), and the targets funded only at some budgets with the least budget a proof found for them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from optimizer.money import WAN, said_amount
from optimizer.web.tasks import FACE
from optimizer.web.views import figure
from optimizer.words import Phrase

PROOF_MOST = 2_000  # solves: the most a proof asked for on the page takes (some minutes on the sample at 10万)


def elsewhere_in_file(goal: Mapping[str, Any], lang: str) -> str:
    """How many targets are funded only at other budgets, as goal.xlsx says it: the budget each is funded at is a
    column of the targets' sheet, named (an officer's review: "见下表" in a sheet with no table below), and the
    column beside it says whether that budget is proven the target's least; "" for none."""
    count = sum(1 for row in goal.get("blocked") or [] if row.get("elsewhere") is not None)
    if not count:
        return ""
    code = "web.goal.elsewhere_sheet_one" if count == 1 else "web.goal.elsewhere_sheet"
    return Phrase.of(code, count=count, sheet=Phrase.of("web.goal.sheet").text(lang, FACE),
                     column=Phrase.of("web.goal.col.elsewhere").text(lang, FACE),
                     proven=Phrase.of("web.goal.col.elsewhere_proven_least").text(lang, FACE)).text(lang, FACE)


def funded_at_marks(goal: Mapping[str, Any], lang: str) -> dict[str, str]:
    """What the page says beside each budget of its table of targets funded only at other budgets: a budget the search
    happened to solve that funds it, not necessarily its least (an officer's review: 7,600万 for 2026-0060 beside a
    goal with a proof, where 7,300万 is its least); with a proof, the target's own least budget (`elsewhere_least`:
    each target's proof, alone) — proven least, or the least found with the stretch its proof settled below it (a
    record from before: the one target whose least budget a proof found when none was funded where money is no
    limit, proven)."""
    least = goal.get("elsewhere_proven") if aside_proven(goal) else None
    alone = list(goal.get("elsewhere_goal") or [])
    each = own_least(goal)
    marks = {}
    for row in goal.get("blocked") or []:
        if row.get("elsewhere") is None:
            continue
        target, budget = row["application_id"], row["elsewhere"]
        own = each.get(target)
        if own is not None and own[0] == budget:
            marks[target] = least_mark(budget, own[1], goal["precision"], lang)
        else:
            proven = len(alone) == 1 and target == alone[0] and budget == least
            marks[target] = Phrase.of("web.goal.funded_at_least" if proven else "web.goal.funded_at_seen").text(
                lang, FACE)
    return marks


def own_least(goal: Mapping[str, Any]) -> dict[str, tuple[int, int | None]]:
    """Each target funded only at other budgets whose own least budget a proof looked for: that budget, and None when
    proven least, else from where up its proof settled — a target whose proof never began (the proofs' solves spent
    before it; the library leaves it out of `elsewhere_least`) as the least found, nothing below it settled.

    >>> goal = {"proof_most": 2000, "elsewhere_least": [("2026-0060", 73_000_000, None)],
    ...         "blocked": [{"application_id": "2026-0060", "elsewhere": 73_000_000},
    ...                     {"application_id": "2026-0063", "elsewhere": 121_000_000}, {"application_id": "2026-0245"}]}
    >>> own_least(goal)
    {'2026-0060': (73000000, None), '2026-0063': (121000000, 121000000)}
    >>> own_least({**goal, "proof_most": 0})
    {'2026-0060': (73000000, None)}
    """
    each = {str(row[0]): (int(row[1]), row[2]) for row in goal.get("elsewhere_least") or ()}
    if not goal.get("proof_most") or "elsewhere_least" not in goal:  # no proof asked, or a record from before
        return each
    begun = {str(row["application_id"]): (int(row["elsewhere"]), int(row["elsewhere"]))
             for row in goal.get("blocked") or [] if row.get("elsewhere") is not None}
    return begun | each


def least_mark(budget: int, settled: int | None, precision: int, lang: str) -> str:
    """What the page says beside a target's least budget its own proof looked for: proven least; or, the proof stopped
    first, the least found, with the stretch below it the proof settled (none: no lower budget settled).

    >>> least_mark(73_000_000, None, 1_000_000, "zh")
    '（已证明为最低）'
    >>> least_mark(73_000_000, 63_000_000, 1_000_000, "zh")
    '（测算找到的最低，未能证明；6,300万元 至 7,200万元 之间的预算都已证明不够）'
    >>> least_mark(73_000_000, 72_000_000, 1_000_000, "en")
    '(the least found, not proven; 7,200万 proven not enough)'
    >>> least_mark(73_000_000, 73_000_000, 1_000_000, "en")
    '(the least found, not proven: the proof settled no lower budget)'
    """
    if settled is None:
        return Phrase.of("web.goal.funded_at_least").text(lang, FACE)
    last = budget - precision
    code = ("web.goal.funded_at_unsettled" if settled > last else "web.goal.funded_at_settled_one" if settled == last
            else "web.goal.funded_at_settled")
    return Phrase.of(code, settled=figure(settled, lang), last=figure(last, lang)).text(lang, FACE)


def proof_stopped(goal: Mapping[str, Any]) -> bool:
    """Whether a proof was asked for and stopped (at its limit of solves, or on request) before proving the budget
    found least — having settled a stretch below it (`settled`), or nothing (`settled` None: its proof never began, or
    settled no budget below it).

    >>> proof_stopped({"proven": False, "settled": None, "proof_most": 2000, "reachable": 2})
    True
    >>> proof_stopped({"proven": False, "settled": None, "proof_most": 0, "reachable": 2})
    False
    """
    if goal.get("proven"):
        return False
    if goal.get("settled") is not None:
        return True
    return bool(goal.get("proof_most") and goal.get("reachable")) and not no_proof_needed(goal)


def aside_proven(goal: Mapping[str, Any]) -> bool:
    """Whether the least budget a proof found for the targets funded only at some budgets (`elsewhere_proven`) is
    proven least: the library says so (`elsewhere_goal_proven`); a record from before, by its proof having settled
    no stretch (then None meant proven).

    >>> aside_proven({"elsewhere_proven": 73_000_000, "elsewhere_settled": None, "elsewhere_goal_proven": False})
    False
    >>> aside_proven({"elsewhere_proven": 73_000_000, "elsewhere_settled": None})
    True
    """
    told = goal.get("elsewhere_goal_proven")
    return bool(told) if told is not None else goal.get("elsewhere_settled") is None


def aside_alone(goal: Mapping[str, Any]) -> list[str]:
    """Of a goal none of whose targets is funded where money is no limit: the targets funded only at other budgets
    that the headlined budget (the least of `elsewhere_goal`) leaves out — [] when it funds every one (an officer's
    review: 2026-0060, 2026-0233 and 2026-0382 asked for, 7,300万 headlined for 2026-0060 alone, nothing said of the
    other two)."""
    if goal.get("reachable") or goal.get("elsewhere_proven") is None:
        return []
    alone = {str(i) for i in goal.get("elsewhere_goal") or ()}
    return [i for i in left_ids(goal) if i not in alone]


def no_proof_needed(goal: Mapping[str, Any]) -> bool:
    """Whether a proof was asked for a budget found that is the least the scenario can be solved at: one precision
    less cannot be solved at all, so there is nothing below it to settle (an officer's review: listed 未证明, 0 proof
    solves, and "少一个精度就不够" where one precision less cannot be solved)."""
    return bool(goal.get("proof_most") and goal.get("reachable") and goal.get("least_solvable")
                and goal.get("settled") is None)  # proven or not: the library marks it proven since


def solves_said(goal: Mapping[str, Any], lang: str) -> str:
    """How many budgets the search solved, and, of a proof asked for, how many of them the proof made: `共求解 4054
    个预算，其中证明用了 2000 次求解。` (an officer's review: "证明在求解2000次后停止" beside "共求解 4054 个预算",
    and nothing to tell the two numbers apart); of a goal no budget funds, why the proof made none.

    >>> solves_said({"solves": 22, "proof_solves": 0, "proof_most": 2000, "reachable": 0, "targets": 2}, "zh")
    '共求解 22 个预算，其中证明用了 0 次求解。无需证明：没有预算能资助这些目标，无可证明。'
    """
    proof = goal.get("proof_solves")
    if proof is None or not goal.get("proof_most"):
        return Phrase.of("web.goal.solves", solves=goal["solves"]).text(lang, FACE)
    said = Phrase.of("web.goal.solves_proof", solves=goal["solves"], proof=proof).text(lang, FACE)
    if not nothing_funded(goal):
        return said
    code = "web.goal.proof_none_one" if goal.get("targets") == 1 else "web.goal.proof_none"
    return said + ("" if lang == "zh" else " ") + Phrase.of(code).text(lang, FACE)


def nothing_funded(goal: Mapping[str, Any]) -> bool:
    """Whether a proof was asked for a goal no budget solved funds any target of: there was nothing to prove (an
    officer's review: "证明用了 0 次求解" with no reason, and no proof tag in the list)."""
    return bool(goal.get("proof_most") and not goal.get("reachable") and goal.get("elsewhere_proven") is None
                and not any(row.get("elsewhere") is not None for row in goal.get("blocked") or []))


def findings(goal: Mapping[str, Any], lang: str, applicants: Mapping[str, str] | None = None,
             ids: bool = False) -> dict[str, str]:
    """What the page and goal.xlsx say of a goal search's findings (`goal`: a GoalSummary as a record keeps it),
    sentence by sentence, in an officer's words: the budget found as a figure, how many targets it funds (a goal of
    one target: which, its award, and why the year needs more), those no budget reaches (in full, for a goal in full
    some of them get part of theirs), the few that set it (named with their applicants, `applicants`) and what they
    add to it, whether a larger budget funds fewer — and then the windows of funding the budgets solved show, and
    whether the probing below stopped at its limits — and the targets one precision less leaves short only by the
    rounding unit. When the budget found funds none of the targets, `none` says that no budget does, and why, in
    place of all that: the budget found is then only the least budget the scenario can be solved at, and funds nothing
    asked for (an officer's review: "所需最低预算 2,000万元" for a target no budget funds) — unless a proof looked for
    the least budget of the targets funded only at some budgets (`elsewhere_proven`): then `aside` headlines it, and
    `aside_why` and `aside_proof` say why money is no limit does not fund them and what the proof settled. `ids`: a
    goal of applications asked for by id — the count then names each the budget leaves out (ids_counts_said)."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    blocked = goal.get("blocked") or []
    elsewhere = sum(1 for row in blocked if row.get("elsewhere") is not None)
    unreached = [row for row in blocked if row.get("elsewhere") is None]
    partly = goal.get("full") is not False and any(row.get("status") == "PARTIAL" for row in unreached)
    said_of = dict.fromkeys(("headline", "figure", "floor", "counts", "only", "why", "elsewhere", "setting",
                             "monotone", "nearly", "none", "aside", "aside_why", "aside_proof", "together",
                             "together_figure", "together_proof", "together_none", "together_what", "left"), "")
    said_of |= {"high": figure(goal["high"], lang), "solves": solves_said(goal, lang),
                "blocked_title": t("web.goal.blocked_title_full" if partly else "web.goal.blocked_title",
                                   high=figure(goal["high"], lang)),
                "capped": t("web.goal.blocked_capped") if any(row.get("capped") for row in unreached) else "",
                "elsewhere_lead": t("web.goal.elsewhere_lead_none" if not goal["reachable"]
                                    else "web.goal.elsewhere_lead_unproven" if proof_stopped(goal)
                                    else "web.goal.elsewhere_lead", high=figure(goal["high"], lang))}
    if not goal["reachable"] and goal.get("elsewhere_proven") is not None:
        return said_of | aside_said(goal, lang) | aside_together(goal, lang)
    if not goal["reachable"]:
        return said_of | {"none": none_said(goal, lang)}
    some = goal["reachable"] < goal["targets"]
    headline = "web.goal.headline_unproven" if proof_stopped(goal) else "web.goal.headline"
    proven = "web.goal.proven"
    if together_of(goal):  # the question asked first — all together —, the budget found second: without some
        said_of |= together_said(goal, lang)
        if goal.get("together") is not None:
            headline, proven = headline.replace("headline", "headline_without"), "web.goal.proven_without"
            said_of["elsewhere_lead"] = t("web.goal.elsewhere_lead_together", budget=figure(goal["budget"], lang),
                                          together=figure(int(goal["together"]), lang),
                                          high=figure(goal["high"], lang))
    said_of |= {"headline": t(headline, reserve=said_amount(goal.get("reserve", 0)), left=left_said(goal, lang)),
                "figure": figure(goal["budget"], lang, yi=True),
                "floor": t("web.goal.least_solvable_some" if some else "web.goal.least_solvable")
                if goal.get("least_solvable") else "",
                "counts": counts_said(goal["reachable"], goal["targets"], len(unreached), lang, partly),
                "why": others_said(goal, lang), "monotone": caution_said(goal, lang, proven),
                "nearly": nearly_said(goal, lang)}
    only = goal.get("only")
    if only and goal["reachable"] == goal["targets"] == 1:
        target_id, applicant, award = only
        who = t("web.goal.who", id=target_id, applicant=applicant) if applicant else target_id
        said_of["only"] = said_of["counts"] = t("web.goal.only_funded", who=who, award=figure(award, lang))
    if elsewhere and ids:  # each id was asked for: the count names those the budget leaves out, and where they are
        said_of["counts"] = ids_counts_said(goal, lang, len(unreached))
    elif elsewhere:
        said_of["elsewhere"] = t("web.goal.elsewhere_one" if elsewhere == 1 else "web.goal.elsewhere", count=elsewhere)
    setting = goal.get("setting") or []
    if setting and goal.get("without") is not None:
        said_of["setting"] = setting_said(setting, goal, applicants or {}, lang)
    return said_of


def together_of(goal: Mapping[str, Any]) -> bool:
    """Whether the page answers first for all the targets funded at some budget solved, together: the budget found
    funds some, and others are funded only at other budgets (BudgetGoal.together_ids; an officer's review: three ids
    asked for, 5,600万 headlined for two of them, where 7,300万 funds all three)."""
    return bool(goal.get("reachable")) and bool(goal.get("together_ids"))


def left_ids(goal: Mapping[str, Any]) -> list[str]:
    """The targets the budget found leaves out that another budget solved funds."""
    return [str(row["application_id"]) for row in goal.get("blocked") or [] if row.get("elsewhere") is not None]


def ids_listed(ids: Sequence[str], lang: str, most: int = 3) -> str:
    """Some application ids as a sentence names them: every one, or the first few and how many more.

    >>> ids_listed(["2026-0060", "2026-0198"], "zh"), ids_listed(["a", "b", "c", "d", "e"], "en", most=2)
    ('2026-0060、2026-0198', 'a, b and others, 5 in all')
    >>> ids_listed(["a", "b", "c", "d"], "zh", most=3)
    'a、b、c等 4 项'
    """
    join = ("、" if lang == "zh" else ", ").join
    if len(ids) <= most:
        return join(ids)
    return Phrase.of("web.goal.more_ids", ids=join(ids[:most]), count=len(ids)).text(lang, FACE)


def left_said(goal: Mapping[str, Any], lang: str) -> str:
    """The targets the budget found leaves out that another budget funds, named (the first few)."""
    return ids_listed(left_ids(goal), lang)


def together_what(goal: Mapping[str, Any], lang: str) -> str:
    """What the budget for all together funds: `全部 3 项` (every target), or, when some no budget funds, `测算中获
    资助过的全部 90 项目标`."""
    count = len(goal.get("together_ids") or ())
    code = ("web.goal.together_reachable" if count != goal.get("targets") else "web.goal.together_both" if count == 2
            else "web.goal.together_all")
    return Phrase.of(code, count=count).text(lang, FACE)


def together_said(goal: Mapping[str, Any], lang: str) -> dict[str, str]:
    """What the page says first of a goal some of whose targets are funded only at other budgets (together_of): the
    least budget found that funds all of them together — proven least, or found and not proven (its proof stopped,
    not begun, or none asked), with what its proof settled — or, when no budget solved funds them all together,
    that plainly (`together_none`).

    >>> goal = {"reachable": 2, "targets": 3, "precision": 1_000_000, "reserve": 5_000_000, "proof_most": 2000,
    ...         "together_ids": ["2026-0060", "2026-0198", "2026-0362"], "together": 73_000_000,
    ...         "together_proven": True}
    >>> said = together_said(goal, "zh")
    >>> said["together"] + said["together_figure"]
    '资助全部 3 项的最低预算（已证明按 100万元 一档为最低；全年预算，含预留 500万元）：7,300万元'
    >>> together_said({**goal, "together_proven": False}, "zh")["together_proof"]
    '其证明未能核查任何更低的预算：证明的求解次数已用完。'
    >>> together_said({**goal, "together_proven": False, "together_settled": 63_000_000}, "en")["together_proof"]
    'The proof stopped at its limit of 2000 solves: in steps of 100万, every budget from 6,300万 to 7,200万 is proven \
not enough; those below 6,300万 were not all settled and may fund them too.'
    >>> together_said({**goal, "together": None}, "en")["together_none"]
    'No budget solved funds all 3 (2026-0060, 2026-0198, 2026-0362) together; below, the least budget for those that \
can be funded together.'
    """
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    what = together_what(goal, lang)
    if goal.get("together") is None:
        return {"together_none": t("web.goal.together_none", what=what,
                                   ids=ids_listed([str(i) for i in goal.get("together_ids") or ()], lang, 5)),
                "together_what": what, "left": left_said(goal, lang)}
    budget, proven, settled = int(goal["together"]), bool(goal.get("together_proven")), goal.get("together_settled")
    if proven or settled is not None:
        proof = proof_said({"budget": budget, "precision": goal["precision"], "proven": proven, "settled": settled,
                            "stopped": goal.get("stopped"), "proof_most": goal.get("proof_most")}, lang,
                           "web.goal.together_proof_proven")
    else:
        proof = t(("web.goal.together_not_begun_asked" if goal.get("stopped") else "web.goal.together_not_begun")
                  if goal.get("proof_most") else "web.goal.together_no_proof")
    return {"together": t("web.goal.together_proven" if proven else "web.goal.together_unproven", what=what,
                          precision=figure(goal["precision"], lang), reserve=said_amount(goal.get("reserve", 0))),
            "together_figure": figure(budget, lang, yi=True), "together_proof": proof, "together_what": what,
            "left": left_said(goal, lang)}


def together_rows(goal: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """What goal.xlsx's 测算说明 says first of a goal some of whose targets are funded only at other budgets
    (together_of): the least budget found that funds them all together, proven or not — or that no budget solved
    does; [] for any other goal."""
    aside = aside_together(goal, lang)  # none funded where money is no limit, nor all of them at any budget solved
    if not together_of(goal) and not aside:
        return []
    ids = [str(i) for i in goal.get("together_ids") or left_ids(goal)]
    what = together_what({**goal, "together_ids": ids}, lang)
    if goal.get("together") is None:
        return [(Phrase.of("web.goal.about.together_none", what=what).text(lang, FACE),
                 Phrase.of("web.goal.about.together_none_said", ids=ids_listed(ids, lang, 5)).text(lang, FACE))]
    code = "web.goal.about.together" if goal.get("together_proven") else "web.goal.about.together_unproven"
    return [(Phrase.of(code, what=what, precision=figure(goal["precision"], lang)).text(lang, FACE),
             figure(int(goal["together"]), lang))]


def ids_counts_said(goal: Mapping[str, Any], lang: str, unreached: int) -> str:
    """How many of the ids asked for the budget found funds, naming each funded only at other budgets with the budget
    that funds it — proven its least, the least its proof found, or one the search saw — and then how many no budget
    funds (an officer's review: 5,600万 headlined for three ids, "资助 2 项目标（共 3 项）", where 2026-0060 needs
    7,300万).

    >>> goal = {"reachable": 2, "precision": 1_000_000, "blocked": [{"application_id": "2026-0060",
    ...         "elsewhere": 73_000_000}], "elsewhere_least": [("2026-0060", 73_000_000, None)]}
    >>> ids_counts_said(goal, "zh", 0)
    '该预算资助 2 项（不含 2026-0060：它只在其他预算下获资助，最低 7,300万元，已证明）。'
    >>> ids_counts_said({**goal, "elsewhere_least": []}, "en", 1)
    'It funds 2 of them (not 2026-0060: it is funded only at other budgets, at 7,300万 for one, not necessarily \
the least). 1 more: not funded in full even where money is no limit (why: below).'
    """
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    each = own_least(goal)
    aside = []
    for row in goal.get("blocked") or []:
        if row.get("elsewhere") is None:
            continue
        target, budget = str(row["application_id"]), row["elsewhere"]
        own = each.get(target)
        where = ("web.goal.without_seen" if own is None or own[0] != budget
                 else "web.goal.without_least" if own[1] is None else "web.goal.without_found")
        aside.append(t("web.goal.without_one", id=target, where=t(where, budget=figure(budget, lang))))
    said = t("web.goal.counts_ids_without", reachable=goal["reachable"], aside=("；" if lang == "zh" else "; ").join(
        aside))
    if not unreached:
        return said
    how = t("web.goal.aside_full" if goal.get("full") is not False else "web.goal.aside_any")
    return said + ("" if lang == "zh" else " ") + t("web.goal.counts_ids_unreached", count=unreached, how=how)


def aside_said(goal: Mapping[str, Any], lang: str) -> dict[str, str]:
    """What the page and goal.xlsx say of a goal none of whose targets is funded where money is no limit, some of
    them at other budgets, when a proof looked for the least budget of those funded together at the least of those
    (`elsewhere_goal`; a planner's review: 2026-0060, in full, funded from 7300万 but not at 4.99亿): the headline
    with that budget as the figure — proven least at the precision, or found and not proven (an officer stopped the
    proof, or it reached its limit) — why money is no limit funds them not, and what the proof settled."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    ids = list(goal.get("elsewhere_goal") or [])
    applicants = {row["application_id"]: row.get("applicant") for row in goal.get("blocked") or []}
    who = ("、" if lang == "zh" else ", ").join(
        t("web.goal.who", id=i, applicant=applicants[i]) if applicants.get(i) else i for i in ids)
    how = t("web.goal.aside_full" if goal.get("full") is not False else "web.goal.aside_any")
    budget, settled, proven = int(goal["elsewhere_proven"]), goal.get("elsewhere_settled"), aside_proven(goal)
    label = "web.goal.aside_proven" if proven else "web.goal.aside_unproven"
    alone = aside_alone(goal)
    if alone:  # the budget headlined leaves some funded elsewhere out: said of those it funds alone, naming the rest
        label = label.replace("aside_", "aside_alone_")
    return {"aside": t(label, who=who, how=how, precision=figure(goal["precision"], lang),
                       reserve=said_amount(goal.get("reserve", 0)), left=ids_listed(alone, lang)),
            "figure": figure(budget, lang, yi=True),
            "aside_why": t("web.goal.aside_why", how=how, high=figure(goal["high"], lang)),
            "aside_proof": proof_said({**goal, "budget": budget, "settled": settled, "proven": proven,
                                       "reachable": 1, "least_solvable": False}, lang, "web.goal.aside_proof_proven")}


def aside_together(goal: Mapping[str, Any], lang: str) -> dict[str, str]:
    """Of a goal none of whose targets is funded where money is no limit, whose headlined budget leaves some funded
    elsewhere out (aside_alone): that no budget solved funds them all together, said first as for any goal (an
    officer's review: said for 2026-0198 + 2026-0060 + 2026-0233, not for 2026-0060 + 2026-0233 + 2026-0382, where
    none is funded where money is no limit); {} for any other (a budget for them all is the headlined one).

    >>> goal = {"reachable": 0, "targets": 3, "elsewhere_proven": 73_000_000, "elsewhere_goal": ["2026-0060"],
    ...         "together_ids": ["2026-0060", "2026-0233", "2026-0382"], "blocked": [
    ...         {"application_id": i, "elsewhere": b} for i, b in (
    ...             ("2026-0060", 73_000_000), ("2026-0233", 184_000_000), ("2026-0382", 177_000_000))]}
    >>> first, then = aside_together(goal, "zh")["together_none"].split("；")
    >>> first
    '测算求解的预算中，没有一个能同时资助全部 3 项（2026-0060、2026-0233、2026-0382）'
    >>> then
    '下面是其中 2026-0060 所需的最低预算，其余目标各自获资助的预算见下表。'
    >>> aside_together({**goal, "elsewhere_goal": ["2026-0060", "2026-0233", "2026-0382"]}, "zh")
    {}
    """
    if not aside_alone(goal) or goal.get("together") is not None:
        return {}
    ids = [str(i) for i in goal.get("together_ids") or left_ids(goal)]
    what = together_what({**goal, "together_ids": ids}, lang)
    who = ids_listed([str(i) for i in goal.get("elsewhere_goal") or ()], lang, 5)  # the headline's, not a group of
    # all those that can be funded together (a review: 2026-0233 and 2026-0382 can be, from 18,400万)
    return {"together_none": Phrase.of("web.goal.together_none_aside", what=what, ids=ids_listed(ids, lang, 5),
                                       who=who).text(lang, FACE), "together_what": what}



def none_said(goal: Mapping[str, Any], lang: str) -> str:
    """What the page and goal.xlsx say, in place of a budget, when the budget found funds none of the targets: that no
    budget funds the one target, and what holds it where money is no limit; that no budget funds any of several; or,
    when some were funded at other budgets solved (whole awards swapping under a cap), that no least budget was found
    and how many those are."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    how = t("web.goal.none_how_full" if goal.get("full") is not False else "web.goal.none_how_any")
    high = figure(goal["high"], lang)
    blocked = goal.get("blocked") or []
    swapped = sum(1 for row in blocked if row.get("elsewhere") is not None)
    if swapped:
        return t("web.goal.none_swapped", how=how, high=high, count=swapped)
    if goal["targets"] != 1 or len(blocked) != 1:
        return t("web.goal.none_many", how=how, count=goal["targets"])
    row = blocked[0]
    applicant = str(row.get("applicant") or "")
    who = t("web.goal.who", id=row["application_id"], applicant=applicant) if applicant else row["application_id"]
    held = row.get("held") or ("", "")
    return t("web.goal.none_one", how=how, who=who, high=high,
             held=(held[0] or row["reason"][0]) if lang == "zh" else (held[1] or row["reason"][1]))


def counts_said(reachable: int, targets: int, unreached: int, lang: str, partly: bool = False) -> str:
    """How many targets the budget found funds, and how many no budget reaches (`partly`: in full — a goal in full
    some of whose targets get part of theirs) — or, when it funds them all, only that every target can be funded.

    >>> counts_said(9, 9, 0, "zh")
    '每项目标都能获资助（共 9 项）。'
    >>> counts_said(35, 40, 4, "zh")
    '该预算资助 35 项目标（共 40 项）；4 项目标在资金不受限时也未获资助，原因见下表。'
    >>> counts_said(35, 40, 4, "zh", partly=True)
    '该预算资助 35 项目标（共 40 项）；4 项目标在资金不受限时也未获全额资助，原因见下表。'
    >>> counts_said(35, 40, 1, "en")
    'It funds 35 of the 40 targets; 1 of them are not funded even where money is no limit (why: below).'
    >>> counts_said(39, 40, 0, "en"), counts_said(1, 1, 0, "en")
    ('It funds 39 of the 40 targets.', 'The one target can be funded.')
    """
    if reachable == targets:
        code = "web.goal.all_funded_one" if targets == 1 else "web.goal.all_funded"
    elif unreached:
        code = "web.goal.counts_unreached_full" if partly else "web.goal.counts_unreached"
    else:
        code = "web.goal.counts"
    return Phrase.of(code, reachable=reachable, targets=targets, count=unreached).text(lang, FACE)


def setting_said(setting: Sequence[str], goal: Mapping[str, Any], applicants: Mapping[str, str], lang: str) -> str:
    """The few targets that set the budget found, each with its applicant, and what they add to it: `只因
    2026-0036（重庆铜锣水泥集团有限公司）一项，预算才需 18,433万元；不要求它全额资助，其余目标只需 18,364万元（少
    69万元）。` — marked the least found, not proven, where a proof was asked for and stopped before proving it (an
    officer's review: 其余目标只需 25,343万元, below what the proof settled, read as proven)."""
    who = ("、" if lang == "zh" else ", ").join(
        Phrase.of("web.goal.who", id=i, applicant=applicants[i]).text(lang, FACE) if applicants.get(i) else i
        for i in setting)
    how = Phrase.of("web.goal.setting_full" if goal.get("full") is not False else "web.goal.setting_any")
    code = "web.goal.setting_one" if len(setting) == 1 else "web.goal.setting_many"
    unproven = "" if goal.get("without_proven", True) else Phrase.of("web.goal.without_unproven").text(lang, FACE)
    return Phrase.of(code, who=who, count=len(setting), budget=figure(goal["budget"], lang),
                     without=figure(goal["without"], lang), saved=figure(goal["budget"] - goal["without"], lang),
                     how=how.text(lang, FACE), unproven=unproven).text(lang, FACE)


def caution_said(goal: Mapping[str, Any], lang: str, proven: str = "web.goal.proven") -> str:
    """What the page and goal.xlsx say when a larger budget funds fewer of the targets: that the budget is the least
    the search found (and, when probing below found it, under which first one); the windows of funding the budgets
    solved show, when there are several; and whether the probing stopped at its limits. When every larger budget
    solved funded them, that the budget is still the least found, not proven (""  when no budget was found)."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, FACE)

    gaps = goal.get("gaps") or []
    # an officer's review: 有的目标 of a goal of one target, and of one target left beside the budget for all
    one = "_one" if goal.get("targets") == 1 or (goal.get("reachable") == 1 and together_of(goal)) else ""
    proof = proof_said({**goal, "left": left_said(goal, lang)}, lang, proven)
    what = (t("web.goal.what_rest", left=left_said(goal, lang)) if together_of(goal) and goal.get("together")
            is not None else t("web.goal.what_reachable"))  # 全部 is the budget for all's, once it is on the page
    if not gaps:  # a planner's review: 11 of 26 goals had a smaller budget that funds them, most with no word of it
        return proof or ("" if goal.get("least_solvable") else t("web.goal.found_by_bisection"))  # nothing lower
    if goal.get("least_solvable"):  # nothing below it can be solved: not "one precision less is not enough"
        said = t("web.goal.not_monotone_floor" + one, example=figure(gaps[0], lang))
        said += ("" if lang == "zh" or not proof else " ") + proof
    else:
        said = proof or t("web.goal.not_monotone" + one, example=figure(gaps[0], lang),
                          precision=figure(goal["precision"], lang))
    if goal.get("bisected") is not None:
        said += t("web.goal.bisected", first=figure(goal["bisected"], lang), what=what)
    windows = goal.get("windows") or []
    if len(windows) > 1:
        code = "web.goal.windows_proven" if goal.get("proven") else "web.goal.windows"  # proven: none lower
        said += ("" if lang == "zh" else " ") + t(code, count=len(windows), shown=windows_said(windows, lang),
                                                  what=what)
    if goal.get("exhausted"):
        said += ("" if lang == "zh" else " ") + t("web.goal.exhausted")
    return said


def proof_said(goal: Mapping[str, Any], lang: str, proven: str = "web.goal.proven") -> str:
    """What the page and goal.xlsx say of a proof asked for: that every lower budget, to the precision, is proven not
    to fund the targets; or, stopped at its limit, the stretch it settled written out — `25,348万元 至 26,350万元
    之间的预算都已证明不够；25,348万元 以下未全部核查` (an officer's review: "从 25,348万元 到此" had no clear
    referent) — stopped at the officer's request (`stopped`), said so, not as at its limit; ("" when none was asked).
    `proven`: the phrase of a proven least."""
    precision = figure(goal["precision"], lang)
    budget = figure(goal["budget"], lang)
    if no_proof_needed(goal):
        return Phrase.of("web.goal.no_proof_needed").text(lang, FACE)
    if goal.get("proven"):
        below = figure(goal["budget"] - goal["precision"], lang)
        return Phrase.of(proven, precision=precision, below=below, budget=budget,
                         left=goal.get("left", "")).text(lang, FACE)
    if goal.get("settled") is None:  # not proven, nothing settled: its proof never began, or settled no budget below
        if not proof_stopped(goal):
            return ""
        return Phrase.of("web.goal.proof_stopped_asked" if goal.get("stopped") else "web.goal.proof_stopped",
                         solves=goal.get("proof_most") or PROOF_MOST).text(lang, FACE)
    settled, last = goal["settled"], goal["budget"] - goal["precision"]
    code = ("web.goal.proof_stopped" if settled > last else "web.goal.proof_stopped_one" if settled == last
            else "web.goal.proof_stopped_from") + ("_asked" if goal.get("stopped") else "")
    return Phrase.of(code, settled=figure(settled, lang), precision=precision, last=figure(last, lang),
                     solves=goal.get("proof_most") or PROOF_MOST).text(lang, FACE)


def windows_said(windows: Sequence[Sequence[int]], lang: str, most: int = 3) -> str:
    """The first few windows of funding, as a sentence lists them: `12,768万元～12,772万元、12,818万元等`.

    >>> windows_said([(127_680_000, 127_720_000), (128_180_000, 128_180_000)], "zh")
    '12,768万元～12,772万元、12,818万元'
    >>> windows_said([(1, 1), (2, 3), (4, 4), (5, 5)], "en", most=2)
    '1 yuan, 2 yuan–3 yuan, …'
    """
    shown = [figure(low, lang) if low == high else f"{figure(low, lang)}{'～' if lang == 'zh' else '–'}"
             f"{figure(high, lang)}" for low, high in windows[:most]]
    more = ("等" if lang == "zh" else ", …") if len(windows) > most else ""
    return ("、" if lang == "zh" else ", ").join(shown) + more


def nearly_said(goal: Mapping[str, Any], lang: str) -> str:
    """What the page and goal.xlsx say of the targets one precision less leaves short of full funding only by the
    rounding unit (a target 100元 short is not funded in full, but a reader would want to know); "" for none."""
    short = goal.get("rounding_short") or []
    if not short:
        return ""
    ids = ("、" if lang == "zh" else ", ").join(str(i) for i, _ in short)
    code = "web.goal.rounding_short_one" if len(short) == 1 else "web.goal.rounding_short_many"
    return Phrase.of(code, who=ids, count=len(short), short=figure(max(int(n) for _, n in short), lang),
                     less=figure(goal["budget"] - goal["precision"], lang),
                     unit=figure(goal.get("rounding", 1), lang)).text(lang, FACE)


def others_said(goal: Mapping[str, Any], lang: str) -> str:
    """Why a goal of one target needs a year far larger than its award: the scenario funds higher weighted scores
    first, and the rest of the budget found (about, to the 万) goes to other applications — said beside the reserve
    it holds back. "" unless the goal is one target, funded, and others get 1万 or more (not when the scenario's floor
    sets the budget: that is said instead)."""
    only = goal.get("only")
    others = (goal["allocated"] - goal.get("to_targets", 0) + WAN // 2) // WAN * WAN  # to the nearest 万
    if not only or goal.get("reachable") != 1 or goal.get("least_solvable") or others <= 0:
        return ""
    code = "web.goal.why_others" if goal.get("reserve") else "web.goal.why_others_no_reserve"
    return Phrase.of(code, others=figure(others, lang), reserve=figure(goal.get("reserve", 0), lang)).text(lang, FACE)
