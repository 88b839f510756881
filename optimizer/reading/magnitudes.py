"""Amounts that are implausible by orders of magnitude for their column: warned about, row by row, never refused.

The usual slip is a unit: yuan typed into a column whose header says 万元 (`实际投资额（万元）` = 50,000,000, i.e.
5000亿 yuan), or 万元 typed into a column in yuan (申请金额 = 300 for a clause that pays at most 300万). Such a value
reads as a number like any other, so the reader says what it makes of it instead.

The rule, conservative on purpose, measures each amount of a valid row against what its clause pays (the policy
model's maximum M, in yuan):

- `requested` and `prior_support`: against M itself;
- `investment`, on a matching clause only (elsewhere it is not used): against the investment at which the clause
  reaches its maximum, M ÷ rate (for 7b, 300万 ÷ 10% = 3000万);

and warns when the amount is more than 1,000 times that measure, or above 0 and less than a thousandth of it — three
orders of magnitude either way, which an honest amount does not reach and a slip of 万 (four) does. Clauses without
a maximum (procurement) are not measured, nor are empty cells and rows that could not be read. Each (row, column)
gets at most one warning, which says, where the column's unit makes one likely, which slip it may be.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from operator import attrgetter

from optimizer.domain import Application, Problem
from optimizer.money import WAN, format_yuan
from optimizer.rules.policy import Kind, Policy
from optimizer.words import BASES, Phrase, render

FACTOR = 1000  # how many times above, or below, its clause's measure an amount is implausible
MEASURED = ("investment", "requested", "prior_support")  # the money columns, in the workbook's column order


def implausible_amounts(applications: Sequence[Application], policy: Policy, units: Mapping[str, Decimal],
                        headers: Mapping[str, str], file: str, sheet: str | None) -> list[Problem]:
    """A warning for each amount of `applications` implausible for its clause, in row order; `units`: each money
    column's unit (WAN or 1), `headers`: each column's header as written (a column not there is not measured)."""
    measures = _measures(policy)
    clauses = [app.clause for app in applications]
    found: list[tuple[int, int, Problem]] = []
    for order, field in enumerate(f for f in MEASURED if f in headers):
        bounds = {cid: (ref[0] / FACTOR, ref[0] * FACTOR, ref) for cid, by in measures.items()
                  if (ref := by.get(field)) is not None}
        for app, clause, amount in zip(applications, clauses, map(attrgetter(field), applications), strict=True):
            if not amount or (bound := bounds.get(clause)) is None or bound[0] <= amount <= bound[1]:
                continue
            phrase = _warning(amount, amount > bound[1], bound[2][1], units.get(field, Decimal(1)), headers[field])
            found.append((app.row, order, Problem(file, phrase, sheet, app.row, headers[field], warning=True)))
    return [problem for _, _, problem in sorted(found, key=lambda item: item[:2])]


_Reference = tuple[Decimal, tuple[str, str]]  # the measure in yuan, and how it is named


def _measures(policy: Policy) -> dict[str, dict[str, _Reference]]:
    """Per clause, per column: the amount it is measured against, and its name in both languages."""
    measures: dict[str, dict[str, _Reference]] = {}
    for cid, clause in policy.clauses.items():
        if not clause.maximum or not clause.is_grant:
            continue
        maximum = Decimal(clause.maximum)
        named = _pair("cell.implausible.maximum", clause=cid, maximum=format_yuan(clause.maximum))
        measures[cid] = {"requested": (maximum, named), "prior_support": (maximum, named)}
        if clause.kind is Kind.MATCHING and clause.rate:
            base = maximum / clause.rate
            named_base = BASES.get(clause.base or "investment", BASES["investment"])
            measures[cid]["investment"] = (base, _pair("cell.implausible.base", clause=cid, what=named_base,
                                                       base=format_yuan(base.quantize(Decimal(1)))))
    return measures


def _warning(amount: Decimal, large: bool, reference: tuple[str, str], unit: Decimal, header: str) -> Phrase:
    if unit == WAN:
        shown = _pair("cell.implausible.wan", wan=format_yuan(amount / WAN), yuan=format_yuan(amount))
    else:
        shown = _pair("cell.implausible.yuan", yuan=format_yuan(amount))
    if large and unit == WAN:
        advice = _pair("cell.implausible.in_yuan")
    elif not large and unit != WAN:
        advice = _pair("cell.implausible.in_wan", header=_wan_header(header))
    else:
        advice = _pair("cell.implausible.check")
    code = "cell.implausible.large" if large else "cell.implausible.small"
    return Phrase.of(code, amount=shown, reference=reference, advice=advice)


def _wan_header(header: str) -> str:
    """The header in 万元: `申请金额` → `申请金额（万元）`, `申请金额（元）` → `申请金额（万元）`."""
    for suffix in ("（元）", "(元)"):
        if header.endswith(suffix):
            header = header[: -len(suffix)].rstrip()
    return f"{header}（万元）" if not header.isascii() else f"{header} (万元)"


def _pair(code: str, **params: str | tuple[str, str]) -> tuple[str, str]:
    """A phrase in Chinese and in English, as a parameter of another."""
    return render(code, params, "zh"), render(code, params, "en")
