"""What every command shares: the common options, the language, and the one place where the library's exceptions
become sentences and exit codes.

Exit status: 0 success · 2 bad input or usage · 3 scenario infeasible · 4 a difference found (audit, verify, a run's
files or the award ledger not as recorded) · 1 anything unexpected · 130 interrupted. Errors are sentences on
stderr, never a traceback (unless --debug).
"""

from __future__ import annotations

import functools
import math
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from optimizer.cli.helptext import Group
from optimizer.cli.usage import FilePath, FolderPath, OneOf, Whole, lang_in, usage_text
from optimizer.domain import Problem
from optimizer.errors import BudgetoptError, ChangedInput, Hint, Infeasible, InputError, Mismatch, SolverError
from optimizer.jobs.inputs import InputsError
from optimizer.reading.applications import WorkbookError
from optimizer.reading.guard import MB, FileLimits
from optimizer.report.files import write_all
from optimizer.rules.scenario import BUDGET_ARGUMENT
from optimizer.solving.backends import CHOICES
from optimizer.words import LANGS, Phrase, default_lang, env_lang, set_lang, use_lang

EXIT_INPUT = 2
EXIT_INFEASIBLE = 3
EXIT_DIFFERENCE = 4
EXIT_INTERRUPTED = 130  # as a shell reports a program stopped by Ctrl-C
EXIT_CLOSED_PIPE = 141  # as a shell reports a program whose reader closed its output (`| head`): 128 + SIGPIPE

LANG_HELP = "Language of everything the run says and writes (or BUDGETOPT_LANG); default zh."
LANG = click.option("--lang", type=OneOf(LANGS, case_sensitive=False),
                    callback=lambda ctx, param, value: _chosen(value), help=LANG_HELP)
# the same before the command's name (`budgetopt --lang en validate …`): the run's language is found among every
# word typed before anything is parsed, else in BUDGETOPT_LANG (BudgetoptGroup.main), and a command's own --lang,
# not given, keeps it — so --lang anywhere comes before the environment
GROUP_LANG = click.option("--lang", type=OneOf(LANGS, case_sensitive=False), expose_value=False, help=LANG_HELP)
POLICY = click.option("--policy", "policy_path", type=FilePath(),
                      help="Policy model (TOML); default: the shipped 渝经信规范〔2026〕2号.")
WORKBOOK = click.argument("workbook", type=FilePath())
SOLVER = click.option("--solver", type=OneOf(CHOICES), default="highs", show_default=True,
                      help="HiGHS, CBC, or auto: HiGHS, falling back to CBC (with a warning) if HiGHS fails.")


