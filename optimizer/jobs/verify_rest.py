"""The rest of a printed file — what jobs/verify_printed.py does not set beside allocation.csv row by row — set beside
the re-run's file of the same writers, so that a file is said to be saved again only where nothing a person reads in
it differs (an auditor's review: report.html's headline total, allocation.xlsx's 年度预算 and a warning to deal with
before the 公示, rewritten, read as `可能被…重新保存过`):

- **allocation.xlsx**: every sheet, cell by cell, by its name — values as read (a number as a number: `90` is
  `90.0`; text without the white space around it), formatting aside. The allocation sheet too, where its rows read
  back as the run's: a 状态 that names the run's status in other words was said by the row comparison already.
- **report.html**: the text of the page as a person reads it, block by block (a paragraph, a heading, a card, a
  cell), its white space collapsed — but the cells of the tables of applications that the row comparison reads
  (their ids, applicants … reasons), and the text of scripts and styles. What a browser's saving again changes (its
  markup, line ends, a BOM, white space between tags, character references) is not read; nor are attributes.

Each difference is one sentence naming the file and the place, the first few of them and how many more:
`allocation.xlsx 运行参数 B4（年度预算）为“25,000.00万元”，该次运行为“20,000.00万元”`, `report.html 页面文字
“18,499.991 分配额（万元）”，该次运行为“19,499.991 分配额（万元）”`.

>>> run = b'<p>Total <b>19,499.991</b></p><table><tr><th>Application ID</th><th>Row</th></tr>'
>>> run += b'<tr><td>2026-0001</td><td>2</td></tr></table>'
>>> [p.text("en") for p in page_rest(run.replace(b"19,", b"18,").replace(b"0001", b"0009"), run, "report.html")]
["report.html: the page reads 'Total 18,499.991', 'Total 19,499.991' in the run"]
>>> page_rest(b"\\xef\\xbb\\xbf" + run.replace(b"<p>", b"\\r\\n<p>  "), run, "report.html")
[]
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from html.parser import HTMLParser
from pathlib import Path

import python_calamine

from optimizer.errors import InputError
from optimizer.jobs.verify_rows import quoted
from optimizer.reading.allocation_file import status_named
from optimizer.reading.fields import CellError
from optimizer.reading.guard import FileLimits, check_file, check_package
from optimizer.reading.sheet import column_letter, read_sheet
from optimizer.words import LABELS, Phrase

Words = tuple[str, str]  # (Chinese, English)
Cells = Sequence[Sequence[object]]

SHOWN = 5  # differences of the rest said of one file, then how many more
CONTEXT = 16  # characters of the page's text quoted either side of where it differs
SHORT = 40  # characters of a block of the page's text quoted whole


def said_at_most(lines: list[Phrase], shown: int = SHOWN, more: str = "verify.sheet_more") -> list[Phrase]:
    """The first `shown` sentences, and how many more (`more`, the sentence saying so)."""
    if len(lines) <= shown:
        return lines
    return [*lines[:shown], Phrase.of(more, count=len(lines) - shown)]


# --- allocation.xlsx


def sheet_rest(path: Path, first: Cells | None, written: bytes) -> list[Phrase]:
    """Every sheet of the workbook at `path` set beside the re-run's (`written`, the same writers'), cell by cell, by
    the sheet's name: a sheet the file lacks or adds, each cell that says otherwise. `first` is the cells of the
    file's first sheet, as already read back — None to leave the allocation sheet out (its rows said otherwise than
    the run's, each named already)."""
    names = _sheet_names(path)
    lines: list[Phrase] = []
    with python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(written)) as rerun:  # budgetopt's own
        ours = list(rerun.sheet_names)
        for n, sheet in enumerate(ours):
            if sheet not in names:
                lines.append(Phrase.of("verify.sheet_rest_missing", name=path.name, sheet=sheet))
            elif n > 0 or first is not None:  # each sheet read only where it is compared
                found = first if n == 0 and names[0] == sheet and first is not None else _read(path, sheet)
                cells = _trimmed(rerun.get_sheet_by_name(sheet).to_python(skip_empty_area=False))
                lines += _cells_differ(path.name, sheet, found, cells, statuses=n == 0)
    lines += [Phrase.of("verify.sheet_rest_extra", name=path.name, sheet=sheet) for sheet in names
              if sheet not in ours]
    return said_at_most(lines)


def _sheet_names(path: Path) -> list[str]:
    """The names of the sheets of the workbook at `path`, read only once its bytes pass the checks of a workbook from
    outside (its size, a zip bomb, macros); none where it cannot be read — it was read back once already, so it is a
    file gone or changed since, whose sheets are then none of the run's."""
    limits = FileLimits()
    try:
        check_file(path, limits)
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_package(archive, path.name, limits)
        with python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            return list(book.sheet_names)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException:  # a refusal, calamine's errors and Rust panics alike
        return []


