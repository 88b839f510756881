"""`budgetopt ledger summary`: one policy's awards as they stand after their corrections — by year, clause and
district, and award by award — on the command line, in the library and in the app (docs/ledger.md, Summing up)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from webapp import BEARER, TestClient, app_client, sign_in

import optimizer
from optimizer.cli import cli
from optimizer.domain import LedgerAward
from optimizer.errors import InputError
from optimizer.jobs.summary import ledger_summary
from optimizer.ledger import LedgerState, LedgerTampered, append_awards, standing
from optimizer.ledger.chain import GENESIS, entries_for
from optimizer.ledger.summary import summarise
from optimizer.rules.divisions import chongqing
from optimizer.rules.policy import load_policy

DATA = ROOT / "data"
THIS = "渝经信规范〔2026〕2号"
OTHER = "市级技术改造专项（2026年度）"
WHEN = "2026-12-01T00:00:00+00:00"


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


def run(*args: object, lang: str = "zh") -> tuple[int, str, str]:
    result = CliRunner(env={"BUDGETOPT_LANG": lang}).invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def award(amount: int, *, code: str = "91500000000000001X", clause: str = "5", district: str = "万州区",
          policy: str = THIS, year: int = 2026, corrects: int | None = None, key: str = "k") -> LedgerAward:
    return LedgerAward(policy, year, code, key, amount, district=district, clause=clause,
                       corrects=corrects, basis=None if corrects is None else "核减")


def chained(*awards: LedgerAward) -> LedgerState:
    return LedgerState(Path("台账.sqlite"), entries_for(awards, after=0, head=GENESIS, recorded_at=WHEN))


def yuan(cell: object) -> int:
    """A 万元 cell's amount in yuan, exactly (a cell that is not whole yuan fails)."""
    value = Decimal(repr(cell)) * 10_000
    assert value == value.to_integral_value(), cell
    return int(value)


# ------------------------------------------------------------------------------------------------ the figures


def test_an_award_lowered_and_one_revoked_count_as_they_stand() -> None:
    state = chained(award(500_000), award(300_000, code="91500000000000002X", clause="7a"),
                    award(-200_000, corrects=1), award(-300_000, code="91500000000000002X", clause="7a", corrects=2))
    summed = summarise(state.entries, policy=THIS)
    (line,) = summed.by_year
    assert (line.awards, line.applicants, line.first, line.corrected, line.revoked, line.stands) == (
        1, 1, 800_000, 500_000, 1, 300_000)
    assert [(s.entry.seq, s.first, s.stands, [c.seq for c in s.corrections]) for s in summed.awards] == [
        (1, 500_000, 300_000, [3]), (2, 300_000, 0, [4])]


def test_a_policy_is_its_number_however_bracketed_and_the_others_are_left_out() -> None:
    state = chained(award(100), award(200, policy="渝经信规范(2026) 2号"), award(400, policy=OTHER, clause=""))
    assert summarise(state.entries, policy="渝经信规范［2026］2号").total.stands == 300
    assert summarise(state.entries, policy=OTHER).total.stands == 400


def test_an_applicant_with_awards_under_two_clauses_counts_once_in_the_year() -> None:
    state = chained(award(100, clause="5"), award(200, clause="4", key="k2"), award(50, code="91500000000000002X"))
    summed = summarise(state.entries, policy=THIS, clause_order=("4", "5"))
    assert [(line.key, line.awards, line.applicants) for line in summed.by_clause] == [("4", 1, 1), ("5", 2, 2)]
    assert summed.by_year[0].applicants == 2


def test_clauses_and_districts_in_the_policys_and_the_citys_order_unknown_ones_last() -> None:
    state = chained(award(1, clause="", district=""), award(1, clause="7b", district="两江新区"),
                    award(1, clause="1", district="万州区"), award(1, clause="x", district="某区"),
                    award(1, year=2027, district="黔江区"))
    policy = load_policy()
    summed = summarise(state.entries, policy=THIS, clause_order=tuple(policy.clauses),
                       district_order=chongqing().names)
    assert [(line.year, line.key) for line in summed.by_clause] == [(2026, "1"), (2026, "7b"), (2026, "x"),
                                                                     (2026, ""), (2027, "5")]
    assert [line.key for line in summed.by_district] == ["万州区", "两江新区", "某区", "", "黔江区"]
    assert [s.entry.seq for s in summed.awards] == [3, 2, 4, 1, 5]
    assert summarise(state.entries, policy=THIS, years={2027}).years == (2027,)


