"""The record of awards in the app (docs/web.md, Publishing and the award ledger): publishing a run (公示), and the
ledger's page — which file runs count, whether its chain holds, what it records — as `budgetopt publish` and
`budgetopt ledger init | import | correct | show | check` do on the command line.

    GET  /ledger                 the ledger: its file, its chain, its totals by policy and year, its entries (?q=)
    POST /ledger/new             the data folder's ledger.sqlite made, when runs count none → back where it was asked
    POST /ledger/import          another policy's awards workbook recorded in the ledger → the ledger's page
    POST /ledger/correct         an award to lower or revoke (核减、撤销): first what would be recorded, on a page to
                                 confirm (nothing written); confirmed (step=confirm), recorded as `budgetopt ledger
                                 correct` does → the ledger's page; step=back → the form again, as typed
    GET  /ledger/ledger.csv      every entry, as `budgetopt ledger show --csv` writes them
    GET  /ledger/summary.xlsx    awards summed up (?policy=&year=&district=&upto=), as `budgetopt ledger summary`
                                 writes it
    GET  /ledger/corrections.xlsx  the correction notice (?policy=&year=&after=&upto=&days=&batch=), or its checks
                                 (&checks=1), as `budgetopt ledger corrections` writes them
    GET  /runs/ID/publish        what publishing the run records, and the button; once published, what it recorded
    POST /runs/ID/publish        the run published: notice.xlsx and awards.json, its awards in the ledger → GET
    GET  /runs/ID/files/NAME     notice.xlsx or awards.json of a run the ledger records

The ledger is written one request at a time (a lock), and only by the library's own functions, in worker processes
where a workbook is read. Nothing is ever removed from it, and nothing is published twice: the library refuses it,
and the page says why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from optimizer.errors import BudgetoptError, InputError
from optimizer.jobs.corrections import CorrectionNotice, checks_name, corrections_in
from optimizer.jobs.ledger import MOST_BASIS, Corrected, correct_award
from optimizer.jobs.publish import notice_settings
from optimizer.jobs.summary import Summary, summary_of
from optimizer.ledger import Entry, LedgerState, init_ledger, read_ledger, standing
from optimizer.ledger.summary import by_policy_year
from optimizer.reading.awards import policy_problems
from optimizer.reading.run_folder import download_name
from optimizer.report.ledger_out import entry_notes, ledger_csv
from optimizer.report.notice import (
    MOST_BATCH,
    MOST_CONTACT,
    MOST_OBJECTION_DAYS,
    NoticeSettings,
    batch_text,
    objection_period,
)
from optimizer.report.units import amount_text
from optimizer.rules.divisions import chongqing
from optimizer.web import tasks
from optimizer.web.attachments import attachment, saved_as
from optimizer.web.ledgers import sight
from optimizer.web.registry import RUN_ID, RunRecord
from optimizer.web.run_page import PUBLISHED_FILES, run_of, run_sight
from optimizer.web.security import Refused
from optimizer.web.state import Web
from optimizer.web.tools import file_response
from optimizer.web.uploads import client_name, form_page, post, save, suffix_of, uploaded
from optimizer.web.views import request_lang
from optimizer.words import Phrase

T = TypeVar("T")
SHOWN_ENTRIES = 200  # the ledger's page shows the latest entries found; ledger.csv has them all
OBJECTION_DAYS = (1, MOST_OBJECTION_DAYS)  # the 公示 period the form accepts, in working days


def routes(web: Web) -> list[BaseRoute]:
    return [
        Route("/ledger", partial(ledger_page, web)),
        post("/ledger/new", partial(make_ledger, web), web.access),
        post("/ledger/import", partial(import_post, web), web.access),
        post("/ledger/correct", partial(correct_post, web), web.access),
        *(form_page(path, "/ledger") for path in ("/ledger/new", "/ledger/import", "/ledger/correct")),
        Route("/ledger/ledger.csv", partial(ledger_file, web)),
        Route("/ledger/summary.xlsx", partial(summary_file, web)),
        Route("/ledger/corrections.xlsx", partial(corrections_file, web)),
        Route("/runs/{run_id}/publish", partial(publish_page, web), methods=["GET", "HEAD"]),
        post("/runs/{run_id}/publish", partial(publish_post, web), web.access),
        Route("/runs/{run_id}/files/{name}", partial(published_file, web)),
    ]


# ---------------------------------------------------------------------------------------------- the ledger


def districts_of(entries: Sequence[Entry]) -> list[str]:
    """The districts the ledger's awards were granted in, by region of 一区两群 as the summary lists them (any other
    after them)."""
    order = {name: i for i, name in enumerate(name for region in chongqing().regions for name in region.members)}
    found = {entry.award.district for entry in entries if entry.award.district}
    return sorted(found, key=lambda name: (order.get(name, len(order)), name))


def matching(entries: Sequence[Entry], query: str) -> list[Entry]:
    """The entries whose credit code, applicant, content or application holds `query` (any case)."""
    needle = query.strip().casefold()
    if not needle:
        return list(entries)
    return [entry for entry in entries
            if any(needle in (text or "").casefold() for text in (
                entry.award.credit_code, entry.award.applicant, entry.award.content_key, entry.award.application_id))]


@dataclass(frozen=True)
class Correction:
    """The correction form as typed, and how it ended: `done` (the summary) or `refusal` (why not)."""

    seq: str = ""
    to: str = ""
    basis: str = ""
    on: str = ""
    done: str = ""
    refusal: str = ""

    @classmethod
    def typed(cls, form: FormData) -> Correction:
        """The form's fields as typed (the page's and the API's)."""
        return cls(*(str(form.get(name, "")).strip() for name in ("seq", "to", "basis", "on")))


