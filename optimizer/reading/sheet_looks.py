"""How a workbook's first sheet shows and prints, from its XML: what its cells' values do not say — rows hidden or too
low to show their text, text coloured as its background (or in a number format that shows nothing), columns hidden,
the print area. verify (jobs/published.py) holds a 公示 list to the one published by it: a list whose cells are as
published may still hide an award on paper. Every part is read through the guarded reader and defusedxml.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element  # the type only; every parse goes through defusedxml

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedElementTree

from optimizer.reading.guard import ZIP_ERRORS, read_part
from optimizer.reading.sheet_xml import cell_position, whole_number
from optimizer.words import Phrase

_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


# the colours a spreadsheet shows for a theme's or the old palette's first entries: the text (dark 1) on the sheet's
# background (light 1), black and white (Excel numbers a theme's colours light 1, dark 1, … in cells)
_THEME = {"0": "FFFFFF", "1": "000000"}


_INDEXED = {"0": "000000", "1": "FFFFFF", "8": "000000", "9": "FFFFFF", "64": "000000", "65": "FFFFFF"}


FLAT = 3.0  # points: a row lower than this shows no line of its text


@dataclass(frozen=True)
class SheetLooks:
    """How a workbook's first sheet shows and prints (Excel's row and column numbers): rows hidden, rows too low to
    show their text (their height), rows with a cell whose text is not seen (coloured as its background — the colour —
    or in a number format that shows nothing), columns hidden, and the print area's ranges (first row, first column,
    last row, last column)."""

    hidden: frozenset[int] = frozenset()
    flat: Mapping[int, float] = field(default_factory=dict)
    unseen: Mapping[int, tuple[str, str]] = field(default_factory=dict)
    columns: frozenset[int] = frozenset()
    printed: tuple[tuple[int, int, int, int], ...] = ()


def sheet_looks(data: bytes) -> SheetLooks:
    """How the first sheet of the workbook `data` shows and prints (SheetLooks); nothing where its XML cannot be read
    (its cells were read, by reading/sheet.py's guarded reader, before this is asked)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            book = _part(archive, "xl/workbook.xml")
            sheet = _part(archive, _first_sheet(archive, book, names))
            styles = _part(archive, "xl/styles.xml") if "xl/styles.xml" in names else None
    except (*ZIP_ERRORS, DefusedXmlException):
        return SheetLooks()
    shown = _cell_styles(styles)
    hidden, unseen, flat = set(), {}, {}
    for row in _all(sheet, "row"):
        number = whole_number(row.get("r", ""))
        if number is None:
            continue
        if row.get("hidden") in ("1", "true"):
            hidden.add(number)
        height = _float(row.get("ht"))
        if height is not None and height < FLAT:
            flat[number] = height
        how = _unseen_text(row, shown)
        if how is not None:
            unseen[number] = how
    return SheetLooks(frozenset(hidden), flat, unseen, _hidden_columns(sheet), _print_area(book))


def _part(archive: zipfile.ZipFile, member: str) -> Element:
    root: Element = DefusedElementTree.fromstring(read_part(archive, member), forbid_dtd=True)
    return root


def _first_sheet(archive: zipfile.ZipFile, book: Element, names: set[str]) -> str:
    """The zip member of the workbook's first sheet, by its relationship (xl/worksheets/sheet1.xml where none)."""
    first = next(_all(book, "sheet"), None)
    wanted = None if first is None else first.get(_RELATIONSHIP_ID)
    rels = "xl/_rels/workbook.xml.rels"
    target = next((rel.get("Target", "") for rel in _all(_part(archive, rels), "Relationship")
                   if rel.get("Id") == wanted), "") if wanted and rels in names else ""
    member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}") if target else ""
    return member if member in names else "xl/worksheets/sheet1.xml"


