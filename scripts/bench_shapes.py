"""Benchmark over shapes of year (issue 20): the `allocate` journey on the settings a bureau would configure.

scripts/bench.py measures one shape of year: whole awards, a binding budget, three envelopes with a floor, a
district share, an applicant cap, no minimum funding ratio. This runs a matrix of shapes — each a scenario
(scripts/synthetic.py's `scenario_text` with one or more settings changed) and, where the shape is about the data,
a workbook of its own — at each size, with bench.py's workers: each run in a fresh process, the fastest of
`--repeat` runs, the largest peak RSS, the solve phase split into the first solve and the tie-break. Up to 10,000
applications each shape is also run by the hand-written baseline (pandas, PuLP, CBC), which models the shape's
settings (a minimum funding ratio as a binary and two linking rows, floors, shares, weights; partial awards
rounded down to the rounding after the solve, as ours are), and both optima must agree.

A run that passes `--timeout` seconds is stopped, with the solver it started, and its cell says so; the matrix
goes on. The table is printed and written to reports/bench/shapes.csv and, between the markers, to
docs/performance-shapes.md, against the targets of issue 20 (every shape: 10,000 ≤ 2 s end to end and ≥ 5× its
baseline; 100,000 ≤ 30 s and ≤ 1,500 MB peak), with the commit and the machine. 5,000 applications, which has
no target of its own, is in the default matrix as the largest year whose ties go through the canonical stages
(optimizer/solving/canonical.py, FULL_FACE): it shows whether a year there waits longer than one of 10,000.

    python scripts/bench_shapes.py                                  # every shape at 5,000, 10,000 and 100,000
    python scripts/bench_shapes.py --sizes 1000                     # quick
    python scripts/bench_shapes.py --shapes tight,ratio30 --sizes 10000 --repeat 1
    python scripts/bench_shapes.py --list                           # the shapes
    python scripts/bench_shapes.py --seed 13 --sizes 5000 --shapes ratio30,ratio50,tight --no-baseline \
        --doc reports/bench/seed13.md                               # the same shapes, other applications
    python scripts/bench_shapes.py --sizes 10000,20000 --shapes default,floors,weights,coarse --no-baseline \
        --repeat 1 --full-face 1000000 --doc reports/bench/canonical.md  # the canonical stages above FULL_FACE

The bench's workbook (seed 7) is a mild one for the canonical stages: at 5,000 applications with a minimum ratio,
seeds 11-13 waited 4-26 s in the solve where seed 7 waits 0.5-2.6 s (docs/performance-shapes.md).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import bench  # noqa: E402  (scripts, not a package: found through the path above)
import synthetic  # noqa: E402
from synthetic import EnvelopeSpec  # noqa: E402

BEGIN, END = "<!-- bench_shapes: begin -->", "<!-- bench_shapes: end -->"
DOC = ROOT / "docs" / "performance-shapes.md"
BASELINE_UP_TO = 10_000  # applications: the baseline runs at this size and below
TARGETS = {10_000: (2.0, None, 5.0), 100_000: (30.0, 1500.0, None)}  # end to end s, peak MB, × the baseline
SEED = 7  # bench.py's workbook; `--seed` draws another (the same shapes, other applications)
PHASES = ("read", "entitle", "build", "solve", "solve.first", "solve.ties", "explain", "write", "write_files")


@dataclass(frozen=True)
class Shape:
    name: str
    about: str
    settings: Mapping[str, Any] = field(default_factory=dict)  # synthetic.scenario_text's keywords
    integer_scores: bool = False  # the workbook's options (synthetic.write_workbook)
    mostly_whole: bool = False

    def workbook(self, n: int, folder: Path, seed: int = SEED) -> Path:
        if not (self.integer_scores or self.mostly_whole) and seed == SEED:
            return bench.data_for(n, folder)[0]  # today's workbook, kept with bench.py's
        tag = "".join(t for t, on in (("_intscores", self.integer_scores), ("_whole", self.mostly_whole)) if on)
        path = folder / f"apps_{n}{tag}{'' if seed == SEED else f'_seed{seed}'}.xlsx"
        if not path.exists():
            synthetic.write_workbook(path, n, seed=seed, integer_scores=self.integer_scores,
                                     mostly_whole=self.mostly_whole)
        return path

    def scenario(self, n: int, folder: Path) -> Path:
        path = folder / f"shape_{self.name}_{n}.toml"
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(synthetic.scenario_text(n, **self.settings), encoding="utf-8")
        return path


FLOORS = (EnvelopeSpec("AI", ("3", "4", "5", "6"), "0.25", 5),
          EnvelopeSpec("green", ("12", "13", "14a", "14b"), "0.2", 6),
          EnvelopeSpec("SMEs", ("10", "11a", "11b"), "0.2", 8))
TWO_CAPPED = (EnvelopeSpec("AI", ("3", "4", "5", "6"), "0.2"),
              EnvelopeSpec("smart factories", ("7a", "7b", "8a", "8b"), "0.3"))
MANY_WEIGHTS = (("1", "0.8"), ("2", "1.2"), ("3", "1.1"), ("4", "1.3"), ("5", "0.9"), ("6", "1.2"), ("7a", "1.15"),
                ("7b", "0.95"), ("9", "1.05"), ("10", "0.85"), ("11a", "1.25"), ("12", "0.7"), ("13", "1.4"),
                ("15", "1.1"), ("17", "0.75"), ("20", "1.35"))
SHAPES = {s.name: s for s in (
    Shape("default", "today's shape (bench.py): whole awards, three envelopes with a floor, district 12%, "
                     "applicant cap 600万, rounding 100"),
    Shape("ratio30", "min_funding_ratio 0.3", {"min_funding_ratio": "0.3"}),
    Shape("ratio50", "min_funding_ratio 0.5", {"min_funding_ratio": "0.5"}),
    Shape("rounding", "rounding 1万", {"rounding": 10_000}),
    Shape("floors", "three envelopes whose floors bind (20%, 16.7%, 12.5% of the budget)", {"envelopes": FLOORS}),
    Shape("tight", "issue 20's slow shape: min_funding_ratio 0.3, district 8%, applicant cap 600万, two "
                   "share-capped envelopes, scores to 0.1",
          {"min_funding_ratio": "0.3", "district_share": "0.08", "applicant_cap": "600万", "envelopes": TWO_CAPPED}),
    Shape("weights", "16 clause weights from 0.7 to 1.4", {"weights": MANY_WEIGHTS}),
    Shape("coarse", "whole-number scores (many equal values)", integer_scores=True),
    Shape("whole", "about 80% whole (fixed) awards", mostly_whole=True),
)}


@dataclass(frozen=True)
class Side:
    """One side of a cell: the fastest run, or why there is none ("timeout", "failed")."""

    run: Mapping[str, Any] | None
    status: str = "ok"
    detail: str = ""

    @property
    def total(self) -> float | None:
        return None if self.run is None else float(self.run["total"])


@dataclass(frozen=True)
class Cell:
    shape: str
    size: int
    ours: Side
    baseline: Side | None  # None: not run at this size

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline.total is None or self.ours.total is None:
            return None
        return self.baseline.total / self.ours.total

    @property
    def agree(self) -> bool | None:
        if self.baseline is None or self.baseline.run is None or self.ours.run is None:
            return None
        return bench._agree(dict(self.ours.run), dict(self.baseline.run))


def measure(kind: str, workbook: Path, scenario: Path, out: Path, repeat: int, timeout: float) -> Side:
    try:
        return Side(bench.best_of(repeat, kind, workbook, scenario, out, timeout))
    except bench.TimedOut as exc:
        return Side(None, "timeout", f"> {exc.seconds:g} s")
    except bench.WorkerFailed as exc:
        return Side(None, "failed", str(exc.code)[-3000:])


def run_cell(shape: Shape, n: int, args: argparse.Namespace) -> Cell:
    data = args.out / "data"
    workbook, scenario = shape.workbook(n, data, args.seed), shape.scenario(n, data)
    runs = args.out / "runs" / "shapes" / f"{shape.name}_{n}{'' if args.seed == SEED else f'_seed{args.seed}'}"
    ours = measure("ours", workbook, scenario, runs / "ours", args.repeat, args.timeout)
    base = None
    if not args.no_baseline and n <= BASELINE_UP_TO:
        kind = "baseline:rounding" if args.integer_rounding else "baseline"
        base = measure(kind, workbook, scenario, runs / "baseline", args.repeat, args.timeout)
    return Cell(shape.name, n, ours, base)


# --- verdicts and the table ------------------------------------------------------------------------------------


def verdicts(cell: Cell) -> dict[str, bool]:
    """Each target of issue 20 that applies to the cell: met or not (a timed-out or failed run meets none)."""
    total, peak, factor = TARGETS.get(cell.size, (None, None, None))
    run, found = cell.ours.run, {}
    if total is not None:
        found["total"] = run is not None and float(run["total"]) <= total
    if peak is not None:
        found["peak"] = run is not None and float(run["peak_mb"]) <= peak
    if factor is not None and cell.baseline is not None:
        found["faster"] = cell.ratio is not None and cell.ratio >= factor
    return found


def _mark(met: bool | None) -> str:
    return "" if met is None else " ✓" if met else " ✗"


def _seconds(side: Side | None) -> str:
    if side is None:
        return "—"
    if side.run is None:
        return f"{side.status} {side.detail}".strip()
    return f"{side.total:.2f}"


def _phase(cell: Cell, name: str) -> str:
    run = cell.ours.run
    return "" if run is None or name not in run["seconds"] else f"{float(run['seconds'][name]):.2f}"


def table_rows(cells: Sequence[Cell]) -> list[list[str]]:
    rows = []
    for cell in cells:
        met = verdicts(cell)
        run = cell.ours.run
        peak = "" if run is None else f"{float(run['peak_mb']):.0f}{_mark(met.get('peak'))}"
        solve = _phase(cell, "solve")
        if _phase(cell, "solve.first"):
            solve += f" ({_phase(cell, 'solve.first')} + {_phase(cell, 'solve.ties')})"
        ratio = "" if cell.ratio is None else f"{cell.ratio:.1f}×"
        agree = {None: "", True: "agree", False: "DIFFER"}[cell.agree]
        rows.append([cell.shape, f"{cell.size:,}", _seconds(cell.ours) + _mark(met.get("total")),
                     _phase(cell, "read"), _phase(cell, "build"), solve, _phase(cell, "explain"),
                     _phase(cell, "write"), peak,
                     _seconds(cell.baseline), ratio + _mark(met.get("faster")), agree])
    return rows


HEADER = ["shape", "applications", "ours (s)", "read", "build", "solve (first + ties)", "explain", "write",
          "peak MB", "baseline (s)", "faster", "optima"]
WIDTHS = (8, 12, 10, 5, 5, 20, 7, 5, 7, 12, 8, 6)  # the progress lines line up with the table


def text_table(cells: Sequence[Cell]) -> str:
    rows = [HEADER, *table_rows(cells)]
    widths = [max(WIDTHS[i], *(len(r[i]) for r in rows)) for i in range(len(HEADER))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def markdown(cells: Sequence[Cell], args: argparse.Namespace, about: Mapping[str, str]) -> str:
    seed = "" if args.seed == SEED else f", the workbooks drawn with seed {args.seed}"
    lines = [f"Measured at commit {about['commit']} on {about['machine']}; {about['when']}; best of {args.repeat} "
             f"run(s) each, time limit {args.timeout:g} s a run{seed}; load average {about['load']}.", "",
             "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r) + " |" for r in table_rows(cells)]
    shapes = dict.fromkeys(c.shape for c in cells)
    lines += ["", "The shapes:", ""] + [f"- `{s}`: {SHAPES[s].about}" for s in shapes]
    return "\n".join(lines)


def write_csv(path: Path, cells: Sequence[Cell], about: Mapping[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["shape", "size", "who", "status", "total_s", "peak_mb", *PHASES, "objective", "optimum",
                         "ratio", "optima_agree", "targets_met", "binding", "commit"])
        for cell in cells:
            met = verdicts(cell)
            targets = " ".join(f"{k}={'yes' if v else 'no'}" for k, v in met.items())
            for who, side in (("ours", cell.ours), ("baseline", cell.baseline)):
                if side is None:
                    continue
                run = side.run or {}
                seconds = run.get("seconds", {})
                writer.writerow([cell.shape, cell.size, who, side.status,
                                 "" if side.total is None else f"{side.total:.3f}",
                                 f"{float(run['peak_mb']):.0f}" if run else "",
                                 *(f"{float(seconds[p]):.3f}" if p in seconds else "" for p in PHASES),
                                 run.get("objective", ""), run.get("optimum", ""),
                                 "" if who == "baseline" or cell.ratio is None else f"{cell.ratio:.2f}",
                                 "" if who == "baseline" or cell.agree is None else cell.agree,
                                 targets if who == "ours" else "", " ".join(run.get("binding", ())), about["commit"]])


def write_doc(path: Path, section: str) -> None:
    """The generated section between the markers; the rest of the file is left as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
    else:
        head, tail = "# Performance over shapes of year\n\n", "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{head}{BEGIN}\n{section}\n{END}{tail}", encoding="utf-8")


