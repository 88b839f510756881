"""Check an allocation against every rule of the policy and the scenario without the solver: a second reading.

Nothing here comes from the optimiser's own modules: eligibility, the entitlement E and 就高、不重复 are worked
out again from the rules as docs/how-it-decides.md states them, then every row of the allocation (its amount, its
status, its entitlement) and every limit of the scenario is checked against them in exact integer and decimal
arithmetic. Only the readers (workbook, scenario, policy) and plain helpers are shared, so a mistake in one reading
shows up as a disagreement.

Each violation is one line: the application (`2026-0007 (row 8)`, the workbook row) or the limit (`budget`,
`envelope:<name>`, `envelope_min:<name>`, `district_share:<district>`, `applicant_cap:<credit code>`), the rule,
the amounts, and after a dash where the rule comes from, in words the user has: the policy's own sentence
(`渝经信规范〔2026〕2号 clause 7b: 对先进级智能工厂项目，…`), the scenario's key (`scenario: [districts] max_share`),
or the README's section (`README, Outputs`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from optimizer.domain import AllocationRow, Application, Applications, InvalidRow, Status
from optimizer.money import AmountError, floor_yuan, format_decimal, format_yuan, normalize_text, parse_number
from optimizer.rules.divisions import chongqing
from optimizer.rules.policy import Clause, Kind, Policy
from optimizer.rules.scenario import Envelope, Scenario
from optimizer.words import BASES, INDUSTRIES, SIZES, ratio_text

_PAID_RULES = {Status.INELIGIBLE: "paid_ineligible", Status.DUPLICATE: "paid_duplicate", Status.INVALID: "paid_invalid"}
_PAID_WHAT = {Status.INELIGIBLE: "eligibility", Status.DUPLICATE: "就高、不重复", Status.INVALID: "valid rows"}

# where the rules of budgetopt itself are written down for users: the README's sections
_OUTPUTS = "README, Outputs"  # one row per input row, the statuses, the entitlement column
_WORKBOOK = "README, The application workbook"  # what a readable row is; `requested`: the award never exceeds it


@dataclass(frozen=True)
class Violation:
    """One broken rule: a short stable code, whom it concerns, and the whole story in one line."""

    rule: str  # e.g. "budget", "above_entitlement", "status", "missing_row"
    subject: str  # `2026-0007 (row 8)`, `allocation row 9 (X-1)`, `budget`, `envelope:人工智能赋能`, ...
    message: str  # one line: the subject, the rule, the amounts, then " — " and where the rule comes from

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class AuditTotals:
    rows: int  # rows of the allocation file
    allocated: int  # Σ allocated over them
    available: int  # budget less reserve
    entitled: int  # Σ E over the eligible applications, as worked out here
    statuses: Mapping[Status, int]  # rows per status, as the allocation states them


@dataclass(frozen=True)
class AuditReport:
    violations: tuple[Violation, ...]
    objective: Decimal  # Σ weight(clause) × score × allocated over the rows matched to the workbook
    totals: AuditTotals

    @property
    def ok(self) -> bool:
        return not self.violations


@dataclass(frozen=True)
class Ruling:
    """What eligibility, entitlement and 就高、不重复 say about one workbook row, worked out here."""

    row: int  # the workbook row
    application_id: str
    application: Application | None  # None: the row could not be read (INVALID)
    status: Status | None  # INELIGIBLE, DUPLICATE or INVALID; None when eligible (its award is then checked)
    entitlement: int = 0  # E; 0 unless eligible
    ceiling: int = 0  # the clause's own limit: the standard, the maximum, or min(maximum, ⌊rate × base⌋)
    limit: str = ""  # that limit in words, with the clause it comes from
    why: str = ""  # why it gets nothing, or how E was set
    source: str = ""  # where the rules that `why` applies come from: the policy's sentences, a scenario key, README

    @property
    def subject(self) -> str:
        return f"{self.application_id} (row {self.row})" if self.application_id else f"row {self.row} (no id)"


def check_allocation(book: Applications, policy: Policy, scenario: Scenario, rows: Sequence[AllocationRow],
                     ) -> AuditReport:
    """Every rule of the policy and the scenario that `rows` breaks, the allocation's objective and its totals."""
    ruled = rulings(book, policy, scenario.year)
    pairs, surplus, extra = _match(ruled, rows)
    twice = _content_paid_twice(pairs, policy)
    violations: list[Violation] = []
    for ruling, found in pairs:
        if found is None:
            violations.append(_missing(ruling))
        else:
            violations += _row_checks(ruling, found, scenario, policy, twice)
        if ruling.row in surplus:
            violations.append(_duplicated(ruling, surplus[ruling.row], rows))
    violations += [_extra(found) for found in extra]
    matched = [(ruling, found.allocated or 0) for ruling, found in pairs if found is not None]
    violations += _limits(matched, sum(r.allocated or 0 for r in rows), scenario, policy)
    return AuditReport(tuple(violations), _objective(matched, scenario), _totals(ruled, rows, scenario))


