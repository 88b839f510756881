"""Amounts of money: what people type, read exactly as Decimal; what the optimiser pays, in whole yuan.

Binary floating point never touches an amount on its way in: text is parsed digit by digit, and a number Excel
stored as a double is read as the (at most 15 significant digit) decimal Excel itself shows.

An amount is written `120000000`, `120,000,000`, `3000元`, `12000万`, `12000万元` or `1.2亿`; `bare` tells the
callers that refuse an implausibly small number written without a unit (a budget of `3000` is surely 3000万).
"""

from __future__ import annotations

import operator
import re
import unicodedata
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from functools import lru_cache

MAX_AMOUNT = 10**15  # yuan: far beyond any subsidy or budget; larger numbers are typing or export mistakes
WAN = Decimal(10_000)
YI = Decimal(100_000_000)
_FEN = Decimal("0.01")

UNITS: dict[str, Decimal] = {"": Decimal(1), "元": Decimal(1), "万": WAN, "万元": WAN, "亿": YI, "亿元": YI}

EXPONENT_MOST = 100_000  # a written number's exponent, either way: `1e999999999` overflowed Decimal's arithmetic
                        # (its limit: 999,999); 1e400 is still read, to be refused as too large
_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?|[+-]?\.\d+")
# the number greedy, its spaces before a unit left to parse_number: `*?` then `\s*` was quadratic in a run of spaces
_AMOUNT = re.compile(r"(?P<number>[^万亿元]*)(?P<unit>万元|亿元|万|亿|元)?")


# What AmountError says, in English (str(error)); `code` names it for the words catalogue (optimizer/words/msg_rules.py,
# where each template takes an `{at}` prefix naming the key or column first, and has its Chinese).
AMOUNT_MESSAGES: dict[str, str] = {
    "amount.empty": "is empty",
    "amount.misplaced_separators": "'{shown}' has misplaced thousands separators",
    "amount.not_a_number": "'{shown}' is not a number",
    "amount.not_finite": "{shown} is not a number",
    "amount.wrong_type": "{shown} is not an amount",
    "amount.too_large": "{shown} is too large to be an amount (at most {limit} yuan)",
    "amount.out_of_range": "'{shown}' is no amount, score or rate: its exponent is beyond ±{most}",
    "amount.not_an_amount": "'{shown}' is not an amount (write e.g. 120000000, 120,000,000, 12000万 or 1.2亿)",
}


