"""verify: re-run a recorded run from its recorded inputs and confirm the identical allocation.csv — or say what
differs: an input file, the tool or solver version, or which applications (those the re-run allocates otherwise,
or those edited in the allocation.csv beside the manifest).

Each recorded input is looked for, in this order: at its recorded path (relative to the manifest's folder), then a
file of the same name beside the manifest, then any file under the `inputs` folder (searched recursively) whose
SHA-256 is the recorded one (a ledger, whose file grows, by its first entries instead — also in the file `ledger`
names, a backup, say); the shipped policy and divisions come from the installed package. So a run folder
mailed in a zip, its workbook and scenario beside the manifest, verifies. An input read from anywhere but its
recorded path is named in a note (`Verification.notes`), not as a difference. When no copy has the recorded SHA-256,
the one at the recorded path (or beside the manifest, or of the same name in `inputs`) is named as changed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from optimizer import __version__
from optimizer.domain import AllocationRow, Problem
from optimizer.errors import BudgetoptError, ChangedInput, Infeasible, InputError
from optimizer.jobs.allocate import allocate, explained_as
from optimizer.jobs.inputs import CountedLedger
from optimizer.jobs.published import check_publication, read_published
from optimizer.ledger import LedgerError, LedgerTampered, Tampering, check_ledger, read_ledger
from optimizer.ledger.schema import is_sqlite_file
from optimizer.money import said_amount
from optimizer.reading.allocation_file import allow_long_fields, parse_allocation_csv, read_allocation
from optimizer.reading.applications import WorkbookError
from optimizer.reading.guard import FileLimits
from optimizer.reading.manifest_file import (
    REQUIRED,
    UNREADABLE,
    edited,
    read_json,
    taken_out,
    unreadable_reason,
    wrong_keys,
)
from optimizer.reading.run_folder import run_file
from optimizer.report.allocation_csv import allocation_csv
from optimizer.report.manifest import (
    SETTINGS,
    WRITERS,
    environment,
    run_facts,
    settings_sha256,
    sha256_bytes,
    sha256_file,
)
from optimizer.report.notice import AWARDS_FILE
from optimizer.report.outputs import allocation_outputs
from optimizer.results import AllocationResult, LedgerRef
from optimizer.rules.divisions import divisions_path
from optimizer.rules.policy import default_policy_path
from optimizer.rules.scenario import is_defaults, load_scenario, recorded_settings
from optimizer.solving.backends import solver_version
from optimizer.solving.explain import REASONS
from optimizer.words import STATUS_LABELS, Phrase, brief
from optimizer.words.catalog import CATALOG

Words = tuple[str, str]  # (Chinese, English)


class ManifestError(InputError):
    """The manifest cannot be read or is not one budgetopt wrote, or the inputs it records cannot be found."""


class InputsChanged(ManifestError, ChangedInput):
    """An input the manifest records is there but not as the run had it (changed since): exit 4, not 2."""


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


@dataclass(frozen=True)
class Located:
    """Where one input the manifest records was found: `path` is the file to read (None: nowhere), `intact` when it
    has the recorded SHA-256, `moved` when it is not at the recorded path."""

    role: str  # workbook, policy, divisions, scenario, ledger
    recorded: str | None  # the path as the manifest records it; None when the input was not a file
    sha256: str | None  # a ledger's: the hash of its last entry then (its chain's head)
    path: Path | None
    intact: bool = False
    moved: bool = False
    shipped: bool = False
    given_as: str = ""  # "DataFrame" / "records" when the input was not a file
    looked_for: Path | None = None  # the recorded path, resolved
    beside: Path | None = None  # the manifest's folder, resolved
    inputs: Path | None = None  # the folder searched too, if any
    entries: int | None = None  # a ledger: how many entries the run counted
    found: str | None = None  # a ledger: the head of its first `entries` entries now ("" when it has fewer)
    changed_after: bool = False  # a ledger: changed outside budgetopt after the entries the run counted
    unneeded: bool = False  # a ledger the run counted empty, not found: an empty one is counted instead
    archived: bool = False  # a shipped policy this budgetopt ships otherwise, read from a copy of the run's
    given: Path | None = None  # a ledger: the file `verify --ledger` names, tried as the run's too

    def findings(self) -> list[Phrase]:
        """What is wrong with this input: not a file, missing, or changed; nothing when intact."""
        if self.unneeded:
            return []
        role = _role(self.role)
        if self.given_as == SETTINGS:  # re-run from the settings the manifest records, unless they were edited
            return [] if self.intact else [Phrase.of("verify.settings_edited", was=(self.sha256 or "—")[:12],
                                                     now=(self.found or "—")[:12])]
        if self.recorded is None:
            article = ("", "a ") if self.given_as == "DataFrame" else ("", "")
            return [Phrase.of("verify.given_as", role=role, given=self.given_as or "data", article=article)]
        if self.path is None:
            folder, hint = self._searched()
            if self.looked_for is not None and self.looked_for.parent == self.beside:  # recorded beside the manifest
                return [Phrase.of("verify.missing_here", role=role, where=self.recorded, path=str(self.looked_for),
                                  inputs=folder, hint=hint)]
            return [Phrase.of("verify.missing", role=role, where=self.recorded, path=str(self.looked_for),
                              name=Path(self.recorded).name, inputs=folder, hint=hint)]
        if self.intact:
            return []
        if self.entries is not None and not self.found:  # its first entries no longer form a chain, or are fewer
            return [Phrase.of("verify.ledger_unchained", where=self.recorded, path=str(self.path),
                              entries=self.entries)]
        if self.entries is not None:
            return [Phrase.of("verify.ledger_changed", where=self.recorded, path=str(self.path), entries=self.entries,
                              was=(self.sha256 or "")[:12], now=(self.found or "—")[:12])]
        was, now = (self.sha256 or "")[:12], sha256_file(self.path)[:12]
        if self.shipped:  # this budgetopt ships another version: not an edit; a policy's copy may be given
            remedy = Phrase.of(f"verify.shipped_remedy.{'policy' if self.role == 'policy' else 'other'}").both()
            return [Phrase.of("verify.shipped_changed", role=role, name=self.path.name, was=was, now=now,
                              remedy=remedy)]
        if self.moved:
            return [Phrase.of("verify.changed_copy", role=role, where=self.recorded, path=str(self.path), was=was,
                              now=now)]
        return [Phrase.of("verify.changed", role=role, where=self.recorded, was=was, now=now)]

    def _searched(self) -> tuple[Words, Words]:
        """Where a missing input was looked for besides its recorded path and beside the manifest — under `inputs`,
        and a ledger in the file `verify --ledger` named — and, for a ledger with no `inputs` searched, the hint to
        give its folder."""
        ledger = self.entries is not None
        searched = "verify.missing_inputs_ledger" if ledger else "verify.missing_inputs"
        parts = [] if self.inputs is None else [Phrase.of(searched, folder=str(self.inputs), entries=self.entries or 0)]
        if self.given is not None:
            parts.append(Phrase.of("verify.missing_given_ledger", path=str(self.given), entries=self.entries or 0))
        hint = (Phrase.of("verify.missing_ledger_hint", entries=self.entries or 0).both()
                if ledger and self.inputs is None else ("", ""))
        return ("".join(p.text("zh") for p in parts), "".join(p.text("en") for p in parts)), hint

    def notes(self) -> list[Phrase]:
        """Read from another place than the recorded one, with the recorded SHA-256 (a ledger: the same first
        entries); a ledger changed outside budgetopt only after the entries the run counted (which the run's
        verification does not depend on); an empty ledger the run counted, not found."""
        if self.unneeded:
            return [Phrase.of("verify.ledger_unneeded", where=self.recorded or "")]
        if self.given_as == SETTINGS and self.intact:
            return [Phrase.of("verify.settings_rerun")]
        if self.path is None or not self.intact:
            return []
        notes = []
        if self.archived:
            notes.append(Phrase.of("verify.shipped_archived", role=_role(self.role), path=str(self.path)))
        elif self.moved and self.entries is not None:
            notes.append(Phrase.of("verify.ledger_elsewhere", where=self.recorded or "", path=str(self.path),
                                   entries=self.entries))
        elif self.moved:
            notes.append(Phrase.of("verify.found_elsewhere", role=_role(self.role), where=self.recorded or "",
                                   path=str(self.path)))
        if self.changed_after:
            notes.append(Phrase.of("verify.ledger_changed_after", path=str(self.path), entries=self.entries))
        return notes


def verify(manifest: Path | str, *, inputs: Path | str | None = None, ledger: Path | str | None = None) -> Verification:
    """Re-run the run that wrote `manifest` (its manifest.json) from the recorded inputs and settings, and compare
    the new allocation.csv with the recorded SHA-256. The inputs are found at their recorded paths (relative to the
    manifest's folder), else beside the manifest, else by their SHA-256 under `inputs` (a ledger the run counted by
    its first entries, in `ledger` too); the shipped policy and divisions come from the installed package. The run's
    other files are compared with the re-run's, allocation.xlsx's allocation sheet read back too. A published run's
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
    notes = tuple(note for where in located.values() for note in where.notes()) + _package_notes(record["tool"])
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
            findings += _row_differences(published, rerun, edited=False)
        return Verification(tuple(findings + edits), digest, notes + _environment_notes(record["tool"]), files)
    reproduced = findings in ([], [edited_finding])  # no input, tool or solver differs: only the run's own files
    findings += edits  # the manifest edited after the run: its own file
    if published is not None and edited_finding is not None:  # the re-run is what the run wrote: name the edits
        findings += _row_differences(published, rerun, edited=True)
    facts = run_facts(result, lang, bool(record["command"].get("export_model")))
    outputs = allocation_outputs(result, facts, manifest_path.parent, solver_version(result.solver.name))
    findings += _figures_edited(record, json.loads(outputs["manifest.json"]))
    publication = check_publication(manifest_path, record, rerun, files["workbook"], policy, lang,
                                    ledger=None if ledger is None else Path(ledger), counted=files.get("ledger"),
                                    inputs=None if inputs is None else Path(inputs))
    if input_findings:  # an input differs: the other files written again would too
        notes += (Phrase.of("verify.outputs_unchecked"),)
    else:
        changed, as_recorded = _outputs_edited(manifest_path, outputs, record, rerun, publication.vouched)
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


