"""`--help` in the run's language: Chinese by default, as everything else the command line says (`--lang en` or
BUDGETOPT_LANG=en for English).

The help is written in English beside each command and option (the docstrings, `help=`); its Chinese is in
words/help_zh.py, keyed by that English. The commands are made with the classes here, whose help formatter puts
the Chinese in as it writes — each paragraph, each option's help, the headings and the `[default: …]` click adds —
and wraps it by its width on the terminal (a Chinese character takes two columns; click counts it as one, and
breaks lines only at spaces, which Chinese has none of).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import click
from click.formatting import measure_table

from optimizer.words import default_lang
from optimizer.words.help_zh import FRAME_ZH, HELP_ZH

NO_REWRAP = "\b"  # click keeps the lines of a paragraph that starts with this line as they are
_CLOSING = set("，。；：、）》」』〕！？…)]>")
_OPENING = set("（《「『〔([<")
_TOKEN = re.compile(r"\s+|[^\s\u2e80-\ufe4f\uff00-\uffef]+|.")  # a space, a run of narrow characters, or one wide


def chinese() -> bool:
    return default_lang() == "zh"


def said(text: str) -> str:
    """The Chinese of an English help text (a paragraph, an option's help), if it has one; else the text."""
    return HELP_ZH.get(" ".join(text.split()), text)


def columns(text: str) -> int:
    """How many terminal columns `text` takes: two for a wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrapped(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns, broken between any two Chinese characters or at a space; a closing
    mark (，。）…) never starts a line (the character before it goes down with it), an opening one never ends it."""
    lines: list[list[str]] = [[]]
    for token in _TOKEN.findall(text):
        line = lines[-1]
        if line and not token.isspace() and columns("".join(line) + token) > width:
            carried: list[str] = []
            while token[0] in _CLOSING and len(line) > 1 and (not carried or carried[0][0] in _CLOSING):
                carried.insert(0, line.pop())
            while len(line) > 1 and line[-1][-1] in _OPENING:
                carried.insert(0, line.pop())
            lines.append(carried)
            line = lines[-1]
        if line or not token.isspace():
            line.append(token)
    return [text for text in ("".join(line).strip() for line in lines) if text]


def _extras(extras: str) -> str:
    """click's `default: zh; required` after an option's help, in Chinese."""
    parts = []
    for part in extras.split("; "):
        name, colon, value = part.partition(": ")
        parts.append(f"{FRAME_ZH.get(name, name)}：{value}" if colon and name in FRAME_ZH else FRAME_ZH.get(part, part))
    return "；".join(parts)


def _option_help(text: str) -> tuple[str, str]:
    """An option's help and what click adds after it (`[default: zh]`, kept whole on a line), each in Chinese."""
    cut = text.rfind("  [") if text.endswith("]") else -1
    if text.startswith("[") and text.endswith("]"):
        return "", f"[{_extras(text[1:-1])}]"
    return (said(text), "") if cut < 0 else (said(text[:cut]), f"[{_extras(text[cut + 3:-1])}]")


def _option_lines(text: str, width: int) -> list[str]:
    help_text, extras = _option_help(text)
    lines = wrapped(help_text, width)
    if extras and lines and columns(f"{lines[-1]}  {extras}") <= width:
        return [*lines[:-1], f"{lines[-1]}  {extras}"]
    return [*lines, extras] if extras else lines


class HelpFormatter(click.HelpFormatter):
    """click's formatter; in Chinese, each text put in Chinese and wrapped by its width, kept so by click."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and chinese():
            prefix = FRAME_ZH["Usage: "]
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        if not chinese():
            super().write_heading(heading)
            return
        self.write(f"{'':>{self.current_indent}}{FRAME_ZH.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        if not chinese():
            super().write_text(text)
            return
        width = max(self.width - self.current_indent, 11)
        super().write_text("\n\n".join(self._paragraph(part, width) for part in text.split("\n\n")))

    def _paragraph(self, paragraph: str, width: int) -> str:
        if paragraph.startswith(NO_REWRAP):  # an example: its commands as they are
            head, _, rest = paragraph[2:].partition("\n")
            return "\n".join([NO_REWRAP, FRAME_ZH.get(head.strip(), head), rest]).rstrip("\n")
        return "\n".join([NO_REWRAP, *wrapped(said(paragraph), width)])

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if not chinese() or not rows:
            super().write_dl(rows, col_max, col_spacing)
            return
        first_col = min(measure_table(rows)[0], col_max) + col_spacing  # as click lays the list out
        width = max(self.width - first_col - 2, 10)
        super().write_dl([(term, "\n".join([NO_REWRAP, *_option_lines(text, width)]) if text else text)
                          for term, text in rows], col_max, col_spacing)


class Context(click.Context):
    formatter_class = HelpFormatter


class _Described:
    """A command's one line in its group's list of commands, from its help's first sentence in the language."""

    help: str | None

    def get_short_help_str(self, limit: int = 45) -> str:
        if not chinese() or not self.help:
            return super().get_short_help_str(limit)  # type: ignore[misc, no-any-return]
        first = said(self.help.split("\n\n")[0])
        return first.split("。", 1)[0]


class Command(_Described, click.Command):
    context_class = Context


class Group(_Described, click.Group):
    context_class = Context
    command_class = Command


Group.group_class = Group  # a group made in a group is one of these too
