"""The planner's and the auditor's pages: sweeps, comparisons, audits of an edited allocation, verification.

    GET  /sweeps                        every sweep, and a new one from a run's inputs at several budget levels
    POST /sweeps                        → a queued sweep → /sweeps/ID (progress while it works)
    GET  /sweeps/ID                     its levels, its frontier and funding line (sweep.html), its files
    GET  /compare?run=A&run=B           two runs side by side (compare.html), the earlier as A; &under=b measures
                                        both lists by B's clause weights and budget; &equal=1 allocates B's scenario
                                        again at A's budget, to tell the budgets' difference from the rest
    GET  /runs/ID/audit, POST           an edited allocation checked against the run's own inputs
    GET  /runs/ID/verify, POST          the run re-made from its recorded inputs
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from optimizer.errors import InputError, Mismatch
from optimizer.jobs.compare import Comparison, compare
from optimizer.jobs.sweep import budget_levels
from optimizer.reading.run_folder import download_name
from optimizer.report.compare_limits import SHOWN_BREACHES, breach_words, listed_breaches
from optimizer.report.compare_runs import measured_alike, objective_note, one_side, scenario_changes
from optimizer.report.compare_words import splits_budget, valuation_words, valued_line
from optimizer.results import MONEY_TOTALS
from optimizer.rules.scenario import read_budget
from optimizer.web import tasks
from optimizer.web.attachments import MEDIA, disposition, saved_as
from optimizer.web.registry import RUN_ID, NewRun, RunRecord
from optimizer.web.run_page import problems_text, queue_of, run_of
from optimizer.web.runner import progress_of
from optimizer.web.security import REPORT_HEADERS, Refused
from optimizer.web.state import Web
from optimizer.web.uploads import client_name, post, save, suffix_of, uploaded
from optimizer.web.views import pickable, record_scenario, request_lang, run_label
from optimizer.words import LABELS, STATUS_LABELS, Phrase, pick

SWEEP_FILES = ("sweep.csv", "sweep.xlsx", "sweep.html")
COMPARE_FILES = ("compare.html", "compare.xlsx")
MAX_LEVELS = 40
SHOWN_DIFFERENCES = 100
AUDIT_SUFFIXES = (".csv", ".xlsx")


def routes(web: Web) -> list[BaseRoute]:
    return [
        Route("/sweeps", partial(sweeps_page, web)),
        post("/sweeps", partial(start_sweep, web), web.access),
        Route("/sweeps/{run_id}", partial(job_page, web, "sweep", "sweep.html", SWEEP_FILES)),
        Route("/sweeps/{run_id}/files/{name}", partial(job_file, web, "sweep", SWEEP_FILES)),
        Route("/compare", partial(compare_page, web)),
        Route("/compare/{a}/{b}/files/{name}", partial(compare_file, web)),
        Route("/runs/{run_id}/audit", partial(audit_page, web)),
        post("/runs/{run_id}/audit", partial(audit_post, web), web.access),
        Route("/runs/{run_id}/verify", partial(verify_page, web)),
        post("/runs/{run_id}/verify", partial(verify_post, web), web.access),
    ]


def file_response(folder: Path, name: str, allowed: tuple[str, ...],
                  saved_as: tuple[str, str] | None = None) -> Response:
    """One of a folder's files, by a name from a fixed set (404 for any other name, or a file not there): saved as
    its own name, or as `saved_as` — a name in plain ASCII, and the one a current browser takes (`disposition`)."""
    if name not in allowed or not (folder / name).is_file():
        raise Refused(404, Phrase.of("web.not_found"))
    suffix = Path(name).suffix
    if suffix == ".html":  # a self-contained report: its own policy, shown in our frame or on its own
        headers = dict(REPORT_HEADERS)
        if saved_as is not None:  # shown, and saved under that name
            headers["content-disposition"] = disposition(*saved_as, inline=True)
        return FileResponse(folder / name, media_type=MEDIA[suffix], headers=headers)
    if saved_as is None:
        return FileResponse(folder / name, media_type=MEDIA[suffix], filename=name)
    return FileResponse(folder / name, media_type=MEDIA[suffix],
                        headers={"content-disposition": disposition(*saved_as)})


# ---------------------------------------------------------------------------------------------- sweeps


async def sweeps_page(web: Web, request: Request, status: int = 200, problems: tuple[str, ...] = (),
                      form: FormData | None = None) -> Response:
    """Every sweep, and the form for a new one (as it was typed, when it comes back with what is wrong)."""
    sweeps = await run_in_threadpool(web.registry.runs, "sweep")
    sources = pickable(await run_in_threadpool(web.registry.runs))
    typed = {"run": request.query_params.get("run", ""), "start": "", "stop": "", "steps": "8"}
    if form is not None:
        typed = {key: str(form.get(key, "")) for key in typed}
    return web.views.page(request, "sweeps.html", status=status, sweeps=sweeps, sources=sources,
                          chosen=typed["run"], problems=problems, values=typed, max_levels=MAX_LEVELS)


def _levels(form: FormData, lang: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The budget levels the form asks for, or what is wrong with them."""
    labels = {key: Phrase.of(f"web.sweeps.{key}").text(lang) for key in ("start", "stop")}
    empty = [Phrase.of("web.form.fill_in", field=label).text(lang, "web") for key, label in labels.items()
             if not str(form.get(key, "")).strip()]
    if empty:
        return (), tuple(empty)
    try:  # each field named by its label, as the form shows it
        start = read_budget(str(form.get("start", "")), labels["start"])
        stop = read_budget(str(form.get("stop", "")), labels["stop"])
    except InputError as exc:
        return (), tuple(p.text(lang, "web") for p in exc.problems)
    steps = str(form.get("steps", "")).strip()
    if not steps.isdecimal() or not 1 <= int(steps) <= MAX_LEVELS or stop < start:
        return (), (Phrase.of("web.sweep.bad_levels", most=MAX_LEVELS).text(lang, "web"),)
    return tuple(budget_levels(start, stop, int(steps))), ()


