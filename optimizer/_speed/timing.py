"""Phase timings, recorded only when someone asks (the benchmark, `--timings`): free otherwise.

    with recording() as seconds:
        allocate(...)
    seconds  # {"entitle": 0.41, "build": 0.9, "solve": 5.3, ...}
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_RECORD: ContextVar[dict[str, float] | None] = ContextVar("budgetopt_timings", default=None)


@contextmanager
def phase(name: str) -> Iterator[None]:
    record = _RECORD.get()
    if record is None:
        yield
        return
    began = time.perf_counter()
    try:
        yield
    finally:
        record[name] = record.get(name, 0.0) + time.perf_counter() - began


@contextmanager
def recording() -> Iterator[dict[str, float]]:
    record: dict[str, float] = {}
    token = _RECORD.set(record)
    try:
        yield record
    finally:
        _RECORD.reset(token)
