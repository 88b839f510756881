"""Nobody without the token reads or starts anything: the checks every request passes before the app sees it.

As Jupyter and Datasette do it:

- **Where it listens.** Loopback unless told otherwise, and another address never without a token the person chose
  (`check_bind`).
- **Host header** (DNS rebinding): a request must name the bound address, `localhost` or `127.0.0.1`, with the
  port; a page on another site whose name was re-pointed at 127.0.0.1 names its own site, and is refused.
- **Who asks.** `GET …?token=TOKEN` (the address `budgetopt serve` prints) sets a session cookie — HttpOnly,
  SameSite=Strict, for this port only — and redirects to the same address without the token; or a script sends
  `Authorization: Bearer TOKEN`; anything else is 403. Tokens are compared with hmac.compare_digest; the cookie
  and the CSRF token are HMACs of the token, so they change whenever the token does.
- **CSRF.** A POST authenticated by the cookie carries the page's CSRF token (the `csrf_token` form field, or the
  `X-CSRF-Token` header for a script), and an `Origin`, when the browser sends one, that is this server; a bearer
  request needs neither (no browser sends that header on its own).
- **Headers on every response**: a strict Content-Security-Policy (nothing from another host, no inline script),
  nosniff, no referrer, no framing by others, no caching of what an officer saw.
- **Bodies** larger than the upload limit are refused before they are read to the end.
- **No stack trace** ever reaches a page: whatever goes wrong is logged, and the page says one sentence.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from hashlib import sha256
from urllib.parse import urlencode

from starlette.datastructures import URL, FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from optimizer.errors import InputError
from optimizer.words import Phrase

log = logging.getLogger("budgetopt.web")

PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
               "connect-src 'self'; frame-src 'self'; object-src 'none'; frame-ancestors 'none'; "
               "form-action 'self'; base-uri 'none'")
# A report (report.html, sweep.html, compare.html) is one self-contained page with inline style and script: it may
# run them, and nothing else — no network at all; it is framed only by our own pages, and sandboxed even when opened
# on its own (its scripts run without our origin, so they cannot read the cookie or call the API).
REPORT_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
                 "frame-ancestors 'self'; form-action 'none'; base-uri 'none'; sandbox allow-scripts")
HEADERS = {
    "content-security-policy": PAGE_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": "no-store",
}
REPORT_HEADERS = {"content-security-policy": REPORT_POLICY, "x-frame-options": "SAMEORIGIN"}
LOOPBACK_NAMES = ("localhost",)
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
AUTH = "budgetopt.auth"  # the scope key that says how a request was authenticated: "bearer" or "cookie"
CSRF_CHECKED = "budgetopt.csrf"  # the scope key set once a cookie request's CSRF token is checked


def is_loopback(host: str) -> bool:
    """127.0.0.1, ::1, localhost: an address only this machine reaches."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse (InputError) to listen on an address other machines reach without a token the person chose."""
    if not is_loopback(host) and not token:
        raise InputError.one("", Phrase.of("web.open_host", host=host))


def host_for_url(host: str) -> str:
    """The host as an address writes it: `[::1]` for an IPv6 address."""
    try:
        return f"[{host}]" if ipaddress.ip_address(host.strip("[]")).version == 6 else host
    except ValueError:
        return host


