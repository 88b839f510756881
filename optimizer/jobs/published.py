"""What `verify` checks of a published run (docs/reproducing.md, A published run), once its allocation is reproduced:
the files `publish` wrote beside its manifest, and the award ledger's record of its awards.

- **awards.json and notice.xlsx** must be what publishing the re-run's awards writes. awards.json names the run by
  its manifest's SHA-256: a manifest that no longer has it was edited after the publication (said so, rather than
  blaming awards.json). notice.xlsx is written again as awards.json says it was (its `notice` settings); where it
  is another writing of the same list — another layout, language or period than awards.json records — the edited
  file is awards.json, and it is said so. An edited list is named cell by cell (序号 2：拟支持金额（万元） 为 50.59，
  公示时为 40.59), its rows matched by their credit code and project first: a row taken out or added is one sentence
  (notice.xlsx 缺少公示名单的 序号 2：…，40.59万元), not every cell below it, and rows in another order one more. What
  the list hides that the list as published shows is read from its sheet's XML: a row hidden or too low to read,
  text coloured as its background, a column hidden, a print area that leaves rows out.
- **The 公示 list's SHA-256 in the ledger.** Since ledger schema 3 each entry a publication records carries the
  SHA-256 of its notice.xlsx under its hash: a list swapped for another (a layout-3 list of the same awards,
  awards.json edited to match) is found. Entries of publications into a ledger of an earlier schema carry none: a
  note says the list is not pinned, and the run's folder is not said to be as recorded where the ledger differs.
- **The ledger's entries of the run** must be its awards, field by field: an amount changed in the ledger, an award
  added under the run's name or one taken out is found even where the chain's hashes were recomputed (the
  corrections the bureau records are entries of their own, and change nothing here).
- **The ledger as the publication left it.** awards.json pins the ledger's number of entries and last hash just
  after the publication (LedgerPin): a ledger whose first entries no longer end in that hash was rewritten since —
  or, where awards.json is itself found edited, the pin and the ledger disagree (said so, not blamed on the ledger).
- **What vouches for the manifest.** The ledger whose entries of the publication record the manifest's SHA-256 as it
  is, each the run's award, the ledger as pinned (PublicationCheck.vouched) — never awards.json, a file beside the
  manifest: verify's note on a file this budgetopt cannot check names it, and only where it holds is a file this
  budgetopt writes otherwise under the run's own writers' version said as that version reused, not as edited.

The ledger looked at: the one given (`verify --ledger`), else the one awards.json names, else the one the run
counted. Where the one awards.json names holds none of the run's awards, it is still held to the pin ("not the
ledger awards.json pinned"), and the run's awards are looked for in the ledger the run counted and in each under
`inputs`: the one holding them is where they and the list are checked. Where it holds them but is another file than
the ledger the run counted, and that one holds them too (a copy made before the 公示, published into with another
公示期), the run is checked in both: another list, or an entry that is not the run's award, is a difference.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from optimizer.domain import LedgerAward
from optimizer.errors import InputError
from optimizer.ledger import LedgerError, LedgerTampered, read_ledger, rows_of_run
from optimizer.ledger.chain import NOTICE_FIELD, StoredRow
from optimizer.ledger.schema import is_sqlite_file
from optimizer.money import WAN, said_amount
from optimizer.reading.allocation_file import parse_allocation_csv
from optimizer.reading.applications import read_workbook
from optimizer.reading.guard import FileLimits
from optimizer.reading.manifest_file import UNREADABLE
from optimizer.reading.run_folder import run_file
from optimizer.reading.sheet import read_sheet
from optimizer.reading.sheet_looks import sheet_looks
from optimizer.reading.sheet_xml import column_letter
from optimizer.report.manifest import sha256_bytes, sha256_file
from optimizer.report.notice import (
    AWARDS_FILE,
    LAYOUTS,
    MOST_BATCH,
    MOST_OBJECTION_DAYS,
    NOTICE_FILE,
    LedgerPin,
    NoticeSettings,
    awards_json,
    cell_differences,
    notice_xlsx,
    read_batch,
    run_awards,
)
from optimizer.rules.policy import Policy
from optimizer.words import LANGS, Phrase, few

_COMPARED = tuple(f.name for f in fields(LedgerAward) if f.name not in ("run", "corrects", "basis"))


@dataclass(frozen=True)
class Published:
    """What awards.json beside a manifest records of its publication (nothing, where there is none)."""

    present: bool = False
    run: str | None = None  # the manifest's SHA-256 when the run was published
    batch: int | None = None
    pin: LedgerPin | None = None
    notice: NoticeSettings | None = None  # how notice.xlsx was written (since December 2026)
    data: bytes | None = None  # awards.json's bytes, read once (None: none, or it could not be read)


@dataclass(frozen=True)
class LedgerRecord:
    """What a ledger records of a published run: what differs from its awards (and from the ledger as awards.json
    pins it), and the SHA-256 of the 公示 list its entries carry (None where they carry none, or there are none)."""

    findings: tuple[Phrase, ...] = ()
    notice: str | None = None
    recorded: bool = False  # the ledger holds entries of the run
    elsewhere: bool = False  # not the ledger awards.json names (that holds none of the run's awards)


@dataclass(frozen=True)
class PublicationCheck:
    findings: tuple[Phrase, ...] = ()  # the publication's files beside the manifest, and the manifest since
    notes: tuple[Phrase, ...] = ()
    ledger: tuple[Phrase, ...] = ()  # the ledger's record of the run's awards: not the run's folder
    pinned: bool = True  # notice.xlsx (if any) was held to the SHA-256 the ledger holding the run's awards records,
                         # in the ledger awards.json names: only then can the folder be said to be as published
    vouched: Path | None = None  # the ledger whose entries of the publication record the manifest's SHA-256 as it
                                 # is now, each the run's award, the ledger as awards.json pins it: it vouches for
                                 # the manifest (and the SHA-256 of the files it records); awards.json cannot


def check_publication(manifest: Path, record: Mapping[str, Any], rerun: bytes, workbook: Path, policy: Policy,
                      lang: str, *, ledger: Path | None = None, counted: Path | None = None,
                      inputs: Path | None = None) -> PublicationCheck:
    """The findings (and notes) of a run whose re-run gave `rerun`, its recorded allocation.csv: its publication's
    files beside `manifest`, and the awards `ledger` (or the ledger awards.json names, or `counted`, the one the run
    counted) records for it — where the one looked at holds none of them, in the one the run counted and those under
    `inputs` too. A `ledger` given that cannot be read is a LedgerError; another is a finding."""
    folder, year = manifest.parent, record["scenario"].get("year")
    awards_file, notice_file = run_file(manifest, AWARDS_FILE), run_file(manifest, NOTICE_FILE)
    published = read_published(awards_file)
    has_notice = notice_file.is_file()
    if not isinstance(year, int) or not (published.present or has_notice or ledger or counted):
        return PublicationCheck()
    now = sha256_file(manifest)
    run = published.run or now
    findings = [] if run == now else [Phrase.of("verify.manifest_after_publication", was=run[:12], now=now[:12])]
    limits = record["command"].get("limits")
    book = read_workbook(workbook, policy, skip_invalid=True, limits=FileLimits(**limits) if limits else None)
    apps = {app.application_id: app for app in book.valid}
    awards = run_awards(parse_allocation_csv(rerun, "allocation.csv"), apps, policy, year, run)
    if published.present and published.data != awards_json(awards, run, published.batch, published.pin,
                                                            published.notice):
        findings.append(Phrase.of("verify.publication_edited", name=awards_file.name))
    notes: list[Phrase] = []
    where, kept = _ledger_looked_at(folder, published, ledger, counted), LedgerRecord()
    if where is None:  # nowhere to look, or not where awards.json says (a renamed copy: found if the run counted it)
        pinned = None if published.pin is None else folder / published.pin.path
        notes += ([Phrase.of("verify.publication_ledger_missing", path=str(pinned))] if pinned is not None
                  else [Phrase.of("verify.publication_unchecked")] if published.present else [])
    else:
        kept = ledger_record(where, run, awards, published, given=ledger is not None)
        if not kept.recorded and published.present and ledger is None:  # the run's awards elsewhere?
            under = Phrase.of("verify.found_as.inputs", folder=str(inputs))
            others = [(counted, Phrase.of("verify.found_as.counted")), *((p, under) for p in _ledgers_under(inputs))]
            where, kept = _ledger_elsewhere(where, kept, others, run, awards, published)
    listed = _Listed(notice_file, awards_file.name, awards, policy, year, lang, published)
    if has_notice:
        said, noted = listed.findings(kept.notice, where)
        findings += said
        notes += noted if kept.recorded else []
    recorded = list(kept.findings)
    if _awards_json_edited(findings, awards_file.name):  # its pin is then no witness against the ledger
        recorded = [_pin_disagrees(phrase) for phrase in recorded]
    both = [] if where is None or not kept.recorded else _counted_too(where, kept, counted, run, awards, listed)
    pinned_here = (not has_notice or (kept.notice is not None and not kept.elsewhere)) and not both
    holds = kept.recorded and not kept.findings and not kept.elsewhere and not both and run == now
    return PublicationCheck(tuple(findings), tuple(notes), (*recorded, *both), pinned=pinned_here,
                            vouched=where if holds else None)


_AWARDS_EDITED = ("verify.notice_settings_edited", "verify.notice_settings_pinned", "verify.notice_settings_unknown")
_PIN_WHY = {"verify.ledger_shorter": "verify.pin_why.shorter", "verify.ledger_rewritten": "verify.pin_why.rewritten",
            "verify.ledger_pin_broken": "verify.pin_why.broken"}


def _awards_json_edited(findings: Sequence[Phrase], name: str) -> bool:
    """Whether `findings` say awards.json (`name`) was changed after the 公示: its bytes, or how it says the list was
    written."""
    return any(p.code in _AWARDS_EDITED or (p.code == "verify.publication_edited" and dict(p.params)["name"] == name)
               for p in findings)


def _pin_disagrees(phrase: Phrase) -> Phrase:
    """A ledger said rewritten since the 公示, by awards.json's pin, as the pin and the ledger disagreeing: where
    awards.json was itself found edited, its pin does not show that the ledger changed."""
    why = _PIN_WHY.get(phrase.code)
    if why is None:
        return phrase
    params = dict(phrase.params)
    return Phrase.of("verify.pin_disagrees", path=params["path"], why=Phrase(why, phrase.params).both())


def _counted_too(where: Path, kept: LedgerRecord, counted: Path | None, run: str, awards: Sequence[LedgerAward],
                 listed: _Listed) -> list[Phrase]:
    """The run's publication in the ledger the run counted too, where that is another file than the one checked
    (`where`, whose record is `kept`): a ledger made beside the bureau's — a copy re-published with another 公示期 —
    and named in awards.json would otherwise hide a list swapped for another. Where the counted one records the
    publication too, what it records otherwise: an entry that is not the run's award, another 公示 list."""
    if counted is None or not counted.is_file() or counted.resolve() == where.resolve():
        return []
    other = ledger_record(counted, run, awards, replace(listed.published, pin=None))  # the pin is of `where`
    if not other.recorded:  # a copy made before the publication (a backup kept with the run), say
        return []
    said = list(other.findings)
    if other.notice is not None and kept.notice is not None and other.notice != kept.notice:
        how = listed.writing_of(other.notice)
        said.insert(0, Phrase.of("verify.ledgers_disagree", named=str(where), counted=str(counted),
                                 ours=kept.notice[:12], theirs=other.notice[:12],
                                 how=Phrase.of("verify.ledgers_disagree_how", **how).both() if how else ("", "")))
    return said


