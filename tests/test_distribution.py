"""How the money is spread: the regions of 一区两群 as data, each measure worked by hand, the edges (nothing
allocated, one district, 0 ln 0), exactness, properties, and every output that shows them."""

from __future__ import annotations

import csv
import io
import json
import math
import random
from decimal import Context, Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from clirun import run
from helpers import EN_HEADERS, code, row, write_rows
from hypothesis import given
from hypothesis import strategies as st

from optimizer.domain import Award, Status
from optimizer.jobs.allocate import allocate
from optimizer.report import distribution as spread
from optimizer.report.distribution import Distribution, Part, distribution, of_awards
from optimizer.rules.divisions import chongqing

# CONTRACT §9, word for word: the regions of 一区两群 and their members
CONTRACT_REGIONS = {
    "主城都市区": ["渝中区", "大渡口区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区", "巴南区", "两江新区", "涪陵区",
                  "长寿区", "江津区", "合川区", "永川区", "南川区", "綦江区", "大足区", "璧山区", "铜梁区", "潼南区",
                  "荣昌区", "西部科学城重庆高新区", "万盛经开区"],
    "渝东北三峡库区城镇群": ["万州区", "开州区", "梁平区", "城口县", "丰都县", "垫江县", "忠县", "云阳县", "奉节县",
                            "巫山县", "巫溪县"],
    "渝东南武陵山区城镇群": ["黔江区", "武隆区", "石柱土家族自治县", "秀山土家族苗族自治县", "酉阳土家族苗族自治县",
                            "彭水苗族土家族自治县"],
}
SIX = 10 ** 6


def part(district: str, allocated: int, entitlement: int | None = None, applicant: str | None = None) -> Part:
    return Part(district, applicant or f"code-{district}", allocated if entitlement is None else entitlement,
                allocated)


def of(*parts: Part) -> Distribution:
    return distribution(parts)


def six(value: object) -> Decimal:
    """A measure rounded once to six decimals, as manifest.json and sweep.csv show it."""
    assert isinstance(value, (Fraction, Decimal))
    return spread.rounded(value)


# The regions, as data

def test_every_division_is_in_exactly_one_region() -> None:
    divisions = chongqing()
    members = [m for r in divisions.regions for m in r.members]
    assert sorted(members) == sorted(divisions.names) and len(members) == len(set(members)) == 39
    assert all(divisions.region_of(name) is not None for name in divisions.names)


def test_the_regions_are_the_contracts() -> None:
    regions = chongqing().regions
    assert {r.name: list(r.members) for r in regions} == CONTRACT_REGIONS
    assert [r.name for r in regions] == list(CONTRACT_REGIONS)  # the order every output lists them in


def test_the_grouping_cites_its_source_in_both_languages() -> None:
    zh, en = chongqing().regions_source
    assert "一区两群" in zh and "一区两群" in en and "两江新区" in zh
    assert [r.title("en") for r in chongqing().regions] == [
        "main urban metropolitan area", "Three Gorges reservoir-area urban cluster (north-east)",
        "Wuling-mountains urban cluster (south-east)"]


# Each measure, worked by hand

def test_two_districts_three_to_one() -> None:
    # x = 300, 100; Σx = 400, n = 2, μ = 200
    d = of(part("两江新区", 300), part("万州区", 100))
    assert d.hhi_district == Fraction(5, 8)  # (3/4)² + (1/4)² = 9/16 + 1/16 = 0.625
    assert d.gini_district == Fraction(1, 4)  # (|300−100| + |100−300|) / (2 · 2² · 200) = 400 / 1600
    # (1/2) (1.5 ln 1.5 + 0.5 ln 0.5) = (0.6081977… − 0.3465736…) / 2 = 0.1308120…
    assert six(d.theil_district) == Decimal("0.130812")
    assert six(d.theil_between_regions) == Decimal("0.130812")  # one district in each region: all between
    assert d.hhi_applicant == Fraction(5, 8) and d.top5_applicant_share == 1
    assert (d.districts_counted, d.applicants_counted, d.allocated) == (2, 2, 400)


