"""The application sheet parsed by python-calamine in threads — in two halves at once for a large sheet — while the
caller's block runs: calamine lets go of Python's GIL, so both cores work. The result is the sheet's
values exactly as one parse of the whole file gives them (the tests compare), or None, and the caller parses it
whole (the obvious, slower way).

Each half is an in-memory copy of the workbook holding half of the sheet's rows: the sheet's XML is cut before a
`<row r="…">` tag, so the second copy numbers its rows as the whole file does; `_joined` checks that the halves'
cells do not overlap. Nothing here knows what the sheet holds.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SPLIT_PARSE_BYTES = 2_000_000  # of sheet XML (some 3,000 rows): from here calamine parses the sheet in two halves,
SPLIT_PARSE_UP_TO = 256_000_000  # up to here (some 400,000 rows): beyond, the copies would cost more memory than the
# parse's seconds are worth (docs/performance.md)

Rows = list[list[Any]]
ReadMember = Callable[[zipfile.ZipFile, str], bytes | None]  # None: a part that cannot be read


@contextmanager
def parsing(parse: Callable[[Path | io.BytesIO], Rows], path: Path, member: str, data: bytes,
            read_member: ReadMember) -> Iterator[Callable[[], Rows | None]]:
    """`parse` of the workbook at `path` started in threads — of two half copies when the sheet `member` (whose XML
    is `data`) is large — while the block runs; what the block is given returns the sheet's values, or None when
    the halves could not be joined (then parse the file whole). `read_member` reads the workbook's other parts,
    which the copies hold too."""
    halves = _in_halves(path, member, data, read_member)
    del data  # the caller lets go of the XML as soon as the parse has begun
    sources: list[Path | io.BytesIO] = [*halves] if halves else [path]
    with ThreadPoolExecutor(2) as pool:
        parsed = [pool.submit(parse, source) for source in sources]
        del halves, sources
        yield lambda: _joined(parsed)


def _in_halves(path: Path, sheet: str, data: bytes, read_member: ReadMember) -> list[io.BytesIO] | None:
    """Two copies of the workbook in memory, the first holding the sheet's rows up to the middle, the second the
    rest, for calamine to parse at once on two cores; None for a small sheet, or one not laid out for it.

    The sheet is cut before a `<row r="...">` tag, so the second copy numbers its rows as the whole file does.
    Nothing else is assumed: `_joined` checks that the two copies' cells do not overlap."""
    start, end = data.find(b"<row "), data.rfind(b"</sheetData>")
    if not SPLIT_PARSE_BYTES <= len(data) <= SPLIT_PARSE_UP_TO or start < 0 or end < start:
        return None
    cut = data.find(b"<row ", start + (end - start) // 2, end)
    if cut < 0 or not re.match(rb'<row [^>]*?\br="[0-9]+"', data[cut:cut + 200]):
        return None
    parts = _other_parts(path, sheet, read_member, len(data) // 4)  # beyond that, copying costs more than it saves
    if parts is None:
        return None
    return [_package([*parts, (sheet, data[:cut] + data[end:])]),
            _package([*parts, (sheet, data[:start] + data[cut:])])]


def with_sheet(path: Path, sheet: str, data: bytes, read_member: ReadMember) -> io.BytesIO:
    """A copy of the workbook in memory, its part `sheet` replaced by `data`."""
    parts = _other_parts(path, sheet, read_member)
    assert parts is not None
    return _package([*parts, (sheet, data)])


def _other_parts(path: Path, sheet: str, read_member: ReadMember,
                 up_to: int | None = None) -> list[tuple[str, bytes]] | None:
    """Every part of the workbook but `sheet` that `read_member` can read — calamine, given the file itself,
    would not find the others either (a part whose name in the zip's directory differs from its own header); None
    when they hold more than `up_to` bytes."""
    with zipfile.ZipFile(path) as archive:
        others = [(info.filename, info.file_size) for info in archive.infolist() if info.filename != sheet]
        if up_to is not None and sum(size for _, size in others) > up_to:
            return None
        parts = [(member, read_member(archive, member)) for member, _ in others]
    return [(member, data) for member, data in parts if data is not None]


def _package(parts: list[tuple[str, bytes]]) -> io.BytesIO:
    """A zip of `parts`, stored: calamine only has to read it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for member, part in parts:
            archive.writestr(member, part)
    buffer.seek(0)
    return buffer


def _joined(parsed: list[Future[Rows]]) -> Rows | None:
    """The values of the whole sheet from its one or two parses; None when the halves overlap (rows out of
    order) or a half could not be read: the file is then parsed whole."""
    try:
        results = [p.result() for p in parsed]
    except Exception:  # a half the reader refused: parse the whole file, whose error is then the one to report
        if len(parsed) == 1:
            raise
        return None
    if len(results) == 1:
        return results[0]
    first, rest = results
    if len(rest) <= len(first) or any(row.count("") != len(row) for row in rest[: len(first)]):
        return None
    width = max(len(first[0]) if first else 0, len(rest[0]))
    return [row if len(row) == width else [*row, *[""] * (width - len(row))] for row in (*first, *rest[len(first):])]
