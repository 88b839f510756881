"""The two-year pages: of a total for two budget years, how much should the first get — `optimizer.plan_years` on a
finished run of each year, each year's workbook and scenario as its run recorded them (docs/planning.md, How to
split two years' money?).

    GET  /plans                 every plan (its question, the two runs it came from, how it was tried — the splits,
                                whose weights, how near is about as good — its answer, its status, when), and a new
                                one: a finished run of the first year and one of a later year (each the newest whose
                                scenario is a shipped one as shipped, unless told otherwise), the total, the first
                                year's budgets to try (lowest, highest, step; refined around the best unless told not
                                to), whose clause weights value both years, and how near the best is about as good —
                                each filled in from the query where it gives them (a plan's 再测算 link)
    POST /plans                 → a queued plan → /plans/ID (the queue, then its progress, while it works)
    GET  /plans/ID              the answer first — the band about as good, the best split beneath — in an officer's
                                words, and what the value is measured by; each split, in charts (near the best, then
                                every split) and a table; a new allocation of each year at the best split, named after
                                the plan; a closer look around the band; its files
    GET  /plans/ID/files/NAME   plan.csv (YearPlan.to_frame) or plan.xlsx

A plan counts the award ledger as the first year's run counted it (the ledger before the first year), whatever it
holds now; its worker is `plan_tasks.plan_run`, queued by `PlanRunner`, the app's runner with plans added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from optimizer.jobs.year_plan import in_yi
from optimizer.money import said_amount
from optimizer.reading.run_folder import download_name
from optimizer.report.units import YI
from optimizer.web import plan_tasks, tasks
from optimizer.web.forms import read_toml_bytes, toml_text
from optimizer.web.goal_note import budget_typed
from optimizer.web.plan_form import (
    DEFAULTS,
    FIELDS,
    MAX_SPLITS,
    ROUND,
    Asked,
    asked_of,
    finer_step,
    first_published,
    plan_holds,
    question,
    read_plan,
    splits_between,
)
from optimizer.web.plan_page import charts, measure, split_rows
from optimizer.web.plan_tasks import compared, findings, tried_said
from optimizer.web.registry import NewRun, RunRecord
from optimizer.web.run_page import cautions_of, queue_of, run_inputs, run_of
from optimizer.web.runner import Runner, progress_file, progress_of
from optimizer.web.security import Refused
from optimizer.web.state import Web
from optimizer.web.tools import file_response
from optimizer.web.uploads import post
from optimizer.web.views import pickable, record_scenario, request_lang, run_label, scenario_label, solver_said
from optimizer.words import Phrase, pick

PLAN_FILES = ("plan.csv", "plan.xlsx")


class PlanRunner(Runner):
    """The app's runner, which also queues a two-year plan for the next free worker (and again after a restart)."""

    def start(self, record: RunRecord) -> None:
        if record.kind != "plan":
            super().start(record)
            return
        job = self.plan_job(record)
        if job is None:
            damaged = tasks.Outcome("failed", error=tasks.both(Phrase.of("web.record_damaged")))
            self.registry.finish(record.id, damaged.status, damaged.record())
            return
        future = self.solves.submit(plan_tasks.plan_run, job, on_start=lambda: self.registry.started(record.id))
        future.add_done_callback(lambda done: self._finished(record, done))

    def plan_job(self, record: RunRecord) -> plan_tasks.PlanJob | None:
        """The plan's job: the first year's run's inputs are the record's own, the second's its params'."""
        asked = asked_of(record.params)
        second = record.params.get("second_inputs")
        if asked is None or not isinstance(second, dict):
            return None
        first = self.job(record)
        try:
            workbook, scenario = self.registry.input_path(str(second["workbook"])), second.get("scenario")
            other = tasks.RunJob(workbook, str(second["workbook_name"]),
                                 None if scenario is None else self.registry.input_path(str(scenario)),
                                 str(second.get("scenario_name") or "scenario"), None, first.solver, first.lang,
                                 bool(second.get("skip_invalid")), first.out_dir, self.limits)
        except (KeyError, ValueError):
            return None
        runs = [self.registry.get(run_id) for run_id in (asked.first, asked.second)]
        labels, scenarios = (tuple("" if run is None else said(run, first.lang, self.registry.inputs) for run in runs)
                             for said in (run_label, record_scenario))
        return plan_tasks.PlanJob(asked, first, other, progress_file(self, record), (labels[0], labels[1]),
                                  (scenarios[0], scenarios[1]))


