"""allocation.csv (README, Outputs): UTF-8 with BOM, one row per input row in input order, whole yuan."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from optimizer.domain import Award
from optimizer.results import AllocationResult
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


def award_reasons(awards: Sequence[Award], lang: str, policy: Policy) -> list[str]:
    """The `reason` of each award, in the CSV's words (each file of a run shows the same texts)."""
    clauses = policy.clauses
    return [award_reason(a, lang, clauses[a.clause].base if a.clause in clauses else None) for a in awards]


Row = tuple[str, str, str, str, str, str, int, int, str, str]


def allocation_rows(allocation: AllocationResult, policy: Policy, lang: str,
                    reasons: Sequence[str] | None = None) -> list[Row]:
    """The CSV's rows after its header, as written: text that came from a cell made inert, amounts in whole yuan.
    `reasons` are the award_reasons texts when the caller has them already."""
    texts = reasons if reasons is not None else award_reasons(allocation.awards, lang, policy)
    return [(inert(a.application_id), inert(a.applicant), inert(a.credit_code), inert(a.district), inert(a.clause),
             inert(a.score), a.entitlement, a.allocated, a.status.value, inert(reason))
            for a, reason in zip(allocation.awards, texts, strict=True)]


def allocation_csv(allocation: AllocationResult, policy: Policy, lang: str, reasons: Sequence[str] | None = None,
                   ) -> bytes:
    """The CSV's bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(allocation_rows(allocation, policy, lang, reasons))
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
