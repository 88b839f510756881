"""The goal pages: how much budget funds every application of a kind — every one scoring 85 or more, say, in full —
found by `optimizer.min_budget` from a finished run's workbook and scenario (docs/planning.md, What is the least
budget that funds …?).

    GET  /goals                         every goal search (its targets, in full or any award, the run it came from,
                                        the budget found and how many targets it funds when not all — the budget
                                        for all together, and the budget found beside it, when some are funded
                                        only at other budgets — 无法全额资助
                                        in its place when it funds none —, its precision and whether it is proven
                                        least), and a new one: a finished run (under its
                                        year), the targets (a minimum score; one clause, one district of the run; in
                                        full or any award; or application ids, the example two of the run's), the
                                        precision; its mistakes said under their fields, the run named as the list
                                        names it (ids of another year's workbook said so)
    POST /goals                         → a queued goal search → /goals/ID (the queue, then "working", while it works)
    GET  /goals/ID                      while it works: how many budgets are solved (of a proof, how many by it, of
                                        its most); then the budget found (a proof stopped at its limit: found, not
                                        proven least, and the stretch it settled), the targets it funds of how many
                                        (one target: which, and
                                        why the year needs more), those no budget reaches (in full) and why (and
                                        those funded only at other budgets), the few that set it and what they add,
                                        whether funding grew with the budget — if not, the windows of funding the
                                        budgets solved show and whether the probing stopped at its limits — and a
                                        target one precision less leaves short only by the rounding; a new
                                        allocation at that budget, named after the goal; its files. When the
                                        budget found funds none of the targets: that no budget does, and why, in
                                        place of all of that (no budget, no new allocation). Its warnings as a
                                        run's page lists them, each that budget decides said at it
                                        — or, when none is funded where money is no limit but some at other
                                        budgets and a proof was asked, the least budget a proof found for those
                                        (proven or not), a new allocation at it. When the budget found funds some
                                        and others are funded only at other budgets: first the least budget found
                                        that funds them all together (proven or not), a new allocation at it named
                                        after them all, or that no budget solved funds them all together; then the
                                        budget found, said as without those. The solver with its version, as the
                                        run page says it. While a proof works, 停止证明
    POST /goals/ID/stop                 asks the proof to stop (a file beside the search's progress file, which the
                                        worker's progress reads between two solves): it ends as at its limit, the
                                        page then says it was stopped on request → /goals/ID; a search ended, or
                                        one without a proof, is refused with a sentence (409; its language link
                                        to the search's page), nothing changed
    GET  /goals/ID/files/NAME           goal.csv or goal.xlsx: a row per target (BudgetGoal.to_frame)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache, partial
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from optimizer.errors import BudgetoptError, InputError, Mismatch
from optimizer.jobs.goal_args import read_precision
from optimizer.money import AmountError, format_decimal, parse_number
from optimizer.reading.run_folder import RunRow, download_name, read_run
from optimizer.rules.divisions import chongqing
from optimizer.solving.backends import solver_version
from optimizer.web.forms import read_toml_bytes, toml_text
from optimizer.web.goal_note import budget_typed, goal_run_name, goal_said, run_goal, together_goal
from optimizer.web.goal_tasks import targets_said
from optimizer.web.goal_words import (
    PROOF_MOST,
    aside_proven,
    aside_together,
    findings,
    funded_at_marks,
    left_ids,
    left_said,
    no_proof_needed,
    nothing_funded,
    proof_stopped,
    together_of,
)
from optimizer.web.plan_form import LEDGER_KEYS, run_ledger_facts
from optimizer.web.registry import NewRun, RunRecord
from optimizer.web.run_page import cautions_of, problems_text, queue_of, run_inputs, run_of
from optimizer.web.runner import progress_of, stop_file
from optimizer.web.state import Web
from optimizer.web.tools import job_file
from optimizer.web.uploads import post
from optimizer.web.views import figure, pickable, record_scenario, request_lang, run_label, scenario_label
from optimizer.words import Phrase

GOAL_FILES = ("goal.csv", "goal.xlsx")
TYPED = ("run", "min_score", "clause", "district", "ids", "fund", "precision", "prove")
MOST_TYPED = 60  # characters of a field said back in a sentence
ID_EXAMPLE = ("2026-0060", "2026-0198")  # the 申报编号 field's example when no run is offered


@dataclass(frozen=True)
class Choices:
    """What the form offers of a run: its clauses (id, title), in the policy's order, and its districts, in the
    official order of Chongqing's divisions (any other name after them, in the order the workbook first names it);
    or why the run's files cannot be read."""

    clauses: tuple[tuple[str, str], ...] = ()
    districts: tuple[str, ...] = ()
    unreadable: str = ""


