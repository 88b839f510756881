"""Names and labels for people, each a (Chinese, English) pair: the workbook's vocabulary (industries, sizes,
bases), statuses, column and sheet labels, kinds of limit."""

from __future__ import annotations

from collections.abc import Mapping

from optimizer.words.core import pick

# The workbook's vocabulary (README, The application workbook), each code with its Chinese and English name.
BASES = {"investment": ("项目实际投资额", "actual investment"), "event_cost": ("活动实际费用", "actual event cost")}

INDUSTRIES: Mapping[str, tuple[str, str]] = {
    "food_agri": ("食品及农产品加工", "food and agricultural-product processing"),
    "light_textile": ("轻纺", "light textiles"),
    "steel": ("钢铁", "steel"),
    "electrolytic_aluminium": ("电解铝", "electrolytic aluminium"),
    "cement": ("水泥", "cement"),
    "flat_glass": ("平板玻璃", "flat glass"),
    "chemical": ("化工", "chemicals"),
    "other": ("其他", "other"),
}

SIZES: Mapping[str, tuple[str, str]] = {
    "large": ("大型", "large"),
    "medium": ("中型", "medium"),
    "small": ("小型", "small"),
    "micro": ("微型", "micro"),
}

STATUS_LABELS: Mapping[str, tuple[str, str]] = {  # by Status (a str enum), or its name
    "FUNDED": ("全额资助", "funded in full"),
    "PARTIAL": ("部分资助", "partly funded"),
    "UNFUNDED": ("未获资助", "not funded"),
    "INELIGIBLE": ("不符合条件", "ineligible"),
    "DUPLICATE": ("重复申报", "duplicate"),
    "INVALID": ("数据有误", "invalid row"),
}

LABELS: Mapping[str, tuple[str, str]] = {
    "row": ("行号", "Row"),
    "application_id": ("申报编号", "Application ID"),
    "applicant": ("申报单位", "Applicant"),
    "credit_code": ("统一社会信用代码", "Credit code"),
    "district": ("所属区县", "District"),
    "clause": ("政策条款", "Clause"),
    "clause_title": ("条款名称", "Clause title"),
    "section": ("篇章", "Section"),
    "project": ("项目名称", "Project"),
    "score": ("评审得分", "Score"),
    "entitlement": ("核定额（元）", "Entitlement (yuan)"),
    "allocated": ("分配额（元）", "Allocated (yuan)"),
    "status": ("状态", "Status"),
    "status_label": ("状态说明", "Status, in words"),
    "reason": ("原因", "Reason"),
    "applications": ("申报数", "Applications"),
    "eligible": ("符合条件数", "Eligible"),
    "demand": ("核定额合计（元）", "Entitlement total (yuan)"),
    "funded": ("全额资助数", "Funded"),
    "partial": ("部分资助数", "Partly funded"),
    "unfunded": ("未获资助数", "Not funded"),
    "share": ("占可分配额比例", "Share of available"),
    "constraint": ("约束", "Constraint"),
    "kind": ("类型", "Kind"),
    "sense": ("方向", "Sense"),
    "limit": ("限额（元）", "Limit (yuan)"),
    "used": ("已用（元）", "Used (yuan)"),
    "slack": ("余量（元）", "Slack (yuan)"),
    "binding": ("是否约束", "Binding"),
    "marginal": ("边际价值（放宽1元的目标值增量）", "Marginal value (objective gained per yuan relaxed)"),
    "members": ("涉及申报数", "Applications"),
    "parameter": ("参数", "Parameter"),
    "value": ("值", "Value"),
    "budget": ("年度预算（元）", "Budget (yuan)"),
    "reserve": ("预留（元）", "Reserve (yuan)"),
    "earlier_rounds": ("本年度此前各批已资助（元）", "Granted in the year's earlier rounds (yuan)"),
    "available": ("可分配额（元）", "Available (yuan)"),
    "unspent": ("未分配（元）", "Unspent (yuan)"),
    "objective": ("目标值（权重×得分×金额）", "Objective (weight × score × yuan)"),
    "solver": ("求解器", "Solver"),
    "seconds": ("求解用时（秒）", "Solve time (s)"),
    # amounts in 万元 (allocation.xlsx, report.html, sweep.xlsx): the CSV keeps whole yuan
    "entitlement_wan": ("核定额（万元）", "Entitlement (万元)"),
    "allocated_wan": ("分配额（万元）", "Allocated (万元)"),
    "demand_wan": ("核定额合计（万元）", "Entitlement total (万元)"),
    "limit_wan": ("限额（万元）", "Limit (万元)"),
    "limit_left_wan": ("本次限额（万元）", "Limit in this run (万元)"),  # where awards before the run took some
    "earlier_wan": ("此前已用（万元）", "Used before this run (万元)"),
    "used_wan": ("已用（万元）", "Used (万元)"),
    "slack_wan": ("余量（万元）", "Slack (万元)"),
    "budget_wan": ("年度预算（万元）", "Budget (万元)"),
    "reserve_wan": ("预留（万元）", "Reserve (万元)"),
    "earlier_rounds_wan": ("本年度此前各批已资助（万元）", "Granted in the year's earlier rounds (万元)"),
    "available_wan": ("可分配额（万元）", "Available (万元)"),
    "available_round_wan": ("本批可分配额（万元）", "Available in this round (万元)"),
    "unspent_wan": ("未分配（万元）", "Unspent (万元)"),
    "weighted_score": ("加权评分（权重×评审得分）", "Weighted score (weight × score)"),
    "limit_name": ("限额名称", "Limit, in words"),
    "meaning": ("边际价值的含义", "What the marginal value means"),
    "section_title": ("篇章名称", "Section title"),
    "total": ("合计", "Total"),
    "max": ("上限", "max"),
    "min": ("下限", "min"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
}

ROW_KINDS: Mapping[str, tuple[str, str]] = {
    "budget": ("预算总额", "budget"),
    "envelope": ("专项额度上限", "envelope cap"),
    "envelope_min": ("专项额度下限", "envelope floor"),
    "district_share": ("区县占比上限", "district share"),
    "applicant_cap": ("单户上限", "applicant cap"),
    "applicant_period_cap": ("单户有效期上限", "applicant period cap"),
    "group_cap": ("关联企业组上限", "group cap"),
}


def label(key: str, lang: str) -> str:
    return pick(LABELS[key], lang)


def status_label(status: str, lang: str) -> str:
    return pick(STATUS_LABELS[status], lang)


