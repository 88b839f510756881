"""The two-year pages: of a total for two budget years, how much should the first get — `optimizer.plan_years` on a
finished run of each year, each year's workbook and scenario as its run recorded them (docs/planning.md, How to
split two years' money?).

    GET  /plans                 every plan (its question, the two runs it came from, when, its status, the best
                                split), and a new one: a finished run of the first year and one of a later year, the
                                total, the first year's budgets to try (lowest, highest, step), whose clause weights
                                value both years, and how near the best is about as good
    POST /plans                 → a queued plan → /plans/ID (the queue, then its progress, while it works)
    GET  /plans/ID              the best split and the band about as good, in an officer's words, and what the value
                                is measured by; each split, as a chart and a table; a new allocation of each year at
                                the best split; its files
    GET  /plans/ID/files/NAME   plan.csv (YearPlan.to_frame) or plan.xlsx

A plan counts the award ledger as the first year's run counted it (the ledger before the first year), whatever it
holds now; its worker is `plan_tasks.plan_run`, queued by `PlanRunner`, the app's runner with plans added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from optimizer.errors import InputError
from optimizer.money import said_amount
from optimizer.reading.run_folder import download_name
from optimizer.report.html import line_chart
from optimizer.rules.scenario import read_budget
from optimizer.web import plan_tasks, tasks
from optimizer.web.goals import new_run_link
from optimizer.web.ledgers import LedgerFacts
from optimizer.web.pages import queue_of, run_of
from optimizer.web.registry import RUN_ID, NewRun, RunRecord
from optimizer.web.runner import Runner, progress_file, progress_of
from optimizer.web.security import Refused
from optimizer.web.state import Web
from optimizer.web.tools import file_response
from optimizer.web.uploads import post
from optimizer.web.views import figure, pickable, request_lang, scenario_label
from optimizer.words import Phrase, pick

PLAN_FILES = ("plan.csv", "plan.xlsx")
FIELDS = ("first", "second", "total", "start", "stop", "step", "value_under", "tolerance")
DEFAULTS = {"first": "", "second": "", "total": "", "start": "", "stop": "", "step": "", "value_under": "first",
            "tolerance": "10万"}
MAX_SPLITS = 40  # splits one plan in the app solves at most (two solves each), as a sweep has levels
STEPS = tuple(int(m * 10 ** k) for k in range(5, 16) for m in (1, 2, 5))  # round steps: 10万, 20万, 50万, 100万, …


@dataclass(frozen=True)
class Asked:
    """What a plan asks, as its record keeps it (params): the two runs, the total, the first year's budgets (every
    `step` from `start` to `stop`), whose weights value both years, the tolerance of the band (yuan), and the
    ledger the first year's run counted (None: none)."""

    first: str
    second: str
    total: int
    start: int
    stop: int
    step: int
    value_under: str
    tolerance: int
    years: tuple[int, int]
    ledger: LedgerFacts | None = None

    def params(self) -> dict[str, Any]:
        ledger = None if self.ledger is None else {key: getattr(self.ledger, key) for key in LEDGER_KEYS}
        return {"first": self.first, "second": self.second, "total": self.total, "start": self.start,
                "stop": self.stop, "step": self.step, "value_under": self.value_under, "tolerance": self.tolerance,
                "years": list(self.years), "ledger": ledger}

    @property
    def count(self) -> int:
        return splits_between(self.start, self.stop, self.step)


LEDGER_KEYS = ("path", "name", "entries", "head", "default")