_AWARDS = st.lists(st.tuples(st.integers(1, 10_000_000), st.sampled_from(["1", "4", "7a", ""]),
                             st.sampled_from(["万州区", "渝中区", ""]), st.sampled_from([2026, 2027]),
                             st.integers(0, 5), st.sampled_from([THIS, OTHER])), min_size=1, max_size=25)


@settings(max_examples=60, deadline=None)
@given(_AWARDS, st.lists(st.tuples(st.integers(0, 24), st.integers(0, 100)), max_size=10))
def test_every_way_of_summing_gives_what_the_ledger_says_stands(
        awards: list[tuple[int, str, str, int, int, str]], cuts: list[tuple[int, int]]) -> None:
    """By year, by clause, by district and award by award: the same totals, each line's stands = first − corrected,
    and the awards as LedgerState.granted has them (the ledger's one reading of "as it stands")."""
    granted = [award(amount, clause=clause, district=district, year=y, code=f"9150000000000000{n}X", policy=policy)
               for amount, clause, district, y, n, policy in awards]
    stands = {i + 1: a.amount for i, a in enumerate(granted)}
    corrections = []
    for index, percent in cuts:  # each lowers an award to `percent` of what it stands at (0: revoked)
        seq = index % len(granted) + 1
        if stands[seq] == 0:
            continue
        lower = stands[seq] * percent // 100
        corrections.append(award(lower - stands[seq], corrects=seq, **_fields(granted[seq - 1])))
        stands[seq] = lower
    state = chained(*granted, *corrections)
    summed = summarise(state.entries, policy=THIS)
    expected = [a for a in state.granted if a.policy == THIS]
    total = summed.total
    assert total.stands == sum(a.amount for a in expected) and total.awards == len(expected)
    for lines in (summed.by_year, summed.by_clause, summed.by_district):
        assert sum(line.stands for line in lines) == total.stands
        assert sum(line.first for line in lines) == total.first
        assert all(line.stands == line.first - line.corrected for line in lines)
    assert sum(s.stands for s in summed.awards) == total.stands
    assert {s.entry.seq: s.stands for s in summed.awards} == {
        entry.seq: amount for entry, amount in standing(state.entries) if entry.award.policy == THIS}


def _fields(granted: LedgerAward) -> dict[str, object]:
    return {"code": granted.credit_code, "clause": granted.clause, "district": granted.district,
            "policy": granted.policy, "year": granted.year}


# ------------------------------------------------------------------------------------------------ the library


def test_the_summary_of_the_published_year(year: Year) -> None:
    summary = optimizer.ledger_summary(year.ledger)
    total = summary.lines.total
    assert (total.awards, total.first, total.corrected, total.revoked, total.stands) == (
        126, 194_999_910, 4_000_000 + 3_000_000, 1, 187_999_910)
    assert repr(summary) == ("<Summary '渝经信规范〔2026〕2号' 2026: 126 awards, 187,999,910 yuan standing of "
                             "194,999,910 granted; from 131 entries>")
    frame = summary.to_frame()
    assert len(frame) == 127 and int(frame["stands"].sum()) == 187_999_910
    lowered = frame.set_index("seq").loc[year.lowered]
    assert (lowered["first"], lowered["corrected"], lowered["stands"], lowered["revoked"]) == (
        5_000_000, 4_000_000, 1_000_000, False)
    assert bool(frame.set_index("seq").loc[year.revoked, "revoked"])


def test_another_policys_imported_awards_are_summed_under_its_own_name(year: Year) -> None:
    summary = ledger_summary(year.ledger, policy="市级技术改造专项(2026年度)")
    assert summary.policy is None and summary.lines.policy == OTHER
    assert summary.lines.total.awards == 2
    book = openpyxl.load_workbook(_saved(summary.xlsx(), year.ledger.parent / "other.xlsx"))
    assert [c.value for c in book["按条款"][4]][1:4] == ["—", "—", "—"]


