"""The registry of runs: `runs.sqlite` in the data folder, and the files it points to — a record that loses nothing.

    DATA/runs.sqlite            every run and sweep: what was asked, its status, and what came of it
    DATA/inputs/SHA256.xlsx     each input (a workbook, a scenario) once, named by its SHA-256, never by the client
    DATA/runs/ID/               a run's outputs (allocation.csv, allocation.xlsx, manifest.json, report.html)
    DATA/sweeps/ID/             a sweep's outputs (sweep.csv, sweep.xlsx, sweep.html)
    DATA/stability/ID/          a stability run's outputs (stability.csv, stability.xlsx, stability.html)
    DATA/goals/ID/              a goal search's outputs (goal.csv, goal.xlsx): the least budget that funds targets
    DATA/plans/ID/              a two-year plan's outputs (plan.csv, plan.xlsx): a total split between two years

Every name under the data folder is made here (ids and digests, checked against strict patterns on the way back
in), so nothing a request says can point outside it. Runs are never deleted: a run archived is only hidden from the
list of runs (its row, its files and the award ledger stay as they are), and may be brought back. At start a run
left `running` (the server was stopped under it) is marked `failed`; queued ones wait to be queued again.

The schema has a version (`meta.schema_version`). A registry of an older version is brought up to date when it is
opened, each step in one transaction that only adds (a column, a table): no run is ever lost or changed. A newer
one is refused, untouched.

    1 → 2   runs.params: a job's own settings as JSON (a stability run's draws, sigma and seed)
    2 → 3   runs.archived: when a run was archived (hidden from the list of runs), or NULL
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import sqlite3
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from optimizer.errors import InputError
from optimizer.report.manifest import sha256_file
from optimizer.rules.scenario import YEARS
from optimizer.words import Phrase, library_reason, os_reason

SCHEMA_VERSION = 3
STATUSES = ("queued", "running", "done", "invalid", "infeasible", "failed")
KINDS = ("allocate", "sweep", "stability", "goal", "plan")
FOLDERS = {"allocate": "runs", "sweep": "sweeps", "stability": "stability", "goal": "goals", "plan": "plans"}
FINISHED = frozenset({"done", "invalid", "infeasible", "failed"})

RUN_ID = re.compile(r"\A[0-9]{8}-[0-9]{6}-[0-9a-f]{6}\Z")
INPUT_NAME = re.compile(r"\A[0-9a-f]{64}\.(?:xlsx|xlsm|xltm|xlam|xlsb|xls|toml|csv|bin)\Z")
SUFFIXES = (".xlsx", ".xlsm", ".xltm", ".xlam", ".xlsb", ".xls", ".toml", ".csv")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS inputs (
    name TEXT PRIMARY KEY,          -- SHA256.suffix, the file under inputs/
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    client_name TEXT NOT NULL,      -- as the browser or script named it (shown, never used as a path)
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,             -- allocate, sweep or stability
    status TEXT NOT NULL,
    created TEXT NOT NULL,
    started TEXT,
    finished TEXT,
    workbook TEXT NOT NULL,         -- an input name
    workbook_name TEXT NOT NULL,    -- the client's name for it
    scenario TEXT,                  -- an input name, or NULL
    scenario_name TEXT,             -- the scenario's own name (or its file's), or NULL
    budget_given TEXT,              -- the budget as given beside the scenario, or NULL
    budget INTEGER,                 -- the effective budget in yuan, when it is known
    solver TEXT NOT NULL,
    lang TEXT NOT NULL,
    skip_invalid INTEGER NOT NULL DEFAULT 0,
    levels TEXT,                    -- a sweep's budget levels (JSON), or NULL
    outcome TEXT NOT NULL DEFAULT '{}', -- JSON: problems, conflicts, totals, binding limits, error, …
    params TEXT,                    -- since schema 2: a job's own settings (JSON), or NULL
    archived TEXT                   -- since schema 3: when it was archived (hidden from the list), or NULL
);
CREATE INDEX IF NOT EXISTS runs_created ON runs (created);
"""

