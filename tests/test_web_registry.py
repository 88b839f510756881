"""A registry that loses nothing, and workers that never run more than they may: runs survive a restart, a run
cut off by a stop is failed (never left running), queued runs are queued again, a worker that dies fails its run
with a sentence."""

from __future__ import annotations

import itertools
import json
import os
import socket
import sqlite3
import time
from concurrent.futures import Future
from pathlib import Path

import pytest
from click.testing import CliRunner
from webapp import BEARER, SAMPLE, app_client, submit, wait

from optimizer.cli import cli
from optimizer.errors import InputError
from optimizer.reading.guard import FileLimits
from optimizer.web import tasks
from optimizer.web.registry import SCHEMA_VERSION, NewRun, Registry
from optimizer.web.runner import Runner
from optimizer.web.workers import TaskFailed, Workers


def new_run(registry: Registry, budget: str = "1亿") -> NewRun:
    workbook = registry.keep_bytes(SAMPLE.read_bytes(), SAMPLE.name, ".xlsx")
    return NewRun(workbook, None, None, budget, 100_000_000)


def test_a_queued_run_says_how_many_are_ahead_of_it(tmp_path: Path) -> None:
    with app_client(tmp_path / "data") as client:
        client.get("/?token=test-token-7f3a")
        registry = client.app.state.web.registry  # type: ignore[attr-defined]
        solving, first, second = (registry.add(new_run(registry)) for _ in range(3))  # not given to the workers
        registry.started(solving.id)
        assert registry.queue_ahead(registry.get(second.id)) == (1, 1)
        assert registry.queue_ahead(registry.get(first.id)) == (1, 0)
        page = client.get(f"/runs/{second.id}").text
        assert "排队等待计算：1项正在计算，前面还有1项在排队。本页会自动刷新。" in page
        assert "排队等待计算：1项正在计算，本项排在最前。本页会自动刷新。" in client.get(f"/runs/{first.id}").text
        assert "正在计算，本页会自动刷新。" in client.get(f"/runs/{solving.id}").text