def routes(web: Web) -> list[BaseRoute]:
    return [
        Route("/plans", partial(plans_page, web)),
        post("/plans", partial(start_plan, web), web.access),
        Route("/plans/{run_id}", partial(plan_page, web)),
        Route("/plans/{run_id}/files/{name}", partial(plan_file, web)),
    ]


# ---------------------------------------------------------------------------------------------- a new one


@dataclass(frozen=True)
class Sources:
    """The finished runs a plan may come from, newest first, each with its scenario's year (runs of no year are not
    offered: `without_year` counts them), and the pair the form picks unless told otherwise."""

    runs: tuple[RunRecord, ...]
    years: Mapping[str, int]
    without_year: int
    first: str = ""
    second: str = ""

    def by_year(self) -> list[tuple[int, list[RunRecord]]]:
        """The runs under their years, the latest year first."""
        found = sorted({self.years[r.id] for r in self.runs}, reverse=True)
        return [(year, [r for r in self.runs if self.years[r.id] == year]) for year in found]

    @property
    def only_year(self) -> int | None:
        """The one year every run offered is of (no later year to plan with), or None."""
        found = set(self.years.values())
        return found.pop() if len(found) == 1 else None


def sources_of(web: Web) -> Sources:
    """The runs a plan may come from, and the pair the form picks: of the latest year and of the year before it, each
    the newest run whose scenario is a shipped one as shipped, else the newest (an officer's review: the default was
    a trial of changed caps, 2026年基准方案（已修改）, because it was the newest) — archived runs last."""
    done = pickable(web.registry.runs())
    years = {r.id: year for r in done if (year := web.registry.year_of(r)) is not None}
    offered = tuple(r for r in done if r.id in years)
    latest = sorted(set(years.values()), reverse=True)
    first = second = ""
    if len(latest) >= 2:
        shipped = {preset.name for preset in web.presets.values()}

        def picked(year: int) -> str:
            of_year = [r for r in offered if years[r.id] == year]
            return next((r.id for r in of_year if not r.archived
                         and record_scenario(r, "en", web.registry.inputs) in shipped), of_year[0].id)

        second, first = picked(latest[0]), picked(latest[1])
    return Sources(offered, years, len(done) - len(offered), first, second)


async def plans_page(web: Web, request: Request, status: int = 200, problems: Mapping[str, list[str]] | None = None,
                     form: FormData | None = None) -> Response:
    """Every plan, and the form for a new one (as it was typed, when it comes back with what is wrong, each mistake
    under its field); each field as the query gives it (a plan's 再测算 link fills them in), the runs picked else the
    newest of the latest two years."""
    lang = request_lang(request)
    plans = await run_in_threadpool(web.registry.runs, "plan")
    sources = await run_in_threadpool(sources_of, web)
    query = request.query_params
    typed = {key: query.get(key, DEFAULTS[key]) for key in FIELDS}
    typed["first"], typed["second"] = typed["first"] or sources.first, typed["second"] or sources.second
    if form is not None:
        typed = {key: str(form.get(key, "")) for key in FIELDS}
    runs = {r.id: r for r in await run_in_threadpool(web.registry.runs)}
    asked = {p.id: asked_of(p.params) for p in plans}
    return web.views.page(request, "plans.html", status=status, plans=plans, sources=sources, values=typed,
                          problems=problems or {}, most=MAX_SPLITS, runs=runs, asked=asked,
                          listed={p.id: listed(p, asked[p.id], lang) for p in plans})


def listed(record: RunRecord, asked: Asked | None, lang: str) -> dict[str, str]:
    """A plan as the list shows it, so that plans of one question are told apart: what it asks, how (the splits
    tried, whose weights, how near is about as good), and, once done, its answer — the band about as good — the
    best split beneath, and where the band or the best reaches an end of the splits tried (an officer's review: a
    narrower band, at the ends of a narrower range, read as a correction of the one beside it)."""
    if asked is None:
        return dict.fromkeys(("question", "splits", "value_under", "tolerance", "answer", "best", "edge",
                              "best_label"), "")
    found = record.outcome.get("plan") if record.status == "done" else None
    found = found if isinstance(found, dict) else None
    said = {} if found is None else findings(found, lang)
    return {"question": question(asked, lang), **facts_said(asked, found, lang), "answer": said.get("headline", ""),
            "best": said["best"] if found is not None and found.get("best") is not None else "",
            "edge": said.get("listed_edge", ""), "best_label": said.get("best_label", "")}