def _outputs_edited(manifest: Path, outputs: Mapping[str, bytes], record: Mapping[str, Any], rerun: bytes,
                    vouched: Path | None) -> tuple[list[Phrase], list[Phrase]]:
    """The run's other files (allocation.xlsx, report.html, the model) beside the manifest that are not what the run
    wrote — the same bytes whenever its allocation.csv is reproduced (they hold no time) — and allocation.xlsx, the
    sheet people print and sign, whose allocation sheet read back is not the re-run's allocation (`rerun`), whatever
    its SHA-256; and, as notes, those this budgetopt writes otherwise but that have the SHA-256 the manifest records
    of them (`record`'s outputs; since December 2026), with why this budgetopt cannot check them itself (another
    version or writers' version, in its `tool`) and whether an award ledger vouches for the manifest (`vouched`: the
    ledger whose entries of the publication record its SHA-256 and hold; awards.json, beside it, cannot).
    Where the manifest records what writes a file byte for byte — this budgetopt's version and writers' version; for
    the exported model, which a package writes, this machine's packages too — such a file is no earlier budgetopt's:
    it was edited, and its SHA-256 in the manifest with it; unless the ledger vouches for the manifest, when the
    writers' version was reused for other bytes (said, to be reported). A file not there is no finding: a run may
    be handed on with its allocation.csv and manifest only."""
    findings, notes = [], []
    tool, recorded = record["tool"], record["outputs"]
    published = read_published(run_file(manifest, AWARDS_FILE)).present
    for name, data in outputs.items():
        path = run_file(manifest, name)
        if name in ("allocation.csv", "manifest.json") or not path.is_file():
            continue
        found = path.read_bytes()
        if found == data:
            continue
        sheet = _sheet_differences(path, rerun) if name == ALLOCATION_XLSX else None  # None: not read
        same = _written_here(tool, name)
        said = {"name": path.name, "same": _same_as(tool, name)}
        if sha256_bytes(found) != recorded.get(name, {}).get("sha256"):
            findings += [Phrase.of("verify.output_edited", name=path.name), *(sheet or ())]
        elif same and vouched is None:
            findings += [Phrase.of("verify.output_edited_with_hash", **said), *(sheet or ())]
        elif sheet:  # what it says otherwise than the run, or that it cannot be read back
            lead = [] if sheet[0].code == "verify.sheet_unreadable" else [Phrase.of("verify.sheet_edited",
                                                                                  name=path.name)]
            findings += [*lead, *sheet]
        elif same and vouched is not None:
            notes.append(Phrase.of("verify.output_writers_reused", path=str(vouched), **said))
        else:
            notes.append(_unchecked_note(path.name, tool, vouched, published, read=sheet is not None))
    return findings, notes


