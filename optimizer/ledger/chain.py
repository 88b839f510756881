"""The ledger's hash chain: how an entry is hashed, and what `check` finds when the chain does not hold.

The recipe, so that an auditor can recompute every hash with any tool:

1. Take the entry's fields as one JSON object with exactly these 16 keys: `seq` (integer), `recorded_at` (text,
   ISO 8601 UTC to the second, e.g. `"2027-01-15T09:30:00+00:00"`), `prev_hash` (text: the previous entry's
   `hash`, or 64 zeros for entry 1), and the award's `policy`, `year` (integer), `credit_code`, `content_key`,
   `amount` (integer, whole yuan), `applicant`, `group`, `application_id`, `district`, `clause`, `project`,
   `awarded_on` (text `YYYY-MM-DD`) and `run`. A correction (`corrects` not null: `budgetopt ledger correct`) has
   two keys more, 18 in all: `corrects` (integer, the seq of the entry it corrects) and `basis` (text). An award
   `budgetopt publish` recorded since December 2026 (schema version 3) has one key more, 17 in all: `notice` (text:
   the SHA-256, lower-case hex, of the 公示 list the publication wrote, its notice.xlsx) — so that the ledger's
   chain pins the published list as it pins the awards; an entry without it (a publication before, an import, a
   correction) is hashed as before. A missing value (SQL NULL) is JSON `null`; numbers are plain integers (no
   exponent, no decimal point).
2. Write it canonically: keys sorted by their code points, no whitespace (separators `,` and `:`), strings with the
   characters themselves (not `\\uXXXX` escapes) except what JSON requires: `\\"`, `\\\\` and the control
   characters below U+0020 (as `\\n`, `\\t`, …, else `\\u00XX`). This is Python's
   `json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))`.
3. `hash` is the SHA-256 of those UTF-8 bytes, in lower-case hex. The table `entries` has a column of each of these
   names (and `hash`), holding the value as is, so an auditor needs nothing but the file, e.g. in Python:

       conn = sqlite3.connect("ledger.sqlite"); conn.row_factory = sqlite3.Row
       for row in conn.execute("SELECT * FROM entries ORDER BY seq"):
           fields = {key: row[key] for key in KEYS}   # the 16 keys above
           if "corrects" in row.keys() and row["corrects"] is not None:  # a correction: and these two
               fields.update(corrects=row["corrects"], basis=row["basis"])
           if "notice" in row.keys() and row["notice"] is not None:  # a publication's award: and its list's hash
               fields.update(notice=row["notice"])
           text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
           assert hashlib.sha256(text.encode("utf-8")).hexdigest() == row["hash"]

Since each hash covers the previous one, the last entry's hash (the head) pins every entry before it.

What `check` can see. Each entry's place is recovered from the chain itself: an entry whose hash holds at its own
place stays there; one whose hash holds only at another place (the place its chain link gives it: one after the
entry whose hash it names as `prev_hash`, or one before the entry that names it, or failing those a place no
entry holds) was recorded there. Then:

- `changed`: an entry whose fields no longer give its hash at any place the chain gives it (a field was edited,
  or cannot be an award at all), or whose hash was recomputed after an edit (the next entry, or the ledger's
  record of its last entry, still names the old hash); and a correction budgetopt could not have recorded,
  whatever its hash (one that changes nothing, raises an award above the amount it was first granted at — its own
  entry's amount — corrects a later entry or another correction, changes the award's fields, takes it below 0,
  or names a 公示 list; in a file of a schema before version 4, one that raises an award at all);
- `removed`: a place no entry holds, up to the number of entries the ledger recorded (the `meta` table keeps the
  count and the last hash, written in the same transaction as the entries); consecutive places make one finding
  ("entries 3 to 7 were removed"), whose `seq` is the first of them;
- `reordered`: an intact entry that stands at another place than the one it was recorded at (seq swapped);
- `added`: an entry beyond the count the ledger recorded, or a second copy of an entry.

A finding of seq 0 is about the `meta` record itself (its count or head unreadable or inconsistent).

What `check` cannot see: an editor who removes the last entries and also rewrites `meta` (or who rewrites every
hash from some entry on, and `meta`) leaves a chain that holds. A run's manifest records the ledger's head and
count (`ledger_sha`), and reading the ledger up to that count must give that head again: that is what catches it.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict, deque
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from itertools import islice

from optimizer.domain import LedgerAward
from optimizer.errors import Mismatch
from optimizer.money import format_yuan
from optimizer.words import Phrase

GENESIS = "0" * 64
AWARD_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(LedgerAward))
CORRECTION_FIELDS = ("corrects", "basis")  # hashed only in a correction's entry: every other's hash is as it was
NOTICE_FIELD = "notice"  # hashed only where a publication recorded its list's SHA-256 (since December 2026)
KINDS = ("changed", "removed", "reordered", "added")
_TEXT_FIELDS = ("policy", "credit_code", "applicant", "district", "clause", "project")
_OPTIONAL_TEXT = ("content_key", "group", "application_id", "run", "basis")
_ATTEMPTS = 200_000  # hashes tried to place entries the chain links give no place (a hostile file stays cheap)


@dataclass(frozen=True)
class Entry:
    """One recorded award: its place, when it was recorded, and its link in the chain."""

    seq: int  # 1, 2, 3 … in the order recorded
    award: LedgerAward
    recorded_at: str  # ISO 8601 UTC, seconds ("2027-01-15T09:30:00+00:00")
    prev_hash: str  # hex SHA-256 of the previous entry; GENESIS for the first
    hash: str  # hex SHA-256 of the canonical JSON (module docstring)
    notice: str | None = None  # a publication's award since December 2026: the SHA-256 of the 公示 list it wrote


@dataclass(frozen=True)
class Tampering:
    """Something the chain shows was done to the ledger outside budgetopt: `kind` is one of KINDS; `seq` names the
    entry (for `removed`, the missing place, the first of a run of them; 0 for the ledger's own record of its count
    and head)."""

    seq: int
    kind: str
    phrase: Phrase

    def text(self, lang: str | None = None) -> str:
        return self.phrase.text(lang)

    def __str__(self) -> str:
        return self.text()


class LedgerTampered(Mismatch):
    """The ledger's chain does not hold: `tampering` names each entry changed, removed, reordered or added (the
    command line exits with 4)."""

    def __init__(self, tampering: Sequence[Tampering]) -> None:
        super().__init__([t.phrase for t in tampering])
        self.tampering = tuple(tampering)


@dataclass(frozen=True)
class StoredRow:
    """One row of the `entries` table as the file holds it; `award` is None when its fields cannot be an award."""

    seq: int
    award: LedgerAward | None
    recorded_at: str | None
    prev_hash: str | None
    hash: str | None
    raw: Mapping[str, object]

    def entry(self) -> Entry | None:
        if self.award is None or self.recorded_at is None or self.prev_hash is None or self.hash is None:
            return None
        notice = self.raw.get(NOTICE_FIELD)
        if notice is not None and not isinstance(notice, str):  # no hash of a list: not an entry budgetopt wrote
            return None
        return Entry(self.seq, self.award, self.recorded_at, self.prev_hash, self.hash, notice)


def canonical(seq: int, award: LedgerAward, recorded_at: str, prev_hash: str, notice: str | None = None) -> str:
    """The canonical JSON text an entry's hash is taken over (module docstring)."""
    names = AWARD_FIELDS if award.is_correction else [n for n in AWARD_FIELDS if n not in CORRECTION_FIELDS]
    values: dict[str, object] = {name: getattr(award, name) for name in names}
    if isinstance(award.awarded_on, date):
        values["awarded_on"] = award.awarded_on.isoformat()
    values.update(seq=seq, recorded_at=recorded_at, prev_hash=prev_hash)
    if notice is not None:
        values[NOTICE_FIELD] = notice
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(seq: int, award: LedgerAward, recorded_at: str, prev_hash: str, notice: str | None = None) -> str:
    return hashlib.sha256(canonical(seq, award, recorded_at, prev_hash, notice).encode("utf-8")).hexdigest()