def circumstances() -> dict[str, str]:
    """The commit (marked when the work tree has changes) and the machine."""
    def git(*words: str) -> str:
        done = subprocess.run(["git", *words], capture_output=True, text=True, check=False, cwd=ROOT)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    model = platform.processor() or platform.machine()
    memory = ""
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        model = next(line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("model name"))
        kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()
                  if line.startswith("MemTotal"))
        memory = f", {kb / 1024 ** 2:.1f} GB memory"
    except (OSError, StopIteration, ValueError):
        pass
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    return {"commit": commit, "machine": f"{os.cpu_count()} cores ({model}){memory}, {platform.system()}, "
                                         f"Python {platform.python_version()}",
            "when": time.strftime("%Y-%m-%d %H:%M"), "load": load}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated (default: all)")
    parser.add_argument("--sizes", default="5000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side, the fastest counts (default 3)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds a run may take (default 900)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--integer-rounding", action="store_true",
                        help="the baseline makes partial awards multiples of the rounding in the model (slow)")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "bench")
    parser.add_argument("--doc", type=Path, default=DOC, help="the Markdown file whose generated section is written")
    parser.add_argument("--seed", type=int, default=SEED,
                        help=f"the workbooks' seed (default {SEED}: bench.py's); with another, write --doc elsewhere")
    parser.add_argument("--full-face", type=int, metavar="N",
                        help="the canonical stages for years of up to N applications (the library's FULL_FACE: "
                             "5,000), to measure them above it; write --doc elsewhere")
    parser.add_argument("--list", action="store_true", help="list the shapes and stop")
    args = parser.parse_args()
    if args.full_face is not None:
        os.environ[bench.FULL_FACE_VARIABLE] = str(args.full_face)  # the workers' environment
    if args.list:
        print("\n".join(f"{s.name:<9} {s.about}" for s in SHAPES.values()))
        return
    names = [s.strip() for s in args.shapes.split(",") if s.strip()]
    unknown = [s for s in names if s not in SHAPES]
    if unknown:
        raise SystemExit(f"unknown shape(s): {', '.join(unknown)}; the shapes are {', '.join(SHAPES)}")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    about = circumstances()
    cells = []
    for n in sizes:
        for name in names:
            cell = run_cell(SHAPES[name], n, args)
            cells.append(cell)
            print(text_table([cell]).splitlines()[-1], flush=True)
            for side in (cell.ours, cell.baseline):
                if side is not None and side.status == "failed":
                    print(side.detail, file=sys.stderr)
    print("\n" + text_table(cells))
    write_csv(args.out / "shapes.csv", cells, about)
    write_doc(args.doc, markdown(cells, args, about))
    print(f"wrote {args.out / 'shapes.csv'} and {args.doc}")
    if any(s is not None and s.status == "failed" for c in cells for s in (c.ours, c.baseline)):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
