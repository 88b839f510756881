"""Pages in the reader's language: the language of a request, the templates, and the words and numbers they show.

The language is `?lang=zh|en` when the address says it (and then remembered in a cookie), else the cookie's, else
Chinese. Templates say nothing themselves: every word is a phrase of the catalogue (`t("web.…")`), so the page
is in one language, the one `<html lang>` names.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from optimizer.money import format_amount
from optimizer.report.units import amount_text, decimal_text
from optimizer.web.security import AUTH, CSRF_FIELD, Access, Refused
from optimizer.words import LANGS, STATUS_LABELS, Phrase, pick

LANG_COOKIE = "budgetopt_lang"
TEMPLATES = Path(__file__).parent / "templates"
HTML_LANG = {"zh": "zh-CN", "en": "en"}


def request_lang(request: Request) -> str:
    """The language the reader asked for: the address's `lang`, else the cookie's, else Chinese."""
    asked = request.query_params.get("lang", "").lower()
    if asked in LANGS:
        return asked
    kept = request.cookies.get(LANG_COOKIE, "").lower()
    return kept if kept in LANGS else "zh"


def switch_url(request: Request, lang: str) -> str:
    """This page's address in the other language."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", lang)]
    return f"{request.url.path}?{urlencode(kept)}"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["amount"] = lambda value: "" if value is None else format_amount(int(value))
    env.filters["number"] = lambda value: "" if value is None else decimal_text(Decimal(value))
    env.filters["grouped"] = lambda value: "" if value is None else f"{int(value):,}"  # yuan: 5,000,000
    env.filters["when"] = when
    return env


def when(value: object) -> str:
    """A moment recorded as ISO 8601 (the registry's, in local time; the ledger's, in UTC) as this computer's local
    time, to the second: the same act shows the same time on every page.

    >>> when("2026-12-06T19:39:00+00:00") == when(datetime.fromisoformat("2026-12-06T19:39:00+00:00").astimezone())
    True
    >>> when(""), when("yesterday")
    ('', 'yesterday')
    """
    if not value:
        return ""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)[:19].replace("T", " ")
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M:%S")


ENV = _environment()


class Views:
    """Renders the app's pages and its refusals."""

    def __init__(self, access: Access) -> None:
        self.access = access

    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        lang = request_lang(request)

        def t(code: str, **params: Any) -> str:
            return Phrase.of(code, **params).text(lang, "web")

        html = ENV.get_template(template).render(
            request=request, lang=lang, html_lang=HTML_LANG[lang], t=t, pick=lambda pair: _said(pair, lang),
            csrf_field=CSRF_FIELD, csrf=self.access.csrf, other_lang="en" if lang == "zh" else "zh",
            switch_url=switch_url(request, "en" if lang == "zh" else "zh"), money=lambda y: _money(y, lang),
            status_label=lambda s: pick(STATUS_LABELS.get(s, (s, s)), lang), path=request.url.path, **context)
        response = HTMLResponse(html, status_code=status)
        asked = request.query_params.get("lang", "").lower()
        if asked in LANGS and request.cookies.get(LANG_COOKIE) != asked:
            response.set_cookie(LANG_COOKIE, asked, samesite="strict", path="/", httponly=True)
        return response

    def sentence(self, request: Request, status: int, phrase: Phrase) -> Response:
        """A refusal or an error: JSON for the API, else a page that says it in one sentence."""
        lang = request_lang(request)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": phrase.text(lang, "web")}, status_code=status)
        return self.page(request, "message.html", status=status, message=phrase.text(lang, "web"),
                         signed_in=request.scope.get(AUTH) is not None)

    async def refusal(self, request: Request, refused: Refused) -> Response:
        return self.sentence(request, refused.status, refused.phrase)


def _said(pair: Any, lang: str) -> str:
    """One language of a (Chinese, English) pair as the registry keeps it (a list, once it went through JSON)."""
    if pair is None:
        return ""
    return str(pair[0] if lang == "zh" else pair[1])


def _money(yuan: int | Decimal | None, lang: str) -> str:
    return "" if yuan is None else amount_text(yuan, lang)
