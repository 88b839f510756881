"""How two compared runs stand to each other, in words: their scenarios' differences key by key (and the award
ledgers they counted), the totals' labels, whether their objectives are in the same units, whether they allocate
the same year and share applications, whether nothing but the budget differs — what the valuation
(compare_words.py), the limits' check (compare_limits.py), the files and the app's page all start from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from optimizer.reading.run_folder import RunData
from optimizer.report.compare_ledger import counted_ledger, ledger_cell, ledgers_differ
from optimizer.report.scenario_words import SettingChange, differences
from optimizer.report.units import say
from optimizer.results import ComparisonResult
from optimizer.words import Phrase, pick

KINDS = {"changed": ("变化", "changed"), "only_a": ("仅在A", "only in A"), "only_b": ("仅在B", "only in B")}


TOTAL_LABELS = {
    "budget": ("年度预算（元）", "budget (yuan)"), "reserve": ("预留（元）", "reserve (yuan)"),
    "earlier_rounds": ("本年度此前各批已资助（元）", "granted in the year's earlier rounds (yuan)"),
    "available": ("可分配（元）", "available (yuan)"), "allocated": ("已分配（元）", "allocated (yuan)"),
    "unspent": ("未分配（元）", "unspent (yuan)"), "FUNDED": ("全额资助", "funded"),
    "PARTIAL": ("部分资助", "partly funded"), "UNFUNDED": ("未获资助", "not funded"),
    "INELIGIBLE": ("不符合条件", "ineligible"), "DUPLICATE": ("重复申报", "duplicate"),
    "INVALID": ("数据有误", "invalid"),
    "objective": ("目标值（Σ 权重×评审得分×分配额（元））", "objective (Σ weight × score × yuan)"),
}


def total_label(key: str, lang: str) -> str:
    return pick(TOTAL_LABELS.get(key, (key, key)), lang)


def scenario_changes(c: ComparisonResult, lang: str) -> list[SettingChange] | None:
    """How the two runs' scenarios differ, key by key — then the award ledgers they counted, when those differ (an
    officer's review: a 2027 run that counted the 2026 awards against one that counted none showed only the
    budgets); None when a run did not record its scenario's settings."""
    a, b = _scenario(c.a), _scenario(c.b)
    if a is None or b is None:
        return None
    changes = differences(a, b, lang)
    if ledgers_differ(c.a, c.b):
        changes.append(SettingChange("ledger", say("report.compare.ledger.row", lang),
                                     *(ledger_cell(counted_ledger(run)[1], lang) for run in (c.a, c.b))))
    return changes


def objectives_comparable(c: ComparisonResult) -> bool | None:
    """Whether the two objectives are in the same units: only under the same weights (Σ weight × score × yuan).
    None when a run did not record its weights."""
    a, b = _scenario(c.a), _scenario(c.b)
    if a is None or b is None:
        return None
    return not any(change.key.startswith("weight:") for change in differences(a, b, "en"))


def objective_note(c: ComparisonResult, lang: str, face: str | None = None) -> str:
    """Why the objectives are not compared, or "" when they are (as `face` words it: "web")."""
    comparable = objectives_comparable(c)
    if comparable:
        return ""
    if comparable is None:
        return Phrase.of("report.compare.objective_unknown").text(lang, face)
    changed = [ch for ch in differences(_scenario(c.a) or {}, _scenario(c.b) or {}, lang)
               if ch.key.startswith("weight:")]
    listed = [say("report.compare.weight_change", lang, name=ch.name[:1].lower() + ch.name[1:], a=ch.a, b=ch.b)
              for ch in changed]  # within the sentence: `(weight of clause 3: A 1, B 1.5)` (Chinese has no case)
    return Phrase.of("report.compare.objective_apart", weights=("；".join(listed), "; ".join(listed))).text(lang, face)


def run_year(run: RunData) -> int | None:
    """The year a run allocates, as its manifest records its scenario's; None when it records none."""
    scenario = run.manifest.get("scenario")
    year = scenario.get("year") if isinstance(scenario, Mapping) else None
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def application_ids(run: RunData) -> set[str]:
    """The application ids a run's allocation lists: two runs' rows are matched by them."""
    return {row.application_id for row in run.rows}


def apart(a: RunData, b: RunData) -> Phrase | None:
    """Why two runs' lists are neither valued against each other nor held to each other's limits: they have no
    application id in common, or they allocate different years (an id need not be the same application in two
    years' workbooks, and one year's weights, budget and limits say nothing about another year's applications: an
    officer's review read a 2027 run "worth 9081.9万 less" than a 2026 one); None when they may be."""
    if not application_ids(a) & application_ids(b):
        return Phrase.of("report.compare.no_common")
    years = run_year(a), run_year(b)
    if years[0] is not None and years[1] is not None and years[0] != years[1]:
        return Phrase.of("report.compare.years_apart", a=years[0], b=years[1])
    return None


def measured_alike(c: ComparisonResult) -> bool:
    """Whether measuring both lists by B says what measuring them by A says — the app then offers no choice: the runs
    are not valued against each other at all, or nothing but the budget differs (the same weights, the budgets'
    difference said rather than priced at either funding line, no other limit to hold either run to)."""
    if apart(c.a, c.b) is not None:
        return True
    changes = scenario_changes(c, "en")
    return changes is not None and {change.key for change in changes} <= {"budget"} and same_applications(c)


def only_budget_differs(c: ComparisonResult) -> bool | None:
    """Whether the two runs differ in nothing but the budget: their scenarios (names aside), the applications they
    allocate (ids, clauses, scores and entitlements) and the year's earlier rounds alike. None when a run did not
    record its scenario."""
    changes = scenario_changes(c, "en")
    if changes is None:
        return None
    if [change.key for change in changes] != ["budget"]:
        return False
    return same_applications(c)


def same_applications(c: ComparisonResult) -> bool:
    """Whether both runs allocate the same applications (ids, clauses, scores, entitlements) after the same earlier
    rounds of the year."""
    return (c.a.total("earlier_rounds") == c.b.total("earlier_rounds")
            and _applications(c.a) == _applications(c.b))


def _applications(run: RunData) -> Counter[tuple[str, str, Decimal | None, int]]:
    return Counter((row.application_id, row.clause, row.score, row.entitlement) for row in run.rows)


def _scenario(run: RunData) -> Mapping[str, Any] | None:
    scenario = run.manifest.get("scenario")
    return scenario if isinstance(scenario, Mapping) and "weights" in scenario else None


def one_side(c: ComparisonResult, lang: str, face: str | None = None) -> str:
    """When the runs have no application id in common, that every application is in one run only, said instead of
    listing them (an officer's review: 669 rows of "500万 · 全额资助 | —"); "" when they have one in common."""
    ids_a, ids_b = application_ids(c.a), application_ids(c.b)
    if ids_a & ids_b or not c.differences:
        return ""
    return Phrase.of("report.compare.one_side", a=len(ids_a), b=len(ids_b)).text(lang, face)
