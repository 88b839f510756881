"""`budgetopt ledger summary`: one policy's awards as they stand after their corrections — by year, clause, region
and district, and award by award — on the command line, in the library and in the app (docs/ledger.md, Summing
up)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import numpy as np
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
from optimizer.jobs.summary import ledger_summary, summary_of
from optimizer.ledger import LedgerState, LedgerTampered, append_awards
from optimizer.ledger.chain import GENESIS, entries_for
from optimizer.ledger.summary import PolicyYear, by_policy_year, summarise
from optimizer.rules.divisions import chongqing
from optimizer.rules.policy import load_policy

DATA = ROOT / "data"
THIS = "渝经信规范〔2026〕2号"
TITLE = "重庆市促进实数融合推动“人工智能+制造”若干政策（渝经信规范〔2026〕2号）"
OTHER = "市级技术改造专项（2026年度）"
WHEN = "2026-12-01T00:00:00+00:00"
FIGURES = ["原资助项数", "原资助金额", "撤销项数", "核减金额（含撤销）", "现资助项数", "现资助金额", "企业数"]
REGIONS = [(region.name, region.members) for region in chongqing().regions]


@dataclass(frozen=True)
class Year:
    ledger: Path
    lowered: int  # the entry of the award lowered to 1,000,000
    revoked: int  # the entry of the award revoked


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Year:
    """The sample's 2026 published, another policy's awards imported, one award lowered and one revoked."""
    folder = tmp_path_factory.mktemp("summary")
    ledger = folder / "台账.sqlite"
    optimizer.init_ledger(ledger)
    optimizer.allocate(DATA / "sample_applications.xlsx", DATA / "scenario_2026.toml", ledger=ledger).write(
        folder / "r2026")
    optimizer.publish(folder / "r2026", ledger)
    optimizer.import_awards(ledger, DATA / "awards_other_policy_2026.xlsx", OTHER)
    optimizer.correct_award(ledger, 5, to="100万", basis="验收核减")
    optimizer.correct_award(ledger, 3, to=0, basis="=渝经信发〔2027〕5号：公示异议成立")
    return Year(ledger, 5, 3)


def award(amount: int, *, code: str = "91500000000000001X", clause: str = "5", district: str = "万州区",
          policy: str = THIS, year: int = 2026, corrects: int | None = None, key: str = "k",
          basis: str = "核减") -> LedgerAward:
    return LedgerAward(policy, year, code, key, amount, district=district, clause=clause,
                       corrects=corrects, basis=None if corrects is None else basis)


def chained(*awards: LedgerAward, path: Path = Path("台账.sqlite")) -> LedgerState:
    return LedgerState(path, entries_for(awards, after=0, head=GENESIS, recorded_at=WHEN))


def figures(line: object) -> tuple[int, ...]:
    return tuple(getattr(line, name) for name in ("granted", "first", "revoked", "corrected", "awards", "stands",
                                                   "applicants"))


def yuan(cell: object) -> int:
    """A 万元 cell's amount in yuan, exactly (a cell that is not whole yuan fails)."""
    value = Decimal(repr(cell)) * 10_000
    assert value == value.to_integral_value(), cell
    return int(value)


def book_of(data: bytes, path: Path) -> openpyxl.Workbook:
    path.write_bytes(data)
    return openpyxl.load_workbook(path)


def table(sheet: object) -> list[list[object]]:
    """A sheet's table: the rows under its header (row 3) down to the blank row before its notes."""
    rows = []
    for row in sheet.iter_rows(min_row=4, values_only=True):  # type: ignore[attr-defined]
        if all(cell is None for cell in row):
            break
        rows.append(list(row))
    return rows


# ------------------------------------------------------------------------------------------------ the figures


def test_an_award_lowered_and_one_revoked_count_as_they_stand() -> None:
    state = chained(award(500_000), award(300_000, code="91500000000000002X", clause="7a"),
                    award(-200_000, corrects=1), award(-300_000, code="91500000000000002X", clause="7a", corrects=2))
    summed = summarise(state.entries, policy=THIS)
    (line,) = summed.by_year
    assert figures(line) == (2, 800_000, 1, 500_000, 1, 300_000, 1)
    assert [(s.entry.seq, s.first, s.stands, [c.seq for c in s.corrections]) for s in summed.awards] == [
        (1, 500_000, 300_000, [3]), (2, 300_000, 0, [4])]


