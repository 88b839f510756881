"""The pages of a run's life, routed together: a new run (new_run.py: upload, problems, the scenario form, its TOML)
and one run (run_page.py), with the policy's clauses; runs.py lists every run.

    GET  /new               upload a workbook; its problems; the scenario form (?upload=, ?preset=, ?from=RUN)
    POST /uploads           a workbook, read as the command line reads it → /new?upload=…
    POST /runs              the form → a queued run → /runs/ID (a workbook with problems, its invalid rows not
                            skipped, only once the officer confirms it: the run will be 数据有误)
    POST /scenario.toml     the form as the TOML file the command line reads
    POST /scenarios         a scenario file, kept → the form filled in from it (/new?scenario=…, or /stability?…)
    GET  /runs/ID           a run: status, warnings, report, downloads, binding limits, one application's outcome
                            (?q=); once published, what its awards stand at after the corrections recorded since
    GET  /template.xlsx     the blank application workbook, as `budgetopt template` writes it
    GET  /policy            the policy's clauses, as `budgetopt policy` lists them, each with its own sentence
"""

from __future__ import annotations

from functools import partial

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from optimizer.report.console import clause_rows
from optimizer.web import new_run, run_page
from optimizer.web.state import Web
from optimizer.web.views import request_lang


def routes(web: Web) -> list[BaseRoute]:
    return [*new_run.routes(web), *run_page.routes(web), Route("/policy", partial(policy_page, web))]


async def policy_page(web: Web, request: Request) -> Response:
    """The clauses of the policy the app allocates under: what `budgetopt policy` prints, and each clause's sentence
    in the policy's own words (what a reason or an audit cites)."""
    lang = request_lang(request)
    rows = [(row, web.policy.clauses[row[0]].source) for row in clause_rows(web.policy, lang)]
    return web.views.page(request, "policy.html", policy=web.policy, rows=rows)
