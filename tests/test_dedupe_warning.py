"""就高、不重复 after the allocation: a content kept at an application that went unfunded, while the one set aside is
worth more, is named in a warning for the bureau to confirm before the 公示 (docs/how-it-decides.md)."""

from __future__ import annotations

from decimal import Decimal

from helpers import app, code, scenario_of, workbook_of

from optimizer import allocate
from optimizer.domain import Status
from optimizer.words import use_lang


def year(score_set_aside: int) -> list[object]:
    kept = app(row=2, application_id="A-KEPT", clause="11a", credit_code=code(1), content_key="数字化改造",
               requested=Decimal(300_000), score=Decimal(60))
    aside = app(row=3, application_id="A-ASIDE", clause="11b", credit_code=code(1), content_key="数字化改造",
                requested=Decimal(250_000), score=Decimal(score_set_aside))
    rival = app(row=4, application_id="A-RIVAL", clause="10", credit_code=code(2), score=Decimal(99))
    return [kept, aside, rival]


def test_a_content_kept_unfunded_while_the_one_set_aside_is_worth_more_is_warned() -> None:
    result = allocate(workbook_of(*year(95)), scenario_of(budget="60万", min_funding_ratio=0.5))
    statuses = {a.application_id: a.status for a in result.awards}
    assert statuses == {"A-KEPT": Status.UNFUNDED, "A-ASIDE": Status.DUPLICATE, "A-RIVAL": Status.FUNDED}
    said = [w for w in result.warnings if w.code == "dedupe.kept_unfunded"]
    with use_lang("zh"):
        assert [w.text() for w in said] == [
            "apps.xlsx：警告：1项内容按就高保留了核定额较高的申报，但该申报未获资助，而让位的申报加权评分更高（括号内为权重×评审得分）："
            "A-ASIDE（95）就高让位于A-KEPT（60）。这些内容本次未获任何资助；就高按核定额取舍（how-it-decides.md），公示前请确认"]
    assert said[0].text("en").startswith("apps.xlsx: warning: 1 content(s) kept at the application of the higher ")


def test_no_warning_where_the_one_set_aside_is_worth_no_more() -> None:
    result = allocate(workbook_of(*year(55)), scenario_of(budget="60万", min_funding_ratio=0.5))
    assert {a.application_id: a.status for a in result.awards}["A-ASIDE"] is Status.DUPLICATE
    assert not [w for w in result.warnings if w.code == "dedupe.kept_unfunded"]
