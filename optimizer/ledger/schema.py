"""The ledger's file: how it is recognised, its tables, the migrations between versions, and how it is opened.

A ledger is an SQLite database (WAL journal) whose `PRAGMA application_id` is APPLICATION_ID and whose
`PRAGMA user_version` is the version of its schema. The file is treated as hostile: its header is checked before
SQLite opens it, it is opened read-only (URI `mode=ro`, `query_only`) unless written, never created by a read,
`trusted_schema` is off, values are capped in size, and only parameterised SQL of this module runs on it. Before a
write, any trigger, view, table or index budgetopt did not create is refused, so nothing from the file runs.

Migrations. MIGRATIONS lists (version, statements) in order; version 1 creates the tables. Whoever writes to a
ledger (`append_awards`, `append_correction`) first applies the steps above the file's version, in the same
transaction as the write, so a refused or failed write leaves the file as it was; `init_ledger` applies them all.
A read never migrates: it needs only the columns of version 1 (the award's fields and the chain's) and reads a
column a later step added as NULL where the file has none yet, so a later step may add columns or indexes but must
never rename, drop or rewrite one of those, nor change an entry (the guard triggers forbid it). The hashes are over
the award's fields, not the table's layout, so they stay valid across migrations.

Version 2 (December 2026) adds a correction's two fields, `corrects` and `basis` (chain.py): NULL in every entry
recorded before, whose hashes do not cover them. A budgetopt that knows only version 1 refuses a ledger written by
this one (`ledger.newer_schema`), even to read it.

Version 3 (December 2026) adds `notice`, the SHA-256 of the 公示 list a publication wrote, which the hashes of its
awards' entries cover from then on (chain.py): NULL in every entry recorded before, whose hashes are as they were,
and in every entry that is no publication's award. A budgetopt that knows only version 2 refuses such a ledger.

Version 4 (December 2026) adds no column: it is the version from which a correction may also raise an award again —
back up to at most the amount it was first granted at — to put right a correction recorded by mistake (chain.py).
The file's tables are those of version 3, and every entry and its hash as it was; but a budgetopt that knows only
version 3 would read such a raise as a correction it could not have recorded and call the ledger tampered with, so
it refuses the file by its version instead (`ledger.newer_schema`: use a newer budgetopt), as a version-2 budgetopt
refuses version 3. A raise in a file of an earlier version is none budgetopt wrote (`RAISES`): whoever writes a
ledger migrates it first, in the same transaction.
"""

from __future__ import annotations

import re
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

from optimizer.errors import InputError
from optimizer.ledger.chain import AWARD_FIELDS, CORRECTION_FIELDS, GENESIS, NOTICE_FIELD, StoredRow, row_from
from optimizer.words import Phrase, library_reason, os_reason

MAGIC = b"SQLite format 3\x00"
APPLICATION_ID = 0x424F4C47  # "BOLG": BudgetOpt LedGer
BUSY_TIMEOUT = 60.0  # seconds a writer waits for another to finish
MAX_VALUE_BYTES = 1_000_000  # no value of a ledger is near this; a hostile file's giant value is refused
COLUMNS: tuple[str, ...] = ("seq", *AWARD_FIELDS, "recorded_at", "prev_hash", "hash", NOTICE_FIELD)
# the columns a later version added, by the version that added them
_ADDED = {**dict.fromkeys(CORRECTION_FIELDS, 2), NOTICE_FIELD: 3}
REQUIRED = tuple(c for c in COLUMNS if c not in _ADDED)  # version 1's: what a read needs
_HEX64 = re.compile(r"[0-9a-f]{64}")


class LedgerError(InputError):
    """A file that cannot be used as a ledger (not one, a newer schema, missing, damaged), or a write refused (a
    new ledger over an existing file, a run already published). Each is a Problem naming the file."""


def refuse(path: Path, code: str, **params: object) -> LedgerError:
    return LedgerError.one(path.name, Phrase.of(code, **params))


def _text(column: str, sql: str) -> str:
    return f"{column} TEXT NOT NULL CHECK (typeof({column}) = 'text'){sql}"


