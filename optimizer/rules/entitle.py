"""Eligibility, entitlement and 就高、不重复 (docs/how-it-decides.md): pure functions, no solver.

    an advanced smart factory (7b) investing 40,000,000 yuan is entitled to ⌊10% × 40,000,000⌋ = 4,000,000,
    capped at the clause's 3,000,000 — and to less if it asked for less or was already supported for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from optimizer.domain import Application, Basis, Entitlement, LedgerAward, Reason, Status
from optimizer.money import ceil_yuan, floor_yuan
from optimizer.rules.ledger import NO_PRIOR_AWARDS, PriorAwards, content_id, policy_key
from optimizer.rules.policy import Clause, Kind, Policy
from optimizer.rules.ties import kept_first
from optimizer.words.reasons import ledger_param


def entitle(applications: Iterable[Application], policy: Policy, *, year: int | None = None,
            prior: PriorAwards = NO_PRIOR_AWARDS) -> tuple[Entitlement, ...]:
    """One Entitlement per application, in the same order; `prior`: the ledger's awards (rules/ledger.py)."""
    assessed = [assess(app, policy, year=year) for app in applications]
    return once_per_content(assessed, prior, policy.number)


def assess(app: Application, policy: Policy, *, year: int | None = None) -> Entitlement:
    """Eligibility and the gross entitlement of one application, before looking at the others."""
    clause = policy.clause(app.clause)
    reasons = ineligibility(app, clause, policy, year=year)
    if reasons:
        return Entitlement(app, 0, Status.INELIGIBLE, None, reasons)
    basis = gross_entitlement(app, clause)
    return Entitlement(app, basis.gross, None, basis)


def ineligibility(app: Application, clause: Clause, policy: Policy, *, year: int | None = None) -> tuple[Reason, ...]:
    """Every rule the application fails (empty when it is eligible)."""
    reasons: list[Reason] = []
    if not clause.is_grant:
        reasons.append(Reason.of("procurement", clause=clause.id))
    if not policy.valid_from <= app.submitted_on <= policy.valid_until:
        reasons.append(Reason.of("outside_period", date=app.submitted_on, start=policy.valid_from,
                                 end=policy.valid_until))
    if year is not None and app.submitted_on.year != year:
        reasons.append(Reason.of("outside_year", date=app.submitted_on, year=year))
    if clause.precondition_zh is not None and app.qualified is not True:
        reasons.append(Reason.of("not_qualified", clause=clause.id, zh=clause.precondition_zh,
                                 en=clause.precondition_en, given="no" if app.qualified is False else ""))
    if clause.industries and app.industry not in clause.industries:
        code = "industry_missing" if app.industry is None else "industry_not_admitted"
        reasons.append(Reason.of(code, clause=clause.id, industry=app.industry or "",
                                 admitted=",".join(clause.industries)))
    if clause.sizes and app.enterprise_size not in clause.sizes:
        code = "size_missing" if app.enterprise_size is None else "size_not_admitted"
        reasons.append(Reason.of(code, clause=clause.id, size=app.enterprise_size or "",
                                 admitted=",".join(clause.sizes)))
    if clause.kind is Kind.MATCHING and not app.investment:
        reasons.append(Reason.of("no_base", clause=clause.id, base=clause.base or "investment"))
    return tuple(reasons)


def gross_entitlement(app: Application, clause: Clause) -> Basis:
    """E before prior support: the standard, the maximum, or ⌊rate × base⌋ — then no more than requested."""
    assert clause.maximum is not None, "only grant clauses have an entitlement"
    rate = base = by_rate = None
    if clause.kind is Kind.MATCHING:
        assert clause.rate is not None and app.investment is not None
        rate, base, by_rate = clause.rate, app.investment, floor_yuan(clause.rate * app.investment)
        amount, set_by = (clause.maximum, "maximum") if by_rate >= clause.maximum else (by_rate, "rate")
    else:
        amount, set_by = clause.maximum, "standard" if clause.kind is Kind.FIXED else "maximum"
    if app.requested is not None and floor_yuan(app.requested) < amount:
        amount, set_by = floor_yuan(app.requested), "requested"
    return Basis(set_by, amount, rate=rate, base=base, by_rate=by_rate)


