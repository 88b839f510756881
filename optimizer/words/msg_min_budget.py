"""What the library's goal search (`min_budget`) says, by code: refusals of its arguments and its warnings; the
app's pages of it are in msg_goal.py.

(Chinese, English) templates; see catalog.py.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "goal.no_targets": ("没有选中任何要资助的申报：请给出申报编号，或一个选中部分申报的函数",
                        "no application is chosen to be funded: give application ids, or a function that chooses "
                        "some"),
    "goal.unknown_ids": ("申报表中没有这些申报编号：{ids}", "not application ids of the workbook: {ids}"),
    "goal.not_targets": ("{shown} 不是要资助的申报：请给出申报编号的列表，"
                         "或一个函数（参数为分配表的一行，返回是否选中）",
                         "{shown} is no applications to fund: give a list of application ids, or a function that "
                         "takes one row of the allocation frame and says whether it is chosen"),
    "goal.precision_zero": ("精度至少应为1元，给出的是 {shown}", "the precision must be at least 1 yuan, not {shown}"),
    "goal.what_precision": ("精度", "precision"),
    "goal.bad_prove": ("prove 应为 True、False 或至少为 1 的整数（证明最多求解的次数），给出的是 {shown}",
                       "prove must be True, False or a whole number of at least 1 (the most solves the proof may "
                       "take), not {shown}"),
    "goal.unconfirmed": ("预算{budget}在查找时资助了全部可资助的目标申报，复核求解时却没有：{ids}",
                         "at {budget} the search funded every reachable target, the confirming solve did not: {ids}"),
    "goal.fund_failed": ("选择目标申报的函数出错（{error}）：分配表的列为 {columns}",
                         "the function choosing the targets failed ({error}): the allocation frame's columns are "
                         "{columns}"),
    "goal.held_by_budget": ("{count}项目标申报（{ids}）在预算{high}时未获资助，仅因预算（或区县、专项额度按预算"
                            "所占比例的上限）已用完，低于它的已求解预算也都未资助：更高的预算，或未求解的较低预算，"
                            "或可资助",
                            "{count} target(s) ({ids}) not funded at {high} only because the budget (or a district's "
                            "or an envelope's share of it) runs out there, nor at any budget solved below it: a larger "
                            "budget, or a smaller one not solved, may fund them"),
}
