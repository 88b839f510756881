"""The award ledger (docs/ledger.md): an append-only, hash-chained SQLite file of the awards actually granted.

    init_ledger(path)                              a new, empty ledger; never over an existing file
    read_ledger(path, upto=None)                   its entries (the first `upto`), the chain verified
    append_awards(path, awards, recorded_at=...)   record awards: all of them in one transaction, or none
    append_correction(path, seq, to=..., ...)      record what an award now stands at (核减; 撤销 to 0; 调增 or 恢复
                                                   back up to what it was first granted at, a mistake put right)
    check_ledger(path)                             what was changed, removed, reordered or added outside budgetopt
    ledger_sha(state)                              what a run's manifest records of the ledger it read

Nothing here updates or deletes an entry (a correction is an entry of its own), and the file's triggers refuse
UPDATE and DELETE on `entries` (a guard against accidents; an editor can drop them, and the chain then shows what
was done). chain.py gives the hashing recipe and what `check` can and cannot see; schema.py the file's tables,
migrations and how it is opened.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from optimizer.domain import LedgerAward
from optimizer.ledger import schema
from optimizer.ledger.chain import (
    AWARD_FIELDS,
    GENESIS,
    Entry,
    LedgerTampered,
    StoredRow,
    Tampering,
    award_from,
    entries_for,
    find_tampering,
)
from optimizer.ledger.schema import LedgerError, refuse, sqlite_errors
from optimizer.words import os_reason

_HEX64 = re.compile(r"[0-9a-f]{64}")

__all__ = ["GENESIS", "Entry", "LedgerError", "LedgerState", "LedgerTampered", "Tampering", "append_awards",
           "append_correction", "check_ledger", "entries_recording", "folded", "history", "init_ledger", "ledger_sha",
           "preview_correction", "read_ledger", "rows_of_run", "standing"]


@dataclass(frozen=True)
class LedgerState:
    """A ledger's entries as read (or as just written), in the order recorded."""

    path: Path
    entries: tuple[Entry, ...]

    @property
    def head(self) -> str:
        """The hash of the last entry, GENESIS when the ledger is empty."""
        return self.entries[-1].hash if self.entries else GENESIS

    @property
    def count(self) -> int:
        return len(self.entries)

    @property
    def awards(self) -> tuple[LedgerAward, ...]:
        """Every entry's award as recorded, corrections (negative amounts) among them."""
        return tuple(entry.award for entry in self.entries)

    @property
    def granted(self) -> tuple[LedgerAward, ...]:
        """The awards as they stand: each at its amount less its corrections, those corrected to 0 left out, the
        corrections themselves not listed. What prior support, the period cap and the audit count."""
        return tuple(award for award, _ in self.granted_from())

    def granted_from(self) -> tuple[tuple[LedgerAward, int], ...]:
        """`granted`, each award with what it was first granted at (more than it stands at where a correction lowered
        it)."""
        return tuple((replace(entry.award, amount=amount), entry.award.amount)
                     for entry, amount in standing(self.entries) if amount > 0)

    def stands_at(self, seq: int) -> int | None:
        """What entry `seq` (an award, not a correction) stands at after its corrections; None for no such award."""
        return next((amount for entry, amount in standing(self.entries) if entry.seq == seq), None)

    def published_runs(self) -> frozenset[str]:
        """The manifest hashes of the runs whose awards the ledger records."""
        return frozenset(e.award.run for e in self.entries if e.award.run is not None)


def standing(entries: Sequence[Entry]) -> list[tuple[Entry, int]]:
    """Each award's entry (not a correction's) with its amount after the corrections recorded of it."""
    return [(entry, amounts[-1]) for entry, amounts in history(entries)]


def history(entries: Sequence[Entry]) -> list[tuple[Entry, tuple[int, ...]]]:
    """Each award's entry (not a correction's) with every amount it stood at: as recorded, then after each of its
    corrections in turn."""
    return [(entry, amounts) for entry, amounts, _ in folded(entries)]


