"""Every route of the browser app given odd form fields, files and ids: a page, a refusal or a redirect — never an
error 500, never a traceback. Found this way (December 2026): a sweep's steps of "²" (isdigit() but not int()) and
"a new run from this one" over a scenario with `clauses = 5` were both an error 500.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from webapp import BEARER, CSRF, SAMPLE, SCENARIO, TestClient, app_client, sign_in, submit, wait

ODD = ["", "x", "²", "nan", "inf", "-1", "0", "1e400", "1亿", "5000万", "2亿", "3", "400", "highs", "cbc", "auto",
       "zh", "en", "../../etc/passwd", "%00", "\u202e", "a" * 5000, "=1+1", "<script>", "true", "on", "1.5", "９",
       "7b", "2026", " ", "\t", "9" * 5000]  # 5,000 digits: more than Python's int() converts
FIELDS = ["budget", "solver", "lang", "report_lang", "name", "year", "reserve", "fixed_awards", "min_funding_ratio",
          "rounding", "district_max_share", "applicant_max_total", "applicant_max_period_total", "group_max_total",
          "weight_3", "weight_7a", "envelope_0_name", "envelope_0_clauses", "envelope_0_max", "envelope_0_max_share",
          "envelope_0_min", "run", "start", "stop", "steps", "a", "b", "draws", "sigma", "seed", "skip_invalid",
          "upload", "preset", "from", "x", "objection_days", "policy", "back", "scenario", "scenario_refused", "q",
          "min_score", "clause", "district", "fund", "precision", "archived", "confirm_invalid"]
POSTS = ["/uploads", "/runs", "/scenario.toml", "/sweeps", "/runs/{id}/audit", "/runs/{id}/verify", "/stability",
         "/stability/uploads", "/api/runs", "/scenarios", "/ledger/new", "/ledger/import", "/runs/{id}/publish",
         "/api/runs/{id}/publish", "/goals", "/runs/{id}/archive", "/runs/{id}/unarchive"]
GETS = ["/", "/new", "/runs/{id}", "/sweeps", "/sweeps/{id}", "/sweeps/{id}/files/{name}", "/compare",
        "/compare/{id}/{other}/files/{name}", "/runs/{id}/audit", "/runs/{id}/verify", "/stability", "/stability/{id}",
        "/stability/{id}/files/{name}", "/api/runs", "/api/runs/{id}", "/api/runs/{id}/files/{name}", "/ledger",
        "/ledger/ledger.csv", "/runs/{id}/publish", "/runs/{id}/files/{name}", "/api/ledger", "/policy",
        "/template.xlsx", "/goals", "/goals/{id}", "/goals/{id}/files/{name}", "/runs/{id}/archive"]
NAMES = ["allocation.csv", "report.html", "manifest.json", "..", "x", "sweep.csv", "stability.csv", "compare.xlsx",
         "notice.xlsx", "awards.json", "goal.csv", "goal.xlsx"]
SCENARIOS = [b"budget = 'x'", b"\xff\xfe", b"[weights]\n3 = nan", b"envelopes = 5",
             b'[[envelopes]]\nname = "A"\nclauses = 5', b"budget = " + b"9" * 5000]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, list[str]]]:
    """A signed-in client of an app holding one finished run, and the ids to try: that run's and odd ones."""
    with app_client(tmp_path_factory.mktemp("data")) as client:
        sign_in(client)
        run_id = submit(client, SAMPLE, SCENARIO).json()["id"]
        wait(client, run_id)
        yield client, [run_id, "nope", "..", "20260101-000000-abcdef", "²"]


