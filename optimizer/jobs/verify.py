"""verify: re-run a recorded run from its recorded inputs and confirm the identical allocation.csv — or say what
differs: an input file, the tool or solver version, or which applications (those the re-run allocates otherwise,
or those edited in the allocation.csv beside the manifest).

The checks live beside it, each in a module named for what it checks:

- jobs/verify_inputs.py: where each input the manifest records is found (at its recorded path, beside the manifest,
  by its SHA-256 under `inputs`), and what is said of one that is not as the run had it;
- jobs/verify_rows.py: an allocation.csv beside the manifest that is not the re-run's, application by application;
- jobs/verify_outputs.py: the run's other files (allocation.xlsx, report.html, the model), their bytes and SHA-256;
- jobs/verify_printed.py: allocation.xlsx and report.html read back and set beside the re-run's allocation.csv;
- jobs/published.py: a published run's awards.json, 公示 list and the award ledger's record of its awards.

This module re-runs the run, compares what the manifest records of its result, and puts the findings together.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from optimizer import __version__
from optimizer.errors import BudgetoptError, Infeasible, InputError
from optimizer.jobs.allocate import allocate, explained_as
from optimizer.jobs.inputs import CountedLedger
from optimizer.jobs.published import check_publication
from optimizer.jobs.verify_inputs import (
    InputsChanged,
    Located,
    ManifestError,
    input_problems,
    load_manifest,
    locate_inputs,
)
from optimizer.jobs.verify_outputs import outputs_edited, package_notes
from optimizer.jobs.verify_rows import row_differences
from optimizer.reading.applications import WorkbookError
from optimizer.reading.guard import FileLimits
from optimizer.reading.manifest_file import taken_out
from optimizer.reading.run_folder import run_file
from optimizer.report.allocation_csv import allocation_csv
from optimizer.report.manifest import SETTINGS, WRITERS, environment, run_facts, sha256_bytes
from optimizer.report.outputs import allocation_outputs
from optimizer.results import AllocationResult, LedgerRef
from optimizer.rules.policy import default_policy_path
from optimizer.rules.scenario import is_defaults, load_scenario, recorded_settings
from optimizer.solving.backends import solver_version
from optimizer.solving.explain import REASONS
from optimizer.words import Phrase, brief

__all__ = ["FIGURES", "InputsChanged", "Located", "ManifestError", "Verification", "input_problems", "load_manifest",
           "locate_inputs", "run_scenario", "unpinned_settings", "verify"]

Words = tuple[str, str]  # (Chinese, English)


@dataclass(frozen=True)
class Verification:
    """The outcome of re-running a recorded run: `ok` when it is reproduced byte for byte."""

    findings: tuple[Phrase, ...]  # one per difference; empty when the run is reproduced exactly
    csv_sha256: str | None  # of the re-run's allocation.csv, when it ran
    notes: tuple[Phrase, ...] = ()  # inputs read from another place than the one recorded (not differences)
    inputs: Mapping[str, Path] = field(default_factory=dict)  # where each input was read, by role
    reproduced: bool = False  # the recorded inputs, tool and solver give the recorded allocation.csv again: what
                              # differs, if anything, is in the run's folder (its allocation.csv or manifest edited)
    identical: bool = False  # the re-run's allocation.csv is the recorded one, whatever else differs (a version)
    in_ledger: bool = False  # reproduced, the run's folder as recorded: what differs is the ledger's record of it
    unpinned: bool = False  # a 公示 list beside the manifest held to awards.json alone: no ledger pins its SHA-256

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def differences(self) -> tuple[str, ...]:
        """One sentence per difference, in the run's language."""
        return self.texts()

    def texts(self, lang: str | None = None) -> tuple[str, ...]:
        return tuple(f.text(lang) for f in self.findings)

    def note_texts(self, lang: str | None = None) -> tuple[str, ...]:
        return tuple(n.text(lang) for n in self.notes)

    def headline(self, manifest: Path | str) -> Phrase:
        """`verified: re-running … gives the identical allocation.csv (SHA-256 …)` — and, where a 公示 list was held
        to awards.json alone, that no ledger pins it — or `not reproduced: …`."""
        if self.ok:
            return Phrase.of("verify.ok_unpinned" if self.unpinned else "verify.ok", manifest=str(manifest),
                             sha=self.csv_sha256 or "")
        if self.reproduced:
            return Phrase.of("verify.files_edited", manifest=str(manifest))
        if self.in_ledger:
            return Phrase.of("verify.ledger_differs", manifest=str(manifest))
        if self.identical:
            return Phrase.of("verify.identical_but", manifest=str(manifest), sha=(self.csv_sha256 or "")[:12])
        return Phrase.of("verify.not_reproduced", manifest=str(manifest))


