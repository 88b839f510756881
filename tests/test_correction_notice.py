"""`budgetopt ledger corrections`: the correction notice (更正公告) — every award lowered or revoked, one line a
correction, with what it stood at before and after — on the command line, in the library and in the app
(docs/ledger.md, Announcing corrections)."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest
from clirun import run
from helpers import ROOT, tamper
from hypothesis import given, settings
from hypothesis import strategies as st
from webapp import BEARER, TestClient, app_client, sign_in

import optimizer
from optimizer.domain import LedgerAward
from optimizer.errors import InputError
from optimizer.jobs.corrections import correction_notice, corrections_in
from optimizer.ledger import LedgerState, LedgerTampered, append_awards, append_correction
from optimizer.ledger.chain import GENESIS, entries_for
from optimizer.ledger.corrections import corrections_of
from optimizer.ledger.summary import by_policy_year
from optimizer.report.notice import chinese_number

DATA = ROOT / "data"
THIS = "渝经信规范〔2026〕2号"
TITLE = "重庆市促进实数融合推动“人工智能+制造”若干政策（渝经信规范〔2026〕2号）"
OTHER = "市级技术改造专项（2026年度）"
WHEN = "2026-12-01T00:00:00+00:00"
BASIS = "=渝经信发〔2027〕5号：公示异议成立"  # starts like a formula: it must stay text


@dataclass(frozen=True)
class Year:
    ledger: Path
    published: int  # entries once the run was published and the other policy's awards imported
    lowered: int  # the award lowered twice (to 100万, then to 50万)
    revoked: int  # the award revoked


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Year:
    """The sample's 2026 published, another policy's awards imported, one award lowered twice and one revoked."""
    folder = tmp_path_factory.mktemp("corrections")
    ledger = folder / "台账.sqlite"
    optimizer.init_ledger(ledger)
    optimizer.allocate(DATA / "sample_applications.xlsx", DATA / "scenario_2026.toml", ledger=ledger).write(
        folder / "r2026")
    optimizer.publish(folder / "r2026", ledger)
    imported = optimizer.import_awards(ledger, DATA / "awards_other_policy_2026.xlsx", OTHER)
    optimizer.correct_award(ledger, 5, to="100万", basis="验收核减")
    optimizer.correct_award(ledger, 3, to=0, basis=BASIS)
    optimizer.correct_award(ledger, 5, to="50万", basis="再次核减")
    return Year(ledger, imported.ledger.count, 5, 3)


def award(amount: int, *, code: str = "91500000000000001X", policy: str = THIS, year: int = 2026,
          corrects: int | None = None) -> LedgerAward:
    return LedgerAward(policy, year, code, "k", amount, district="万州区", clause="5", corrects=corrects,
                       basis=None if corrects is None else "核减")


def chained(*awards: LedgerAward) -> LedgerState:
    return LedgerState(Path("台账.sqlite"), entries_for(awards, after=0, head=GENESIS, recorded_at=WHEN))


def table(data: bytes, path: Path) -> list[list[object]]:
    path.write_bytes(data)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


# ------------------------------------------------------------------------------------------ what is listed


def test_each_correction_is_a_line_from_what_the_award_stood_at_before() -> None:
    state = chained(award(500_000), award(900_000, code="91500000000000002X"), award(-200_000, corrects=1),
                    award(-900_000, corrects=2), award(-100_000, corrects=1))
    listed = corrections_of(state.entries, policy=THIS)
    assert [(c.entry.seq, c.award.seq, c.before, c.after, c.taken, c.revoked) for c in listed.lines] == [
        (3, 1, 500_000, 300_000, 200_000, False), (4, 2, 900_000, 0, 900_000, True),
        (5, 1, 300_000, 200_000, 100_000, False)]
    assert (listed.policy, listed.years, listed.after, listed.entries, listed.head, listed.taken) == (
        THIS, (2026,), 0, 5, state.entries[-1].hash, 1_200_000)
    since = corrections_of(state.entries, policy=THIS, after=4)  # the last notice covered the first 4 entries
    assert [(c.entry.seq, c.before, c.after) for c in since.lines] == [(5, 300_000, 200_000)]
    assert since.taken == 100_000 and since.after == 4


def test_lines_are_by_year_then_recorded_and_a_policy_is_its_number_however_bracketed() -> None:
    state = chained(award(500_000, year=2027, policy="渝经信规范(2026) 2号"), award(400_000),
                    award(300_000, policy=OTHER), award(-100_000, corrects=1), award(-100_000, corrects=2),
                    award(-300_000, corrects=3))
    listed = corrections_of(state.entries, policy=THIS)
    assert [c.entry.seq for c in listed.lines] == [5, 4] and listed.years == (2026, 2027)
    assert listed.policy == "渝经信规范(2026) 2号"  # named as first recorded
    assert [c.entry.seq for c in corrections_of(state.entries, policy=THIS, years={2027}).lines] == [4]
    assert [c.entry.seq for c in corrections_of(state.entries, policy=OTHER).lines] == [6]
    assert by_policy_year(state.entries)[0].corrections == 1  # the ledger page's count, per policy and year


_AWARDS = st.lists(st.tuples(st.integers(1, 50).map(lambda n: n * 10_000), st.sampled_from([2026, 2027])),
                   min_size=1, max_size=8)


@settings(max_examples=80, deadline=None)
@given(_AWARDS, st.lists(st.tuples(st.integers(0, 7), st.integers(-100, 100)), max_size=12), st.integers(0, 20))
def test_the_lines_telescope_from_the_award_to_what_it_stands_at(awards: list[tuple[int, int]],
                                                                  cuts: list[tuple[int, int]], after: int) -> None:
    """Whatever the awards, corrections — lowering, revoking, raising again up to what was granted — and starting
    entry: each award's lines run, without a gap, from what it stood at after the corrections before `after` to what
    it stands at; what they took off is that difference."""
    made = [award(amount, year=when, code=f"9150000000000000{i % 10}X") for i, (amount, when) in enumerate(awards)]
    stands = {i + 1: amount for i, (amount, _) in enumerate(awards)}
    for which, percent in cuts:
        seq = which % len(awards) + 1
        first = awards[seq - 1][0]
        change = (-max(1, stands[seq] * percent // 100) if percent >= 0 else
                  max(1, (first - stands[seq]) * -percent // 100))  # a raise: part of what was taken, back
        if not 0 <= stands[seq] + change <= first:
            continue
        made.append(award(change, corrects=seq))
        stands[seq] += change
    state = chained(*made)
    at: dict[int, int] = {}  # what each award stood at once the first `after` entries were recorded
    for entry in state.entries[:after]:
        target = entry.award.corrects
        at[target or entry.seq] = entry.award.amount if target is None else at[target] + entry.award.amount
    listed = corrections_of(state.entries, policy=THIS, after=after)
    assert all(c.entry.seq > after for c in listed.lines)
    assert len(listed.lines) == sum(e.award.corrects is not None and e.seq > after for e in state.entries)
    for seq, amount in stands.items():
        own = [c for c in listed.lines if c.award.seq == seq]
        if not own:
            continue
        assert own[0].before == at.get(seq, awards[seq - 1][0])
        assert all(one.after == two.before for one, two in itertools.pairwise(own))
        assert own[-1].after == amount
    assert listed.taken == sum(c.before - c.after for c in listed.lines)
    first = {seq: amount for seq, (amount, _) in enumerate(awards, start=1)}
    assert all(c.kind == ("raised" if c.after < first[c.award.seq] else "restored") for c in listed.lines
               if c.after > c.before)


# ------------------------------------------------------------------------------------------ the library


def test_the_notice_of_the_published_year(year: Year) -> None:
    notice = correction_notice(year.ledger)
    rows = [(c.entry.seq, c.award.seq, c.before, c.after, c.revoked) for c in notice.listed.lines]
    first = year.published + 1
    assert rows == [(first, 5, 5_000_000, 1_000_000, False), (first + 1, 3, 3_000_000, 0, True),
                    (first + 2, 5, 1_000_000, 500_000, False)]
    assert notice.listed.taken == 7_500_000 and notice.model is not None and notice.changed_after == ()
    frame = notice.to_frame()
    assert list(frame.columns) == ["policy", "year", "district", "applicant", "credit_code", "project", "clause",
                                   "application_id", "before", "after", "taken", "revoked", "basis", "decided_on",
                                   "seq", "corrects", "kind"]
    assert frame["kind"].tolist() == ["lowered", "revoked", "lowered"]
    assert frame["taken"].tolist() == [4_000_000, 3_000_000, 500_000]
    assert frame["decided_on"].tolist() == [str(c.entry.award.awarded_on) for c in notice.listed.lines] != [""] * 3
    assert frame["basis"].tolist() == ["验收核减", BASIS, "再次核减"] and frame["revoked"].tolist() == [
        False, True, False]
    assert repr(notice) == (f"<CorrectionNotice '{THIS}' 2026: 3 corrections, 1 revoked, 7,500,000 yuan taken "
                            f"off; after entry 0, from {first + 2} entries>")
    assert optimizer.correction_notice is correction_notice and "CorrectionNotice" in optimizer.__all__


def test_an_earlier_notice_is_made_again_from_the_entries_it_names(year: Year, tmp_path: Path) -> None:
    ledger = tmp_path / "台账.sqlite"
    ledger.write_bytes(year.ledger.read_bytes())
    before = correction_notice(ledger)
    optimizer.correct_award(ledger, 7, to=0, basis="企业申请撤回")
    later = correction_notice(ledger)
    assert len(later.listed.lines) == 4 and later.xlsx() != before.xlsx()
    again = correction_notice(ledger, upto=before.listed.entries)
    assert again.xlsx() == before.xlsx() and again.to_frame().equals(before.to_frame())
    since = correction_notice(ledger, after=before.listed.entries)  # the next notice: what came since
    assert [c.award.seq for c in since.listed.lines] == [7] and since.listed.after == before.listed.entries
    tamper(ledger, later.listed.entries, "basis = '改过'")  # changed after the entries the notice names
    held = correction_notice(ledger, upto=before.listed.entries)
    assert held.xlsx() == before.xlsx() and [t.seq for t in held.changed_after] == [later.listed.entries]
    code, _, err = run("ledger", "corrections", ledger, tmp_path / "again.xlsx", "--upto", before.listed.entries)
    assert code == 0 and (tmp_path / "again.xlsx").read_bytes() == before.xlsx()
    assert err.startswith(f"警告：本公告依据的前{before.listed.entries}条记录完好，但其后台账在 budgetopt 之外被改动过")
    with pytest.raises(LedgerTampered):
        correction_notice(ledger)


def test_what_the_ledger_holds_no_correction_of_is_an_input_error_naming_what_it_does(year: Year) -> None:
    def said(lang: str = "zh", **asked: object) -> str:
        with pytest.raises(InputError) as caught:
            correction_notice(year.ledger, **asked)  # type: ignore[arg-type]
        return caught.value.text(lang)

    last = year.published + 3
    assert said(year=2027) == (f"台账.sqlite：资助台账中没有{THIS}2027年度的资助更正（该政策的更正：2026年度3条，"
                               f"最后一条为第{last}条记录）")
    assert said(after=last) == (f"台账.sqlite：资助台账中没有{THIS}第{last}条记录以后的资助更正（该政策的更正："
                                f"2026年度3条，最后一条为第{last}条记录）")
    assert said(policy=OTHER) == f"台账.sqlite：资助台账中没有{OTHER}的资助更正（该政策的资助尚无更正）"
    assert said(policy="渝府发〔2025〕9号") == (f"台账.sqlite：资助台账中没有渝府发〔2025〕9号的资助（台账记录的是："
                                              f"{THIS}、{OTHER}）")
    assert said("en", year=2027, after=1) == (
        f"台账.sqlite: the ledger holds no corrections of the awards of {THIS} in 2027 recorded after entry 1 "
        f"(its corrections: 3 of 2026; the last is entry {last})")


def test_every_mistake_in_the_arguments_at_once_before_the_file_is_read(tmp_path: Path) -> None:
    with optimizer.use_lang("en"), pytest.raises(InputError) as caught:
        correction_notice(tmp_path / "无.sqlite", year="2026", policy=" ", after=-1, upto=True)  # type: ignore
    assert [(p.file, p.message.text("en")) for p in caught.value.problems] == [
        ("policy", "the policy should be its number or name, such as 渝经信规范〔2026〕2号, not ' '"),
        ("year", "the year should be a whole number such as 2026, not '2026'"),
        ("after", "the entry number should be a whole number, 0 or more, not -1"),
        ("upto", "the number of entries should be a whole number, 0 or more, not True")]


def test_an_entry_to_start_after_must_be_among_the_entries_read(year: Year, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        correction_notice(tmp_path / "无.sqlite", after=130, upto=130)
    assert [(p.file, p.message.text("en")) for p in caught.value.problems] == [
        ("after", "nothing after entry 130 is among the first 130 entries: the entry should be less than 130")]
    code, _, err = run("ledger", "corrections", year.ledger, tmp_path / "x.xlsx", "--after", "9", "--upto", "3")
    assert code == 2 and err.startswith("--after：第9条记录以后不在所依据的前3条记录之内")


def test_a_numbered_notice_says_its_batch_in_its_title(year: Year, tmp_path: Path) -> None:
    notice = correction_notice(year.ledger, after=year.published + 1)
    assert table(notice.xlsx(batch=2), tmp_path / "n.xlsx")[0][0] == f"{TITLE}2026年度支持项目更正公告（第二批）"
    english = table(notice.xlsx("en", batch=12), tmp_path / "e.xlsx")[0][0]
    assert english.endswith("corrections to the awards of 2026 (batch 12)")
    assert [chinese_number(n) for n in (1, 10, 11, 20, 21, 99)] == ["一", "十", "十一", "二十", "二十一", "九十九"]
    with pytest.raises(InputError) as caught:
        notice.xlsx(objection_days=0, batch=100)
    assert [(p.file, p.message.text("en")) for p in caught.value.problems] == [
        ("objection_days", "the objection period should be 1 to 30 working days, not 0"),
        ("batch", "the batch should be a whole number from 1 to 99, not 100")]


@pytest.mark.parametrize("days", [0, 31, True, "5", 2.5])
def test_an_objection_period_outside_1_to_30_working_days_is_refused(year: Year, days: object) -> None:
    with optimizer.use_lang("en"), pytest.raises(InputError) as caught:
        correction_notice(year.ledger).xlsx(objection_days=days)  # type: ignore[arg-type]
    assert str(caught.value) == f"objection_days: the objection period should be 1 to 30 working days, not {days!r}"


def test_the_library_writes_the_notice_and_its_checks_beside_it(year: Year, tmp_path: Path) -> None:
    notice = correction_notice(year.ledger)
    with pytest.raises(InputError, match=r"the correction notice must be an \.xlsx file"):
        notice.write(tmp_path / "更正公告.csv")
    written = notice.write(tmp_path / "sub" / "更正公告.xlsx", objection_days=7)
    assert written == (tmp_path / "sub" / "更正公告.xlsx", tmp_path / "sub" / "更正公告-核对信息.xlsx")
    assert written[0].read_bytes() == notice.xlsx(objection_days=7) != notice.xlsx()
    assert written[1].read_bytes() == notice.checks_xlsx(objection_days=7)  # its command says the period
    assert notice.write(tmp_path / "n.xlsx", "en")[1].name == "n-checks.xlsx"


# ------------------------------------------------------------------------------------------ the workbook


def wan(yuan: int) -> float:
    return float(Decimal(yuan) / 10_000)


# the clauses of the corrected awards as the notice cites them: the policy's item and the clause's title, as on the
# 公示 list (an auditor's review: 第7b条 is budgetopt's id of an award of item 7, not the policy's numbering)
CITED = {"2": ("第2条 未来工厂（AI赋能示范型、协同共生链主型、生态创新引领型）",
               "Clause 2: Future factory (AI-empowered demonstration, chain-leader collaboration, ecosystem-innovation "
               "leader)"),
         "7b": ("第7条 先进级智能工厂", "Clause 7: Advanced-level smart factory")}


def test_the_notice_lists_each_correction_to_the_yuan_and_nothing_internal(year: Year, tmp_path: Path) -> None:
    notice = correction_notice(year.ledger)
    rows = table(notice.xlsx(objection_days=7), tmp_path / "n.xlsx")
    assert rows[0][0] == f"{TITLE}2026年度支持项目更正公告"
    assert rows[1][0] == f"　　经核查，现将{TITLE}2026年度支持项目的下列更正事项予以公告："
    assert rows[2][0] == "金额单位：万元"
    assert rows[3] == ["序号", "所属区县", "申报单位", "统一社会信用代码", "项目名称", "政策条款", "更正前金额",
                       "更正后金额", "核减金额", "更正事项", "更正依据", "决定日期"]  # one year: in the title only
    lines = notice.listed.lines
    for i, line in enumerate(lines):
        got = rows[4 + i]
        own = line.award.award
        assert got[:6] == [i + 1, own.district, own.applicant, own.credit_code, own.project, CITED[own.clause][0]]
        assert got[6:9] == [wan(line.before), wan(line.after), wan(line.taken)]
        day = line.entry.award.awarded_on
        assert day is not None and got[9:] == ["撤销" if line.revoked else "核减", line.entry.award.basis,
                                               f"{day.year}年{day.month}月{day.day}日"]
    total = rows[4 + len(lines)]
    assert total[0] == "合计" and total[6:9] == [None, None, wan(7_500_000)]
    below = [row[0] or row[-1] for row in rows[5 + len(lines):] if row[0] or row[-1]]
    assert below[0].startswith("说明：每行为一次更正。")
    assert below[1:] == ["　　对以上更正有异议的，请于公告之日起7个工作日内以书面形式向重庆市经济和信息化委员会、"
                         "重庆市财政局反映。", "　　特此公告。", "重庆市经济和信息化委员会　重庆市财政局",
                         "　　年　　月　　日"]
    path = tmp_path / "n.xlsx"
    book = openpyxl.load_workbook(path)
    assert [sheet.title for sheet in book.worksheets] == ["更正公告"]  # nothing else travels with the notice
    printed = "".join(str(cell) for row in rows for cell in row)
    assert "台账" not in printed and notice.listed.head not in printed and "budgetopt" not in printed
    assert "第7b条" not in printed  # the policy's item 7, as the 公示 list cites it: not budgetopt's id (7b)
    english = table(notice.xlsx("en"), tmp_path / "e.xlsx")
    assert [row[5] for row in english[4:4 + len(lines)]] == [CITED[line.award.award.clause][1] for line in lines]
    assert book.worksheets[0].cell(row=len(rows) - 3, column=1).font.sz == 11  # a paragraph, not a small note


def test_the_checks_tie_each_line_to_its_entries_and_name_what_it_was_made_from(year: Year,
                                                                                  tmp_path: Path) -> None:
    notice = correction_notice(year.ledger, after=year.published + 1)
    rows = table(notice.checks_xlsx(), tmp_path / "c.xlsx")
    assert rows[0][0] == f"{TITLE}2026年度支持项目更正公告核对信息（不公开）"
    assert rows[2] == ["序号", "更正记录号", "原记录号", "申报编号", "申报单位", "统一社会信用代码", "更正前金额",
                       "更正后金额", "核减金额"]
    assert [row[:4] for row in rows[3:5]] == [[1, year.published + 2, 3, "2026-0010"],
                                              [2, year.published + 3, 5, "2026-0014"]]
    assert rows[5][0] == "合计" and rows[5][8] == wan(3_500_000)
    listed = notice.listed
    assert rows[8][0] == (f"依据：资助台账 台账.sqlite 的前{listed.entries}条记录（末条记录的哈希 {listed.head}）中第"
                          f"{year.published + 1}条记录以后的更正。台账以后增加记录时，仍可由这些记录重新生成本公告："
                          f"budgetopt ledger corrections 台账.sqlite 文件名.xlsx --after {year.published + 1} "
                          f"--upto {listed.entries}。")
    assert rows[9][0] == "本公告按 layout 4 的写法写出：政策条款写作政策的条目及其标题（如“第7条 先进级智能工厂”）。"


def test_text_that_looks_like_a_formula_stays_text(year: Year, tmp_path: Path) -> None:
    path = tmp_path / "n.xlsx"
    path.write_bytes(correction_notice(year.ledger).xlsx())
    cell = openpyxl.load_workbook(path).worksheets[0].cell(row=6, column=11)
    assert cell.value == BASIS and cell.data_type == "s" and cell.quotePrefix


def test_several_years_and_another_policys_notice_in_english(tmp_path: Path) -> None:
    state = chained(award(500_000, policy=OTHER), award(400_000, policy=OTHER, year=2027),
                    award(-100_000, corrects=1), award(-100_000, corrects=1), award(-400_000, corrects=2))
    notice = corrections_in(state, policy=OTHER, after=3)
    path = tmp_path / "n.xlsx"
    path.write_bytes(notice.xlsx("en", objection_days=9))
    book = openpyxl.load_workbook(path)
    rows = [[cell.value for cell in row] for row in book.worksheets[0].iter_rows()]
    assert rows[0][0] == f"{OTHER}: corrections to the awards of 2026–2027"
    assert rows[3][:3] == ["No.", "Year", "District"] and [row[1] for row in rows[4:6]] == ["2026", "2027"]
    assert [row[6] for row in rows[4:6]] == ["clause 5"] * 2  # another policy's clause, by its id: no model of it
    below = [row[0] or row[-1] for row in rows[7:] if row[0] or row[-1]]
    assert len(below) == 4 and not any("Objections" in text for text in below)  # no issuers to object to
    assert below[2:] == ["Issued by:", "Date:"]  # to be filled in: budgetopt does not know who issued it
    checks = table(notice.checks_xlsx("en", objection_days=9), tmp_path / "c.xlsx")
    assert checks[-4][0].endswith(f"with budgetopt ledger corrections 台账.sqlite FILE.xlsx --policy {OTHER} "
                                  "--after 3 --upto 5 --objection-days 9 --lang en.")  # as a POSIX shell, and cmd
    assert checks[-3][0] == ("This notice is written in layout 4: each clause as the policy's item with its title "
                             "(Clause 7: Advanced-level smart factory).")


# ------------------------------------------------------------------------------------------ the command line


def test_the_command_prints_the_corrections_and_writes_the_notice(year: Year, tmp_path: Path) -> None:
    out = tmp_path / "更正公告.xlsx"
    code, printed, _ = run("ledger", "corrections", year.ledger, out, "--year", "2026", "--objection-days", "10")
    assert code == 0 and out.read_bytes() == correction_notice(year.ledger, year=2026).xlsx(objection_days=10)
    lines = printed.splitlines()
    assert lines[0].split() == ["序号", "更正记录号", "申报单位", "更正前（元）", "更正后（元）", "核减（元）", "更正",
                                "依据"]
    assert lines[3].split()[3:] == ["3,000,000", "0", "3,000,000", "撤销", BASIS]
    assert lines[5].split() == ["合计", "7,500,000"]
    assert lines[-2:] == [f"已写出更正公告 {out}，及其核对信息（不公开）{tmp_path / '更正公告-核对信息.xlsx'}",
                          f"本公告依据资助台账的前{year.published + 3}条记录；下一批更正公告用 --after "
                          f"{year.published + 3}"]
    assert (tmp_path / "更正公告-核对信息.xlsx").read_bytes() == correction_notice(year.ledger, year=2026).checks_xlsx(
        objection_days=10)
    code, _, err = run("ledger", "corrections", year.ledger, out)
    assert code == 2 and "已存在" in err
    code, printed, _ = run("ledger", "corrections", year.ledger, out, "--after", year.published + 1, "--overwrite",
                           "--lang", "en", "--batch", "2")
    assert code == 0 and printed.splitlines()[-3].split() == ["Total", "3,500,000"]
    assert out.read_bytes() == correction_notice(year.ledger, after=year.published + 1).xlsx("en", batch=2)


# A correction notice as budgetopt wrote it before 7 December 2026 (layout 3, 第7b条), its SHA-256 as that budgetopt
# (0c05bd4, xlsxwriter 3.3.1 of constraints.txt) wrote it of these corrections: posted then, it must be made again
LAYOUT_3 = {("zh", 5, None): "9abc22a569728c540af79b02e9c578383dd7df312a3f98866120c3d54e046924",
            ("en", 7, 2): "df0db721216d2a0063a510b1ed139ed20f61efcfafa844d7c2d322e164c808c6"}


def test_a_notice_posted_in_layout_3_is_made_again_byte_for_byte(tmp_path: Path) -> None:
    """An auditor's review: a notice posted before the 政策条款 cited the policy's items (第7b条) could not be made
    again, though its checks said the command they print would make it."""
    def corrected(amount: int, clause: str, code: str, corrects: int | None = None,
                  on: date | None = None) -> LedgerAward:
        return LedgerAward(THIS, 2026, code, "k", amount, applicant="重庆某某股份有限公司", district="万州区",
                           clause=clause, project="数字化车间", awarded_on=on, corrects=corrects,
                           basis=None if corrects is None else "渝经信发〔2027〕5号：公示异议成立")

    state = chained(corrected(3_000_000, "7b", "91500000000000001X"), corrected(500_000, "2", "91500000000000002X"),
                    corrected(-3_000_000, "7b", "91500000000000001X", 1, date(2027, 3, 1)),
                    corrected(-100_000, "2", "91500000000000002X", 2, date(2027, 3, 2)))
    notice = corrections_in(state)
    for (lang, days, batch), digest in LAYOUT_3.items():
        earlier = notice.xlsx(lang, days, batch, layout=3)
        assert hashlib.sha256(earlier).hexdigest() == digest and earlier != notice.xlsx(lang, days, batch)
    rows = table(notice.xlsx(layout=3), tmp_path / "n.xlsx")
    assert [row[5] for row in rows[4:6]] == ["第7b条", "第2条"]
    checks = table(notice.checks_xlsx(layout=3), tmp_path / "c.xlsx")
    assert checks[-4][0].endswith("budgetopt ledger corrections 台账.sqlite 文件名.xlsx --upto 4 --layout 3。")
    assert checks[-3][0] == ("本公告按 layout 3 的写法写出：政策条款写作 budgetopt 的编号（如“第7b条”），"
                             "2026年12月7日以前的写法。")
    with optimizer.use_lang("en"), pytest.raises(InputError) as caught:
        notice.xlsx(layout=2)
    assert str(caught.value) == "layout: the layout of a correction notice must be one of 3, 4, not 2"


def test_the_command_makes_an_earlier_layout_again(year: Year, tmp_path: Path) -> None:
    out = tmp_path / "更正公告.xlsx"
    upto = year.published + 3
    code, _, err = run("ledger", "corrections", year.ledger, out, "--year", "2026", "--upto", upto, "--layout", "3",
                       "--batch", "2")
    assert code == 0, err
    again = correction_notice(year.ledger, year=2026, upto=upto)
    assert out.read_bytes() == again.xlsx(batch=2, layout=3) != again.xlsx(batch=2)
    checks = table((tmp_path / "更正公告-核对信息.xlsx").read_bytes(), tmp_path / "c.xlsx")
    command = f"budgetopt ledger corrections 台账.sqlite 文件名.xlsx --year 2026 --upto {upto} --batch 2 --layout 3。"
    assert checks[-4][0].endswith(command) and checks[-3][0].startswith("本公告按 layout 3 的写法写出")
    code, _, err = run("ledger", "corrections", year.ledger, out, "--layout", "2", "--overwrite", lang="en")
    assert (code, err.splitlines()[0]) == (2, "--layout: must be a whole number from 3 to 4, found 2")


def test_the_commands_refusals(year: Year, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    code, _, err = run("ledger", "corrections", year.ledger, out, "--year", "2027", lang="en")
    assert code == 2 and err.startswith(f"台账.sqlite: the ledger holds no corrections of the awards of {THIS} in 2027")
    code, _, err = run("ledger", "corrections", year.ledger, out, "--policy", " ", lang="en")
    assert code == 2 and err.startswith("--policy: the policy should be its number or name")
    code, _, err = run("ledger", "corrections", year.ledger, tmp_path / "x.csv", lang="en")
    assert code == 2 and err == f"{tmp_path / 'x.csv'}: the correction notice must be an .xlsx file\n"
    code, _, err = run("ledger", "corrections", tmp_path / "无.sqlite", out)
    assert code == 2 and err == "无.sqlite：资助台账文件不存在\n"
    assert not out.exists()


def test_a_tampered_ledger_is_named_and_nothing_is_written(year: Year, tmp_path: Path) -> None:
    ledger = tmp_path / "台账.sqlite"
    ledger.write_bytes(year.ledger.read_bytes())
    tamper(ledger, 7)
    code, _, err = run("ledger", "corrections", ledger, tmp_path / "x.xlsx")
    assert code == 4 and "第7条记录已被修改" in err and not (tmp_path / "x.xlsx").exists()


# ------------------------------------------------------------------------------------------ the app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, year: Year) -> Iterator[TestClient]:
    with app_client(tmp_path_factory.mktemp("data"), ledger=year.ledger) as client:
        yield sign_in(client)


def test_the_ledger_page_offers_the_notice_where_awards_were_corrected(client: TestClient) -> None:
    page = client.get("/ledger").text
    assert (f'<a href="/ledger/corrections.xlsx?policy={quote(THIS)}&amp;year=2026" download '
            'class="corrections-link">2026年度更正公告（3次更正，Excel）</a>') in page
    assert page.count('class="corrections-link"') == 1  # the other policy's awards were never corrected
    assert (f'<a href="/ledger/corrections.xlsx?policy={quote(THIS)}&amp;year=2026&amp;checks=1" download '
            'class="checks-link">核对信息（不公开）</a>') in page
    assert '<button type="submit" name="checks" value="1" id="checks-button"' in page
    assert '<form method="get" action="/ledger/corrections.xlsx" id="corrections-form"' in page
    assert f'<select name="policy" id="corrections-policy"><option>{THIS}</option></select>' in page


def test_the_apps_notice_is_the_command_lines(client: TestClient, year: Year) -> None:
    answer = client.get("/ledger/corrections.xlsx", params={"policy": THIS, "year": "2026"})
    assert answer.status_code == 200 and answer.content == correction_notice(year.ledger, year=2026).xlsx()
    assert answer.headers["content-disposition"] == (
        'attachment; filename="ledger-corrections-2026.xlsx"; '
        f"filename*=UTF-8''{quote('渝经信规范〔2026〕2号-2026-更正公告.xlsx', safe='')}")
    since = client.get("/ledger/corrections.xlsx", params={"after": str(year.published + 1), "days": "10",
                                                           "batch": "2", "lang": "en"})
    assert since.content == correction_notice(year.ledger, after=year.published + 1).xlsx("en", 10, batch=2)
    assert since.headers["content-disposition"].endswith(
        quote(f"渝经信规范〔2026〕2号-after-{year.published + 1}-corrections.xlsx", safe=""))
    assert client.head("/ledger/corrections.xlsx").status_code == 200
    checks = client.get("/ledger/corrections.xlsx", params={"year": "2026", "checks": "1"})
    assert checks.content == correction_notice(year.ledger, year=2026).checks_xlsx()
    assert checks.headers["content-disposition"] == (
        'attachment; filename="ledger-corrections-2026-checks.xlsx"; '
        f"filename*=UTF-8''{quote('渝经信规范〔2026〕2号-2026-更正公告-核对信息.xlsx', safe='')}")
    # the checks of a notice of 10 days, the second batch: their command makes that notice again, as the CLI's do
    numbered = client.get("/ledger/corrections.xlsx", params={"year": "2026", "days": "10", "batch": "2",
                                                              "checks": "1", "lang": "zh"})
    assert numbered.content == correction_notice(year.ledger, year=2026).checks_xlsx("zh", 10, 2)
    assert numbered.content != checks.content


@pytest.mark.parametrize("query", ["year=20266", "year=0000", "year=1899", "after=-1", "after=１", "after=1.0",
                                   "after=1234567890123456789", "days=0", "days=31", "days=x", "days=５",
                                   "batch=0", "batch=100", "batch=２", "batch=x"])
def test_a_year_entry_or_period_that_is_none_is_not_found(client: TestClient, query: str) -> None:
    assert client.get(f"/ledger/corrections.xlsx?{query}").status_code == 404


def test_what_the_ledger_holds_no_correction_of_is_said(client: TestClient) -> None:
    answer = client.get("/ledger/corrections.xlsx", params={"policy": OTHER})
    assert answer.status_code == 404
    said = f"没有可列入更正公告的更正：台账.sqlite：资助台账中没有{OTHER}的资助更正（该政策的资助尚无更正）"
    assert said in answer.text


def test_the_corrections_for_a_program(client: TestClient, year: Year) -> None:
    answer = client.get("/api/ledger/corrections", params={"after": str(year.published + 1)}, headers=BEARER)
    assert answer.status_code == 200
    data = answer.json()
    notice = correction_notice(year.ledger)
    assert {key: data[key] for key in ("policy", "years", "after_entry", "entries", "head", "taken")} == {
        "policy": THIS, "years": [2026], "after_entry": year.published + 1, "entries": notice.listed.entries,
        "head": notice.listed.head, "taken": 3_500_000}
    revoked = notice.listed.lines[1]
    assert data["corrections"][0] == {
        "seq": revoked.entry.seq, "corrects": 3, "year": 2026, "applicant": revoked.award.award.applicant,
        "credit_code": revoked.award.award.credit_code, "district": revoked.award.award.district,
        "project": revoked.award.award.project, "clause": revoked.award.award.clause,
        "application_id": revoked.award.award.application_id, "before": 3_000_000, "after": 0,
        "taken": 3_000_000, "revoked": True, "kind": "revoked", "basis": BASIS,
        "decided_on": str(revoked.entry.award.awarded_on)}
    ledger = client.get("/api/ledger", headers=BEARER).json()
    assert [line["corrections"] for line in ledger["by_policy_year"]] == [3, 0]
    wrong = client.get("/api/ledger/corrections?after=x&lang=en", headers=BEARER)
    assert wrong.status_code == 400 and wrong.json() == {"error": "after should be a ledger entry number, 0 or more"}
    wrong = client.get("/api/ledger/corrections?year=0000&after=1&lang=en", headers=BEARER)  # the year is wrong
    assert wrong.status_code == 400 and wrong.json() == {"error": "year should be a year of four digits, such as 2026"}
    nothing = client.get("/api/ledger/corrections?year=2027", headers=BEARER)
    assert nothing.status_code == 404 and "2027年度的资助更正" in nothing.json()["error"]
    with TestClient(client.app, base_url=str(client.base_url)) as other:
        assert other.get("/api/ledger/corrections").status_code == 403


def test_an_earlier_notice_and_summary_are_made_again_in_the_app(year: Year, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "ledger.sqlite").write_bytes(year.ledger.read_bytes())
    before = correction_notice(data / "ledger.sqlite")
    before_summary = optimizer.ledger_summary(data / "ledger.sqlite", year=2026)
    optimizer.correct_award(data / "ledger.sqlite", 7, to=0, basis="企业申请撤回")
    upto = str(before.listed.entries)
    with app_client(data) as client:
        client = sign_in(client)
        again = client.get("/ledger/corrections.xlsx", params={"upto": upto})
        assert again.status_code == 200 and again.content == before.xlsx()
        checks = client.get("/ledger/corrections.xlsx", params={"upto": upto, "checks": "1"})
        assert checks.content == before.checks_xlsx()
        summary = client.get("/ledger/summary.xlsx", params={"year": "2026", "upto": upto})
        assert summary.content == before_summary.xlsx()
        data_now = client.get("/api/ledger/corrections", params={"upto": upto}, headers=BEARER).json()
        assert (data_now["entries"], len(data_now["corrections"])) == (before.listed.entries, 3)
        beyond = client.get("/ledger/corrections.xlsx", params={"upto": "100000"})
        said = f"资助台账只有{before.listed.entries + 1}条记录，少于所要的100000条"
        assert beyond.status_code == 404 and said in beyond.text
        wrong = client.get("/api/ledger/summary?upto=-1&lang=en", headers=BEARER)
        assert wrong.status_code == 400
        assert wrong.json() == {"error": "upto should be a number of ledger entries, 0 or more"}


def test_a_hostile_policy_name_never_reaches_the_download_header_unencoded(tmp_path: Path) -> None:
    hostile = 'x"; filename="evil.exe\u202e'
    optimizer.init_ledger(tmp_path / "ledger.sqlite")
    append_awards(tmp_path / "ledger.sqlite", [award(500_000, policy=hostile)], recorded_at=WHEN)
    append_correction(tmp_path / "ledger.sqlite", 1, to=0, basis="撤回", on=date(2026, 12, 1), recorded_at=WHEN)
    with app_client(tmp_path) as client:
        answer = sign_in(client).get("/ledger/corrections.xlsx", params={"policy": hostile, "after": "1"})
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == (
        'attachment; filename="ledger-corrections-1.xlsx"; '
        f"filename*=UTF-8''{quote('x___filename__evil_exe_-1后-更正公告.xlsx', safe='')}")


def test_recording_a_correction_by_post_is_unchanged_beside_the_listing(client: TestClient) -> None:
    refused = client.post("/api/ledger/corrections", data={"seq": "x", "to": "0", "basis": "b"}, headers=BEARER)
    assert refused.status_code == 400 and "error" in refused.json()


# ------------------------------------------------------------------------------------------ raises (调增、恢复)


def test_a_raise_is_a_line_from_what_the_award_stood_at_and_takes_off_a_negative_amount() -> None:
    """500,000 lowered to 100,000 by mistake and raised to 300,000; 900,000 revoked, then restored: four lines, each
    from what the award stood at before it; the two raises take off a negative amount, the total is net."""
    two = "91500000000000002X"
    state = chained(award(500_000), award(-400_000, corrects=1), award(200_000, corrects=1), award(900_000, code=two),
                    award(-900_000, code=two, corrects=4), award(900_000, code=two, corrects=4))
    listed = corrections_of(state.entries, policy=THIS)
    assert [(c.entry.seq, c.before, c.after, c.taken, c.revoked, c.kind) for c in listed.lines] == [
        (2, 500_000, 100_000, 400_000, False, "lowered"), (3, 100_000, 300_000, -200_000, False, "raised"),
        (5, 900_000, 0, 900_000, True, "revoked"), (6, 0, 900_000, -900_000, False, "restored")]
    assert listed.taken == 200_000  # 1,400,000 taken off, 1,100,000 given back
    assert by_policy_year(state.entries)[0].corrections == 4


def test_the_notice_lists_a_raise_and_says_how_it_reads(tmp_path: Path) -> None:
    two = "91500000000000002X"
    state = chained(award(500_000), award(900_000, code=two), award(-400_000, corrects=1),
                    award(200_000, corrects=1), award(-900_000, code=two, corrects=2),
                    award(900_000, code=two, corrects=2))
    notice = corrections_in(state)
    rows = table(notice.xlsx(), tmp_path / "n.xlsx")
    assert [row[6:10] for row in rows[4:8]] == [[50, 10, 40, "核减"], [10, 30, -20, "调增"], [90, 0, 90, "撤销"],
                                                [0, 90, -90, "恢复"]]
    assert rows[8][0] == "合计" and rows[8][8] == 20
    below = [row[0] for row in rows[9:] if row[0]]
    assert below[:2] == ["说明：每行为一次更正。更正前金额为该项资助在此次更正前的金额（公示金额，或此前更正后的"
                         "金额）；核减金额＝更正前金额－更正后金额；更正后金额为0的，撤销该项资助。",
                         "更正后金额高于更正前金额的，为调增（调增至原资助金额的，为恢复），核减金额为负数；"
                         "合计为各次更正核减与调增相抵后的金额。"]
    english = table(notice.xlsx("en"), tmp_path / "e.xlsx")
    assert [row[9] for row in english[4:8]] == ["lowered", "raised", "revoked", "restored"]
    checks = table(notice.checks_xlsx(), tmp_path / "c.xlsx")
    assert [row[:3] + row[6:9] for row in checks[3:7]] == [[1, 3, 1, 50, 10, 40], [2, 4, 1, 10, 30, -20],
                                                           [3, 5, 2, 90, 0, 90], [4, 6, 2, 0, 90, -90]]
    assert checks[7][0] == "合计" and checks[7][8] == 20
    assert notice.to_frame()["kind"].tolist() == ["lowered", "raised", "revoked", "restored"]
    assert notice.text().splitlines()[3].split()[3:] == ["100,000", "300,000", "-200,000", "调增", "核减"]


# A correction notice without a raise as the budgetopt before raises (4391062, layout 4) wrote it, and its checks:
# a notice posted then must be made again byte for byte
LAYOUT_4 = {("zh", 5, None): ("70fff0aa47aeb973389e48cde4db2696e155e2300cb8348f6f796dd9c5e0e550",
                              "d12983bf9de84ce8d9b03e2768945a2f8a0929af0c26adc1fedb8cb4e008c5ac"),
            ("en", 7, 2): ("740b3a2d20516ad327e6eeca6323aa0a5c2eeb5631674c11e01c88752e004210",
                           "4487b14b836a7823db67b5a7394ce2cb4e2a06cdf9680a58ad47cc9966b54a7d")}


def test_a_notice_without_a_raise_is_written_as_before_byte_for_byte() -> None:
    def corrected(amount: int, clause: str, code: str, corrects: int | None = None,
                  on: date | None = None) -> LedgerAward:
        return LedgerAward(THIS, 2026, code, "k", amount, applicant="重庆某某股份有限公司", district="万州区",
                           clause=clause, project="数字化车间", awarded_on=on, corrects=corrects,
                           basis=None if corrects is None else "渝经信发〔2027〕5号：公示异议成立")

    notice = corrections_in(chained(corrected(3_000_000, "7b", "91500000000000001X"),
                                    corrected(500_000, "2", "91500000000000002X"),
                                    corrected(-3_000_000, "7b", "91500000000000001X", 1, date(2027, 3, 1)),
                                    corrected(-100_000, "2", "91500000000000002X", 2, date(2027, 3, 2))))
    for (lang, days, batch), (written, checks) in LAYOUT_4.items():
        assert hashlib.sha256(notice.xlsx(lang, days, batch)).hexdigest() == written
        assert hashlib.sha256(notice.checks_xlsx(lang, days, batch)).hexdigest() == checks


def test_the_command_lists_the_raises_recorded_since_the_last_notice(year: Year, tmp_path: Path) -> None:
    ledger = tmp_path / "台账.sqlite"
    ledger.write_bytes(year.ledger.read_bytes())
    last = correction_notice(ledger).listed.entries  # the last notice covered these
    optimizer.correct_award(ledger, year.revoked, to="300万", basis="异议复核不成立")
    optimizer.correct_award(ledger, year.lowered, to="80万", basis="更正录入错误")
    out = tmp_path / "第二批.xlsx"
    code, printed, err = run("ledger", "corrections", ledger, out, "--after", last, "--batch", "2")
    assert (code, err) == (0, "")
    lines = printed.splitlines()
    assert [line.split()[:2] + line.split()[3:7] for line in lines[2:4]] == [
        ["1", str(last + 1), "0", "3,000,000", "-3,000,000", "恢复"],
        ["2", str(last + 2), "500,000", "800,000", "-300,000", "调增"]]
    assert lines[4].split() == ["合计", "-3,300,000"]
    assert out.read_bytes() == correction_notice(ledger, after=last).xlsx(batch=2)
    data = table(out.read_bytes(), tmp_path / "n.xlsx")
    assert data[0][0].endswith("更正公告（第二批）") and [row[9] for row in data[4:6]] == ["恢复", "调增"]
    with app_client(tmp_path / "data", ledger=ledger) as client:
        answer = sign_in(client).get("/api/ledger/corrections", params={"after": str(last)}, headers=BEARER)
    listed = answer.json()
    assert answer.status_code == 200 and listed["taken"] == -3_300_000
    assert [(c["before"], c["after"], c["taken"], c["revoked"], c["kind"]) for c in listed["corrections"]] == [
        (0, 3_000_000, -3_000_000, False, "restored"), (500_000, 800_000, -300_000, False, "raised")]
