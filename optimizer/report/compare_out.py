"""compare.xlsx and compare.html: two runs side by side — first how their scenarios differ, key by key, then what
B's list is worth against A's and every limit of each run the other's awards break, the totals (the objectives
compared only when they are in the same units: the same weights), spend by section, district and clause, how the
money is spread (report/distribution.py), and every application that changed. Worded as a face words things where it
has its own words (the app's "web": 分配方案, not 情景), the runs named by their `label`s."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from optimizer.report import distribution as spread
from optimizer.report.compare_ledger import effect_lines, ledger_text
from optimizer.report.compare_limits import (
    OTHER_RULES,
    audit_line,
    breach_words,
    budget_note,
    budget_part,
    counted_over,
    limits_text,
    other_findings,
    other_rules,
)
from optimizer.report.compare_runs import KINDS, objective_note, one_side, scenario_changes, total_label
from optimizer.report.compare_words import valuation_words, valued_line
from optimizer.report.html import Figure, bar_chart, cards, escape, note, page, table
from optimizer.report.scenario_words import SettingChange
from optimizer.report.units import decimal_text, say, signed_amount_text
from optimizer.report.xlsx import formats, header_row, new_workbook
from optimizer.results import ComparisonResult, Difference, LimitCheck, Line
from optimizer.words import STATUS_LABELS, Phrase, label, pick, status_label


def compare_files(c: ComparisonResult, lang: str, face: str | None = None) -> dict[str, bytes]:
    """compare.xlsx and compare.html, by name."""
    return {"compare.xlsx": compare_xlsx(c, lang, face), "compare.html": compare_html(c, lang, face).encode("utf-8")}


def _said(code: str, lang: str, face: str | None, **params: object) -> str:
    return Phrase.of(code, **params).text(lang, face)


def _title(text: str, lang: str) -> str:
    """A label as a table's cell or header shows it: `Funded in full`, `Change` (the console keeps them lower case)."""
    return text if lang == "zh" else text[:1].upper() + text[1:]


def _headers(c: ComparisonResult, lang: str, first: str) -> list[str]:
    return [first, f"A: {c.a.label}", f"B: {c.b.label}", "B − A"]


def compare_xlsx(c: ComparisonResult, lang: str, face: str | None = None) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    fmt = formats(book)
    _scenario_sheet(book, fmt, c, lang, face)
    _lines_sheet(book, fmt, say("report.compare.sheet.totals", lang),
                 _headers(c, lang, say("report.compare.item", lang)), _total_lines(c, lang),
                 objective_note(c, lang, face), _valuation_lines(c, lang, face))
    _limits_sheet(book, fmt, c, lang, face)
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


def _scenario_sheet(book: Any, fmt: dict[str, Any], c: ComparisonResult, lang: str, face: str | None) -> None:
    """The first sheet: the keys on which the two scenarios differ (or a sentence saying there are none)."""
    sheet = book.add_worksheet(_said("report.compare.sheet.scenarios", lang, face))
    changes = scenario_changes(c, lang)
    rows = [(ch.name, ch.a, ch.b) for ch in changes or ()]
    header_row(sheet, [say("report.compare.setting", lang), f"A: {c.a.label}", f"B: {c.b.label}"], fmt["header"],
               [44, 36, 36], len(rows) or None)
    for r, row in enumerate(rows, start=1):
        for col, text in enumerate(row):
            sheet.write_string(r, col, text)
    if not rows:
        sheet.write_string(1, 0, _no_changes(changes, lang, face))
    for r, warning in enumerate(c.warnings, start=max(len(rows), 1) + 2):
        sheet.write_string(r, 0, warning.text(lang, face))


