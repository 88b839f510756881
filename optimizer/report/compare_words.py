"""What a comparison of two runs says in words — how the scenarios differ, whether the objectives can be compared,
what B's list is worth in A's terms (or A's in B's), how much of that is the budgets' difference where B's scenario
was allocated again at A's budget, and which of the other's limits each run's awards break (audit's lines, their
sources in words), when only the budget differs, when the runs are of two years or share no application — for
compare.html, compare.xlsx, the console and the app's page alike (report/compare_out.py writes the files)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from optimizer.money import said_amount
from optimizer.reading.run_folder import RunData
from optimizer.report.compare_ledger import (
    breach_text,
    counted_ledger,
    ledger_cell,
    ledger_difference,
    ledger_text,
    ledgers_differ,
    paid_text,
    sentences,
)
from optimizer.report.scenario_words import SettingChange, differences
from optimizer.report.units import amount_text, decimal_text, say, score_text
from optimizer.results import Breach, ComparisonResult, LimitCheck, Line, Valuation
from optimizer.words import Phrase, pick

KINDS = {"changed": ("变化", "changed"), "only_a": ("仅在A", "only in A"), "only_b": ("仅在B", "only in B")}


TOTAL_LABELS = {
    "budget": ("年度预算（元）", "budget (yuan)"), "reserve": ("预留（元）", "reserve (yuan)"),
    "earlier_rounds": ("本年度此前各批已资助（元）", "granted in the year's earlier rounds (yuan)"),
    "available": ("可分配（元）", "available (yuan)"), "allocated": ("已分配（元）", "allocated (yuan)"),
    "unspent": ("未分配（元）", "unspent (yuan)"), "FUNDED": ("全额资助", "funded"),
    "PARTIAL": ("部分资助", "partly funded"), "UNFUNDED": ("未获资助", "not funded"),
    "INELIGIBLE": ("不符合条件", "ineligible"), "DUPLICATE": ("重复申报", "duplicate"),
    "INVALID": ("数据有误", "invalid"),
    "objective": ("目标值（Σ 权重×评审得分×分配额（元））", "objective (Σ weight × score × yuan)"),
}


def total_label(key: str, lang: str) -> str:
    return pick(TOTAL_LABELS.get(key, (key, key)), lang)


def scenario_changes(c: ComparisonResult, lang: str) -> list[SettingChange] | None:
    """How the two runs' scenarios differ, key by key — then the award ledgers they counted, when those differ (an
    officer's review: a 2027 run that counted the 2026 awards against one that counted none showed only the
    budgets); None when a run did not record its scenario's settings."""
    a, b = _scenario(c.a), _scenario(c.b)
    if a is None or b is None:
        return None
    changes = differences(a, b, lang)
    if ledgers_differ(c.a, c.b):
        changes.append(SettingChange("ledger", say("report.compare.ledger.row", lang),
                                     *(ledger_cell(counted_ledger(run)[1], lang) for run in (c.a, c.b))))
    return changes


def objectives_comparable(c: ComparisonResult) -> bool | None:
    """Whether the two objectives are in the same units: only under the same weights (Σ weight × score × yuan).
    None when a run did not record its weights."""
    a, b = _scenario(c.a), _scenario(c.b)
    if a is None or b is None:
        return None
    return not any(change.key.startswith("weight:") for change in differences(a, b, "en"))


def objective_note(c: ComparisonResult, lang: str, face: str | None = None) -> str:
    """Why the objectives are not compared, or "" when they are (as `face` words it: "web")."""
    comparable = objectives_comparable(c)
    if comparable:
        return ""
    if comparable is None:
        return Phrase.of("report.compare.objective_unknown").text(lang, face)
    changed = [ch for ch in differences(_scenario(c.a) or {}, _scenario(c.b) or {}, lang)
               if ch.key.startswith("weight:")]
    listed = [say("report.compare.weight_change", lang, name=ch.name[:1].lower() + ch.name[1:], a=ch.a, b=ch.b)
              for ch in changed]  # within the sentence: `(weight of clause 3: A 1, B 1.5)` (Chinese has no case)
    return Phrase.of("report.compare.objective_apart", weights=("；".join(listed), "; ".join(listed))).text(lang, face)