async def start_sweep(web: Web, request: Request, form: FormData) -> Response:
    lang = request_lang(request)
    source = web.registry.get(str(form.get("run", "")))
    levels, problems = _levels(form, lang)
    if source is None or source.kind != "allocate" or source.status != "done":
        problems = (Phrase.of("web.sweep.no_run").text(lang, "web"), *problems)
    if problems or source is None:
        return await sweeps_page(web, request, status=400, problems=problems, form=form)
    workbook = web.registry.stored_input(source.workbook)
    scenario = web.registry.stored_input(source.scenario) if source.scenario else None
    assert workbook is not None
    record = web.registry.add(NewRun(workbook, scenario, source.scenario_name, None, None, source.solver, lang,
                                     source.skip_invalid, kind="sweep", levels=levels))
    web.running.start(record)
    return RedirectResponse(f"/sweeps/{record.id}", status_code=303)


async def job_page(web: Web, kind: str, template: str, files: tuple[str, ...], request: Request) -> Response:
    """A sweep's or a stability run's page: its progress while it works, then what it found and its files."""
    record = run_of(web, request, kind)
    progress = progress_of(web.running, record) if record.active else None
    lang = request_lang(request)
    return web.views.page(request, template, run=record, outcome=record.outcome, progress=progress, files=files,
                          next_ledger=web.ledger.current(), queue=queue_of(web, record),
                          downloads={name: download_name(record.id, name, lang) for name in files})


async def job_file(web: Web, kind: str, files: tuple[str, ...], request: Request) -> Response:
    """One of a finished sweep's or stability run's files, by its name (only those `files` names)."""
    record = run_of(web, request, kind)
    if record.status != "done":
        raise Refused(404, Phrase.of("web.not_found"))
    name = str(request.path_params["name"])
    return file_response(web.registry.run_folder(record), name, files, saved_as(record.id, name, request_lang(request)))


# ---------------------------------------------------------------------------------------------- compare


def _done_run(web: Web, run_id: str) -> RunRecord | None:
    record = web.registry.get(run_id)
    return record if record is not None and record.kind == "allocate" and record.status == "done" else None