# --- where a rule comes from, in words the user has


def _cited(policy: Policy, clause: Clause | None = None, sentence: str = "") -> str:
    """The policy's own words for a rule: `渝经信规范〔2026〕2号 clause 7b: <the clause's sentence>`, or with no
    clause the document's `sentence` (e.g. its 就高、不重复 sentence)."""
    if clause is not None:
        return f"{policy.number} clause {clause.id}: {clause.source}"
    return f"{policy.number}: {sentence}"


def _once(policy: Policy) -> str:
    """就高、不重复, in the document's sentence when the model cites it."""
    return _cited(policy, sentence=policy.once_source or "就高、不重复")


def _sources(sources: Iterable[str]) -> str:
    """Several sources, each once: the scenario's keys and the README first, then the policy's sentences; `; `
    between them, or just a space after a sentence that ends with its own 。."""
    ordered = sorted(dict.fromkeys(s for s in sources if s), key=lambda s: not s.startswith(("scenario:", "README,")))
    return "".join(s + (" " if s.endswith("。") else "; ") for s in ordered[:-1]) + (ordered[-1] if ordered else "")


# --- eligibility, entitlement, once per content (docs/how-it-decides.md)


def rulings(book: Applications, policy: Policy, year: int | None) -> tuple[Ruling, ...]:
    """Eligibility, entitlement and 就高、不重复 for every workbook row (valid or not), in workbook order."""
    first = {app.row: _eligibility(app, policy, year) for app in book.valid}
    by_row = {**first, **_once_per_content([r for r in first.values() if r.status is None], _once(policy))}
    by_row.update({row.row: _invalid(row) for row in book.invalid})
    return tuple(by_row[number] for number in sorted(by_row))


def _invalid(row: InvalidRow) -> Ruling:
    problems = row.summary()
    return Ruling(row.row, row.cells.get("application_id", ""), None, Status.INVALID,
                  why=f"the workbook row could not be read: {problems}", source=_WORKBOOK)


def _eligibility(app: Application, policy: Policy, year: int | None) -> Ruling:
    clause = policy.clause(app.clause)
    failed = list(_failures(app, clause, policy, year))
    if failed:
        return Ruling(app.row, app.application_id, app, Status.INELIGIBLE, why="; ".join(why for why, _ in failed),
                      source=_sources(source for _, source in failed))
    ceiling, limit = _ceiling(app, clause), _limit_text(app, clause)
    entitlement, why, sources = ceiling, limit, [_cited(policy, clause)]
    if app.requested is not None and floor_yuan(app.requested) < ceiling:
        entitlement = floor_yuan(app.requested)
        why += f"; requested {format_yuan(app.requested)}"
        sources.append(_WORKBOOK)
    return Ruling(app.row, app.application_id, app, None, entitlement, ceiling, limit, why, _sources(sources))


