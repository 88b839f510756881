"""The box of a new-run form a two-year plan filled in (its name is the one the plan gives its runs): the plan whose
best split gives the form's year the form's budget — found again from the form's own name, year and budget, so that
it stays through an upload — what that budget rests on (for the later year, the rest of the total after the earlier
year's share, its awards published), what the ledger the run will count holds of the earlier year, and whether the
earlier year was published as the plan has it (an officer's review: the 2027 form said nothing of the 2026 公示)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from optimizer.money import said_amount
from optimizer.report.units import amount_text
from optimizer.rules.scenario import ScenarioError, read_budget
from optimizer.web.forms import ScenarioFields
from optimizer.web.ledgers import LedgerView
from optimizer.web.plan_form import first_published, plan_holds
from optimizer.web.registry import RunRecord
from optimizer.web.state import Web
from optimizer.web.views import PlanName, figure, plan_named
from optimizer.words import Phrase, pick


@dataclass(frozen=True)
class PlanNote:
    """What the new-run form says when a two-year plan filled it in (its name is the one the plan gives its runs):
    what the budget is — for the later year, the rest of the total after the earlier year's share, counting that
    year's awards as published — and, for the later year, what the ledger the run will count holds of the earlier
    one; the plan's id ("" where no plan of that total and year gives this year the form's budget)."""

    said: str
    ledger: str = ""
    plan: str = ""


def plan_note(web: Web, fields: ScenarioFields, ledger: LedgerView, lang: str) -> PlanNote | None:
    """The box of a form a two-year plan filled in (an officer's review: the 2027 form the plan's button opened
    said nothing of the 2026 公示 its budget rests on, nor of the ledger); None for any other form. The plan is the
    newest of the total the name says, over the form's year, whose best split gives that year the form's budget (an
    officer's review: the box spoke of the newest plan of 3.2亿, whose figures contradicted the budget field) and the
    first year the share the name says, where it says one; where none does, the box says so and quotes no plan's
    figures. Each year's budget as a heading says it (11,640万元), the
    total as the name does (3.2亿元)."""
    named_plan = plan_named(fields.name)
    if named_plan is None:
        return None
    total = named_plan.total

    def t(code: str, **params: Any) -> str:
        return Phrase.of(code, **params).text(lang, "web")

    named = pick(said_amount(total), lang)
    year = int(typed.group(1)) if (typed := re.fullmatch(r"\s*(\d{4})\s*年?\s*", fields.year)) else None
    budget = form_budget(fields.budget)
    plans = plans_of(web, total, year)
    plan = plan_of(plans, year, budget, named_plan)
    if plan is None:
        if not plans or budget is None:
            return PlanNote(t("web.new.plan_unknown", total=named))
        return PlanNote(t("web.new.plan_differs", total=named, year=year, budget=figure(budget, lang)))
    summary = plan.outcome["plan"]
    first, second = summary["first_year"], summary["second_year"]
    best = summary["splits"][summary["best"]]
    one, two = figure(int(best["first_budget"]), lang), figure(int(best["second_budget"]), lang)
    if year == first:
        return PlanNote(t("web.new.plan_first", year=first, budget=one, total=named, rest=two, second=second),
                        plan=plan.id)
    held = next((y for y in ledger.years if y.year == first and y.awards), None)
    holds = (t("web.new.plan_ledger", year=first, awards=held.awards, amount=amount_text(held.total, lang))
             if held else t("web.new.plan_ledger_none", year=first))
    published = first_published(web, summary)
    if published is None:
        said = t("web.new.plan_second", year=second, budget=two, total=named, first=first, first_budget=one)
    elif plan_holds(summary, published):
        said = t("web.new.plan_second_published", year=second, budget=two, total=named, first=first,
                 first_budget=one, run=published.id)
    else:  # an officer's review: 2026 published at 2亿, not the plan's 2.03亿, and the 2027 form still said the
        # plan's rest of 3.2亿
        said = t("web.new.plan_second", year=second, budget=two, total=named, first=first, first_budget=one)
        holds += t("web.new.plan_ledger_other", year=first, run=published.id, planned=one, second=second,
                   total=named, budget=figure(int(published.budget or 0), lang))
    return PlanNote(said, holds, plan.id)


def form_budget(typed: str) -> int | None:
    """The form's budget as the field reads it (yuan), or None where it is blank or cannot be read."""
    try:
        return read_budget(typed, "budget") if typed.strip() else None
    except ScenarioError:
        return None


def plans_of(web: Web, total: int, year: int | None) -> list[RunRecord]:
    """The two-year plans of `total` over `year` (one of its two) that found a best split, newest first."""
    found = []
    for record in web.registry.runs("plan"):
        summary = record.outcome.get("plan") if record.status == "done" else None
        if (isinstance(summary, Mapping) and summary.get("best") is not None and summary.get("total") == total
                and year in (summary.get("first_year"), summary.get("second_year"))):
            found.append(record)
    return found


def plan_of(plans: Sequence[RunRecord], year: int | None, budget: int | None,
            named: PlanName | None = None) -> RunRecord | None:
    """The newest of `plans` whose best split gives `year` the `budget` — and, where the form's name says it
    (`named`), the first year the share the name says — or None."""
    for record in plans:
        summary = record.outcome["plan"]
        best = summary["splits"][summary["best"]]
        which = "first_budget" if year == summary["first_year"] else "second_budget"
        if named is not None and named.share is not None and (named.first, named.share) != (
                summary["first_year"], best["first_budget"]):
            continue
        if budget is not None and best[which] == budget:
            return record
    return None
