"""The pages of a run's life, routed together: a new run — GET /new, POST /uploads, /runs, /scenario.toml,
/scenarios, GET /template.xlsx (new_run.py, whose docstring says what each does) — and one run, GET /runs/ID
(run_page.py); here GET /policy, the policy's clauses as `budgetopt policy` lists them, each with its own sentence.
runs.py lists every run.
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