def _unchecked_note(name: str, tool: Mapping[str, Any], vouched: Path | None, published: bool, *,
                    read: bool) -> Phrase:
    """A file of the run this budgetopt writes otherwise, with the SHA-256 the manifest records: why this budgetopt
    cannot check it; what vouches for the manifest — the ledger `vouched`, or nothing (an unpublished manifest; a
    published one whose ledger was not found holding it); and, `read`, that its allocation sheet read back is the
    run's allocation."""
    said = {"name": name, "why": _unchecked(tool, name),
            "read": Phrase.of("verify.sheet_read").both() if read else ("", "")}
    if vouched is not None:
        return Phrase.of("verify.output_as_published", path=str(vouched), **said)
    vouch = Phrase.of(f"verify.vouch.{'unheld' if published else 'unpublished'}").both()
    return Phrase.of("verify.output_as_recorded", vouch=vouch, **said)


ALLOCATION_XLSX = "allocation.xlsx"
MODEL_FILES = ("model.lp", "model.mps")  # written by a package (pulp), not by budgetopt's own writers


def _written_here(tool: Mapping[str, Any], name: str) -> bool:
    """Whether the manifest records what writes the file `name` byte for byte as this budgetopt does: its version
    and the version of its files' writers (report/manifest.py, WRITERS) — and, for the exported model, which a
    package writes, the packages this machine has (a manifest from before 7 December 2026 recorded no writers: not
    known to be)."""
    if tool.get("version") != __version__ or tool.get("writers") != WRITERS:
        return False
    return name not in MODEL_FILES or tool.get("packages") == environment()["packages"]


