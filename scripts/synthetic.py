"""Synthetic, contract-conforming application workbooks of any size, and a scenario that makes choices matter.

Deterministic from the seed. A realistic mix: every grant clause, about 30% whole (fixed) awards, requests below
the cap for a third, same-content pairs, prior support, a few ineligible rows, all 39 divisions, applicants with
several applications; the scenario has a binding budget (about 40% of demand), envelopes with floors and caps, a
district share and an applicant cap.

Options for other shapes of year (scripts/bench_shapes.py): whole-number scores (many equal values), mostly whole
awards; and `scenario_text`'s keywords. Without them the output is byte for byte what it always was.

    python scripts/synthetic.py 100000 --out reports/bench/apps_100000.xlsx
    python scripts/synthetic.py 10000 --integer-scores --mostly-whole --out /tmp/apps.xlsx
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import xlsxwriter

from optimizer.reading.fields import USCC_CHARS, uscc_check_character
from optimizer.rules.divisions import chongqing

HEADERS = ["申报编号", "申报单位", "统一社会信用代码", "所属区县", "政策条款", "项目名称", "事项标识",
           "实际投资额（万元）", "申请金额（万元）", "评审得分", "申报日期", "所属行业", "企业规模", "资格认定",
           "已获市级同类支持（万元）"]
# clause: (weight in the mix, maximum in 万元, matching rate or None, whole)
CLAUSES = {
    "1": (1, 200, None, True), "2": (2, 500, 0.1, False), "3": (4, 300, None, False), "4": (5, 200, None, False),
    "5": (2, 50, None, True), "6": (2, 200, None, True), "7a": (9, 50, None, True), "7b": (8, 300, 0.1, False),
    "8a": (2, 100, None, True), "8b": (1, 300, None, True), "9": (4, 100, 0.1, False), "10": (6, 50, None, True),
    "11a": (9, 50, None, False), "11b": (5, 30, None, False), "12": (3, 200, 0.1, False), "13": (4, 100, 0.1, False),
    "14a": (1, 100, None, False), "14b": (3, 50, None, False), "15": (4, 200, 0.1, False), "16": (1, 200, 0.1, False),
    "17": (1, 300, 0.2, False), "18": (1, 150, None, True), "19": (1, 0, None, False), "20": (1, 500, 0.3, False),
}
INDUSTRY = {"9": "食品及农产品加工", "12": "钢铁"}
WHOLE_BOOST = 10  # mostly_whole: how much more often a fixed-award clause is drawn


def credit_code(rng: random.Random) -> str:
    first17 = "915001" + "".join(rng.choice(USCC_CHARS) for _ in range(11))
    return first17 + uscc_check_character(first17)


def rows(n: int, seed: int, *, integer_scores: bool = False, mostly_whole: bool = False) -> list[list[object]]:
    """`integer_scores`: whole-number scores (many equal values) instead of tenths; `mostly_whole`: the fixed-award
    clauses drawn ten times as often (about 80% whole awards instead of 30%). Either draws the same random numbers,
    so the defaults give the same rows as ever."""
    rng = random.Random(seed)
    districts = list(chongqing().names)
    applicants = [(f"重庆市第{i:06d}号智造有限公司", credit_code(rng), rng.choice(districts))
                  for i in range(max(1, n * 2 // 3))]
    clauses = list(CLAUSES)
    weights = [CLAUSES[c][0] * (WHOLE_BOOST if mostly_whole and CLAUSES[c][3] else 1) for c in clauses]
    start = date(2026, 2, 10)
    result: list[list[object]] = []
    for i in range(n):
        clause = rng.choices(clauses, weights)[0]
        name, code, district = rng.choice(applicants)
        maximum, rate = CLAUSES[clause][1], CLAUSES[clause][2]
        investment = round(rng.uniform(maximum * 2, maximum * 25), 2) if rate else None
        requested = round(maximum * rng.uniform(0.3, 1.0), 2) if maximum and rng.random() < 0.33 else None
        key = f"K{i // 2}" if rng.random() < 0.04 else None
        score = rng.uniform(50, 99)
        result.append([
            f"S{i:07d}", name, code, district, clause, f"项目{i}", key, investment, requested,
            round(score) if integer_scores else round(score, 1), start + timedelta(days=rng.randrange(300)),
            INDUSTRY.get(clause, "其他"), rng.choice(["中型", "小型", "微型", "大型"]),
            "否" if rng.random() < 0.02 else "是", round(maximum * 0.5, 2) if rng.random() < 0.02 else None,
        ])
    return result


def write_workbook(path: Path, n: int, seed: int, *, integer_scores: bool = False,
                   mostly_whole: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    book.set_properties({"created": datetime(2026, 1, 1)})  # the same seed gives the same bytes
    sheet = book.add_worksheet("申报项目")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADERS)
    for r, values in enumerate(rows(n, seed, integer_scores=integer_scores, mostly_whole=mostly_whole), start=1):
        for c, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, date):
                sheet.write_datetime(r, c, value, date_format)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
    book.close()


@dataclass(frozen=True)
class EnvelopeSpec:
    """An envelope of the synthetic scenario: a share cap and, optionally, a floor of budget // floor_divisor."""

    name: str
    clauses: tuple[str, ...]
    max_share: str
    floor_divisor: int | None = None


