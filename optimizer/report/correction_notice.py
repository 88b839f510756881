"""The correction notice (更正公告) as a workbook (`budgetopt ledger corrections`, docs/ledger.md): one printable sheet
listing the awards lowered or revoked since they were published (核减、撤销), one line a correction — what the award
stood at before it and after it, what it took off, the decision's basis and date, and the entry recording it — and
what they took off in all; under it what
the figures mean, how to object (for this policy's awards), the entries it was made from, and the issuers.

Made as the summary's sheets are (report/ledger_summary.py): amounts are numbers in 万元 that lose no yuan, text is
only ever text, and the same entries give the same bytes.
"""

from __future__ import annotations

import io

from optimizer.ledger.corrections import CorrectionLine, CorrectionList
from optimizer.report.ledger_summary import Column, Row, table_formats, table_sheet, years_text
from optimizer.report.notice import clause_text, objection_text
from optimizer.report.units import say
from optimizer.report.xlsx import new_workbook
from optimizer.rules.policy import Policy

COLUMNS = (Column("no", 5, "count"), Column("year", 8), Column("district", 11), Column("applicant", 19),
           Column("credit_code", 20), Column("project", 19), Column("clause", 7), Column("before", 12, "wan"),
           Column("after", 12, "wan"), Column("taken", 12, "wan"), Column("kind", 6), Column("basis", 22),
           Column("on", 11),
           Column("seq", 7, "count"))


def corrections_xlsx(listed: CorrectionList, ledger_name: str, model: Policy | None, lang: str,
                     objection_days: int = 5) -> bytes:
    """The notice of `listed`, made from the ledger file `ledger_name`; `model` (the policy's model, or None for
    another policy's imported awards) names the policy and its issuers, to whom an objection is made within
    `objection_days` working days."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    policy = listed.policy if model is None else say("summary.policy", lang, title=model.title_zh if lang == "zh"
                                                     else model.title_en, number=model.number)
    title = say("corrections.title", lang, policy=policy, years=years_text(listed.years, lang))
    rows = [Row(_cells(i + 1, line, lang)) for i, line in enumerate(listed.lines)]
    rows.append(Row([say("summary.total", lang), *[""] * 8, listed.taken, *[""] * 4], 9))
    notes = [say("corrections.meaning", lang),
             *([] if model is None else [objection_text(model, objection_days, lang, "corrections.objection")]),
             say("corrections.basis", lang, ledger=ledger_name, entries=listed.entries, head=listed.head,
                 after=listed.after, which=say("corrections.after", lang, after=listed.after) if listed.after else "")]
    issuers = listed.policy if model is None else ("　" if lang == "zh" else ", ").join(
        model.issuers_zh if lang == "zh" else model.issuers_en)
    fmt = table_formats(book)
    fmt["sign"] = book.add_format({"align": "right", "valign": "vcenter"})  # the issuers, where a notice is signed
    table_sheet(book, fmt, lang, say("corrections.sheet", lang), title, notes, COLUMNS, rows, 0,
                say("corrections.sign", lang, issuers=issuers))
    book.close()
    return buffer.getvalue()


def kind_text(line: CorrectionLine, lang: str) -> str:
    """撤销 (revoked) or 核减 (lowered)."""
    return say("corrections.revoked" if line.revoked else "corrections.lowered", lang)


def _cells(no: int, line: CorrectionLine, lang: str) -> list[object]:
    award, correction = line.award.award, line.entry.award
    return [no, say("summary.year", lang, year=award.year), award.district or "—", award.applicant or "—",
            award.credit_code, award.project or "—", clause_text(award.clause, lang) if award.clause else "—",
            line.before, line.after, line.taken, kind_text(line, lang), correction.basis or "—",
            str(correction.awarded_on or "—"), line.entry.seq]