def _same_as(tool: Mapping[str, Any], name: str) -> Words:
    """What the manifest records that writes `name` byte for byte, as a sentence says it."""
    code = "verify.same_as.packages" if name in MODEL_FILES else "verify.same_as.writers"
    return Phrase.of(code, version=str(tool.get("version")), writers=str(tool.get("writers"))).both()


def _unchecked(tool: Mapping[str, Any], name: str) -> Words:
    """Why this budgetopt cannot write the file `name` of the run as the run did, as the manifest's `tool` says:
    another budgetopt, another writers' version or none recorded — and, for the exported model, other packages or
    none recorded."""
    parts = []
    if tool.get("version") != __version__:
        parts.append(Phrase.of("verify.unchecked.version", was=str(tool.get("version"))))
    writers = tool.get("writers")
    if writers is None:
        parts.append(Phrase.of("verify.unchecked.no_writers"))
    elif writers != WRITERS:
        parts.append(Phrase.of("verify.unchecked.writers", was=writers, now=WRITERS))
    packages = tool.get("packages")
    if name in MODEL_FILES:  # written by a package (pulp): the packages count too
        if not isinstance(packages, dict):
            parts.append(Phrase.of("verify.unchecked.no_packages"))
        elif packages != environment()["packages"]:
            parts.append(Phrase.of("verify.unchecked.packages", versions=_package_changes(packages, every=True)))
    return "；".join(p.text("zh") for p in parts), "; ".join(p.text("en") for p in parts)