def _ledger_looked_at(folder: Path, published: Published, given: Path | None, counted: Path | None) -> Path | None:
    """The ledger a publication is checked in: the one `given` (verify --ledger: LedgerError when there is no such
    file), else the one awards.json names, else `counted`, the one the run counted — None where none of them is."""
    if given is not None:  # named by the auditor: it must be one
        if not given.is_file():
            raise LedgerError.one(given, Phrase.of("ledger.missing"))
        return given
    pinned = None if published.pin is None else folder / published.pin.path
    return next((path for path in (pinned, counted) if path is not None and path.is_file()), None)


def _ledger_elsewhere(named: Path, kept: LedgerRecord, others: Sequence[tuple[Path | None, Phrase]], run: str,
                      awards: Sequence[LedgerAward], published: Published) -> tuple[Path, LedgerRecord]:
    """Where the ledger looked at (`named`) holds no award of the run: the first of `others` — the ledger the run
    counted, then those under `inputs`, each with how it was found — that does, its record after what `named` lacks
    and where the awards were found; else `named` and its record (`kept`) as they are."""
    seen = {named.resolve()}
    for other, how in others:
        if other is None or not other.is_file() or other.resolve() in seen:
            continue
        seen.add(other.resolve())
        found = ledger_record(other, run, awards, published)
        if found.recorded:
            said = Phrase.of("verify.publication_ledger_found", path=str(other), how=how.both())
            return other, replace(found, findings=(*kept.findings, said, *found.findings), elsewhere=True)
    return named, kept


