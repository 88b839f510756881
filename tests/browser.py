"""Open a page in headless Chromium and report what it logged and what it asked of the network.

Speaks the DevTools protocol over `--remote-debugging-pipe` (no extra packages): the page's own network requests
(`Network.requestWillBeSent`), console messages and uncaught exceptions, and a full-page screenshot. Requests
Chromium makes for itself are not the page's and are not counted.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)


@dataclass
class Rendering:
    console: list[str] = field(default_factory=list)  # errors and warnings the page logged, and exceptions
    requests: list[str] = field(default_factory=list)  # every URL the page asked for other than file:/data:
    screenshot: Path | None = None


class _Pipe:
    """One DevTools connection: JSON messages separated by NUL, commands on fd 3, replies and events on fd 4."""

    def __init__(self, command: list[str]) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def fds() -> None:  # copies first: a pipe may already be fd 3 or 4, and dup2 onto itself changes nothing
            reader, writer = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(reader, 3)
            os.dup2(writer, 4)

        # close_fds would run after preexec_fn and close the 3 and 4 it just made
        self.process = subprocess.Popen(command, close_fds=False, preexec_fn=fds,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = 60.0) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self.events.append(reply)
        raise TimeoutError(method)

    def wait_for(self, method: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(method)
            self.events.append(self._read())

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise ConnectionError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(message))

    def close(self) -> None:
        with contextlib.suppress(OSError, RuntimeError, TimeoutError, ConnectionError):
            self.send("Browser.close", timeout=10)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


def render(page: Path, folder: Path, width: int = 1280, height: int = 900) -> Rendering:
    """Load `page`, let its scripts run, and return what it did; the screenshot goes into `folder`."""
    assert CHROMIUM is not None
    pipe = _Pipe([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                  "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
                  "--disable-extensions", "--no-default-browser-check", f"--user-data-dir={folder / 'profile'}",
                  "--remote-debugging-pipe", "about:blank"])
    try:
        target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            pipe.send(f"{domain}.enable", session=session)
        pipe.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
        pipe.send("Page.navigate", {"url": page.resolve().as_uri()}, session=session)
        pipe.wait_for("Page.loadEventFired")
        pipe.send("Runtime.evaluate", {"expression": "document.querySelectorAll('th')[0] && "
                                                     "document.querySelectorAll('th')[0].click(); 1"},
                  session=session)  # exercise the sorting script once
        shot = pipe.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
                         session=session)
        result = Rendering(screenshot=folder / f"{page.stem}.png")
        assert result.screenshot is not None
        result.screenshot.write_bytes(base64.b64decode(shot["data"]))
        for event in pipe.events:
            _note(event, result)
        return result
    finally:
        pipe.close()


def _note(event: dict[str, Any], result: Rendering) -> None:
    method, params = event.get("method"), event.get("params", {})
    if method == "Network.requestWillBeSent":
        url = params["request"]["url"]
        if not url.startswith(("file:", "data:", "about:")):
            result.requests.append(url)
    elif method == "Runtime.exceptionThrown":
        result.console.append("exception: " + params["exceptionDetails"].get("text", "") + " " +
                              str(params["exceptionDetails"].get("exception", {}).get("description", "")))
    elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
        result.console.append(f"console.{params['type']}: " + " ".join(
            str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
    elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
        result.console.append(f"log {params['entry']['level']}: {params['entry'].get('text', '')}")