async def ledger_page(web: Web, request: Request, status: int = 200, result: tasks.LedgerOutcome | None = None,
                      policy: str = "", refusal: str = "", import_refusal: str = "",
                      correction: Correction | None = None, summary_refusal: str = "",
                      corrections_refusal: str = "") -> Response:
    """The ledger's page — with what a form sent from it came to: an import, a correction, a summary or correction
    notice there is none of (`summary_refusal`, `corrections_refusal`: said beside its form, the choices kept)."""
    lang = request_lang(request)
    seen = await run_in_threadpool(sight, web.ledger, lang)
    query = request.query_params.get("q", "").strip()
    found = matching(seen.entries, query)
    shown = found[-SHOWN_ENTRIES:]
    notes = entry_notes(seen.entries, shown, lang, lambda amount: amount_text(amount, lang))
    asked = request.query_params.get("correct", "").strip()
    correction = correction or Correction(seq=asked if asked.isdigit() else "")
    totals = by_policy_year(seen.entries)
    stands = {entry.seq: amount for entry, amount in standing(seen.entries)}  # the awards, as they stand
    correcting = correcting_said(seen.entries, stands, correction.seq, lang)
    return web.views.page(request, "ledger.html", status=status, ledger=seen, totals=totals,
                          several_years=[name for name, n in Counter(line.policy for line in totals).items() if n > 1],
                          districts=districts_of(seen.entries),
                          query=query, found=shown, found_count=len(found), notes=notes,
                          correctable={seq for seq, amount in stands.items() if amount > 0},
                          found_total=sum(entry.award.amount for entry in found), shown_limit=SHOWN_ENTRIES,
                          result=result, policy=policy, refusal=refusal, import_refusal=import_refusal,
                          correction=correction, correcting=correcting, most_basis=MOST_BASIS,
                          most_days=OBJECTION_DAYS[1], most_batch=MOST_BATCH, today=date.today().isoformat(),
                          summary_refusal=summary_refusal, corrections_refusal=corrections_refusal,
                          chosen={name: request.query_params.get(name, "").strip()
                                  for name in ("policy", "year", "district", "after", "days", "batch")})


