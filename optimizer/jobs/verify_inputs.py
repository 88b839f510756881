"""Where verify finds the inputs a manifest records, and what it says of one that is not as the run had it.

Each recorded input is looked for, in this order: at its recorded path (relative to the manifest's folder), then a
file of the same name beside the manifest, then any file under the `inputs` folder (searched recursively) whose
SHA-256 is the recorded one (a ledger, whose file grows, by its first entries instead — also in the file `ledger`
names, a backup, say); the shipped policy and divisions come from the installed package. So a run folder
mailed in a zip, its workbook and scenario beside the manifest, verifies. An input read from anywhere but its
recorded path is named in a note (`Verification.notes`), not as a difference. When no copy has the recorded SHA-256,
the one at the recorded path (or beside the manifest, or of the same name in `inputs`) is named as changed. A file
found is named by its path as the caller gave the manifest's (`run/../台账.sqlite`), not resolved.

compare, audit and publish find a run's inputs the same way (`locate_inputs`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from optimizer.domain import Problem
from optimizer.errors import ChangedInput, InputError
from optimizer.ledger import LedgerError, LedgerTampered, Tampering, check_ledger, read_ledger
from optimizer.ledger.schema import is_sqlite_file
from optimizer.reading.manifest_file import (
    REQUIRED,
    UNREADABLE,
    edited,
    read_json,
    unreadable_reason,
    wrong_keys,
)
from optimizer.report.manifest import SETTINGS, settings_sha256, sha256_file
from optimizer.rules.divisions import divisions_path
from optimizer.rules.policy import default_policy_path
from optimizer.words import Phrase
from optimizer.words.catalog import CATALOG

Words = tuple[str, str]  # (Chinese, English)


class ManifestError(InputError):
    """The manifest cannot be read or is not one budgetopt wrote, or the inputs it records cannot be found."""


class InputsChanged(ManifestError, ChangedInput):
    """An input the manifest records is there but not as the run had it (changed since): exit 4, not 2."""


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
    at = folder / str(recorded)  # named as given (run/../台账.sqlite), as awards.json's ledger is
    name = Path(str(recorded)).name
    where = Located(role, str(recorded), digest, None, looked_for=at.resolve(), beside=folder.resolve(),
                    inputs=search.folder)
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
    return Phrase.of(code).both() if code in CATALOG else (role, role)