def folded(entries: Sequence[Entry]) -> list[tuple[Entry, tuple[int, ...], tuple[Entry, ...]]]:
    """Each award's entry (not a correction's), in the order recorded, with every amount it stood at (as recorded,
    then after each of its corrections in turn) and the entries of those corrections. The one place corrections are
    folded into their awards."""
    amounts: dict[int, list[int]] = {}
    corrections: dict[int, list[Entry]] = {}
    for entry in entries:
        award = entry.award
        if award.corrects is None:
            amounts[entry.seq] = [award.amount]
            corrections[entry.seq] = []
        elif award.corrects in amounts:
            amounts[award.corrects].append(amounts[award.corrects][-1] + award.amount)
            corrections[award.corrects].append(entry)
    return [(entry, tuple(amounts[entry.seq]), tuple(corrections[entry.seq])) for entry in entries
            if entry.seq in amounts]


def ledger_sha(state: LedgerState) -> str:
    """What a run's manifest records of the ledger it read: the head, with `state.count` beside it.

    The head is the hash of the last entry, and each entry's hash covers the one before, so the head pins every
    entry's fields and order. Unlike a hash of the file's bytes, it does not change when SQLite rearranges its pages
    (a checkpoint, a vacuum) or a later version adds a column, and a later run's appends leave it recoverable:
    `read_ledger(path, upto=count).head` must give it again."""
    return state.head


