"""Pages in the reader's language: the language of a request, the templates, and the words and numbers they show.

The language is `?lang=zh|en` when the address says it (and then remembered in a cookie), else the cookie's, else
Chinese. Templates say nothing themselves: every word is a phrase of the catalogue (`t("web.…")`), so the page
is in one language, the one `<html lang>` names.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from optimizer.errors import BudgetoptError
from optimizer.money import WAN, format_amount, said_amount
from optimizer.report.units import YI, amount_text, decimal_text, wan
from optimizer.rules.scenario import load_scenario
from optimizer.web.forms import presets
from optimizer.web.security import AUTH, CSRF_FIELD, Access, Refused
from optimizer.words import LANGS, STATUS_LABELS, Phrase, pick
from optimizer.words.catalog import CATALOG

if TYPE_CHECKING:
    from optimizer.web.registry import RunRecord

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


def short_when(value: object) -> str:
    """A moment as a list of runs to pick from says it: month, day, hour and minute in local time (`12-07 10:46`).

    >>> short_when(datetime(2026, 12, 7, 10, 46, 5)), short_when("")
    ('12-07 10:46', '')
    """
    shown = when(value)
    return shown[5:16] if len(shown) == 19 else shown


def figure(yuan: int, lang: str, yi: bool = False) -> str:
    """An amount as a heading or a sentence shows it to an officer: in 万元 with thousands separators and no zeros
    after the point (`18,433万元`, `18,433.5万元`); with `yi`, its 亿 form beside it from 1亿 up, to two places
    (`18,433万元（1.84亿元）`). Below 1万, in yuan (`9,000元`). English keeps the units: `18,433万 (1.84亿)`.

    >>> figure(184_330_000, "zh", yi=True), figure(200_000_000, "en", yi=True), figure(690_000, "zh", yi=True)
    ('18,433万元（1.84亿元）', '20,000万 (2亿)', '69万元')
    >>> figure(184_335_000, "zh"), figure(9_000, "en")
    ('18,433.5万元', '9,000 yuan')
    """
    if abs(yuan) < WAN:
        return amount_text(yuan, lang)
    zh = lang == "zh"
    shown = f"{decimal_text(wan(yuan))}万{'元' if zh else ''}"
    if not yi or abs(yuan) < YI:
        return shown
    hundred_millions = f"{Decimal(yuan) / YI:.2f}".rstrip("0").rstrip(".")
    return f"{shown}（{hundred_millions}亿元）" if zh else f"{shown} ({hundred_millions}亿)"


@cache
def _preset_labels() -> dict[str, str]:
    """The shipped scenarios' own names (`2026 base case`), each to the code of what the pages call it in Chinese
    (`web.preset.scenario_2026`: 2026年基准方案)."""
    return {p.name: f"web.preset.{p.key}" for p in presets().values() if f"web.preset.{p.key}" in CATALOG}


def scenario_label(name: str | None, lang: str, modified: bool = False) -> str:
    """A scenario's name as the pages show it: a shipped scenario's in Chinese in the Chinese pages (the name its
    file gives, which runs and manifests record, is English) — marked （已修改） when its settings were changed in the
    form, the name kept — any other as it is; "" for none."""
    if not name:
        return ""
    code = _preset_labels().get(name)
    if code is None:
        return name
    shown = Phrase.of(code).text(lang, "web") if lang == "zh" else name
    return shown + Phrase.of("web.preset.modified").text(lang, "web") if modified else shown


def record_scenario(record: RunRecord, lang: str, inputs: Path | None) -> str:
    """A run's scenario as the pages name it: `scenario_label`, a shipped scenario's changed settings said (an
    officer's review: runs whose caps were edited in the form were listed as the base case itself). `inputs`: where
    the registry keeps the run's scenario file."""
    name = record.scenario_name
    modified = bool(name in _preset_labels() and inputs is not None and record.scenario
                    and not _as_shipped(name, inputs / record.scenario))
    return scenario_label(name, lang, modified)


@cache
def _as_shipped(name: str | None, path: Path) -> bool:
    """Whether the scenario file at `path` (kept by the registry under its SHA-256: never changes) has the settings
    of the shipped scenario called `name`, its budget aside."""
    shipped = next((p.path for p in presets().values() if p.name == name), None)
    try:
        mine, theirs = (load_scenario(file).as_dict() for file in (path, shipped) if file is not None)
    except (BudgetoptError, OSError, ValueError):
        return False
    return {**mine, "budget": None} == {**theirs, "budget": None}


def run_label(record: RunRecord, lang: str, inputs: Path | None = None) -> str:
    """A run as a list to pick it from names it: its scenario, its budget and when it was asked for —
    `2026年基准方案 · 2亿元 · 12-07 10:46` (two runs of one scenario told apart by their budget or their time)."""
    budget = pick(said_amount(record.budget), lang) if record.budget is not None else "—"
    label = " · ".join((record_scenario(record, lang, inputs) or "—", budget, short_when(record.created)))
    return label + Phrase.of("web.runs.archived_mark").text(lang, "web") if record.archived else label


def pickable(runs: Sequence[RunRecord]) -> list[RunRecord]:
    """The finished runs a form offers to start from, newest first, those archived last (an officer's review: an
    archived trial stayed the default choice): the first is the form's default."""
    return sorted((r for r in runs if r.status == "done"), key=lambda r: r.archived is not None)


def status_said(status: str, lang: str) -> str:
    """An application's status as a table cell or heading says it: `全额资助`, `Funded in full`."""
    said = pick(STATUS_LABELS.get(status, (status, status)), lang)
    return said[:1].upper() + said[1:]


ENV = _environment()


class Views:
    """Renders the app's pages and its refusals."""

    def __init__(self, access: Access, inputs: Path | None = None) -> None:
        self.access = access
        self.inputs = inputs  # where the registry keeps runs' inputs: a run's scenario said as changed or not

    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        lang = request_lang(request)

        def t(code: str, **params: Any) -> str:
            return Phrase.of(code, **params).text(lang, "web")

        html = ENV.get_template(template).render(
            request=request, lang=lang, html_lang=HTML_LANG[lang], t=t, pick=lambda pair: _said(pair, lang),
            csrf_field=CSRF_FIELD, csrf=self.access.csrf, other_lang="en" if lang == "zh" else "zh",
            switch_url=switch_url(request, "en" if lang == "zh" else "zh"), money=lambda y: _money(y, lang),
            status_label=lambda s: status_said(s, lang), run_label=lambda r: run_label(r, lang, self.inputs),
            scenario_label=lambda name: scenario_label(name, lang),
            run_scenario=lambda r: record_scenario(r, lang, self.inputs), figure=lambda y: figure(int(y), lang),
            path=request.url.path, **context)
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
