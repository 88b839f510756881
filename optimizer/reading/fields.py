"""Reading one cell of the application workbook into its checked value (README, The application workbook).

Each reader takes what the spreadsheet holds (text, number, boolean, date) and returns the canonical value or
raises CellError with the words that end the sentence `file, sheet, row, column: <words>`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from operator import mul

from optimizer.money import AmountError, decimal_from_float, decimal_places, normalize_text, parse_number
from optimizer.reading.sheet import CellValue
from optimizer.rules.divisions import Division, chongqing
from optimizer.rules.policy import Policy
from optimizer.words import INDUSTRIES, SIZES


class CellError(ValueError):
    """What is wrong with one cell, worded to follow `column X: `."""


# GB 32100-2015: 31 characters (no I, O, S, V, Z) and the weights of positions 1–17.
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_DATE_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
)
MAX_AMOUNT = 10**15  # yuan: far beyond any subsidy; larger numbers are typing or export mistakes
_YES = {"yes", "y", "true", "是"}
_NO = {"no", "n", "false", "否"}
_UNIT_IN_CELL = re.compile(r"[\d.,]+\s*(万元|万|亿元|亿|元)$")


def display(value: CellValue) -> str:
    """A cell as the spreadsheet shows it, for messages and for rows that could not be read."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value or abs(value) >= 1e15:
            return format(value, ".15g")  # NaN, inf, 1e+300: as a spreadsheet shows them
        return format(decimal_from_float(value), "f")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def is_empty(value: CellValue) -> bool:
    return value is None or (type(value) is str and not value.strip())  # str.strip() knows full-width spaces


def text(value: CellValue) -> str:
    """Any non-empty cell as text (a number typed in a text column counts as the digits it shows)."""
    shown = normalize_text(display(value)) if not isinstance(value, str) else value.strip()
    if not shown:
        raise CellError("is empty")
    return shown


def credit_code(value: CellValue) -> str:
    """An 18-character unified social credit code whose check character is right (GB 32100-2015)."""
    if type(value) is str and len(value) == 18 and value.isascii() and value.isalnum():
        code = value.upper()  # the usual case, without the normalising below
    else:
        code = normalize_text(display(value)).replace(" ", "").upper()
    if len(code) != 18:
        raise CellError(f"'{display(value)}' must have 18 characters, found {len(code)}")
    return _checked_code(code)


@lru_cache(maxsize=2**16)
def _checked_code(code: str) -> str:
    """The code if its characters and check character are right (an applicant's code recurs on each application)."""
    for position, char in enumerate(code, start=1):
        if char not in USCC_CHARS:
            raise CellError(
                f"character '{char}' at position {position} is not allowed "
                "(a credit code uses 0-9 and A-Z without I, O, S, V, Z)"
            )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise CellError(f"check character is '{code[17]}', expected '{expected}'")
    return code


_USCC_VALUE = {char: value for value, char in enumerate(USCC_CHARS)}


def uscc_check_character(first17: str) -> str:
    if len(first17) != len(USCC_WEIGHTS):
        raise ValueError(f"a credit code's check character follows 17 characters, not {len(first17)}")
    total = sum(map(mul, map(_USCC_VALUE.__getitem__, first17), USCC_WEIGHTS))  # in C: once per applicant
    return USCC_CHARS[(31 - total % 31) % 31]


def district(value: CellValue) -> Division:
    division = _division(display(value))
    if division is None:
        raise CellError(f"'{display(value)}' is not one of Chongqing's county-level divisions")
    return division


def clause(value: CellValue, policy: Policy) -> str:
    """A clause id of the policy model: `7a`, `7A`, ` 7a `, `７ａ` and the number 12 are all read."""
    raw = display(value)
    if raw in policy.clauses:
        return raw
    cid = normalize_text(raw).replace(" ", "").lower()
    if cid.endswith(".0") and cid[:-2].isdigit():
        cid = cid[:-2]
    if cid in policy.clauses:
        return cid
    parents = policy.parent_ids()
    if cid in parents:
        options = " or ".join(f"{c} ({policy.clause(c).title_zh})" for c in parents[cid])
        raise CellError(f"clause {cid} has separate awards: write {options}")
    raise CellError(f"'{raw}' is not a clause of {policy.number} ({policy.ids_text()})")


