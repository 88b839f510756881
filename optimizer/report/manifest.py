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
from optimizer.money import format_amount, format_decimal
from optimizer.results import AllocationResult, RunRequest
from optimizer.rules.divisions import divisions_path


@dataclass(frozen=True)
class InputFile:
    role: str  # workbook, policy, divisions, scenario
    path: Path | None  # None: the applications were given as a DataFrame or records, not a file
    shipped: bool = False  # part of the installed package rather than a file the user gave
    given_as: str = ""  # what was given instead of a file ("DataFrame", "records")

    def describe(self, out_dir: Path) -> dict[str, Any]:
        if self.path is None:
            return {"path": None, "shipped": False, "sha256": None, "given_as": self.given_as}
        where = self.path.name if self.shipped else os.path.relpath(self.path.resolve(), out_dir.resolve())
        return {"path": where, "shipped": self.shipped, "sha256": sha256_file(self.path)}

    def digest(self) -> str:
        return "—" if self.path is None else sha256_file(self.path)


@dataclass(frozen=True)
class RunFacts:
    """How the run was asked for and when it happened: what the manifest and the parameters sheet record."""

    inputs: tuple[InputFile, ...]
    request: RunRequest
    lang: str
    export_model: bool = False


def run_facts(allocation: AllocationResult, lang: str, export_model: bool = False) -> RunFacts:
    """The facts of an allocation's run, from how it was asked for."""
    request, policy = allocation.request, allocation.policy
    assert request is not None and policy is not None, "an allocation made by allocate() knows how it was asked for"
    files = [InputFile("workbook", request.workbook, given_as="" if request.workbook else request.source),
             InputFile("policy", policy.path, shipped=policy.shipped),
             InputFile("divisions", divisions_path(), shipped=True)]
    if request.scenario is not None:
        files.append(InputFile("scenario", request.scenario))
    return RunFacts(tuple(files), request, lang, export_model)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def totals(allocation: AllocationResult) -> dict[str, Any]:
    scenario = allocation.scenario
    assert scenario.budget is not None
    return {
        "budget": scenario.budget, "reserve": scenario.reserve, "available": scenario.available,
        "allocated": allocation.allocated, "unspent": scenario.available - allocation.allocated,
        "rows": len(allocation.awards), **{s.value: allocation.count(s) for s in Status},
    }


def manifest_json(allocation: AllocationResult, facts: RunFacts, out_dir: Path, csv_sha256: str,
                  solver_version: str) -> bytes:
    asked = facts.request
    document = {
        "tool": {"name": "budgetopt", "version": __version__},
        "command": {"command": "allocate", "budget": asked.budget, "solver": asked.solver, "lang": facts.lang,
                    "skip_invalid": asked.skip_invalid, "time_limit": asked.time_limit,
                    "export_model": facts.export_model, "limits": asked.limits},
        "inputs": {f.role: f.describe(out_dir) for f in facts.inputs},
        "scenario": allocation.scenario.as_dict(),
        "solver": {"name": allocation.solver.name, "version": solver_version,
                   "status": allocation.solver.status.value,
                   **({"note": allocation.solver.note} if allocation.solver.note else {})},
        "objective": format_decimal(allocation.objective),
        "totals": totals(allocation),
        "outputs": {"allocation.csv": {"sha256": csv_sha256}},
        "time": {"started": asked.started_at, "seconds": round(asked.seconds, 3)},
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parameters(allocation: AllocationResult, facts: RunFacts, lang: str) -> Sequence[tuple[str, str]]:
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
        ("求解器" if zh else "solver", facts.request.solver),
        ("目标值" if zh else "objective", format_decimal(allocation.objective)),
        ("工具版本" if zh else "tool version", f"budgetopt {__version__}"),
    ]
    for env in s.envelopes:
        limits = [f"max {env.max:,}" if env.max is not None else "", f"max_share {env.max_share}" if env.max_share
                  is not None else "", f"min {env.min:,}" if env.min else ""]
        rows.append((("专项额度 " if zh else "envelope ") + env.name,
                     f"{', '.join(env.clauses)}: {'; '.join(x for x in limits if x)}"))
    for f in facts.inputs:
        rows.append((f"SHA-256 {f.role}", f.digest()))
    return rows