def test_a_policy_or_a_year_without_awards_is_an_input_error_naming_what_there_is(year: Year,
                                                                                   tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        ledger_summary(year.ledger, year=2027)
    assert str(raised.value) == (f"{year.ledger}: the ledger holds no awards of 渝经信规范〔2026〕2号 in 2027 "
                                 "(it holds those of 2026)")
    with pytest.raises(InputError) as raised:
        ledger_summary(year.ledger, policy="渝府发〔2025〕9号")
    assert str(raised.value) == (f"{year.ledger}: the ledger holds no awards of 渝府发〔2025〕9号 (it holds awards of "
                                 f"渝经信规范〔2026〕2号, {OTHER})")
    empty = tmp_path / "空.sqlite"
    optimizer.init_ledger(empty)
    with pytest.raises(InputError, match=r"holds no awards of 渝经信规范〔2026〕2号 \(it holds none yet\)"):
        ledger_summary(empty)
    for wrong in (True, "2026", 2026.0):
        with pytest.raises(InputError, match="the year should be a whole number such as 2026"):
            ledger_summary(year.ledger, year=wrong)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------ the workbook


def _saved(data: bytes, path: Path) -> Path:
    path.write_bytes(data)
    return path


def test_the_workbook_holds_the_ledgers_figures_to_the_yuan(year: Year, tmp_path: Path) -> None:
    summary = ledger_summary(year.ledger, year=2026)
    data = summary.xlsx()
    assert data == ledger_summary(year.ledger, year=2026).xlsx()  # the same ledger, the same bytes
    book = openpyxl.load_workbook(_saved(data, tmp_path / "汇总.xlsx"))
    assert book.sheetnames == ["按年度", "按条款", "按区县", "资助明细"]
    years = book["按年度"]
    assert years["A1"].value == "渝经信规范〔2026〕2号资助情况汇总表（2026年度）"
    head = read_head(year.ledger)
    assert f"资助台账 台账.sqlite 的前131条记录（末条记录的哈希 {head}）" in years["A2"].value
    assert [c.value for c in years[3]] == ["年度", "资助项数", "企业数", "原资助金额（万元）", "核减金额（万元）",
                                          "撤销项数", "现资助金额（万元）"]
    row = [c.value for c in years[4]]
    assert row[:3] == ["2026年度", 126, 101] and [yuan(v) for v in row[3:5]] == [194_999_910, 7_000_000]
    assert row[5] == 1 and yuan(row[6]) == 187_999_910 and years.max_row == 4  # one year: no 合计 row
    for name in ("按条款", "按区县"):
        sheet = book[name]
        last = [c.value for c in sheet[sheet.max_row]]
        assert last[0] == "2026年度合计" and yuan(last[-1]) == 187_999_910
        lines = [[c.value for c in r] for r in sheet.iter_rows(min_row=4, max_row=sheet.max_row - 1)]
        assert sum(yuan(r[-1]) for r in lines) == 187_999_910
    awards = book["资助明细"]
    rows = [[c.value for c in r] for r in awards.iter_rows(min_row=4)]
    assert len(rows) == 127 and [r[0] for r in rows] == list(range(1, 128))
    assert sum(yuan(r[9]) for r in rows) == 187_999_910
    by_seq = {r[11]: r for r in rows}
    assert by_seq[year.lowered][10].startswith("第130条记录（") and by_seq[year.lowered][10].endswith(
        "核减400.00万元：验收核减")
    revoked = by_seq[year.revoked][10]
    assert revoked.endswith("核减300.00万元：=渝经信发〔2027〕5号：公示异议成立；已撤销")
    assert all(isinstance(r[4], str) and len(r[4]) == 18 for r in rows)  # credit codes as text


def test_text_that_looks_like_a_formula_stays_text(year: Year, tmp_path: Path) -> None:
    state = chained(award(100, district="=1+1"))
    summary = optimizer.Summary(year.ledger, summarise(state.entries, policy=THIS), None)
    book = openpyxl.load_workbook(_saved(summary.xlsx(), tmp_path / "f.xlsx"))
    cell = book["资助明细"]["C4"]
    assert cell.value == "=1+1" and cell.data_type == "s" and cell.quotePrefix


def test_the_workbook_in_english(year: Year, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_saved(ledger_summary(year.ledger).xlsx("en"), tmp_path / "en.xlsx"))
    assert book.sheetnames == ["By year", "By clause", "By district", "Awards"]
    assert book["By year"]["A1"].value == "Awards under 渝经信规范〔2026〕2号: summary (2026)"
    assert book["By clause"]["C4"].value == "clause 1"
    with pytest.raises(InputError, match="lang"):
        ledger_summary(year.ledger).xlsx("fr")


def test_two_years_are_each_totalled_and_summed(tmp_path: Path) -> None:
    state = chained(award(10_000), award(20_000, year=2027, code="91500000000000002X"), award(5_000, year=2027))
    summary = optimizer.Summary(tmp_path / "l.sqlite", summarise(state.entries, policy=THIS), None)
    book = openpyxl.load_workbook(_saved(summary.xlsx(), tmp_path / "two.xlsx"))
    years = [[c.value for c in r] for r in book["按年度"].iter_rows(min_row=4)]
    assert [(r[0], r[1], r[2], yuan(r[6])) for r in years] == [("2026年度", 1, 1, 10_000), ("2027年度", 2, 2, 25_000),
                                                               ("合计", 3, 2, 35_000)]
    assert book["按年度"]["A1"].value.endswith("（2026—2027年度）")
    totals = [r[0] for r in book["按区县"].iter_rows(min_row=4, values_only=True) if str(r[0]).endswith("合计")]
    assert totals == ["2026年度合计", "2027年度合计"]


# ------------------------------------------------------------------------------------------------ the command line


def read_head(ledger: Path) -> str:
    return optimizer.jobs.ledger.entries(ledger)[-1].hash


def test_the_command_prints_the_years_and_writes_the_workbook(year: Year, tmp_path: Path) -> None:
    out = tmp_path / "2026年度资助汇总.xlsx"
    code, said, err = run("ledger", "summary", year.ledger, out, "--year", 2026)
    assert code == 0, err
    assert said.splitlines() == [
        "年度  资助项数  企业数  原资助金额（元）  核减金额（元）  撤销项数  现资助金额（元）",
        "----  --------  ------  ----------------  --------------  --------  ----------------",
        "2026       126     101       194,999,910       7,000,000         1       187,999,910",
        f"已写出 {out}"]
    assert out.read_bytes() == ledger_summary(year.ledger, year=2026).xlsx()
    code, _, err = run("ledger", "summary", year.ledger, out)
    assert code == 2 and err == f"{out}：文件已存在（或加 --overwrite）\n"
    assert run("ledger", "summary", year.ledger, out, "--overwrite", "--lang", "en")[0] == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == "By year"


@pytest.mark.parametrize(("args", "message"), [
    (("--year", "2027"), "台账.sqlite：资助台账中没有渝经信规范〔2026〕2号2027年度的资助（有：2026年度）"),
    (("--year", "1999"), "--year：应为 2000 至 2100 的整数，填写的是 1999"),
    (("--policy", "渝府发〔2025〕9号"),
     f"台账.sqlite：资助台账中没有渝府发〔2025〕9号的资助（台账记录的是：渝经信规范〔2026〕2号、{OTHER}）"),
])
def test_the_command_refuses_what_the_ledger_does_not_hold(year: Year, tmp_path: Path, args: tuple[str, ...],
                                                           message: str) -> None:
    code, said, err = run("ledger", "summary", year.ledger, tmp_path / "x.xlsx", *args)
    assert code == 2 and said == "" and err.splitlines()[0].endswith(message)
    assert not (tmp_path / "x.xlsx").exists()


def test_the_command_wants_an_xlsx_and_a_ledger(year: Year, tmp_path: Path) -> None:
    code, _, err = run("ledger", "summary", year.ledger, tmp_path / "x.csv", lang="en")
    assert code == 2 and err.startswith("OUT_XLSX: the summary must be an .xlsx file\n")
    code, _, err = run("ledger", "summary", tmp_path / "无.sqlite", tmp_path / "x.xlsx")
    assert code == 2 and err == "无.sqlite：资助台账文件不存在\n"


def test_a_tampered_ledger_is_named_and_nothing_is_written(year: Year, tmp_path: Path) -> None:
    ledger = tmp_path / "台账.sqlite"
    ledger.write_bytes(year.ledger.read_bytes())
    with sqlite3.connect(ledger, isolation_level=None) as conn:
        conn.execute("DROP TRIGGER IF EXISTS entries_never_changed")
        conn.execute("UPDATE entries SET amount = 1 WHERE seq = 7")
    conn.close()
    with pytest.raises(LedgerTampered):
        ledger_summary(ledger)
    code, _, err = run("ledger", "summary", ledger, tmp_path / "x.xlsx")
    assert code == 4 and "第7条记录已被修改" in err and not (tmp_path / "x.xlsx").exists()


# ------------------------------------------------------------------------------------------------ the app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, year: Year) -> Iterator[TestClient]:
    with app_client(tmp_path_factory.mktemp("data"), ledger=year.ledger) as client:
        yield sign_in(client)


def test_the_ledger_page_offers_each_years_summary(client: TestClient) -> None:
    page = client.get("/ledger").text
    assert ('href="/ledger/summary.xlsx?policy=%E6%B8%9D%E7%BB%8F%E4%BF%A1%E8%A7%84%E8%8C%83%E3%80%942026%E3%80%952'
            '%E5%8F%B7&amp;year=2026"') in page
    assert "2026年度汇总表（Excel）" in page and "全部年度汇总表" not in page  # one year: its own link is all


def test_a_policy_of_two_years_has_a_summary_of_both(year: Year, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    ledger.write_bytes(year.ledger.read_bytes())
    append_awards(ledger, [award(1_000_000, year=2027)], recorded_at=WHEN)
    with app_client(tmp_path) as client:
        page = sign_in(client).get("/ledger").text
        assert "渝经信规范〔2026〕2号全部年度汇总表（Excel）" in page and "2027年度汇总表（Excel）" in page
        assert "市级技术改造专项（2026年度）全部年度汇总表" not in page
        both = client.get("/ledger/summary.xlsx", params={"policy": THIS})
    assert both.status_code == 200 and both.content == ledger_summary(ledger).xlsx()
    assert ledger_summary(ledger).lines.years == (2026, 2027)


def test_the_apps_summary_is_the_command_lines(client: TestClient, year: Year) -> None:
    answer = client.get("/ledger/summary.xlsx", params={"policy": THIS, "year": "2026"})
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="ledger-summary-2026.xlsx"'
    assert answer.content == ledger_summary(year.ledger, year=2026).xlsx()
    every = client.get("/ledger/summary.xlsx?lang=en")
    assert every.status_code == 200 and every.content == ledger_summary(year.ledger).xlsx("en")
    assert client.get("/ledger/summary.xlsx", params={"policy": OTHER}).status_code == 200


@pytest.mark.parametrize("query", ["year=2027", "year=20266", "year=二〇二六", "year=-1", "policy=渝府发〔2025〕9号"])
def test_a_summary_of_nothing_is_not_found(client: TestClient, query: str) -> None:
    assert client.get(f"/ledger/summary.xlsx?{query}").status_code == 404


def test_a_program_asks_for_the_summary_with_its_token(client: TestClient, year: Year) -> None:
    with TestClient(client.app, base_url=str(client.base_url)) as other:
        assert other.get("/ledger/summary.xlsx").status_code == 403
        answer = other.get("/ledger/summary.xlsx?year=2026", headers=BEARER)
    assert answer.status_code == 200 and answer.content == ledger_summary(year.ledger, year=2026).xlsx()


def test_a_summary_from_an_unreadable_ledger_is_not_found(tmp_path: Path) -> None:
    (tmp_path / "ledger.sqlite").write_bytes(b"hello")
    with app_client(tmp_path) as client:
        assert sign_in(client).get("/ledger/summary.xlsx").status_code == 404

