"""What the min_budget tests share: a goal searched on the sample's scenario to 100万 unless told otherwise, one
target's status at a budget, a caller that stops the proofs, and a repr as it reads once stopped so."""

from __future__ import annotations

from typing import Any

import optimizer
from optimizer.domain import Status
from optimizer.jobs.min_budget import BudgetGoal, StopProof

SCENARIO = "data/scenario_2026.toml"


def goal_of(apps: optimizer.Applications, fund: list[str], **options: Any) -> BudgetGoal:
    return optimizer.min_budget(apps, SCENARIO, fund=fund, **{"precision": "100万", **options})


def status_at(apps: optimizer.Applications, budget: str, target: str) -> Status:
    return next(a.status for a in optimizer.allocate(apps, SCENARIO, budget=budget).awards
                if a.application_id == target)


def stop_after(proofs: int) -> Any:
    """A progress that asks the proof to stop once it has made `proofs` solves."""
    def progress(solves: int, proof: int) -> None:
        if proof >= proofs:
            raise StopProof
    return progress


def as_stopped(said: str) -> str:
    """A repr of proofs ended at their limit of solves, as it reads when the caller stopped them (StopProof)."""
    return said.replace("the proof stopped at its limit of solves", "the proof was stopped (StopProof)").replace(
        "its proof settled nothing below it: the limit of solves was reached",
        "its proof settled nothing below it: the proofs were stopped (StopProof)")
