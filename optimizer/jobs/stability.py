"""Stability of the funding line under score noise: how many decisions near it are a coin toss (docs/stability.md).

Review scores are noisy. Each of N draws adds independent normal noise of standard deviation σ to every
application's score — clipped to 0–100, rounded to 0.1 — and solves the scenario exactly as allocate would: proven
optimal, the canonical tie-break, the exact re-check. Per application: the share of draws with an award
(p_funded), with the full entitlement (p_full), the mean award, and its class: always, sometimes or never funded.

Only the scores change between draws. Eligibility, entitlements and 就高、不重复 are decided once, on the scores as
read, and so are the model's limits (solving/model.py: none of them depends on a score); a draw replaces each
column's value (weight × score) and its rank on ties, and is solved by `optimise` as allocate's model is.

**The noise.** Draw k (numbered 1…N) of application `application_id` under `seed` is the first block of numpy's
Philox-4×64 counter-based generator (`np.random.Philox(key=…, counter=k)`) keyed by the first 16 bytes, read
little-endian, of SHA-256 of `budgetopt stability noise`, the seed in decimal and the application_id in UTF-8,
joined by NUL bytes: its first two 64-bit words give two uniforms u₁ ∈ (0, 1], u₂ ∈ [0, 1) (their top 53 bits) and
the Box–Muller transform z = √(−2 ln u₁) · cos(2π u₂) (optimizer/_speed/philox.py computes that block for every
application at once; numpy's generator is the reference its test holds it to). The noisy score is the exact sum of
the score as read and the double σ·z, clipped to [0, 100] and rounded to a multiple of 0.1, a half up (exact rational
arithmetic, a Decimal). So the noise of one application in one draw depends only on (seed, k, application_id): not
on row order, other rows or the number of workers, and the first N draws of a longer run are the same draws.
With σ = 0 there is no noise and every draw is the year as read (scores with more decimals are not rounded).

Draws are solved in chunks by a pool of processes (each builds what does not change once); the tallies are sums of
whole numbers, so the result is the same, byte for byte, whatever the number of workers. A draw that is not solved
to a proven optimum fails the whole run: SolverError names the draw, and nothing is published.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from optimizer._speed.philox import first_block, keys_of
from optimizer.domain import Applications, Entitlement
from optimizer.errors import BudgetoptError, InputError, SolverError
from optimizer.jobs.allocate import allocate_entitled
from optimizer.jobs.inputs import (
    Amount,
    LedgerSource,
    PolicySource,
    input_warnings,
    ledger_of,
    policy_of,
    read_inputs,
    read_lang,
    read_workers,
)
from optimizer.jobs.pool import leave_interrupt_to_parent
from optimizer.reading.applications import ApplicationSource
from optimizer.reading.guard import FileLimits
from optimizer.report.files import write_all
from optimizer.report.stability_html import stability_html
from optimizer.report.stability_out import (
    CLASSES,
    COLUMNS,
    ELIGIBLE,
    StabilityResult,
    StabilityRow,
    Tally,
    stability_csv,
    stability_rows,
    stability_xlsx,
)
from optimizer.results import warnings_said
from optimizer.rules.entitle import entitle
from optimizer.rules.scenario import Scenario, ScenarioSource
from optimizer.rules.ties import rank_key
from optimizer.solving.model import Column, Model
from optimizer.solving.optimise import optimise
from optimizer.words import Phrase

if TYPE_CHECKING:
    import pandas as pd

MAX_DRAWS = 1_000_000
NOISE_KEY = b"budgetopt stability noise"
FILES = ("stability.csv", "stability.xlsx", "stability.html")


@dataclass(frozen=True, repr=False)
class Stability(StabilityResult):
    """Each input row with its noiseless outcome and its share of draws funded, in full, its mean award and its
    class — and a DataFrame and the output files a call away."""

    def __repr__(self) -> str:  # a notebook shows this, not every row
        classes = ", ".join(f"{self.count(k)} {k}" for k in CLASSES)
        return (f"<Stability {self.scenario.name!r}: {self.draws} draws, sigma {self.sigma}, seed {self.seed}; "
                f"{len(self.eligible)} eligible ({classes}){warnings_said(self.warnings)}>")

    def to_frame(self) -> pd.DataFrame:
        """The rows and columns of stability.csv: `allocated` whole yuan (integers), the shares and the mean as
        numbers (as written: four and two decimals), empty (NaN) for rows not eligible."""
        import pandas as pd

        frame = pd.DataFrame(stability_rows(self), columns=list(COLUMNS))
        for column in ("p_funded", "p_full", "mean_allocated"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
        return frame.astype({"allocated": "int64"})

    def ranked_frame(self) -> pd.DataFrame:
        """The eligible applications, best-ranked first, as stability.xlsx's ranking lists them — who they are
        beside how sure their funding is, without a join: `rank` (by weighted score, 1 the highest), application_id,
        applicant, district, clause, `score`, `weighted_score` (weight × score), the noiseless `status` and
        `allocated` (whole yuan), and the shares `p_funded`, `p_full`, the `mean_allocated` and the `class` (always,
        sometimes, never) as stability.csv writes them."""
        import pandas as pd

        written = {id(r): row[3:] for r, row in zip(self.rows, stability_rows(self), strict=True)}  # as the CSV's
        rows = [(r.rank, r.award.application_id, r.award.applicant, r.award.district, r.award.clause, r.award.score,
                 r.value, r.award.status.value, r.award.allocated, *written[id(r)]) for r in self.by_rank()]
        frame = pd.DataFrame(rows, columns=["rank", "application_id", "applicant", "district", "clause", "score",
                                            "weighted_score", "status", "allocated", "p_funded", "p_full",
                                            "mean_allocated", "class"])
        for column in ("score", "weighted_score", "p_funded", "p_full", "mean_allocated"):
            frame[column] = pd.to_numeric(frame[column].astype(str), errors="coerce")
        return frame.astype({"rank": "int64", "allocated": "int64"})

    def write(self, out_dir: Path | str, lang: str = "zh") -> list[Path]:
        """Write stability.csv, stability.xlsx and stability.html into `out_dir`, all of them or none."""
        lang = read_lang(lang)
        files = {"stability.csv": stability_csv(self), "stability.xlsx": stability_xlsx(self, lang),
                 "stability.html": stability_html(self, lang).encode("utf-8")}
        return write_all(Path(out_dir), files)


def stability(applications: ApplicationSource | Applications, scenario: ScenarioSource | Scenario = None, *,
              budget: Amount | None = None, policy: PolicySource = None, ledger: LedgerSource = None,
              draws: int | str, sigma: Decimal | float | int | str, seed: int | str, workers: int | None = None,
              solver: str = "highs", skip_invalid: bool = False, limits: FileLimits | None = None,
              progress: Callable[[int, int], None] | None = None) -> Stability:
    """The allocation's stability under `draws` draws of normal score noise of standard deviation `sigma` (score
    points), drawn from `seed`.

    `applications`, `scenario`, `budget`, `policy`, `ledger`, `solver`, `skip_invalid` and `limits` are those of
    allocate. `workers` solve draws at once (default: one per core); the result is the same whatever their number.
    `progress(done, total)` is called as draws are solved. Raises InputError (the inputs, or draws, sigma or seed
    out of range), Infeasible (the scenario, as allocate would) or SolverError (a draw without a proven optimum:
    the whole run fails).

    >>> result = stability("data/sample_applications.xlsx", "data/scenario_2026.toml", draws=4, sigma=0, seed=1,
    ...                    workers=1)
    >>> result.count("sometimes"), result.count("always") + result.count("never") == len(result.eligible)
    (0, True)
    """
    count, noise, key = read_draws(draws), read_sigma(sigma), read_seed(seed)
    read_workers(workers)
    rules = policy_of(policy)
    counted = ledger_of(ledger)
    read, checked = read_inputs(applications, scenario, budget=budget, policy=rules, skip_invalid=skip_invalid,
                                limits=limits, solver=solver)
    entitlements = entitle(read.valid, rules, year=checked.year, prior=counted.prior)
    baseline = allocate_entitled(read.invalid, entitlements, rules, checked, solver=solver, prior=counted.prior)
    assert baseline.model is not None
    setup = DrawSetup.of(baseline.model, checked, noise, key, count, solver)
    tallies = run_draws(setup, count, workers, progress)
    ranks = _ranks(entitlements, checked)
    rows = tuple(StabilityRow(a, tallies.get(a.application_id, Tally(0, 0, 0)), *ranks[a.application_id])
                 if a.status in ELIGIBLE else StabilityRow(a) for a in baseline.awards)
    ref = None if counted.ref is None else (str(counted.ref.path), counted.ref.entries)
    warnings = input_warnings(read, counted, rules, checked)
    return Stability(rows, count, noise, key, checked, solver, read.source, ref, rules, baseline.so_far.total,
                     warnings, baseline.solver.version)


def read_draws(value: int | str) -> int:
    """The number of draws: a whole number from 1 to MAX_DRAWS (text such as "200" too)."""
    number = _whole(value)
    if number is None or not 1 <= number <= MAX_DRAWS:
        raise InputError.one("draws", Phrase.of("stability.draws", shown=value, most=f"{MAX_DRAWS:,}"))
    return number


def read_seed(value: int | str) -> int:
    """The seed: a whole number ≥ 0 (text such as "7" too)."""
    number = _whole(value)
    if number is None or number < 0:
        raise InputError.one("seed", Phrase.of("stability.seed", shown=value))
    return number


def read_sigma(value: Decimal | float | int | str) -> Decimal:
    """The noise's standard deviation in score points: a number from 0 to 100 ("2", 1.5, Decimal("0.5"))."""
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, bool) else None
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or not 0 <= number <= 100:
        raise InputError.one("sigma", Phrase.of("stability.sigma", shown=value))
    return number + 0  # -0 is 0


