"""What the rules say of each row of the workbook, worked out again for the audit (rules/audit.py): eligibility,
the entitlement E and 就高、不重复, as docs/how-it-decides.md states them, each with why and where the rule comes from.
Nothing here comes from rules/entitle.py: a mistake in either reading shows up as a disagreement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from optimizer.domain import Application, Applications, InvalidRow, LedgerAward, Status
from optimizer.money import ceil_yuan, floor_yuan, format_yuan
from optimizer.rules.audit_lines import WORKBOOK, Words, cite_clause, cite_once, cite_policy, cite_scenario, joined
from optimizer.rules.ledger import content_id, policy_key
from optimizer.rules.policy import Clause, Kind, Policy
from optimizer.words import BASES, INDUSTRIES, SIZES, Phrase, ratio_text


@dataclass(frozen=True)
class Ruling:
    """What eligibility, entitlement and 就高、不重复 say about one workbook row, worked out here."""

    row: int  # the workbook row
    application_id: str
    application: Application | None  # None: the row could not be read (INVALID)
    status: Status | None  # INELIGIBLE, DUPLICATE or INVALID; None when eligible (its award is then checked)
    entitlement: int = 0  # E; 0 unless eligible
    ceiling: int = 0  # the clause's own limit: the standard, the maximum, or min(maximum, ⌊rate × base⌋)
    limit: Phrase | None = None  # that limit in words, with the clause it comes from
    why: tuple[Phrase, ...] = ()  # why it gets nothing, or how E was set
    sources: tuple[Phrase, ...] = ()  # where the rules `why` applies come from: the policy, a scenario key, README

    @property
    def named(self) -> Phrase:
        """`2026-0007 (row 8)` / `2026-0007（第8行）`."""
        if self.application_id:
            return Phrase.of("audit.subject.application", id=self.application_id, row=self.row)
        return Phrase.of("audit.subject.no_id", row=self.row)

    @property
    def subject(self) -> str:
        return self.named.text("en")

    @property
    def because(self) -> Words:
        return joined(self.why)


def rulings(book: Applications, policy: Policy, year: int | None, ledger: Sequence[LedgerAward] = (),
            ) -> tuple[Ruling, ...]:
    """Eligibility, entitlement and 就高、不重复 for every workbook row (valid or not), in workbook order; `ledger`:
    the awards already granted, which count as prior support of their credit code and content key."""
    granted: dict[tuple[str, str], tuple[int, int]] = {}  # by content: (this policy's awards, other policies')
    this = policy_key(policy.number)
    for award in ledger:
        if content := content_id(award.content_key):
            key = (award.credit_code, content)
            own, others = granted.get(key, (0, 0))
            granted[key] = ((own + award.amount, others) if policy_key(award.policy) == this else
                            (own, others + award.amount))
    first = {app.row: _eligibility(app, policy, year) for app in book.valid}
    by_row = {**first, **_once_per_content([r for r in first.values() if r.status is None], cite_once(policy), granted)}
    by_row.update({row.row: _invalid(row) for row in book.invalid})
    return tuple(by_row[number] for number in sorted(by_row))


def _invalid(row: InvalidRow) -> Ruling:
    why = Phrase.of("audit.why.invalid", problems=(row.summary("zh"), row.summary("en")))
    return Ruling(row.row, row.cells.get("application_id", ""), None, Status.INVALID, why=(why,), sources=(WORKBOOK,))


def _eligibility(app: Application, policy: Policy, year: int | None) -> Ruling:
    clause = policy.clause(app.clause)
    failed = list(_failures(app, clause, policy, year))
    if failed:
        return Ruling(app.row, app.application_id, app, Status.INELIGIBLE, why=tuple(why for why, _ in failed),
                      sources=tuple(source for _, source in failed))
    ceiling, limit = _ceiling(app, clause), _limit_text(app, clause)
    entitlement, why, sources = ceiling, [limit], [cite_clause(policy, clause)]
    if app.requested is not None and floor_yuan(app.requested) < ceiling:
        entitlement = floor_yuan(app.requested)
        why.append(Phrase.of("audit.why.requested", amount=format_yuan(app.requested)))
        sources.append(WORKBOOK)
    return Ruling(app.row, app.application_id, app, None, entitlement, ceiling, limit, tuple(why), tuple(sources))


def _failures(app: Application, clause: Clause, policy: Policy, year: int | None) -> Iterable[tuple[Phrase, Phrase]]:
    """Each eligibility rule the application fails, in words, with where the rule comes from."""
    day = app.submitted_on.isoformat()
    if not policy.valid_from <= app.submitted_on <= policy.valid_until:
        start, end = str(policy.valid_from), str(policy.valid_until)
        validity = (cite_policy(policy, policy.validity_source) if policy.validity_source else
                    Phrase.of("audit.source.validity", number=policy.number, start=start, end=end))
        yield Phrase.of("audit.why.outside_period", date=day, start=start, end=end), validity
    if year is not None and app.submitted_on.year != year:
        yield Phrase.of("audit.why.outside_year", date=day, year=year), cite_scenario("year", "year")
    source = cite_clause(policy, clause)
    if clause.kind is Kind.PROCUREMENT:
        yield Phrase.of("audit.why.procurement", clause=clause.id), source
    if clause.precondition_en is not None and app.qualified is not True:
        precondition = (clause.precondition_zh or clause.precondition_en, clause.precondition_en)
        yield Phrase.of("audit.why.not_qualified", clause=clause.id, precondition=precondition), source
    if clause.industries and app.industry not in clause.industries:
        yield Phrase.of("audit.why.industry", given=_given(INDUSTRIES, app.industry), clause=clause.id,
                        admitted=_names(INDUSTRIES, clause.industries)), source
    if clause.sizes and app.enterprise_size not in clause.sizes:
        yield Phrase.of("audit.why.size", given=_given(SIZES, app.enterprise_size), clause=clause.id,
                        admitted=_names(SIZES, clause.sizes)), source
    if clause.kind is Kind.MATCHING and not app.investment:
        yield Phrase.of("audit.why.no_base", clause=clause.id, base=BASES[clause.base or "investment"]), source


def _given(names: Mapping[str, Words], code: str | None) -> Words:
    """What the workbook gives, `“钢铁”` / `steel`, or `未填写` / `not given`."""
    if code is None or code not in names:
        return "未填写", "not given"
    zh, en = names[code]
    return f"“{zh}”", en


def _names(names: Mapping[str, Words], codes: Iterable[str]) -> Words:
    codes = list(codes)
    return "、".join(names[c][0] for c in codes), ", ".join(names[c][1] for c in codes)


def _ceiling(app: Application, clause: Clause) -> int:
    """The clause's own limit: the standard (fixed), the maximum (capped), min(maximum, ⌊rate × base⌋) (matching)."""
    assert clause.maximum is not None
    if clause.kind is Kind.MATCHING:
        assert clause.rate is not None and app.investment is not None
        return min(clause.maximum, floor_yuan(clause.rate * app.investment))
    return clause.maximum