def _failures(app: Application, clause: Clause, policy: Policy, year: int | None) -> Iterable[tuple[str, str]]:
    """Each eligibility rule the application fails, in words, with where the rule comes from."""
    day = app.submitted_on.isoformat()
    if not policy.valid_from <= app.submitted_on <= policy.valid_until:
        period = f"{policy.valid_from} … {policy.valid_until}"
        yield (f"submitted on {day}, outside the policy's period {period}",
               _cited(policy, sentence=policy.validity_source or f"valid {period}"))
    if year is not None and app.submitted_on.year != year:
        yield f"submitted on {day}, outside the scenario year {year}", "scenario: year"
    source = _cited(policy, clause)
    if clause.kind is Kind.PROCUREMENT:
        yield f"clause {clause.id} is bought as a government service, never a grant", source
    if clause.precondition_en is not None and app.qualified is not True:
        yield f"clause {clause.id} precondition not confirmed: {clause.precondition_en}", source
    if clause.industries and app.industry not in clause.industries:
        given = INDUSTRIES.get(app.industry or "", ("", "not given"))[1]
        admitted = ", ".join(INDUSTRIES[code][1] for code in clause.industries)
        yield f"industry {given}: clause {clause.id} admits only {admitted}", source
    if clause.sizes and app.enterprise_size not in clause.sizes:
        given = SIZES.get(app.enterprise_size or "", ("", "not given"))[1]
        admitted = ", ".join(SIZES[code][1] for code in clause.sizes)
        yield f"enterprise size {given}: clause {clause.id} admits only {admitted}", source
    if clause.kind is Kind.MATCHING and not app.investment:
        base = BASES[clause.base or "investment"][1]
        yield f"clause {clause.id} pays a share of the {base}, which is not given", source


def _ceiling(app: Application, clause: Clause) -> int:
    """The clause's own limit: the standard (fixed), the maximum (capped), min(maximum, ⌊rate × base⌋) (matching)."""
    assert clause.maximum is not None
    if clause.kind is Kind.MATCHING:
        assert clause.rate is not None and app.investment is not None
        return min(clause.maximum, floor_yuan(clause.rate * app.investment))
    return clause.maximum


def _limit_text(app: Application, clause: Clause) -> str:
    """`clause 7b: at most 10% of the actual investment (⌊10% × 40,000,000⌋ = 4,000,000), at most 3,000,000`."""
    assert clause.maximum is not None
    if clause.kind is Kind.FIXED:
        return f"clause {clause.id}: a fixed award of {clause.maximum:,}"
    if clause.kind is Kind.MATCHING:
        assert clause.rate is not None and app.investment is not None
        rate, base = ratio_text(clause.rate), BASES[clause.base or "investment"][1]
        share = floor_yuan(clause.rate * app.investment)
        return (f"clause {clause.id}: at most {rate} of the {base} (⌊{rate} × {format_yuan(app.investment)}⌋ = "
                f"{share:,}), at most {clause.maximum:,}")
    return f"clause {clause.id}: at most {clause.maximum:,}"


def _once_per_content(eligible: Sequence[Ruling], once: str) -> dict[int, Ruling]:
    """就高、不重复 (`once`: the policy's sentence): one applicant's applications with the same content key are paid
    once, at the highest E, less the largest prior support of the group; an application without a key is a group of
    its own."""
    groups: dict[tuple[str, str], list[Ruling]] = {}
    for index, ruling in enumerate(eligible):
        app = ruling.application
        assert app is not None
        key = (app.credit_code, app.content_key) if app.content_key else ("", f"#{index}")
        groups.setdefault(key, []).append(ruling)
    decided: dict[int, Ruling] = {}
    for members in groups.values():
        ranked = sorted(members, key=_rank)
        kept = ranked[0]
        for other in ranked[1:]:
            decided[other.row] = replace(other, status=Status.DUPLICATE, entitlement=0,
                                         why=f"same content as {kept.subject}, kept at the higher standard "
                                             f"{kept.entitlement:,}", source=once)
        decided[kept.row] = _less_prior_support(kept, max(_prior(m) for m in members), once)
    return decided