def test_within_a_region_is_not_between_regions() -> None:
    # 主城都市区 300 + 100 (n_g = 2, μ_g = 200), 渝东北 200 (n_g = 1, μ_g = 200); μ = 200: the regions are even
    d = of(part("两江新区", 300), part("渝中区", 100), part("万州区", 200))
    assert d.theil_between_regions == 0
    # (1/3) (1.5 ln 1.5 + 0.5 ln 0.5 + 1 ln 1) = 0.2616241… / 3 = 0.0872080…
    assert six(d.theil_district) == Decimal("0.087208")
    assert d.hhi_district == Fraction(9 + 1 + 4, 36)  # (1/2)² + (1/6)² + (1/3)² = 14/36
    assert d.gini_district == Fraction(2 * (200 + 100 + 100), 2 * 9 * 200)  # 800 / 3600 = 2/9


def test_between_regions_by_hand() -> None:
    # 主城都市区 400 + 400, 渝东北 100, 渝东南 100: μ = 250; μ_g = 400, 100, 100
    d = of(part("两江新区", 400), part("渝中区", 400), part("万州区", 100), part("黔江区", 100))
    # (2/4)(1.6) ln 1.6 + 2 × (1/4)(0.4) ln 0.4 = 0.8 × 0.4700036… − 0.2 × 0.9162907… = 0.1927448…
    assert six(d.theil_between_regions) == Decimal("0.192745")
    assert six(d.theil_district) == six(d.theil_between_regions)  # each region is even inside
    assert d.hhi_district == Fraction(34, 100)  # 0.4² + 0.4² + 0.1² + 0.1²
    assert d.gini_district == Fraction(3, 10)  # 8 ordered pairs × 300 / (2 · 16 · 250) = 2400 / 8000


def test_applicants_and_the_top_five() -> None:
    amounts = [60, 50, 40, 30, 20, 10]  # six applicants in one district
    d = of(*(Part("两江新区", f"c{i}", x, x) for i, x in enumerate(amounts)))
    assert d.top5_applicant_share == Fraction(200, 210)  # all but the 10 of 210
    assert d.hhi_applicant == Fraction(3600 + 2500 + 1600 + 900 + 400 + 100, 210 ** 2)  # 9100 / 44100
    assert d.applicants_counted == 6 and d.hhi_district == 1


def test_an_applicant_in_two_districts_counts_once() -> None:
    d = of(Part("两江新区", "c1", 300, 300), Part("万州区", "c1", 100, 100), Part("万州区", "c2", 100, 100))
    assert d.applicants_counted == 2 and d.hhi_applicant == Fraction(16 + 1, 25)  # 400 and 100 of 500


def test_each_districts_share_of_its_eligible_demand_met() -> None:
    d = of(part("两江新区", 300, 400), part("两江新区", 0, 100), part("万州区", 100, 100))
    met = {x.key: x.met for x in d.districts}
    assert met == {"两江新区": Fraction(300, 500), "万州区": 1}
    regions = {r.key: (r.districts, r.demand, r.allocated, r.met) for r in d.regions}
    assert regions == {"主城都市区": (1, 500, 300, Fraction(3, 5)), "渝东北三峡库区城镇群": (1, 100, 100, 1),
                       "渝东南武陵山区城镇群": (0, 0, 0, None)}
    assert [x.key for x in d.districts] == ["两江新区", "万州区"]  # most money first


# The edges

def test_nothing_allocated_leaves_the_measures_undefined() -> None:
    d = of(part("两江新区", 0, 100), part("万州区", 0, 200))
    assert all(d.measure(k) is None for k in spread.MEASURES)
    assert {x.key: (x.share, x.met) for x in d.districts} == {"两江新区": (None, 0), "万州区": (None, 0)}
    manifest = d.as_dict()
    assert all(manifest[k] is None for k in spread.MEASURES) and manifest["districts_counted"] == 2
    assert json.dumps(manifest["hhi_district"]) == "null"