def correcting_said(entries: Sequence[Entry], stands: Mapping[int, int], seq: str, lang: str) -> str:
    """The award the correction form names (its entry's number as typed), as the form shows it beside the number:
    who, which award and what it stands at; "" for a number that names no award that stands."""
    number = int(seq) if seq.isascii() and seq.isdigit() and len(seq) < 10 else 0
    entry = entries[number - 1] if 1 <= number <= len(entries) else None
    if entry is None or stands.get(number, 0) <= 0:
        return ""
    return Phrase.of("web.ledger_page.correcting", seq=number, who=award_words(entry, lang),
                     amount=amount_text(stands[number], lang)).text(lang, "web")


async def correct_post(web: Web, request: Request, form: FormData) -> Response:
    """An award to lower to the amount typed, or revoke at 0, on the basis typed: first the page that says what would
    be recorded — who, which award, from what to what, on what basis — with 确认记入台账 and 返回修改, nothing
    written; confirmed (`step=confirm`), recorded as `budgetopt ledger correct` records it, unless the award changed
    since it was shown; `step=back`, the form again as typed. Then the ledger's page says what was recorded, or why
    not (the form kept as typed)."""
    lang = request_lang(request)
    typed = Correction.typed(form)
    step = str(form.get("step", ""))
    if step == "back":
        return await ledger_page(web, request, correction=typed)
    if step == "confirm":
        attempt = await correct_now(web, typed, lang, shown=shown_before(form))
    else:
        attempt = await preview_now(web, typed, lang)
    if attempt.corrected is not None and step != "confirm":
        return confirm_page(web, request, typed, attempt.corrected)
    if attempt.corrected is not None:
        return await ledger_page(web, request, correction=Correction(done=attempt.said))
    if attempt.status == 404:  # no ledger yet: said at the top, where the page offers to make one
        return await ledger_page(web, request, status=400, refusal=attempt.said)
    return await ledger_page(web, request, status=attempt.status, correction=replace(typed, refusal=attempt.said))


def shown_before(form: FormData) -> tuple[int, int] | None:
    """The award the confirmation page showed, and what it stood at then (its hidden fields), or None."""
    award, before = (str(form.get(name, "")).strip() for name in ("award", "before"))
    if not (entry_number(award) and entry_number(before) and award and before):
        return None
    return int(award), int(before)


def confirm_page(web: Web, request: Request, typed: Correction, corrected: Corrected) -> Response:
    """What the correction typed would record, to confirm: the award (who, which, what it stands at), what it would
    stand at after, the basis and the date; with the fields as typed, to record it or to go back to the form."""
    lang = request_lang(request)
    award = corrected.award_entry.award
    who = award_words(corrected.award_entry, lang)
    code = "web.correct.will_revoke" if corrected.after == 0 else "web.correct.will_lower"
    said = Phrase.of(code, seq=corrected.award_entry.seq, who=who, before=amount_text(corrected.before, lang),
                     after=amount_text(corrected.after, lang)).text(lang, "web")
    decided = corrected.entry.award.awarded_on
    return web.views.page(request, "correct_confirm.html", typed=replace(typed, on=typed.on or str(decided or "")),
                          corrected=corrected, award=award, said=said, ledger_path=web.ledger.path)


def award_words(entry: Entry, lang: str) -> str:
    """An award as an officer tells it from another: applicant, application, clause and project (or content), those
    it has."""
    award = entry.award
    clause = Phrase.of("web.correct.clause", clause=award.clause).text(lang, "web") if award.clause else ""
    parts = [award.applicant, award.application_id or "", clause, award.project or award.content_key or ""]
    return ("，" if lang == "zh" else ", ").join(part for part in parts if part)


