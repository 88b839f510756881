"""The files of each job, made as bytes in memory (report/files.py writes them, all or none)."""

from __future__ import annotations

from pathlib import Path

from optimizer._speed.background import FORK_UP_TO, forks, in_background
from optimizer.report.allocation_csv import allocation_csv, award_reasons
from optimizer.report.allocation_xlsx import allocation_xlsx, awards_part
from optimizer.report.distribution import of_awards
from optimizer.report.html import allocation_html
from optimizer.report.manifest import RunFacts, manifest_json, parameters, sha256_bytes
from optimizer.report.model_export import model_files
from optimizer.report.sweep_html import sweep_html
from optimizer.report.sweep_out import sweep_csv, sweep_xlsx
from optimizer.report.totals import totals
from optimizer.results import AllocationResult, SweepResult
from optimizer.rules.policy import Policy


def allocation_outputs(allocation: AllocationResult, facts: RunFacts, out_dir: Path,
                       solver_version: str) -> dict[str, bytes]:
    """The four files of an allocate run, as bytes (and the model as .lp and .mps when asked for).

    The workbook's allocation sheet, its largest part, is made by a second process while this one makes the rest
    (`in_background`; made here in turn where forking is not worth it)."""
    lang, policy = facts.lang, allocation.policy
    assert policy is not None
    reasons = award_reasons(allocation.awards, lang, policy)  # once, for every file
    enabled = len(allocation.awards) <= FORK_UP_TO
    second = forks(enabled)  # then the sheet is compressed in turn there: this process has the other core
    with in_background(lambda: awards_part(allocation, lang, reasons, alongside=not second), enabled=enabled) as awards:
        sums = totals(allocation.awards, policy, lang)
        spread = of_awards(allocation.awards)
        csv_bytes = allocation_csv(allocation, policy, lang, reasons)
        html = allocation_html(allocation, policy, lang, reasons, sums, spread).encode("utf-8")
        title = f"{policy.number} · {allocation.scenario.name}"
        model = model_files(allocation.model, title, lang) if facts.export_model and allocation.model else {}
        xlsx = allocation_xlsx(allocation, lang, parameters(allocation, facts, lang), reasons, sums, awards.result,
                               spread)
    files = {**model, "allocation.csv": csv_bytes, "allocation.xlsx": xlsx, "report.html": html}
    digests = {name: sha256_bytes(data) for name, data in files.items()}
    return {**files, "manifest.json": manifest_json(allocation, facts, out_dir, digests, solver_version, spread)}


def sweep_outputs(sweep: SweepResult, policy: Policy, lang: str) -> dict[str, bytes]:
    return {
        "sweep.csv": sweep_csv(sweep, policy, lang),
        "sweep.xlsx": sweep_xlsx(sweep, policy, lang),
        "sweep.html": sweep_html(sweep, policy, lang).encode("utf-8"),
    }

