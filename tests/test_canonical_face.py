"""The canonical stages keep to the optimum's row (docs/canonical.md, "The optimum's row must not drift") on a year
of the bench's generator where they had not: 2,000 applications, seed 13, the bench's scenario."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers import ROOT

from optimizer.jobs.allocate import allocate
from optimizer.rules.policy import Policy
from optimizer.solving import canonical

sys.path.insert(0, str(ROOT / "scripts"))
import synthetic  # a script, not a package: found through the path above


def test_the_stages_keep_to_the_optimums_row_where_they_had_drifted(tmp_path: Path, policy: Policy,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # read to CBC's noise and against the model's rows only, HiGHS's fractions of a yuan were snapped away stage
    # after stage, and each next stage loosened the optimum's row to where the allocation then lay: this year's
    # walk ended 4.1e-5 point-万元 below the optimum
    workbook, scenario = tmp_path / "year.xlsx", tmp_path / "year.toml"
    synthetic.write_workbook(workbook, 2000, seed=13)
    scenario.write_text(synthetic.scenario_text(2000), encoding="utf-8")
    below: list[float] = []  # how far the allocation lies below the optimum's row after each stage
    stage = canonical._Walk._stage

    def recorded(self: Any, block: list[int], movable: np.ndarray) -> None:
        stage(self, block, movable)
        k = self.face.row_names.index("optimum")
        below.append(float(self.face.row_lower[k] - self.face.activity(self.current)[k]))

    monkeypatch.setattr(canonical._Walk, "_stage", recorded)
    allocate(workbook, scenario, policy=policy)
    assert below and max(below) < 1e-8, max(below)
