"""The goal pages: how much budget funds every application of a kind — every one scoring 85 or more, say, in full —
found by `optimizer.min_budget` from a finished run's workbook and scenario (docs/planning.md, What is the least
budget that funds …?).

    GET  /goals                         every goal search, and a new one: a finished run, the targets (a minimum
                                        score; one clause, one district of the run; in full or any award), the
                                        precision
    POST /goals                         → a queued goal search → /goals/ID (the queue, then "working", while it works)
    GET  /goals/ID                      the budget found, the targets it funds of how many, those no budget reaches
                                        and why, the few that set it, whether funding grew with the budget; a new
                                        allocation at that budget; its files
    GET  /goals/ID/files/NAME           goal.csv or goal.xlsx: a row per target (BudgetGoal.to_frame)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import partial
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from optimizer.errors import InputError, Mismatch
from optimizer.jobs.min_budget import read_precision
from optimizer.money import WAN, AmountError, format_decimal, parse_number, said_amount
from optimizer.reading.run_folder import RunRow, download_name, read_run
from optimizer.web.forms import read_toml_bytes, toml_text
from optimizer.web.pages import problems_text, queue_of, run_of
from optimizer.web.registry import NewRun, RunRecord
from optimizer.web.state import Web
from optimizer.web.tasks import targets_said
from optimizer.web.tools import job_file
from optimizer.web.uploads import post
from optimizer.web.views import request_lang
from optimizer.words import Phrase

GOAL_FILES = ("goal.csv", "goal.xlsx")
TYPED = ("run", "min_score", "clause", "district", "fund", "precision")
MOST_TYPED = 60  # characters of a field said back in a sentence


@dataclass(frozen=True)
class Choices:
    """What the form offers of a run: its clauses (id, title), in the policy's order, and its districts, in the
    order the workbook first names them; or why the run's files cannot be read."""

    clauses: tuple[tuple[str, str], ...] = ()
    districts: tuple[str, ...] = ()
    unreadable: str = ""


def routes(web: Web) -> list[BaseRoute]:
    return [
        Route("/goals", partial(goals_page, web)),
        post("/goals", partial(start_goal, web), web.access),
        Route("/goals/{run_id}", partial(goal_page, web)),
        Route("/goals/{run_id}/files/{name}", partial(job_file, web, "goal", GOAL_FILES)),
    ]


# ---------------------------------------------------------------------------------------------- a new one


def _source(web: Web, run_id: str) -> RunRecord | None:
    """A finished allocation by its id (None for anything else)."""
    record = web.registry.get(run_id)
    return record if record is not None and record.kind == "allocate" and record.status == "done" else None


def _rows(web: Web, source: RunRecord) -> list[RunRow]:
    return list(read_run(web.registry.run_folder(source)).rows)


def _choices(web: Web, rows: list[RunRow], lang: str) -> Choices:
    clauses = {row.clause for row in rows}
    return Choices(tuple((cid, clause.title(lang)) for cid, clause in web.policy.clauses.items() if cid in clauses),
                   tuple(dict.fromkeys(row.district for row in rows if row.district)))


async def _read_choices(web: Web, source: RunRecord | None, lang: str) -> tuple[list[RunRow], Choices]:
    """The run's rows and what the form offers of them (none for no run; a run's files damaged since: why)."""
    if source is None:
        return [], Choices()
    try:
        rows = await run_in_threadpool(_rows, web, source)
    except (InputError, Mismatch) as exc:
        return [], Choices(unreadable=problems_text(exc, lang))
    return rows, _choices(web, rows, lang)


async def goals_page(web: Web, request: Request, status: int = 200, problems: tuple[str, ...] = (),
                     form: FormData | None = None) -> Response:
    """Every goal search, and the form for a new one (as it was typed, when it comes back with what is wrong); the
    clauses and districts offered are those of the run chosen (?run=, else the latest finished)."""
    lang = request_lang(request)
    goals = await run_in_threadpool(web.registry.runs, "goal")
    sources = [r for r in await run_in_threadpool(web.registry.runs) if r.status == "done"]
    typed = {"run": request.query_params.get("run", ""), "min_score": "", "clause": "", "district": "",
             "fund": "full", "precision": "1万"}
    if form is not None:
        typed = {key: str(form.get(key, "")) for key in typed}
    source = _source(web, typed["run"]) or (sources[0] if sources else None)
    _, choices = await _read_choices(web, source, lang)
    return web.views.page(request, "goals.html", status=status, goals=goals, sources=sources,
                          chosen=source.id if source else "", problems=problems, values=typed, choices=choices,
                          targets={g.id: targets_said(g.params, lang) for g in goals})