def _whole(value: int | str) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()):
        return None
    try:
        return int(text)
    except ValueError:  # more than Python's 4,300 digits
        return None


# ------------------------------------------------------------------------------------------------ the noise


def noise_key(seed: int, application_id: str) -> int:
    """The Philox key of one application under one seed: 128 bits of SHA-256 of both."""
    digest = hashlib.sha256(b"\x00".join((NOISE_KEY, str(seed).encode(), application_id.encode("utf-8"))))
    return int.from_bytes(digest.digest()[:16], "little")


def standard_normals(keys: tuple[np.ndarray, np.ndarray], draw: int) -> list[float]:
    """The standard normal noise of draw `draw` (1…N) for each key of `keys` (see the module's doc), all at once."""
    words = first_block(*keys, draw)
    return [_box_muller(a, b) for a, b in zip(words[0].tolist(), words[1].tolist(), strict=True)]


def draw_noise(seed: int, application_id: str, draw: int) -> float:
    """The standard normal noise of one application in draw `draw` (1…N), from numpy's own Philox generator: the
    reference `standard_normals` agrees with."""
    words = np.random.Philox(key=noise_key(seed, application_id), counter=draw).random_raw(2).tolist()
    return _box_muller(words[0], words[1])


def _box_muller(first: int, second: int) -> float:
    """z = √(−2 ln u₁)·cos(2π u₂) from the top 53 bits of two words: u₁ ∈ (0, 1], u₂ ∈ [0, 1), exact as doubles.
    The C library's log and cos, one value at a time, so that no vector code path can change a bit."""
    u1, u2 = ((first >> 11) + 1) * 2.0 ** -53, (second >> 11) * 2.0 ** -53
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def noised_score(score: Decimal, sigma: Decimal, z: float) -> Decimal:
    """score + σ·z, clipped to [0, 100] and rounded to a multiple of 0.1, a half up — exactly; the score itself
    when σ = 0.

    >>> noised_score(Decimal("85"), Decimal("2"), 0.125), noised_score(Decimal("99.5"), Decimal("2"), 1.0)
    (Decimal('85.3'), Decimal('100.0'))
    """
    if not sigma:
        return score
    p, q = (float(sigma) * z).as_integer_ratio()
    a, b = score.as_integer_ratio()
    numerator, denominator = p * b + a * q, q * b
    tenths = (20 * numerator + denominator) // (2 * denominator)  # ⌊10·x + ½⌋
    return Decimal(min(max(tenths, 0), 1000)).scaleb(-1)