def _limits_sheet(book: Any, fmt: dict[str, Any], c: ComparisonResult, lang: str, face: str | None) -> None:
    """Each run's awards held to the other's limits: every limit they break, one a row, with what they take of it,
    what it allows and audit's whole line (the sentence names the first three: an officer's review asked where the
    others are) — a total over the smaller budget by no more than the budgets' difference marked as that, which the
    sentence says apart (breach_words); its 超出 what the sentence counts over, the budgets' difference in a column
    of its own where some total holds it, and audit's line saying so too (budget_note: a planner's review read
    21,999,910 over in two cells where the sentence counted 1,999,910); a check's other findings counted, then each
    a row with its rule and audit's line (a planner's review: only counted); that its awards keep every limit, or
    why it was not checked, as a sentence. Audit's lines say the settings they come from in words, not the
    scenario's keys. No sheet when no check was made (two years, say)."""
    checks = [check for check in (c.limits_a, c.limits_b) if check is not None]
    if not checks:
        return
    sheet = book.add_worksheet(say("report.compare.heading.limits", lang))
    parted = any(budget_part(c, check, b) for check in checks for b in check.breaches)  # a column for it, then
    gap_cell = [""] if parted else []
    rows: list[list[str | int]] = []
    for check in checks:
        whose = say("report.compare.limits_whose", lang, judged=check.judged, by=check.by)
        if check.unchecked is not None or check.ok:
            rows.append([whose, limits_text(check, lang, face)])
        else:
            rows += [[whose, breach_words(c, check, b, lang), b.used, b.limit, counted_over(c, check, b),
                      *([budget_part(c, check, b) or ""] if parted else []),
                      audit_line(b.line, check.by, lang, face, budget_note(c, check, b))] for b in check.breaches]
            others = other_rules(check.others, lang, {"judged": check.judged, "by": check.by},
                                 alone=not check.breaches)
            rows += [[whose, others]] if others else []
            rows += [[whose, _rule(rule, lang), "", "", "", *gap_cell, audit_line(line, check.by, lang, face)]
                     for rule, line in other_findings(check)]
            ledger = ledger_text(check, lang, face)
            rows += [[whose, ledger]] if ledger else []
        if check.unchecked is None:  # the award ledgers' difference, one application a row, in the comparison's words
            rows += [[whose, say("report.compare.ledger.row", lang), "", "", "", *gap_cell, line]
                     for line in effect_lines(c, check, lang, face)]
    columns = {"check": 26, "limit": 60, "used": 16, "allowed": 16, "over": 16, "budget_part": 16, "line": 80}
    if not parted:
        del columns["budget_part"]
    header_row(sheet, [_title(say(f"report.compare.col.{key}", lang), lang) for key in columns],
               fmt["header"], list(columns.values()), len(rows))
    for r, cells in enumerate(rows, start=1):
        for col, value in enumerate(cells):
            if isinstance(value, int):
                sheet.write_number(r, col, value, fmt["money"])
            elif value:
                sheet.write_string(r, col, value)


def _rule(rule: str, lang: str) -> str:
    """A rule of audit's other findings by name: `取整单位`; one not named here, `其他`."""
    return say(f"report.compare.rule.{rule if rule in OTHER_RULES else 'other'}", lang)


def _valuation_lines(c: ComparisonResult, lang: str, face: str | None) -> list[str]:
    """The valuation as lines below a table: what B's list is worth against A's and which limits it breaks; how."""
    words = valuation_words(c, lang, face, listed="xlsx")  # where the others are: the sheet Limits
    if words is None:
        return []
    said = ("" if lang == "zh" else " ").join(part for part in (words.worth, words.limits) if part)
    return [said, words.explained] if words.explained else [said]


def _no_changes(changes: list[SettingChange] | None, lang: str, face: str | None) -> str:
    code = "report.compare.scenarios_unknown" if changes is None else "report.compare.scenarios_same"
    return _said(code, lang, face)


def _total_lines(c: ComparisonResult, lang: str) -> list[tuple[str, Line]]:
    """The totals' rows, with both objectives valued under one run's weights after them when they are apart."""
    valued = valued_line(c, lang)
    return [(_title(total_label(x.key, lang), lang), x) for x in c.totals] + (
        [(_title(valued[0], lang), valued[1])] if valued else [])


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
    return [_title(say(f"report.compare.col.{k}", lang, a=a, b=b), lang) for k in (
        "change", "application", "applicant", "clause", "district", "a_allocated", "a_status", "b_allocated",
        "b_status", "difference", "a_reason", "b_reason")]


def _change_cells(d: Difference, lang: str) -> list[int | str]:
    return [_title(pick(KINDS[d.kind], lang), lang), d.application_id, d.applicant, d.clause, d.district,
            d.a.allocated if d.a else "", _status(d.a.status if d.a else "", lang), d.b.allocated if d.b else "",
            _status(d.b.status if d.b else "", lang), d.delta, d.a.reason if d.a else "", d.b.reason if d.b else ""]


def _status(status: str, lang: str) -> str:
    """A status as the report's reader says it (全额资助, not FUNDED); one budgetopt never writes, as it is."""
    return _title(status_label(status, lang), lang) if status in STATUS_LABELS else status


