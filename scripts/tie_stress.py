"""Ties across solvers, under stress (issue 19; docs/canonical.md): random tie-heavy years through HiGHS and CBC.

docs/how-it-decides.md, Ties: the same inputs give the same allocation, byte for byte, with either solver — the
greatest optimum in rank order, also when applications of different values tie in worth. This runs N small and M large
random years through `optimizer.jobs.allocate.allocate` with both solvers, in process, over `--workers` processes, and
compares the two allocation.csv files each year writes (the library's own writer). Every year is made from its own
seed, so a year that differs can be replayed alone.

- **small**: 3–12 applications, three districts, coarse scores (a few multiples of 10), whole and partial awards,
  a tight budget (a sum of standard awards), and at random a district share, an envelope, an applicant cap, a
  minimum ratio, rounding, prorated fixed awards;
- **large**: 2,000–4,000 applications (or `--large-size`), every division, mostly standard whole awards
  (50万/100万/200万), scores 60–90 in steps of 10, a budget about 40% of demand in whole 50万, a district share, an
  envelope and an applicant cap.

A year's seed says its size: even seeds are small years, odd seeds large ones.

    python scripts/tie_stress.py                      # 10,000 small + 300 large (long: use the workers you have)
    python scripts/tie_stress.py --quick              # 200 small + 3 large (1,000 each): under a minute
    python scripts/tie_stress.py --small 1000 --large 20 --workers 2 --seed 7
    python scripts/tie_stress.py --replay 1400000017  # one year again: what each solver paid, where they differ
    python scripts/tie_stress.py --large 20 --small 0 --time-limit 120   # each solve at most 120 s (default 300)
    python scripts/tie_stress.py --large 20 --small 0 --full-face 0      # the within-class tie-break for every year
    python scripts/tie_stress.py --workers 2 --resume  # a stopped run, on from its years.jsonl

Each year's verdict is appended to years.jsonl in `--out` as it comes (one JSON line, flushed), so a run that is
stopped loses at most the years in progress: `--resume` with the same settings goes on from there, and the report
counts the years of both runs. Prints a short table and writes result.json into `--out` (default
reports/tie_stress; written whole or not at all). Exit status 1 when any year
differs between the solvers or failed (an infeasible year is not a failure when both solvers say so, nor a timeout:
a solver that did not prove its optimum within `--time-limit` leaves nothing to compare), else 0. A *fallback* year
(counted besides its verdict) is one where a canonical stage passed its node bound: settled by HiGHS's best within the
bound (`note.canonical_within_bound`) or, where it found none, the year's ties broken within classes
(`note.canonical_too_hard`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "reports" / "tie_stress"
SOLVERS = ("highs", "cbc")
PER_MASTER = 1_000_000  # years per size and master seed
TIME_LIMIT = 300.0  # seconds a solve may take: CBC can search long for the proof of a large year's optimum
QUICK_LARGE_SIZE = 1_000  # --quick's large years: a minute for the whole run on two cores
SHOWN = 20  # differing or failed years kept in result.json (the first, by seed)
W = 10_000

SMALL_CLAUSES = ["3", "4", "11b", "10", "7a", "8a", "6"]
LARGE_CLAUSES = {"10": 30, "7a": 25, "8a": 20, "6": 5, "5": 5, "3": 5, "4": 5, "11b": 3, "7b": 2}


# ------------------------------------------------------------------ years


def year_seeds(master: int, small: int, large: int) -> list[int]:
    """The seeds of the run's years: even for small ones, odd for large ones."""
    if max(small, large) > PER_MASTER:
        raise SystemExit(f"at most {PER_MASTER:,} years of each size")
    base = master * PER_MASTER
    return [2 * (base + i) for i in range(small)] + [2 * (base + i) + 1 for i in range(large)]


def is_large(seed: int) -> bool:
    return seed % 2 == 1


def _code(rng: random.Random) -> str:
    from optimizer.reading.fields import USCC_CHARS, uscc_check_character

    first17 = "915001" + "".join(rng.choice(USCC_CHARS) for _ in range(11))
    return first17 + uscc_check_character(first17)


def _application(i: int, clause: str, score: int, submitted: date, district: str, credit_code: str,
                 requested: int | None = None, investment: int = 40_000_000) -> Any:
    from optimizer.domain import Application

    return Application(row=i + 2, application_id=f"T{i:05d}", applicant=f"企业{credit_code[-6:]}",
                       credit_code=credit_code, district=district, clause=clause, project=f"项目{i}",
                       score=Decimal(score), submitted_on=submitted, investment=Decimal(investment),
                       requested=None if requested is None else Decimal(requested), enterprise_size="medium",
                       qualified=True)


