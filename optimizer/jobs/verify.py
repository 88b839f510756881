"""verify: re-run a recorded run from its recorded inputs and confirm the identical allocation.csv — or say what
differs: an input file, the tool or solver version, or which applications."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from optimizer import __version__
from optimizer.errors import BudgetoptError, Infeasible, InputError
from optimizer.jobs.allocate import allocate
from optimizer.reading.applications import WorkbookError
from optimizer.reading.guard import FileLimits
from optimizer.report.allocation_csv import allocation_csv
from optimizer.report.manifest import sha256_bytes, sha256_file
from optimizer.rules.divisions import divisions_path
from optimizer.rules.policy import default_policy_path
from optimizer.solving.backends import solver_version


class ManifestError(InputError):
    """The manifest cannot be read or is not one budgetopt wrote."""


@dataclass(frozen=True)
class Verification:
    """The outcome of re-running a recorded run: `ok` when it is reproduced byte for byte."""

    differences: tuple[str, ...]  # one sentence per difference; empty when the run is reproduced exactly
    csv_sha256: str | None  # of the re-run's allocation.csv, when it ran

    @property
    def ok(self) -> bool:
        return not self.differences


def verify(manifest: Path | str) -> Verification:
    """Re-run the run that wrote `manifest` (its manifest.json) from the recorded inputs and settings, and compare
    the new allocation.csv with the recorded SHA-256. The inputs' paths are relative to the manifest's folder; the
    shipped policy and divisions come from the installed package.

    >>> import tempfile
    >>> from optimizer import allocate, verify
    >>> folder = tempfile.mkdtemp()
    >>> _ = allocate("data/sample_applications.xlsx", "data/scenario_2026.toml").write(folder)
    >>> verify(f"{folder}/manifest.json").ok
    True
    """
    manifest_path = Path(manifest)
    record = _load(manifest_path)
    folder = manifest_path.parent
    paths = {role: _input_path(role, info, folder) for role, info in record["inputs"].items()}
    findings = [*_input_findings(record, paths), *_version_findings(record)]
    recorded = record["outputs"]["allocation.csv"]["sha256"]
    beside = folder / "allocation.csv"
    if beside.is_file() and sha256_file(beside) != recorded:
        findings.append(f"allocation.csv beside the manifest is not the one the run wrote (SHA-256 recorded "
                        f"{recorded[:12]}…, found {sha256_file(beside)[:12]}…)")
    files = {role: path for role, path in paths.items() if path is not None and path.is_file()}
    if len(files) < len(paths):
        return Verification(tuple(findings), None)
    try:
        rerun = _rerun(record, files)
    except BudgetoptError as exc:
        findings.append(f"the re-run did not finish: {_sentence(exc)}")
        return Verification(tuple(findings), None)
    digest = sha256_bytes(rerun)
    if digest != recorded:
        findings.append(f"the re-run's allocation.csv differs (SHA-256 recorded {recorded[:12]}…, re-run "
                        f"{digest[:12]}…)")
        if beside.is_file():
            findings += _row_differences(beside.read_bytes(), rerun)
    return Verification(tuple(findings), digest)


def _load(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError.one(path, f"cannot be read as a manifest ({exc})") from exc
    for key in ("tool", "command", "inputs", "solver", "outputs"):
        if not isinstance(manifest, dict) or key not in manifest:
            raise ManifestError.one(path, f"not a budgetopt manifest (no {key!r})")
    return dict(manifest)


def _input_path(role: str, info: dict[str, Any], folder: Path) -> Path | None:
    if info.get("path") is None:  # the applications were given as a DataFrame or records: nothing to read again
        return None
    if info.get("shipped"):
        return divisions_path() if role == "divisions" else default_policy_path()
    return (folder / str(info["path"])).resolve()


def _input_findings(manifest: dict[str, Any], paths: dict[str, Path | None]) -> list[str]:
    findings = []
    for role, path in paths.items():
        recorded = manifest["inputs"][role]["sha256"]
        where = manifest["inputs"][role]["path"]
        if path is None:
            given = manifest["inputs"][role].get("given_as", "data")
            findings.append(f"the {role} was given as {'a ' if given == 'DataFrame' else ''}{given}, not a file: "
                            "there is nothing to read again")
        elif not path.is_file():
            findings.append(f"the {role} {where} is missing (looked for {path})")
        elif sha256_file(path) != recorded:
            findings.append(f"the {role} {where} changed since the run (SHA-256 was {recorded[:12]}…, is now "
                            f"{sha256_file(path)[:12]}…)")
    return findings


def _version_findings(manifest: dict[str, Any]) -> list[str]:
    findings = []
    if manifest["tool"].get("version") != __version__:
        findings.append(f"the run used budgetopt {manifest['tool'].get('version')}, this is budgetopt {__version__}")
    solver = manifest["solver"]
    here = solver_version(solver["name"])
    if solver.get("version") != here:
        findings.append(f"the run used {solver.get('version')}, this machine has {here}")
    return findings


def _rerun(manifest: dict[str, Any], paths: dict[str, Path]) -> bytes:
    command = manifest["command"]
    shipped_policy = manifest["inputs"]["policy"].get("shipped", False)
    result = allocate(paths["workbook"], paths.get("scenario"), budget=command.get("budget"),
                      policy=None if shipped_policy else paths["policy"], solver=command["solver"],
                      skip_invalid=bool(command.get("skip_invalid")), time_limit=command.get("time_limit"),
                      limits=FileLimits(**command["limits"]) if command.get("limits") else None)
    assert result.policy is not None
    return allocation_csv(result, result.policy, command.get("lang", "zh"))


def _row_differences(before: bytes, after: bytes, limit: int = 20) -> list[str]:
    """The applications whose allocation or status is not what the run published."""
    old, new = _rows(before), _rows(after)
    found = []
    for app_id in sorted(old.keys() | new.keys()):
        a, b = old.get(app_id), new.get(app_id)
        if a is None or b is None:
            found.append(f"{app_id}: only in the {'re-run' if a is None else 'published allocation'}")
        elif (a["allocated"], a["status"]) != (b["allocated"], b["status"]):
            found.append(f"{app_id}: allocated {a['allocated']} ({a['status']}) published, {b['allocated']} "
                         f"({b['status']}) on re-running")
        elif a != b:
            found.append(f"{app_id}: same award, but the row differs ({_first_difference(a, b)})")
    if len(found) > limit:
        found = [*found[:limit], f"… and {len(found) - limit} more applications"]
    return found


def _rows(data: bytes) -> dict[str, dict[str, str]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig", errors="replace")))
    return {row.get("application_id", ""): dict(row) for row in reader}


def _first_difference(a: dict[str, str], b: dict[str, str]) -> str:
    key = next(k for k in a if a.get(k) != b.get(k))
    return f"{key}: {a.get(key)!r} published, {b.get(key)!r} on re-running"


def _sentence(exc: BudgetoptError) -> str:
    if isinstance(exc, WorkbookError):
        return f"{len(exc.problems)} problem(s) in the workbook, the first: {exc.problems[0]}"
    if isinstance(exc, InputError):
        return "; ".join(str(p) for p in exc.problems)
    if isinstance(exc, Infeasible):
        return "the scenario is infeasible: " + "; ".join(exc.conflicts)
    return str(exc)
