"""What budgetopt says about the rules step, by code: (Chinese, English) templates (see catalog.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "scenario.no_budget": ("没有年度预算：请给出预算，或在情景文件中设置 budget",
                           "no budget: give a budget or set budget in the scenario"),
    "scenario.no_budget@cli": ("没有年度预算：请用 --budget 给出，或在情景文件中设置 budget",
                               "no budget: give --budget or set budget in the scenario file"),
}