def small_year(seed: int) -> tuple[list[Any], dict[str, Any]]:
    """3–12 applications, tie-heavy (docstring above)."""
    from optimizer.rules.policy import load_policy

    rng = random.Random(seed)
    policy = load_policy()
    start, step = rng.choice([30, 40, 50, 60]), rng.choice([10, 20])
    palette = [start + k * step for k in range(rng.randint(1, 3))]
    codes = [_code(rng) for _ in range(4)]
    districts = ["两江新区", "沙坪坝区", "万州区"]
    apps = []
    for i in range(rng.randint(3, 12)):
        clause = rng.choice(SMALL_CLAUSES)
        requested = rng.choice([None] * 6 + [123_457, 1_000_000, 1])
        apps.append(_application(i, clause, rng.choice(palette), date(2026, 3, rng.randint(1, 2)),
                                 rng.choice(districts), rng.choice(codes), requested))
    standard = [policy.clause(a.clause).maximum or 0 for a in apps]
    chosen = [x for x in standard if rng.random() < 0.5]
    budget = sum(chosen) or 50 * W
    scenario: dict[str, Any] = {
        "budget": f"{budget}元", "fixed_awards": rng.choice(["whole", "whole", "prorate"]),
        "min_funding_ratio": rng.choice([0, 0, 0.3]), "rounding": rng.choice([1, 100, 10_000])}
    if rng.random() < 0.6:
        scenario["weights"] = {c: rng.choice([1, 1, 1.5, 2, 0.5]) for c in ("3", "4", "8a", "10")}
    if rng.random() < 0.5:
        scenario["districts"] = {"max_share": rng.choice([0.3, 0.4, 0.5])}
    if rng.random() < 0.4:
        scenario["envelopes"] = [{"name": "E", "clauses": rng.choice([["3", "10"], ["8a", "10", "7a"], ["4", "6"]]),
                                  "max": f"{rng.choice([rng.randint(1, budget), rng.randint(1, 4) * 50 * W])}元"}]
    if rng.random() < 0.4:
        scenario["applicants"] = {"max_total": f"{rng.randint(1, 4) * 50 * W}元"}
    return apps, scenario