def verify(manifest: Path | str, *, inputs: Path | str | None = None, ledger: Path | str | None = None) -> Verification:
    """Re-run the run that wrote `manifest` (its manifest.json) from the recorded inputs and settings, and compare
    the new allocation.csv with the recorded SHA-256. The inputs are found at their recorded paths (relative to the
    manifest's folder), else beside the manifest, else by their SHA-256 under `inputs` (a ledger the run counted by
    its first entries, in `ledger` too); the shipped policy and divisions come from the installed package. The run's
    other files are compared with the re-run's, and allocation.xlsx and report.html read back and set beside its
    allocation.csv, application by application (jobs/verify_printed.py). A published run's
    files beside the manifest (awards.json, notice.xlsx) and the award ledger's record of its awards are checked too:
    in `ledger` when given, else in the ledger awards.json names — or, where that one holds none of the run's awards,
    in the one the run counted or one under `inputs` that does; where it is another than the one the run counted,
    in that one too — else in the one the run counted (jobs/published.py).

    >>> import tempfile
    >>> from optimizer import allocate, verify
    >>> folder = tempfile.mkdtemp()
    >>> _ = allocate("data/sample_applications.xlsx", "data/scenario_2026.toml").write(folder)
    >>> verify(f"{folder}/manifest.json").ok
    True
    """
    manifest_path = Path(manifest)
    record = load_manifest(manifest_path)
    located = locate_inputs(record, manifest_path, inputs, ledger=None if ledger is None else Path(ledger))
    input_findings = [f for where in located.values() for f in where.findings()]  # each input's file read once
    findings = input_findings + _version_findings(record)
    edits = _manifest_edits(record)  # keys taken out of the manifest after the run
    notes = tuple(note for where in located.values() for note in where.notes()) + package_notes(record["tool"])
    if unpinned_settings(record):
        notes += (Phrase.of("verify.settings_unpinned"),)
    files = {role: where.path for role, where in located.items() if where.path is not None}
    needed = [where for where in located.values()  # a scenario given in Python is in the manifest, if intact
              if not where.unneeded and not (where.given_as == SETTINGS and where.intact)]
    recorded = record["outputs"]["allocation.csv"]["sha256"]
    beside = run_file(manifest_path, "allocation.csv")
    published = beside.read_bytes() if beside.is_file() else None  # read and hashed once
    found = None if published is None else sha256_bytes(published)
    edited_finding = None if found in (None, recorded) else Phrase.of(
        "verify.allocation_edited", recorded=recorded[:12], found=str(found)[:12])
    if edited_finding is not None:
        findings.append(edited_finding)
    if len(files) < len(needed):
        return Verification(tuple(findings + edits), None, notes, files)
    try:
        result = _rerun(record, files)
    except BudgetoptError as exc:
        findings.append(Phrase.of("verify.rerun_failed", why=_why_not(exc)))
        return Verification(tuple(findings + edits), None, notes, files)
    policy = result.policy
    assert policy is not None
    lang = record["command"].get("lang", "zh")
    rerun = allocation_csv(result, policy, lang)
    digest = sha256_bytes(rerun)
    otherwise = None if digest == recorded else _explained_otherwise(result, record["tool"], lang, recorded)
    if otherwise is not None:  # the allocation the run recorded, its reasons by another writer than the manifest says
        edits = _manifest_edits(record, reasons=otherwise.reason_writer)
        result, rerun, digest = otherwise, allocation_csv(otherwise, policy, lang), recorded
    if digest != recorded:
        findings.append(Phrase.of("verify.rerun_differs", recorded=recorded[:12], rerun=digest[:12]))
        if "earlier_rounds" not in record["totals"] and result.so_far.total:  # made before they were counted
            findings.append(Phrase.of("verify.earlier_rounds_since", year=result.so_far.year,
                                      earlier=f"{result.so_far.total:,}", awards=result.so_far.awards))
        if published is not None:
            findings += row_differences(published, rerun, edited=False)
        return Verification(tuple(findings + edits), digest, notes + _environment_notes(record["tool"]), files)
    reproduced = findings in ([], [edited_finding])  # no input, tool or solver differs: only the run's own files
    findings += edits  # the manifest edited after the run: its own file
    if published is not None and edited_finding is not None:  # the re-run is what the run wrote: name the edits
        findings += row_differences(published, rerun, edited=True)
    facts = run_facts(result, lang, bool(record["command"].get("export_model")))
    outputs = allocation_outputs(result, facts, manifest_path.parent, solver_version(result.solver.name))
    findings += _figures_edited(record, json.loads(outputs["manifest.json"]))
    publication = check_publication(manifest_path, record, rerun, files["workbook"], policy, lang,
                                    ledger=None if ledger is None else Path(ledger), counted=files.get("ledger"),
                                    inputs=None if inputs is None else Path(inputs))
    if input_findings:  # an input differs: the other files written again would too
        notes += (Phrase.of("verify.outputs_unchecked"),)
    else:
        changed, as_recorded = outputs_edited(manifest_path, outputs, record, rerun, publication.vouched)
        findings += changed
        notes += tuple(as_recorded)
    findings += publication.findings
    # the run's folder as recorded — which cannot be said where its 公示 list was held to no ledger's pin
    in_ledger = reproduced and not findings and bool(publication.ledger) and publication.pinned
    return Verification((*findings, *publication.ledger), digest, notes + publication.notes, files,
                        reproduced=reproduced and len(findings) > 0, identical=True, in_ledger=in_ledger,
                        unpinned=not publication.pinned)


