"""What budgetopt says about the solving step, by code: (Chinese, English) templates (see catalog.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
}
