"""A finance officer's review at the year's end: the start page mixed test, broken, no-year and published runs, with
no way to put any away and no way to see one year's; and 运行分配 ran a workbook the upload check had found 9
problems in, leaving one more permanent 数据有误 run. Runs are archived (hidden, never deleted, the ledger
untouched) and brought back; the start page shows one year's; a workbook with problems runs only when the officer
skips its invalid rows or says to run it anyway."""

from __future__ import annotations

import html
import re
import sqlite3
from pathlib import Path

import pytest
from helpers import ROOT, code, row, write_rows
from webapp import BEARER, CSRF, SAMPLE, SCENARIO, TestClient, app_client, sign_in, submit, wait

from optimizer.ledger import read_ledger
from optimizer.web.registry import SCHEMA_VERSION, NewRun, Registry

SCENARIO_2027 = ROOT / "data" / "scenario_2027.toml"


def text(answer: object) -> str:
    """A page's words as the reader sees them: tags dropped, entities read, spaces collapsed."""
    page = html.unescape(re.sub(r"<[^>]+>", " ", answer.text))  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", page)


def listed(client: TestClient, path: str = "/") -> list[str]:
    """The runs the start page lists, in its order."""
    page = client.get(path)
    assert page.status_code == 200, page.text
    return re.findall(r'<tr id="run-([0-9]{8}-[0-9]{6}-[0-9a-f]{6})"', page.text)


@pytest.fixture(scope="module")
def done(client: TestClient) -> str:
    run_id = str(submit(client, SAMPLE, SCENARIO, budget="1.2亿").json()["id"])
    assert wait(client, run_id)["status"] == "done"
    return run_id


# ---------------------------------------------------------------- archiving a run


def test_a_run_archived_is_hidden_never_deleted_and_comes_back(client: TestClient, data: Path, done: str) -> None:
    folder = data / "runs" / done
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    page = client.get(f"/runs/{done}?lang=zh")
    assert 'id="archive-form"' in page.text and 'id="run-archived"' not in page.text
    assert "归档只是把此运行从运行记录列表中隐藏：不删除任何文件" in text(page)
    assert done in listed(client)

    archived = client.post(f"/runs/{done}/archive", data={"csrf_token": CSRF})
    assert archived.status_code == 303 and archived.headers["location"] == f"/runs/{done}"
    record = Registry(data).get(done)
    assert record is not None and record.archived is not None and record.status == "done"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == files  # nothing deleted, nothing written
    assert done not in listed(client)
    start = client.get("/?lang=zh")
    assert "显示已归档（" in text(start) and 'href="/?archived=1"' in start.text
    assert done in listed(client, "/?archived=1")
    shelf = client.get("/?archived=1&lang=zh")
    assert f'form="unarchive-{done}"' in shelf.text and "取消归档" in text(shelf)
    assert "返回运行记录（不显示已归档）" in text(shelf)
    shown = client.get(f"/runs/{done}?lang=zh")  # its page, downloads and all, as before: it says it is archived
    assert shown.status_code == 200 and 'id="run-archived"' in shown.text and 'id="archive-form"' not in shown.text
    assert 'id="download-allocation-csv"' in shown.text
    assert client.get(f"/api/runs/{done}/files/allocation.csv").content == files["allocation.csv"]

    again = client.post(f"/runs/{done}/archive", data={"csrf_token": CSRF})  # archived twice: the first time kept
    assert again.status_code == 303 and Registry(data).get(done).archived == record.archived  # type: ignore[union-attr]

    back = client.post(f"/runs/{done}/unarchive", data={"csrf_token": CSRF, "back": "list", "archived": "1",
                                                          "year": "2026"})
    assert back.status_code == 303 and back.headers["location"] == f"/?year=2026&archived=1&unarchived={done}"
    assert Registry(data).get(done).archived is None  # type: ignore[union-attr]
    assert done in listed(client) and done not in listed(client, "/?archived=1")
    # the list it was brought back from says so (an officer's review: the run just disappeared)
    landed = client.get(f"{back.headers['location']}&lang=zh")
    notice = re.search(r'<p class="notice" id="unarchived" role="status">(.*?)</p>', landed.text)
    assert notice is not None and f'<a href="/runs/{done}">{done}</a>' in notice.group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", notice.group(1))) == f"已取消归档：运行 {done} 已重新列入运行记录。"
    english = client.get(f"{back.headers['location']}&lang=en")
    assert f"Unarchived: run {done} is listed with the runs again." in text(english)
    assert 'id="unarchived"' not in client.get("/?archived=1").text  # only where it was just done
    assert client.post(f"/runs/{done}/archive", data={"csrf_token": CSRF, "back": "list"}).headers[
        "location"] == "/"  # archived from a list: back to it, nothing to say
    assert 'id="unarchived"' not in client.get(f"/?unarchived={done}").text  # archived again: it is not listed
    assert client.post(f"/runs/{done}/unarchive", data={"csrf_token": CSRF}).headers["location"] == f"/runs/{done}"