def valued_line(c: ComparisonResult, lang: str) -> tuple[str, Line] | None:
    """Both runs' objectives under one run's weights, as a row of the totals — when the objectives themselves are
    not comparable (under equal weights the row would repeat the objective's)."""
    v = c.valued
    if v is None or objectives_comparable(c):
        return None
    return say("report.compare.valued_row", lang, under=v.under), Line(f"objective_under_{v.under}", "", v.a, v.b)


def run_year(run: RunData) -> int | None:
    """The year a run allocates, as its manifest records its scenario's; None when it records none."""
    scenario = run.manifest.get("scenario")
    year = scenario.get("year") if isinstance(scenario, Mapping) else None
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def application_ids(run: RunData) -> set[str]:
    """The application ids a run's allocation lists: two runs' rows are matched by them."""
    return {row.application_id for row in run.rows}


def apart(a: RunData, b: RunData) -> Phrase | None:
    """Why two runs' lists are neither valued against each other nor held to each other's limits: they have no
    application id in common, or they allocate different years (an id need not be the same application in two
    years' workbooks, and one year's weights, budget and limits say nothing about another year's applications: an
    officer's review read a 2027 run "worth 9081.9万 less" than a 2026 one); None when they may be."""
    if not application_ids(a) & application_ids(b):
        return Phrase.of("report.compare.no_common")
    years = run_year(a), run_year(b)
    if years[0] is not None and years[1] is not None and years[0] != years[1]:
        return Phrase.of("report.compare.years_apart", a=years[0], b=years[1])
    return None


def measured_alike(c: ComparisonResult) -> bool:
    """Whether measuring both lists by B says what measuring them by A says — the app then offers no choice: the runs
    are not valued against each other at all, or nothing but the budget differs (the same weights, the budgets'
    difference said rather than priced at either funding line, no other limit to hold either run to)."""
    if apart(c.a, c.b) is not None:
        return True
    changes = scenario_changes(c, "en")
    return changes is not None and {change.key for change in changes} <= {"budget"} and _same_applications(c)


@dataclass(frozen=True)
class ValuationWords:
    """What B's list is worth against A's, in words: `worth`, the difference measured by one run's clause weights
    and what it comes to in that run's budget — or, when the runs differ only in their budget, that difference and
    what it changes; `limits`, which of that run's limits the other run's awards break (or that they keep them all);
    `how`, how the figures are worked out (the formula, the funding line), which `explained` introduces as such —
    both "" when no figure is worked out (the lists are the same, or the runs are not valued against each other)."""

    worth: str
    limits: str
    how: str
    explained: str = ""  # `how` as a sentence on its own says it: `计算方法：…`


def valuation_words(c: ComparisonResult, lang: str, face: str | None = None,
                    listed: str | None = None) -> ValuationWords | None:
    """The valuation said in `lang` (as `face` words it where it has its own words: "web"); None when a run did not
    record its scores or weights. `listed`: where every limit broken is listed, when the sentence names only the
    first few (see limits_text)."""
    unvalued = apart(c.a, c.b)
    if unvalued is not None:  # no application in common, or two years
        return ValuationWords(unvalued.text(lang, face), "", "")
    v = c.valued
    if v is None:
        return None

    def said(code: str, **params: object) -> str:
        return Phrase.of(code, **params).text(lang, face)

    if only_budget_differs(c):  # the valuation is the budget's difference: said as it is, not estimated
        return _budget_only(c, v, lang, face)
    space = "" if lang == "zh" else " "
    how = said("report.compare.valued_how", under=v.under)
    if v.delta:
        worth, priced = _worth(c, v, lang, face)
        if priced:
            how += space + said("report.compare.budget_how", under=v.under, marginal=score_text(v.marginal))
    else:
        worth = said("report.compare.valued_same", under=v.under)
    if _split(c, v):  # the budgets' difference told apart from the rest: how
        how += space + said("report.compare.split_how", budget=said_amount(c.a.total("budget")), under=v.under,
                            rest_name=_rest_name(c))
    limits = sentences(limits_text(c.limits_under(v.under), lang, face, listed=listed, c=c),
                       paid_text(c.limits_under(v.other), lang, face), lang=lang)
    return ValuationWords(worth, limits, how, said("report.compare.how", how=how))