def finite(value: float | None, name: str) -> None:
    """Refuse a number option that is no number, naming it (exit 2): Click's ranges let `nan` and `inf` through.
    Called in the command, once the run's language is set."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(say("cli.not_finite", shown=value), param_hint=f"'{name}'")


def scenario_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--scenario", "scenario_path", type=FilePath(),
                        help=help_text)


def out_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--out", "out_dir", type=FolderPath(), help=help_text)


LEDGER = click.option("--ledger", "ledger_path", type=FilePath(),
                      help="The award ledger (docs/ledger.md): its awards count as prior support (就高、不重复), "
                           "towards the period cap, and those of the scenario's year towards its budget and limits "
                           "(a later round).")
QUIET = click.option("--quiet", is_flag=True, help="No progress on stderr (it shows only on a terminal anyway).")
_LIMIT_OPTIONS = (
    click.option("--max-file-mb", type=Whole(min=1), default=FileLimits.max_file_bytes // MB,
                 show_default=True,
                 help="Refuse workbooks larger than this."),
    click.option("--max-unpacked-mb", type=Whole(min=1), default=FileLimits.max_unpacked_bytes // MB,
                 show_default=True, help="Refuse workbooks that would unpack to more than this."),
    click.option("--max-rows", type=Whole(min=1), default=FileLimits.max_rows, show_default=True,
                 help="Refuse an application sheet reaching beyond this row."),
    click.option("--max-columns", type=Whole(min=1), default=FileLimits.max_columns, show_default=True,
                 help="Refuse an application sheet reaching beyond this column."),
)


def limit_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The reader's limits for untrusted workbooks as four options, handed to the command as `limits`."""
    @functools.wraps(command)
    def wrapper(*args: Any, max_file_mb: int, max_unpacked_mb: int, max_rows: int, max_columns: int,
                **kwargs: Any) -> Any:
        return command(*args, limits=reader_limits(max_file_mb, max_unpacked_mb, max_rows, max_columns), **kwargs)

    for option in reversed(_LIMIT_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


def reader_limits(max_file_mb: int, max_unpacked_mb: int, max_rows: int, max_columns: int) -> FileLimits:
    """FileLimits from the options; the cells the reader holds at once grow with the rows allowed."""
    return FileLimits(max_file_bytes=max_file_mb * MB, max_unpacked_bytes=max_unpacked_mb * MB, max_rows=max_rows,
                  max_columns=max_columns, max_cells=max(FileLimits.max_cells, max_rows * 30))


def _chosen(lang: str | None) -> str:
    """The run's language, from --lang (or BUDGETOPT_LANG; not given: the one found among the words typed, a
    --lang before the command's name, else Chinese): everything said from here on is said in it."""
    lang = (lang or default_lang()).lower()
    set_lang(lang)
    return lang


def say(code: str, **params: object) -> str:
    """A phrase of the command line's, in the run's language."""
    return Phrase.of(code, **params).text(face="cli")


def cli_text(exc: BudgetoptError) -> str:
    """An error's sentence with its hint in the command line's words (options, not arguments)."""
    return exc.text(face="cli")


def problem_line(problem: Problem) -> str:
    if problem.file == BUDGET_ARGUMENT:  # the library's `budget` argument is the --budget option here
        problem = replace(problem, file="--budget")
    return problem.text(face="cli")


def _print_input_error(exc: InputError) -> None:
    """An input error as the command line shows it: a workbook's warnings, problems and a count; any other input's
    problems one per line."""
    if isinstance(exc, InputsError):
        for part in exc.parts:
            _print_input_error(part)
    elif isinstance(exc, WorkbookError):
        print_problems(exc.warnings)
        print_problems(exc.problems)
        files = sorted({p.file for p in exc.problems})
        click.echo(say("cli.problems_count", count=len(exc.problems), files=("、".join(files), ", ".join(files))),
                   err=True)
    elif exc.hint is not None:  # a single problem (a file refused), with the remedy in options
        click.echo(cli_text(exc), err=True)
    else:
        print_problems(exc.problems)


@contextmanager
def finishing() -> Iterator[None]:
    """Ctrl-C held back while a command writes its outputs and says what it wrote: a run is then written whole and
    reported, or interrupted before with nothing written — never written and then called interrupted (Ctrl-C just
    after the files were in place said `已中断；未写出任何结果。`). A Ctrl-C held is dropped: the run has finished."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set a handler
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


# C0, DEL and C1, which a terminal obeys, but tab and line breaks (ours: columns, lines, the progress line rewritten
# in place): shown as Unicode's control pictures ␛ ␇ … and ␡, a C1 code as <9B>
_SHOWN = {code: chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else f"<{code:02X}>"
          for code in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if chr(code) not in "\t\n\r"}


def visible(text: str) -> str:
    """`text` with every control character a terminal would obey shown instead (ESC as ␛, BEL as ␇): a workbook's
    cell, an applicant's name or a scenario's name can hold them, and quoted in a message they would move the
    cursor, clear the screen or retitle the window."""
    return text.translate(_SHOWN)


class _Visible:
    """A text stream whose writes show control characters (`visible`); everything else is the stream's — its
    `buffer` too, for what is written as bytes on purpose (`ledger show --csv`: every field exactly, for Excel)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click asks, by writing b"", whether a stream takes bytes: it does not
            raise TypeError("a text stream")
        return int(self._stream.write(visible(text)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def shown_plainly() -> Iterator[None]:
    """stdout and stderr as `_Visible` streams for the block: whatever a command prints, from whatever file."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Visible(sys.stdout), _Visible(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


class BudgetoptGroup(Group):
    """Turns the library's exceptions into sentences and exit codes in one place; prints control characters from
    the inputs as visible signs (`visible`)."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        """Click's main, its own complaints said in the run's language (`usage.usage_text`) and Ctrl-C anywhere —
        even while click parses the options — one sentence and exit 130 (click's own "Aborted!" and exit 1 would
        say less). Not standalone (a caller that handles click's exceptions), click's main as it is."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        args = list(args) if args is not None else sys.argv[1:]
        # the language of this call (click refuses a mistyped option before it reads --lang), not of the next one
        with use_lang(lang_in(args) or env_lang()):
            return self._main(args, prog_name, complete_var, **extra)

    def _main(self, args: list[str], prog_name: str | None, complete_var: str | None, **extra: Any) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except (KeyboardInterrupt, click.exceptions.Abort):
            click.echo(say("cli.interrupted"), err=True)
            sys.exit(EXIT_INTERRUPTED)
        except click.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # `budgetopt ledger` alone: the group's help
                exc.show()
            else:
                click.echo(visible(usage_text(exc)), err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(visible(exc.format_message()), err=True)
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        with shown_plainly():
            return self._invoke(ctx)

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            _print_input_error(exc)
            ctx.exit(EXIT_DIFFERENCE if isinstance(exc, ChangedInput) else EXIT_INPUT)
        except Infeasible as exc:
            click.echo(say("cli.infeasible"), err=True)
            for conflict in exc.texts(face="cli"):
                click.echo(f"  {conflict}", err=True)
            ctx.exit(EXIT_INFEASIBLE)
        except SolverError as exc:
            click.echo(say("cli.solver_trouble", text=cli_text(exc)), err=True)
            ctx.exit(1)
        except Mismatch as exc:
            click.echo(cli_text(exc), err=True)
            ctx.exit(EXIT_DIFFERENCE)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # `budgetopt … | head`: the reader left; say nothing more, and not "unexpected" (1)
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces stdout for the rest of the process
            ctx.exit(EXIT_CLOSED_PIPE)
        except KeyboardInterrupt:
            click.echo(say("cli.interrupted"), err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except (SystemExit, GeneratorExit):
            raise
        except BaseException as exc:  # native code (a solver, the reader) can raise beyond Exception
            if ctx.params.get("debug"):
                raise
            click.echo(say("cli.unexpected", kind=type(exc).__name__, detail=exc), err=True)
            ctx.exit(1)


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        click.echo(problem_line(problem), err=True)


def write_new(path: Path, data: bytes, overwrite: bool) -> None:
    """A file of ours written whole or not at all, its folder made; an existing one (a filled-in workbook, an
    edited scenario) only with --overwrite."""
    refuse_existing(path, overwrite)
    write_all(path.parent, {path.name: data})
    click.echo(say("cli.wrote", path=path))


def refuse_existing(path: Path, overwrite: bool) -> None:
    """An existing file at `path` is replaced only with --overwrite: an InputError saying so."""
    if path.exists() and not overwrite:
        raise InputError.one(path, Phrase.of("out.exists"), hint=Hint("overwrite"))
