"""The HTTP API for the platforms (README, The browser app): JSON, the same authentication as the pages.

    POST /api/runs                  multipart: workbook (file), scenario (TOML file), budget, solver, lang
                                    → 202 {"id", "status": "queued"}; a file the command line refuses → 400 {"error"}
    GET  /api/runs                  → {"runs": [{"id", "status", "created", "workbook", "scenario", "budget"}, …]}
                                    (and "archived", the time, for a run archived on its page)
    GET  /api/runs/ID               → {"id", "status", "problems", "conflicts", "totals"} (and "archived")
    GET  /api/runs/ID/files/NAME    → allocation.csv, allocation.xlsx, manifest.json or report.html, as written;
                                    notice.xlsx and awards.json once the run is published — saved as ID-NAME in
                                    words (20261207-070658-312dde-分配结果.xlsx)
    POST /api/runs/ID/publish       optional objection_days (5), starts (YYYY-MM-DD), contact → 200 {"id", "awards",
                                    "total", "ledger", "entries", "files"}: the run published (公示) as `budgetopt
                                    publish` does; refused → 409
    GET  /api/ledger                → the award ledger runs count: its file, entries, total, last hash, whether its
                                    chain holds, its awards by policy and year
    POST /api/ledger/corrections    seq, to, basis, optional on (YYYY-MM-DD) and lang → 200 {"entry", "corrects",
                                    "before", "after", "kind", "entries", "said"}: an award lowered, revoked, or
                                    raised again up to what it was first granted at (kind: lowered, revoked, raised,
                                    restored) as `budgetopt ledger correct` does; the form's mistakes → 400, no
                                    ledger → 404, refused → 409
    GET  /api/ledger/summary        ?policy=&year=&district=&upto= → the figures of `budgetopt ledger summary`, in yuan
    GET  /api/ledger/corrections    ?policy=&year=&after=&upto= → {"policy", "years", "after_entry", "entries", "head",
                                    "taken", "corrections": […]}: the lines of `budgetopt ledger corrections`, in yuan

Unknown ids and names are 404. `problems` each have row, column and message (row and column null for a problem
that is not about one cell: the scenario's, or the sentence of a run that failed); `conflicts` are sentences.
Both are in the run's language (`lang`, Chinese by default), as the command line would say them.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from optimizer.errors import InputError
from optimizer.ledger.summary import Line, by_policy_year
from optimizer.report.ledger_summary import FIGURES
from optimizer.rules.scenario import load_scenario
from optimizer.solving.backends import CHOICES
from optimizer.web.attachments import saved_as
from optimizer.web.forms import read_toml_bytes
from optimizer.web.ledgers import sight
from optimizer.web.publishing import (
    Correction,
    bad_days,
    correct_now,
    corrections_asked,
    corrections_now,
    notice_of,
    publish_now,
    published_file,
    read_days,
    summary_asked,
    summary_now,
    wrong_in_query,
)
from optimizer.web.registry import NewRun, RunRecord, StoredInput
from optimizer.web.run_page import PUBLISHED_FILES, RUN_FILES, run_of, run_sight
from optimizer.web.state import Web
from optimizer.web.tools import file_response
from optimizer.web.uploads import client_name, post, take_workbook, uploaded
from optimizer.web.views import request_lang
from optimizer.words import LANGS, Phrase


def routes(web: Web) -> list[BaseRoute]:
    return [
        post("/api/runs", partial(submit, web), web.access),
        Route("/api/runs", partial(listing, web)),
        Route("/api/runs/{run_id}", partial(one_run, web)),
        Route("/api/runs/{run_id}/files/{name}", partial(run_file, web)),
        post("/api/runs/{run_id}/publish", partial(publish, web), web.access),
        Route("/api/ledger", partial(ledger, web)),
        Route("/api/ledger/summary", partial(ledger_summary, web)),
        post("/api/ledger/corrections", partial(correction, web), web.access),
        Route("/api/ledger/corrections", partial(corrections, web)),
    ]


def _error(phrase: Phrase, lang: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": phrase.text(lang, "web")}, status_code=status)


async def submit(web: Web, request: Request, form: FormData) -> Response:
    lang = str(form.get("lang") or "zh").strip().lower()
    if lang not in LANGS:
        return _error(Phrase.of("web.api.bad_choice", key="lang", options=", ".join(LANGS)), "zh")
    solver = str(form.get("solver") or "highs").strip().lower()
    if solver not in CHOICES:
        return _error(Phrase.of("web.api.bad_choice", key="solver", options=", ".join(CHOICES)), lang)
    workbook = uploaded(form, "workbook")
    if workbook is None:
        return _error(Phrase.of("web.no_workbook"), lang)
    budget = str(form.get("budget") or "").strip() or None
    stored, inspection = await take_workbook(web, workbook)
    if stored is None:
        assert inspection.refusal is not None
        return JSONResponse({"error": inspection.refusal[0] if lang == "zh" else inspection.refusal[1]},
                            status_code=400)
    scenario, name = await _scenario(web, form)
    record = web.registry.add(NewRun(stored, scenario, name, budget, _budget(web, scenario, budget), solver, lang))
    web.running.start(record)
    return JSONResponse({"id": record.id, "status": record.status}, status_code=202)


async def _scenario(web: Web, form: FormData) -> tuple[StoredInput | None, str | None]:
    """The uploaded scenario, kept by SHA-256, and its name (its own, else its file's)."""
    upload = uploaded(form, "scenario")
    if upload is None:
        return None, None
    data = await upload.read()
    name = client_name(upload, "scenario.toml")
    stored = web.registry.keep_bytes(data, name, ".toml")
    own = read_toml_bytes(data).get("name")
    return stored, own.strip() if isinstance(own, str) and own.strip() else name


def _budget(web: Web, scenario: StoredInput | None, budget: str | None) -> int | None:
    """The budget the run will have, when it can be told now (else the run says what is wrong)."""
    try:
        path = web.registry.input_path(scenario.name) if scenario else None
        return load_scenario(path, budget=budget, policy=web.policy).budget
    except InputError:
        return None


def _summary(record: RunRecord) -> dict[str, Any]:
    return {"id": record.id, "status": record.status, "created": record.created, "workbook": record.workbook_name,
            "scenario": record.scenario_name, "budget": record.budget, **_archived(record)}


def _archived(record: RunRecord) -> dict[str, Any]:
    """`archived`, when the run was archived (hidden from the pages' list of runs), for an archived run only: a
    program that knows every key of a run as it was answered goes on as before."""
    return {"archived": record.archived} if record.archived is not None else {}


async def listing(web: Web, request: Request) -> Response:
    records = await run_in_threadpool(web.registry.runs)
    return JSONResponse({"runs": [_summary(r) for r in records]})


async def one_run(web: Web, request: Request) -> Response:
    record = run_of(web, request)
    outcome = record.outcome
    lang = record.lang
    problems = [{"row": p["row"], "column": p["column"], "message": p[lang]} for p in outcome.get("problems", [])]
    if record.status == "failed" and outcome.get("error"):
        error = outcome["error"]
        problems.append({"row": None, "column": None, "message": error[0] if lang == "zh" else error[1]})
    conflicts = [c[0] if lang == "zh" else c[1] for c in outcome.get("conflicts", [])]
    return JSONResponse({"id": record.id, "status": record.status, "problems": problems, "conflicts": conflicts,
                         "totals": outcome.get("totals"), **_archived(record)})


async def run_file(web: Web, request: Request) -> Response:
    record = run_of(web, request)
    if record.status != "done":
        return _error(Phrase.of("web.not_found"), record.lang, 404)
    name = str(request.path_params["name"])
    if name in PUBLISHED_FILES:
        return await published_file(web, request)
    saved = saved_as(record.id, name, request_lang(request)) if name in RUN_FILES else None
    return file_response(web.registry.run_folder(record), name, RUN_FILES, saved)


async def publish(web: Web, request: Request, form: FormData) -> Response:
    """The run published (公示) as the page publishes it; sentences in the run's language."""
    record = run_of(web, request)
    days = read_days(str(form.get("objection_days") or "5").strip())
    starts, contact = (str(form.get(key, "")).strip() for key in ("starts", "contact"))
    notice, refusal = notice_of(days or 5, starts, contact, record.lang, record.lang)
    if days is None or notice is None:
        return JSONResponse({"error": " ".join(([bad_days(record.lang)] if days is None else []) + refusal)},
                            status_code=400)
    attempt = await publish_now(web, record, notice, record.lang)
    if not attempt.done:
        return JSONResponse({"error": attempt.said}, status_code=409)
    seen = await run_in_threadpool(run_sight, web, record, record.lang)
    entries = [seen.published[0].seq, seen.published[-1].seq] if seen.published else None
    return JSONResponse({"id": record.id, "awards": len(seen.published), "total": seen.total,
                         "ledger": str(web.ledger.path), "entries": entries, "files": list(PUBLISHED_FILES)})


async def ledger(web: Web, request: Request) -> Response:
    """The award ledger runs count, as its page shows it (the entries themselves: /ledger/ledger.csv)."""
    seen = await run_in_threadpool(sight, web.ledger, request_lang(request))
    entries, read = seen.entries, seen.usable  # what cannot be read (or does not hold) is not counted: null
    return JSONResponse({
        "path": str(seen.path), "exists": seen.exists, "intact": read if seen.exists else None,
        "entries": len(entries) if read else None, "total": sum(e.award.amount for e in entries) if read else None,
        "head": entries[-1].hash if entries else None, "problem": seen.problem or None,
        "tampering": list(seen.tampering),
        "by_policy_year": [{"policy": line.policy, "year": line.year, "awards": line.count, "amount": line.amount,
                            "corrections": line.corrections}
                           for line in by_policy_year(entries)]})


async def ledger_summary(web: Web, request: Request) -> Response:
    """The summary's figures (`?policy=&year=&district=`, as the workbook of /ledger/summary.xlsx has them), amounts
    in yuan: 400 for a year that is none, 404 while the ledger cannot be read and for what it holds no award of."""
    lang = request_lang(request)
    asked = summary_asked(request)
    if asked is None:
        return _error(wrong_in_query(request), lang)
    summary = await run_in_threadpool(summary_now, web, lang, *asked)
    if isinstance(summary, Phrase):
        return _error(summary, lang, 404)
    figures = summary.figures
    return JSONResponse({
        "policy": figures.policy, "years": list(figures.years), "district": figures.district,
        "entries": figures.entries, "head": figures.head, "total": _line(figures.total),
        **{name: [_line(line) for line in getattr(figures, name)]
           for name in ("by_year", "by_batch", "by_clause", "by_region", "by_district", "by_applicant")}})


async def corrections(web: Web, request: Request) -> Response:
    """The corrections a correction notice lists (`?policy=&year=&after=`, as /ledger/corrections.xlsx has them), one
    object a correction, amounts in yuan: 400 for a year or an entry that is none, 404 while the ledger cannot be read
    and where it holds no such correction."""
    lang = request_lang(request)
    asked = corrections_asked(request)
    if asked is None:
        return _error(wrong_in_query(request), lang)
    notice = await run_in_threadpool(corrections_now, web, lang, *asked)
    if isinstance(notice, Phrase):
        return _error(notice, lang, 404)
    listed = notice.listed
    return JSONResponse({
        "policy": listed.policy, "years": list(listed.years), "after_entry": listed.after, "entries": listed.entries,
        "head": listed.head, "taken": listed.taken,
        "corrections": [{"seq": line.entry.seq, "corrects": line.award.seq, "year": a.year, "applicant": a.applicant,
                         "credit_code": a.credit_code, "district": a.district, "project": a.project,
                         "clause": a.clause, "application_id": a.application_id, "before": line.before,
                         "after": line.after, "taken": line.taken, "revoked": line.revoked, "kind": line.kind,
                         "basis": line.entry.award.basis, "decided_on": str(line.entry.award.awarded_on or "")}
                        for line in listed.lines for a in (line.award.award,)]})


def _line(line: Line) -> dict[str, object]:
    return {"year": line.year or None, "key": line.key, **{name: getattr(line, name) for name in FIGURES}}


async def correction(web: Web, request: Request, form: FormData) -> Response:
    """An award of the ledger the runs count lowered, revoked or raised again, as the ledger's page does it (a
    finance system recording a recovery, or putting a mistaken one right); sentences in `lang` (Chinese by
    default)."""
    asked = str(form.get("lang") or "zh")
    lang = asked if asked in LANGS else "zh"
    typed = Correction.typed(form)
    attempt = await correct_now(web, typed, lang)
    done = attempt.corrected
    if done is None:
        return JSONResponse({"error": attempt.said}, status_code=attempt.status)
    return JSONResponse({"entry": done.entry.seq, "corrects": done.award_entry.seq, "before": done.before,
                         "after": done.after, "kind": done.kind, "entries": done.ledger.count, "said": attempt.said})
