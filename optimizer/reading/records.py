"""Applications given as a pandas DataFrame or a list of dicts, laid out as a sheet — the headers as row 1, each
record a row below — so that every check, every problem and its place are those of a workbook: a problem in the
DataFrame's first record is in row 2.

pandas is not imported here: a DataFrame is recognised by what it has (`columns`, `itertuples`), and its cells are
turned into the plain values a workbook's cells are (None for NaN and NaT, int and float for numpy numbers, datetime
for Timestamps, text for Decimals so that they stay exact).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from optimizer.errors import InputError
from optimizer.reading.sheet import CellValue, Sheet
from optimizer.words import Phrase

FRAME = "DataFrame"
RECORDS = "records"
_MISSING = ("NAType", "NaTType")


def records_sheet(source: Any, refusal: str = "records.not_applications") -> Sheet:
    """A DataFrame or a sequence of mappings as a sheet named after what it was; anything else is an InputError
    (`refusal`: the phrase saying what was expected)."""
    if hasattr(source, "columns") and hasattr(source, "itertuples"):
        headers = [str(c) for c in source.columns]
        rows: Iterable[Sequence[Any]] = source.itertuples(index=False, name=None)
        name = FRAME
    elif isinstance(source, Sequence) and not isinstance(source, (str, bytes)) and all(
            isinstance(record, Mapping) for record in source):
        headers = list(dict.fromkeys(str(key) for record in source for key in record))
        rows = ([record.get(h) for h in headers] for record in source)
        name = RECORDS
    else:
        raise InputError.one(type(source).__name__, Phrase.of(refusal))
    return Sheet(name, None, [headers, *([cell(v) for v in row] for row in rows)])


def cell(value: Any) -> CellValue:
    """What a workbook cell would hold for a value of a DataFrame or a record."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else float(value)  # numpy's float64 is a float too
    if type(value).__name__ in _MISSING:
        return None
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        moment: datetime = value.to_pydatetime()
        return moment
    if isinstance(value, (datetime, date, time, timedelta)):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "item"):  # a numpy number or boolean
        return cell(value.item())
    return str(value)