def init_ledger(path: Path) -> LedgerState:
    """A new, empty ledger at `path`, at the latest schema, its folder made if need be (as `allocate --out` and
    `template` make theirs); refused (LedgerError) when anything is there.

    The ledger is made whole in a scratch file beside `path` and only then put in place, so that no reader — a run
    starting in the app while the officer creates the ledger — ever finds a file that is not yet a ledger; a
    killed process leaves at most that scratch file (a dot-file named after the ledger), never a half-made ledger."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where a folder of the path would be
        raise refuse(path, "ledger.cannot_create", reason=os_reason(NotADirectoryError(
            errno.ENOTDIR, os.strerror(errno.ENOTDIR)))) from None
    except OSError as exc:
        raise refuse(path, "ledger.cannot_create", reason=os_reason(exc)) from None
    if os.path.lexists(path):
        raise refuse(path, "ledger.exists")
    scratch = path.with_name(f".{path.name}.{secrets.token_hex(4)}.new")
    try:
        os.close(os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        with sqlite_errors(path), closing(schema.connect_new(scratch)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
            schema.migrate(conn, 0)
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode = WAL")
        _put_in_place(scratch, path)
    except OSError as exc:
        raise refuse(path, "ledger.cannot_create", reason=os_reason(exc)) from None
    finally:
        for left in (scratch, Path(f"{scratch}-wal"), Path(f"{scratch}-shm")):
            left.unlink(missing_ok=True)
    return LedgerState(path, ())


def _put_in_place(scratch: Path, path: Path) -> None:
    """`scratch` made `path` at once, never over a file there: a hard link (refused by the system when `path`
    exists); where the folder's file system has none, a rename (Windows refuses one over a file; elsewhere, a file
    made at `path` in between would be replaced). LedgerError "exists" when `path` is there."""
    try:
        os.link(scratch, path)
        return
    except FileExistsError:
        raise refuse(path, "ledger.exists") from None
    except OSError:
        if os.path.lexists(path):
            raise refuse(path, "ledger.exists") from None
    try:
        os.rename(scratch, path)
    except FileExistsError:
        raise refuse(path, "ledger.exists") from None


def read_ledger(path: Path, *, upto: int | None = None) -> LedgerState:
    """The ledger's entries, its whole chain verified (LedgerTampered when it does not hold).

    Read-only: the file is opened with SQLite's `mode=ro` and is never created or written (SQLite may leave the
    empty `-wal` and `-shm` companions a reader of a WAL database needs). `upto=n` gives the first n entries —
    what the ledger held when a run recorded its head and count — and is refused when it holds fewer; their own
    chain is what must hold then (each entry's hash covers the one before, so entries changed or added after them
    outside budgetopt leave them as they were: `check_ledger` names those)."""
    path = Path(path)
    if upto is not None and upto < 0:
        raise ValueError(f"upto must be a count of entries, not {upto}")
    tampering, entries = _verified(path, upto)
    if tampering:
        raise LedgerTampered(tampering)
    if upto is not None:
        if upto > len(entries):
            raise refuse(path, "ledger.too_few", count=len(entries), upto=upto)
        entries = entries[:upto]
    return LedgerState(path, entries)


def check_ledger(path: Path) -> tuple[Tampering, ...]:
    """Every entry changed, removed, reordered or added outside budgetopt (chain.py); () when the chain holds.

    Raises LedgerError only when the file is not a readable ledger; never for tampering."""
    return _verified(Path(path))[0]


def entries_recording(state: LedgerState, awards: Sequence[LedgerAward], *, recorded_at: str,
                      notice: str | None = None) -> tuple[Entry, ...]:
    """The entries `append_awards` records for `awards` (with `notice`, as it does) after the ledger as `state` holds
    it, at `recorded_at`: their hashes, and so the ledger's head after them, known before the write (a publication
    pins it in awards.json)."""
    return entries_for(awards, after=state.count, head=state.head, recorded_at=_utc_seconds(recorded_at),
                       notice=notice)


def rows_of_run(path: Path, run: str) -> tuple[StoredRow, ...]:
    """The entries recorded for the published run `run` (its manifest's SHA-256), as the file holds them, whether or
    not its chain holds: what `verify` sets beside the run's own awards. LedgerError: not a ledger that can be
    read."""
    path = Path(path)
    with schema.reading(path) as conn:
        schema.check_pages(conn, path)
        rows, _, _ = schema.load(conn)
    return tuple(row for row in rows if row.raw.get("run") == run)


def append_awards(path: Path | str, awards: Sequence[LedgerAward], *, recorded_at: str,
                  expected_head: str | None = None, notice: str | None = None) -> LedgerState:
    """Record `awards` after the ledger's last entry, all in one transaction: every one of them, or none.

    The chain is verified first (LedgerTampered); a run whose awards the ledger already records is refused
    (LedgerError `ledger.already_published`). Another writer at the same time makes this one wait until it is done
    (then it appends after it, or is refused). `recorded_at` is an ISO 8601 time with a time zone, recorded in
    UTC to the second. `expected_head`: the head of the ledger as the caller read it to decide what to record (a
    publication, an import) — if another writer added an entry since, nothing is recorded (LedgerError
    `ledger.changed_meanwhile`), so that no decision stands on entries it never saw. The ledger is migrated to the
    latest schema in the same transaction. `notice`: the SHA-256 of the 公示 list of the publication recording the
    awards (64 lower-case hex digits), which each entry then carries, its hash covering it (chain.py). Corrections
    are recorded by `append_correction` only (ValueError here)."""
    path, awards = Path(path), tuple(awards)
    if notice is not None and not _HEX64.fullmatch(notice):
        raise ValueError(f"notice must be a SHA-256 in lower-case hex, not {notice!r}")
    for award in awards:
        _check_award(award)
        if award.is_correction:
            raise ValueError(f"a correction is recorded by append_correction, not append_awards: {award!r}")

    def checked(old: tuple[Entry, ...]) -> tuple[LedgerAward, ...]:
        if expected_head is not None and _head(old) != expected_head:
            raise refuse(path, "ledger.changed_meanwhile", count=len(old))
        _refuse_published(path, old, awards)
        return awards

    return _append(path, checked, recorded_at, notice)


def append_correction(path: Path | str, seq: int, *, to: int, basis: str, on: date, recorded_at: str,
                      expected: int | None = None) -> LedgerState:
    """Record that the award of entry `seq` now stands at `to` yuan, by `basis` (the decision), dated `on`: an entry
    of its own with the award's fields, `corrects` = seq and the change as its amount — negative where it lowers the
    award (0: revoked), positive where it raises it again, up to at most what the award was first granted at (its own
    entry's amount: a correction recorded by mistake put right, a revoked award restored). Decided inside the write's
    transaction, so that two officers correcting the same award at once cannot undo each other: the second is decided
    on the award as the first left it, and refused (LedgerError) where it would change nothing. `expected`: what the
    caller saw the award stand at when it decided — a raise is recorded only from that very amount (another
    correction recorded meanwhile refuses it: a lowering is never undone by a raise decided before it was seen)."""
    _check_target(to, basis)
    path = Path(path)
    return _append(path, lambda old: (_correction(path, old, seq, to, basis, on, expected),), recorded_at)


def preview_correction(path: Path | str, seq: int, *, to: int, basis: str, on: date,
                       recorded_at: str) -> LedgerState:
    """The ledger as `append_correction` would leave it now — the correction its last entry — decided by the same
    checks on the ledger as read (its chain verified), and nothing written: what a page shows for confirmation
    before the correction is recorded (LedgerError as append_correction refuses it)."""
    _check_target(to, basis)
    state = read_ledger(Path(path))
    made = _correction(state.path, state.entries, seq, to, basis, on)
    return LedgerState(state.path, state.entries + entries_recording(state, (made,), recorded_at=recorded_at))


def _check_target(to: object, basis: str) -> None:
    if isinstance(to, bool) or not isinstance(to, int) or to < 0 or not basis.strip():
        raise ValueError(f"a correction sets an award to whole yuan (0 or more), with a basis: {to!r}, {basis!r}")


def _correction(path: Path, old: Sequence[Entry], seq: int, to: int, basis: str, on: date,
                expected: int | None = None) -> LedgerAward:
    """The entry correcting award `seq` among `old` to `to` yuan: refused (LedgerError) for an entry beyond them, a
    correction, an award revoked already (`to` 0), one already at `to` (no change) or first granted at less than
    `to`, a raise from another amount than `expected` (when given), or a decision dated before the award."""
    if not 1 <= seq <= len(old):
        raise refuse(path, "ledger.correction.no_entry", seq=seq, count=len(old))
    if old[seq - 1].award.corrects is not None:
        raise refuse(path, "ledger.correction.of_correction", seq=seq, corrects=old[seq - 1].award.corrects)
    award, amount = next((entry, amount) for entry, amount in standing(old) if entry.seq == seq)
    first = award.award.amount
    if to == amount == 0:
        raise refuse(path, "ledger.correction.revoked", seq=seq, first=f"{first:,}")
    if to == amount:
        raise refuse(path, "ledger.correction.no_change", seq=seq, amount=f"{amount:,}")
    if to > first:
        raise refuse(path, "ledger.correction.above_first", seq=seq, first=f"{first:,}", amount=f"{amount:,}",
                     granted=_first_said(award))
    if expected is not None and to > amount != expected:
        raise refuse(path, "ledger.correction.changed_meanwhile", seq=seq, now=f"{amount:,}", seen=f"{expected:,}")
    since = award.award.awarded_on or datetime.fromisoformat(award.recorded_at).astimezone().date()  # local
    if on < since:
        raise refuse(path, "ledger.correction.before_award", on=on.isoformat(), seq=seq, since=since.isoformat())
    made = replace(award.award, amount=to - amount, awarded_on=on, run=None, corrects=seq, basis=basis)
    _check_award(made)
    return made


def _first_said(entry: Entry) -> tuple[str, str]:
    """What an award was first granted at is called, in both languages: its 公示 amount where budgetopt published it,
    else the amount imported."""
    return ("公示金额", "published amount") if entry.award.run is not None else ("导入金额", "amount imported")


def _append(path: Path, awards: Callable[[tuple[Entry, ...]], Sequence[LedgerAward]], recorded_at: str,
            notice: str | None = None) -> LedgerState:
    """Record `awards(entries)` — made from the ledger's entries as they stand inside the write's transaction — after
    its last entry, each with `notice` where given: every one of them, or none."""
    stamp = _utc_seconds(recorded_at)
    with schema.reading(path):
        pass  # a file that is not a ledger this code knows is refused before it is opened for writing
    with closing(schema.connect(path, write=True)) as conn, sqlite_errors(path):
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("BEGIN IMMEDIATE")
        try:
            old = _prepare(conn, path)
            new = entries_for(awards(old), after=len(old), head=_head(old), recorded_at=stamp, notice=notice)
            for entry in new:
                _insert(conn, entry)
            schema.record_head(conn, len(old) + len(new), _head(old + new))
            schema.restore_guards(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return LedgerState(path, old + new)


# ------------------------------------------------------------------------------------------------ helpers


def _verified(path: Path, upto: int | None = None) -> tuple[tuple[Tampering, ...], tuple[Entry, ...]]:
    """Every change to the ledger's chain and its entries — or, with `upto`, to its first `upto` entries, when those
    are there, numbered 1 … upto (the whole chain is judged otherwise, and says what happened)."""
    with schema.reading(path) as conn:
        schema.check_pages(conn, path)
        rows, count, head = schema.load(conn)
        version = schema.version_of(conn)
    first = [row for row in rows if upto is not None and row.seq <= upto]
    if upto is not None and len(first) == upto and all(row.seq == n for n, row in enumerate(first, start=1)):
        rows, count, head = first, upto, first[-1].hash if first else GENESIS
    tampering = find_tampering(path.name, rows, count, head, raises=version >= schema.RAISES)
    return tampering, () if tampering else tuple(e for row in rows if (e := row.entry()) is not None)


def _prepare(conn: sqlite3.Connection, path: Path) -> tuple[Entry, ...]:
    """Inside the write transaction: a ledger this code knows, nothing foreign in it, migrated, its chain whole."""
    version = schema.identify(conn, path)
    schema.check_pages(conn, path)
    schema.refuse_foreign_objects(conn, path, version)
    schema.migrate(conn, version)
    rows, count, head = schema.load(conn)
    tampering = find_tampering(path.name, rows, count, head, raises=version >= schema.RAISES)  # as written
    if tampering:
        raise LedgerTampered(tampering)
    return tuple(e for row in rows if (e := row.entry()) is not None)


def _refuse_published(path: Path, entries: Sequence[Entry], awards: Sequence[LedgerAward]) -> None:
    published = {e.award.run for e in entries if e.award.run is not None}
    for award in awards:
        if award.run is not None and award.run in published:
            raise refuse(path, "ledger.already_published", run=award.run[:12])


def _insert(conn: sqlite3.Connection, entry: Entry) -> None:
    """One entry's row (a seam: the tests stop a writer here, between two rows of a transaction)."""
    schema.insert(conn, [entry.seq, *_columns(entry.award), entry.recorded_at, entry.prev_hash, entry.hash,
                         entry.notice])


def _head(entries: Sequence[Entry]) -> str:
    return entries[-1].hash if entries else GENESIS


def _columns(award: LedgerAward) -> list[object]:
    values: list[object] = [getattr(award, name) for name in AWARD_FIELDS]
    return [v.isoformat() if isinstance(v, date) else v for v in values]


def _check_award(award: LedgerAward) -> None:
    """An award must read back exactly as written: whole-yuan int amount, int year, texts, a date (not a time)."""
    if not isinstance(award, LedgerAward):
        raise TypeError(f"a ledger records LedgerAward values, not {type(award).__name__}")
    for name in ("amount", "year"):
        if type(getattr(award, name)) is not int:
            raise TypeError(f"LedgerAward.{name} must be an int, not {getattr(award, name)!r}")
    if award.awarded_on is not None and type(award.awarded_on) is not date:
        raise TypeError(f"LedgerAward.awarded_on must be a date, not {award.awarded_on!r}")
    if award_from(dict(zip(AWARD_FIELDS, _columns(award), strict=True))) != award:
        raise TypeError(f"a LedgerAward's texts must be str (and only content_key, group, application_id and run "
                        f"may be None): {award!r}")


def _utc_seconds(text: str) -> str:
    """`2027-01-15T09:30:00+00:00`: the time in UTC, to the second."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"recorded_at must carry a time zone (e.g. +00:00), not {text!r}")
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()
