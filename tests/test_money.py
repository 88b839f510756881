"""Amounts: the command-line and scenario syntax, exact decimals, whole yuan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from optimizer.money import (
    AmountError,
    decimal_from_float,
    floor_yuan,
    format_amount,
    format_wan,
    format_yuan,
    parse_amount,
    parse_number,
    parse_rate,
)


@pytest.mark.parametrize("text", ["120000000", "120,000,000", "12000万", "1.2亿", "12000万元", " 1.2 亿 ",
                                  "１２０００万", 120_000_000, 120000000.0])
def test_the_same_amount_written_four_ways(text: object) -> None:
    assert parse_amount(text) == Decimal(120_000_000)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "万", "12万万", "twelve", "1,2000万", "12000 万 元"])
def test_what_is_not_an_amount(text: str) -> None:
    with pytest.raises(AmountError):
        parse_amount(text)


def test_the_floor_of_ten_percent_is_exact() -> None:
    assert floor_yuan(Decimal("0.1") * Decimal("12345678.90")) == 1_234_567


def test_floats_are_read_as_excel_shows_them() -> None:
    assert decimal_from_float(0.1 + 0.2) == Decimal("0.3")
    assert decimal_from_float(12345678.9) == Decimal("12345678.9")
    assert decimal_from_float(4e7) == Decimal(40_000_000)


@pytest.mark.parametrize(("text", "rate"), [("10%", "0.1"), ("0.3", "0.3"), ("20%", "0.2"), (0.1, "0.1")])
def test_rates(text: object, rate: str) -> None:
    assert parse_rate(text) == Decimal(rate)  # type: ignore[arg-type]


def test_thousands_separators_must_group_by_three() -> None:
    with pytest.raises(AmountError, match="misplaced thousands separators"):
        parse_number("1,23,456")


def test_formats() -> None:
    assert format_yuan(1234567) == "1,234,567"
    assert format_wan(123_456_789) == "12,345.68万"
    assert (format_amount(120_000_000), format_amount(5_000_000), format_amount(1_234_567)) == (
        "1.2亿", "500万", "1234567")


@given(st.integers(min_value=0, max_value=10**12))
def test_format_amount_reads_back(amount: int) -> None:
    assert parse_amount(format_amount(amount)) == amount