# ------------------------------------------------------------------------------------------------ the draws


@dataclass(frozen=True)
class DrawSetup:
    """What every draw shares: the noiseless model (whose limits no score changes) and, per column, the score as
    read, the clause's weight and the submission date; and how to draw."""

    model: Model
    scores: tuple[Decimal, ...]
    weights: tuple[Decimal, ...]
    submitted: tuple[date, ...]
    sigma: Decimal
    seed: int
    draws: int
    solver: str

    @classmethod
    def of(cls, model: Model, scenario: Scenario, sigma: Decimal, seed: int, draws: int, solver: str) -> DrawSetup:
        apps = [col.entitlement.application for col in model.columns]
        return cls(model, tuple(a.score for a in apps), tuple(scenario.weight(a.clause) for a in apps),
                   tuple(a.submitted_on for a in apps), sigma, seed, draws, solver)

    def model_for(self, scores: Sequence[Decimal]) -> Model:
        """The model with these scores: each column's value (weight × score) and rank on ties as build_model gives
        them; the limits as they are."""
        base = self.model
        ids = [col.application_id for col in base.columns]
        order = sorted(range(len(ids)), key=lambda j: rank_key(scores[j], self.submitted[j], ids[j]))
        rank = [0] * len(ids)
        for position, j in enumerate(order):
            rank[j] = position
        columns = tuple(Column(col.entitlement, col.amount, weight * score, col.kind, col.floor, rank[j])
                        for j, (col, weight, score) in enumerate(zip(base.columns, self.weights, scores,
                                                                     strict=True)))
        return Model(columns, base.rows, base.available, base.rounding)

    def solve(self, draw: int, normals: Sequence[float]) -> tuple[int, ...]:
        """Each column's award in draw `draw` (1…N), given its standard normal noise; SolverError naming the draw
        when it has no proven optimum."""
        scores = [noised_score(s, self.sigma, z) for s, z in zip(self.scores, normals, strict=True)]
        model = self.model_for(scores) if self.sigma else self.model
        try:
            return optimise(model, self.solver).amounts
        except BudgetoptError as exc:  # no proven optimum, or a solver calling a feasible scenario infeasible
            raise SolverError(Phrase.of("stability.draw_failed", draw=draw, draws=self.draws, seed=self.seed,
                                        reason=(exc.says("zh"), exc.says("en"))), hint=exc.hint) from None


