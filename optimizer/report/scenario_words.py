"""A scenario in words, key by key, from its recorded form (`Scenario.as_dict()`, a manifest's "scenario"): the
parameters sheet of allocation.xlsx lists them, and compare shows the keys where two runs' scenarios differ."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from optimizer.money import format_decimal
from optimizer.report.units import amount_text
from optimizer.words import Phrase

_NOT_SET = "report.scenario.not_set"


@dataclass(frozen=True)
class Setting:
    """One key of a scenario: what it is called and its value, in words."""

    key: str  # stable: budget, weight:4, envelope:人工智能赋能:max
    name: str
    value: str


@dataclass(frozen=True)
class SettingChange:
    """A key whose value differs between two scenarios."""

    key: str
    name: str
    a: str
    b: str


def settings(scenario: Mapping[str, Any], lang: str, with_name: bool = True) -> list[Setting]:
    """Every key of the scenario, in words, in a fixed order; weights not given are 1 and not listed."""
    return [Setting(key, name, value) for key, name, value in _items(scenario, lang, (), with_name)]


def differences(a: Mapping[str, Any], b: Mapping[str, Any], lang: str) -> list[SettingChange]:
    """The keys whose values differ between scenarios a and b (a weight not given is 1; an envelope or limit
    present on one side only is "not set" on the other). The scenarios' names are not compared."""
    weights = sorted(set(_weights(a)) | set(_weights(b)), key=_clause_order)
    envelopes = list(dict.fromkeys([*_envelope_names(a), *_envelope_names(b)]))
    left = {key: (name, value) for key, name, value in _items(a, lang, weights, False, envelopes)}
    right = {key: (name, value) for key, name, value in _items(b, lang, weights, False, envelopes)}
    return [SettingChange(key, name, value, right[key][1]) for key, (name, value) in left.items()
            if value != right[key][1]]


def _items(s: Mapping[str, Any], lang: str, weights: Sequence[str], with_name: bool,
           envelopes: Sequence[str] = ()) -> list[tuple[str, str, str]]:
    def say(code: str, **params: object) -> str:
        return Phrase.of(code, **params).text(lang)

    rows: list[tuple[str, str, str]] = []
    if with_name:
        rows.append(("name", say("report.scenario.name"), str(s.get("name", ""))))
    rows += [
        ("year", say("report.scenario.year"), str(s["year"]) if s.get("year") else say(_NOT_SET)),
        ("budget", say("report.scenario.budget"), _amount(s.get("budget"), lang)),
        ("reserve", say("report.scenario.reserve"), _amount(s.get("reserve", 0), lang)),
        ("fixed_awards", say("report.scenario.fixed_awards"), _fixed(s.get("fixed_awards"), lang)),
        ("min_funding_ratio", say("report.scenario.min_funding_ratio"), _ratio(s.get("min_funding_ratio"), lang)),
        ("rounding", say("report.scenario.rounding"), _amount(s.get("rounding", 1), lang)),
    ]
    given = _weights(s)
    for clause in weights or sorted(given, key=_clause_order):
        rows.append((f"weight:{clause}", say("report.scenario.weight", clause=clause),
                     format_decimal(Decimal(given.get(clause, "1")))))
    found = {str(e.get("name", "")): e for e in s.get("envelopes") or ()}
    for name in envelopes or list(found):
        rows += _envelope(name, found.get(name), lang)
    districts, applicants = s.get("districts") or {}, s.get("applicants") or {}
    rows.append(("district_max_share", say("report.scenario.district_max_share"),
                 _ratio(districts.get("max_share"), lang)))
    rows.append(("applicant_max_total", say("report.scenario.applicant_max_total"),
                 _amount(applicants.get("max_total"), lang)))
    rows.append(("applicant_max_period_total", say("report.scenario.applicant_max_period_total"),
                 _amount(applicants.get("max_period_total"), lang)))
    rows.append(("group_max_total", say("report.scenario.group_max_total"),
                 _amount((s.get("groups") or {}).get("max_total"), lang)))
    return rows


def _envelope(name: str, envelope: Mapping[str, Any] | None, lang: str) -> list[tuple[str, str, str]]:
    def say(code: str, **params: object) -> str:
        return Phrase.of(code, **params).text(lang)

    e = envelope or {}
    clauses = [str(c) for c in e.get("clauses") or ()]
    listed = ("、".join(clauses), ", ".join(clauses)) if clauses else None
    return [
        (f"envelope:{name}:clauses", say("report.scenario.envelope_clauses", name=name),
         say(_NOT_SET) if listed is None else say("report.scenario.clauses", clauses=listed)),
        (f"envelope:{name}:max", say("report.scenario.envelope_max", name=name), _amount(e.get("max"), lang)),
        (f"envelope:{name}:max_share", say("report.scenario.envelope_max_share", name=name),
         _ratio(e.get("max_share"), lang)),
        (f"envelope:{name}:min", say("report.scenario.envelope_min", name=name), _amount(e.get("min"), lang)),
    ]


def _weights(s: Mapping[str, Any]) -> dict[str, str]:
    return {str(k): str(v) for k, v in (s.get("weights") or {}).items()}


def _envelope_names(s: Mapping[str, Any]) -> list[str]:
    return [str(e.get("name", "")) for e in s.get("envelopes") or ()]


def _clause_order(clause: str) -> tuple[int, str]:
    digits = "".join(ch for ch in clause if ch.isdecimal())  # int() reads these; not "²", which isdigit() takes
    return (int(digits) if digits else 10**6, clause)


def _amount(value: object, lang: str) -> str:
    if value is None or value == "":
        return Phrase.of(_NOT_SET).text(lang)
    try:
        return amount_text(Decimal(str(value)), lang)
    except InvalidOperation:
        return str(value)


def _ratio(value: object, lang: str) -> str:
    if value is None or value == "":
        return Phrase.of(_NOT_SET).text(lang)
    try:
        return f"{format_decimal(Decimal(str(value)) * 100)}%"
    except InvalidOperation:
        return str(value)


def _fixed(value: object, lang: str) -> str:
    code = {"whole": "report.scenario.fixed_whole", "prorate": "report.scenario.fixed_prorate"}.get(str(value))
    return str(value) if code is None else Phrase.of(code).text(lang)
