"""manifest.json: what an auditor needs to reproduce a run — inputs and their SHA-256, the effective scenario,
tool and solver versions, the objective, totals, the SHA-256 of allocation.csv, and the time of the run (the only
field that differs between two identical runs)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from optimizer import __version__
from optimizer.domain import Status
from optimizer.jobs.allocate import Allocation
from optimizer.money import format_amount, format_decimal
from optimizer.reading.guard import Limits
from optimizer.rules.divisions import divisions_path
from optimizer.rules.policy import default_policy_path

LIMIT_FIELDS = ("max_file_bytes", "max_unpacked_bytes", "max_rows", "max_columns", "max_cells")


@dataclass(frozen=True)
class InputFile:
    role: str  # workbook, policy, divisions, scenario
    path: Path
    shipped: bool = False  # part of the installed package rather than a file the user gave

    def describe(self, out_dir: Path) -> dict[str, Any]:
        where = self.path.name if self.shipped else os.path.relpath(self.path.resolve(), out_dir.resolve())
        return {"path": where, "shipped": self.shipped, "sha256": sha256_file(self.path)}


@dataclass(frozen=True)
class RunFacts:
    """How the run was asked for and when it happened."""

    inputs: tuple[InputFile, ...]
    command: str
    budget: str | None
    solver: str
    lang: str
    skip_invalid: bool
    time_limit: float | None
    started_at: str
    seconds: float
    export_model: bool = False
    limits: dict[str, int] | None = None  # the reader's limits, when not the defaults


def limits_record(limits: Limits) -> dict[str, int] | None:
    """The reader's limits as the manifest records them: only when some differ from the defaults."""
    given = {name: int(getattr(limits, name)) for name in LIMIT_FIELDS}
    defaults = {name: int(getattr(Limits(), name)) for name in LIMIT_FIELDS}
    return None if given == defaults else given


def input_files(workbook: Path, policy: Path | None, scenario: Path | None) -> tuple[InputFile, ...]:
    files = [InputFile("workbook", workbook),
             InputFile("policy", policy or default_policy_path(), shipped=policy is None),
             InputFile("divisions", divisions_path(), shipped=True)]
    if scenario is not None:
        files.append(InputFile("scenario", scenario))
    return tuple(files)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def totals(allocation: Allocation) -> dict[str, Any]:
    scenario = allocation.scenario
    assert scenario.budget is not None
    return {
        "budget": scenario.budget, "reserve": scenario.reserve, "available": scenario.available,
        "allocated": allocation.allocated, "unspent": scenario.available - allocation.allocated,
        "rows": len(allocation.awards), **{s.value: allocation.count(s) for s in Status},
    }


def manifest_json(allocation: Allocation, facts: RunFacts, out_dir: Path, csv_sha256: str,
                  solver_version: str) -> bytes:
    document = {
        "tool": {"name": "budgetopt", "version": __version__},
        "command": {"command": facts.command, "budget": facts.budget, "solver": facts.solver, "lang": facts.lang,
                    "skip_invalid": facts.skip_invalid, "time_limit": facts.time_limit,
                    "export_model": facts.export_model, "limits": facts.limits},
        "inputs": {f.role: f.describe(out_dir) for f in facts.inputs},
        "scenario": allocation.scenario.as_dict(),
        "solver": {"name": allocation.solver.name, "version": solver_version,
                   "status": allocation.solver.status.value,
                   **({"note": allocation.solver.note} if allocation.solver.note else {})},
        "objective": format_decimal(allocation.objective),
        "totals": totals(allocation),
        "outputs": {"allocation.csv": {"sha256": csv_sha256}},
        "time": {"started": facts.started_at, "seconds": round(facts.seconds, 3)},
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parameters(allocation: Allocation, facts: RunFacts, lang: str) -> Sequence[tuple[str, str]]:
    """The run's parameters for people (the workbook's last sheet): no times, so reruns give the same file."""
    zh = lang == "zh"
    s = allocation.scenario
    assert s.budget is not None
    rows = [
        ("情景" if zh else "scenario", s.name),
        ("年度预算" if zh else "budget", f"{s.budget:,} ({format_amount(s.budget)})"),
        ("预留" if zh else "reserve", f"{s.reserve:,}"),
        ("可分配额" if zh else "available", f"{s.available:,}"),
        ("申报年度" if zh else "year", str(s.year or "")),
        ("定额奖励" if zh else "fixed awards", s.fixed_awards),
        ("最低资助比例" if zh else "minimum funding ratio", format_decimal(s.min_funding_ratio)),
        ("取整单位（元）" if zh else "rounding (yuan)", str(s.rounding)),
        ("条款权重" if zh else "weights", ", ".join(f"{k}={format_decimal(v)}" for k, v in sorted(s.weights.items()))),
        ("区县占比上限" if zh else "district max share",
         "" if s.district_max_share is None else format_decimal(s.district_max_share)),
        ("单户上限" if zh else "applicant max total", "" if s.applicant_max_total is None else
         f"{s.applicant_max_total:,}"),
        ("求解器" if zh else "solver", facts.solver),
        ("目标值" if zh else "objective", format_decimal(allocation.objective)),
        ("工具版本" if zh else "tool version", f"budgetopt {__version__}"),
    ]
    for env in s.envelopes:
        limits = [f"max {env.max:,}" if env.max is not None else "", f"max_share {env.max_share}" if env.max_share
                  is not None else "", f"min {env.min:,}" if env.min else ""]
        rows.append((("专项额度 " if zh else "envelope ") + env.name,
                     f"{', '.join(env.clauses)}: {'; '.join(x for x in limits if x)}"))
    for f in facts.inputs:
        rows.append((f"SHA-256 {f.role}", sha256_file(f.path)))
    return rows
