"""The README keeps its promises: the two set-up commands first, and every command documented."""

from __future__ import annotations

from helpers import ROOT

from optimizer.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_opens_with_make_demo_and_make_test() -> None:
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block


def test_every_command_is_in_the_readme() -> None:
    for name in cli.commands:
        assert f"budgetopt {name}" in README, name


def test_the_makefile_demo_runs_the_main_job() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "budgetopt allocate data/sample_applications.xlsx --scenario data/scenario_2026.toml" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