def asked_of(params: Mapping[str, Any]) -> Asked | None:
    """A plan's record read back (None for one edited by hand into what the app never writes)."""
    try:
        ledger = params.get("ledger")
        facts = None if ledger is None else LedgerFacts(str(ledger["path"]), str(ledger["name"]),
                                                         _int(ledger["entries"]), str(ledger["head"]),
                                                         bool(ledger["default"]))
        one, two = (_int(year) for year in params["years"])
        asked = Asked(str(params["first"]), str(params["second"]), _int(params["total"]), _int(params["start"]),
                      _int(params["stop"]), _int(params["step"]), str(params["value_under"]),
                      _int(params["tolerance"]), (one, two), facts)
    except (KeyError, TypeError, ValueError):
        return None
    if (asked.value_under not in ("first", "second") or asked.step <= 0 or not 0 <= asked.start <= asked.stop
            or not (RUN_ID.match(asked.first) and RUN_ID.match(asked.second))):
        return None
    return asked


def _int(value: Any) -> int:
    """A whole number the registry kept (not a bool, a float or a text one made by hand)."""
    if type(value) is not int:
        raise ValueError(value)
    return int(value)


def splits_between(start: int, stop: int, step: int) -> int:
    """How many first-year budgets every `step` from `start` to `stop` (included) is, as plan_years tries them.

    >>> splits_between(0, 320_000_000, 10_000_000), splits_between(0, 25, 10), splits_between(5, 5, 10)
    (33, 4, 1)
    """
    return (stop - start) // step + 1 + (1 if (stop - start) % step else 0)


def default_step(start: int, stop: int) -> int:
    """The smallest round step (10万, 20万, 50万, 100万, …) that tries at most MAX_SPLITS first-year budgets.

    >>> default_step(0, 320_000_000), default_step(0, 400_000_000), default_step(185_000_000, 210_000_000)
    (10000000, 20000000, 1000000)
    """
    return next((step for step in STEPS if splits_between(start, stop, step) <= MAX_SPLITS), STEPS[-1])


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
        return plan_tasks.PlanJob(first, other, asked.total, asked.start, asked.stop, asked.step, asked.value_under,
                             asked.tolerance, asked.ledger, (asked.first, asked.second), progress_file(self, record))


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
    done = pickable(web.registry.runs())
    years = {r.id: year for r in done if (year := web.registry.year_of(r)) is not None}
    offered = tuple(r for r in done if r.id in years)
    latest = sorted(set(years.values()), reverse=True)
    first = second = ""
    if len(latest) >= 2:  # the newest run of the latest year, and of the year before it
        second = next(r.id for r in offered if years[r.id] == latest[0])
        first = next(r.id for r in offered if years[r.id] == latest[1])
    return Sources(offered, years, len(done) - len(offered), first, second)


async def plans_page(web: Web, request: Request, status: int = 200, problems: Mapping[str, list[str]] | None = None,
                     form: FormData | None = None) -> Response:
    """Every plan, and the form for a new one (as it was typed, when it comes back with what is wrong, each mistake
    under its field); the runs picked are ?first= and ?second=, else the newest of the latest two years."""
    lang = request_lang(request)
    plans = await run_in_threadpool(web.registry.runs, "plan")
    sources = await run_in_threadpool(sources_of, web)
    query = request.query_params
    typed = {**DEFAULTS, "first": query.get("first", "") or sources.first,
             "second": query.get("second", "") or sources.second}
    if form is not None:
        typed = {key: str(form.get(key, "")) for key in FIELDS}
    runs = {r.id: r for r in await run_in_threadpool(web.registry.runs)}
    asked = {p.id: asked_of(p.params) for p in plans}
    return web.views.page(request, "plans.html", status=status, plans=plans, sources=sources, values=typed,
                          problems=problems or {}, most=MAX_SPLITS, runs=runs,
                          questions={p.id: question(a, lang) if a else "" for p, a in zip(plans, asked.values(),
                                                                                          strict=True)},
                          asked=asked, bests={p.id: best_said(p, lang) for p in plans})


def question(asked: Asked, lang: str) -> str:
    """What a plan asks, in words: `两年合计3.2亿元：2026年度安排多少、2027年度安排多少效果最好？`."""
    one, two = asked.years
    return Phrase.of("web.plan.question", total=said_amount(asked.total), first=one, second=two).text(lang, "web")