def test_the_archived_list_is_a_page_of_its_own(client: TestClient, data: Path, done: str) -> None:
    """Under a heading of its own, its headers one line each (已分配 wrapped a character a line), and a box that
    cannot be ticked says why."""
    registry = Registry(data)
    workbook = registry.stored_input(registry.get(done).workbook)  # type: ignore[union-attr]
    assert workbook is not None
    queued = registry.add(NewRun(workbook, None, None, "1亿", 100_000_000))  # never given to a worker: queued
    registry.archive(queued.id)
    shelf = client.get("/?archived=1&lang=zh")
    assert re.search(r'<h1 id="archived-title">已归档的运行（\d+）</h1>', shelf.text)
    assert "<h1>运行记录</h1>" not in shelf.text and "<title>已归档的运行（" in shelf.text
    assert f'id="pick-{queued.id}" class="pick" disabled title="只能对比已完成的运行"' in shelf.text
    assert f'id="pick-{queued.id}" class="pick" disabled title="Only finished runs can be compared"' in client.get(
        "/?archived=1&lang=en").text
    assert "<h1>运行记录</h1>" in client.get("/?lang=zh").text
    assert "#runs-table thead th { white-space: nowrap; }" in client.get("/static/style.css").text


def test_archiving_is_a_csrf_checked_post_of_a_finished_run(client: TestClient, data: Path, done: str) -> None:
    assert client.post(f"/runs/{done}/archive").status_code == 403  # no CSRF token
    assert client.post(f"/runs/{done}/archive", data={"csrf_token": "forged"}).status_code == 403
    assert Registry(data).get(done).archived is None  # type: ignore[union-attr]
    got = client.get(f"/runs/{done}/archive")  # the address reloaded: the run's page, not a refusal
    assert got.status_code == 303 and got.headers["location"] == f"/runs/{done}"
    for path in ("/runs/nope/archive", "/runs/20260101-000000-abcdef/unarchive"):
        assert client.post(path, data={"csrf_token": CSRF}).status_code == 404, path
    registry = client.app.state.web.registry  # type: ignore[attr-defined]
    workbook = registry.keep_bytes(SAMPLE.read_bytes(), SAMPLE.name, ".xlsx")
    queued = registry.add(NewRun(workbook, None, None, "1亿", 100_000_000))  # not given to the workers: queued
    refused = client.post(f"/runs/{queued.id}/archive?lang=en", data={"csrf_token": CSRF})
    assert refused.status_code == 409 and "The run has not finished; it can be archived once it has." in refused.text
    assert 'id="archive-form"' not in client.get(f"/runs/{queued.id}").text
    assert registry.get(queued.id).archived is None
    # a script's bearer request needs no CSRF token; the API says a run is archived, and when
    assert client.post(f"/runs/{done}/archive", headers=BEARER).status_code == 303
    entry = next(r for r in client.get("/api/runs", headers=BEARER).json()["runs"] if r["id"] == done)
    assert entry["archived"] == registry.get(done).archived
    assert client.get(f"/api/runs/{done}", headers=BEARER).json()["archived"] == entry["archived"]
    assert client.post(f"/runs/{done}/unarchive", headers=BEARER).status_code == 303
    assert "archived" not in client.get(f"/api/runs/{done}", headers=BEARER).json()


