"""Write a run's outputs all at once: every file is prepared in memory, written beside its final name, then moved
into place — a run that fails leaves the previous outputs as they were. Files we did not write are left alone."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from optimizer._speed.background import FORK_UP_TO, in_background
from optimizer._speed.timing import phase
from optimizer.jobs.allocate import Allocation
from optimizer.jobs.compare import Comparison
from optimizer.jobs.sweep import Sweep
from optimizer.report.allocation_csv import allocation_csv
from optimizer.report.allocation_xlsx import allocation_xlsx, awards_part
from optimizer.report.compare_out import compare_html, compare_xlsx
from optimizer.report.html import allocation_html
from optimizer.report.manifest import RunFacts, manifest_json, parameters, sha256_bytes
from optimizer.report.model_export import model_files
from optimizer.report.sweep_html import sweep_html
from optimizer.report.sweep_out import sweep_csv, sweep_xlsx
from optimizer.report.totals import totals
from optimizer.rules.policy import Policy
from optimizer.words import award_reason

OUTPUTS = ("allocation.csv", "allocation.xlsx", "manifest.json", "report.html")


def allocation_outputs(allocation: Allocation, policy: Policy, facts: RunFacts, out_dir: Path,
                       solver_version: str) -> dict[str, bytes]:
    """The four files of CONTRACT §5, as bytes (and the model as .lp and .mps when asked for).

    While this process makes the CSV, the report and the workbook's other sheets, a second one makes the
    workbook's allocation sheet, the slowest part (optimizer/background.py), up to FORK_UP_TO rows."""
    lang = facts.lang
    with phase("write_csv"):
        reasons = [award_reason(a, lang, policy) for a in allocation.awards]  # once, for every file
    enabled = len(allocation.awards) <= FORK_UP_TO
    with in_background(lambda: awards_part(allocation, lang, reasons), enabled=enabled) as awards:
        with phase("write_csv"):
            sums = totals(allocation.awards, policy, lang)
            csv_bytes = allocation_csv(allocation, policy, lang, reasons)
        with phase("write_html"):
            html = allocation_html(allocation, policy, lang, reasons, sums).encode("utf-8")
        with phase("write_model"):
            title = f"{policy.number} · {allocation.scenario.name}"
            model = model_files(allocation.model, title) if facts.export_model and allocation.model else {}
        with phase("write_xlsx"):  # the allocation sheet last: from the second process
            xlsx = allocation_xlsx(allocation, lang, parameters(allocation, facts, lang), reasons, sums,
                                   awards.result)
    with phase("write_manifest"):
        manifest = manifest_json(allocation, facts, out_dir, sha256_bytes(csv_bytes), solver_version)
    return {**model, "allocation.csv": csv_bytes, "allocation.xlsx": xlsx, "manifest.json": manifest,
            "report.html": html}


def write_all(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file or none: temporary files in the same folder first, then one rename each."""
    with phase("write_files"):
        return _write_all(out_dir, files)


def _write_all(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob(".*.tmp"):  # left by a run that was killed while writing: ours by their names
        if any(stale.name.startswith(f".{name}.") for name in files):
            stale.unlink(missing_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
            staged.append((name, Path(temporary)))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o644)
        _swap_in(out_dir, staged)
    finally:
        for _, path in staged:
            path.unlink(missing_ok=True)
    return [out_dir / name for name in files]


def _swap_in(out_dir: Path, staged: list[tuple[str, Path]]) -> None:
    """Move every staged file into place; if one move fails, put back what was there before."""
    moved: list[tuple[Path, Path | None]] = []  # (target, the previous file's backup or None)
    try:
        for name, path in staged:
            target = out_dir / name
            backup = None
            if target.exists():
                backup = target.with_name(f".{name}.previous.tmp")
                os.replace(target, backup)
            moved.append((target, backup))
            os.replace(path, target)
    except BaseException:
        for target, backup in reversed(moved):
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        raise
    for _, backup in moved:
        if backup is not None:
            backup.unlink(missing_ok=True)


def sweep_outputs(sweep: Sweep, policy: Policy, lang: str) -> dict[str, bytes]:
    return {
        "sweep.csv": sweep_csv(sweep, policy),
        "sweep.xlsx": sweep_xlsx(sweep, policy, lang),
        "sweep.html": sweep_html(sweep, policy, lang).encode("utf-8"),
    }


def compare_outputs(comparison: Comparison, lang: str) -> dict[str, bytes]:
    return {"compare.xlsx": compare_xlsx(comparison, lang),
            "compare.html": compare_html(comparison, lang).encode("utf-8")}