def once_per_content(assessed: Sequence[Entitlement], prior: PriorAwards, policy_number: str,
                     ) -> tuple[Entitlement, ...]:
    """就高、不重复: one applicant's same content (its key compared as `content_id` does) is paid once, at the highest
    entitlement, less prior support — the ledger's awards for the content under this policy (`policy_number`), and
    the larger of the group's `prior_support` cells (support from other policies) and the ledger's awards of other
    policies (which the cell may declare again).

    Applications without a content key are groups of one; prior support counts the same way for them (the ledger
    has nothing for them).
    """
    groups: dict[tuple[str, str] | int, list[int]] = {}
    for index, ent in enumerate(assessed):
        if ent.eligible:
            app = ent.application
            key = (app.credit_code, content) if (content := content_id(app.content_key)) else index
            groups.setdefault(key, []).append(index)
    result = list(assessed)
    for members in groups.values():
        # nearly every group has one member: nothing to rank
        ranked = sorted(members, key=lambda i: kept_first(assessed[i])) if len(members) > 1 else members
        kept = assessed[ranked[0]]
        cell = (max(assessed[i].application.prior_support for i in members) if len(members) > 1
                else kept.application.prior_support)
        counted = prior.counted(kept.application.credit_code, kept.application.content_key)
        if cell or counted:  # else nothing to take off
            result[ranked[0]] = _less_prior_support(kept, cell, counted, policy_number)
        for i in ranked[1:]:
            result[i] = Entitlement(assessed[i].application, 0, Status.DUPLICATE, assessed[i].basis,
                                    (Reason.of("superseded", kept=kept.application.application_id),))
    return tuple(result)


def _less_prior_support(ent: Entitlement, cell: Decimal, counted: Sequence[tuple[LedgerAward, int]],
                        policy_number: str) -> Entitlement:
    """max(0, E − prior support), in whole yuan rounded in the payer's favour. Prior support: the ledger's awards for
    the content under this policy — which the cell, support from *other* policies, cannot hold — plus the larger of
    the cell and the ledger's awards under other policies (imported ones the applicant may have declared in the
    cell). The reason names the ledger's awards counted (each with what it was first granted at: `counted`), and the
    cell where it counts beside them."""
    this = policy_key(policy_number)
    own = [(award, first) for award, first in counted if policy_key(award.policy) == this]
    others = sum(award.amount for award, _ in counted) - sum(award.amount for award, _ in own)
    named = counted if others > cell else own
    # the cell beside this policy's awards: in whole yuan, rounded up as any deduction is, so that the sum said adds up
    declared = Decimal(0) if others > cell else Decimal(ceil_yuan(cell)) if own else cell
    prior = sum(award.amount for award, _ in named) + declared
    if not prior:
        return ent
    assert ent.basis is not None
    ledger = tuple((a.policy, a.year, a.amount, a.application_id or "", first) for a, first in named)
    deducted = min(ent.amount, ceil_yuan(prior))
    basis = replace(ent.basis, prior_support=deducted, ledger=ledger, declared=ceil_yuan(declared) if ledger else 0)
    if deducted >= ent.amount:
        covered = (Reason.of("prior_support_covers", prior=prior) if not ledger else
                   Reason.of("ledger_covers", prior=prior, awards=ledger_param(ledger)) if not basis.declared else
                   Reason.of("ledger_and_declared_cover", prior=prior, awards=ledger_param(ledger),
                             declared=basis.declared))
        return Entitlement(ent.application, 0, Status.DUPLICATE, basis, (covered,))
    return Entitlement(ent.application, ent.amount - deducted, None, basis)
