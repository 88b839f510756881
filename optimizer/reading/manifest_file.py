"""A run's manifest.json read back — by verify, audit, publish and compare — checked to be as budgetopt writes it
before any of it is used.

A run folder travels: mailed, copied to a shared drive, opened by hand. Its manifest is then as untrusted as a
workbook, and a value of the wrong type (a list as a weight, text as a total, a number as an input's record) would
otherwise surface as an "unexpected error" deep in the job that read it. The shape below is what
`report/manifest.py` writes. A key may be missing where a run of an earlier version did not write it — except those
every job reads — but a key that is there must have its shape; keys budgetopt does not read are not looked at.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from optimizer.money import MAX_AMOUNT
from optimizer.reading.guard import FileLimits
from optimizer.words import LANGS, Phrase, os_reason

Check = Callable[[Any], bool]
Shape = Check | Mapping[str, Any] | list[Any]
ANY = "*"  # in a table's shape: every key (the weights by clause, the totals, the inputs by role)


@dataclass(frozen=True)
class Required:
    """A key every job reads: missing is wrong too."""

    shape: Shape


def _whole(value: Any) -> bool:
    return type(value) is int and abs(value) <= MAX_AMOUNT  # a count or an amount: 10**400 made the sums infinite


def _number(value: Any) -> bool:
    return type(value) in (int, float) and value == value and abs(value) <= MAX_AMOUNT


def _version(value: Any) -> bool:
    """A writer's version (tool.reasons, tool.writers): whole, from 1, the first of each."""
    return type(value) is int and 1 <= value <= MAX_AMOUNT


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


FLOAT_EXPONENT = 300  # a decimal compare turns into a float (its limit: 1.8e308) and sums with another


def _decimal(value: Any) -> bool:
    try:
        number = Decimal(value) if isinstance(value, str) else None
    except InvalidOperation:
        return False
    return number is not None and number.is_finite() and abs(number.adjusted()) <= FLOAT_EXPONENT  # not 1e999999999


def _optional(check: Check) -> Check:
    return lambda value: value is None or check(value)


def _one_of(*options: str) -> Check:
    return lambda value: value in options


_LIMIT_FIELDS = {f.name: f.type for f in fields(FileLimits)}


def _limits(value: Any) -> bool:
    """FileLimits' fields, each a number of its type (a run records only the limits it changed)."""
    return value is None or (isinstance(value, dict) and all(
        key in _LIMIT_FIELDS and (_whole(v) if _LIMIT_FIELDS[key] in (int, "int") else _number(v)) and v > 0
        for key, v in value.items()))


_INPUT = {"path": _optional(_text), "shipped": _flag, "sha256": _optional(_text), "given_as": _text,
          "entries": _whole}
_ENVELOPE = {"name": _text, "clauses": [_text], "max": _optional(_whole), "max_share": _optional(_decimal),
             "min": _optional(_whole)}
_SCENARIO = {"name": _text, "year": _optional(_whole), "budget": _optional(_whole), "reserve": _whole,
             "fixed_awards": _text, "min_funding_ratio": _decimal, "rounding": _whole, "weights": {ANY: _decimal},
             "envelopes": [_ENVELOPE], "districts": {"max_share": _optional(_decimal)},
             "applicants": {"max_total": _optional(_whole), "max_period_total": _optional(_whole)},
             "groups": {"max_total": _optional(_whole)}}
MANIFEST: Mapping[str, Any] = {
    "tool": Required({"name": _text, "version": _text, "reasons": _version, "writers": _version}),
    "command": Required({"command": _text, "budget": _optional(lambda v: _text(v) or _whole(v)),
                         "solver": Required(_one_of("highs", "cbc", "auto")), "lang": _one_of(*LANGS),
                         "skip_invalid": _flag, "time_limit": _optional(lambda v: _number(v) and v > 0),
                         "export_model": _flag, "limits": _limits}),
    "inputs": Required({ANY: _INPUT, "workbook": Required(_INPUT), "policy": Required(_INPUT),
                        "ledger": {**_INPUT, "entries": Required(_whole)}}),  # verify reads the ledger up to them
    "solver": Required({"name": Required(_one_of("highs", "cbc")), "version": _text, "status": _text}),
    "outputs": Required({ANY: {"sha256": Required(_text)}, "allocation.csv": Required({"sha256": Required(_text)})}),
    "scenario": _SCENARIO, "totals": {ANY: _whole}, "objective": _decimal, "budget_marginal": _optional(_decimal),
}
REQUIRED = tuple(key for key, shape in MANIFEST.items() if isinstance(shape, Required))  # tool, command, inputs, …
# What reading a manifest.json raises when it is no manifest: the file unreadable, not UTF-8 or not JSON (ValueError),
# an integer past Python's 4,300 digits (a bare ValueError), arrays nested past Python's recursion limit
UNREADABLE = (OSError, ValueError, RecursionError)