def routes(web: Web) -> list[BaseRoute]:
    return [
        Route("/goals", partial(goals_page, web)),
        post("/goals", partial(start_goal, web), web.access),
        Route("/goals/{run_id}", partial(goal_page, web)),
        post("/goals/{run_id}/stop", partial(stop_proof, web), web.access),
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
                   in_official_order(row.district for row in rows if row.district))


def in_official_order(districts: Iterable[str]) -> tuple[str, ...]:
    """Each district once, in the official order of Chongqing's divisions (万州区, 黔江区, 涪陵区, 渝中区, …), as an
    officer looks for one; a name that is no division after them, in the order it came.

    >>> in_official_order(["大渡口区", "潼南区", "火星区", "渝中区", "大渡口区"])
    ('渝中区', '大渡口区', '潼南区', '火星区')
    """
    official = {name: at for at, name in enumerate(chongqing().names)}
    return tuple(sorted(dict.fromkeys(districts), key=lambda name: official.get(name, len(official))))


async def _read_choices(web: Web, source: RunRecord | None, lang: str) -> tuple[list[RunRow], Choices]:
    """The run's rows and what the form offers of them (none for no run; a run's files damaged since: why)."""
    if source is None:
        return [], Choices()
    try:
        rows = await run_in_threadpool(_rows, web, source)
    except (InputError, Mismatch) as exc:
        return [], Choices(unreadable=problems_text(exc, lang))
    return rows, _choices(web, rows, lang)


async def goals_page(web: Web, request: Request, status: int = 200, problems: Mapping[str, list[str]] | None = None,
                     form: FormData | None = None) -> Response:
    """Every goal search (the budget it found, and how many of its targets that funds when not all), and the form for
    a new one (as it was typed, when it comes back with what is wrong, each mistake under its field); the runs
    offered under their years, as the plan form has them; the clauses and districts offered are those of the run
    chosen (?run=, else the latest finished)."""
    lang = request_lang(request)
    goals = await run_in_threadpool(web.registry.runs, "goal")
    runs = await run_in_threadpool(web.registry.runs)
    sources = pickable(runs)
    by_id = {r.id: r for r in runs}
    typed = {"run": request.query_params.get("run", ""), "min_score": "", "clause": "", "district": "", "ids": "",
             "fund": "full", "precision": "1万", "prove": ""}
    if form is not None:
        typed = {key: str(form.get(key, "")) for key in typed}
    source = _source(web, typed["run"]) or (sources[0] if sources else None)
    rows, choices = await _read_choices(web, source, lang)
    groups = await run_in_threadpool(by_year, web, sources)
    return web.views.page(request, "goals.html", status=status, goals=goals, sources=sources, groups=groups,
                          chosen=source.id if source else "", problems=problems or {}, values=typed, choices=choices,
                          targets={g.id: goal_said(g.params, lang) for g in goals},
                          funded={g.id: funded_of(g, lang) for g in goals},
                          found={g.id: found_of(g, lang) for g in goals},
                          unfundable={g.id: none_of(g, lang) for g in goals},
                          origins={g.id: by_id.get(str(g.params.get("from", ""))) for g in goals},
                          id_example=id_examples(rows, lang) or ("、" if lang == "zh" else ", ").join(ID_EXAMPLE))