def _ledgers_under(folder: Path | None) -> list[Path]:
    """The SQLite files under `folder` (a ledger's backup, renamed as the bureau keeps it), by their header."""
    if folder is None or not folder.is_dir():
        return []
    return [path for path in sorted(folder.rglob("*")) if path.is_file() and is_sqlite_file(path)]



def read_published(path: Path) -> Published:
    """What awards.json at `path` records of the publication: its run, its batch and its ledger pin — each None where
    it records none or none that can be (the file is then found edited, as its bytes are not what publish wrote)."""
    if not path.is_file():
        return Published()
    try:
        data = path.read_bytes()
    except OSError:
        return Published(present=True)
    try:
        document = json.loads(data.decode("utf-8-sig"))  # as read_json reads a manifest, from the bytes read once
    except UNREADABLE:
        return Published(present=True, data=data)
    if not isinstance(document, dict):
        return Published(present=True, data=data)
    run = document.get("run")
    try:
        batch = read_batch(document.get("batch"))
    except InputError:
        batch = None
    return Published(True, run if isinstance(run, str) and len(run) == 64 else None, batch,
                     LedgerPin.read(document.get("ledger")), NoticeSettings.read(document.get("notice")), data)


def ledger_record(path: Path, run: str, awards: Sequence[LedgerAward], published: Published, *,
                  given: bool = False) -> LedgerRecord:
    """What the ledger at `path` records of the run `run` (its manifest's SHA-256): what is not its `awards`, and,
    where awards.json pins the ledger, whether its first entries still end in the pinned hash; and the SHA-256 of
    the 公示 list its entries carry. A ledger that cannot be read is a finding — a LedgerError where it was `given`
    by name."""
    try:
        rows = rows_of_run(path, run)
    except LedgerError as exc:
        if given:
            raise
        return LedgerRecord((Phrase.of("verify.publication_ledger_unreadable", path=str(path),
                                       why=(exc.text("zh"), exc.text("en"))),))
    if not rows:  # and, where awards.json pins the ledger as published, this is not that ledger if its head differs
        return LedgerRecord((Phrase.of("verify.publication_not_recorded", path=str(path), run=run[:12]),
                             *([] if published.pin is None else _pin_findings(path, published.pin, own=False)))
                            if published.present else ())
    listed = rows[0].raw.get(NOTICE_FIELD)  # each entry of the publication carries the same
    return LedgerRecord(tuple(_award_findings(path, rows, awards, published)),
                        listed if isinstance(listed, str) else None, recorded=True)


