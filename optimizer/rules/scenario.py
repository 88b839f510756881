"""The scenario file (README, The scenario file): budget, reserve, awards rules, weights, envelopes, district and
applicant caps.

Loaded into a validated, frozen Scenario. Every mistake is a sentence naming the key; all are reported at once —
with those only the budget can show (a reserve above it, a floor above its own share of it) whenever the budget is
known, from the file or from the `budget` argument.

An amount is written as optimizer/money.py reads it (`"1.2亿"`, `"3000万"`, `"3000元"`, `120000000`); a budget,
reserve, envelope max or min or applicant cap written as a bare number below 10,000 (`3000`) is refused — it is
surely 万元 written as yuan — with the remedy: `"3000万"`, or `"3000元"` for yuan. A share or a weight is a number or
its decimal text (`0.3`, `"0.3"`). scenario_template.py writes a starting scenario with every key explained.

`Scenario.as_dict()` loads back to the same scenario, and `load_scenario(base, weights={"4": 1}, name=…)` is a variant
of one, its changes checked as a file's keys are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from optimizer.domain import Problem
from optimizer.errors import InputError
from optimizer.money import AmountError, bare, floor_yuan, format_decimal, parse_amount, said_amount
from optimizer.rules.policy import Policy, load_policy, read_toml
from optimizer.words import Phrase, brief


class ScenarioError(InputError):
    """A scenario that cannot be used; `problems` holds one sentence per mistake, naming the key."""


class Yuan(int):
    """A whole number of yuan as `Scenario.as_dict()` writes it: read back as the yuan it is, never asked about as
    万元 written without its unit (a reserve of 5000 yuan loads again), while a bare 5000 typed by hand still is. It
    prints, compares and is written to JSON as the plain number."""

    __slots__ = ()

    def __repr__(self) -> str:
        return int.__repr__(self)


def is_defaults(scenario: Scenario) -> bool:
    """Whether a scenario is the defaults with the budget given beside it (allocate's `budget=` and no scenario):
    then that budget argument is all a run need record of it.

    >>> is_defaults(load_scenario(budget="2亿")), is_defaults(load_scenario({"reserve": "500万"}, budget="2亿"))
    (True, False)
    """
    if scenario.path is not None or scenario.budget_given is None:
        return False
    try:
        return load_scenario(budget=scenario.budget_given) == scenario
    except InputError:
        return False


def recorded_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """A scenario's settings as manifest.json records them (`Scenario.as_dict()`, through JSON), for load_scenario:
    their whole numbers are the yuan as_dict wrote (JSON does not keep the Yuan marker), the year a year.

    >>> import json
    >>> base = load_scenario({"name": "tiny", "reserve": "5000元"}, budget="2亿")
    >>> load_scenario(recorded_settings(json.loads(json.dumps(base.as_dict())))) == base
    True
    """
    def marked(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {k: v if k == "year" else marked(v) for k, v in value.items()}
        if isinstance(value, list):
            return [marked(v) for v in value]
        return Yuan(value) if isinstance(value, int) and not isinstance(value, bool) else value

    return dict(marked(settings))


def _yuan(amount: int | None) -> Yuan | None:
    return None if amount is None else Yuan(amount)


def _text(number: Decimal | None) -> str | None:
    return None if number is None else str(number)


@dataclass(frozen=True)
class Envelope:
    """A limit on the total of a set of clauses: at most `max` (and/or `max_share` of what is available)."""

    name: str
    clauses: tuple[str, ...]
    max: int | None = None
    max_share: Decimal | None = None
    min: int | None = None

    def upper(self, available: int) -> int | None:
        limits = [v for v in (self.max, _share(self.max_share, available)) if v is not None]
        return min(limits) if limits else None


@dataclass(frozen=True)
class Scenario:
    name: str = "default"
    year: int | None = None
    budget: int | None = None
    reserve: int = 0
    fixed_awards: str = "whole"
    min_funding_ratio: Decimal = Decimal(0)
    rounding: int = 1
    weights: Mapping[str, Decimal] = field(default_factory=dict)
    envelopes: tuple[Envelope, ...] = ()
    district_max_share: Decimal | None = None
    applicant_max_total: int | None = None
    applicant_max_period_total: int | None = None  # over the policy's whole period: this run and earlier awards
    group_max_total: int | None = None  # linked enterprises (the workbook's group column): at most this together
    # where it came from (not part of the scenario itself: left out of comparisons and of as_dict)
    path: Path | None = field(default=None, compare=False)  # the TOML file, when it was read from one
    budget_given: str | None = field(default=None, compare=False)  # the budget argument, as the caller gave it

    @property
    def available(self) -> int:
        """Budget less reserve: what the optimiser may allocate."""
        assert self.budget is not None
        return self.budget - self.reserve

    def weight(self, clause: str) -> Decimal:
        return self.weights.get(clause, Decimal(1))

    def district_cap(self) -> int | None:
        return _share(self.district_max_share, self.available)

    def as_dict(self) -> dict[str, Any]:
        """The effective scenario, as plain JSON-able values (for manifest.json and the parameters sheet): amounts in
        whole yuan, shares and weights as exact decimal text. `load_scenario` reads it back to an equal scenario.

        >>> base = load_scenario({"name": "base", "reserve": "500万", "weights": {"4": 1.3}}, budget="2亿")
        >>> base.as_dict()["weights"], load_scenario(base.as_dict()) == base
        ({'4': '1.3'}, True)
        """
        return {
            "name": self.name, "year": self.year, "budget": _yuan(self.budget), "reserve": Yuan(self.reserve),
            "fixed_awards": self.fixed_awards, "min_funding_ratio": str(self.min_funding_ratio),
            "rounding": Yuan(self.rounding), "weights": {k: str(v) for k, v in sorted(self.weights.items())},
            "envelopes": [{"name": e.name, "clauses": list(e.clauses), "max": _yuan(e.max),
                           "max_share": _text(e.max_share), "min": _yuan(e.min)} for e in self.envelopes],
            "districts": {"max_share": _text(self.district_max_share)},
            "applicants": {"max_total": _yuan(self.applicant_max_total),
                           "max_period_total": _yuan(self.applicant_max_period_total)},
            "groups": {"max_total": _yuan(self.group_max_total)},
        }


BUDGET_ARGUMENT = "budget"  # what problems with the budget given beside the scenario name as their place
KNOWN_KEYS = ("name", "year", "budget", "reserve", "fixed_awards", "min_funding_ratio", "rounding", "weights",
              "envelopes", "districts", "applicants", "groups")
ENVELOPE_KEYS = ("name", "clauses", "max", "max_share", "min")
SMALL_AMOUNT = 10_000  # a bare number below this, for a budget, reserve or cap, is surely 万元 written as yuan
YEARS = range(2000, 2101)  # a scenario's year
SMALL_BUDGET = 1_000_000  # so is a bare budget below this: 12000 meant 1.2亿, not 1.2万 (a budget of a few awards)


ScenarioSource = Path | str | Mapping[str, Any] | None


def load_scenario(source: ScenarioSource | Scenario = None, *, budget: str | int | Decimal | None = None,
                  policy: Policy | None = None, **changes: Any) -> Scenario:
    """A checked scenario from a TOML file, a dict with the same keys, nothing but a budget, or another scenario.

    `budget` (an amount: 120000000, "120,000,000", "12000万", "1.2亿", "3000元") overrides the scenario's own; one of
    the two must give one. Every mistake is a sentence naming its key — a bare number below 10,000 for an amount is
    one ("did you mean 3000万?") — all raised at once as ScenarioError (an InputError), with the checks that need the
    budget (reserve, floors) whenever it is known.

    `changes` make a variant: keys of the scenario file, each checked as the file's are (an unknown key is named
    with the known ones). A table — weights, districts, applicants, groups — is changed key by key, the rest of it
    kept; any other key, envelopes included, is replaced; None unsets a limit. The variant is no longer the file.

    >>> load_scenario({"name": "plain", "reserve": "500万"}, budget="2亿").available
    195000000
    >>> base = load_scenario("data/scenario_2026.toml")
    >>> variant = load_scenario(base, weights={"4": 1}, districts={"max_share": None}, name="4 at 1, no share")
    >>> variant.weight("4"), variant.weight("2"), variant.district_max_share, variant.reserve == base.reserve
    (Decimal('1'), Decimal('1.2'), None, True)
    """
    policy = policy or load_policy()
    problems: list[Problem] = []
    if isinstance(source, Scenario):
        scenario, budget_set = source, source.budget is not None
    elif source is not None and not isinstance(source, (str, Path, Mapping)):  # a list, a number, bytes, …
        raise ScenarioError([Problem.of(type(source).__name__, "scenario.not_a_scenario")])
    else:
        path = Path(source) if isinstance(source, (str, Path)) else None
        data = (read_toml(path, path.name, ScenarioError, "scenario.unreadable") if path is not None
                else dict(source) if isinstance(source, Mapping) else {})
        scenario = replace(_parse(data, policy, path.name if path else "scenario", problems), path=path)
        budget_set = data.get("budget") is not None
    if changes:
        if problems:  # the source's own mistakes first: a variant of them would only repeat them
            raise ScenarioError(problems)
        scenario = replace(_parse(varied(scenario.as_dict(), changes), policy, "scenario", problems),
                           budget_given=scenario.budget_given)
        budget_set = scenario.budget is not None
    if budget is not None:
        scenario = replace(scenario, budget=_budget_argument(budget, problems), budget_given=str(budget))
    elif not budget_set:
        problems.append(Problem.of("", "scenario.no_budget"))
    if scenario.budget is not None:
        problems.extend(budget_problems(scenario, scenario.path.name if scenario.path else "scenario"))
    if problems:
        raise ScenarioError(problems)
    return scenario


TABLES = ("weights", "districts", "applicants", "groups")  # changed key by key in a variant


def varied(recorded: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A scenario's recorded form (`Scenario.as_dict()`) with `changes`: a table's keys over its own, any other
    key (a list of envelopes too) in place of its value.

    >>> varied({"name": "a", "weights": {"2": "1.2", "4": "1.3"}}, {"weights": {"4": 1}, "name": "b"})
    {'name': 'b', 'weights': {'2': '1.2', '4': 1}}
    """
    merged = dict(recorded)
    for key, value in changes.items():
        before = merged.get(key)
        if key in TABLES and isinstance(before, Mapping) and isinstance(value, Mapping):
            merged[key] = {**before, **value}
        else:
            merged[key] = value
    return merged


