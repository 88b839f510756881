"""`serve`, as `budgetopt serve` calls it: the address on the first line of stdout, a real server on loopback that
answers only with the token, and a run solved by its workers; never an open server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from webapp import SAMPLE

from optimizer.errors import InputError
from optimizer.web.app import listen, serve

SERVE = "import sys, pathlib; from optimizer.web.app import serve; serve('127.0.0.1', int(sys.argv[1]), " \
        "pathlib.Path(sys.argv[2]), sys.argv[3] or None, False)"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def taken_port() -> Iterator[int]:
    """A port another program listens on, for the block."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield int(taken.getsockname()[1])


def test_serve_prints_the_address_and_answers_only_with_the_token(tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVE, str(port), str(tmp_path / "data"), ""],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        first = server.stdout.readline().strip()
        assert first.startswith(f"http://127.0.0.1:{port}/?token=")
        token = first.split("=", 1)[1]
        assert len(token) >= 32
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.get(f"{base}/api/runs", headers={"Authorization": f"Bearer {token}"})
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert answer.json() == {"runs": []} and "server" not in answer.headers
        assert httpx.get(f"{base}/api/runs").status_code == 403
        assert httpx.get(first).status_code == 303
        bearer = {"Authorization": f"Bearer {token}"}
        run = httpx.post(f"{base}/api/runs", headers=bearer, data={"budget": "1亿"},
                         files={"workbook": (SAMPLE.name, SAMPLE.read_bytes())}, timeout=60).json()["id"]
        while (status := httpx.get(f"{base}/api/runs/{run}", headers=bearer).json()["status"]) in ("queued",
                                                                                                   "running"):
            assert time.monotonic() < deadline + 60
            time.sleep(0.1)
        assert status == "done"
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode == 0, server.stderr.read() if server.stderr else ""


def test_never_an_open_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BUDGETOPT_TOKEN", raising=False)
    with pytest.raises(InputError):
        serve("0.0.0.0", free_port(), tmp_path, None, False)
    assert not (tmp_path / "runs.sqlite").exists()


def test_a_port_taken_is_a_sentence_before_anything_is_made(tmp_path: Path) -> None:
    # uvicorn logged "[Errno 98] … address already in use" after the address was printed, and exited 3 — the status
    # of an infeasible scenario; budgetopt serving there already is the usual cause
    with taken_port() as port, pytest.raises(InputError) as caught:
        serve("127.0.0.1", port, tmp_path / "data", None, False)
    assert caught.value.text("en") == (f"127.0.0.1:{port}: port {port} is taken: budgetopt may be serving there "
                                       "already (open its address), or another program uses it (or choose another "
                                       "port)")
    assert caught.value.text("zh", face="cli") == (f"127.0.0.1:{port}：端口 {port} 已被占用：budgetopt 可能已在"
                                                   "此端口运行（请打开它的地址），或另有程序在使用它（或用 --port "
                                                   "换一个端口）")
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(("host", "says"), [
    ("no-such-host.invalid", "no address is named no-such-host.invalid"),
    ("192.0.2.1", "192.0.2.1 is not an address of this computer"),  # TEST-NET-1: never a machine's own
])
def test_an_address_that_cannot_be_served_is_a_sentence(tmp_path: Path, host: str, says: str) -> None:
    port = free_port()
    with pytest.raises(InputError) as caught:
        serve(host, port, tmp_path / "data", "a-token-the-person-chose-1234567890", False)
    assert caught.value.text("en") == f"{host}:{port}: {says}"
    assert not (tmp_path / "data").exists()


def test_the_command_line_says_so_and_exits_2(tmp_path: Path) -> None:
    with taken_port() as port:
        done = subprocess.run([sys.executable, "-m", "optimizer", "serve", "--port", str(port), "--no-browser",
                               "--data", str(tmp_path / "data")], capture_output=True, text=True, timeout=60,
                              env={**os.environ, "BUDGETOPT_LANG": "en"})
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.endswith(f"port {port} is taken: budgetopt may be serving there already (open its address), "
                                "or another program uses it (or choose another with --port)\n")


@pytest.mark.parametrize(("host", "address"), [("localhost", "127.0.0.1"), ("127.0.0.1", "127.0.0.1")])
def test_a_name_of_both_families_is_served_where_browsers_look_first(host: str, address: str) -> None:
    with listen(host, 0) as sock:
        assert sock.getsockname()[0] == address
