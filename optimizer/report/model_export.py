"""The auditor's package: the optimisation model as `model.lp` and `model.mps`, so any solver can re-derive it.

The model is the one `allocate` proves optimal (docs/how-it-decides.md, The model), in yuan:

    maximise   Σ weight × score × x
    subject to every named limit (budget, envelope_*, envelope_min_*, district_share_*, applicant_cap_*)
               0 ≤ x ≤ E; a whole award is E × (a binary); an award with a minimum ratio is 0 or in [ratio × E, E]

Names are ASCII so that every LP/MPS reader accepts them; the LP file begins with a legend, in the run's language,
that says what each name is (`\\ x_2026_0001 = 1 if 2026-0001 (…) is paid its whole award of 500,000 yuan, else 0`,
`\\ district_share_03 = district_share:两江新区 · district cap: 两江新区: the total is at most 58,500,000 yuan`).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from optimizer.money import ceil_yuan, format_decimal, format_yuan
from optimizer.report.units import say
from optimizer.solving.model import PER_APPLICANT, Column, ColumnKind, Model, Row

_SAFE = re.compile(r"[A-Za-z0-9_]+")


def model_files(model: Model, title: str, lang: str = "zh") -> dict[str, bytes]:
    """`model.lp` and `model.mps` for the model, with a legend at the top of the LP file (in `lang`) that says what
    each name stands for."""
    problem, names = _pulp_model(model, lang)
    with tempfile.TemporaryDirectory(prefix="budgetopt-model-") as folder:
        lp_path, mps_path = Path(folder) / "model.lp", Path(folder) / "model.mps"
        problem.writeLP(str(lp_path))
        problem.writeMPS(str(mps_path), with_objsense=True)  # OBJSENSE MAX, not only a comment
        lp, mps = lp_path.read_bytes(), mps_path.read_bytes()
    header = [f"\\ {title}", f"\\ {say('model.objective', lang)}"]
    header += [f"\\ {short} = {full}" for short, full in names]
    return {"model.lp": ("\n".join(header) + "\n").encode("utf-8") + lp, "model.mps": mps}


def _pulp_model(model: Model, lang: str) -> tuple[Any, list[tuple[str, str]]]:
    import pulp  # here, not at the top: only --export-model needs it

    problem = pulp.LpProblem("budgetopt", pulp.LpMaximize)
    names: list[tuple[str, str]] = []
    used: set[str] = set()
    awards: list[Any] = []
    for j, col in enumerate(model.columns):
        name = _unique(f"x_{_ascii(col.application_id, j)}", used)
        names.append((name, _column_legend(col, lang)))
        if col.kind is ColumnKind.WHOLE:
            chosen = problem.add_variable(name, 0, 1, cat=pulp.LpBinary)
            awards.append(col.amount * chosen)
        else:
            awards.append(problem.add_variable(name, 0, col.amount))
        if col.kind is ColumnKind.SEMI:
            switch = problem.add_variable(f"{name}_paid", cat=pulp.LpBinary)
            names.append((f"{name}_paid", _column_legend(col, lang, switch=True)))
            problem += pulp.LpConstraint(awards[-1] - float(col.floor) * switch, pulp.LpConstraintGE,
                                         f"min_ratio_{name}", 0)
            problem += pulp.LpConstraint(awards[-1] - col.amount * switch, pulp.LpConstraintLE,
                                         f"paid_only_if_{name}", 0)
    problem += pulp.lpSum(float(col.value) * award for col, award in zip(model.columns, awards, strict=True))
    applicants = {col.entitlement.application.credit_code: col.entitlement.application.applicant
                  for col in model.columns}
    for index, row in enumerate(model.rows, start=1):
        name = _unique(_row_name(row, index), used)
        names.append((name, _row_legend(row, lang, applicants)))
        expression = pulp.lpSum(awards[j] for j in row.members)
        sense, bound = (pulp.LpConstraintLE, row.upper) if row.upper is not None else (pulp.LpConstraintGE, row.lower)
        assert bound is not None
        problem += pulp.LpConstraint(expression, sense, name, bound)
    return problem, names


def _column_legend(col: Column, lang: str, switch: bool = False) -> str:
    """What a column's variable is: `1 if 2026-0001 (…) is paid its whole award of 500,000 yuan, else 0`."""
    applicant = col.entitlement.application.applicant
    who = (f"{col.application_id}（{applicant}）", f"{col.application_id} ({applicant})")
    amount, floor = format_yuan(col.amount), format_yuan(ceil_yuan(col.floor))
    code = {ColumnKind.WHOLE: "model.whole", ColumnKind.SEMI: "model.semi_paid" if switch else "model.semi",
            ColumnKind.CONTINUOUS: "model.continuous"}[col.kind]
    return say(code, lang, app=who, amount=amount, floor=floor, value=format_decimal(col.value))


def _row_legend(row: Row, lang: str, applicants: dict[str, str]) -> str:
    """What a limit is: `district_share:两江新区 · 区县上限：两江新区：合计不超过58,500,000元`."""
    label = applicants.get(row.label, row.label) if row.kind in PER_APPLICANT else row.label
    words = say(f"limit.{row.kind.value}", lang, name=label)
    bound = say("model.row_max" if row.upper is not None else "model.row_min", lang, bound=format_yuan(row.limit))
    return f"{row.name} · {words}{bound}"


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
