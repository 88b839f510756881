"""What budgetopt says about solving, by code: (Chinese, English) templates (see catalog.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # a solver by name, as people read it (a hint's {name}: solving/backends.py OtherSolver)
    "solver.name.highs": ("HiGHS", "HiGHS"),
    "solver.name.cbc": ("CBC", "CBC"),
    "solver.name.auto": ("自动选择", "Automatic"),  # the library's and the form's solver="auto": either, as available
    # what a solve was for
    "solve.allocation": ("分配方案", "the allocation"),
    "solve.tie_break": ("同分处理", "the tie-break"),
    # the solver's trouble (SolverError): nothing is published
    "solver.time_limit": ("求解器在证明{what}最优之前已到达时间上限；未写出任何结果",
                          "the solver reached its time limit before proving {what} optimal; nothing was written"),
    "solver.not_proven": ("求解器未能证明{what}最优即已停止（{status}：{detail}）；未写出任何结果",
                          "the solver stopped without proving {what} optimal ({status}: {detail}); nothing was "
                          "written"),
    "solver.cbc_missing": ("无法启动 CBC（{detail}）", "CBC cannot be started ({detail})"),
    "solver.highs_missing": ("本机未安装 HiGHS（highspy 软件包）", "HiGHS (the highspy package) is not installed here"),
    "solver.wrongly_infeasible": ("求解器判定情景不可行，但每个下限都能满足；未写出任何结果",
                                  "the solver called the scenario infeasible, yet every floor can be met; nothing was "
                                  "written"),
    "solver.wrongly_infeasible@web": ("求解器判定分配方案不可行，但每个下限都能满足；未写出任何结果",
                                      "the solver called the scenario infeasible, yet every floor can be met; nothing "
                                      "was written"),
    "solver.recheck_failed": ("求解结果未通过本工具的复核：{problems}",
                              "the solver's solution failed our re-check: {problems}"),
    "solver.objective_short": ("取整后的分配方案目标值为{objective}，低于已证明的最优值{optimum}，超出取整所允许的范围",
                               "the rounded allocation is worth {objective}, below the proven optimum {optimum} by "
                               "more than rounding allows"),
    "solver.tie_break_failed": ("同分处理求解未找到与最优值相当的分配方案（数值问题）",
                                "the tie-break solve found no allocation as good as the optimum (numerical trouble)"),
    "solver.not_canonical": ("同分处理后的分配在申报 {application} 处少于其出发的最优分配（按排序规则应不少于）；"
                             "结果不予发布",
                             "the tie-break gave application {application} less than the optimum it started from, "
                             "where the ranking says it should get at least as much; nothing is published"),
    # what the run's record says about how it was solved
    "note.cbc_broke_ties": ("HiGHS 在启用和关闭预处理时均判定同分处理不可行；改由 CBC 完成同分处理",
                            "HiGHS called the tie-break infeasible with and without presolve; CBC broke the ties"),
    "note.canonical_too_hard": (
        "跨分值的同分处理在申报 {application} 处超出计算量上限；本年度改为在同一分值内按排序处理同分，"
        "不同求解器可能给出价值相同但获资助者不同的方案",
        "the tie-break across values passed its effort bound at application {application}; this year's ties are "
        "broken within each class of equal value instead, where two solvers may publish different allocations of "
        "equal worth"),
    "note.canonical_within_bound": (
        "跨分值的同分处理在申报 {application} 处超出计算量上限：自该申报起这一步的金额为上限内找到的最佳方案，"
        "未证明为最大；排序在其前的申报已获最大分配，其后的申报仍按排序处理",
        "the tie-break across values passed its effort bound at application {application}: from it, that step's "
        "awards are the best found within the bound, not proven the greatest; the applications ranked before it "
        "get the greatest allocation, the later ones are ranked as usual"),
    "note.auto_fallback": ("HiGHS 未能给出已证明的最优解（{reason}）；改由 CBC 求解",
                           "HiGHS gave no proven optimum ({reason}); CBC solved it instead"),
    "note.and": ("{first}；{then}", "{first}; {then}"),  # two notes of one run
    # limits, in words
    "limit.budget": ("预算总额", "budget"),
    "limit.envelope": ("专项额度“{name}”", "envelope “{name}”"),
    "limit.envelope_min": ("专项额度“{name}”下限", "envelope “{name}” (floor)"),
    "limit.district_share": ("区县上限：{name}", "district cap: {name}"),
    "limit.applicant_cap": ("单户上限：{name}", "applicant cap: {name}"),
    "limit.applicant_period_cap": ("单户有效期上限（扣除此前资助后）：{name}",
                                   "applicant period cap (less earlier awards): {name}"),
    "limit.group_cap": ("关联企业组上限：{name}", "group cap: {name}"),
    # why a scenario is infeasible (Infeasible.conflicts)
    "infeasible.floor_above_available": (
        "专项额度“{name}”下限{floor}{before}高于{what}（{available}）；请降至{most}或提高预算",
        "envelope \"{name}\" min {floor}{before} is above {what} ({available}); lower it to {most} or raise the "
        "budget"),
    "infeasible.floor_above_demand": (
        "专项额度“{name}”下限{floor}{before}无法满足：符合条件的需求至多{demand}；请降至{most}或增加申报",
        "envelope \"{name}\" min {floor}{before} cannot be met: at most {demand} of eligible demand; lower it to "
        "{most} or add applications"),
    "infeasible.floors_total": (
        "专项额度下限（{names}）合计{total}{before}，但{what}仅为{available}：请将下限合计降低{over}，或将预算提高同样数额",
        "envelope floors ({names}) total {total}{before} but {what} is {available}: lower them by {over} in all, or "
        "raise the budget by as much"),
    "infeasible.floors_unknown": ("专项额度下限（{names}）与其他限额无法同时满足",
                                  "the envelope floors ({names}) cannot all be met with the other limits"),
    "infeasible.floor_blocked": (
        "专项额度“{name}”下限{floor}{before}在{blockers}之下无法满足：至多能达到{reached}；请降至{reached}或放宽{blockers}",
        "envelope \"{name}\" min {floor}{before} cannot be met together with {blockers}: at most {reached} can be "
        "reached; lower it to {reached} or relax {blockers}"),
    "infeasible.floor_whole_awards": (
        "专项额度“{name}”下限{floor}{before}以现有的定额奖励无法满足：至多能达到{reached}；请降至{reached}或增加申报",
        "envelope \"{name}\" min {floor}{before} cannot be met with the whole awards available: at most {reached} "
        "can be reached; lower it to {reached} or add applications"),
    # a floor of the year, part of which its earlier rounds met (docs/ledger.md, A year's later rounds)
    "infeasible.earlier": ("（本年度此前各批已用{earlier}）", " ({earlier} of it met in the year's earlier rounds)"),
    "infeasible.available": ("预算减预留", "the budget less reserve"),
    "infeasible.available_after": ("本批可分配额", "what this round can allocate"),
}
