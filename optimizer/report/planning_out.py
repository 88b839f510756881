"""The files of the app's planning searches, as it downloads them: goal.csv and goal.xlsx, a goal search's targets
(`optimizer.min_budget`, `BudgetGoal.to_frame`), and plan.csv and plan.xlsx, a two-year plan's splits
(`optimizer.plan_years`, `YearPlan.to_frame`). Each CSV is the frame itself — UTF-8 with BOM, whole yuan, English
column names, its text made inert as allocation.csv's is; each workbook is for people: what was asked and found first
(`about`, a sheet of its own), then one row a target or a split, headers in the search's language, amounts in 万元 to
the yuan as allocation.xlsx has them; each sheet prints landscape, one page wide, its header on every page and each
row as tall as its wrapped text (a plan's: what a director reads first, each split's distance from the best in
first-year budget among it, and the values behind them on a sheet of their own).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from optimizer.money import WAN
from optimizer.report.allocation_csv import inert
from optimizer.report.xlsx import formats, header_row, new_workbook, printable, row_height, text_cell
from optimizer.words import LABELS, STATUS_LABELS, Phrase, pick

if TYPE_CHECKING:
    import pandas as pd

TEXT_COLUMNS = ("period_caps", "note")  # what came from a workbook (applicants' names) or says why: made inert
IN_WAN = frozenset({"first_budget", "second_budget", "available_first", "available_second", "allocated_first",
                    "allocated_second", "unspent_first", "unspent_second", "below_best_in_budget"})
VALUES = frozenset({"valued", "valued_first", "valued_second", "below_best", "objective_first", "objective_second"})
COUNTS = frozenset({"funded_first", "funded_second", "partial_first", "partial_second", "period_caps_binding",
                    "period_caps_carried"})
WAN_FORMAT = "#,##0.00##"  # 万元 to the yuan, as allocation.xlsx shows them
NARROW, WIDE = 14, 40


def frame_csv(frame: pd.DataFrame, text_columns: Sequence[str]) -> bytes:
    """A search's table as CSV: UTF-8 with BOM, as allocation.csv is, the text of `text_columns` made inert (no
    spreadsheet runs a cell as a formula)."""
    text = frame.copy()
    for column in text_columns:
        text[column] = [inert(str(value)) for value in text[column]]
    written: str = text.to_csv(index=False, lineterminator="\r\n")
    return b"\xef\xbb\xbf" + written.encode("utf-8")


def plan_csv(frame: pd.DataFrame) -> bytes:
    """The splits' table (YearPlan.to_frame) as CSV."""
    return frame_csv(frame, TEXT_COLUMNS)


def goal_csv(frame: pd.DataFrame) -> bytes:
    """The targets' table (BudgetGoal.to_frame, with the app's `elsewhere_proven_least`: True, False or empty) as
    CSV."""
    return frame_csv(frame, ("application_id", "applicant", "clause", "reason_at_high"))


def plan_xlsx(frame: pd.DataFrame, lang: str, years: tuple[int, int], about: Sequence[tuple[str, str]] = ()) -> bytes:
    """The splits as a workbook that prints: `about` (what the plan asked and found) on a sheet of its own first; then
    a row a split with what a director reads — the two budgets, how far short of the best in first-year budget, each
    year's FUNDED and PARTIAL counts, best and about as good, what each year leaves unspent, whose period cap binds,
    the notes; then, on a sheet of their own, the values behind them (both years' value, objectives, amounts,
    marginal values) — no best, about as good or distance from the best where the frame compares nothing (one split
    tried). Headed in `lang` with the two `years`; money in 万元, values whole, yes and no in words; each sheet
    landscape, one page wide."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)

    def top(**style: Any) -> Any:  # a row as tall as its wrapped note reads from its top
        return book.add_format({**style, "valign": "top"})

    styles = {"wan": top(num_format=WAN_FORMAT), "whole": top(num_format="#,##0"), "marginal": top(num_format="0.0#"),
              "step": top(num_format="0.00"), "count": top(), "centre": top(align="center"),
              "text": top(num_format="@", text_wrap=True),
              "quoted": top(num_format="@", quote_prefix=True, text_wrap=True),
              "header": formats(book)["header"]}
    _about_printed(book, _say("web.plan.xlsx.about_sheet", lang), about, styles, lang)
    gap = "below_best_in_budget" if not _empty(frame, "below_best_in_budget") else "below_best"
    headed = {"lang": lang, "first": str(years[0]), "second": str(years[1])}
    capped = any(str(v) for v in frame["period_caps"])  # whose period cap binds: a column only where some does
    director = [gap if c == "GAP" else c for c in DIRECTOR if c != "period_caps" or capped]
    behind = list(BEHIND)
    if _empty(frame, "best"):  # nothing compared (one split tried): no best, none near it, no distance from it
        director, behind = ([c for c in columns if c not in COMPARED] for columns in (director, behind))
    _splits_sheet(book, _say("web.plan.xlsx.sheet", lang), frame, director, styles, headed)
    _splits_sheet(book, _say("web.plan.xlsx.values_sheet", lang), frame, behind, styles, headed)
    book.close()
    return buffer.getvalue()


# what a director reads, in this order (GAP: how far short of the best, in first-year budget where it can be said),
# and the values behind them
DIRECTOR = ("first_budget", "second_budget", "GAP", "funded_first", "partial_first", "funded_second", "partial_second",
            "best", "near_best", "unspent_first", "unspent_second", "period_caps", "note")  # period_caps: where any
BEHIND = ("first_budget", "second_budget", "valued", "valued_first", "valued_second", "below_best", "objective_first",
          "objective_second", "available_first", "available_second", "allocated_first", "allocated_second",
          "marginal_first", "marginal_second", "valued_step", "period_caps_binding", "period_caps_carried")
COMPARED = frozenset({"best", "near_best", "below_best", "below_best_in_budget"})  # empty where nothing is compared
WIDTHS = {"first_budget": 11, "second_budget": 11, "below_best_in_budget": 12, "funded_first": 7, "partial_first": 7,
          "funded_second": 7, "partial_second": 7, "best": 6, "near_best": 8, "unspent_first": 11,
          "unspent_second": 11, "period_caps": 24, "note": 36, "period_caps_binding": 10, "period_caps_carried": 10}


def _empty(frame: pd.DataFrame, column: str) -> bool:
    """Whether the frame's `column` has no value in any row."""
    return all(missing(value) for value in frame[column])