def valuation_text(c: ComparisonResult, lang: str, how: bool = True) -> str:
    """What B's allocation is worth against A's in one run's terms, that in its budget at its funding line, and which
    of that run's limits the other's awards break — then, with `how`, how the figures are worked out; "" when a run
    did not record its scores or weights."""
    words = valuation_words(c, lang)
    if words is None:
        return ""
    parts = (words.worth, words.limits, words.explained if how else "")
    return ("" if lang == "zh" else " ").join(part for part in parts if part)


def _more_less(delta: Decimal) -> tuple[str, str]:
    return ("高", "more") if delta > 0 else ("低", "less")


def _budget_only(c: ComparisonResult, v: Valuation, lang: str, face: str | None) -> ValuationWords:
    """The runs differ only in their budget: by how much, then what that changes — nothing, when the smaller budget
    funds every application the larger one funds (a planner's review: 6亿 against 5亿 said only that the budgets
    differ, then how a figure it never gave was worked out); else how many fewer are funded, and the lists'
    difference under their common weights."""

    def said(code: str, **params: object) -> str:
        return Phrase.of(code, **params).text(lang, face)

    gap = c.b.total("budget") - c.a.total("budget")
    parts = [said("report.compare.budget_only", amount=said_amount(abs(gap)),
                  direction=("多", "larger") if gap > 0 else ("少", "smaller"))]
    joined = "" if lang == "zh" else " "
    if not c.differences:
        parts.append(said("report.compare.same_lists", smaller="B" if gap < 0 else "A", larger="A" if gap < 0 else "B",
                          changes=("预算减少", "the cut") if gap < 0 else ("增加的预算", "the larger budget")))
        return ValuationWords(joined.join(parts), "", "")
    counts = [said(f"report.compare.count.{key}", count=abs(c.b.total(key) - c.a.total(key)), a=c.a.total(key),
                   b=c.b.total(key), direction=("多", "more") if c.b.total(key) > c.a.total(key) else ("少", "fewer"))
              for key in ("FUNDED", "PARTIAL") if c.b.total(key) != c.a.total(key)]
    if counts:  # what the budget changes, in applications: the weighted figure beside it would add nothing (an
        # officer's review: "效果比A低4,277,043,396（加权评分×元）" after "全额资助少41项"); it stays in the totals
        parts.append(said("report.compare.counts", counts=("，" if lang == "zh" else " and ").join(counts)))
        return ValuationWords(joined.join(parts), "", "")
    parts.append(said("report.compare.valued_common", diff=decimal_text(abs(v.delta)), direction=_more_less(v.delta))
                 if v.delta else said("report.compare.valued_common_same"))
    how = said("report.compare.valued_how", under=v.under)
    return ValuationWords(joined.join(parts), "", how, said("report.compare.how", how=how))


