"""Reading an .xlsx file: the cells of one sheet, as Excel saved them, and what calamine cannot tell us.

A workbook comes from outside, so it is checked before anything parses it (`xlsx_guard`): its size, the sizes
its zip declares (zip bombs), macros, XML entity declarations — then the application sheet's extent, before
python-calamine lays its cells out in memory (`sheet_xml.check_extent`). Every refusal is an ExcelFileError
whose phrase names the file and says what to do instead; `FileLimits` says how much is read.

Cell values come from python-calamine (fast, and formula cells arrive as the value Excel saved with them). The
sheet's XML is looked at only for what values alone cannot show: formulas (and whether Excel saved a value with
them), error values such as #DIV/0!, hidden rows and columns, merged cells and a filter; hidden sheets come from
the workbook part. Every XML parse goes through defusedxml.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element  # the type only; every parse goes through defusedxml

import python_calamine
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedElementTree

from optimizer._speed.background import in_thread
from optimizer._speed.split_parse import parsing, with_sheet
from optimizer.reading.guard import (
    ZIP_ERRORS,
    ExcelFileError,
    FileLimits,
    Where,
    assert_xml_defended,
    check_file,
    check_package,
    read_part,
    refusal,
)
from optimizer.reading.sheet_xml import (
    Formula,
    SheetFacts,
    as_calamine_reads,
    cell_position,
    check_area,
    check_extent,
    column_letter,
    scan,
)
from optimizer.words import library_reason, readable_name

__all__ = [
    "PREFERRED_SHEETS",
    "CellValue",
    "ExcelFileError",
    "FileLimits",
    "Formula",
    "Sheet",
    "cell_position",
    "choose_sheet",
    "column_letter",
    "read_sheet",
]

CellValue = int | float | str | bool | date | datetime | time | timedelta | None

PREFERRED_SHEETS = ("applications", "申报项目")
_OFFICE_DOCUMENT = "/officeDocument"
_INF = float("inf")
_CALAMINE_ERRORS = {"XmlError": ("XML 已损坏", "damaged XML"), "ZipError": ("压缩包已损坏", "damaged zip"),
                    "PasswordError": ("设有密码", "password-protected"),
                    "PanicException": ("读取程序无法继续", "the reader gave up")}


@dataclass(frozen=True)
class Sheet:
    """One sheet's cells: `rows[0]` is Excel's row 1 and `rows[r][0]` its column A."""

    file: str
    name: str | None  # None for records that were never in a workbook (a DataFrame)
    rows: Sequence[Sequence[CellValue]]
    formulas: Mapping[tuple[int, int], Formula] = field(default_factory=dict)  # (row, column), 1-based
    errors: Mapping[tuple[int, int], str] = field(default_factory=dict)
    hidden_rows: tuple[int, ...] = ()  # Excel row numbers
    hidden_columns: tuple[tuple[int, int], ...] = ()  # (first, last) column numbers of each hidden range
    merged: tuple[str, ...] = ()  # merged ranges, e.g. "A1:C1"
    autofilter: str | None = None  # the range a filter is set on, e.g. "A1:P435"
    hidden_sheets: tuple[str, ...] = ()  # every hidden sheet of the workbook (this one too, if it is hidden)


@dataclass(frozen=True)
class _SheetEntry:
    name: str
    hidden: bool
    member: str | None  # the zip member holding its XML


def read_sheet(path: Path, preferred: Sequence[str] = PREFERRED_SHEETS, limits: FileLimits | None = None) -> Sheet:
    """The application sheet of an .xlsx file: the one named as `preferred`, else the first.

    Raises ExcelFileError, before parsing anything, for a file beyond `limits` (default `FileLimits()`), a zip bomb,
    macros, an old .xls, XML entity declarations; and for a file that cannot be read at all.
    """
    limits = limits or FileLimits()
    assert_xml_defended()
    display = readable_name(path.name)
    check_file(path, limits)
    name, member, hidden_sheets, data = _application_part(path, display, preferred, limits)
    where = Where(display, name)
    # the extent checked by numpy, which lets go of the GIL, while the regexes scan the XML
    with in_thread(partial(check_extent, data, where, limits)) as extent:
        try:
            facts: SheetFacts = scan(data, where)
            odd = as_calamine_reads(data)  # None but in a damaged or hand-edited file
        finally:
            extent()  # a sheet beyond the limits is refused for that first, whatever the scan found

    def parse(source: Path | io.BytesIO) -> list[list[Any]]:
        return _values(source, display, name, where, limits)

    try:
        if odd is not None:  # calamine reads a copy, the numbers it cannot read as dates made infinite
            edited, texts = odd
            del data
            values = parse(with_sheet(path, member, edited, _readable_part))
        else:
            texts = {}
            with parsing(parse, path, member, data, _readable_part) as parsed:  # in two threads for a large sheet
                del data  # the XML can be large; calamine reads the file itself
                values = parsed() or parse(path)
    except ExcelFileError as exc:
        if not isinstance(exc.__cause__, OverflowError):
            raise
        values, texts = _with_long_durations(path, member, parse)
    # empty cells become None; a number Excel cannot store (NaN, infinity: only a damaged or hand-made file holds
    # one) becomes the text it was, so that it is reported as not a number
    rows = [[None if v == "" else v if type(v) is not float or -_INF < v < _INF else str(v) for v in row]
            for row in values]
    for (r, c), text in texts.items():
        if r <= len(rows) and c <= len(rows[r - 1]):
            rows[r - 1][c - 1] = text
    last = max((r for r, _ in (*facts.formulas, *facts.errors)), default=0)
    rows += [[] for _ in range(last - len(rows))]  # calamine ends at its last value; a broken cell may lie below
    return Sheet(display, name, rows, facts.formulas, facts.errors, facts.hidden_rows, facts.hidden_columns,
                 facts.merged, facts.autofilter, hidden_sheets)


def _with_long_durations(path: Path, member: str, parse: Callable[[io.BytesIO], list[list[Any]]],
                         ) -> tuple[list[list[Any]], dict[tuple[int, int], str]]:
    """The sheet's values read again from a copy that stores 0 for each number too large for a duration, and
    those cells' texts to put back: python-calamine raised OverflowError on a number of a billion days or more in a
    cell formatted as a duration (`[h]:mm`) — an amount of 10亿 yuan in a cell a template formatted so."""
    with zipfile.ZipFile(path) as archive:
        data = read_part(archive, member)  # read once already
    edited, texts = as_calamine_reads(data, durations=True) or (data, {})
    return parse(with_sheet(path, member, edited, _readable_part)), texts


def _readable_part(archive: zipfile.ZipFile, member: str) -> bytes | None:
    """A part of the workbook for a copy of it in memory, or None for one that cannot be read."""
    try:
        return read_part(archive, member)
    except ZIP_ERRORS:
        return None


def choose_sheet(names: Sequence[str], preferred: Sequence[str] = PREFERRED_SHEETS) -> str:
    wanted = {p.casefold() for p in preferred}
    for name in names:
        if name.strip().casefold() in wanted:
            return name
    return names[0]


def _application_part(path: Path, display: str, preferred: Sequence[str],
                      limits: FileLimits) -> tuple[str, str, tuple[str, ...], bytes]:
    """The chosen sheet's name and zip member, the workbook's hidden sheets, and the sheet's XML — after the
    package checks."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_package(archive, display, limits)
            sheets = _sheets(archive, display)
            if not sheets:
                raise refusal(display, "file.no_sheets")
            name = choose_sheet([s.name for s in sheets], preferred)
            entry = next(s for s in sheets if s.name == name)
            if entry.member is None:
                raise refusal(display, "file.sheet_part_missing", name=name)
            data = read_part(archive, entry.member)
    except ExcelFileError:
        raise
    except DefusedXmlException as exc:
        raise refusal(display, "file.dtd", part="xl/workbook.xml") from exc
    except ZIP_ERRORS as exc:
        raise refusal(display, "file.unreadable", why=library_reason(_brief(exc))) from exc
    return name, entry.member, tuple(s.name for s in sheets if s.hidden), data