def _rank(ruling: Ruling) -> tuple[int, Decimal, int, str]:
    """Highest E first; ties: higher score, earlier submission, smaller application_id."""
    app = ruling.application
    assert app is not None
    return -ruling.entitlement, -app.score, app.submitted_on.toordinal(), app.application_id


def _prior(ruling: Ruling) -> Decimal:
    assert ruling.application is not None
    return ruling.application.prior_support


def _less_prior_support(kept: Ruling, prior: Decimal, once: str) -> Ruling:
    if prior <= 0:
        return kept
    net = max(0, floor_yuan(kept.entitlement - prior))
    if net == 0:
        return replace(kept, status=Status.DUPLICATE, entitlement=0,
                       why=f"already granted {format_yuan(prior)} for this content by other municipal policies, "
                           f"not less than its entitlement {kept.entitlement:,}", source=once)
    return replace(kept, entitlement=net, why=f"{kept.why}; less prior support {format_yuan(prior)}",
                   source=_sources([kept.source, once]))


# --- one allocation row per workbook row


def _found(rule: str, subject: str, text: str, source: str) -> Violation:
    """A violation whose message is one line: the subject, then `text` (the rule and the amounts), then a dash and
    where the rule comes from (data with line breaks is flattened)."""
    return Violation(rule, subject, " ".join(f"{subject}: {text} — {source}".split("\n")).replace("\r", " "))


def _match(rulings: Sequence[Ruling], rows: Sequence[AllocationRow]) -> tuple[
        list[tuple[Ruling, AllocationRow | None]], dict[int, list[AllocationRow]], list[AllocationRow]]:
    """Pair rows by application_id (the n-th row of an id with the n-th workbook row of that id); also the rows
    left over for an id of the workbook (by workbook row) and the rows whose id the workbook does not have."""
    pending: dict[str, list[AllocationRow]] = {}
    for found in rows:
        pending.setdefault(found.application_id.strip(), []).append(found)
    pairs: list[tuple[Ruling, AllocationRow | None]] = []
    first_of: dict[str, int] = {}
    for ruling in rulings:
        queue = pending.get(ruling.application_id, [])
        pairs.append((ruling, queue.pop(0) if queue else None))
        first_of.setdefault(ruling.application_id, ruling.row)
    surplus = {first_of[key]: left for key, left in pending.items() if left and key in first_of}
    extra = sorted((r for key, left in pending.items() if key not in first_of for r in left), key=lambda r: r.row)
    return pairs, surplus, extra


def _missing(ruling: Ruling) -> Violation:
    return _found("missing_row", ruling.subject, "every input row appears exactly once: the allocation has no row "
                                                 "for it", _OUTPUTS)


def _duplicated(ruling: Ruling, left: Sequence[AllocationRow], rows: Sequence[AllocationRow]) -> Violation:
    places = ", ".join(str(r.row) for r in sorted(rows, key=lambda r: r.row)
                       if r.application_id.strip() == ruling.application_id)
    return _found("duplicate_row", ruling.subject, f"every input row appears exactly once: allocation rows {places} "
                                                   f"hold it, {len(left)} more than the workbook has", _OUTPUTS)


def _extra(found: AllocationRow) -> Violation:
    return _found("extra_row", f"allocation row {found.row} ({found.application_id or 'no id'})",
                  f"one row per input row: application_id '{found.application_id}' is not in the workbook", _OUTPUTS)


# --- each row: what it states, and what it pays


def _row_checks(ruling: Ruling, found: AllocationRow, scenario: Scenario, policy: Policy,
                twice: Mapping[int, Violation]) -> list[Violation]:
    x = found.allocated or 0
    violations = [*_mismatch(ruling, found), *_stated(ruling, found, x)]
    if ruling.row in twice:
        violations.append(twice[ruling.row])
    if ruling.status is not None:
        if x > 0 and not (ruling.status is Status.DUPLICATE and ruling.row in twice):
            violations.append(_paid_wrongly(ruling, x))
        return violations
    return violations + _amount_checks(ruling, x, scenario, policy)


