"""The award ledger the app counts (docs/web.md, The award ledger): the file `budgetopt serve --ledger FILE` names,
else the data folder's own `ledger.sqlite` when there is one, else none — and what it holds, for the ledger's page
and for publishing a run (`sight`, `publish_sight`).

Which file it is, and what it holds, is settled when each run starts — in the worker, as `budgetopt allocate
--ledger FILE` reads it — so a ledger published to while the app runs is counted by the next run. The pages show
which ledger a run counted (its file, its entries, the hash of its last entry), and, on the new-run page, which one
the next run will count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from optimizer.errors import BudgetoptError, InputError
from optimizer.jobs.inputs import CountedLedger, ledger_of
from optimizer.jobs.publish import published_entries, ready_to_publish
from optimizer.ledger import Entry, LedgerState, LedgerTampered, folded, read_ledger
from optimizer.report.manifest import sha256_file
from optimizer.rules.ledger import YearSoFar, granted_to, policy_key
from optimizer.rules.policy import Policy
from optimizer.words import Phrase

DEFAULT_NAME = "ledger.sqlite"  # the data folder's own ledger: counted when it is there
# publish's refusals that a new run from the same one would meet again, or that a new run would get round wrongly
# (publishing into a second ledger, or the same applications twice): no "new run from this one" beside them
NO_RERUN = frozenset({"publish.other_ledger", "publish.published_elsewhere", "publish.written_before",
                      "publish.awarded_before", "publish.no_awards"})
Pair = tuple[str, str]  # (Chinese, English)


@dataclass(frozen=True)
class LedgerChoice:
    """Which ledger runs count: `path`, always when it was named (`given`: a missing file then fails the run, as
    the command line refuses it), else only while the file is there."""

    path: Path
    given: bool

    @classmethod
    def of(cls, data: Path, ledger: Path | None = None) -> LedgerChoice:
        """The ledger named (`--ledger`), else the data folder's `ledger.sqlite`; the path made absolute, since the
        workers need not share the server's working folder."""
        if ledger is not None:
            return cls(Path(ledger).absolute(), True)
        return cls((Path(data) / DEFAULT_NAME).absolute(), False)

    def current(self) -> Path | None:
        """The ledger a run starting now counts, or None."""
        return self.path if self.given or self.path.is_file() else None


@dataclass(frozen=True)
class LedgerFacts:
    """A ledger as a run counted it (or as the next run would): its file, its entries and the hash of the last."""

    path: str
    name: str
    entries: int
    head: str
    default: bool  # the data folder's own ledger.sqlite, not one named with --ledger
    reduced: int | None = None  # applications its awards reduced or refused, once the run is done


@dataclass(frozen=True)
class LedgerView:
    """What the new-run page says of the ledger: the one counted and what it holds, the sentence saying why it
    cannot be used (runs started now fail with it), or neither (no ledger)."""

    choice: LedgerChoice
    facts: LedgerFacts | None = None
    problem: Pair | None = None
    years: tuple[YearSoFar, ...] = ()  # what the policy's awards in it stand at, year by year (a later round's)


def facts_of(counted: CountedLedger, choice: LedgerChoice) -> LedgerFacts | None:
    """What a run records of the ledger it counted (None: no ledger)."""
    ref = counted.ref
    if ref is None:
        return None
    return LedgerFacts(str(ref.path), ref.path.name, ref.entries, ref.head, not choice.given)


def counted_ledger(choice: LedgerChoice | None) -> CountedLedger:
    """The ledger a run starting now counts, read and its chain checked: LedgerError (missing, not a ledger) or
    LedgerTampered (its chain does not hold), both BudgetoptErrors with the library's sentence."""
    return ledger_of(None if choice is None else choice.current())