_V1: tuple[str, ...] = (
    "CREATE TABLE entries (\n"
    "  seq INTEGER PRIMARY KEY CHECK (seq >= 1),\n"
    f"  {_text('policy', ',')}\n"
    "  year INTEGER NOT NULL CHECK (typeof(year) = 'integer'),\n"
    f"  {_text('credit_code', ',')}\n"
    "  content_key TEXT CHECK (content_key IS NULL OR typeof(content_key) = 'text'),\n"
    "  amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer'),\n"
    f"  {_text('applicant', ',')}\n"
    "  \"group\" TEXT CHECK (\"group\" IS NULL OR typeof(\"group\") = 'text'),\n"
    "  application_id TEXT CHECK (application_id IS NULL OR typeof(application_id) = 'text'),\n"
    f"  {_text('district', ',')}\n"
    f"  {_text('clause', ',')}\n"
    f"  {_text('project', ',')}\n"
    "  awarded_on TEXT CHECK (awarded_on IS NULL OR typeof(awarded_on) = 'text'),\n"
    "  run TEXT CHECK (run IS NULL OR typeof(run) = 'text'),\n"
    f"  {_text('recorded_at', ',')}\n"
    "  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),\n"
    "  hash TEXT NOT NULL CHECK (length(hash) = 64)\n"
    ")",
    "CREATE INDEX entries_by_content ON entries (credit_code, content_key)",
    "CREATE INDEX entries_by_run ON entries (run) WHERE run IS NOT NULL",
    "CREATE TRIGGER entries_never_changed BEFORE UPDATE ON entries\n"
    "BEGIN SELECT RAISE(ABORT, 'budgetopt ledger: entries are never changed'); END",
    "CREATE TRIGGER entries_never_removed BEFORE DELETE ON entries\n"
    "BEGIN SELECT RAISE(ABORT, 'budgetopt ledger: entries are never removed'); END",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "INSERT INTO meta (key, value) VALUES ('count', '0'), ('head', '" + GENESIS + "'), "
    "('about', 'budgetopt award ledger: entries are hash-chained, see optimizer/ledger/chain.py')",
)

_V2: tuple[str, ...] = (
    "ALTER TABLE entries ADD COLUMN corrects INTEGER CHECK (corrects IS NULL OR typeof(corrects) = 'integer')",
    "ALTER TABLE entries ADD COLUMN basis TEXT CHECK (basis IS NULL OR typeof(basis) = 'text')",
)

_V3: tuple[str, ...] = (
    "ALTER TABLE entries ADD COLUMN notice TEXT CHECK (notice IS NULL OR (typeof(notice) = 'text' "
    "AND length(notice) = 64))",
)

_V4: tuple[str, ...] = ()  # no new column: corrections may raise an award from this version on (RAISES)

# (version, statements), in order. Each statement is one SQL statement (executescript would commit).
MIGRATIONS: list[tuple[int, tuple[str, ...]]] = [(1, _V1), (2, _V2), (3, _V3), (4, _V4)]
RAISES = 4  # the version from which a correction may raise an award (up to what it was first granted at)


def latest_version() -> int:
    return MIGRATIONS[-1][0]


def migrate(conn: sqlite3.Connection, version: int) -> int:
    """Apply the steps above `version`, inside the caller's transaction; the version the file is now at."""
    for step, statements in MIGRATIONS:
        if step > version:
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(step)}")
            version = step
    return version


# ------------------------------------------------------------------------------------------------ opening


def check_file(path: Path) -> None:
    """Refuse what is not an SQLite file before SQLite sees it: missing, a folder, empty, another format."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise refuse(path, "ledger.folder")
        if not stat.S_ISREG(mode):  # a pipe or a device would block or never end
            raise refuse(path, "ledger.not_file")
        with path.open("rb") as file:
            header = file.read(len(MAGIC))
    except FileNotFoundError:
        raise refuse(path, "ledger.missing") from None
    except OSError as exc:
        raise refuse(path, "ledger.cannot_open", reason=os_reason(exc)) from None
    if not header:
        raise refuse(path, "ledger.empty")
    if header != MAGIC:
        raise refuse(path, "ledger.not_sqlite")


def is_sqlite_file(path: Path) -> bool:
    """Whether the file could be a ledger, by the check every ledger read makes first (check_file: its header) — to
    look for ledgers among a folder's files."""
    try:
        check_file(path)
    except LedgerError:
        return False
    return True