def test_the_registry_file(tmp_path: Path) -> None:
    registry = Registry(tmp_path)
    with sqlite3.connect(tmp_path / "runs.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    stored = registry.keep_bytes(b"PK data", "../../etc/我的申报.xlsx", ".xlsx")
    assert stored.name == f"{stored.sha256}.xlsx" and (tmp_path / "inputs" / stored.name).read_bytes() == b"PK data"
    assert stored.client_name == "../../etc/我的申报.xlsx"  # shown, never a path
    assert registry.keep_bytes(b"PK data", "again.xlsx", ".xlsx").name == stored.name  # kept once
    for name in ("../runs.sqlite", stored.sha256, stored.name.upper(), "/etc/passwd", f"{stored.sha256}.exe"):
        assert registry.stored_input(name) is None, name
    assert registry.stored_input(stored.name) is not None


def test_a_newer_schema_is_not_touched(tmp_path: Path) -> None:
    Registry(tmp_path)
    with sqlite3.connect(tmp_path / "runs.sqlite") as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    before = (tmp_path / "runs.sqlite").read_bytes()
    with pytest.raises(InputError) as caught:  # was a RuntimeError: an unexpected error, exit 1
        Registry(tmp_path)
    assert caught.value.text("en") == (f"{tmp_path / 'runs.sqlite'}: was written by a newer budgetopt (schema 99; "
                                       f"this one knows {SCHEMA_VERSION}); use a newer budgetopt")
    assert (tmp_path / "runs.sqlite").read_bytes() == before


@pytest.mark.parametrize(("content", "reason"), [
    (b"hello", "file is not a database"),
    (b"SQLite format 3\x00" + b"\xff" * 4000, "file is not a database"),
    ("version x", "invalid literal for int() with base 10: 'x'"),  # a registry whose version was edited
])
def test_a_damaged_registry_is_a_sentence(tmp_path: Path, content: bytes | str, reason: str) -> None:
    # a data folder's runs.sqlite that is not one (a disk error, a file put there) was an unexpected error
    path = tmp_path / "runs.sqlite"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        Registry(tmp_path)
        with sqlite3.connect(path) as db:
            db.execute("UPDATE meta SET value = 'x' WHERE key = 'schema_version'")
    with pytest.raises(InputError) as caught:
        Registry(tmp_path)
    assert caught.value.text("en") == (f"{path}: is damaged, or not budgetopt's record of runs ({reason}); move it "
                                       "elsewhere and start again with an empty list of runs (the files in runs/ and "
                                       "the other folders stay)")
    if reason == "file is not a database":  # SQLite's words said in Chinese too
        assert caught.value.text("zh").startswith(f"{path}：已损坏，或不是 budgetopt 的运行记录（不是数据库文件）")


def test_a_data_folder_that_cannot_be_made_is_a_sentence(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(InputError) as caught:
        Registry(tmp_path / "file" / "data")
    assert caught.value.text("en") == (f"{tmp_path / 'file' / 'data'}: the data folder cannot be written (Not a "
                                       "directory)")


def test_serve_on_a_damaged_registry_exits_2_and_frees_its_port(tmp_path: Path) -> None:
    (tmp_path / "runs.sqlite").write_bytes(b"hello")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner(env={"BUDGETOPT_LANG": "en"}).invoke(cli, ["serve", "--data", str(tmp_path), "--port",
                                                                   str(port), "--no-browser"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "is damaged, or not budgetopt's record of runs (file is not a database)" in result.stderr
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))  # the socket serve bound is closed


def test_runs_survive_a_restart_and_a_cut_off_run_is_failed(tmp_path: Path) -> None:
    with app_client(tmp_path) as client:
        finished = submit(client, budget="1亿").json()["id"]
        assert wait(client, finished)["status"] == "done"
    registry = Registry(tmp_path)
    cut_off = registry.add(new_run(registry))
    registry.started(cut_off.id)  # the server stopped while it was solving
    waiting = registry.add(new_run(registry, "1.2亿"))  # ... and before this one was taken up
    with app_client(tmp_path) as client:
        assert wait(client, finished)["status"] == "done"
        failed = wait(client, cut_off.id)
        assert failed["status"] == "failed" and failed["totals"] is None
        assert failed["problems"] == [{"row": None, "column": None,
                                       "message": "运行被服务停止打断；未写出任何结果。请重新运行。"}]
        assert wait(client, waiting.id)["status"] == "done"
        listed = [r["id"] for r in client.get("/api/runs", headers=BEARER).json()["runs"]]
        assert set(listed) == {finished, cut_off.id, waiting.id}
        page = client.get(f"/runs/{cut_off.id}?lang=en", headers=BEARER).text
        assert "The run was cut off when the server stopped" in page


def test_queued_runs_are_queued_again_in_the_order_they_came(tmp_path: Path) -> None:
    registry = Registry(tmp_path)
    added = [registry.add(new_run(registry)).id for _ in range(12)]  # in one second or two: ids drawn at random
    assert [r.id for r in registry.recover({})] == added


def test_a_run_that_fails_unexpectedly_says_a_sentence(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    registry = Registry(tmp_path)
    record = registry.add(new_run(registry))
    runner = Runner(registry, 1, FileLimits())
    try:
        broken: Future[tasks.Outcome] = Future()
        broken.set_exception(TaskFailed("MemoryError", "Traceback (most recent call last): ..."))
        runner._finished(record, broken)
    finally:
        runner.close()
    stored = registry.get(record.id)
    assert stored is not None and stored.status == "failed"
    assert stored.outcome["error"] == ["运行意外失败（MemoryError）；详细信息已记入服务器日志",
                                       "The run failed unexpectedly (MemoryError); the details are in the server's log"]
    assert "Traceback" not in json.dumps(stored.outcome) and "Traceback" in caplog.text


# ---------------------------------------------------------------- workers


def _sleep(seconds: float) -> tuple[float, float]:
    began = time.monotonic()
    time.sleep(seconds)
    return began, time.monotonic()


def _boom() -> None:
    raise ValueError("no")


def _die() -> None:
    os._exit(3)


def test_one_worker_takes_one_task_at_a_time() -> None:
    workers = Workers(1)
    try:
        spans = [f.result(timeout=60) for f in [workers.submit(_sleep, 0.3) for _ in range(3)]]
    finally:
        workers.close()
    for (_, end), (begin, _) in itertools.pairwise(spans):
        assert begin >= end  # first come, first served, never two at once


def test_two_workers_work_at_once() -> None:
    workers = Workers(2)
    try:
        (a0, a1), (b0, b1) = [f.result(timeout=60) for f in [workers.submit(_sleep, 0.5) for _ in range(2)]]
    finally:
        workers.close()
    assert b0 < a1 and a0 < b1


def test_a_task_that_raises_or_dies() -> None:
    workers = Workers(1)
    try:
        with pytest.raises(TaskFailed) as raised:
            workers.submit(_boom).result(timeout=60)
        assert raised.value.kind == "ValueError" and "Traceback" in raised.value.detail
        with pytest.raises(TaskFailed) as died:
            workers.submit(_die).result(timeout=60)
        assert died.value.kind == "exit" and "3" in died.value.detail
    finally:
        workers.close()


def _collecting() -> bool:
    import gc

    return gc.isenabled()


def test_a_task_runs_without_collecting_cycles_in_its_own_process() -> None:
    workers = Workers(1)
    try:
        assert workers.submit(_collecting).result(timeout=60) is False
    finally:
        workers.close()


def test_tasks_queued_when_the_workers_close_are_cancelled() -> None:
    workers = Workers(1)
    first = workers.submit(_sleep, 0.5)
    queued = workers.submit(_sleep, 0.1)
    time.sleep(0.1)
    workers.close()
    assert queued.cancelled() or queued.exception(timeout=10) is not None
    with pytest.raises(Exception):  # noqa: B017 - ended by the stop, whichever way it ended
        first.result(timeout=10)
    assert workers.submit(_sleep, 0).cancelled()


@pytest.mark.parametrize(("column", "value"), [
    ("status", "x"), ("kind", "nope"), ("outcome", "{"), ("outcome", "[]"), ("outcome", '{"totals": "x"}'),
    ("params", "{"), ("levels", '["a"]'), ("budget", "lots"), ("lang", "fr"), ("scenario", b"x"), ("outcome", "{}"),
])
def test_a_row_edited_by_hand_is_a_failed_run_that_says_so(tmp_path: Path, column: str, value: object) -> None:
    # one edited row of runs.sqlite made the start page and the run's own pages an error 500
    data = tmp_path / "data"
    with app_client(data) as client:
        client.headers.update(BEARER)
        run_id = submit(client, budget="2亿").json()["id"]
        assert wait(client, run_id)["status"] == "done"
        with sqlite3.connect(data / "runs.sqlite") as db:
            db.execute(f'UPDATE runs SET "{column}" = ? WHERE id = ?', (value, run_id))
        record = Registry(data).get(run_id)
        assert record is not None and (record.status, record.outcome["error"][1]) == (
            "failed", "This run's record is damaged (its row in runs.sqlite was edited); the files in its folder are "
                      "as they were")
        for path in ("/", f"/runs/{run_id}", f"/api/runs/{run_id}", f"/new?from={run_id}", "/api/runs"):
            assert client.get(path).status_code == 200, path
        assert "这次运行的记录已损坏（runs.sqlite 中的这一行被改动过）" in client.get(f"/runs/{run_id}?lang=zh").text
