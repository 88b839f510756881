"""The language of a run and the phrases it says: a code with parameters, worded in Chinese or English.

Every sentence budgetopt shows a person — a problem in a workbook, a refusal, an error, a summary line — is a
`Phrase`: a code naming what is said, and its parameters. The words for each code live in the catalogues beside
this module (one per part of the flow, merged in `catalog.py`); `Phrase.text(lang)` puts them together. A
parameter is text, or a (Chinese, English) pair where the two languages say it differently.

The language is the one the caller asks for, else the one chosen for this run (`use_lang`, which the command line
sets from --lang), else the environment's BUDGETOPT_LANG, else Chinese.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from optimizer.words.catalog import CATALOG

LANGS = ("zh", "en")
Param = str | tuple[str, str]  # the same in both languages, or (Chinese, English)
_CHOSEN: ContextVar[str | None] = ContextVar("budgetopt_lang", default=None)


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Chinese or the English of a pair."""
    return pair[0] if lang == "zh" else pair[1]


def few(items: Sequence[str | tuple[str, str]], shown: int = 3) -> tuple[str, str]:
    """The first `shown` of `items` (each a text, or its Chinese and English), and … when there are more: for a
    sentence that names some of many applications.

    >>> few(["2026-0004", "2026-0006", "2026-0010", "2026-0014"])
    ('2026-0004、2026-0006、2026-0010、…', '2026-0004, 2026-0006, 2026-0010, …')
    >>> few([("A（B）", "A (B)")])
    ('A（B）', 'A (B)')
    """
    pairs = [item if isinstance(item, tuple) else (item, item) for item in items[:shown]]
    more = ["…"] if len(items) > shown else []
    return "、".join([zh for zh, _ in pairs] + more), ", ".join([en for _, en in pairs] + more)


def named(value: object, labels: Mapping[str, tuple[str, str]]) -> str | None:
    """The key of `labels` that `value` names — the key in any case, or its Chinese or English label — or None.

    >>> named("funded", {"FUNDED": ("全额资助", "funded in full")}), named("全额资助", {"FUNDED": ("全额资助", "")})
    ('FUNDED', 'FUNDED')
    """
    text = str(value).strip().casefold()
    return next((key for key, (zh, en) in labels.items() if text in (key.casefold(), zh, en.casefold())), None)