@dataclass(frozen=True)
class Access:
    """The token of this start, and what is derived from it."""

    token: str
    host: str
    port: int

    def _derived(self, purpose: str) -> str:
        return hmac.new(self.token.encode("utf-8"), f"budgetopt {purpose}".encode(), sha256).hexdigest()

    @property
    def cookie_name(self) -> str:
        return f"budgetopt_session_{self.port}"  # cookies do not tell ports apart: one name per server

    @property
    def session(self) -> str:
        return self._derived("session")

    @property
    def csrf(self) -> str:
        return self._derived("csrf")

    def is_token(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    def is_session(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode("utf-8"), self.session.encode("utf-8"))

    def is_csrf(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode("utf-8"), self.csrf.encode("utf-8"))

    def hosts(self) -> frozenset[str]:
        """The Host headers this server answers: the bound address, localhost and 127.0.0.1, with the port."""
        names = {host_for_url(self.host).lower(), "localhost", "127.0.0.1"}
        allowed = {f"{name}:{self.port}" for name in names}
        if self.port == 80:
            allowed |= names
        return frozenset(allowed)

    def origins(self) -> frozenset[str]:
        return frozenset(f"http://{host}" for host in self.hosts())


class Refused(Exception):
    """A request refused: its status and the phrase that says why."""

    def __init__(self, status: int, phrase: Phrase) -> None:
        super().__init__(phrase.code)
        self.status = status
        self.phrase = phrase


class BodyTooLarge(Refused):
    def __init__(self, limit: str) -> None:
        super().__init__(400, Phrase.of("web.body_too_large", limit=limit))


Refuse = Callable[[Request, Refused], Awaitable[Response]]


class Guard:
    """The ASGI middleware that every HTTP request passes: headers, host, authentication, CSRF, body size, and a
    sentence instead of a traceback."""

    def __init__(self, app: ASGIApp, access: Access, max_body: int, refuse: Refuse, limit_text: str) -> None:
        self.app = app
        self.access = access
        self.max_body = max_body
        self.refuse = refuse
        self.limit_text = limit_text

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":  # the app has none: refused before anything is said
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":  # the lifespan: the workers start and stop
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        request = Request(scope)
        try:
            response = self.check(request)
            if response is not None:
                await response(scope, receive, send_with_headers)
                return
            await self.app(scope, self._limited(receive), send_with_headers)
        except Refused as refused:
            if not started:
                await (await self.refuse(request, refused))(scope, receive, send_with_headers)
        except Exception:
            log.exception("unexpected error answering %s %s", request.method, request.url.path)
            if not started:
                trouble = Refused(500, Phrase.of("web.unexpected"))
                await (await self.refuse(request, trouble))(scope, receive, send_with_headers)

    def check(self, request: Request) -> Response | None:
        """A response for a request that is answered here (the token's redirect), None to go on; or Refused."""
        access = self.access
        if request.headers.get("host", "").lower() not in access.hosts():
            raise Refused(403, Phrase.of("web.bad_host"))
        given = request.query_params.get("token")
        if given is not None and request.method in ("GET", "HEAD"):
            if not access.is_token(given):
                raise Refused(403, Phrase.of("web.bad_token"))
            return self._welcome(request)
        bearer = _bearer(request)
        if bearer is not None:
            if not access.is_token(bearer):
                raise Refused(403, Phrase.of("web.bad_token"))
            request.scope[AUTH] = "bearer"
        elif access.is_session(request.cookies.get(access.cookie_name)):
            request.scope[AUTH] = "cookie"
            if request.method not in ("GET", "HEAD", "OPTIONS"):
                self._check_cookie_post(request)
        else:
            raise Refused(403, Phrase.of("web.no_token"))
        length = request.headers.get("content-length", "")
        if length.isascii() and length.isdigit() and int(length) > self.max_body:
            raise BodyTooLarge(self.limit_text)
        return None

    def _welcome(self, request: Request) -> Response:
        """The token URL: the session cookie, and the same address without the token."""
        kept = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        target = URL(path=request.url.path, query=urlencode(kept))
        response = RedirectResponse(str(target), status_code=303)
        response.set_cookie(self.access.cookie_name, self.access.session, httponly=True, samesite="strict",
                            path="/")
        return response

    def _check_cookie_post(self, request: Request) -> None:
        """A browser's POST: from one of our pages (Origin), with the page's CSRF token in a header, or else in its
        form (checked by `read_form` before the handler does anything)."""
        origin = request.headers.get("origin")  # "null" from our own pages too: they send no referrer
        if origin is not None and origin != "null" and origin.lower() not in self.access.origins():
            raise Refused(403, Phrase.of("web.bad_csrf"))
        header = request.headers.get(CSRF_HEADER)
        if header is not None:
            if not self.access.is_csrf(header):
                raise Refused(403, Phrase.of("web.bad_csrf"))
            request.scope[CSRF_CHECKED] = True
            return
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in ("multipart/form-data", "application/x-www-form-urlencoded"):
            raise Refused(403, Phrase.of("web.bad_csrf"))
        request.scope[CSRF_CHECKED] = False

    def _limited(self, receive: Receive) -> Receive:
        """The request's body, refused once it grows beyond the limit (a body sent without its length)."""
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(self.limit_text)
            return message

        return limited


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def csrf_checked(request: Request, form: FormData, access: Access) -> None:
    """Raise Refused unless this POST may go on: a bearer request, or a cookie request whose header or form field
    holds the page's CSRF token."""
    auth = request.scope.get(AUTH)
    if auth == "bearer" or (auth == "cookie" and request.scope.get(CSRF_CHECKED) is True):
        return
    field = form.get(CSRF_FIELD)
    if auth == "cookie" and isinstance(field, str) and access.is_csrf(field):
        return
    raise Refused(403, Phrase.of("web.bad_csrf"))
