"""The award ledger's store: every field kept, the chain verified, refusals named, tampering found and named, no
half-written append after a crash, two writers at once, migrations that keep every entry."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from helpers import ROOT

from optimizer.domain import LedgerAward
from optimizer.ledger import (
    GENESIS,
    Entry,
    LedgerError,
    LedgerState,
    LedgerTampered,
    Tampering,
    append_awards,
    append_correction,
    check_ledger,
    history,
    init_ledger,
    ledger_sha,
    read_ledger,
    schema,
    standing,
    store,
)
from optimizer.words import use_lang

POLICY = "渝经信规范〔2026〕2号"
RUN_A = "a1b2c3d4e5f6" + "0" * 52
RUN_B = "b" * 64
AT = "2027-01-15T09:30:00+00:00"
LATER = "2027-02-01T08:00:00+00:00"
NOTICE = hashlib.sha256(b"notice.xlsx").hexdigest()  # a 公示 list's SHA-256, as publish records it


def award(n: int, **changes: object) -> LedgerAward:
    base = LedgerAward(policy=POLICY, year=2026, credit_code=f"9150000020{n:07d}X", content_key=f"K-{n}",
                       amount=n * 1_000_000, applicant=f"重庆第{n}智能制造有限公司", group=None,
                       application_id=f"A-{n:03d}", district="两江新区", clause="3", project=f"数字化车间{n}",
                       awarded_on=None, run=RUN_A)
    return replace(base, **changes)  # type: ignore[arg-type]


def imported(n: int) -> LedgerAward:
    return award(n, policy="市级技改专项", year=2025, application_id=None, run=None, clause="", district="",
                 awarded_on=date(2025, 11, 3), group="长安系")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite"


@pytest.fixture
def five(path: Path) -> LedgerState:
    """A ledger of 5 entries: three of run A, two imported."""
    init_ledger(path)
    append_awards(path, [award(1), award(2), award(3)], recorded_at=AT)
    return append_awards(path, [imported(4), imported(5)], recorded_at=LATER)


@pytest.fixture
def raw(path: Path) -> Iterator[Callable[..., None]]:
    """Edit the file as a determined editor would: plain SQL, the guard triggers dropped first."""
    conn = sqlite3.connect(path, isolation_level=None)

    def run(*statements: str) -> None:
        conn.execute("DROP TRIGGER IF EXISTS entries_never_changed")
        conn.execute("DROP TRIGGER IF EXISTS entries_never_removed")
        for statement in statements:
            conn.execute(statement)

    yield run
    conn.close()


def findings(path: Path) -> list[tuple[int, str, str]]:
    return [(t.seq, t.kind, t.text()) for t in check_ledger(path)]


def message(error: LedgerError) -> tuple[str, str]:
    return error.problems[0].code, error.text()


# ------------------------------------------------------------------------------------------------ round trip


def test_a_new_ledger_is_empty(path: Path) -> None:
    state = init_ledger(path)
    assert state == LedgerState(path, ())
    assert (state.head, state.count, state.awards, state.published_runs()) == (GENESIS, 0, (), frozenset())
    assert read_ledger(path) == state
    assert check_ledger(path) == ()
    assert ledger_sha(state) == GENESIS
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA application_id").fetchone() == (schema.APPLICATION_ID,)
        assert conn.execute("PRAGMA user_version").fetchone() == (4,)


def test_every_field_comes_back_as_recorded(path: Path) -> None:
    awards = [award(1), imported(2), award(3, content_key=None, applicant="", project="“引号”与\\反斜杠\n换行",
                                              group="关联企业组 甲", amount=0, awarded_on=date(2027, 1, 1))]
    init_ledger(path)
    written = append_awards(path, awards, recorded_at=AT)
    state = read_ledger(path)
    assert state == written
    assert state.awards == tuple(awards)
    assert [e.seq for e in state.entries] == [1, 2, 3]
    assert [e.recorded_at for e in state.entries] == [AT] * 3
    assert state.entries[0].prev_hash == GENESIS
    assert [e.prev_hash for e in state.entries[1:]] == [e.hash for e in state.entries[:-1]]
    assert state.head == state.entries[-1].hash == ledger_sha(state)
    assert state.published_runs() == frozenset({RUN_A})


def test_columns_hold_the_fields_plainly(path: Path) -> None:
    init_ledger(path)
    append_awards(path, [imported(7)], recorded_at=AT)
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        row = dict(conn.execute("SELECT * FROM entries").fetchone())
    assert row["amount"] == 7_000_000 and isinstance(row["amount"], int)
    assert (row["awarded_on"], row["application_id"], row["run"], row["group"]) == ("2025-11-03", None, None, "长安系")


def test_an_auditor_recomputes_every_hash_from_the_docstring_recipe(five: LedgerState, path: Path) -> None:
    """16 keys; a correction's two more (its hash covers them), and a publication's 公示 list's SHA-256 since
    December 2026, which every other entry's hash does not."""
    append_correction(path, 2, to=500_000, basis="渝经信发〔2027〕5号", on=date(2027, 3, 1), recorded_at=LATER)
    five = append_awards(path, [award(7, run=RUN_B)], recorded_at=LATER, notice=NOTICE)
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        rows = [dict(r) for r in conn.execute("SELECT * FROM entries ORDER BY seq")]
    previous = "0" * 64
    assert [len(row) for row in rows] == [20] * 7  # 16 keys, corrects and basis, notice, hash
    assert [row["notice"] for row in rows] == [None] * 6 + [NOTICE]
    for row in rows:
        stored = row.pop("hash")
        if row["corrects"] is None:
            del row["corrects"], row["basis"]
        if row["notice"] is None:
            del row["notice"]
        text = json.dumps(row, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        assert row["prev_hash"] == previous
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == stored
        previous = stored
    assert previous == five.head


def test_entries_keep_their_order_across_appends_and_upto_gives_the_first_ones(five: LedgerState, path: Path) -> None:
    after_first = LedgerState(path, five.entries[:3])
    assert [e.award.application_id for e in five.entries] == ["A-001", "A-002", "A-003", None, None]
    assert [e.recorded_at for e in five.entries] == [AT] * 3 + [LATER] * 2
    assert read_ledger(path, upto=3) == after_first
    assert read_ledger(path, upto=0).head == GENESIS
    assert read_ledger(path, upto=5) == read_ledger(path) == five
    with pytest.raises(LedgerError) as caught:
        read_ledger(path, upto=6)
    assert message(caught.value) == ("ledger.too_few", "ledger.sqlite: holds 5 entries, fewer than the 6 it held when "
                                     "the run read it: entries were removed since, or this is another ledger")


def test_recorded_at_is_kept_in_utc_to_the_second(path: Path) -> None:
    init_ledger(path)
    state = append_awards(path, [award(1)], recorded_at="2027-01-15T17:30:00.250+08:00")
    assert state.entries[0].recorded_at == AT
    with pytest.raises(ValueError, match="time zone"):
        append_awards(path, [award(2, run=RUN_B)], recorded_at="2027-01-15T09:30:00")
    assert read_ledger(path).count == 1


@pytest.mark.parametrize("bad", [{"amount": 1.5}, {"amount": True}, {"year": "2026"},
                                 {"awarded_on": datetime(2026, 1, 1, 12)}, {"project": None}])
def test_an_award_that_would_not_read_back_exactly_is_refused(path: Path, bad: dict[str, object]) -> None:
    init_ledger(path)
    with pytest.raises(TypeError):
        append_awards(path, [award(1), award(2, **bad)], recorded_at=AT)
    assert read_ledger(path).count == 0


# ------------------------------------------------------------------------------------------------ refusals


def test_a_run_already_published_is_refused_and_nothing_is_written(five: LedgerState, path: Path) -> None:
    with pytest.raises(LedgerError) as caught:
        append_awards(path, [award(9, run=RUN_B), award(8)], recorded_at=LATER)
    assert message(caught.value) == ("ledger.already_published", "ledger.sqlite: already records the awards of run "
                                     "a1b2c3d4e5f6…; a run is published once")
    assert read_ledger(path) == five
    with use_lang("zh"):
        assert caught.value.text() == "ledger.sqlite：已记录运行 a1b2c3d4e5f6… 的获批项目；同一次运行只能发布一次"


def test_init_refuses_an_existing_file_and_leaves_it_alone(path: Path) -> None:
    path.write_bytes(b"my notes")
    with pytest.raises(LedgerError) as caught:
        init_ledger(path)
    assert message(caught.value) == ("ledger.exists", "ledger.sqlite: already exists; budgetopt does not overwrite a "
                                     "file, choose another name")
    assert path.read_bytes() == b"my notes"


def test_a_ledger_is_made_whole_before_anyone_can_open_it(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run starting in the app while the officer created the ledger read the empty file init had just made and
    failed as "not a ledger" (a CI run's stability run): the file appears only once it is a ledger, and nothing is
    left beside it."""
    seen = []
    migrate = schema.migrate
    monkeypatch.setattr(schema, "migrate", lambda conn, version: seen.append(os.path.lexists(path))
                        or migrate(conn, version))
    assert init_ledger(path).count == 0
    assert seen == [False]
    assert [p.name for p in path.parent.iterdir()] == ["ledger.sqlite"]
    assert read_ledger(path).count == 0


def test_a_ledger_that_could_not_be_made_leaves_nothing(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(conn: sqlite3.Connection, version: int) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "migrate", broken)
    with pytest.raises(LedgerError):
        init_ledger(path)
    assert list(path.parent.iterdir()) == []


def test_a_ledger_is_put_in_place_by_rename_where_links_are_not_made(path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system without hard links (a FAT stick): renamed into place, still never over a file."""
    def no_links(source: object, target: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    assert init_ledger(path).count == 0
    assert [p.name for p in path.parent.iterdir()] == ["ledger.sqlite"]
    migrate = schema.migrate
    other = path.with_name("other.sqlite")
    monkeypatch.setattr(schema, "migrate", lambda conn, version: other.write_bytes(b"my notes")
                        or migrate(conn, version))  # a file made there while the ledger is built
    with pytest.raises(LedgerError) as caught:
        init_ledger(other)
    assert message(caught.value) == ("ledger.exists", "other.sqlite: already exists; budgetopt does not overwrite a "
                                     "file, choose another name")
    assert other.read_bytes() == b"my notes"
    assert sorted(p.name for p in path.parent.iterdir()) == ["ledger.sqlite", "other.sqlite"]


def test_init_makes_its_folder_or_says_why_it_cannot(tmp_path: Path) -> None:
    """`ledger init 台账/2026/ledger.sqlite` was `无法创建（No such file or directory）` where `allocate --out` and
    `template` make their folders; a file in the way is said in words."""
    assert init_ledger(tmp_path / "new" / "folder" / "ledger.sqlite").count == 0
    (tmp_path / "file").write_text("x")
    with pytest.raises(LedgerError) as caught:
        init_ledger(tmp_path / "file" / "ledger.sqlite")
    assert message(caught.value) == ("ledger.cannot_create", "ledger.sqlite: cannot be created (Not a directory)")
    with use_lang("zh"):
        assert caught.value.problems[0].text() == "ledger.sqlite：无法创建（路径中有一项不是文件夹）"


@pytest.mark.parametrize("call", [read_ledger, check_ledger, lambda p: append_awards(p, [award(1)], recorded_at=AT)])
def test_a_missing_file_is_refused_and_never_created(path: Path, call: Callable[[Path], object]) -> None:
    with pytest.raises(LedgerError) as caught:
        call(path)
    assert message(caught.value) == ("ledger.missing", "ledger.sqlite: no such ledger file")
    assert list(path.parent.iterdir()) == []


def _sqlite_of_another_application(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE entries (seq INTEGER PRIMARY KEY)")
    conn.close()


def _newer(path: Path) -> None:
    init_ledger(path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 7")
    conn.close()


def _view_for_a_table(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        conn.execute("PRAGMA user_version = 1")
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("CREATE VIEW entries AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                     "SELECT i AS seq FROM n")
    conn.close()


def test_a_damaged_ledger_is_said_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "台账.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    with pytest.raises(LedgerError) as caught:
        read_ledger(path)
    assert caught.value.text("zh") == "台账.sqlite：已损坏，无法作为资助台账读取（不是数据库文件）"


@pytest.mark.parametrize(("make", "code", "says"), [
    (lambda p: p.write_bytes(b""), "ledger.empty", "is an empty file, not a budgetopt ledger"),
    (lambda p: p.write_text("seq,amount\n1,100\n"), "ledger.not_sqlite",
     "is not a budgetopt ledger (not an SQLite database)"),
    (lambda p: p.write_bytes(b"SQLite format 3"), "ledger.not_sqlite", "is not a budgetopt ledger (not an SQLite "
                                                                       "database)"),
    (lambda p: p.mkdir(), "ledger.folder", "is a folder, not a ledger file"),
    (_sqlite_of_another_application, "ledger.other_application",
     "is an SQLite database of another application, not a budgetopt ledger"),
    (_newer, "ledger.newer_schema", "is a ledger of schema version 7, newer than the version 4 this budgetopt knows; "
                                    "use a newer budgetopt"),
    (_view_for_a_table, "ledger.incomplete", "lacks the ledger's tables or columns (entries)"),
    (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000), "ledger.damaged",
     "is damaged and cannot be read as a ledger (file is not a database)"),
])
def test_what_is_not_a_ledger_is_refused_by_name(path: Path, make: Callable[[Path], object], code: str,
                                                 says: str) -> None:
    make(path)
    before = path.read_bytes() if path.is_file() else None
    for call in (read_ledger, check_ledger, lambda p: append_awards(p, [award(1)], recorded_at=AT)):
        with pytest.raises(LedgerError) as caught:
            call(path)
        assert message(caught.value) == (code, f"ledger.sqlite: {says}")
    assert (path.read_bytes() if path.is_file() else None) == before


def test_a_pipe_is_refused_without_waiting_for_it(path: Path) -> None:
    os.mkfifo(path)
    with pytest.raises(LedgerError) as caught:
        read_ledger(path)
    assert message(caught.value) == ("ledger.not_file", "ledger.sqlite: is not a regular file")


def test_refusals_in_chinese(path: Path) -> None:
    path.write_text("hello")
    with pytest.raises(LedgerError) as caught:
        read_ledger(path)
    with use_lang("zh"):
        assert caught.value.text() == "ledger.sqlite：不是 budgetopt 资助台账（不是 SQLite 数据库文件）"


def test_a_read_writes_nothing_to_the_ledger(five: LedgerState, path: Path) -> None:
    before = path.read_bytes()
    read_ledger(path)
    check_ledger(path)
    read_ledger(path, upto=2)
    assert path.read_bytes() == before


def test_a_file_with_someone_elses_trigger_is_read_but_never_written(five: LedgerState, path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE loot (amount INTEGER)")
        conn.execute("CREATE TRIGGER steal AFTER INSERT ON entries BEGIN INSERT INTO loot VALUES (NEW.amount); END")
    conn.close()
    assert read_ledger(path) == five
    with pytest.raises(LedgerError) as caught:
        append_awards(path, [award(9, run=RUN_B)], recorded_at=LATER)
    assert message(caught.value) == ("ledger.foreign_objects", "ledger.sqlite: holds things budgetopt did not create "
                                     "(table loot, trigger steal); it is not written to, for safety")
    assert read_ledger(path) == five


# ------------------------------------------------------------------------------------------------ tampering


def test_the_guard_triggers_refuse_an_edit(five: LedgerState, path: Path) -> None:
    with sqlite3.connect(path) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="entries are never changed"):
            conn.execute("UPDATE entries SET amount = 1 WHERE seq = 3")
        with pytest.raises(sqlite3.IntegrityError, match="entries are never removed"):
            conn.execute("DELETE FROM entries WHERE seq = 5")
    conn.close()
    assert check_ledger(path) == ()


def test_an_edited_amount_is_named(five: LedgerState, path: Path, raw: Callable[..., None]) -> None:
    raw("UPDATE entries SET amount = 30000000 WHERE seq = 3")
    expected = [(3, "changed", "ledger.sqlite: entry 3 was changed (91500000200000003X, A-003, 30,000,000 yuan)")]
    assert findings(path) == expected
    with pytest.raises(LedgerTampered) as caught:
        read_ledger(path)
    assert [(t.seq, t.kind, t.text()) for t in caught.value.tampering] == expected
    assert caught.value.text() == expected[0][2]
    with use_lang("zh"):
        assert caught.value.tampering[0].text() == ("ledger.sqlite：第3条记录已被修改（91500000200000003X，A-003，"
                                                    "30,000,000元）")
    with pytest.raises(LedgerTampered):
        append_awards(path, [award(9, run=RUN_B)], recorded_at=LATER)
    assert len(findings(path)) == 1  # the append wrote nothing


def test_a_value_of_the_wrong_type_is_a_change(five: LedgerState, path: Path, raw: Callable[..., None]) -> None:
    raw("PRAGMA ignore_check_constraints = ON", "UPDATE entries SET amount = 2000000.5 WHERE seq = 2")
    assert findings(path) == [(2, "changed", "ledger.sqlite: entry 2 was changed (91500000200000002X, A-002, amount "
                                             "2000000.5)")]


def test_text_that_is_no_utf8_is_a_change(five: LedgerState, path: Path, raw: Callable[..., None]) -> None:
    # a flipped byte in an applicant's name: SQLite returns it as it is, and it is no UTF-8 text
    raw("UPDATE entries SET applicant = CAST(x'41ff42' AS TEXT) WHERE seq = 2",
        "UPDATE meta SET value = CAST(x'35ff' AS TEXT) WHERE key = 'count'")
    assert findings(path) == [
        (0, "changed", "ledger.sqlite: the ledger's record of its number of entries and its last entry was changed"),
        (2, "changed", "ledger.sqlite: entry 2 was changed (91500000200000002X, A-002, 2,000,000 yuan)")]


@pytest.mark.parametrize(("edit", "reason"), [
    # SQLite's own message quotes the damaged text, which is no UTF-8
    ("UPDATE sqlite_master SET sql = CAST(x'435245415445205452ff' AS TEXT) WHERE name = 'entries_by_run'",
     "malformed database schema (entries_by_run) - near \"TR\ufffd\": syntax error"),
    # a flipped byte in `seq INTEGER PRIMARY KEY`: seq is then read from the rows, where it is NULL (an
    # AssertionError, exit 1, found by scripts/fuzz_inputs.py)
    ("UPDATE sqlite_master SET sql = replace(sql, 'seq INTEGER PRIMARY KEY', 'seq INTEGER' || CAST(x'd0' AS TEXT) "
     "|| 'PRIMARY KEY') WHERE name = 'entries'", "entries.seq is not the number of every entry"),
], ids=["no UTF-8", "seq no rowid"])
def test_a_damaged_declaration_is_refused_as_damaged(five: LedgerState, path: Path, raw: Callable[..., None],
                                                     edit: str, reason: str) -> None:
    raw("PRAGMA writable_schema = ON", edit)
    for call in (read_ledger, check_ledger, lambda p: append_awards(p, [award(9, run=RUN_B)], recorded_at=AT)):
        with pytest.raises(LedgerError) as caught:
            call(path)
        assert message(caught.value) == ("ledger.damaged",
                                         f"ledger.sqlite: is damaged and cannot be read as a ledger ({reason})")


def test_a_removed_entry_is_named(five: LedgerState, path: Path, raw: Callable[..., None]) -> None:
    raw("DELETE FROM entries WHERE seq = 3")
    assert findings(path) == [(3, "removed", "ledger.sqlite: entry 3 was removed")]
    with use_lang("zh"):
        assert check_ledger(path)[0].text() == "ledger.sqlite：第3条记录已被删除"


def test_a_removed_first_entry_is_named(five: LedgerState, path: Path, raw: Callable[..., None]) -> None:
    raw("DELETE FROM entries WHERE seq = 1")
    assert findings(path) == [(1, "removed", "ledger.sqlite: entry 1 was removed")]


def test_entries_removed_together_are_one_finding(five: LedgerState, path: Path, raw: Callable[..., None]) -> None:
    raw("DELETE FROM entries WHERE seq BETWEEN 2 AND 4")
    assert findings(path) == [(2, "removed", "ledger.sqlite: entries 2 to 4 were removed (3 entries)")]
    with use_lang("zh"):
        assert check_ledger(path)[0].text() == "ledger.sqlite：第2至4条记录（3条）已被删除"


def test_an_absurd_count_is_one_finding_not_a_trillion(five: LedgerState, path: Path,
                                                       raw: Callable[..., None]) -> None:
    raw("UPDATE meta SET value = '1000000000000' WHERE key = 'count'", "UPDATE entries SET seq = 900000000000 "
        "WHERE seq = 5")
    assert findings(path) == [
        (6, "removed", "ledger.sqlite: entries 6 to 1000000000000 were removed (999999999995 entries)"),
        (900000000000, "reordered", "ledger.sqlite: entry 900000000000 was reordered: it holds what was recorded as "
                                    "entry 5 (91500000200000005X, 5,000,000 yuan)")]


def test_swapped_entries_are_named_as_reordered(five: LedgerState, path: Path, raw: Callable[..., None]) -> None:
    raw("UPDATE entries SET seq = 100 WHERE seq = 2", "UPDATE entries SET seq = 2 WHERE seq = 4",
        "UPDATE entries SET seq = 4 WHERE seq = 100")
    assert findings(path) == [
        (2, "reordered", "ledger.sqlite: entry 2 was reordered: it holds what was recorded as entry 4 "
                         "(91500000200000004X, 4,000,000 yuan)"),
        (4, "reordered", "ledger.sqlite: entry 4 was reordered: it holds what was recorded as entry 2 "
                         "(91500000200000002X, A-002, 2,000,000 yuan)"),
    ]


def test_swapped_contents_are_named_as_reordered(five: LedgerState, path: Path, raw: Callable[..., None]) -> None:
    columns = ", ".join(f'"{c}" = (SELECT "{c}" FROM entries WHERE seq = {{other}})' for c in schema.COLUMNS[1:])
    raw("CREATE TABLE copy AS SELECT * FROM entries",
        f"UPDATE entries SET {columns.format(other=3)} WHERE seq = 4".replace("FROM entries WHERE", "FROM copy WHERE"),
        f"UPDATE entries SET {columns.format(other=4)} WHERE seq = 3".replace("FROM entries WHERE", "FROM copy WHERE"),
        "DROP TABLE copy")
    assert [(seq, kind) for seq, kind, _ in findings(path)] == [(3, "reordered"), (4, "reordered")]


def test_the_removed_last_entry_is_seen_by_the_count_the_ledger_keeps(five: LedgerState, path: Path,
                                                                     raw: Callable[..., None]) -> None:
    raw("DELETE FROM entries WHERE seq = 5")
    assert findings(path) == [(5, "removed", "ledger.sqlite: entry 5 was removed")]


def test_only_the_count_the_ledger_keeps_changed_is_said_so_not_blamed_on_intact_entries(
        five: LedgerState, path: Path, raw: Callable[..., None]) -> None:
    """An auditor's review: a count edited to 4 named entry 4 changed and entry 5 added, both intact. The head it
    keeps still fits entry 5, the chain is whole: the count is what changed. (A count and head that fit entry 4
    leave entry 5 added outside budgetopt.)"""
    raw("UPDATE meta SET value = '4' WHERE key = 'count'")
    assert findings(path) == [(0, "changed", "ledger.sqlite: the ledger's record of its number of entries and its "
                                             "last entry was changed")]
    raw(f"UPDATE meta SET value = '{five.entries[3].hash}' WHERE key = 'head'")
    assert [(seq, kind) for seq, kind, _ in findings(path)] == [(5, "added")]
    raw("UPDATE meta SET value = '5' WHERE key = 'count'")  # the count right, the head an earlier entry's
    assert [(seq, kind) for seq, kind, _ in findings(path)] == [(0, "changed")]


def test_a_removed_last_entry_with_its_record_rewritten_is_caught_by_the_runs_count(
        five: LedgerState, path: Path, raw: Callable[..., None]) -> None:
    """What the chain alone cannot see (chain.py): the manifest's recorded count and head catch it."""
    recorded_count, recorded_head = five.count, ledger_sha(five)
    raw("DELETE FROM entries WHERE seq = 5", "UPDATE meta SET value = '4' WHERE key = 'count'",
        f"UPDATE meta SET value = '{five.entries[3].hash}' WHERE key = 'head'")
    assert check_ledger(path) == ()
    with pytest.raises(LedgerError, match="holds 4 entries, fewer than the 5"):
        read_ledger(path, upto=recorded_count)
    assert read_ledger(path).head != recorded_head


def test_an_entry_rewritten_with_a_fresh_hash_is_named(five: LedgerState, path: Path,
                                                       raw: Callable[..., None]) -> None:
    from optimizer.ledger.chain import entry_hash

    entry = five.entries[1]
    forged = entry_hash(2, replace(entry.award, amount=1), entry.recorded_at, entry.prev_hash)
    raw(f"UPDATE entries SET amount = 1, hash = '{forged}' WHERE seq = 2")
    assert findings(path) == [(2, "changed", "ledger.sqlite: entry 2 was changed (91500000200000002X, A-002, "
                                             "1 yuan)")]


def test_the_last_entry_rewritten_with_a_fresh_hash_is_named(five: LedgerState, path: Path,
                                                             raw: Callable[..., None]) -> None:
    from optimizer.ledger.chain import entry_hash

    entry = five.entries[4]
    forged = entry_hash(5, replace(entry.award, amount=1), entry.recorded_at, entry.prev_hash)
    raw(f"UPDATE entries SET amount = 1, hash = '{forged}' WHERE seq = 5")
    assert [(seq, kind) for seq, kind, _ in findings(path)] == [(5, "changed")]


def test_entries_added_outside_budgetopt_are_named(five: LedgerState, path: Path, raw: Callable[..., None]) -> None:
    from optimizer.ledger.chain import entries_for

    forged = entries_for([award(6, run=RUN_B)], after=5, head=five.head, recorded_at=LATER)[0]
    values = [forged.seq, *store._columns(forged.award), forged.recorded_at, forged.prev_hash, forged.hash, None]
    with sqlite3.connect(path) as conn:
        schema.insert(conn, values)
        schema.insert(conn, [7, *values[1:]])  # a copy of it
    conn.close()
    assert findings(path) == [
        (6, "added", "ledger.sqlite: entry 6 was added outside budgetopt (91500000200000006X, A-006, 6,000,000 yuan)"),
        (7, "added", "ledger.sqlite: entry 7 was added outside budgetopt (91500000200000006X, A-006, 6,000,000 yuan)"),
    ]


def test_a_removed_entry_with_the_rest_renumbered_is_named(five: LedgerState, path: Path,
                                                           raw: Callable[..., None]) -> None:
    raw("DELETE FROM entries WHERE seq = 2", "UPDATE entries SET seq = seq - 1 WHERE seq > 2")
    assert [(seq, kind) for seq, kind, _ in findings(path)] == [(2, "removed"), (2, "reordered"), (3, "reordered"),
                                                                (4, "reordered")]


def test_a_garbled_record_of_the_count_is_named(five: LedgerState, path: Path, raw: Callable[..., None]) -> None:
    raw("UPDATE meta SET value = 'many' WHERE key = 'count'")
    assert findings(path) == [(0, "changed", "ledger.sqlite: the ledger's record of its number of entries and its "
                                             "last entry was changed")]


def test_dropped_guards_with_an_intact_chain_are_put_back_by_the_next_append(five: LedgerState, path: Path,
                                                                             raw: Callable[..., None]) -> None:
    raw("DROP INDEX entries_by_run")
    assert check_ledger(path) == ()
    append_awards(path, [award(6, run=RUN_B)], recorded_at=LATER)
    with sqlite3.connect(path) as conn:
        names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert {"entries_never_changed", "entries_never_removed", "entries_by_run"} <= names


def test_tampering_is_a_frozen_value_with_its_phrase(five: LedgerState, path: Path, raw: Callable[..., None]) -> None:
    raw("DELETE FROM entries WHERE seq = 4")
    (found,) = check_ledger(path)
    assert isinstance(found, Tampering) and found.phrase.code == "ledger.tampered.removed"
    assert str(found) == found.text("en") == "ledger.sqlite: entry 4 was removed"


# ------------------------------------------------------------------------------------------------ crash, two writers


CHILD = """
import os, sys
from pathlib import Path
from optimizer.domain import LedgerAward
from optimizer.ledger import store

real, written = store._insert, []

def dying(conn, entry):
    real(conn, entry)
    written.append(entry.seq)
    if len(written) == 3:
        os._exit(17)  # killed between two rows of the transaction: no rollback, no close

store._insert = dying
awards = [LedgerAward("P", 2026, f"C{n}", f"K{n}", 100 * n, run="r" * 64) for n in range(1, 6)]
store.append_awards(Path(sys.argv[1]), awards, recorded_at="2027-03-01T00:00:00+00:00")
"""


def test_a_writer_killed_mid_append_leaves_the_ledger_as_it_was(five: LedgerState, path: Path) -> None:
    before = read_ledger(path)
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 17, done.stderr
    assert read_ledger(path) == before == five
    assert check_ledger(path) == ()
    after = append_awards(path, [award(6, run=RUN_B)], recorded_at=LATER)
    assert [e.seq for e in after.entries] == [1, 2, 3, 4, 5, 6]
    assert read_ledger(path) == after


def _two_at_once(monkeypatch: pytest.MonkeyPatch, first: Callable[[], object],
                 second: Callable[[], object]) -> dict[str, object]:
    """`first` stops inside its transaction, after its first row, until `second` has started and is waiting; what
    each returned or the LedgerError it raised, by name."""
    inside, go = threading.Event(), threading.Event()
    real = store._insert

    def pausing(conn: sqlite3.Connection, entry: Entry) -> None:
        real(conn, entry)
        if threading.current_thread().name == "first" and not inside.is_set():
            inside.set()
            go.wait(60)

    monkeypatch.setattr(store, "_insert", pausing)
    results: dict[str, object] = {}

    def write(job: Callable[[], object]) -> None:
        try:
            results[threading.current_thread().name] = job()
        except LedgerError as exc:
            results[threading.current_thread().name] = exc

    one = threading.Thread(target=write, name="first", args=(first,))
    two = threading.Thread(target=write, name="second", args=(second,))
    one.start()
    assert inside.wait(60)
    two.start()
    two.join(0.5)
    waited = two.is_alive()  # it cannot finish while the first holds the ledger
    go.set()
    one.join(60)
    two.join(60)
    assert waited
    return results


def _two_writers(path: Path, monkeypatch: pytest.MonkeyPatch, second_run: str) -> dict[str, object]:
    """Two runs' awards recorded at once."""
    return _two_at_once(monkeypatch,
                        lambda: append_awards(path, [award(6, run=RUN_B), award(7, run=RUN_B)], recorded_at=LATER),
                        lambda: append_awards(path, [award(8, run=second_run), award(9, run=second_run)],
                                              recorded_at=LATER))


def test_a_second_writer_waits_and_appends_after_the_first(five: LedgerState, path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    results = _two_writers(path, monkeypatch, "c" * 64)
    assert isinstance(results["first"], LedgerState) and isinstance(results["second"], LedgerState)
    state = read_ledger(path)
    assert state == results["second"]
    assert [e.award.application_id for e in state.entries[5:]] == ["A-006", "A-007", "A-008", "A-009"]
    assert state.published_runs() == {RUN_A, RUN_B, "c" * 64}
    assert check_ledger(path) == ()


def test_a_second_writer_of_the_same_run_is_refused(five: LedgerState, path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    results = _two_writers(path, monkeypatch, RUN_B)
    assert isinstance(results["first"], LedgerState)
    refused = results["second"]
    assert isinstance(refused, LedgerError) and refused.problems[0].code == "ledger.already_published"
    assert read_ledger(path) == results["first"]
    assert read_ledger(path).count == 7


# ------------------------------------------------------------------------------------------------ migrations


LATEST = schema.latest_version()
NEXT = (LATEST + 1, ("ALTER TABLE entries ADD COLUMN note TEXT",
                     "CREATE INDEX entries_by_policy ON entries (policy, year)"))


def test_a_migration_keeps_every_entry_and_the_chain(five: LedgerState, path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, NEXT])
    before = path.read_bytes()
    assert read_ledger(path) == five  # an older ledger is read as it is, not migrated
    assert path.read_bytes() == before
    after = append_awards(path, [award(6, run=RUN_B)], recorded_at=LATER)
    assert after.entries[:5] == five.entries
    assert read_ledger(path) == after
    assert check_ledger(path) == ()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (LATEST + 1,)
        assert "note" in {row[1] for row in conn.execute("PRAGMA table_info(entries)")}
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'entries_by_policy'").fetchone()
    conn.close()
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:-1])
    with pytest.raises(LedgerError, match=f"schema version {LATEST + 1}, newer than the version {LATEST}"):
        read_ledger(path)


def test_a_refused_append_does_not_migrate(five: LedgerState, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, NEXT])
    with pytest.raises(LedgerError, match="already records"):
        append_awards(path, [award(6)], recorded_at=LATER)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (LATEST,)
    conn.close()


def test_a_new_ledger_is_created_at_the_latest_version(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, NEXT])
    init_ledger(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (LATEST + 1,)
    conn.close()
    assert append_awards(path, [award(1)], recorded_at=AT).count == 1


def test_an_award_edited_under_its_correction_is_the_one_finding(five: LedgerState, path: Path,
                                                                  raw: Callable[..., None]) -> None:
    """The correction is judged by the award's finding, not against its fields as edited: one finding, not two."""
    append_correction(path, 2, to=500_000, basis="核减", on=date(2027, 3, 1), recorded_at=LATER)
    raw("UPDATE entries SET applicant = '乙' WHERE seq = 2")
    assert [(seq, kind) for seq, kind, _ in findings(path)] == [(2, "changed")]


def test_a_path_given_as_text_is_refused_in_words(five: LedgerState, path: Path) -> None:
    for write in (lambda: append_awards(str(path), [award(6, run=RUN_A)], recorded_at=LATER),
                  lambda: append_correction(str(path), 99, to=0, basis="x", on=date(2027, 3, 1), recorded_at=LATER)):
        with pytest.raises(LedgerError, match=r"^ledger\.sqlite: "):
            write()


def test_a_version_2_ledger_without_its_correction_columns_is_incomplete(five: LedgerState, path: Path) -> None:
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.execute("ALTER TABLE entries DROP COLUMN basis")
    conn.close()
    with pytest.raises(LedgerError, match=r"lacks the ledger's tables or columns \(entries\.basis\)"):
        read_ledger(path)


def test_a_version_1_ledger_is_read_as_it_is_and_a_correction_migrates_it(path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Ledgers made before corrections (version 1, no `corrects` or `basis` column) are read with their hashes as
    recorded; the first correction adds the two columns in its own transaction, every earlier entry unchanged."""
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        init_ledger(path)
        old = append_awards(path, [award(1), award(2)], recorded_at=AT)
    before = path.read_bytes()
    assert read_ledger(path) == old and check_ledger(path) == ()
    assert path.read_bytes() == before  # read, not migrated
    after = append_correction(path, 2, to=0, basis="撤销", on=date(2027, 3, 1), recorded_at=LATER)
    assert after.entries[:2] == old.entries and read_ledger(path) == after and check_ledger(path) == ()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (LATEST,)
    conn.close()


def test_a_version_2_ledger_is_read_as_it_is_and_a_publication_migrates_it(path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Ledgers written before publications pinned their 公示 list (version 2, no `notice` column: every ledger of
    budgetopt before December 2026's layout-4 lists) are read with their hashes as recorded; the first publication
    adds the column in its own transaction, every earlier entry unchanged, and its own entries carry the list's
    SHA-256 under their hashes."""
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
        init_ledger(path)
        append_awards(path, [award(1), award(2)], recorded_at=AT)
        old = append_correction(path, 2, to=0, basis="撤销", on=date(2027, 3, 1), recorded_at=LATER)
    before = path.read_bytes()
    assert read_ledger(path) == old and check_ledger(path) == ()
    assert path.read_bytes() == before  # read, not migrated
    assert all(entry.notice is None for entry in old.entries)
    after = append_awards(path, [award(3, run=RUN_B)], recorded_at=LATER, notice=NOTICE)
    assert after.entries[:3] == old.entries and read_ledger(path) == after and check_ledger(path) == ()
    assert after.entries[3].notice == NOTICE
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (LATEST,)
        assert conn.execute("SELECT seq, notice FROM entries ORDER BY seq").fetchall() == [
            (1, None), (2, None), (3, None), (4, NOTICE)]
    conn.close()
    _run_the_docstring_recipe(path)


def test_a_publications_list_hash_is_under_its_entries_hashes(five: LedgerState, path: Path,
                                                              raw: Callable[..., None]) -> None:
    """The SHA-256 of the 公示 list is an entry's field like any other: changed, the entry is named; not a hash,
    refused before anything is written; a correction naming a list is none budgetopt writes."""
    with pytest.raises(ValueError, match="notice must be a SHA-256"):
        append_awards(path, [award(6, run=RUN_B)], recorded_at=LATER, notice=NOTICE.upper())
    assert read_ledger(path) == five
    append_awards(path, [award(6, run=RUN_B), award(7, run=RUN_B)], recorded_at=LATER, notice=NOTICE)
    other = hashlib.sha256(b"another list").hexdigest()
    raw(f"UPDATE entries SET notice = '{other}' WHERE seq = 6")
    assert findings(path) == [(6, "changed", "ledger.sqlite: entry 6 was changed (91500000200000006X, A-006, "
                                             "6,000,000 yuan)")]
    raw(f"UPDATE entries SET notice = '{NOTICE}' WHERE seq = 6")
    assert check_ledger(path) == ()
    append_correction(path, 6, to=1_000_000, basis="核减", on=date(2027, 3, 1), recorded_at=LATER)
    honest = path.with_name("honest.sqlite")
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(honest)) as copy:
        source.backup(copy)  # the ledger with its write-ahead log
    _append_raw(honest, 9, {"amount": -1})  # the correction's fields copied, its hash recomputed: one budgetopt writes
    assert check_ledger(honest) == ()
    _append_raw(path, 9, {"amount": -1, "notice": NOTICE})
    assert [(seq, kind) for seq, kind, _ in findings(path)] == [(9, "changed")]


def test_a_version_3_ledger_without_its_notice_column_is_incomplete(five: LedgerState, path: Path) -> None:
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.execute("ALTER TABLE entries DROP COLUMN notice")
    conn.close()
    with pytest.raises(LedgerError, match=r"lacks the ledger's tables or columns \(entries\.notice\)"):
        read_ledger(path)


# ------------------------------------------------------------------------------------------------ corrections


def test_a_correction_is_an_entry_of_its_own_with_the_awards_fields(five: LedgerState, path: Path) -> None:
    after = append_correction(path, 2, to=500_000, basis="渝经信发〔2027〕5号：公示异议部分成立", on=date(2027, 3, 1),
                              recorded_at=LATER)
    correction = after.entries[-1]
    assert correction.seq == 6 and after.entries[:5] == five.entries
    assert correction.award == replace(award(2), amount=-1_500_000, awarded_on=date(2027, 3, 1), run=None, corrects=2,
                                       basis="渝经信发〔2027〕5号：公示异议部分成立")
    stands = [after.stands_at(seq) for seq in (2, 1, 6, 9)]
    assert stands == [500_000, 1_000_000, None, None]
    assert [a.amount for a in after.granted] == [1_000_000, 500_000, 3_000_000, 4_000_000, 5_000_000]
    assert after.published_runs() == five.published_runs()
    revoked = append_correction(path, 2, to=0, basis="撤销", on=date(2027, 4, 1), recorded_at=LATER)
    assert revoked.stands_at(2) == 0 and [a.content_key for a in revoked.granted] == ["K-1", "K-3", "K-4", "K-5"]
    assert read_ledger(path) == revoked and check_ledger(path) == ()


@pytest.mark.parametrize(("seq", "to", "code", "said"), [
    (9, 0, "ledger.correction.no_entry", "ledger.sqlite: has no entry 9 (6 entries)"),
    (0, 0, "ledger.correction.no_entry", "ledger.sqlite: has no entry 0 (6 entries)"),
    (6, 0, "ledger.correction.of_correction", "ledger.sqlite: entry 6 is a correction (of entry 2): to correct that "
                                              "award again, give entry 2"),
    (2, 1_000_000, "ledger.correction.no_change", "ledger.sqlite: entry 2 stands at 1,000,000 yuan already: the "
                                                  "correction would change nothing"),
    (2, 2_000_001, "ledger.correction.above_first", "ledger.sqlite: the published amount of entry 2 is 2,000,000 "
                                                    "yuan (it stands at 1,000,000 now): a correction cannot raise it "
                                                    "above that"),
    (4, 4_000_001, "ledger.correction.above_first", "ledger.sqlite: the amount imported of entry 4 is 4,000,000 "
                                                    "yuan (it stands at 4,000,000 now): a correction cannot raise it "
                                                    "above that"),
])
def test_a_correction_is_refused_unless_it_changes_an_award_within_what_was_granted(
        five: LedgerState, path: Path, seq: int, to: int, code: str, said: str) -> None:
    corrected = append_correction(path, 2, to=1_000_000, basis="核减", on=date(2027, 3, 1), recorded_at=LATER)
    with pytest.raises(LedgerError) as refused:
        append_correction(path, seq, to=to, basis="核减", on=date(2027, 3, 2), recorded_at=LATER)
    assert message(refused.value) == (code, said)
    assert read_ledger(path) == corrected


def test_corrections_are_recorded_by_their_own_call_only(five: LedgerState, path: Path) -> None:
    with pytest.raises(ValueError, match="append_correction"):
        append_awards(path, [replace(award(2), amount=-1, corrects=2, basis="x")], recorded_at=LATER)
    for to, basis in ((-1, "x"), (1, " "), (True, "x")):
        with pytest.raises(ValueError, match="sets an award to whole yuan"):
            append_correction(path, 2, to=to, basis=basis, on=date(2027, 3, 1), recorded_at=LATER)
    assert read_ledger(path) == five


def test_two_officers_correcting_one_award_at_once_cannot_take_it_below_their_amounts(
        five: LedgerState, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second waits for the first's transaction, then decides on the award as the first left it: lowering
    3,000,000 to 2,000,000 after another lowered it to 1,000,000 — both decided on the 3,000,000 they saw — is
    refused, neither recorded as −1,000,000 more nor as a raise of 1,000,000 that undoes the first officer's."""
    def correct(to: int) -> Callable[[], object]:
        return lambda: append_correction(path, 3, to=to, basis="核减", on=date(2027, 3, 1), recorded_at=LATER,
                                         expected=3_000_000)

    results = _two_at_once(monkeypatch, correct(1_000_000), correct(2_000_000))
    refused = results["second"]
    assert isinstance(refused, LedgerError) and message(refused) == (
        "ledger.correction.changed_meanwhile", "ledger.sqlite: the award of entry 3 was changed meanwhile by another "
        "correction, to 1,000,000 yuan (3,000,000 when this one was decided): so that no raise stands on an amount "
        "it did not see, nothing was recorded; check it and do it again")
    assert read_ledger(path).stands_at(3) == 1_000_000 and read_ledger(path).count == 6
    further = _two_at_once(monkeypatch, correct(500_000), correct(200_000))  # lowering further still lowers
    assert isinstance(further["second"], LedgerState) and read_ledger(path).stands_at(3) == 200_000


@pytest.mark.parametrize("edit", ["UPDATE entries SET basis = '另一依据' WHERE seq = 6",
                                  "UPDATE entries SET corrects = NULL, basis = NULL WHERE seq = 6",
                                  "UPDATE entries SET corrects = 1 WHERE seq = 6",
                                  "UPDATE entries SET basis = '加上' WHERE seq = 1"])
def test_a_correction_changed_outside_budgetopt_is_found(five: LedgerState, path: Path,
                                                         raw: Callable[..., None], edit: str) -> None:
    append_correction(path, 2, to=0, basis="撤销", on=date(2027, 3, 1), recorded_at=LATER)
    raw(edit)
    seq = 1 if "seq = 1" in edit else 6
    assert [(s, kind) for s, kind, _ in findings(path)] == [(seq, "changed")]


def test_a_revoked_award_and_a_decision_before_the_award_are_refused(five: LedgerState, path: Path) -> None:
    revoked = append_correction(path, 2, to=0, basis="撤销", on=date(2027, 3, 1), recorded_at=LATER)
    with pytest.raises(LedgerError) as refused:
        append_correction(path, 2, to=0, basis="撤销", on=date(2027, 3, 2), recorded_at=LATER)
    assert message(refused.value) == ("ledger.correction.revoked", "ledger.sqlite: the award of entry 2 is revoked "
                                      "(0 yuan now) and cannot be lowered further; if the revocation was a mistake, "
                                      "it may be restored, to at most the 2,000,000 yuan first granted")
    with pytest.raises(LedgerError) as refused:  # published on 2027-01-15 (AT); imported ones paid on 2025-11-03
        append_correction(path, 1, to=0, basis="撤销", on=date(2027, 1, 14), recorded_at=LATER)
    assert message(refused.value) == ("ledger.correction.before_award", "ledger.sqlite: the correction's date "
                                      "2027-01-14 is before that of the award of entry 1, 2027-01-15")
    assert append_correction(path, 4, to=0, basis="撤销", on=date(2025, 11, 3), recorded_at=LATER).count == 7
    assert read_ledger(path).entries[:6] == revoked.entries


def test_a_write_decided_on_a_ledger_that_grew_meanwhile_records_nothing(five: LedgerState, path: Path) -> None:
    """What publish and import decide on the ledger as read, before their files are written; another writer's entry
    in between (a correction, another import) refuses the write instead of recording after what it never saw."""
    grown = append_correction(path, 2, to=0, basis="撤销", on=date(2027, 3, 1), recorded_at=LATER)
    with pytest.raises(LedgerError) as refused:
        append_awards(path, [award(6, run=RUN_B)], recorded_at=LATER, expected_head=five.head)
    assert message(refused.value) == ("ledger.changed_meanwhile", "ledger.sqlite: was written to meanwhile (6 entries "
                                      "now): nothing was recorded, so that no decision stands on entries it did not "
                                      "see; do it again")
    assert read_ledger(path) == grown
    assert append_awards(path, [award(6, run=RUN_B)], recorded_at=LATER, expected_head=grown.head).count == 7


def _append_raw(path: Path, seq: int, fields: dict[str, object]) -> None:
    """An entry appended as a determined editor would: its hash and the ledger's record of its head recomputed."""
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.row_factory = sqlite3.Row
        last = dict(conn.execute("SELECT * FROM entries ORDER BY seq DESC LIMIT 1").fetchone())
        row = {**last, **fields, "seq": seq, "prev_hash": last["hash"]}
        del row["hash"]
        hashed = {k: v for k, v in row.items() if (k not in ("corrects", "basis") or row["corrects"] is not None)
                  and (k != "notice" or v is not None)}
        text = json.dumps(hashed, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        row["hash"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        conn.execute("INSERT INTO entries ({}) VALUES ({})".format(", ".join(f'"{k}"' for k in row),
                                                                  ", ".join("?" * len(row))), tuple(row.values()))
        conn.execute("UPDATE meta SET value = ? WHERE key = 'head'", (row["hash"],))
        conn.execute("UPDATE meta SET value = ? WHERE key = 'count'", (str(seq),))
    conn.close()


@pytest.mark.parametrize("fields", [
    {"amount": 4_000_000},  # raises the award
    {"corrects": 7},  # a later entry
    {"corrects": 6},  # a correction
    {"credit_code": "91500000200000099X"},  # another applicant's fields
    {"amount": -5_000_000},  # below 0
    {"run": RUN_A},
])
def test_a_correction_no_budgetopt_could_write_is_found_whatever_its_hash(five: LedgerState, path: Path,
                                                                          fields: dict[str, object]) -> None:
    append_correction(path, 2, to=500_000, basis="核减", on=date(2027, 3, 1), recorded_at=LATER)
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        base = dict(conn.execute("SELECT * FROM entries WHERE seq = 6").fetchone())
    conn.close()
    _append_raw(path, 7, {**base, **fields})
    assert [(seq, kind) for seq, kind, _ in findings(path)] == [(7, "changed")]
    assert "is no correction budgetopt could have recorded" in findings(path)[0][2]
    with pytest.raises(LedgerTampered):
        read_ledger(path)


def test_an_honest_correction_appended_by_hand_is_not_a_finding(five: LedgerState, path: Path) -> None:
    """The check is of what budgetopt could write, not of who wrote it: the same shape holds."""
    append_correction(path, 2, to=500_000, basis="核减", on=date(2027, 3, 1), recorded_at=LATER)
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        base = dict(conn.execute("SELECT * FROM entries WHERE seq = 6").fetchone())
    conn.close()
    _append_raw(path, 7, {**base, "amount": -500_000})
    assert findings(path) == [] and read_ledger(path).stands_at(2) == 0


def _run_the_docstring_recipe(path: Path) -> None:
    """chain.py's own lines for an auditor, run on `path` (each asserts an entry's hash)."""
    from optimizer.ledger import chain

    recipe = chain.__doc__.split("in Python:")[1].split("\n\n")[1]  # the indented lines
    code = "\n".join(line[7:] for line in recipe.splitlines())
    keys = [*(n for n in chain.AWARD_FIELDS if n not in chain.CORRECTION_FIELDS), "seq", "recorded_at", "prev_hash"]
    assert code.count("assert ") == 1 and len(keys) == 16  # the 16 keys the docstring names
    exec(code.replace('"ledger.sqlite"', repr(str(path))), {"sqlite3": sqlite3, "json": json, "hashlib": hashlib,
                                                            "KEYS": keys})


def test_the_docstring_recipe_holds_on_a_version_1_ledger_not_yet_written(path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        init_ledger(path)
        append_awards(path, [award(1), imported(2)], recorded_at=AT)
    _run_the_docstring_recipe(path)


def test_the_docstring_recipe_holds_on_a_ledger_with_corrections(five: LedgerState, path: Path) -> None:
    append_correction(path, 2, to=500_000, basis="核减", on=date(2027, 3, 1), recorded_at=LATER)
    append_awards(path, [award(6, run=RUN_B)], recorded_at=LATER)
    _run_the_docstring_recipe(path)
    raw_edit = sqlite3.connect(path, isolation_level=None)
    raw_edit.execute("DROP TRIGGER entries_never_changed")
    raw_edit.execute("UPDATE entries SET basis = '另一依据' WHERE seq = 6")
    raw_edit.close()
    with pytest.raises(AssertionError):  # the recipe itself finds the edit
        _run_the_docstring_recipe(path)


# ------------------------------------------------------------------------------------------------ raises (调增、恢复)


def test_a_correction_recorded_by_mistake_is_put_right_by_one_that_raises_the_award(five: LedgerState,
                                                                                   path: Path) -> None:
    """10万 typed for 90万: the award of 2,000,000 lowered to 100,000 instead of 900,000 is raised to 900,000 by an
    entry of its own (+800,000), and may be raised back to the 2,000,000 published; nothing earlier changes."""
    mistake = append_correction(path, 2, to=100_000, basis="渝经信发〔2027〕5号", on=date(2027, 3, 1),
                                recorded_at=LATER)
    raised = append_correction(path, 2, to=900_000, basis="更正第6条录入错误", on=date(2027, 3, 2),
                               recorded_at=LATER)
    assert raised.entries[:6] == mistake.entries
    assert raised.entries[-1].award == replace(award(2), amount=800_000, awarded_on=date(2027, 3, 2), run=None,
                                               corrects=2, basis="更正第6条录入错误")
    assert raised.stands_at(2) == 900_000 and [a.amount for a in raised.granted][1] == 900_000
    assert raised.granted_from()[1] == (replace(award(2), amount=900_000), 2_000_000)
    assert history(raised.entries)[1][1] == (2_000_000, 100_000, 900_000)
    restored = append_correction(path, 2, to=2_000_000, basis="异议复核不成立", on=date(2027, 3, 3),
                                 recorded_at=LATER)
    assert restored.stands_at(2) == 2_000_000 and restored.entries[-1].award.amount == 1_100_000
    assert standing(restored.entries)[1][1] == 2_000_000
    assert read_ledger(path) == restored and check_ledger(path) == ()
    _run_the_docstring_recipe(path)


def test_a_revoked_award_is_restored_and_counts_again(five: LedgerState, path: Path) -> None:
    revoked = append_correction(path, 4, to=0, basis="追回", on=date(2027, 3, 1), recorded_at=LATER)
    assert "K-4" not in [a.content_key for a in revoked.granted]
    back = append_correction(path, 4, to=4_000_000, basis="追回决定已撤销", on=date(2027, 3, 2), recorded_at=LATER)
    assert back.stands_at(4) == 4_000_000 and back.granted == five.granted
    append_correction(path, 5, to=0, basis="追回", on=date(2027, 3, 1), recorded_at=LATER)
    partly = append_correction(path, 5, to=1, basis="恢复一元", on=date(2027, 3, 1), recorded_at=LATER)
    assert partly.stands_at(5) == 1 and check_ledger(path) == ()
    with pytest.raises(LedgerError) as refused:
        append_correction(path, 4, to=4_000_000, basis="再次恢复", on=date(2027, 3, 3), recorded_at=LATER)
    assert message(refused.value) == ("ledger.correction.no_change", "ledger.sqlite: entry 4 stands at 4,000,000 "
                                      "yuan already: the correction would change nothing")
    with pytest.raises(LedgerError) as refused:
        append_correction(path, 2, to=2_500_000, basis="x", on=date(2027, 3, 3), recorded_at=LATER)
    assert refused.value.text("zh") == ("ledger.sqlite：第2条资助的公示金额为2,000,000元（现为2,000,000元）："
                                        "更正后的金额不能高于公示金额")
    assert read_ledger(path).count == 9


def test_a_raise_decided_on_what_the_award_stood_at_then_is_not_recorded_after_another_correction(
        five: LedgerState, path: Path) -> None:
    append_correction(path, 2, to=500_000, basis="核减", on=date(2027, 3, 1), recorded_at=LATER)
    with pytest.raises(LedgerError) as refused:  # decided when it stood at 2,000,000: now a raise of 1,000,000
        append_correction(path, 2, to=1_500_000, basis="核减", on=date(2027, 3, 1), recorded_at=LATER,
                          expected=2_000_000)
    assert refused.value.problems[0].code == "ledger.correction.changed_meanwhile"
    assert refused.value.text("zh") == ("ledger.sqlite：第2条资助在此期间已由另一更正改为500,000元"
                                        "（决定时为2,000,000元）：为免依据未见过的金额调增，本次未记入；请核对后重新执行")
    assert append_correction(path, 2, to=1_500_000, basis="更正", on=date(2027, 3, 1), recorded_at=LATER,
                             expected=500_000).stands_at(2) == 1_500_000


def _forged(path: Path, corrects: int, amount: int, **fields: object) -> None:
    """A correction of entry `corrects` appended by hand, its hash and the ledger's head recomputed."""
    with closing(sqlite3.connect(path)) as conn:
        conn.row_factory = sqlite3.Row
        base = dict(conn.execute("SELECT * FROM entries WHERE seq = ?", (corrects,)).fetchone())
        count = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    _append_raw(path, count + 1, {**base, "amount": amount, "awarded_on": "2027-03-05", "run": None,
                                  "corrects": corrects, "basis": "更正", "notice": None, **fields})


def test_a_raise_above_what_was_granted_is_named_and_one_up_to_it_is_not(five: LedgerState, path: Path) -> None:
    append_correction(path, 2, to=500_000, basis="核减", on=date(2027, 3, 1), recorded_at=LATER)
    honest = path.with_name("honest.sqlite")
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(honest)) as copy:
        source.backup(copy)
    _forged(honest, 2, 1_500_000)  # back up to the 2,000,000 published: what budgetopt writes now
    assert check_ledger(honest) == () and read_ledger(honest).stands_at(2) == 2_000_000
    _forged(path, 2, 1_500_001)  # a yuan above it
    assert findings(path) == [(7, "changed", "ledger.sqlite: entry 7 is no correction budgetopt could have recorded "
                                             "(91500000200000002X, A-002, 1,500,001 yuan): the ledger was changed "
                                             "outside budgetopt")]
    assert check_ledger(path)[0].text("zh") == ("ledger.sqlite：第7条记录不是 budgetopt 能写下的更正"
                                                "（91500000200000002X，A-002，1,500,001元）：台账在 budgetopt 之外"
                                                "被改动过")
    with pytest.raises(LedgerTampered):
        read_ledger(path)
    _forged(honest, 4, 0)  # a correction that changes nothing: none budgetopt writes
    assert [(seq, kind) for seq, kind, _ in findings(honest)] == [(8, "changed")]


# A ledger as the budgetopt before raises wrote it (schema version 3, 4391062): two awards published with their 公示
# list's SHA-256, one imported, the second lowered and the third revoked — each hash as that budgetopt computed it
PREVIOUS = (
    (award(1), AT, NOTICE, "d9b5f7020108220d8d457eb91351cfc34127b134a81c903a2cbe1c48ba04b738"),
    (award(2), AT, NOTICE, "908ca0e43c19624b1cd9ce8ebb35b1b4b6a986b107213e2116286b676cc764a4"),
    (imported(3), LATER, None, "e6e21b53415190bd6acfca86f321b7b38c60ad8fea4e158dad846e157e5061a3"),
    (replace(award(2), amount=-1_500_000, awarded_on=date(2027, 3, 1), run=None, corrects=2,
             basis="渝经信发〔2027〕5号：验收核减"), LATER, None,
     "4d45a49060fb0626395807579a928164064987070fe1fed1c3460a1d4158967d"),
    (replace(imported(3), amount=-3_000_000, awarded_on=date(2027, 3, 2), corrects=3, basis="追回"), LATER, None,
     "6ce7a83f9a673aecb62bd0af11c590ee94e105fa662ccad1b0344981d4444295"),
)


def _previous_ledger(path: Path) -> None:
    """PREVIOUS as a file of schema version 3, as that budgetopt left it."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        for _, statements in schema.MIGRATIONS[:3]:
            for statement in statements:
                conn.execute(statement)
        conn.execute("PRAGMA user_version = 3")
        previous = GENESIS
        for seq, (made, at, notice, digest) in enumerate(PREVIOUS, start=1):
            schema.insert(conn, [seq, *store._columns(made), at, previous, digest, notice])
            previous = digest
        schema.record_head(conn, len(PREVIOUS), previous)


def test_a_ledger_the_previous_budgetopt_wrote_reads_and_checks_as_it_did(path: Path) -> None:
    """Its hashes hold as recorded, it is read without being migrated, and a raise forged into it — even one up to
    the amount published — is named as that budgetopt named it: no budgetopt writes a raise into a file of version 3.
    A correction by this budgetopt migrates it (version 4) in its own transaction, every earlier entry unchanged."""
    _previous_ledger(path)
    before = path.read_bytes()
    state = read_ledger(path)
    assert [(e.seq, e.award, e.hash, e.notice) for e in state.entries] == [
        (seq, made, digest, notice) for seq, (made, _, notice, digest) in enumerate(PREVIOUS, start=1)]
    assert check_ledger(path) == () and path.read_bytes() == before
    assert [state.stands_at(seq) for seq in (1, 2, 3)] == [1_000_000, 500_000, 0]
    forged = path.with_name("forged.sqlite")
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(forged)) as copy:
        source.backup(copy)
    _forged(forged, 2, 1_500_000, basis="更正第4条录入错误")
    assert findings(forged) == [(6, "changed", "forged.sqlite: entry 6 is no correction budgetopt could have "
                                               "recorded (91500000200000002X, A-002, 1,500,000 yuan): the ledger was "
                                               "changed outside budgetopt")]  # as the previous budgetopt says it
    with pytest.raises(LedgerTampered):  # and nothing is written over it
        append_correction(forged, 3, to=3_000_000, basis="撤销有误", on=date(2027, 3, 6), recorded_at=LATER)
    after = append_correction(path, 3, to=3_000_000, basis="撤销有误", on=date(2027, 3, 6), recorded_at=LATER)
    assert after.entries[:5] == state.entries and after.stands_at(3) == 3_000_000
    assert read_ledger(path) == after and check_ledger(path) == ()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (4,)
    with pytest.MonkeyPatch.context() as patch:  # the previous budgetopt now refuses it by its version
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:3])
        with pytest.raises(LedgerError, match="schema version 4, newer than the version 3 this budgetopt knows"):
            read_ledger(path)
