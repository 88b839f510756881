"""Figures for people: amounts in 万元 that lose no yuan, weighted scores without a `-0`, and axis ticks at round
numbers (5000万, 1亿, 1.5亿 — not 8,750万)."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from optimizer.domain import Problem
from optimizer.money import WAN, format_decimal
from optimizer.words import Phrase, place_text, with_place

YI = 100_000_000


def wan(yuan: int | Decimal) -> Decimal:
    """The amount in 万元, exactly: 194,999,910 yuan is 19,499.991万."""
    return Decimal(yuan) / WAN


def wan_text(yuan: int | Decimal) -> str:
    """万元 with two decimals, or as many more as it takes to lose no yuan: `19,500.00`, `19,499.991`, `0.001`."""
    value = wan(yuan)
    shown = f"{value:,.2f}"
    if Decimal(shown.replace(",", "")) == value:
        return shown
    return f"{value.normalize():,f}"


def decimal_text(value: Decimal) -> str:
    """A decimal with thousands separators and no trailing zeros: `18,497,016,561`, `1,234.5`."""
    return f"{Decimal(format_decimal(value)):,f}"


def amount_text(yuan: int | Decimal, lang: str) -> str:
    """An amount with its unit, exactly: `10元` below 1万, else `1,234.5678万元` (`10 yuan`, `1,234.5678万` in
    English)."""
    value = Decimal(yuan)
    if abs(value) < WAN:
        shown = f"{value.normalize():,f}"
        return f"{shown}元" if lang == "zh" else f"{shown} yuan"
    return f"{wan_text(yuan)}万元" if lang == "zh" else f"{wan_text(yuan)}万"


def signed_amount_text(yuan: int | Decimal, lang: str) -> str:
    """A change of an amount: `+10元`, `−1,234.00万元`, `0元`."""
    value = Decimal(yuan)
    text = amount_text(abs(value), lang)
    return text if value == 0 else ("+" if value > 0 else "−") + text


def score_text(value: float | Decimal | None) -> str:
    """A weighted score (weight × score) or a value per yuan: at most one decimal, never `-0`."""
    if value is None:
        return ""
    rounded = round(float(value), 1) + 0.0  # + 0.0 turns -0.0 into 0.0
    if rounded == 0:
        return "0"
    return f"{rounded:,.1f}".removesuffix(".0")


def clean(value: float, places: int = 6) -> float:
    """A float rounded for a cell: a tiny negative from the solver becomes 0, never -0."""
    rounded = round(value, places)
    return 0.0 if rounded == 0 else rounded


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Ticks at round numbers (1, 2, 2.5 or 5 × a power of ten) covering [low, high], about `count` of them."""
    if not math.isfinite(low) or not math.isfinite(high):
        return [0.0]
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step + 1e-9) * step
    ticks = []
    k = 0
    while True:
        tick = first + k * step
        ticks.append(round(tick, 10) + 0.0)
        if tick >= high - 1e-9 * step:
            return ticks
        k += 1


def end_ticks(low: float, high: float) -> list[float]:
    """Ticks of an axis that runs exactly from `low` to `high`: both ends, and the round ones between not too near
    either.

    >>> end_ticks(20_000_000, 310_000_000)
    [20000000, 100000000.0, 200000000.0, 310000000]
    """
    ticks = nice_ticks(low, high)
    room = (ticks[1] - ticks[0]) / 2 if len(ticks) > 1 else 0
    return [low, *(x for x in ticks if low + room <= x <= high - room), high]


def money_tick(yuan: float) -> str:
    """A tick label for an amount of money: `0`, `5000万`, `1亿`, `1.5亿`, `500`."""
    magnitude = abs(yuan)
    if magnitude >= YI:
        return f"{yuan / YI:.2f}".rstrip("0").rstrip(".") + "亿"
    if magnitude >= float(WAN):
        return f"{yuan / float(WAN):.2f}".rstrip("0").rstrip(".") + "万"
    return number_tick(yuan)


def number_tick(value: float) -> str:
    """A tick label for a plain number: `0`, `12.5`, `1,000`."""
    if value == 0:
        return "0"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def width(text: str) -> int:
    """The columns `text` takes on a terminal or in a spreadsheet's column: a Chinese character is two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def shortened(text: str, most: int) -> str:
    """`text`, cut to `most` characters with an ellipsis when longer."""
    return text if len(text) <= most else text[:most - 1] + "…"


def say(code: str, lang: str, **params: object) -> str:
    """A phrase of the reports (words/msg_report.py) in `lang`."""
    return Phrase.of(code, **params).text(lang)


def warning_texts(warnings: Sequence[Problem], lang: str) -> list[str]:
    """What the reader and the run found worth knowing, as a run's files say it: each at its sheet, row and column,
    without the input's file name (verify re-runs a run from inputs found elsewhere, under other names, and its files
    must be the same bytes). Those of the run or a whole file first — 就高 keeping an unfunded application, the
    ledger — then those of a row or a column (a district read as its successor, a column not read): an officer's
    review found the two that asked for action last, after three routine notes."""
    ordered = sorted(warnings, key=lambda w: w.row is not None)
    return [with_place(place_text("", w.sheet, w.row, w.column, lang), w.says(lang), lang) for w in ordered]


def capitalised(text: str) -> str:
    """`funded in full` → `Funded in full`, as a heading or a card's label says it beside `Budget (万元)`."""
    return text[:1].upper() + text[1:]


def sentence(text: str, lang: str) -> str:
    """A warning as an item of a list says it: capitalised and ended with a full stop (an officer's review: the
    Chinese warnings ended without `。`).

    >>> sentence("the scenario caps each applicant", "en"), sentence("情景设有单户上限", "zh")
    ('The scenario caps each applicant.', '情景设有单户上限。')
    >>> sentence("Ends already.", "en"), sentence("已有句号。", "zh"), sentence("", "zh")
    ('Ends already.', '已有句号。', '')
    """
    stops = "。！？" if lang == "zh" else ".!?"
    text = capitalised(text.rstrip())
    return text if not text or text[-1] in stops else text + stops[0]


def needs_action(warning: Problem) -> bool:
    """Whether a warning is to be dealt with before the 公示: one about the whole run or a whole file (就高 keeping
    an unfunded application above one worth more, a period cap counted without the ledger, the ledger holding this
    workbook's own awards, a sheet not read) — what the app's run page shows in plain sight — rather than a note at a
    row or a column of the workbook (a column not read, a district read as its successor), which it folds."""
    return warning.row is None


ACTION, NOTES = "report.heading.warnings.action", "report.heading.warnings.notes"  # the two groups' headings


def warning_groups(warnings: Sequence[Problem], lang: str) -> list[tuple[str, list[str]]]:
    """The run's warnings as report.html and allocation.xlsx say them, in two groups in the app's order — those to
    deal with before the 公示 (ACTION), then the other notes (NOTES) — each as its heading's code and the warnings'
    texts, a group with none left out. Each is said at its sheet, row and column, without the input's file name, as
    an item of a list (`The scenario caps…`, `Sheet 申报项目, row 1, …`)."""
    groups = [(ACTION, [w for w in warnings if needs_action(w)]), (NOTES, [w for w in warnings if not needs_action(w)])]
    return [(heading, [sentence(text, lang) for text in warning_texts(found, lang)])
            for heading, found in groups if found]
