"""Amounts: the command-line and scenario syntax, exact decimals, whole yuan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from optimizer.money import (
    AMOUNT_MESSAGES,
    AmountError,
    bare,
    decimal_from_float,
    floor_yuan,
    format_amount,
    format_wan,
    format_yuan,
    parse_amount,
    parse_number,
    parse_rate,
    whole_fen,
)
from optimizer.words import Phrase
from optimizer.words.catalog import CATALOG


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


@pytest.mark.parametrize(("text", "amount"), [("3000元", 3000), ("0.5元", Decimal("0.5")), ("1,200元", 1200),
                                              ("12000万元", 120_000_000), ("1.2亿元", 120_000_000)])
def test_yuan_may_be_said(text: str, amount: object) -> None:
    assert parse_amount(text) == amount


@pytest.mark.parametrize(("value", "is_bare"), [(3000, True), (2.5, True), (Decimal(7), True), ("3,000", True),
                                                (" 3000 ", True), ("3000元", False), ("0.3万", False),
                                                ("1亿", False), ("１２万元", False)])
def test_an_amount_without_a_unit_is_bare(value: object, is_bare: bool) -> None:
    assert bare(value) is is_bare  # type: ignore[arg-type]


@pytest.mark.parametrize(("call", "code", "english"), [
    (lambda: parse_number(""), "amount.empty", "is empty"),
    (lambda: parse_number("1,23,456"), "amount.misplaced_separators", "'1,23,456' has misplaced thousands separators"),
    (lambda: parse_number("x1"), "amount.not_a_number", "'x1' is not a number"),
    (lambda: decimal_from_float(float("nan")), "amount.not_finite", "nan is not a number"),
    (lambda: parse_amount(True), "amount.wrong_type", "True is not an amount"),
    (lambda: parse_amount("lots"), "amount.not_an_amount",
     "'lots' is not an amount (write e.g. 120000000, 120,000,000, 12000万 or 1.2亿)"),
    (lambda: parse_amount([1]), "amount.wrong_type", "[1] is not an amount"),  # type: ignore[arg-type]
    (lambda: parse_amount(Decimal("NaN")), "amount.not_finite", "NaN is not a number"),
    (lambda: parse_amount("10000000.01亿"), "amount.too_large",
     "10000000.01亿 is too large to be an amount (at most 1,000,000,000,000,000 yuan)"),
    # Decimal holds 1e999999999, but multiplying it by a unit, or normalising it, overflowed (decimal.Overflow)
    (lambda: parse_number("1e999999999"), "amount.out_of_range",
     "'1e999999999' is no amount, score or rate: its exponent is beyond ±100,000"),
    (lambda: parse_number("0e999999999"), "amount.out_of_range",
     "'0e999999999' is no amount, score or rate: its exponent is beyond ±100,000"),
    (lambda: parse_rate("-1E-999999999"), "amount.out_of_range",
     "'-1E-999999999' is no amount, score or rate: its exponent is beyond ±100,000"),
    (lambda: parse_amount("1e999999999万"), "amount.not_an_amount",
     "'1e999999999万' is not an amount (write e.g. 120000000, 120,000,000, 12000万 or 1.2亿)"),
])
def test_what_is_wrong_with_an_amount_is_a_phrase(call: object, code: str, english: str) -> None:
    with pytest.raises(AmountError) as caught:
        call()  # type: ignore[operator]
    error = caught.value
    assert (error.code, str(error)) == (code, english)
    assert Phrase.of(error.code, at="", **error.params).text("en") == english


def test_the_amount_messages_are_the_catalogues_english() -> None:
    for code, english in AMOUNT_MESSAGES.items():
        assert CATALOG[code][1] == "{at}" + english, code
    assert Phrase.of("amount.not_an_amount", at=("预算：", "budget: "), shown="lots").text("zh") == (
        "预算：“lots”不是金额（可写作 120000000、120,000,000、12000万、1.2亿，或 3000元）")
    assert Phrase.of("amount.misplaced_separators", at="", shown="1,23").text("zh") == (
        "“1,23”的千位分隔符位置不对（应每三位一个逗号）")


@given(st.decimals(min_value=-10**15, max_value=10**15, allow_nan=False, allow_infinity=False, places=None))
def test_whole_fen_is_at_most_two_decimals(amount: Decimal) -> None:
    """whole_fen by a remainder: the same answer as counting the decimals of the amount without trailing zeros
    (an amount as money() gives it: a product, so within the context's 28 digits)."""
    amount = +amount
    exponent = amount.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    assert whole_fen(amount) == (exponent >= -2)
