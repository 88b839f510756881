"""Nobody without the token reads or starts anything: authentication, the Host check, CSRF on every POST, the
headers on every response, body limits, and a sentence (never a traceback) when something goes wrong."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.routing import Route
from webapp import BASE, BEARER, CSRF, PORT, SAMPLE, TOKEN, TestClient, app_client, sign_in, submit, wait

from optimizer.errors import InputError
from optimizer.web.app import address
from optimizer.web.security import PAGE_POLICY, REPORT_POLICY, check_bind, is_loopback


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with app_client(tmp_path_factory.mktemp("data")) as client:
        yield client


@pytest.fixture(scope="module")
def run_id(client: TestClient) -> str:
    run = submit(client, budget="1.5亿").json()["id"]
    assert wait(client, run)["status"] == "done"
    return str(run)


def fresh(client: TestClient) -> TestClient:
    client.cookies.clear()
    return client


# ---------------------------------------------------------------- who may ask


def test_without_the_token_a_browser_is_told_where_to_go(client: TestClient) -> None:
    page = fresh(client).get("/")
    assert page.status_code == 403
    assert "budgetopt serve" in page.text and '<html lang="zh-CN">' in page.text
    assert "/static/" not in page.text  # nothing it may not load


def test_without_the_token_a_script_gets_json(client: TestClient) -> None:
    answer = fresh(client).get("/api/runs")
    assert answer.status_code == 403 and set(answer.json()) == {"error"}


@pytest.mark.parametrize("path", ["/?token=wrong", "/runs?token=", "/api/runs?token=test-token"])
def test_a_wrong_token_in_the_address(client: TestClient, path: str) -> None:
    assert fresh(client).get(path).status_code == 403


@pytest.mark.parametrize("header", [f"Bearer {TOKEN}x", "Bearer ", f"Basic {TOKEN}", TOKEN])
def test_a_wrong_authorization_header(client: TestClient, header: str) -> None:
    assert fresh(client).get("/api/runs", headers={"Authorization": header}).status_code == 403


def test_the_token_url_sets_the_cookie_and_drops_the_token(client: TestClient) -> None:
    answer = fresh(client).get(f"/new?preset=scenario_2026&token={TOKEN}&lang=en")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/new?preset=scenario_2026&lang=en"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"budgetopt_session_{PORT}=") and TOKEN not in cookie
    assert {"HttpOnly", "Path=/", "SameSite=strict"} <= {part.strip() for part in cookie.split(";")}
    assert client.get("/new?preset=scenario_2026").status_code == 200


def test_a_cookie_of_another_token_is_not_a_session(client: TestClient) -> None:
    fresh(client).cookies.set(f"budgetopt_session_{PORT}", "0" * 64)
    assert client.get("/").status_code == 403


def test_a_bearer_token_needs_no_cookie(client: TestClient) -> None:
    answer = fresh(client).get("/api/runs", headers=BEARER)
    assert answer.status_code == 200 and "set-cookie" not in answer.headers


def test_no_websocket_is_accepted(client: TestClient) -> None:
    from starlette.websockets import WebSocketDisconnect

    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/", headers=BEARER):
        pass


# ---------------------------------------------------------------- DNS rebinding


@pytest.mark.parametrize("host", ["evil.example:8765", "127.0.0.1:9999", "127.0.0.1", "localhost.evil:8765", ""])
def test_another_host_is_refused_even_with_the_token(client: TestClient, host: str) -> None:
    assert client.get("/api/runs", headers={**BEARER, "host": host}).status_code == 403
    assert client.get(f"/?token={TOKEN}", headers={"host": host}).status_code == 403


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "LOCALHOST:8765"])
def test_the_local_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/api/runs", headers={**BEARER, "host": host}).status_code == 200


def test_the_bound_address_is_answered(tmp_path: Path) -> None:
    with app_client(tmp_path, host="192.0.2.7", base=f"http://192.0.2.7:{PORT}") as client:
        assert client.get("/api/runs", headers=BEARER).status_code == 200
        assert client.get("/api/runs", headers={**BEARER, "host": "192.0.2.8:8765"}).status_code == 403


# ---------------------------------------------------------------- CSRF, on every POST


def post_routes(client: TestClient, run_id: str) -> list[str]:
    routes = [r for r in client.app.routes if isinstance(r, Route) and "POST" in (r.methods or ())]  # type: ignore[attr-defined]
    assert len(routes) >= 6
    return [r.path.replace("{run_id}", run_id) for r in routes]


def test_every_post_needs_the_pages_csrf_token(client: TestClient, run_id: str) -> None:
    sign_in(fresh(client))
    for path in post_routes(client, run_id):
        bare = client.post(path, data={"name": "x"})
        assert bare.status_code == 403, path
        assert client.post(path, data={"csrf_token": "0" * 64}).status_code == 403, path
        assert client.post(path, files={"workbook": ("a.xlsx", b"PK")}).status_code == 403, path
        assert client.post(path, headers={"x-csrf-token": "nope"}).status_code == 403, path
        assert client.post(path, content=b"{}", headers={"content-type": "application/json"}).status_code == 403
        with_token = client.post(path, data={"csrf_token": CSRF, "run": run_id})
        assert with_token.status_code != 403, path


def test_the_csrf_header_serves_scripts_in_the_page(client: TestClient) -> None:
    sign_in(fresh(client))
    answer = client.post("/api/runs", headers={"x-csrf-token": CSRF}, files={"nothing": ("x.txt", b"x")})
    assert answer.status_code == 400 and "error" in answer.json()


def test_a_post_from_another_origin_is_refused(client: TestClient) -> None:
    sign_in(fresh(client))
    answer = client.post("/scenario.toml", data={"csrf_token": CSRF, "budget": "1亿"},
                         headers={"origin": "http://evil.example"})
    assert answer.status_code == 403
    for origin in (BASE, "null"):
        assert client.post("/scenario.toml", data={"csrf_token": CSRF, "budget": "1亿"},
                           headers={"origin": origin}).status_code == 200


def test_a_bearer_post_needs_no_csrf_token(client: TestClient) -> None:
    answer = fresh(client).post("/scenario.toml", data={"budget": "1亿"}, headers=BEARER)
    assert answer.status_code == 200 and answer.text.count("budget = ") == 1


def test_a_token_in_the_address_does_not_authorize_a_post(client: TestClient) -> None:
    assert fresh(client).post(f"/scenario.toml?token={TOKEN}", data={"budget": "1亿"}).status_code == 403


# ---------------------------------------------------------------- headers on every response


def test_every_response_carries_the_policy(client: TestClient, run_id: str) -> None:
    sign_in(fresh(client))
    answers = {
        "page": client.get("/"), "new": client.get("/new"), "run": client.get(f"/runs/{run_id}"),
        "api": client.get("/api/runs"), "csv": client.get(f"/api/runs/{run_id}/files/allocation.csv"),
        "static": client.get("/static/style.css"), "script": client.get("/static/app.js"),
        "missing": client.get("/no/such/page"), "api missing": client.get("/api/runs/nope"),
        "not allowed": client.delete("/api/runs", headers=BEARER), "redirect": client.get(f"/?token={TOKEN}"),
        "refused": fresh(client).get("/"), "bad host": client.get("/", headers={"host": "evil:1"}),
    }
    for what, answer in answers.items():
        headers = answer.headers
        assert headers["content-security-policy"] == PAGE_POLICY, what
        assert headers["x-content-type-options"] == "nosniff", what
        assert headers["referrer-policy"] == "no-referrer", what
        assert headers["x-frame-options"] == "DENY", what
    assert [answers[k].status_code for k in ("missing", "api missing", "not allowed")] == [404, 404, 405]


def test_a_report_has_its_own_policy(client: TestClient, run_id: str) -> None:
    answer = fresh(client).get(f"/api/runs/{run_id}/files/report.html", headers=BEARER)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert answer.headers["content-security-policy"] == REPORT_POLICY
    assert answer.headers["x-frame-options"] == "SAMEORIGIN"
    assert "default-src 'none'" in REPORT_POLICY and "sandbox allow-scripts" in REPORT_POLICY


def test_the_pages_hold_no_inline_script_or_style(client: TestClient, run_id: str) -> None:
    sign_in(fresh(client))
    for path in ("/", "/new?preset=scenario_2026", f"/runs/{run_id}", "/sweeps", f"/runs/{run_id}/audit",
                 f"/runs/{run_id}/verify", f"/compare?run={run_id}&run={run_id}", "/ledger",
                 f"/runs/{run_id}/publish", "/policy"):
        html = client.get(path).text
        assert "<script>" not in html and "<style" not in html and " style=" not in html, path
        assert 'src="http' not in html and 'href="http' not in html, path  # nothing from another host
        assert "onclick" not in html and "javascript:" not in html, path


# ---------------------------------------------------------------- limits and errors


def test_a_body_beyond_the_limit_is_refused_before_it_is_read(client: TestClient) -> None:
    answer = fresh(client).post("/api/runs", headers={**BEARER, "content-length": str(200 * 1024 * 1024)},
                                content=b"")
    assert answer.status_code == 400 and "MB" in answer.json()["error"]


def test_too_many_files_or_fields(client: TestClient) -> None:
    files = [("workbook", (f"{i}.xlsx", b"PK")) for i in range(3)]
    answer = fresh(client).post("/api/runs", files=files, headers=BEARER)
    assert answer.status_code == 400
    fields = {f"field{i}": "x" for i in range(401)}
    assert client.post("/scenario.toml", data=fields, headers=BEARER).status_code == 400
    assert client.post("/scenario.toml", data={"name": "x" * 300_000}, headers=BEARER).status_code == 400


def test_an_unexpected_error_is_a_sentence(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    web = client.app.state.web  # type: ignore[attr-defined]
    monkeypatch.setattr(web.registry, "runs", lambda kind="allocate": 1 / 0)
    page = fresh(client).get("/?lang=en", headers=BEARER)
    assert page.status_code == 500 and "Traceback" not in page.text and "ZeroDivisionError" not in page.text
    assert "unexpected" in page.text and page.headers["content-security-policy"] == PAGE_POLICY
    answer = client.get("/api/runs", headers=BEARER)
    assert answer.status_code == 500 and set(answer.json()) == {"error"}


# ---------------------------------------------------------------- where it listens


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                ("[::1]", True), ("127.0.0.2", True), ("0.0.0.0", False),
                                                ("192.168.1.10", False), ("example.org", False)])
def test_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_another_address_only_with_a_chosen_token() -> None:
    check_bind("127.0.0.1", None)
    check_bind("0.0.0.0", "chosen")
    with pytest.raises(InputError) as refused:
        check_bind("0.0.0.0", None)
    assert refused.value.problems[0].text("en", "cli") == (
        "0.0.0.0 can be reached from other computers: budgetopt serves there only with --token (or "
        "BUDGETOPT_TOKEN) given")
    assert "--token" not in refused.value.text("en")


def test_the_address_to_open() -> None:
    assert address("127.0.0.1", 8765, "abc") == "http://127.0.0.1:8765/?token=abc"
    assert address("::1", 8765, "abc") == "http://[::1]:8765/?token=abc"


def test_sample_exists() -> None:
    assert SAMPLE.is_file()


def test_the_refusal_page_tells_an_officer_whom_to_ask(client: TestClient) -> None:
    """The page said only to open the address `budgetopt serve` printed — words for whoever started it, not for the
    finance officer who opened a bookmark without the token."""
    refused = fresh(client).get("/?lang=zh")
    assert refused.status_code == 403
    assert "若本程序由同事为您启动，请向其索取完整地址（含 ?token=…），或使用其为您建立的桌面快捷方式。" in refused.text