def _award_findings(path: Path, rows: Sequence[StoredRow], awards: Sequence[LedgerAward],
                    published: Published) -> list[Phrase]:
    """The run's entries (`rows`) set beside its awards, field by field, and the ledger beside awards.json's pin."""
    found: list[Phrase] = []
    wanted = {award.application_id: award for award in awards}
    seen: set[str] = set()
    for row in rows:
        own = row.raw.get("application_id")
        award = wanted.get(own) if isinstance(own, str) else None
        if award is None or own in seen:
            found.append(Phrase.of("verify.ledger_award_extra", path=str(path), seq=row.seq, id=str(own or "—")))
            continue
        seen.add(award.application_id or "")
        differs = [name for name in _COMPARED if row.award is None or getattr(row.award, name) != getattr(award, name)]
        if differs:
            found.append(Phrase.of("verify.ledger_award_differs", path=str(path), seq=row.seq, id=own,
                                   what=_difference(row.raw, award, differs)))
    missing = [award.application_id or "" for award in awards if award.application_id not in seen]
    if missing:
        found.append(Phrase.of("verify.ledger_award_missing", path=str(path), count=len(missing), ids=few(missing)))
    if published.pin is not None:
        found += _pin_findings(path, published.pin)
    return found


def _difference(raw: Mapping[str, object], award: LedgerAward, differs: Sequence[str]) -> tuple[str, str]:
    """How an entry differs from the award: its amount, said with both figures; any other field by its name."""
    parts = []
    if "amount" in differs:
        recorded = raw.get("amount")
        shown = f"{recorded:,}" if isinstance(recorded, int) else repr(recorded)
        parts.append(Phrase.of("verify.ledger_amount", recorded=shown, awarded=f"{award.amount:,}").both())
    others = [name for name in differs if name != "amount"]
    if others:
        parts.append(Phrase.of("verify.ledger_fields", names=", ".join(others)).both())
    return "；".join(zh for zh, _ in parts), "; ".join(en for _, en in parts)


