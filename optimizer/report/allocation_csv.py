"""allocation.csv (CONTRACT §5): UTF-8 with BOM, one row per input row in input order, whole yuan."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from optimizer.jobs.allocate import Allocation
from optimizer.rules.policy import Policy
from optimizer.words import award_reason

COLUMNS = ("application_id", "applicant", "credit_code", "district", "clause", "score", "entitlement", "allocated",
           "status", "reason")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def inert(text: str) -> str:
    """Text no spreadsheet will run as a formula (OWASP CSV injection): a leading ' when it starts like one."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def allocation_csv(allocation: Allocation, policy: Policy, lang: str, reasons: Sequence[str] | None = None) -> bytes:
    """The CSV's bytes; `reasons` are the award_reason texts when the caller has them already."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    texts = reasons if reasons is not None else [award_reason(a, lang, policy) for a in allocation.awards]
    for a, reason in zip(allocation.awards, texts, strict=True):
        writer.writerow([inert(a.application_id), inert(a.applicant), inert(a.credit_code), inert(a.district),
                         inert(a.clause), inert(a.score), a.entitlement, a.allocated, a.status.value,
                         inert(reason)])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
