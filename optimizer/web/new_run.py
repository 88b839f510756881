"""The new-run page (pages.py routes it): a workbook uploaded and what reading it found, the scenario form — filled
in from a shipped scenario, a run, or a scenario file — its TOML, and the run it queues.

    GET  /new               upload a workbook; its problems; the scenario form (?upload=, ?preset=, ?from=RUN)
    POST /uploads           a workbook, read as the command line reads it → /new?upload=…
    POST /runs              the form → a queued run → /runs/ID (a workbook with problems, its invalid rows not
                            skipped, only once the officer confirms it: the run will be 数据有误)
    POST /scenario.toml     the form as the TOML file the command line reads
    POST /scenarios         a scenario file, kept → the form filled in from it (/new?scenario=…, or /stability?…),
                            or, when it fills nothing in, the form as it stood (the form it carried)
    GET  /template.xlsx     the blank application workbook, as `budgetopt template` writes it

The stability run's page (stability.py) shows the same upload and form: it reads them with these functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from optimizer.errors import InputError
from optimizer.report.template import template_xlsx
from optimizer.report.units import amount_text
from optimizer.rules.policy import Policy, read_toml
from optimizer.rules.scenario import Scenario, ScenarioError, load_scenario, parse_scenario
from optimizer.solving.backends import CHOICES
from optimizer.web import tasks
from optimizer.web.attachments import attachment
from optimizer.web.forms import (
    CARRIED,
    Preset,
    ScenarioFields,
    carried_form,
    carried_text,
    fields_of,
    form_of,
    on_the_form,
    read_toml_bytes,
    scenario_data,
    toml_text,
)
from optimizer.web.goal_note import goal_note
from optimizer.web.ledgers import look
from optimizer.web.plan_note import plan_note
from optimizer.web.registry import NewRun, RunRecord, StoredInput
from optimizer.web.state import Web
from optimizer.web.uploads import client_name, form_page, post, take_workbook, uploaded
from optimizer.web.views import record_scenario, request_lang, run_name, scenario_label
from optimizer.words import LANGS, Phrase

MAX_SCENARIO_BYTES = 256 * 1024  # a scenario file to fill the form in (the shipped ones are 1 to 3 KB)
NOISE = ("draws", "sigma", "seed")  # the stability form's fields beside the scenario's, kept as its query names them
MOST_TYPED = 40  # characters of a noise field kept in an address (the form checks them when it is sent)


def routes(web: Web) -> list[BaseRoute]:
    return [
        Route("/new", partial(new_page, web)),
        post("/uploads", partial(upload_workbook, web), web.access),
        post("/runs", partial(start_run, web), web.access),
        post("/scenario.toml", partial(scenario_file, web), web.access),
        post("/scenarios", partial(upload_scenario, web), web.access),
        *(form_page(path, "/new") for path in ("/uploads", "/runs", "/scenario.toml", "/scenarios")),
        Route("/template.xlsx", partial(template_file, web)),
    ]


async def new_page(web: Web, request: Request) -> Response:
    query = request.query_params
    lang = request_lang(request)
    upload = web.registry.stored_workbook(query.get("upload", ""))
    fields = ScenarioFields()
    settings: dict[str, Any] = {}
    source = web.registry.get(query.get("from", ""))
    if source is not None and source.kind == "allocate":  # the run again, as it was asked for: its settings too
        upload = upload or web.registry.stored_workbook(source.workbook)
        fields = fields_of_run(web, source, lang)
        settings = {"solver": source.solver, "report_lang": source.lang, "skip_invalid": source.skip_invalid}
    kept = kept_fields(web, request)
    if kept is not None:  # the form as it stood before a workbook was uploaded (upload_workbook)
        fields, settings = kept, {**settings, **kept_settings(request)}
    preset = web.presets.get(query.get("preset", ""))
    if preset is not None:
        fields = preset_fields(web, preset, lang)
    scenario_file, filled, notes = await run_in_threadpool(from_scenario_file, web, request)
    return await new_form(web, request, upload=upload, fields=filled or fields, preset=preset.key if preset else "",
                          scenario_file=scenario_file, scenario_notes=notes, **settings)


def kept_fields(web: Web, request: Request) -> ScenarioFields | None:
    """The scenario form kept past an upload (?kept=, a scenario file we wrote from the form carried), or None."""
    stored = web.registry.stored_input(request.query_params.get("kept", ""))
    if stored is None or not stored.name.endswith(".toml"):
        return None
    return form_of(read_toml_bytes(web.registry.input_path(stored.name).read_bytes()), web.policy)


def kept_settings(request: Request) -> dict[str, Any]:
    """The settings kept past an upload (?solver=&report_lang=&skip_invalid=), each only when it is one."""
    query = request.query_params
    kept: dict[str, Any] = {"skip_invalid": query.get("skip_invalid") == "1"}
    if query.get("solver", "") in CHOICES:
        kept["solver"] = query["solver"]
    if query.get("report_lang", "") in LANGS:
        kept["report_lang"] = query["report_lang"]
    return kept


def carried_of(web: Web, form: FormData, lang: str) -> tuple[ScenarioFields, dict[str, Any], dict[str, str]]:
    """The scenario form an upload carried (its hidden field), read as the form itself is read: its fields, its
    settings, and the carried fields as posted (an empty form and the defaults when nothing was carried)."""
    carried = carried_form(str(form.get(CARRIED, "")))
    if carried is None:
        return ScenarioFields(), {}, {}
    solver, report_lang, skip_invalid = settings_of(carried, lang)
    return (fields_of(carried, web.policy),
            {"solver": solver, "report_lang": report_lang, "skip_invalid": skip_invalid}, carried)


def kept_query(web: Web, fields: ScenarioFields, settings: Mapping[str, Any], lang: str) -> dict[str, str]:
    """What the page after an upload needs to show the form as it was: the form kept as a scenario file of ours
    (by its SHA-256, as every input is), and its settings."""
    if fields == ScenarioFields() and not settings:
        return {}
    query = {"solver": str(settings.get("solver", "highs")), "report_lang": str(settings.get("report_lang", lang))}
    if settings.get("skip_invalid"):
        query["skip_invalid"] = "1"
    if fields != ScenarioFields():
        kept = web.registry.keep_bytes(toml_text(scenario_data(fields), lang).encode("utf-8"), "scenario.toml",
                                       ".toml")
        query["kept"] = kept.name
    return query


def kept_address(web: Web, page: str, upload: StoredInput | None, fields: ScenarioFields,
                 settings: Mapping[str, Any], lang: str) -> str:
    """The address that opens `page` (/new, /stability) with the workbook and the form as they stand (`kept_query`):
    where the language link of a refused form leads (an auditor's review: it opened an empty form, the upload and
    every field lost)."""
    query = {**({"upload": upload.name} if upload else {}), **kept_query(web, fields, settings, lang)}
    return f"{page}?{urlencode(query)}" if query else page


def from_scenario_file(web: Web, request: Request) -> tuple[StoredInput | None, ScenarioFields | None,
                                                            tuple[str, ...]]:
    """The scenario file uploaded to fill the form in (?scenario=), the form filled from it, and what the library
    finds wrong with the file, its keys named as the file names them; or, when it cannot be read as TOML (or was
    refused), neither and why not."""
    lang = request_lang(request)
    refused = request.query_params.get("scenario_refused", "")
    if refused in ("none", "too_large"):
        return None, None, (Phrase.of(f"web.scenario_file.{refused}", most=MAX_SCENARIO_BYTES // 1024).text(
            lang, "web"),)
    stored = web.registry.stored_input(request.query_params.get("scenario", ""))
    if stored is None or not stored.name.endswith(".toml"):
        return None, None, ()
    try:
        tables = read_toml(web.registry.input_path(stored.name), stored.client_name, ScenarioError,
                           "scenario.unreadable")
    except InputError as exc:  # nothing filled in: the sentence names the file
        return None, None, tuple(p.text(lang, "web") for p in exc.problems)
    fields = form_of(tables, web.policy)
    fields = fields if fields.name else replace(fields, name=Path(stored.client_name).stem)
    try:
        parse_scenario(tables, web.policy, stored.client_name)
    except InputError as exc:
        return stored, fields, tuple(p.text(lang, "web") for p in exc.problems)
    return stored, fields, ()


def named_as_run(data: dict[str, Any], scenario: Scenario, policy: Policy) -> tuple[dict[str, Any], Scenario]:
    """The form's scenario under the name its run records (views.run_name): a shipped scenario's name marked
    （已修改） when its settings were changed (or unmarked when changed back), so that every file says so."""
    named = run_name(scenario.name, scenario, policy)
    return (data, scenario) if named == scenario.name else ({**data, "name": named}, replace(scenario, name=named))


def preset_fields(web: Web, preset: Preset, lang: str) -> ScenarioFields:
    """The scenario form filled in from a shipped scenario, named as the page in `lang` calls it (2026年基准方案 in
    Chinese, its file's 2026 base case in English): the name a run of it records, and its files print (an officer's
    review: a Chinese report headed "2026 base case")."""
    fields = form_of(read_toml_bytes(preset.path.read_bytes()), web.policy)
    return replace(fields, name=scenario_label(fields.name, lang))


def fields_of_run(web: Web, record: RunRecord, lang: str | None = None) -> ScenarioFields:
    """The scenario form filled in with a run's scenario (and the budget given beside it); with `lang`, a shipped
    scenario's name as the lists in that language name the run (2026年基准方案（已修改） for one whose settings were
    changed), any other name as recorded."""
    data = {}
    if record.scenario:
        data = read_toml_bytes(web.registry.input_path(record.scenario).read_bytes())
    fields = form_of(data, web.policy)
    if lang is not None and fields.name:
        fields = replace(fields, name=record_scenario(record, lang, web.registry.inputs)
                         if fields.name == record.scenario_name else scenario_label(fields.name, lang))
    return replace(fields, budget=record.budget_given) if record.budget_given else fields


async def new_form(web: Web, request: Request, *, upload: StoredInput | None, fields: ScenarioFields,
                   status: int = 200, preset: str = "", refusal: str = "", problems: tuple[str, ...] = (),
                   solver: str = "highs", report_lang: str = "", skip_invalid: bool = False,
                   scenario_file: StoredInput | None = None, scenario_notes: tuple[str, ...] = (),
                   confirmed: bool = False, unconfirmed: str = "") -> Response:
    """The new-run page: the upload (and what reading it found), the scenario form, what is wrong with it — and,
    for a workbook with problems, whether running it anyway was confirmed (`unconfirmed`: why it must be)."""
    context = await form_context(
        web, request, upload=upload, fields=fields, preset=preset, refusal=refusal, problems=problems, solver=solver,
        report_lang=report_lang, skip_invalid=skip_invalid, scenario_file=scenario_file,
        scenario_notes=scenario_notes)
    lang = request_lang(request)
    note = await run_in_threadpool(plan_note, web, fields, context["ledger"], lang)
    goal = await run_in_threadpool(goal_note, web.registry, fields.name, fields.budget, lang)
    switch_to = None
    if request.method == "POST":  # a form refused: the other language is the form again, as it stands
        switch_to = await run_in_threadpool(kept_address, web, "/new", upload, fields, {
            "solver": solver, "report_lang": report_lang or lang, "skip_invalid": skip_invalid}, lang)
    return web.views.page(request, "new.html", status=status, switch_to=switch_to, confirmed=confirmed,
                          unconfirmed=unconfirmed, plan_note=note, goal_note=goal, **context)


async def inspection_of(web: Web, upload: StoredInput | None) -> tasks.Inspection | None:
    """What reading an upload found (read again by a worker when it is no longer remembered)."""
    if upload is None:
        return None
    inspection = web.inspections.get(upload.name)
    if inspection is None:
        inspection = await web.running.call(web.running.reads, tasks.inspect, web.registry.input_path(upload.name),
                                            upload.client_name, web.limits)
        web.remember(upload.name, inspection)
    return inspection


async def form_context(web: Web, request: Request, *, upload: StoredInput | None, fields: ScenarioFields,
                       preset: str = "", refusal: str = "", problems: tuple[str, ...] = (), solver: str = "highs",
                       report_lang: str = "", skip_invalid: bool = False, scenario_file: StoredInput | None = None,
                       scenario_notes: tuple[str, ...] = ()) -> dict[str, Any]:
    """What a page with the upload and the scenario form shows (the new run's, the stability run's): with the
    scenario file the form was filled from, and what is wrong with that file."""
    clauses = [(cid, clause.title(request_lang(request))) for cid, clause in web.policy.clauses.items()]
    ledger = await run_in_threadpool(look, web.ledger, web.policy)
    lang = request_lang(request)
    years = ("；" if lang == "zh" else "; ").join(
        Phrase.of("web.ledger.year_one" if y.awards == 1 else "web.ledger.year", year=y.year, awards=y.awards,
                  amount=amount_text(y.total, lang)).text(lang, "web")
        for y in ledger.years)
    carried = carried_text(fields, {"solver": solver, "report_lang": report_lang or lang,
                                    "skip_invalid": "1" if skip_invalid else ""})
    return dict(upload=upload, inspection=await inspection_of(web, upload), fields=fields, ledger=ledger,
                ledger_years=years, carried=carried, carried_field=CARRIED,
                presets=list(web.presets.values()), preset=preset, clauses=clauses, solvers=CHOICES, langs=LANGS,
                solver=solver, report_lang=report_lang or request_lang(request), skip_invalid=skip_invalid,
                refusal=refusal, problems=problems, scenario_file=scenario_file, scenario_notes=scenario_notes)


async def upload_workbook(web: Web, request: Request, form: FormData) -> Response:
    """A workbook, read as the command line reads it; then the page again with the scenario form as it stood (the
    form the upload carried: a run's scenario from ?from=, a preset, or what was typed), refused or not."""
    lang = request_lang(request)
    fields, settings, _ = carried_of(web, form, lang)
    upload = uploaded(form, "workbook")
    if upload is None:
        return await new_form(web, request, upload=None, fields=fields, status=400,
                              refusal=Phrase.of("web.no_workbook").text(lang, "web"), **settings)
    stored, inspection = await take_workbook(web, upload)
    if stored is None:
        assert inspection.refusal is not None
        refusal = inspection.refusal[0] if lang == "zh" else inspection.refusal[1]
        return await new_form(web, request, upload=None, fields=fields, status=400, refusal=refusal, **settings)
    query = {"upload": stored.name, **await run_in_threadpool(kept_query, web, fields, settings, lang)}
    return RedirectResponse(f"/new?{urlencode(query)}", status_code=303)


async def upload_scenario(web: Web, request: Request, form: FormData) -> Response:
    """A scenario file (TOML) to fill the form in with: kept by its SHA-256, then back to the page it came from
    (the new run's, the stability run's), which fills its form from it and says what is wrong with the file."""
    back = "/stability" if form.get("back") == "/stability" else "/new"
    workbook = web.registry.stored_workbook(str(form.get("upload", "")))
    query = {"upload": workbook.name} if workbook else {}
    upload = uploaded(form, "scenario")
    if upload is None or upload.size is None or upload.size > MAX_SCENARIO_BYTES:
        query["scenario_refused"] = "none" if upload is None else "too_large"
    else:
        stored = web.registry.keep_bytes(await upload.read(), client_name(upload, "scenario.toml"), ".toml")
        query["scenario"] = stored.name
    # the form as it stood, for when the file fills nothing in (an officer's review: a broken file emptied it)
    fields, settings, carried = carried_of(web, form, request_lang(request))
    query.update(await run_in_threadpool(kept_query, web, fields, settings, request_lang(request)))
    if back == "/stability":
        query.update({key: carried[key].strip()[:MOST_TYPED] for key in NOISE if key in carried})
    return RedirectResponse(f"{back}?{urlencode(query)}", status_code=303)


def checked(web: Web, data: dict[str, Any], lang: str, need_budget: bool) -> tuple[Scenario | None, tuple[str, ...]]:
    """The scenario of the form, or what is wrong with it (in the page's language)."""
    try:
        if need_budget or "budget" in data:
            return load_scenario(data, policy=web.policy), ()
        return parse_scenario(data, web.policy), ()
    except InputError as exc:
        return None, tuple(on_the_form(p, lang) for p in exc.problems)


def settings_of(form: Mapping[str, Any], lang: str) -> tuple[str, str, bool]:
    """The form's solver, language of the outputs and whether invalid rows are skipped."""
    solver = str(form.get("solver", "highs"))
    report_lang = str(form.get("report_lang", lang))
    return (solver if solver in CHOICES else "highs", report_lang if report_lang in LANGS else lang,
            form.get("skip_invalid") is not None)


async def start_run(web: Web, request: Request, form: FormData) -> Response:
    lang = request_lang(request)
    fields = fields_of({k: v for k, v in form.items() if isinstance(v, str)}, web.policy)
    upload = web.registry.stored_workbook(str(form.get("upload", "")))
    solver, report_lang, skip_invalid = settings_of(form, lang)
    data = scenario_data(fields)
    scenario, problems = checked(web, data, lang, need_budget=True)
    if upload is None:
        problems = (Phrase.of("web.no_workbook").text(lang, "web"), *problems)
    confirmed, unconfirmed = form.get("confirm_invalid") is not None, ""
    inspection = await inspection_of(web, upload)
    if inspection is not None and inspection.problems and not skip_invalid and not confirmed:
        # a run of it would be one more 数据有误 in the list of runs, nothing allocated: only when the officer says so
        count = len(inspection.problems)
        unconfirmed = Phrase.of("web.new.unconfirmed_one" if count == 1 else "web.new.unconfirmed",
                                count=count).text(lang, "web")
        problems = (*problems, unconfirmed)  # said at the top too: the box to tick is far down the form
    if scenario is None or upload is None or unconfirmed:
        return await new_form(web, request, upload=upload, fields=fields, status=400, problems=problems,
                              solver=solver, report_lang=report_lang, skip_invalid=skip_invalid, confirmed=confirmed,
                              unconfirmed=unconfirmed)
    data, scenario = named_as_run(data, scenario, web.policy)
    toml = web.registry.keep_bytes(toml_text(data, report_lang).encode("utf-8"), "scenario.toml", ".toml")
    record = web.registry.add(NewRun(upload, toml, scenario.name, None, scenario.budget, solver, report_lang,
                                     skip_invalid))
    web.running.start(record)
    return RedirectResponse(f"/runs/{record.id}", status_code=303)


async def scenario_file(web: Web, request: Request, form: FormData) -> Response:
    """The form as the TOML file the command line reads, or the form again with what is wrong."""
    lang = request_lang(request)
    fields = fields_of({k: v for k, v in form.items() if isinstance(v, str)}, web.policy)
    data = scenario_data(fields)
    scenario, problems = checked(web, data, lang, need_budget=False)
    if scenario is None:
        solver, report_lang, skip_invalid = settings_of(form, lang)
        return await new_form(web, request, upload=web.registry.stored_workbook(str(form.get("upload", ""))),
                              fields=fields, status=400, problems=problems, solver=solver,
                              report_lang=report_lang, skip_invalid=skip_invalid)
    return attachment(toml_text(data, lang).encode("utf-8"), "scenario.toml", "application/toml; charset=utf-8")


async def template_file(web: Web, request: Request) -> Response:
    """The blank application workbook of the policy the app allocates under, as `budgetopt template` writes it."""
    data = await run_in_threadpool(template_xlsx, web.policy)
    return attachment(data, "template.xlsx")