@dataclass(frozen=True)
class CorrectionAttempt:
    """How a correction asked for in the app ended: recorded (`corrected`) — or, for the confirmation page, what it
    would record — or refused with `status` — 400 for the form's own mistakes, 404 when there is no ledger yet, 409
    when the ledger refused it — and `said` either way."""

    corrected: Corrected | None
    said: str
    status: int = 200


async def correct_now(web: Web, typed: Correction, lang: str,
                      shown: tuple[int, int] | None = None) -> CorrectionAttempt:
    """The correction `typed`, recorded in the ledger the runs count, one ledger write at a time (the page's form,
    once confirmed, and the API's); refused where the award `shown` on the confirmation page (entry, amount) no longer
    stands at what the page said."""
    if not web.ledger.path.exists():
        return CorrectionAttempt(None, Phrase.of("web.ledger_page.make_first_correct").text(lang, "web"), 404)
    async with web.ledger_writes:
        return await _attempt(lang, lambda: run_in_threadpool(_correct, web.ledger.path, typed, shown, lang))


async def preview_now(web: Web, typed: Correction, lang: str) -> CorrectionAttempt:
    """What recording the correction `typed` would record now — decided by the library's own checks on the ledger as
    it stands (`correct_award(preview=True)`) — or why it would be refused, as `correct_now` says it; nothing is
    written."""
    if not web.ledger.path.exists():
        return CorrectionAttempt(None, Phrase.of("web.ledger_page.make_first_correct").text(lang, "web"), 404)
    return await _attempt(lang, lambda: run_in_threadpool(_preview, web.ledger.path, typed))


async def _attempt(lang: str, made: Callable[[], Awaitable[Corrected | CorrectionAttempt]]) -> CorrectionAttempt:
    """A correction (or its preview) made, as an attempt: the library's refusals said in `lang`."""
    try:
        result = await made()
    except InputError as exc:  # each mistake of the form, or the ledger's refusal (LedgerError)
        said = " ".join(opening(p.message.text(lang, "web")) for p in exc.problems)
        return CorrectionAttempt(None, said, 400 if type(exc) is InputError else 409)
    except BudgetoptError as exc:  # LedgerTampered: the ledger's page says what was changed
        return CorrectionAttempt(None, exc.text(lang, "web"), 409)
    if isinstance(result, CorrectionAttempt):
        return result
    return CorrectionAttempt(result, result.summary().text(lang, "web"))


def _correct(ledger: Path, typed: Correction, shown: tuple[int, int] | None,
             lang: str) -> Corrected | CorrectionAttempt:
    """The correction `typed` recorded — unless the award the confirmation page showed (`shown`: its entry and what
    it stood at) stands at something else now, another correction having been recorded since: then why not."""
    if shown is not None:
        seq, before = shown
        now = read_ledger(ledger).stands_at(seq)
        if now != before:
            return CorrectionAttempt(None, Phrase.of("web.correct.changed", seq=seq, before=amount_text(before, lang),
                                                     now=amount_text(now or 0, lang)).text(lang, "web"), 409)
    return correct_award(ledger, typed.seq, to=typed.to, basis=typed.basis, on=typed.on or None)


def _preview(ledger: Path, typed: Correction) -> Corrected:
    return correct_award(ledger, typed.seq, to=typed.to, basis=typed.basis, on=typed.on or None, preview=True)


async def make_ledger(web: Web, request: Request, form: FormData) -> Response:
    """The data folder's own ledger.sqlite, made empty (never over a file, never where --ledger names one)."""
    back = str(form.get("back", ""))
    run_id = back.removeprefix("/runs/").removesuffix("/publish")
    back = back if back == f"/runs/{run_id}/publish" and RUN_ID.match(run_id) else "/ledger"
    if web.ledger.given:
        raise Refused(400, Phrase.of("web.ledger_page.given"))
    async with web.ledger_writes:
        if not web.ledger.path.exists():
            try:
                await run_in_threadpool(init_ledger, web.ledger.path)
            except BudgetoptError as exc:
                return await ledger_page(web, request, status=409, refusal=exc.text(request_lang(request), "web"))
    return RedirectResponse(back, status_code=303)


