"""Helpers for the browser app's tests (tests/test_web_*.py): an app over a temporary data folder, clients signed in
by cookie or by bearer token, waiting for runs, and the command line's outputs to compare with; and for the tests in
a real browser (and scripts/web_screenshots.py): `budgetopt serve` as a process, Debian's Chromium driven by
Playwright, and a watch on what the pages log and ask of the network."""

from __future__ import annotations

import html
import re
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from helpers import ROOT

from optimizer.cli import cli
from optimizer.reading.guard import FileLimits
from optimizer.web.app import create_app
from optimizer.web.security import Access

with warnings.catch_warnings():  # starlette asks for httpx2 one day; httpx is what is installed
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

TOKEN = "test-token-7f3a"
HOST, PORT = "127.0.0.1", 8765
BASE = f"http://{HOST}:{PORT}"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"
CSRF = Access(TOKEN, HOST, PORT).csrf
RUN_ID = re.compile(r"\A[0-9]{8}-[0-9]{6}-[0-9a-f]{6}\Z")


@contextmanager
def app_client(data: Path, *, workers: int = 1, limits: FileLimits | None = None, host: str = HOST,
               base: str = BASE, ledger: Path | None = None) -> Iterator[TestClient]:
    """A client of an app over `data` (counting the award ledger `ledger`, as `serve --ledger` does), its workers
    started (and stopped when the block ends); not signed in."""
    app = create_app(data, TOKEN, host, PORT, workers=workers, limits=limits, ledger=ledger)
    with TestClient(app, base_url=base, follow_redirects=False) as client:
        yield client


def sign_in(client: TestClient) -> TestClient:
    """The browser's way in: the token URL, whose answer sets the session cookie."""
    answer = client.get(f"/?token={TOKEN}")
    assert answer.status_code == 303
    return client


def submit(client: TestClient, workbook: Path = SAMPLE, scenario: Path | None = None, **fields: str) -> Any:
    """POST /api/runs with the bearer token."""
    files: dict[str, Any] = {"workbook": (workbook.name, workbook.read_bytes())}
    if scenario is not None:
        files["scenario"] = (scenario.name, scenario.read_bytes())
    return client.post("/api/runs", files=files, data=fields, headers=BEARER)


def wait(client: TestClient, run_id: str, timeout: float = 120) -> dict[str, Any]:
    """GET /api/runs/ID until the run has finished."""
    deadline = time.monotonic() + timeout
    while True:
        answer = client.get(f"/api/runs/{run_id}", headers=BEARER)
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        if body["status"] not in ("queued", "running"):
            return body
        assert time.monotonic() < deadline, f"run {run_id} still {body['status']}"
        time.sleep(0.1)


def sample_run(client: TestClient) -> str:
    """A finished run of the sample under the 2026 base case: its id."""
    run_id = str(submit(client, SAMPLE, SCENARIO).json()["id"])
    assert wait(client, run_id)["status"] == "done"
    return run_id


def goal_asked(client: TestClient, run: str, form: dict[str, str], lang: str = "zh") -> str:
    """A goal search of `run` asked on the form (`form`: its fields), finished: its id."""
    answer = client.post(f"/goals?lang={lang}", data={"csrf_token": CSRF, "run": run, **form})
    assert answer.status_code == 303, answer.text
    location = str(answer.headers["location"])
    assert 'data-status="done"' in wait_page(client, location)
    return location.removeprefix("/goals/")


def new_run_link(page: str, link: str = "goal-new-run") -> str:
    """Where a goal's page links its 以此预算新建分配 (`link`: the button's id): the new-run form, filled in."""
    found = re.search(rf'<a href="([^"]+)" id="{link}"', page)
    assert found is not None, f"no #{link} on the page"
    return html.unescape(found.group(1))


def wait_page(client: TestClient, path: str, timeout: float = 120) -> str:
    """A run's or sweep's page, once it no longer refreshes itself (the run has finished)."""
    deadline = time.monotonic() + timeout
    while True:
        page = client.get(path)
        assert page.status_code == 200, page.text
        if 'http-equiv="refresh"' not in page.text:
            return page.text
        assert time.monotonic() < deadline, f"{path} still working"
        time.sleep(0.1)


