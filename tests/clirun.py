"""The command line run in the test's own process, as the tests of its commands share it: `run(*args)` gives
(exit code, stdout, stderr), in the language BUDGETOPT_LANG names — Chinese, the command line's default, unless
`lang` says otherwise; `run_en` speaks English unless told otherwise."""

from __future__ import annotations

from functools import partial

from click.testing import CliRunner

from optimizer.cli import cli


def run(*args: object, lang: str = "zh") -> tuple[int, str, str]:
    """budgetopt with these arguments (each made a string), BUDGETOPT_LANG set as a user would set it."""
    result = CliRunner(env={"BUDGETOPT_LANG": lang}).invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


run_en = partial(run, lang="en")