def _pin_findings(path: Path, pin: LedgerPin, *, own: bool = True) -> list[Phrase]:
    """The ledger's first `pin.entries` entries: a chain that still ends in the pinned hash, or what became of it —
    fewer entries than the publication left (some taken out, the ledger's own record rewritten to match), or a
    chain broken among them. Not `own` (the ledger holds no award of the run): each said as why it is not the ledger
    awards.json pinned."""
    try:
        whole = read_ledger(path)
    except (LedgerError, LedgerTampered):  # broken somewhere: its first entries may still hold on their own
        whole = None
    said = {"path": str(path), "entries": pin.entries}
    if whole is not None and whole.count < pin.entries:
        return [_pinned("verify.ledger_shorter", "verify.pin_why.shorter", own, count=whole.count, **said)]
    try:
        head = (whole.entries[pin.entries - 1].hash if whole is not None
                else read_ledger(path, upto=pin.entries).head)
    except (LedgerError, LedgerTampered):
        return [_pinned("verify.ledger_pin_broken", "verify.pin_why.broken", own, **said)]
    if head != pin.head:
        return [_pinned("verify.ledger_rewritten", "verify.pin_why.rewritten", own, pinned=pin.head[:12],
                        now=head[:12], **said)]
    return []


def _pinned(code: str, why: str, own: bool, **params: object) -> Phrase:
    """`code`'s sentence where the ledger holds the run's awards (`own`: it changed since); else that it is not the
    ledger awards.json pinned, `why`'s words saying why."""
    if own:
        return Phrase.of(code, **params)
    return Phrase.of("verify.ledger_not_pinned", path=params["path"], why=Phrase.of(why, **params).both())