def best_said(record: RunRecord, lang: str) -> str:
    """A finished plan's best split in short, for the list: `2026年 2亿元，2027年 1.2亿元`."""
    found = record.outcome.get("plan") if record.status == "done" else None
    if not isinstance(found, dict) or found.get("best") is None:
        return ""
    best = found["splits"][found["best"]]
    return Phrase.of("web.plan.best_figure", first=found["first_year"], second=found["second_year"],
                     one=said_amount(best["first_budget"]), two=said_amount(best["second_budget"])).text(lang, "web")


def _label(key: str, lang: str) -> str:
    return Phrase.of(f"web.plans.{key}").text(lang, "web")


def _wrong(code: str, key: str, lang: str, **params: Any) -> str:
    """A mistake of the form, said at its field (by the field's label)."""
    return Phrase.of(code, field=_label(key, lang), **params).text(lang, "web")


def _amount(typed: str, key: str, lang: str, problems: dict[str, list[str]]) -> int | None:
    """An amount as typed, read as the library reads one (its unit required: a bare 3000 is asked about), or None
    with what is wrong added at its field."""
    try:
        return read_budget(typed, _label(key, lang))
    except InputError as exc:
        problems.setdefault(key, []).extend(p.text(lang, "web") for p in exc.problems)
        return None


def _run(web: Web, key: str, typed: str, lang: str, problems: dict[str, list[str]]) -> tuple[RunRecord, int] | None:
    """A finished allocation picked for a year, and its scenario's year; or None with what is wrong at its field."""
    record = web.registry.get(typed) if RUN_ID.match(typed) else None
    if record is None or record.kind != "allocate" or record.status != "done":
        problems.setdefault(key, []).append(_wrong("web.plan.no_run", key, lang))
        return None
    year = web.registry.year_of(record)
    if year is None:
        problems.setdefault(key, []).append(_wrong("web.plan.no_year", key, lang, run=record.id))
        return None
    return record, year


def read_plan(web: Web, typed: Mapping[str, str], lang: str) -> tuple[Asked | None, dict[str, list[str]]]:
    """What the form asks, checked — or every mistake, each at its field."""
    problems: dict[str, list[str]] = {}
    one = _run(web, "first", typed["first"], lang, problems)
    two = _run(web, "second", typed["second"], lang, problems)
    if one is not None and two is not None:
        (_, first), (_, second) = one, two
        if second == first:
            problems["second"] = [_wrong("web.plan.same_year", "second", lang, year=first)]
        elif second < first:
            problems["second"] = [_wrong("web.plan.years_reversed", "second", lang, first=first, second=second)]
    total = _required(typed, "total", lang, problems)
    if total == 0:
        problems.setdefault("total", []).append(_wrong("web.plan.zero", "total", lang))
    budgets = _budgets(typed, total, lang, problems)
    value_under = typed["value_under"]
    if value_under not in ("first", "second"):
        problems["value_under"] = [_wrong("web.plan.bad_value_under", "value_under", lang)]
    tolerance = _required(typed, "tolerance", lang, problems)
    if problems or one is None or two is None or total is None or budgets is None or tolerance is None:
        return None, problems
    (first_run, first_year), (second_run, second_year) = one, two
    return Asked(first_run.id, second_run.id, total, *budgets, value_under, tolerance, (first_year, second_year),
                 _ledger_of(first_run)), problems


def _required(typed: Mapping[str, str], key: str, lang: str, problems: dict[str, list[str]]) -> int | None:
    if not typed[key]:
        problems.setdefault(key, []).append(Phrase.of("web.form.fill_in", field=_label(key, lang)).text(lang, "web"))
        return None
    return _amount(typed[key], key, lang, problems)