def _worth(c: ComparisonResult, v: Valuation, lang: str, face: str | None) -> tuple[str, bool]:
    """The other run's list against the measuring run's, in the measuring run's budget first (万元, what an officer
    reads), then in weighted score × yuan; whether it was put in budget. Measured by A, B's list against A's; by B,
    A's against B's (a planner's review: "B's list achieves more … what raising B's budget would gain" read
    backwards — B's budget buys B's list; it is A's that falls short of it)."""

    def said(code: str, **params: object) -> str:
        return Phrase.of(code, **params).text(lang, face)

    sign = 1 if v.under == "A" else -1  # the other's list less the measuring run's
    difference = sign * v.delta
    sides = {"under": v.under, "other": v.other, "diff": decimal_text(abs(difference)),
             "direction": _more_less(difference)}
    split = _split(c, v)  # the budgets' difference told apart from the rest, in the same sentence as the figure
    ledger = None if split else ledger_difference("A", c.a, "B", c.b)
    alone = _ledger_only(c) and c.a.total("budget") == c.b.total("budget")  # nothing else: the whole difference
    ledger_too = "" if ledger is None else said("report.compare.ledger_all" if alone else "report.compare.ledger_too",
                                                ledger=ledger.both())
    if v.budget_equivalent is None:
        code = "report.compare.budget_unbound" if v.recorded else "report.compare.marginal_unrecorded"
        valued = said("report.compare.valued_split" if split else "report.compare.valued", **sides, **(split or {}))
        return sentences(valued, said(code, under=v.under), ledger_too, lang=lang), False
    yuan = sign * v.budget_equivalent
    budget = (c.a if v.under == "A" else c.b).total("budget")
    worth = said("report.compare.valued_in_budget_split" if split else "report.compare.valued_in_budget", **sides,
                 **(split or {}), amount=said_amount(_rounded(abs(yuan))), share=_share(abs(yuan), budget),
                 change=("增加", "raising") if yuan > 0 else ("减少", "cutting"),
                 outcome=("多得", "gain") if yuan > 0 else ("损失", "lose"))
    gap = c.b.total("budget") - c.a.total("budget")
    if split or not gap or "budget" not in {change.key for change in scenario_changes(c, "en") or ()}:
        return sentences(worth, ledger_too, lang=lang), True
    # the budgets differ too (a planner's review: the AI push at 1.8亿 against the base at 2亿 read as costing
    # 2107.4万, of which 2000万 is the budget's own cut)
    return sentences(worth, said("report.compare.budget_too", amount=said_amount(abs(gap)),
                                  direction=("多", "larger") if gap > 0 else ("少", "smaller")), ledger_too,
                      lang=lang), True


def splits_budget(c: ComparisonResult) -> bool:
    """Whether allocating B's scenario again at A's budget tells something apart: the runs are valued against each
    other, their budgets differ, and so does something else — the scenarios' other settings, the award ledgers, the
    applications or the year's earlier rounds (when only the budget differs, or the budgets are equal, there is
    nothing to tell apart)."""
    return why_not_split(c) is None


def why_not_split(c: ComparisonResult) -> Phrase | None:
    """Why allocating B's scenario again at A's budget would tell nothing apart; None when it would."""
    if apart(c.a, c.b) is not None:
        return Phrase.of("report.compare.unsplit.apart")
    if c.valued is None:
        return Phrase.of("report.compare.unsplit.unvalued")
    if c.a.total("budget") == c.b.total("budget"):
        return Phrase.of("report.compare.unsplit.same_budget", budget=said_amount(c.a.total("budget")))
    only = only_budget_differs(c)
    if only is None:
        return Phrase.of("report.compare.unsplit.unrecorded")
    return Phrase.of("report.compare.unsplit.budget_only") if only else None


def _equal(c: ComparisonResult) -> ComparisonResult | None:
    """A against B at A's budget, valued: what tells the budgets' difference from the rest; None without it."""
    equal = c.at_equal_budget
    return equal if equal is not None and equal.valued is not None and splits_budget(c) else None