def look(choice: LedgerChoice, policy: Policy) -> LedgerView:
    """The ledger as the next run would count it, for the new-run page: with what `policy`'s awards in it stand at
    in each year, which a later round of that year allocates beside (its budget is the year's)."""
    try:
        counted = counted_ledger(choice)
    except BudgetoptError as exc:
        return LedgerView(choice, problem=(exc.text("zh", "web"), exc.text("en", "web")))
    this = policy_key(policy.number)
    years = sorted({award.year for award in counted.prior.awards if policy_key(award.policy) == this})
    return LedgerView(choice, facts_of(counted, choice),
                      years=tuple(counted.prior.year_so_far(policy.number, year) for year in years))


@dataclass(frozen=True)
class LedgerSight:
    """The ledger as its page shows it: the file runs count, whether it is there, and its entries — or why they
    cannot be read (`problem`), or what the chain shows was done to it outside budgetopt (`tampering`)."""

    path: Path
    given: bool  # named with --ledger (else the data folder's own ledger.sqlite)
    exists: bool
    entries: tuple[Entry, ...] = ()
    problem: str = ""
    tampering: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        return self.exists and not self.problem and not self.tampering


def sight(choice: LedgerChoice, lang: str) -> LedgerSight:
    """The ledger runs count now, read and its chain checked."""
    if not choice.path.exists() and not choice.given:
        return LedgerSight(choice.path, False, False)
    try:
        state = read_ledger(choice.path)
    except LedgerTampered as exc:
        return LedgerSight(choice.path, choice.given, True, tampering=tuple(t.text(lang) for t in exc.tampering))
    except BudgetoptError as exc:
        return LedgerSight(choice.path, choice.given, choice.path.exists(), problem=exc.text(lang, "web"))
    return LedgerSight(choice.path, choice.given, True, state.entries)


