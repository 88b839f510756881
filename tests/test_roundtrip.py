"""Property: any valid row, written to a workbook in any of the accepted forms, reads back to the same values."""

from __future__ import annotations

import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from helpers import EN_HEADERS, write_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.domain import Application
from optimizer.reading.applications import read_workbook
from optimizer.reading.fields import USCC_CHARS, uscc_check_character
from optimizer.rules.divisions import chongqing
from optimizer.rules.policy import load_policy
from optimizer.words import INDUSTRIES, SIZES

POLICY = load_policy()

words = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp", "Co", "Cn"), blacklist_characters="=+-@'"),
    min_size=1, max_size=20,
)
codes = st.text(st.sampled_from(USCC_CHARS), min_size=17, max_size=17).map(lambda s: s + uscc_check_character(s))
money = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2)


@st.composite
def applications(draw: st.DrawFn) -> Application:
    return Application(
        row=2,
        application_id=draw(words),
        applicant=draw(words),
        credit_code=draw(codes),
        district=draw(st.sampled_from(chongqing().names)),
        clause=draw(st.sampled_from(list(POLICY.clauses))),
        project=draw(words),
        score=draw(st.decimals(min_value=0, max_value=100, places=2)),
        submitted_on=draw(st.dates(date(2000, 1, 1), date(2099, 12, 31))),
        content_key=draw(st.none() | words),
        investment=draw(st.none() | money),
        requested=draw(st.none() | money.filter(lambda d: d > 0)),
        industry=draw(st.none() | st.sampled_from(list(INDUSTRIES))),
        enterprise_size=draw(st.none() | st.sampled_from(list(SIZES))),
        qualified=draw(st.none() | st.booleans()),
        prior_support=draw(money),
    )


def as_cells(a: Application, form: Any) -> dict[str, Any]:
    """The row as a person might type it: numbers or text with separators, dates or one of the text forms."""
    def number(d: Decimal | None) -> Any:
        if d is None:
            return None
        return f"{d:,}" if form.text_numbers else float(d)

    d = a.submitted_on
    dates = [d, d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日"]
    yes_no = {True: form.yes, False: form.no, None: None}
    return {
        "application_id": a.application_id, "applicant": a.applicant, "credit_code": a.credit_code,
        "district": a.district, "clause": a.clause.upper() if form.upper else a.clause, "project": a.project,
        "content_key": a.content_key, "investment": number(a.investment), "requested": number(a.requested),
        "score": number(a.score), "submitted_on": dates[form.date_form],
        "industry": INDUSTRIES[a.industry][0] if a.industry and form.chinese else a.industry,
        "enterprise_size": SIZES[a.enterprise_size][0] if a.enterprise_size and form.chinese else a.enterprise_size,
        "qualified": yes_no[a.qualified], "prior_support": number(a.prior_support),
    }


forms = st.builds(
    lambda text_numbers, date_form, upper, chinese, yes_no: type("Form", (), {
        "text_numbers": text_numbers, "date_form": date_form, "upper": upper, "chinese": chinese,
        "yes": yes_no[0], "no": yes_no[1]}),
    st.booleans(), st.integers(0, 3), st.booleans(), st.booleans(),
    st.sampled_from([(True, False), ("yes", "no"), ("是", "否"), ("Y", "N"), ("TRUE", "FALSE")]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applications(), forms)
def test_a_valid_row_reads_back_to_the_same_values(a: Application, form: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_rows(Path(folder) / "apps.xlsx", [as_cells(a, form)], EN_HEADERS)
        book = read_workbook(path, POLICY)
    assert book.valid == (a,)