def _package_changes(recorded: Mapping[str, Any], *, every: bool = False) -> str:
    """`numpy 2.4.5 → 2.4.6; …`: the packages the run recorded at other versions than this machine has — and,
    `every`, those this budgetopt records that the run did not (`—`: not recorded, or not installed)."""
    now = environment()["packages"]
    names = sorted(recorded.keys() | (now.keys() if every else set()))
    return "; ".join(f"{name} {recorded.get(name) or '—'} → {now.get(name) or '—'}" for name in names
                     if recorded.get(name) != now.get(name) and (every or name in recorded))


# the columns of allocation.xlsx's allocation sheet set beside the re-run's allocation.csv: whom and what it awards
# (the score and the reason are words and figures the sheet may lay out otherwise than the CSV)
SHEET_COLUMNS = ("applicant", "credit_code", "district", "clause", "entitlement", "allocated", "status")


def _sheet_differences(path: Path, rerun: bytes, limit: int = 20) -> list[Phrase]:
    """allocation.xlsx's allocation sheet read back as `audit` reads it (its first sheet) and set beside the
    re-run's allocation.csv row by row, each application by its id: a row missing or added, and each column both
    carry that differs — [] where it reads as the run's allocation. A file that cannot be read back as an
    allocation is one sentence."""
    try:
        sheet = [row for row in read_allocation(path) if not row.total]
    except InputError as exc:
        first = exc.problems[0]
        return [Phrase.of("verify.sheet_unreadable", name=path.name, why=(first.text("zh"), first.text("en")))]
    written = [row for row in parse_allocation_csv(rerun, "allocation.csv") if not row.total]
    carried = [key for key in SHEET_COLUMNS if key == "status" or any(_value(row, key) for row in sheet)]
    waiting: dict[str, list[AllocationRow]] = {}
    for row in written:
        waiting.setdefault(row.application_id, []).append(row)
    found: list[Phrase] = []
    for row in sheet:
        named = row.application_id or Phrase.of("verify.row_no_id", line=row.row).both()
        theirs = waiting.get(row.application_id)
        if not theirs:
            found.append(Phrase.of("verify.sheet_row_extra", name=path.name, row=row.row, id=named))
            continue
        other = theirs.pop(0)
        found += [Phrase.of("verify.sheet_cell", name=path.name, row=row.row, id=named,
                            column=Phrase.of(f"verify.sheet_column.{key}").both(), found=_shown(row, key),
                            rerun=_shown(other, key))
                  for key in carried if _differs(row, other, key)]
    found += [Phrase.of("verify.sheet_row_missing", name=path.name, id=row.application_id or "—")
              for rows in waiting.values() for row in rows]
    if len(found) > limit:
        found = [*found[:limit], Phrase.of("verify.sheet_more", count=len(found) - limit)]
    return found


def _differs(row: AllocationRow, other: AllocationRow, key: str) -> bool:
    """Whether the sheet's `row` says otherwise than the CSV's (`other`) in the column `key` (a status only where
    the sheet states one)."""
    return (key != "status" or row.status_given) and _value(row, key) != _value(other, key)


def _value(row: AllocationRow, key: str) -> object:
    value = getattr(row, key)
    return value.strip() if isinstance(value, str) else value


def _shown(row: AllocationRow, key: str) -> Words:
    """A cell of an allocation as a sentence says it: an amount in 万元, a status in words, text quoted."""
    value = getattr(row, key)
    if key == "status":
        return STATUS_LABELS[value]
    if isinstance(value, int):
        return said_amount(value)
    if value is None:
        return "（空）", "(empty)"
    return _quoted(str(value))


def load_manifest(path: Path) -> dict[str, Any]:
    """The manifest.json a run wrote, checked to be one; ManifestError otherwise."""
    try:
        manifest = read_json(path)
    except UNREADABLE as exc:
        raise ManifestError.one(path, Phrase.of("verify.unreadable", error=unreadable_reason(exc))) from exc
    for key in REQUIRED:  # each named alone first, as not a manifest at all
        if not isinstance(manifest, dict) or key not in manifest:
            raise ManifestError.one(path, Phrase.of("verify.not_manifest", key=repr(key)))
    wrong = wrong_keys(manifest)
    if wrong:
        raise ManifestError.one(path, edited(wrong))
    return dict(manifest)