# what each version's registry lacks of the next's: only ever additions, so that nothing is lost
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: ("ALTER TABLE runs ADD COLUMN params TEXT",),
    2: ("ALTER TABLE runs ADD COLUMN archived TEXT",),
}


@dataclass(frozen=True)
class StoredInput:
    """An input file kept under inputs/: its name there, and the name the client gave it."""

    name: str
    client_name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class RunRecord:
    """One run (or sweep) as the registry holds it."""

    id: str
    kind: str
    status: str
    created: str
    workbook: str
    workbook_name: str
    scenario: str | None
    scenario_name: str | None
    budget_given: str | None
    budget: int | None
    solver: str
    lang: str
    skip_invalid: bool = False
    levels: tuple[int, ...] = ()
    started: str | None = None
    finished: str | None = None
    outcome: Mapping[str, Any] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)
    archived: str | None = None  # when it was archived (hidden from the list of runs), or None

    @property
    def finished_ok(self) -> bool:
        return self.status == "done"

    def input_names(self) -> dict[str, str]:
        """The run's stored workbook as its manifest records it (from the run's folder: ../../inputs/NAME) to the
        name the officer gave the file: for sentences that name it (a path looked at stays as it is)."""
        return {f"../../inputs/{self.workbook}": self.workbook_name}

    @property
    def active(self) -> bool:
        return self.status in ("queued", "running")


@dataclass(frozen=True)
class NewRun:
    """What a run is asked for with: its inputs (names under inputs/) and settings."""

    workbook: StoredInput
    scenario: StoredInput | None
    scenario_name: str | None
    budget_given: str | None
    budget: int | None
    solver: str = "highs"
    lang: str = "zh"
    skip_invalid: bool = False
    kind: str = "allocate"
    levels: tuple[int, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)  # a job's own settings (a stability run's draws, …)


def now() -> str:
    """The time, as the registry and the API write it: ISO 8601 with the offset, to the second."""
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