def money(value: CellValue, unit: Decimal, *, positive: bool = False) -> Decimal:
    """An amount in yuan from a cell in yuan or 万元 (`unit`); at most two decimals (分) once in yuan."""
    amount = _number(value) * unit
    if abs(amount) > MAX_AMOUNT:
        raise CellError(f"{display(value)} is too large to be an amount (at most {MAX_AMOUNT:,} yuan)")
    if amount < 0:
        raise CellError(f"must not be negative, found {display(value)}")
    if positive and amount == 0:
        raise CellError("must be more than 0")
    if decimal_places(amount) > 2:
        raise CellError(f"{display(value)} has more than two decimals of a yuan (分)")
    return amount


def score(value: CellValue) -> Decimal:
    number = _number(value)
    if not 0 <= number <= 100:
        raise CellError(f"must be between 0 and 100, found {display(value)}")
    return number


def submitted_on(value: CellValue) -> date:
    """An Excel date, or text as 2026-03-15, 2026/3/15 or 2026年3月15日."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError(f"{display(value)} is a number, not a date (format the cell as a date, or write 2026-03-15)")
    shown = normalize_text(display(value)).replace(" ", "")
    for form in _DATE_FORMS:
        match = form.fullmatch(shown)
        if match:
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                raise CellError(f"'{display(value)}' is not a real date") from None
    raise CellError(f"'{display(value)}' is not a date (write 2026-03-15, 2026/3/15 or 2026年3月15日, "
                    "or use an Excel date)")


def industry(value: CellValue) -> str:
    return _code(value, "industry")


def enterprise_size(value: CellValue) -> str:
    return _code(value, "size")


def yes_no(value: CellValue) -> bool:
    if isinstance(value, bool):
        return value
    word = normalize_text(display(value)).casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellError(f"'{display(value)}' is not yes or no (write yes/no, 是/否, Y/N or TRUE/FALSE)")


def _number(value: CellValue) -> Decimal:
    if isinstance(value, bool):
        raise CellError(f"{display(value)} is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        try:
            return decimal_from_float(value)
        except AmountError as exc:
            raise CellError(str(exc)) from None
    if isinstance(value, (date, datetime)):
        raise CellError(f"{display(value)} is a date, not a number")
    if not isinstance(value, str):
        raise CellError(f"{display(value)} is not a number")
    try:
        return parse_number(value)
    except AmountError as exc:
        if _UNIT_IN_CELL.search(normalize_text(value)):
            raise CellError(f"'{value.strip()}' carries a unit; write the number alone and put the unit in the "
                            "column header, e.g. 申请金额（万元）") from None
        raise CellError(str(exc)) from None


_TABLES: Mapping[str, tuple[Mapping[str, tuple[str, str]], str, tuple[str, ...]]] = {
    "industry": (INDUSTRIES, "an industry", ("行业", "业")),
    "size": (SIZES, "an enterprise size", ("企业",)),
}


def _code(value: CellValue, table: str) -> str:
    code = _lookup(table, display(value))
    if code is None:
        codes, what, _ = _TABLES[table]
        options = ", ".join(f"{code} {zh}" for code, (zh, _) in codes.items())
        raise CellError(f"'{display(value)}' is not {what} (one of {options})")
    return code


@cache
def _lookup(table: str, shown: str) -> str | None:
    """The code a cell names: by code, English or Chinese name (with a usual suffix), any case or width."""
    codes, _, suffixes = _TABLES[table]
    word = normalize_text(shown).replace(" ", "")
    folded = word.casefold()
    for code, (zh, en) in codes.items():
        if folded in (code, en.casefold()) or word == zh or any(word == zh + s for s in suffixes):
            return code
    return None


@cache
def _division(shown: str) -> Division | None:
    return chongqing().lookup(shown)
