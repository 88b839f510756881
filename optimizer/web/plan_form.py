"""The two-year plan's form read and checked (web/plans.py's pages): what a plan asks (Asked), as the form types it
and as its record keeps it — the two finished runs, the total, the first year's budgets to try (every step from the
lowest to the highest, at most MAX_SPLITS, a round step unless typed, refined around the best a tenth as far apart),
whose weights value both years, the tolerance, the ledger the first year's run counted — every mistake said at its
field."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from optimizer.errors import InputError
from optimizer.jobs.plan_args import read_tolerance
from optimizer.jobs.year_plan import in_yi
from optimizer.money import said_amount
from optimizer.rules.scenario import read_budget
from optimizer.web.ledgers import LedgerFacts, published_runs
from optimizer.web.registry import RUN_ID, RunRecord
from optimizer.words import Phrase

if TYPE_CHECKING:  # the app's state, which imports the workers' modules: plan_tasks imports Asked from here
    from optimizer.web.state import Web

FIELDS = ("first", "second", "total", "start", "stop", "step", "refine", "value_under", "tolerance")
DEFAULTS = {"first": "", "second": "", "total": "", "start": "", "stop": "", "step": "", "refine": "1",
            "value_under": "first", "tolerance": "10万"}
MAX_SPLITS = 40  # splits one plan in the app solves at most (two solves each), as a sweep has levels
ROUND = tuple(int(m * 10 ** k) for k in range(0, 16) for m in (1, 2, 5))  # round amounts: 1, 2, 5, 10, 20, … yuan
STEPS = tuple(step for step in ROUND if step >= 100_000)  # round steps: 10万, 20万, 50万, 100万, …


@dataclass(frozen=True)
class Asked:
    """What a plan asks, as its record keeps it (params): the two runs, the total, the first year's budgets (every
    `step` from `start` to `stop`, then every `refine` around the best and out to the band's ends: 0, none), whose
    weights value both years, the
    tolerance of the band (yuan), and the ledger the first year's run counted (None: none)."""

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
    refine: int = 0

    def params(self) -> dict[str, Any]:
        ledger = None if self.ledger is None else {key: getattr(self.ledger, key) for key in LEDGER_KEYS}
        return {"first": self.first, "second": self.second, "total": self.total, "start": self.start,
                "stop": self.stop, "step": self.step, "refine": self.refine, "value_under": self.value_under,
                "tolerance": self.tolerance, "years": list(self.years), "ledger": ledger}

    @property
    def count(self) -> int:
        return splits_between(self.start, self.stop, self.step)


LEDGER_KEYS = ("path", "name", "entries", "head", "default")