def readable_name(name: str) -> str:
    """A file or folder name as people see it: a byte that is no UTF-8 (a Linux name written in GBK, say), which
    Python keeps as a lone surrogate no UTF-8 text can hold, shown as �."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


SHOWN_AT_MOST = 100  # characters of a value a message quotes


def brief(value: Param) -> Param:
    """A value to quote in a message (a cell, an amount typed or written in a scenario): a long one cut to
    SHOWN_AT_MOST characters, the rest counted."""
    if isinstance(value, str) and len(value) > SHOWN_AT_MOST:
        head = value[:SHOWN_AT_MOST]
        return f"{head}…（共 {len(value):,} 个字符）", f"{head}… ({len(value):,} characters)"
    return value


# What the operating system says when a file or folder cannot be opened or written, in Chinese (English: its own
# words, as it says them)
_OS_REASONS = {
    errno.ENOENT: "文件不存在", errno.EACCES: "没有权限", errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个文件夹，不是文件", errno.ENOTDIR: "路径中有一项不是文件夹", errno.ENAMETOOLONG: "文件名太长",
    errno.ENOSPC: "磁盘空间不足", errno.EROFS: "磁盘只读，不能写入", errno.EEXIST: "已存在",
    errno.EBUSY: "正被其他程序使用", errno.EIO: "磁盘读写出错",
}


def os_reason(exc: OSError) -> tuple[str, str]:
    """Why a file or folder cannot be opened or written, as a (Chinese, English) pair: `文件不存在` / `No such
    file or directory` (an error the table does not know: the operating system's words in both)."""
    english = exc.strerror or str(exc)
    return _OS_REASONS.get(exc.errno or 0, english), english


# What the libraries budgetopt reads files with say of a damaged file (zipfile, zlib, SQLite), in Chinese; the
# English is theirs, as they say it. A message this table does not know is said as it is, in both languages.
_LIBRARY_REASONS = tuple((re.compile(pattern, re.IGNORECASE), chinese) for pattern, chinese in (
    (r"File is not a zip file", "不是 zip 压缩包，文件不完整或已损坏"),
    (r"Bad magic number for (?:file header|central directory)", "压缩包的结构已损坏"),
    (r"Truncated (?:file header|central directory)|Compressed file ended before the end-of-stream marker was "
     r"reached", "文件不完整，可能未下载或复制完"),
    (r"Bad CRC-32 for file .*|Error -?\d+ while decompressing data.*|invalid (?:stored block lengths|distance "
     r"too far back|block type|code lengths set).*", "压缩的内容已损坏"),
    (r"Overlapped entries.*|Corrupt extra field.*|zipfiles that span multiple disks are not supported",
     "压缩包的结构异常"),
    (r"file is not a database", "不是数据库文件"),
    (r"database disk image is malformed|malformed database schema.*", "数据库文件已损坏"),
    (r"disk I/O error", "磁盘读写错误"),
    (r"database or disk is full", "磁盘空间不足"),
    (r"unable to open database file", "无法打开数据库文件"),
    (r"attempt to write a readonly database", "数据库文件只读，不能写入"),
))


def library_reason(text: str) -> tuple[str, str]:
    """What a library says of a damaged file (zipfile, zlib, SQLite), as a (Chinese, English) pair.

    >>> library_reason("File is not a zip file")
    ('不是 zip 压缩包，文件不完整或已损坏', 'File is not a zip file')
    >>> library_reason("something new")
    ('something new', 'something new')
    """
    for pattern, chinese in _LIBRARY_REASONS:
        if pattern.fullmatch(text.strip()):
            return chinese, text
    return text, text


def default_lang() -> str:
    """The language of this run: chosen with use_lang, else BUDGETOPT_LANG, else Chinese."""
    chosen = _CHOSEN.get()
    return chosen if chosen is not None else env_lang()


def env_lang() -> str:
    """The language the environment asks for (BUDGETOPT_LANG), else Chinese: the command line's unless --lang."""
    env = os.environ.get("BUDGETOPT_LANG", "").strip().lower()
    return env if env in LANGS else "zh"


@contextmanager
def use_lang(lang: str | None) -> Iterator[None]:
    """Everything said inside the block, unless asked in another language, is said in `lang` ("zh" or "en"; None:
    as if none was chosen — BUDGETOPT_LANG, else Chinese)."""
    if lang is not None and lang not in LANGS:
        raise ValueError(f"lang 应为 zh 或 en / lang must be zh or en, not {lang!r}")
    token = _CHOSEN.set(lang)
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def set_lang(lang: str) -> None:
    """This run's language, from here on (the command line's --lang)."""
    _CHOSEN.set(lang)


@dataclass(frozen=True, slots=True)
class Phrase:
    """Something to say: a code from the catalogues and its parameters."""

    code: str
    params: tuple[tuple[str, Param], ...] = ()

    @classmethod
    def of(cls, code: str, /, **params: object) -> Phrase:
        return cls(code, tuple((key, _param(value)) for key, value in params.items()))

    def text(self, lang: str | None = None, face: str | None = None) -> str:
        """The phrase in `lang` (default: this run's), as `face` ("cli" or "web") words it where it has its own."""
        return render(self.code, dict(self.params), lang or default_lang(), face)

    def both(self) -> tuple[str, str]:
        """The phrase in Chinese and in English: a parameter of another phrase."""
        return self.text("zh"), self.text("en")

    def __str__(self) -> str:
        return self.text()


def _param(value: object) -> Param:
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return (value[0], value[1])
    return str(value)


def render(code: str, params: Mapping[str, Param], lang: str, face: str | None = None) -> str:
    """The words of `code` in `lang`, its parameters filled in (a pair gives the language's own)."""
    values = {key: pick(value, lang) if isinstance(value, tuple) else value for key, value in params.items()}
    return template(code, lang, face).format_map(values)


def template(code: str, lang: str, face: str | None = None) -> str:
    """The words of `code` in `lang` with their `{parameters}` still to fill in (str.format_map): for a text made
    thousands of times over, such as the name of each applicant's cap."""
    return pick((face and CATALOG.get(f"{code}@{face}")) or CATALOG[code], lang)


def place_text(file: str, sheet: str | None, row: int | None, column: str | None, lang: str) -> str:
    """Where something is: `sample.xlsx, sheet 申报项目, row 17, column 统一社会信用代码` or, in Chinese,
    `sample.xlsx，工作表 申报项目，第17行，统一社会信用代码列`."""
    zh = lang == "zh"
    parts = [file] if file else []
    if sheet is not None:
        parts.append(f"工作表 {sheet}" if zh else f"sheet {sheet}")
    if row is not None:
        parts.append(f"第{row}行" if zh else f"row {row}")
    if column is not None:
        parts.append(f"{column}列" if zh else f"column {column}")
    return ("，" if zh else ", ").join(parts)


def with_place(place: str, message: str, lang: str, warning: bool = False) -> str:
    """`place: message`, a warning marked as one."""
    zh = lang == "zh"
    prefix = ("警告：" if zh else "warning: ") if warning else ""
    if not place:
        return prefix + message
    return f"{place}{'：' if zh else ': '}{prefix}{message}"