def _files(rnd: random.Random) -> dict[str, Any]:
    files: dict[str, Any] = {}
    if rnd.random() < 0.3:
        files["workbook"] = ("a.xlsx", SAMPLE.read_bytes())
    elif rnd.random() < 0.3:
        files["workbook"] = (rnd.choice(["a.xlsx", "b.csv", "../c.xlsx", ""]),
                             rnd.choice([b"", b"PK\x03\x04junk", b"x" * 100]))
    if rnd.random() < 0.3:
        files["scenario"] = ("s.toml", rnd.choice([*SCENARIOS, SCENARIO.read_bytes()]))
    if rnd.random() < 0.3:
        files["allocation"] = ("e.csv", rnd.choice([b"", b"application_id,allocated\nA,1", b"\xff"]))
    if rnd.random() < 0.2:
        files["awards"] = (rnd.choice(["w.xlsx", "w.xls", ""]),
                           rnd.choice([b"", b"PK\x03\x04junk", SAMPLE.read_bytes()]))
    return files


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rnd=st.randoms(use_true_random=False))
def test_no_route_answers_odd_input_with_an_error(client: tuple[TestClient, list[str]], rnd: random.Random) -> None:
    app, ids = client
    fields = {k: rnd.choice(ODD) for k in rnd.sample(FIELDS, rnd.randint(0, 8))}
    if rnd.random() < 0.5:
        fields["run"] = rnd.choice(ids)
    if rnd.random() < 0.3:
        fields["a"], fields["b"] = rnd.choice(ids), rnd.choice(ids)
    at = {"id": rnd.choice(ids), "other": rnd.choice(ids), "name": rnd.choice(NAMES)}
    if rnd.random() < 0.5:
        path = rnd.choice(POSTS).format(**at)
        api = path.startswith("/api")
        answer = app.post(path, data={**fields, **({} if api else {"csrf_token": CSRF})}, files=_files(rnd) or None,
                          headers=BEARER if api else {})
    else:
        path = rnd.choice(GETS).format(**at)
        answer = app.get(path, params=dict(list(fields.items())[:3]), headers=BEARER if path.startswith("/api") else {})
    assert answer.status_code < 500 and "Traceback" not in answer.text, (path, fields, answer.text[:300])


def test_a_new_run_from_a_run_with_an_odd_scenario_is_a_page(client: tuple[TestClient, list[str]],
                                                             tmp_path: Path) -> None:
    app, _ = client
    odd = tmp_path / "odd.toml"
    odd.write_text('budget = "1亿"\n[[envelopes]]\nname = "A"\nclauses = 5\nmax = "100万"\n', encoding="utf-8")
    run_id = submit(app, SAMPLE, odd).json()["id"]
    assert wait(app, run_id)["status"] == "invalid"  # refused with sentences
    answer = app.get("/new", params={"from": run_id})
    assert answer.status_code == 200 and 'value="5"' in answer.text


def test_a_run_whose_files_were_damaged_since_is_a_sentence_on_its_pages(tmp_path: Path) -> None:
    """The data folder is the app's, but a disk or a person can damage a run's files in it: the search of a run's
    applications and a comparison were an error 500 (an allocation.csv cut short: AttributeError; damaged bytes:
    the reader's sentence, unshown)."""
    data = tmp_path / "data"
    with app_client(data) as app:
        sign_in(app)
        a, b = (submit(app, SAMPLE, SCENARIO, **budget).json()["id"] for budget in ({}, {"budget": "1亿"}))
        assert wait(app, a)["status"] == wait(app, b)["status"] == "done"
        csv_path = data / "runs" / a / "allocation.csv"
        csv_path.write_text(csv_path.read_text(encoding="utf-8-sig") + "X,企业X\n", encoding="utf-8-sig")  # a row
        said = f"{csv_path}, row 436: this row has 2 fields where the header has 10: the file was cut short or edited"
        searched = app.get(f"/runs/{a}", params={"q": "2026-0001", "lang": "en"})
        assert searched.status_code == 409 and f'<p class="refusal" id="search-refusal">{said}</p>' in searched.text
        assert 'id="open-report"' in searched.text  # the rest of the page is there
        compared = app.get("/compare", params=[("run", a), ("run", b), ("lang", "en")])
        assert compared.status_code == 409 and f'<p class="refusal" id="compare-message">{said}</p>' in compared.text
        # a well-formed edit (an award raised above its entitlement) was searched and compared as the run's own
        lines = csv_path.read_text(encoding="utf-8-sig").splitlines(keepends=True)[:-1]
        csv_path.write_text("".join(lines).replace(",500000,FUNDED,", ",900000,FUNDED,", 1), encoding="utf-8-sig")
        said = f"{csv_path} is not the file the run wrote: it was changed after the run"
        searched = app.get(f"/runs/{a}", params={"q": "2026-0061", "lang": "en"})
        assert searched.status_code == 409 and f'<p class="refusal" id="search-refusal">{said}' in searched.text
        compared = app.get("/compare", params=[("run", a), ("run", b), ("lang", "en")])
        assert compared.status_code == 409 and f'<p class="refusal" id="compare-message">{said}' in compared.text