def _budgets(typed: Mapping[str, str], total: int | None, lang: str,
             problems: dict[str, list[str]]) -> tuple[int, int, int] | None:
    """The first year's budgets to try: every step from the lowest (0 unless typed) to the highest (the total
    unless typed), none above the total, at most MAX_SPLITS of them; the step a round one unless typed."""
    start = 0 if not typed["start"] else _amount(typed["start"], "start", lang, problems)
    stop = total if not typed["stop"] else _amount(typed["stop"], "stop", lang, problems)
    step = None if not typed["step"] else _amount(typed["step"], "step", lang, problems)
    if step == 0:
        problems.setdefault("step", []).append(_wrong("web.plan.zero", "step", lang))
    if total is not None:
        for key, amount in (("start", start), ("stop", stop)):
            if amount is not None and amount > total:
                problems.setdefault(key, []).append(_wrong("web.plan.above_total", key, lang,
                                                           amount=said_amount(amount), total=said_amount(total)))
    if start is None or stop is None or total is None or step == 0 or "start" in problems or "stop" in problems:
        return None
    if stop < start:
        problems["stop"] = [_wrong("web.plan.stop_below_start", "stop", lang, stop=said_amount(stop),
                                   start=said_amount(start))]
        return None
    if step is None:
        return None if "step" in problems else (start, stop, default_step(start, stop))
    count = splits_between(start, stop, step)
    if count > MAX_SPLITS:
        problems["step"] = [_wrong("web.plan.too_many", "step", lang, step=said_amount(step), count=f"{count:,}",
                                   most=MAX_SPLITS)]
        return None
    return start, stop, step


def _ledger_of(run: RunRecord) -> LedgerFacts | None:
    """The award ledger the run counted, as it recorded it (None: none)."""
    facts = run.outcome.get("ledger")
    if not isinstance(facts, dict):
        return None
    try:
        return LedgerFacts(str(facts["path"]), str(facts["name"]), _int(facts["entries"]), str(facts["head"]),
                           bool(facts.get("default")))
    except (KeyError, ValueError):
        return None


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


