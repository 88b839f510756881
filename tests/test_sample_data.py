"""The shipped sample is what the generator makes from its seed, and it exercises what the policy asks."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from helpers import ROOT

from optimizer.domain import Status
from optimizer.reading.applications import read_workbook
from optimizer.rules.entitle import entitle
from optimizer.rules.policy import Policy

SAMPLE = ROOT / "data" / "sample_applications.xlsx"


def test_the_generator_rebuilds_the_sample_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "sample.xlsx"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample_data.py"), "--seed", "2026", "--out",
                    str(out)], check=True, capture_output=True)
    assert out.read_bytes() == SAMPLE.read_bytes()


def test_the_sample_uses_every_clause_and_every_outcome(policy: Policy) -> None:
    book = read_workbook(SAMPLE, policy)
    assert 380 <= book.rows_read <= 450
    assert {a.clause for a in book.valid} == set(policy.clauses)
    statuses = Counter(e.status for e in entitle(book.valid, policy))
    assert statuses[Status.INELIGIBLE] >= 20 and statuses[Status.DUPLICATE] >= 10 and statuses[None] >= 300
    reasons = {r.code for e in entitle(book.valid, policy) for r in e.reasons}
    assert {"superseded", "prior_support_covers", "not_qualified", "outside_period", "procurement",
            "industry_not_admitted", "size_not_admitted", "no_base"} <= reasons