async def import_post(web: Web, request: Request, form: FormData) -> Response:
    """Another policy's awards workbook, read by a worker as `budgetopt ledger import` reads it and recorded in the
    ledger; kept in imports/ when it was recorded, else discarded."""
    lang = request_lang(request)
    upload = uploaded(form, "awards")
    policy = str(form.get("policy", "")).strip()
    name = client_name(upload, "awards.xlsx") if upload else ""
    wrong = [opening(p.text(lang, "web")) for p in policy_problems("", policy)] if policy else []
    if upload is None or not policy or wrong:  # the form's own mistakes: the workbook is not read
        missing = "web.ledger_page.no_file" if upload is None else "web.ledger_page.no_policy"
        return await ledger_page(web, request, status=400, policy=policy,
                                 import_refusal=" ".join(wrong) or Phrase.of(missing).text(lang, "web"))
    if not web.ledger.path.exists() and not web.ledger.given:
        return await ledger_page(web, request, status=400, policy=policy,
                                 import_refusal=Phrase.of("web.ledger_page.make_first").text(lang, "web"))
    if not (await run_in_threadpool(sight, web.ledger, lang)).usable:  # the page says why, above the form
        return await ledger_page(web, request, status=409, policy=policy,
                                 import_refusal=Phrase.of("web.ledger_page.unusable_import").text(lang, "web"))
    scratch = await save(upload, web.registry.scratch_file(suffix_of(name)))
    try:
        async with web.ledger_writes:
            result: tasks.LedgerOutcome = await web.running.call(
                web.running.reads, tasks.import_ledger_awards, web.ledger.path, scratch, name, policy, web.limits,
                lang)
        if result.ok:
            await run_in_threadpool(web.registry.keep_import, scratch)
    finally:
        web.registry.discard(scratch)  # refused, or cut off (once kept, it is no longer there)
    return await ledger_page(web, request, status=200 if result.ok else 400, result=result,
                             policy="" if result.ok else policy)


def opening(sentence: str) -> str:
    """A sentence of the library's, which follows a file's name on the command line, as the first words of a line."""
    return sentence[:1].upper() + sentence[1:]


async def ledger_file(web: Web, request: Request) -> Response:
    """ledger.csv: every entry, as `budgetopt ledger show --csv` writes them (404 while the ledger cannot be read)."""
    seen = await run_in_threadpool(sight, web.ledger, request_lang(request))
    if not seen.usable:
        raise Refused(404, Phrase.of("web.not_found"))
    return attachment(ledger_csv(seen.entries), "ledger.csv")


async def summary_file(web: Web, request: Request) -> Response:
    """The summary workbook of one policy (`policy`, this policy's when not given) in one year and district (`year`,
    `district`, every one when not given), as `budgetopt ledger summary` writes it. 404 while the ledger cannot be
    read, and, with the library's sentence, for what it holds no award of."""
    lang = request_lang(request)
    asked = summary_asked(request)
    if asked is None:
        raise Refused(404, Phrase.of("web.not_found"))
    summary = await run_in_threadpool(summary_now, web, lang, *asked)
    if isinstance(summary, Phrase) and summary.code == "web.not_found":  # the ledger cannot be read: its page says so
        raise Refused(404, summary)
    if isinstance(summary, Phrase):  # nothing of what was asked (a district with no award): said beside the form
        return await ledger_page(web, request, status=404, summary_refusal=summary.text(lang, "web"))
    data = await run_in_threadpool(summary.xlsx, lang)
    figures = summary.figures
    parts = [figures.policy, *(str(y) for y in figures.years[:1] if asked[1] is not None), figures.district or ""]
    ending = "-资助汇总.xlsx" if lang == "zh" else "-summary.xlsx"
    shown = "-".join(_file_word(part) for part in parts if part) + ending
    return attachment(data, "ledger-summary.xlsx" if asked[1] is None else f"ledger-summary-{asked[1]}.xlsx",
                      shown=shown)