def test_a_year_whose_awards_are_all_revoked_is_summed_with_none_standing() -> None:
    state = chained(award(100_000), award(50_000, key="k2"), award(-100_000, corrects=1),
                    award(-20_000, corrects=2, key="k2"), award(-30_000, corrects=2, key="k2"))
    summed = summarise(state.entries, policy=THIS)
    assert figures(summed.by_year[0]) == (2, 150_000, 2, 150_000, 0, 0, 0)
    assert [len(s.corrections) for s in summed.awards] == [1, 2]
    assert by_policy_year(state.entries) == [PolicyYear(THIS, 2026, 0, 0, corrections=3)]


def test_a_policy_is_its_number_however_bracketed_named_as_first_recorded() -> None:
    state = chained(award(100, year=2027, policy="渝经信规范(2026) 2号"), award(200),
                    award(400, policy=OTHER, clause=""))
    assert summarise(state.entries, policy="渝经信规范［2026］2号").total.stands == 300
    assert summarise(state.entries, policy=OTHER).total.stands == 400
    for years in (None, {2026}, {2027}):  # one name, whichever year is asked
        assert summarise(state.entries, policy=THIS, years=years).policy == "渝经信规范(2026) 2号"
    assert by_policy_year(state.entries) == [PolicyYear("渝经信规范(2026) 2号", 2026, 1, 200),
                                             PolicyYear("渝经信规范(2026) 2号", 2027, 1, 100),
                                             PolicyYear(OTHER, 2026, 1, 400)]


def test_an_applicant_with_awards_under_two_clauses_counts_once_in_the_year() -> None:
    state = chained(award(100, clause="5"), award(200, clause="4", key="k2"), award(50, code="91500000000000002X"))
    summed = summarise(state.entries, policy=THIS, clause_order=("4", "5"))
    assert [(line.key, line.awards, line.applicants) for line in summed.by_clause] == [("4", 1, 1), ("5", 2, 2)]
    assert summed.by_year[0].applicants == 2


def test_clauses_in_the_policys_order_districts_by_region_unknown_ones_last() -> None:
    state = chained(award(1, clause="", district=""), award(1, clause="7b", district="两江新区"),
                    award(1, clause="1", district="万州区"), award(1, clause="x", district="某区"),
                    award(1, year=2027, district="黔江区"), award(1, district="渝中区"))
    summed = summarise(state.entries, policy=THIS, clause_order=tuple(load_policy().clauses), regions=REGIONS)
    assert [(line.year, line.key) for line in summed.by_clause] == [(2026, "1"), (2026, "5"), (2026, "7b"),
                                                                     (2026, "x"), (2026, ""), (2027, "5")]
    assert [line.key for line in summed.by_district] == ["渝中区", "两江新区", "万州区", "某区", "", "黔江区"]
    assert [(line.year, line.key, line.awards) for line in summed.by_region] == [
        (2026, "主城都市区", 2), (2026, "渝东北三峡库区城镇群", 1), (2026, "", 2), (2027, "渝东南武陵山区城镇群", 1)]
    assert [s.entry.seq for s in summed.awards] == [6, 2, 3, 4, 1, 5]
    only = summarise(state.entries, policy=THIS, years={2026}, district="两江新区")
    assert only.years == (2026,) and [s.entry.seq for s in only.awards] == [2] and only.district == "两江新区"


_POLICIES = st.sampled_from([THIS, "渝经信规范(2026)2号", "渝经信规范（2026） 2号", OTHER])
_AWARDS = st.lists(st.tuples(st.integers(1, 10_000_000), st.sampled_from(["1", "4", "7a", ""]),
                             st.sampled_from(["万州区", "渝中区", ""]), st.sampled_from([2026, 2027]),
                             st.integers(0, 5), _POLICIES), min_size=1, max_size=25)


