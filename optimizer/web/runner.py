"""Runs from the registry to the workers and back: queue a run, a sweep, a stability run or a goal search, mark it
running when a worker takes it, record how it ended. A run that fails unexpectedly is `failed` with a sentence; the
detail goes to the log.

A stability run with many draws solves them with a pool of its own processes, and takes as many of the solving
slots (one per core) as its pool has processes: one process for every DRAWS_PER_PROCESS draws, at most every slot.
So the processes solving never outnumber the cores, and a small one (the tests' few draws) solves in its worker
process alone, with no pool to start."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from optimizer.reading.guard import FileLimits
from optimizer.web import goal_tasks, tasks
from optimizer.web.ledgers import LedgerChoice, LedgerFacts
from optimizer.web.registry import Registry, RunRecord
from optimizer.web.security import Refused
from optimizer.web.views import run_label
from optimizer.web.workers import TaskFailed, Workers
from optimizer.words import Phrase

log = logging.getLogger("budgetopt.web")
DRAWS_PER_PROCESS = 50  # fewer draws than this to a process, and starting the pool costs more than it saves


class Runner:
    """The solving workers (at most one solve per core) and the readers of uploads, fed from the registry; each run
    counts the award ledger `ledger` chooses (None: none)."""

    def __init__(self, registry: Registry, solves: int, limits: FileLimits, ledger: LedgerChoice | None = None) -> None:
        self.registry = registry
        self.limits = limits
        self.ledger = ledger
        self.solves = Workers(solves, "solve")
        self.reads = Workers(min(2, solves), "read")
        self._stopping = threading.Event()

    def recover(self) -> None:
        """At start: a run left running is failed, the queued ones queued again in the order they came."""
        interrupted = tasks.Outcome("failed", error=tasks.both(Phrase.of("web.interrupted"))).record()
        for record in self.registry.recover(interrupted):
            self.start(record)

    def close(self) -> None:
        self._stopping.set()
        self.solves.close()
        self.reads.close()

    def job(self, record: RunRecord) -> tasks.RunJob:
        registry = self.registry
        return tasks.RunJob(
            workbook=registry.input_path(record.workbook), workbook_name=record.workbook_name,
            scenario=registry.input_path(record.scenario) if record.scenario else None,
            scenario_name=record.scenario_name or "scenario", budget=record.budget_given, solver=record.solver,
            lang=record.lang, skip_invalid=record.skip_invalid, out_dir=registry.run_folder(record),
            limits=self.limits, ledger=self.ledger)

    def start(self, record: RunRecord) -> None:
        """Queue a run (or a sweep, a stability run, a goal search) for the next free worker."""
        job = self.job(record)
        function: Callable[..., tasks.Outcome] = tasks.allocate_run
        argument: tasks.RunJob | tasks.SweepJob | tasks.StabilityJob | goal_tasks.GoalJob = job
        slots = 1
        if record.kind == "sweep":
            function, argument = tasks.sweep_run, tasks.SweepJob(job, record.levels, progress_file(self, record))
        elif record.kind == "goal":  # one call of the library, telling how many budgets it solved
            params = record.params
            function = goal_tasks.goal_run
            source = self.registry.get(str(params.get("from", "")))
            argument = goal_tasks.GoalJob(job, str(params.get("min_score", "")), str(params.get("clause", "")),
                                          str(params.get("district", "")), params.get("full") is not False,
                                          str(params.get("precision", "")), str(params.get("from", "")),
                                          params.get("prove") is True,
                                          run_label(source, record.lang, self.registry.inputs) if source else "",
                                          progress_file(self, record), *goal_ledger(params),
                                          stop=stop_file(self, record), ids=tuple(map(str, params.get("ids") or ())))
        elif record.kind == "stability":
            draws = int(record.params["draws"])
            slots = pool_size(draws, self.solves.size)
            function = tasks.stability_run
            argument = tasks.StabilityJob(job, draws, str(record.params["sigma"]), int(record.params["seed"]), slots,
                                          progress_file(self, record))
        future = self.solves.submit(function, argument, on_start=lambda: self.registry.started(record.id),
                                    slots=slots)
        future.add_done_callback(lambda done: self._finished(record, done))

    def _finished(self, record: RunRecord, future: Future[Any]) -> None:
        if future.cancelled():  # the server stopped before a worker took it: queued again at the next start
            return
        try:
            outcome: tasks.Outcome = future.result()
        except Exception as exc:
            outcome = self._failed(record, exc)
        self.registry.finish(record.id, outcome.status, outcome.record(), outcome.budget)

    def _failed(self, record: RunRecord, exc: Exception) -> tasks.Outcome:
        if self._stopping.is_set():
            return tasks.Outcome("failed", error=tasks.both(Phrase.of("web.interrupted")))
        detail = exc.detail if isinstance(exc, TaskFailed) else repr(exc)
        kind = exc.kind if isinstance(exc, TaskFailed) else type(exc).__name__
        log.error("run %s failed unexpectedly: %s\n%s", record.id, kind, detail)
        return tasks.Outcome("failed", error=tasks.both(Phrase.of("web.failed", kind=kind)))

    async def call(self, workers: Workers, function: Callable[..., Any], *args: Any) -> Any:
        """A task's result, awaited; an unexpected failure is logged and refused with a sentence."""
        try:
            return await asyncio.wrap_future(workers.submit(function, *args))
        except Exception as exc:
            detail = exc.detail if isinstance(exc, TaskFailed) else repr(exc)
            log.error("%s failed unexpectedly: %s", getattr(function, "__name__", function), detail)
            raise Refused(500, Phrase.of("web.unexpected")) from exc


def goal_ledger(params: Mapping[str, Any]) -> tuple[bool, LedgerFacts | None]:
    """Whether a goal search counts the award ledger as its source run counted it — its params' `ledger`, that
    ledger as the run recorded it (None: none), is there: every search asked since — and that ledger."""
    if "ledger" not in params:
        return False, None
    facts = params["ledger"]
    return True, LedgerFacts(**facts) if isinstance(facts, dict) else None


def pool_size(draws: int, slots: int) -> int:
    """The processes a stability run of `draws` draws solves with, given `slots` solving slots (cores).

    >>> pool_size(20, 2), pool_size(200, 2), pool_size(1000, 8), pool_size(1000, 64)
    (1, 2, 8, 20)
    """
    return max(1, min(slots, -(-draws // DRAWS_PER_PROCESS)))


def progress_file(runner: Runner, record: RunRecord) -> Path:
    return runner.registry.run_folder(record).parent / f"{record.id}.progress"


def stop_file(runner: Runner, record: RunRecord) -> Path:
    """The file whose presence asks a goal search's proof to stop (beside its progress file)."""
    return progress_file(runner, record).with_suffix(".stop")


def progress_of(runner: Runner, record: RunRecord) -> tuple[int, int] | None:
    """How many levels of a sweep (draws of a stability run, splits of a plan) are solved, of how many — of a goal
    search, how many budgets are solved, and how many of them by its proof (None before the first)."""
    try:
        done, total = progress_file(runner, record).read_text(encoding="ascii").split()
        return int(done), int(total)
    except (OSError, ValueError):
        return None