def connect(path: Path, *, write: bool) -> sqlite3.Connection:
    """A connection to an existing file, never creating one: read-only and query-only unless `write`.

    Transactions are the caller's (BEGIN … COMMIT); SQLite waits up to BUSY_TIMEOUT for another writer."""
    check_file(path)
    uri = path.resolve().as_uri() + ("?mode=rw" if write else "?mode=ro")
    with sqlite_errors(path):
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
        conn.text_factory = _text_or_bytes
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA query_only = OFF" if write else "PRAGMA query_only = ON")
    return conn


def _text_or_bytes(raw: bytes) -> str | bytes:
    """A TEXT value as a str, or its bytes when they are no UTF-8 (an edited file): a value of the wrong type,
    which the chain names as a change, where SQLite's default would raise UnicodeDecodeError."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


def connect_new(path: Path) -> sqlite3.Connection:
    """A connection to the empty file `init_ledger` just created (and nothing else)."""
    return sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True, timeout=BUSY_TIMEOUT,
                           isolation_level=None)


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection inside one read transaction (one consistent view), its schema recognised."""
    conn = connect(path, write=False)
    with closing(conn), sqlite_errors(path):
        conn.execute("BEGIN")
        try:
            identify(conn, path)
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")


def check_pages(conn: sqlite3.Connection, path: Path) -> None:
    """The file's pages as SQLite checks them (`PRAGMA quick_check`): a damaged index or table page that the
    entries' query happens not to read is refused as damage too, not found only when the ledger is next written."""
    found = [str(row[0]) for row in conn.execute("PRAGMA quick_check(3)")]
    if found != ["ok"]:
        lines = [line.strip("* ") for text in found for line in text.splitlines()]
        said = "; ".join(line for line in lines if line and "in database" not in line)
        said = (said or found[0])[:200]
        raise refuse(path, "ledger.damaged", reason=(f"SQLite 完整性检查未通过：{said}",
                                                     f"SQLite's integrity check fails: {said}"))


@contextmanager
def sqlite_errors(path: Path) -> Iterator[None]:
    """SQLite's errors as sentences naming the file: busy, cannot be written, damaged."""
    try:
        yield
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise refuse(path, "ledger.busy") from None
        if code is not None and code & 0xFF in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM):
            raise refuse(path, "ledger.cannot_write", reason=str(exc)) from None
        if code is not None and code & 0xFF == sqlite3.SQLITE_CANTOPEN:
            raise refuse(path, "ledger.cannot_open", reason=str(exc)) from None
        raise refuse(path, "ledger.damaged", reason=library_reason(str(exc))) from None
    except UnicodeDecodeError as exc:  # SQLite's message quotes the file's damaged bytes, which are no UTF-8
        raise refuse(path, "ledger.damaged", reason=bytes(exc.object).decode("utf-8", "replace")) from None


def identify(conn: sqlite3.Connection, path: Path) -> int:
    """The file's schema version, once it is known to be a budgetopt ledger this code can read."""
    if _pragma(conn, "application_id") != APPLICATION_ID:
        raise refuse(path, "ledger.other_application")
    version = _pragma(conn, "user_version")
    if version > latest_version():
        raise refuse(path, "ledger.newer_schema", found=version, known=latest_version())
    if version < 1:
        raise refuse(path, "ledger.damaged", reason=f"user_version {version}")
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    columns = {row[1] for row in conn.execute("PRAGMA table_info(entries)")} if "entries" in tables else set()
    lacking = [t for t in ("entries", "meta") if t not in tables]
    needed = [c for c in COLUMNS if _ADDED.get(c, 1) <= version]  # a later version's columns from that version
    lacking += [f"entries.{c}" for c in needed if "entries" in tables and c not in columns]
    if lacking:
        raise refuse(path, "ledger.incomplete", names=", ".join(lacking))
    return version