def entries_for(awards: Iterable[LedgerAward], *, after: int, head: str, recorded_at: str,
                notice: str | None = None) -> tuple[Entry, ...]:
    """The entries that record `awards` after entry `after`, whose hash is `head`; each with `notice`, the SHA-256
    of the 公示 list of the publication recording them, when given."""
    entries: list[Entry] = []
    for seq, award in enumerate(awards, start=after + 1):
        digest = entry_hash(seq, award, recorded_at, head, notice)
        entries.append(Entry(seq, award, recorded_at, head, digest, notice))
        head = digest
    return tuple(entries)


def award_from(raw: Mapping[str, object]) -> LedgerAward | None:
    """The award a row's columns hold, or None when they cannot be one (a column of the wrong type, say)."""
    if any(not isinstance(raw.get(name), str) for name in _TEXT_FIELDS):
        return None
    if any(raw.get(name) is not None and not isinstance(raw.get(name), str) for name in _OPTIONAL_TEXT):
        return None
    year, amount, awarded_on, corrects = raw.get("year"), raw.get("amount"), raw.get("awarded_on"), raw.get("corrects")
    if not isinstance(year, int) or not isinstance(amount, int):
        return None
    if (corrects is not None and not isinstance(corrects, int)) or (corrects is None and raw.get("basis") is not None):
        return None
    day = _date(awarded_on)
    if awarded_on is not None and day is None:
        return None
    values = {name: raw.get(name) for name in AWARD_FIELDS}
    values["awarded_on"] = day
    return LedgerAward(**values)  # type: ignore[arg-type]  # every field's type is checked above


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if day.isoformat() == value else None