def locate_inputs(manifest: Mapping[str, Any], manifest_path: Path, inputs: Path | str | None = None, *,
                  ledger: Path | None = None) -> dict[str, Located]:
    """Where each input the manifest records is: at its recorded path, beside the manifest, or (by SHA-256) under
    `inputs`; a ledger also in the file `ledger` (`verify --ledger`: a backup, say) when its first entries are those
    the run counted. ManifestError when `inputs` is not a folder."""
    folder = None if inputs is None else Path(inputs)
    if folder is not None and not folder.is_dir():
        raise ManifestError.one(folder, Phrase.of("verify.not_a_folder"))
    search = _Search(folder, ledger)
    return {role: _settings(info, manifest) if info.get("given_as") == SETTINGS else
            _locate(role, info, manifest_path.parent, search) for role, info in manifest["inputs"].items()}


def _settings(info: Mapping[str, Any], manifest: Mapping[str, Any]) -> Located:
    """A scenario given in Python: the manifest's `scenario` is all there is of it, intact when its settings have the
    SHA-256 recorded of them."""
    recorded = manifest.get("scenario")
    found = settings_sha256(recorded) if isinstance(recorded, Mapping) else None
    return Located("scenario", None, info.get("sha256"), None, intact=found == info.get("sha256"),
                   given_as=SETTINGS, found=found)


def input_problems(located: Mapping[str, Located], manifest: Path) -> list[Problem]:
    """An input that cannot be used as the run used it (not a file, missing, changed), as problems of the manifest."""
    return [Problem(str(manifest), finding) for where in located.values() for finding in where.findings()]


class _Search:
    """The files under the `inputs` folder, their SHA-256 worked out once each, as they are asked for; and the ledger
    given by name (`verify --ledger`), if any."""

    def __init__(self, folder: Path | None, ledger: Path | None = None) -> None:
        self.folder = folder
        self.ledger = ledger
        self._files: list[Path] | None = None
        self._digests: dict[Path, str] = {}

    def files(self) -> list[Path]:
        if self._files is None:
            found = [] if self.folder is None else [p for p in self.folder.rglob("*") if p.is_file()]
            self._files = sorted(found)
        return self._files

    def digest(self, path: Path) -> str:
        if path not in self._digests:
            self._digests[path] = sha256_file(path)
        return self._digests[path]

    def named(self, name: str) -> Iterator[Path]:
        return (p for p in self.files() if p.name == name)

    def ledgers(self) -> Iterator[Path]:
        """The SQLite files (a ledger's backup, renamed as the bureau keeps it), by their first bytes."""
        return (p for p in self.files() if is_sqlite_file(p))

    def with_digest(self, name: str, digest: str) -> Path | None:
        """A file whose SHA-256 is `digest`, those named `name` tried first."""
        ordered = sorted(self.files(), key=lambda p: p.name != name)
        return next((p for p in ordered if self.digest(p) == digest), None)


def _locate(role: str, info: Mapping[str, Any], folder: Path, search: _Search) -> Located:
    recorded, digest = info.get("path"), info.get("sha256")
    if recorded is None:  # the applications were given as a DataFrame or records: nothing to read again
        return Located(role, None, None, None, given_as=str(info.get("given_as", "data")))
    if info.get("shipped"):
        path = divisions_path() if role == "divisions" else default_policy_path()
        intact = sha256_file(path) == digest
        if not intact and role == "policy":  # another version shipped since: the run's, archived?
            beside = folder / path.name
            copy = (beside if beside.is_file() and sha256_file(beside) == digest
                    else search.with_digest(path.name, str(digest)) if search.folder is not None else None)
            if copy is not None:
                return Located(role, str(recorded), digest, copy, intact=True, archived=True)
        return Located(role, str(recorded), digest, path, intact=intact, shipped=True)
    at = (folder / str(recorded)).resolve()
    name = Path(str(recorded)).name
    where = Located(role, str(recorded), digest, None, looked_for=at, beside=folder.resolve(), inputs=search.folder)
    beside = folder / name
    if role == "ledger":
        return _locate_ledger(replace(where, entries=int(info.get("entries", 0)), given=search.ledger),
                              (at, beside, *search.named(name), *search.ledgers()))
    for candidate in (at, beside):
        if candidate.is_file() and sha256_file(candidate) == digest:
            return _at(where, candidate, intact=True)
    copy = search.with_digest(name, str(digest)) if search.folder is not None else None
    if copy is not None:
        return _at(where, copy, intact=True)
    changed = next((p for p in (at, beside, *search.named(name)) if p.is_file()), None)
    return where if changed is None else _at(where, changed, intact=False)