def parse_scenario(data: Mapping[str, Any], policy: Policy, label: str = "scenario") -> Scenario:
    """The scenario of a TOML file's tables (or a dict of the same keys), checked as far as it can be: against its
    own budget when it has one; every mistake at once in a ScenarioError."""
    problems: list[Problem] = []
    scenario = _parse(data, policy, label, problems)
    if scenario.budget is not None:
        problems.extend(budget_problems(scenario, label))
    if problems:
        raise ScenarioError(problems)
    return scenario


def _parse(data: Mapping[str, Any], policy: Policy, label: str, problems: list[Problem]) -> Scenario:
    """The scenario, each value read or (when it is wrong, with a problem added) left at its default."""
    reader = _Reader(label, problems, policy)
    for key in data:
        if key not in KNOWN_KEYS:
            reader.fail(None, "scenario.unknown_key", key=key, known=_listed(KNOWN_KEYS))
    applicants = reader.table(data, "applicants", ("max_total", "max_period_total"))
    return Scenario(
        name=reader.text(data, "name", "default"),
        year=reader.year(data),
        budget=reader.amount(data, "budget", what="budget"),
        reserve=reader.amount(data, "reserve", what="reserve") or 0,
        fixed_awards=reader.choice(data, "fixed_awards", ("whole", "prorate")),
        min_funding_ratio=reader.share(data, "min_funding_ratio", "min_funding_ratio") or Decimal(0),
        rounding=reader.rounding(data),
        weights=reader.weights(data),
        envelopes=reader.envelopes(data),
        district_max_share=reader.share(reader.table(data, "districts", ("max_share",)), "max_share",
                                        "districts.max_share"),
        applicant_max_total=reader.amount(applicants, "max_total", "applicants.max_total", what="cap"),
        applicant_max_period_total=reader.amount(applicants, "max_period_total", "applicants.max_period_total",
                                                 what="cap"),
        group_max_total=reader.amount(reader.table(data, "groups", ("max_total",)), "max_total", "groups.max_total",
                                      what="cap"),
    )


