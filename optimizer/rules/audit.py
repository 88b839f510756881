"""Check an allocation against every rule of the policy and the scenario without the solver: a second reading.

Nothing here comes from the optimiser's own modules: eligibility, the entitlement E and 就高、不重复 are worked
out again from the rules as docs/how-it-decides.md states them, then every row of the allocation (its amount, its
status, its entitlement) and every limit of the scenario is checked against them in exact integer and decimal
arithmetic. Only the readers (workbook, scenario, policy) and plain helpers are shared, so a mistake in one reading
shows up as a disagreement.

Three modules, read in that order: audit_rulings.py works out what the rules say of each workbook row; this module
matches the allocation's rows to them and checks each row and each limit; audit_lines.py says each violation in one
line, in Chinese or English, with where its rule comes from.

A row whose status was not written but derived from its amounts (`AllocationRow.status_given` false: a hand-made
allocation without a status column) is not held to a status; its amounts are judged all the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from optimizer.domain import AllocationRow, Application, Applications, LedgerAward, Status
from optimizer.money import AmountError, floor_yuan, format_decimal, format_yuan, normalize_text, parse_number
from optimizer.rules.audit_lines import (
    OUTPUTS,
    WORKBOOK,
    Violation,
    Words,
    cite_clause,
    cite_once,
    cite_policy,
    cite_scenario,
    joined,
    listed,
    violation,
)
from optimizer.rules.audit_rulings import Ruling, rulings
from optimizer.rules.divisions import chongqing
from optimizer.rules.ledger import PriorAwards, YearSoFar, content_id, left_after
from optimizer.rules.policy import Kind, Policy
from optimizer.rules.scenario import Envelope, Scenario
from optimizer.words import LABELS, Phrase, ratio_text, status_label

__all__ = ["MISSING_NAMED", "AuditReport", "AuditTotals", "Violation", "check_allocation"]

_PAID_RULES = {Status.INELIGIBLE: "paid_ineligible", Status.DUPLICATE: "paid_duplicate", Status.INVALID: "paid_invalid"}
_PAID_WHAT = {Status.INELIGIBLE: "audit.paid.eligibility", Status.DUPLICATE: "audit.paid.once",
              Status.INVALID: "audit.paid.valid"}
MISSING_NAMED = 10  # rows an allocation lacks, named one by one; more are one line


@dataclass(frozen=True)
class AuditTotals:
    rows: int  # rows of the allocation file
    allocated: int  # Σ allocated over them
    available: int  # budget less reserve, less what the year's earlier rounds granted (never below 0)
    entitled: int  # Σ E over the eligible applications, as worked out here
    statuses: Mapping[Status, int]  # rows per status, as the allocation states them (or its amounts give them)
    earlier: int = 0  # what the year's earlier rounds granted (the ledger's)


@dataclass(frozen=True)
class AuditReport:
    violations: tuple[Violation, ...]
    objective: Decimal  # Σ weight(clause) × score × allocated over the rows matched to the workbook
    totals: AuditTotals

    @property
    def ok(self) -> bool:
        return not self.violations


def check_allocation(book: Applications, policy: Policy, scenario: Scenario, rows: Sequence[AllocationRow],
                     ledger: Sequence[LedgerAward] = ()) -> AuditReport:
    """Every rule of the policy and the scenario that `rows` breaks, the allocation's objective and its totals.
    `ledger`: the awards already granted (docs/ledger.md) — prior support for their contents, and under this policy
    what the period cap counts."""
    ruled = rulings(book, policy, scenario.year, ledger)
    pairs, surplus, extra = _match(ruled, rows)
    twice = _content_paid_twice(pairs, policy)
    violations: list[Violation] = []
    missing = [ruling for ruling, found in pairs if found is None]
    if len(missing) > MISSING_NAMED:  # an allocation of a few rows: one line, not one per row it lacks
        violations.append(violation("missing_row", Phrase.of("audit.subject.rows"), Phrase.of(
            "audit.missing_rows", count=len(missing), first=missing[0].application_id,
            last=missing[-1].application_id), [OUTPUTS]))
    for ruling, found in pairs:
        if found is None:
            if len(missing) <= MISSING_NAMED:
                violations.append(_missing(ruling))
        else:
            violations += _row_checks(ruling, found, scenario, policy, twice)
        if ruling.row in surplus:
            violations.append(_duplicated(ruling, surplus[ruling.row], rows))
    violations += [_extra(found) for found in extra]
    matched = [(ruling, found.allocated or 0) for ruling, found in pairs if found is not None]
    prior = PriorAwards(tuple(ledger))  # as allocate counts them
    so_far = prior.year_so_far(policy.number, scenario.year)
    violations += _limits(matched, sum(r.allocated or 0 for r in rows), scenario, policy,
                          prior.earlier(policy.number), so_far)
    return AuditReport(tuple(violations), _objective(matched, scenario), _totals(ruled, rows, scenario, so_far))


# --- one allocation row per workbook row


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
    return violation("missing_row", ruling.named, Phrase.of("audit.missing_row"), [OUTPUTS])


def _duplicated(ruling: Ruling, left: Sequence[AllocationRow], rows: Sequence[AllocationRow]) -> Violation:
    places = listed(str(r.row) for r in sorted(rows, key=lambda r: r.row)
                     if r.application_id.strip() == ruling.application_id)
    return violation("duplicate_row", ruling.named, Phrase.of("audit.duplicate_row", rows=places, more=len(left)),
                  [OUTPUTS])


def _extra(found: AllocationRow) -> Violation:
    subject = Phrase.of("audit.subject.allocation_row", row=found.row,
                        id=found.application_id or ("无申报编号", "no id"))
    return violation("extra_row", subject, Phrase.of("audit.extra_row", id=found.application_id), [OUTPUTS])


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
    the status its amount gives and its E (citing the clause's sentence). A status derived from the amounts, not
    written, is not checked."""
    violations = []
    if ruling.status is not None:
        expected, why, entitled, sources = ruling.status, ruling.because, 0, ruling.sources
    else:
        e = ruling.entitlement
        expected = Status.UNFUNDED if x == 0 else Status.FUNDED if x >= e else Status.PARTIAL
        why, entitled = Phrase.of("audit.why.allocated", x=f"{x:,}", e=f"{e:,}").both(), e
        sources = (OUTPUTS,)
    if found.status_given and found.status is not expected:
        said = "audit.status" if ruling.status is None else "audit.status_ruled"  # the advice: where x sets it
        violations.append(violation("status", ruling.named, Phrase.of(
            said, stated=_status(found.status), expected=_status(expected), why=why), sources))
    if found.entitlement is not None and found.entitlement != entitled:
        as_what = ("", "") if ruling.status is None else Phrase.of("audit.entitlement_as",
                                                                          status=_status(expected)).both()
        violations.append(violation("entitlement", ruling.named, Phrase.of(
            "audit.entitlement", stated=f"{found.entitlement:,}", expected=f"{entitled:,}", as_what=as_what,
            why=ruling.because), ruling.sources if ruling.status is None else [OUTPUTS]))
    return violations