@settings(max_examples=80, deadline=None)
@given(_AWARDS, st.lists(st.tuples(st.integers(0, 24), st.integers(0, 100)), max_size=12))
def test_every_way_of_summing_gives_the_amounts_the_corrections_left(
        awards: list[tuple[int, str, str, int, int, str]], cuts: list[tuple[int, int]]) -> None:
    """By year, clause, region, district and award by award: the amounts this test's own corrections left each award
    at (worked out here, not by the ledger's fold), and what they took off."""
    granted = [award(amount, clause=clause, district=district, year=y, code=f"9150000000000000{n}X", policy=policy)
               for amount, clause, district, y, n, policy in awards]
    stands = {i + 1: a.amount for i, a in enumerate(granted)}
    corrections = []
    for index, percent in cuts:  # each lowers an award to `percent` of what it stands at (0: revoked)
        seq = index % len(granted) + 1
        if stands[seq] == 0:
            continue
        lower = stands[seq] * percent // 100
        first = granted[seq - 1]
        corrections.append(award(lower - stands[seq], corrects=seq, code=first.credit_code, clause=first.clause,
                                 district=first.district, policy=first.policy, year=first.year))
        stands[seq] = lower
    state = chained(*granted, *corrections)
    summed = summarise(state.entries, policy=THIS, regions=REGIONS)
    ours = [seq for seq, a in enumerate(granted, start=1) if a.policy != OTHER]
    assert {s.entry.seq: s.stands for s in summed.awards} == {seq: stands[seq] for seq in ours}
    total = summed.total
    assert total.stands == sum(stands[seq] for seq in ours)
    assert total.corrected == -sum(c.amount for c in corrections if c.policy != OTHER)
    assert total.revoked == sum(1 for seq in ours if stands[seq] == 0)
    assert total.applicants == len({granted[seq - 1].credit_code for seq in ours if stands[seq] > 0})
    for lines in (summed.by_year, summed.by_clause, summed.by_region, summed.by_district):
        for name in ("granted", "first", "revoked", "corrected", "awards", "stands"):
            assert sum(getattr(line, name) for line in lines) == getattr(total, name)
    counted = by_policy_year(state.entries)
    assert sum(line.amount for line in counted if line.policy != OTHER) == total.stands
    assert sum(line.count for line in counted if line.policy != OTHER) == total.awards


# ------------------------------------------------------------------------------------------------ the library


def test_the_summary_of_the_published_year(year: Year) -> None:
    summary = optimizer.ledger_summary(year.ledger)
    assert figures(summary.figures.total) == (127, 194_999_910, 1, 7_000_000, 126, 187_999_910, 101)
    assert repr(summary) == ("<Summary '渝经信规范〔2026〕2号' 2026: 127 awards granted (1 revoked), 187,999,910 yuan "
                             "standing of 194,999,910; from 131 entries>")
    frame = summary.to_frame()
    assert len(frame) == 127 and int(frame["stands"].sum()) == 187_999_910
    lowered = frame.set_index("seq").loc[year.lowered]
    assert (lowered["first"], lowered["corrected"], lowered["stands"], lowered["revoked"]) == (
        5_000_000, 4_000_000, 1_000_000, False)
    assert bool(frame.set_index("seq").loc[year.revoked, "revoked"])
    assert optimizer.ledger_summary(year.ledger, year=np.int64(2026)).figures.years == (2026,)  # as to_frame gives it


def test_an_earlier_summary_is_made_again_from_the_entries_it_names(year: Year, tmp_path: Path) -> None:
    ledger = tmp_path / "台账.sqlite"
    ledger.write_bytes(year.ledger.read_bytes())
    before = ledger_summary(ledger).xlsx()
    optimizer.correct_award(ledger, 10, to=0, basis="追回")
    assert ledger_summary(ledger).figures.total.revoked == 2
    assert ledger_summary(ledger, upto=131).xlsx() == before
    with pytest.raises(InputError, match="holds 132 entries, fewer than the 133 asked for"):
        ledger_summary(ledger, upto=133)
    for wrong in (-1, "131", 1.5):
        with pytest.raises(InputError, match="the number of entries should be a whole number"):
            ledger_summary(ledger, upto=wrong)  # type: ignore[arg-type]
    assert ledger_summary(ledger, upto=131).changed_after == ()
    tamper(ledger, 132)  # after the entries the summary is made from: it holds, and says what was done
    again = ledger_summary(ledger, upto=131)
    assert again.xlsx() == before and [t.seq for t in again.changed_after] == [132]
    with pytest.raises(LedgerTampered):
        ledger_summary(ledger)
    code, _, err = run("ledger", "summary", ledger, tmp_path / "again.xlsx", "--upto", 131)
    assert code == 0 and err.startswith("警告：本表依据的前131条记录完好，但其后台账在 budgetopt 之外被改动过"
                                        "（不影响本表，请核查）：") and "第132条记录已被修改" in err


def test_a_district_alone_is_the_list_sent_with_its_funds(year: Year, tmp_path: Path) -> None:
    summary = ledger_summary(year.ledger, year=2026, district="渝北区")  # the abolished name: 两江新区
    assert summary.figures.district == "两江新区"
    assert {s.entry.award.district for s in summary.figures.awards} == {"两江新区"}
    assert figures(summary.figures.total) == (17, 33_028_350, 1, 3_000_000, 16, 30_028_350, 13)
    book = book_of(summary.xlsx(), tmp_path / "两江.xlsx")
    assert book["资助明细"]["A1"].value == f"{TITLE}资助明细表（2026年度，两江新区）"
    rows = table(book["资助明细"])
    assert rows[-1][0] == "合计" and yuan(rows[-1][9]) == 30_028_350 and len(rows) == 18