def budget_problems(scenario: Scenario, label: str) -> list[Problem]:
    """What can only be checked once the budget is known: the reserve, and floors against their own caps (a floor
    above the envelope's own max is the reading's problem, not said twice)."""
    assert scenario.budget is not None
    if scenario.reserve > scenario.budget:
        return [Problem.of(label, "scenario.reserve_above_budget", reserve=said_amount(scenario.reserve),
                           budget=said_amount(scenario.budget))]
    problems = []
    for index, env in enumerate(scenario.envelopes, start=1):
        upper = env.upper(scenario.available)
        if env.min is not None and upper is not None and env.min > upper and (env.max is None or env.min <= env.max):
            problems.append(Problem.of(label, "scenario.min_above_cap", at=_at(_envelope_where(index, env.name)),
                                       min=said_amount(env.min), max=said_amount(upper)))
    return problems


def check_against_budget(scenario: Scenario, label: str) -> None:
    """Raise ScenarioError with budget_problems, if there are any."""
    problems = budget_problems(scenario, label)
    if problems:
        raise ScenarioError(problems)


def with_budget(scenario: Scenario, budget: int) -> Scenario:
    """The same scenario at another budget level (for sweeps)."""
    changed = replace(scenario, budget=budget)
    check_against_budget(changed, "budget level")
    return changed