ENVELOPES = (EnvelopeSpec("AI", ("3", "4", "5", "6"), "0.2", 20),
             EnvelopeSpec("green", ("12", "13", "14a", "14b"), "0.12"),
             EnvelopeSpec("smart factories", ("7a", "7b", "8a", "8b"), "0.3"))
WEIGHTS = (("4", "1.3"), ("6", "1.2"), ("2", "1.2"))


def scenario_text(n: int, *, min_funding_ratio: str | None = None, rounding: int = 100,
                  weights: Sequence[tuple[str, str]] = WEIGHTS, envelopes: Sequence[EnvelopeSpec] = ENVELOPES,
                  district_share: str = "0.12", applicant_cap: str = "600万") -> str:
    """A budget at about 40% of the demand of n applications, with the limits a bureau would set.

    The keywords change one setting each (scripts/bench_shapes.py's shapes of year); their defaults give the
    scenario as it always was.
    """
    budget_wan = max(100, int(n * 120 * 0.4))  # about 120万 of demand per application
    ratio = "" if min_funding_ratio is None else f"min_funding_ratio = {min_funding_ratio}\n"
    text = f"""name = "synthetic {n}"
year = 2026
budget = "{budget_wan}万"
reserve = "{max(1, budget_wan // 40)}万"
fixed_awards = "whole"
{ratio}rounding = {rounding}

[weights]
""" + "".join(f'"{clause}" = {weight}\n' for clause, weight in weights)
    for env in envelopes:
        clauses = ", ".join(f'"{c}"' for c in env.clauses)
        text += f'\n[[envelopes]]\nname = "{env.name}"\nclauses = [{clauses}]\nmax_share = {env.max_share}\n'
        if env.floor_divisor is not None:
            text += f'min = "{max(1, budget_wan // env.floor_divisor)}万"\n'
    return text + f"""
[districts]
max_share = {district_share}

[applicants]
max_total = "{applicant_cap}"
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--integer-scores", action="store_true", help="whole-number scores instead of tenths")
    parser.add_argument("--mostly-whole", action="store_true", help="about 80%% whole (fixed) awards")
    args = parser.parse_args()
    write_workbook(args.out, args.n, args.seed, integer_scores=args.integer_scores, mostly_whole=args.mostly_whole)
    args.out.with_suffix(".toml").write_text(scenario_text(args.n), encoding="utf-8")
    print(f"wrote {args.out} and {args.out.with_suffix('.toml')}")


if __name__ == "__main__":
    main()
