"""Work done by a second process while this one does the rest: the machine has a core to spare, and some of a
run's work splits into independent parts made from the same plain values — the rows of a large sheet, the
outputs (each is bytes). Nothing here knows what the work is.

`in_background(make)` forks; the child makes the value and sends it back pickled through a pipe; `result()`
returns it. The child shares this process's memory copy-on-write, so nothing is sent to it. Where there is no fork
worth using (not Linux: macOS's system libraries do not survive a fork without exec, Windows has none) or
`enabled` is false, `make` simply runs when its result is asked for. If the child fails for any reason, `make`
runs again here, so an error is raised exactly as it would have been without the second process.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

T = TypeVar("T")
Item = TypeVar("Item")
FORK_UP_TO = 250_000  # rows: beyond, the pages a second process copies cost more memory than its seconds save


@dataclass(frozen=True)
class Pending(Generic[T]):
    """A result on its way: from a child process (`pid`, `pipe`) or, without one, made on demand."""

    make: Callable[[], T]
    pid: int | None = None
    pipe: int | None = None  # the read end

    def result(self) -> T:
        """The value (the pipe is read and the child waited for once; asking again gives the same value)."""
        return self._value

    @cached_property
    def _value(self) -> T:
        if self.pid is None or self.pipe is None:
            return self.make()
        with os.fdopen(self.pipe, "rb", closefd=False) as stream:
            data = stream.read()
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            return self.make()
        value: T = pickle.loads(data)
        return value


def forks(enabled: bool = True) -> bool:
    """Whether `in_background(..., enabled=enabled)` makes its value in a second process."""
    return enabled and sys.platform == "linux"


@contextmanager
def in_background(make: Callable[[], T], *, enabled: bool = True) -> Iterator[Pending[T]]:
    """`make()` started in a forked child; leaving the block without asking for the result ends the child."""
    if not forks(enabled):
        yield Pending(make)
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: make the bytes, send them, and leave without running anything of the parent's
        os.close(read_end)
        code = 1
        try:
            data = pickle.dumps(make(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as stream:
                stream.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        yield Pending(make, pid, read_end)
    finally:
        os.close(read_end)  # a child still writing then stops (broken pipe) and exits
        with suppress(ChildProcessError):  # already waited for by result()
            os.waitpid(pid, 0)


def in_parts(work: Callable[[Sequence[Item]], T], items: Sequence[Item], join: Callable[[T, T], T], *,
             from_size: int) -> T:
    """`work(items)`, done as `join(work(first 60%), work(last 40%))` with the last part in a forked process, from
    `from_size` items up to FORK_UP_TO; the result is the same either way (the tests compare)."""
    cut = len(items) * 3 // 5 if from_size <= len(items) <= FORK_UP_TO else len(items)
    rest = items[cut:]  # the smaller part: what it makes must still be sent back and unpickled here
    if not rest:
        return work(items)
    with in_background(lambda: work(rest)) as second:
        first = work(items[:cut])
        return join(first, second.result())


@contextmanager
def in_thread(make: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """`make()` run in a thread while the block runs — worth it only for work that lets go of Python's GIL (a
    solver, zlib); the block calls what it is given for the result (waiting for it if need be)."""
    with ThreadPoolExecutor(1) as pool:
        yield pool.submit(make).result