def _stated(ruling: Ruling, found: AllocationRow, x: int) -> list[Violation]:
    """The status and entitlement columns (README, Outputs), against what the rules and the amount paid say: a row
    the rules exclude states why (citing the rule that excludes it) and an entitlement of 0; an eligible one states
    the status its amount gives and its E (citing the clause's sentence)."""
    violations = []
    if ruling.status is not None:
        expected, why, entitled, source = ruling.status, ruling.why, 0, ruling.source
    else:
        e = ruling.entitlement
        expected = Status.UNFUNDED if x == 0 else Status.FUNDED if x >= e else Status.PARTIAL
        why, entitled, source = f"allocated {x:,} of an entitlement of {e:,}", e, _OUTPUTS
    if found.status is not expected:
        violations.append(_found("status", ruling.subject, f"status: stated {found.status.value}, expected "
                                                           f"{expected.value} ({why})", source))
    if found.entitlement is not None and found.entitlement != entitled:
        as_what, source = ("", ruling.source) if ruling.status is None else (f" as {expected.value}", _OUTPUTS)
        violations.append(_found("entitlement", ruling.subject, f"entitlement: stated {found.entitlement:,}, "
                                                                f"expected {entitled:,}{as_what} ({ruling.why})",
                                 source))
    return violations


def _paid_wrongly(ruling: Ruling, x: int) -> Violation:
    assert ruling.status is not None
    return _found(_PAID_RULES[ruling.status], ruling.subject,
                  f"{_PAID_WHAT[ruling.status]}: paid {x:,} though {ruling.status.value} ({ruling.why})",
                  ruling.source)


def _amount_checks(ruling: Ruling, x: int, scenario: Scenario, policy: Policy) -> list[Violation]:
    """One award: no more than E (naming the limit that sets it), then the rules of a partial award."""
    app, e, subject = ruling.application, ruling.entitlement, ruling.subject
    assert app is not None
    violations = []
    if x > ruling.ceiling:
        violations.append(_found("above_ceiling", subject, f"{ruling.limit}: allocated {x:,}, above its ceiling "
                                                           f"{ruling.ceiling:,}",
                                 _cited(policy, policy.clause(app.clause))))
    elif app.requested is not None and x > floor_yuan(app.requested):
        violations.append(_found("above_requested", subject, f"at most the amount requested: allocated {x:,}, "
                                                             f"requested {format_yuan(app.requested)}", _WORKBOOK))
    elif x > e:  # within the clause's limit and the request: above E only by the prior support deducted
        violations.append(_found("above_entitlement", subject, f"at most the entitlement: allocated {x:,}, above its "
                                                               f"entitlement {e:,} ({ruling.why})", _once(policy)))
    if 0 < x < e:
        violations += _partial_checks(ruling, x, scenario, policy)
    return violations


def _partial_checks(ruling: Ruling, x: int, scenario: Scenario, policy: Policy) -> list[Violation]:
    """0 < x < E: a fixed award may not be paid in part (unless prorate), nor below the minimum ratio (less one
    rounding unit), and a partial award is a multiple of the rounding unit."""
    app, e, subject, unit = ruling.application, ruling.entitlement, ruling.subject, scenario.rounding
    assert app is not None
    violations = []
    if scenario.fixed_awards == "whole" and policy.clause(app.clause).kind is Kind.FIXED:
        violations.append(_found("whole_award", subject, f"fixed awards whole: clause {app.clause} is a fixed award, "
                                                         f"paid whole or not at all: allocated {x:,} of {e:,}",
                                 'scenario: fixed_awards = "whole"'))
    ratio = scenario.min_funding_ratio
    floor = ratio * e
    if floor - x >= unit:
        violations.append(_found("min_ratio", subject, f"minimum funding ratio {ratio_text(ratio)}: allocated {x:,}, "
                                                       f"below {ratio_text(ratio)} × {e:,} = {format_yuan(floor)} by "
                                                       f"{format_yuan(floor - x)}, at least one rounding unit "
                                                       f"({unit:,})", "scenario: min_funding_ratio"))
    if x % unit:
        violations.append(_found("rounding", subject, f"rounding: a partial award is a multiple of {unit:,} yuan: "
                                                      f"allocated {x:,} of {e:,}", "scenario: rounding"))
    return violations