def _sheets(archive: zipfile.ZipFile, display: str) -> list[_SheetEntry]:
    """The workbook's sheets in order, each with its visibility and zip member (found through the relationships)."""
    members = {name.replace("\\", "/").lstrip("/").casefold(): name for name in archive.namelist()}
    book_part = _office_document(archive, members)
    if book_part.casefold().endswith(".bin"):
        raise refusal(display, "file.binary")
    book_member = members.get(book_part.casefold())
    if book_member is None:
        raise refusal(display, "file.no_workbook_part")
    book = _xml(archive, book_member)
    targets = _relationships(archive, members, book_part)
    entries: list[_SheetEntry] = []
    for sheet in book.iter():
        if _local(sheet.tag) != "sheet":
            continue
        rel_id = next((value for key, value in sheet.attrib.items() if _local(key) == "id"), "")
        target = targets.get(rel_id)
        member = members.get(target.casefold()) if target else None
        entries.append(_SheetEntry(sheet.get("name", ""), sheet.get("state", "visible") != "visible", member))
    names = [entry.name.casefold() for entry in entries]
    twice = next((entry.name for entry, name in zip(entries, names, strict=True) if names.count(name) > 1), None)
    if twice is not None:  # what we check and what calamine reads could then be different sheets
        raise refusal(display, "file.two_sheets", name=twice)
    return entries