def test_no_eligible_application_at_all() -> None:
    d = of()
    assert (d.districts_counted, d.applicants_counted, d.districts) == (0, 0, ())
    assert all(d.measure(k) is None for k in spread.MEASURES)


def test_a_single_district() -> None:
    d = of(part("两江新区", 300), part("两江新区", 100))
    assert (d.hhi_district, d.gini_district, d.theil_district, d.theil_between_regions) == (1, 0, 0, 0)


def test_zero_ln_zero_is_zero() -> None:
    # 100 and 0: μ = 50; (1/2)(2 ln 2 + 0 ln 0) = ln 2
    d = of(part("两江新区", 100), part("万州区", 0, 50))
    assert six(d.theil_district) == Decimal("0.693147")
    assert d.gini_district == Fraction(1, 2) and d.hhi_district == 1  # (n − 1)/n and all to one


def test_only_eligible_applications_count() -> None:
    def award(district: str, status: Status, allocated: int, entitlement: int) -> Award:
        return Award(2, "A", "x", code(1), district, "3", "p", "80", entitlement, allocated, status)

    d = of_awards([award("两江新区", Status.FUNDED, 100, 100), award("万州区", Status.UNFUNDED, 0, 50),
                   award("黔江区", Status.INELIGIBLE, 0, 0), award("渝中区", Status.DUPLICATE, 0, 0),
                   award("忠县", Status.INVALID, 0, 0)])
    assert [x.key for x in d.districts] == ["两江新区", "万州区"] and d.districts_counted == 2


def test_a_district_outside_the_list_is_a_region_of_its_own() -> None:
    d = of(part("两江新区", 300), part("某区", 100))
    assert [r.key for r in d.regions][-1] == "某区" and six(d.theil_between_regions) == six(d.theil_district)


# Exact, rounded once

def theil_by_the_formula(xs: list[int]) -> Decimal:
    """(1/n) Σ (x/μ) ln(x/μ), literally, to 100 digits."""
    ctx = Context(prec=100)
    n, mu = len(xs), Fraction(sum(xs), len(xs))
    total = Decimal(0)
    for x in xs:
        if x:
            r = Fraction(x) / mu
            total = ctx.add(total, ctx.multiply(ctx.divide(Decimal(r.numerator), Decimal(r.denominator)),
                                                ctx.ln(ctx.divide(Decimal(r.numerator), Decimal(r.denominator)))))
    return ctx.divide(total, Decimal(n))


amounts = st.lists(st.integers(min_value=0, max_value=10 ** 9), min_size=1, max_size=39).filter(lambda xs: sum(xs) > 0)


@given(amounts)
def test_the_measures_are_the_contracts_formulas_exactly(xs: list[int]) -> None:
    names = chongqing().names
    d = of(*(part(names[i], x) for i, x in enumerate(xs)))
    n, total = len(xs), sum(xs)
    mu = Fraction(total, n)
    assert d.hhi_district == sum(Fraction(x, total) ** 2 for x in xs)
    assert d.gini_district == Fraction(sum(abs(a - b) for a in xs for b in xs)) / (2 * n * n * mu)
    assert six(d.theil_district) == spread.rounded(theil_by_the_formula(xs))
    assert d.top5_applicant_share == Fraction(sum(sorted(xs, reverse=True)[:5]), total)


def test_no_float_drift_where_floats_would_drift() -> None:
    # ten districts of 0.1 of the money each: as floats Σ 0.1² is 0.09999999999999999, exactly it is 1/10
    d = of(*(part(name, 1) for name in chongqing().names[:10]))
    assert sum(0.1 ** 2 for _ in range(10)) != 0.1 and d.hhi_district == Fraction(1, 10)
    assert d.as_dict()["hhi_district"] == 0.1 and spread.text(d.hhi_district) == "0.1"