def test_a_published_run_archived_stands_in_the_ledger(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with app_client(data) as client:
        sign_in(client)
        run_id = str(submit(client, SAMPLE, SCENARIO).json()["id"])
        assert wait(client, run_id)["status"] == "done"
        assert client.post("/ledger/new", data={"csrf_token": CSRF}).status_code == 303
        published = client.post(f"/runs/{run_id}/publish", data={"csrf_token": CSRF, "objection_days": "5"})
        assert published.status_code in (200, 303), published.text
        ledger = data / "ledger.sqlite"
        before, entries = ledger.read_bytes(), read_ledger(ledger).count
        assert entries > 0
        page = client.get(f"/runs/{run_id}?lang=zh")
        assert "此运行已公示：归档后公示名单照旧有效，资助台账中的记录不变" in text(page)
        assert "archive-published" in client.get(f"/runs/{run_id}?lang=en").text
        assert client.post(f"/runs/{run_id}/archive", data={"csrf_token": CSRF}).status_code == 303
        assert ledger.read_bytes() == before and read_ledger(ledger).count == entries
        assert run_id not in listed(client)
        shelf = client.get("/?archived=1")
        assert f'id="published-{run_id}"' in shelf.text  # still marked 已公示 where it is listed
        assert 'id="run-published"' in client.get(f"/runs/{run_id}").text
        assert client.get(f"/runs/{run_id}/files/notice.xlsx").status_code == 200


# ---------------------------------------------------------------- the runs of one year


def test_the_start_page_shows_one_years_runs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with app_client(data) as client:
        sign_in(client)
        registry = client.app.state.web.registry  # type: ignore[attr-defined]
        workbook = registry.keep_bytes(SAMPLE.read_bytes(), SAMPLE.name, ".xlsx")

        def queued(scenario: Path | None) -> str:  # a run asked for, not solved: the list needs no more
            stored = registry.keep_bytes(scenario.read_bytes(), scenario.name, ".toml") if scenario else None
            return str(registry.add(NewRun(workbook, stored, scenario.stem if scenario else None, "1亿",
                                           100_000_000)).id)

        odd = tmp_path / "odd.toml"
        odd.write_text('year = "明年"\nbudget = "1亿"\n', encoding="utf-8")
        y2026, y2027, none, broken = queued(SCENARIO), queued(SCENARIO_2027), queued(None), queued(odd)
        assert set(listed(client)) == {y2026, y2027, none, broken}
        assert listed(client, "/?year=2026") == [y2026]
        assert listed(client, "/?year=2027") == [y2027]
        assert set(listed(client, "/?year=none")) == {none, broken}  # no year, or none the library would read
        page = client.get("/?lang=zh")
        filters = page.text[page.text.index('id="runs-filter"'):page.text.index("</p>", page.text.index(
            'id="runs-filter"'))]
        assert re.findall(r'<a href="([^"]*)" id="year-', filters) == ["/", "/?year=2027", "/?year=2026",
                                                                         "/?year=none"]
        assert 'id="year-all" class="chosen" aria-current="page"' in filters
        assert "2027年度" in text(page) and "未填年度" in text(page)
        chosen = client.get("/?year=2026&lang=en")
        assert 'id="year-2026" class="chosen"' in chosen.text and 'href="/?year=2026&amp;archived=1"' in chosen.text
        assert '<td class="run-year">2026</td>' in chosen.text
        for odd_year in ("abc", "²", "99999", "1800", "-1", ""):  # no such year: every year, never an error
            assert set(listed(client, f"/?year={odd_year}")) == {y2026, y2027, none, broken}, odd_year
        assert listed(client, "/?year=2030") == []
        assert "No runs of the year chosen." in text(client.get("/?year=2030&lang=en"))
        assert 'id="year-2030" class="chosen"' in client.get("/?year=2030").text  # the year asked, shown chosen
        assert "No archived runs." in text(client.get("/?archived=1&lang=en"))


def test_a_run_archived_is_offered_last_and_marked_where_a_form_picks_a_run(tmp_path: Path) -> None:
    """An officer's review: after archiving a trial run, the goal, plan and sweep forms still chose it first (the
    newest) with nothing to say it was archived."""
    with app_client(tmp_path / "data") as client:
        sign_in(client)
        kept, trial = (str(submit(client, SAMPLE, SCENARIO, budget=budget).json()["id"]) for budget in ("2亿", "1.5亿"))
        assert wait(client, kept)["status"] == "done" and wait(client, trial)["status"] == "done"
        assert client.post(f"/runs/{trial}/archive", data={"csrf_token": CSRF}).status_code == 303
        for path in ("/goals", "/sweeps"):
            page = client.get(f"{path}?lang=zh").text
            options = re.findall(r'<option value="([0-9]{8}-[0-9]{6}-[0-9a-f]{6})"[^>]*>([^<]*)</option>', page)
            assert [run for run, _ in options] == [kept, trial], path
            assert not re.search(rf'<option value="{trial}" selected', page), path  # the default: the first
            assert options[1][1].endswith("（已归档）") and not options[0][1].endswith("（已归档）"), path


# ---------------------------------------------------------------- a workbook with problems, run only when meant


def bad_workbook(path: Path) -> Path:
    return write_rows(path, [row(application_id="A-1", credit_code=code(1)),
                             row(application_id="A-2", credit_code=code(2), score=140)])


def uploaded(client: TestClient, book: Path) -> str:
    answer = client.post("/uploads", data={"csrf_token": CSRF}, files={"workbook": (book.name, book.read_bytes())})
    assert answer.status_code == 303
    return str(answer.headers["location"]).split("upload=", 1)[1].split("&", 1)[0]


def test_a_workbook_with_problems_runs_only_when_the_officer_says_so(client: TestClient, data: Path,
                                                                     tmp_path: Path) -> None:
    stored = uploaded(client, bad_workbook(tmp_path / "九处问题.xlsx"))
    page = client.get(f"/new?upload={stored}&lang=zh")
    assert "发现 1 处问题" in text(page) and 'name="confirm_invalid"' in page.text
    assert "仍然运行（将记为数据有误）" in text(page) and 'id="confirm-invalid-problem"' not in page.text
    before = len(Registry(data).runs())
    form = {"csrf_token": CSRF, "upload": stored, "budget": "1亿", "name": "第二批"}
    refused = client.post("/runs?lang=zh", data=form)
    assert refused.status_code == 400 and len(Registry(data).runs()) == before  # no run, no 数据有误 in the list
    said = re.search(r'<p class="refusal" id="confirm-invalid-problem" role="alert">(.*?)</p>', refused.text)
    assert said is not None
    assert html.unescape(said.group(1)).startswith("申报表有 1 处问题，未运行：请勾选“跳过有误的行”")
    # the page opens at the box to tick, beside its sentence and the button (it opened at the top, far above)
    assert 'id="f-confirm-invalid" value="1" autofocus>' in refused.text
    assert "autofocus" not in page.text  # nothing refused yet: the page opens at its top
    assert refused.text.index('id="f-confirm-invalid"') < refused.text.index('id="confirm-invalid-problem"')
    assert 'value="第二批"' in refused.text  # the form as typed
    top = re.search(r'<ul class="refusal" id="form-problems">(.*?)</ul>', refused.text, re.S)  # said at the top too:
    assert top is not None and "申报表有 1 处问题，未运行" in html.unescape(top.group(1))  # the box is far down
    english = client.post("/runs?lang=en", data=form)
    assert english.status_code == 400 and "The workbook has 1 problem; nothing was run" in text(english)
    assert "The workbook has 1 problem and “Skip invalid rows” above is not ticked" in text(english)
    assert "(s)" not in text(english)

    skipped = client.post("/runs", data={**form, "skip_invalid": "1"})  # the valid rows allocated: no question
    assert skipped.status_code == 303
    anyway = client.post("/runs", data={**form, "confirm_invalid": "1"})  # the officer means it
    assert anyway.status_code == 303
    run_id = anyway.headers["location"].removeprefix("/runs/")
    assert wait(client, run_id)["status"] == "invalid"
    assert len(Registry(data).runs()) == before + 2


def test_a_clean_workbook_asks_nothing(client: TestClient, tmp_path: Path) -> None:
    clean = write_rows(tmp_path / "clean.xlsx", [row(application_id="A-1", credit_code=code(1))])
    stored = uploaded(client, clean)
    assert 'name="confirm_invalid"' not in client.get(f"/new?upload={stored}").text
    assert client.post("/runs", data={"csrf_token": CSRF, "upload": stored, "budget": "1亿"}).status_code == 303


# ---------------------------------------------------------------- the registry: schema 3


V2_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE inputs (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, client_name TEXT NOT NULL,
                     created TEXT NOT NULL);
CREATE TABLE runs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, created TEXT NOT NULL, started TEXT,
                   finished TEXT, workbook TEXT NOT NULL, workbook_name TEXT NOT NULL, scenario TEXT,
                   scenario_name TEXT, budget_given TEXT, budget INTEGER, solver TEXT NOT NULL, lang TEXT NOT NULL,
                   skip_invalid INTEGER NOT NULL DEFAULT 0, levels TEXT, outcome TEXT NOT NULL DEFAULT '{}',
                   params TEXT);