def _locate_ledger(where: Located, candidates: Sequence[Path]) -> Located:
    """A ledger grows after a run (its awards published, the next year's): it is the run's when its first
    `entries` entries end in the recorded hash — at the recorded path, beside the manifest, in the file given by
    name (`where.given`: only then), or under `inputs`."""
    assert where.entries is not None
    first: Located | None = None
    given = () if where.given is None else (where.given,)
    for candidate in (*candidates[:2], *given, *candidates[2:]):
        if not candidate.is_file():
            continue
        head = _first_head(candidate, where.entries)
        if head == where.sha256:
            return replace(_at(where, candidate, intact=True), changed_after=bool(_tampering(candidate)))
        if candidate not in given:  # a file named as the ledger to check the publication in, not as the run's
            first = first or replace(_at(where, candidate, intact=False), found=head)
    if first is None and where.entries == 0:  # an empty ledger counted, nowhere now: it added nothing to the run
        return replace(where, intact=True, unneeded=True)
    return first or where


def _first_head(ledger: Path, entries: int) -> str:
    """The hash of the ledger's entry `entries` when its first entries form a chain ("" when they do not, or the
    file has fewer, or is no ledger)."""
    try:
        return read_ledger(ledger, upto=entries).head
    except (LedgerError, LedgerTampered, ValueError):  # a manifest edited to a count below 0: no such entries
        return ""



def _tampering(ledger: Path) -> tuple[Tampering, ...]:
    try:
        return check_ledger(ledger)
    except LedgerError:
        return ()


def _at(where: Located, path: Path, *, intact: bool) -> Located:
    moved = where.looked_for is not None and path.resolve() != where.looked_for
    return replace(where, path=path, intact=intact, moved=moved)


def _role(role: str) -> Words:
    """`申报表` / `workbook`: the role of an input as the messages name it."""
    code = f"verify.role.{role}"
    return _words(Phrase.of(code)) if code in CATALOG else (role, role)


def _words(phrase: Phrase) -> Words:
    return phrase.both()


def _environment_notes(tool: Mapping[str, Any]) -> tuple[Phrase, ...]:
    """The Python the run recorded, where this machine has another (none for a manifest written before December
    2026, which recorded none): what to install again to re-run it as it ran (the packages: _package_notes)."""
    was, now = tool.get("python"), environment()["python"]
    return (Phrase.of("verify.environment", versions=f"Python {was} → {now}"),) if was not in (None, now) else ()


def _package_notes(tool: Mapping[str, Any]) -> tuple[Phrase, ...]:
    """The packages the run recorded at other versions than this machine has, named whatever the re-run gives: a
    note, not a difference — any version the project allows may re-run a run, and budgetopt's own writers write its
    allocation.xlsx and report.html (the solver's version is a difference of its own)."""
    packages = tool.get("packages")
    changes = _package_changes(packages) if isinstance(packages, dict) else ""
    return (Phrase.of("verify.packages_version", versions=changes),) if changes else ()


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


# how the two allocation.csv compared are named: (mine, theirs) for a row in both, (only mine, only theirs)
_PUBLISHED = ("verify.mine.published", "verify.theirs.rerun", "verify.side.published", "verify.side.rerun")
_EDITED = ("verify.mine.edited", "verify.theirs.written", "verify.side.edited", "verify.side.written")


