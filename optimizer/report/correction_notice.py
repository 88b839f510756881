"""The correction notice (更正公告) as workbooks (`budgetopt ledger corrections`, docs/ledger.md): the notice, and its
checks.

The notice is what is published, and nothing else: the title, a lead paragraph, one line a correction — of an
award lowered or revoked (核减、撤销), or raised again to put an earlier correction right (调增; 恢复 where it is back
at what was first granted) — its clause as the policy's item with its title (第11条 中小企业数字化改造, as on the 公示
list), what the award stood at before and after it, what it took off (negative for a raise), the decision's basis and
date — and what they took off in all; under it what the columns mean (and how a raise reads, where one is listed),
how to object (for this policy's awards), 特此公告 and the issuers with a date to fill in. The checks, a workbook of
their own so that nothing internal is ever posted with the notice, are for the bureau and its auditors: each line's
correction and award entries, application and applicant, and the entries the notice was made from (their number,
the last hash and the command that makes it again).

Made as the summary's sheets are (report/ledger_summary.py): text is only ever text, amounts are numbers in 万元 that
lose no yuan — shown as on the 公示 list (two decimals, four where a yuan needs them) — and the same entries, in a
ledger file of the same name, give the same bytes, in each layout (LAYOUTS) the notice has had: a notice posted
before is made again as it was.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from optimizer.ledger.corrections import CorrectionLine, CorrectionList
from optimizer.report.ledger_summary import Column, Row, policy_title, table_formats, table_sheet, years_text
from optimizer.report.notice import AMOUNT_FORMAT, LAYOUT, batch_text, issuers_line, item_text, objection_text
from optimizer.report.units import say
from optimizer.report.xlsx import new_workbook
from optimizer.rules.policy import Policy

_AMOUNTS = (Column("before", 12, "wan"), Column("after", 12, "wan"), Column("taken", 12, "wan"))
# 政策条款 cites the policy's item with its title, as the 公示 list does (item_text): room for it from the others,
# the page as wide as before
PUBLIC = (Column("no", 5, "count"), Column("district", 11), Column("applicant", 18), Column("credit_code", 20),
          Column("project", 18), Column("clause", 18), *_AMOUNTS, Column("kind", 9), Column("basis", 21),
          Column("on", 14))
# the notice's columns in each layout it has had, numbered as the 公示 list's (report/notice.py): 4 (the current,
# December 2026) cites the policy's item with its title; 3, before it, budgetopt's id (第7b条) in a narrow column
LAYOUTS = {4: PUBLIC,
           3: (Column("no", 5, "count"), Column("district", 12), Column("applicant", 20), Column("credit_code", 20),
               Column("project", 21), Column("clause", 8), *_AMOUNTS, Column("kind", 9), Column("basis", 25),
               Column("on", 14))}
CHECKS = (Column("no", 5, "count"), Column("entry", 10, "count"), Column("corrects", 10, "count"),
          Column("application_id", 12), Column("applicant", 20), Column("credit_code", 20), *_AMOUNTS)


def corrections_xlsx(listed: CorrectionList, model: Policy | None, lang: str, objection_days: int = 5,
                     batch: int | None = None, layout: int = LAYOUT) -> bytes:
    """The notice of `listed`; `model` (the policy's model, or None for another policy's imported awards) names the
    policy and its issuers, to whom an objection is made within `objection_days` working days; `batch` numbers it
    among the year's notices in its title (（第二批）), when given; in `layout` (LAYOUTS)."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    policy = policy_title(listed.policy, model, lang)
    years = years_text(listed.years, lang)
    several = len(listed.years) > 1
    columns = LAYOUTS[layout]
    public = [*columns[:1], *([Column("year", 8)] if several else []), *columns[1:]]
    rows = [Row(_public(i + 1, line, model if layout >= 4 else None, lang, several)) for i, line in
            enumerate(listed.lines)]
    rows.append(_total(listed, public, lang))
    closing = [*([] if model is None else [objection_text(model, objection_days, lang, "corrections.objection")]),
               say("corrections.closing", lang)]
    issuers = "" if model is None else issuers_line(model, lang)
    fmt = _formats(book)
    fmt["sign"] = book.add_format({"align": "right", "valign": "vcenter"})  # the issuers and date, where it is sealed
    table_sheet(book, fmt, lang, say("corrections.sheet", lang),
                say("corrections.title", lang, policy=policy, years=years) + batch_text(batch, lang),
                [say("corrections.meaning", lang),
                 *([say("corrections.meaning_raised", lang)] if any(line.taken < 0 for line in listed.lines) else [])],
                public, rows, 0, [issuers or say("corrections.issuer_blank", lang), say("notice.date_blank", lang)],
                lead=[say("corrections.lead", lang, policy=policy, years=years)], closing=closing)
    book.close()
    return buffer.getvalue()