def _share(share: Decimal | None, available: int) -> int | None:
    return None if share is None else floor_yuan(share * available)


def read_budget(value: str | int | Decimal, place: str = BUDGET_ARGUMENT) -> int:
    """A budget given on its own (a sweep's level, say) read as the `budget` argument is, in whole yuan; a mistake
    (not an amount, negative, a bare number below 10,000) is a ScenarioError at `place`."""
    problems: list[Problem] = []
    amount = _budget_argument(value, problems, place)
    if amount is None:
        raise ScenarioError(problems)
    return amount


def _budget_argument(value: Any, problems: list[Problem], place: str = BUDGET_ARGUMENT) -> int | None:
    """The budget given beside the scenario; its mistakes are problems of the `budget` argument."""
    return _Reader(place, problems, None, quote="").parse_amount(value, None, "budget")


_DECIMAL_TEXT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
LARGEST_EXPONENT = 300  # a weight of 1e999999999 overflowed the objective's arithmetic (decimal.Overflow)


def _number(value: Any) -> Decimal | None:
    """A share or a weight as an exact decimal: a TOML number, its decimal text (`"0.3"`, as `Scenario.as_dict()`
    writes it) or (from Python) a Decimal or a Fraction — a float by its shortest digits; None for anything else
    (other text, a bool), NaN, an infinity or a number beyond 1e300.

    >>> _number("0.15"), _number(" 1.3 "), _number(0.3), _number("30%"), _number("1e999999999")
    (Decimal('0.15'), Decimal('1.3'), Decimal('0.3'), None, None)
    """
    if isinstance(value, str):
        text = value.strip()
        number = Decimal(text) if _DECIMAL_TEXT.fullmatch(text) else None
    elif isinstance(value, bool) or not isinstance(value, (int, float, Decimal, Fraction)):
        number = None
    elif isinstance(value, Fraction):
        number = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        number = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    return number if number is not None and number.is_finite() and number.adjusted() <= LARGEST_EXPONENT else None


