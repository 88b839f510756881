"""Stability under score noise in the browser app: the page (a workbook, the scenario form or a preset, the draws, σ
and the seed), the run queued to the workers with its progress, its findings and report, and its three files — byte
for byte those of `budgetopt stability` on the same inputs, with the same award ledger. The registry keeps it as a
kind of its own (schema 2, migrated from 1 without losing a run); a run with a pool takes as many worker slots.

Few draws (5 to 8) on the sample, so that the module stays quick."""

from __future__ import annotations

import html
import itertools
import json
import re
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from helpers import ROOT, code, row, write_rows
from test_web_ledger import make_ledger
from webapp import BEARER, CSRF, SAMPLE, TestClient, app_client, sign_in, wait_page

from optimizer.cli import cli
from optimizer.web.registry import SCHEMA_VERSION, NewRun, Registry
from optimizer.web.runner import pool_size
from optimizer.web.security import REPORT_POLICY
from optimizer.web.tasks import progress_writer
from optimizer.web.workers import Workers

FILES = ("stability.csv", "stability.xlsx", "stability.html")
DRAWS = "6"


def upload(client: TestClient, path: Path = SAMPLE) -> str:
    answer = client.post("/stability/uploads?lang=en", data={"csrf_token": CSRF},
                         files={"workbook": (path.name, path.read_bytes())})
    assert answer.status_code == 303, answer.text
    location = answer.headers["location"]
    assert location.startswith("/stability?upload=")
    return str(location.split("=", 1)[1])


def form_of_page(page: str) -> dict[str, str]:
    """The stability form's fields as the page fills them in (inputs and selected options)."""
    form = page[page.index('id="stability-form"'):]
    fields = dict(re.findall(r'<input type="(?:text|hidden|number)" name="([^"]+)"[^>]*value="([^"]*)"', form))
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        fields[name] = chosen.group(1) if chosen else ""
    return {k: html.unescape(v) for k, v in fields.items()}


def start(client: TestClient, path: str, **changes: str) -> str:
    """The form of the page at `path` sent, with `changes`; the stability run's id."""
    fields = form_of_page(client.get(path).text)
    fields.update(csrf_token=CSRF, **changes)
    answer = client.post("/stability", data=fields)
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"].removeprefix("/stability/"))