def _about_printed(book: Any, title: str, about: Sequence[tuple[str, str]], styles: dict[str, Any], lang: str) -> None:
    """What the plan asked and found, a row a fact, both columns on one page's width, each row as tall as its text."""
    if not about:
        return
    sheet = book.add_worksheet(title)
    widths = (34, 96)
    sheet.set_column(0, 0, widths[0])
    sheet.set_column(1, 1, widths[1])
    for r, (key, value) in enumerate(about):
        sheet.set_row(r, row_height([key, value], widths))
        text_cell(sheet, r, 0, key, styles["text"], styles["quoted"])
        text_cell(sheet, r, 1, value, styles["text"], styles["quoted"])
    printable(sheet, lang, 0, len(about) - 1, 1)


def _splits_sheet(book: Any, title: str, frame: pd.DataFrame, columns: Sequence[str], styles: dict[str, Any],
                  headed: dict[str, str]) -> None:
    """A row a split, of the frame's `columns`: headers wrapped, repeated on every printed page."""
    lang = headed["lang"]
    sheet = book.add_worksheet(title)
    headers = [_say(f"web.plan.xlsx.col.{c}", lang, first=headed["first"], second=headed["second"]) for c in columns]
    widths = [WIDTHS.get(c, NARROW) for c in columns]
    header_row(sheet, headers, styles["header"], widths, len(frame))
    sheet.set_row(0, row_height(headers, widths))
    yes, no = _say("web.goal.yes", lang), _say("web.goal.no", lang)
    for r, values in enumerate(frame.itertuples(index=False), start=1):
        row = dict(zip(frame.columns, values, strict=True))
        texts = [str(row[c]) if c in TEXT_COLUMNS else "" for c in columns]
        sheet.set_row(r, row_height(texts, widths))
        for c, column in enumerate(columns):
            _cell(sheet, r, c, column, row[column], styles, yes, no)
    printable(sheet, lang, 0, len(frame), len(columns) - 1)


def _cell(sheet: Any, r: int, c: int, column: str, value: Any, styles: dict[str, Any], yes: str, no: str) -> None:
    """One cell of a split's row: nothing where the frame has no value (a year not solved)."""
    if column in ("best", "near_best") and not missing(value):
        sheet.write_string(r, c, yes if value else no, styles["centre"])
    elif column in TEXT_COLUMNS:
        text_cell(sheet, r, c, str(value), styles["text"], styles["quoted"])
    elif missing(value):  # a year not solved; a plan of one split, compared with nothing
        return
    elif column in IN_WAN:
        sheet.write_number(r, c, int(value) / WAN, styles["wan"])
    elif column in VALUES:
        sheet.write_number(r, c, int(value), styles["whole"])
    elif column in COUNTS:
        sheet.write_number(r, c, int(value), styles["count"])
    else:  # marginal_first, marginal_second, valued_step: weighted score per yuan
        sheet.write_number(r, c, float(value), styles["step" if column == "valued_step" else "marginal"])


