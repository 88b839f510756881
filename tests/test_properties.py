"""Properties of every allocation, on random instances: every rule held, every row present once, nothing worse
than a greedy allocation, the brute-force optimum where one can be enumerated, the same awards from either
solver and any row order, and the tie-break's tied applications as defined."""

from __future__ import annotations

import itertools
import random
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
from helpers import app, code, scenario_of, workbook_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.domain import Application, Award, Status
from optimizer.errors import Infeasible
from optimizer.jobs.allocate import Allocation, allocate
from optimizer.report.totals import by_section, totals
from optimizer.rules.entitle import entitle
from optimizer.rules.policy import Kind, load_policy
from optimizer.solving.model import build_model
from optimizer.solving.tie_break import tied_by_definition, tied_columns

POLICY = load_policy()
CLAUSES = ["3", "4", "10", "7a", "8a", "11b", "13", "15"]
DISTRICTS = ["两江新区", "沙坪坝区", "万州区"]


@st.composite
def instances(draw: st.DrawFn, whole_only: bool = False) -> tuple[list[Application], dict[str, Any]]:
    n = draw(st.integers(1, 6 if whole_only else 10))
    apps = []
    for i in range(n):
        clause = draw(st.sampled_from(["10", "7a", "8a"] if whole_only else CLAUSES))
        apps.append(app(
            row=i + 2, application_id=f"A{i:02d}", clause=clause, score=Decimal(draw(st.integers(0, 10)) * 10),
            submitted_on=date(2026, 3, draw(st.integers(1, 3))), district=draw(st.sampled_from(DISTRICTS)),
            credit_code=code(draw(st.integers(1, 4))),
            investment=Decimal(draw(st.integers(1, 400)) * 100_000 + draw(st.integers(0, 99))),
            requested=draw(st.none() | st.integers(1, 4_000_000).map(Decimal)),
            content_key=draw(st.none() | st.sampled_from(["k1", "k2"])),
            group=draw(st.none() | st.sampled_from(["G1", "G2"])),
        ))
    demand = sum(POLICY.clause(a.clause).maximum or 0 for a in apps)
    scenario: dict[str, Any] = {"budget": draw(st.integers(0, demand)),
                                "fixed_awards": draw(st.sampled_from(["whole", "prorate"])) if not whole_only else
                                "whole",
                                "rounding": draw(st.sampled_from([1, 100, 1000]))}
    if not whole_only:
        scenario["min_funding_ratio"] = draw(st.sampled_from([0, 0, 0.3, 0.5]))
        if draw(st.booleans()):
            scenario["weights"] = {"3": draw(st.sampled_from([1, 1.5, 2])), "10": draw(st.sampled_from([1, 0.5]))}
    if draw(st.booleans()):
        scenario["envelopes"] = [{"name": "E", "clauses": ["3", "10"], "max": draw(st.integers(0, demand))}]
    if draw(st.booleans()):
        scenario["districts"] = {"max_share": draw(st.sampled_from([0.3, 0.5, 0.8]))}
    if draw(st.booleans()):
        scenario["applicants"] = {"max_total": draw(st.integers(0, 5_000_000))}
    if draw(st.booleans()):  # with no ledger, the period's cap is this run's
        scenario.setdefault("applicants", {})["max_period_total"] = draw(st.integers(0, 5_000_000))
    if draw(st.booleans()):
        scenario["groups"] = {"max_total": draw(st.integers(0, 5_000_000))}
    return apps, scenario


def solve(apps: list[Application], scenario: dict[str, Any], solver: str = "highs") -> Allocation:
    return allocate(workbook_of(*apps), scenario_of(**scenario), policy=POLICY, solver=solver)


def check_rules(result: Allocation, apps: list[Application]) -> None:
    """Every limit of the model (docs/how-it-decides.md, The model), checked from the outputs alone."""
    s = result.scenario
    r = s.rounding
    assert [a.application_id for a in result.awards] == [x.application_id for x in apps]
    assert result.allocated <= s.available
    by_district: dict[str, int] = {}
    by_applicant: dict[str, int] = {}
    by_group: dict[str, int] = {}
    group_of = {a.application_id: a.group for a in apps}
    for award in result.awards:
        assert 0 <= award.allocated <= award.entitlement
        clause = POLICY.clause(award.clause)
        if award.status in (Status.INELIGIBLE, Status.DUPLICATE):
            assert award.allocated == award.entitlement == 0
        if clause.kind is Kind.FIXED and s.fixed_awards == "whole":
            assert award.allocated in (0, award.entitlement)
        if 0 < award.allocated < award.entitlement:
            assert award.allocated % r == 0
            assert award.allocated > s.min_funding_ratio * award.entitlement - r
        by_district[award.district] = by_district.get(award.district, 0) + award.allocated
        by_applicant[award.credit_code] = by_applicant.get(award.credit_code, 0) + award.allocated
        group = group_of[award.application_id]
        if group:
            by_group[group] = by_group.get(group, 0) + award.allocated
    if s.district_cap() is not None:
        assert max(by_district.values()) <= s.district_cap()  # type: ignore[operator]
    if s.applicant_max_total is not None:
        assert max(by_applicant.values()) <= s.applicant_max_total
    if s.applicant_max_period_total is not None:
        assert max(by_applicant.values()) <= s.applicant_max_period_total
    if s.group_max_total is not None:
        assert all(used <= s.group_max_total for used in by_group.values())
    for env in s.envelopes:
        used = sum(a.allocated for a in result.awards if a.clause in env.clauses)
        upper = env.upper(s.available)
        assert upper is None or used <= upper


def applicant_cap(s: Any) -> int | None:
    """With no ledger, the cap on one applicant's awards this year and over the period come to the lower one."""
    caps = [c for c in (s.applicant_max_total, s.applicant_max_period_total) if c is not None]
    return min(caps) if caps else None


def greedy_objective(result: Allocation, apps: list[Application]) -> Decimal:
    """Highest value per yuan first, each award as large as every limit allows — a feasible allocation."""
    s = result.scenario
    group_of = {a.application_id: a.group for a in apps}
    left = {"budget": s.available}
    total = Decimal(0)
    eligible = [a for a in result.awards if a.entitlement > 0]
    for award in sorted(eligible, key=lambda a: -(s.weight(a.clause) * Decimal(a.score))):
        keys = ["budget", f"d:{award.district}", f"a:{award.credit_code}"]
        left.setdefault(keys[1], s.district_cap() if s.district_cap() is not None else 10**15)
        left.setdefault(keys[2], applicant_cap(s) if applicant_cap(s) is not None else 10**15)
        group = group_of[award.application_id]
        if group and s.group_max_total is not None:
            keys.append(f"g:{group}")
            left.setdefault(keys[-1], s.group_max_total)
        for env in s.envelopes:
            if award.clause in env.clauses:
                keys.append(f"e:{env.name}")
                upper = env.upper(s.available)
                left.setdefault(keys[-1], upper if upper is not None else 10**15)
        room = min(left[k] for k in keys)
        whole = POLICY.clause(award.clause).kind is Kind.FIXED and s.fixed_awards == "whole"
        x = award.entitlement if room >= award.entitlement else (0 if whole else room // s.rounding * s.rounding)
        if x < s.min_funding_ratio * award.entitlement:
            x = 0
        for k in keys:
            left[k] -= x
        total += s.weight(award.clause) * Decimal(award.score) * x
    return total


def allowance(result: Allocation) -> Decimal:
    """What rounding may cost: one rounding unit per award at most, at its value per yuan."""
    s = result.scenario
    return sum((s.weight(a.clause) * Decimal(a.score) * s.rounding for a in result.awards), Decimal(0))


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(instances())
def test_every_rule_holds_and_nothing_beats_it_greedily(instance: tuple[list[Application], dict[str, Any]]) -> None:
    apps, scenario = instance
    result = solve(apps, scenario)
    check_rules(result, apps)
    assert result.objective >= greedy_objective(result, apps) - allowance(result)


@SETTINGS
@given(instances(), st.randoms(use_true_random=False))
def test_the_same_awards_from_either_solver_and_any_row_order(instance: tuple[list[Application], dict[str, Any]],
                                                              rng: random.Random) -> None:
    apps, scenario = instance
    reference = solve(apps, scenario, "highs")
    shuffled = apps[:]
    rng.shuffle(shuffled)
    for other in (solve(apps, scenario, "cbc"), solve(shuffled, scenario, "highs")):
        assert sorted((a.application_id, a.allocated, a.status, a.reasons) for a in other.awards) == sorted(
            (a.application_id, a.allocated, a.status, a.reasons) for a in reference.awards)


@SETTINGS
@given(instances(whole_only=True))
def test_whole_awards_reach_the_enumerated_optimum(instance: tuple[list[Application], dict[str, Any]]) -> None:
    apps, scenario = instance
    result = solve(apps, scenario)
    s = result.scenario
    candidates = [a for a in result.awards if a.entitlement > 0]
    best = Decimal(0)
    for picks in itertools.product([0, 1], repeat=len(candidates)):
        chosen = [a for a, p in zip(candidates, picks, strict=True) if p]
        trial = {a.application_id: a.entitlement for a in chosen}
        if feasible(trial, candidates, s, {a.application_id: a.group for a in apps}):
            best = max(best, sum((s.weight(a.clause) * Decimal(a.score) * a.entitlement for a in chosen),
                                 Decimal(0)))
    assert result.objective == best


def feasible(trial: dict[str, int], awards: list[Any], s: Any, group_of: dict[str, str | None]) -> bool:
    def total(keep: Any) -> int:
        return sum(trial.get(a.application_id, 0) for a in awards if keep(a))

    if total(lambda a: True) > s.available:
        return False
    if s.district_cap() is not None and any(total(lambda a, d=d: a.district == d) > s.district_cap()
                                            for d in DISTRICTS):
        return False
    cap = applicant_cap(s)
    if cap is not None and any(total(lambda a, c=a0.credit_code: a.credit_code == c) > cap for a0 in awards):
        return False
    if s.group_max_total is not None and any(
            total(lambda a, g=group: group_of[a.application_id] == g) > s.group_max_total
            for group in set(group_of.values()) if group):
        return False
    return all(env.upper(s.available) is None or total(lambda a, e=env: a.clause in e.clauses)
               <= env.upper(s.available) for env in s.envelopes)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.integers(0, 3_000_000))
def test_a_floor_is_met_or_the_scenario_is_called_infeasible(instance: tuple[list[Application], dict[str, Any]],
                                                             floor: int) -> None:
    apps, scenario = instance
    scenario = {**scenario, "envelopes": [{"name": "F", "clauses": ["4", "11b", "15"], "min": floor}]}
    try:
        result = solve(apps, scenario)
    except Infeasible as exc:
        assert exc.conflicts and all('"F"' in c or "floor" in c for c in exc.conflicts)
        return
    members = [a for a in result.awards if a.clause in ("4", "11b", "15")]
    used = sum(a.allocated for a in members)
    rounded_down = sum(1 for a in members if a.allocated < a.entitlement)  # partial, or rounded down to 0
    assert used >= floor or floor - used < result.scenario.rounding * rounded_down


@SETTINGS
@given(instances(), st.randoms(use_true_random=False))
def test_tied_applications_are_those_of_the_definition(instance: tuple[list[Application], dict[str, Any]],
                                                       rng: random.Random) -> None:
    # tied_columns works over all memberships at once; tied_by_definition, the library's readable reference, one
    # application at a time — on any awards (nothing, in full, or part of the entitlement).
    apps, scenario = instance
    model = build_model(entitle(apps, POLICY, year=2026), POLICY, scenario_of(**scenario))
    awards = np.array([rng.choice([0.0, float(c.amount), float(rng.randint(0, c.amount))]) for c in model.columns])
    assert tied_columns(model, awards) == tied_by_definition(model, awards)


@given(st.lists(st.tuples(st.sampled_from(sorted(POLICY.clauses)), st.sampled_from(list(Status)),
                          st.integers(0, 10**7), st.integers(0, 10**7)), max_size=40))
def test_the_sections_summed_from_their_clauses_are_by_section(rows: list[tuple[str, Status, int, int]]) -> None:
    """totals() sums each section from its clauses' groups: the figures by_section gets from the rows."""
    awards = [Award(n, f"A{n}", "企业", "", "渝中区", clause, "", "80", entitlement, min(allocated, entitlement),
                    status) for n, (clause, status, entitlement, allocated) in enumerate(rows, start=2)]
    assert totals(awards, POLICY, "zh").sections == tuple(by_section(awards, POLICY, "zh"))