def _split(c: ComparisonResult, v: Valuation) -> dict[str, object] | None:
    """The valuation's figure in two parts — the budgets' difference, and the rest (a planner's review: the AI push at
    1.8亿 read as 2107.4万 worse than the base case at 2亿, of which about 2024.7万 is the cut and 82.7万 the policy
    change) — from B's scenario allocated again at A's budget: its list against A's is the rest, B's against it the
    budgets' difference; both in the measuring run's budget at its funding line, as the figure is rounded (they add
    up to it), or in weighted score × yuan where that is not known. The sentence's parameters; None when not asked
    for or not made, or when the lists are worth the same."""
    equal = _equal(c)
    if equal is None or equal.valued is None or not v.delta:
        return None
    sign = 1 if v.under == "A" else -1  # the other's list less the measuring run's, as the figure is said
    rest = sign * (equal.valued.b - equal.valued.a)  # A's list against B's at A's budget
    gap = c.b.total("budget") - c.a.total("budget")
    if v.marginal:
        total = _rounded(sign * (v.budget_equivalent or 0))
        rest_yuan = _rounded(int((rest / v.marginal).to_integral_value(ROUND_HALF_EVEN)))
        budget_yuan = total - rest_yuan
        parts = [_gap_priced(budget_yuan, sign * gap, v.under, opposite=budget_yuan * rest_yuan < 0),
                 _priced(rest_yuan)]
        if v.under == "B" and equal.valued.budget_equivalent is not None:  # a planner's review: c.at_equal_budget
            # prices the rest at the line of B's scenario at A's budget, and said another figure than the headline
            own = _rounded(sign * equal.valued.budget_equivalent)
            if own != rest_yuan:
                parts[1] = Phrase.of("report.compare.part.at_b_line", part=parts[1].both(), own=_priced(own).both())
    else:
        parts = [_unpriced(diff) for diff in (sign * v.delta - rest, rest)]
    return {"gap": said_amount(abs(gap)), "gap_direction": ("多", "larger") if gap > 0 else ("少", "smaller"),
            "budget": parts[0].both(), "rest_name": _rest_name(c), "rest": parts[1].both()}


def _gap_priced(yuan: int, gap: int, under: str, opposite: bool = False) -> Phrase:
    """The budgets' part in the measuring run's budget: what B's scenario funds with the budgets' difference, worth
    so much of that budget at its funding line — the gap itself priced in the measuring run's weights, which is not
    the gap (a planner's review: "B's budget is 2000万 smaller … comes to cutting by 2024.7万" read as an error; an
    officer's: 2000万 "worth" 1985.3万); as any part, when it goes against the gap. `gap`: B's budget less A's, turned
    as the figure is (the other's list less the measuring run's). `opposite`: the rest pulls the other way — the part
    then says which way it goes (a planner's review: "折合1988.9万元；其他设置之差约相当于减少668.1万元" left the first
    a gain only to a careful reader)."""
    if not yuan or (yuan > 0) != (gap > 0):
        return _priced(yuan)
    code = "report.compare.part.gap_more" if (gap > 0) == (under == "A") else "report.compare.part.gap_less"
    change = (("增加", ", a gain") if yuan > 0 else ("减少", ", a loss")) if opposite else ("", "")
    return Phrase.of(code, gap=said_amount(abs(gap)), amount=said_amount(abs(yuan)), under=under, change=change)


def _rest_name(c: ComparisonResult) -> tuple[str, str]:
    """What differs besides the budget: the other settings, when the runs allocate the same applications after the
    same earlier rounds; else everything else — with the award ledgers named when they differ (an officer's review:
    "其余差异约相当于减少61.6万元" never said that it was B's counting the 2026 awards): that is all, when the scenarios
    differ in nothing else and the workbooks are one."""
    if _same_applications(c):
        return "其他设置之差", "the other settings' difference"
    ledger = ledger_difference("A", c.a, "B", c.b)
    if ledger is None:
        return "其余差异", "everything else"
    code = "report.compare.rest.ledger_only" if _ledger_only(c) else "report.compare.rest.ledger_among"
    return Phrase.of(code, ledger=ledger.both()).both()


def _ledger_only(c: ComparisonResult) -> bool:
    """Whether the runs differ in nothing but the budget and the award ledger: the scenarios' other settings alike,
    and the same workbook (by its SHA-256, as both recorded it)."""
    changes = scenario_changes(c, "en")
    if changes is None or not {change.key for change in changes} <= {"budget", "ledger"}:
        return False
    books = [_workbook_sha(run) for run in (c.a, c.b)]
    return books[0] is not None and books[0] == books[1]


def _workbook_sha(run: RunData) -> str | None:
    inputs = run.manifest.get("inputs")
    workbook = inputs.get("workbook") if isinstance(inputs, Mapping) else None
    sha = workbook.get("sha256") if isinstance(workbook, Mapping) else None
    return sha if isinstance(sha, str) and sha else None


def _rounded(yuan: int) -> int:
    """Yuan as a sentence gives them: to the thousand (0.1万), or exactly below 500."""
    return round(yuan, -3) or yuan


def _priced(yuan: int) -> Phrase:
    if not yuan:
        return Phrase.of("report.compare.part.none")
    return Phrase.of("report.compare.part.priced", amount=said_amount(abs(yuan)),
                     change=("增加", "raising") if yuan > 0 else ("减少", "cutting"))


def _unpriced(diff: Decimal) -> Phrase:
    if not diff:
        return Phrase.of("report.compare.part.none")
    return Phrase.of("report.compare.part.unpriced", diff=decimal_text(abs(diff)), direction=_more_less(diff))


def _share(part: int, whole: int) -> tuple[str, str]:
    """`0.4%` of a budget, to a tenth of a point; `under 0.1%` below that."""
    if whole <= 0:
        return "—", "—"
    percent = (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))
    if percent == 0:
        return Phrase.of("report.compare.share_below", share="0.1%").both()
    return f"{percent}%", f"{percent}%"


SHOWN_BREACHES = 3  # the limits broken a sentence names; the others are counted, and listed in compare.xlsx


def limits_text(check: LimitCheck | None, lang: str, face: str | None = None, shown: int = SHOWN_BREACHES,
                listed: str | None = None, c: ComparisonResult | None = None) -> str:
    """Which of one run's limits the other's awards break (the first `shown`, and how many more, and where all are
    listed: compare.xlsx, or below on the app's page; `listed="html"`, further down compare.html), that they keep
    them all, or why they were not checked; "" when no check was asked for. Given the comparison `c`, a total over
    the measuring run's budget that is the budgets' difference is said as that, before the list, not in it (see
    budget_aside)."""
    if check is None:
        return ""
    sides = {"judged": check.judged, "by": check.by}
    if check.unchecked is not None:
        why = tuple(check.unchecked.text(language, face).rstrip("。.") for language in ("zh", "en"))
        return Phrase.of("report.compare.limits_unchecked", why=why, **sides).text(lang, face)
    ledger = ledger_text(check, lang, face)
    aside = None if c is None else budget_aside(c, check)
    breaches = [b for b in check.breaches if b is not aside]
    budget = "" if aside is None or c is None else Phrase.of(
        "report.compare.limits_budget_aside", over=(amount_text(aside.over, "zh"), amount_text(aside.over, "en")),
        gap=said_amount(_budget_gap(c, check)), **sides).text(lang, face)
    if not breaches and not check.others:
        kept = "report.compare.limits_kept" + ("_else" if budget else "")
        return sentences(budget, Phrase.of(kept, **sides).text(lang, face), ledger, lang=lang)
    named = [breach_words(c, check, b, lang) for b in breaches[:shown]]
    more = len(breaches) - shown
    others = other_rules(check.others, lang, sides, alone=not breaches)
    where = "report.compare.limits_more" + (f".{listed}" if listed else "")
    said = Phrase.of("report.compare.limits_broken", breaches=("；" if lang == "zh" else "; ").join(named),
                     more=Phrase.of(where, count=more).text(lang, face) if more > 0 else "",
                     **sides).text(lang, face) if breaches else ""
    return sentences(budget, said, others, ledger, lang=lang)


def budget_aside(c: ComparisonResult, check: LimitCheck) -> Breach | None:
    """The judged run's total over what the measuring run may allocate, when it is over by no more than the judged
    run's budget is larger: the budgets' difference, which the valuation tells apart, not a limit broken (a
    planner's review: `A的分配不满足B的限额：合计分配11,699.981万元，可分配额最多9,700.00万元` opened the list,
    under B's smaller budget). None otherwise: the budgets are equal, or the total is over by more (a larger reserve,
    say: see breach_words)."""
    gap = _budget_gap(c, check)
    return next((b for b in check.breaches if b.rule == "budget" and 0 < b.over <= gap), None)


