"""The HTTP API, to the letter of the README: its JSON shapes, the files of a run byte for byte as `budgetopt
allocate` writes them, refusals as the command line's, and nothing served from outside the data folder."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import code, row, write_rows
from test_hostile import LOL, SHEET, rebuild, sheet_xml, valid
from webapp import BEARER, RUN_ID, SAMPLE, SCENARIO, TestClient, app_client, cli_allocate, submit, wait

from optimizer.reading.guard import ExcelFileError, FileLimits
from optimizer.reading.sheet import read_sheet

FILES = ("allocation.csv", "allocation.xlsx", "manifest.json", "report.html")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="module")
def client(data: Path) -> Iterator[TestClient]:
    with app_client(data, workers=2) as client:
        yield client


@pytest.fixture(scope="module")
def done(client: TestClient) -> str:
    answer = submit(client, budget="1.5亿")
    assert answer.status_code == 202
    assert wait(client, answer.json()["id"])["status"] == "done"
    return str(answer.json()["id"])


# ---------------------------------------------------------------- the shapes


def test_a_submission_is_queued(client: TestClient) -> None:
    answer = submit(client, budget="1亿")
    assert answer.status_code == 202
    body = answer.json()
    assert set(body) == {"id", "status"} and body["status"] == "queued" and RUN_ID.match(body["id"])
    wait(client, body["id"])


def test_a_finished_run(client: TestClient, done: str) -> None:
    body = client.get(f"/api/runs/{done}", headers=BEARER).json()
    assert set(body) == {"id", "status", "problems", "conflicts", "totals"}
    assert (body["id"], body["status"], body["problems"], body["conflicts"]) == (done, "done", [], [])
    assert body["totals"]["budget"] == 150_000_000 and body["totals"]["rows"] == 434
    assert body["totals"]["allocated"] <= body["totals"]["available"]


def test_the_list_of_runs(client: TestClient, done: str) -> None:
    runs = client.get("/api/runs", headers=BEARER).json()
    assert set(runs) == {"runs"}
    entry = next(r for r in runs["runs"] if r["id"] == done)
    assert set(entry) == {"id", "status", "created", "workbook", "scenario", "budget"}
    assert entry["workbook"] == SAMPLE.name and entry["scenario"] is None and entry["budget"] == 150_000_000
    created = [r["created"] for r in runs["runs"]]
    assert created == sorted(created, reverse=True)


@pytest.mark.parametrize("name", FILES)
def test_the_files_of_a_run(client: TestClient, data: Path, done: str, name: str) -> None:
    answer = client.get(f"/api/runs/{done}/files/{name}", headers=BEARER)
    assert answer.status_code == 200
    assert answer.content == (data / "runs" / done / name).read_bytes()


def test_allocation_csv_is_the_command_lines(client: TestClient, done: str, tmp_path: Path) -> None:
    ours = client.get(f"/api/runs/{done}/files/allocation.csv", headers=BEARER).content
    theirs = cli_allocate(tmp_path / "cli", SAMPLE, "--budget", "1.5亿") / "allocation.csv"
    assert ours == theirs.read_bytes()
    manifest = json.loads(client.get(f"/api/runs/{done}/files/manifest.json", headers=BEARER).content)
    assert manifest["outputs"]["allocation.csv"]["sha256"] == json.loads(
        (tmp_path / "cli" / "manifest.json").read_bytes())["outputs"]["allocation.csv"]["sha256"]


def test_with_a_scenario_a_budget_a_solver_and_english(client: TestClient, tmp_path: Path) -> None:
    run = submit(client, scenario=SCENARIO, budget="1.2亿", solver="cbc", lang="en").json()["id"]
    assert wait(client, run)["status"] == "done"
    listed = next(r for r in client.get("/api/runs", headers=BEARER).json()["runs"] if r["id"] == run)
    assert (listed["scenario"], listed["budget"]) == ("2026 base case", 120_000_000)
    theirs = cli_allocate(tmp_path / "cli", SAMPLE, "--scenario", str(SCENARIO), "--budget", "1.2亿",
                          "--solver", "cbc", "--lang", "en")
    for name in ("allocation.csv", "allocation.xlsx", "report.html"):
        ours = client.get(f"/api/runs/{run}/files/{name}", headers=BEARER).content
        assert ours == (theirs / name).read_bytes(), name


def test_two_submissions_at_once_both_finish_right(client: TestClient, tmp_path: Path) -> None:
    answers: dict[str, Any] = {}

    def send(budget: str) -> None:
        answers[budget] = submit(client, budget=budget)

    threads = [threading.Thread(target=send, args=(budget,)) for budget in ("8000万", "1.8亿")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for budget, answer in answers.items():
        assert answer.status_code == 202
        assert wait(client, answer.json()["id"])["status"] == "done"
        ours = client.get(f"/api/runs/{answer.json()['id']}/files/allocation.csv", headers=BEARER).content
        theirs = cli_allocate(tmp_path / budget, SAMPLE, "--budget", budget) / "allocation.csv"
        assert ours == theirs.read_bytes(), budget


# ---------------------------------------------------------------- runs that cannot be solved


def test_a_workbook_with_problems_is_an_invalid_run(client: TestClient, tmp_path: Path) -> None:
    book = write_rows(tmp_path / "bad.xlsx", [row(application_id="A-1", credit_code=code(1)),
                                              row(application_id="A-2", credit_code=code(2), score=140)])
    run = submit(client, book, budget="1亿", lang="en").json()["id"]
    body = wait(client, run)
    assert body["status"] == "invalid" and body["totals"] is None and body["conflicts"] == []
    assert body["problems"] == [{"row": 3, "column": "score", "message": "must be between 0 and 100, found 140"}]
    assert client.get(f"/api/runs/{run}/files/allocation.csv", headers=BEARER).status_code == 404


def test_a_scenario_with_problems_is_an_invalid_run(client: TestClient, tmp_path: Path) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text('budget = "1亿"\nreserve = "-5"\n', encoding="utf-8")
    body = wait(client, submit(client, scenario=scenario, lang="en").json()["id"])
    assert body["status"] == "invalid"
    assert body["problems"] == [{"row": None, "column": None, "message": "s.toml: reserve: -5 is negative"}]


def test_no_budget_at_all(client: TestClient) -> None:
    body = wait(client, submit(client).json()["id"])
    assert body["status"] == "invalid" and len(body["problems"]) == 1


def test_an_infeasible_scenario(client: TestClient, tmp_path: Path) -> None:
    scenario = tmp_path / "floor.toml"
    scenario.write_text('budget = "2亿"\n[[envelopes]]\nname = "AI"\nclauses = ["3", "4", "5", "6"]\n'
                        'min = "1.5亿"\n', encoding="utf-8")
    body = wait(client, submit(client, scenario=scenario, lang="en").json()["id"])
    assert body["status"] == "infeasible" and body["problems"] == [] and body["totals"] is None
    assert body["conflicts"] == ['envelope "AI" min 1.5亿 cannot be met: at most 10875.05万 of eligible demand; '
                                 'lower it to 10875.05万 or add applications']


def test_bad_choices_and_a_missing_workbook(client: TestClient) -> None:
    assert client.post("/api/runs", data={"budget": "1亿"}, headers=BEARER).status_code == 400
    assert submit(client, solver="gurobi").status_code == 400
    assert submit(client, lang="fr").status_code == 400
    assert set(submit(client, solver="gurobi").json()) == {"error"}


# ---------------------------------------------------------------- files the command line refuses


def hostile(tmp_path: Path, kind: str) -> Path:
    if kind == "xls":
        path = tmp_path / "apps.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
        return path
    if kind == "bomb":
        return rebuild(valid(tmp_path), add={"xl/media/image1.png": bytes(2 * 1024 * 1024)})
    if kind == "macros":
        return rebuild(valid(tmp_path), add={"xl/vbaProject.bin": b"\xcc" * 100})
    if kind == "xlsm":
        return valid(tmp_path, name="apps.xlsm")
    if kind == "entities":
        body = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        return rebuild(valid(tmp_path), {SHEET: sheet_xml(body, before=LOL)})
    if kind == "not a workbook":
        path = tmp_path / "apps.xlsx"
        path.write_text("hello", encoding="utf-8")
        return path
    raise AssertionError(kind)


def said(path: Path, lang: str) -> str:
    """What the command line says of the file (no remedy depends on how it was called for these)."""
    with pytest.raises(ExcelFileError) as refused:
        read_sheet(path)
    assert refused.value.hint is None
    return refused.value.text(lang, "cli")


@pytest.mark.parametrize("kind", ["xls", "bomb", "macros", "xlsm", "entities", "not a workbook"])
def test_a_file_the_command_line_refuses(client: TestClient, data: Path, tmp_path: Path, kind: str) -> None:
    path = hostile(tmp_path, kind)
    before = client.get("/api/runs", headers=BEARER).json()["runs"]
    stored = sorted((data / "inputs").iterdir())
    for lang in ("zh", "en"):
        answer = submit(client, path, budget="1亿", lang=lang)
        assert answer.status_code == 400
        assert answer.json() == {"error": said(path, lang)}
    assert client.get("/api/runs", headers=BEARER).json()["runs"] == before  # no run stored
    assert sorted((data / "inputs").iterdir()) == stored and list((data / "tmp").iterdir()) == []


def test_a_file_beyond_the_size_limit(tmp_path: Path) -> None:
    with app_client(tmp_path / "data", limits=FileLimits(max_file_bytes=10_000)) as client:
        answer = submit(client, SAMPLE, budget="1亿", lang="en")
        assert answer.status_code == 400
        assert answer.json()["error"] == (
            "sample_applications.xlsx: is 37 KB, more than the 10 KB budgetopt reads; split the applications into "
            "smaller workbooks, or raise the limit (the limit is set by whoever runs budgetopt serve)")
        assert client.get("/api/runs", headers=BEARER).json() == {"runs": []}


# ---------------------------------------------------------------- nothing else is served


@pytest.mark.parametrize("path", [
    "/api/runs/nope", "/api/runs/20260101-000000-abcdef", "/api/runs/20260101-000000-abcdef/files/allocation.csv",
    "/api/runs/../runs.sqlite", "/api/runs/%2e%2e/runs.sqlite", "/api/runs/..%2f..%2fruns.sqlite",
    "/api/runs/%2Fetc%2Fpasswd", "/static/../runs.sqlite", "/static/%2e%2e/runs.sqlite",
    "/static/..%2f..%2f..%2fruns.sqlite", "/static//etc/passwd", "/sweeps/nope/files/sweep.csv",
    "/compare/..%2f/x/files/compare.html", "/runs/..%2f..%2fetc",
])
def test_unknown_ids_and_paths_outside(client: TestClient, path: str) -> None:
    answer = client.get(path, headers=BEARER)
    assert answer.status_code == 404, path
    assert b"SQLite" not in answer.content and b"root:" not in answer.content


@pytest.mark.parametrize("name", ["runs.sqlite", "../../runs.sqlite", "..%2F..%2Fruns.sqlite", "%2Fetc%2Fpasswd",
                                  "model.lp", ".budgetopt.lock", "allocation.CSV", "manifest.json/",
                                  "%2e%2e%2fmanifest.json", "%2e%2e"])
def test_unknown_file_names(client: TestClient, done: str, name: str) -> None:
    answer = client.get(f"/api/runs/{done}/files/{name}", headers=BEARER)
    assert answer.status_code == 404, name
    assert b"SQLite" not in answer.content


def test_a_run_of_another_kind_is_not_a_run(client: TestClient, done: str) -> None:
    web = client.app.state.web  # type: ignore[attr-defined]
    sweep = next((r for r in web.registry.runs("sweep")), None)
    assert sweep is None or client.get(f"/api/runs/{sweep.id}", headers=BEARER).status_code == 404