def _manifest_edits(manifest: Mapping[str, Any], *, reasons: int | None = None) -> list[Phrase]:
    """What was edited in the manifest after the run, as its keys show: a key taken out beside a later one
    (manifest_file.taken_out); and `tool.reasons` edited or taken out, where the writer `reasons` of this budgetopt,
    not the one recorded, gives the run's allocation.csv."""
    tool = manifest["tool"]
    said = [Phrase.of("verify.key_taken_out", key=key, later=later) for key, later in taken_out(manifest)
            if reasons is None or key != "tool.reasons"]  # said below, with the writer that was
    if reasons is not None and "reasons" not in tool:
        said.append(Phrase.of("verify.reasons_removed", found=reasons))
    elif reasons is not None:
        said.append(Phrase.of("verify.reasons_edited", was=tool["reasons"], found=reasons))
    return said


def _explained_otherwise(result: AllocationResult, tool: Mapping[str, Any], lang: str,
                         recorded: str) -> AllocationResult | None:
    """The re-run explained by another of this budgetopt's reason writers than the one the manifest records, where
    that gives the recorded allocation.csv: the manifest's `tool.reasons` was edited (None otherwise, and for a
    later writer's run, whose reasons this budgetopt cannot write)."""
    if tool.get("reasons", 1) > REASONS:
        return None
    assert result.policy is not None
    for version in range(REASONS, 0, -1):
        if version != result.reason_writer:
            other = explained_as(result, version)
            if sha256_bytes(allocation_csv(other, result.policy, lang)) == recorded:
                return other
    return None


def _environment_notes(tool: Mapping[str, Any]) -> tuple[Phrase, ...]:
    """The Python the run recorded, where this machine has another (none for a manifest written before December
    2026, which recorded none): what to install again to re-run it as it ran (the packages: package_notes)."""
    was, now = tool.get("python"), environment()["python"]
    return (Phrase.of("verify.environment", versions=f"Python {was} → {now}"),) if was not in (None, now) else ()


def _version_findings(manifest: dict[str, Any]) -> list[Phrase]:
    """What the manifest's `tool` and `solver` record that this budgetopt and machine are not: another budgetopt,
    a later reason or file writer than this one has, a solver of another version."""
    tool, findings = manifest["tool"], []
    if tool.get("version") != __version__:
        findings.append(Phrase.of("verify.tool_version", was=str(tool.get("version")), now=__version__))
    reasons = tool.get("reasons", 1)
    if reasons > REASONS:  # a later budgetopt's reasons: this one cannot write them
        findings.append(Phrase.of("verify.reasons_later", was=reasons, now=REASONS))
    writers = tool.get("writers", 0)
    if writers > WRITERS:  # a later budgetopt's files: this one cannot check them
        findings.append(Phrase.of("verify.writers_later", was=writers, now=WRITERS))
    solver = manifest["solver"]
    here = solver_version(solver["name"])
    if solver.get("version") != here:
        findings.append(Phrase.of("verify.solver_version", was=str(solver.get("version")), now=here))
    return findings


def _rerun(manifest: dict[str, Any], paths: Mapping[str, Path]) -> AllocationResult:
    command = manifest["command"]
    shipped_policy = paths["policy"] == default_policy_path()  # else the run's own file, or its archived copy
    ledger = manifest["inputs"].get("ledger")
    counted: Path | CountedLedger | None = paths.get("ledger")
    if ledger is not None and counted is None:  # empty when counted, not found: an empty ledger as the run had it
        counted = CountedLedger(ref=LedgerRef(Path(str(ledger["path"])), 0, str(ledger["sha256"])))
    result = allocate(paths["workbook"], run_scenario(manifest, paths), budget=command.get("budget"),
                      policy=None if shipped_policy else paths["policy"], solver=command["solver"],
                      skip_invalid=bool(command.get("skip_invalid")), time_limit=command.get("time_limit"),
                      limits=FileLimits(**command["limits"]) if command.get("limits") else None,
                      ledger=counted, ledger_upto=None if ledger is None or isinstance(counted, CountedLedger)
                      else int(ledger["entries"]))
    if "scenario" not in manifest["inputs"] and result.request is not None:  # asked as it was: no scenario recorded
        result = replace(result, request=replace(result.request, scenario_sha256=None))
    return explained_as(result, manifest["tool"].get("reasons", 1))  # the reasons as its budgetopt said them


