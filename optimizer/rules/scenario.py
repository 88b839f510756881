"""The scenario file (README, The scenario file): budget, reserve, awards rules, weights, envelopes, district and
applicant caps.

Loaded into a validated, frozen Scenario. Every mistake is a sentence naming the key; all are reported at once.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from optimizer.domain import Problem
from optimizer.errors import InputError
from optimizer.money import AmountError, floor_yuan, format_amount, parse_amount
from optimizer.rules.policy import Policy, load_policy


class ScenarioError(InputError):
    """A scenario that cannot be used; `problems` holds one sentence per mistake, naming the key."""


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
        """The effective scenario, as plain JSON-able values (for manifest.json and the parameters sheet)."""
        return {
            "name": self.name, "year": self.year, "budget": self.budget, "reserve": self.reserve,
            "fixed_awards": self.fixed_awards, "min_funding_ratio": str(self.min_funding_ratio),
            "rounding": self.rounding, "weights": {k: str(v) for k, v in sorted(self.weights.items())},
            "envelopes": [{"name": e.name, "clauses": list(e.clauses), "max": e.max,
                           "max_share": None if e.max_share is None else str(e.max_share), "min": e.min}
                          for e in self.envelopes],
            "districts": {"max_share": None if self.district_max_share is None else str(self.district_max_share)},
            "applicants": {"max_total": self.applicant_max_total},
        }


BUDGET_ARGUMENT = "budget"  # what problems with the budget given beside the scenario name as their place
KNOWN_KEYS = ("name", "year", "budget", "reserve", "fixed_awards", "min_funding_ratio", "rounding", "weights",
              "envelopes", "districts", "applicants")


ScenarioSource = Path | str | Mapping[str, Any] | None


def load_scenario(source: ScenarioSource | Scenario = None, *, budget: str | int | Decimal | None = None,
                  policy: Policy | None = None) -> Scenario:
    """A checked scenario from a TOML file, a dict with the same keys, or nothing but a budget.

    `budget` (an amount: 120000000, "120,000,000", "12000万", "1.2亿") overrides the scenario's own; one of the two
    must give one. Every mistake is a sentence naming its key, all raised at once as ScenarioError (an InputError).

    >>> load_scenario({"name": "plain", "reserve": "500万"}, budget="2亿").available
    195000000
    """
    policy = policy or load_policy()
    if isinstance(source, Scenario):
        scenario = source
    else:
        path = Path(source) if isinstance(source, (str, Path)) else None
        data = _toml(path) if path is not None else dict(source) if isinstance(source, Mapping) else {}
        scenario = replace(parse_scenario(data, policy, path.name if path else "scenario"), path=path)
    if budget is not None:
        scenario = replace(scenario, budget=_budget_argument(budget), budget_given=str(budget))
    if scenario.budget is None:
        raise ScenarioError([Problem.of("", "scenario.no_budget")])
    check_against_budget(scenario, scenario.path.name if scenario.path else "scenario")
    return scenario


def _toml(path: Path) -> Mapping[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScenarioError.one(path.name, f"cannot read the scenario file ({exc.strerror or exc})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ScenarioError.one(path.name, f"not a valid TOML file ({exc})") from exc


def parse_scenario(data: Mapping[str, Any], policy: Policy, label: str = "scenario") -> Scenario:
    problems: list[Problem] = []
    reader = _Reader(label, problems, policy)
    for key in data:
        if key not in KNOWN_KEYS:
            problems.append(Problem(label, f"unknown key '{key}' (known: {', '.join(KNOWN_KEYS)})"))
    scenario = Scenario(
        name=reader.text(data, "name", "default"),
        year=reader.year(data),
        budget=reader.amount(data, "budget"),
        reserve=reader.amount(data, "reserve") or 0,
        fixed_awards=reader.choice(data, "fixed_awards", ("whole", "prorate")),
        min_funding_ratio=reader.share(data, "min_funding_ratio", "min_funding_ratio") or Decimal(0),
        rounding=reader.rounding(data),
        weights=reader.weights(data),
        envelopes=reader.envelopes(data),
        district_max_share=reader.share(reader.table(data, "districts", ("max_share",)), "max_share",
                                        "districts.max_share"),
        applicant_max_total=reader.amount(reader.table(data, "applicants", ("max_total",)), "max_total",
                                          "applicants.max_total"),
    )
    if problems:
        raise ScenarioError(problems)
    return scenario


def check_against_budget(scenario: Scenario, label: str) -> None:
    """What can only be checked once the budget is known: the reserve, and floors against their own caps."""
    problems = []
    assert scenario.budget is not None
    if scenario.reserve > scenario.budget:
        problems.append(Problem(label, f"reserve {format_amount(scenario.reserve)} is above the budget "
                                       f"{format_amount(scenario.budget)}"))
    else:
        for index, env in enumerate(scenario.envelopes, start=1):
            upper = env.upper(scenario.available)
            if env.min is not None and upper is not None and env.min > upper:
                problems.append(Problem(label, f"envelopes[{index}] ({env.name}): min {format_amount(env.min)} is "
                                               f"above its max {format_amount(upper)}"))
    if problems:
        raise ScenarioError(problems)


def with_budget(scenario: Scenario, budget: int) -> Scenario:
    """The same scenario at another budget level (for sweeps)."""
    changed = replace(scenario, budget=budget)
    check_against_budget(changed, "budget level")
    return changed


def _share(share: Decimal | None, available: int) -> int | None:
    return None if share is None else floor_yuan(share * available)


def _budget_argument(value: Any) -> int:
    """The budget given beside the scenario; its mistakes are problems of the `budget` argument."""
    problems: list[Problem] = []
    amount = _Reader(BUDGET_ARGUMENT, problems, None).parse_amount(value, BUDGET_ARGUMENT)
    if problems or amount is None:
        raise ScenarioError(problems)
    return amount


@dataclass
class _Reader:
    """Reads typed values out of the TOML tables, appending a sentence per mistake to `problems`."""

    label: str
    problems: list[Problem]
    policy: Policy | None

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.label, message if key == self.label else f"{key}: {message}"))

    def text(self, data: Mapping[str, Any], key: str, default: str) -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "must be a non-empty text")
            return default
        return value.strip()

    def year(self, data: Mapping[str, Any]) -> int | None:
        value = data.get("year")
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 2000 <= value <= 2100:
            self.fail("year", f"{value!r} is not a year")
            return None
        return value

    def parse_amount(self, value: Any, key: str) -> int | None:
        try:
            amount = parse_amount(value)
        except (AmountError, TypeError) as exc:
            self.fail(key, str(exc) if isinstance(exc, AmountError) else f"{value!r} is not an amount")
            return None
        if amount < 0:
            self.fail(key, f"{value} is negative")
            return None
        return floor_yuan(amount)

    def amount(self, data: Mapping[str, Any], key: str, where: str | None = None) -> int | None:
        return None if data.get(key) is None else self.parse_amount(data[key], where or key)

    def share(self, data: Mapping[str, Any], key: str, where: str) -> Decimal | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(where, f"{value!r} is not a number between 0 and 1")
            return None
        share = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
        if not 0 <= share <= 1:
            self.fail(where, f"{value} is outside 0–1")
            return None
        return share

    def choice(self, data: Mapping[str, Any], key: str, options: tuple[str, ...]) -> str:
        value = data.get(key, options[0])
        if value not in options:
            self.fail(key, f"{value!r} is not one of {', '.join(repr(o) for o in options)}")
            return options[0]
        return str(value)

    def rounding(self, data: Mapping[str, Any]) -> int:
        amount = self.parse_amount(data.get("rounding", 1), "rounding")
        if amount is not None and amount < 1:
            self.fail("rounding", "must be a whole number of yuan, at least 1")
        return amount if amount is not None and amount >= 1 else 1

    def table(self, data: Mapping[str, Any], key: str, known: tuple[str, ...]) -> Mapping[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            self.fail(key, "must be a table")
            return {}
        for inner in value:
            if inner not in known:
                self.fail(f"{key}.{inner}", f"unknown key (known: {', '.join(known)})")
        return value

    def clause_ids(self, values: Any, where: str) -> tuple[str, ...]:
        """Clause ids; a split clause's number (`7`) stands for all its awards (`7a`, `7b`)."""
        assert self.policy is not None
        if not isinstance(values, list) or not values:
            self.fail(where, "must be a non-empty list of clause ids")
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
                self.fail(where, f"unknown clause id '{value}' ({self.policy.ids_text()})")
        return tuple(dict.fromkeys(ids))

    def weights(self, data: Mapping[str, Any]) -> dict[str, Decimal]:
        table = data.get("weights", {})
        if not isinstance(table, dict):
            self.fail("weights", "must be a table of clause id = weight")
            return {}
        weights: dict[str, Decimal] = {}
        for key, value in table.items():
            ids = self.clause_ids([key], "weights")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                self.fail(f"weights.{key}", f"{value!r} is not a weight (a number ≥ 0)")
                continue
            for cid in ids:
                weights[cid] = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
        return weights

    def envelopes(self, data: Mapping[str, Any]) -> tuple[Envelope, ...]:
        raw = data.get("envelopes", [])
        if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
            self.fail("envelopes", "must be [[envelopes]] tables")
            return ()
        envelopes: list[Envelope] = []
        for index, env in enumerate(raw, start=1):
            where = f"envelopes[{index}]" + (f" ({env['name']})" if isinstance(env.get("name"), str) else "")
            for key in env:
                if key not in ("name", "clauses", "max", "max_share", "min"):
                    self.fail(where, f"unknown key '{key}' (known: name, clauses, max, max_share, min)")
            name = env.get("name")
            if not isinstance(name, str) or not name.strip():
                self.fail(where, "needs a name")
                continue
            if any(e.name == name.strip() for e in envelopes):
                self.fail(where, f"the name '{name}' is used twice")
            envelope = Envelope(
                name=name.strip(),
                clauses=self.clause_ids(env.get("clauses"), f"{where}.clauses"),
                max=self.amount(env, "max", f"{where}.max"),
                max_share=self.share(env, "max_share", f"{where}.max_share"),
                min=self.amount(env, "min", f"{where}.min"),
            )
            if envelope.min is not None and envelope.max is not None and envelope.min > envelope.max:
                self.fail(where, f"min {format_amount(envelope.min)} is above max {format_amount(envelope.max)}")
            envelopes.append(envelope)
        return tuple(envelopes)