def row_from(raw: Mapping[str, object]) -> StoredRow:
    """A row of `entries` (column name → value as SQLite returned it), its award read if it can be one."""
    seq = raw["seq"]
    assert isinstance(seq, int)  # INTEGER PRIMARY KEY: SQLite's rowid is always an integer
    texts = [value if isinstance(value, str) else None for value in (raw.get(k) for k in
                                                                      ("recorded_at", "prev_hash", "hash"))]
    return StoredRow(seq, award_from(raw), texts[0], texts[1], texts[2], raw)


# ------------------------------------------------------------------------------------------------ finding tampering


def find_tampering(file: str, rows: Sequence[StoredRow], count: int | None, head: str | None, *,
                   raises: bool = True) -> tuple[Tampering, ...]:
    """Every entry changed, removed, reordered or added (module docstring); () when the chain holds.

    `rows` are in the order of their seq; `count` and `head` are the ledger's record of how many entries it holds
    and the last one's hash (None when that record cannot be read, which is itself reported). `raises`: whether the
    file's schema is one under which budgetopt records a correction that raises an award (version 4 and later).
    """
    found: dict[tuple[int, str], Tampering] = {}

    def note(seq: int, kind: str, row: StoredRow | None = None, recorded_as: int | None = None) -> None:
        found.setdefault((seq, kind), _tampering(file, seq, kind, row, recorded_as))

    if count is None or head is None or (count == 0 and head != GENESIS) or _only_meta(rows, count, head):
        found[(0, "changed")] = Tampering(0, "changed", Phrase.of("ledger.tampered.meta", file=file))
        if count is not None and head is not None and count > 0:  # the entries themselves are whole: only that
            return (found[(0, "changed")],)
    total = count if count is not None else max((r.seq for r in rows), default=0)
    places = _places(rows, total)
    kept = [r for r in rows if count is None or r.seq <= count]
    for row in rows:
        if count is not None and row.seq > count:
            note(row.seq, "added", row)
    holders: dict[int, StoredRow] = {}
    for row in sorted(kept, key=lambda r: (places.get(r.seq) != r.seq, r.seq)):
        place = places.get(row.seq)
        if place is None:
            note(row.seq, "changed", row)
        elif place in holders:
            note(row.seq, "added", row)
        else:
            holders[place] = row
            if place != row.seq:
                note(row.seq, "reordered", row, place)
    for row in _impossible(kept, {r.seq for r in kept if places.get(r.seq) == r.seq}, raises=raises):
        found.setdefault((row.seq, "changed"), Tampering(row.seq, "changed", Phrase.of(
            "ledger.tampered.impossible", file=file, seq=row.seq, details=_details(row))))
    changed = {r.seq for r in kept if r.seq not in places}
    for first, last in gaps(holders.keys() | changed, total):
        found[(first, "removed")] = _removed(file, first, last)
    for place, row in holders.items():
        before = holders.get(place - 1)
        expected = GENESIS if place == 1 else None if before is None else before.hash
        if expected is not None and row.prev_hash != expected:
            note(before.seq if before is not None else row.seq, "changed", before or row)
        if place == total and head is not None and row.hash != head:
            note(row.seq, "changed", row)
    return tuple(found[key] for key in sorted(found))