SAMPLE_2027 = ROOT / "data" / "sample_applications_2027.xlsx"
SCENARIO_2027 = ROOT / "data" / "scenario_2027.toml"


def two_years(client: TestClient) -> tuple[str, str]:
    """A finished run of each year: the 2026 sample under its base case, the 2027 sample under its own."""
    first = str(submit(client, SAMPLE, SCENARIO).json()["id"])
    second = str(submit(client, SAMPLE_2027, SCENARIO_2027).json()["id"])
    assert wait(client, first)["status"] == wait(client, second)["status"] == "done"
    return first, second


def plan_of(client: TestClient, runs: tuple[str, str], form: dict[str, str]) -> str:
    """A two-year plan of `runs` with the plan form's `form`, asked in Chinese and finished: its id."""
    answer = client.post("/plans?lang=zh", data={"csrf_token": CSRF, "first": runs[0], "second": runs[1], **form})
    assert answer.status_code == 303, answer.text
    location = str(answer.headers["location"])
    assert 'data-status="done"' in wait_page(client, location)
    return location.removeprefix("/plans/")


def cli_allocate(out: Path, workbook: Path, *options: str) -> Path:
    """`budgetopt allocate WORKBOOK OPTIONS --out OUT`, in-process; the output folder."""
    result = CliRunner().invoke(cli, ["allocate", str(workbook), *options, "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


# ---------------------------------------------------------------- a real server, and a real browser on it

CHROMIUM_PATH = Path("/usr/bin/chromium")  # Debian's package: Playwright's own browser builds are not fetched
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


@dataclass(frozen=True)
class Served:
    """`budgetopt serve` running: the address it printed first (with the token), and its parts."""

    url: str
    base: str
    token: str
    data: Path


def budgetopt_command() -> list[str]:
    """The console script beside this Python (the venv's), else `python -m optimizer`: the same command."""
    script = Path(sys.executable).with_name("budgetopt")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "optimizer"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(data: Path, *options: str, log: Path | None = None, timeout: float = 60) -> Iterator[Served]:
    """`budgetopt serve --no-browser --port FREE --data DATA OPTIONS` as a process of its own: the address read from
    its first line, once it answers; stopped (terminate, wait) when the block ends. Its log goes to `log`."""
    port = free_port()
    log = log or data.with_name(f"{data.name}-serve.log")
    with log.open("w", encoding="utf-8") as errors:
        server = subprocess.Popen([*budgetopt_command(), "serve", "--no-browser", "--port", str(port), "--data",
                                   str(data), *options], stdout=subprocess.PIPE, stderr=errors, text=True)
        try:
            assert server.stdout is not None
            url = server.stdout.readline().strip()
            assert url.startswith(f"http://127.0.0.1:{port}/?token="), log.read_text(encoding="utf-8")
            base, token = url.split("/?token=", 1)
            _wait_until_it_answers(base, token, timeout)
            yield Served(url, base, token, data)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            if server.stdout is not None:
                server.stdout.close()


def _wait_until_it_answers(base: str, token: str, timeout: float) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while True:
        try:
            httpx.get(f"{base}/api/runs", headers={"Authorization": f"Bearer {token}"}).raise_for_status()
            return
        except httpx.TransportError:
            assert time.monotonic() < deadline, f"{base} does not answer"
            time.sleep(0.1)


@dataclass
class Watch:
    """What the pages of a browser context did that they should not: console errors and warnings (and uncaught
    exceptions), requests that failed, requests to any other host than the app's own."""

    base: str
    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    downloaded: list[str] = field(default_factory=list)  # a form sent to a file's address: its navigation becomes it
    downloaded_navigations: list[str] = field(default_factory=list)  # aborted navigations: failed unless downloaded

    def attach(self, context: Any) -> None:
        """Listen to a Playwright BrowserContext (its pages, and the frames in them)."""
        context.on("console", self._console)
        context.on("weberror", lambda error: self.console.append(f"exception: {error.error}"))
        context.on("request", self._request)
        context.on("requestfailed", self._failed)
        context.on("page", lambda page: page.on("download", lambda download: self.downloaded.append(download.url)))

    def _failed(self, request: Any) -> None:
        """A request that failed — but not a navigation Chromium turned into a download (it reports it aborted)."""
        if request.failure == "net::ERR_ABORTED" and request.is_navigation_request():
            self.downloaded_navigations.append(str(request.url))
            return
        self.failed.append(f"{request.url}: {request.failure}")

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning", "assert"):
            self.console.append(f"console.{message.type}: {message.text}")

    def _request(self, request: Any) -> None:
        url = str(request.url)
        if not (url.startswith(f"{self.base}/") or url.startswith(("data:", "about:", "blob:"))):
            self.foreign.append(url)

    def assert_clean(self) -> None:
        aborted = [f"{url}: net::ERR_ABORTED" for url in self.downloaded_navigations if url not in self.downloaded]
        found = {"console": self.console, "failed requests": [*self.failed, *aborted],
                 "requests to other hosts": self.foreign}
        assert not any(found.values()), {kind: what for kind, what in found.items() if what}


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless, driven by Playwright, with nothing of its own going to the network."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)


DONE_MS = 120_000  # how long a run may take to finish in the browser (a second or two on the sample)


def _expect(locator: Any) -> Any:
    from playwright.sync_api import expect

    return expect(locator)


class Officer:
    """A browser context signed in by the address `budgetopt serve` printed, and the watch on its pages.

    Every step that leaves a page waits until the next one has settled (loaded, and nothing asked of the network
    for half a second): Chromium fetches a page's icon after its load event, and a click that left sooner would
    cancel it — a failed request that says nothing about the app."""

    def __init__(self, browser: Any, server: Served, downloads: Path, **context: Any) -> None:
        self.server = server
        self.context = browser.new_context(**{"accept_downloads": True, "viewport": {"width": 1280, "height": 900},
                                              **context})
        self.watch = Watch(server.base)
        self.watch.attach(self.context)
        self.page = self.context.new_page()
        self.downloads = downloads

    def open(self, path: str = "/") -> Any:
        return self.page.goto(f"{self.server.base}{path}", wait_until="networkidle")

    def follow(self, selector: str) -> None:
        """Click what leads to another page (a link, a form's button), and wait until that page has settled."""
        with self.page.expect_navigation():
            self.page.click(selector)
        self.page.wait_for_load_state("networkidle")

    def sign_in(self) -> None:
        self.page.goto(self.server.url, wait_until="networkidle")
        assert self.page.url == f"{self.server.base}/"  # the token has left the address bar

    def upload(self, workbook: Path) -> None:
        page = self.page
        self.follow("#nav-new")
        page.set_input_files("#workbook-file", str(workbook))
        self.follow("#upload-button")
        _expect(page.locator("#uploaded")).to_contain_text(workbook.name)

    def choose_preset(self, key: str) -> None:
        """Pick a shipped scenario: the page's script fills the form in with it (a new page)."""
        with self.page.expect_navigation():
            self.page.select_option("#preset", key)
        self.page.wait_for_load_state("networkidle")

    def run(self) -> str:
        """Press 运行分配 and wait on the run's page (it refreshes itself) until the run is done; its id."""
        page = self.page
        self.follow("#run-button")
        _expect(page.locator("#run-status")).to_have_attribute("data-status", "done", timeout=DONE_MS)
        page.wait_for_load_state("networkidle")  # the report in its frame too
        match = re.search(r"/runs/([0-9]{8}-[0-9]{6}-[0-9a-f]{6})$", page.url)
        assert match, page.url
        return match.group(1)

    def download(self, selector: str) -> bytes:
        with self.page.expect_download() as started:
            self.page.click(selector)
        target = self.downloads / started.value.suggested_filename
        started.value.save_as(target)
        return target.read_bytes()

    def close(self) -> None:
        self.context.close()
