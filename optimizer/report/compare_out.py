"""compare.xlsx and compare.html: two runs side by side — first how their scenarios differ, key by key, then the
totals (the objectives compared only when they are in the same units: the same weights), spend by section, district
and clause, how the money is spread (report/distribution.py), and every application that changed."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from optimizer.money import said_amount
from optimizer.reading.run_folder import RunData
from optimizer.report import distribution as spread
from optimizer.report.html import Figure, bar_chart, cards, escape, note, page, table
from optimizer.report.scenario_words import SettingChange, differences
from optimizer.report.units import amount_text, decimal_text, say, score_text, signed_amount_text
from optimizer.report.xlsx import formats, header_row, new_workbook
from optimizer.results import Breach, ComparisonResult, Difference, LimitCheck, Line, Valuation
from optimizer.words import STATUS_LABELS, Phrase, label, pick, status_label

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


def apart(a: RunData, b: RunData) -> Phrase | None:
    """Why two runs' lists are neither valued against each other nor held to each other's limits: they have no
    application id in common, or they allocate different years (an id need not be the same application in two
    years' workbooks, and one year's weights, budget and limits say nothing about another year's applications: an
    officer's review read a 2027 run "worth 9081.9万 less" than a 2026 one); None when they may be."""
    ids_a, ids_b = ({row.application_id for row in run.rows} for run in (a, b))
    if not ids_a & ids_b:
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
    others = _other_rules(check.others, lang, sides, alone=not check.breaches)
    said = Phrase.of("report.compare.limits_broken", breaches=("；" if lang == "zh" else "; ").join(listed),
                     more=Phrase.of("report.compare.limits_more", count=more).text(lang, face) if more > 0 else "",
                     **sides).text(lang, face) if check.breaches else ""
    return ("" if lang == "zh" else " ").join(part for part in (said, others) if part)


OTHER_RULES = ("rounding", "min_ratio", "whole_award")  # said by name; any other rule audit finds, as "其他"


def _other_rules(rules: tuple[str, ...], lang: str, sides: dict[str, str], alone: bool) -> str:
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


def _headers(c: ComparisonResult, lang: str, first: str) -> list[str]:
    return [first, f"A: {c.a.label}", f"B: {c.b.label}", "B − A"]


def compare_xlsx(c: ComparisonResult, lang: str) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    fmt = formats(book)
    _scenario_sheet(book, fmt, c, lang)
    _lines_sheet(book, fmt, say("report.compare.sheet.totals", lang),
                 _headers(c, lang, say("report.compare.item", lang)), _total_lines(c, lang), objective_note(c, lang),
                 _valuation_lines(c, lang))
    _limits_sheet(book, fmt, c, lang)
    groups = (("report.compare.sheet.by_clause", c.by_clause), ("report.compare.sheet.by_section", c.by_section),
              ("report.compare.sheet.by_district", c.by_district))
    for code, lines in groups:
        name = say(code, lang)
        _lines_sheet(book, fmt, name, _headers(c, lang, say("report.compare.in_yuan", lang, name=name)),
                     [(x.label, x) for x in lines])
    _spread_sheet(book, fmt, c, lang)
    sheet = book.add_worksheet(say("report.compare.sheet.changes", lang))
    headers = _change_headers(c, lang)
    header_row(sheet, headers, fmt["header"], [10, 14, 30, 7, 14, 14, 12, 14, 12, 14, 50, 50], len(c.differences))
    for r, d in enumerate(c.differences, start=1):
        for col, value in enumerate(_change_cells(d, lang)):
            if isinstance(value, int):
                sheet.write_number(r, col, value, fmt["money"])
            else:
                sheet.write_string(r, col, value)
    book.close()
    return buffer.getvalue()


def _scenario_sheet(book: Any, fmt: dict[str, Any], c: ComparisonResult, lang: str) -> None:
    """The first sheet: the keys on which the two scenarios differ (or a sentence saying there are none)."""
    sheet = book.add_worksheet(say("report.compare.sheet.scenarios", lang))
    changes = scenario_changes(c, lang)
    rows = [(ch.name, ch.a, ch.b) for ch in changes or ()]
    header_row(sheet, [say("report.compare.setting", lang), f"A: {c.a.label}", f"B: {c.b.label}"], fmt["header"],
               [44, 36, 36], len(rows) or None)
    for r, row in enumerate(rows, start=1):
        for col, text in enumerate(row):
            sheet.write_string(r, col, text)
    if not rows:
        sheet.write_string(1, 0, _no_changes(changes, lang))
    for r, warning in enumerate(c.warnings, start=max(len(rows), 1) + 2):
        sheet.write_string(r, 0, warning.text(lang))


def _limits_sheet(book: Any, fmt: dict[str, Any], c: ComparisonResult, lang: str) -> None:
    """Each run's awards held to the other's limits: every limit they break, one a row, with what they take of it,
    what it allows and audit's whole line (the sentence names the first three: an officer's review asked where the
    others are); a check's other findings, that its awards keep every limit, or why it was not made, as a sentence.
    No sheet when no check was made (runs of two years, say)."""
    checks = [check for check in (c.limits_a, c.limits_b) if check is not None]
    if not checks:
        return
    sheet = book.add_worksheet(say("report.compare.heading.limits", lang))
    rows: list[list[str | int]] = []
    for check in checks:
        whose = say("report.compare.limits_whose", lang, judged=check.judged, by=check.by)
        if check.unchecked is not None or check.ok:
            rows.append([whose, limits_text(check, lang)])
            continue
        rows += [[whose, breach_text(b, lang), b.used, b.limit, b.over, b.line.text(lang)] for b in check.breaches]
        others = _other_rules(check.others, lang, {"judged": check.judged, "by": check.by}, alone=not check.breaches)
        rows += [[whose, others]] if others else []
    header_row(sheet, [say(f"report.compare.col.{key}", lang) for key in ("check", "limit", "used", "allowed",
                                                                          "over", "line")],
               fmt["header"], [26, 60, 16, 16, 16, 80], len(rows))
    for r, cells in enumerate(rows, start=1):
        for col, value in enumerate(cells):
            if isinstance(value, int):
                sheet.write_number(r, col, value, fmt["money"])
            else:
                sheet.write_string(r, col, value)


def _valuation_lines(c: ComparisonResult, lang: str) -> list[str]:
    """The valuation as lines below a table: what B's list is worth against A's and which limits it breaks; how."""
    words = valuation_words(c, lang)
    if words is None:
        return []
    said = ("" if lang == "zh" else " ").join(part for part in (words.worth, words.limits) if part)
    return [said, words.explained] if words.explained else [said]


def _no_changes(changes: list[SettingChange] | None, lang: str) -> str:
    return say("report.compare.scenarios_unknown" if changes is None else "report.compare.scenarios_same", lang)


def _total_lines(c: ComparisonResult, lang: str) -> list[tuple[str, Line]]:
    """The totals' rows, with both objectives valued under one run's weights after them when they are apart."""
    valued = valued_line(c, lang)
    return [(total_label(x.key, lang), x) for x in c.totals] + ([valued] if valued else [])


def _lines_sheet(book: Any, fmt: dict[str, Any], name: str, headers: Sequence[str],
                 lines: Sequence[tuple[str, Line]], apart: str = "", after: Sequence[str] = ()) -> None:
    """A total or a group per row, A, B and B − A; the objective's difference left out, with `apart` saying why,
    when the two objectives are not comparable; `after`, sentences in the rows below the table."""
    sheet = book.add_worksheet(name)
    header_row(sheet, headers, fmt["header"], [40, 18, 18, 18], len(lines))
    for r, sentence in enumerate(after, start=len(lines) + 2):
        sheet.write_string(r, 0, sentence)
    for r, (name_text, line) in enumerate(lines, start=1):
        sheet.write_string(r, 0, name_text)
        for col, value in enumerate((line.a, line.b), start=1):
            sheet.write_number(r, col, float(value), fmt["money"])
        if line.key == "objective" and apart:
            sheet.write_string(r, 3, apart)
        else:
            sheet.write_number(r, 3, float(line.delta), fmt["money"])


@dataclass(frozen=True)
class SpreadLine:
    """One line of how the money is spread in both runs: a measure, or a region's or district's share."""

    name: str
    kind: str  # "measure" (an index), "share" (of the money, or of demand met)
    a: spread.Value | None
    b: spread.Value | None

    def shown(self, lang: str) -> tuple[str, str, str]:
        """A, B and B − A as people read them: indices to four decimals, shares in % and their change in points."""
        if self.kind == "share":
            delta = spread.difference(self.a, self.b)
            return (spread.percent(self.a), spread.percent(self.b),
                    "—" if delta is None else spread.points(delta, lang))
        delta = spread.difference(self.a, self.b)
        return (spread.measure_text(self.a), spread.measure_text(self.b),
                "—" if delta is None else spread.signed(spread.measure_text(delta)))

    def cells(self, lang: str) -> list[object]:
        """The line in a table of the page: its name, then A, B and B − A, each sorting by its value."""
        values = (self.a, self.b, spread.difference(self.a, self.b))
        return [self.name, *(Figure(text, -1e9 if v is None else float(v))
                             for text, v in zip(self.shown(lang), values, strict=True))]


def spread_lines(c: ComparisonResult, lang: str, districts: bool = True) -> list[SpreadLine]:
    """The six measures, each region's share of the money, and (with `districts`) each district's share of its
    eligible demand met, in run A and run B."""
    a, b = spread.of_run(c.a), spread.of_run(c.b)
    kinds = {k: "share" if k == "top5_applicant_share" else "measure" for k in spread.MEASURES}
    lines = [SpreadLine(spread.measure_name(k, lang), kinds[k], a.measure(k), b.measure(k)) for k in spread.MEASURES]
    regions_a, regions_b = {r.key: r for r in a.regions}, {r.key: r for r in b.regions}
    for key in [*regions_a, *(k for k in regions_b if k not in regions_a)]:
        name = say("report.distribution.share_of", lang, name=spread.region_title(key, lang))
        ra, rb = regions_a.get(key), regions_b.get(key)
        lines.append(SpreadLine(name, "share", ra.share if ra else None, rb.share if rb else None))
    if districts:
        met_a, met_b = {d.key: d.met for d in a.districts}, {d.key: d.met for d in b.districts}
        order = [d.key for d in b.districts] + [d.key for d in a.districts if d.key not in met_b]
        lines += [SpreadLine(say("report.distribution.met_of", lang, name=key), "share", met_a.get(key),
                             met_b.get(key)) for key in order]
    return lines


def _spread_sheet(book: Any, fmt: dict[str, Any], c: ComparisonResult, lang: str) -> None:
    """How the money is spread in both runs: the measures, the regions' shares, the districts' demand met; B − A
    in the same units (a share's change in points of a percentage: 0.015 is 1.5 points)."""
    sheet = book.add_worksheet(say("report.distribution.sheet", lang))
    lines = spread_lines(c, lang)
    header_row(sheet, _headers(c, lang, say("report.distribution.col.measure", lang)), fmt["header"],
               [44, 18, 18, 18], len(lines))
    index = book.add_format({"num_format": "0.0000"})
    for r, line in enumerate(lines, start=1):
        sheet.write_string(r, 0, line.name)
        style = fmt["share"] if line.kind == "share" else index
        for col, value in enumerate((line.a, line.b, spread.difference(line.a, line.b)), start=1):
            shown = spread.number(value)
            if shown is not None:
                sheet.write_number(r, col, shown, style)


def _change_headers(c: ComparisonResult, lang: str) -> list[str]:
    a, b = c.a.label, c.b.label
    return [say(f"report.compare.col.{k}", lang, a=a, b=b) for k in (
        "change", "application_id", "applicant", "clause", "district", "a_allocated", "a_status", "b_allocated",
        "b_status", "difference", "a_reason", "b_reason")]


def _change_cells(d: Difference, lang: str) -> list[int | str]:
    return [pick(KINDS[d.kind], lang), d.application_id, d.applicant, d.clause, d.district,
            d.a.allocated if d.a else "", _status(d.a.status if d.a else "", lang), d.b.allocated if d.b else "",
            _status(d.b.status if d.b else "", lang), d.delta, d.a.reason if d.a else "", d.b.reason if d.b else ""]


def _status(status: str, lang: str) -> str:
    """A status as the report's reader says it (全额资助, not FUNDED); one budgetopt never writes, as it is."""
    return status_label(status, lang) if status in STATUS_LABELS else status


def compare_html(c: ComparisonResult, lang: str) -> str:
    changed = [d for d in c.differences if d.kind == "changed"]
    headline = cards([
        (f"A {c.a.label}", c.a.scenario_name), (f"B {c.b.label}", c.b.scenario_name),
        (say("report.compare.card.allocated", lang),
         signed_amount_text(c.b.total("allocated") - c.a.total("allocated"), lang)),
        (say("report.compare.card.changed", lang), str(len(changed))),
        (say("report.compare.card.one_side", lang), str(len(c.differences) - len(changed))),
    ])
    apart = objective_note(c, lang)
    body = [
        headline,
        *(f"<p><b>{escape(warning.text(lang))}</b></p>" for warning in c.warnings),
        f"<h2>{say('report.compare.heading.scenarios', lang)}</h2>",
        _scenarios_table(c, lang),
        _valuation_html(c, lang),
        f"<h2>{say('report.compare.heading.totals', lang)}</h2>",
        note(apart) if apart else "",
        _lines_table(c, lang, say("report.compare.item", lang), _total_lines(c, lang), bool(apart)),
        f"<h2>{say('report.compare.heading.by_section', lang)}</h2>",
        bar_chart([(x.label, int(x.a), int(x.b)) for x in c.by_section], (f"A {c.a.label}", f"B {c.b.label}")),
        _lines_table(c, lang, label("section", lang), [(x.label, x) for x in c.by_section]),
        f"<h2>{say('report.compare.heading.by_district', lang)}</h2>",
        _lines_table(c, lang, label("district", lang), [(x.label, x) for x in c.by_district]),
        f"<h2>{say('report.distribution.compare.heading', lang)}</h2>",
        note(say("report.distribution.meaning", lang)),
        table(_headers(c, lang, say("report.distribution.col.measure", lang)),
              [line.cells(lang) for line in spread_lines(c, lang)], numeric=(1, 2, 3)),
        f"<h2>{say('report.compare.heading.by_clause', lang)}</h2>",
        _lines_table(c, lang, label("clause", lang), [(x.label, x) for x in c.by_clause]),
        f"<h2>{say('report.compare.heading.changes', lang)}</h2>",
        _changes_html(c, lang),
    ]
    return page(say("report.compare.title", lang), f"A: {c.a.label} · B: {c.b.label}", "".join(body), lang)


def one_side(c: ComparisonResult, lang: str, face: str | None = None) -> str:
    """When the runs have no application id in common, that every application is in one run only, said instead of
    listing them (an officer's review: 669 rows of "500万 · 全额资助 | —"); "" when they have one in common."""
    ids_a, ids_b = ({row.application_id for row in run.rows} for run in (c.a, c.b))
    if ids_a & ids_b or not c.differences:
        return ""
    return Phrase.of("report.compare.one_side", a=len(ids_a), b=len(ids_b)).text(lang, face)


def _changes_html(c: ComparisonResult, lang: str) -> str:
    """Every application that changed, or that none is in both runs (compare.xlsx lists them all the same)."""
    alone = one_side(c, lang)
    if alone:
        return note(alone)
    return table(_change_headers(c, lang), [_change_cells(d, lang) for d in c.differences], numeric=(5, 7, 9))


def _valuation_html(c: ComparisonResult, lang: str) -> str:
    """B against A, right below how their scenarios differ: what B's list is worth in A's terms (or B's), in bold;
    the limits it breaks; how it is worked out, small."""
    words = valuation_words(c, lang)
    if words is None:
        return ""
    limits = f"<p>{escape(words.limits)}</p>" if words.limits else ""
    return (f"<h2>{say('report.compare.heading.valued', lang)}</h2><p><b>{escape(words.worth)}</b></p>{limits}"
            f"{note(words.explained) if words.explained else ''}")


def _scenarios_table(c: ComparisonResult, lang: str) -> str:
    changes = scenario_changes(c, lang)
    if not changes:
        return note(_no_changes(changes, lang))
    return table([say("report.compare.setting", lang), f"A: {c.a.label}", f"B: {c.b.label}"],
                 [[ch.name, ch.a, ch.b] for ch in changes])


def _lines_table(c: ComparisonResult, lang: str, first: str, lines: Sequence[tuple[str, Line]],
                 apart: bool = False) -> str:
    rows: list[list[object]] = []
    for label_text, x in lines:
        if x.key.startswith("objective"):  # the objective, or both valued under one run's weights
            rows.append([label_text, decimal_text(x.a), decimal_text(x.b),
                         say("report.compare.not_comparable", lang) if apart and x.key == "objective" else
                         ("+" if x.delta > 0 else "") + decimal_text(x.delta)])
        else:
            rows.append([label_text, int(x.a), int(x.b), int(x.delta)])
    return table(_headers(c, lang, first), rows, numeric=(1, 2, 3))
