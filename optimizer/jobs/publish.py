"""publish: a finished run's awards become the record — the 公示 list and awards.json in its folder, its awards in
the ledger (docs/ledger.md).

Nothing is published that is not exactly what the run wrote: the run's allocation.csv and workbook must still have
the SHA-256 its manifest records (else Mismatch, exit 4). Nothing is published twice — neither the run, nor an
application of it whose award the ledger already records (the year allocated again after it was published) — and
nothing is published that did not count this ledger file as it now stands — a run made without the ledger, with
another ledger, or before awards were added to it, could pay a content again (else LedgerError, exit 2). The files
are written first, the ledger last in one transaction: a publish stopped half-way leaves the ledger as it was, and
may simply be run again. Each entry recorded carries the SHA-256 of the 公示 list written (notice.xlsx), under its
hash, so that the ledger pins the list as it pins the awards (`verify` holds the list to it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from optimizer.domain import AllocationRow, LedgerAward, Problem, Status
from optimizer.errors import InputError, Mismatch
from optimizer.jobs.inputs import read_lang
from optimizer.jobs.verify import load_manifest, locate_inputs
from optimizer.ledger import Entry, LedgerError, LedgerState, append_awards, entries_recording, read_ledger
from optimizer.ledger.summary import batches
from optimizer.reading.allocation_file import read_allocation
from optimizer.reading.applications import read_workbook
from optimizer.reading.fields import one_line
from optimizer.reading.guard import FileLimits
from optimizer.reading.run_folder import check_run_folder
from optimizer.report.files import write_all
from optimizer.report.manifest import relative_path, sha256_bytes, sha256_file
from optimizer.report.notice import (
    AWARDS_FILE,
    MOST_BATCH,
    MOST_CONTACT,
    NOTICE_FILE,
    LedgerPin,
    NoticeSettings,
    awards_json,
    batch_text,
    iso_day,
    notice_xlsx,
    read_batch,
    run_awards,
)
from optimizer.rules.ledger import granted_to, policy_key
from optimizer.rules.policy import Policy, load_policy
from optimizer.words import Phrase, brief, default_lang, few


@dataclass(frozen=True)
class Publication:
    """A published run: its awards as the ledger now records them, and the files written beside its manifest."""

    run: Path  # the run's folder
    manifest_sha256: str  # the run's identity in the ledger
    awards: tuple[LedgerAward, ...]
    files: tuple[Path, ...]
    ledger: LedgerState  # the ledger after publishing
    batch: int | None = None  # its number among the year's 公示 lists (第二批), where it is not the first

    @property
    def total(self) -> int:
        return sum(award.amount for award in self.awards)

    def summary(self) -> Phrase:
        return Phrase.of("publish.done", run=str(self.run), count=len(self.awards), total=f"{self.total:,}",
                         ledger=str(self.ledger.path), entries=self.ledger.count, head=self.ledger.head,
                         batch=(batch_text(self.batch, "zh"), batch_text(self.batch, "en")))


def publish(run: Path | str, ledger: Path | str, *, lang: str | None = None, objection_days: int = 5,
            batch: int | None = None, starts: date | str | None = None, contact: str | None = None) -> Publication:
    """Publish the run in folder `run` (what `allocate` wrote) into the award `ledger`: write notice.xlsx (the
    公示 list, in the run's language unless `lang` says otherwise) and awards.json into the folder, then record its
    FUNDED and PARTIAL awards in the ledger, all of them or none, each entry with the SHA-256 of notice.xlsx.
    `batch` numbers the list among the year's in its title (（第二批）, 1 to MOST_BATCH); by default a year's second
    publication is the second batch, and so on (the ledger's runs of the policy and year counted), and the first has
    no number. `starts`, the 公示's first day (a date, or `2026-12-08`), is said with its period and dates the notice
    (else the date is left to fill in); `contact`, one line of at most MOST_CONTACT characters, says who answers
    questions on it.

    Raises Mismatch when the run's allocation.csv or workbook is not what its manifest records, LedgerError when
    the run is already in the ledger or did not count the ledger as it now stands, InputError when the run's folder
    or inputs cannot be read.
    """
    folder, ledger_path = Path(run), Path(ledger)
    given = read_batch(batch)
    settings = notice_settings(lang or default_lang(), objection_days, starts, contact)
    state = read_ledger(ledger_path)
    checked = _checked(folder, state)
    _refuse_far_start(settings, checked.year)
    number = given if batch is not None else batch_of(state, checked.policy.number, checked.year)
    book = read_workbook(checked.workbook, checked.policy, skip_invalid=True, limits=_limits(checked.record))
    apps = {app.application_id: app for app in book.valid}
    awards = run_awards(checked.rows, apps, checked.policy, checked.year, checked.sha)
    recorded_at = datetime.now(UTC).isoformat(timespec="seconds")
    notice = notice_xlsx(awards, checked.policy, checked.year, settings.lang, settings.objection_days, batch=number,
                         starts=settings.starts, contact=settings.contact)
    listed = sha256_bytes(notice)  # each entry records it, under its hash: the ledger pins the list as published
    # the ledger as this publication will leave it, pinned in awards.json (append_awards records these very entries)
    last = entries_recording(state, awards, recorded_at=recorded_at, notice=listed)[-1]
    pin = LedgerPin(relative_path(ledger_path, folder), last.seq, last.hash)
    files = write_all(folder, {NOTICE_FILE: notice, AWARDS_FILE: awards_json(awards, checked.sha, number, pin,
                                                                             settings)})
    try:
        after = append_awards(ledger_path, awards, recorded_at=recorded_at, expected_head=state.head, notice=listed)
    except LedgerError as exc:
        if exc.problems[0].code == "ledger.changed_meanwhile":  # refused, not stopped: the files said it was written
            for path in files:
                path.unlink(missing_ok=True)
        raise
    assert after.head == pin.head, "append_awards recorded other entries than entries_recording foretold"
    return Publication(folder, checked.sha, awards, tuple(files), after, number)


def notice_settings(lang: str, objection_days: int, starts: object, contact: object) -> NoticeSettings:
    """How the 公示 list is to be written, its first day and contact checked (an InputError naming each that is
    wrong; the period is checked as the notice is written)."""
    problems = []
    day = starts if isinstance(starts, date) and not isinstance(starts, datetime) else iso_day(starts)
    if starts is not None and day is None:
        problems.append(Problem.of("starts", "notice.bad_start", shown=brief(str(starts))))
    line = "" if contact is None else contact.strip() if isinstance(contact, str) else None
    if line is None or not one_line(line):
        problems.append(Problem.of("contact", "notice.contact_lines"))
    elif len(line) > MOST_CONTACT:
        problems.append(Problem.of("contact", "notice.contact_long", most=MOST_CONTACT, length=len(line),
                                   shown=brief(line)))
    if problems:
        raise InputError(problems)
    return NoticeSettings(read_lang(lang), objection_days, day, line or "")


def _refuse_far_start(settings: NoticeSettings, year: int) -> None:
    """A 公示's first day more than a year from its year (1900, 2062 for 2026) is a typing mistake: refused before the
    ledger is written, as the list's date is part of the recorded file."""
    day = settings.starts
    if day is not None and not year - 1 <= day.year <= year + 1:
        raise InputError.one("starts", Phrase.of("notice.start_far", day=day.isoformat(), year=year,
                                                 low=f"{year - 1}-01-01", high=f"{year + 1}-12-31"))


def batch_of(state: LedgerState, policy: str, year: int) -> int | None:
    """The number of the next 公示 list of a policy's year: None for the first, 2 when the ledger holds one batch of
    that year (a published run, or awards imported under the policy's own number), and so on. A list numbered by
    hand (`batch`) is not known here: the later ones of its year are then numbered by hand too."""
    published = sum(1 for published_year, _ in batches(state.entries, policy) if published_year == year)
    return min(published + 1, MOST_BATCH) if published else None


def ready_to_publish(run: Path | str, ledger: Path | str | LedgerState) -> int | None:
    """Refuse, as `publish` would, a run that cannot be published into `ledger` (a file not made yet counts as an
    empty ledger; a ledger already read may be given as it was read) — without reading its workbook's rows or
    writing anything: LedgerError when it is already in the ledger, counted another ledger or not this one as it now
    stands, or its applications' awards are recorded there already; Mismatch when its files changed since;
    InputError when it is no run, or has no year. What the browser app asks before it offers to publish; for a run
    that can be published, the number its 公示 list would get (2 for 第二批; None for a year's first)."""
    if not isinstance(ledger, LedgerState):
        path = Path(ledger)
        ledger = read_ledger(path) if path.exists() else LedgerState(path, ())
    checked = _checked(Path(run), ledger)
    return batch_of(ledger, checked.policy.number, checked.year)


def published_entries(run: Path | str, ledger: Path | str | LedgerState) -> tuple[Entry, ...]:
    """The entries of `ledger` (a file, or a ledger as read) that publishing the run in folder `run` recorded (its
    manifest's SHA-256): () when the run is not published there."""
    run_sha = sha256_file(Path(run) / "manifest.json")
    state = ledger if isinstance(ledger, LedgerState) else read_ledger(Path(ledger))
    return tuple(entry for entry in state.entries if entry.award.run == run_sha)


@dataclass(frozen=True)
class _Run:
    """A run found fit to be published: its manifest and that file's SHA-256, its year, policy, workbook and rows."""

    record: Mapping[str, Any]
    sha: str
    year: int
    policy: Policy
    workbook: Path
    rows: tuple[AllocationRow, ...]


def _checked(folder: Path, state: LedgerState) -> _Run:
    """The run in `folder`, once every check that needs no reading of its workbook's rows has passed."""
    manifest = folder / "manifest.json"
    check_run_folder(folder, manifest.name)
    record = load_manifest(manifest)
    run_sha = sha256_file(manifest)
    if run_sha in state.published_runs():
        raise LedgerError.one(state.path, Phrase.of("publish.already", run=str(manifest.parent), sha=run_sha[:12]))
    year = _year(record, manifest)
    policy, workbook = _run_inputs(record, manifest)
    rows = _run_rows(folder, record)
    if not any(row.status in (Status.FUNDED, Status.PARTIAL) and row.allocated for row in rows):
        raise InputError.one(folder, Phrase.of("publish.no_awards"))
    # before the ledger's other entries: re-allocating to count them would count these awards as paid already
    _refuse_awarded_before(state, rows, policy.number, year)
    _refuse_stale(state, record, run_sha, manifest)
    return _Run(record, run_sha, year, policy, workbook, rows)


def _refuse_awarded_before(state: LedgerState, rows: Sequence[AllocationRow], policy: str, year: int) -> None:
    """Awards the ledger already records for the run's own applications (the same policy, year, application id,
    credit code and clause) — the year allocated again after it was published, and published a second time — are
    refused: an application is paid once. (A second round of a year numbers its applications anew.)"""
    this = policy_key(policy)
    recorded = {own: a for a in state.awards if a.year == year and (own := granted_to(a, this)) is not None}
    again = [recorded[key] for row in rows if row.status in (Status.FUNDED, Status.PARTIAL) and row.allocated
             and (key := (row.application_id, row.credit_code, row.clause)) in recorded]
    if again:
        raise LedgerError.one(state.path, Phrase.of(
            "publish.awarded_before", count=len(again), ids=few([award.application_id or "" for award in again]),
            run=(again[0].run or "—")[:12]))


def _refuse_stale(state: LedgerState, record: Mapping[str, Any], run_sha: str, manifest: Path) -> None:
    """A run that counted another ledger file, or one that did not count every entry the ledger now holds, is
    refused (every empty ledger looks alike: only its file tells them apart)."""
    counted = record["inputs"].get("ledger")
    entries, head = (0, "") if counted is None else (int(counted.get("entries", 0)), str(counted.get("sha256")))
    if counted is not None:
        # the ledger the run counted: by its chain (its first `entries` entries end in the recorded head, wherever
        # the file is now, as verify finds it); an empty one, which every empty ledger resembles, by its file
        recorded = (manifest.parent / str(counted.get("path"))).resolve()
        same = (recorded == state.path.resolve() if entries == 0 else
                state.count >= entries and state.entries[entries - 1].hash == head)
        if not same:
            raise LedgerError.one(state.path, Phrase.of(_elsewhere(recorded, run_sha), run=str(manifest.parent),
                                                        counted=str(recorded)))
    if counted is None and _written(manifest.parent, run_sha):
        raise LedgerError.one(state.path, Phrase.of("publish.written_before", run=str(manifest.parent)))
    if state.count == entries:
        return
    if counted is None:
        raise LedgerError.one(state.path, Phrase.of("publish.without_ledger", run=str(manifest.parent),
                                                    entries=state.count))
    raise LedgerError.one(state.path, Phrase.of("publish.ledger_moved", run=str(manifest.parent), counted=entries,
                                                entries=state.count))


def _written(folder: Path, run_sha: str) -> bool:
    """Whether the run's folder holds the awards.json a publication of this very run wrote — for a run that counted
    no ledger, the only trace of the ledger it was published into."""
    try:
        return bool(json.loads((folder / AWARDS_FILE).read_bytes()).get("run") == run_sha)
    except (OSError, ValueError, AttributeError):
        return False


def _elsewhere(ledger: Path, run_sha: str) -> str:
    """Why a run that counted the ledger file `ledger` is not published into another: the phrase saying it is
    published there already, when that ledger records it; else that it counted that one."""
    try:
        published = run_sha in read_ledger(ledger).published_runs()
    except (LedgerError, Mismatch):  # gone, unreadable, or its chain does not hold: the run counted it, no more
        published = False
    return "publish.published_elsewhere" if published else "publish.other_ledger"


def _run_inputs(record: Mapping[str, Any], manifest: Path) -> tuple[Policy, Path]:
    """The run's policy and workbook, as its manifest records them (Mismatch when either changed since)."""
    located = locate_inputs(record, manifest)
    findings = [f for role in ("workbook", "policy") if role in located for f in located[role].findings()]
    if findings:
        raise Mismatch(findings)
    policy_input, workbook = located["policy"], located["workbook"]
    assert workbook.path is not None and policy_input.path is not None
    return load_policy(None if policy_input.shipped else policy_input.path), workbook.path


def _run_rows(folder: Path, record: Mapping[str, Any]) -> tuple[AllocationRow, ...]:
    """The rows of the run's allocation.csv, which must be the file the run wrote."""
    path = folder / "allocation.csv"
    if not path.is_file():
        raise InputError.one(path, Phrase.of("publish.no_allocation"))
    recorded = str(record["outputs"]["allocation.csv"]["sha256"])
    found = sha256_file(path)
    if found != recorded:
        raise Mismatch([Phrase.of("publish.allocation_changed", path=str(path), was=recorded[:12], now=found[:12])])
    return read_allocation(path)


def _year(record: Mapping[str, Any], manifest: Path) -> int:
    year = record.get("scenario", {}).get("year")
    if not isinstance(year, int):
        raise InputError.one(manifest, Phrase.of("publish.no_year"))
    return year


def _limits(record: Mapping[str, Any]) -> FileLimits | None:
    limits = record["command"].get("limits")
    return FileLimits(**limits) if limits else None
