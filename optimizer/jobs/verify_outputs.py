"""The run's other files beside its manifest — allocation.xlsx, report.html, the exported model — set beside what the
re-run writes: they hold no time, so they are the same bytes whenever allocation.csv is reproduced by the same
writers. A file that differs is judged by the SHA-256 the manifest records of it (since December 2026) and by what
the manifest's `tool` says wrote it:

- its SHA-256 is not the recorded one: changed since the run;
- it has the recorded SHA-256, but the manifest records what writes it byte for byte as this budgetopt does (its
  version and writers' version; for the model, which pulp writes, the packages too): edited, and its SHA-256 in the
  manifest with it — unless the award ledger vouches for the manifest (its entries of the publication record the
  manifest's SHA-256), when the writers' version was reused for other bytes (a note, to be reported);
- otherwise it is an earlier budgetopt's file this one cannot check byte for byte: a note says why, and what vouches
  for the manifest (the ledger, or nothing — awards.json, beside it, cannot).

Whatever its SHA-256, allocation.xlsx and report.html are read back and set beside the re-run's allocation.csv
(jobs/verify_printed.py): a row that says otherwise is a difference. Where the manifest records what writes them byte
for byte as this budgetopt does, the rest of each — every other cell, the page's other text — is set beside the
re-run's file too (jobs/verify_rest.py): a file whose bytes are not the run's is said to be saved again only where
nothing a person reads in it differs. A file that is not there is no finding: a run may be handed on with its
allocation.csv and manifest only.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from optimizer import __version__
from optimizer.jobs.verify_printed import ReadBack, read_back
from optimizer.reading.run_folder import run_file
from optimizer.report.manifest import WRITERS, environment, sha256_bytes
from optimizer.report.notice import AWARDS_FILE
from optimizer.words import Phrase

Words = tuple[str, str]  # (Chinese, English)

MODEL_FILES = ("model.lp", "model.mps")  # written by a package (pulp), not by budgetopt's own writers


def outputs_edited(manifest: Path, outputs: Mapping[str, bytes], record: Mapping[str, Any], rerun: bytes,
                   vouched: Path | None) -> tuple[list[Phrase], list[Phrase]]:
    """The findings and the notes of the run's other files beside `manifest` that are not what the re-run wrote
    (`outputs`, by name), as the module's docstring says; `record` is the manifest, `rerun` the re-run's
    allocation.csv, `vouched` the ledger whose entries of the publication record the manifest's SHA-256 and hold."""
    findings, notes = [], []
    tool, recorded = record["tool"], record["outputs"]
    published = run_file(manifest, AWARDS_FILE).is_file()  # read by the publication's check, not again here
    lang = record["command"].get("lang", "zh")
    for name, data in outputs.items():
        path = run_file(manifest, name)
        if name in ("allocation.csv", "manifest.json") or not path.is_file():
            continue
        found = path.read_bytes()
        if found == data:
            continue
        same = written_here(tool, name)
        read = read_back(name, path, rerun, lang, data if same else None)  # None: not read back (the model)
        told = list(read.findings) if read is not None else []
        said = {"name": path.name, "same": _same_as(tool, name)}
        if sha256_bytes(found) != recorded.get(name, {}).get("sha256"):
            findings += read.changed() if read is not None else [Phrase.of("verify.output_edited", name=path.name)]
        elif same and vouched is None:
            rest = [*(read.rest or ()), *read.reworded] if read is not None else []
            findings += [Phrase.of("verify.output_edited_with_hash", **said), *told, *rest]
        elif told:  # what it says otherwise than the run, or that it cannot be read back
            assert read is not None
            findings += [*([read.lead] if read.lead is not None else []), *told]
        elif same and vouched is not None:
            notes.append(Phrase.of("verify.output_writers_reused", path=str(vouched), **said))
        else:
            notes.append(_unchecked_note(path.name, tool, vouched, published, read))
    return findings, notes


def _unchecked_note(name: str, tool: Mapping[str, Any], vouched: Path | None, published: bool,
                    read: ReadBack | None) -> Phrase:
    """A file of the run this budgetopt writes otherwise, with the SHA-256 the manifest records: why this budgetopt
    cannot check it; what vouches for the manifest — the ledger `vouched`, or nothing (an unpublished manifest; a
    published one whose ledger was not found holding it); and, where it was `read` back, that it reads as the run's
    allocation."""
    said = {"name": name, "why": _unchecked(tool, name), "read": read.read if read is not None else ("", "")}
    if vouched is not None:
        return Phrase.of("verify.output_as_published", path=str(vouched), **said)
    vouch = Phrase.of(f"verify.vouch.{'unheld' if published else 'unpublished'}").both()
    return Phrase.of("verify.output_as_recorded", vouch=vouch, **said)


def written_here(tool: Mapping[str, Any], name: str) -> bool:
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
            parts.append(Phrase.of("verify.unchecked.packages", versions=package_changes(packages, every=True)))
    return "；".join(p.text("zh") for p in parts), "; ".join(p.text("en") for p in parts)


def package_notes(tool: Mapping[str, Any]) -> tuple[Phrase, ...]:
    """The packages the run recorded at other versions than this machine has, named whatever the re-run gives: a
    note, not a difference — any version the project allows may re-run a run, and budgetopt's own writers write its
    allocation.xlsx and report.html (the solver's version is a difference of its own)."""
    packages = tool.get("packages")
    changes = package_changes(packages) if isinstance(packages, dict) else ""
    return (Phrase.of("verify.packages_version", versions=changes),) if changes else ()


def package_changes(recorded: Mapping[str, Any], *, every: bool = False) -> str:
    """`numpy 2.4.5 → 2.4.6; …`: the packages the run recorded at other versions than this machine has — and,
    `every`, those this budgetopt records that the run did not (`—`: not recorded, or not installed)."""
    now = environment()["packages"]
    names = sorted(recorded.keys() | (now.keys() if every else set()))
    return "; ".join(f"{name} {recorded.get(name) or '—'} → {now.get(name) or '—'}" for name in names
                     if recorded.get(name) != now.get(name) and (every or name in recorded))