def cli_stability(out: Path, workbook: Path, *options: str) -> Path:
    result = CliRunner().invoke(cli, ["stability", str(workbook), *options, "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def scenario_of(data: Path, record_id: str) -> Path:
    record = Registry(data).get(record_id)
    assert record is not None and record.scenario is not None
    return data / "inputs" / record.scenario


@pytest.fixture(scope="module")
def stored(client: TestClient) -> str:
    return upload(client)


@pytest.fixture(scope="module")
def done(client: TestClient, stored: str) -> str:
    """A stability run of the sample under the 2026 base case: 6 draws, σ = 2, seed 1, outputs in Chinese."""
    run = start(client, f"/stability?upload={stored}&preset=scenario_2026", draws=DRAWS, report_lang="zh")
    assert 'data-status="done"' in wait_page(client, f"/stability/{run}")
    return run


# ---------------------------------------------------------------- the page


def test_the_page_and_its_defaults(client: TestClient, stored: str) -> None:
    page = client.get(f"/stability?upload={stored}&lang=en").text
    fields = form_of_page(page)
    assert (fields["draws"], fields["sigma"], fields["seed"]) == ("200", "2", "1")
    assert fields["upload"] == stored and "Uploaded: sample_applications.xlsx" in page
    assert 'id="nav-stability"' in page and 'id="stability-button" disabled' not in page
    assert f'<option value="{stored}" selected' in page  # the workbooks uploaded before, to pick from
    assert 'id="stability-button" disabled' in client.get("/stability").text  # no workbook yet
    zh, en = client.get("/stability?preset=scenario_2026&lang=zh").text, client.get("/stability?lang=en").text
    assert '<html lang="zh-CN">' in zh and "抽样次数（1 到 10,000）" in zh and "Draws (1 to 10,000)" in en
    assert "web." not in zh and "web." not in en


def test_from_a_run_its_workbook_and_scenario(client: TestClient, stored: str) -> None:
    fields = form_of_page(client.get(f"/new?upload={stored}&preset=scenario_2026_ai_push").text.replace(
        'id="scenario-form"', 'id="stability-form"'))
    answer = client.post("/runs", data={**fields, "csrf_token": CSRF, "report_lang": "en", "solver": "auto"})
    run = answer.headers["location"].removeprefix("/runs/")
    run_page = wait_page(client, f"/runs/{run}?lang=en")
    assert f'<a href="/stability?from={run}" id="stability-link">How sure is this funding line?' in run_page
    page = client.get(f"/stability?from={run}&lang=en").text
    filled = form_of_page(page)
    assert filled["upload"] == stored and filled["name"] == "2026 AI push" and filled["weight_4"] == "1.5"
    assert (filled["solver"], filled["report_lang"]) == ("auto", "en")
    assert f"The workbook and scenario of run {run}." in page


def test_a_form_with_mistakes_says_them(client: TestClient, data: Path, stored: str) -> None:
    before = Registry(data).runs("stability")
    fields = {"csrf_token": CSRF, "upload": stored, "budget": "1亿", "draws": "0", "sigma": "much", "seed": "-1"}
    page = client.post("/stability?lang=en", data=fields)
    assert page.status_code == 400
    text = html.unescape(page.text)
    # the form's own label names the field, and the app's most draws (not the command line's option and most)
    assert "<li>the number of draws must be a whole number from 1 to 10,000, found 0</li>" in text, text
    assert "found much" in text and "found -1" in text
    assert 'value="much"' in page.text  # the form keeps what was typed
    many = client.post("/stability?lang=en", data={**fields, "draws": "10001", "sigma": "2", "seed": "1"})
    assert many.status_code == 400
    assert "the app solves at most 10,000 draws; for more, use budgetopt stability on the command line" in many.text
    nothing = client.post("/stability?lang=en", data={**fields, "upload": "", "draws": "5", "sigma": "2",
                                                      "seed": "1"})
    assert nothing.status_code == 400 and "upload the application workbook (.xlsx) first" in nothing.text
    assert Registry(data).runs("stability") == before  # nothing queued


def test_an_upload_keeps_the_scenario_and_the_noise(client: TestClient, stored: str, tmp_path: Path) -> None:
    """As on the new run's page: a workbook uploaded after the form was filled in (here from a preset, then the
    noise typed, as the page's script carries it) leaves the form as it was."""
    page = client.get(f"/stability?upload={stored}&preset=scenario_2026_ai_push").text
    carried = html.unescape(re.search(r'name="carried" id="carried" value="([^"]*)"', page).group(1))  # type: ignore[union-attr]
    assert "weight_4=1.5" in carried and "draws=200" in carried
    typed = carried.replace("draws=200", "draws=50").replace("seed=1", "seed=7")
    book = write_rows(tmp_path / "另一批.xlsx", [row(application_id="2026-C001", credit_code=code(3))])
    answer = client.post("/stability/uploads", data={"csrf_token": CSRF, "carried": typed},
                         files={"workbook": (book.name, book.read_bytes())})
    assert answer.status_code == 303 and "kept=" in answer.headers["location"]
    fields = form_of_page(client.get(answer.headers["location"]).text)
    assert (fields["name"], fields["weight_4"], fields["draws"], fields["sigma"], fields["seed"]) == (
        "2026 AI push", "1.5", "50", "2", "7")
    assert fields["upload"] != stored


def test_a_refused_upload_says_why(client: TestClient, tmp_path: Path) -> None:
    bad = tmp_path / "apps.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0not really")
    page = client.post("/stability/uploads?lang=en", data={"csrf_token": CSRF},
                       files={"workbook": (bad.name, bad.read_bytes())})
    assert page.status_code == 400 and 'id="refusal"' in page.text and "apps.xls" in page.text


# ---------------------------------------------------------------- a stability run


def test_the_files_are_the_command_lines(client: TestClient, data: Path, done: str, tmp_path: Path) -> None:
    theirs = cli_stability(tmp_path / "cli", SAMPLE, "--scenario", str(scenario_of(data, done)), "--draws", DRAWS,
                           "--sigma", "2", "--seed", "1", "--workers", "1", "--lang", "zh")
    for name in FILES:
        ours = client.get(f"/stability/{done}/files/{name}")
        assert ours.status_code == 200, name
        assert ours.content == (theirs / name).read_bytes(), name
    report = client.get(f"/stability/{done}/files/stability.html")
    assert report.headers["content-security-policy"] == REPORT_POLICY
    # saved under the run's id, as a run's files are: `<运行编号>-稳定性分析.csv`
    assert client.get(f"/stability/{done}/files/stability.csv?lang=zh").headers["content-disposition"] == (
        f'attachment; filename="{done}-stability.csv"; filename*=UTF-8\'\'{done}-{quote("稳定性分析")}.csv')
    page = client.get(f"/stability/{done}?lang=en").text
    assert f'id="download-stability-xlsx" download="{done}-stability.xlsx"' in page


def test_the_findings_on_its_page(client: TestClient, data: Path, done: str) -> None:
    page = client.get(f"/stability/{done}?lang=en").text
    record = Registry(data).get(done)
    assert record is not None and record.kind == "stability"
    assert record.params == {"draws": 6, "sigma": "2", "seed": 1}
    found = record.outcome["stability"]
    csv = client.get(f"/stability/{done}/files/stability.csv").content.decode("utf-8-sig").splitlines()[1:]
    classes = [line.split(",")[6] for line in csv]
    assert (found["always"], found["sometimes"], found["never"]) == tuple(
        classes.count(k) for k in ("always", "sometimes", "never"))
    assert found["eligible"] == 370 and found["allocated"] == 194_999_910
    sometimes = sum(int(line.split(",")[2]) for line in csv if line.endswith(",sometimes"))
    assert found["sometimes_money"] == sometimes and found["always_money"] + sometimes == found["allocated"]
    assert f'<tr id="class-sometimes"><th>Sometimes funded</th><td class="num">{found["sometimes"]}</td>' in page
    assert f"Of 370 eligible applications, {found['sometimes']} are funded in only some of the draws" in page
    assert 'id="run-noise">6 draws, σ = 2, seed 1</dd>' in page
    assert (f'<iframe id="stability-report" class="report" src="/stability/{done}/files/stability.html" '
            'sandbox="allow-scripts"') in page
    for name in ("stability-csv", "stability-xlsx", "stability-html"):
        assert f'id="download-{name}"' in page
    listing = client.get("/stability?lang=en").text
    assert f'<tr id="stability-{done}">' in listing and "6 draws, σ = 2, seed 1" in listing
    chinese = client.get(f"/stability/{done}?lang=zh").text
    assert "总是获资助" in chinese and "6 次，σ = 2，种子 1" in chinese and "web." not in chinese


def test_a_stability_run_is_no_allocation_and_unknown_names(client: TestClient, done: str) -> None:
    assert client.get(f"/runs/{done}").status_code == 404
    assert client.get(f"/api/runs/{done}", headers=BEARER).status_code == 404
    assert client.get(f"/stability/{done}/files/runs.sqlite").status_code == 404
    assert client.get(f"/stability/{done}/files/allocation.csv").status_code == 404
    assert client.get("/stability/20260101-000000-abcdef").status_code == 404
    assert client.get("/stability/nope").status_code == 404
    assert client.get("/stability/uploads").headers["location"] == "/stability"  # the form's POST address: its form


def test_progress_while_it_works(client: TestClient, data: Path, stored: str) -> None:
    registry: Registry = client.app.state.web.registry  # type: ignore[attr-defined]
    workbook = registry.stored_input(stored)
    assert workbook is not None
    record = registry.add(NewRun(workbook, None, None, "1亿", None, kind="stability",
                                 params={"draws": 8, "sigma": "2", "seed": 1}))  # not given to the workers
    registry.started(record.id)
    write = progress_writer(data / "stability" / f"{record.id}.progress")
    write(0, 8)
    write(3, 8)
    assert (data / "stability" / f"{record.id}.progress").read_text(encoding="ascii") == "3 8"
    page = client.get(f"/stability/{record.id}?lang=en").text
    assert 'http-equiv="refresh"' in page and '<progress value="3" max="8">' in page and "3 of 8 draws solved" in page
    assert client.get(f"/stability/{record.id}/files/stability.csv").status_code == 404  # nothing yet


def test_an_invalid_workbook_names_the_file_as_uploaded(client: TestClient, tmp_path: Path) -> None:
    book = write_rows(tmp_path / "申报.xlsx", [row(application_id="A-1", credit_code=code(1), score=140)])
    stored = upload(client, book)
    run = start(client, f"/stability?upload={stored}", budget="1亿", draws="5", report_lang="en")
    page = html.unescape(wait_page(client, f"/stability/{run}?lang=en"))
    assert 'data-status="invalid"' in page and "must be between 0 and 100, found 140" in page
    assert 'id="stability-report"' not in page


def test_the_award_ledger_is_counted_as_the_command_line_counts_it(tmp_path: Path) -> None:
    book, scenario = ROOT / "data" / "sample_applications_2027.xlsx", ROOT / "data" / "scenario_2027.toml"
    ledger = make_ledger(tmp_path / "资助台账.sqlite")
    with app_client(tmp_path / "data", ledger=ledger) as client:
        sign_in(client)
        stored = upload(client, book)
        run = start(client, f"/stability?upload={stored}&preset=scenario_2027", draws="5", sigma="1.5",
                    seed="7", report_lang="en")
        page = html.unescape(wait_page(client, f"/stability/{run}?lang=en"))
        assert 'data-status="done"' in page and "资助台账.sqlite (2 entries" in page
        ours = {name: client.get(f"/stability/{run}/files/{name}").content for name in FILES}
    theirs = cli_stability(tmp_path / "cli", book, "--scenario", str(scenario_of(tmp_path / "data", run)),
                           "--ledger", str(ledger), "--draws", "5", "--sigma", "1.5", "--seed", "7",
                           "--workers", "1", "--lang", "en")
    for name in FILES:
        assert ours[name] == (theirs / name).read_bytes(), name
    without = cli_stability(tmp_path / "plain", book, "--scenario", str(scenario), "--draws", "5", "--sigma", "1.5",
                            "--seed", "7", "--workers", "1")
    assert ours["stability.csv"] != (without / "stability.csv").read_bytes()  # the ledger changed something


# ---------------------------------------------------------------- the registry, the workers


V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE inputs (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, client_name TEXT NOT NULL,
                     created TEXT NOT NULL);
CREATE TABLE runs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, created TEXT NOT NULL, started TEXT,
    finished TEXT, workbook TEXT NOT NULL, workbook_name TEXT NOT NULL, scenario TEXT, scenario_name TEXT,
    budget_given TEXT, budget INTEGER, solver TEXT NOT NULL, lang TEXT NOT NULL,
    skip_invalid INTEGER NOT NULL DEFAULT 0, levels TEXT, outcome TEXT NOT NULL DEFAULT '{}');