def test_another_policys_imported_awards_are_summed_under_its_own_name(year: Year, tmp_path: Path) -> None:
    summary = ledger_summary(year.ledger, policy="市级技术改造专项(2026年度)")
    assert summary.model is None and summary.figures.policy == OTHER and summary.figures.total.awards == 2
    book = book_of(summary.xlsx(), tmp_path / "other.xlsx")
    assert book.sheetnames == ["按年度", "按企业", "资助明细"]  # no clause, no district: those would be dashes
    assert book["按年度"]["A1"].value == f"{OTHER}资助情况汇总表（2026年度）"


def test_what_the_ledger_does_not_hold_is_an_input_error_naming_what_it_does(year: Year, tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        ledger_summary(year.ledger, year=2027)
    assert str(raised.value) == ("台账.sqlite: the ledger holds no awards of 渝经信规范〔2026〕2号 in 2027 "
                                 "(it holds those of 2026)")
    with pytest.raises(InputError) as raised:
        ledger_summary(year.ledger, policy="渝府发〔2025〕9号")
    assert str(raised.value) == ("台账.sqlite: the ledger holds no awards of 渝府发〔2025〕9号 (it holds awards of "
                                 f"渝经信规范〔2026〕2号, {OTHER})")
    with pytest.raises(InputError) as raised:
        ledger_summary(year.ledger, year=2026, district="城口县")
    assert str(raised.value).startswith("台账.sqlite: the ledger holds no awards of 渝经信规范〔2026〕2号 in 2026 "
                                        "in 城口县 (it holds those of 渝中区, 沙坪坝区")
    empty = tmp_path / "空.sqlite"
    optimizer.init_ledger(empty)
    with pytest.raises(InputError, match=r"holds no awards of 渝经信规范〔2026〕2号 \(it holds none yet\)"):
        ledger_summary(empty)
    for wrong in (True, "2026", 2026.0):
        with pytest.raises(InputError, match="the year should be a whole number such as 2026"):
            ledger_summary(year.ledger, year=wrong)  # type: ignore[arg-type]
    for name, wrong in (("policy", ""), ("policy", 123), ("district", "  ")):
        with pytest.raises(InputError, match=f"the {name} should be its"):
            ledger_summary(year.ledger, **{name: wrong})  # type: ignore[arg-type]
    with pytest.raises(InputError) as raised:  # every mistake at once, before the file is read
        ledger_summary(tmp_path / "无.sqlite", year="2026", upto=-1, district="")
    assert [p.file for p in raised.value.problems] == ["year", "district", "upto"]
    with pytest.raises(InputError, match="lang"):
        ledger_summary(year.ledger).text("fr")


# ------------------------------------------------------------------------------------------------ the workbook


def test_the_workbook_holds_the_ledgers_figures_to_the_yuan(year: Year, tmp_path: Path) -> None:
    summary = ledger_summary(year.ledger, year=2026)
    data = summary.xlsx()
    assert data == ledger_summary(year.ledger, year=2026).xlsx()  # the same ledger, the same bytes
    book = book_of(data, tmp_path / "汇总.xlsx")
    assert book.sheetnames == ["按年度", "按条款", "按区县", "按企业", "资助明细"]
    years = book["按年度"]
    assert years["A1"].value == f"{TITLE}资助情况汇总表（2026年度）" and years["A2"].value == "金额单位：万元"
    assert [c.value for c in years[3]] == ["年度", *FIGURES]
    ((label, *row),) = table(years)  # one year: no 合计 row
    assert label == "2026年度" and [yuan(v) if i in (1, 3, 5) else v for i, v in enumerate(row)] == [
        127, 194_999_910, 1, 7_000_000, 126, 187_999_910, 101]
    notes = [c.value for c in years["A"][5:8]]
    assert notes[0].startswith("说明：原资助为公示（或导入）时的资助")
    head = optimizer.jobs.ledger.entries(year.ledger)[-1].hash
    assert notes[1] == (f"依据：资助台账 台账.sqlite 的前131条记录（末条记录的哈希 {head}）。"
                        "台账以后增加记录时，仍可由这131条记录重新生成本表（budgetopt ledger summary … --upto 131）。")
    assert years["A9"].value.startswith("编制单位：")
    clauses = table(book["按条款"])
    assert clauses[0][:4] == ["2026年度", "体系化推进“产业大脑+未来工厂”", "第1条", "细分行业产业大脑"]
    assert clauses[-1][0] == "2026年度合计" and yuan(clauses[-1][9]) == 187_999_910 and clauses[-1][10] == 101
    assert sum(yuan(r[9]) for r in clauses[:-1]) == 187_999_910
    districts = table(book["按区县"])
    assert districts[0][:3] == ["2026年度", "主城都市区", "渝中区"]
    subtotals = [r for r in districts if str(r[0]).endswith("小计")]
    assert [r[0] for r in subtotals] == ["2026年度主城都市区小计", "2026年度渝东北三峡库区城镇群小计",
                                         "2026年度渝东南武陵山区城镇群小计"]
    assert sum(yuan(r[8]) for r in subtotals) == 187_999_910 and districts[-1][0] == "2026年度合计"
    lines = [r for r in districts if r[0] == "2026年度"]
    assert sum(yuan(r[8]) for r in lines) == 187_999_910 and sum(r[3] for r in lines) == 127
    applicants = table(book["按企业"])
    assert [r[0] for r in applicants[:-1]] == list(range(1, 103)) and applicants[-1][0] == "合计"
    stands = [yuan(r[10]) for r in applicants[:-1]]
    assert stands == sorted(stands, reverse=True) and sum(stands) == yuan(applicants[-1][10]) == 187_999_910
    assert sum(r[5] for r in applicants[:-1]) == applicants[-1][5] == 127
    assert {r[1] for r in applicants[:-1]} == {s.entry.award.credit_code for s in summary.figures.awards}
    awards = table(book["资助明细"])
    assert [r[0] for r in awards[:-1]] == list(range(1, 128)) and awards[-1][0] == "合计"
    assert sum(yuan(r[9]) for r in awards[:-1]) == yuan(awards[-1][9]) == 187_999_910
    by_seq = {r[11]: r for r in awards[:-1]}
    assert by_seq[year.lowered][10].startswith("第130条记录（") and by_seq[year.lowered][10].endswith(
        "核减400.00万元：验收核减")
    assert by_seq[year.revoked][10].endswith("核减300.00万元：=渝经信发〔2027〕5号：公示异议成立；已撤销")
    assert all(isinstance(r[4], str) and len(r[4]) == 18 for r in awards[:-1])  # credit codes as text
    assert book["资助明细"].auto_filter.ref == "A3:L130"  # the awards, not their total


def test_figures_summed_without_the_citys_regions_are_written_all_the_same(tmp_path: Path) -> None:
    state = chained(award(100, district="渝中区"), award(50, district="万州区", code="91500000000000002X"))
    figures_alone = summarise(state.entries, policy=THIS)
    book = book_of(optimizer.Summary(tmp_path / "l.sqlite", figures_alone, None).xlsx(), tmp_path / "plain.xlsx")
    rows = table(book["按区县"])
    assert [r[0] for r in rows] == ["2026年度", "2026年度", "2026年度其他区县小计", "2026年度合计"]


def test_text_that_looks_like_a_formula_stays_text(year: Year, tmp_path: Path) -> None:
    state = chained(award(100, district="=1+1"), path=year.ledger)
    book = book_of(summary_of(state, policy=THIS).xlsx(), tmp_path / "f.xlsx")
    cell = book["资助明细"]["C4"]
    assert cell.value == "=1+1" and cell.data_type == "s" and cell.quotePrefix


def test_the_workbook_in_english(year: Year, tmp_path: Path) -> None:
    book = book_of(ledger_summary(year.ledger).xlsx("en"), tmp_path / "en.xlsx")
    assert book.sheetnames == ["By year", "By clause", "By district", "By applicant", "Awards"]
    assert book["By year"]["A1"].value == (
        "Awards under Chongqing policies to integrate the digital and real economies and advance "
        "\"AI + manufacturing\" (渝经信规范〔2026〕2号): summary (2026)")
    assert book["By year"]["A2"].value == "Amounts in 10,000 yuan"
    assert book["By clause"]["C4"].value == "clause 1"
    assert book["By district"]["B4"].value == "main urban metropolitan area"
    with pytest.raises(InputError, match="lang"):
        ledger_summary(year.ledger).xlsx("fr")


def test_two_years_are_each_totalled_and_summed(tmp_path: Path) -> None:
    state = chained(award(10_000), award(20_000, year=2027, code="91500000000000002X"), award(5_000, year=2027),
                    path=tmp_path / "l.sqlite")
    book = book_of(summary_of(state).xlsx(), tmp_path / "two.xlsx")
    years = table(book["按年度"])
    assert [(r[0], r[1], r[7], yuan(r[6])) for r in years] == [("2026年度", 1, 1, 10_000), ("2027年度", 2, 2, 25_000),
                                                               ("合计", 3, 2, 35_000)]
    assert book["按年度"]["A1"].value.endswith("（2026—2027年度）")
    totals = [r[0] for r in table(book["按区县"]) if str(r[0]).endswith("合计")]
    assert totals == ["2026年度合计", "2027年度合计"]
    applicants = table(book["按企业"])  # over every year: the applicant of both first, its years named
    assert [(r[0], r[1], r[4], r[5], yuan(r[10])) for r in applicants] == [
        (1, "91500000000000002X", "2027", 1, 20_000), (2, "91500000000000001X", "2026、2027", 2, 15_000),
        ("合计", None, None, 3, 35_000)]


def test_the_library_writes_only_a_workbook(year: Year, tmp_path: Path) -> None:
    summary = ledger_summary(year.ledger)
    assert summary.write(tmp_path / "汇总.XLSX").read_bytes() == summary.xlsx()
    with pytest.raises(InputError, match=r"the summary must be an \.xlsx file"):
        summary.write(tmp_path / "汇总.csv")
    assert not (tmp_path / "汇总.csv").exists()


# ------------------------------------------------------------------------------------------------ the command line


def test_the_command_prints_the_years_and_writes_the_workbook(year: Year, tmp_path: Path) -> None:
    out = tmp_path / "2026年度资助汇总.xlsx"
    code, said, err = run("ledger", "summary", year.ledger, out, "--year", 2026)
    assert code == 0, err
    assert said.splitlines() == [
        "年度  原资助项数  原资助金额（元）  撤销项数  核减金额（元）  现资助项数  现资助金额（元）  企业数",
        "----  ----------  ----------------  --------  --------------  ----------  ----------------  ------",
        "2026         127       194,999,910         1       7,000,000         126       187,999,910     101",
        f"已写出 {out}"]
    assert out.read_bytes() == ledger_summary(year.ledger, year=2026).xlsx()
    code, _, err = run("ledger", "summary", year.ledger, out)
    assert code == 2 and err == f"{out}：文件已存在（或加 --overwrite）\n"
    assert run("ledger", "summary", year.ledger, out, "--overwrite", "--lang", "en")[0] == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == "By year"
    district = tmp_path / "两江新区.xlsx"
    assert run("ledger", "summary", year.ledger, district, "--district", "两江新区", "--upto", 131)[0] == 0
    assert district.read_bytes() == ledger_summary(year.ledger, district="两江新区").xlsx()


@pytest.mark.parametrize(("args", "message"), [
    (("--year", "2027"), "台账.sqlite：资助台账中没有渝经信规范〔2026〕2号2027年度的资助（有：2026年度）"),
    (("--year", "1899"), "--year：应为 1900 至 2999 的整数，填写的是 1899"),
    (("--district", "城口县", "--year", "2026"),
     "台账.sqlite：资助台账中没有渝经信规范〔2026〕2号2026年度城口县的资助"),
    (("--upto", "999"), "台账.sqlite：资助台账只有131条记录，少于所要的999条"),
    (("--policy", "渝府发〔2025〕9号"),
     f"台账.sqlite：资助台账中没有渝府发〔2025〕9号的资助（台账记录的是：渝经信规范〔2026〕2号、{OTHER}）"),
])
def test_the_command_refuses_what_the_ledger_does_not_hold(year: Year, tmp_path: Path, args: tuple[str, ...],
                                                           message: str) -> None:
    code, said, err = run("ledger", "summary", year.ledger, tmp_path / "x.xlsx", *args)
    assert code == 2 and said == "" and message in err.splitlines()[0]
    assert not (tmp_path / "x.xlsx").exists()


def test_the_commands_mistakes_are_named_by_its_options(year: Year, tmp_path: Path) -> None:
    code, _, err = run("ledger", "summary", year.ledger, tmp_path / "x.xlsx", "--district", "  ", "--policy", "")
    assert code == 2 and err.splitlines()[:2] == ["--policy：政策应为其文号或名称，如 渝经信规范〔2026〕2号，而不是 ''",
                                                   "--district：区县应为其名称，如 两江新区，而不是 '  '"]


def test_the_command_wants_an_xlsx_and_a_ledger(year: Year, tmp_path: Path) -> None:
    code, _, err = run("ledger", "summary", year.ledger, tmp_path / "x.csv", lang="en")
    assert code == 2 and err == f"{tmp_path / 'x.csv'}: the summary must be an .xlsx file\n"
    code, _, err = run("ledger", "summary", tmp_path / "无.sqlite", tmp_path / "x.xlsx")
    assert code == 2 and err == "无.sqlite：资助台账文件不存在\n"


def test_a_tampered_ledger_is_named_and_nothing_is_written(year: Year, tmp_path: Path) -> None:
    ledger = tmp_path / "台账.sqlite"
    ledger.write_bytes(year.ledger.read_bytes())
    tamper(ledger, 7)
    with pytest.raises(LedgerTampered):
        ledger_summary(ledger)
    code, _, err = run("ledger", "summary", ledger, tmp_path / "x.xlsx")
    assert code == 4 and "第7条记录已被修改" in err and not (tmp_path / "x.xlsx").exists()


# ------------------------------------------------------------------------------------------------ the app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, year: Year) -> Iterator[TestClient]:
    with app_client(tmp_path_factory.mktemp("data"), ledger=year.ledger) as client:
        yield sign_in(client)


def test_the_ledger_page_offers_each_years_summary_and_a_form(client: TestClient) -> None:
    page = client.get("/ledger").text
    assert f'href="/ledger/summary.xlsx?policy={quote(THIS)}&amp;year=2026"' in page
    assert "2026年度汇总表（Excel）" in page and "全部年度汇总表" not in page  # one year: its own link is all
    assert '<form method="get" action="/ledger/summary.xlsx" id="summary-form"' in page
    assert f"<option>{THIS}</option><option>{OTHER}</option></select>" in page
    assert '<option value="">全部区县</option><option>渝中区</option>' in page


def test_the_apps_summary_is_the_command_lines(client: TestClient, year: Year) -> None:
    answer = client.get("/ledger/summary.xlsx", params={"policy": THIS, "year": "2026"})
    assert answer.status_code == 200 and answer.content == ledger_summary(year.ledger, year=2026).xlsx()
    assert answer.headers["content-disposition"] == (
        'attachment; filename="ledger-summary-2026.xlsx"; '
        f"filename*=UTF-8''{quote('渝经信规范〔2026〕2号-2026-资助汇总.xlsx', safe='')}")
    every = client.get("/ledger/summary.xlsx?lang=en")
    assert every.status_code == 200 and every.content == ledger_summary(year.ledger).xlsx("en")
    assert every.headers["content-disposition"].endswith(quote("渝经信规范〔2026〕2号-summary.xlsx", safe=""))
    district = client.get("/ledger/summary.xlsx", params={"year": "2026", "district": "两江新区"})
    assert district.content == ledger_summary(year.ledger, year=2026, district="两江新区").xlsx()
    assert quote("-两江新区-资助汇总.xlsx", safe="") in district.headers["content-disposition"]
    assert client.get("/ledger/summary.xlsx", params={"policy": OTHER}).status_code == 200
    assert client.head("/ledger/summary.xlsx").status_code == 200


@pytest.mark.parametrize("query", ["year=20266", "year=２０２６", "year=-1", "year=2026.0"])
def test_a_year_that_is_none_is_not_found(client: TestClient, query: str) -> None:
    assert client.get(f"/ledger/summary.xlsx?{query}").status_code == 404


def test_what_the_ledger_holds_no_award_of_is_said(client: TestClient) -> None:
    answer = client.get("/ledger/summary.xlsx", params={"year": "2027"})
    assert answer.status_code == 404
    said = answer.text
    assert "没有可汇总的资助" in said and "资助台账中没有渝经信规范〔2026〕2号2027年度的资助（有：2026年度）" in said


def test_the_summarys_figures_for_a_program(client: TestClient, year: Year) -> None:
    answer = client.get("/api/ledger/summary", params={"year": "2026", "district": "两江新区"}, headers=BEARER)
    assert answer.status_code == 200
    data = answer.json()
    figures = ledger_summary(year.ledger, year=2026, district="两江新区").figures
    assert (data["policy"], data["years"], data["district"], data["entries"], data["head"]) == (
        THIS, [2026], "两江新区", 131, figures.head)
    assert data["total"] == {"year": None, "key": "", "granted": 17, "first": 33_028_350, "revoked": 1,
                             "corrected": 3_000_000, "awards": 16, "stands": 30_028_350, "applicants": 13}
    assert [line["key"] for line in data["by_district"]] == ["两江新区"]
    assert sum(line["stands"] for line in data["by_applicant"]) == 30_028_350
    assert len(data["by_clause"]) == len(figures.by_clause) and data["by_region"][0]["key"] == "主城都市区"
    nothing = client.get("/api/ledger/summary?year=2027", headers=BEARER)
    assert nothing.status_code == 404 and "2027年度的资助（有：2026年度）" in nothing.json()["error"]
    wrong = client.get("/api/ledger/summary?year=26&lang=en", headers=BEARER)
    assert wrong.status_code == 400 and wrong.json() == {"error": "year should be a year of four digits, such as 2026"}


def test_a_program_asks_for_the_summary_with_its_token(client: TestClient, year: Year) -> None:
    with TestClient(client.app, base_url=str(client.base_url)) as other:
        assert other.get("/ledger/summary.xlsx").status_code == 403
        answer = other.get("/ledger/summary.xlsx?year=2026", headers=BEARER)
    assert answer.status_code == 200 and answer.content == ledger_summary(year.ledger, year=2026).xlsx()


def test_a_summary_from_an_unreadable_or_tampered_ledger_is_not_found(year: Year, tmp_path: Path) -> None:
    (tmp_path / "ledger.sqlite").write_bytes(b"hello")
    with app_client(tmp_path) as client:
        assert sign_in(client).get("/ledger/summary.xlsx").status_code == 404
    (tmp_path / "ledger.sqlite").write_bytes(year.ledger.read_bytes())
    tamper(tmp_path / "ledger.sqlite", 7)
    with app_client(tmp_path) as client:
        assert sign_in(client).get("/ledger/summary.xlsx").status_code == 404


def test_a_policy_of_two_years_has_a_summary_of_both(year: Year, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    ledger.write_bytes(year.ledger.read_bytes())
    append_awards(ledger, [award(1_000_000, year=2027, policy="渝经信规范(2026)2号")], recorded_at=WHEN)
    with app_client(tmp_path) as client:
        page = sign_in(client).get("/ledger").text
        assert "渝经信规范〔2026〕2号全部年度汇总表（Excel）" in page and "2027年度汇总表（Excel）" in page
        assert f"{OTHER}全部年度汇总表" not in page
        both = client.get("/ledger/summary.xlsx", params={"policy": THIS})
    assert both.status_code == 200 and both.content == ledger_summary(ledger).xlsx()
    assert ledger_summary(ledger).figures.years == (2026, 2027)


# ------------------------------------------------------------------------------------------------ raises (调增、恢复)


def raised_and_restored() -> LedgerState:
    """500,000 lowered to 100,000 by mistake, raised to the 300,000 decided; 300,000 revoked, then restored."""
    two = {"code": "91500000000000002X", "clause": "7a"}
    return chained(award(500_000), award(300_000, **two), award(-400_000, corrects=1, basis="验收核减"),
                   award(200_000, corrects=1, basis="更正第3条录入错误"), award(-300_000, corrects=2, **two),
                   award(300_000, corrects=2, basis="撤销有误", **two))


def test_an_award_raised_again_counts_as_it_stands_and_one_restored_stands_again() -> None:
    summed = summarise(raised_and_restored().entries, policy=THIS)
    (line,) = summed.by_year
    assert figures(line) == (2, 800_000, 0, 200_000, 2, 600_000, 2)  # corrected: 400,000 taken, 200,000 given back
    assert [(s.first, s.corrected, s.stands, s.revoked) for s in summed.awards] == [
        (500_000, 200_000, 300_000, False), (300_000, 0, 300_000, False)]
    assert by_policy_year(raised_and_restored().entries) == [PolicyYear(THIS, 2026, 2, 600_000, corrections=4)]


def test_the_workbook_says_what_each_raise_added_back(tmp_path: Path) -> None:
    summary = summary_of(raised_and_restored())
    book = book_of(summary.xlsx(), tmp_path / "raised.xlsx")
    ((_, *row),) = table(book["按年度"])
    assert [yuan(v) if i in (1, 3, 5) else v for i, v in enumerate(row)] == [2, 800_000, 0, 200_000, 2, 600_000, 2]
    notes = {r[11]: r[10] for r in table(book["资助明细"])[:-1]}
    assert notes == {1: "第3条记录（）核减40.00万元：验收核减；第4条记录（）调增20.00万元：更正第3条录入错误",
                     2: "第5条记录（）核减30.00万元：核减；第6条记录（）恢复30.00万元：撤销有误"}  # (no dates here)
    english = book_of(summary.xlsx("en"), tmp_path / "raised-en.xlsx")
    assert {r[11]: r[10] for r in table(english["Awards"])[:-1]} == {
        1: "entry 3 () took off 40.00万: 验收核减; entry 4 () added back 20.00万: 更正第3条录入错误",
        2: "entry 5 () took off 30.00万: 核减; entry 6 () restored 30.00万: 撤销有误"}
    frame = summary.to_frame()
    assert frame[["first", "corrected", "stands", "revoked"]].values.tolist() == [[500_000, 200_000, 300_000, False],
                                                                                  [300_000, 0, 300_000, False]]