def by_year(web: Web, sources: Sequence[RunRecord]) -> list[tuple[int | None, list[RunRecord]]]:
    """The runs offered under the year of their scenario, the latest year first, those of no year last; each year's
    in the order offered (newest first, archived last)."""
    years = {r.id: web.registry.year_of(r) for r in sources}
    found = sorted({year for year in years.values() if year is not None}, reverse=True)
    groups: list[tuple[int | None, list[RunRecord]]] = [
        (year, [r for r in sources if years[r.id] == year]) for year in found]
    unknown = [r for r in sources if years[r.id] is None]
    return groups + ([(None, unknown)] if unknown else [])


def funded_of(record: RunRecord, lang: str) -> str:
    """How many of its targets a finished goal search's budget funds, when not all and some: `资助 89/95 项` ("" when
    all are, none is, or it has not found one)."""
    found = record.outcome.get("goal") if record.status == "done" else None
    if not isinstance(found, dict):
        return ""
    if aside_together(found, lang):  # none funded where money is no limit, nor all at once: as the page says it
        count = len(found.get("together_ids") or left_ids(found))
        return Phrase.of("web.goals.together_none_both" if count == 2 else "web.goals.together_none",
                         reachable=len(found.get("elsewhere_goal") or ()), targets=found.get("targets"),
                         count=count).text(lang, "web")
    if found.get("reachable") in (0, found.get("targets")):
        return ""
    if together_of(found):  # the budget for all together is the one shown; the budget found said beside it
        count = len(found["together_ids"])
        if found.get("together") is None:
            return Phrase.of("web.goals.together_none_both" if count == 2 else "web.goals.together_none",
                             reachable=found.get("reachable"), targets=found.get("targets"), count=count).text(
                lang, "web")
        return Phrase.of("web.goals.together_funded_both" if count == 2 else "web.goals.together_funded",
                         count=count, left=left_said(found, lang),
                         budget=figure(record.budget, lang) if record.budget is not None else "—").text(lang, "web")
    return Phrase.of("web.goals.funded_of", reachable=found.get("reachable"),
                     targets=found.get("targets")).text(lang, "web")


def found_of(record: RunRecord, lang: str) -> tuple[str, str]:
    """A finished goal search's budget found as its page shows it (`18,433万元`; an officer's review: the list said
    18,433.00万元), and beside it the precision and whether it is proven least — `精确到 1万元 · 已证明`, `未证明`
    (no proof asked), `证明未完成` (stopped at its limit), `证明已停止` (stopped on request), `无需证明` (proof_tag) —
    so that two searches of one goal are told apart; ("", "") for one not finished, and no budget where it funds none
    of its targets (none_of says that; the proof's tag still, of the least budget a proof found for those funded
    only at some budgets)."""
    found = record.outcome.get("goal") if record.status == "done" else None
    if not isinstance(found, dict):
        return "", ""
    precision = Phrase.of("web.goals.precision_of", precision=figure(int(found["precision"]), lang)).text(lang, "web")
    if not found.get("reachable") and found.get("elsewhere_proven") is not None:  # none_of says the budget
        return "", f"{precision} · {Phrase.of(proof_tag(found)).text(lang, 'web')}"
    if nothing_funded(found):  # a proof asked of a goal no budget funds: nothing to prove, said so
        return "", f"{precision} · {Phrase.of('web.goals.no_proof_needed').text(lang, 'web')}"
    if not found.get("reachable") or record.budget is None:
        return "", precision
    if together_of(found) and found.get("together") is not None:  # the question asked: all together
        return figure(int(found["together"]), lang), f"{precision} · {Phrase.of(together_tag(found)).text(lang, 'web')}"
    return figure(record.budget, lang), f"{precision} · {Phrase.of(proof_tag(found)).text(lang, 'web')}"


def together_tag(found: Mapping[str, Any]) -> str:
    """The code of what the list says of the proof of the least budget for all the targets funded at some budget,
    together: proven least, stopped (on request, or at its limit or before it began), or none asked."""
    if found.get("together_proven"):
        return "web.goals.proven"
    if not found.get("proof_most"):
        return "web.goals.unproven"
    return "web.goals.proof_stopped_asked" if found.get("stopped") else "web.goals.proof_stopped"


