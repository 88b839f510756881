"""A run's page (pages.py routes it), and what the other pages of a run share with it: the run an address names,
its warnings about the whole run, its place in the queue, its problems in a sentence, what the ledger says of it.

    GET  /runs/ID           a run: status, warnings, report, downloads, binding limits, one application's outcome
                            (?q=); once published, what its awards stand at after the corrections recorded since
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from optimizer.errors import InputError, Mismatch
from optimizer.reading.run_folder import RunRow, download_name, read_run
from optimizer.report.manifest import sha256_file
from optimizer.report.notice import AWARDS_FILE, NOTICE_FILE
from optimizer.report.units import amount_text, capitalised
from optimizer.web.ledgers import PublishSight, publish_sight
from optimizer.web.registry import RunRecord
from optimizer.web.security import Refused
from optimizer.web.state import Web
from optimizer.web.views import request_lang, solver_said
from optimizer.words import Phrase

RUN_FILES = ("allocation.csv", "allocation.xlsx", "manifest.json", "report.html")
PUBLISHED_FILES = (NOTICE_FILE, AWARDS_FILE)  # beside them once the run is published (公示)
MATCHES = 50  # applications a search shows at most
HASHED_RUN = re.compile(r"\b([0-9a-f]{12})…")  # a published run as the library's sentences name it: its manifest's hash


def routes(web: Web) -> list[BaseRoute]:
    return [Route("/runs/{run_id}", partial(run_page, web))]


def run_of(web: Web, request: Request, kind: str = "allocate") -> RunRecord:
    """The run the address names; 404 for anything else."""
    record = web.registry.get(str(request.path_params.get("run_id", "")))
    if record is None or record.kind != kind:
        raise Refused(404, Phrase.of("web.not_found"))
    return record


async def run_page(web: Web, request: Request) -> Response:
    record = run_of(web, request)
    lang = request_lang(request)
    query = request.query_params.get("q", "").strip()
    matches: list[RunRow] | None = None
    unreadable = ""  # the run's files, edited or damaged in the data folder since: what is wrong, said on the page
    if query and record.status == "done":
        try:
            matches = await run_in_threadpool(search, web, record, query)
        except (InputError, Mismatch) as exc:
            unreadable = problems_text(exc, lang)
    publication = None
    if record.status == "done":  # the ledger, read once: published or not, and what its awards stand at now
        publication = await run_in_threadpool(run_sight, web, record, lang)
    cautions = await run_in_threadpool(cautions_of, web, record, lang, run_inputs(record))
    used = None if record.status != "done" else await run_in_threadpool(solver_used, web.registry.run_folder(record))
    return web.views.page(request, "run.html", status=409 if unreadable else 200, run=record, outcome=record.outcome,
                          solver_used=solver_said(record.solver, lang, used), query=query, matches=matches,
                          unreadable=unreadable, files=RUN_FILES,
                          matches_limit=MATCHES, next_ledger=web.ledger.current(), publication=publication,
                          published_files=PUBLISHED_FILES, queue=queue_of(web, record), cautions=cautions,
                          now=standing_now(publication, matches or []), corrected=corrected_said(publication, lang),
                          downloads={name: download_name(record.id, name, lang)
                                     for name in (*RUN_FILES, *PUBLISHED_FILES)})


def solver_used(folder: Path) -> str | None:
    """The solver a finished run used, with its version, as its manifest.json records it — `HiGHS 1.16.0`, as
    allocation.xlsx and report.html print it (an officer's review: the page said `highs`); None where the file does
    not say (a folder damaged since: the page then names the solver asked for)."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    solver = manifest.get("solver") if isinstance(manifest, dict) else None
    version = solver.get("version") if isinstance(solver, dict) else None
    return version.strip() if isinstance(version, str) and version.strip() else None


def corrected_said(publication: PublishSight | None, lang: str) -> dict[str, str]:
    """For a published run whose awards were lowered or revoked since: how many, what its awards stand at now, and
    the year's correction notice (更正公告) — {"said", "link", "notice"}; {} for any other run."""
    if publication is None or not publication.corrected:
        return {}
    parts = [Phrase.of(code, count=count).text(lang, "web")
             for code, count in (("web.run.lowered", publication.lowered), ("web.run.revoked", publication.revoked))
             if count]
    count, total = publication.standing
    award = publication.published[0].award
    return {"said": Phrase.of("web.run.corrected", what=("、" if lang == "zh" else ", ").join(parts), count=count,
                              total=amount_text(total, lang)).text(lang, "web"),
            "link": f"/ledger/corrections.xlsx?{urlencode({'policy': award.policy, 'year': award.year})}",
            "notice": Phrase.of("web.run.corrections_notice", year=award.year).text(lang, "web")}


def standing_now(publication: PublishSight | None, rows: Sequence[RunRow]) -> list[int | None]:
    """For each row found, what its award stands at now where a correction lowered (or, at 0, revoked) it since it
    was published; None where nothing changed it."""
    corrected = publication.corrected_to() if publication is not None else {}
    loose = {(application, clause): amount for (application, _, clause), amount in corrected.items()}
    return [corrected.get((row.application_id, row.credit_code, row.clause)) if row.credit_code
            else loose.get((row.application_id, row.clause)) for row in rows]


def cautions_of(web: Web, record: RunRecord, lang: str,
                inputs: Sequence[str] = ()) -> list[list[tuple[str, str]]]:
    """The run's warnings about the whole run (not at a cell), each as parts of text — as report.html lists them
    under 警告（公示前须处理）, not at one of the run's `inputs` (run_inputs; tasks.plain, warning_said) — a published
    run the library names by its manifest's hash (`公示运行 17c05ff073d3… 时记入`) named by its id instead, with a
    link to it (the second of a part) where the app knows that run."""
    found = record.outcome.get("warnings") or []
    texts = [warning_said(w, lang, inputs) for w in found if isinstance(w, Mapping) and w.get("row") is None]
    known = runs_by_manifest(web, {prefix for text in texts for prefix in HASHED_RUN.findall(text)})
    cautions = []
    for text in texts:
        parts, at = [], 0
        for hashed in HASHED_RUN.finditer(text):
            run_id = known.get(hashed.group(1))
            if run_id is not None:
                parts += [(text[at:hashed.start()], ""), (run_id, run_id)]
                at = hashed.end()
        cautions.append([*parts, (text[at:], "")])
    return cautions


def run_inputs(record: RunRecord) -> tuple[str, ...]:
    """The names a run's warnings were recorded at by an earlier budgetopt: its workbook's, its scenario's, and its
    award ledger's file."""
    ledger = record.outcome.get("ledger")
    return (record.workbook_name, record.scenario_name or "",
            str(ledger.get("name", "")) if isinstance(ledger, Mapping) else "")


def warning_said(warning: Mapping[str, Any], lang: str, inputs: Sequence[str] = ()) -> str:
    """A recorded warning as the run's page says it: as report.html lists it — where a run of an earlier budgetopt
    recorded it at its file, said without that file (one of the run's `inputs`: its workbook, scenario, ledger) and
    its mark.

    >>> warning_said({"zh": "a.xlsx：警告：甲", "en": "a.xlsx: warning: a", "plain": ["甲", "A"]}, "en")
    'A'
    >>> old = {"zh": "a.xlsx：警告：甲", "en": "a.xlsx: warning: a"}
    >>> warning_said(old, "zh", ("a.xlsx",)), warning_said(old, "en", ("a.xlsx",)), warning_said(old, "en")
    ('甲', 'A', 'a.xlsx: warning: a')
    """
    plain = warning.get("plain")
    if isinstance(plain, Sequence) and len(plain) == 2:
        return str(plain[0] if lang == "zh" else plain[1])
    text = str(warning.get("zh" if lang == "zh" else "en", ""))
    mark = "：警告：" if lang == "zh" else ": warning: "
    at = next((name for name in inputs if name and text.startswith(name + mark)), None)
    return text if at is None else capitalised(text.removeprefix(at + mark))


def runs_by_manifest(web: Web, prefixes: set[str]) -> dict[str, str]:
    """The finished runs whose manifest's SHA-256 starts with one of `prefixes` (12 hex digits), by prefix."""
    found: dict[str, str] = {}
    if not prefixes:
        return found
    for other in web.registry.runs():
        manifest = web.registry.run_folder(other) / "manifest.json"
        if other.kind == "allocate" and other.status == "done" and manifest.is_file():
            prefix = sha256_file(manifest)[:12]
            if prefix in prefixes:
                found.setdefault(prefix, other.id)
                if len(found) == len(prefixes):
                    break
    return found


def run_sight(web: Web, record: RunRecord, lang: str) -> PublishSight:
    """What the ledger says of a run (published, why it cannot be, or ready): only a finished run can be published."""
    if record.status != "done":
        return PublishSight(refusal=Phrase.of("web.publish.not_done").text(lang, "web"))
    return publish_sight(web.ledger, web.registry.run_folder(record), record.id, lang, record.input_names())


def queue_of(web: Web, record: RunRecord) -> tuple[int, int] | None:
    """For a queued run, how many are solved and how many wait before it (its page says so); else None."""
    return web.registry.queue_ahead(record) if record.status == "queued" else None


def problems_text(error: InputError | Mismatch, lang: str) -> str:
    """An input error as the page says it, its problems one after another; or what no longer matches its record
    (a run's allocation.csv edited since)."""
    if isinstance(error, Mismatch):
        return error.says(lang, "web")
    return " ".join(problem.text(lang, "web") for problem in error.problems)


def search(web: Web, record: RunRecord, query: str) -> list[RunRow]:
    """The applications of a finished run whose id is `query`, else whose id or applicant holds it."""
    rows = read_run(web.registry.run_folder(record)).rows
    exact = [row for row in rows if row.application_id == query]
    if exact:
        return exact
    needle = query.casefold()
    return [row for row in rows if needle in row.application_id.casefold() or needle in row.applicant.casefold()
            ][:MATCHES]