def findings(found: Mapping[str, Any], asked: Asked, lang: str) -> dict[str, str]:
    """What the page says of a plan's findings, sentence by sentence, in an officer's words: the best split, the band
    about as good (or that only the best is, at this step), whether the band reaches an end of the splits tried,
    what the value is measured by, and what the second year counts."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, "web")

    one, two = found["first_year"], found["second_year"]
    splits = found["splits"]
    said = {"best": "", "band": "", "gaps": "", "edge": "", "measure": "",
            "second_counts": t("web.plan.second_counts", first=one, second=two)}
    marginal = found.get("marginal")
    measure = {"year": found["value_year"], "scenario": scenario_label(found["value_scenario"], lang), "first": one}
    said["measure"] = (t("web.plan.measure", marginal=f"{float(marginal):.1f}", **measure) if marginal
                       else t("web.plan.measure_plain", **measure))
    if marginal and found["value_year"] != one:  # the band's margin is the first year's, in its own weights
        said["measure"] += t("web.plan.measure_rough", year=found["value_year"], first=one)
    if found.get("best") is None:
        said["best"] = t("web.plan.no_best")
        return said
    best = splits[found["best"]]
    said["best"] = t("web.plan.best_figure", first=one, second=two, one=said_amount(best["first_budget"]),
                     two=said_amount(best["second_budget"]))
    tolerance = said_amount(found["tolerance"])
    low, high = found["band"]
    if len(splits) == 1:
        said["band"] = t("web.plan.band_single", first=one, best=said_amount(best["first_budget"]))
    elif low == high:
        said["band"] = t("web.plan.band_one", step=said_amount(asked.step), first=one,
                         best=said_amount(best["first_budget"]), tolerance=tolerance)
    else:
        said["band"] = t("web.plan.band", first=one, low=bare(low), high=said_amount(high), tolerance=tolerance)
        inside = [s for s in splits if low <= s["first_budget"] <= high]
        if not all(s["near"] for s in inside):
            said["gaps"] = t("web.plan.band_gaps")
    solved = [s["first_budget"] for s in splits if s["valued"] is not None]
    edges = [edge for edge, at in (("low", solved[0]), ("high", solved[-1])) if at in (low, high)]
    if edges and len(solved) > 1:  # the best, or the band, at an end of the splits solved: it may go on beyond
        said["edge"] = t("web.plan.band_edge", edge=Phrase.of(
            "web.plan.edge_both" if len(edges) == 2 else f"web.plan.edge_{edges[0]}").both())
    return said


def bare(amount: int) -> str:
    """An amount as the start of a Chinese range says it: `1.98亿`, `1500万` (its unit follows the range's end).

    >>> bare(198_000_000), bare(15_000_000), bare(9_000)
    ('1.98亿', '1500万', '9,000元')
    """
    zh, _ = said_amount(amount)
    return zh.removesuffix("元") if zh.endswith(("万元", "亿元")) else zh


def about(amount: int, lang: str) -> str:
    """A budget equivalent as the page says it: to the thousand yuan (0.1万), an estimate.

    >>> about(309_932, "zh"), about(45_994, "en"), about(400, "zh")
    ('31万元', '4.6万', '0元')
    """
    return figure(round(amount, -3), lang)


def split_rows(found: Mapping[str, Any], lang: str) -> list[dict[str, str]]:
    """Each split as the table shows it: budgets in 万元, how far below the best (in budget where it can be said),
    each year's funded counts and what it left unspent, and the notes (why a year was not solved; whose period cap
    binds in the second year)."""
    rows = []
    for split in found["splits"]:
        notes = [pick(split["notes"], lang)] if split["notes"][0] else []
        if split["caps"][0]:
            notes.append(Phrase.of("web.plan.caps", year=found["second_year"], names=tuple(split["caps"])).text(
                lang, "web"))
        rows.append({
            "first": figure(split["first_budget"], lang), "second": figure(split["second_budget"], lang),
            "below": "" if split["below_best"] is None else f"{split['below_best']:,}",
            "equivalent": "" if split["equivalent"] is None or split["best"] else about(split["equivalent"], lang),
            "funded_first": _counts(split["funded_first"], split["partial_first"]),
            "funded_second": _counts(split["funded_second"], split["partial_second"]),
            "unspent_first": "" if split["unspent_first"] is None else figure(split["unspent_first"], lang),
            "unspent_second": "" if split["unspent_second"] is None else figure(split["unspent_second"], lang),
            "note": ("；" if lang == "zh" else "; ").join(notes),
            "mark": "best" if split["best"] else "near" if split["near"] else "",
            "id": str(split["first_budget"])})
    return rows


def _counts(funded: int | None, partial: int | None) -> str:
    return "" if funded is None or partial is None else f"{funded}＋{partial}"


def chart(found: Mapping[str, Any], lang: str) -> Markup:
    """The value of each split solved against its first-year budget, as distance below the best — in budget where
    the best split's funding line says it, else in weighted score × yuan — the best marked: an inline SVG."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, "web")

    one = found["first_year"]
    in_budget = bool(found.get("marginal"))
    solved = [s for s in found["splits"] if s["below_best"] is not None]
    if not solved:
        return Markup("")
    points = [(float(s["first_budget"]), -float(s["equivalent"] if in_budget else s["below_best"])) for s in solved]
    tips = [t("web.plan.chart_tip_best", first=one, budget=said_amount(s["first_budget"])) if s["best"] else
            t("web.plan.chart_tip", first=one, budget=said_amount(s["first_budget"]),
              below=about(s["equivalent"], lang) if in_budget else f"{s['below_best']:,}") for s in solved]
    best = next(i for i, s in enumerate(solved) if s["best"])
    svg = line_chart(points, t("web.plan.chart_x", first=one),
                     t("web.plan.chart_y" if in_budget else "web.plan.chart_y_plain", first=one), highlight=best,
                     y_money=in_budget, tips=tips)
    return Markup(svg)  # line_chart escapes every text it writes