def summary_asked(request: Request) -> tuple[str | None, int | None, str | None, int | None] | None:
    """The policy, year, district and number of entries (`upto`: an earlier summary made again) a summary is asked
    for, each None when not given; None for a year (four ASCII digits, 1900–2999, as the command line takes) or a
    number that is none."""
    policy, year, district, upto = (request.query_params.get(name, "").strip()
                                    for name in ("policy", "year", "district", "upto"))
    if not (a_year(year) and entry_number(upto)):
        return None
    return policy or None, int(year) if year else None, district or None, int(upto) if upto else None


def summary_now(web: Web, lang: str, policy: str | None, year: int | None, district: str | None,
                upto: int | None = None) -> Summary | Phrase:
    """The summary of the ledger the runs count (of its first `upto` entries, when given), read once; or why there is
    none: it cannot be read, or holds no award of what was asked (the library's sentence)."""
    return _of_ledger(web, lang, "web.summary.none", upto, lambda state: summary_of(
        state, year=year, district=district, policy=policy, policy_model=web.policy))


def corrections_asked(request: Request) -> tuple[str | None, int | None, int | None, int | None] | None:
    """The policy, year, entry and number of entries a correction notice is asked for (`after`: the corrections
    recorded after that entry; `upto`: an earlier notice made again; each None when not given); None for a year or
    a number that is none."""
    asked = summary_asked(request)
    after = request.query_params.get("after", "").strip()
    if asked is None or not entry_number(after):
        return None
    return asked[0], asked[1], int(after or 0) or None, asked[3]  # after entry 0 is every correction


def wrong_in_query(request: Request) -> Phrase:
    """What is wrong in a query `summary_asked` or `corrections_asked` refused, as the API says it."""
    if not a_year(request.query_params.get("year", "").strip()):
        return Phrase.of("web.api.bad_year")
    if not entry_number(request.query_params.get("upto", "").strip()):
        return Phrase.of("web.api.bad_upto")
    return Phrase.of("web.api.bad_after")


def a_year(text: str) -> bool:
    """Whether `text` is empty or a year as the command line takes it: four ASCII digits, 1900–2999."""
    return not text or (text.isascii() and text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2999)


def entry_number(text: str) -> bool:
    """Whether `text` is empty or an entry's number as typed: ASCII digits, at most 18 of them."""
    return not text or (text.isascii() and text.isdigit() and len(text) <= 18)


def corrections_now(web: Web, lang: str, policy: str | None, year: int | None, after: int | None,
                    upto: int | None = None) -> CorrectionNotice | Phrase:
    """The correction notice of the ledger the runs count, read once; or why there is none (as `summary_now`)."""
    return _of_ledger(web, lang, "web.corrections.none", upto, lambda state: corrections_in(
        state, year=year, policy=policy, after=after, policy_model=web.policy))


def _of_ledger(web: Web, lang: str, none: str, upto: int | None, made: Callable[[LedgerState], T]) -> T | Phrase:
    """What `made` makes of the ledger the runs count — of its first `upto` entries, when given — read once; or why
    nothing: the ledger cannot be read (its whole chain must hold, as everywhere in the app), it has fewer entries,
    or the library refused (the phrase `none` with its sentence, in both languages)."""
    seen = sight(web.ledger, lang)
    if not seen.usable:
        return Phrase.of("web.not_found")
    try:
        if upto is not None and upto > len(seen.entries):
            raise InputError.one(seen.path.name, Phrase.of("summary.too_few", count=len(seen.entries), upto=upto))
        return made(LedgerState(seen.path, seen.entries[:upto]))
    except BudgetoptError as exc:
        return Phrase.of(none, sentence=(exc.text("zh", "web"), exc.text("en", "web")))


