"""The auditor's package: the optimisation model as `model.lp` and `model.mps`, so any solver can re-derive it.

The model is the one `allocate` proves optimal (docs/how-it-decides.md, The model), in yuan:

    maximise   Σ weight × score × x
    subject to every named limit (budget, envelope_*, envelope_min_*, district_share_*, applicant_cap_*)
               0 ≤ x ≤ E; a whole award is E × (a binary); an award with a minimum ratio is 0 or in [ratio × E, E]

Names are ASCII so that every LP/MPS reader accepts them; the LP file begins with comments that map each name to
the application or limit it stands for (`\\ district_share_03 = district_share:两江新区`).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from optimizer.solving.model import ColumnKind, Model, Row

_SAFE = re.compile(r"[A-Za-z0-9_]+")


def model_files(model: Model, title: str) -> dict[str, bytes]:
    """`model.lp` and `model.mps` for the model, with a name map at the top of the LP file."""
    problem, names = _pulp_model(model)
    with tempfile.TemporaryDirectory(prefix="budgetopt-model-") as folder:
        lp_path, mps_path = Path(folder) / "model.lp", Path(folder) / "model.mps"
        problem.writeLP(str(lp_path))
        problem.writeMPS(str(mps_path), with_objsense=True)  # OBJSENSE MAX, not only a comment
        lp, mps = lp_path.read_bytes(), mps_path.read_bytes()
    header = [f"\\ {title}", "\\ maximise Σ weight × score × award (yuan); names:"]
    header += [f"\\ {short} = {full}" for short, full in names]
    return {"model.lp": ("\n".join(header) + "\n").encode("utf-8") + lp, "model.mps": mps}


def _pulp_model(model: Model) -> tuple[Any, list[tuple[str, str]]]:
    import pulp  # here, not at the top: only --export-model needs it

    problem = pulp.LpProblem("budgetopt", pulp.LpMaximize)
    names: list[tuple[str, str]] = []
    used: set[str] = set()
    awards: list[Any] = []
    for j, col in enumerate(model.columns):
        name = _unique(f"x_{_ascii(col.application_id, j)}", used)
        names.append((name, f"award of {col.application_id} (E = {col.amount}, {col.kind.value})"))
        if col.kind is ColumnKind.WHOLE:
            chosen = problem.add_variable(name, 0, 1, cat=pulp.LpBinary)
            awards.append(col.amount * chosen)
        else:
            awards.append(problem.add_variable(name, 0, col.amount))
        if col.kind is ColumnKind.SEMI:
            switch = problem.add_variable(f"{name}_paid", cat=pulp.LpBinary)
            problem += pulp.LpConstraint(awards[-1] - float(col.floor) * switch, pulp.LpConstraintGE,
                                         f"min_ratio_{name}", 0)
            problem += pulp.LpConstraint(awards[-1] - col.amount * switch, pulp.LpConstraintLE,
                                         f"paid_only_if_{name}", 0)
    problem += pulp.lpSum(float(col.value) * award for col, award in zip(model.columns, awards, strict=True))
    for index, row in enumerate(model.rows, start=1):
        name = _unique(_row_name(row, index), used)
        names.append((name, row.name))
        expression = pulp.lpSum(awards[j] for j in row.members)
        sense, bound = (pulp.LpConstraintLE, row.upper) if row.upper is not None else (pulp.LpConstraintGE, row.lower)
        assert bound is not None
        problem += pulp.LpConstraint(expression, sense, name, bound)
    return problem, names


def _row_name(row: Row, index: int) -> str:
    kind = row.kind.value
    if kind == "budget":
        return "budget"
    label = row.label if _SAFE.fullmatch(row.label) else f"{index:02d}"
    return f"{kind}_{label}"


def _ascii(text: str, index: int) -> str:
    cleaned = re.sub(r"[-.\s/]", "_", text)
    return cleaned if _SAFE.fullmatch(cleaned) else f"{index:05d}"


def _unique(name: str, used: set[str]) -> str:
    candidate, counter = name, 2
    while candidate in used:
        candidate, counter = f"{name}_{counter}", counter + 1
    used.add(candidate)
    return candidate
