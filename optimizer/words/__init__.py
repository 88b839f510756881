"""Words for people, in Chinese (the default) or English: every sentence budgetopt shows is made here.

- core.py: the run's language, `Phrase` (a code and its parameters), places (`file, sheet, row, column`);
- catalog.py and msg_*.py: the words of every phrase, by code — problems, refusals, errors, summaries;
- labels.py: names of the workbook's vocabulary, statuses, columns, sheets, kinds of limit;
- reasons.py: how an entitlement was set and why an award is less.
"""

from optimizer.words.core import (
    LANGS,
    Phrase,
    brief,
    default_lang,
    env_lang,
    few,
    library_reason,
    named,
    os_reason,
    pick,
    place_text,
    readable_name,
    render,
    set_lang,
    template,
    use_lang,
    with_place,
)
from optimizer.words.labels import (
    BASES,
    INDUSTRIES,
    LABELS,
    ROW_KINDS,
    SIZES,
    STATUS_LABELS,
    label,
    status_label,
)
from optimizer.words.reasons import award_reason, basis_text, ratio_text, reason_kind, reason_text

__all__ = [
    "BASES", "INDUSTRIES", "LABELS", "LANGS", "ROW_KINDS", "SIZES", "STATUS_LABELS", "Phrase", "award_reason",
    "basis_text", "brief", "default_lang", "env_lang", "few", "label", "library_reason", "named", "os_reason", "pick",
    "place_text", "ratio_text", "readable_name", "reason_kind", "reason_text", "render", "set_lang", "status_label",
    "template", "use_lang", "with_place",
]