async def corrections_file(web: Web, request: Request) -> Response:
    """The correction notice of one policy (`policy`, this policy's when not given), of one year's awards (`year`,
    every year's when not given), of the corrections recorded after entry `after` (all when not given), with an
    objection period of `days` working days (5 when not given), numbered `batch` when given — or, with `checks=1`,
    its checks — as `budgetopt ledger corrections` writes them. 404 while the ledger cannot be read, and, with the
    library's sentence, where it holds no such correction."""
    lang = request_lang(request)
    asked = corrections_asked(request)
    typed = request.query_params.get("days", "").strip()
    days = read_days(typed) if typed else 5
    numbered = request.query_params.get("batch", "").strip()
    batch = int(numbered) if numbered.isascii() and numbered.isdigit() and len(numbered) <= 2 else None
    batch = batch if batch is not None and 1 <= batch <= MOST_BATCH else None
    checks = request.query_params.get("checks", "") == "1"
    if asked is None or days is None or (numbered and batch is None):
        raise Refused(404, Phrase.of("web.not_found"))
    notice = await run_in_threadpool(corrections_now, web, lang, *asked)
    if isinstance(notice, Phrase) and notice.code == "web.not_found":
        raise Refused(404, notice)
    if isinstance(notice, Phrase):  # no such correction (none after the entry typed): said beside the form
        return await ledger_page(web, request, status=404, corrections_refusal=notice.text(lang, "web"))
    data = await run_in_threadpool(notice.checks_xlsx if checks else notice.xlsx, lang, days, batch)
    parts = [notice.listed.policy, *(str(y) for y in notice.listed.years[:1] if asked[1] is not None),
             *([f"{asked[2]}后" if lang == "zh" else f"after-{asked[2]}"] if asked[2] else [])]
    named = "-".join(_file_word(part) for part in parts) + ("-更正公告.xlsx" if lang == "zh" else "-corrections.xlsx")
    plain = "-".join(["ledger-corrections", *(str(part) for part in asked[1:] if part is not None),
                      *(["checks"] if checks else [])])
    return attachment(data, f"{plain}.xlsx", shown=checks_name(Path(named), lang).name if checks else named)


def _file_word(text: str) -> str:
    """A part of a file's name: its letters, digits and brackets, anything else (a slash, a colon) as _."""
    return "".join(ch if ch.isalnum() or ch in "〔〕（）()[]-_" else "_" for ch in text)[:60]


# ---------------------------------------------------------------------------------------------- publishing a run


async def publish_page(web: Web, request: Request, status: int = 200, refusal: str = "",
                       days: str = "5", starts: str = "", contact: str = "") -> Response:
    record = run_of(web, request)
    lang = request_lang(request)
    seen = await run_in_threadpool(run_sight, web, record, lang)
    totals = record.outcome.get("totals") or {}
    return web.views.page(request, "publish.html", status=status, run=record, seen=seen, totals=totals,
                          batch_title=batch_text(seen.batch, lang),
                          ledger_path=web.ledger.path, refusal=refusal, days=days, most_days=OBJECTION_DAYS[1],
                          starts=starts, contact=contact, most_contact=MOST_CONTACT,
                          first=seen.published[0].seq if seen.published else 0,
                          last=seen.published[-1].seq if seen.published else 0, files=PUBLISHED_FILES,
                          downloads={name: download_name(record.id, name, lang) for name in PUBLISHED_FILES})