def compare_html(c: ComparisonResult, lang: str, face: str | None = None) -> str:
    changed = [d for d in c.differences if d.kind == "changed"]
    headline = cards([
        (f"A {c.a.label}", c.names[0] or c.a.scenario_name), (f"B {c.b.label}", c.names[1] or c.b.scenario_name),
        (say("report.compare.card.allocated", lang),
         signed_amount_text(c.b.total("allocated") - c.a.total("allocated"), lang)),
        (say("report.compare.card.changed", lang), str(len(changed))),
        (say("report.compare.card.one_side", lang), str(len(c.differences) - len(changed))),
    ])
    apart = objective_note(c, lang, face)
    body = [
        headline,
        *(f"<p><b>{escape(warning.text(lang, face))}</b></p>" for warning in c.warnings),
        f"<h2>{_said('report.compare.heading.scenarios', lang, face)}</h2>",
        _scenarios_table(c, lang, face),
        _valuation_html(c, lang, face),
        _limits_html(c, lang, face),
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
    return page(say("report.compare.title", lang), say("report.compare.runs", lang, a=c.a.label, b=c.b.label),
                "".join(body), lang)


def _changes_html(c: ComparisonResult, lang: str) -> str:
    """Every application that changed, that none did (an officer's review: "0 项申报的结果不同" over an empty table),
    or that none is in both runs (compare.xlsx lists them all the same)."""
    alone = one_side(c, lang)
    if alone:
        return note(alone)
    if not c.differences:
        return note(say("report.compare.none_changed", lang))
    return table(_change_headers(c, lang), [_change_cells(d, lang) for d in c.differences], numeric=(5, 7, 9))


def _valuation_html(c: ComparisonResult, lang: str, face: str | None) -> str:
    """B against A, right below how their scenarios differ: what B's list is worth in A's terms (or B's), in bold;
    the limits it breaks; how it is worked out, small."""
    words = valuation_words(c, lang, face, listed="html")
    if words is None:
        return ""
    limits = f"<p>{escape(words.limits)}</p>" if words.limits else ""
    return (f"<h2>{say('report.compare.heading.valued', lang)}</h2><p><b>{escape(words.worth)}</b></p>{limits}"
            f"{note(words.explained) if words.explained else ''}")


def _limits_html(c: ComparisonResult, lang: str, face: str | None) -> str:
    """Each run's awards held to the other's limits, both ways (an officer's review: the page's file gave only the
    side measured by, and B's eight caps broken by A's awards were in compare.xlsx alone): every limit broken, with
    how far; each other finding in audit's words; what the award ledgers' difference does, one application a line,
    in the comparison's own; or a sentence. "" when no check was made (two years, say)."""
    checks = [check for check in (c.limits_a, c.limits_b) if check is not None]
    if not checks:
        return ""
    return f"<h2>{say('report.compare.heading.limits', lang)}</h2>" + "".join(
        _check_html(c, check, lang, face) for check in checks)


def _check_html(c: ComparisonResult, check: LimitCheck, lang: str, face: str | None) -> str:
    whose = f"<h3>{escape(say('report.compare.limits_whose', lang, judged=check.judged, by=check.by))}</h3>"
    if check.unchecked is not None:
        return whose + f"<p>{escape(limits_text(check, lang, face))}</p>"
    ledgered = "".join(f"<li>{escape(line)}</li>" for line in effect_lines(c, check, lang, face))
    ledgered = f"<ol>{ledgered}</ol>" if ledgered else ""
    if check.ok:
        return whose + f"<p>{escape(limits_text(check, lang, face))}</p>" + ledgered
    parts = [whose]
    if check.breaches:
        parted = any(budget_part(c, check, b) for b in check.breaches)  # a column for it, then
        keys = ("limit", "over", "budget_part") if parted else ("limit", "over")
        parts.append(table([_title(say(f"report.compare.col.{key}", lang), lang) for key in keys],
                           [[breach_words(c, check, b, lang), counted_over(c, check, b),
                             *([budget_part(c, check, b) or ""] if parted else [])] for b in check.breaches],
                           numeric=(1, 2) if parted else (1,)))
    others = other_rules(check.others, lang, {"judged": check.judged, "by": check.by}, alone=not check.breaches)
    if others:
        listed = "".join(f"<li>{escape(audit_line(line, check.by, lang, face))}</li>"
                         for _, line in other_findings(check))
        parts.append(f"<p>{escape(others)}</p>" + (f"<ol>{listed}</ol>" if listed else ""))
    ledger = ledger_text(check, lang, face)
    if ledger:
        parts.append(f"<p>{escape(ledger)}</p>" + ledgered)
    return "".join(parts)


def _scenarios_table(c: ComparisonResult, lang: str, face: str | None) -> str:
    changes = scenario_changes(c, lang)
    if not changes:
        return note(_no_changes(changes, lang, face))
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