GOAL_HEADERS = {"application_id": LABELS["application_id"], "applicant": LABELS["applicant"],
                "clause": LABELS["clause"], "score": LABELS["score"], "status": LABELS["status"],
                "allocated": LABELS["allocated_wan"]}


GOAL_WIDTHS = {"application_id": 11, "applicant": 31, "clause": 6, "score": 7, "status": 13, "allocated": 12,
               "reachable": 10, "sets_budget": 7, "status_at_high": 13, "allocated_at_high": 13, "reason_at_high": 44,
               "elsewhere": 13, "elsewhere_proven_least": 10}
AT_BUDGET = ("status", "allocated", "reachable")  # the columns of the budget found (or headlined)
GOAL_TEXT = ("application_id", "applicant", "clause", "reason_at_high")  # text as text, wrapped


def goal_xlsx(frame: pd.DataFrame, lang: str, about: Sequence[tuple[str, str]] = (), at: str = "") -> bytes:
    """The targets' table as a workbook that prints as plan.xlsx does: what the search asked and found (`about`) on a
    sheet of its own first, both columns on one page's width; then a row per target, the statuses and yes or no in
    words (nothing where no other budget funds it), amounts in 万元 (to the yuan, as allocation.xlsx has them;
    goal.csv keeps whole yuan), text as text — landscape, one page wide, the header on every page, each row as tall
    as its wrapped text. `at`: the budget the status, award and funded columns are at, said after their headers
    (`（5,600万元，不含 2026-0060）`), when the search names more than one budget (an officer's review:
    在所需预算下获资助 否 under 资助全部 3 项的最低预算 7,300万元, at the other budget)."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)

    def top(**style: Any) -> Any:  # a row as tall as its wrapped text reads from its top
        return book.add_format({**style, "valign": "top"})

    styles = {"text": top(num_format="@", text_wrap=True), "quoted": top(num_format="@", quote_prefix=True,
                                                                       text_wrap=True),
              "wan": top(num_format=WAN_FORMAT), "score": top(num_format="0.##"), "word": top(),
              "header": formats(book)["header"]}
    _about_printed(book, _say("web.goal.about.sheet", lang), about, styles, lang)
    sheet = book.add_worksheet(_say("web.goal.sheet", lang))
    columns = list(frame.columns)
    headers = [(pick(GOAL_HEADERS[c], lang) if c in GOAL_HEADERS else _say(f"web.goal.col.{c}", lang))
               + (at if c in AT_BUDGET else "") for c in columns]
    widths = [GOAL_WIDTHS.get(c, NARROW) for c in columns]
    header_row(sheet, headers, styles["header"], widths, len(frame))
    sheet.set_row(0, row_height(headers, widths))
    yes, no = _say("web.goal.yes", lang), _say("web.goal.no", lang)
    for r, values in enumerate(frame.itertuples(index=False), start=1):
        row = dict(zip(columns, values, strict=True))
        sheet.set_row(r, row_height([str(row[c]) if c in GOAL_TEXT else "" for c in columns], widths))
        for c, column in enumerate(columns):
            _goal_cell(sheet, r, c, column, row[column], styles, (yes, no), lang)
    printable(sheet, lang, 0, len(frame), len(columns) - 1)
    book.close()
    return buffer.getvalue()


def _goal_cell(sheet: Any, r: int, c: int, column: str, value: Any, styles: dict[str, Any], yes_no: tuple[str, str],
               lang: str) -> None:
    """One cell of a target's row: nothing where the frame has no value (an unreadable score, no other budget)."""
    if column in ("status", "status_at_high"):
        sheet.write_string(r, c, pick(STATUS_LABELS.get(str(value), (str(value), str(value))), lang), styles["word"])
    elif column in ("reachable", "sets_budget", "elsewhere_proven_least"):
        if not missing(value):
            sheet.write_string(r, c, yes_no[0] if value else yes_no[1], styles["word"])
    elif column in ("allocated", "allocated_at_high", "elsewhere"):
        if not missing(value):
            sheet.write_number(r, c, int(value) / WAN, styles["wan"])
    elif column == "score":
        if not missing(value):
            sheet.write_number(r, c, float(value), styles["score"])
    else:
        text_cell(sheet, r, c, str(value), styles["text"], styles["quoted"])


def missing(value: Any) -> bool:
    """A frame's empty cell: None, NaN or pandas' <NA>.

    >>> missing(None), missing(float("nan")), missing(0), missing(3.5)
    (True, True, False, False)
    """
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except TypeError:  # pandas' NA says neither yes nor no
        return True


def _say(code: str, lang: str, **params: str) -> str:
    return Phrase.of(code, **params).text(lang, "web")