async def publish_post(web: Web, request: Request, form: FormData) -> Response:
    """The run published as `budgetopt publish RUN --ledger LEDGER --objection-days N` publishes it, in the run's
    language; back to its page, which then shows what was recorded (or, refused, says why)."""
    record = run_of(web, request)
    lang = request_lang(request)
    days, starts, contact = (str(form.get(key, "")).strip() for key in ("objection_days", "starts", "contact"))
    period = read_days(days)
    notice, refusal = notice_of(period or 5, starts, contact, record.lang, lang)
    if period is None or notice is None:
        return await publish_page(web, request, status=400, days=days, starts=starts, contact=contact,
                                  refusal=" ".join(([bad_days(lang)] if period is None else []) + refusal))
    attempt = await publish_now(web, record, notice, lang)
    if attempt.done or attempt.checked:
        return RedirectResponse(f"/runs/{record.id}/publish", status_code=303)
    return await publish_page(web, request, status=409, days=days, starts=starts, contact=contact,
                              refusal=attempt.said)


def notice_of(days: int, starts: str, contact: str, run_lang: str,
              lang: str) -> tuple[NoticeSettings | None, list[str]]:
    """How the 公示 list is to be written, from the form (its first day and contact optional, in the run's
    language), as `publish` checks them; or what is wrong, each mistake named by the form's label."""
    try:
        return notice_settings(run_lang, days, starts or None, contact or None), []
    except InputError as exc:
        return None, [Phrase.of("web.publish.field", label=Phrase.of(f"web.publish.{p.file}").text(lang, "web"),
                                said=p.says(lang, "web")).text(lang, "web") for p in exc.problems]


def read_days(text: str) -> int | None:
    """The 公示 (or objection) period typed, in working days: ASCII digits of a whole number within OBJECTION_DAYS,
    else None."""
    return objection_period(int(text)) if text.isascii() and text.isdigit() and len(text) <= 3 else None


def bad_days(lang: str) -> str:
    low, high = OBJECTION_DAYS
    return Phrase.of("web.publish.bad_days", low=low, high=high).text(lang, "web")


@dataclass(frozen=True)
class Attempt:
    """How a request to publish a run ended: published now, or why not (in the language asked) — refused by the
    checks made before publishing (`checked`: the run's publish page shows its state), or by publish itself."""

    done: bool
    said: str = ""
    checked: bool = False


async def publish_now(web: Web, record: RunRecord, notice: NoticeSettings, lang: str) -> Attempt:
    """Publish a finished run, one writer of the ledger at a time: the checks, then `budgetopt publish` in a worker
    (it reads the run's workbook) — one of those that read uploads, so that it never waits behind the runs queued
    to be solved — the run's folder named by its id in what it says."""
    async with web.ledger_writes:
        seen = await run_in_threadpool(run_sight, web, record, lang)
        if seen.published:
            return Attempt(False, Phrase.of("web.publish.already", first=seen.published[0].seq,
                                            last=seen.published[-1].seq).text(lang, "web"), checked=True)
        if seen.no_ledger:
            return Attempt(False, Phrase.of("web.publish.no_ledger", path=web.ledger.path).text(lang, "web"),
                           checked=True)
        if seen.refusal:
            return Attempt(False, seen.refusal, checked=True)
        result: tasks.LedgerOutcome = await web.running.call(  # with the readers of uploads: never behind a solve
            web.running.reads, tasks.publish_run, web.registry.run_folder(record), record.id, web.ledger.path,
            notice, record.input_names())
    if not result.ok and result.error is not None:
        return Attempt(False, result.error[0 if lang == "zh" else 1])
    return Attempt(result.ok)


async def published_file(web: Web, request: Request) -> Response:
    """notice.xlsx or awards.json of a run the ledger records (a publish cut off before the ledger took its awards
    leaves files that are not a publication: 404)."""
    record = run_of(web, request)
    seen = await run_in_threadpool(run_sight, web, record, request_lang(request))
    if not seen.published:
        raise Refused(404, Phrase.of("web.not_found"))
    name = str(request.path_params["name"])
    saved = saved_as(record.id, name, request_lang(request)) if name in PUBLISHED_FILES else None
    return file_response(web.registry.run_folder(record), name, PUBLISHED_FILES, saved)