def question(asked: Asked, lang: str) -> str:
    """What a plan asks, in words, as its page, the list and plan.xlsx head it:
    `两年合计3.2亿元：2026年度安排多少、2027年度安排多少效果最好？`; of one split (the lowest and highest first-year
    budget alike), what that split achieves — no "best" of one (an officer's review).

    >>> asked = Asked("a", "b", 320_000_000, 0, 320_000_000, 10_000_000, "first", 100_000, (2026, 2027))
    >>> question(asked, "zh")
    '两年合计3.2亿元：2026年度安排多少、2027年度安排多少效果最好？'
    >>> from dataclasses import replace
    >>> one = replace(asked, start=200_000_000, stop=200_000_000)
    >>> question(one, "zh")
    '两年合计3.2亿元，按2026年2亿元、2027年1.2亿元分配的效果'
    >>> question(one, "en")
    '3.2亿 for 2026 and 2027 together, split 2亿 for 2026 and 1.2亿 for 2027: what it achieves'
    """
    one, two = asked.years
    if asked.start == asked.stop:
        return Phrase.of("web.plan.question_single", total=said_amount(asked.total), first=one, second=two,
                         one=in_yi(asked.start), two=in_yi(asked.total - asked.start)).text(lang, "web")
    return Phrase.of("web.plan.question", total=said_amount(asked.total), first=one, second=two).text(lang, "web")


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
                      _int(params["tolerance"]), (one, two), facts, _int(params.get("refine", 0)))
    except (KeyError, TypeError, ValueError):
        return None
    if (asked.value_under not in ("first", "second") or asked.step <= 0 or asked.refine < 0
            or not 0 <= asked.start <= asked.stop
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


def finer_step(step: int) -> int:
    """The step a plan refines at around the best, once its splits are solved: the largest round step (10万, 20万,
    50万, …) no more than a tenth of `step`; 0 (none) for a step below 100万.

    >>> finer_step(10_000_000), finer_step(30_000_000), finer_step(1_000_000), finer_step(500_000)
    (1000000, 2000000, 100000, 0)
    """
    return max((finer for finer in STEPS if finer * 10 <= step), default=0)


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
            # either pick may be the wrong one: said under both (an officer's review: only under 第二年)
            problems["first"] = [_wrong("web.plan.years_reversed_first", "first", lang, first=first, second=second)]
    total = _required(typed, "total", lang, problems)
    if total == 0:
        problems.setdefault("total", []).append(_wrong("web.plan.zero", "total", lang))
    budgets = _budgets(typed, total, lang, problems)
    value_under = typed["value_under"]
    if value_under not in ("first", "second"):
        problems["value_under"] = [_wrong("web.plan.bad_value_under", "value_under", lang)]
    tolerance = _tolerance(typed, lang, problems)
    if problems or one is None or two is None or total is None or budgets is None or tolerance is None:
        return None, problems
    (first_run, first_year), (second_run, second_year) = one, two
    start, stop, step = budgets  # refined a tenth as far apart as the splits are (none for one split)
    refine = finer_step(min(step, stop - start)) if typed["refine"] else 0
    return Asked(first_run.id, second_run.id, total, *budgets, value_under, tolerance, (first_year, second_year),
                 run_ledger_facts(first_run), refine), problems


def _tolerance(typed: Mapping[str, str], lang: str, problems: dict[str, list[str]]) -> int | None:
    """The tolerance as typed, read as the library reads one: `10万`, or `100000` (yuan; a bare number below 1万 is
    asked about)."""
    if not typed["tolerance"]:
        problems["tolerance"] = [Phrase.of("web.form.fill_in", field=_label("tolerance", lang)).text(lang, "web")]
        return None
    try:
        return read_tolerance(typed["tolerance"], _label("tolerance", lang))
    except InputError as exc:
        problems["tolerance"] = [p.text(lang, "web") for p in exc.problems]
        return None


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


def first_published(web: Web, found: Mapping[str, Any]) -> RunRecord | None:
    """The run a plan's first year was published from (`found`: the plan's summary, with a best split): of that
    year's finished runs the ledger records as published, one at the plan's best first-year budget where there is
    one, else the newest; None where nothing of that year is published. Whether the plan still holds is the run's
    budget against the plan's (`plan_holds`), not a count of awards (an officer's review: one published at another
    budget with as many awards passed as the plan's)."""
    if found.get("best") is None:
        return None
    runs = [r for r in web.registry.runs() if r.status == "done" and r.budget is not None
            and web.registry.year_of(r) == found["first_year"]]
    published = published_runs(web.ledger, {r.id: web.registry.run_folder(r) for r in runs})
    done = [r for r in runs if r.id in published]
    return next((r for r in done if plan_holds(found, r)), done[0] if done else None)


def plan_holds(found: Mapping[str, Any], published: RunRecord) -> bool:
    """Whether the first year was published at the plan's best first-year budget: the plan still holds."""
    return published.budget == int(found["splits"][found["best"]]["first_budget"])


def run_ledger_facts(run: RunRecord) -> LedgerFacts | None:
    """The award ledger the run counted, as it recorded it (None: none)."""
    facts = run.outcome.get("ledger")
    if not isinstance(facts, dict):
        return None
    try:
        return LedgerFacts(str(facts["path"]), str(facts["name"]), _int(facts["entries"]), str(facts["head"]),
                           bool(facts.get("default")))
    except (KeyError, ValueError):
        return None