@given(st.fractions(min_value=0, max_value=1))
def test_a_rounded_number_reads_back_as_its_six_decimals(value: Fraction) -> None:
    shown = spread.number(value)
    assert shown is not None and Decimal(repr(shown)) == spread.rounded(value)


def test_rounding_is_half_away_from_zero_and_never_minus_zero() -> None:
    assert spread.text(Fraction(1, 8), 2) == "0.13" and spread.rounded(Fraction(-1, 10 ** 9)) == 0
    assert str(spread.rounded(Fraction(-1, 10 ** 9))) == "0.000000"
    assert spread.percent(Fraction(1, 3)) == "33.3%" and spread.percent(None) == "—"


# Properties

parts = st.lists(st.tuples(st.sampled_from(sorted(chongqing().names)), st.integers(0, 5),
                           st.integers(0, 10 ** 8), st.integers(0, 10 ** 8)), min_size=1, max_size=60)


def parts_of(drawn: list[tuple[str, int, int, int]]) -> list[Part]:
    return [Part(district, f"c{who}", max(a, b), min(a, b)) for district, who, a, b in drawn]


@given(parts)
def test_the_bounds(drawn: list[tuple[str, int, int, int]]) -> None:
    d = distribution(parts_of(drawn))
    if not d.allocated:
        assert all(d.measure(k) is None for k in spread.MEASURES)
        return
    n = d.districts_counted
    assert d.hhi_district is not None and Fraction(1, n) <= d.hhi_district <= 1
    assert d.hhi_applicant is not None and Fraction(1, d.applicants_counted) <= d.hhi_applicant <= 1
    assert d.gini_district is not None and 0 <= d.gini_district < 1
    assert d.theil_district is not None and d.theil_between_regions is not None
    assert 0 <= d.theil_district <= Decimal(math.log(n)) + Decimal("1e-12")
    assert 0 <= six(d.theil_between_regions) <= six(d.theil_district)
    assert d.top5_applicant_share is not None and 0 < d.top5_applicant_share <= 1
    assert sum(x.share or 0 for x in d.districts) == 1 and sum(r.share or 0 for r in d.regions) == 1


@given(parts, st.randoms(use_true_random=False))
def test_the_order_of_the_rows_changes_nothing(drawn: list[tuple[str, int, int, int]], rnd: random.Random) -> None:
    shuffled = list(parts_of(drawn))
    rnd.shuffle(shuffled)
    assert distribution(shuffled) == distribution(parts_of(drawn))


@given(parts, st.integers(2, 10 ** 6))
def test_scaling_every_amount_changes_no_measure(drawn: list[tuple[str, int, int, int]], k: int) -> None:
    d = distribution(parts_of(drawn))
    scaled = distribution([Part(p.district, p.credit_code, k * p.entitlement, k * p.allocated)
                           for p in parts_of(drawn)])
    for key in ("hhi_district", "hhi_applicant", "gini_district", "top5_applicant_share"):
        assert scaled.measure(key) == d.measure(key)
    for key in ("theil_district", "theil_between_regions"):
        a, b = d.measure(key), scaled.measure(key)
        assert (a is None and b is None) or (a is not None and b is not None and six(a) == six(b))
    assert [(x.key, x.share, x.met) for x in scaled.districts] == [(x.key, x.share, x.met) for x in d.districts]


# Where they show


# Four applications under clause 3 (at most 300万 each), scores 90 … 60; at 800万: the two in 两江新区 get 300万
# each, 万州区's 200万 of its 300万, 黔江区's nothing. x = 600万, 200万, 0 over n = 3 districts, μ = 800/3 万:
#   HHI = 0.75² + 0.25² + 0 = 0.625; Gini = 2 (400 + 600 + 200) / (2 · 3² · 800/3) = 2400 / 4800 = 0.5;
#   Theil = (1/3) (2.25 ln 2.25 + 0.75 ln 0.75 + 0) = (1.8245933 − 0.2157616) / 3 = 0.536277 (all between
#   regions: one district each); applicants 300, 300, 200, 0 of 800: HHI = 0.140625 · 2 + 0.0625 = 0.34375.
APPS = [("A", 90, "两江新区", 1), ("B", 80, "两江新区", 2), ("C", 70, "万州区", 3), ("D", 60, "黔江区", 4)]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("spread")
    rows = [row(application_id=i, clause="3", score=s, district=where, credit_code=code(c), applicant=f"企业{i}")
            for i, s, where, c in APPS]
    return write_rows(folder / "apps.xlsx", rows, EN_HEADERS)


