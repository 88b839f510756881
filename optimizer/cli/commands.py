"""The commands: each parses its options, calls one job of the library, and prints what it found
(optimizer/cli/common.py turns the library's exceptions into sentences and exit codes)."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import click

from optimizer import __version__
from optimizer._speed.collector import collector_paused
from optimizer.cli.common import (
    EXIT_DIFFERENCE,
    GROUP_LANG,
    LANG,
    LEDGER,
    POLICY,
    QUIET,
    SOLVER,
    WORKBOOK,
    BudgetoptGroup,
    finishing,
    finite,
    limit_options,
    out_option,
    print_problems,
    say,
    scenario_option,
    write_new,
)
from optimizer.cli.ledger import ledger_group, publish_command
from optimizer.cli.serve import serve_command
from optimizer.cli.stability import stability_command
from optimizer.cli.usage import Above, FilePath, FolderPath, OneOf, Whole
from optimizer.jobs.allocate import allocate as allocate_job
from optimizer.jobs.allocate import prepare_folder
from optimizer.jobs.audit import audit as audit_job
from optimizer.jobs.audit import audit_run
from optimizer.jobs.compare import compare as compare_job
from optimizer.jobs.inputs import input_warnings, ledger_of, read_inputs
from optimizer.jobs.sweep import MOST_LEVELS, budget_levels, split_levels
from optimizer.jobs.sweep import sweep as sweep_job
from optimizer.jobs.validate import validate as validate_job
from optimizer.jobs.verify import verify as verify_job
from optimizer.reading.guard import FileLimits
from optimizer.report.console import (
    allocation_summary,
    compare_summary,
    policy_table,
    sweep_summary,
    validation_summary,
)
from optimizer.report.files import writable
from optimizer.report.template import template_xlsx
from optimizer.rules.policy import Policy, load_policy
from optimizer.rules.scenario import read_budget
from optimizer.rules.scenario_template import scenario_template
from optimizer.solving.backends import CHOICES
from optimizer.words import brief

# A year's applications become hundreds of thousands of small objects that live until the run ends, and Python's
# default collector walks them again and again (docs/performance.md). Collecting less often leaves peak memory as
# it was (scripts/bench.py measures both); a command other than `serve` does not collect cycles at all
# (`collector_paused`).
GC_THRESHOLDS = (100_000, 50, 100)
LONG_RUNNING = {"serve"}  # commands whose process keeps collecting cycles


@click.group(cls=BudgetoptGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--debug", is_flag=True, help="Show the Python traceback of an unexpected error.")
@GROUP_LANG
@click.version_option(__version__, prog_name="budgetopt")
def cli(debug: bool) -> None:
    """budgetopt — allocate the annual budget of 渝经信规范〔2026〕2号 ("AI + manufacturing" subsidies).

    \b
    Example:
      budgetopt validate data/sample_applications.xlsx
    """
    gc.set_threshold(*GC_THRESHOLDS)
    context = click.get_current_context()
    if context.invoked_subcommand not in LONG_RUNNING:
        context.with_resource(collector_paused())  # on again when the command ends


@cli.command()
@WORKBOOK
@POLICY
@LEDGER
@LANG
@limit_options
def validate(workbook: Path, policy_path: Path | None, ledger_path: Path | None, lang: str, limits: FileLimits,
             ) -> None:
    """Report every problem in WORKBOOK and summarise the demand; solve nothing.

    \b
    Example:
      budgetopt validate data/sample_applications.xlsx --lang en
    """
    checked = validate_job(workbook, policy=policy_path, limits=limits, ledger=ledger_path)
    print_problems(checked.applications.warnings)
    click.echo(validation_summary(checked.applications, checked.entitlements, lang, checked.ledger_touched))


@cli.command()
@WORKBOOK
@click.option("--budget", metavar="AMOUNT", help="The annual budget (120000000, 120,000,000, 12000万 or 1.2亿); "
              "overrides the scenario's.")
@scenario_option("Scenario file (TOML): reserve, envelopes, caps, weights…")
@POLICY
@out_option("Output folder; default reports/<workbook stem>.")
@SOLVER
@LANG
@click.option("--skip-invalid", is_flag=True, help="Allocate the valid rows; list the invalid ones as INVALID.")
@click.option("--time-limit", type=Above(0), metavar="SECONDS",
              help="Stop the solver after this long (nothing is written unless the optimum was proven).")
@click.option("--export-model", is_flag=True, help="Also write the model as model.lp and model.mps for auditors.")
@click.option("--overwrite", is_flag=True, help="Replace the outputs of another run in the output folder.")
@LEDGER
@QUIET
@limit_options
def allocate(workbook: Path, budget: str | None, scenario_path: Path | None, policy_path: Path | None,
             out_dir: Path | None, solver: str, lang: str, skip_invalid: bool, time_limit: float | None,
             export_model: bool, overwrite: bool, ledger_path: Path | None, quiet: bool, limits: FileLimits) -> None:
    """Validate WORKBOOK, compute entitlements, solve, and write the outputs.

    Writes allocation.csv, allocation.xlsx, manifest.json and report.html into the output folder.

    \b
    Example:
      budgetopt allocate data/sample_applications.xlsx --scenario data/scenario_2026.toml
      budgetopt allocate data/sample_applications.xlsx --budget 1.5亿 --lang en --out reports/1.5e8
    """
    progress = _Progress(enabled=not quiet)
    finite(time_limit, "--time-limit")
    out_dir = out_dir or Path("reports") / workbook.stem
    policy = load_policy(policy_path)
    progress(say("cli.reading"))
    ledger = ledger_of(ledger_path)
    book, scenario = read_inputs(workbook, scenario_path, budget=budget, policy=policy, skip_invalid=skip_invalid,
                                 limits=limits)
    printed = input_warnings(book, ledger, policy, scenario)
    print_problems(printed)
    prepare_folder(out_dir, book, scenario, policy=policy, solver=solver, skip_invalid=skip_invalid,
                   time_limit=time_limit, lang=lang, export_model=export_model, overwrite=overwrite, ledger=ledger.ref)
    progress(say("cli.solving"))
    result = allocate_job(book, scenario, policy=policy, solver=solver, skip_invalid=skip_invalid,
                          time_limit=time_limit, ledger=ledger)
    progress(say("cli.writing"))
    print_problems([w for w in result.warnings if w not in printed])  # what the allocation itself showed
    if result.solver.note:
        click.echo(say("cli.warning", text=result.solver.note.text()), err=True)
    with finishing():
        files = result.write(out_dir, lang, export_model=export_model, overwrite=overwrite)
        progress.done()
        click.echo(allocation_summary(result, out_dir, files, lang))


class _Progress:
    """A line on stderr per phase, shown only on a terminal and only once a run has taken a second."""

    def __init__(self, enabled: bool = True) -> None:
        self.began = time.perf_counter()
        self.shown = False
        self.enabled = enabled and sys.stderr.isatty()

    def __call__(self, phase: str) -> None:
        if self.enabled and time.perf_counter() - self.began > 1.0:
            click.echo(f"\r… {phase}".ljust(40), err=True, nl=False)
            self.shown = True

    def done(self) -> None:
        if self.shown:
            click.echo("\r".ljust(41) + "\r", err=True, nl=False)


@cli.command("sweep")
@WORKBOOK
@click.option("--from", "start", metavar="AMOUNT", help="The lowest budget level (e.g. 5000万).")
@click.option("--to", "stop", metavar="AMOUNT", help="The highest budget level (e.g. 2亿).")
@click.option("--steps", type=Whole(min=1), help="How many levels from --from to --to, both included.")
@click.option("--levels", metavar="AMOUNTS", help="Or the levels themselves: 8000万,1亿,1.2亿.")
@scenario_option("Scenario file (TOML); its budget is replaced by each level.")
@POLICY
@out_option("Output folder; default reports/<workbook stem>_sweep.")
@SOLVER
@click.option("--workers", type=Whole(min=1), help="Levels solved at once; default the number of cores.")
@LANG
@click.option("--skip-invalid", is_flag=True, help="Allocate the valid rows; count the invalid ones as INVALID.")
@LEDGER
@QUIET
@limit_options
def sweep_command(workbook: Path, start: str | None, stop: str | None, steps: int | None, levels: str | None,
                  scenario_path: Path | None, policy_path: Path | None, out_dir: Path | None, solver: str,
                  workers: int | None, lang: str, skip_invalid: bool, ledger_path: Path | None, quiet: bool,
                  limits: FileLimits) -> None:
    """Solve the scenario at several budget levels: what does the next 10 million buy, and for whom?

    Writes sweep.csv, sweep.xlsx (with charts) and sweep.html into the output folder.

    \b
    Example:
      budgetopt sweep data/sample_applications.xlsx --scenario data/scenario_2026.toml --from 5000万 --to 2亿 --steps 16
      budgetopt sweep data/sample_applications.xlsx --scenario data/scenario_2026.toml --levels 8000万,1亿,1.2亿
    """
    policy = load_policy(policy_path)
    budgets, asked = _levels(start, stop, steps, levels)
    if asked > len(budgets):  # 1亿,10000万 — or more steps than yuan between --from and --to
        click.echo(say("cli.warning", text=say("cli.levels_merged", asked=asked, levels=len(budgets))), err=True)
    book, scenario = read_inputs(workbook, scenario_path, budget=f"{budgets[-1]}元", policy=policy,
                                 skip_invalid=skip_invalid, limits=limits)
    print_problems(book.warnings)
    out_dir = out_dir or Path("reports") / f"{workbook.stem}_sweep"
    writable(out_dir)  # before anything is solved
    bar = _ProgressBar(say("cli.levels"), enabled=not quiet)
    result = sweep_job(book, scenario, levels=budgets, workers=workers, policy=policy, solver=solver,
                       skip_invalid=skip_invalid, ledger=ledger_path, progress=bar)
    bar.done()
    with finishing():
        files = result.write(out_dir, lang)
        click.echo(sweep_summary(result, out_dir, files, lang))


def _levels(start: str | None, stop: str | None, steps: int | None, levels: str | None) -> tuple[list[int], int]:
    """The different budget levels the options ask for, and how many levels they ask for (their mistakes are
    ScenarioErrors naming the option: exit 2)."""
    if levels is not None:
        if start is not None or stop is not None or steps is not None:
            raise click.UsageError(say("cli.levels_and_range"))
        parts = split_levels(levels)
        if not parts:
            raise click.UsageError(say("cli.levels_empty"))
        if len(parts) > MOST_LEVELS:
            raise click.UsageError(say("cli.levels_too_many", option="--levels", most=f"{MOST_LEVELS:,}",
                                       shown=f"{len(parts):,}"))
        return sorted({read_budget(part, "--levels") for part in parts}), len(parts)
    if start is None or stop is None or steps is None:
        raise click.UsageError(say("cli.levels_missing"))
    if steps > MOST_LEVELS:
        raise click.UsageError(say("cli.levels_too_many", option="--steps", most=f"{MOST_LEVELS:,}",
                                   shown=brief(str(steps))))
    lowest, highest = read_budget(start, "--from"), read_budget(stop, "--to")
    if highest < lowest:
        raise click.UsageError(say("cli.levels_reversed"))
    return budget_levels(lowest, highest, steps), steps


class _ProgressBar:
    """A line on stderr that updates as levels are solved — only on a terminal."""

    def __init__(self, what: str, enabled: bool = True) -> None:
        self.what = what
        self.enabled = enabled and sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self.enabled:
            filled = round(20 * done / total)
            click.echo(f"\r[{'#' * filled}{'.' * (20 - filled)}] {done}/{total} {self.what}", err=True, nl=False)

    def done(self) -> None:
        if self.enabled:
            click.echo("\r" + " " * 50 + "\r", err=True, nl=False)


@cli.command("compare")
@click.argument("dir_a", type=FolderPath())
@click.argument("dir_b", type=FolderPath())
@POLICY
@click.option("--value-under", type=OneOf(("a", "b"), case_sensitive=False), default="a", show_default=True,
              help="Whose clause weights and budget measure both lists, a or b; the other run's awards are then "
                   "held to that run's limits.")
@click.option("--inputs", "inputs_dir", type=FolderPath(),
              help="A folder where the runs' workbooks and ledgers may be, if not where their manifests say (found "
                   "by SHA-256): each run's awards are held to the other's limits over its own workbook.")
@click.option("--at-equal-budget", "at_equal_budget", is_flag=True,
              help="Where the budgets differ and so does something else, allocate B's scenario again at A's budget "
                   "and say how much of the difference is the budgets' and how much the rest's.")
@out_option("Output folder; default reports/compare_<A>_<B>.")
@LANG
def compare_command(dir_a: Path, dir_b: Path, policy_path: Path | None, value_under: str, inputs_dir: Path | None,
                    at_equal_budget: bool, out_dir: Path | None, lang: str) -> None:
    """Two runs side by side, application by application (DIR_A and DIR_B are allocate output folders).

    Prints totals and the applications that changed; writes compare.xlsx and compare.html.

    \b
    Example:
      budgetopt allocate data/sample_applications.xlsx --scenario data/scenario_2026.toml --out reports/base
      budgetopt allocate data/sample_applications.xlsx --scenario data/scenario_2026_ai_push.toml --out reports/ai_push
      budgetopt compare reports/base reports/ai_push
      budgetopt compare reports/base reports/ai_push --value-under b --inputs data/
      budgetopt allocate data/sample_applications.xlsx --scenario data/scenario_2026_ai_push.toml \\
        --budget 1.8亿 --out reports/ai_18
      budgetopt compare reports/base reports/ai_18 --at-equal-budget
    """
    comparison = compare_job(dir_a, dir_b, policy=policy_path, lang=lang, value_under=value_under,
                             inputs=inputs_dir, at_equal_budget=at_equal_budget)
    print_problems(comparison.warnings)  # runs of two years; B's scenario not allocated again at A's budget
    out_dir = out_dir or Path("reports") / f"compare_{dir_a.name}_{dir_b.name}"
    with finishing():
        files = comparison.write(out_dir)
        click.echo(compare_summary(comparison, out_dir, files, lang))


@cli.command("audit")
@click.argument("files", nargs=-1, required=True, metavar="WORKBOOK ALLOCATION_CSV",
                type=FilePath())
@scenario_option("The scenario the allocation was made under (TOML).")
@click.option("--budget", metavar="AMOUNT", help="The annual budget; overrides the scenario's.")
@POLICY
@click.option("--manifest", "manifest_json", type=FilePath(),
              help="Take workbook, scenario, budget and policy from this run's manifest.json (then give only "
                   "ALLOCATION_CSV).")
@click.option("--inputs", "inputs_dir", type=FolderPath(),
              help="With --manifest: a folder where the run's inputs may be (found by SHA-256).")
@click.option("--solver", type=OneOf(CHOICES),
              help="Solver for the optimum a compliant allocation is measured against (default: the run's, or highs).")
@LEDGER
@LANG
@limit_options
def audit_command(files: tuple[Path, ...], scenario_path: Path | None, budget: str | None, policy_path: Path | None,
                  manifest_json: Path | None, inputs_dir: Path | None, solver: str | None, ledger_path: Path | None,
                  lang: str, limits: FileLimits) -> None:
    """Check an allocation — ours, edited, or made by hand in Excel (.csv or .xlsx) — against every rule.

    The check is a second, independent reading of the rules (it shares only the readers with the optimiser).
    Exit 0 when compliant — and then how far its objective is from the optimum — or 4 with one line per violation.

    \b
    Example:
      budgetopt audit data/sample_applications.xlsx reports/sample_applications/allocation.csv \\
                      --scenario data/scenario_2026.toml
      budgetopt audit --manifest reports/sample_applications/manifest.json edited.csv
    """
    if manifest_json is not None:
        if len(files) != 1 or scenario_path or budget or policy_path or ledger_path:
            raise click.UsageError(say("cli.audit_manifest_args"))
        result = audit_run(manifest_json, files[0], inputs=inputs_dir, solver=solver)
    elif len(files) != 2:
        raise click.UsageError(say("cli.audit_args"))
    else:
        result = audit_job(files[0], files[1], scenario_path, budget=budget, policy=policy_path,
                           solver=solver or "highs", limits=limits, ledger=ledger_path)
    for note in result.note_texts(face="cli"):
        click.echo(note, err=True)
    click.echo(result.summary().text())
    for violation in result.violations:
        click.echo(violation.text())
    click.echo(result.verdict().text())
    if not result.ok:
        raise click.exceptions.Exit(EXIT_DIFFERENCE)
    click.echo(result.distance().text())


@cli.command("verify")
@click.argument("manifest_json", type=FilePath())
@click.option("--inputs", "inputs_dir", type=FolderPath(),
              help="A folder where the run's inputs may be, if not where the manifest says (found by SHA-256).")
@click.option("--ledger", "ledger_path", type=FilePath(), metavar="LEDGER",
              help="The award ledger a published run was recorded in, to check its awards there (default: the one "
                   "awards.json names, else the one the run counted); also the ledger the run counted, when its "
                   "first entries are those the run recorded (a backup, say).")
@LANG
def verify_command(manifest_json: Path, inputs_dir: Path | None, ledger_path: Path | None, lang: str) -> None:
    """Re-run a recorded run from its recorded inputs and confirm the identical allocation.csv.

    Inputs are looked for at their recorded paths, beside the manifest, then under --inputs. Exit 0 when reproduced
    byte for byte; 4 with every difference named (an input file that changed, the tool or solver version, the
    applications whose allocation differs, the rows of an edited allocation.csv). A published run's awards.json and
    notice.xlsx are checked, and the ledger's record of its awards: each entry the run's award, the ledger not
    rewritten since the 公示.

    \b
    Example:
      budgetopt verify reports/sample_applications/manifest.json
      budgetopt verify 收到的运行/manifest.json --inputs 收到的材料/
      budgetopt verify r2026/manifest.json --ledger 台账-备份.sqlite
    """
    result = verify_job(manifest_json, inputs=inputs_dir, ledger=ledger_path)
    for note in result.note_texts():
        click.echo(note, err=True)
    if result.ok:
        click.echo(result.headline(manifest_json).text())
        return
    click.echo(result.headline(manifest_json).text(), err=True)
    for difference in result.differences:
        click.echo(f"  {difference}", err=True)
    raise click.exceptions.Exit(EXIT_DIFFERENCE)


@cli.group("scenario")
def scenario_group() -> None:
    """Scenario files: a starting one to copy and edit.

    \b
    Example:
      budgetopt scenario init 情景2026.toml
    """


@scenario_group.command("init")
@click.argument("out_toml", type=FilePath())
@LANG
@click.option("--overwrite", is_flag=True, help="Replace OUT_TOML if it exists.")
def scenario_init(out_toml: Path, lang: str, overwrite: bool) -> None:
    """Write a starting scenario, every key explained, that allocate accepts as it is.

    \b
    Example:
      budgetopt scenario init 情景2026.toml
      budgetopt allocate data/sample_applications.xlsx --scenario 情景2026.toml
    """
    write_new(out_toml, scenario_template(lang).encode("utf-8"), overwrite)


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
@click.argument("out_xlsx", type=FilePath())
@POLICY
@LANG
@click.option("--overwrite", is_flag=True, help="Replace OUT_XLSX if it exists.")
def template(out_xlsx: Path, policy_path: Path | None, lang: str, overwrite: bool) -> None:
    """Write an empty application workbook with headers, notes and drop-down lists.

    \b
    Example:
      budgetopt template 申报汇总表.xlsx
    """
    policy: Policy = load_policy(policy_path)
    if out_xlsx.suffix.lower() != ".xlsx":
        raise click.BadParameter(say("cli.template_suffix"), param_hint="OUT_XLSX")
    write_new(out_xlsx, template_xlsx(policy), overwrite)


cli.add_command(serve_command)
cli.add_command(stability_command)
cli.add_command(publish_command)
cli.add_command(ledger_group)


def main(argv: Sequence[str] | None = None) -> None:
    """The command line, exiting with its status (`BudgetoptGroup.main`)."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="budgetopt")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