def year_links(web: Web, found: Mapping[str, Any], asked: Asked, lang: str) -> list[tuple[str, str, bool]]:
    """A new allocation of each year at the best split (its text, its address, and whether it is for later), from
    that year's run — where the run is still there, finished. The second year's is for after the first's 公示: the
    plan counted the first year's awards as published, and a run of the second before then funds others (an
    officer's review: 74 + 3 where the plan said 76 + 4)."""
    if found.get("best") is None:
        return []
    best = found["splits"][found["best"]]
    links = []
    for run_id, year, budget, later in ((asked.first, found["first_year"], best["first_budget"], False),
                                        (asked.second, found["second_year"], best["second_budget"], True)):
        source = web.registry.get(run_id)
        if source is not None and source.kind == "allocate" and source.status == "done" and budget > 0:
            code = "web.plan.new_run_later" if later else "web.plan.new_run"
            text = Phrase.of(code, year=year, budget=said_amount(budget), first=found["first_year"]).text(lang, "web")
            links.append((text, new_run_link(web, source, budget, lang), later))
    return links


async def plan_page(web: Web, request: Request) -> Response:
    """A plan's page: the queue, then its progress while it works; then what it found, each split, a new allocation
    of each year at the best split, and its files."""
    record = run_of(web, request, "plan")
    lang = request_lang(request)
    asked = asked_of(record.params)
    found = record.outcome.get("plan") if record.status == "done" else None
    if not isinstance(found, dict) or asked is None:
        found = None
    links = [] if found is None or asked is None else await run_in_threadpool(year_links, web, found, asked, lang)
    runs = {} if asked is None else {key: web.registry.get(run_id) for key, run_id in (("first", asked.first),
                                                                                       ("second", asked.second))}
    return web.views.page(
        request, "plan.html", run=record, outcome=record.outcome, asked=asked, found=found, runs=runs,
        question=question(asked, lang) if asked is not None else "",
        said=findings(found, asked, lang) if found is not None and asked is not None else {},
        rows=split_rows(found, lang) if found is not None else [], chart=chart(found, lang) if found else "",
        links=links, queue=queue_of(web, record),
        progress=progress_of(web.running, record) if record.active else None,
        facts=facts_said(asked, lang) if asked is not None else {}, files=PLAN_FILES,
        downloads={name: download_name(record.id, name, lang) for name in PLAN_FILES})


def facts_said(asked: Asked, lang: str) -> dict[str, str]:
    """What the plan asked, as its page lists it: the total, the splits tried, whose weights, the tolerance."""
    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, "web")

    one, two = asked.years
    which = {"first": (one, "web.plans.value_first"), "second": (two, "web.plans.value_second")}[asked.value_under]
    return {"total": pick(said_amount(asked.total), lang),
            "splits": t("web.plan.splits_said", start=said_amount(asked.start), stop=said_amount(asked.stop),
                        step=said_amount(asked.step), count=asked.count),
            "value_under": t("web.plan.value_year", which=Phrase.of(which[1]).both(), year=which[0]),
            "tolerance": t("web.plan.tolerance_said", first=one, tolerance=said_amount(asked.tolerance))}


async def plan_file(web: Web, request: Request) -> Response:
    """One of a finished plan's files by its name (plan.csv, plan.xlsx), saved as `<编号>-年度分配测算.xlsx`."""
    record = run_of(web, request, "plan")
    if record.status != "done":
        raise Refused(404, Phrase.of("web.not_found"))
    name = str(request.path_params["name"])
    lang = request_lang(request)
    return file_response(web.registry.run_folder(record), name, PLAN_FILES,
                         (download_name(record.id, name, "en"), download_name(record.id, name, lang)))

