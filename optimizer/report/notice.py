"""The publication files of a run (`budgetopt publish`, docs/ledger.md): notice.xlsx, the 公示 list as a bureau posts
it, and awards.json, the same awards for machines — both made here as bytes, the same bytes for the same awards.

notice.xlsx is one printable sheet: a title over the table, the policy's number, the columns 序号, 申报单位,
统一社会信用代码, 所属区县, 项目名称, 政策条款, 拟支持金额（万元）, a total, and the note on how to object. Amounts are
numbers in 万元 that lose no yuan; text is only ever text (never a formula, and marked so a spreadsheet keeps it
text when it is edited); credit codes are text. 政策条款 cites the policy's own item and its title (第11条
中小企业数字化改造), not budgetopt's id of the award (11a): the policy numbers its items 1 to 20.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from optimizer.domain import AllocationRow, Application, LedgerAward, Status
from optimizer.errors import BudgetoptError, InputError
from optimizer.money import WAN, whole_number
from optimizer.reading.sheet_xml import column_letter
from optimizer.report.xlsx import formats, new_workbook, printable, row_height, text_cell
from optimizer.rules.policy import Policy
from optimizer.words import LANGS, Phrase, brief

COLUMNS = ("no", "applicant", "credit_code", "district", "project", "clause", "amount")
# the columns' widths in each layout of the notice. 4 (the current, December 2026): as 3, 政策条款 citing the
# policy's item with its title (item_text: 第11条 中小企业数字化改造, where 3 and earlier named budgetopt's id, 第11a条)
# in a column wide enough for most in two lines, 申报单位 and 项目名称 narrower for it, the page as wide as before;
# 3 (December 2026): as 2, and ends as a notice is issued — 特此公示, the issuers and the date (the 公示's first day,
# else left to fill in), its first day in the period's sentence and a contact where given; 2: room for
# 西部科学城重庆高新区 and each row as tall as its wrapped text; 1 (budgetopt before 2026-12-07): the rows left to the
# spreadsheet, which LibreOffice does not grow. verify recognises a notice of any (awards.json records how one of
# layout 3 or 4 was written: NoticeSettings).
LAYOUTS = {4: (6, 25, 21, 21, 27, 27, 18), 3: (6, 33, 21, 21, 36, 10, 18), 2: (6, 33, 21, 21, 36, 10, 18),
           1: (6, 36, 22, 12, 40, 11, 18)}
LAYOUT = 4
MOST_CONTACT = 60  # characters of the contact line: a name and a telephone number or two
AMOUNT_FORMAT = "#,##0.00##"  # 万元: two decimals, up to four when a yuan needs them
_TITLE_ROW, _NUMBER_ROW, _HEADER_ROW, _FIRST_ROW = 0, 1, 2, 3
_LAST_COL = len(COLUMNS) - 1


def headers(lang: str) -> list[str]:
    """The table's column headers: 序号, 申报单位, … (No., Applicant, … in English)."""
    return [_say(f"notice.header.{key}", lang) for key in COLUMNS]


def clause_text(clause: str, lang: str) -> str:
    """A clause by budgetopt's id: 第7b条 (clause 7b) — as the 公示 list named it up to layout 3, and as the internal
    reports name it, where 11a and 11b must be told apart."""
    return _say("notice.clause", lang, clause=clause)


_ITEM = re.compile(r"[0-9]+")


def item_text(clause: str, policy: Policy | None, lang: str) -> str:
    """A clause as a public notice cites it: the policy's own item — the leading digits of budgetopt's id, which
    splits an item into its awards (7a and 7b are item 7) — and the clause's title in `policy`: 第11条
    中小企业数字化改造 (Clause 11: Digital transformation of small and medium enterprises). A clause `policy` does not
    hold, or whose id starts with no digit (a model of one's own), or with no `policy` (another policy's awards), by
    its id as clause_text names it."""
    number = _ITEM.match(clause)
    own = None if policy is None else policy.clauses.get(clause)
    if number is None or own is None:
        return clause_text(clause, lang)
    return _say("notice.item", lang, number=number.group().lstrip("0") or "0", title=(own.title_zh, own.title_en))


def title_text(policy: Policy, year: int, lang: str, batch: int | None = None) -> str:
    """The notice's title: 重庆市…若干政策2026年度拟支持项目公示名单, and （第二批） for a year's second."""
    return _say("notice.title", lang, title=(policy.title_zh, policy.title_en), year=year) + batch_text(batch, lang)