@pytest.fixture(scope="module")
def runs(book: Path) -> Path:
    for name, budget, lang in (("low", "400万", "en"), ("high", "800万", "en"), ("zh", "800万", "zh")):
        code_, _, err = run("allocate", book, "--budget", budget, "--out", book.parent / name, "--lang", lang)
        assert code_ == 0, err
    return book.parent


def test_the_manifest_holds_the_distribution(runs: Path) -> None:
    manifest = json.loads((runs / "high" / "manifest.json").read_text(encoding="utf-8"))
    d = manifest["distribution"]
    assert {k: d[k] for k in spread.MEASURES} == {
        "hhi_district": 0.625, "hhi_applicant": 0.34375, "gini_district": 0.5, "theil_district": 0.536277,
        "theil_between_regions": 0.536277, "top5_applicant_share": 1.0}
    assert (d["districts_counted"], d["applicants_counted"], d["allocated"], d["demand"]) == (
        3, 4, 8_000_000, 12_000_000)
    assert d["districts"] == [
        {"district": "两江新区", "region": "主城都市区", "applications": 2, "demand": 6_000_000,
         "allocated": 6_000_000, "share": 0.75, "demand_met": 1.0},
        {"district": "万州区", "region": "渝东北三峡库区城镇群", "applications": 1, "demand": 3_000_000,
         "allocated": 2_000_000, "share": 0.25, "demand_met": 0.666667},
        {"district": "黔江区", "region": "渝东南武陵山区城镇群", "applications": 1, "demand": 3_000_000,
         "allocated": 0, "share": 0.0, "demand_met": 0.0}]
    assert [r["region"] for r in d["regions"]] == list(CONTRACT_REGIONS)
    text = (runs / "high" / "manifest.json").read_text(encoding="utf-8")
    assert '"theil_district": 0.536277,' in text  # a JSON number of six decimals


def test_the_manifests_distribution_is_the_same_whatever_the_solver_or_row_order(book: Path, tmp_path: Path) -> None:
    rows = [row(application_id=i, clause="3", score=s, district=where, credit_code=code(c), applicant=f"企业{i}")
            for i, s, where, c in reversed(APPS)]
    other = write_rows(tmp_path / "reversed.xlsx", rows, EN_HEADERS)
    found = []
    for workbook, solver in ((book, "highs"), (other, "cbc")):
        out = tmp_path / f"{workbook.stem}-{solver}"
        code_, _, err = run("allocate", workbook, "--budget", "800万", "--out", out, "--solver", solver)
        assert code_ == 0, err
        found.append(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["distribution"])
    assert found[0] == found[1]


def test_the_report_shows_the_measures_regions_and_districts(runs: Path) -> None:
    zh = (runs / "zh" / "report.html").read_text(encoding="utf-8")
    assert "资金分布：是否集中于少数区县和企业" in zh and "区县集中度（HHI）" in zh and "0.6250" in zh
    assert "按区域（一区两群）" in zh and "渝东北三峡库区城镇群" in zh and "66.7%" in zh and "0.5363" in zh
    assert "区域划分依据" in zh and zh.count("<svg") >= 4
    en = (runs / "high" / "report.html").read_text(encoding="utf-8")
    assert "How the money is spread" in en and "Gini coefficient across districts" in en and 'lang="en"' in en
    assert "Three Gorges reservoir-area urban cluster (north-east)" in en and "Eligible demand met" in en


