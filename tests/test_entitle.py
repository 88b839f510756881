"""就高、不重复 and prior support (docs/how-it-decides.md, 就高、不重复)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from helpers import app, code

from optimizer.domain import Status
from optimizer.rules.entitle import entitle
from optimizer.rules.policy import Policy

W = 10_000


def test_same_content_of_one_applicant_is_paid_once_at_the_higher_standard(policy: Policy) -> None:
    basic = app(application_id="B", clause="7a", content_key="一号工厂", row=2)
    honour = app(application_id="H", clause="8a", content_key="一号工厂", row=3)
    result = entitle([basic, honour], policy)
    assert [(e.status, e.amount) for e in result] == [(Status.DUPLICATE, 0), (None, 100 * W)]
    assert result[0].reasons[0].values == {"kept": "H"}


def test_the_same_key_of_another_applicant_is_another_content(policy: Policy) -> None:
    a = app(application_id="A", clause="7a", content_key="一号工厂")
    b = app(application_id="B", clause="7a", content_key="一号工厂", credit_code=code(2))
    assert [e.amount for e in entitle([a, b], policy)] == [50 * W, 50 * W]


def test_no_content_key_means_no_group(policy: Policy) -> None:
    a = app(application_id="A", clause="7a")
    b = app(application_id="B", clause="7a")
    assert [e.status for e in entitle([a, b], policy)] == [None, None]


def test_ties_keep_the_higher_score_then_earlier_then_smaller_id(policy: Policy) -> None:
    def group(*apps_: object) -> str:
        result = entitle(apps_, policy)  # type: ignore[arg-type]
        return next(e.application.application_id for e in result if e.status is None)

    same = {"clause": "7a", "content_key": "k"}
    assert group(app(application_id="A", score=Decimal(80), **same), app(application_id="B", score=Decimal(90),
                                                                           **same)) == "B"
    assert group(app(application_id="A", submitted_on=date(2026, 5, 1), **same),
                 app(application_id="B", submitted_on=date(2026, 4, 1), **same)) == "B"
    assert group(app(application_id="B", **same), app(application_id="A", **same)) == "A"


def test_ineligible_applications_do_not_take_part_in_the_group(policy: Policy) -> None:
    honour = app(application_id="H", clause="8a", content_key="k", qualified=False)
    basic = app(application_id="B", clause="7a", content_key="k")
    result = entitle([honour, basic], policy)
    assert [(e.status, e.amount) for e in result] == [(Status.INELIGIBLE, 0), (None, 50 * W)]


def test_prior_support_is_deducted_from_the_kept_one(policy: Policy) -> None:
    basic = app(application_id="B", clause="7a", content_key="k", prior_support=Decimal(300_000))
    honour = app(application_id="H", clause="8a", content_key="k")
    result = entitle([basic, honour], policy)
    assert result[1].amount == 100 * W - 300_000
    assert result[1].basis is not None and result[1].basis.prior_support == 300_000


def test_prior_support_with_fen_is_deducted_rounded_up(policy: Policy) -> None:
    [ent] = entitle([app(clause="7a", prior_support=Decimal("100.01"))], policy)
    assert ent.amount == 50 * W - 101


def test_support_at_an_equal_or_higher_standard_leaves_nothing(policy: Policy) -> None:
    [ent] = entitle([app(clause="7a", prior_support=Decimal(500_000))], policy)
    assert (ent.status, ent.amount, ent.reasons[0].code) == (Status.DUPLICATE, 0, "prior_support_covers")


def test_results_keep_the_input_order(policy: Policy) -> None:
    apps = [app(application_id=f"A{i}", clause="10", row=i + 2) for i in range(5)]
    assert [e.application.row for e in entitle(apps, policy)] == [2, 3, 4, 5, 6]


def test_every_failed_rule_is_named(policy: Policy) -> None:
    ent = entitle([app(clause="9", industry=None, investment=None, submitted_on=date(2026, 1, 1))], policy)[0]
    assert ent.status is Status.INELIGIBLE
    assert {r.code for r in ent.reasons} == {"industry_missing", "no_base", "outside_period"}
