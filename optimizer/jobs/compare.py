"""Two runs side by side: totals, spend by clause, section and district, and every application whose allocation
or status changed, with both reasons. Runs on different workbooks are matched by application_id; rows present in
only one run are listed, not dropped."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from optimizer.errors import InputError
from optimizer.jobs.inputs import PolicySource, policy_of, read_lang
from optimizer.money import format_decimal
from optimizer.reading.run_folder import RunData, RunRow, read_run, score_of
from optimizer.report.allocation_csv import award_reasons
from optimizer.report.compare_out import objectives_comparable
from optimizer.report.files import write_all
from optimizer.report.limits import budget_marginal
from optimizer.report.manifest import totals as manifest_totals
from optimizer.report.outputs import compare_outputs
from optimizer.report.units import say
from optimizer.results import TOTALS, AllocationResult, ComparisonResult, Difference, Line, Valuation, weighted_value
from optimizer.rules.policy import Policy
from optimizer.words import Phrase

if TYPE_CHECKING:
    import pandas as pd

RunSource = Path | str | AllocationResult
FRAME_COLUMNS = ("change", "application_id", "applicant", "clause", "district", "allocated_a", "status_a",
                 "allocated_b", "status_b", "difference", "reason_a", "reason_b")


@dataclass(frozen=True, repr=False)
class Comparison(ComparisonResult):
    """What changed between two runs — with a DataFrame and the output files a call away."""

    def __repr__(self) -> str:  # a notebook shows this, not every row of both runs
        return f"<Comparison {self.a.label!r} → {self.b.label!r}: {len(self.differences)} applications differ>"

    def to_frame(self) -> pd.DataFrame:
        """One row per application whose allocation or status changed, or that is in one run only: `change`
        (changed, only_a, only_b), who it is, each run's allocation, status and reason, and the difference B − A."""
        import pandas as pd

        rows = [(d.kind, d.application_id, d.applicant, d.clause, d.district,
                 d.a.allocated if d.a else None, d.a.status if d.a else None,
                 d.b.allocated if d.b else None, d.b.status if d.b else None, d.delta,
                 d.a.reason if d.a else None, d.b.reason if d.b else None) for d in self.differences]
        frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
        return frame.astype({"allocated_a": "Int64", "allocated_b": "Int64", "difference": "int64"})

    @property
    def objectives_comparable(self) -> bool | None:
        """Whether the two objectives may be subtracted: only under the same clause weights (the objective is
        Σ weight × score × yuan); None when a run folder did not record its weights."""
        return objectives_comparable(self)

    def totals_frame(self) -> pd.DataFrame:
        """The totals, then spend by section, clause and district, one row each: `group` (total, section, clause,
        district, valued), `key`, `label`, `a`, `b` and `difference` (B − A; empty for the objective when the
        objectives are not comparable). Money in yuan. The `valued` rows: both objectives under one run's weights
        (`objective_under_A`), and their difference in that run's budget at its funding line (`budget_equivalent`,
        yuan; empty when its budget did not bind)."""
        import pandas as pd

        apart = not self.objectives_comparable
        groups = (("total", self.totals), ("section", self.by_section), ("clause", self.by_clause),
                  ("district", self.by_district))
        rows: list[tuple[str, str, str, Decimal | None, Decimal | None, Decimal | int | None]] = [
            (group, x.key, x.label, x.a, x.b, None if x.key == "objective" and apart else x.delta)
            for group, lines in groups for x in lines]
        v = self.valued
        if v is not None:
            under = {"under": v.under}
            rows += [("valued", f"objective_under_{v.under}", say("report.compare.valued_row", self.lang, **under),
                      v.a, v.b, v.delta),
                     ("valued", "budget_equivalent", say("report.compare.budget_equivalent_row", self.lang, **under),
                      None, None, v.budget_equivalent)]
        return pd.DataFrame(rows, columns=["group", "key", "label", "a", "b", "difference"])

    def write(self, out_dir: Path | str) -> list[Path]:
        """Write compare.xlsx and compare.html into `out_dir`, all of them or none."""
        return write_all(Path(out_dir), compare_outputs(self, self.lang))


