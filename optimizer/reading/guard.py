"""Refusing an untrusted .xlsx before anything parses it: size, zip bombs, macros, XML entity declarations.

An application workbook arrives from outside the bureau, so it is treated as hostile until proven ordinary. Every
check here looks only at the file's size, its first bytes, the zip's directory (the sizes it declares — both
Python's zipfile and the Rust reader inside python-calamine stop at a part's declared size), the list of part
types ([Content_Types].xml, a few kilobytes) and the first 64 KB of each XML part; no XML is parsed. Each refusal
is one phrase (optimizer/words/msg_reading.py, `file.…`) that names the file and says what to do instead, in the
run's language; the CLI turns it into exit status 2.

The limits are a `FileLimits` value, so a caller can raise them for an unusually large but honest workbook.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree as DefusedElementTree

from optimizer.errors import Hint, InputError
from optimizer.words import Phrase, os_reason

MB = 1024 * 1024
_PIECE = 1 * MB
XML_HEAD_BYTES = 64 * 1024  # a DOCTYPE can only come before the root element, i.e. at the very start of a part

# What zipfile, zlib and the XML parsers raise on a damaged archive: all mean "cannot be read".
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
    RuntimeError, KeyError, IndexError, struct.error, SyntaxError,  # xml.etree's ParseError is a SyntaxError
)

_MACRO_EXTENSIONS = (".xlsm", ".xltm", ".xlam")
_MACRO_PARTS = re.compile(r"(?:^|/)(?:vbaProject\.bin|vbaProjectSignature\.bin|macrosheets/.*)$", re.IGNORECASE)
_MACRO_TYPES = re.compile(rb"macroEnabled|vbaProject|macrosheet", re.IGNORECASE)
_XML_PART = re.compile(r"\.(?:xml|rels|vml)$", re.IGNORECASE)
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class ExcelFileError(InputError):
    """The file cannot be read as an .xlsx workbook; the message says why and what to do."""


@dataclass(frozen=True)
class Where:
    """The file (as its name is shown) and, once known, the sheet that a refusal is about."""

    file: str
    sheet: str | None = None

    def refuse(self, message: Phrase, hint: Hint | None = None) -> ExcelFileError:
        return ExcelFileError.one(self.file, message, sheet=self.sheet, hint=hint)


def refusal(file: str, code: str, *, hint: Hint | None = None, **params: object) -> ExcelFileError:
    """The file refused, with the phrase `code`."""
    return ExcelFileError.one(file, Phrase.of(code, **params), hint=hint)


class XmlDefenceError(RuntimeError):
    """budgetopt is installed without the protection against XML entity attacks (a broken installation)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.phrase = Phrase.of(code)

    def __str__(self) -> str:
        return self.phrase.text()


RECORDED_LIMITS = ("max_file_bytes", "max_unpacked_bytes", "max_rows", "max_columns", "max_cells")


@dataclass(frozen=True)
class FileLimits:
    """How much of an untrusted workbook budgetopt is willing to read; beyond any of them the file is refused.

    max_file_bytes      the .xlsx file itself (50 MB)
    max_unpacked_bytes  all of its parts together, unpacked, as the zip declares them (500 MB)
    max_ratio           how many times larger than compressed a part may unpack (200) ...
    ratio_floor_bytes   ... checked for parts that unpack to more than this (1 MB; small parts compress freely)
    max_parts           files inside the zip (10,000; Excel writes a dozen or so)
    max_rows            rows of the application sheet, up to its last cell (1,100,000; Excel stops at 1,048,576)
    max_columns         columns of the application sheet, up to its last cell (200)
    max_cells           rows × columns of that area, which the reader holds in memory at once (33,000,000:
                        max_rows rows of 30 columns)
    """

    max_file_bytes: int = 50 * MB
    max_unpacked_bytes: int = 500 * MB
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 * MB
    max_parts: int = 10_000
    max_rows: int = 1_100_000
    max_columns: int = 200
    max_cells: int = 33_000_000

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if value <= 0:
                raise ValueError(f"FileLimits.{name} must be positive, got {value}")

    def record(self) -> dict[str, int] | None:
        """The limits a run's manifest records, so that verify reads the workbook again with them: only where some
        differ from the defaults."""
        given = {name: int(getattr(self, name)) for name in RECORDED_LIMITS}
        return None if given == {name: int(getattr(FileLimits(), name)) for name in RECORDED_LIMITS} else given