def proof_tag(found: Mapping[str, Any]) -> str:
    """The code of what the list says of a goal search's proof: proven least, no proof needed (the least budget the
    scenario can be solved at), stopped at the officer's request, stopped at its limit, or none asked — of the least
    budget a proof found for the targets funded only at some budgets, when none is funded where money is no limit
    (an officer's review: those rows had no tag, and a stopped proof's budget read as the least)."""
    if not found.get("reachable") and found.get("elsewhere_proven") is not None:
        ended = not aside_proven(found)
        return ("web.goals.proven" if not ended else "web.goals.proof_stopped_asked" if found.get("stopped")
                else "web.goals.proof_stopped")
    if no_proof_needed(found):  # before proven: the library marks the scenario's floor proven
        return "web.goals.no_proof_needed"
    if found.get("proven"):
        return "web.goals.proven"
    if proof_stopped(found):
        return "web.goals.proof_stopped_asked" if found.get("stopped") else "web.goals.proof_stopped"
    return "web.goals.unproven"


def none_of(record: RunRecord, lang: str) -> str:
    """What the list says in place of the budget of a finished goal search whose budget funds none of its targets (an
    officer's review: "2,000.00万元 资助 0/1 项" for a target no budget funds): `无法全额资助`, `无法资助` — or, when
    some were funded at other budgets solved, that no budget was found. "" for any other."""
    found = record.outcome.get("goal") if record.status == "done" else None
    if not isinstance(found, dict) or found.get("reachable") != 0:
        return ""
    if found.get("elsewhere_proven") is not None:  # the least found, not proven: not said as the least
        code = "web.goals.aside" if aside_proven(found) else "web.goals.aside_found"
        return Phrase.of(code, budget=figure(int(found["elsewhere_proven"]), lang)).text(lang, "web")
    if any(isinstance(row, dict) and row.get("elsewhere") is not None for row in found.get("blocked") or []):
        code = "web.goals.none_found"
    else:
        code = "web.goals.none_full" if found.get("full") is not False else "web.goals.none_any"
    return Phrase.of(code).text(lang, "web")


def _label(key: str, lang: str) -> str:
    return Phrase.of(f"web.goals.{key}").text(lang, "web")


def _wrong(code: str, key: str, lang: str, **params: Any) -> str:
    """A mistake of the form, said at its field (by the field's label)."""
    return Phrase.of(code, field=_label(key, lang), **params).text(lang, "web")


def _shown(typed: str) -> str:
    return typed if len(typed) <= MOST_TYPED else typed[:MOST_TYPED] + "…"


def read_score(typed: str, lang: str) -> tuple[Decimal | None, str]:
    """The minimum score as typed (a number from 0 to 100, as a cell's: `85`, `８５`, `85.5`, `85分`), or what is
    wrong — none typed: that it, or the application ids, are wanted (read only when no id is given)."""
    if not typed:
        return None, Phrase.of("web.goal.fill_score_or_ids", field=_label("min_score", lang)).text(lang, "web")
    try:
        score = parse_number(typed.strip().removesuffix("分").strip())
    except AmountError:
        score = None
    if score is None or not score.is_finite() or not 0 <= score <= 100:
        return None, _wrong("web.goal.bad_score", "min_score", lang, typed=_shown(typed))
    return score, ""


def typed_ids(typed: str) -> tuple[str, ...]:
    """The application ids typed in the form's 申报编号, each once, in the order typed: separated by spaces, commas
    (either width), 、 or semicolons.

    >>> typed_ids(" 2026-0060、2026-0198，2026-0060 2026-0362;")
    ('2026-0060', '2026-0198', '2026-0362')
    """
    return tuple(dict.fromkeys(part for part in re.split(r"[\s,，、;；]+", typed) if part))


def read_ids(typed: str, rows: Sequence[RunRow], run: str, lang: str,
             year: int | None = None) -> tuple[tuple[str, ...], str]:
    """The application ids typed, or the sentence naming every one the run's workbook lacks, said at the field —
    the run (`run`) named as the form's list names it; when each of them begins with a year (`2026-0060`) other than
    the run's (`year`), that they look like another year's workbook (an officer's review: 2026 ids typed with the
    2027 run preselected)."""
    ids = typed_ids(typed)
    known = {row.application_id for row in rows}
    lacking = [i for i in ids if i not in known]
    if not lacking or not rows:
        return ids, ""
    shown = ("、" if lang == "zh" else ", ").join(_shown(i) for i in lacking)
    said = _wrong("web.goal.bad_ids", "ids", lang, run=run, ids=shown)
    other = other_year(lacking, year)
    if other is None:
        return (), said
    code = "web.goal.bad_ids_year_one" if len(lacking) == 1 else "web.goal.bad_ids_year"  # 此编号 of one id
    return (), said + Phrase.of(code, typed=other, year=year).text(lang, "web")