def _office_document(archive: zipfile.ZipFile, members: dict[str, str]) -> str:
    """The workbook part's path, as the package's own relationships name it (normally xl/workbook.xml)."""
    for _, target in _relationship_targets(archive, members, "_rels/.rels", ""):
        if target[0].endswith(_OFFICE_DOCUMENT):
            return target[1]
    return "xl/workbook.xml"


def _relationships(archive: zipfile.ZipFile, members: dict[str, str], part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    return {rel_id: target for rel_id, (_, target) in _relationship_targets(archive, members, rels, folder)}


def _relationship_targets(archive: zipfile.ZipFile, members: dict[str, str], rels: str,
                          folder: str) -> list[tuple[str, tuple[str, str]]]:
    """(Id, (Type, target part path)) of each internal relationship in the .rels part `rels`."""
    member = members.get(rels.casefold())
    if member is None:
        return []
    found: list[tuple[str, tuple[str, str]]] = []
    for rel in _xml(archive, member).iter():
        if _local(rel.tag) != "Relationship" or rel.get("TargetMode", "Internal") == "External":
            continue
        target = rel.get("Target", "").replace("\\", "/")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found.append((rel.get("Id", ""), (rel.get("Type", ""), posixpath.normpath(path).lstrip("/"))))
    return found


def _xml(archive: zipfile.ZipFile, member: str) -> Element:
    root: Element = DefusedElementTree.fromstring(read_part(archive, member), forbid_dtd=True)
    return root


def _calamine(source: Path | io.BytesIO) -> Any:
    """calamine's workbook: by path for an .xlsx file; otherwise by content — calamine goes by a path's extension,
    and an .xlsx renamed .xls (the checks found a zip, not an old workbook) must still be read as .xlsx; and a
    path that is no UTF-8 (a Linux file name of other bytes) is one calamine cannot open."""
    if isinstance(source, Path) and source.suffix.lower() == ".xlsx" and _utf8(str(source)):
        return python_calamine.CalamineWorkbook.from_path(str(source))
    if isinstance(source, Path):
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(source.read_bytes()))
    return python_calamine.CalamineWorkbook.from_filelike(source)


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a byte that is no UTF-8, kept by Python as a lone surrogate
        return False
    return True


def _values(source: Path | io.BytesIO, display: str, name: str, where: Where, limits: FileLimits) -> list[list[Any]]:
    """The sheet's values by python-calamine, its area checked again before they become Python objects."""
    try:
        with _calamine(source) as book:
            sheet = book.get_sheet_by_name(name)
            end = sheet.end
            if end is not None:
                check_area(end[0] + 1, end[1] + 1, where, limits)
            values: list[list[Any]] = sheet.to_python(skip_empty_area=False)
    except (ExcelFileError, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # calamine's own errors, ValueError, and Rust panics (a BaseException)
        what = _CALAMINE_ERRORS.get(type(exc).__name__)
        why = (f"{what[0]}：{_brief(exc)}", f"{what[1]}: {_brief(exc)}") if what else _brief(exc)
        raise refusal(display, "file.unreadable", why=why) from exc
    check_area(len(values), max((len(row) for row in values), default=0), where, limits)
    return values


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _brief(exc: Any) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
