"""The command line: parse, call one library function, print, and map failures to exit codes.

Exit status: 0 success · 2 bad input or usage · 3 scenario infeasible · 4 audit/verify found a difference ·
1 anything unexpected. Errors are sentences on stderr, never a traceback (unless --debug).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from optimizer import __version__
from optimizer.domain import Problem
from optimizer.entitle import entitle
from optimizer.excel import ExcelFileError
from optimizer.policy import Policy, PolicyError, load_policy
from optimizer.report.console import policy_table, validation_summary
from optimizer.report.template import write_template
from optimizer.workbook import WorkbookError, read_workbook

EXIT_INPUT = 2
EXIT_INFEASIBLE = 3
EXIT_DIFFERENCE = 4

LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                    help="Language of labels and reasons.")
POLICY = click.option("--policy", "policy_path", type=click.Path(dir_okay=False, path_type=Path),
                      help="Policy model (TOML); default: the shipped 渝经信规范〔2026〕2号.")
WORKBOOK = click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))


class _Group(click.Group):
    """Turns the library's exceptions into sentences and exit codes in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WorkbookError as exc:
            _print_problems(exc.warnings)
            _print_problems(exc.problems)
            files = sorted({p.file for p in exc.problems})
            click.echo(f"{len(exc.problems)} problem(s) in {', '.join(files)}; nothing was solved or written.",
                       err=True)
            ctx.exit(EXIT_INPUT)
        except (ExcelFileError, PolicyError) as exc:
            click.echo(str(exc), err=True)
            ctx.exit(EXIT_INPUT)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"unexpected error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                       err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--debug", is_flag=True, help="Show the Python traceback of an unexpected error.")
@click.version_option(__version__, prog_name="budgetopt")
def cli(debug: bool) -> None:
    """budgetopt — allocate the annual budget of 渝经信规范〔2026〕2号 ("AI + manufacturing" subsidies).

    \b
    Example:
      budgetopt validate data/sample_applications.xlsx
    """


@cli.command()
@WORKBOOK
@POLICY
@LANG
def validate(workbook: Path, policy_path: Path | None, lang: str) -> None:
    """Report every problem in WORKBOOK and summarise the demand; solve nothing.

    \b
    Example:
      budgetopt validate data/sample_applications.xlsx --lang en
    """
    policy = load_policy(policy_path)
    book = read_workbook(workbook, policy)
    _print_problems(book.warnings)
    click.echo(validation_summary(book, entitle(book.applications, policy), lang))


@cli.command("policy")
@POLICY
@LANG
def policy_command(policy_path: Path | None, lang: str) -> None:
    """Print the clause table of the policy model.

    \b
    Example:
      budgetopt policy --lang en
    """
    click.echo(policy_table(load_policy(policy_path), lang))


@cli.command()
@click.argument("out_xlsx", type=click.Path(dir_okay=False, path_type=Path))
@POLICY
def template(out_xlsx: Path, policy_path: Path | None) -> None:
    """Write an empty application workbook with headers, notes and drop-down lists.

    \b
    Example:
      budgetopt template 申报汇总表.xlsx
    """
    policy: Policy = load_policy(policy_path)
    if out_xlsx.suffix.lower() != ".xlsx":
        raise click.BadParameter("the template must be an .xlsx file", param_hint="OUT_XLSX")
    write_template(out_xlsx, policy)
    click.echo(f"wrote {out_xlsx}")


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def main(argv: Sequence[str] | None = None) -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name="budgetopt")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