async def compare_page(web: Web, request: Request) -> Response:
    """Two finished runs side by side, the earlier as A, each named as the lists name it (scenario · budget · time):
    first how their scenarios differ, every limit; then what B's list is worth against A's, measured by A's clause
    weights and budget or (`under=b`, offered only when it can say something else) by B's, and which of those limits
    the other's awards break, every one — where the budgets differ and so does something else, the budgets'
    difference told apart from the rest (`equal=1`: B's scenario allocated again at A's budget, offered only then);
    then the totals and the applications that changed. Its files say what the page says, the runs named alike."""
    lang = request_lang(request)
    chosen = request.query_params.getlist("run")
    runs = [run for run in (_done_run(web, run_id) for run_id in chosen) if run is not None]
    if len(chosen) != 2 or len(runs) != 2:
        return web.views.page(request, "compare.html", status=400 if chosen else 200, comparison=None,
                              message=Phrase.of("web.compare.pick_two").text(lang, "web"))
    a, b = sorted(runs, key=lambda run: (run.created, run.id))  # A the earlier, B the later: B − A is what changed
    view = _View(_under(request), request.query_params.get("equal", "") == "1")
    folder = _compare_folder(web, a.id, b.id, lang, view)
    labels = _labels(web, a, b, lang)
    try:
        comparison = await run_in_threadpool(_compared, web, a, b, lang, view, labels, folder)
    except (InputError, Mismatch) as exc:  # a run's files edited or damaged in the data folder since
        return web.views.page(request, "compare.html", status=409, comparison=None, message=problems_text(exc, lang))
    totals = [(_total_label(line.key, lang), line) for line in comparison.totals]
    valued = valued_line(comparison, lang)
    if valued is not None:  # labelled as the page's other totals are: `Objective under A's weights`
        totals.append((valued[0][:1].upper() + valued[0][1:], valued[1]))
    alone = one_side(comparison, lang, "web")
    return web.views.page(request, "compare.html", comparison=comparison, a=a, b=b, labels=labels, totals=totals,
                          money_keys=MONEY_TOTALS, one_side=alone,
                          differences=() if alone else comparison.differences[:SHOWN_DIFFERENCES],
                          message="", objective_apart=objective_note(comparison, lang, "web"),
                          scenarios=scenario_changes(comparison, lang), under=view.under, equal=view.equal,
                          files_query=f"?lang={lang}{view.query}",
                          links={"under_a": _View("a", view.equal).query, "under_b": _View("b", view.equal).query,
                                 "apart": _View(view.under, False).query, "equal": _View(view.under, True).query},
                          valuation=valuation_words(comparison, lang, "web"),
                          switch=not measured_alike(comparison), splits=splits_budget(comparison),
                          limits_broken=_broken(comparison, view.under),
                          breaches=_all_breaches(comparison, view.under, lang),
                          warnings=[w.text(lang, "web") for w in comparison.warnings],
                          downloads={name: download_name(_pair(a.id, b.id, view, lang), name, lang)
                                     for name in COMPARE_FILES})


@dataclass(frozen=True)
class _View:
    """How the page compares the two runs: whose clause weights and budget measure both lists ("a" or "b"), and
    whether B's scenario is allocated again at A's budget to tell the budgets' difference from the rest."""

    under: str = "a"
    equal: bool = False

    @property
    def query(self) -> str:
        """What the page's address adds for it: `&under=b`, `&equal=1`."""
        return ("&under=b" if self.under == "b" else "") + ("&equal=1" if self.equal else "")


def _labels(web: Web, a: RunRecord, b: RunRecord, lang: str) -> tuple[str, str]:
    """The two runs as the page names them, scenario · budget · time (and their ids where that is the same)."""
    named = run_label(a, lang, web.views.inputs), run_label(b, lang, web.views.inputs)
    return (f"{named[0]} · {a.id}", f"{named[1]} · {b.id}") if named[0] == named[1] else named


def _broken(comparison: Comparison, under: str) -> bool:
    """Whether the other run's awards break a limit of the run that measures both — a total over its budget that is
    the budgets' difference aside (compare_limits.budget_aside)."""
    check = comparison.limits_under(under.upper())
    return check is not None and check.ok is False and bool(listed_breaches(comparison, check) or check.others)


def _all_breaches(comparison: Comparison, under: str, lang: str) -> list[str]:
    """Every limit of the measuring run the other's awards break, when the sentence names only the first few (an
    officer's review: "……另有12处" said neither which nor where); none otherwise."""
    check = comparison.limits_under(under.upper())
    listed = () if check is None else listed_breaches(comparison, check)
    if check is None or len(listed) <= SHOWN_BREACHES:
        return []
    return [breach_words(comparison, check, breach, lang) for breach in listed]


def _under(request: Request) -> str:
    """Whose clause weights and budget measure the two lists: "a" (the default) or "b"."""
    return "b" if request.query_params.get("under", "").strip().lower() == "b" else "a"


_VIEW_WORDS = {"under_b": ("按B衡量", "under_b"), "equal_budget": ("按A的预算", "equal_budget")}


def _pair(a: str, b: str, view: _View, lang: str) -> str:
    """How a comparison's files are named when saved: `A_B`, measured by B `A_B_under_b`, B allocated again at A's
    budget `A_B_equal_budget` (`A_B_under_b_equal_budget`) — in Chinese `A_B_按B衡量_按A的预算` (an officer's review:
    `…_equal_budget-两次分配对比.xlsx`)."""
    marks = [key for key, shown in (("under_b", view.under == "b"), ("equal_budget", view.equal)) if shown]
    return "_".join([a, b, *(pick(_VIEW_WORDS[key], lang) for key in marks)])


