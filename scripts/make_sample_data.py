"""Build data/sample_applications.xlsx: a year's applications as the finance bureau would receive them — and, with
--year 2027, data/sample_applications_2027.xlsx, the next year's (docs/ledger.md walks through both).

Deterministic from --seed (same seed, same bytes). About 400 applications from plausible Chongqing enterprises:
valid credit codes, real districts (two written with the abolished names 江北区/渝北区), every clause used,
investments and requests of realistic size, scores, same-content pairs (就高、不重复), prior support, and the
ineligible cases a real year brings (late or early submissions, unconfirmed preconditions, wrong industries,
large firms under 11a, clause 19). Money in 万元 columns, Chinese headers, a few cells typed the way people type
them (text dates, numbers stored as text), and one column the bureau added for itself.

    python scripts/make_sample_data.py [--seed 2026] [--rows 400] [--out data/sample_applications.xlsx]
    python scripts/make_sample_data.py --year 2027 --seed 2027 --rows 200 --out data/sample_applications_2027.xlsx

The 2027 workbook repeats some contents of 2026 (same credit code and 事项标识) — again under the same clause, or at
a higher standard — so that the award ledger has something to say, and names linked enterprises in 关联企业组.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from optimizer.reading.fields import USCC_CHARS, uscc_check_character
from optimizer.report.xlsx import formats, header_row, new_workbook

# Administrative division codes used in credit codes (两江新区 enterprises keep 500000-style municipal codes).
DISTRICTS = {
    "两江新区": "500000", "沙坪坝区": "500106", "九龙坡区": "500107", "渝中区": "500103", "南岸区": "500108",
    "北碚区": "500109", "巴南区": "500113", "大渡口区": "500104", "涪陵区": "500102", "万州区": "500101",
    "江津区": "500116", "永川区": "500118", "合川区": "500117", "长寿区": "500115", "璧山区": "500120",
    "铜梁区": "500151", "潼南区": "500152", "荣昌区": "500153", "大足区": "500111", "綦江区": "500110",
    "南川区": "500119", "开州区": "500154", "梁平区": "500155", "黔江区": "500114", "武隆区": "500156",
    "垫江县": "500231", "忠县": "500233", "丰都县": "500230", "云阳县": "500235", "奉节县": "500236",
    "巫山县": "500237", "巫溪县": "500238", "城口县": "500229", "石柱土家族自治县": "500240",
    "秀山土家族苗族自治县": "500241", "酉阳土家族苗族自治县": "500242", "彭水苗族土家族自治县": "500243",
    "西部科学城重庆高新区": "500106", "万盛经开区": "500110",
}
DISTRICT_WEIGHT = {"两江新区": 14, "西部科学城重庆高新区": 8, "沙坪坝区": 6, "九龙坡区": 7, "涪陵区": 5, "江津区": 5,
                   "永川区": 5, "长寿区": 4, "璧山区": 4, "合川区": 3, "南岸区": 4, "巴南区": 4}

# clause -> (how many applications, base investment range in 万元 for matching clauses)
CLAUSES: dict[str, tuple[int, tuple[int, int] | None]] = {
    "1": (6, None), "2": (10, (3000, 12000)), "3": (16, None), "4": (22, None), "5": (10, None),
    "6": (8, None), "7a": (40, None), "7b": (36, (800, 6000)), "8a": (10, None), "8b": (5, None),
    "9": (18, (150, 1800)), "10": (26, None), "11a": (40, None), "11b": (20, None), "12": (14, (600, 4000)),
    "13": (18, (200, 1800)), "14a": (4, None), "14b": (16, None), "15": (20, (300, 3500)),
    "16": (6, (300, 2500)), "17": (6, (600, 2500)), "18": (4, None), "19": (3, None), "20": (6, (300, 2500)),
}
PRECONDITION = {"1", "2", "5", "7a", "7b", "8a", "8b", "14a", "14b", "16", "18"}
MAXIMUM_WAN = {"1": 200, "2": 500, "3": 300, "4": 200, "5": 50, "6": 200, "7a": 50, "7b": 300, "8a": 100,
               "8b": 300, "9": 100, "10": 50, "11a": 50, "11b": 30, "12": 200, "13": 100, "14a": 100, "14b": 50,
               "15": 200, "16": 200, "17": 300, "18": 150, "20": 500}
PROJECT = {
    "1": "{}细分行业产业大脑", "2": "{}AI赋能示范型未来工厂", "3": "{}工业高质量数据集建设",
    "4": "{}工业垂类大模型研发及推广",
    "5": "{}人工智能典型案例", "6": "{}工业智能体研发测试平台", "7a": "{}数字化车间", "7b": "{}先进级智能工厂建设",
    "8a": "{}国家卓越级智能工厂", "8b": "{}国家领航级智能工厂", "9": "{}数智化转型升级", "10": "{}工业互联网新模式项目",
    "11a": "{}数字化改造", "11b": "{}“小快轻准”数字化解决方案", "12": "{}节能降碳技术改造",
    "13": "{}节水及清洁生产改造",
    "14a": "{}国家级绿色园区", "14b": "{}国家级绿色工厂", "15": "{}5G工厂建设", "16": "{}标识解析二级节点建设",
    "17": "{}数智化转型赋能中心", "18": "{}国家级数字化转型促进中心", "19": "{}AI赋能评估建档立卡服务",
    "20": "{}“人工智能+制造”生态大会",
}
NAME_HEAD = ["长江", "嘉陵", "山城", "渝新", "巴渝", "两江", "金佛山", "缙云", "三峡", "大足", "龙湖", "朝天门", "南山",
             "歌乐", "鹅岭", "铜锣", "綦江", "涪州", "渝都", "华岩", "白鹭", "明月", "天生", "玉峰", "青木", "德感"]
NAME_MID = ["智造", "精工", "数科", "机电", "汽车部件", "电子", "新材料", "食品", "纺织", "化工", "钢构", "玻璃",
            "水泥", "铝业", "装备", "仪表", "摩托车", "医药", "智能装备", "信息技术", "光电", "科技"]
NAME_TAIL = ["有限公司", "股份有限公司", "科技有限公司", "制造有限公司", "集团有限公司"]
INDUSTRY_OF_MID = {"食品": "食品及农产品加工", "纺织": "轻纺", "化工": "化工", "钢构": "钢铁", "玻璃": "平板玻璃",
                   "水泥": "水泥", "铝业": "电解铝"}
HEADERS = ["申报编号", "申报单位", "统一社会信用代码", "所属区县", "政策条款", "项目名称", "事项标识",
           "实际投资额（万元）", "申请金额（万元）", "评审得分", "申报日期", "所属行业", "企业规模", "资格认定",
           "已获市级同类支持（万元）", "备注"]


def credit_code(rng: random.Random, district: str) -> str:
    org = "MA" + "".join(rng.choice(USCC_CHARS) for _ in range(7))
    first17 = "91" + DISTRICTS[district] + org
    return first17 + uscc_check_character(first17)


def enterprises(rng: random.Random, count: int) -> list[dict[str, str]]:
    names: set[str] = set()
    result = []
    districts = list(DISTRICTS)
    weights = [DISTRICT_WEIGHT.get(d, 1) for d in districts]
    while len(result) < count:
        mid = rng.choice(NAME_MID)
        name = f"重庆{rng.choice(NAME_HEAD)}{mid}{rng.choice(NAME_TAIL)}"
        if name in names:
            continue
        names.add(name)
        district = rng.choices(districts, weights)[0]
        size = rng.choices(["大型", "中型", "小型", "微型"], [2, 4, 5, 1])[0]
        industry = INDUSTRY_OF_MID.get(mid, rng.choice(["其他", "其他", "其他", "化工", "食品及农产品加工"]))
        result.append({"name": name, "district": district, "code": credit_code(rng, district), "size": size,
                       "industry": industry, "short": name[2:6]})
    return result


def wan(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def application(rng: random.Random, firm: dict[str, str], clause: str, year: int = 2026) -> dict[str, object]:
    maximum = MAXIMUM_WAN.get(clause)
    span = CLAUSES[clause][1]
    investment = wan(rng.uniform(*span)) if span else None
    if clause in ("9", "12") and rng.random() < 0.85:
        firm = {**firm, "industry": rng.choice(["食品及农产品加工", "轻纺"] if clause == "9" else
                                                ["钢铁", "电解铝", "水泥", "平板玻璃", "化工"])}
    requested: Decimal | None = None
    if maximum is not None and rng.random() < 0.6:
        if span and investment is not None:
            rate = Decimal("0.2") if clause == "17" else Decimal("0.3") if clause == "20" else Decimal("0.1")
            requested = min(Decimal(maximum), (investment * rate).quantize(Decimal("0.01")))
        elif clause in ("3", "4", "11a", "11b", "14a", "14b"):
            requested = wan(maximum * rng.uniform(0.4, 1.0))
        else:
            requested = Decimal(maximum)
    return {
        "clause": clause, "firm": firm, "investment": investment, "requested": requested,
        "score": Decimal(str(round(rng.triangular(58, 98, 82), 1))),
        "submitted": date(year, 2, 5) + timedelta(days=rng.randrange(0, 270)),
        "qualified": "是" if clause in PRECONDITION else "",
        "project": PROJECT[clause].format(firm["short"]),
        "content_key": "", "prior": None, "note": "",
    }


def make_rows(seed: int, rows: int, year: int = 2026) -> list[dict[str, object]]:
    rng = random.Random(seed)
    firms = enterprises(rng, int(rows * 0.62))
    plan = [c for c, (n, _) in CLAUSES.items() for _ in range(n)]
    scale = rows / len(plan)
    plan = [c for c, (n, _) in CLAUSES.items() for _ in range(max(1, round(n * scale)))]
    rng.shuffle(plan)
    apps = [application(rng, rng.choice(firms), clause, year) for clause in plan]
    _same_content_pairs(rng, apps, firms, year)
    _prior_support(rng, apps)
    _ineligible_cases(rng, apps, year)
    rng.shuffle(apps)
    return apps


def _same_content_pairs(rng: random.Random, apps: list[dict[str, object]], firms: list[dict[str, str]],
                        year: int) -> None:
    """Smart factories applying under 7a and 8a (or 7b and 8b) for the same plant, and 10 + 11a overlaps."""
    pairs = [("7a", "8a"), ("7b", "8b"), ("10", "11a"), ("7a", "7b"), ("11a", "11b")]
    for n in range(16):
        first, second = pairs[n % len(pairs)]
        firm = rng.choice(firms)
        key = f"{firm['short']}-{['一号工厂', '二期项目', '数字化改造', '智能产线'][n % 4]}"
        for clause in (first, second):
            app = application(rng, firm, clause, year)
            app["content_key"] = key
            apps.append(app)


def _prior_support(rng: random.Random, apps: list[dict[str, object]]) -> None:
    candidates = [a for a in apps if a["clause"] not in ("19",)]
    for app in rng.sample(candidates, 18):
        maximum = MAXIMUM_WAN[str(app["clause"])]
        app["prior"] = wan(maximum * rng.choice([0.2, 0.3, 0.5, 1.0, 1.2]))
        app["content_key"] = app["content_key"] or f"{app['firm']['short']}-已获支持"  # type: ignore[index]
        app["note"] = "已获市级同类支持"


def _ineligible_cases(rng: random.Random, apps: list[dict[str, object]], year: int) -> None:
    grants = [a for a in apps if a["clause"] != "19"]
    for app in rng.sample(grants, 5):
        if year == 2026:
            app["submitted"] = date(2026, 1, rng.randrange(5, 30))
            app["note"] = "政策印发前申报"
        else:
            app["submitted"] = date(year - 1, 12, rng.randrange(5, 30))
            app["note"] = "上年度申报"
    for app in rng.sample([a for a in grants if a["clause"] in PRECONDITION], 8):
        app["qualified"] = rng.choice(["否", ""])
    for app in [a for a in apps if a["clause"] == "11a"][:4]:
        app["firm"] = {**app["firm"], "size": "大型"}  # type: ignore[dict-item]
    for app in [a for a in apps if a["clause"] in ("9", "12")][:3]:
        app["firm"] = {**app["firm"], "industry": "其他"}  # type: ignore[dict-item]
    matching = [a for a in grants if a["investment"] is not None]
    for app in rng.sample(matching, 2):
        app["investment"] = None
        app["requested"] = None


def write(apps: list[dict[str, object]], out: Path, year: int = 2026) -> None:
    book = new_workbook(out)
    fmt = formats(book)
    sheet = book.add_worksheet("申报项目")
    widths = [12, 34, 22, 16, 8, 38, 22, 14, 14, 9, 12, 16, 9, 9, 16, 18]
    groups = any(app.get("group") for app in apps)
    header_row(sheet, HEADERS + ["关联企业组"] * groups, fmt["header"], widths + [14] * groups, None)
    liangjiang = [i for i, app in enumerate(apps, start=1) if app["firm"]["district"] == "两江新区"]  # type: ignore
    old_names = {liangjiang[2]: "渝北区", liangjiang[9]: "江北区"}  # two offices still wrote the abolished names
    for i, app in enumerate(apps, start=1):
        firm: dict[str, str] = app["firm"]  # type: ignore[assignment]
        clause = str(app["clause"])
        district = old_names.get(i, firm["district"])
        values: list[object] = [
            f"{year}-{i:04d}", firm["name"], firm["code"], district, clause, app["project"], app["content_key"],
            app["investment"], app["requested"], app["score"], app["submitted"],
            firm["industry"] if clause in ("9", "12") or i % 3 else "", firm["size"] if clause == "11a" or i % 2
            else "", app["qualified"], app["prior"], app["note"], *([app.get("group") or ""] * groups),
        ]
        for col, value in enumerate(values):
            _write_cell(sheet, i, col, value, fmt, typed_as_text=(i % 37 == 0))
    book.close()


def _write_cell(sheet: object, row: int, col: int, value: object, fmt: dict[str, object], typed_as_text: bool) -> None:
    write_string = sheet.write_string  # type: ignore[attr-defined]
    if value is None or value == "":
        return
    if isinstance(value, date):
        if typed_as_text:
            write_string(row, col, f"{value.year}年{value.month}月{value.day}日")
        else:
            sheet.write_datetime(row, col, value, fmt["date"])  # type: ignore[attr-defined]
    elif isinstance(value, Decimal):
        if typed_as_text and value >= 1000:
            write_string(row, col, f"{value:,}")  # a number stored as text, with thousands separators
        else:
            sheet.write_number(row, col, float(value), fmt["money2" if col != 9 else "number"])  # type: ignore
    elif col == 4 and str(value).isdigit():
        sheet.write_number(row, col, int(str(value)))  # type: ignore[attr-defined]
    else:
        write_string(row, col, str(value))


# The 2027 workbook's repeats of 2026 contents: (2026 application, clause applied for in 2027). In the 2026 base case
# (data/scenario_2026.toml) each was funded: the same clause again is already paid; a higher standard (11b → 11a)
# is paid the difference (就高、不重复).
REPEATS_2026 = (("2026-0424", "7b"), ("2026-0337", "8b"), ("2026-0188", "10"), ("2026-0012", "11a"),
                ("2026-0374", "10"))
LINKED = {"长江": "长江集团"}  # enterprises whose names start 重庆长江… are one group under common control


def repeats(previous: Path, year: int) -> list[dict[str, object]]:
    """Applications of `year` for contents the `previous` workbook's applications already had."""
    from optimizer.reading.applications import read_workbook
    from optimizer.rules.policy import load_policy
    from optimizer.words import INDUSTRIES, SIZES

    rng = random.Random(year)
    earlier = {a.application_id: a for a in read_workbook(previous, load_policy()).valid}
    apps = []
    for app_id, clause in REPEATS_2026:
        was = earlier[app_id]
        firm = {"name": was.applicant, "district": was.district, "code": was.credit_code,
                "size": SIZES[was.enterprise_size][0] if was.enterprise_size else "中型",
                "industry": INDUSTRIES[was.industry][0] if was.industry else "其他", "short": was.applicant[2:6]}
        app = application(rng, firm, clause, year)
        app.update(content_key=was.content_key, note=f"与{app_id}为同一事项", requested=None)
        apps.append(app)
    return apps