def _cell_styles(styles: Element | None) -> list[tuple[str, str] | None]:
    """By each cell style's index: how its text is not seen — (Chinese, English) words, the colour its text shares
    with its fill, or a number format that shows nothing — None where it is seen."""
    if styles is None:
        return []
    fonts = [_colour(next(_all(font, "color"), None), _THEME["1"]) for font in _all(_one(styles, "fonts"), "font")]
    fills = [_fill(fill) for fill in _all(_one(styles, "fills"), "fill")]
    formats = {f.get("numFmtId", ""): f.get("formatCode", "") for f in _all(_one(styles, "numFmts"), "numFmt")}
    said: list[tuple[str, str] | None] = []
    for xf in _all(_one(styles, "cellXfs"), "xf"):
        font, fill = (whole_number(xf.get(key, "0")) or 0 for key in ("fontId", "fillId"))
        text = fonts[font] if font < len(fonts) else _THEME["1"]
        ground = fills[fill] if fill < len(fills) else _THEME["0"]
        code = formats.get(xf.get("numFmtId", ""), "")
        if code and not code.replace(";", "").strip():
            said.append(Phrase.of("verify.notice_unseen.format").both())
        elif text == ground:
            said.append(Phrase.of("verify.notice_unseen.colour", colour=f"#{text}").both())
        else:
            said.append(None)
    return said


def _fill(fill: Element) -> str:
    """The colour a cell's fill shows: a solid pattern's, else the sheet's background."""
    pattern = next(_all(fill, "patternFill"), None)
    if pattern is None or pattern.get("patternType") != "solid":
        return _THEME["0"]
    return _colour(next(_all(pattern, "fgColor"), None), _THEME["0"])


def _colour(element: Element | None, default: str) -> str:
    """A colour element as RRGGBB (its ARGB's last six digits; a theme's or the old palette's black and white)."""
    if element is None:
        return default
    rgb = element.get("rgb")
    if rgb and len(rgb) >= 6:
        return rgb[-6:].upper()
    return _THEME.get(element.get("theme", ""), _INDEXED.get(element.get("indexed", ""), default))


def _hidden_columns(sheet: Element) -> frozenset[int]:
    """The columns a sheet hides (hidden, or 0 wide), up to its 64th."""
    found: set[int] = set()
    for col in _all(sheet, "col"):
        first, last = whole_number(col.get("min", "")), whole_number(col.get("max", ""))
        if first is not None and (col.get("hidden") in ("1", "true") or _float(col.get("width")) == 0):
            found.update(range(first, min(last or first, 64) + 1))
    return frozenset(found)


def _print_area(book: Element) -> tuple[tuple[int, int, int, int], ...]:
    """The first sheet's print area, as its ranges (none where it sets none)."""
    for name in _all(book, "definedName"):
        if name.get("name") == "_xlnm.Print_Area" and name.get("localSheetId", "0") == "0":
            areas = [_range(part.rpartition("!")[2]) for part in (name.text or "").split(",")]
            return tuple(area for area in areas if area is not None)
    return ()


def _range(ref: str) -> tuple[int, int, int, int] | None:
    first, _, last = ref.replace("$", "").partition(":")
    start, end = cell_position(first), cell_position(last or first)
    return None if start is None or end is None else (*start, *end)


def _unseen_text(row: Element, shown: Sequence[tuple[str, str] | None]) -> tuple[str, str] | None:
    """How the text of the first cell of `row` that holds a value but is not seen is not (by its style, `shown`)."""
    for cell in _all(row, "c"):
        style = whole_number(cell.get("s", "0")) or 0
        if style < len(shown) and shown[style] is not None and _holds(cell):
            return shown[style]
    return None


def _holds(cell: Element) -> bool:
    """Whether a cell holds a value: its text would be seen."""
    return any(_local(child.tag) in ("v", "is") and "".join(child.itertext()).strip() for child in cell)


def _all(element: Element | None, name: str) -> Iterator[Element]:
    """The elements under `element` named `name`, whatever their namespace."""
    return (child for child in ([] if element is None else element.iter()) if _local(child.tag) == name)


def _one(element: Element, name: str) -> Element | None:
    return next(_all(element, name), None)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _float(text: str | None) -> float | None:
    try:
        return None if text is None else float(text)
    except ValueError:
        return None