def run_scenario(manifest: Mapping[str, Any], paths: Mapping[str, Path]) -> Path | dict[str, Any] | None:
    """The scenario to run a recorded run with again: its file; or, given in Python, the settings the manifest
    records — pinned by their SHA-256 (`given_as` settings), or, where the run recorded no scenario at all, as they
    stand: the defaults with the run's budget, or a scenario given in Python before December 2026
    (`unpinned_settings`)."""
    given = manifest["inputs"].get("scenario")
    settings = manifest.get("scenario")
    if isinstance(settings, Mapping) and (given is None or given.get("given_as") == SETTINGS):
        return recorded_settings(settings)
    return paths.get("scenario")


def unpinned_settings(manifest: Mapping[str, Any]) -> bool:
    """Whether the run recorded no scenario file nor its settings' hash, and its settings are not the defaults with
    its budget: a scenario given in Python before December 2026, re-run from settings that nothing pins."""
    settings = manifest.get("scenario")
    if "scenario" in manifest["inputs"] or not isinstance(settings, Mapping):
        return False
    try:
        return not is_defaults(load_scenario(recorded_settings(settings), budget=manifest["command"].get("budget")))
    except InputError:  # settings that do not load: the re-run says what is wrong with them
        return False


# What the manifest records of the run's result, which the re-run must give again (the solver's version, the
# inputs and allocation.csv are checked on their own; the time is the only field two identical runs differ in)
FIGURES = ("scenario", "solver.name", "solver.status", "solver.note", "objective", "budget_marginal", "totals",
           "distribution")


def _figures_edited(recorded: Mapping[str, Any], rerun: Mapping[str, Any], limit: int = 20) -> list[Phrase]:
    """Each figure the manifest records (the effective scenario, the objective, the totals, the spread) that the
    re-run, whose allocation.csv is the recorded one, does not give: the manifest was edited after the run — an
    auditor reads these figures from it, and `compare` shows them."""
    mine, theirs = _flat(recorded), _flat(rerun)
    found = [Phrase.of("verify.figure_edited", key=key, recorded=_json(mine.get(key)), rerun=_json(theirs.get(key)))
             for key in sorted(mine.keys() | theirs.keys())
             if key.split(".")[0] in FIGURES or ".".join(key.split(".")[:2]) in FIGURES
             if key in mine or key not in _WHERE_RECORDED
             if mine.get(key, _SINCE.get(key, _ABSENT)) != theirs.get(key, _ABSENT)]
    if len(found) > limit:
        found = [*found[:limit], Phrase.of("verify.figures_more", count=len(found) - limit)]
    return found


_ABSENT = object()
# figures an earlier budgetopt did not write, with what the re-run gives for every run it made (December 2026: a
# year's earlier rounds counted, none before)
_SINCE: Mapping[str, Any] = {"totals.earlier_rounds": 0}
# figures an earlier budgetopt did not write, compared only where the manifest records them (December 2026: the
# budget's marginal value, which compare says a difference in budget by)
_WHERE_RECORDED = frozenset({"budget_marginal"})


def _flat(value: Any, key: str = "") -> dict[str, Any]:
    """A JSON document as {"scenario.envelopes[0].max": 40000000, …}: every leaf by its path."""
    if isinstance(value, dict):
        return {k: v for name, item in value.items() for k, v in _flat(item, f"{key}.{name}" if key else name).items()}
    if isinstance(value, list) and value:
        return {k: v for i, item in enumerate(value) for k, v in _flat(item, f"{key}[{i}]").items()}
    return {key: value}


def _json(value: Any) -> str:
    """A recorded value as the manifest writes it (`null` where the key is not there at all)."""
    shown = brief(json.dumps(value, ensure_ascii=False))
    return shown if isinstance(shown, str) else shown[1]



def _why_not(exc: BudgetoptError) -> Words:
    """Why the re-run stopped, in both languages."""
    if isinstance(exc, WorkbookError):
        first = exc.problems[0]
        return Phrase.of("verify.rerun_workbook", count=len(exc.problems),
                         first=(first.text("zh"), first.text("en"))).both()
    if isinstance(exc, InputError):
        return _joined([p.text("zh") for p in exc.problems], [p.text("en") for p in exc.problems])
    if isinstance(exc, Infeasible):
        return Phrase.of("verify.rerun_infeasible", conflicts=(exc.says("zh"), exc.says("en"))).both()
    return exc.text("zh"), exc.text("en")


def _joined(zh: Sequence[str], en: Sequence[str]) -> Words:
    return "；".join(zh), "; ".join(en)