def _label(key: str, lang: str) -> str:
    return Phrase.of(f"web.goals.{key}").text(lang, "web")


def _wrong(code: str, key: str, lang: str, **params: Any) -> str:
    """A mistake of the form, said at its field (by the field's label)."""
    return Phrase.of(code, field=_label(key, lang), **params).text(lang, "web")


def _shown(typed: str) -> str:
    return typed if len(typed) <= MOST_TYPED else typed[:MOST_TYPED] + "…"


def read_score(typed: str, lang: str) -> tuple[Decimal | None, str]:
    """The minimum score as typed (a number from 0 to 100, as a cell's: `85`, `８５`, `85.5`), or what is wrong."""
    if not typed:
        return None, Phrase.of("web.form.fill_in", field=_label("min_score", lang)).text(lang, "web")
    try:
        score = parse_number(typed)
    except AmountError:
        score = None
    if score is None or not score.is_finite() or not 0 <= score <= 100:
        return None, _wrong("web.goal.bad_score", "min_score", lang, typed=_shown(typed))
    return score, ""


def read_goal_precision(typed: str, lang: str) -> tuple[str, str]:
    """The precision as typed, read as the library reads it (an amount with its unit: "1万"; a bare 3000 refused as a
    forgotten 万), or what is wrong with it, said at the field."""
    if not typed:
        return "", Phrase.of("web.form.fill_in", field=_label("precision", lang)).text(lang, "web")
    try:
        read_precision(typed)
    except InputError as exc:
        label = _label("precision", lang)
        return "", " ".join(replace(p, file=label).text(lang, "web") for p in exc.problems)
    return typed, ""


async def start_goal(web: Web, request: Request, form: FormData) -> Response:
    lang = request_lang(request)
    typed = {key: str(form.get(key, "")).strip() for key in TYPED}
    problems: list[str] = []
    source = _source(web, typed["run"])
    rows: list[RunRow] = []
    if source is None:
        problems.append(_wrong("web.goal.no_run", "run", lang))
    else:
        rows, choices = await _read_choices(web, source, lang)
        if choices.unreadable:
            problems.append(choices.unreadable)
    score, wrong = read_score(typed["min_score"], lang)
    problems += [wrong] if wrong else []
    clause, district = typed["clause"], typed["district"]
    if clause and clause not in web.policy.clauses:
        problems.append(_wrong("web.goal.bad_clause", "clause", lang, typed=_shown(clause)))
    if district and source is not None and rows and district not in {row.district for row in rows}:
        problems.append(_wrong("web.goal.bad_district", "district", lang, typed=_shown(district), run=source.id))
    precision, wrong = read_goal_precision(typed["precision"], lang)
    problems += [wrong] if wrong else []
    if not problems and source is not None and score is not None and not any(
            row.entitlement > 0 and row.score is not None and row.score >= score
            and (not clause or row.clause == clause) and (not district or row.district == district) for row in rows):
        params = {"min_score": format_decimal(score), "clause": clause, "district": district}
        problems.append(_wrong("web.goal.no_targets", "min_score", lang, run=source.id,
                               what=targets_said(params, lang)))
    if problems or source is None or score is None:
        return await goals_page(web, request, status=400, problems=tuple(problems), form=form)
    workbook = web.registry.stored_input(source.workbook)
    scenario = web.registry.stored_input(source.scenario) if source.scenario else None
    assert workbook is not None
    record = web.registry.add(NewRun(
        workbook, scenario, source.scenario_name, None, None, source.solver, lang, source.skip_invalid, kind="goal",
        params={"from": source.id, "min_score": format_decimal(score), "clause": clause, "district": district,
                "full": typed["fund"] != "any", "precision": precision}))
    web.running.start(record)
    return RedirectResponse(f"/goals/{record.id}", status_code=303)