@dataclass(frozen=True)
class _Listed:
    """The 公示 list beside a published run's manifest (`path`), set beside what publishing its `awards` wrote."""

    path: Path
    awards_name: str  # awards.json, as the run's folder names it
    awards: Sequence[LedgerAward]
    policy: Policy
    year: int
    lang: str  # the run's
    published: Published

    def findings(self, pinned: str | None, ledger: Path | None) -> tuple[list[Phrase], list[Phrase]]:
        """What is wrong with the list, and the notes: held to the SHA-256 the ledger's entries record of it
        (`pinned`, in `ledger`), where they record one; written again as awards.json says it was written — another
        writing of the same list is awards.json edited, not the list; a list edited, named cell by cell."""
        data = self.path.read_bytes()
        now, settings = sha256_bytes(data), self.published.notice
        expected = self.written(settings) if settings is not None else self._earlier(data)
        said = {"name": self.path.name, "awards": self.awards_name, "path": str(ledger)}
        notes = [] if pinned is not None else [Phrase.of("verify.notice_unpinned", **said)]
        if pinned is not None and now != pinned:  # not the list the ledger pins
            found = [Phrase.of("verify.notice_not_published", pinned=pinned[:12], now=now[:12], **said)]
            if sha256_bytes(expected) == pinned:  # awards.json says how the published list was written
                return found + self.cells(expected, data), notes
            other = None if settings is None else self.other(settings, lambda written: sha256_bytes(written) == pinned)
            if other is not None:
                found.append(Phrase.of("verify.notice_settings_pinned", **other, **said))
            return found, notes
        if data == expected:
            return [], notes
        other = None if settings is None else self.other(settings, lambda written: written == data)
        if other is not None:  # another writing of the same list: what awards.json says of it was edited
            return [Phrase.of("verify.notice_settings_edited", **other, **said)], notes
        if pinned is not None:  # the list the ledger pins, which awards.json's settings do not write
            return [Phrase.of("verify.notice_settings_unknown", **said)], notes
        return [Phrase.of("verify.publication_edited", name=self.path.name), *self.cells(expected, data)], notes

    def written(self, settings: NoticeSettings) -> bytes:
        """The list written with `settings`, numbered as awards.json records."""
        return self.numbered(settings, self.published.batch)

    def numbered(self, settings: NoticeSettings, batch: int | None) -> bytes:
        return notice_xlsx(self.awards, self.policy, self.year, settings.lang, settings.objection_days,
                           layout=settings.layout, batch=batch, starts=settings.starts, contact=settings.contact)

    def _earlier(self, data: bytes) -> bytes:
        """Published before awards.json recorded how: the list in some language, with a 公示期 from 1 to 30 working
        days, in an earlier budgetopt's layout, that is `data` — else the likeliest (the run's language, 5 days, the
        later of those layouts), to name the cells by."""
        langs = (self.lang, *(other for other in LANGS if other != self.lang))
        days = (5, *(d for d in range(1, MOST_OBJECTION_DAYS + 1) if d != 5))  # publish's default first
        layouts = sorted((layout for layout in LAYOUTS if layout < 3), reverse=True)
        candidates = (NoticeSettings(each, d, layout=layout) for layout in layouts for each in langs for d in days)
        first = None
        for settings in candidates:
            written = self.written(settings)
            if written == data:
                return written
            first = first or written
        assert first is not None
        return first

    def writing_of(self, digest: str) -> dict[str, object] | None:
        """The one setting, changed from what awards.json records, that writes the list of SHA-256 `digest`: its key
        in awards.json, as recorded and as found (None: none does, or awards.json records no settings)."""
        settings = self.published.notice
        return None if settings is None else self.other(settings, lambda written: sha256_bytes(written) == digest)

    def other(self, settings: NoticeSettings, fits: Callable[[bytes], bool]) -> dict[str, object] | None:
        """The one setting of how the list was written — its layout, language, first day, contact, batch or period —
        that, changed from what awards.json records (`settings`, its batch), writes a list that `fits`: its key in
        awards.json, as recorded and as found."""
        for key, recorded, found, changed, batch in _one_changed(settings, self.published.batch):
            if fits(self.numbered(changed, batch)):
                return {"key": key, "recorded": _json(recorded), "found": _json(found)}
        return None

    def cells(self, expected: bytes, data: bytes) -> list[Phrase]:
        """What differs between the list (`data`, its bytes as read for its SHA-256) and `expected` (the list as
        published): rows missing or added — matched by their credit code and project, not their place, so that one
        row taken out is one sentence — then the cells of the rows in both, each by its 序号 and column."""
        try:
            with tempfile.TemporaryDirectory() as folder:
                found = _sheet_rows(Path(folder) / "found" / self.path.name, data)
                rows = _sheet_rows(Path(folder) / "written" / NOTICE_FILE, expected)
        except InputError as exc:  # not a workbook any more: the file's finding stands alone
            return [Phrase.of("verify.notice_unreadable", name=self.path.name, why=(exc.text("zh"), exc.text("en")))]
        said = _table_differences(found, rows, self.awards, self.path.name)
        said += _out_of_sight(data, expected, found, rows, self.path.name)
        return said or [Phrase.of("verify.notice_cells_same", name=self.path.name)]


Rows = Sequence[Sequence[object]]


def _sheet_rows(path: Path, data: bytes) -> Rows:
    """The rows of the workbook `data`, read from a copy at `path`: the list's cells are read from the very bytes
    whose SHA-256 was checked, not from the file again (it may have changed in between)."""
    path.parent.mkdir()
    path.write_bytes(data)
    return read_sheet(path).rows