def _read(path: Path, sheet: str) -> list[list[object]]:
    """The values of the sheet `sheet` of the file at `path`, read as the allocation sheet was: every check of a
    workbook from outside first (reading/sheet.py)."""
    try:
        return _trimmed(read_sheet(path, preferred=(sheet,)).rows)
    except InputError:  # read back once already: a sheet that cannot be read is a sheet that says nothing
        return []


def _trimmed(rows: Cells) -> list[list[object]]:
    """Rows without the empty cells that end them, and without the empty rows that end the sheet: what a
    spreadsheet program may keep or drop of a sheet's extent."""
    kept = [[None if v == "" else v for v in row] for row in rows]
    for row in kept:
        while row and row[-1] is None:
            row.pop()
    while kept and not kept[-1]:
        kept.pop()
    return kept


def _cells_differ(name: str, sheet: str, found: Cells, rerun: Cells, *, statuses: bool) -> list[Phrase]:
    """Each cell of `found` that says otherwise than the re-run's `rerun`; on the allocation sheet (`statuses`), a
    status cell that names the run's status in other words is no difference here (the row comparison says it)."""
    status = _status_columns(rerun) if statuses else set()
    lines = []
    for r in range(max(len(found), len(rerun))):
        ours = found[r] if r < len(found) else ()
        theirs = rerun[r] if r < len(rerun) else ()
        if list(ours) == list(theirs):
            continue
        for c in range(max(len(ours), len(theirs))):
            a = ours[c] if c < len(ours) else None
            b = theirs[c] if c < len(theirs) else None
            if _alike(a, b) or (c in status and r > 0 and _same_status(a, b)):
                continue
            lines.append(Phrase.of("verify.sheet_rest_cell", name=name, sheet=sheet, cell=_place(rerun, r, c),
                                   found=_value(a), rerun=_value(b)))
    return lines


def _status_columns(rows: Cells) -> set[int]:
    header = [str(v).strip() for v in rows[0]] if rows else []
    return {i for i, text in enumerate(header) if text in LABELS["status"] or text in LABELS["status_label"]}


def _same_status(a: object, b: object) -> bool:
    try:
        said = status_named(a if isinstance(a, (str, int, float)) else None)
        return said is not None and said is status_named(b if isinstance(b, (str, int, float)) else None)
    except CellError:
        return False


def _alike(a: object, b: object) -> bool:
    """Whether two cells read the same: equal values, both empty, the same text but for the white space around it,
    or the same number (`90` typed as text, 90.0) to the digits a spreadsheet program keeps (a share written
    0.010891282051282052 is saved again as 0.01089128205128205)."""
    if a == b:
        return True
    a, b = _bare(a), _bare(b)
    if a == b:
        return True
    x, y = _number(a), _number(b)
    return x is not None and y is not None and (x == y or math.isclose(x, y, rel_tol=1e-14))


def _bare(value: object) -> object:
    if isinstance(value, str):
        return value.strip() or None
    return value


