"""What B's list is worth against A's, in words — measured by one run's clause weights and said in that run's budget
at its funding line, or as the budgets' difference where nothing else differs; how much of the figure is the
budgets' difference where B's scenario was allocated again at A's budget (and why it was not); both objectives under
one run's weights — for compare.html, compare.xlsx, the console and the app's page alike (report/compare_out.py
writes the files). How the runs differ and whether they can be valued at all is compare_runs.py's; which limits
each run's awards break, compare_limits.py's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from optimizer.money import said_amount
from optimizer.reading.run_folder import RunData
from optimizer.report.compare_ledger import ledger_difference, paid_text, sentences
from optimizer.report.compare_limits import limits_text
from optimizer.report.compare_runs import (
    apart,
    objectives_comparable,
    only_budget_differs,
    same_applications,
    scenario_changes,
)
from optimizer.report.units import decimal_text, say, score_text
from optimizer.results import ComparisonResult, Line, Valuation
from optimizer.words import Phrase


def valued_line(c: ComparisonResult, lang: str) -> tuple[str, Line] | None:
    """Both runs' objectives under one run's weights, as a row of the totals — when the objectives themselves are
    not comparable (under equal weights the row would repeat the objective's)."""
    v = c.valued
    if v is None or objectives_comparable(c):
        return None
    return say("report.compare.valued_row", lang, under=v.under), Line(f"objective_under_{v.under}", "", v.a, v.b)


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
    if same_applications(c):
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
