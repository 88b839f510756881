"""The rows of two allocation.csv set side by side, application by application: the one beside a manifest (published,
or edited after the run) and the re-run's — each row that differs one sentence, the awards first.

>>> csv = b"application_id,allocated,status,reason\\r\\n2026-0001,0,UNFUNDED,\\r\\n2026-0002,500000,FUNDED,\\r\\n"
>>> edited = csv.replace(b"0,UNFUNDED", b"500000,FUNDED")
>>> [p.text("en") for p in row_differences(edited, csv, edited=True)]
['2026-0001: allocated 500000 (FUNDED) in allocation.csv, 0 (UNFUNDED) as the run wrote it']
"""

from __future__ import annotations

import csv
import io

from optimizer.reading.allocation_file import allow_long_fields
from optimizer.words import Phrase, brief

Words = tuple[str, str]  # (Chinese, English)

# how the two allocation.csv compared are named: (mine, theirs) for a row in both, (only mine, only theirs)
_PUBLISHED = ("verify.mine.published", "verify.theirs.rerun", "verify.side.published", "verify.side.rerun")
_EDITED = ("verify.mine.edited", "verify.theirs.written", "verify.side.edited", "verify.side.written")


def row_differences(before: bytes, after: bytes, *, edited: bool, limit: int = 20) -> list[Phrase]:
    """The applications whose allocation, status or another column differs between the allocation.csv beside the
    manifest (`before`: published, or edited after the run) and the re-run's (`after`)."""
    mine, theirs, only_mine, only_theirs = (Phrase.of(code).both() for code in (_EDITED if edited else _PUBLISHED))
    listed_old, listed_new = _row_list(before), _row_list(after)
    old, new = _by_id(listed_old), _by_id(listed_new)
    awards, others = _repeated(listed_old, mine), []  # the awards first: they matter most when cut short
    for app_id in sorted(old.keys() | new.keys()):
        a, b = old.get(app_id), new.get(app_id)
        named = app_id if app_id[:1] != "#" else Phrase.of("verify.row_no_id", line=app_id[1:]).both()
        if a is None or b is None:
            awards.append(Phrase.of("verify.row_only", id=named, side=only_theirs if a is None else only_mine))
        elif (a.get("allocated"), a.get("status")) != (b.get("allocated"), b.get("status")):
            awards.append(Phrase.of("verify.row_award", id=named, a=a.get("allocated", ""), s=a.get("status", ""),
                                    b=b.get("allocated", ""), t=b.get("status", ""), mine=mine, theirs=theirs))
        else:
            others += [Phrase.of("verify.row_other", id=named, key=key, a=quoted(a.get(key)), b=quoted(b.get(key)),
                                 mine=mine, theirs=theirs)
                       for key in dict.fromkeys((*a, *b)) if a.get(key) != b.get(key)]
    found = awards + others
    if not found and [row[0] for row in listed_old] != [row[0] for row in listed_new]:
        found = [Phrase.of("verify.rows_reordered", mine=mine, theirs=theirs)]
    if not found:
        return [Phrase.of("verify.rows_same")]
    if len(found) > limit:
        found = [*found[:limit], Phrase.of("verify.rows_more", count=len(found) - limit)]
    return found


def quoted(cell: str | None) -> Words:
    """A cell as the sentence quotes it: `“…”` in Chinese, `'…'` in English (a long one cut short)."""
    shown = brief(cell or "")
    if isinstance(shown, str):
        return f"“{shown}”", repr(cell)
    return f"“{shown[0]}”", repr(shown[1])


Listed = list[tuple[str, int, dict[str, str]]]  # each row of an allocation.csv: its application_id, line, cells


def _row_list(data: bytes) -> Listed:
    """Each row of an allocation.csv in the file's order: its application_id (`#N` for one without), its line in
    the file, N, and its cells by column."""
    text = _decoded(data)
    allow_long_fields()
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    for row in reader:
        rows.append((row.get("application_id") or f"#{reader.line_num}", reader.line_num,
                     {k: v or "" for k, v in row.items() if k is not None}))
    return rows


def _by_id(rows: Listed) -> dict[str, dict[str, str]]:
    """The rows by application_id (the first, where one is there twice)."""
    found: dict[str, dict[str, str]] = {}
    for app_id, _, row in rows:
        found.setdefault(app_id, row)
    return found


def _repeated(rows: Listed, mine: Words) -> list[Phrase]:
    """An application whose row is there more than once: each a sentence with the lines of its rows."""
    places: dict[str, list[int]] = {}
    for app_id, line, _ in rows:
        places.setdefault(app_id, []).append(line)
    return [Phrase.of("verify.row_repeated", id=app_id, mine=mine, count=len(lines),
                      rows=("、".join(map(str, lines)), ", ".join(map(str, lines))))
            for app_id, lines in places.items() if len(lines) > 1]


def _decoded(data: bytes) -> str:
    """allocation.csv's UTF-8, or GBK when Excel saved it so on Chinese Windows."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")