def _table_differences(found: Rows, written: Rows, awards: Sequence[LedgerAward], name: str,
                       limit: int = 20) -> list[Phrase]:
    """The rows of the 公示 list's table (`written`, the list as published, of `awards` in order) that `found` lacks
    or adds, at most `limit` and a count of the rest; where the rows left are numbered 1, 2, 3 … again, that; then
    the cells that differ (cell_differences), each row set beside the published row it is."""
    first = next((i for i, row in enumerate(written) if row and _no(row) == 1), None)
    if first is None:  # no table (no awards): cell by cell
        return cell_differences(found, written, len(awards), name)
    end = first + len(awards)
    closing = written[end][:1] if end < len(written) else ()  # the total's first cell: 合计
    total = next((i for i in range(first, len(found)) if closing and found[i][:1] == closing),
                 max(first, len(found) - (len(written) - end)))
    table = list(found[first:total])
    pairs = _matched(table, written[first:end])
    said = [Phrase.of("verify.notice_row_missing", name=name, no=i + 1, applicant=award.applicant,
                      project=award.project, amount=said_amount(award.amount))
            for i, award in enumerate(awards) if i not in pairs]
    mine = set(pairs.values())
    said += [Phrase.of("verify.notice_row_added", name=name, row=first + j + 1, applicant=_text(_at(row, 1)),
                       project=_text(_at(row, 4)), amount=_amount(_at(row, 6)))
             for j, row in enumerate(table) if j not in mine]
    if len(said) > limit:
        said = [*said[:limit], Phrase.of("verify.notice_rows_more", count=len(said) - limit)]
    aligned = [list(row) for row in written[first:end]]  # a row missing: as published, so none of its cells differ
    numbers = [_no(row) for row in table]
    renumbered = bool(said) and numbers == list(range(1, len(table) + 1)) and any(
        numbers[j] != i + 1 for i, j in pairs.items())
    moved = _out_of_order(pairs)  # rows in another order: said once, not as their 序号 cells
    for i, j in pairs.items():
        aligned[i] = [written[first + i][0] if renumbered or i in moved else _at(table[j], 0), *table[j][1:]]
    if renumbered:
        said.append(Phrase.of("verify.notice_renumbered", name=name, count=len(table)))
    if moved:
        said.append(Phrase.of("verify.notice_reordered", name=name, nos=_numbers([i + 1 for i in sorted(moved)])))
    return said + cell_differences([*found[:first], *aligned, *found[total:]], written, len(awards), name)


def _matched(found: Rows, written: Rows) -> dict[int, int]:
    """Each published row (by its index in `written`) and the row of `found` that is it: the one with its credit
    code and project (a row's identity in the list); else, for a row whose credit code or project was edited, the
    one left at its 序号."""
    waiting: dict[tuple[str, str], list[int]] = {}
    for j, row in enumerate(found):
        waiting.setdefault(_identity(row), []).append(j)
    pairs: dict[int, int] = {}
    for i, row in enumerate(written):
        same = waiting.get(_identity(row))
        if same:
            pairs[i] = same.pop(0)
    taken = set(pairs.values())
    at_no: dict[object, int] = {}
    for j, row in enumerate(found):
        if j not in taken:
            at_no.setdefault(_no(row), j)
    for i in range(len(written)):
        if i not in pairs and at_no.get(i + 1) is not None:
            pairs[i] = at_no.pop(i + 1)
    return dict(sorted(pairs.items()))


def _out_of_order(pairs: Mapping[int, int]) -> set[int]:
    """The published rows (by index) that the file, matched row to row (`pairs`), has in another order among the
    rows both have: two rows swapped are those two; a row taken out or added moves none."""
    places = {j: rank for rank, j in enumerate(sorted(pairs.values()))}
    return {i for rank, i in enumerate(sorted(pairs)) if places[pairs[i]] != rank}


def _numbers(numbers: Sequence[int], shown: int = 5) -> tuple[str, str]:
    """`2、3` / `2 and 3`: the 序号 of a few rows, as a sentence lists them (the first `shown`, and …)."""
    texts = [str(number) for number in numbers[:shown]]
    if len(numbers) > shown:
        return "、".join(texts) + "…", ", ".join(texts) + ", …"
    return "、".join(texts), ", ".join(texts[:-1]) + " and " + texts[-1] if len(texts) > 1 else texts[0]


def _identity(row: Sequence[object]) -> tuple[str, str]:
    """A row's award as the list names it: its credit code and project."""
    return _text(_at(row, 2)), _text(_at(row, 4))


def _at(row: Sequence[object], col: int) -> object:
    return row[col] if col < len(row) else None