def other_year(ids: Sequence[str], year: int | None) -> int | None:
    """The year every id begins with (`2026-0060`: 2026), when it is one and not `year`; None for any other.

    >>> other_year(["2026-0060", "2026-0198"], 2027), other_year(["2026-0060", "2027-0001"], 2027)
    (2026, None)
    >>> other_year(["2027-9999"], 2027), other_year(["A-1"], 2027), other_year(["2026-0060"], None)
    (None, None, None)
    """
    years = {found.group(1) if (found := re.match(r"((?:19|20)[0-9]{2})[-_]", i)) else "" for i in ids}
    if year is None or len(years) != 1 or "" in years:
        return None
    typed = int(years.pop())
    return typed if typed != year else None


def id_examples(rows: Sequence[RunRow], lang: str = "zh") -> str:
    """The example the 申报编号 field shows: two ids of the run chosen (an officer's review: 2026 ids shown with the
    2027 run preselected), joined as `lang` lists them (an officer's review: the Chinese 、 in the English form); ""
    for a run of fewer, or none."""
    ids = list(dict.fromkeys(row.application_id for row in rows if row.application_id))[:2]
    return ("、" if lang == "zh" else ", ").join(ids) if len(ids) == 2 else ""


def run_named(web: Web, source: RunRecord, lang: str) -> str:
    """A run as the form's list names it — `2027年基准方案 · 1.2亿元 · 12-07 22:29` — for the form's sentences (an
    officer's review: they named it by its id, which the list does not show)."""
    return run_label(source, lang, web.views.inputs)


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


def read_goal(web: Web, typed: Mapping[str, str], rows: Sequence[RunRow], choices: Choices,
              lang: str) -> dict[str, list[str]]:
    """What is wrong with the form as typed, each mistake at its field (none: {}); `rows` and `choices` are the run
    picked's, read."""
    problems: dict[str, list[str]] = {}

    def wrong(key: str, said: str) -> None:
        if said:
            problems.setdefault(key, []).append(said)

    source = _source(web, typed["run"])
    if source is None:
        wrong("run", _wrong("web.goal.no_run", "run", lang))
    wrong("run", choices.unreadable)
    named = run_named(web, source, lang) if source is not None else ""
    if typed.get("ids", "").strip():  # the applications named: the other criteria are not used
        year = web.registry.year_of(source) if source is not None else None
        wrong("ids", read_ids(typed["ids"], rows, named, lang, year)[1])
        wrong("precision", read_goal_precision(typed["precision"], lang)[1])
        return problems
    score, said = read_score(typed["min_score"], lang)
    wrong("min_score", said)
    clause, district = typed["clause"], typed["district"]
    if clause and clause not in web.policy.clauses:
        wrong("clause", _wrong("web.goal.bad_clause", "clause", lang, typed=_shown(clause)))
    if district and source is not None and rows and district not in {row.district for row in rows}:
        wrong("district", _wrong("web.goal.bad_district", "district", lang, typed=_shown(district), run=named))
    wrong("precision", read_goal_precision(typed["precision"], lang)[1])
    if not problems and source is not None and score is not None and not any(
            row.entitlement > 0 and row.score is not None and row.score >= score
            and (not clause or row.clause == clause) and (not district or row.district == district) for row in rows):
        params = {"min_score": format_decimal(score), "clause": clause, "district": district}
        wrong("min_score", _wrong("web.goal.no_targets", "min_score", lang, run=named,
                                  what=targets_said(params, lang)))
    return problems


