"""Workers: at most `size` slots busy at once, each task in a process of its own taking one slot (or, for a task that
solves with a pool of its own processes, as many slots as its pool has); the rest wait their turn, first come first
served.

A task is a function of tasks.py (or goal_tasks.py, plan_tasks.py) and its arguments (plain values). Each runs in a
fresh process started by the "forkserver" method where there is one (a small, single-threaded process that imported
the library once, so a worker starts in milliseconds and never inherits the server's threads), else "spawn". The
library may fork inside a worker; it never forks the server. A worker that dies, or a task that raises what the
library does not raise on purpose, ends its Future with TaskFailed: the caller records the run as failed and logs the
detail.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any

from optimizer._speed.collector import collector_paused

_PRELOAD = ["optimizer.web.tasks"]


def _context() -> ForkServerContext | SpawnContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


CONTEXT = _context()


class TaskFailed(Exception):
    """A task ended without an outcome: it raised `kind` (with `detail`, its traceback, for the log), or its
    process died (kind "exit")."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class _Task:
    function: Callable[..., Any]
    args: tuple[Any, ...]
    future: Future[Any] = field(default_factory=Future)
    on_start: Callable[[], None] | None = None
    slots: int = 1


class Workers:
    """A queue of tasks and at most `size` slots of work on them (a slot: a process solving, a core)."""

    def __init__(self, size: int, name: str = "worker") -> None:
        self.size = max(1, size)
        self._queue: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._slots = threading.BoundedSemaphore(self.size)
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._live: set[BaseProcess] = set()
        self._dispatcher = threading.Thread(target=self._dispatch, name=f"budgetopt-{name}", daemon=True)
        self._dispatcher.start()

    def submit(self, function: Callable[..., Any], *args: Any, on_start: Callable[[], None] | None = None,
               slots: int = 1) -> Future[Any]:
        """Queue `function(*args)`; `on_start` is called when a process takes it up. It waits until `slots` slots
        are free (at most `size`: a task that runs a pool of that many processes), and holds them until it ends."""
        task = _Task(function, args, on_start=on_start, slots=min(max(1, slots), self.size))
        if self._closed.is_set():
            task.future.cancel()
        else:
            self._queue.put(task)
        return task.future

    def close(self) -> None:
        """Stop: queued tasks are cancelled, running ones' processes ended (their runs stay as the registry has
        them, and the next start deals with them)."""
        self._closed.set()
        self._queue.put(None)
        with self._lock:
            for process in self._live:
                process.terminate()
        self._dispatcher.join(timeout=5)

    def _dispatch(self) -> None:
        while (task := self._queue.get()) is not None:
            for _ in range(task.slots):  # only this thread takes slots, one task after another: no one starves
                self._slots.acquire()
            if self._closed.is_set():
                task.future.cancel()
                self._release(task)
                continue
            threading.Thread(target=self._run, args=(task,), name="budgetopt-task", daemon=True).start()
        while True:  # closed: what is still queued is cancelled
            try:
                left = self._queue.get_nowait()
            except queue.Empty:
                break
            if left is not None:
                left.future.cancel()

    def _run(self, task: _Task) -> None:
        try:
            if not task.future.set_running_or_notify_cancel():
                return
            if task.on_start is not None:
                task.on_start()
            task.future.set_result(self._in_process(task))
        except BaseException as exc:
            if not task.future.done():
                task.future.set_exception(exc if isinstance(exc, Exception) else TaskFailed(type(exc).__name__, ""))
        finally:
            self._release(task)

    def _release(self, task: _Task) -> None:
        for _ in range(task.slots):
            self._slots.release()

    def _in_process(self, task: _Task) -> Any:
        receive, send = CONTEXT.Pipe(duplex=False)
        process = CONTEXT.Process(target=_child, args=(send, task.function, task.args), daemon=False)
        with self._lock:
            if self._closed.is_set():
                raise TaskFailed("closed", "the server is stopping")
            process.start()
            self._live.add(process)
        send.close()
        try:
            try:
                kind, value = receive.recv()
            except EOFError:
                process.join()
                raise TaskFailed("exit", f"the worker process ended with exit code {process.exitcode}") from None
        finally:
            receive.close()
            process.join()
            with self._lock:
                self._live.discard(process)
        if kind == "ok":
            return value
        raise TaskFailed(*value)


def _child(send: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """In the worker process: the task's result, or what it raised (its kind and traceback), sent back."""
    try:
        with collector_paused():  # a process of its own, for this one task
            message: tuple[str, Any] = ("ok", function(*args))
    except BaseException as exc:
        message = ("error", (type(exc).__name__, traceback.format_exc()))
    try:
        send.send(message)
    finally:
        send.close()
