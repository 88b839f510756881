"""Fuzz the inputs other than the application workbook through the command line: none may crash budgetopt.

    python scripts/fuzz_inputs.py [--seconds 60] [--seed 1] [--kinds ledger,scenario,...] [--out reports/fuzz-inputs]

Once, in a scratch folder: the shipped sample is allocated and published into a new ledger. Each case then damages
one of the files that run made or read, as a disk error, a hand edit or a hostile sender would, and runs the
commands that read it:

- ledger: bytes of the SQLite ledger flipped, a page zeroed, the file cut short, its header edited →
  `ledger check`, `ledger show --csv`, `validate --ledger`; none of them may change the file's bytes;
- scenario (the shipped scenario TOML) → `allocate`, `audit`;  policy (the shipped policy model) → `policy`, `validate`;
- allocation (the run's allocation.csv) → `audit`, `compare`;  manifest (the run's manifest.json) → `verify`, `compare`,
  `audit --manifest`;
- awards (data/awards_other_policy_2026.xlsx, cells replaced by random values) → `ledger import` into a copy of the
  ledger, whose chain must then still hold.

A text file is damaged by flipped bytes, odd text inserted (NUL, BOM, 1e999999, quotes, brackets, 万…), a number
replaced by one, lines duplicated or removed, or the file cut short. A case fails when a command exits other than
0, 2, 3 or 4, prints a traceback or "unexpected error", when native code panics, or when an invariant above breaks.
Failing inputs are saved under --out with a .txt of the command and its output; a summary is printed, and the exit
status is 1 when any case failed. tests/test_fuzz.py runs a few of each kind.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_workbooks import ODD_TEXT, ROOT, Outcome, _writable, random_value, run_cli, save_case, summarise

DATA = ROOT / "data"
WORKBOOK = DATA / "sample_applications.xlsx"
SCENARIO = DATA / "scenario_2026.toml"
POLICY = ROOT / "models" / "cq-ai-manufacturing-2026.toml"
AWARDS = DATA / "awards_other_policy_2026.xlsx"
FILES = {"ledger": "ledger.sqlite", "scenario": "scenario.toml", "policy": "policy.toml",
         "allocation": "allocation.csv", "manifest": "manifest.json", "awards": "awards.xlsx"}  # kind → file name
KINDS = tuple(FILES)
ODD = ["\x00", "\ufeff", "\u3000", "1e999999", "9" * 50, "-", '"', "'''", "[", "]]", "=", "\n", "\r", "nan", "inf",
       "万", "亿", "，", "\t", "#", "\\u0000", "\\", "{", "}", ",", "null", "true", "1.5", "-0", "２", "\udcff"]
_NUMBER = re.compile(rb"[0-9][0-9.,]*")


@dataclass(frozen=True)
class Scratch:
    """The sample allocated and published once: the files each case starts from."""

    folder: Path
    run: Path  # allocate's --out folder
    ledger: bytes  # the ledger holding the run's awards


@dataclass(frozen=True)
class Case:
    kind: str
    data: bytes  # the damaged file
    steps: tuple[str, ...]  # what was done to it


def prepare(folder: Path) -> Scratch:
    """Allocate the sample and publish it into a new ledger, in `folder`."""
    run, ledger = folder / "base" / "run", folder / "ledger.sqlite"  # a case's copy is case/run: the same depth
    for args in (["allocate", str(WORKBOOK), "--scenario", str(SCENARIO), "--out", str(run)],
                 ["ledger", "init", str(ledger)], ["publish", str(run), "--ledger", str(ledger)]):
        outcome = run_cli(args, allowed=(0,))
        if outcome.failure is not None:
            raise SystemExit(f"cannot prepare the scratch run ({' '.join(args)}): {outcome.output}")
    return Scratch(folder, run, ledger.read_bytes())


def make_case(rnd: random.Random, scratch: Scratch, kinds: tuple[str, ...] = KINDS) -> Case:
    kind = rnd.choice(kinds)
    if kind == "ledger":
        return Case(kind, *damage_bytes(rnd, scratch.ledger))
    if kind == "awards":
        return Case(kind, *edit_awards(rnd, scratch.folder / "awards-case.xlsx"))
    source = {"scenario": SCENARIO, "policy": POLICY, "allocation": scratch.run / "allocation.csv",
              "manifest": scratch.run / "manifest.json"}[kind]
    return Case(kind, *damage_text(rnd, source.read_bytes()))


def damage_bytes(rnd: random.Random, data: bytes) -> tuple[bytes, tuple[str, ...]]:
    """A binary file damaged as a disk or a hex editor would: bytes flipped, a page zeroed, cut short, a header."""
    out = bytearray(data)
    how = rnd.choice(["flip", "flip", "flip", "page", "cut", "header"])
    if how == "flip":
        for _ in range(rnd.randint(1, 20)):
            out[rnd.randrange(len(out))] = rnd.randrange(256)
    elif how == "page":
        page = rnd.randrange(len(out) // 4096) * 4096
        out[page:page + 4096] = bytes(4096)
    elif how == "cut":
        del out[rnd.randrange(len(out)):]
    else:
        out[rnd.randrange(100)] = rnd.randrange(256)
    return bytes(out), (how,)


def damage_text(rnd: random.Random, data: bytes) -> tuple[bytes, tuple[str, ...]]:
    """A text file edited badly: 1–4 of bytes flipped, odd text inserted, a number replaced, lines repeated or
    removed, bytes removed, the file cut short."""
    steps = []
    for _ in range(rnd.randint(1, 4)):
        if not data:
            break
        how = rnd.choice(["flip", "insert", "delete", "cut", "repeat line", "remove line", "number"])
        at = rnd.randrange(len(data))
        odd = rnd.choice(ODD).encode("utf-8", "surrogatepass")
        if how == "flip":
            data = data[:at] + bytes([rnd.randrange(256)]) + data[at + 1:]
        elif how == "insert":
            data = data[:at] + odd + data[at:]
        elif how == "delete":
            data = data[:at] + data[at + rnd.randint(1, 20):]
        elif how == "cut":
            data = data[:at]
        elif how in ("repeat line", "remove line"):
            lines = data.split(b"\n")
            line = rnd.randrange(len(lines))
            lines[line:line + 1] = [lines[line]] * (2 if how == "repeat line" else 0)
            data = b"\n".join(lines)
        elif numbers := list(_NUMBER.finditer(data)):
            number = rnd.choice(numbers)
            data = data[:number.start()] + odd + data[number.end():]
        steps.append(how)
    return data, tuple(steps)


def edit_awards(rnd: random.Random, path: Path) -> tuple[bytes, tuple[str, ...]]:
    """The shipped awards workbook with 1–6 cells replaced by random values, maybe a row inserted or the sheet
    renamed."""
    book = openpyxl.load_workbook(AWARDS)
    sheet = book.active
    assert sheet is not None
    steps = []
    for _ in range(rnd.randint(1, 6)):
        cell = sheet.cell(rnd.randint(1, sheet.max_row + 2), rnd.randint(1, sheet.max_column + 1))
        cell.value = _writable(random_value(rnd) if rnd.random() < 0.7 else rnd.choice(ODD_TEXT))
        steps.append(f"cell {cell.coordinate}")
    if rnd.random() < 0.2:
        sheet.insert_rows(rnd.randint(1, 3))
        steps.append("row inserted")
    if rnd.random() < 0.1:
        sheet.title = rnd.choice(["Sheet2", "拨付清单", "x"])
        steps.append("sheet renamed")
    book.save(path)
    return path.read_bytes(), tuple(steps)


# ------------------------------------------------------------------------------------------------ running


def run_case(case: Case, scratch: Scratch) -> tuple[list[str], Outcome]:
    """Write the case and run each command that reads it; the first failing outcome, or the last one."""
    folder = scratch.folder / "case"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    path = folder / FILES[case.kind]
    path.write_bytes(case.data)
    ran: tuple[list[str], Outcome] = ([], Outcome(0, "", None))
    for args, check in _commands(case, path, scratch, folder):
        outcome = _run(args)
        if outcome.failure is None and check is not None:
            outcome = Outcome(outcome.exit_code, outcome.output, check(outcome))
        ran = (args, outcome)
        if outcome.failure is not None:
            break
    return ran


Check = Callable[[Outcome], str | None]


def _commands(case: Case, path: Path, scratch: Scratch, folder: Path) -> list[tuple[list[str], Check | None]]:
    kind, p, workbook, run = case.kind, str(path), str(WORKBOOK), scratch.run
    if kind == "ledger":
        def unchanged(_: Outcome) -> str | None:
            return None if path.read_bytes() == case.data else "a read changed the ledger's bytes"
        return [(["ledger", "check", p], unchanged), (["ledger", "show", p, "--csv"], unchanged),
                (["validate", workbook, "--ledger", p], unchanged)]
    if kind == "scenario":
        return [(["allocate", workbook, "--scenario", p, "--out", str(folder / "out")], None),
                (["audit", workbook, str(run / "allocation.csv"), "--scenario", p], None)]
    if kind == "policy":
        return [(["policy", "--policy", p], None), (["validate", workbook, "--policy", p], None)]
    if kind == "allocation":
        copy = _run_with(run, folder, "allocation.csv", case.data)
        return [(["audit", workbook, p, "--scenario", str(SCENARIO)], None),
                (["compare", str(run), str(copy), "--out", str(folder / "compare")], None)]
    if kind == "manifest":
        copy = _run_with(run, folder, "manifest.json", case.data)
        return [(["verify", str(copy / "manifest.json")], None),
                (["compare", str(run), str(copy), "--out", str(folder / "compare")], None),
                (["audit", "--manifest", str(copy / "manifest.json"), str(run / "allocation.csv")], None)]
    ledger = folder / "ledger.sqlite"
    ledger.write_bytes(scratch.ledger)

    def chain_holds(outcome: Outcome) -> str | None:
        if outcome.exit_code != 0:
            return None
        after = _run(["ledger", "check", str(ledger)])
        return None if after.exit_code == 0 else f"the ledger's chain broke by an import: {after.output}"
    return [(["ledger", "import", str(ledger), p, "--policy", "渝府发〔2025〕9号"], chain_holds)]


def _run_with(run: Path, folder: Path, name: str, data: bytes) -> Path:
    """A copy of the run folder (at the run's depth: its manifest's relative paths hold) with `name` replaced."""
    copy = folder / "run"
    shutil.copytree(run, copy)
    (copy / name).write_bytes(data)
    return copy


def _run(args: list[str]) -> Outcome:
    return run_cli(args, allowed=(0, 2, 3, 4))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to run (default 60)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first case (default 1)")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"which inputs (default: {','.join(KINDS)})")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "fuzz-inputs", help="where failing cases go")
    args = parser.parse_args(argv)
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    if not kinds or set(kinds) - set(KINDS):
        parser.error(f"--kinds takes some of {', '.join(KINDS)}")
    outcomes: Counter[str] = Counter()
    failures, seed = 0, args.seed
    with tempfile.TemporaryDirectory() as folder:
        scratch = prepare(Path(folder))
        deadline = time.monotonic() + args.seconds
        while time.monotonic() < deadline:
            case = make_case(random.Random(seed), scratch, kinds)
            command, outcome = run_case(case, scratch)
            outcomes[f"{case.kind}: exit {outcome.exit_code}" + (" FAILED" if outcome.failure else "")] += 1
            if outcome.failure:
                failures += 1
                _save(args.out, seed, case, command, outcome)
            seed += 1
    return summarise(outcomes, range(args.seed, seed), args.seconds, failures, args.out)


def _save(folder: Path, seed: int, case: Case, command: list[str], outcome: Outcome) -> None:
    steps = ", ".join(case.steps)
    save_case(folder, seed, (case.data, Path(FILES[case.kind]).suffix), outcome,
              f"input: {case.kind}, {steps}\ncommand: budgetopt {' '.join(command)}",
              f"{case.kind}: {outcome.failure} ({steps})")


if __name__ == "__main__":
    sys.exit(main())