def breach_words(c: ComparisonResult | None, check: LimitCheck, breach: Breach, lang: str) -> str:
    """One limit broken as the lists say it (breach_text) — but the judged run's total over the measuring run's
    smaller budget in two parts, the budgets' difference and the rest, when it is over by more (a planner's review:
    B at 1.8亿 with a 700万 reserve, and A's whole 2,199.991万 over it listed as the limit broken, the 2000万 budgets'
    difference said just before included): `合计分配19,499.991万元，可分配额最多17,300.00万元，超出2,199.991万元，其中
    2000万元是两次运行的预算之差，其余199.991万元计为超限`; and marked as that difference when it is over by no more
    (budget_aside: the sentence says it apart, the files list it, marked, among the rest — an officer's review:
    compare.xlsx listed it first of nine, unmarked, under a sentence that counted eight)."""
    text = breach_text(breach, lang)
    gap = 0 if c is None else _budget_gap(c, check)
    if breach.rule != "budget" or breach.over <= 0 or gap <= 0:
        return text
    if breach.over <= gap:
        return Phrase.of("report.compare.breach.budget_within", breach=text, gap=said_amount(gap)).text(lang)
    return Phrase.of("report.compare.breach.budget_beyond", used=amount_text(breach.used, lang),
                     limit=amount_text(breach.limit, lang), over=amount_text(breach.over, lang),
                     gap=said_amount(gap), rest=amount_text(breach.over - gap, lang)).text(lang)


def listed_breaches(c: ComparisonResult, check: LimitCheck) -> tuple[Breach, ...]:
    """The limits the sentence lists as broken: the check's, but the total that is the budgets' difference."""
    aside = budget_aside(c, check)
    return tuple(b for b in check.breaches if b is not aside)


def _budget_gap(c: ComparisonResult, check: LimitCheck) -> int:
    """How much larger the judged run's budget is than the measuring run's (negative: smaller)."""
    runs = {"A": c.a, "B": c.b}
    return runs[check.judged].total("budget") - runs[check.by].total("budget")


OTHER_RULES = ("rounding", "min_ratio", "whole_award")  # said by name; any other rule audit finds, as "其他"


def other_rules(rules: tuple[str, ...], lang: str, sides: dict[str, str], alone: bool) -> str:
    """Audit's findings of one run's awards other than a limit broken, counted, with their rules: `另有12处不符合A的
    其他规则（取整单位、最低资助比例）。` — `alone`, when no limit is broken; "" for none."""
    if not rules:
        return ""
    named = [rule if rule in OTHER_RULES else "other" for rule in rules]
    kinds = [Phrase.of(f"report.compare.rule.{rule}").text(lang) for rule in dict.fromkeys(named)]
    code = "report.compare.limits_other_alone" if alone else "report.compare.limits_other"
    return Phrase.of(code, count=len(rules), rules=("、" if lang == "zh" else ", ").join(kinds), **sides).text(lang)


def other_findings(check: LimitCheck) -> list[tuple[str, Phrase]]:
    """A check's findings other than a limit broken: each rule with audit's line ([] when not kept)."""
    return list(zip(check.others, check.other_lines, strict=False))


# the scenario's keys audit's lines cite, each as the setting's name in words (report.compare.key.*)
_KEYS = (("budget", r"budget、reserve|budget, reserve"),
         ("envelope_max", r'\[\[envelopes\]\] "(?P<name>.+?)" (?:max、max_share|max, max_share|max_share|max)'),
         ("envelope_min", r'\[\[envelopes\]\] "(?P<name>.+?)" min'),
         ("district_share", r"\[districts\] max_share"), ("applicant_cap", r"\[applicants\] max_total"),
         ("applicant_period_cap", r"\[applicants\] max_period_total"), ("group_cap", r"\[groups\] max_total"),
         ("rounding", r"rounding"), ("min_ratio", r"min_funding_ratio"), ("whole_award", r'fixed_awards = "whole"'),
         ("year", r"year"))