@dataclass(frozen=True)
class PublishSight:
    """A finished run and the ledger: the entries publishing it recorded (`published`), or why it cannot be
    published (`refusal`), or neither (it can be) — `no_ledger` when the ledger must be made first."""

    published: tuple[Entry, ...] = ()
    refusal: str = ""
    no_ledger: bool = False
    broken: bool = False  # the ledger cannot be read, or its chain does not hold: nothing is known of the run there
    rerun: bool = True  # a new run from this one would be published (not when the year is published already, …)
    batch: int | None = None  # ready: the number its 公示 list would get among the year's (2: 第二批)
    # what each published award (by its entry) stands at now, after the corrections (核减、撤销、调增) recorded since
    stands: Mapping[int, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(entry.award.amount for entry in self.published)

    @property
    def corrected(self) -> tuple[Entry, ...]:
        """The published awards that stand lower than published since (lowered or revoked; one raised back to its
        published amount is not), in the order published."""
        return tuple(entry for entry in self.published if self.now(entry) != entry.award.amount)

    @property
    def revoked(self) -> int:
        """How many of the published awards were revoked (nothing of them stands)."""
        return sum(1 for entry in self.corrected if self.now(entry) <= 0)

    @property
    def lowered(self) -> int:
        """How many of the published awards were lowered and still stand."""
        return len(self.corrected) - self.revoked

    @property
    def standing(self) -> tuple[int, int]:
        """The published awards that stand now, and what they stand at."""
        return (sum(1 for entry in self.published if self.now(entry) > 0),
                sum(max(self.now(entry), 0) for entry in self.published))

    def now(self, entry: Entry) -> int:
        """What a published award stands at now (as published, when nothing corrected it)."""
        return self.stands.get(entry.seq, entry.award.amount)

    def corrected_to(self) -> dict[tuple[str, str, str], int]:
        """What each corrected award stands at now, by the application it was granted to (application id, credit
        code, clause: as the run's row names it)."""
        found: dict[tuple[str, str, str], int] = {}
        for entry in self.corrected:
            own = granted_to(entry.award, policy_key(entry.award.policy))
            if own is not None:
                found[own] = max(self.now(entry), 0)
        return found


def publish_sight(choice: LedgerChoice, folder: Path, label: str, lang: str,
                  names: Mapping[str, str] | None = None) -> PublishSight:
    """What the ledger says of the finished run in `folder` (named `label` on the pages, its stored inputs by
    `names`): published — with what its awards stand at now — or what `publish` would refuse, or ready. The ledger
    is read once."""
    ledger = choice.path
    try:
        state = None if not ledger.exists() and not choice.given else read_ledger(ledger)
    except BudgetoptError as exc:  # damaged, or its chain does not hold: its page says what to do
        return PublishSight(refusal=exc.text(lang, "web"), broken=True)
    try:
        if state is None:
            ready_to_publish(folder, ledger)  # as into an empty ledger: the one made before publishing
            return PublishSight(no_ledger=True)
        published = published_entries(folder, state)
        batch = None if published else ready_to_publish(folder, state)
    except BudgetoptError as exc:
        problems = exc.problems if isinstance(exc, InputError) else ()
        codes = {p.code for p in problems}
        moved = next((p for p in problems if p.code == "publish.ledger_moved"), None)
        said = exc.text(lang, "web") if moved is None or state is None else moved_since(
            state, dict(moved.message.params)).text(lang, "web")
        return PublishSight(refusal=run_named(said, folder, label, names), rerun=not codes & NO_RERUN)
    seqs = {entry.seq for entry in published}
    stands = {entry.seq: amounts[-1] for entry, amounts, _ in folded(state.entries) if entry.seq in seqs}
    return PublishSight(published, batch=batch, stands=stands)


def moved_since(state: LedgerState, params: Mapping[str, object]) -> Phrase:
    """Why a run that did not count the ledger as it now stands is not published, naming what was recorded since
    it was made: awards published, awards imported, corrections (核减、撤销; 调增、恢复) — a correction is no award."""
    said = str(params.get("counted", ""))  # a phrase's parameters are words: the number as written
    counted = int(said) if said.isascii() and said.isdigit() else 0
    return Phrase.of("web.publish.ledger_moved", counted=counted, entries=state.count,
                     since=since_said(state.entries[counted:]))


def since_said(entries: Sequence[Entry]) -> tuple[str, str]:
    """What `entries` record, counted by kind, in both languages: `2项公示的资助、1条核减或撤销记录、1条调增或恢复记录`
    (a correction that lowers an award takes from it, one that raises it again gives back)."""
    counts = {"published": sum(1 for e in entries if not e.award.is_correction and e.award.run is not None),
              "imported": sum(1 for e in entries if not e.award.is_correction and e.award.run is None),
              "corrections": sum(1 for e in entries if e.award.is_correction and e.award.amount < 0),
              "raises": sum(1 for e in entries if e.award.is_correction and e.award.amount > 0)}
    parts = [Phrase.of(f"web.since.{kind}", count=count) for kind, count in counts.items() if count]
    return ("、".join(p.text("zh", "web") for p in parts), ", ".join(p.text("en", "web") for p in parts))


def run_named(text: str, folder: Path, label: str, names: Mapping[str, str] | None = None) -> str:
    """A sentence naming a run's folder (or its manifest) by the run's label on the pages, not its path, and its
    stored inputs (`names`: a path as the manifest records it → the name the officer gave the file)."""
    for stored, given in (names or {}).items():
        text = text.replace(stored, given)
    text = text.replace(str(folder / "manifest.json"), f"{label}/manifest.json").replace(str(folder), label)
    for place in (f"{label}/manifest.json：", f"{label}/manifest.json: "):  # the run itself: the page names it
        text = text.removeprefix(place)
    return text


def published_runs(choice: LedgerChoice, folders: Mapping[str, Path]) -> frozenset[str]:
    """Which of the runs (id → folder) the ledger records as published: none while it is not there or cannot be
    read (its page says why)."""
    try:
        if not choice.path.exists():
            return frozenset()
        recorded = read_ledger(choice.path).published_runs()
    except BudgetoptError:
        return frozenset()
    if not recorded:
        return frozenset()
    return frozenset(run_id for run_id, folder in folders.items()
                     if (folder / "manifest.json").is_file() and sha256_file(folder / "manifest.json") in recorded)