async def start_plan(web: Web, request: Request, form: FormData) -> Response:
    lang = request_lang(request)
    typed = {key: str(form.get(key, "")).strip() for key in FIELDS}
    asked, problems = await run_in_threadpool(read_plan, web, typed, lang)
    if asked is None:
        return await plans_page(web, request, status=400, problems=problems, form=form)
    first, second = web.registry.get(asked.first), web.registry.get(asked.second)
    assert first is not None and second is not None
    workbook = web.registry.stored_input(first.workbook)
    scenario = web.registry.stored_input(first.scenario) if first.scenario else None
    assert workbook is not None
    inputs = {"workbook": second.workbook, "workbook_name": second.workbook_name, "scenario": second.scenario,
              "scenario_name": second.scenario_name, "skip_invalid": second.skip_invalid}
    record = web.registry.add(NewRun(workbook, scenario, first.scenario_name, None, asked.total, first.solver, lang,
                                     first.skip_invalid, kind="plan",
                                     params={**asked.params(), "second_inputs": inputs}))
    web.running.start(record)
    return RedirectResponse(f"/plans/{record.id}", status_code=303)


# ---------------------------------------------------------------------------------------------- one


def year_links(web: Web, found: Mapping[str, Any], asked: Asked, lang: str,
               held_published: bool = False) -> list[tuple[str, str, bool]]:
    """A new allocation of each year at the best split (its text, its address, and whether it is for later), from
    that year's run — where the run is still there, finished — named after the plan. The second year's is for after
    the first's 公示: the plan counted the first year's awards as published, and a run of the second before then funds
    others (an officer's review: 74 + 3 where the plan said 76 + 4). Once the first year is published at the plan's
    budget (`held_published`), only the second year's, no longer "after the 公示"."""
    if found.get("best") is None:
        return []
    best = found["splits"][found["best"]]
    links = []
    for run_id, year, budget, later in ((asked.first, found["first_year"], best["first_budget"], False),
                                        (asked.second, found["second_year"], best["second_budget"], True)):
        source = web.registry.get(run_id)
        if (source is not None and source.kind == "allocate" and source.status == "done" and budget > 0
                and (later or not held_published)):
            code = "web.plan.new_run_later" if later and not held_published else "web.plan.new_run"
            text = Phrase.of(code, year=year, budget=in_yi(budget), first=found["first_year"]).text(lang, "web")
            split = (found["first_year"], best["first_budget"])
            links.append((text, plan_run_link(web, source, budget, asked.total, split, lang), later))
    return links


def published_other(found: Mapping[str, Any], asked: Asked, run: RunRecord | None,
                    lang: str) -> tuple[str, str] | None:
    """Where the first year was published from a run at another budget than the plan's best split: what the page
    says instead of the second year's link, and the plan form again from the run published, at its budget alone (the
    second year then the rest of the total after it). An officer's review: 2026 published at 2亿, not the plan's
    2.03亿, and the 2027 run made from the plan's link was still named 两年分配：合计3.2亿元 at 1.17亿 — 3.17亿 in
    all, counting 2026 awards the plan had not. `run`: the first year's run published (first_published). None where
    the plan still holds: nothing of the first year published, or a run at the plan's budget."""
    if run is None or plan_holds(found, run):
        return None
    assert run.budget is not None
    best = found["splits"][found["best"]]
    first_year, rest = found["first_year"], best["second_budget"]
    code = "web.plan.published_other" if compared(found) else "web.plan.published_other_single"  # no best of one
    text = Phrase.of(code, first=first_year, second=found["second_year"], run=run.id,
                     budget=in_yi(run.budget), best=in_yi(best["first_budget"]), rest=in_yi(rest),
                     sum=in_yi(run.budget + rest)).text(lang, "web")
    query = {"first": run.id, "second": asked.second, "total": typed_amount(asked.total),
             "start": typed_amount(run.budget), "stop": typed_amount(run.budget), "step": "", "refine": "",
             "value_under": asked.value_under, "tolerance": typed_amount(asked.tolerance)}
    return text, f"/plans?{urlencode(query)}"


def published_held(found: Mapping[str, Any], run: RunRecord | None, lang: str) -> str:
    """Where the first year was published from a run at the plan's best first-year budget: what the page says in
    place of the first year's link and the caution to wait for the 公示 (an officer's review: a plan made from the
    run published still offered a new first-year run, and a second year "after the 公示" the ledger already held);
    "" where it was not."""
    if run is None or not plan_holds(found, run):
        return ""
    best = found["splits"][found["best"]]
    return Phrase.of("web.plan.published_held", first=found["first_year"], second=found["second_year"], run=run.id,
                     budget=in_yi(best["first_budget"]), rest=in_yi(best["second_budget"])).text(lang, "web")