def _no(row: Sequence[object]) -> object:
    """A row's 序号 as a number where it is one (1.0 read as 1)."""
    value = _at(row, 0)
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _amount(value: object) -> tuple[str, str]:
    """An amount cell (万元) as a sentence says it: 40.59万元; anything else as it reads."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return said_amount(Decimal(repr(value)) * WAN)
    shown = _text(value) or "—"
    return f"“{shown}”", repr(shown)


Otherwise = tuple[str, object, object, NoticeSettings, int | None]  # key, as recorded, as found; how it writes


def _one_changed(settings: NoticeSettings, batch: int | None) -> list[Otherwise]:
    """Each way of writing the list that differs from `settings` and `batch`, as awards.json records them, in one
    setting — its key in awards.json, the value recorded and the one tried, and the list's settings and batch — the
    likeliest edits first: the layout, the language, the first day or the contact taken out, the batch (none, or one
    beside it), the period."""
    said = settings.as_dict()
    changed = [*(replace(settings, layout=layout) for layout in sorted(LAYOUTS, reverse=True)
                 if layout != settings.layout),
               *(replace(settings, lang=lang) for lang in LANGS if lang != settings.lang),
               *([replace(settings, starts=None)] if settings.starts is not None else []),
               *([replace(settings, contact="")] if settings.contact else [])]
    tried: list[Otherwise] = [(f"notice.{key}", said[key], other.as_dict()[key], other, batch) for other in changed
                              for key in said if other.as_dict()[key] != said[key]]
    near = [None, 2] if batch is None else [None, batch - 1, batch + 1]
    tried += [("batch", batch, number, settings, number) for number in dict.fromkeys(near)
              if number != batch and (number is None or 1 <= number <= MOST_BATCH)]
    return tried + [("notice.objection_days", settings.objection_days, days, replace(settings, objection_days=days),
                     batch) for days in range(1, MOST_OBJECTION_DAYS + 1) if days != settings.objection_days]


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- how the 公示 list shows and prints: what its sheet's XML says that its cells' values do not (sheet_looks)


def _out_of_sight(data: bytes, expected: bytes, found: Rows, written: Rows, name: str,
                  limit: int = 20) -> list[Phrase]:
    """What the 公示 list in `data` (its cells `found`) hides that the list as published (`expected`, its cells
    `written`) shows: a row that holds something hidden or too low to read, text coloured as its background, a
    column hidden, a print area that leaves part of it out — each a sentence, the row by its award where it holds
    one (at most `limit`)."""
    mine, theirs = sheet_looks(data), sheet_looks(expected)
    said = [Phrase.of("verify.notice_row_hidden", name=name, place=_line(found, row))
            for row in sorted(mine.hidden - theirs.hidden) if _filled(found, row)]
    said += [Phrase.of("verify.notice_row_flat", name=name, place=_line(found, row), height=f"{height:g}")
             for row, height in sorted(mine.flat.items())
             if row not in theirs.flat and row not in mine.hidden and _filled(found, row)]
    said += [Phrase.of("verify.notice_row_unseen", name=name, place=_line(found, row), how=how)
             for row, how in sorted(mine.unseen.items())
             if row not in theirs.unseen and row not in mine.hidden and row not in mine.flat]
    header = next((written[i - 1] for i, row in enumerate(written) if i and row and _no(row) == 1), ())
    said += [Phrase.of("verify.notice_column_hidden", name=name, column=_column(column, header))
             for column in sorted(mine.columns - theirs.columns)]
    if mine.printed and theirs.printed and not any(_covers(area, theirs.printed[0]) for area in mine.printed):
        said.append(Phrase.of("verify.notice_print_area", name=name, found=", ".join(map(_area, mine.printed)),
                              written=_area(theirs.printed[0])))
    return said if len(said) <= limit else [*said[:limit], Phrase.of("verify.notice_cells_more",
                                                                     count=len(said) - limit)]


def _filled(found: Rows, row: int) -> bool:
    """Whether the sheet's row `row` (Excel's number) holds a value."""
    return row <= len(found) and any(_text(cell) for cell in found[row - 1])


def _line(found: Rows, row: int) -> tuple[str, str]:
    """A row of the list as a sentence names it: by its award where it holds one (第5行（序号 2：…，40.59万元）)."""
    cells = found[row - 1] if row <= len(found) else ()
    no, applicant = _no(cells), _text(_at(cells, 1))
    if isinstance(no, int) and applicant:
        return Phrase.of("verify.notice_place.award", row=row, no=no, applicant=applicant,
                         amount=_amount(_at(cells, 6))).both()
    return Phrase.of("verify.notice_place.line", row=row).both()


def _column(column: int, header: Sequence[object]) -> tuple[str, str]:
    """`G（拟支持金额（万元））` / `G (Proposed award …)`: a column by its letter and its header in the table."""
    letter, title = column_letter(column), _text(_at(header, column - 1))
    return (f"{letter}（{title}）", f"{letter} ({title})") if title else (letter, letter)


def _covers(area: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    return area[0] <= other[0] and area[1] <= other[1] and area[2] >= other[2] and area[3] >= other[3]


def _area(area: tuple[int, int, int, int]) -> str:
    return f"{column_letter(area[1])}{area[0]}:{column_letter(area[3])}{area[2]}"