async def start_goal(web: Web, request: Request, form: FormData) -> Response:
    lang = request_lang(request)
    typed = {key: str(form.get(key, "")).strip() for key in TYPED}
    source = _source(web, typed["run"])
    rows, choices = await _read_choices(web, source, lang)
    problems = read_goal(web, typed, rows, choices, lang)
    ids = read_ids(typed["ids"], rows, typed["run"], lang)[0]
    score = None if ids else read_score(typed["min_score"], lang)[0]
    if problems or source is None or (score is None and not ids):
        return await goals_page(web, request, status=400, problems=problems, form=form)
    workbook = web.registry.stored_input(source.workbook)
    scenario = web.registry.stored_input(source.scenario) if source.scenario else None
    assert workbook is not None
    record = web.registry.add(NewRun(
        workbook, scenario, source.scenario_name, None, None, source.solver, lang, source.skip_invalid, kind="goal",
        params={"from": source.id, "min_score": "" if score is None else format_decimal(score),
                "clause": "" if ids else typed["clause"], "district": "" if ids else typed["district"],
                **({"ids": list(ids)} if ids else {}), "full": typed["fund"] != "any", "precision": typed["precision"],
                "prove": typed["prove"] == "1", "ledger": ledger_params(source)}))
    web.running.start(record)
    return RedirectResponse(f"/goals/{record.id}", status_code=303)


def ledger_params(source: RunRecord) -> dict[str, Any] | None:
    """The award ledger the run counted, as a goal search's params keep it (None: none): the search counts it so."""
    counted = run_ledger_facts(source)
    return None if counted is None else {key: getattr(counted, key) for key in LEDGER_KEYS}


# ---------------------------------------------------------------------------------------------- one


def kept_scenario(web: Web, source: RunRecord, budget: int, lang: str, goal: Mapping[str, Any] | None = None) -> str:
    """The run's scenario at `budget`, kept as a scenario file of ours (by its SHA-256, as the new-run form keeps
    one past an upload): its name under inputs/, for the new-run form's ?kept=. With `goal` (a goal search's
    params), named after it in one language — `2026年基准方案（目标：85分以上全额）`, `2026 base case (goal: 85 or
    more, in full)`: a shipped scenario by its Chinese name in Chinese, as the lists name it — so that the run is told
    apart in the list."""
    data: dict[str, Any] = {}
    if source.scenario:
        data = read_toml_bytes(web.registry.input_path(source.scenario).read_bytes())
    data = {**data, "budget": budget_typed(budget)}
    if goal is not None:
        name = str(data.get("name") or source.scenario_name or "")
        shown = (record_scenario(source, lang, web.registry.inputs) if name == source.scenario_name
                 else scenario_label(name, lang))
        data["name"] = goal_run_name(shown, goal, lang)
    return web.registry.keep_bytes(toml_text(data, lang).encode("utf-8"), "scenario.toml", ".toml").name


def new_run_link(web: Web, source: RunRecord, budget: int, lang: str, goal: Mapping[str, Any] | None = None) -> str:
    """The new-run form with the run's workbook, settings and scenario, its budget the one found (and its name the
    goal's, given one)."""
    query = {"from": source.id, "kept": kept_scenario(web, source, budget, lang, goal), "solver": source.solver,
             "report_lang": source.lang}
    if source.skip_invalid:
        query["skip_invalid"] = "1"
    return f"/new?{urlencode(query)}"


def applicants_of(web: Web, source: RunRecord | None, ids: Iterable[str]) -> dict[str, str]:
    """The applicants of some applications of the run a goal search came from, by id ({} when its files cannot be
    read: the page names the applications by id alone)."""
    wanted = set(ids)
    if source is None or not wanted:
        return {}
    try:
        return {row.application_id: row.applicant for row in _rows(web, source) if row.application_id in wanted}
    except (InputError, Mismatch):
        return {}