def _mismatch(ruling: Ruling, found: AllocationRow) -> list[Violation]:
    """The descriptive columns, compared as the workbook reader reads them (渝北区 is 两江新区); empty ones are
    not compared."""
    app = ruling.application
    if app is None:
        return []
    division = chongqing().lookup(found.district)
    stated = {
        "applicant": normalize_text(found.applicant),
        "credit_code": normalize_text(found.credit_code).replace(" ", "").upper(),
        "district": division.name if division is not None else normalize_text(found.district),
        "clause": normalize_text(found.clause).replace(" ", "").lower().removesuffix(".0"),
    }
    expected = {"applicant": normalize_text(app.applicant), "credit_code": app.credit_code,
                "district": app.district, "clause": app.clause}
    differs = [f"{name} {getattr(found, name)} (workbook: {expected[name]})"
               for name, value in stated.items() if value and value != expected[name]]
    if found.score and not _same_number(found.score, app.score):
        differs.append(f"score {found.score} (workbook: {format_decimal(app.score)})")
    if not differs:
        return []
    return [_found("mismatch", ruling.subject, f"one row per input row: the allocation row differs from the "
                                               f"workbook: {'; '.join(differs)}", _OUTPUTS)]


def _same_number(text: str, value: Decimal) -> bool:
    try:
        return parse_number(text) == value
    except AmountError:
        return False


def _content_paid_twice(pairs: Sequence[tuple[Ruling, AllocationRow | None]], policy: Policy) -> dict[int, Violation]:
    """就高、不重复 from the amounts alone: one applicant's content (same non-empty content key) paid more than once.
    One violation per payment beyond the first (the kept application's, when it is paid), by workbook row."""
    paid: dict[tuple[str, str], list[tuple[Ruling, int]]] = {}
    for ruling, found in pairs:
        app = ruling.application
        if app is not None and app.content_key and found is not None and (found.allocated or 0) > 0:
            paid.setdefault((app.credit_code, app.content_key), []).append((ruling, found.allocated or 0))
    twice: dict[int, Violation] = {}
    for (credit_code, key), members in paid.items():
        if len(members) < 2:
            continue
        first, amount = next((m for m in members if m[0].status is None), members[0])
        for ruling, x in members:
            if ruling is not first:
                twice[ruling.row] = _found("content_paid_twice", ruling.subject,
                                           f"就高、不重复: content '{key}' of {credit_code} is paid more than once: "
                                           f"{x:,} here and {amount:,} to {first.subject}", _once(policy))
    return twice


# --- the limits of the scenario


def _limits(matched: Sequence[tuple[Ruling, int]], total: int, scenario: Scenario, policy: Policy,
            ) -> list[Violation]:
    """The budget less reserve (the scenario's amounts, and the policy's 总额控制), then the scenario's envelopes,
    district share and applicant cap, each citing its keys."""
    available = scenario.available
    violations = []
    if total > available:
        total_control = _cited(policy, sentence=policy.maximum_source) if policy.maximum_source else ""
        violations.append(_found("budget", "budget", f"budget less reserve: allocated {total:,} in total, at most "
                                                     f"{available:,} (budget {scenario.budget:,} less reserve "
                                                     f"{scenario.reserve:,}), over by {total - available:,}",
                                 _sources(["scenario: budget, reserve", total_control])))
    for envelope in scenario.envelopes:
        violations += _envelope(envelope, [(r, x) for r, x in matched if _clause_of(r) in envelope.clauses], scenario)
    cap = scenario.district_cap()
    if cap is not None:
        share = f"{ratio_text(scenario.district_max_share or Decimal(0))} of {available:,}"
        violations += [_found("district_share", f"district_share:{district}",
                              f"district share: allocated {used:,}, at most {cap:,} ({share}), over by "
                              f"{used - cap:,}", "scenario: [districts] max_share")
                       for district, used in _sums(matched, lambda app: app.district).items() if used > cap]
    if scenario.applicant_max_total is not None:
        violations += _applicant_caps(matched, scenario.applicant_max_total)
    return violations