def _status(status: Status) -> Words:
    """A status as an audit line says it: in Chinese by its name and the code the file holds (“部分资助”（PARTIAL）),
    in English by the code."""
    return f"“{status_label(status.value, 'zh')}”（{status.value}）", status.value


def _paid_wrongly(ruling: Ruling, x: int) -> Violation:
    assert ruling.status is not None
    what = Phrase.of("audit.paid", what=Phrase.of(_PAID_WHAT[ruling.status]).both(), x=f"{x:,}",
                     status=_status(ruling.status), why=ruling.because)
    return violation(_PAID_RULES[ruling.status], ruling.named, what, ruling.sources)


def _amount_checks(ruling: Ruling, x: int, scenario: Scenario, policy: Policy) -> list[Violation]:
    """One award: no more than E (naming the limit that sets it), then the rules of a partial award."""
    app, e, subject = ruling.application, ruling.entitlement, ruling.named
    assert app is not None and ruling.limit is not None
    violations = []
    if x > ruling.ceiling:
        violations.append(violation("above_ceiling", subject, Phrase.of(
            "audit.above_ceiling", limit=ruling.limit.both(), x=f"{x:,}", ceiling=f"{ruling.ceiling:,}"),
            [cite_clause(policy, policy.clause(app.clause))]))
    elif app.requested is not None and x > floor_yuan(app.requested):
        violations.append(violation("above_requested", subject, Phrase.of(
            "audit.above_requested", x=f"{x:,}", requested=format_yuan(app.requested)), [WORKBOOK]))
    elif x > e:  # within the clause's limit and the request: above E only by the prior support deducted
        violations.append(violation("above_entitlement", subject, Phrase.of(
            "audit.above_entitlement", x=f"{x:,}", e=f"{e:,}", why=ruling.because), [cite_once(policy)]))
    if 0 < x < e:
        violations += _partial_checks(ruling, x, scenario, policy)
    return violations