def link_groups(apps: list[dict[str, object]]) -> None:
    for app in apps:
        name = str(app["firm"]["name"])  # type: ignore[index]
        app["group"] = next((group for head, group in LINKED.items() if name.startswith(f"重庆{head}")), "")


# Awards of another municipal policy to import into the ledger (`budgetopt ledger import … --policy …`): contents the
# 2027 workbook applies for, already supported in part. (content key, 万元, date paid)
OTHER_POLICY_AWARDS = (("嘉陵装备-数字化改造", Decimal(30), date(2026, 11, 20)),
                       ("铜锣机电-智能产线", Decimal(100), date(2026, 9, 15)))


def write_other_awards(apps: list[dict[str, object]], out: Path) -> None:
    firms = {str(app["content_key"]): app["firm"] for app in apps if app["content_key"]}
    book = new_workbook(out)
    fmt = formats(book)
    sheet = book.add_worksheet("拨付清单")
    header_row(sheet, ["统一社会信用代码", "申报单位", "事项标识", "金额（万元）", "拨付日期"], fmt["header"],
               [22, 34, 22, 14, 12], None)
    for row, (key, amount, paid) in enumerate(OTHER_POLICY_AWARDS, start=1):
        firm: dict[str, str] = firms[key]  # type: ignore[assignment]
        for col, value in enumerate((firm["code"], firm["name"], key, amount, paid)):
            _write_cell(sheet, row, col, value, fmt, typed_as_text=False)
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rows", type=int, default=400)
    parser.add_argument("--year", type=int, default=2026, choices=(2026, 2027))
    parser.add_argument("--previous", type=Path, default=Path("data/sample_applications.xlsx"),
                        help="with --year 2027: the 2026 workbook whose contents some applications repeat")
    parser.add_argument("--out", type=Path, default=Path("data/sample_applications.xlsx"))
    parser.add_argument("--awards-out", type=Path,
                        help="with --year 2027: also write awards of another policy for those applications here")
    args = parser.parse_args()
    apps = make_rows(args.seed, args.rows, args.year)
    if args.year > 2026:
        apps += repeats(args.previous, args.year)
        random.Random(args.seed).shuffle(apps)
        link_groups(apps)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write(apps, args.out, args.year)
    print(f"wrote {args.out}: {len(apps)} applications (seed {args.seed})")
    if args.awards_out is not None:
        write_other_awards(apps, args.awards_out)
        print(f"wrote {args.awards_out}: {len(OTHER_POLICY_AWARDS)} awards of another policy")


if __name__ == "__main__":
    main()