# The keys every manifest has had since budgetopt began to write them, in that order (`git log -S` on
# report/manifest.py): a manifest with one of them was written by a budgetopt that wrote each before it too, so one
# missing there was taken out after the run. Keys begun since go last, with the commit that began them.
SINCE: tuple[tuple[str, ...], ...] = (
    ("tool.python", "tool.platform", "tool.packages"),  # ad02926 (7 December 2026, 07:30)
    ("tool.reasons",),  # be60d6d (11:36): the reason writer's version
    ("tool.writers",),  # 28c3b32 (12:14): the file writers' version
)


def taken_out(manifest: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each key of SINCE that `manifest` lacks though it has a key budgetopt began to write later: (the key missing,
    the latest such key it has) — [] for a manifest as budgetopt wrote it, of any date.

    >>> taken_out({"tool": {"reasons": 2, "writers": 2}})
    [('tool.python', 'tool.writers'), ('tool.platform', 'tool.writers'), ('tool.packages', 'tool.writers')]
    >>> taken_out({"tool": {"python": "3.11.7", "platform": "Linux", "packages": {}}})
    []
    """
    present = [[key for key in keys if _has(manifest, key)] for keys in SINCE]
    found = []
    for step, keys in enumerate(SINCE):
        later = next((have[-1] for have in reversed(present[step + 1:]) if have), None)
        if later is not None:
            found += [(key, later) for key in keys if key not in present[step]]
    return found


def _has(manifest: Mapping[str, Any], dotted: str) -> bool:
    value: Any = manifest
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return False
        value = value[part]
    return True


def read_json(path: Path) -> Any:
    """A manifest's JSON; a BOM in front is no mistake (Windows Notepad saves UTF-8 with one). Raises one of
    UNREADABLE."""
    return json.loads(path.read_text(encoding="utf-8-sig"))


def unreadable_reason(exc: BaseException) -> tuple[str, str]:
    """Why a manifest or a run's file cannot be read, as a (Chinese, English) pair: where its JSON is broken, that
    it is no UTF-8 text, the operating system's reason — not Python's English alone."""
    if isinstance(exc, json.JSONDecodeError):
        return (f"第{exc.lineno}行第{exc.colno}列附近不是有效的 JSON：文件可能被截断或改动过",
                f"line {exc.lineno}, column {exc.colno}: {exc.msg}")
    if isinstance(exc, UnicodeDecodeError):
        return "不是 UTF-8 文本", f"not UTF-8 text ({exc.reason} at byte {exc.start})"
    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, RecursionError):
        return "嵌套层数过多", "nested too deeply"
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):  # a number of 4,300 digits or more
        return ("其中有位数过多的数字，不是 budgetopt 写出的值",
                "it holds a number of too many digits, no value budgetopt writes")
    return str(exc), str(exc)


def wrong_keys(manifest: Any, *, complete: bool = True) -> list[str]:
    """The keys of a manifest.json (dotted: `scenario.weights.4`, `inputs.policy`) that are missing or not as
    budgetopt writes them; [] for a manifest budgetopt wrote. Not `complete`: the keys there only (compare reads a
    folder made by hand too, its manifest no more than `{}`)."""
    return list(_wrong(manifest, MANIFEST, "", complete))


def edited(keys: list[str]) -> Phrase:
    """What to say of a manifest whose `keys` are wrong: the first five named."""
    more = "…" if len(keys) > 5 else ""
    return Phrase.of("manifest.edited", keys=("、".join(keys[:5]) + more, ", ".join(keys[:5]) + more))


def _wrong(value: Any, shape: Shape, at: str, complete: bool) -> Iterator[str]:
    if isinstance(shape, Required):
        shape = shape.shape
    if isinstance(shape, Mapping):
        if not isinstance(value, dict):
            yield at or "manifest"
            return
        if complete:
            yield from (_dotted(at, key) for key, inner in shape.items()
                        if isinstance(inner, Required) and key not in value)
        for key, item in value.items():
            inner = shape.get(key, shape.get(ANY))
            if inner is not None:
                yield from _wrong(item, inner, _dotted(at, str(key)), complete)
    elif isinstance(shape, list):
        if not isinstance(value, list):
            yield at
            return
        for index, item in enumerate(value):
            yield from _wrong(item, shape[0], f"{at}[{index}]", complete)
    elif not shape(value):
        yield at


def _dotted(at: str, key: str) -> str:
    return f"{at}.{key}" if at else key
