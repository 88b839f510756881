"""What budgetopt says about the reading step, by code: (Chinese, English) templates (see catalog.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
}
