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
_STARTS_LIKE_FORMULA = re.compile("\x00[=+\\-@\t\r\n]")  # in texts joined by NUL: one that starts like a formula


def inert(text: str) -> str:
    """Text no spreadsheet will run as a formula (OWASP CSV injection): a leading ' when it starts like one."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def inert_column(texts: list[str]) -> list[str]:
    """inert() of each text of a column, looked at one by one only when one of them starts like a formula (one
    search of the column joined: allocation.csv 30 → 24 ms at 10,000 applications)."""
    if _STARTS_LIKE_FORMULA.search("\x00" + "\x00".join(texts)) is None:
        return texts
    return [inert(text) for text in texts]


def award_reasons(awards: Sequence[Award], lang: str, policy: Policy) -> list[str]:
    """The `reason` of each award, in the CSV's words (each file of a run shows the same texts)."""
    clauses = policy.clauses
    return [award_reason(a, lang, clauses[a.clause].base if a.clause in clauses else None) for a in awards]


Row = tuple[str, str, str, str, str, str, int, int, str, str]


def allocation_rows(allocation: AllocationResult, policy: Policy, lang: str,
                    reasons: Sequence[str] | None = None) -> list[Row]:
    """The CSV's rows after its header, as written: text that came from a cell made inert, amounts in whole yuan.
    `reasons` are the award_reasons texts when the caller has them already."""
    awards = allocation.awards
    texts = reasons if reasons is not None else award_reasons(awards, lang, policy)
    return list(zip(inert_column([a.application_id for a in awards]), inert_column([a.applicant for a in awards]),
                    inert_column([a.credit_code for a in awards]), inert_column([a.district for a in awards]),
                    inert_column([a.clause for a in awards]), inert_column([a.score for a in awards]),
                    [a.entitlement for a in awards], [a.allocated for a in awards],
                    [a.status.value for a in awards], inert_column(list(texts)), strict=True))


def allocation_csv(allocation: AllocationResult, policy: Policy, lang: str, reasons: Sequence[str] | None = None,
                   ) -> bytes:
    """The CSV's bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(allocation_rows(allocation, policy, lang, reasons))
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