def large_year(seed: int, size: int | None = None) -> tuple[list[Any], dict[str, Any]]:
    """A few thousand applications, tie-heavy (docstring above)."""
    from optimizer.rules.divisions import chongqing
    from optimizer.rules.policy import load_policy

    rng = random.Random(seed)
    policy = load_policy()
    n = size or rng.randint(2_000, 4_000)
    districts = list(chongqing().names)
    codes = [(_code(rng), rng.choice(districts)) for _ in range(max(1, n * 2 // 3))]
    clauses, weights = list(LARGE_CLAUSES), list(LARGE_CLAUSES.values())
    apps = []
    for i in range(n):
        clause = rng.choices(clauses, weights)[0]
        credit_code, district = rng.choice(codes)
        investment = rng.randint(10, 400) * 100_000
        requested = rng.randint(5, 30) * W if clause in ("3", "4", "11b") and rng.random() < 0.3 else None
        apps.append(_application(i, clause, rng.choice([60, 70, 80, 90]),
                                 date(2026, 3, 1) + timedelta(days=rng.randrange(10)), district, credit_code,
                                 requested, investment))
    demand = sum(policy.clause(a.clause).maximum or 0 for a in apps)
    budget = max(50 * W, round(demand * rng.uniform(0.3, 0.5) / (50 * W)) * 50 * W)
    scenario: dict[str, Any] = {
        "budget": f"{budget}元", "rounding": rng.choice([1, 100, 10_000]),
        "min_funding_ratio": rng.choice([0, 0, 0.3]),
        "weights": {"8a": rng.choice([1, 1.5]), "3": rng.choice([1, 2])},
        "districts": {"max_share": rng.choice([0.08, 0.12])},
        "envelopes": [{"name": "smart factories", "clauses": ["7a", "7b", "8a"], "max_share": rng.choice([0.3, 0.4])}],
        "applicants": {"max_total": f"{rng.choice([100, 150, 300])}万"},
    }
    return apps, scenario


def make_year(seed: int, large_size: int | None = None) -> tuple[list[Any], dict[str, Any]]:
    return large_year(seed, large_size) if is_large(seed) else small_year(seed)


# ------------------------------------------------------------------ one year through both solvers


def solve_both(seed: int, large_size: int | None = None, time_limit: float | None = None) -> dict[str, Any]:
    """The year's outcome with each solver ("ok" with the CSV bytes, "infeasible", "timeout" after `time_limit`
    seconds of a solve, or "failed: …") and whether they agree: `verdict` is same, differ, infeasible (both said
    so), timeout (a solver did not finish: nothing to compare) or failed."""
    from optimizer.domain import Applications
    from optimizer.errors import Infeasible, SolverError
    from optimizer.jobs.allocate import allocate
    from optimizer.report.allocation_csv import allocation_csv
    from optimizer.rules.policy import load_policy

    began = time.perf_counter()
    apps, scenario = make_year(seed, large_size)
    policy = load_policy()
    book = Applications("stress.xlsx", "applications", tuple(apps), ())
    outcomes: dict[str, Any] = {}
    for solver in SOLVERS:
        try:
            result = allocate(book, scenario, policy=policy, solver=solver, time_limit=time_limit)
            outcomes[solver] = {"outcome": "ok", "csv": allocation_csv(result, policy, "en"),
                                "objective": str(result.objective),
                                "note": result.solver.note.code if result.solver.note else None}
        except Infeasible:
            outcomes[solver] = {"outcome": "infeasible"}
        except SolverError as exc:
            timeout = exc.phrase is not None and exc.phrase.code == "solver.time_limit"
            outcomes[solver] = {"outcome": "timeout" if timeout else f"failed: SolverError: {exc}"[:300],
                                "trace": traceback.format_exc(limit=3)}
        except Exception as exc:  # a failure is a finding to report, not a reason to stop
            outcomes[solver] = {"outcome": f"failed: {type(exc).__name__}: {exc}".splitlines()[0][:300],
                                "trace": traceback.format_exc(limit=3)}
    kinds = [outcomes[s]["outcome"] for s in SOLVERS]
    if any(k.startswith("failed") for k in kinds):
        verdict = "failed"
    elif "timeout" in kinds:
        verdict = "timeout"
    elif kinds == ["infeasible", "infeasible"]:
        verdict = "infeasible"
    elif kinds == ["ok", "ok"] and outcomes["highs"]["csv"] == outcomes["cbc"]["csv"]:
        verdict = "same"
    else:
        verdict = "differ"
    fallback = any(o.get("note") in FALLBACK for o in outcomes.values())
    return {"seed": seed, "size": "large" if is_large(seed) else "small", "applications": len(apps),
            "verdict": verdict, "fallback": fallback, "outcomes": outcomes, "seconds": time.perf_counter() - began}


def _summary(year: dict[str, Any]) -> dict[str, Any]:
    """What the parent keeps of a year: no CSV bytes (their hashes, and objectives, for a differing year)."""
    kept = {k: year[k] for k in ("seed", "size", "applications", "verdict", "fallback", "seconds")}
    if year["verdict"] in ("differ", "failed", "timeout") or year["fallback"]:
        kept["solvers"] = {s: {"outcome": o["outcome"], "objective": o.get("objective"), "note": o.get("note"),
                               "csv_sha256": hashlib.sha256(o["csv"]).hexdigest() if "csv" in o else None}
                           for s, o in year["outcomes"].items()}
    return kept


def _run_one(task: tuple[int, int | None, float | None]) -> dict[str, Any]:
    return _summary(solve_both(*task))


# ------------------------------------------------------------------ the run and its report


def set_full_face(applications: int | None) -> None:
    """The canonical stages for years of up to this many applications (None: the library's own FULL_FACE), to
    measure what raising it would do."""
    if applications is not None:
        from optimizer.solving import optimise

        optimise.FULL_FACE = applications


def _progress(years: Sequence[dict[str, Any]], done: Mapping[str, int], totals: Mapping[str, int]) -> None:
    """A line on stderr at every twentieth of each size's years, with their verdicts so far (a full run takes an
    hour or more on two cores, the large years first); `done`: the years of each size finished."""
    size = years[-1]["size"]
    if done[size] % max(1, totals[size] // 20) == 0 or done[size] == totals[size]:
        mine = [y for y in years if y["size"] == size]
        counts = {v: sum(1 for y in mine if y["verdict"] == v) for v in VERDICTS}
        counts["fallback"] = sum(1 for y in mine if y["fallback"])
        print(f"{size}: {done[size]:,} of {totals[size]:,} years: "
              + ", ".join(f"{v} {n}" for v, n in counts.items() if n), file=sys.stderr, flush=True)


def stress(seeds: Sequence[int], workers: int, large_size: int | None = None,
           time_limit: float | None = None, full_face: int | None = None,
           on_year: Callable[[dict[str, Any]], None] = lambda year: None) -> list[dict[str, Any]]:
    """Every year's summary, in seed order; in `workers` processes (1: here). `on_year` is given each summary as
    its year finishes."""
    tasks = [(seed, large_size, time_limit) for seed in seeds]
    if workers <= 1:
        set_full_face(full_face)
        years = []
        for task in tasks:
            years.append(_run_one(task))
            on_year(years[-1])
    else:
        # large years first, so that no worker is left with one at the end; spawn: no solver state is forked
        tasks.sort(key=lambda t: not is_large(t[0]))
        totals, done = Counter("large" if is_large(t[0]) else "small" for t in tasks), Counter[str]()
        with multiprocessing.get_context("spawn").Pool(workers, set_full_face, (full_face,)) as pool:
            years = []
            for year in pool.imap_unordered(_run_one, tasks):
                years.append(year)
                on_year(year)
                done[year["size"]] += 1
                _progress(years, done, totals)
    return sorted(years, key=lambda y: (y["size"] == "large", y["seed"]))


JOURNAL = "years.jsonl"
RUN_KEYS = ("seed", "small", "large", "large_size", "time_limit", "full_face")  # what makes two runs the same


def journal_years(out: Path, args: argparse.Namespace) -> list[dict[str, Any]]:
    """The years a stopped run of the same settings finished (its years.jsonl; a line cut short by the stop is
    not a year). Refuses a journal of other settings: its years would be counted into the wrong report."""
    path = out / JOURNAL
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    settings = {k: getattr(args, k) for k in RUN_KEYS}
    try:
        head = json.loads(lines[0])["run"] if lines else None
    except (ValueError, KeyError, TypeError):
        head = None
    if head != settings:
        raise SystemExit(f"{path} is of another run ({head}), not of {settings}: start again without --resume")
    years = []
    for line in lines[1:]:
        try:
            years.append(json.loads(line))
        except ValueError:
            continue  # the line being written when the run was stopped
    return years


def start_journal(out: Path, args: argparse.Namespace,
                  years: Sequence[dict[str, Any]]) -> Callable[[dict[str, Any]], None]:
    """years.jsonl begun again with the run's settings and the years kept; returns what appends each new year."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / JOURNAL
    lines = [json.dumps({"run": {k: getattr(args, k) for k in RUN_KEYS}}), *(json.dumps(y) for y in years)]
    write_atomically(path, "".join(line + "\n" for line in lines))

    def append(year: dict[str, Any]) -> None:
        with path.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps(year) + "\n")

    return append


def write_atomically(path: Path, text: str) -> None:
    """The file whole or not at all: written beside it, then renamed over it."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


VERDICTS = ("same", "differ", "infeasible", "timeout", "failed")
FALLBACK = ("note.canonical_within_bound", "note.canonical_too_hard")  # a stage passed its node bound


def report(years: Sequence[dict[str, Any]], args: argparse.Namespace, seconds: float) -> dict[str, Any]:
    from optimizer.solving.backends import solver_version

    by_size = {}
    for size in ("small", "large"):
        mine = [y for y in years if y["size"] == size]
        by_size[size] = {"years": len(mine), **{v: sum(1 for y in mine if y["verdict"] == v) for v in VERDICTS},
                         "fallback": sum(1 for y in mine if y["fallback"]),
                         "solve_seconds": round(sum(y["seconds"] for y in mine), 2)}
    total = {"years": len(years), **{v: sum(s[v] for s in by_size.values()) for v in (*VERDICTS, "fallback")}}
    return {
        "seed": args.seed, "small": args.small, "large": args.large, "workers": args.workers,
        "large_size": args.large_size, "full_face": args.full_face, "seconds": round(seconds, 2),
        "solvers": {s: solver_version(s) for s in SOLVERS}, "total": total, "by_size": by_size,
        "differing": [y for y in years if y["verdict"] == "differ"][:SHOWN],
        "failures": [y for y in years if y["verdict"] == "failed"][:SHOWN],
        "timeouts": [y for y in years if y["verdict"] == "timeout"][:SHOWN], "time_limit": args.time_limit,
        "fallbacks": [y for y in years if y["fallback"]][:SHOWN],
    }


def table(result: dict[str, Any]) -> str:
    rows = [("", "years", *VERDICTS, "fallback", "solve s")]
    for size, s in result["by_size"].items():
        rows.append((size, s["years"], *(s[v] for v in VERDICTS), s["fallback"], f"{s['solve_seconds']:.1f}"))
    t = result["total"]
    rows.append(("total", t["years"], *(t[v] for v in VERDICTS), t["fallback"], f"{result['seconds']:.1f} wall"))
    widths = [max(len(str(r[k])) for r in rows) for k in range(len(rows[0]))]
    lines = ["  ".join(str(v).rjust(w) for v, w in zip(r, widths, strict=True)) for r in rows]
    shown = [(y["verdict"], y) for key in ("differing", "failures", "timeouts") for y in result[key][:5]]
    for y in result["fallbacks"][:5]:
        shown.append(("fallback", y))
    for verdict, y in shown:
        size = f" --large-size {result['large_size']}" if y["size"] == "large" and result["large_size"] else ""
        size += f" --full-face {result['full_face']}" if result["full_face"] is not None else ""
        lines.append(f"{verdict}: seed {y['seed']} ({y['size']}, {y['applications']} applications) — "
                     f"replay: python scripts/tie_stress.py --replay {y['seed']}{size}")
    return "\n".join(lines)


def replay(seed: int, out: Path, large_size: int | None, time_limit: float | None) -> int:
    """One year again: each solver's outcome and objective, the applications they pay differently, and both
    allocation.csv files in out/replay-SEED/."""
    year = solve_both(seed, large_size, time_limit)
    folder = out / f"replay-{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"seed {seed}: {year['size']} year, {year['applications']} applications — {year['verdict']}")
    paid: dict[str, dict[str, str]] = {}
    for solver, o in year["outcomes"].items():
        print(f"  {solver}: {o['outcome']}" + (f", objective {o['objective']}" if "objective" in o else "")
              + (f" ({o['note']})" if o.get("note") else ""))
        if "trace" in o:
            print("    " + o["trace"].replace("\n", "\n    "))
        if "csv" in o:
            (folder / f"allocation-{solver}.csv").write_bytes(o["csv"])
            rows = o["csv"].decode("utf-8-sig").splitlines()[1:]
            paid[solver] = {r.split(",")[0]: r for r in rows}
    if len(paid) == 2:
        differing = [k for k in paid["highs"] if paid["highs"][k] != paid["cbc"].get(k)]
        for k in differing[:20]:
            print(f"  highs {paid['highs'][k]}\n  cbc   {paid['cbc'].get(k)}")
        if len(differing) > 20:
            print(f"  … and {len(differing) - 20} more rows")
    print(f"  allocation.csv of each solver in {folder}")
    return 0 if year["verdict"] in ("same", "infeasible") else 1


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=10_000, help="small years (default 10,000)")
    parser.add_argument("--large", type=int, default=300, help="large years (default 300)")
    parser.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--seed", type=int, default=0, help="the run's seed: each year's seed derives from it")
    parser.add_argument("--replay", type=int, metavar="SEED", help="run the year of this seed alone, in detail")
    parser.add_argument("--quick", action="store_true",
                        help=f"200 small and 3 large years of {QUICK_LARGE_SIZE:,} applications")
    parser.add_argument("--large-size", type=int, help="applications in every large year (default 2,000–4,000)")
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT,
                        help=f"seconds a solve may take (default {TIME_LIMIT:g}); a year past it is a timeout")
    parser.add_argument("--full-face", type=int, metavar="N",
                        help="the canonical stages for years of up to N applications (default: the library's)")
    parser.add_argument("--out", type=Path, default=OUT,
                        help=f"where result.json and years.jsonl go (default {OUT})")
    parser.add_argument("--resume", action="store_true",
                        help="go on from the years.jsonl of a stopped run with the same settings")
    args = parser.parse_args(argv)
    if args.quick:
        args.small, args.large = 200, 3
        args.large_size = args.large_size or QUICK_LARGE_SIZE
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if args.replay is not None:
        set_full_face(args.full_face)
        return replay(args.replay, args.out, args.large_size, args.time_limit)
    began = time.perf_counter()
    seeds = year_seeds(args.seed, args.small, args.large)
    journal = {y["seed"]: y for y in journal_years(args.out, args)} if args.resume else {}
    kept = [journal[s] for s in seeds if s in journal]
    finished = set(journal)
    years = kept + stress([s for s in seeds if s not in finished], args.workers, args.large_size, args.time_limit,
                          args.full_face, start_journal(args.out, args, kept))
    years.sort(key=lambda y: (y["size"] == "large", y["seed"]))
    result = {**report(years, args, time.perf_counter() - began), "resumed": len(kept)}  # seconds: this run's
    write_atomically(args.out / "result.json", json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    print(table(result))
    print(f"wrote {args.out / 'result.json'}")
    return 1 if result["total"]["differ"] or result["total"]["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
