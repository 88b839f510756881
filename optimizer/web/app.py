"""The browser app and its HTTP API (`budgetopt serve`): a thin face on the library, as the command line is.

    serve(host, port, data, token, open_browser, ledger)    what `budgetopt serve` calls: prints the address, listens
    create_app(data, token, host, port, workers, ledger=…)  the ASGI app (tests drive it in-process)

Starlette routes, Jinja2 pages rendered on the server, uvicorn to listen: no build step, no CDN, a little JavaScript
served by the app itself. runs.py, pages.py (new_run.py, run_page.py), tools.py, stability.py, goals.py, plans.py and
publishing.py are the pages, api.py the JSON API; security.py checks every request first; registry.py keeps the runs;
runner.py and workers.py solve them in processes of their own (plans.py's PlanRunner adds its plans); ledgers.py says
which award ledger they count.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
import socket
import sys
import threading
import webbrowser
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from optimizer.errors import Hint, InputError
from optimizer.ledger import LedgerTampered, read_ledger
from optimizer.reading.guard import FileLimits, megabytes
from optimizer.rules.policy import load_policy
from optimizer.web import api, goals, pages, plans, publishing, runs, stability, tools
from optimizer.web.forms import presets
from optimizer.web.ledgers import LedgerChoice
from optimizer.web.registry import Registry
from optimizer.web.security import Access, Guard, check_bind, host_for_url
from optimizer.web.state import Web
from optimizer.web.views import Views
from optimizer.words import Phrase

__all__ = ["DEFAULT_DATA", "DEFAULT_PORT", "Web", "address", "check_bind", "create_app", "serve"]

DEFAULT_PORT = 8765
DEFAULT_DATA = Path("budgetopt-data")
STATIC = Path(__file__).parent / "static"
FORM_MARGIN = 1024 * 1024  # what a request may hold beside its file: the other fields, a scenario


def create_app(data: Path, token: str, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
               workers: int | None = None, *, limits: FileLimits | None = None,
               ledger: Path | None = None) -> Starlette:
    """The app over the data folder `data`, answering only with `token`, for requests to `host:port`; `workers`
    solves at once (default: one per core); `limits` on uploaded workbooks (default: the command line's); `ledger`:
    the award ledger every run counts (default: the data folder's ledger.sqlite when there is one)."""
    access = Access(token, host, port)
    limits = limits or FileLimits()
    registry = Registry(Path(data))
    web = Web(registry, access, Views(access, registry.inputs), limits, load_policy(), presets(), workers or cores(),
              LedgerChoice.of(Path(data), ledger))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        web.runner = plans.PlanRunner(web.registry, web.workers, web.limits, web.ledger)
        web.runner.recover()
        try:
            yield
        finally:
            web.runner.close()

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        code = {404: "web.not_found", 405: "web.not_allowed", 403: "web.no_token"}.get(status, "web.bad_request")
        return web.views.sentence(request, status, Phrase.of(code))

    routes: list[BaseRoute] = [*runs.routes(web), *pages.routes(web), *tools.routes(web), *stability.routes(web),
                               *goals.routes(web), *plans.routes(web), *publishing.routes(web),
                               *api.routes(web),
                               Mount("/static", app=StaticFiles(directory=STATIC), name="static")]
    guard = Middleware(Guard, access=access, max_body=limits.max_file_bytes + FORM_MARGIN,
                       refuse=web.views.refusal, limit_text=megabytes(limits.max_file_bytes))
    app = Starlette(routes=routes, middleware=[guard], lifespan=lifespan,
                    exception_handlers={HTTPException: http_error})
    app.router.redirect_slashes = False  # an address is what it says, or 404
    app.state.web = web
    return app


def cores() -> int:
    """The cores this process may use: at most one solve on each."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def address(host: str, port: int, token: str) -> str:
    """The address to open: `http://127.0.0.1:8765/?token=…`."""
    return f"http://{host_for_url(host)}:{port}/?token={token}"


def serve(host: str, port: int, data: Path, token: str | None, open_browser: bool,
          ledger: Path | None = None) -> None:
    """`budgetopt serve`: refuse an address others reach without a chosen token (InputError), and a `ledger` that
    is not one (LedgerError: missing, not a ledger); print the address to open as the first line on stdout; open
    the browser there unless told not to; answer until Ctrl-C (or SIGTERM), then return: queued runs wait for the
    next start, a run cut off is failed then.

    Without `token` (or BUDGETOPT_TOKEN) the token is random for this start. Every run counts `ledger`, else the
    data folder's ledger.sqlite when there is one; a ledger whose chain does not hold is no reason not to start (the
    runs say so: they fail with the sentence naming what was done to it)."""
    import uvicorn

    token = token or os.environ.get("BUDGETOPT_TOKEN") or None
    check_bind(host, token)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    if ledger is not None:
        _check_ledger(ledger)
    with listen(host, port) as listening:  # before anything is made or the address printed: the port may be taken
        token = token or secrets.token_urlsafe(32)
        app = create_app(data, token, host, port, ledger=ledger)
        url = address(host, port, token)
        print(url, flush=True)
        # no access log: the first request's address holds the token
        server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                                               server_header=False))
        if open_browser:
            threading.Thread(target=_open_when_ready, args=(server, url), daemon=True).start()
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a server stops: it has shut down cleanly by now
            server.run(sockets=[listening])


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port), or InputError saying why not in a sentence — the port taken (budgetopt
    already serving there, most often), the name unknown, the address not this computer's — where uvicorn would log
    the OS's words and exit 3, the status of an infeasible scenario."""
    place = f"{host_for_url(host)}:{port}"
    try:
        families = [info[0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]
    except OSError:  # socket.gaierror: no such name
        raise InputError.one(place, Phrase.of("web.unknown_host", host=host)) from None
    family = socket.AF_INET if socket.AF_INET in families else families[0]  # `localhost`: where browsers look first
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if os.name != "nt":  # on Windows the option would let a second server take the port from the first
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            code = "web.port_taken" if exc.errno == errno.EADDRINUSE else "web.port_forbidden"
            raise InputError.one(place, Phrase.of(code, port=port), hint=Hint("port")) from None
        code = "web.not_this_computer" if exc.errno == errno.EADDRNOTAVAIL else "web.cannot_listen"
        raise InputError.one(place, Phrase.of(code, host=host, reason=exc.strerror or str(exc))) from None
    return sock


def _check_ledger(ledger: Path) -> None:
    """Refuse a ledger that is not one (LedgerError); one whose chain does not hold is logged, and each run fails
    with what was done to it."""
    try:
        read_ledger(ledger)
    except LedgerTampered as exc:
        logging.getLogger("budgetopt.web").warning("%s", exc.text(face="web"))


def _open_when_ready(server: object, url: str) -> None:
    import time

    for _ in range(200):
        if getattr(server, "started", False):
            webbrowser.open(url)
            return
        time.sleep(0.05)