MOST_BATCH = 99  # a year's 公示 lists, or notices of corrections, numbered in their titles
_HEX64 = re.compile(r"[0-9a-f]{64}")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def batch_text(batch: int | None, lang: str) -> str:
    """（第二批） after the title of a notice numbered `batch` (1 to MOST_BATCH), " (batch 2)" in English; "" for
    none."""
    if batch is None:
        return ""
    return _say("notice.batch", lang, number=chinese_number(batch) if lang == "zh" else str(batch))


def read_batch(value: object) -> int | None:
    """A batch's number as given: None, or a whole number (not a bool) from 1 to MOST_BATCH; an InputError naming
    `batch` for anything else."""
    number = None if value is None else whole_number(value)
    if value is not None and (number is None or not 1 <= number <= MOST_BATCH):
        raise InputError.one("batch", Phrase.of("notice.bad_batch", most=MOST_BATCH, shown=brief(repr(value))))
    return number


def chinese_number(number: int) -> str:
    """1 to 99 in Chinese numerals, as a notice numbers its batches: 一, 十, 十一, 二十, 九十九."""
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(number, 10)
    return (("" if tens < 2 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones else "")


def objection_text(policy: Policy, objection_days: int, lang: str, code: str = "notice.objection",
                   starts: date | None = None) -> str:
    """The note under the table: how long the notice runs (from `starts`, when given) and to whom objections are
    made, in writing (`code`: the sentence saying it, the 公示's or the correction notice's)."""
    period = "notice.period_one" if objection_days == 1 else "notice.period"
    said = Phrase.of(period, days=objection_days).both()
    if starts is not None:
        said = Phrase.of("notice.period_from", period=said, start=date_words(starts)).both()
    issuers = ("、".join(policy.issuers_zh), " or ".join(policy.issuers_en))
    return _say(code, lang, period=said, issuers=issuers)


def issuers_line(policy: Policy, lang: str) -> str:
    """The issuers as a notice is signed: 重庆市经济和信息化委员会　重庆市财政局 (joined by a comma in English)."""
    return ("　" if lang == "zh" else ", ").join(policy.issuers_zh if lang == "zh" else policy.issuers_en)


def iso_day(value: object) -> date | None:
    """A day written YYYY-MM-DD (`2026-12-08`, not `20261208` or `2026-W50-2`, which Python reads too); else None."""
    text = value.strip() if isinstance(value, str) else ""
    try:
        return date.fromisoformat(text) if _ISO_DAY.fullmatch(text) else None
    except ValueError:  # 2026-02-30
        return None


def date_words(day: date) -> tuple[str, str]:
    """A date as a notice writes it: (2026年12月8日, 8 December 2026)."""
    return f"{day.year}年{day.month}月{day.day}日", f"{day.day} {day:%B} {day.year}"


@dataclass(frozen=True)
class NoticeSettings:
    """How a 公示 list was written, which nothing else records — its language, period, first day, contact and layout —
    so that `verify` writes it again to the byte (awards.json keeps it)."""

    lang: str
    objection_days: int
    starts: date | None = None
    contact: str = ""
    layout: int = LAYOUT

    def as_dict(self) -> dict[str, object]:
        return {"lang": self.lang, "objection_days": self.objection_days,
                "starts": None if self.starts is None else self.starts.isoformat(), "contact": self.contact,
                "layout": self.layout}

    @classmethod
    def read(cls, value: object) -> NoticeSettings | None:
        """The settings awards.json records, or None where it records none or none that can be."""
        if not isinstance(value, dict) or set(value) != {"lang", "objection_days", "starts", "contact", "layout"}:
            return None
        lang, days, starts, contact, layout = (value[k] for k in ("lang", "objection_days", "starts", "contact",
                                                                  "layout"))
        day = iso_day(starts)
        if (lang not in LANGS or objection_period(days) is None or (starts is not None and day is None)
                or not isinstance(contact, str) or layout not in LAYOUTS or isinstance(layout, bool)):
            return None
        return cls(lang, int(days), day, contact, int(layout))


def wan_number(yuan: int, what: tuple[str, str]) -> float:
    """An amount in 万元 as the number a cell holds, refused when that number would not be its yuan exactly (it
    always is up to 15 significant digits: 1,234,567 yuan is 123.4567); `what` names it, in Chinese and English.

    The double's shortest decimal is the amount, and the 16 digits xlsxwriter writes (6 yuan: 0.0005999999999999999)
    read back as that same double, which every spreadsheet shows to at most 15 digits: as the amount."""
    exact = Decimal(yuan) / WAN
    value = float(exact)
    if Decimal(repr(value)) != exact or float(f"{value:.16G}") != value:
        raise BudgetoptError(Phrase.of("notice.inexact_amount", what=what, amount=yuan))
    return value


def notice_xlsx(awards: Sequence[LedgerAward], policy: Policy, year: int, lang: str,
                objection_days: int = 5, *, layout: int = LAYOUT, batch: int | None = None,
                starts: date | None = None, contact: str = "") -> bytes:
    """notice.xlsx: the 公示 list of `awards` (in their order, numbered from 1) under `policy` for `year`, in `lang`
    ("zh" or "en"), with an objection period of `objection_days` working days from `starts` (when given), in
    `layout` (LAYOUTS); `batch`: its number among the year's lists, in its title (（第二批）), or none; `contact`: who
    answers questions on it, a line of its own (none when ""). From layout 3 it ends as a notice is issued: 特此公示,
    the issuers, and the date — `starts`, or left to fill in; from layout 4 政策条款 cites the policy's item
    (item_text), before it budgetopt's id (clause_text)."""
    widths = LAYOUTS[layout]
    if objection_period(objection_days) is None:
        raise BudgetoptError(Phrase.of("notice.bad_period", days=objection_days))
    amounts = [wan_number(a.amount, Phrase.of("notice.application", id=a.application_id or "").both())
               for a in awards]
    total = wan_number(sum(a.amount for a in awards), Phrase.of("notice.the_total").both())
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    fmt = _formats(book)
    if layout >= 3:  # a style of its own, added only here: a notice of layout 1 or 2 is written as it was
        fmt["sign"] = book.add_format({"align": "right", "valign": "vcenter"})
    sheet = book.add_worksheet(_say("notice.sheet", lang))
    ending = 0 if layout < 3 else 3 + bool(contact)  # 特此公示, the issuers and the date, and the contact
    printable(sheet, lang, _HEADER_ROW, _FIRST_ROW + len(awards) + 1 + ending, _LAST_COL)
    sheet.merge_range(_TITLE_ROW, 0, _TITLE_ROW, _LAST_COL, title_text(policy, year, lang, batch), fmt["title"])
    sheet.set_row(_TITLE_ROW, 44)
    sheet.merge_range(_NUMBER_ROW, 0, _NUMBER_ROW, _LAST_COL, _say("notice.number", lang, number=policy.number),
                      fmt["number_line"])
    for col, (text, width) in enumerate(zip(headers(lang), widths, strict=True)):
        sheet.write_string(_HEADER_ROW, col, text, fmt["header"])
        sheet.set_column(col, col, width)
    sheet.freeze_panes(_FIRST_ROW, 0)
    for i, (award, amount) in enumerate(zip(awards, amounts, strict=True)):
        row = _FIRST_ROW + i
        sheet.write_number(row, 0, i + 1, fmt["no"])
        clause = item_text(award.clause, policy, lang) if layout >= 4 else clause_text(award.clause, lang)
        texts = (award.applicant, award.credit_code, award.district, award.project, clause)
        for col, text in enumerate(texts, start=1):
            text_cell(sheet, row, col, text, fmt["text"], fmt["quoted"])
        sheet.write_number(row, _LAST_COL, amount, fmt["amount"])
        height = row_height(texts, widths[1:-1]) if layout >= 2 else None
        if height is not None:
            sheet.set_row(row, height)
    total_row = _FIRST_ROW + len(awards)
    sheet.merge_range(total_row, 0, total_row, _LAST_COL - 1, _say("notice.total", lang), fmt["total"])
    sheet.write_number(total_row, _LAST_COL, total, fmt["total_amount"])
    sheet.merge_range(total_row + 1, 0, total_row + 1, _LAST_COL,
                      objection_text(policy, objection_days, lang, starts=starts if layout >= 3 else None),
                      fmt["note"])
    sheet.set_row(total_row + 1, 48)
    if layout >= 3:
        _issued(sheet, fmt, policy, lang, total_row + 2, starts, contact)
    book.close()
    return buffer.getvalue()


def _issued(sheet: Any, fmt: Mapping[str, Any], policy: Policy, lang: str, row: int, starts: date | None,
            contact: str) -> None:
    """The notice's end, from `row`: the contact where given, 特此公示, and the issuers and date on the right."""
    lines = [*([(_say("notice.contact", lang, contact=contact), fmt["note"])] if contact else []),
             (_say("notice.closing", lang), fmt["note"]),
             (issuers_line(policy, lang), fmt["sign"]),
             (date_words(starts)[0 if lang == "zh" else 1] if starts else _say("notice.date_blank", lang),
              fmt["sign"])]
    for offset, (text, style) in enumerate(lines):
        sheet.merge_range(row + offset, 0, row + offset, _LAST_COL, text, style)


def cell_differences(found: Sequence[Sequence[object]], written: Sequence[Sequence[object]], count: int,
                     name: str, limit: int = 20) -> list[Phrase]:
    """The cells of a notice (`found`, its sheet's rows as read, Excel's row 1 first) that are not what publishing
    wrote (`written`, the same notice written again, of `count` awards), one sentence each, at most `limit` and a
    count of the rest: a row of the table by its 序号 and column (序号 2：拟支持金额（万元） 为 50.59，公示时为 40.59),
    the total by its column, any other cell by its place (G130). `name`: the file, as the sentences name it."""
    header = written[_HEADER_ROW] if len(written) > _HEADER_ROW else []
    said: list[Phrase] = []
    for row in range(max(len(found), len(written))):
        mine, theirs = _row(found, row), _row(written, row)
        for col in range(max(len(mine), len(theirs))):
            a, b = _cell(mine, col), _cell(theirs, col)
            if a == b:
                continue
            place, what = _place(row, col, count, header)
            said.append(Phrase.of("verify.notice_cell", name=name, place=place, what=what,
                                  found=_shown(a, col == _LAST_COL), written=_shown(b, col == _LAST_COL)))
    if len(said) > limit:
        said = [*said[:limit], Phrase.of("verify.notice_cells_more", count=len(said) - limit)]
    return said


def _row(rows: Sequence[Sequence[object]], index: int) -> Sequence[object]:
    return rows[index] if index < len(rows) else ()


def _cell(row: Sequence[object], col: int) -> object:
    """A cell's value as compared: empty text is no value, a whole number the same as an int."""
    value = row[col] if col < len(row) else None
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _place(row: int, col: int, count: int, header: Sequence[object]) -> tuple[tuple[str, str], tuple[str, str]]:
    """Where a cell is, as a sentence names it — (序号 2, No. 2), (合计, total) or (单元格 G130, cell G130) — and its
    column in the table (拟支持金额（万元）, with a space after it; none outside the table)."""
    cell = f"{column_letter(col + 1)}{row + 1}"
    if not _FIRST_ROW <= row <= _FIRST_ROW + count or col >= len(COLUMNS):
        return Phrase.of("verify.notice_place.cell", cell=cell).both(), ("", "")
    what = Phrase.of(f"notice.header.{COLUMNS[col]}").both()
    column = (f"{what[0]} ", f"{what[1]} ")
    if row == _FIRST_ROW + count:
        return Phrase.of("verify.notice_place.total").both(), column
    return Phrase.of("verify.notice_place.row", no=row - _FIRST_ROW + 1).both(), column


def _shown(value: object, amount: bool) -> tuple[str, str]:
    """A cell's value as a sentence quotes it: text in quotes (cut short where long), a number as the sheet shows it
    (an amount in 万元 with two decimals, up to four: 40.59, 500.00), nothing as empty."""
    if value is None:
        return Phrase.of("verify.notice_empty").both()
    if isinstance(value, bool) or not isinstance(value, int | float):
        shown = brief(str(value))
        zh, en = (shown, shown) if isinstance(shown, str) else shown
        return f"“{zh}”", repr(en)
    exact = Decimal(repr(value))
    places = -int(exact.as_tuple().exponent)
    text = f"{exact:,.{min(max(places, 2), 4) if places <= 4 else places}f}" if amount else str(value)
    return text, text


NOTICE_FILE, AWARDS_FILE = "notice.xlsx", "awards.json"  # what publishing a run writes into its folder
MOST_OBJECTION_DAYS = 30  # working days a 公示 may run: verify finds a notice's period among 1 … this


def objection_period(value: object) -> int | None:
    """An objection period in working days: a whole number (not a bool) from 1 to MOST_OBJECTION_DAYS; else None.
    The one rule of the 公示 list, the correction notice and the app's forms."""
    days = whole_number(value)
    return days if days is not None and 1 <= days <= MOST_OBJECTION_DAYS else None


def run_awards(rows: Sequence[AllocationRow], apps: Mapping[str, Application], policy: Policy, year: int,
               run_sha: str) -> tuple[LedgerAward, ...]:
    """The run's awards (FUNDED and PARTIAL, in its rows' order), each with its application's content and group."""
    awards = []
    for row in rows:
        if row.status not in (Status.FUNDED, Status.PARTIAL) or not row.allocated:
            continue
        app = apps[row.application_id]
        awards.append(LedgerAward(
            policy=policy.number, year=year, credit_code=app.credit_code, content_key=app.content_key,
            amount=row.allocated, applicant=app.applicant, group=app.group, application_id=app.application_id,
            district=app.district, clause=app.clause, project=app.project, run=run_sha))
    return tuple(awards)


@dataclass(frozen=True)
class LedgerPin:
    """The award ledger a publication recorded its awards in, as it stood just after: its file (relative to the run's
    folder), its number of entries and the hash of the last — which pins every entry up to the publication's own, so
    that a ledger rewritten since, its hashes recomputed, no longer matches (docs/ledger.md, Publishing)."""

    path: str
    entries: int
    head: str

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "entries": self.entries, "head": self.head}

    @classmethod
    def read(cls, value: object) -> LedgerPin | None:
        """The pin awards.json records, or None where it records none or none that can be one."""
        if not isinstance(value, dict) or set(value) != {"path", "entries", "head"}:
            return None
        path, entries, head = value["path"], value["entries"], value["head"]
        if (not isinstance(path, str) or isinstance(entries, bool) or not isinstance(entries, int) or entries < 1
                or not isinstance(head, str) or not _HEX64.fullmatch(head)):
            return None
        return cls(path, entries, head)