# ---------------------------------------------------------------------------------------------- one


def budget_typed(budget: int) -> str:
    """A budget as the budget field takes it back, exactly: `18433万`, or `18433.5万` (never rounded).

    >>> budget_typed(184_330_000), budget_typed(184_335_000), budget_typed(9_000)
    ('18433万', '18433.5万', '9000元')
    """
    if budget < WAN:
        return f"{budget}元"
    return f"{format_decimal(Decimal(budget) / WAN)}万"


def kept_scenario(web: Web, source: RunRecord, budget: int, lang: str) -> str:
    """The run's scenario at `budget`, kept as a scenario file of ours (by its SHA-256, as the new-run form keeps
    one past an upload): its name under inputs/, for the new-run form's ?kept=."""
    data: dict[str, Any] = {}
    if source.scenario:
        data = read_toml_bytes(web.registry.input_path(source.scenario).read_bytes())
    data = {**data, "budget": budget_typed(budget)}
    return web.registry.keep_bytes(toml_text(data, lang).encode("utf-8"), "scenario.toml", ".toml").name


def new_run_link(web: Web, source: RunRecord, budget: int, lang: str) -> str:
    """The new-run form with the run's workbook, settings and scenario, its budget the one found."""
    query = {"from": source.id, "kept": kept_scenario(web, source, budget, lang), "solver": source.solver,
             "report_lang": source.lang}
    if source.skip_invalid:
        query["skip_invalid"] = "1"
    return f"/new?{urlencode(query)}"


def findings(goal: Any, lang: str) -> dict[str, str]:
    """What the page says of a goal search's findings, sentence by sentence (amounts said in both languages, each
    sentence taking its own)."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, "web")

    blocked = goal.get("blocked") or []
    elsewhere = sum(1 for row in blocked if row.get("elsewhere") is not None)
    said_of = {"headline": t("web.goal.headline", amount=said_amount(goal["budget"]),
                             reserve=said_amount(goal.get("reserve", 0))),
               "floor": t("web.goal.least_solvable") if goal.get("least_solvable") else "",
               "counts": t("web.goal.counts", reachable=goal["reachable"], targets=goal["targets"],
                           blocked=len(blocked) - elsewhere),
               "elsewhere": t("web.goal.elsewhere", count=elsewhere) if elsewhere else "",
               "setting": "", "monotone": ""}
    setting = goal.get("setting") or []
    if setting and goal.get("without") is not None:
        code = "web.goal.setting_one" if len(setting) == 1 else "web.goal.setting_many"
        said_of["setting"] = t(code, ids=("、" if lang == "zh" else ", ").join(setting),
                               without=said_amount(goal["without"]))
    gaps = goal.get("gaps") or []
    if gaps:
        said_of["monotone"] = t("web.goal.not_monotone", count=len(gaps), example=said_amount(gaps[0]))
        if goal.get("bisected") is not None:
            said_of["monotone"] += t("web.goal.bisected", first=said_amount(goal["bisected"]))
    return said_of


async def goal_page(web: Web, request: Request) -> Response:
    """A goal search's page: the queue, then "working" while it works; then what it found, a new allocation at the
    budget found, and its files."""
    record = run_of(web, request, "goal")
    lang = request_lang(request)
    goal = record.outcome.get("goal") if record.status == "done" else None
    source = web.registry.get(str(record.params.get("from", "")))
    link = ""
    if isinstance(goal, dict) and source is not None and source.kind == "allocate" and record.budget is not None:
        link = await run_in_threadpool(new_run_link, web, source, record.budget, lang)
    return web.views.page(request, "goal.html", run=record, outcome=record.outcome, goal=goal,
                          said=findings(goal, lang) if isinstance(goal, dict) else {}, new_run=link,
                          source=source.id if source is not None else "", targets=targets_said(record.params, lang),
                          full=record.params.get("full") is not False, precision=record.params.get("precision", ""),
                          files=GOAL_FILES, next_ledger=web.ledger.current(), queue=queue_of(web, record),
                          downloads={name: download_name(record.id, name, lang) for name in GOAL_FILES})