CREATE INDEX runs_created ON runs (created);
INSERT INTO meta VALUES ('schema_version', '2');
"""


def test_a_version_2_registry_is_brought_up_to_date_losing_nothing(tmp_path: Path) -> None:
    workbook = "a" * 64 + ".xlsx"
    with sqlite3.connect(tmp_path / "runs.sqlite") as db:
        db.executescript(V2_SCHEMA)
        db.execute("INSERT INTO runs (id, kind, status, created, workbook, workbook_name, solver, lang, outcome, "
                   "params) VALUES ('20261201-090000-abcdef', 'stability', 'failed', '2026-12-01T09:00:00+08:00', ?, "
                   "'申报.xlsx', 'highs', 'zh', '{\"error\": [\"甲\", \"A\"]}', '{\"draws\": 200}')", (workbook,))
    db.close()
    registry = Registry(tmp_path)
    with sqlite3.connect(tmp_path / "runs.sqlite") as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("3",)
        assert "archived" in [column[1] for column in db.execute("PRAGMA table_info(runs)")]
    db.close()
    assert SCHEMA_VERSION == 3
    record = registry.get("20261201-090000-abcdef")
    assert record is not None and (record.kind, record.status, record.workbook_name, record.archived) == (
        "stability", "failed", "申报.xlsx", None)
    assert dict(record.params) == {"draws": 200} and record.outcome["error"] == ["甲", "A"]
    archived = registry.archive(record.id)
    assert archived is not None and archived.archived is not None
    assert registry.runs("stability", archived=True) == [archived] and registry.runs("stability", False) == []
    assert registry.archive(record.id, archived=False).archived is None  # type: ignore[union-attr]
    assert registry.archive("../nope") is None and registry.archive("20260101-000000-abcdef") is None
    Registry(tmp_path)  # opened again: nothing more to do


def test_an_archived_column_edited_by_hand_is_a_damaged_record(tmp_path: Path) -> None:
    registry = Registry(tmp_path)
    workbook = registry.keep_bytes(SAMPLE.read_bytes(), SAMPLE.name, ".xlsx")
    run = registry.add(NewRun(workbook, None, None, "1亿", 100_000_000))
    with sqlite3.connect(tmp_path / "runs.sqlite") as db:
        db.execute("UPDATE runs SET archived = ? WHERE id = ?", (b"\x00", run.id))  # a blob: never ours
    db.close()
    record = registry.get(run.id)
    assert record is not None and record.status == "failed" and record.archived is None
    assert record.outcome["error"][1].startswith("This run's record is damaged")