def awards_json(awards: Sequence[LedgerAward], manifest_sha256: str, batch: int | None = None,
                ledger: LedgerPin | None = None, notice: NoticeSettings | None = None) -> bytes:
    """awards.json: the run's awards for machines — policy, year, run (the manifest's SHA-256), total and count in
    whole yuan, then one object per award in order; sorted keys, UTF-8, the same bytes for the same awards. The
    policy and year are the awards' own (null when there are none); `batch`, the 公示's number among the year's, only
    where it has one; `ledger`, the ledger as the publication left it (LedgerPin), where it was published into one;
    `notice`, how notice.xlsx was written (NoticeSettings), where publish wrote one."""
    first = awards[0] if awards else None
    for award in awards:
        if first is not None and (award.policy, award.year) != (first.policy, first.year):
            raise BudgetoptError(Phrase.of(
                "notice.mixed_awards", first=first.application_id or "", first_policy=first.policy,
                first_year=first.year, other=award.application_id or "", other_policy=award.policy,
                other_year=award.year))
        if award.run is not None and award.run != manifest_sha256:
            raise BudgetoptError(Phrase.of("notice.other_run", id=award.application_id or "", award_run=award.run,
                                           run=manifest_sha256))
    document = {
        **({"batch": batch} if batch is not None else {}),
        **({"ledger": ledger.as_dict()} if ledger is not None else {}),
        **({"notice": notice.as_dict()} if notice is not None else {}),
        "policy": first.policy if first else None,
        "year": first.year if first else None,
        "run": manifest_sha256,
        "total": sum(a.amount for a in awards),
        "count": len(awards),
        "awards": [{"id": a.application_id, "applicant": a.applicant, "credit_code": a.credit_code,
                    "district": a.district, "clause": a.clause, "project": a.project, "amount": a.amount,
                    "policy": a.policy, "year": a.year, "run": manifest_sha256} for a in awards],
    }
    return (json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _say(code: str, lang: str, **params: object) -> str:
    return Phrase.of(code, **params).text(lang)


def _formats(book: Any) -> dict[str, Any]:
    cell = {"border": 1, "valign": "vcenter"}
    text = {**cell, "num_format": "@", "text_wrap": True}
    return {
        "header": formats(book)["header"],
        "title": book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter",
                                  "text_wrap": True}),
        "number_line": book.add_format({"align": "center", "valign": "vcenter"}),
        "no": book.add_format({**cell, "align": "center"}),
        "text": book.add_format(text),
        "quoted": book.add_format({**text, "quote_prefix": True}),
        "amount": book.add_format({**cell, "num_format": AMOUNT_FORMAT}),
        "total": book.add_format({**cell, "bold": True, "align": "center"}),
        "total_amount": book.add_format({**cell, "bold": True, "num_format": AMOUNT_FORMAT}),
        "note": book.add_format({"text_wrap": True, "valign": "top"}),
    }