def _partial_checks(ruling: Ruling, x: int, scenario: Scenario, policy: Policy) -> list[Violation]:
    """0 < x < E: a fixed award may not be paid in part (unless prorate), nor below the minimum ratio (less one
    rounding unit), and a partial award is a multiple of the rounding unit."""
    app, e, subject, unit = ruling.application, ruling.entitlement, ruling.named, scenario.rounding
    assert app is not None
    violations = []
    if _whole(app, scenario, policy):
        violations.append(violation("whole_award", subject, Phrase.of(
            "audit.whole_award", clause=app.clause, x=f"{x:,}", e=f"{e:,}"),
            [cite_scenario('fixed_awards = "whole"', "whole_award")]))
    ratio = scenario.min_funding_ratio
    floor = ratio * e
    if floor - x >= unit:
        violations.append(violation("min_ratio", subject, Phrase.of(
            "audit.min_ratio", ratio=ratio_text(ratio), x=f"{x:,}", e=f"{e:,}", floor=format_yuan(floor),
            short=format_yuan(floor - x), unit=f"{unit:,}"), [cite_scenario("min_funding_ratio", "min_ratio")]))
    if x % unit:
        violations.append(violation("rounding", subject, Phrase.of(
            "audit.rounding", unit=f"{unit:,}", x=f"{x:,}", e=f"{e:,}"), [cite_scenario("rounding", "rounding")]))
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
    differs = [_differs(name, getattr(found, name), expected[name])
               for name, value in stated.items() if value and value != expected[name]]
    if found.score and not _same_number(found.score, app.score):
        differs.append(_differs("score", found.score, format_decimal(app.score)))
    if not differs:
        return []
    return [violation("mismatch", ruling.named, Phrase.of("audit.mismatch", differs=joined(differs)), [OUTPUTS])]


def _differs(name: str, value: str, expected: str) -> Phrase:
    return Phrase.of("audit.differs", name=(LABELS[name][0], name), value=value, expected=expected)


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
        if app is not None and (content := content_id(app.content_key)) and found is not None and found.allocated:
            paid.setdefault((app.credit_code, content), []).append((ruling, found.allocated))
    twice: dict[int, Violation] = {}
    for (credit_code, _), members in paid.items():
        if len(members) < 2:
            continue
        first, amount = next((m for m in members if m[0].status is None), members[0])
        key = (first.application.content_key if first.application is not None else "") or ""
        for ruling, x in members:
            if ruling is not first:
                twice[ruling.row] = violation("content_paid_twice", ruling.named, Phrase.of(
                    "audit.content_paid_twice", key=key, credit_code=credit_code, x=f"{x:,}", amount=f"{amount:,}",
                    first=first.named.both()), [cite_once(policy)])
    return twice


# --- the limits of the scenario


