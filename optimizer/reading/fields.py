"""Reading one cell of the application workbook into its checked value (README, The application workbook).

Each reader takes what the spreadsheet holds (text, number, boolean, date) and returns the canonical value or
raises CellError with the phrase that ends the sentence `file, sheet, row, column: <words>` (worded in Chinese or
English when it is shown; optimizer/words/msg_reading.py holds the words). Readers run once per cell on workbooks of
100,000 rows: a phrase is made only for a cell that is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache, lru_cache
from operator import mul

from optimizer.money import (
    MAX_AMOUNT,
    WAN,
    YI,
    AmountError,
    decimal_from_float,
    format_decimal,
    normalize_text,
    parse_number,
    whole_fen,
)
from optimizer.reading.sheet import CellValue
from optimizer.rules.divisions import Division, chongqing
from optimizer.rules.policy import Policy
from optimizer.words import INDUSTRIES, SIZES, Phrase, brief


class CellError(ValueError):
    """What is wrong with one cell: a phrase worded to follow `column X: `. A cell it quotes (`shown`) is cut to
    100 characters, the rest counted (`words.brief`): a message is for reading."""

    def __init__(self, phrase: Phrase) -> None:
        phrase = replace(phrase, params=tuple((key, brief(value) if key == "shown" else value)
                                              for key, value in phrase.params))
        super().__init__(phrase)
        self.phrase = phrase

    @classmethod
    def of(cls, code: str, **params: object) -> CellError:
        return cls(Phrase.of(code, **params))

    def __str__(self) -> str:
        return self.phrase.text()


@dataclass(frozen=True)
class MoneyColumn:
    """A money column as its header writes it: the unit its cells are in (WAN or 1), the header, and the unit the
    header states (`万元`, `元`), None when it states none (then the cells are yuan)."""

    unit: Decimal = Decimal(1)
    header: str = ""
    stated: str | None = None


YUAN_COLUMN = MoneyColumn()


# GB 32100-2015: 31 characters (no I, O, S, V, Z) and the weights of positions 1–17.
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_DATE_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
)
_YES = {"yes", "y", "true", "是"}
_NO = {"no", "n", "false", "否"}
_UNIT_IN_CELL = re.compile(r"[\d.,]\s*(万元|万|亿元|亿|元)\Z")  # one digit before: `[\d.,]+` made search() quadratic
_NUMBER_WITH_UNIT = re.compile(r"(?P<number>[+-]?[\d.,]+)\s*(?P<unit>万元|万|亿元|亿|元)")
_MISPLACED_SEPARATORS = re.compile(r"[+-]?[\d,]+(\.\d+)?")
_UNIT_SIZES = {"万元": WAN, "万": WAN, "亿元": YI, "亿": YI, "元": Decimal(1)}


EXCEL_CELL_CHARACTERS = 32_767  # the most an Excel cell holds: longer text comes only from a hand-made file
                                # (and would be cut short in allocation.xlsx)


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
    if isinstance(value, timedelta):  # a cell formatted as a duration, as Excel shows it ([h]:mm:ss)
        total = round(value.total_seconds())
        hours, seconds = divmod(abs(total), 3600)
        return f"{'-' if total < 0 else ''}{hours}:{seconds // 60:02d}:{seconds % 60:02d}"
    return str(value).strip()


def one_line(text: str) -> bool:
    """Whether text holds no line break or other control character (C0, DEL, C1): what one cell of every table, reason
    and 公示 list showing it can carry whole (a policy's name, a correction's basis).

    >>> one_line("渝经信发〔2027〕5号：公示异议成立"), one_line("第一行\\n第二行")
    (True, False)
    """
    return not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text)


def is_empty(value: CellValue) -> bool:
    return value is None or (type(value) is str and not value.strip())  # str.strip() knows full-width spaces


def text(value: CellValue) -> str:
    """Any non-empty cell as text (a number typed in a text column counts as the digits it shows)."""
    shown = normalize_text(display(value)) if not isinstance(value, str) else value.strip()
    if not shown:
        raise CellError.of("cell.empty")
    if len(shown) > EXCEL_CELL_CHARACTERS:
        raise CellError.of("cell.text_too_long", length=f"{len(shown):,}", limit=f"{EXCEL_CELL_CHARACTERS:,}")
    return shown


def credit_code(value: CellValue) -> str:
    """An 18-character unified social credit code whose check character is right (GB 32100-2015)."""
    if type(value) is str and len(value) == 18 and value.isascii() and value.isalnum():
        code = value.upper()  # the usual case, without the normalising below
    else:
        code = normalize_text(display(value)).replace(" ", "").upper()
    if len(code) != 18:
        raise CellError.of("cell.credit_code.length", shown=display(value), count=len(code))
    return _checked_code(code)


@lru_cache(maxsize=2**16)
def _checked_code(code: str) -> str:
    """The code if its characters and check character are right (an applicant's code recurs on each application)."""
    for position, char in enumerate(code, start=1):
        if char not in USCC_CHARS:
            raise CellError.of("cell.credit_code.character", char=char, position=position)
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise CellError.of("cell.credit_code.check", found=code[17], expected=expected)
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
        raise CellError.of("cell.district.unknown", shown=display(value))
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
        options = (" 或 ".join(f"{c}（{policy.clause(c).title_zh}）" for c in parents[cid]),
                   " or ".join(f"{c} ({policy.clause(c).title_zh})" for c in parents[cid]))
        raise CellError.of("cell.clause.split", clause=cid, options=options)
    raise CellError.of("cell.clause.unknown", shown=raw, policy=policy.number, ids=policy.ids_text())


def money(value: CellValue, column: MoneyColumn = YUAN_COLUMN, *, positive: bool = False) -> Decimal:
    """An amount in yuan from a cell of a money column in yuan or 万元 (`column.unit`); at most two decimals (分)
    once in yuan. A cell that writes a unit (`4000万`) is told what to write instead, by what its header says."""
    amount = _number(value, column) * column.unit
    if abs(amount) > MAX_AMOUNT:
        raise CellError.of("cell.money.too_large", shown=display(value), limit=f"{MAX_AMOUNT:,}")
    if amount < 0:
        raise CellError.of("cell.money.negative", shown=display(value))
    if positive and amount == 0:
        raise CellError.of("cell.money.zero")
    if not whole_fen(amount):
        raise CellError.of("cell.money.fen", shown=display(value))
    return amount


def score(value: CellValue) -> Decimal:
    number = _number(value)
    if not 0 <= number <= 100:
        raise CellError.of("cell.score.range", shown=display(value))
    return number


def submitted_on(value: CellValue) -> date:
    """An Excel date, or text as 2026-03-15, 2026/3/15 or 2026年3月15日."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError.of("cell.date.number", shown=display(value))
    shown = normalize_text(display(value)).replace(" ", "")
    for form in _DATE_FORMS:
        match = form.fullmatch(shown)
        if match:
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                raise CellError.of("cell.date.unreal", shown=display(value)) from None
    raise CellError.of("cell.date.unknown", shown=display(value))


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
    raise CellError.of("cell.yes_no", shown=display(value))


def _number(value: CellValue, column: MoneyColumn | None = None) -> Decimal:
    """A number; `column`: the money column it is in, to word a cell that writes a unit."""
    if isinstance(value, bool):
        raise CellError.of("cell.not_a_number", shown=display(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        try:
            return decimal_from_float(value)
        except AmountError:
            raise CellError.of("cell.not_a_number", shown=display(value)) from None
    if isinstance(value, (date, datetime)):
        raise CellError.of("cell.date_not_number", shown=display(value))
    if not isinstance(value, str):
        raise CellError.of("cell.not_a_number", shown=display(value))
    try:
        return parse_number(value)
    except AmountError:
        if column is not None and _UNIT_IN_CELL.search(normalize_text(value)):
            raise CellError(unit_in_cell(value.strip(), column)) from None
        raise CellError(number_refusal(value)) from None


def number_refusal(text: str) -> Phrase:
    """Why text that does not parse as a number is not one (what `money.parse_number` refuses)."""
    cleaned = normalize_text(text).replace(" ", "")
    if not cleaned:
        return Phrase.of("cell.empty")
    if _MISPLACED_SEPARATORS.fullmatch(cleaned):
        return Phrase.of("cell.separators", shown=text.strip())
    return Phrase.of("cell.quoted_not_a_number", shown=text.strip())


def unit_in_cell(shown: str, column: MoneyColumn) -> Phrase:
    """What to write instead of a cell that carries a unit (`4000万`), by the unit its column header states: the
    number alone when the header already says that unit, the number in the header's unit when it says another, or
    the header to write (with its own name) when it says none."""
    match = _NUMBER_WITH_UNIT.fullmatch(normalize_text(shown).replace(" ", ""))
    number: Decimal | None = None
    unit = _UNIT_SIZES[match.group("unit")] if match else None
    if match is not None and unit is not None:
        try:
            number = parse_number(match.group("number"))
        except AmountError:
            number = None
    if column.stated is None:
        return _unit_without_header(shown, number, unit, column.header)
    if number is None or unit is None:
        return Phrase.of("cell.unit.header_says", shown=shown, unit=column.stated)
    code = "cell.unit.same" if unit == column.unit else "cell.unit.convert"
    return Phrase.of(code, shown=shown, unit=column.stated, number=format_decimal(number * unit / column.unit))


def _unit_without_header(shown: str, number: Decimal | None, unit: Decimal | None, header: str) -> Phrase:
    """A cell with a unit in a column whose header names none (so yuan): the number alone for 元; otherwise the
    header to write, with the column's own name (`实际投资额（万元）`), and the number in 万元 where it differs."""
    bare = header or "申请金额"
    suggested = (f"{bare}（万元）", f"{bare}（万元）" if re.search(r"[^\x00-\x7f]", bare) else f"{bare} (万元)")
    if number is None or unit is None or unit == WAN:
        return Phrase.of("cell.unit.header", shown=shown, header=suggested)
    if unit == 1:
        return Phrase.of("cell.unit.yuan", shown=shown, number=format_decimal(number))
    return Phrase.of("cell.unit.header_wan", shown=shown, number=format_decimal(number * unit / WAN),
                     header=suggested)


_TABLES: Mapping[str, tuple[Mapping[str, tuple[str, str]], str, tuple[str, ...]]] = {
    "industry": (INDUSTRIES, "cell.industry.unknown", ("行业", "业")),
    "size": (SIZES, "cell.size.unknown", ("企业",)),
}


def _code(value: CellValue, table: str) -> str:
    code = _lookup(table, display(value))
    if code is None:
        codes, phrase, _ = _TABLES[table]
        options = ("、".join(f"{zh}（{code}）" for code, (zh, _) in codes.items()),
                   ", ".join(f"{code} {zh}" for code, (zh, _) in codes.items()))
        raise CellError.of(phrase, shown=display(value), options=options)
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
