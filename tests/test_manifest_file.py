"""A run's manifest.json read back by verify, audit, publish and compare: as budgetopt writes it, or a sentence.

Found by editing manifests at random (December 2026): publish stopped with an "unexpected error" (exit 1) on a
number as an input's record, a deleted policy input, unknown limits, a deleted output; compare on a list as a
weight, text as a total, a boolean as an envelope.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import every_key_year, places, put, row
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.cli import cli
from optimizer.jobs.allocate import allocate
from optimizer.reading.manifest_file import SINCE, taken_out, wrong_keys
from optimizer.rules.policy import Policy


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run that counted an empty ledger, with every setting a manifest records: budget, limits, time limit, and a
    scenario with weights, an envelope and every limit."""
    folder = tmp_path_factory.mktemp("recorded")
    book, scenario = every_key_year(folder)
    assert run("ledger", "init", folder / "ledger.sqlite")[0] == 0
    code_, output = run("allocate", book, "--scenario", scenario, "--budget", "800万", "--ledger",
                        folder / "ledger.sqlite", "--max-rows", 5000, "--time-limit", 60, "--out", folder / "run")
    assert code_ == 0, output
    return folder / "run"


def manifest_of(folder: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return loaded


def test_what_budgetopt_writes_is_a_manifest(recorded: Path, tmp_path: Path, policy: Policy) -> None:
    assert wrong_keys(manifest_of(recorded)) == []
    plain = allocate([row()], budget="1亿", policy=policy)  # records, not a file: the workbook's given_as
    written = plain.write(tmp_path / "plain")
    assert wrong_keys(json.loads(next(p for p in written if p.name == "manifest.json").read_text())) == []


def edited(recorded: Path, folder: Path, place: tuple[Any, ...], value: object) -> Path:
    """A copy of the run with `value` at `place` of its manifest (or the key removed, for `...`)."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(recorded.parent, folder)
    manifest = manifest_of(folder / "run")
    put(manifest, place, value)
    (folder / "run" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder / "run"


EDITED = "not as budgetopt writes it — the file was edited; run allocate again"


@pytest.mark.parametrize(("place", "value", "named"), [
    (("scenario",), True, "scenario"),
    (("inputs", "ledger"), 0, "inputs.ledger"),
    (("inputs", "policy"), ..., "inputs.policy"),
    (("command", "limits"), {"a": 1}, "command.limits"),
    (("outputs", "allocation.csv"), ..., "outputs.allocation.csv"),
    (("outputs",), "", "outputs"),
    (("command", "lang"), "fr", "command.lang"),
])
def test_publish_names_what_was_edited(recorded: Path, tmp_path: Path, place: tuple[Any, ...], value: object,
                                       named: str) -> None:
    folder = edited(recorded, tmp_path / "copy", place, value)
    code_, output = run("publish", folder, "--ledger", folder.parent / "ledger.sqlite", "--lang", "en")
    assert (code_, output.strip()) == (2, f"{folder / 'manifest.json'}: {named}: {EDITED}")


ODD = [None, [1], "x", float("nan"), True, {"a": 1}, -1, 10**30, ..., 10**400, "1e999999999", 1e308]


def commands(recorded: Path, folder: Path, tmp_path: Path) -> list[tuple[object, ...]]:
    """The four commands that read a run's manifest.json, on the run in `folder` (`recorded`: the run as written)."""
    manifest = folder / "manifest.json"
    return [("publish", folder, "--ledger", folder.parent / "ledger.sqlite"), ("verify", manifest),
            ("audit", "--manifest", manifest, folder / "allocation.csv"),
            ("compare", recorded, folder, "--out", tmp_path / "compared")]


@pytest.mark.parametrize(("place", "value"), [(("objective",), "1e999999999"), (("totals", "allocated"), 10**400),
                                             (("totals", "unspent"), 1e308)])
def test_numbers_that_are_infinite_once_summed_are_refused(recorded: Path, tmp_path: Path, place: tuple[str, ...],
                                                           value: object) -> None:
    """compare sums and subtracts the totals and objectives of two runs, and writes them in compare.xlsx: 10**400 or
    1e999999999 there passed the manifest's shape and became infinity, which xlsxwriter refused (exit 1)."""
    folder = edited(recorded, tmp_path / "copy", place, value)
    for command in commands(recorded, folder, tmp_path):
        code_, output = run(*command, "--lang", "en")
        assert code_ == 2 and EDITED in output, (command, output)


@pytest.mark.parametrize("place", [("command", "solver"), ("solver", "name"), ("inputs", "ledger", "entries")])
def test_a_manifest_without_what_verify_needs_is_refused_by_verify(recorded: Path, tmp_path: Path,
                                                                   place: tuple[str, ...]) -> None:
    """verify re-runs with the recorded solver, compares the solver's version and reads the ledger up to the
    recorded count, which the shape did not require: KeyError, exit 1 (found by the fuzz below once it reached
    verify, by scripts/fuzz_inputs.py renaming `solver.name`, and by removing every key in turn). compare, which
    does not need them, compares."""
    folder = edited(recorded, tmp_path / "copy", place, ...)
    code_, output = run("verify", folder / "manifest.json", "--lang", "en")
    assert code_ == 2 and EDITED in output and ".".join(place) in output
    assert run("compare", recorded, folder, "--out", tmp_path / "compared")[0] == 0


@pytest.mark.parametrize(("value", "says"), [
    ("9" * 5000, "it holds a number of too many digits"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_pythons_own_limits_are_refused_by_each_command(recorded: Path, tmp_path: Path, value: str, says: str) -> None:
    """json.loads raises a ValueError that is no JSONDecodeError for an integer past Python's 4,300 digits, and a
    RecursionError for arrays nested past Python's recursion limit: an unexpected error in verify, audit, publish
    and compare."""
    folder = edited(recorded, tmp_path / "copy", ("budget",), 0)
    path = folder / "manifest.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"budget": 0', '"budget": ' + value), "utf-8")
    for command in commands(recorded, folder, tmp_path):
        code_, output = run(*command, "--lang", "en")
        assert code_ == 2 and says in output, (command, output)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rnd=st.randoms(use_true_random=False))
def test_an_edited_manifest_is_read_or_refused_never_an_unexpected_error(recorded: Path, tmp_path: Path,
                                                                         rnd: random.Random) -> None:
    manifest = manifest_of(recorded)
    leaves = [p for p in places(manifest) if p[0] not in ("distribution", "time")]
    chosen = sorted({p[:n] for p in leaves for n in range(1, len(p) + 1)}, key=str)  # a table too: removed, say
    place, value = rnd.choice(chosen), rnd.choice([*ODD, ...])  # ...: the key removed
    folder = edited(recorded, tmp_path / "copy", place, value)
    for command in commands(recorded, folder, tmp_path):
        code_, output = run(*command, "--lang", "en")
        assert code_ in (0, 2, 3, 4) and "unexpected error" not in output, (place, value, command, output)


def test_every_manifest_budgetopt_writes_has_each_key_it_began_to_write(recorded: Path) -> None:
    """taken_out judges a key missing beside a later one as taken out: that holds only while budgetopt writes every
    key of SINCE in every manifest."""
    manifest = manifest_of(recorded)
    assert {key for keys in SINCE for key in keys} <= {".".join(place[:2]) for place in places(manifest)}
    assert taken_out(manifest) == []


@pytest.mark.parametrize(("tool", "missing"), [
    ({"reasons": 2, "writers": 2}, [("tool.python", "tool.writers"), ("tool.platform", "tool.writers"),
                                    ("tool.packages", "tool.writers")]),
    ({"python": "3.11.7", "platform": "Linux", "packages": {}, "writers": 1}, [("tool.reasons", "tool.writers")]),
    ({"python": "3.11.7", "platform": "Linux", "packages": {}, "reasons": 2}, []),  # 7 December 2026, 11:36–12:14
    ({"python": "3.11.7", "platform": "Linux", "packages": {}}, []),  # c81ae20 and before, from 07:30
    ({}, []),  # before 7 December 2026
])
def test_a_key_missing_beside_one_budgetopt_began_to_write_later_was_taken_out(
        tool: dict[str, Any], missing: list[tuple[str, str]]) -> None:
    assert taken_out({"tool": {"name": "budgetopt", "version": "0.1.0", **tool}}) == missing