def _number(value: object) -> Decimal | None:
    """A cell's number (`90` typed as text too); None for a cell that holds none."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = Decimal(repr(value) if isinstance(value, float) else str(value).replace(",", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _place(rows: Cells, r: int, c: int) -> Words:
    """A cell as a sentence names it: its reference, and what the run's sheet labels its row and column with — the
    row's first text (年度预算) and, in a sheet of more than two columns, the column's header."""
    ref = f"{column_letter(c + 1)}{r + 1}"
    row = rows[r] if r < len(rows) else ()
    labels = []
    first = next((v for v in row[:c] if isinstance(v, str) and v.strip()), None) if r > 0 else None
    if first is not None:
        labels.append(first.strip())
    header = rows[0][c] if rows and r > 0 and c < len(rows[0]) else None
    if isinstance(header, str) and header.strip() and (first is None or len(rows[0]) > 2):
        labels.append(header.strip())
    if not labels:
        return ref, ref
    return f"{ref}（{'，'.join(labels)}）", f"{ref} ({', '.join(labels)})"


def _value(value: object) -> Words:
    """A cell as a sentence quotes it."""
    if value is None or value == "":
        return "（空）", "(empty)"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value), str(value)
    return quoted(str(value))


# --- report.html


def page_rest(found: bytes, written: bytes, name: str) -> list[Phrase]:
    """The text of the page `found` set beside the re-run's (`written`, the same writers'), block by block, but the
    cells the row comparison reads: each block that says otherwise, the page lacks or adds."""
    ours, theirs = page_text(found), page_text(written)
    if ours == theirs or "".join("".join(ours).split()) == "".join("".join(theirs).split()):
        return []  # the same text, its blocks perhaps broken otherwise
    lines: list[Phrase] = []
    if len(ours) == len(theirs):
        lines = [_text_differs(name, a, b) for a, b in zip(ours, theirs, strict=True) if a != b]
    else:
        for op, i, j, k, m in SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
            pairs = list(zip(ours[i:j], theirs[k:m], strict=False)) if op == "replace" else []
            lines += [_text_differs(name, a, b) for a, b in pairs]
            lines += [Phrase.of("verify.page_text_extra", name=name, found=quoted(a)) for a in ours[i + len(pairs):j]]
            lines += [Phrase.of("verify.page_text_missing", name=name, rerun=quoted(b))
                      for b in theirs[k + len(pairs):m]]
    return said_at_most(lines)


def _text_differs(name: str, found: str, rerun: str) -> Phrase:
    a, b = _excerpts(found, rerun)
    return Phrase.of("verify.page_text", name=name, found=quoted(a), rerun=quoted(b))


def _excerpts(a: str, b: str, context: int = CONTEXT) -> tuple[str, str]:
    """Two texts as they are where both are short (a card, a heading); else where they differ, with `context`
    characters either side, `…` where either is cut.

    >>> _excerpts("19,499.991 分配额（万元）", "18,499.991 分配额（万元）")
    ('19,499.991 分配额（万元）', '18,499.991 分配额（万元）')

    >>> _excerpts("资助线以上共370项申报，已分配19,499.991万元，未分配0.009万元，见下表",
    ...           "资助线以上共370项申报，已分配18,499.991万元，未分配0.009万元，见下表", context=4)
    ('…已分配19,499…', '…已分配18,499…')
    """
    if max(len(a), len(b)) <= SHORT:
        return a, b
    head = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    start = max(0, head - context)

    def cut(text: str) -> str:
        stop = min(len(text), len(text) - tail + context)
        return ("…" if start else "") + text[start:stop] + ("…" if stop < len(text) else "")
    return cut(a), cut(b)


def page_text(data: bytes) -> list[str]:
    """The text of a page as a person reads it, block by block, its white space collapsed — but the text of scripts
    and styles, and the cells of tables of applications the row comparison reads."""
    reader = _Text()
    reader.feed(data.decode("utf-8-sig", errors="replace"))
    reader.close()
    reader.end_block()
    return reader.blocks


# a table's columns the row comparison reads: where its header has a column of application ids
_READ = ("application_id", "applicant", "district", "clause", "score", "entitlement_wan", "allocated_wan",
         "entitlement", "allocated", "status", "reason")


def compared_columns(headers: Sequence[str]) -> frozenset[int]:
    """The columns of a table the row comparison reads, by place: none where it has no column of application ids."""
    if not any(text in LABELS["application_id"] for text in headers):
        return frozenset()
    return frozenset(i for i, text in enumerate(headers) if any(text in LABELS[key] for key in _READ))


@dataclass
class _Table:
    """A table being read: its header (None till its first row ends), the columns the row comparison reads, the
    cells of the row being read."""

    headers: list[str] | None = None
    compared: frozenset[int] = frozenset()
    row: list[str] | None = None
    all_th: bool = True
    skipping: bool = False  # in a cell the row comparison reads


class _Text(HTMLParser):
    """A page's text in blocks, as html.parser reads it: tags and text, nothing fetched or run."""

    _SKIPPED = frozenset({"script", "style", "template"})
    _INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i",
                         "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
                         "tspan", "u", "var", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.text: list[str] = []
        self.tables: list[_Table] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self.skipping += 1
            return
        self._apart(tag)
        table = self.tables[-1] if self.tables else None
        if tag == "table":
            self.tables.append(_Table())
        elif table is not None and tag == "tr":
            self._end_row(table)
            table.row, table.all_th = [], True
        elif table is not None and tag in ("td", "th"):
            if table.row is None:
                table.row, table.all_th = [], True
            table.all_th = table.all_th and tag == "th"
            table.skipping = len(table.row) in table.compared
            table.row.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self._SKIPPED:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        self._apart(tag)
        table = self.tables[-1] if self.tables else None
        if table is None:
            return
        if tag == "table":
            self._end_row(self.tables.pop())
        elif tag == "tr":
            self._end_row(table)
        elif tag in ("td", "th"):
            table.skipping = False

    def handle_data(self, data: str) -> None:
        table = self.tables[-1] if self.tables else None
        if self.skipping or (table is not None and table.skipping):
            return
        self.text.append(data)
        if table is not None and table.row:
            table.row[-1] += data

    def _apart(self, tag: str) -> None:
        """A block ends at the edge of an element that is not inline; an inline one's edge is a space (a card's
        figure and its label: `20,000.00 Budget (万元)`)."""
        if tag in self._INLINE:
            self.text.append(" ")
        else:
            self.end_block()

    def end_block(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.blocks.append(text)
        self.text = []

    @staticmethod
    def _end_row(table: _Table) -> None:
        if table.row is not None and table.headers is None and any(table.row):
            table.headers = [" ".join(cell.split()) for cell in table.row] if table.all_th else []
            table.compared = compared_columns(table.headers)
        table.row, table.skipping = None, False