def assert_xml_defended() -> None:
    """Make sure every XML parser in play refuses entity expansion and external entities; raise otherwise.

    Our own parses go through defusedxml. openpyxl (used by tests and tools, never by the reader) parses safely
    only when it found defusedxml at import time; if it has been imported, its flag must say so.
    """
    try:
        from defusedxml import ElementTree as defended
    except ImportError as exc:  # pragma: no cover - defusedxml is a dependency
        raise XmlDefenceError("install.no_defusedxml") from exc
    if DefusedElementTree is not defended or not hasattr(defended, "iterparse"):
        raise XmlDefenceError("install.not_defusedxml")
    if os.environ.get("OPENPYXL_DEFUSEDXML", "true").strip().lower() in ("false", "0", "no", "off"):
        raise XmlDefenceError("install.openpyxl_env")
    openpyxl_xml = sys.modules.get("openpyxl.xml")
    if openpyxl_xml is not None and getattr(openpyxl_xml, "DEFUSEDXML", False) is not True:
        raise XmlDefenceError("install.openpyxl_unsafe")


def check_file(path: Path, limits: FileLimits) -> None:
    """Refuse by size, by the first bytes (not a zip, or an old .xls) and by extension (macros, .xlsb)."""
    name = path.name
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):  # a pipe would block the open
            # below for good (a folder is refused by it, as one)
            raise refusal(name, "file.not_regular")
        size = status.st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise refusal(name, "file.cannot_open", reason=os_reason(exc)) from exc
    if size > limits.max_file_bytes:
        raise refusal(name, "file.too_large", size=megabytes(size), limit=megabytes(limits.max_file_bytes),
                      hint=Hint("file_limit", "max_file_bytes"))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise refusal(name, "file.old_xls")
    if not head.startswith(b"PK"):
        raise refusal(name, "file.not_xlsx")
    suffix = path.suffix.lower()
    if suffix in _MACRO_EXTENSIONS:
        raise refusal(name, "file.macro_extension", suffix=suffix)
    if suffix == ".xlsb":
        raise refusal(name, "file.binary")


def check_package(archive: zipfile.ZipFile, name: str, limits: FileLimits) -> None:
    """Refuse a zip bomb, a workbook with macros, or XML that declares entities — before anything is unpacked."""
    infos = archive.infolist()
    if len(infos) > limits.max_parts:
        raise refusal(name, "file.too_many_parts", count=f"{len(infos):,}", limit=f"{limits.max_parts:,}")
    _check_names(infos, name)
    _check_sizes(infos, name, limits)
    _check_macros(archive, infos, name)
    for info in infos:
        if _XML_PART.search(info.filename):
            with archive.open(info) as part:
                check_xml_head(part.read(XML_HEAD_BYTES), info.filename, name)


def check_xml_head(head: bytes, part: str, name: str) -> None:
    """Refuse an XML part that is not UTF-8 (our byte scans would miss what it hides) or declares a DOCTYPE."""
    if head.startswith((b"\xfe\xff", b"\xff\xfe")) or b"\x00" in head[:4]:
        raise refusal(name, "file.not_utf8", part=part)
    if _DTD.search(head):
        raise refusal(name, "file.dtd", part=part)


def read_part(archive: zipfile.ZipFile, member: str) -> bytes:
    """One part, unpacked (its declared size is bounded by `check_package`).

    Read in pieces: zipfile stops at the declared size, but asked for everything at once it would first inflate
    the whole stream in memory, however far beyond the declared size it goes.
    """
    buffer = io.BytesIO()
    with archive.open(member) as part:
        while piece := part.read(_PIECE):
            buffer.write(piece)
    return buffer.getvalue()


def megabytes(size: int) -> str:
    """A size as a person reads it: `51 MB`, `3.0 MB`, `812 KB`."""
    if size < MB:
        return f"{size / 1024:,.0f} KB"
    value = size / MB
    return f"{value:,.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"


def _check_names(infos: list[zipfile.ZipInfo], name: str) -> None:
    """Two parts of one name would let what we check differ from what calamine reads."""
    seen: set[str] = set()
    for info in infos:
        key = info.filename.replace("\\", "/").lstrip("/").casefold()
        if key in seen:
            raise refusal(name, "file.two_parts", part=info.filename)
        seen.add(key)


def _check_sizes(infos: list[zipfile.ZipInfo], name: str, limits: FileLimits) -> None:
    total = sum(info.file_size for info in infos)
    if total > limits.max_unpacked_bytes:
        raise refusal(name, "file.unpacked_too_large", size=megabytes(total),
                      limit=megabytes(limits.max_unpacked_bytes), hint=Hint("file_limit", "max_unpacked_bytes"))
    for info in infos:
        if info.file_size <= limits.ratio_floor_bytes:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            raise refusal(name, "file.zip_bomb", part=info.filename, size=megabytes(info.file_size),
                          packed=f"{info.compress_size:,}", ratio=f"{ratio:,.0f}", limit=f"{limits.max_ratio:,.0f}")


def _check_macros(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], name: str) -> None:
    macros = any(_MACRO_PARTS.search(info.filename.replace("\\", "/")) for info in infos)
    content_types = next((info for info in infos if info.filename == "[Content_Types].xml"), None)
    if not macros and content_types is not None:
        macros = bool(_MACRO_TYPES.search(read_part(archive, content_types.filename)))
    if macros:
        raise refusal(name, "file.macros")