def _at(key: str | None) -> tuple[str, str]:
    """What a message about `key` starts with: `budget: ` (nothing when the place names it already)."""
    return ("", "") if key is None else Phrase.of("rules.at", key=key).both()


def _listed(items: tuple[str, ...]) -> tuple[str, str]:
    return ("、".join(items), ", ".join(items))


def _envelope_where(index: int, name: str) -> str:
    return f"envelopes[{index}]" + (f" ({name})" if name else "")


@dataclass
class _Reader:
    """Reads typed values out of the TOML tables, appending a sentence per mistake to `problems`."""

    label: str
    problems: list[Problem]
    policy: Policy | None
    quote: str = '"'  # how a remedy quotes an amount: "3000万" in a file or a dict; bare for the budget argument

    def fail(self, key: str | None, code: str, /, **params: object) -> None:
        """A problem with `key` (None: with the place itself, the file or the argument); a value it quotes
        (`shown`, `value`) is cut to a hundred characters."""
        quoted = {name: brief(value) if name in ("shown", "value") and isinstance(value, str) else value
                  for name, value in params.items()}
        self.problems.append(Problem(self.label, Phrase.of(code, at=_at(key), **quoted)))

    def text(self, data: Mapping[str, Any], key: str, default: str) -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "scenario.not_text")
            return default
        return value.strip()

    def year(self, data: Mapping[str, Any]) -> int | None:
        value = data.get("year")
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value not in YEARS:
            self.fail("year", "scenario.not_a_year", value=repr(value))
            return None
        return value

    def parse_amount(self, value: Any, key: str | None, what: str | None = None) -> int | None:
        """Whole yuan; a mistake is a problem of `key`. With `what` (budget, reserve, cap, floor), a bare number below
        10,000 is refused — surely 万元 written as yuan — and a bare budget below 1,000,000 (the app's officers
        typed 12000 for 1.2亿 and ran a budget of 1.2万)."""
        try:
            amount = parse_amount(value)
        except AmountError as exc:
            self.fail(key, exc.code, **exc.params)
            return None
        if amount < 0:
            self.fail(key, "scenario.negative", value=str(value))
            return None
        small = SMALL_BUDGET if what == "budget" else SMALL_AMOUNT
        if what is not None and 0 < amount < small and bare(value) and not isinstance(value, Yuan):
            number = format_decimal(amount)
            self.fail(key, "scenario.small_amount", shown=value.strip() if isinstance(value, str) else number,
                      number=number, what=Phrase.of(f"scenario.what.{what}").both(), q=self.quote)
            return None
        if amount != amount.to_integral_value():  # a budget, a limit, a rounding: never a fraction of a yuan
            yuan = format_decimal(amount)
            plain = bare(value) or str(value).strip().endswith("元")
            said = ("", "") if plain else (f"（{yuan}元）", f" ({yuan} yuan)")
            self.fail(key, "scenario.not_whole_yuan", value=str(value), yuan=said)
            return None
        return floor_yuan(amount)

    def amount(self, data: Mapping[str, Any], key: str, where: str | None = None,
               what: str | None = None) -> int | None:
        return None if data.get(key) is None else self.parse_amount(data[key], where or key, what)

    def share(self, data: Mapping[str, Any], key: str, where: str) -> Decimal | None:
        value = data.get(key)
        if value is None:
            return None
        share = _number(value)
        if share is None:
            self.fail(where, "scenario.not_a_share", value=repr(value))
            return None
        if 2 <= share <= 100 and share == share.to_integral_value():  # 30 typed for 30%: a share is of 1
            self.fail(where, "scenario.share_percent", value=str(value), share=format_decimal(share / 100))
            return None
        if not 0 <= share <= 1:
            self.fail(where, "scenario.share_outside", value=str(value))
            return None
        return share

    def choice(self, data: Mapping[str, Any], key: str, options: tuple[str, ...]) -> str:
        value = data.get(key, options[0])
        if value not in options:
            self.fail(key, "scenario.not_one_of", value=repr(value), options=_listed(tuple(map(repr, options))))
            return options[0]
        return str(value)

    def rounding(self, data: Mapping[str, Any]) -> int:
        amount = self.parse_amount(data.get("rounding", 1), "rounding")
        if amount is not None and amount < 1:
            self.fail("rounding", "scenario.rounding_too_small")
        return amount if amount is not None and amount >= 1 else 1

    def table(self, data: Mapping[str, Any], key: str, known: tuple[str, ...]) -> Mapping[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            self.fail(key, "scenario.not_a_table")
            return {}
        for inner in value:
            if inner not in known:
                self.fail(f"{key}.{inner}", "scenario.unknown_table_key", known=_listed(known))
        return value

    def clause_ids(self, values: Any, where: str) -> tuple[str, ...]:
        """Clause ids; a split clause's number (`7`) stands for all its awards (`7a`, `7b`)."""
        assert self.policy is not None
        if not isinstance(values, list) or not values:
            self.fail(where, "scenario.clauses_empty")
            return ()
        ids: list[str] = []
        parents = self.policy.parent_ids()
        for value in values:
            cid = str(value).strip().lower()
            if cid in self.policy.clauses:
                ids.append(cid)
            elif cid in parents:
                ids.extend(parents[cid])
            else:
                self.fail(where, "scenario.unknown_clause", value=str(value), ids=self.policy.ids_words())
        return tuple(dict.fromkeys(ids))

    def weights(self, data: Mapping[str, Any]) -> dict[str, Decimal]:
        table = data.get("weights", {})
        if not isinstance(table, dict):
            self.fail("weights", "scenario.weights_not_table")
            return {}
        weights: dict[str, Decimal] = {}
        for key, value in table.items():
            ids = self.clause_ids([key], "weights")
            weight = _number(value)
            if weight is None or weight < 0:
                self.fail(f"weights.{key}", "scenario.not_a_weight", value=repr(value))
                continue
            for cid in ids:
                weights[cid] = weight
        return weights

    def envelopes(self, data: Mapping[str, Any]) -> tuple[Envelope, ...]:
        raw = data.get("envelopes", [])
        if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
            self.fail("envelopes", "scenario.envelopes_not_tables")
            return ()
        envelopes: list[Envelope] = []
        for index, env in enumerate(raw, start=1):
            name = env.get("name")
            name = name.strip() if isinstance(name, str) else ""
            envelopes.append(self.envelope(env, _envelope_where(index, name), name, envelopes))
        return tuple(envelopes)

    def envelope(self, env: Mapping[str, Any], where: str, name: str, before: list[Envelope]) -> Envelope:
        """One [[envelopes]] table (named "" when it has no name: a problem, so it is never used)."""
        for key in env:
            if key not in ENVELOPE_KEYS:
                self.fail(where, "scenario.unknown_key", key=key, known=_listed(ENVELOPE_KEYS))
        if not name:
            self.fail(where, "scenario.envelope_no_name")
        elif any(e.name == name for e in before):
            self.fail(where, "scenario.envelope_name_twice", name=name)
        envelope = Envelope(
            name=name,
            clauses=self.clause_ids(env.get("clauses"), f"{where}.clauses"),
            max=self.amount(env, "max", f"{where}.max", what="cap"),
            max_share=self.share(env, "max_share", f"{where}.max_share"),
            min=self.amount(env, "min", f"{where}.min", what="floor"),
        )
        if envelope.min is not None and envelope.max is not None and envelope.min > envelope.max:
            self.fail(where, "scenario.min_above_max", min=said_amount(envelope.min), max=said_amount(envelope.max))
        return envelope
