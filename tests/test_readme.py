"""The README keeps its promises: the two set-up commands first, how to run the command after them, every command
in a table made from the command line itself, links to docs/ that resolve, and no more than 16 KB.

The table of commands is made by scripts/command_table.py; `python scripts/command_table.py --write` puts it into
the README again after a command's help or options changed.
"""

from __future__ import annotations

import re
import sys

import click
from helpers import ROOT

from optimizer.cli import cli

sys.path.insert(0, str(ROOT / "scripts"))
import command_table  # a script, not a package: found through the path above

README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
MAX_BYTES = 16 * 1024  # a hook refuses a larger README: what users need first, the rest in docs/


def test_the_readme_opens_with_make_demo_and_make_test() -> None:
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block
    assert "Python ≥ 3.11" in README.split("## ")[0]


def test_the_readme_says_how_to_run_the_command_after_make_demo() -> None:
    opening = README.split("## ")[0]
    assert ".venv/bin/budgetopt" in opening and "source .venv/bin/activate" in opening


def test_the_readme_is_at_most_16_kb() -> None:
    size = len(README_PATH.read_bytes())
    assert size <= MAX_BYTES, f"README.md is {size:,} bytes, more than {MAX_BYTES:,}: move detail into docs/"


def test_every_command_is_in_the_readme() -> None:
    for usage, _ in command_table.command_rows(cli):
        command = usage.split(" [")[0]  # `budgetopt scenario init`
        assert command in README, command


def test_the_table_of_commands_is_the_one_the_command_line_makes() -> None:
    assert command_table.table_in(README) == command_table.command_table(cli), (
        "the README's table of commands differs from --help: run python scripts/command_table.py --write")


def test_the_table_has_a_row_per_command_with_its_usage_and_help() -> None:
    table = command_table.command_table(cli)
    for name, command in cli.commands.items():
        ctx = click.Context(command, info_name=name, parent=click.Context(cli, info_name="budgetopt"))
        subcommands = command.commands.items() if isinstance(command, click.Group) else [(None, command)]
        for sub_name, sub in subcommands:
            here = ctx if sub_name is None else click.Context(sub, info_name=sub_name, parent=ctx)
            usage = sub.get_usage(here).removeprefix("Usage: ")
            assert f"| `{usage}` | {sub.get_short_help_str(command_table.HELP_LENGTH)} |" in table, name


def test_the_links_to_docs_resolve_and_every_page_is_linked() -> None:
    linked = set(re.findall(r"\]\((docs/[^)#\s]+)(?:#[^)\s]*)?\)", README))
    assert linked, "the README links to no page of docs/"
    missing = sorted(link for link in linked if not (ROOT / link).is_file())
    assert not missing, f"the README links to pages that do not exist: {missing}"
    pages = {f"docs/{page.name}" for page in (ROOT / "docs").glob("*.md")}
    assert not pages - linked, f"pages of docs/ the README does not link to: {sorted(pages - linked)}"


def test_the_docs_pages_link_to_each_other_and_files_that_exist() -> None:
    for page in (ROOT / "docs").glob("*.md"):
        for target in re.findall(r"\]\(([^)#\s:]+)(?:#[^)\s]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links to {target}, which does not exist"


def test_the_makefile_demo_runs_the_main_job() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "budgetopt allocate data/sample_applications.xlsx --scenario data/scenario_2026.toml" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