def test_the_district_sheet_shows_demand_met_and_the_region(runs: Path) -> None:
    sheet = openpyxl.load_workbook(runs / "zh" / "allocation.xlsx")["按区县"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][-2:] == ["需求满足率（分配额÷符合条件需求）", "所属区域（一区两群）"]
    assert {r[0]: (r[-2], r[-1]) for r in rows[1:]} == {
        "两江新区": (1.0, "主城都市区"), "万州区": (0.666667, "渝东北三峡库区城镇群"),
        "黔江区": (0.0, "渝东南武陵山区城镇群"), "合计": (0.666667, None)}
    assert sheet.cell(row=2, column=len(rows[0]) - 1).number_format == "0.0%"
    english = openpyxl.load_workbook(runs / "high" / "allocation.xlsx")["By district"]
    assert [c.value for c in english[1]][-2:] == ["Eligible demand met (allocated ÷ demand)", "Region (一区两群)"]
    assert english["K2"].value == "main urban metropolitan area"


def test_compare_shows_both_runs_and_the_change(runs: Path) -> None:
    # 400万: A 300万 and B 100万, both in 两江新区: all of the money in one district. 800万: as above.
    code_, out, err = run("compare", runs / "low", runs / "high", "--out", runs / "cmp", "--lang", "en")
    assert code_ == 0, err
    assert "how the money is spread:" in out
    line = next(x for x in out.splitlines() if "Concentration across districts" in x).split()
    assert line[-3:] == ["1.0000", "0.6250", "−0.3750"]
    shares = next(x for x in out.splitlines() if "main urban metropolitan area: share" in x)
    assert shares.split()[-4:] == ["100.0%", "75.0%", "−25.0", "points"]
    sheet = openpyxl.load_workbook(runs / "cmp" / "compare.xlsx")["Spread"]
    lines = {r[0]: r[1:] for r in sheet.iter_rows(min_row=2, values_only=True)}
    # 400万: x = 400万, 0, 0 over the three districts counted: Gini = 2 (400 + 400) / (2 · 3 · 400) = 2/3
    assert lines["Gini coefficient across districts"] == (0.666667, 0.5, -0.166667)
    assert lines["万州区: eligible demand met"] == (0, 0.666667, 0.666667)
    html = (runs / "cmp" / "compare.html").read_text(encoding="utf-8")
    assert "How the money is spread" in html and "−0.3750" in html


def test_sweep_shows_the_measures_at_each_level(book: Path, tmp_path: Path) -> None:
    code_, _, err = run("sweep", book, "--levels", "400万,800万", "--out", tmp_path / "sweep", "--workers", "1",
                        "--lang", "en")
    assert code_ == 0, err
    text = (tmp_path / "sweep" / "sweep.csv").read_text(encoding="utf-8-sig")
    levels = list(csv.DictReader(io.StringIO(text)))
    assert [(r["budget"], r["hhi_district"], r["gini_district"], r["theil_district"], r["region:主城都市区"])
            for r in levels] == [("4000000", "1", "0.666667", "1.098612", "4000000"),
                                 ("8000000", "0.625", "0.5", "0.536277", "6000000")]
    header = text.splitlines()[0].split(",")
    assert header.index("top5_applicant_share") < header.index("section:一") < header.index("region:主城都市区") < \
        header.index("district:两江新区")
    html = (tmp_path / "sweep" / "sweep.html").read_text(encoding="utf-8")
    assert "How the money is spread at each level" in html and "1.0986" in html
    levels_sheet = openpyxl.load_workbook(tmp_path / "sweep" / "sweep.xlsx")["Levels"]
    header_cells = [c.value for c in levels_sheet[1]]
    assert "Gini coefficient across districts" in header_cells
    assert levels_sheet.cell(row=3, column=header_cells.index("Gini coefficient across districts") + 1).value == 0.5


def test_the_api_gives_the_same_numbers(book: Path) -> None:
    allocation = allocate(book, budget="800万")
    d = of_awards(allocation.awards)
    assert (d.hhi_district, d.gini_district) == (Fraction(5, 8), Fraction(1, 2))