async def goal_page(web: Web, request: Request) -> Response:
    """A goal search's page: the queue, then "working" while it works; then what it found, a new allocation at the
    budget found (none when it funds none of the targets), and its files. Its facts say the run's own budget as the
    run's (an officer's review: under 年度预算 the budget found read as the run's), the budget found being the figure
    below them."""
    record = run_of(web, request, "goal")
    lang = request_lang(request)
    goal = record.outcome.get("goal") if record.status == "done" else None
    source = web.registry.get(str(record.params.get("from", "")))
    link, together, applicants = "", "", {}
    budget = goal_budget(record)
    if budget is not None and source is not None and source.kind == "allocate":
        link = await run_in_threadpool(new_run_link, web, source, budget, lang, run_goal(record.params, goal))
        if isinstance(goal, dict) and together_of(goal) and goal.get("together") is not None:  # named after all
            together = await run_in_threadpool(new_run_link, web, source, int(goal["together"]), lang,
                                               together_goal(record.params, goal))
    if isinstance(goal, dict) and goal.get("reachable") and source is not None:
        applicants = await run_in_threadpool(applicants_of, web, source, goal.get("setting") or ())
    own = source.budget if source is not None else None
    facts = replace(record, budget=None, budget_given=Phrase.of(
        "web.goal.facts_budget", amount=figure(own, lang)).text(lang, "web") if own is not None else None)
    cautions = await run_in_threadpool(cautions_of, web, record, lang, run_inputs(record))
    said = findings(goal, lang, applicants, bool(record.params.get("ids"))) if isinstance(goal, dict) else {}
    # with its version, as the run page says it; while it works, the version installed of the one asked for
    used = goal.get("solver") if isinstance(goal, dict) else installed(record.solver) if record.active else None
    return web.views.page(request, "goal.html", run=record, facts=facts, outcome=record.outcome, goal=goal,
                          said=said, new_run=link, new_run_together=together, solver_used=used,
                          marks=funded_at_marks(goal, lang) if isinstance(goal, dict) else {},
                          source=source.id if source is not None else "", targets=targets_said(record.params, lang),
                          full=record.params.get("full") is not False, precision=record.params.get("precision", ""),
                          files=GOAL_FILES, next_ledger=web.ledger.current(), queue=queue_of(web, record),
                          downloads={name: download_name(record.id, name, lang) for name in GOAL_FILES},
                          cautions=cautions, proof=record.params.get("prove") is True, proof_most=PROOF_MOST,
                          progress=progress_of(web.running, record) if record.active else None,
                          stop_asked=record.active and stop_file(web.running, record).exists())


@cache
def installed(solver: str) -> str | None:
    """The version installed of a solver asked for by name, as the search's solves will report it (`HiGHS 1.16.0`;
    an officer's review: `求解器 HiGHS` while the search works, `HiGHS 1.16.0` once done) — None for `auto` (which
    one answers is known only once it has), or for a solver not installed."""
    if solver not in ("highs", "cbc"):
        return None
    try:
        return solver_version(solver)
    except BudgetoptError:
        return None


def goal_budget(record: RunRecord) -> int | None:
    """The budget a finished goal search's new allocation is made at: the budget found, when it funds some of the
    targets; the least budget a proof found for the targets funded only at some budgets, when none is funded where
    money is no limit; None for any other (no new allocation at a budget that funds none of the targets)."""
    goal = record.outcome.get("goal") if record.status == "done" else None
    if not isinstance(goal, dict):
        return None
    if goal.get("reachable"):
        return record.budget
    aside = goal.get("elsewhere_proven")
    return int(aside) if aside is not None else None


async def stop_proof(web: Web, request: Request, form: FormData) -> Response:
    """停止证明: the proof of a goal search at work (or queued) asked to stop between two solves — the search then
    ends as at its limit, its files written whole — and back to its page; a search ended, or one that asked for no
    proof, is refused with a sentence (409) and a link back to the search (an officer's review: a stale tab's 停止证明
    led only to 运行记录), nothing changed."""
    record = run_of(web, request, "goal")
    if record.params.get("prove") is not True or not record.active:
        code = "web.goal.stop_no_proof" if record.params.get("prove") is not True else "web.goal.stop_done"
        return web.views.page(request, "_goal_refused.html", status=409, goal_id=record.id,
                              message=Phrase.of(code, id=record.id).text(request_lang(request), "web"))
    await run_in_threadpool(stop_file(web.running, record).touch)
    return RedirectResponse(f"/goals/{record.id}", status_code=303)