def _only_meta(rows: Sequence[StoredRow], count: int, head: str) -> bool:
    """Whether the entries form a whole chain (1 … n, each hash holding, each linking the one before) that the
    ledger's record of its count and head misstates: the head the last entry's and the count another, or the count
    n and the head an earlier entry's — that record was changed, not an entry. (A count and head that fit an earlier
    entry leave the ones after it added outside budgetopt; a head that fits no entry, the last one rewritten with a
    fresh hash — or the head changed, which the file cannot tell apart: the entry is named.)"""
    if not rows or (count == len(rows) and head == rows[-1].hash):
        return False
    misstated = (count != len(rows)) if head == rows[-1].hash else (
        count == len(rows) and any(row.hash == head for row in rows[:-1]))
    if not misstated:
        return False
    previous = GENESIS
    for seq, row in enumerate(rows, start=1):
        entry = row.entry()
        if row.seq != seq or entry is None or entry.prev_hash != previous or not _holds(entry, seq):
            return False
        previous = entry.hash
    return True


def _places(rows: Sequence[StoredRow], total: int) -> dict[int, int]:
    """Where each row (by its seq) was recorded: its own place if its hash holds there, else the place its chain
    links give it, else a place no entry holds whose hash it fits; rows placed nowhere are missing from the map."""
    entries = {r.seq: e for r in rows if (e := r.entry()) is not None}
    places = {seq: seq for seq, e in entries.items() if _holds(e, seq)}
    following: dict[str, list[Entry]] = defaultdict(list)
    by_hash: dict[str, Entry] = {}
    for entry in entries.values():
        following[entry.prev_hash].append(entry)
        by_hash.setdefault(entry.hash, entry)

    def spread(start: Iterable[Entry]) -> None:
        queue = deque(start)
        while queue:
            entry = queue.popleft()
            place = places[entry.seq]
            neighbours = [(e, place + 1) for e in following.get(entry.hash, ())]
            before = by_hash.get(entry.prev_hash)
            if before is not None and place > 1:
                neighbours.append((before, place - 1))
            for other, at in neighbours:
                if other.seq not in places and _holds(other, at):
                    places[other.seq] = at
                    queue.append(other)

    firsts = [e for e in following.get(GENESIS, ()) if e.seq not in places and _holds(e, 1)]
    places.update((e.seq, 1) for e in firsts[:1])
    spread([entries[seq] for seq in places])
    unplaced = [e for seq, e in entries.items() if seq not in places]
    if not unplaced:
        return places
    free = list(islice((p for first, last in gaps(set(places.values()), max(total, max(entries)))
                        for p in range(first, last + 1)), _ATTEMPTS // len(unplaced)))
    for entry in unplaced:
        at = next((p for p in free if entry.seq not in places and _holds(entry, p)), None)
        if at is not None:
            places[entry.seq] = at
            spread([entry])
    return places


_SAME = tuple(name for name in AWARD_FIELDS if name not in (*CORRECTION_FIELDS, "amount", "awarded_on", "run"))


def _impossible(rows: Sequence[StoredRow], sound: Collection[int], *, raises: bool = True) -> list[StoredRow]:
    """Corrections budgetopt could not have recorded, whatever their hashes (one recomputed after an edit holds):
    one that does not change an award recorded before it (not a correction), keeping its fields, to an amount from 0
    up to what the award was first granted at — lowering it, or (`raises`: a file of version 4 or later) raising it
    — and names no 公示 list. `sound`: the rows whose hashes hold where they stand — a correction of an award found
    changed is judged by that finding, not against the award's fields as edited."""
    awards = {row.seq: row.award for row in rows if row.award is not None and row.award.corrects is None}
    stands = {seq: award.amount for seq, award in awards.items()}
    bad = []
    for row in rows:
        award = row.award
        if award is None or award.corrects is None or row.seq not in sound:
            continue
        if award.corrects in awards and award.corrects not in sound:  # the award itself is the finding
            continue
        corrected = awards.get(award.corrects) if award.corrects < row.seq else None
        if (corrected is None or award.amount == 0 or (award.amount > 0 and not raises) or award.run is not None
                or not (award.basis or "").strip() or row.raw.get(NOTICE_FIELD) is not None
                or any(getattr(award, name) != getattr(corrected, name) for name in _SAME)
                or not 0 <= stands[award.corrects] + award.amount <= corrected.amount):
            bad.append(row)
        else:
            stands[award.corrects] += award.amount
    return bad


def gaps(held: Collection[int], total: int) -> Iterator[tuple[int, int]]:
    """The runs (first, last) of places 1 … total that no entry holds."""
    expected = 1
    for place in sorted(p for p in held if 1 <= p <= total):
        if place > expected:
            yield expected, place - 1
        expected = place + 1
    if expected <= total:
        yield expected, total


def _holds(entry: Entry, seq: int) -> bool:
    return entry_hash(seq, entry.award, entry.recorded_at, entry.prev_hash, entry.notice) == entry.hash


def _tampering(file: str, seq: int, kind: str, row: StoredRow | None, recorded_as: int | None) -> Tampering:
    params: dict[str, object] = {"file": file, "seq": seq}
    if recorded_as is not None:
        params["recorded"] = recorded_as
    if row is not None:
        params["details"] = _details(row)
    return Tampering(seq, kind, Phrase.of(f"ledger.tampered.{kind}", **params))


def _removed(file: str, first: int, last: int) -> Tampering:
    if first == last:
        return Tampering(first, "removed", Phrase.of("ledger.tampered.removed", file=file, seq=first))
    return Tampering(first, "removed", Phrase.of("ledger.tampered.removed_run", file=file, seq=first, last=last,
                                                 count=last - first + 1))


def _details(row: StoredRow) -> tuple[str, str]:
    """What names an entry for people, as the file now holds it: credit code, application, amount."""
    raw = row.raw
    parts = [str(raw[name]) for name in ("credit_code", "application_id") if raw.get(name) not in (None, "")]
    amount = raw.get("amount")
    if isinstance(amount, int) and not isinstance(amount, bool):
        zh, en = [*parts, f"{format_yuan(amount)}元"], [*parts, f"{format_yuan(amount)} yuan"]
    else:
        zh, en = [*parts, f"金额 {amount!r}"], [*parts, f"amount {amount!r}"]
    return "，".join(zh), ", ".join(en)