CREATE INDEX runs_created ON runs (created);
INSERT INTO meta VALUES ('schema_version', '1');
"""


def test_a_schema_1_registry_is_migrated_and_loses_nothing(tmp_path: Path) -> None:
    digest = "ab" * 32
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / f"{digest}.xlsx").write_bytes(SAMPLE.read_bytes())
    outcome = json.dumps({"status": "done", "totals": {"allocated": 5}})
    with sqlite3.connect(tmp_path / "runs.sqlite") as db:
        db.executescript(V1_SCHEMA)
        db.execute("INSERT INTO inputs VALUES (?, ?, 1, 'apps.xlsx', '2026-03-01T10:00:00+08:00')",
                   (f"{digest}.xlsx", digest))
        db.execute("INSERT INTO runs VALUES ('20260301-100000-aaaaaa', 'allocate', 'done', '2026-03-01T10:00:00+08:00',"
                   " NULL, '2026-03-01T10:00:05+08:00', ?, 'apps.xlsx', NULL, NULL, '1亿', 100000000, 'highs', 'zh',"
                   " 0, NULL, ?)", (f"{digest}.xlsx", outcome))
        db.execute("INSERT INTO runs VALUES ('20260301-100100-bbbbbb', 'sweep', 'done', '2026-03-01T10:01:00+08:00',"
                   " NULL, NULL, ?, 'apps.xlsx', NULL, NULL, NULL, NULL, 'cbc', 'en', 1, '[1, 2]', '{}')",
                   (f"{digest}.xlsx",))
        before = [tuple(r) for r in db.execute("SELECT * FROM runs ORDER BY id")]
    db.close()
    registry = Registry(tmp_path)
    with sqlite3.connect(tmp_path / "runs.sqlite") as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
        after = [tuple(r) for r in db.execute("SELECT * FROM runs ORDER BY id")]
    db.close()
    assert SCHEMA_VERSION == 3 and after == [(*r, None, None) for r in before]  # every value, params, archived
    allocation, sweep = registry.get("20260301-100000-aaaaaa"), registry.get("20260301-100100-bbbbbb")
    assert allocation is not None and allocation.outcome["totals"] == {"allocated": 5} and allocation.params == {}
    assert sweep is not None and sweep.levels == (1, 2) and sweep.skip_invalid and sweep.solver == "cbc"
    workbook = registry.stored_input(f"{digest}.xlsx")
    assert workbook is not None and registry.workbooks() == [workbook]
    added = registry.add(NewRun(workbook, None, None, "1亿", None, kind="stability",
                                params={"draws": 5, "sigma": "0.5", "seed": 3}))
    assert registry.get(added.id) == added and added.params == {"draws": 5, "sigma": "0.5", "seed": 3}
    assert Registry(tmp_path).get(added.id) == added  # opened again: nothing to migrate, nothing changed
    assert registry.run_folder(added) == tmp_path.absolute() / "stability" / added.id


def _sleep(seconds: float) -> tuple[float, float]:
    began = time.monotonic()
    time.sleep(seconds)
    return began, time.monotonic()


def test_a_task_with_a_pool_takes_as_many_slots() -> None:
    workers = Workers(2)
    try:
        futures = [workers.submit(_sleep, 0.3), workers.submit(_sleep, 0.3, slots=2), workers.submit(_sleep, 0.3),
                   workers.submit(_sleep, 0.3, slots=5)]  # at most every slot
        spans = [f.result(timeout=60) for f in futures]
    finally:
        workers.close()
    for (_, end), (begin, _) in itertools.pairwise(spans):
        assert begin >= end  # the two-slot task never shares the machine, and nothing waits forever


def test_the_pool_of_a_stability_run() -> None:
    assert [pool_size(draws, 2) for draws in (1, 5, 20, 50, 51, 200, 10_000)] == [1, 1, 1, 1, 2, 2, 2]
    assert pool_size(10_000, 1) == 1 and pool_size(120, 8) == 3