_WORK: dict[str, object] = {}  # what one worker process solves draws of


def _start(setup: DrawSetup) -> None:
    leave_interrupt_to_parent()
    keys = keys_of([noise_key(setup.seed, col.application_id) for col in setup.model.columns])
    _WORK.update(setup=setup, keys=keys)


def _solve_chunk(first: int, stop: int) -> tuple[int, np.ndarray]:
    """Draws first … stop − 1: per column, how many had an award, how many the full entitlement, and the yuan."""
    setup, keys = _WORK["setup"], _WORK["keys"]
    assert isinstance(setup, DrawSetup) and isinstance(keys, tuple)
    n = len(setup.model.columns)
    amounts = np.array([col.amount for col in setup.model.columns], dtype=np.int64)
    tally = np.zeros((3, n), dtype=np.int64)
    for draw in range(first, stop):
        normals = standard_normals(keys, draw) if setup.sigma else [0.0] * n
        awards = np.array(setup.solve(draw, normals), dtype=np.int64)
        tally[0] += awards > 0
        tally[1] += awards == amounts
        tally[2] += awards
    return stop - first, tally


def chunks(draws: int, workers: int) -> list[tuple[int, int]]:
    """Draws 1…N in runs of at most 20, about eight per worker: each worker stays busy to the end, and progress
    moves.

    >>> chunks(5, 2)
    [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6)]
    """
    size = min(max(math.ceil(draws / (8 * workers)), 1), 20)
    return [(first, min(first + size, draws + 1)) for first in range(1, draws + 1, size)]


def run_draws(setup: DrawSetup, draws: int, workers: int | None = None,
              progress: Callable[[int, int], None] | None = None) -> dict[str, Tally]:
    """Every draw solved, in a pool of `workers` processes (default: one per core); each eligible column's Tally.
    The tallies are sums of whole numbers: the same whatever the workers and the order chunks finish in."""
    workers = max(workers or os.cpu_count() or 1, 1)
    pieces = chunks(draws, workers)
    workers = min(workers, len(pieces))
    tally = np.zeros((3, len(setup.model.columns)), dtype=np.int64)
    done = 0
    if progress:
        progress(0, draws)

    def add(result: tuple[int, np.ndarray]) -> None:
        nonlocal done
        done += result[0]
        tally[:] += result[1]
        if progress:
            progress(done, draws)

    if workers == 1:
        _start(setup)
        try:
            for first, stop in pieces:
                add(_solve_chunk(first, stop))
        finally:
            _WORK.clear()
    else:
        _in_pool(setup, pieces, workers, add)
    return {col.application_id: Tally(int(f), int(w), int(t))
            for col, f, w, t in zip(setup.model.columns, *tally.tolist(), strict=True)}


def _in_pool(setup: DrawSetup, pieces: Sequence[tuple[int, int]], workers: int,
             add: Callable[[tuple[int, np.ndarray]], None]) -> None:
    """The chunks solved by `workers` processes; the first failure (or Ctrl-C) cancels the chunks not started."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start, initargs=(setup,))
    try:
        futures: list[Future[tuple[int, np.ndarray]]] = [pool.submit(_solve_chunk, a, b) for a, b in pieces]
        for future in as_completed(futures):
            add(future.result())
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _ranks(entitlements: Sequence[Entitlement], scenario: Scenario) -> dict[str, tuple[int, Decimal]]:
    """Each eligible application's place (1 = first) in the ranking by weighted score, ties as the tie rule orders
    them, and its weighted score."""
    eligible = [e.application for e in entitlements if e.eligible]
    values = {a.application_id: scenario.weight(a.clause) * a.score for a in eligible}
    ranked = sorted(eligible, key=lambda a: (-values[a.application_id],
                                             rank_key(a.score, a.submitted_on, a.application_id)))
    return {a.application_id: (k, values[a.application_id]) for k, a in enumerate(ranked, start=1)}