def _row_differences(before: bytes, after: bytes, *, edited: bool, limit: int = 20) -> list[Phrase]:
    """The applications whose allocation, status or another column differs between the allocation.csv beside the
    manifest (`before`: published, or edited after the run) and the re-run's (`after`)."""
    mine, theirs, only_mine, only_theirs = (_words(Phrase.of(code)) for code in (_EDITED if edited else _PUBLISHED))
    listed_old, listed_new = _row_list(before), _row_list(after)
    old, new = _by_id(listed_old), _by_id(listed_new)
    awards, others = _repeated(listed_old, mine), []  # the awards first: they matter most when cut short
    for app_id in sorted(old.keys() | new.keys()):
        a, b = old.get(app_id), new.get(app_id)
        named = app_id if app_id[:1] != "#" else Phrase.of("verify.row_no_id", line=app_id[1:]).both()
        if a is None or b is None:
            awards.append(Phrase.of("verify.row_only", id=named, side=only_theirs if a is None else only_mine))
        elif (a.get("allocated"), a.get("status")) != (b.get("allocated"), b.get("status")):
            awards.append(Phrase.of("verify.row_award", id=named, a=a.get("allocated", ""), s=a.get("status", ""),
                                    b=b.get("allocated", ""), t=b.get("status", ""), mine=mine, theirs=theirs))
        else:
            others += [Phrase.of("verify.row_other", id=named, key=key, a=_quoted(a.get(key)), b=_quoted(b.get(key)),
                                 mine=mine, theirs=theirs)
                       for key in dict.fromkeys((*a, *b)) if a.get(key) != b.get(key)]
    found = awards + others
    if not found and [row[0] for row in listed_old] != [row[0] for row in listed_new]:
        found = [Phrase.of("verify.rows_reordered", mine=mine, theirs=theirs)]
    if not found:
        return [Phrase.of("verify.rows_same")]
    if len(found) > limit:
        found = [*found[:limit], Phrase.of("verify.rows_more", count=len(found) - limit)]
    return found


def _quoted(cell: str | None) -> Words:
    """A cell as the sentence quotes it: `“…”` in Chinese, `'…'` in English (a long one cut short)."""
    shown = brief(cell or "")
    if isinstance(shown, str):
        return f"“{shown}”", repr(cell)
    return f"“{shown[0]}”", repr(shown[1])


Listed = list[tuple[str, int, dict[str, str]]]  # each row of an allocation.csv: its application_id, line, cells


def _row_list(data: bytes) -> Listed:
    """Each row of an allocation.csv in the file's order: its application_id (`#N` for one without), its line in
    the file, N, and its cells by column."""
    text = _decoded(data)
    allow_long_fields()
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    for row in reader:
        rows.append((row.get("application_id") or f"#{reader.line_num}", reader.line_num,
                     {k: v or "" for k, v in row.items() if k is not None}))
    return rows


def _by_id(rows: Listed) -> dict[str, dict[str, str]]:
    """The rows by application_id (the first, where one is there twice)."""
    found: dict[str, dict[str, str]] = {}
    for app_id, _, row in rows:
        found.setdefault(app_id, row)
    return found


def _repeated(rows: Listed, mine: Words) -> list[Phrase]:
    """An application whose row is there more than once: each a sentence with the lines of its rows."""
    places: dict[str, list[int]] = {}
    for app_id, line, _ in rows:
        places.setdefault(app_id, []).append(line)
    return [Phrase.of("verify.row_repeated", id=app_id, mine=mine, count=len(lines),
                      rows=("、".join(map(str, lines)), ", ".join(map(str, lines))))
            for app_id, lines in places.items() if len(lines) > 1]


def _decoded(data: bytes) -> str:
    """allocation.csv's UTF-8, or GBK when Excel saved it so on Chinese Windows."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _why_not(exc: BudgetoptError) -> Words:
    """Why the re-run stopped, in both languages."""
    if isinstance(exc, WorkbookError):
        first = exc.problems[0]
        return _words(Phrase.of("verify.rerun_workbook", count=len(exc.problems),
                                first=(first.text("zh"), first.text("en"))))
    if isinstance(exc, InputError):
        return _joined([p.text("zh") for p in exc.problems], [p.text("en") for p in exc.problems])
    if isinstance(exc, Infeasible):
        return _words(Phrase.of("verify.rerun_infeasible", conflicts=(exc.says("zh"), exc.says("en"))))
    return exc.text("zh"), exc.text("en")


def _joined(zh: Sequence[str], en: Sequence[str]) -> Words:
    return "；".join(zh), "; ".join(en)