class Registry:
    """runs.sqlite and the folders beside it. Each call opens its own connection (safe from any thread)."""

    def __init__(self, data: Path) -> None:
        """The registry of the data folder `data`, made or brought up to date; InputError when the folder cannot be
        written or its runs.sqlite is damaged, another program's, or of a newer budgetopt."""
        self.data = data.absolute()
        self.inputs = self.data / "inputs"
        self.scratch = self.data / "tmp"
        self.path = self.data / "runs.sqlite"
        self._years: dict[str, int | None] = {}  # a scenario's year, by its input name (a file never changed)
        try:
            for folder in (self.data, self.inputs, self.scratch, *(self.data / f for f in FOLDERS.values()),
                           self.data / "compares", self.data / "audits", self.data / "imports"):
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError.one(self.data, Phrase.of("web.data_unwritable", reason=os_reason(exc))) from None
        try:
            with self._db() as db:
                found = _version(db)
                if found is not None and found > SCHEMA_VERSION:
                    raise InputError.one(self.path, Phrase.of("web.registry_newer", found=found, known=SCHEMA_VERSION))
                if found is None:
                    db.executescript(_SCHEMA)
                    db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            self._migrate()
        except (sqlite3.Error, ValueError) as exc:  # not a database, damaged, another program's tables, odd version
            damaged = Phrase.of("web.registry_damaged", reason=library_reason(str(exc)))
            raise InputError.one(self.path, damaged) from None

    def _migrate(self) -> None:
        """Bring an older registry up to SCHEMA_VERSION, one step at a time, each in a transaction of its own."""
        with closing(sqlite3.connect(self.path, timeout=30, isolation_level=None)) as db:
            while True:
                db.execute("BEGIN IMMEDIATE")  # one writer: a second server opening the folder waits, then sees it
                try:
                    found = _version(db) or SCHEMA_VERSION
                    if found >= SCHEMA_VERSION:
                        db.execute("COMMIT")
                        return
                    for statement in _MIGRATIONS[found]:
                        db.execute(statement)
                    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(found + 1),))
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            with db:  # one transaction, committed on leaving
                yield db

    # ------------------------------------------------------------------ inputs, by SHA-256

    def scratch_file(self, suffix: str) -> Path:
        """A new file name in the scratch folder, for an upload on its way in (with the suffix the client gave it,
        when it is one of a workbook's, a scenario's or an allocation's: the reader judges a file by it too)."""
        return self.scratch / f"upload-{secrets.token_hex(16)}{suffix if suffix in SUFFIXES else '.bin'}"

    def keep(self, scratch: Path, client_name: str, suffix: str) -> StoredInput:
        """Move an upload from the scratch folder into inputs/, named by its SHA-256 (kept once)."""
        digest = sha256_file(scratch)
        name = f"{digest}{suffix if suffix in SUFFIXES else '.bin'}"
        target = self.inputs / name
        if target.exists():
            scratch.unlink(missing_ok=True)
        else:
            os.replace(scratch, target)
        size = target.stat().st_size
        with self._db() as db:
            db.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?)",
                       (name, digest, size, client_name, now()))
        return StoredInput(name, client_name, digest, size)

    def keep_bytes(self, data: bytes, client_name: str, suffix: str) -> StoredInput:
        scratch = self.scratch_file(suffix)
        scratch.write_bytes(data)
        return self.keep(scratch, client_name, suffix)

    def stored_input(self, name: str) -> StoredInput | None:
        """An input by its name under inputs/ (None for anything else, or a name that is not one of ours)."""
        if not INPUT_NAME.match(name):
            return None
        with self._db() as db:
            row = db.execute("SELECT * FROM inputs WHERE name = ?", (name,)).fetchone()
        if row is None or not (self.inputs / name).is_file():
            return None
        return StoredInput(row["name"], row["client_name"], row["sha256"], row["size"])

    def stored_workbook(self, name: str) -> StoredInput | None:
        """An uploaded workbook by its name under inputs/ (None for a scenario, an allocation, anything else)."""
        return None if name.endswith((".toml", ".csv")) else self.stored_input(name)

    def input_path(self, name: str) -> Path:
        if not INPUT_NAME.match(name):
            raise ValueError(f"not an input name: {name!r}")
        return self.inputs / name

    # ------------------------------------------------------------------ runs

    def add(self, new: NewRun) -> RunRecord:
        """A new run, queued."""
        with self._db() as db:
            while True:
                run_id = datetime.now().strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)
                try:
                    db.execute(
                        "INSERT INTO runs (id, kind, status, created, workbook, workbook_name, scenario, "
                        "scenario_name, budget_given, budget, solver, lang, skip_invalid, levels, params) "
                        "VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (run_id, new.kind, now(), new.workbook.name, new.workbook.client_name,
                         new.scenario.name if new.scenario else None, new.scenario_name, new.budget_given,
                         new.budget, new.solver, new.lang, int(new.skip_invalid),
                         json.dumps(list(new.levels)) if new.levels else None,
                         json.dumps(dict(new.params), ensure_ascii=False) if new.params else None))
                    break
                except sqlite3.IntegrityError:  # the same second and the same three random bytes: draw again
                    continue
        record = self.get(run_id)
        assert record is not None
        return record

    def get(self, run_id: str) -> RunRecord | None:
        if not RUN_ID.match(run_id):
            return None
        with self._db() as db:
            row = db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return None if row is None else _record(row)

    def workbooks(self, limit: int = 50) -> list[StoredInput]:
        """The workbooks uploaded (and kept: read as the command line reads them), the latest first."""
        with self._db() as db:
            rows = db.execute("SELECT * FROM inputs WHERE name NOT LIKE '%.toml' AND name NOT LIKE '%.csv' "
                              "ORDER BY created DESC, rowid DESC LIMIT ?", (limit,)).fetchall()
        return [StoredInput(row["name"], row["client_name"], row["sha256"], row["size"]) for row in rows
                if (self.inputs / row["name"]).is_file()]

    def runs(self, kind: str = "allocate", archived: bool | None = None) -> list[RunRecord]:
        """Every run of a kind, newest first: all of them, or only those archived (True) or not (False)."""
        which = {None: "", True: " AND archived IS NOT NULL", False: " AND archived IS NULL"}[archived]
        with self._db() as db:
            rows = db.execute(f"SELECT * FROM runs WHERE kind = ?{which} ORDER BY created DESC, id DESC",
                              (kind,)).fetchall()
        return [_record(row) for row in rows]

    def archive(self, run_id: str, archived: bool = True) -> RunRecord | None:
        """Archive a run — hide it from the list of runs; its record, its files and the award ledger stay as they
        are — or bring it back (`archived` False); the run as it now stands, None for no such run. Archived again,
        a run keeps the time it was first archived."""
        if not RUN_ID.match(run_id):
            return None
        with self._db() as db:
            if archived:
                db.execute("UPDATE runs SET archived = COALESCE(archived, ?) WHERE id = ?", (now(), run_id))
            else:
                db.execute("UPDATE runs SET archived = NULL WHERE id = ?", (run_id,))
        return self.get(run_id)

    def year_of(self, record: RunRecord) -> int | None:
        """The year (年度) of a run's scenario, as its stored scenario file says it; None without one (a scenario
        without a year, none at all, or a year the library would refuse)."""
        name = record.scenario
        if not name or not INPUT_NAME.match(name):
            return None
        if name not in self._years:
            try:
                year = tomllib.loads((self.inputs / name).read_bytes().decode("utf-8-sig")).get("year")
            except (OSError, ValueError, RecursionError):  # gone, not UTF-8, not TOML
                year = None
            self._years[name] = year if type(year) is int and year in YEARS else None
        return self._years[name]

    def queue_ahead(self, record: RunRecord) -> tuple[int, int]:
        """For a queued run: how many runs of any kind are being solved, and how many wait before it."""
        with self._db() as db:
            running = db.execute("SELECT COUNT(*) FROM runs WHERE status = 'running'").fetchone()[0]
            before = db.execute("SELECT COUNT(*) FROM runs WHERE status = 'queued' AND rowid < "
                                "(SELECT rowid FROM runs WHERE id = ?)", (record.id,)).fetchone()[0]  # in order added
        return int(running), int(before)

    def started(self, run_id: str) -> None:
        with self._db() as db:
            db.execute("UPDATE runs SET status = 'running', started = ? WHERE id = ?", (now(), run_id))

    def finish(self, run_id: str, status: str, outcome: Mapping[str, Any], budget: int | None = None) -> None:
        assert status in FINISHED
        with self._db() as db:
            db.execute("UPDATE runs SET status = ?, finished = ?, outcome = ?, budget = COALESCE(?, budget) "
                       "WHERE id = ?", (status, now(), json.dumps(outcome, ensure_ascii=False), budget, run_id))

    def recover(self, interrupted: Mapping[str, Any]) -> list[RunRecord]:
        """At start: runs left running are failed (with `interrupted` as their outcome); the queued ones, oldest
        first, to be queued again."""
        with self._db() as db:
            db.execute("UPDATE runs SET status = 'failed', finished = ?, outcome = ? WHERE status = 'running'",
                       (now(), json.dumps(interrupted, ensure_ascii=False)))
            rows = db.execute("SELECT * FROM runs WHERE status = 'queued' ORDER BY rowid").fetchall()  # as added
        return [_record(row) for row in rows]

    # ------------------------------------------------------------------ folders

    def run_folder(self, record: RunRecord) -> Path:
        return self.data / FOLDERS[record.kind] / record.id

    def compare_folder(self, a: str, b: str, lang: str) -> Path:
        assert RUN_ID.match(a) and RUN_ID.match(b) and lang in ("zh", "en")
        return self.data / "compares" / f"{a}_{b}" / lang

    def audit_file(self, suffix: str) -> Path:
        return self.data / "audits" / f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}{suffix}"

    def keep_import(self, scratch: Path) -> Path:
        """An awards workbook imported into the ledger, moved from the scratch folder into imports/ (the record of
        what was imported, by the time it was)."""
        target = self.data / "imports" / f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}{scratch.suffix}"
        os.replace(scratch, target)
        return target

    def discard(self, path: Path) -> None:
        """Remove a scratch file or folder (only ever one under the data folder)."""
        if path.is_relative_to(self.scratch):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _record(row: sqlite3.Row) -> RunRecord:
    """A row as a run; a row edited into what budgetopt never writes (an unknown status or kind, JSON that is not,
    or not a table) as a failed run that says so, so that one edited row does not take the pages down with it."""
    try:
        kind, status = row["kind"], row["status"]
        levels = tuple(int(level) for level in json.loads(row["levels"])) if row["levels"] else ()
        outcome, params = json.loads(row["outcome"] or "{}"), json.loads(row["params"]) if row["params"] else {}
        if (kind not in FOLDERS or status not in STATUSES or not isinstance(params, dict)
                or not _plausible(outcome, status == "done" and kind == "allocate")
                or not isinstance(row["solver"], str) or not _input_name(row["workbook"])
                or not (row["scenario"] is None or _input_name(row["scenario"]))
                or not (row["budget_given"] is None or isinstance(row["budget_given"], str))
                or not (row["budget"] is None or type(row["budget"]) is int) or row["lang"] not in ("zh", "en")
                or not (row["archived"] is None or isinstance(row["archived"], str))):
            raise ValueError(row["id"])
    except (ValueError, TypeError, RecursionError):
        return RunRecord(id=row["id"], kind=row["kind"] if row["kind"] in FOLDERS else "allocate", status="failed",
                         created=str(row["created"]), workbook="", workbook_name=str(row["workbook_name"]),
                         scenario=None, scenario_name=None, budget_given=None, budget=None, solver="highs",
                         lang="zh", outcome={"error": list(Phrase.of("web.record_damaged").both())},
                         archived=row["archived"] if isinstance(row["archived"], str) else None)
    return RunRecord(
        id=row["id"], kind=kind, status=status, created=row["created"], workbook=row["workbook"],
        workbook_name=row["workbook_name"], scenario=row["scenario"], scenario_name=row["scenario_name"],
        budget_given=row["budget_given"], budget=row["budget"], solver=row["solver"], lang=row["lang"],
        skip_invalid=bool(row["skip_invalid"]), levels=levels, started=row["started"], finished=row["finished"],
        outcome=outcome, params=params, archived=row["archived"])


_OUTCOME_TYPES = {"totals": dict, "problems": list, "conflicts": list, "binding": list, "warnings": list,
                  "error": list, "ledger": dict, "stability": dict, "goal": dict,
                  "plan": dict}  # what the pages read of an outcome


def _input_name(name: Any) -> bool:
    return isinstance(name, str) and INPUT_NAME.match(name) is not None


def _plausible(outcome: Any, done_allocation: bool) -> bool:
    """An outcome as budgetopt writes it, as far as the pages rely on it: a table, its parts of their types, and
    the totals of a finished allocation."""
    return isinstance(outcome, dict) and all(outcome.get(key) is None or isinstance(outcome[key], kind)
                                             for key, kind in _OUTCOME_TYPES.items()) and (
        not done_allocation or isinstance(outcome.get("totals"), dict))


def _version(db: sqlite3.Connection) -> int | None:
    """The registry's schema version; None for a new file."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone() is None:
        return None
    found = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return None if found is None else int(found[0])
