"""The scenario's limits for people: named in words (预算总额, 专项额度“人工智能赋能”, 区县上限：两江新区, 单户上限 and
the applicant's name), and what a marginal value means.

The objective is Σ weight × score × award (yuan), so the marginal value of one more yuan of the budget is the
weighted score (weight × score) of the application that yuan would reach; for a cap it is how much higher the
weighted score is of what that yuan could then fund; for a floor, what lowering it would gain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from optimizer.domain import Award
from optimizer.report.units import amount_text, clean, score_text
from optimizer.results import AllocationResult, ConstraintUse
from optimizer.solving.model import PER_APPLICANT, RowKind
from optimizer.words import Phrase, render, template

TINY = 1e-6  # a marginal value smaller than this is no value


def applicant_names(awards: Sequence[Award]) -> dict[str, str]:
    """Each applicant's name by credit code (the first spelling met), to name applicant caps."""
    names: dict[str, str] = {}
    for a in awards:
        names.setdefault(a.credit_code, a.applicant)
    return names


def limit_name(c: ConstraintUse, lang: str, applicants: Mapping[str, str]) -> str:
    """`预算总额`, `专项额度“人工智能赋能”`, `专项额度“人工智能赋能”下限`, `区县上限：两江新区`, `单户上限：` and the
    applicant's name."""
    return render(f"limit.{c.kind.value}", {"name": _named(c, applicants)}, lang)  # Phrase.of(…).text(lang), once


def limit_names(constraints: Sequence[ConstraintUse], lang: str, applicants: Mapping[str, str]) -> list[str]:
    """limit_name of each limit, each kind's words looked up once: a year has thousands of applicant caps."""
    words = {kind: template(f"limit.{kind.value}", lang) for kind in {c.kind for c in constraints}}
    return [words[c.kind].format_map({"name": _named(c, applicants)}) for c in constraints]


def _named(c: ConstraintUse, applicants: Mapping[str, str]) -> str:
    """Who or what the limit is of: an applicant's cap by the applicant's name where known, else its label."""
    return applicants.get(c.label, c.label) if c.kind in PER_APPLICANT else c.label


def marginal_meaning(c: ConstraintUse, lang: str, budget_binds: bool) -> str:
    """What the marginal value of a limit says, in a sentence; for a binding cap with room left and no value (the
    next award does not fit: a whole award, a minimum ratio, rounding), what stopped it; "" otherwise."""
    if c.binding and c.sense == "max" and c.slack > 0 and (c.marginal is None or abs(c.marginal) < TINY):
        return Phrase.of("report.marginal.room", room=amount_text(c.slack, lang)).text(lang)
    if c.marginal is None or not c.binding or abs(c.marginal) < TINY:
        return ""
    score = score_text(abs(c.marginal))
    if c.kind is RowKind.BUDGET:
        code = "report.marginal.budget"
    elif c.kind is RowKind.ENVELOPE_MIN:
        code = "report.marginal.floor"
    else:
        code = "report.marginal.cap_instead" if budget_binds else "report.marginal.cap"
    return Phrase.of(code, score=score).text(lang)


def budget_binds(constraints: Sequence[ConstraintUse]) -> bool:
    return budget_marginal(constraints) is not None


def budget_marginal(constraints: Sequence[ConstraintUse]) -> Decimal | None:
    """The weighted score the next yuan of the budget would buy — its marginal value, to six decimals — or None
    when the budget does not bind (or binds at no value)."""
    return next((Decimal(repr(clean(c.marginal))) for c in constraints
                 if c.kind is RowKind.BUDGET and c.binding and c.marginal is not None and c.marginal > TINY), None)


CONSTRAINT_COLUMNS = ("constraint", "kind", "sense", "name", "limit", "used", "slack", "earlier", "binding",
                      "marginal", "members", "meaning")


def constraint_records(allocation: AllocationResult, lang: str) -> list[tuple[object, ...]]:
    """Every limit of an allocation as a row of CONSTRAINT_COLUMNS: its code, kind and sense, its name in words,
    amounts in whole yuan, whether it binds, its marginal value (to six decimals; None where there is none) and what
    that means in a sentence."""
    constraints = allocation.constraints
    binds = budget_binds(constraints)
    names = limit_names(constraints, lang, applicant_names(allocation.awards))
    return [(c.name, c.kind.value, c.sense, name, c.limit, c.used, c.slack, c.earlier, c.binding,
             None if c.marginal is None else clean(c.marginal), c.members, marginal_meaning(c, lang, binds))
            for c, name in zip(constraints, names, strict=True)]