def compare(run_a: RunSource, run_b: RunSource, *, policy: PolicySource = None, lang: str = "zh",
            value_under: str = "a") -> Comparison:
    """Two runs side by side: each a folder an allocate run wrote, or an Allocation.

    Totals, spend by clause, section and district, and every application whose allocation or status changed, with
    both reasons; applications are matched by application_id, and rows in only one run are listed, not dropped.
    Labels (clause titles, sections) are in Chinese, or English with lang="en".

    `valued` values both runs' awards as run `value_under` ("a" or "b") values awards — its weights — and says the
    difference in its budget, at its funding line: what a change of weights, caps or policy costs in that run's
    terms (docs/planning.md).

    >>> from optimizer import allocate, compare
    >>> base = allocate("data/sample_applications.xlsx", "data/scenario_2026.toml")
    >>> plain = allocate("data/sample_applications.xlsx", "data/scenario_2026_plain.toml")
    >>> len(compare(base, plain).to_frame()) > 0
    True
    """
    policy, lang = policy_of(policy), read_lang(lang)
    under = _side(value_under)
    a, b = _run(run_a, "A", policy, lang), _run(run_b, "B", policy, lang)
    totals = [Line(key, key, Decimal(a.total(key)), Decimal(b.total(key))) for key in TOTALS
              if key != "earlier_rounds" or a.total(key) or b.total(key)]  # a year's second round: said
    totals.append(Line("objective", "objective", a.objective, b.objective))

    def section(row: RunRow) -> str:
        return policy.clause(row.clause).section if row.clause in policy.clauses else "—"

    def clause_label(key: str) -> str:
        return f"{key} {policy.clause(key).title(lang)}" if key in policy.clauses else key

    def section_label(key: str) -> str:
        return f"{key} {policy.sections[key].title(lang)}" if key in policy.sections else key

    return Comparison(
        a=a, b=b, totals=tuple(totals), lang=lang,
        by_clause=_grouped(a, b, lambda r: r.clause, clause_label, list(policy.clauses)),
        by_section=_grouped(a, b, section, section_label, list(policy.sections)),
        by_district=_grouped(a, b, lambda r: r.district, lambda d: d, None),
        differences=tuple(_differences(a, b)),
        valued=_valued(a, b, under),
    )


def _side(value_under: object) -> str:
    if value_under not in ("a", "b", "A", "B"):
        raise InputError.one("value_under", Phrase.of("compare.value_under", given=repr(value_under)))
    return str(value_under).upper()


def _valued(a: RunData, b: RunData, under: str) -> Valuation | None:
    """Both runs' awards valued under run `under`'s weights, with its budget's marginal value; None when that run
    did not record its weights or a run with awards did not record their scores."""
    base = a if under == "A" else b
    weights = base.weights
    if weights is None:
        return None
    values = [weighted_value(((r.clause, r.score, r.allocated) for r in run.rows), weights) for run in (a, b)]
    if values[0] is None or values[1] is None:
        return None
    return Valuation(under, values[0], values[1], base.budget_marginal, base.marginal_recorded)


def _grouped(a: RunData, b: RunData, key: Callable[[RunRow], str], label: Callable[[str], str],
             order: Sequence[str] | None) -> tuple[Line, ...]:
    sums: dict[str, list[int]] = {}
    for side, run in enumerate((a, b)):
        for row in run.rows:
            sums.setdefault(key(row), [0, 0])[side] += row.allocated
    keys = [k for k in order if k in sums] + sorted(k for k in sums if k not in order) if order else sorted(
        sums, key=lambda k: (-max(sums[k]), k))
    return tuple(Line(k, label(k), Decimal(sums[k][0]), Decimal(sums[k][1])) for k in keys)


def _differences(a: RunData, b: RunData) -> list[Difference]:
    rows_a = {r.application_id: r for r in a.rows}
    rows_b = {r.application_id: r for r in b.rows}
    found = []
    for app_id in sorted(rows_a.keys() | rows_b.keys()):
        ra, rb = rows_a.get(app_id), rows_b.get(app_id)
        if ra is not None and rb is not None and (ra.allocated, ra.status) == (rb.allocated, rb.status):
            continue
        any_row = rb or ra
        assert any_row is not None
        found.append(Difference(app_id, any_row.applicant, any_row.clause, any_row.district, ra, rb))
    order = {"changed": 0, "only_a": 1, "only_b": 2}
    return sorted(found, key=lambda d: (order[d.kind], -abs(d.delta), d.application_id))


def _run(run: RunSource, label: str, policy: Policy, lang: str) -> RunData:
    """A run folder read back, or an allocation made here, as the rows and facts compare needs."""
    if isinstance(run, (str, Path)):
        return read_run(Path(run))
    if not isinstance(run, AllocationResult):  # a DataFrame, None, …
        raise InputError.one(label, Phrase.of("compare.not_a_run", shown=type(run).__name__))
    rows = tuple(RunRow(a.application_id, a.applicant, a.district, a.clause, a.entitlement, a.allocated,
                        a.status.value, reason, a.credit_code, score_of(a.score))
                 for a, reason in zip(run.awards, award_reasons(run.awards, lang, policy), strict=True))
    next_yuan = budget_marginal(run.constraints)
    manifest = {"scenario": run.scenario.as_dict(), "totals": manifest_totals(run),
                "objective": format_decimal(run.objective),
                "budget_marginal": None if next_yuan is None else format_decimal(next_yuan)}
    return RunData(f"{label} {run.scenario.name}", rows, manifest)
