"""Warnings about what a person sees in Excel but the reader does not honour: hidden sheets, rows and columns,
merged cells, a filter, and formulas (read by the value Excel saved with them).

None of these stops a run; each is said once, with its place, so that nobody is surprised that a hidden or
filtered-out row was allocated, or that a hidden sheet was not read. Each is a phrase (`sheet.…`); lists of places
are joined as each language joins them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from optimizer.domain import Problem
from optimizer.reading import fields as cells
from optimizer.reading.sheet import CellValue, Sheet, column_letter
from optimizer.words import Phrase

LISTED = 10  # places listed by name in one warning; the rest are counted


def sheet_notes(sheet: Sheet, header_row: int) -> list[Problem]:
    """Warnings about the workbook's hidden sheets and the sheet's hidden rows and columns, merges and filter."""
    notes = hidden_sheets(sheet)
    rows = [r for r in sheet.hidden_rows if r >= header_row and _has_data(sheet.rows, r)]
    if rows:
        notes.append(_note(sheet, _hidden_message("row", _spans(rows, str))))
    columns = _hidden_columns(sheet)
    if columns:
        notes.append(_note(sheet, _hidden_message("column", _spans(columns, column_letter))))
    if sheet.merged:
        notes.append(_note(sheet, Phrase.of("sheet.merged", ranges=listing(sheet.merged))))
    if sheet.autofilter:
        notes.append(_note(sheet, Phrase.of("sheet.filter", range=sheet.autofilter)))
    return notes


def formula_note(sheet: Sheet, header_row: int, used: set[int]) -> list[Problem]:
    """One warning listing the formula cells read (in the columns used, below the headers)."""
    read = sorted((c, r) for (r, c), f in sheet.formulas.items() if f.has_value and c in used and r > header_row)
    if not read:
        return []
    places: list[str] = []
    for column in sorted({c for c, _ in read}):
        for first, last in _runs(r for c, r in read if c == column):
            letter = column_letter(column)
            places.append(f"{letter}{first}" if first == last else f"{letter}{first}:{letter}{last}")
    return [_note(sheet, Phrase.of("sheet.formulas", count=len(read), places=listing(places)))]


def listing(items: Sequence[str], limit: int = LISTED) -> tuple[str, str]:
    """`A、B、C` and `A, B, C` — or `A、B、…、J等，另有4处` and `A, B, …, J and 4 more` when there are more than
    `limit`."""
    if len(items) <= limit:
        return "、".join(items), ", ".join(items)
    rest = len(items) - limit
    return f"{'、'.join(items[:limit])}等，另有{rest}处", f"{', '.join(items[:limit])} and {rest} more"


def hidden_sheets(sheet: Sheet, words: str = "sheet") -> list[Problem]:
    """Warnings about the workbook's hidden sheets, which are not read, and about the sheet read if it is hidden —
    in the words of `words` ("sheet": an application workbook's; "import": an awards workbook's)."""
    notes: list[Problem] = []
    others = [name for name in sheet.hidden_sheets if name != sheet.name]
    if others:
        code = f"{words}.hidden_sheet" if len(others) == 1 else f"{words}.hidden_sheets"
        notes.append(Problem.of(sheet.file, code, warning=True, names=listing(others), read=str(sheet.name)))
    if sheet.name in sheet.hidden_sheets:
        notes.append(Problem.of(sheet.file, f"{words}.sheet_hidden", warning=True, name=str(sheet.name)))
    return notes


def _note(sheet: Sheet, message: Phrase) -> Problem:
    return Problem(sheet.file, message, sheet.name, warning=True)


def _hidden_message(noun: str, spans: list[str]) -> Phrase:
    if len(spans) == 1 and "–" not in spans[0]:
        return Phrase.of(f"sheet.hidden_{noun}", spans=spans[0])
    return Phrase.of(f"sheet.hidden_{noun}s", spans=listing(spans))


def _hidden_columns(sheet: Sheet) -> list[int]:
    width = max((len(row) for row in sheet.rows), default=0)
    hidden = sorted({c for first, last in sheet.hidden_columns for c in range(first, min(last, width) + 1)})
    return [c for c in hidden if any(len(row) >= c and not cells.is_empty(row[c - 1]) for row in sheet.rows)]


def _has_data(rows: Sequence[Sequence[CellValue]], number: int) -> bool:
    return number <= len(rows) and not all(cells.is_empty(v) for v in rows[number - 1])


def _spans(numbers: Sequence[int], show: Callable[[int], str]) -> list[str]:
    """[5, 9, 10, 11, 12] → ["5", "9–12"], each number shown by `show` (e.g. as a column letter)."""
    return [show(a) if a == b else f"{show(a)}–{show(b)}" for a, b in _runs(numbers)]


def _runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs
