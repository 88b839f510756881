"""The ledger in the rules: prior support is the larger of the cell and the ledger's awards for the same credit code
and content, the reasons name those awards, and the period cap counts this policy's earlier awards — in the
optimiser and, read independently, in the audit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from helpers import app, code, scenario_of, workbook_of
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from optimizer.domain import Application, LedgerAward, Status
from optimizer.errors import Infeasible
from optimizer.jobs.allocate import allocate
from optimizer.jobs.inputs import CountedLedger, counted_of
from optimizer.ledger import GENESIS, LedgerState
from optimizer.ledger.chain import entries_for
from optimizer.reading.allocation_file import parse_allocation_csv
from optimizer.report.allocation_csv import allocation_csv
from optimizer.rules.audit import check_allocation
from optimizer.rules.entitle import entitle
from optimizer.rules.ledger import PriorAwards
from optimizer.rules.policy import load_policy
from optimizer.words import use_lang
from optimizer.words.reasons import award_reason, basis_text, reason_text

POLICY = load_policy()
THIS = POLICY.number
OTHER = "市级技术改造专项（2026年度）"
FACTORY = app(application_id="2027-0001", clause="7b", credit_code=code(1), content_key="一号工厂",
              investment=Decimal(40_000_000), submitted_on=date(2027, 3, 1))


def granted(amount: int, *, policy: str = THIS, credit_code: str = code(1), content_key: str | None = "一号工厂",
            year: int = 2026, application_id: str | None = "2026-0424") -> LedgerAward:
    return LedgerAward(policy, year, credit_code, content_key, amount, application_id=application_id)


def entitled(*awards: LedgerAward, application: Application = FACTORY) -> Any:
    (ent,) = entitle([application], POLICY, prior=PriorAwards(awards))
    return ent


def test_a_content_paid_in_2026_gets_nothing_in_2027_and_the_reason_names_the_award() -> None:
    ent = entitled(granted(3_000_000))
    assert (ent.amount, ent.status) == (0, Status.DUPLICATE)
    (reason,) = ent.reasons
    assert reason.code == "ledger_covers"
    assert reason_text(reason, "zh") == (
        "台账记录该内容已获资助：渝经信规范〔2026〕2号2026年度资助3,000,000元（2026-0424），合计3,000,000元，不低于本项标准")
    assert reason_text(reason, "en") == (
        "the ledger records 3,000,000 yuan already granted for this content (渝经信规范〔2026〕2号 2026: 3,000,000 "
        "(2026-0424)), not less than this award")


def test_an_award_of_another_policy_reduces_the_entitlement_by_exactly_its_amount() -> None:
    ent = entitled(granted(1_000_001, policy=OTHER, application_id=None))
    assert (ent.amount, ent.status) == (3_000_000 - 1_000_001, None)
    assert ent.basis.prior_support == 1_000_001
    assert ent.basis.ledger == ((OTHER, 2026, 1_000_001, "", 1_000_001),)


def test_an_award_a_correction_lowered_is_named_with_what_it_was_first_granted_at() -> None:
    """The 公示 said 3,000,000, the ledger's award now stands at 1,000,000 (核减): the reason says both, in either
    language, with or without the application it was granted to."""
    ours, theirs = granted(1_000_000), granted(200_000, policy=OTHER, application_id=None)
    (ent,) = entitle([FACTORY], POLICY, prior=PriorAwards((ours, theirs), (3_000_000, 500_000)))
    assert ent.basis.ledger == ((POLICY.number, 2026, 1_000_000, "2026-0424", 3_000_000),
                                (OTHER, 2026, 200_000, "", 500_000))
    zh, en = basis_text(ent.basis, "zh", None), basis_text(ent.basis, "en", None)
    assert "渝经信规范〔2026〕2号2026年度资助1,000,000元（2026-0424，原3,000,000元，已核减）" in zh
    assert "市级技术改造专项（2026年度）资助200,000元（原500,000元，已核减）" in zh
    assert "渝经信规范〔2026〕2号 2026: 1,000,000 (2026-0424, lowered from 3,000,000)" in en
    assert "(lowered from 500,000)" in en


def test_only_the_award_a_correction_lowered_is_said_to_be_lowered_even_beside_its_twin() -> None:
    """Two payments of one content on one day, 200,000 and 100,000; the first lowered to 100,000: now the two are
    equal as values, and only the first was lowered (a lookup by value had called both so)."""
    first, second = (granted(100_000, policy=OTHER, application_id=None) for _ in range(2))
    (ent,) = entitle([FACTORY], POLICY, prior=PriorAwards((first, second), (200_000, 100_000)))
    assert [was for *_, was in ent.basis.ledger] == [200_000, 100_000]
    assert basis_text(ent.basis, "zh", None).count("已核减") == 1


def test_the_ledger_sums_every_award_of_the_content_under_any_policy_and_year() -> None:
    ent = entitled(granted(500_000), granted(700_000, policy=OTHER, year=2025, application_id=None))
    assert ent.amount == 3_000_000 - 1_200_000


def test_other_policies_count_once_the_larger_of_the_cell_and_the_ledger() -> None:
    # the cell is support from other policies: the ledger's imported awards of them may be the same money
    declared = app(application_id="2027-0001", clause="7b", credit_code=code(1), content_key="一号工厂",
                   investment=Decimal(40_000_000), submitted_on=date(2027, 3, 1), prior_support=Decimal(900_000))
    other = "渝府发〔2025〕9号"
    assert entitled(granted(500_000, policy=other), application=declared).amount == 2_100_000  # the cell: 900,000
    assert entitled(granted(500_000, policy=other), application=declared).basis.ledger == ()
    assert entitled(granted(1_500_000, policy=other), application=declared).amount == 1_500_000  # the ledger's


def test_this_policys_earlier_awards_count_beside_the_cell() -> None:
    # a review: a 2026 award of this policy (169,900) and 20万 of another policy declared in the cell — only the
    # larger was deducted, and the content was paid 669,900 against a maximum of 50万
    declared = app(application_id="2027-0001", clause="7b", credit_code=code(1), content_key="一号工厂",
                   investment=Decimal(40_000_000), submitted_on=date(2027, 3, 1), prior_support=Decimal(900_000))
    ent = entitled(granted(500_000), application=declared)
    assert (ent.amount, ent.basis.prior_support, ent.basis.declared) == (1_600_000, 1_400_000, 900_000)
    assert basis_text(ent.basis, "zh").endswith(
        "扣除已获资助1,400,000元（台账记录：渝经信规范〔2026〕2号2026年度资助500,000元（2026-0424）；"
        "申报表填写的市级同类支持900,000元）")
    both = entitled(granted(500_000), granted(1_500_000, policy="渝府发〔2025〕9号"), application=declared)
    assert (both.amount, both.basis.declared) == (1_000_000, 0)  # 3,000,000 − 500,000 − 1,500,000
    covered = entitled(granted(2_500_000), application=declared)
    assert (covered.amount, covered.status) == (0, Status.DUPLICATE)
    (reason,) = covered.reasons
    assert reason_text(reason, "zh") == ("台账记录该内容已获资助：渝经信规范〔2026〕2号2026年度资助2,500,000元"
                                         "（2026-0424），另申报表填写已获市级同类支持900,000元，合计3,400,000元，"
                                         "不低于本项标准")


def test_a_content_key_and_a_policy_number_are_matched_however_typed() -> None:
    # a review: 缙云医药－一号工厂 (a full-width hyphen) matched nothing, and an award imported under
    # 渝经信规范(2026)2号 did not count towards the period cap
    typed = app(application_id="2027-0001", clause="7b", credit_code=code(1), content_key=" 一号 工厂 ",
                investment=Decimal(40_000_000), submitted_on=date(2027, 3, 1))
    assert entitled(granted(3_000_000, content_key="一号工厂"), application=typed).status == Status.DUPLICATE
    assert entitled(granted(3_000_000, content_key="ＡＢ－1"), application=replace(typed, content_key="ab-1")
                    ).status == Status.DUPLICATE
    assert PriorAwards((granted(7_000_000, policy="渝经信规范(2026) 2号"),)).earlier(THIS) == {code(1): 7_000_000}


def test_other_contents_other_applicants_and_rows_without_a_content_key_match_nothing() -> None:
    no_key = app(application_id="2027-0002", clause="7b", credit_code=code(1), content_key=None,
                 investment=Decimal(40_000_000), submitted_on=date(2027, 3, 1))
    assert entitled(granted(3_000_000, content_key="二号工厂")).amount == 3_000_000
    assert entitled(granted(3_000_000, credit_code=code(2))).amount == 3_000_000
    assert entitled(granted(3_000_000, content_key=None)).amount == 3_000_000
    assert entitled(granted(3_000_000), application=no_key).amount == 3_000_000


def test_a_higher_standard_is_paid_the_difference_and_the_reason_says_so() -> None:
    ent = entitled(granted(500_000))  # 7a paid in 2026; 7b in 2027 for the same factory
    assert ent.amount == 2_500_000
    award = allocate(workbook_of(FACTORY), scenario_of(budget="1亿"), policy=POLICY,
                     ledger=CountedLedger(PriorAwards((granted(500_000),)))).awards[0]
    assert award_reason(award, "zh", "investment") == (
        "项目实际投资额40,000,000元×10%=4,000,000元，按最高标准3,000,000元，扣除台账记录的已获资助500,000元"
        "（渝经信规范〔2026〕2号2026年度资助500,000元（2026-0424））")


def test_earlier_awards_are_this_policys_by_credit_code() -> None:
    prior = PriorAwards((granted(500_000), granted(200_000, content_key="二号工厂"),
                         granted(900_000, policy=OTHER), granted(100_000, credit_code=code(2))))
    assert prior.earlier(THIS) == {code(1): 700_000, code(2): 100_000}
    assert prior.touched([FACTORY]) == 1


def test_the_period_cap_counts_the_ledgers_earlier_awards_of_this_policy() -> None:
    new_content = app(application_id="2027-0003", clause="7b", credit_code=code(1), content_key="三号工厂",
                      investment=Decimal(40_000_000), submitted_on=date(2027, 3, 1))
    scenario = scenario_of(budget="1亿", year=2027, applicants={"max_period_total": "800万"})
    earlier = (granted(6_000_000, content_key="旧事项"),)
    result = allocate(workbook_of(new_content), scenario, policy=POLICY,
                      ledger=CountedLedger(PriorAwards(earlier)))
    assert result.awards[0].allocated == 2_000_000  # 800万 less the 600万 granted in 2026
    with use_lang("zh"):
        # a review: the reason did not say which earlier awards used the cap up, nor what was left
        assert "申报单位已达政策有效期内的资助上限（此前已获本政策资助6,000,000元，本次至多2,000,000元）" in \
            award_reason(result.awards[0], "zh", "investment")
    other = (granted(6_000_000, content_key="旧事项", policy=OTHER),)
    assert allocate(workbook_of(new_content), scenario, policy=POLICY,
                    ledger=CountedLedger(PriorAwards(other))).awards[0].allocated == 3_000_000


# --- what the optimiser writes with a ledger passes the audit's own reading of it


CLAUSES = ["3", "4", "7a", "7b", "10", "11a", "13", "15"]


@st.composite
def years_with_a_ledger(draw: st.DrawFn) -> tuple[list[Application], list[LedgerAward], dict[str, Any]]:
    apps = []
    for i in range(draw(st.integers(1, 8))):
        apps.append(app(row=i + 2, application_id=f"A{i:02d}", clause=draw(st.sampled_from(CLAUSES)),
                        score=Decimal(draw(st.integers(0, 20)) * 5), credit_code=code(draw(st.integers(1, 3))),
                        submitted_on=date(2027, 3, draw(st.integers(1, 3))),
                        investment=Decimal(draw(st.integers(1, 400)) * 100_000),
                        content_key=draw(st.none() | st.sampled_from(["k1", "k2"])),
                        group=draw(st.none() | st.just("G")),
                        prior_support=draw(st.sampled_from([Decimal(0), Decimal("100000.5")]))))
    ledger = [LedgerAward(draw(st.sampled_from([THIS, OTHER])), 2026, code(draw(st.integers(1, 3))),
                          draw(st.none() | st.sampled_from(["k1", "k2"])), draw(st.integers(1, 3_000_000)))
              for _ in range(draw(st.integers(0, 5)))]
    scenario: dict[str, Any] = {"budget": f"{draw(st.integers(0, 10_000_000))}元", "year": 2027,
                                "fixed_awards": draw(st.sampled_from(["whole", "prorate"])),
                                "rounding": draw(st.sampled_from([1, 100]))}
    if draw(st.booleans()):
        scenario["applicants"] = {"max_period_total": f"{draw(st.integers(0, 6_000_000))}元"}
    if draw(st.booleans()):
        scenario["groups"] = {"max_total": f"{draw(st.integers(0, 6_000_000))}元"}
    return apps, ledger, scenario


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(years_with_a_ledger())
def test_what_the_optimiser_writes_with_a_ledger_passes_the_audit(
        instance: tuple[list[Application], list[LedgerAward], dict[str, Any]]) -> None:
    apps, ledger, settings_ = instance
    book, scenario = workbook_of(*apps), scenario_of(**settings_)
    try:
        result = allocate(book, scenario, policy=POLICY, ledger=CountedLedger(PriorAwards(tuple(ledger))))
    except Infeasible:
        assume(False)
        return
    rows = parse_allocation_csv(allocation_csv(result, POLICY, "en"), "allocation.csv")
    report = check_allocation(book, POLICY, scenario, rows, ledger)
    assert [v.message for v in report.violations] == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(years_with_a_ledger())
def test_an_allocation_that_ignored_the_ledger_is_caught_by_the_audit_with_it(
        instance: tuple[list[Application], list[LedgerAward], dict[str, Any]]) -> None:
    apps, ledger, settings_ = instance
    book, scenario = workbook_of(*apps), scenario_of(**settings_)
    try:
        blind = allocate(book, scenario, policy=POLICY)
    except Infeasible:
        assume(False)
        return
    rows = parse_allocation_csv(allocation_csv(blind, POLICY, "en"), "allocation.csv")
    allowed = {e.application.application_id: e.amount
               for e in entitle(apps, POLICY, year=2027, prior=PriorAwards(tuple(ledger)))}
    overpaid = {a.application_id for a in blind.awards if a.allocated > allowed[a.application_id]}
    found = {v.subject.split(" ")[0] for v in check_allocation(book, POLICY, scenario, rows, ledger).violations}
    assert overpaid <= found


# --- an award a correction raised again (调增、恢复): counted, and named, as it stands


def corrected(*changes: int) -> CountedLedger:
    """The award of 3,000,000 (2026-0424) and its corrections by `changes`, in the ledger, as a run counts it."""
    first = granted(3_000_000)
    made = [first, *(replace(first, amount=change, corrects=1, basis="更正") for change in changes)]
    return counted_of(LedgerState(Path("台账.sqlite"), entries_for(made, after=0, head=GENESIS,
                                                                  recorded_at="2027-03-01T00:00:00+00:00")))


def test_an_award_lowered_by_mistake_and_raised_again_is_deducted_and_named_as_it_stands() -> None:
    """3,000,000 lowered to 100,000 (10万 typed for 200万), then raised to the 2,000,000 decided: 1,000,000 is left
    for the 2027 application, and the reason names the award at 2,000,000, lowered from the 3,000,000 published."""
    (ent,) = entitle([FACTORY], POLICY, prior=corrected(-2_900_000, 1_900_000).prior)
    assert (ent.amount, ent.basis.ledger) == (1_000_000, ((THIS, 2026, 2_000_000, "2026-0424", 3_000_000),))
    assert "渝经信规范〔2026〕2号2026年度资助2,000,000元（2026-0424，原3,000,000元，已核减）" in basis_text(
        ent.basis, "zh", None)


def test_an_award_revoked_and_restored_is_counted_as_if_never_corrected() -> None:
    restored = corrected(-3_000_000, 3_000_000)
    (ent,) = entitle([FACTORY], POLICY, prior=restored.prior)
    (never,) = entitle([FACTORY], POLICY, prior=corrected().prior)
    assert (ent.amount, ent.status) == (never.amount, never.status) == (0, Status.DUPLICATE)
    assert (ent.reasons, ent.basis) == (never.reasons, never.basis)
    assert reason_text(ent.reasons[0], "zh") == ("台账记录该内容已获资助：渝经信规范〔2026〕2号2026年度资助3,000,000元"
                                                 "（2026-0424），合计3,000,000元，不低于本项标准")
    assert entitle([FACTORY], POLICY, prior=corrected(-3_000_000).prior)[0].amount == 3_000_000  # revoked: nothing


def test_the_period_cap_and_the_audit_count_an_award_raised_again_as_it_stands() -> None:
    new_content = app(application_id="2027-0003", clause="7b", credit_code=code(1), content_key="三号工厂",
                      investment=Decimal(40_000_000), submitted_on=date(2027, 3, 1))
    scenario = scenario_of(budget="1亿", year=2027, applicants={"max_period_total": "400万"})
    for changes, paid in (((), 1_000_000), ((-2_000_000,), 3_000_000), ((-2_000_000, 1_500_000), 1_500_000),
                          ((-3_000_000, 3_000_000), 1_000_000)):
        ledger = corrected(*changes)
        result = allocate(workbook_of(new_content), scenario, policy=POLICY, ledger=ledger)
        assert result.awards[0].allocated == paid, changes  # 400万 less what the 2026 award stands at
        rows = parse_allocation_csv(allocation_csv(result, POLICY, "en"), "allocation.csv")
        assert check_allocation(workbook_of(new_content), POLICY, scenario, rows, ledger.prior.awards).violations == ()
        over = [replace(row, allocated=paid + 1) for row in rows]  # a yuan more than the award left: the audit sees it
        assert check_allocation(workbook_of(new_content), POLICY, scenario, over, ledger.prior.awards).violations