def _clause_of(ruling: Ruling) -> str | None:
    return ruling.application.clause if ruling.application is not None else None


def _sums(matched: Sequence[tuple[Ruling, int]], key: Callable[[Application], str]) -> dict[str, int]:
    sums: dict[str, int] = {}
    for ruling, x in matched:
        if ruling.application is not None:
            name = key(ruling.application)
            sums[name] = sums.get(name, 0) + x
    return dict(sorted(sums.items()))


def _applicant_caps(matched: Sequence[tuple[Ruling, int]], cap: int) -> list[Violation]:
    names = {r.application.credit_code: r.application.applicant for r, _ in matched if r.application is not None}
    return [_found("applicant_cap", f"applicant_cap:{code}", f"applicant cap: {names[code]} allocated {used:,}, at "
                                                             f"most {cap:,}, over by {used - cap:,}",
                   "scenario: [applicants] max_total")
            for code, used in _sums(matched, lambda app: app.credit_code).items() if used > cap]


def _envelope(envelope: Envelope, members: Sequence[tuple[Ruling, int]], scenario: Scenario) -> list[Violation]:
    """Its max, and its min, which may fall short by less than one rounding unit per member paid less than E."""
    used, name, unit = sum(x for _, x in members), envelope.name, scenario.rounding
    clauses = ", ".join(envelope.clauses)
    keys = ", ".join(key for key, value in (("max", envelope.max), ("max_share", envelope.max_share))
                     if value is not None)
    violations = []
    upper = envelope.upper(scenario.available)
    if upper is not None and used > upper:
        violations.append(_found("envelope_max", f"envelope:{name}",
                                 f"envelope max: clauses {clauses} allocated {used:,}, at most "
                                 f"{_upper_text(envelope, upper, scenario.available)}, over by {used - upper:,}",
                                 f'scenario: [[envelopes]] "{name}" {keys}'))
    if envelope.min is not None and used < envelope.min:
        short = envelope.min - used
        below = sum(1 for r, x in members if r.status is None and x < r.entitlement)
        if short >= unit * below:
            violations.append(_found("envelope_min", f"envelope_min:{name}",
                                     f"envelope min: clauses {clauses} allocated {used:,}, at least "
                                     f"{envelope.min:,}, short by {short:,} (rounding excuses less than {unit:,} for "
                                     f"each of {below} awards paid less than their entitlement)",
                                     f'scenario: [[envelopes]] "{name}" min'))
    return violations


def _upper_text(envelope: Envelope, upper: int, available: int) -> str:
    if envelope.max_share is None:
        return f"{upper:,}"
    share = f"{ratio_text(envelope.max_share)} of {available:,}"
    if envelope.max is None:
        return f"{upper:,} ({share})"
    return f"{upper:,} (the smaller of {envelope.max:,} and {share})"


# --- what the allocation adds up to


def _objective(matched: Sequence[tuple[Ruling, int]], scenario: Scenario) -> Decimal:
    return sum((scenario.weight(r.application.clause) * r.application.score * x
                for r, x in matched if r.application is not None), Decimal(0))


def _totals(rulings: Sequence[Ruling], rows: Sequence[AllocationRow], scenario: Scenario) -> AuditTotals:
    statuses = {status: sum(1 for r in rows if r.status is status) for status in Status}
    return AuditTotals(rows=len(rows), allocated=sum(r.allocated or 0 for r in rows), available=scenario.available,
                       entitled=sum(r.entitlement for r in rulings if r.status is None), statuses=statuses)
