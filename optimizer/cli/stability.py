"""`budgetopt stability`: how many decisions near the funding line are a coin toss under score noise."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from optimizer.cli.common import (
    LANG,
    LEDGER,
    POLICY,
    QUIET,
    SOLVER,
    WORKBOOK,
    finishing,
    limit_options,
    out_option,
    print_problems,
    scenario_option,
)
from optimizer.cli.helptext import Command
from optimizer.cli.usage import Whole
from optimizer.errors import InputError
from optimizer.jobs.inputs import ledger_of, read_inputs
from optimizer.jobs.stability import FILES, read_draws, read_seed, read_sigma, stability
from optimizer.reading.guard import FileLimits
from optimizer.report.files import writable
from optimizer.report.stability_out import files_line, summary_lines
from optimizer.report.units import say
from optimizer.rules.policy import load_policy

T = TypeVar("T")


@click.command("stability", cls=Command)
@WORKBOOK
@scenario_option("Scenario file (TOML), as for allocate.")
@click.option("--budget", metavar="AMOUNT", help="The annual budget (1.2亿, 12000万, …); overrides the scenario's.")
@LEDGER
@click.option("--draws", required=True, metavar="N", help="How many draws of score noise to solve (e.g. 1000).")
@click.option("--sigma", required=True, metavar="S",
              help="Standard deviation of the noise added to each review score, in score points (e.g. 2).")
@click.option("--seed", required=True, metavar="K", help="Seed of the noise: the same seed, the same draws.")
@click.option("--workers", type=Whole(min=1), help="Draws solved at once; default the number of cores.")
@POLICY
@out_option("Output folder; default reports/<workbook stem>_stability.")
@SOLVER
@LANG
@click.option("--skip-invalid", is_flag=True, help="Allocate the valid rows; list the invalid ones as INVALID.")
@QUIET
@limit_options
def stability_command(workbook: Path, scenario_path: Path | None, budget: str | None, ledger_path: Path | None,
                      draws: str, sigma: str, seed: str, workers: int | None, policy_path: Path | None,
                      out_dir: Path | None, solver: str, lang: str, skip_invalid: bool, quiet: bool,
                      limits: FileLimits) -> None:
    """How sure is the funding line? The scenario solved under many draws of score noise.

    Each draw adds normal noise of standard deviation --sigma to every score (clipped to 0–100, rounded to 0.1)
    and solves as allocate does. Writes stability.csv (per application: the share of draws funded, funded in
    full, the mean award, and always / sometimes / never), stability.xlsx and stability.html.

    \b
    Example:
      budgetopt stability data/sample_applications.xlsx --scenario data/scenario_2026.toml \\
                          --draws 1000 --sigma 2 --seed 7
    """
    count, noise = _option(read_draws, draws, "--draws"), _option(read_sigma, sigma, "--sigma")
    key = _option(read_seed, seed, "--seed")
    policy = load_policy(policy_path)
    ledger = ledger_of(ledger_path)
    book, scenario = read_inputs(workbook, scenario_path, budget=budget, policy=policy, skip_invalid=skip_invalid,
                                 limits=limits)
    print_problems(book.warnings)
    out_dir = out_dir or Path("reports") / f"{workbook.stem}_stability"
    writable(out_dir)  # before anything is solved
    bar = _ProgressBar(say("stability.cli.draws", lang), enabled=not quiet)
    try:
        result = stability(book, scenario, policy=policy, ledger=ledger, draws=count, sigma=noise, seed=key,
                           workers=workers, solver=solver, skip_invalid=skip_invalid, progress=bar)
    finally:
        bar.done()
    with finishing():
        result.write(out_dir, lang)
        for line in summary_lines(result, lang):
            click.echo(line)
        click.echo(files_line(out_dir, FILES, lang))


def _option(read: Callable[[str], T], value: str, name: str) -> T:
    """An option's value read by the library's reader; its refusal as click's, naming the option (exit 2)."""
    try:
        return read(value)
    except InputError as exc:
        raise click.BadParameter(exc.problems[0].says(), param_hint=f"'{name}'") from None


class _ProgressBar:
    """A line on stderr that updates as draws are solved — only on a terminal."""

    def __init__(self, what: str, enabled: bool = True) -> None:
        self.what = what
        self.enabled = enabled and sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.enabled:
            filled = round(20 * done / total)
            click.echo(f"\r[{'#' * filled}{'.' * (20 - filled)}] {done}/{total} {self.what}", err=True, nl=False)
            self.shown = True

    def done(self) -> None:
        if self.shown:
            click.echo("\r" + " " * 60 + "\r", err=True, nl=False)