def audit_line(line: Phrase, by: str, lang: str, face: str | None = None) -> str:
    """Audit's line of a finding, where it comes from said in words rather than the scenario's TOML keys — `……超出
    20,000,000元——A的情景：专项额度“人工智能赋能”上限`, not `——情景：[[envelopes]] "人工智能赋能" max` (an
    officer's review); `by`, whose scenario. A key not known here is left as audit says it. A limit is not introduced
    by audit's key for it in English (`人工智能赋能: envelope max: …`, not `envelope:人工智能赋能: envelope max: …`),
    and a status line gives no advice on editing a sheet by hand: two runs compared were not edited."""
    params = dict(line.params)
    source = params.get("source")
    if line.code != "audit.violation" or not isinstance(source, tuple):
        return line.text(lang, face)
    text = pick(source, lang)
    scenario = re.escape(Phrase.of("audit.source.scenario", keys="").text(lang))
    for key, pattern in _KEYS:
        def said(found: re.Match[str], key: str = key) -> str:
            setting = Phrase.of(f"report.compare.key.{key}", name=found.groupdict().get("name") or "")
            return Phrase.of("report.compare.set_in", by=by, setting=setting.both()).text(lang, face)
        # the keys alone, or (audit's Chinese) after the setting in words: `情景：单户上限（[applicants] max_total）`
        text = re.sub(f"{scenario}(?P<words>[^；（]*（)?(?:{pattern})(?(words)）)(?=；|; |$)", said, text)
    what = _said(params["what"], lang).removesuffix(Phrase.of("audit.status_advice").text(lang))
    subject = _said(params["subject"], lang)
    if lang != "zh":
        keyed = re.fullmatch(r"(?:envelope|envelope_min|district_share|applicant_cap|applicant_period_cap|group_cap)"
                             r":(?P<name>.+)|(?P<budget>budget)", subject)
        if keyed and keyed.group("budget"):  # `budget less reserve: …` says it
            return Phrase.of("report.compare.line_unkeyed", what=what, source=text).text(lang)
        subject = keyed.group("name") if keyed else subject
    return Phrase.of("audit.violation", subject=subject, what=what, source=text).text(lang)


def _said(words: object, lang: str) -> str:
    """A parameter of a phrase in `lang`: a (Chinese, English) pair, or the same in both."""
    return pick(words, lang) if isinstance(words, tuple) else str(words)


def only_budget_differs(c: ComparisonResult) -> bool | None:
    """Whether the two runs differ in nothing but the budget: their scenarios (names aside), the applications they
    allocate (ids, clauses, scores and entitlements) and the year's earlier rounds alike. None when a run did not
    record its scenario."""
    changes = scenario_changes(c, "en")
    if changes is None:
        return None
    if [change.key for change in changes] != ["budget"]:
        return False
    return _same_applications(c)


def _same_applications(c: ComparisonResult) -> bool:
    """Whether both runs allocate the same applications (ids, clauses, scores, entitlements) after the same earlier
    rounds of the year."""
    return (c.a.total("earlier_rounds") == c.b.total("earlier_rounds")
            and _applications(c.a) == _applications(c.b))


def _applications(run: RunData) -> Counter[tuple[str, str, Decimal | None, int]]:
    return Counter((row.application_id, row.clause, row.score, row.entitlement) for row in run.rows)


def _scenario(run: RunData) -> Mapping[str, Any] | None:
    scenario = run.manifest.get("scenario")
    return scenario if isinstance(scenario, Mapping) and "weights" in scenario else None


def one_side(c: ComparisonResult, lang: str, face: str | None = None) -> str:
    """When the runs have no application id in common, that every application is in one run only, said instead of
    listing them (an officer's review: 669 rows of "500万 · 全额资助 | —"); "" when they have one in common."""
    ids_a, ids_b = application_ids(c.a), application_ids(c.b)
    if ids_a & ids_b or not c.differences:
        return ""
    return Phrase.of("report.compare.one_side", a=len(ids_a), b=len(ids_b)).text(lang, face)
