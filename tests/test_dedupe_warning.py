"""就高、不重复 after the allocation: a content kept at an application that went unfunded, while the one set aside is
worth more, is named in a warning for the bureau to confirm before the 公示 (docs/how-it-decides.md)."""

from __future__ import annotations

from decimal import Decimal

from helpers import ROOT, app, code, scenario_of, workbook_of

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
    said = [w for w in result.warnings if w.code == "dedupe.kept_unfunded_any"]  # the budget does not bind here
    with use_lang("zh"):
        assert [w.text() for w in said] == [
            "apps.xlsx：警告：1项内容按就高保留了核定额较高的申报，但该申报未获资助；让位的申报加权评分（权重×评审得分，"
            "括号内）更高：A-ASIDE（95）就高让位于A-KEPT（60）。这些内容本次未获任何资助；就高按核定额取舍，公示前请确认"]
    # in English 就高 and 公示 in words, the Chinese beside them, and no "content(s)" (an officer's review); the same
    # words on every face (the app's pages said it otherwise)
    english = (
        "apps.xlsx: warning: an item applied for more than once is paid once, at the higher standard (就高): the "
        "application of the higher entitlement is kept and the others are set aside. Items whose kept application "
        "went unfunded, while the one set aside is worth more (weight × score, in brackets): 1 — A-ASIDE (95) lost "
        "to A-KEPT (60). These items get nothing this time: the higher standard goes by entitlement, not by "
        "worth. Confirm them before the public notice (公示)")
    assert [w.text("en", face) for w in said for face in (None, "cli", "web")] == [english] * 3


def test_on_the_sample_only_the_content_set_aside_above_the_funding_line_is_named() -> None:
    """A review: of five contents whose set-aside application was worth more than the kept, four were below the
    funding line and would have gone unfunded either way; 2026-0277 (92) is the one that lost money."""
    result = allocate(ROOT / "data" / "sample_applications.xlsx", ROOT / "data" / "scenario_2026.toml")
    said = [w.text("zh") for w in result.warnings if w.code.startswith("dedupe.")]
    named = "不低于资助线（预算每增加1万元可资助的加权评分，约83.6）：2026-0277（92）就高让位于2026-0414（69.1）。"
    assert len(said) == 1 and named in said[0]
    (english,) = [w.says("en") for w in result.warnings if w.code.startswith("dedupe.")]
    assert ("no less than the funding line (the weighted score each further 10,000 yuan of budget funds, about 83.6): "
            "1 — 2026-0277 (92) lost to 2026-0414 (69.1). These items get nothing this time") in english


def test_no_warning_where_the_one_set_aside_is_worth_no_more() -> None:
    result = allocate(workbook_of(*year(55)), scenario_of(budget="60万", min_funding_ratio=0.5))
    assert {a.application_id: a.status for a in result.awards}["A-ASIDE"] is Status.DUPLICATE
    assert not [w for w in result.warnings if w.code.startswith("dedupe.")]