def checks_xlsx(listed: CorrectionList, ledger_name: str, model: Policy | None, lang: str, options: str = "", *,
                objection_days: int = 5, batch: int | None = None, layout: int = LAYOUT) -> bytes:
    """The checks of the notice of `listed`, made from the ledger file `ledger_name` with the command-line `options`
    that select it (`--year 2026 --after 131`), in `lang` with `objection_days`, `batch` and `layout` as the notice
    was written: the command that makes it again says each that is not the default, and its layout is named."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    rows = [Row(_checks(i + 1, line)) for i, line in enumerate(listed.lines)]
    rows.append(_total(listed, CHECKS, lang))
    written = [*(["--objection-days", str(objection_days)] if objection_days != 5 else []),
               *(["--batch", str(batch)] if batch is not None else []),
               *(["--layout", str(layout)] if layout != LAYOUT else []), *(["--lang", "en"] if lang == "en" else [])]
    basis = say("corrections.basis", lang, ledger=ledger_name, entries=listed.entries, head=listed.head,
                which=say("corrections.after", lang, after=listed.after) if listed.after else "",
                options=" ".join([options, "--upto", str(listed.entries), *written]).strip())
    table_sheet(book, _formats(book), lang, say("corrections.checks_sheet", lang),
                say("corrections.checks_title", lang, policy=policy_title(listed.policy, model, lang),
                    years=years_text(listed.years, lang)),
                [say("corrections.checks_meaning", lang), basis,
                 say("corrections.layout", lang, layout=layout, which=say(f"corrections.layout.{layout}", lang))],
                CHECKS, rows, len(listed.lines), [say("summary.sign", lang)])
    book.close()
    return buffer.getvalue()


def kind_text(line: CorrectionLine, lang: str) -> str:
    """核减 (lowered), 撤销 (revoked), 调增 (raised) or 恢复 (restored: back at what was first granted)."""
    return say(f"corrections.{line.kind}", lang)


def _public(no: int, line: CorrectionLine, model: Policy | None, lang: str, several: bool) -> list[object]:
    """A correction's line; its award's clause as the policy's item with its title (第11条 中小企业数字化改造), by
    budgetopt's id where `model` does not hold it (第11a条) or there is none (another policy's awards, or a notice of
    layout 3, which cited every clause so)."""
    award, correction = line.award.award, line.entry.award
    return [no, *([say("summary.year", lang, year=award.year)] if several else []), award.district or "—",
            award.applicant or "—", award.credit_code, award.project or award.content_key or "—",
            item_text(award.clause, model, lang) if award.clause else "—", line.before, line.after, line.taken,
            kind_text(line, lang), correction.basis or "—", _date(correction.awarded_on, lang)]


def _date(day: date | None, lang: str) -> str:
    """A decision's date as a Chinese notice writes it (2027年3月1日), or ISO 8601 in English."""
    if day is None:
        return "—"
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def _checks(no: int, line: CorrectionLine) -> list[object]:
    award = line.award.award
    return [no, line.entry.seq, line.award.seq, award.application_id or "—", award.applicant or "—",
            award.credit_code, line.before, line.after, line.taken]


def _total(listed: CorrectionList, columns: tuple[Column, ...] | list[Column], lang: str) -> Row:
    """合计 over the columns before the amounts; what was taken off in all under 核减金额."""
    at = [column.name for column in columns].index("before")
    cells: list[object] = [say("summary.total", lang), *[""] * (len(columns) - 1)]
    cells[at + 2] = listed.taken
    return Row(cells, at)


def _formats(book: Any) -> dict[str, Any]:
    """The summary's formats, with amounts shown as on the 公示 list."""
    fmt = table_formats(book)
    cell = {"border": 1, "valign": "vcenter"}
    fmt["wan"] = book.add_format({**cell, "num_format": AMOUNT_FORMAT})
    fmt["total_wan"] = book.add_format({**cell, "bold": True, "num_format": AMOUNT_FORMAT})
    return fmt
