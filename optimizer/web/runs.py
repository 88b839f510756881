"""The list of runs, and archiving one.

    GET  /                      every run, newest first (those published marked); pick two to compare; ?year=2026
                                (or none: no year) those of a year, ?archived=1 those archived instead (under a
                                heading of their own); ?unarchived=ID says that run was just brought back
    POST /runs/ID/archive       a finished run archived: hidden from the list of runs, nothing deleted, the ledger as
                                it was (…/unarchive brings it back) → /runs/ID, or back to the list (back=list), which
                                says the run brought back is listed again
"""

from __future__ import annotations

from functools import partial
from urllib.parse import quote, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from optimizer.rules.scenario import YEARS
from optimizer.web.ledgers import published_runs
from optimizer.web.run_page import run_of
from optimizer.web.security import Refused
from optimizer.web.state import Web
from optimizer.web.uploads import post
from optimizer.words import Phrase

NO_YEAR = "none"  # the start page's ?year= for the runs whose scenario names no year


def routes(web: Web) -> list[BaseRoute]:
    return [
        Route("/", partial(runs_page, web)),
        post("/runs/{run_id}/archive", partial(archive_run, web, True), web.access),
        post("/runs/{run_id}/unarchive", partial(archive_run, web, False), web.access),
        *(Route(f"/runs/{{run_id}}/{path}", back_to_run, methods=["GET", "HEAD"]) for path in ("archive", "unarchive")),
    ]


async def runs_page(web: Web, request: Request) -> Response:
    """The runs, newest first: of one year (?year=2026, ?year=none for those without one) or every year; those not
    archived, or (?archived=1) those archived, each with 取消归档 — and, just after one was brought back from that
    list (?unarchived=ID), that it is listed again."""
    year, archived = year_asked(request.query_params.get("year", "")), request.query_params.get("archived") == "1"
    records = await run_in_threadpool(web.registry.runs)
    back = next((r for r in records if r.id == request.query_params.get("unarchived") and r.archived is None), None)
    years = await run_in_threadpool(lambda: {r.id: web.registry.year_of(r) for r in records})
    of_year = [r for r in records if not year or years[r.id] == (None if year == NO_YEAR else int(year))]
    shown = [r for r in of_year if (r.archived is not None) == archived]
    folders = {r.id: web.registry.run_folder(r) for r in shown if r.status == "done"}
    published = await run_in_threadpool(published_runs, web.ledger, folders)
    present = sorted({str(y) for y in years.values() if y is not None} | ({year} - {"", NO_YEAR}), reverse=True)
    choices = ["", *present, *([NO_YEAR] if None in years.values() or year == NO_YEAR else [])]
    return web.views.page(request, "runs.html", runs=shown, published=published, years=years, year=year,
                          archived=archived, archived_count=sum(r.archived is not None for r in of_year),
                          any_runs=bool(records), filters=[(y, runs_address(y, archived)) for y in choices],
                          toggle=runs_address(year, not archived), no_year=NO_YEAR, unarchived=back)


def year_asked(asked: str) -> str:
    """The year the start page is asked to show — `2026`, `none` (the runs without one) — or "" (every year) for
    anything else."""
    asked = asked.strip()
    if asked == NO_YEAR:
        return asked
    return str(int(asked)) if asked.isascii() and asked.isdigit() and int(asked) in YEARS else ""


def runs_address(year: str, archived: bool, unarchived: str = "") -> str:
    """The start page's address showing the runs of `year` ("" for every year), archived or not (and saying that
    the run `unarchived` was just brought back).

    >>> runs_address("", False), runs_address("2026", True, "20261207-104649-a58853")
    ('/', '/?year=2026&archived=1&unarchived=20261207-104649-a58853')
    """
    query = {key: value for key, value in (("year", year), ("archived", "1" if archived else ""),
                                           ("unarchived", unarchived)) if value}
    return f"/?{urlencode(query)}" if query else "/"


async def archive_run(web: Web, archived: bool, request: Request, form: FormData) -> Response:
    """A finished run archived — hidden from the list of runs: its record, its files and the award ledger stay as
    they are, a publication included — or brought back (`archived` False); then its page, or (back=list) the list
    it was brought back from."""
    record = run_of(web, request)
    if archived and record.active:
        raise Refused(409, Phrase.of("web.archive.active"))
    await run_in_threadpool(web.registry.archive, record.id, archived)
    if form.get("back") == "list":
        return RedirectResponse(runs_address(year_asked(str(form.get("year", ""))), form.get("archived") == "1",
                                             "" if archived else record.id), status_code=303)
    return RedirectResponse(f"/runs/{record.id}", status_code=303)


async def back_to_run(request: Request) -> Response:
    """GET of an archive button's address (reloaded after a refusal): the run's page, never a refusal."""
    return RedirectResponse(f"/runs/{quote(str(request.path_params['run_id']), safe='')}", status_code=303)
