"""Click's own complaints about a command line — an option mistyped, a value of the wrong kind, an argument missing —
in the run's language, as every other sentence of the command line. Click words them in English, and around our
own: `Error: Invalid value for '--time-limit': 应为有限的数…` mixed the two languages.

The options' value types (`Whole`, `Above`, `OneOf`, `FilePath`, `FolderPath`) refuse a value with a phrase of
ours; `usage_text` words Click's exceptions from what they carry (the option, the close names); `lang_in` finds
--lang among the words typed, before Click reads them (a mistyped option is refused before --lang is read).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from optimizer.words import LANGS, Phrase, brief


def _refuse(phrase: Phrase, param: click.Parameter | None, ctx: click.Context | None) -> click.BadParameter:
    return click.BadParameter(phrase.text(face="cli"), ctx=ctx, param=param)


class Whole(click.IntRange):
    """A whole number from `min` (to `max`), refused in the run's language."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            code = "cli.whole_from" if self.max is None else "cli.whole_between"
            raise _refuse(Phrase.of(code, low=self.min, high=self.max, shown=brief(str(value))), param,
                          ctx) from None


class Above(click.FloatRange):
    """A number above `low` (seconds, say), refused in the run's language."""

    def __init__(self, low: float) -> None:
        super().__init__(min=low, min_open=True)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            raise _refuse(Phrase.of("cli.above", low=f"{self.min:g}", shown=brief(str(value))), param, ctx) from None


class OneOf(click.Choice):  # type: ignore[type-arg]  # generic only in some versions of click
    """One of a few words (a solver, a language), refused in the run's language."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            choices = ", ".join(str(choice) for choice in self.choices)
            raise _refuse(Phrase.of("cli.one_of", choices=(choices.replace(", ", "、"), choices),
                                    shown=brief(str(value))), param, ctx) from None


class _Place(click.Path):
    """A file or a folder named on the command line. Only its kind is checked here (a folder where a file is
    needed, or the other way round); whether it exists and can be read is the reader's to say, in its words."""

    needs: str  # "file" or "folder"

    def __init__(self) -> None:
        super().__init__(file_okay=self.needs == "file", dir_okay=self.needs == "folder", readable=False,
                         path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            code = "cli.is_folder" if os.path.isdir(value) else "cli.is_file"
            raise _refuse(Phrase.of(code, shown=brief(os.fsdecode(value))), param, ctx) from None


class FilePath(_Place):
    needs = "file"


class FolderPath(_Place):
    needs = "folder"


def lang_in(args: Sequence[str]) -> str | None:
    """The language asked for with --lang among `args` (the last, as Click takes it), if any and a known one."""
    asked = None
    for here, word in enumerate(args):
        if word == "--":
            break
        if word == "--lang" and here + 1 < len(args):
            asked = args[here + 1]
        elif word.startswith("--lang="):
            asked = word.removeprefix("--lang=")
    return asked.lower() if asked and asked.lower() in LANGS else None


# What Click says only as a sentence, with nothing else to go on (its parser gives no command to look the option
# up in): its words, and ours
_CLICK_SAYS = (
    (re.compile(r"Option '(?P<option>.*)' requires (an argument|\d+ arguments)\."), "cli.needs_value"),
    (re.compile(r"Option '(?P<option>.*)' does not take a value\."), "cli.takes_no_value"),
    (re.compile(r"Got unexpected extra arguments? \((?P<args>.*)\)"), "cli.extra_arguments"),
    (re.compile(r"Missing command\."), "cli.missing_command"),
    (re.compile(r"No such command '(?P<name>.*)'\."), "cli.no_such_command"),  # click before 8.4
)


def usage_text(exc: click.UsageError) -> str:
    """A usage error as the command line says it: what is wrong, then the command's usage and where its help is.
    `--time-limit：应为大于 0 的数，填写的是 abc` / `用法：budgetopt allocate [OPTIONS] WORKBOOK（…）`."""
    lines = [_what(exc)]
    if exc.ctx is not None:
        usage = " ".join([exc.ctx.command_path, *exc.ctx.command.collect_usage_pieces(exc.ctx)])
        lines.append(Phrase.of("cli.usage", usage=usage, help=f"{exc.ctx.command_path} --help").text(face="cli"))
    return "\n".join(lines)


def _what(exc: click.UsageError) -> str:
    """What is wrong, from what the exception carries; Click's own sentence where we know no better."""
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        if isinstance(exc.param, click.Option):
            return Phrase.of("cli.missing_option", option=_name(exc.param)).text()
        return Phrase.of("cli.missing_argument", name=_name(exc.param)).text()
    if isinstance(exc, click.BadParameter):
        return Phrase.of("cli.bad_value", name=_hint(exc), text=exc.message).text()
    if isinstance(exc, click.NoSuchOption):
        return _with_close(Phrase.of("cli.no_such_option", option=exc.option_name).text(), exc.possibilities)
    if type(exc).__name__ == "NoSuchCommand":  # click 8.4 and later
        name = exc.command_name  # type: ignore[attr-defined]
        return _with_close(Phrase.of("cli.no_such_command", name=name).text(),
                           exc.possibilities or _meant(exc.ctx, name))  # type: ignore[attr-defined]
    for pattern, code in _CLICK_SAYS:
        found = pattern.fullmatch(exc.message)
        if found:
            return Phrase.of(code, **found.groupdict()).text()
    return exc.message


# words people type for a command of another name (an auditor typed `ledger verify` for `ledger check`)
_SYNONYMS = {"verify": "check", "list": "show", "ls": "show", "print": "show", "create": "init", "new": "init",
             "add": "import", "run": "allocate", "solve": "allocate", "start": "serve", "web": "serve"}


def _meant(ctx: click.Context | None, name: str) -> list[str]:
    """The command of this group that `name` is another word for, if there is one."""
    meant = _SYNONYMS.get(name)
    group = ctx.command if ctx is not None else None
    known = group.list_commands(ctx) if isinstance(group, click.Group) and ctx is not None else []
    return [meant] if meant in known else []


def _with_close(text: str, close: Sequence[str] | None) -> str:
    """A name not known, with the known ones it is close to (Click's guess at a typing slip)."""
    if not close:
        return text
    return text + Phrase.of("cli.did_you_mean", names=(" 或 ".join(close), " or ".join(close))).text()


def _name(param: click.Parameter) -> str:
    """An option by its names (--solver), an argument by its metavar (WORKBOOK)."""
    if isinstance(param, click.Option):
        return "/".join(param.opts)
    return param.human_readable_name


def _hint(exc: click.BadParameter) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint if isinstance(exc.param_hint, str) else "/".join(exc.param_hint)
        return hint.strip("'")
    return _name(exc.param) if exc.param is not None else "?"
