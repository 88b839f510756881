"""Fixtures shared by the tests; the helpers themselves live in helpers.py."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from helpers import EN_HEADERS, ROOT, write_rows
from hypothesis import settings

import optimizer
from optimizer.rules.policy import Policy, load_policy

if TYPE_CHECKING:
    from starlette.testclient import TestClient

# `make test` and CI draw the same examples every run, so a result never depends on luck; HYPOTHESIS_PROFILE=explore
# draws new ones on every run (random search is how the limit in docs/how-it-decides.md, Ties, shows up).
# No deadline: speed is measured by the benchmarks, not asserted by a test (a busy CI machine is slow).
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy()


@pytest.fixture(scope="session")
def sample() -> optimizer.Allocation:
    """The 2026 sample allocated under its base scenario: once for every test that reads it."""
    return optimizer.allocate(ROOT / "data" / "sample_applications.xlsx", ROOT / "data" / "scenario_2026.toml")


@pytest.fixture(scope="session")
def levels() -> optimizer.Sweep:
    """The 2026 sample swept at 300万 (below the reserve: no solution), 1亿 and 2亿, the levels written with the
    separators a planner types."""
    return optimizer.sweep(ROOT / "data" / "sample_applications.xlsx", ROOT / "data" / "scenario_2026.toml",
                           levels="300万, 1亿；2亿", workers=1)


@pytest.fixture
def book_path(tmp_path: Path) -> Callable[..., Path]:
    def make(rows: Sequence[Mapping[str, Any]], headers: Sequence[str] = EN_HEADERS, name: str = "apps.xlsx",
             sheet: str = "applications") -> Path:
        return write_rows(tmp_path / name, rows, headers, sheet)

    return make


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty data folder for the app: one for each test module of the app that asks."""
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="module")
def client(data: Path) -> Iterator[TestClient]:
    """The app on `data` with two workers, signed in (its token exchanged for the cookie): one for each module."""
    from webapp import app_client, sign_in

    with app_client(data, workers=2) as app:
        yield sign_in(app)