def _limits(matched: Sequence[tuple[Ruling, int]], total: int, scenario: Scenario, policy: Policy,
            earlier: Mapping[str, int], so_far: YearSoFar) -> list[Violation]:
    """The budget less reserve (the scenario's amounts, and the policy's 总额控制), then the scenario's envelopes,
    district share and applicant cap, each citing its keys. A limit of the year leaves this run what the year's
    earlier rounds (`so_far`) did not use of it — nothing, when they used it all: paying nothing more is then
    compliant — and says what they used."""
    available = scenario.available
    violations = []
    if total > left_after(available, so_far.total):
        sources = [cite_scenario(listed(["budget", "reserve"]), "budget")]
        if policy.maximum_source:
            sources.append(cite_policy(policy, policy.maximum_source))
        violations.append(violation("budget", Phrase.of("audit.subject.budget"), Phrase.of(
            "audit.budget", total=f"{total:,}", available=f"{available:,}", budget=f"{scenario.budget:,}",
            reserve=f"{scenario.reserve:,}", earlier=_before(so_far.total),
            over=f"{total - left_after(available, so_far.total):,}"), sources,
            (total, left_after(available, so_far.total))))
    for envelope in scenario.envelopes:
        violations += _envelope(envelope, [(r, x) for r, x in matched if _clause_of(r) in envelope.clauses], scenario,
                                policy, so_far.clauses(envelope.clauses))
    cap = scenario.district_cap()
    if cap is not None:
        share = _share(scenario.district_max_share or Decimal(0), available).both()
        violations += _over(matched, lambda app: app.district, cap, so_far.by_district, lambda district, said, amounts:
                            violation("district_share", Phrase.of("audit.subject.district_share", district=district),
                                   Phrase.of("audit.district_share", share=share, **said),
                                   [cite_scenario("[districts] max_share", "district_share")], amounts, district))
    if scenario.applicant_max_total is not None:
        names = {r.application.credit_code: r.application.applicant for r, _ in matched if r.application is not None}
        violations += _over(matched, lambda app: app.credit_code, scenario.applicant_max_total, so_far.by_applicant,
                            lambda code, said, amounts: violation(
                                "applicant_cap", Phrase.of("audit.subject.applicant_cap", credit_code=code),
                                Phrase.of("audit.applicant_cap", name=names[code], **said),
                                [cite_scenario("[applicants] max_total", "applicant_cap")], amounts, names[code]))
    if scenario.applicant_max_period_total is not None:
        violations += _period_caps(matched, scenario.applicant_max_period_total, earlier)
    if scenario.group_max_total is not None:
        members: dict[str, set[str]] = {}
        for ruling, _ in matched:
            if ruling.application is not None and ruling.application.group:
                members.setdefault(ruling.application.group, set()).add(ruling.application.credit_code)
        violations += _over(matched, lambda app: app.group or "", scenario.group_max_total, so_far.groups(members),
                            lambda group, said, amounts: violation(
                                "group_cap", Phrase.of("audit.subject.group_cap", group=group),
                                Phrase.of("audit.group_cap", group=group, **said),
                                [cite_scenario("[groups] max_total", "group_cap")], amounts, group))
    return violations


def _over(matched: Sequence[tuple[Ruling, int]], key: Callable[[Application], str], cap: int,
          before: Mapping[str, int], found: Callable[[str, dict[str, object], tuple[int, int]], Violation],
          ) -> list[Violation]:
    """A cap of each district, applicant or group (`key`) of the year: what this run gave one above what the year's
    earlier rounds (`before`) left of it; `found` words it from its name and the figures (used, cap, earlier, over),
    and keeps what was used and what was left."""
    return [found(name, {"used": f"{used:,}", "cap": f"{cap:,}", "earlier": _before(before.get(name, 0)),
                         "over": f"{used - left:,}"}, (used, left))
            for name, used in _sums(matched, key).items()
            if name and used > (left := left_after(cap, before.get(name, 0)))]


def _before(earlier: int) -> Words:
    """`（本年度此前各批另已用1,000,000元）`, said after what this run allocated; nothing without earlier rounds."""
    return Phrase.of("audit.earlier_rounds", earlier=f"{earlier:,}").both() if earlier else ("", "")


def _period_caps(matched: Sequence[tuple[Ruling, int]], cap: int, earlier: Mapping[str, int]) -> list[Violation]:
    """Each applicant's awards of this run against what the period's cap leaves after its earlier ones under this
    policy (nothing, when those already reach it: paying nothing more is then compliant)."""
    names = {r.application.credit_code: r.application.applicant for r, _ in matched if r.application is not None}
    left = {code: left_after(cap, earlier.get(code, 0)) for code in names}
    return [violation("applicant_period_cap", Phrase.of("audit.subject.applicant_period_cap", credit_code=code),
                   Phrase.of("audit.applicant_period_cap", name=names[code], used=f"{used:,}",
                             earlier=f"{earlier.get(code, 0):,}", cap=f"{cap:,}", over=f"{used - left[code]:,}"),
                   [cite_scenario("[applicants] max_period_total", "applicant_period_cap")], (used, left[code]),
                   names[code])
            for code, used in _sums(matched, lambda app: app.credit_code).items() if used > left[code]]


def _share(ratio: Decimal, available: int) -> Phrase:
    """`60% of 7,000,000` / `7,000,000元的60%`."""
    return Phrase.of("audit.share", ratio=ratio_text(ratio), available=f"{available:,}")


def _clause_of(ruling: Ruling) -> str | None:
    return ruling.application.clause if ruling.application is not None else None


def _sums(matched: Sequence[tuple[Ruling, int]], key: Callable[[Application], str]) -> dict[str, int]:
    sums: dict[str, int] = {}
    for ruling, x in matched:
        if ruling.application is not None:
            name = key(ruling.application)
            sums[name] = sums.get(name, 0) + x
    return dict(sorted(sums.items()))