class AmountError(ValueError):
    """A piece of text that is not an amount: `code` and `params` say what is wrong with it (the words catalogue has
    them in Chinese and English, as `Phrase.of(error.code, at=..., **error.params)`); str() is the English."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(AMOUNT_MESSAGES[code].format_map(params))
        self.code = code
        self.params = params


def normalize_text(text: str) -> str:
    """NFKC (full-width digits, letters, commas and brackets become ASCII) and no surrounding spaces."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_number(text: str) -> Decimal:
    """A number as people write it in a cell: `12345.6`, `12,345.60`, `１２，３４５`, ` 7 `.

    Thousands separators must group by three; a comma anywhere else is refused rather than guessed at.
    """
    cleaned = normalize_text(text).replace(" ", "")
    if not cleaned:
        raise AmountError("amount.empty")
    if not _NUMBER.fullmatch(cleaned):
        if re.fullmatch(r"[+-]?[\d,]+(\.\d+)?", cleaned):
            raise AmountError("amount.misplaced_separators", shown=text.strip())
        raise AmountError("amount.not_a_number", shown=text.strip())
    try:
        number = Decimal(cleaned.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid decimals
        raise AmountError("amount.not_a_number", shown=text.strip()) from exc
    if not -EXPONENT_MOST <= number.adjusted() <= EXPONENT_MOST:  # 0E+999999999 too
        raise AmountError("amount.out_of_range", shown=text.strip(), most=f"{EXPONENT_MOST:,}")
    return number


@lru_cache(maxsize=2**14)  # scores and amounts recur across a year's rows
def decimal_from_float(value: float) -> Decimal:
    """The decimal Excel shows for a stored double: 15 significant digits, trailing zeros dropped."""
    if value != value or value in (float("inf"), float("-inf")):
        raise AmountError("amount.not_finite", shown=str(value))
    if value.is_integer() and -1e15 < value < 1e15:
        return Decimal(int(value))
    return _tidy(Decimal(format(value, ".15g")))


def parse_amount(value: str | int | float | Decimal) -> Decimal:
    """An amount in yuan from the command line, a scenario file or a policy model.

    `120000000`, `120,000,000`, `12000万`, `1.2亿` and `12000万元` are the same amount; `3000元` is 3000 yuan. Anything
    else, and an amount above MAX_AMOUNT (`"1e400元"` once overflowed in the solver), is an AmountError.
    """
    amount = _amount_of(value)
    if not amount.is_finite():
        raise AmountError("amount.not_finite", shown=str(value))
    if amount > MAX_AMOUNT:
        raise AmountError("amount.too_large", shown=str(value), limit=f"{MAX_AMOUNT:,}")
    return amount


def _amount_of(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):  # a list, a table, …
        raise AmountError("amount.wrong_type", shown=repr(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return decimal_from_float(value)
    if isinstance(value, Decimal):
        return value
    text = normalize_text(value)
    match = _AMOUNT.fullmatch(text)
    refusal = AmountError("amount.not_an_amount", shown=value)
    if not match or not match.group("number").strip():
        raise refusal
    try:
        number = parse_number(match.group("number"))
    except AmountError as exc:
        raise refusal from exc
    return _tidy(number * UNITS[match.group("unit") or ""])


def bare(value: str | int | float | Decimal) -> bool:
    """Whether an amount is written without a unit: a number (`3000`, `2.5`), or text without 元, 万 or 亿 (`"3,000"`).

    >>> [bare(v) for v in (3000, "3,000", "3000元", "0.3万")]
    [True, True, False, False]
    """
    if not isinstance(value, str):
        return True
    match = _AMOUNT.fullmatch(normalize_text(value))
    return match is None or match.group("unit") is None


def parse_rate(value: str | int | float) -> Decimal:
    """A rate such as `10%`, `0.1` or `30%`, as an exact fraction."""
    text = normalize_text(str(value)) if not isinstance(value, float) else format(value, ".15g")
    percent = text.endswith("%")
    number = parse_number(text.rstrip("%"))
    return _tidy(number / 100 if percent else number)


def floor_yuan(amount: Decimal) -> int:
    """Whole yuan, rounded down: ⌊1,234,567.89⌋ = 1,234,567."""
    return int(amount.to_integral_value(rounding=ROUND_FLOOR))


def ceil_yuan(amount: Decimal) -> int:
    """Whole yuan, rounded up (for lower limits, which must not be undercut by rounding)."""
    return int(amount.to_integral_value(rounding=ROUND_CEILING))


def whole_fen(amount: Decimal) -> bool:
    """Whether an exact amount (below 10²⁵) has at most two decimals once trailing zeros are dropped: `12.50`,
    `1E+3` yes, `0.005` no. A remainder: 0.1 µs a money cell, where normalising to count its decimals took 1.4 µs."""
    return amount % _FEN == 0


def format_yuan(amount: int | Decimal) -> str:
    """`1,234,567` (and `1,234,567.5` when there are fen)."""
    if isinstance(amount, Decimal) and amount != amount.to_integral_value():
        return f"{amount:,f}"
    return f"{int(amount):,}"


def format_wan(amount: int | Decimal) -> str:
    """`123.46万` — 万元 to two decimals, for people reading summaries."""
    return f"{Decimal(amount) / WAN:,.2f}万"


def format_amount(amount: int | Decimal) -> str:
    """The shortest exact way to write an amount the way a scenario would: `1.2亿`, `500万`, `1234567`."""
    value = Decimal(amount)
    for unit, size in (("亿", YI), ("万", WAN)):
        if value and value * 100 % size == 0 and abs(value) >= size:
            return f"{_tidy(value / size):f}{unit}"
    return f"{_tidy(value):f}"


def said_amount(amount: int | Decimal) -> tuple[str, str]:
    """An amount as a sentence says it, (Chinese, English): exactly, in 万 or 亿 from 1万 up, and in a form a scenario
    or the budget field reads back — `500万元`/`500万`, `1.2亿元`/`1.2亿`, `650.009万元`/`650.009万` (6,500,090
    yuan), `9,000元`/`9,000 yuan`.

    >>> said_amount(6_500_090), said_amount(150_000_000), said_amount(9_000)
    (('650.009万元', '650.009万'), ('1.5亿元', '1.5亿'), ('9,000元', '9,000 yuan'))
    """
    value = Decimal(amount)
    short = format_amount(value)
    if not short.endswith(("万", "亿")):
        if abs(value) < WAN:
            shown = f"{_tidy(value):,f}"
            return f"{shown}元", f"{shown} yuan"
        short = f"{_tidy(value / WAN):,f}万"
    return f"{short}元", short


@lru_cache(maxsize=2**12)  # scores recur on every row; equal decimals (85, 85.0) are written alike anyway
def format_decimal(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: `85`, `85.5`, `0.25`."""
    return f"{_tidy(value):f}"


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation for whole numbers."""
    normalized = value.normalize()
    exponent = normalized.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        try:
            return normalized.quantize(Decimal(1))
        except InvalidOperation:  # more digits than the context holds (1E+300): keep the exponent
            return normalized
    return normalized


def whole_number(value: object) -> int | None:
    """`value` as a whole number when it is one — an int or numpy's, not a bool (True is no count) — else None. The
    one reading of a whole-number argument: an entry's number, a number of entries, days, a batch."""
    if isinstance(value, bool):
        return None
    try:
        return operator.index(value)  # type: ignore[arg-type]  # anything else is a TypeError
    except TypeError:
        return None
