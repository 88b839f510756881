"""Every phrase budgetopt says, by code: (Chinese, English) templates, one catalogue per part of the flow.

A code may have a variant for one face (`code@cli`, `code@web`) where that face says it its own way — the command
line names its options, the library its arguments. A test checks that both languages of every template take the
same parameters, and that no two catalogues define a code twice.
"""

from __future__ import annotations

from collections.abc import Mapping

from optimizer.words import (
    msg_audit,
    msg_compare,
    msg_faces,
    msg_goal,
    msg_import,
    msg_ledger,
    msg_min_budget,
    msg_notice,
    msg_plan,
    msg_reading,
    msg_report,
    msg_rules,
    msg_solving,
    msg_stability,
    msg_web,
)

CATALOGUES: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "reading": msg_reading.MESSAGES,
    "rules": msg_rules.MESSAGES,
    "solving": msg_solving.MESSAGES,
    "faces": msg_faces.MESSAGES,
    "audit": msg_audit.MESSAGES,
    "report": msg_report.MESSAGES,
    "web": msg_web.MESSAGES,
    "ledger": msg_ledger.MESSAGES,
    "import": msg_import.MESSAGES,
    "notice": msg_notice.MESSAGES,
    "stability": msg_stability.MESSAGES,
    "plan": msg_plan.MESSAGES,
    "goal": msg_goal.MESSAGES,
    "min_budget": msg_min_budget.MESSAGES,
    "compare": msg_compare.MESSAGES,
}

CATALOG: Mapping[str, tuple[str, str]] = {code: words for catalogue in CATALOGUES.values()
                                           for code, words in catalogue.items()}
