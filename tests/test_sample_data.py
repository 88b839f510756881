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


def test_the_generator_rebuilds_the_2027_sample_and_the_other_policys_awards(tmp_path: Path) -> None:
    out, awards = tmp_path / "2027.xlsx", tmp_path / "awards.xlsx"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample_data.py"), "--year", "2027", "--seed", "2027",
                    "--rows", "200", "--previous", str(SAMPLE), "--out", str(out), "--awards-out", str(awards)],
                   check=True, capture_output=True, cwd=ROOT)
    assert out.read_bytes() == (ROOT / "data" / "sample_applications_2027.xlsx").read_bytes()
    assert awards.read_bytes() == (ROOT / "data" / "awards_other_policy_2026.xlsx").read_bytes()


def test_the_2027_sample_repeats_2026_contents_and_names_linked_enterprises(policy: Policy) -> None:
    earlier = {(a.credit_code, a.content_key) for a in read_workbook(SAMPLE, policy).valid if a.content_key}
    book = read_workbook(ROOT / "data" / "sample_applications_2027.xlsx", policy)
    assert {a.submitted_on.year for a in book.valid} == {2026, 2027}  # a few sent in December: not this year's
    assert len([a for a in book.valid if (a.credit_code, a.content_key) in earlier]) >= 5
    assert len({a.credit_code for a in book.valid if a.group == "长江集团"}) >= 3


def test_the_sample_uses_every_clause_and_every_outcome(policy: Policy) -> None:
    book = read_workbook(SAMPLE, policy)
    assert 380 <= book.rows_read <= 450
    assert {a.clause for a in book.valid} == set(policy.clauses)
    statuses = Counter(e.status for e in entitle(book.valid, policy))
    assert statuses[Status.INELIGIBLE] >= 20 and statuses[Status.DUPLICATE] >= 10 and statuses[None] >= 300
    reasons = {r.code for e in entitle(book.valid, policy) for r in e.reasons}
    assert {"superseded", "prior_support_covers", "not_qualified", "outside_period", "procurement",
            "industry_not_admitted", "size_not_admitted", "no_base"} <= reasons
