"""Pages in the reader's language: the language of a request, the templates, and the words and numbers they show.

The language is `?lang=zh|en` when the address says it (and then remembered in a cookie), else the cookie's, else
Chinese. Templates say nothing themselves: every word is a phrase of the catalogue (`t("web.…")`), so the page
is in one language, the one `<html lang>` names.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Match

from optimizer.errors import BudgetoptError
from optimizer.money import WAN, format_amount, parse_amount, said_amount
from optimizer.report.units import YI, amount_text, capitalised, decimal_text, wan
from optimizer.rules.policy import Policy
from optimizer.rules.scenario import Scenario, load_scenario
from optimizer.web.forms import Preset, presets
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


def switch_url(request: Request, lang: str, to: str | None = None) -> str:
    """This page's address in the other language — or `to`'s (an address with or without its query), where the
    page answers a form posted: see `page_address`."""
    if to is None:
        path, query = page_address(request), request.query_params.multi_items()
    else:
        path, _, typed = to.partition("?")
        query = parse_qsl(typed, keep_blank_values=True)
    kept = [(k, v) for k, v in query if k != "lang"] + [("lang", lang)]
    return f"{path}?{urlencode(kept)}"


def page_address(request: Request) -> str:
    """The address that opens this page again with a GET: its own, for a page asked for; for one in answer to a form
    posted (a refusal, the form again with its mistakes), the address posted to where the app opens it with a GET
    too (`/plans`; `/runs`, which goes to the form's page), else the nearest above it that it does — `/goals/ID` for
    the 409 of POST `/goals/ID/stop` (an officer's review: its language link led to the POST address, and to 405
    此地址不接受这种请求)."""
    path = request.url.path
    if request.method in ("GET", "HEAD"):
        return path
    router = request.scope.get("router") or getattr(request.scope.get("app"), "router", None)
    routes: Sequence[BaseRoute] = getattr(router, "routes", ())
    while path.strip("/"):
        asked = {"type": "http", "path": path, "root_path": "", "method": "GET"}
        if any(route.matches(asked)[0] is Match.FULL for route in routes):
            return path
        path = path.rstrip("/").rpartition("/")[0] or "/"
    return "/"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["amount"] = lambda value: "" if value is None else format_amount(int(value))
    env.filters["number"] = lambda value: "" if value is None else decimal_text(Decimal(value))
    env.filters["grouped"] = lambda value: "" if value is None else f"{int(value):,}"  # yuan: 5,000,000
    env.filters["when"] = when
    env.filters["capital"] = capitalised  # a cell under capitalised headers: `Budget`, `Applicant cap: …`
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


MODIFIED = "web.preset.modified"  # the mark of a shipped scenario's name whose settings were changed: （已修改）


@dataclass(frozen=True)
class PresetName:
    """A scenario's name read as a shipped scenario's: which one, the language the name is in (2026年基准方案 is
    Chinese, 2026 base case — the name its file gives — English), and whether it carries the mark （已修改） /
    (modified)."""

    preset: Preset
    lang: str
    marked: bool

    def said(self, lang: str, modified: bool) -> str:
        """The shipped scenario's name in `lang`, marked once when `modified`: 2026年基准方案（已修改）."""
        shown = Phrase.of(f"web.preset.{self.preset.key}").text(lang, "web") if lang == "zh" else self.preset.name
        return shown + Phrase.of(MODIFIED).text(lang, "web") if modified else shown


@cache
def _preset_names() -> dict[str, tuple[Preset, str]]:
    """Each shipped scenario by its names: the one its file gives (`2026 base case`, English) and the one the Chinese
    pages call it (`web.preset.scenario_2026`: 2026年基准方案); a preset without words in the catalogue by its
    file's name only."""
    names: dict[str, tuple[Preset, str]] = {}
    for preset in presets().values():
        names[preset.name] = (preset, "en")
        code = f"web.preset.{preset.key}"
        if code in CATALOG:
            names.setdefault(Phrase.of(code).text("zh", "web"), (preset, "zh"))
    return names


def preset_name(name: str | None) -> PresetName | None:
    """The shipped scenario `name` names, in either language, with or without its mark; None for any other name.

    >>> found = preset_name("2026年基准方案（已修改）")
    >>> found.preset.key, found.lang, found.marked
    ('scenario_2026', 'zh', True)
    >>> preset_name("2026 base case (modified)").said("zh", True), preset_name("2026年基准方案").said("en", False)
    ('2026年基准方案（已修改）', '2026 base case')
    >>> preset_name("我的试算") is None, preset_name(None) is None
    (True, True)
    """
    if not name:
        return None
    bare, marked = name, False
    for mark in (m.strip() for m in Phrase.of(MODIFIED).both()):
        if name.endswith(mark):
            bare, marked = name.removesuffix(mark).rstrip(), True
            break
    found = _preset_names().get(bare)
    return None if found is None else PresetName(found[0], found[1], marked)


def scenario_label(name: str | None, lang: str, modified: bool = False) -> str:
    """A scenario's name as the pages show it: a shipped scenario's by its name in the page's language, whichever
    language it was recorded in (2026年基准方案 in the Chinese pages, 2026 base case in the English) — marked
    （已修改） once when its settings were changed in the form (`modified`, or the mark in the name itself) — a name
    the app made for a plan's or a goal's run in the page's language too (`made_name`), any other as it is; "" for
    none."""
    if not name:
        return ""
    found = preset_name(name)
    if found is None:
        return made_name(name, lang) or name
    return found.said(lang, modified or found.marked)


# the names the app gives the runs whose forms a two-year plan or a goal fills in (web/plans.py plan_run_name,
# web/goals.py goal_run_name): the scenario's name and what made the run, each part of which can be said again in the
# other language (an officer's review: 2026年基准方案（两年分配：合计3.2亿元） in the English pages' pickers)
# (a plan's total and the first year's share; the total alone in names made before they said the split)
PLAN_NAMES = ("web.plan.run_name_split", "web.plan.run_name_split_alone", "web.plan.run_name",
              "web.plan.run_name_alone")
MADE_NAMES = (*PLAN_NAMES, "web.goal.run_name", "web.goal.run_name_alone")
GOAL_HOW = ("web.goal.short_full", "web.goal.short_any")
AMOUNT_PATTERN = r"[0-9][0-9,.]*(?:万元?|亿元?|元| yuan)"
PART_PATTERNS = {"name": ".+", "what": ".+", "total": AMOUNT_PATTERN, "share": AMOUNT_PATTERN, "first": "[0-9]{4}",
                 "ids": ".+?", "left": ".+", "score": "[0-9.]+", "where": ".*?", "clause": "[0-9A-Za-z]+",
                 "how": "|".join(re.escape(pick(CATALOG[code], lang)) for code in GOAL_HOW for lang in LANGS)}


def made_name(name: str, lang: str) -> str | None:
    """A name the app made for a plan's or a goal's run (MADE_NAMES), in either language, said in `lang` — its
    scenario's name as `scenario_label` says it, the total or the goal in `lang`'s words; None for any other name.

    >>> made_name("2027年基准方案（两年分配：合计3.2亿元）", "en"), made_name("Two-year plan: 3.2亿 in all", "zh")
    ('2027 base case (two-year plan: 3.2亿 in all)', '两年分配：合计3.2亿元')
    >>> made_name("2026年基准方案（已修改）（目标：第4条、渝中区，85分以上全额）", "en")
    '2026 base case (modified) (goal: 85 or more, clause 4, 渝中区, in full)'
    >>> made_name("2026 base case (goal: 90 or more, any award)", "zh"), made_name("我的试算", "en")
    ('2026年基准方案（目标：90分以上任何资助）', None)
    >>> made_name("2026年基准方案（目标：申报 2026-0060、2026-0198、2026-0362 全额）", "en")
    '2026 base case (goal: 2026-0060, 2026-0198, 2026-0362, in full)'
    >>> made_name("2026 base case (goal: 2026-0198, 2026-0362, in full, not 2026-0060)", "zh")
    '2026年基准方案（目标：申报 2026-0198、2026-0362 全额，2026-0060 除外）'
    >>> made_name("目标：申报 2026-0060 任何资助", "en")
    'Goal: 2026-0060, any award'
    """
    for code in MADE_NAMES:
        for source in LANGS:
            parts = _parts(code, source, name)
            said = None if parts is None else _said_parts(parts, source, lang)
            if said is not None:
                return Phrase.of(code, **said).text(lang, "web")
    return None


def _parts(code: str, lang: str, text: str) -> dict[str, str] | None:
    """The parameters of the phrase `code` in `lang` that make `text`, or None when it does not make it."""
    pattern = "".join(re.escape(literal) + (f"(?P<{field}>{PART_PATTERNS[field]})" if field else "")
                      for literal, field, _, _ in string.Formatter().parse(pick(CATALOG[code], lang)))
    found = re.fullmatch(pattern, text)
    return None if found is None else found.groupdict()


@dataclass(frozen=True)
class PlanName:
    """What a name the app gave a run at a two-year plan's split says of the plan: its total, and the first year and
    its share of it (web/plans.py plan_run_name) — None for both in a name made before the names said them."""

    total: int
    first: int | None = None
    share: int | None = None


def plan_named(name: str) -> PlanName | None:
    """What a name the app made for a run at a two-year plan's split says of the plan, in either language; None for
    any other name.

    >>> plan_named("2027年基准方案（两年分配：合计3.2亿元，2026年2.036亿元）")
    PlanName(total=320000000, first=2026, share=203600000)
    >>> plan_named("Two-year plan: 3.2亿 in all, 2亿 for 2026")
    PlanName(total=320000000, first=2026, share=200000000)
    >>> plan_named("2027 base case (two-year plan: 3.2亿 in all)")  # made before names said the split
    PlanName(total=320000000, first=None, share=None)
    >>> plan_named("2027 base case") is None, plan_named("我的试算") is None
    (True, True)
    """
    for code in PLAN_NAMES:
        for lang in LANGS:
            parts = _parts(code, lang, name)
            if parts is not None:
                first, share = parts.get("first"), parts.get("share")
                return PlanName(_yuan(parts["total"]), None if first is None else int(first),
                                None if share is None else _yuan(share))
    return None


def _yuan(said: str) -> int:
    """An amount a made name says (3.2亿元, 3.2亿, 9,000 yuan), in yuan."""
    return int(parse_amount(said.removesuffix(" yuan")))


def _said_parts(parts: dict[str, str], source: str, lang: str) -> dict[str, str] | None:
    """Each part of a made name said in `lang` (None when one cannot be)."""
    said: dict[str, str | None] = {}
    for field, value in parts.items():
        if field == "name":
            said[field] = scenario_label(value, lang)
        elif field in ("total", "share"):
            said[field] = _amount_in(value, lang)
        elif field == "what":
            goal = _parts("web.goal.short", source, value)
            said[field] = _ids_in(value, source, lang) if goal is None else _goal_in(goal, source, lang)
        else:
            said[field] = value
    return None if None in said.values() else {field: str(value) for field, value in said.items()}


GOAL_IDS = ("web.goal.short_ids_except", "web.goal.short_ids")  # a goal of application ids (goal_run_name)


def _ids_in(what: str, source: str, lang: str) -> str | None:
    """A goal of application ids in short (web.goal.short_ids, or short_ids_except: those its budget leaves out)
    said in `lang`: the ids as they are, joined as `lang` joins them, how they are funded in `lang`'s words."""
    for code in GOAL_IDS:
        parts = _parts(code, source, what)
        how = None if parts is None else next(
            (c for c in GOAL_HOW if pick(CATALOG[c], source) == parts["how"]), None)
        if parts is None or how is None:
            continue
        joined = {key: ("、" if lang == "zh" else ", ").join(parts[key].split("、" if source == "zh" else ", "))
                  for key in ("ids", "left") if key in parts}
        return Phrase.of(code, how=pick(CATALOG[how], lang), **joined).text(lang, "web")
    return None


def _amount_in(text: str, lang: str) -> str:
    """An amount as said_amount says it in one language, said in `lang`: 3.2亿元 ↔ 3.2亿, 9,000元 ↔ 9,000 yuan."""
    bare = text.removesuffix(" yuan").removesuffix("元")
    if lang == "zh":
        return bare + "元"
    return bare if bare.endswith(("万", "亿")) else f"{bare} yuan"


def _goal_in(goal: dict[str, str], source: str, lang: str) -> str | None:
    """A goal in short (web.goal.short: its clause and district, score, in full or not) said in `lang`."""
    how = next((code for code in GOAL_HOW if pick(CATALOG[code], source) == goal["how"]), None)
    where = goal["where"].removesuffix("，") if source == "zh" else goal["where"].removeprefix(", ")
    if how is None or (goal["where"] and where == goal["where"]):
        return None
    places = [p for p in where.split("、" if source == "zh" else ", ") if p]
    said = []
    for place in places:
        clause = _parts("web.goal.of_clause", source, place)
        said.append(place if clause is None else Phrase.of("web.goal.of_clause", **clause).text(lang, "web"))
    shown = ("、".join(said) + "，" if lang == "zh" else "".join(f", {p}" for p in said)) if said else ""
    return Phrase.of("web.goal.short", where=shown, score=goal["score"], how=Phrase.of(how).text(lang, "web")).text(
        lang, "web")


def record_scenario(record: RunRecord, lang: str, inputs: Path | None) -> str:
    """A run's scenario as the pages name it: `scenario_label`, a shipped scenario's changed settings said (an
    officer's review: runs whose caps were edited in the form were listed as the base case itself) — by the mark its
    name carries (runs made since the form marks them), else by its settings (older runs). `inputs`: where the
    registry keeps the run's scenario file."""
    name = record.scenario_name
    found = preset_name(name)
    if found is None:
        return scenario_label(name, lang)
    modified = found.marked or bool(inputs is not None and record.scenario
                                    and not _as_shipped(found.preset.path, inputs / record.scenario))
    return found.said(lang, modified)


@cache
def _as_shipped(shipped: Path, path: Path) -> bool:
    """Whether the scenario file at `path` (kept by the registry under its SHA-256: never changes) has the settings
    of the shipped scenario file `shipped`, its name and budget aside."""
    try:
        mine, theirs = (load_scenario(file) for file in (path, shipped))
    except (BudgetoptError, OSError, ValueError):
        return False
    return same_settings(mine, theirs)


def same_settings(mine: Scenario, theirs: Scenario) -> bool:
    """Whether two scenarios set the same limits, weights and rules: their names and budgets aside."""
    return replace(mine, name="", budget=None) == replace(theirs, name="", budget=None)


def run_name(name: str, scenario: Scenario, policy: Policy) -> str:
    """The name a run from the form is recorded under, which every file it writes prints: a shipped scenario's name
    (either language, marked or not) in the language it was typed in, marked （已修改） / (modified) when the form's
    settings differ from the shipped file's (its budget aside) and unmarked when they do not; any other name as
    typed."""
    found = preset_name(name)
    if found is None:
        return name
    try:
        shipped = load_scenario(found.preset.path, policy=policy)
    except (BudgetoptError, OSError):
        return name
    return found.said(found.lang, not same_settings(scenario, shipped))


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


def solver_label(solver: str, lang: str) -> str:
    """A solver as the form offers it and the pages name the one a run asked for: `HiGHS`, `CBC`, `自动选择` (an
    officer's review: `求解器 highs`, a code word, where the run's files say `HiGHS 1.16.0`); an unknown one as it is.

    >>> solver_label("highs", "zh"), solver_label("cbc", "en"), solver_label("auto", "zh"), solver_label("x", "en")
    ('HiGHS', 'CBC', '自动选择', 'x')
    """
    code = f"solver.name.{solver}"  # the names the solving layer's hints use too
    return Phrase.of(code).text(lang, "web") if code in CATALOG else solver


def solver_said(solver: str, lang: str, used: str | Sequence[str] | None = None) -> str:
    """The solver a finished job used, as its files print it: `HiGHS 1.16.0` (an officer's review: the run page said
    so, the plan and goal pages `求解器 HiGHS`). `used`: what the job recorded — a run's manifest (the run page's
    `solver_used`), the versions a plan's or a goal's solves reported (`Allocation.solver.version`), more than one
    where `auto` fell back to CBC for some, each said once; where it recorded none (a job not finished, one recorded
    by an earlier budgetopt, a folder damaged since), the solver asked for, as the form offers it (solver_label).

    >>> solver_said("highs", "zh", "HiGHS 1.16.0"), solver_said("highs", "en", ["HiGHS 1.16.0", "HiGHS 1.16.0"])
    ('HiGHS 1.16.0', 'HiGHS 1.16.0')
    >>> solver_said("auto", "zh", ("HiGHS 1.16.0", "CBC 2.10.12")), solver_said("auto", "en", ("HiGHS 1.16.0", "CBC"))
    ('HiGHS 1.16.0、CBC 2.10.12', 'HiGHS 1.16.0, CBC')
    >>> solver_said("auto", "zh"), solver_said("cbc", "en", []), solver_said("highs", "zh", ["", 3])
    ('自动选择', 'CBC', 'HiGHS')
    """
    found = [used] if isinstance(used, str) else list(used or ())
    versions = list(dict.fromkeys(v.strip() for v in found if isinstance(v, str) and v.strip()))
    if not versions:
        return solver_label(solver, lang)
    return ("、" if lang == "zh" else ", ").join(versions)


ENV = _environment()


class Views:
    """Renders the app's pages and its refusals."""

    def __init__(self, access: Access, inputs: Path | None = None) -> None:
        self.access = access
        self.inputs = inputs  # where the registry keeps runs' inputs: a run's scenario said as changed or not

    def page(self, request: Request, template: str, status: int = 200, *, switch_to: str | None = None,
             **context: Any) -> HTMLResponse:
        """The page `template` in the reader's language, its language link to this page's address in the other —
        or, given `switch_to`, to that address (a page in answer to a form posted: where the reader should land;
        without it, `page_address` finds one that a GET opens)."""
        lang = request_lang(request)

        def t(code: str, **params: Any) -> str:
            return Phrase.of(code, **params).text(lang, "web")

        html = ENV.get_template(template).render(
            request=request, lang=lang, html_lang=HTML_LANG[lang], t=t, pick=lambda pair: _said(pair, lang),
            csrf_field=CSRF_FIELD, csrf=self.access.csrf, other_lang="en" if lang == "zh" else "zh",
            switch_url=switch_url(request, "en" if lang == "zh" else "zh", switch_to), money=lambda y: _money(y, lang),
            status_label=lambda s: status_said(s, lang), run_label=lambda r: run_label(r, lang, self.inputs),
            scenario_label=lambda name: scenario_label(name, lang), solver_label=lambda s: solver_label(s, lang),
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
