"""What a comparison of two runs says in words — how the scenarios differ, whether the objectives can be compared,
what B's list is worth in A's terms (or A's in B's) and which of the other's limits each run's awards break, when
only the budget differs, when the runs are of two years or share no application — for compare.html, compare.xlsx,
the console and the app's page alike (report/compare_out.py writes the files)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from optimizer.money import said_amount
from optimizer.reading.run_folder import RunData
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
    """How the two runs' scenarios differ, key by key; None when a run did not record its scenario's settings."""
    a, b = _scenario(c.a), _scenario(c.b)
    if a is None or b is None:
        return None
    return differences(a, b, lang)


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


def valuation_words(c: ComparisonResult, lang: str, face: str | None = None) -> ValuationWords | None:
    """The valuation said in `lang` (as `face` words it where it has its own words: "web"); None when a run did not
    record its scores or weights."""
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
    how = said("report.compare.valued_how", under=v.under)
    if v.delta:
        worth, priced = _worth(c, v, lang, face)
        if priced:
            how += ("" if lang == "zh" else " ") + said("report.compare.budget_how", under=v.under,
                                                        marginal=score_text(v.marginal))
    else:
        worth = said("report.compare.valued_same", under=v.under)
    return ValuationWords(worth, limits_text(c.limits_under(v.under), lang, face), how,
                          said("report.compare.how", how=how))


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
    if counts:
        parts.append(said("report.compare.counts", counts=("，" if lang == "zh" else " and ").join(counts)))
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
    if v.budget_equivalent is None:
        code = "report.compare.budget_unbound" if v.recorded else "report.compare.marginal_unrecorded"
        return ("" if lang == "zh" else " ").join((said("report.compare.valued", **sides), said(code, under=v.under))
                                                  ), False
    yuan = sign * v.budget_equivalent
    budget = (c.a if v.under == "A" else c.b).total("budget")
    worth = said("report.compare.valued_in_budget", **sides, amount=said_amount(round(abs(yuan), -3) or abs(yuan)),
                 share=_share(abs(yuan), budget), change=("增加", "raising") if yuan > 0 else ("减少", "cutting"),
                 outcome=("多得", "gain") if yuan > 0 else ("损失", "lose"))
    gap = c.b.total("budget") - c.a.total("budget")
    if not gap or "budget" not in {change.key for change in scenario_changes(c, "en") or ()}:
        return worth, True
    # the budgets differ too (a planner's review: the AI push at 1.8亿 against the base at 2亿 read as costing
    # 2107.4万, of which 2000万 is the budget's own cut)
    return ("" if lang == "zh" else " ").join((worth, said(
        "report.compare.budget_too", amount=said_amount(abs(gap)),
        direction=("多", "larger") if gap > 0 else ("少", "smaller")))), True


def _share(part: int, whole: int) -> tuple[str, str]:
    """`0.4%` of a budget, to a tenth of a point; `under 0.1%` below that."""
    if whole <= 0:
        return "—", "—"
    percent = (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))
    if percent == 0:
        return Phrase.of("report.compare.share_below", share="0.1%").both()
    return f"{percent}%", f"{percent}%"


SHOWN_BREACHES = 3  # the limits broken a sentence names; the others are counted, and listed in compare.xlsx


def limits_text(check: LimitCheck | None, lang: str, face: str | None = None, shown: int = SHOWN_BREACHES) -> str:
    """Which of one run's limits the other's awards break (the first `shown`, and how many more, and where all are
    listed), that they keep them all, or why they were not checked; "" when no check was asked for."""
    if check is None:
        return ""
    sides = {"judged": check.judged, "by": check.by}
    if check.unchecked is not None:
        why = tuple(text.rstrip("。.") for text in check.unchecked.both())
        return Phrase.of("report.compare.limits_unchecked", why=why, **sides).text(lang, face)
    if check.ok:
        return Phrase.of("report.compare.limits_kept", **sides).text(lang, face)
    listed = [breach_text(b, lang) for b in check.breaches[:shown]]
    more = len(check.breaches) - shown
    others = other_rules(check.others, lang, sides, alone=not check.breaches)
    said = Phrase.of("report.compare.limits_broken", breaches=("；" if lang == "zh" else "; ").join(listed),
                     more=Phrase.of("report.compare.limits_more", count=more).text(lang, face) if more > 0 else "",
                     **sides).text(lang, face) if check.breaches else ""
    return ("" if lang == "zh" else " ").join(part for part in (said, others) if part)


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


def breach_text(breach: Breach, lang: str) -> str:
    """One limit broken, shortly: `专项额度“人工智能赋能”合计6,000.00万元，最多4,000.00万元`."""
    return Phrase.of(f"report.compare.breach.{breach.rule}", name=breach.name, used=amount_text(breach.used, lang),
                     limit=amount_text(breach.limit, lang)).text(lang)


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