def plan_run_link(web: Web, source: RunRecord, budget: int, total: int, split: tuple[int, int], lang: str) -> str:
    """The new-run form with the run's workbook, settings and scenario, at `budget`, its scenario named after the plan
    (`plan_run_name`: the total and `split`, the first year and its share) — kept as a scenario file of ours, as the
    goal pages keep theirs."""
    data: dict[str, Any] = {}
    if source.scenario:
        data = read_toml_bytes(web.registry.input_path(source.scenario).read_bytes())
    name = scenario_label(str(data.get("name") or source.scenario_name or ""), lang)
    data = {**data, "budget": budget_typed(budget), "name": plan_run_name(name, total, split, lang)}
    kept = web.registry.keep_bytes(toml_text(data, lang).encode("utf-8"), "scenario.toml", ".toml").name
    query = {"from": source.id, "kept": kept, "solver": source.solver, "report_lang": source.lang}
    if source.skip_invalid:
        query["skip_invalid"] = "1"
    return f"/new?{urlencode(query)}"


def plan_run_name(name: str, total: int, split: tuple[int, int], lang: str) -> str:
    """The name of a new run at a plan's split: the scenario's, and the plan in short — its total and the first
    year's share, as its headline says it — so that the runs list tells apart the runs of two plans of one total (an
    officer's review: every plan of 3.2亿 named its runs `（两年分配：合计3.2亿元）`). Either year's run names the
    first year's share: the second year's budget is the rest.

    >>> plan_run_name("2027年基准方案", 320_000_000, (2026, 203_600_000), "zh")
    '2027年基准方案（两年分配：合计3.2亿元，2026年2.036亿元）'
    >>> plan_run_name("", 320_000_000, (2026, 200_000_000), "en")
    'Two-year plan: 3.2亿 in all, 2亿 for 2026'
    """
    first, share = split
    words = {"total": pick(in_yi(total), lang), "first": first, "share": pick(in_yi(share), lang)}
    if not name:
        return Phrase.of("web.plan.run_name_split_alone", **words).text(lang, "web")
    return Phrase.of("web.plan.run_name_split", name=name, **words).text(lang, "web")


def again_link(asked: Asked, found: Mapping[str, Any] | None) -> str:
    """The form again, with the same two runs — and, once the plan has a best split, the rest filled in for a closer
    look: the total, whose weights, the tolerance, and the first-year budgets from one step below the band about as
    good to one above (its finest step: the one it refined at, if it did; within 0 and the total), the smallest round
    step from a tenth of that one that keeps within MAX_SPLITS, refined where that step allows. An officer's review:
    the best ± a step, narrower than the band, came back as a narrower band that read as a correction of the first.
    A plan of one first-year budget (start = stop: the one made from a run published) is not refined: the two runs
    alone (an officer's review: 1.999亿–2.001亿 at 1万 around a year that can no longer change).

    >>> from urllib.parse import parse_qsl, urlsplit
    >>> asked = Asked("a", "b", 320_000_000, 0, 320_000_000, 10_000_000, "first", 100_000, (2026, 2027),
    ...               refine=1_000_000)
    >>> found = {"best": 0, "splits": [{"first_budget": 203_000_000}], "band": [198_000_000, 204_000_000]}
    >>> query = dict(parse_qsl(urlsplit(again_link(asked, found)).query, keep_blank_values=True))
    >>> query["total"], query["start"], query["stop"], query["step"], query["refine"], query["tolerance"]
    ('3.2亿', '1.97亿', '2.05亿', '50万', '', '10万')
    >>> again_link(Asked("a", "b", 320_000_000, 200_000_000, 200_000_000, 0, "first", 100_000, (2026, 2027)), found)
    '/plans?first=a&second=b'
    """
    query = {"first": asked.first, "second": asked.second}
    if found is not None and found.get("best") is not None and asked.start != asked.stop:
        best, finest = found["splits"][found["best"]]["first_budget"], asked.refine or asked.step
        low, high = found.get("band") or (best, best)
        start, stop = max(0, low - finest), min(asked.total, high + finest)
        step = max((s for s in ROUND if s * 10 <= finest), default=1)
        while splits_between(start, stop, step) > MAX_SPLITS:
            step = next(s for s in ROUND if s > step)
        query |= {"total": typed_amount(asked.total), "start": typed_amount(start), "stop": typed_amount(stop),
                  "step": typed_amount(step), "refine": "1" if finer_step(step) else "",
                  "value_under": asked.value_under, "tolerance": typed_amount(asked.tolerance)}
    return f"/plans?{urlencode(query)}"


