"""The stability pages: how sure is a funding line under score noise (`budgetopt stability`, docs/stability.md).

    GET  /stability                     every stability run, and a new one: a workbook (uploaded, or one uploaded
                                        before), the scenario form (?preset=, ?from=RUN, ?scenario=FILE), the
                                        draws, σ and the seed
    POST /stability/uploads             a workbook, read as the command line reads it → /stability?upload=…
    POST /stability                     → a queued stability run → /stability/ID (progress while it works)
    GET  /stability/ID                  its findings (always / sometimes / never, the money on "sometimes"), the
                                        report stability.html in a frame, its files
    GET  /stability/ID/files/NAME       stability.csv, stability.xlsx or stability.html, as `budgetopt stability`
                                        writes them from the same inputs
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import partial
from typing import TypeVar
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from optimizer.errors import InputError
from optimizer.jobs.stability import FILES, read_draws, read_seed, read_sigma
from optimizer.money import format_decimal
from optimizer.web.forms import ScenarioFields, fields_of, scenario_data, toml_text
from optimizer.web.new_run import (
    MOST_TYPED,
    carried_of,
    checked,
    fields_of_run,
    form_context,
    from_scenario_file,
    kept_address,
    kept_fields,
    kept_query,
    kept_settings,
    named_as_run,
    preset_fields,
    settings_of,
)
from optimizer.web.registry import NewRun, StoredInput
from optimizer.web.state import Web
from optimizer.web.tools import job_file, job_page
from optimizer.web.uploads import form_page, post, take_workbook, uploaded
from optimizer.web.views import request_lang
from optimizer.words import Phrase

MAX_DRAWS = 10_000  # in the app: a few minutes on a few cores (the command line takes up to 1,000,000)
WORKBOOKS = 30  # workbooks uploaded before that the page offers
T = TypeVar("T")


@dataclass(frozen=True)
class NoiseFields:
    """The draws, σ and the seed as typed."""

    draws: str = "200"
    sigma: str = "2"
    seed: str = "1"


def routes(web: Web) -> list[BaseRoute]:
    return [
        Route("/stability", partial(stability_page, web)),
        post("/stability", partial(start_stability, web), web.access),
        post("/stability/uploads", partial(upload_workbook, web), web.access),
        form_page("/stability/uploads", "/stability"),
        Route("/stability/{run_id}", partial(job_page, web, "stability", "stability.html", FILES)),
        Route("/stability/{run_id}/files/{name}", partial(job_file, web, "stability", FILES)),
    ]


# ---------------------------------------------------------------------------------------------- a new one


async def stability_page(web: Web, request: Request) -> Response:
    """The form, filled in from a run (?from=), a preset (?preset=) or blank, with the workbook ?upload= names."""
    query = request.query_params
    upload = web.registry.stored_workbook(query.get("upload", ""))
    fields, solver, report_lang, skip_invalid = ScenarioFields(), "highs", "", False
    source = web.registry.get(query.get("from", ""))
    if source is not None and source.kind == "allocate":
        upload = upload or web.registry.stored_workbook(source.workbook)
        fields = fields_of_run(web, source, request_lang(request))
        solver, report_lang, skip_invalid = source.solver, source.lang, source.skip_invalid
    kept = kept_fields(web, request)
    if kept is not None:  # the form as it stood before a workbook was uploaded (upload_workbook)
        settings = kept_settings(request)
        fields, skip_invalid = kept, settings["skip_invalid"]
        solver, report_lang = settings.get("solver", solver), settings.get("report_lang", report_lang)
    noise = kept_noise(query)
    preset = web.presets.get(query.get("preset", ""))
    if preset is not None:
        fields = preset_fields(web, preset, request_lang(request))
    scenario_file, filled, notes = await run_in_threadpool(from_scenario_file, web, request)
    return await new_form(web, request, upload=upload, fields=filled or fields, preset=preset.key if preset else "",
                          solver=solver, report_lang=report_lang, skip_invalid=skip_invalid, noise=noise,
                          source=source.id if source is not None and source.kind == "allocate" else "",
                          scenario_file=scenario_file, scenario_notes=notes)


async def new_form(web: Web, request: Request, *, upload: StoredInput | None, fields: ScenarioFields,
                   noise: NoiseFields | None = None, status: int = 200, preset: str = "", refusal: str = "",
                   problems: tuple[str, ...] = (), solver: str = "highs", report_lang: str = "",
                   skip_invalid: bool = False, source: str = "", scenario_file: StoredInput | None = None,
                   scenario_notes: tuple[str, ...] = ()) -> Response:
    """The stability page: the workbook (and what reading it found), the scenario form, the noise, what is wrong
    with them; and every stability run."""
    context = await form_context(web, request, upload=upload, fields=fields, preset=preset, refusal=refusal,
                                 problems=problems, solver=solver, report_lang=report_lang, skip_invalid=skip_invalid,
                                 scenario_file=scenario_file, scenario_notes=scenario_notes)
    records = await run_in_threadpool(web.registry.runs, "stability")
    workbooks = await run_in_threadpool(web.registry.workbooks, WORKBOOKS)
    noise = noise or NoiseFields()
    context["carried"] = "&".join(part for part in (context["carried"], urlencode(asdict(noise))) if part)
    switch_to = None
    if request.method == "POST":  # a form refused: the other language is the form again, as it stands
        lang = request_lang(request)
        switch_to = await run_in_threadpool(kept_address, web, "/stability", upload, fields, {
            "solver": solver, "report_lang": report_lang or lang, "skip_invalid": skip_invalid}, lang)
        typed = {key: value[:MOST_TYPED] for key, value in asdict(noise).items()}
        switch_to += ("&" if "?" in switch_to else "?") + urlencode(typed)
    return web.views.page(request, "stability_new.html", status=status, switch_to=switch_to, noise=noise,
                          stability_runs=records, workbooks=workbooks, source=source, max_draws=MAX_DRAWS, **context)


async def upload_workbook(web: Web, request: Request, form: FormData) -> Response:
    """A workbook, read as the command line reads it; then the page again with the scenario form and the noise as
    they stood (the form the upload carried), refused or not."""
    lang = request_lang(request)
    fields, settings, carried = carried_of(web, form, lang)
    noise = NoiseFields(*(carried.get(key, default).strip()[:MOST_TYPED]
                          for key, default in asdict(NoiseFields()).items())) if carried else None
    upload = uploaded(form, "workbook")
    if upload is None:
        return await new_form(web, request, upload=None, fields=fields, noise=noise, status=400,
                              refusal=Phrase.of("web.no_workbook").text(lang, "web"), **settings)
    stored, inspection = await take_workbook(web, upload)
    if stored is None:
        assert inspection.refusal is not None
        refusal = inspection.refusal[0] if lang == "zh" else inspection.refusal[1]
        return await new_form(web, request, upload=None, fields=fields, noise=noise, status=400, refusal=refusal,
                              **settings)
    query = {"upload": stored.name, **await run_in_threadpool(kept_query, web, fields, settings, lang)}
    if noise is not None and noise != NoiseFields():
        query.update(asdict(noise))
    return RedirectResponse(f"/stability?{urlencode(query)}", status_code=303)


def kept_noise(query: Mapping[str, str]) -> NoiseFields | None:
    """The draws, σ and seed kept past an upload (?draws=&sigma=&seed=), as typed; None when none was."""
    defaults = asdict(NoiseFields())
    if not any(key in query for key in defaults):
        return None
    return NoiseFields(*(query.get(key, default).strip()[:MOST_TYPED] for key, default in defaults.items()))


def _on_the_form(message: Phrase, lang: str) -> str:
    """What is wrong with a field of the noise, without the command line's option name in front (`draws：`) and
    with the app's own most draws (the command line allows more)."""
    params = {key: f"{MAX_DRAWS:,}" if key == "most" else value for key, value in message.params}
    return Phrase(message.code, tuple(params.items())).text(lang, "web")