def _compare_folder(web: Web, a: str, b: str, lang: str, view: _View) -> Path:
    """Where a comparison's files are kept: measured by A, the pair's own folder; by B, a folder within it; B
    allocated again at A's budget, a folder within that."""
    folder = web.registry.compare_folder(a, b, lang)
    folder = folder / "under_b" if view.under == "b" else folder
    return folder / "equal_budget" if view.equal else folder


def _compared(web: Web, a: RunRecord, b: RunRecord, lang: str, view: _View, labels: tuple[str, str],
              folder: Path) -> Comparison:
    """The two runs compared — B's scenario allocated again at A's budget, when asked for and there is something to
    tell apart — and its files written once, the runs named as the page names them (an officer's review: by their
    ids, the scenarios by their English names) and worded as the page words them (分配方案, not 情景)."""
    comparison = compare(web.registry.run_folder(a), web.registry.run_folder(b), policy=web.policy, lang=lang,
                         value_under=view.under, at_equal_budget=view.equal)
    if not (folder / "compare.html").is_file():  # the scenarios named as the page names them (an officer's review:
        # compare.html's cards headlined "2026 AI push" in Chinese)
        named = replace(comparison, a=replace(comparison.a, label=labels[0]), b=replace(comparison.b, label=labels[1]),
                        names=(record_scenario(a, lang, web.views.inputs), record_scenario(b, lang, web.views.inputs)))
        named.write(folder, face="web")
    return comparison


def _total_label(key: str, lang: str) -> str:
    """A line of the totals as the page names it, `Funded in full` as `Budget` (an officer's review: lower case beside
    capitals): amounts are shown with their unit (万元, 元), so the label's "(yuan)" of the spreadsheet's column
    goes."""
    said = pick(STATUS_LABELS[key], lang) if key in STATUS_LABELS else pick(
        LABELS.get(key, (key, key)), lang).removesuffix("（元）").removesuffix(" (yuan)")
    return said[:1].upper() + said[1:]


async def compare_file(web: Web, request: Request) -> Response:
    a, b = str(request.path_params["a"]), str(request.path_params["b"])
    if not (RUN_ID.match(a) and RUN_ID.match(b)):
        raise Refused(404, Phrase.of("web.not_found"))
    lang, name = request_lang(request), str(request.path_params["name"])
    view = _View(_under(request), request.query_params.get("equal", "") == "1")
    return file_response(_compare_folder(web, a, b, lang, view), name, COMPARE_FILES,
                         (download_name(_pair(a, b, view, "en"), name, "en"),  # plain ASCII, then the reader's
                          download_name(_pair(a, b, view, lang), name, lang)))


# ---------------------------------------------------------------------------------------------- audit, verify


async def audit_page(web: Web, request: Request) -> Response:
    record = run_of(web, request)
    return web.views.page(request, "audit.html", run=record, result=None, refusal="")


async def audit_post(web: Web, request: Request, form: FormData) -> Response:
    record = run_of(web, request)
    lang = request_lang(request)
    upload = uploaded(form, "allocation")
    name = client_name(upload, "allocation.csv") if upload else ""
    if upload is None or suffix_of(name) not in AUDIT_SUFFIXES or record.status != "done":
        code = "web.audit.no_run" if record.status != "done" else "web.audit.no_file"
        return web.views.page(request, "audit.html", status=400, run=record, result=None,
                              refusal=Phrase.of(code).text(lang, "web"))
    path = await save(upload, web.registry.audit_file(suffix_of(name)))
    manifest = web.registry.run_folder(record) / "manifest.json"
    names = {path.name: name, record.workbook: record.workbook_name}
    result: tasks.AuditOutcome = await web.running.call(web.running.solves, tasks.audit_allocation, manifest, path,
                                                        names, lang)
    return web.views.page(request, "audit.html", run=record, result=result, refusal="", uploaded_name=name)


async def verify_page(web: Web, request: Request) -> Response:
    return web.views.page(request, "verify.html", run=run_of(web, request), result=None)


async def verify_post(web: Web, request: Request, form: FormData) -> Response:
    record = run_of(web, request)
    if record.status != "done":
        return web.views.page(request, "verify.html", status=400, run=record, result=None)
    manifest = web.registry.run_folder(record) / "manifest.json"
    result: tasks.VerifyOutcome = await web.running.call(web.running.solves, tasks.verify_run, manifest,
                                                         f"{record.id}/manifest.json", request_lang(request))
    return web.views.page(request, "verify.html", run=record, result=result)
