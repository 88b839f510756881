"""Fixtures shared by the tests; the helpers themselves live in helpers.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from helpers import EN_HEADERS, write_rows

from optimizer.policy import Policy, load_policy


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy()


@pytest.fixture
def book_path(tmp_path: Path) -> Callable[..., Path]:
    def make(rows: Sequence[Mapping[str, Any]], headers: Sequence[str] = EN_HEADERS, name: str = "apps.xlsx",
             sheet: str = "applications") -> Path:
        return write_rows(tmp_path / name, rows, headers, sheet)

    return make