def read_noise(noise: NoiseFields, lang: str) -> tuple[tuple[int, Decimal, int] | None, tuple[str, ...]]:
    """The draws, σ and the seed, read as the command line reads them (and at most MAX_DRAWS draws), or what is
    wrong with them."""
    problems: list[str] = []

    def read(reader: Callable[[str], T], typed: str) -> T | None:
        try:
            return reader(typed)
        except InputError as exc:  # said as the form asks (its label names the field): the app's most draws
            problems.extend(_on_the_form(p.message, lang) for p in exc.problems)
            return None

    draws, sigma, seed = read(read_draws, noise.draws), read(read_sigma, noise.sigma), read(read_seed, noise.seed)
    if draws is not None and draws > MAX_DRAWS:
        problems.append(Phrase.of("web.stability.too_many", most=f"{MAX_DRAWS:,}").text(lang, "web"))
    if draws is None or sigma is None or seed is None or problems:
        return None, tuple(problems)
    return (draws, sigma, seed), ()


async def start_stability(web: Web, request: Request, form: FormData) -> Response:
    lang = request_lang(request)
    typed = {k: v for k, v in form.items() if isinstance(v, str)}
    fields = fields_of(typed, web.policy)
    noise = NoiseFields(*(typed.get(key, "").strip() for key in ("draws", "sigma", "seed")))
    upload = web.registry.stored_workbook(str(form.get("upload", "")))
    solver, report_lang, skip_invalid = settings_of(form, lang)
    data = scenario_data(fields)
    scenario, problems = checked(web, data, lang, need_budget=True)
    settings, wrong = read_noise(noise, lang)
    problems += wrong
    if upload is None:
        problems = (Phrase.of("web.no_workbook").text(lang, "web"), *problems)
    if scenario is None or upload is None or settings is None:
        return await new_form(web, request, upload=upload, fields=fields, noise=noise, status=400, problems=problems,
                              solver=solver, report_lang=report_lang, skip_invalid=skip_invalid)
    draws, sigma, seed = settings
    data, scenario = named_as_run(data, scenario, web.policy)
    toml = web.registry.keep_bytes(toml_text(data, report_lang).encode("utf-8"), "scenario.toml", ".toml")
    record = web.registry.add(NewRun(upload, toml, scenario.name, None, scenario.budget, solver, report_lang,
                                     skip_invalid, kind="stability",
                                     params={"draws": draws, "sigma": format_decimal(sigma), "seed": seed}))
    web.running.start(record)
    return RedirectResponse(f"/stability/{record.id}", status_code=303)