def typed_amount(amount: int) -> str:
    """An amount as the form's fields take it back, exactly: `3.2亿`, `2.037亿` from 1亿 up, else `18433万`, `9000元`.

    >>> typed_amount(320_000_000), typed_amount(203_750_000), typed_amount(500_000), typed_amount(9_000)
    ('3.2亿', '2.0375亿', '50万', '9000元')
    """
    return in_yi(amount)[1] if amount >= YI else budget_typed(amount)


async def plan_page(web: Web, request: Request) -> Response:
    """A plan's page: the queue, then its progress while it works; then what it found, each split, a new allocation
    of each year at the best split, and its files."""
    record = run_of(web, request, "plan")
    lang = request_lang(request)
    asked = asked_of(record.params)
    found = record.outcome.get("plan") if record.status == "done" else None
    if not isinstance(found, dict) or asked is None:
        found = None
    published = None if found is None else await run_in_threadpool(first_published, web, found)
    held_said = "" if found is None else published_held(found, published, lang)
    links = ([] if found is None or asked is None
             else await run_in_threadpool(year_links, web, found, asked, lang, bool(held_said)))
    other = None if found is None or asked is None else published_other(found, asked, published, lang)
    if other is not None:  # the first year is published (no second run of it), and the second year's link no
        links = []  # longer follows the plan: said instead, with a plan again
    cautions = await run_in_threadpool(cautions_of, web, record, lang, run_inputs(record))
    runs = {} if asked is None else {key: web.registry.get(run_id) for key, run_id in (("first", asked.first),
                                                                                       ("second", asked.second))}
    return web.views.page(
        request, "plan.html", run=record, outcome=record.outcome, asked=asked, found=found, runs=runs,
        question=question(asked, lang) if asked is not None else "",
        said={**findings(found, lang), "measure": measure(found, lang)} if found is not None else {},
        rows=table_rows(found, lang) if found is not None else [], charts=charts(found, lang) if found else [],
        compared=found is not None and compared(found),
        solver_used=None if found is None else solver_said(record.solver, lang, found.get("solvers")),
        links=links, published_other=other, published_held=held_said, cautions=cautions, queue=queue_of(web, record),
        progress=progress_of(web.running, record) if record.active else None,
        facts=facts_said(asked, found, lang) if asked is not None else {}, files=PLAN_FILES,
        again=again_link(asked, found) if asked is not None else "",
        downloads={name: download_name(record.id, name, lang) for name in PLAN_FILES})


def table_rows(found: Mapping[str, Any], lang: str) -> list[dict[str, str]]:
    """The splits' table (plan_page.split_rows); a plan of one split marks none of them 最优, with none to compare."""
    rows = split_rows(found, lang)
    return [{**row, "mark": ""} for row in rows] if len(rows) == 1 else rows


def facts_said(asked: Asked, found: Mapping[str, Any] | None, lang: str) -> dict[str, str]:
    """What the plan asked, as its page and the list say it: the total, the splits tried, whose weights, the
    tolerance — "" for a plan of one split, which compares none (an officer's review: `视为效果基本相同 | 2026年预算再
    增加10万元所能带来的效果` beside `这一种分法（无从比较）`)."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, "web")

    one, two = asked.years
    which = {"first": (one, "web.plans.value_first"), "second": (two, "web.plans.value_second")}[asked.value_under]
    budgets = None if found is None else [split["first_budget"] for split in found["splits"]]
    refined = None if found is None else found.get("refined")
    single = asked.start == asked.stop if found is None else not compared(found)
    return {"total": pick(said_amount(asked.total), lang),
            "splits": tried_said(asked.start, asked.stop, asked.step, asked.refine, budgets, lang, refined),
            "value_under": t("web.plan.value_year", which=Phrase.of(which[1]).both(), year=which[0]),
            "tolerance": "" if single else t("web.plan.tolerance_said", first=one,
                                             tolerance=said_amount(asked.tolerance))}


async def plan_file(web: Web, request: Request) -> Response:
    """One of a finished plan's files by its name (plan.csv, plan.xlsx), saved as `<编号>-年度分配测算.xlsx`."""
    record = run_of(web, request, "plan")
    if record.status != "done":
        raise Refused(404, Phrase.of("web.not_found"))
    name = str(request.path_params["name"])
    lang = request_lang(request)
    return file_response(web.registry.run_folder(record), name, PLAN_FILES,
                         (download_name(record.id, name, "en"), download_name(record.id, name, lang)))

