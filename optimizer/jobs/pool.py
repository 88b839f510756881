"""Many budgets solved at once — a sweep's levels, a plan's splits: here, or by a pool of worker processes, each set
up once with what every budget is solved from. The result is the same whatever the number of workers."""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

R = TypeVar("R")


def leave_interrupt_to_parent() -> None:
    """In a worker process: Ctrl-C is the parent's to handle (it stops the pool and says so once)."""
    if multiprocessing.parent_process() is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def solve_each(budgets: Sequence[int], solve: Callable[[int], R], start: Callable[..., None], args: tuple[Any, ...],
               workers: int, progress: Callable[[int, int], None] | None = None) -> dict[int, R]:
    """Each budget's result, `solve(budget)`, after `start(*args)` has set up the process that solves it — this one
    when `workers` is 1, else each of a pool of `workers` (`solve` and `start` then module-level functions, `args`
    picklable); `progress(done, total)` as budgets are solved."""
    found: dict[int, R] = {}

    def done(budget: int, result: R) -> None:
        found[budget] = result
        if progress:
            progress(len(found), len(budgets))

    if workers == 1:
        start(*args)
        for budget in budgets:
            done(budget, solve(budget))
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=start, initargs=args) as pool:
            submitted = {pool.submit(solve, budget): budget for budget in budgets}
            for future in as_completed(submitted):
                done(submitted[future], future.result())
    return found