def _limit_text(app: Application, clause: Clause) -> Phrase:
    """`clause 7b: at most 10% of the actual investment (⌊10% × 40,000,000⌋ = 4,000,000), at most 3,000,000`."""
    assert clause.maximum is not None
    maximum = f"{clause.maximum:,}"
    if clause.kind is Kind.FIXED:
        return Phrase.of("audit.limit.fixed", clause=clause.id, maximum=maximum)
    if clause.kind is Kind.MATCHING:
        assert clause.rate is not None and app.investment is not None
        share = floor_yuan(clause.rate * app.investment)
        return Phrase.of("audit.limit.matching", clause=clause.id, rate=ratio_text(clause.rate),
                         base=BASES[clause.base or "investment"], amount=format_yuan(app.investment),
                         share=f"{share:,}", maximum=maximum)
    return Phrase.of("audit.limit.capped", clause=clause.id, maximum=maximum)


def _once_per_content(eligible: Sequence[Ruling], once: Phrase,
                      granted: Mapping[tuple[str, str], tuple[int, int]]) -> dict[int, Ruling]:
    """就高、不重复 (`once`: the policy's sentence): one applicant's applications with the same content key are paid
    once, at the highest E, less what the ledger `granted` for the content under this policy and the larger of the
    group's largest prior support (other policies) and what it granted under other policies; an application
    without a key is a group of its own."""
    groups: dict[tuple[str, str], list[Ruling]] = {}
    for index, ruling in enumerate(eligible):
        app = ruling.application
        assert app is not None
        key = (app.credit_code, content) if (content := content_id(app.content_key)) else ("", f"#{index}")
        groups.setdefault(key, []).append(ruling)
    decided: dict[int, Ruling] = {}
    for key, members in groups.items():
        ranked = sorted(members, key=_rank)
        kept = ranked[0]
        for other in ranked[1:]:
            why = Phrase.of("audit.why.superseded", kept=kept.named.both(), amount=f"{kept.entitlement:,}")
            decided[other.row] = replace(other, status=Status.DUPLICATE, entitlement=0, why=(why,), sources=(once,))
        own, others = granted.get(key, (0, 0)) if key[0] else (0, 0)
        decided[kept.row] = _less_prior_support(kept, max(_prior(m) for m in members), own, others, once)
    return decided


def _rank(ruling: Ruling) -> tuple[int, Decimal, int, str]:
    """Highest E first; ties: higher score, earlier submission, smaller application_id."""
    app = ruling.application
    assert app is not None
    return -ruling.entitlement, -app.score, app.submitted_on.toordinal(), app.application_id


def _prior(ruling: Ruling) -> Decimal:
    assert ruling.application is not None
    return ruling.application.prior_support


def _less_prior_support(kept: Ruling, cell: Decimal, own: int, others: int, once: Phrase) -> Ruling:
    """The ledger's awards of this policy, and the larger of the cell and its awards of other policies."""
    from_ledger = own + others if others > cell else own
    declared = Decimal(0) if others > cell else Decimal(ceil_yuan(cell)) if own else cell
    prior = from_ledger + declared
    if prior <= 0:
        return kept
    kind = "ledger_and_prior" if from_ledger and declared else "ledger" if from_ledger else "prior"
    net = max(0, floor_yuan(kept.entitlement - prior))
    if net == 0:
        why = Phrase.of(f"audit.why.{kind}_covers", prior=format_yuan(prior), amount=f"{kept.entitlement:,}",
                        **({"ledger": f"{from_ledger:,}", "declared": format_yuan(declared)}
                           if kind == "ledger_and_prior" else {}))
        return replace(kept, status=Status.DUPLICATE, entitlement=0, why=(why,), sources=(once,))
    less = Phrase.of(f"audit.why.less_{kind}", amount=format_yuan(prior),
                     **({"ledger": f"{from_ledger:,}", "declared": format_yuan(declared)}
                        if kind == "ledger_and_prior" else {}))
    return replace(kept, entitlement=net, why=(*kept.why, less), sources=(*kept.sources, once))