def version_of(conn: sqlite3.Connection) -> int:
    """The file's schema version as it declares it (`identify` has checked it, on the same connection)."""
    return _pragma(conn, "user_version")


def _pragma(conn: sqlite3.Connection, name: str) -> int:
    value = conn.execute(f"PRAGMA {name}").fetchone()[0]
    return value if isinstance(value, int) else -1


def schema_objects(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    """(type, name, SQL) of every table, index, trigger and view; the SQL of all but tables (whose text a
    migration's ALTER TABLE rewrites, and whose expressions can only call innocuous functions)."""
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master")
    return {(kind, name, "" if kind == "table" else sql or "") for kind, name, sql in rows}


def expected_objects(version: int) -> set[tuple[str, str, str]]:
    """What budgetopt creates in a ledger of `version`: its migrations applied to an empty database."""
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as memory:
        for step, statements in MIGRATIONS:
            if step <= version:
                for statement in statements:
                    memory.execute(statement)
        return schema_objects(memory)


def refuse_foreign_objects(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Before a write: nothing in the file that budgetopt did not create (a trigger would run on our INSERT)."""
    foreign = sorted(schema_objects(conn) - expected_objects(version))
    if foreign:
        raise refuse(path, "ledger.foreign_objects", names=", ".join(f"{kind} {name}" for kind, name, _ in foreign))


def restore_guards(conn: sqlite3.Connection) -> None:
    """Re-create the indexes and guard triggers of the latest schema that someone dropped (the chain held)."""
    present = {(kind, name) for kind, name, _ in schema_objects(conn)}
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as memory:
        for _, statements in MIGRATIONS:
            for statement in statements:
                memory.execute(statement)
        wanted = memory.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                                "AND sql IS NOT NULL").fetchall()
    for kind, name, sql in wanted:
        if (kind, name) not in present:
            conn.execute(sql)


# ------------------------------------------------------------------------------------------------ rows


def load(conn: sqlite3.Connection) -> tuple[list[StoredRow], int | None, str | None]:
    """Every row of `entries` in seq order, and the ledger's record of its count and head (None: unreadable).

    Raises sqlite3.DatabaseError (a damaged ledger, to `sqlite_errors`) when `seq` is not every row's number: the
    table's declaration damaged so that `seq` no longer names SQLite's rowid (a flipped byte in `INTEGER`)."""
    present = {row[1] for row in conn.execute("PRAGMA table_info(entries)")}
    chosen = ", ".join(f'"{c}"' if c in present else f'NULL AS "{c}"' for c in COLUMNS)  # a file not yet migrated
    values = conn.execute(f"SELECT {chosen} FROM entries ORDER BY seq").fetchall()
    if not all(type(row[0]) is int for row in values):
        raise sqlite3.DatabaseError("entries.seq is not the number of every entry")
    rows = [row_from(dict(zip(COLUMNS, row, strict=True))) for row in values]
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('count', 'head')").fetchall())
    count, head = meta.get("count"), meta.get("head")
    return (rows, int(count) if isinstance(count, str) and count.isascii() and count.isdigit() else None,
            head if isinstance(head, str) and _HEX64.fullmatch(head) else None)


def insert(conn: sqlite3.Connection, values: Sequence[object]) -> None:
    """One entry's row, its values in the order of COLUMNS (a column a later version adds left out while the file
    has none, and its value is NULL: an award, not a correction, in a ledger of version 1 — which a write migrates
    first, so only a test standing in for an older budgetopt reaches that)."""
    present = {row[1] for row in conn.execute("PRAGMA table_info(entries)")}
    pairs = [(c, v) for c, v in zip(COLUMNS, values, strict=True) if c in present or v is not None]
    conn.execute("INSERT INTO entries ({}) VALUES ({})".format(", ".join(f'"{c}"' for c, _ in pairs),
                                                               ", ".join("?" * len(pairs))), tuple(v for _, v in pairs))


def record_head(conn: sqlite3.Connection, count: int, head: str) -> None:
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [("count", str(count)),
                                                                                ("head", head)])
