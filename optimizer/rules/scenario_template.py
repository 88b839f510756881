"""The starting scenario `budgetopt scenario init FILE` writes: every key of the scenario file (rules/scenario.py)
with an example value that loads as it is, explained in a comment in Chinese or English."""

from __future__ import annotations

import unicodedata

# The starting scenario (`budgetopt scenario init`): (TOML line, Chinese comment, English comment) — a line of "" is
# a comment alone, a line starting with "#" a key written commented out, an entry of three "" a blank line.
_TEMPLATE: tuple[tuple[str, str, str], ...] = (
    ("", "情景文件（TOML）：一个年度的预算及分配规则。用法：budgetopt allocate 申报表.xlsx --scenario 本文件",
     "A scenario (TOML): a year's budget and the rules of its allocation. Use: budgetopt allocate WORKBOOK.xlsx "
     "--scenario THIS_FILE"),
    ("", "除 budget 外每个键都可以省略（省略即取默认值）；budget 也可以在命令行用 --budget 给出，命令行优先。",
     "Every key but budget may be left out (its default applies); budget may be given with --budget instead, which "
     "wins."),
    ("", "金额的写法：带单位或千位分隔符的金额须加英文双引号，如 \"3000万\"、\"1.2亿\"、\"3000元\"、\"120,000,000\"；",
     "Amounts: with a unit or thousands separators, in quotes: \"3000万\", \"1.2亿\", \"3000元\", \"120,000,000\";"),
    ("", "不加单位的整数即为元（120000000）。小于 10000 的不带单位的金额会被拒绝（多半是把万元写成了元）：",
     "a whole number without unit is yuan (120000000). An amount below 10,000 without a unit is refused (it is "
     "surely 万元"),
    ("", "确实是元时请写 \"3000元\"。不带单位的预算小于 1000000 时同样会被拒绝。",
     "written as yuan): write \"3000元\" to mean yuan. So is a budget without unit below 1,000,000."),
    ("", "行首的 # 表示注释：删去 # 即可启用该行。", "A # starts a comment: delete it to use the line."),
    ("", "", ""),
    ('name = "{name}"', "方案名称：显示在汇总、报告和 manifest.json 中",
     "shown in the summary, the reports and manifest.json"),
    ("year = 2026", "年度：只有在该年提交的申报才符合条件（政策有效期 2026-02-02 至 2027-12-31）",
     "only applications submitted in this year are eligible (the policy runs 2026-02-02 … 2027-12-31)"),
    ('budget = "2亿"', "年度预算总额", "the year's total budget"),
    ('reserve = "500万"', "分配前预留的资金（如第19条政府购买服务）；默认 0",
     "set aside before allocation (e.g. clause 19, bought as a service); default 0"),
    ('fixed_awards = "whole"', "定额奖励：\"whole\" 全额给予或不给（默认）；\"prorate\" 可部分给予",
     "a fixed award: \"whole\" paid in full or not at all (default); \"prorate\" any part of it"),
    ("min_funding_ratio = 0.3", "获得资助的申报至少得到其核定额的这一比例；0 表示不设（默认）",
     "an award paid at all is at least this share of its entitlement; 0 for none (default)"),
    ("rounding = 100", "部分资助的金额为此数（元）的整数倍；默认 1",
     "a partial award is a whole multiple of this many yuan; default 1"),
    ("", "", ""),
    ("[weights]", "各条款的优先权重，目标为 Σ 权重 × 评审得分 × 金额；未列出的条款为 1.0",
     "a clause's priority: the objective is Σ weight × score × yuan; a clause not listed has 1.0"),
    ('"4" = 1.3', "第4条：工业垂类大模型、智能体研发及应用推广",
     "clause 4: vertical industrial large models and agents"),
    ('# "7" = 1.2', "拆分的条款写编号即包括其全部子项（7 即 7a、7b）",
     "a split clause's number stands for all its awards (7 is 7a and 7b)"),
    ("", "", ""),
    ("[[envelopes]]", "专项额度：一组条款的资金合计上限和下限；可以写多个 [[envelopes]]",
     "a limit on the total of a set of clauses; as many [[envelopes]] as needed"),
    ('name = "人工智能赋能"', "名称：出现在提示、原因和约束表中",
     "names the limit in messages, reasons and the constraints sheet"),
    ('clauses = ["3", "4", "5", "6"]', "包括的条款编号（第二部分：强化人工智能赋能应用）",
     "the clauses it holds (section 二: AI-empowered applications)"),
    ('max = "4000万"', "合计上限", "at most this in total"),
    ("# max_share = 0.3", "或：合计不超过（预算 − 预留）的这一比例；两者都写时取较小者",
     "or at most this share of (budget − reserve); with both, the smaller applies"),
    ('min = "1500万"', "合计下限（可省略）", "at least this in total (optional)"),
    ("", "", ""),
    ("[districts]", "区县上限", "a cap on each district"),
    ("max_share = 0.3", "单个区县获得的资金合计不超过（预算 − 预留）的这一比例",
     "no district receives more than this share of (budget − reserve)"),
    ("", "", ""),
    ("[applicants]", "单户上限", "a cap on each applicant"),
    ('max_total = "600万"', "单个申报主体（按统一社会信用代码）获得的资金合计上限",
     "no applicant (credit code) receives more than this in total"),
    ('# max_period_total = "1000万"', "单个申报主体在政策有效期内（账本中本政策的历年资助加本次）获得的资金合计上限",
     "no applicant receives more than this over the policy's period (the ledger's awards of this policy and this "
     "run)"),
    ("", "", ""),
    ("[groups]", "关联企业组上限（申报表的“关联企业组”列）",
     "a cap on each group of linked enterprises (the group column)"),
    ('# max_total = "1000万"', "同一关联企业组获得的资金合计上限", "no group receives more than this in total"),
)
_TEMPLATE_NAMES = ("2026年度方案", "2026 base case")
_COMMENT_COLUMN = 34  # where a key's comment starts, in display columns (a Chinese character takes two)


def scenario_template(lang: str = "zh") -> str:
    """A starting scenario: every key, explained in comments in `lang` ("zh" or "en"), with example values that
    load as they are (`budgetopt scenario init FILE` writes it).

    >>> import tomllib
    >>> from optimizer.rules.scenario import load_scenario
    >>> load_scenario(tomllib.loads(scenario_template())).available
    195000000
    """
    zh = lang == "zh"
    lines = []
    for toml, *comments in _TEMPLATE:
        comment = comments[0] if zh else comments[1]
        toml = toml.replace("{name}", _TEMPLATE_NAMES[0] if zh else _TEMPLATE_NAMES[1])
        if not toml:
            lines.append(f"# {comment}" if comment else "")
        elif not comment:
            lines.append(toml)
        else:
            lines.append(toml + " " * max(1, _COMMENT_COLUMN - _width(toml)) + f"# {comment}")
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Display columns: a wide (Chinese) character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