def _envelope(envelope: Envelope, members: Sequence[tuple[Ruling, int]], scenario: Scenario,
              policy: Policy, earlier: int = 0) -> list[Violation]:
    """Its max, and its min, which may fall short by less than one rounding unit per award rounded down; each
    less what the year's earlier rounds used of it (`earlier`)."""
    used, name, unit = sum(x for _, x in members), envelope.name, scenario.rounding
    clauses = listed(envelope.clauses)
    keys = [key for key, value in (("max", envelope.max), ("max_share", envelope.max_share)) if value is not None]
    violations = []
    upper = envelope.upper(scenario.available)
    if upper is not None and used > (left := left_after(upper, earlier)):
        violations.append(violation("envelope_max", Phrase.of("audit.subject.envelope", name=name), Phrase.of(
            "audit.envelope_max", clauses=clauses, used=f"{used:,}", earlier=_before(earlier),
            upper=_upper_text(envelope, upper, scenario.available).both(), over=f"{used - left:,}"),
            [_envelope_keys(name, listed(keys))], (used, left), name))
    if envelope.min is not None and used + earlier < envelope.min:
        short = envelope.min - earlier - used
        below = sum(1 for r, x in members if _rounded_down(r, x, scenario, policy))
        if short >= unit * below:
            excuse = Phrase.of("audit.rounding_excuse", unit=f"{unit:,}", below=below).both() if below else ("", "")
            violations.append(violation("envelope_min", Phrase.of("audit.subject.envelope_min", name=name), Phrase.of(
                "audit.envelope_min", clauses=clauses, used=f"{used:,}", earlier=_before(earlier),
                min=f"{envelope.min:,}", short=f"{short:,}",
                excuse=excuse), [_envelope_keys(name, "min")], (used, envelope.min - earlier), name))
    return violations


def _rounded_down(ruling: Ruling, x: int, scenario: Scenario, policy: Policy) -> bool:
    """Whether rounding may have taken something from this award: one paid in part — or paid nothing, where a
    partial award below one rounding unit (and above its minimum ratio) could round down to 0. A whole award, or
    one whose minimum is a rounding unit or more, paid nothing was paid nothing."""
    e, unit = ruling.entitlement, scenario.rounding
    if ruling.status is not None or ruling.application is None or x >= e:
        return False
    if x > 0:
        return True
    return not _whole(ruling.application, scenario, policy) and scenario.min_funding_ratio * e < unit


def _whole(app: Application, scenario: Scenario, policy: Policy) -> bool:
    """A fixed award paid whole or not at all (fixed_awards = "whole")."""
    return scenario.fixed_awards == "whole" and policy.clause(app.clause).kind is Kind.FIXED


def _envelope_keys(name: str, keys: Words | str) -> Phrase:
    """`[[envelopes]] "AI" max, max_share`."""
    zh, en = keys if isinstance(keys, tuple) else (keys, keys)
    setting = "envelope_min" if zh == "min" else "envelope_max"
    return cite_scenario((f'[[envelopes]] "{name}" {zh}', f'[[envelopes]] "{name}" {en}'), setting, name)


def _upper_text(envelope: Envelope, upper: int, available: int) -> Phrase:
    if envelope.max_share is None:
        return Phrase.of("audit.upper", upper=f"{upper:,}")
    share = _share(envelope.max_share, available).both()
    if envelope.max is None:
        return Phrase.of("audit.upper.share", upper=f"{upper:,}", share=share)
    return Phrase.of("audit.upper.smaller", upper=f"{upper:,}", max=f"{envelope.max:,}", share=share)


# --- what the allocation adds up to


def _objective(matched: Sequence[tuple[Ruling, int]], scenario: Scenario) -> Decimal:
    return sum((scenario.weight(r.application.clause) * r.application.score * x
                for r, x in matched if r.application is not None), Decimal(0))


def _totals(rulings: Sequence[Ruling], rows: Sequence[AllocationRow], scenario: Scenario,
            so_far: YearSoFar) -> AuditTotals:
    statuses = {status: sum(1 for r in rows if r.status is status) for status in Status}
    return AuditTotals(rows=len(rows), allocated=sum(r.allocated or 0 for r in rows),
                       available=left_after(scenario.available, so_far.total),
                       entitled=sum(r.entitlement for r in rulings if r.status is None), statuses=statuses,
                       earlier=so_far.total)
