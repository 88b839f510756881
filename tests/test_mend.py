"""Mending a relaxation's allocation (solving/mend.py): awards found below their minimum funding ratio, and the others
of their values, solved again with the minimums held — taken only when that is worth the relaxation's optimum."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from optimizer.solving.backends import Run, SolveStatus, problem_from_rows
from optimizer.solving.mend import MEND_MOST, mended


def two_of_one_value() -> Any:
    # x and y are worth the same per unit of money: x's share costs 1.0 of the cap, y's 0.5; each is 0 or at least
    # half of its award; the cap holds 0.3
    return problem_from_rows(["x", "y"], np.array([1.0, 0.5]), np.full(2, 0.5), np.ones(2), ["S", "S"],
                             [("cap", [0, 1], [1.0, 0.5], -np.inf, 0.3)])


def relaxed_answer(values: list[float]) -> Run:
    return Run(SolveStatus.OPTIMAL, np.array(values), 0.3, None, 0.0, "")


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_money_paid_below_a_minimum_goes_to_another_of_the_same_value(solver: str) -> None:
    # relaxed, x took the 0.3 (below its minimum of 0.5); y can take it all (0.6 of its award, above its minimum)
    run = mended(two_of_one_value(), relaxed_answer([0.3, 0.0]), np.array([True, False]), np.array([7, 7]), solver,
                 None)
    assert run is not None and run.values is not None
    assert run.values.tolist() == pytest.approx([0.0, 0.6])
    assert run.objective == pytest.approx(0.3)
    assert run.solver == solver  # who answered: its shares are read to its noise (formulation.share_noise)


def test_a_mended_cbc_answer_is_read_as_cbc_s() -> None:
    # the relaxation's values kept outside the mended part are CBC's, so the whole answer is read to CBC's noise
    run = mended(two_of_one_value(), replace(relaxed_answer([0.3, 0.0]), solver="cbc"), np.array([True, False]),
                 np.array([7, 7]), "highs", None)
    assert run is not None and run.solver == "cbc"


def test_no_mending_when_it_would_cost_worth() -> None:
    # y is of another value: x alone cannot take 0.3 (0 or at least 0.5), so mending would lose the 0.3
    assert mended(two_of_one_value(), relaxed_answer([0.3, 0.0]), np.array([True, False]), np.array([7, 8]),
                  "highs", None) is None


def test_no_mending_past_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    from optimizer.solving import mend

    monkeypatch.setattr(mend, "MEND_MOST", 1)  # two columns to solve again: as costly as a round, not tried
    assert mended(two_of_one_value(), relaxed_answer([0.3, 0.0]), np.array([True, False]), np.array([7, 7]),
                  "highs", None) is None
    assert MEND_MOST >= 100


def test_an_allocation_holding_the_relaxations_choices_meets_every_minimum() -> None:
    from optimizer.solving.mend import held_as_found

    # x (0 or at least half), y (continuous), z (whole) under one cap of 1.5: relaxed, z = 1, x = 0.2 below its
    # minimum and y = 0.3. Held: z stays 1, x unpaid; y takes the room, up to its award
    problem = problem_from_rows(["x", "y", "z"], np.array([3.0, 1.0, 2.0]), np.array([0.5, 0.0, 0.0]), np.ones(3),
                                ["S", "C", "B"], [("cap", [0, 1, 2], [1.0, 1.0, 1.0], -np.inf, 1.5)])
    run = Run(SolveStatus.OPTIMAL, np.array([0.2, 0.3, 1.0]), 2.9, None, 0.0, "")
    held = held_as_found(problem, run, np.array([True, False, False]), "highs", None)
    assert held is not None and held.values is not None
    assert held.values.tolist() == pytest.approx([0.0, 0.5, 1.0])

