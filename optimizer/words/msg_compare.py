"""What budgetopt says about comparisons of two runs (`compare`, the app's 对比), by code.

(Chinese, English) templates; see catalog.py.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "report.distribution.compare.heading": ("资金分布", "How the money is spread"),
    "report.distribution.compare.console": ("资金分布：", "how the money is spread:"),
    "report.console.compare.scenarios": ("两个情景的差异：", "how the two scenarios differ:"),
    "report.console.compare.a": ("A（元，状态）", "A (yuan, status)"),
    "report.console.compare.b": ("B（元，状态）", "B (yuan, status)"),
    "report.console.compare.more": ("… 另有{count}项", "… {count} more"),
    "report.console.compare.identical": ("两次分配完全相同", "no application changed"),
    "web.compare.title": ("对比两次运行", "Two runs compared"),
    "web.compare.pick_two": ("请在运行记录中勾选两次已完成的运行再对比。", "Pick two finished runs on the runs page to "
                             "compare them."),
    "web.compare.runs": ("A：{a}　B：{b}", "A: {a}; B: {b}"),
    "web.compare.all_breaches": ("全部{count}处", "All {count}"),
    "report.compare.one_side": ("两次运行没有相同的申报编号：A的{a}项申报、B的{b}项申报都只在一方，此处不逐项列出"
                             "（compare.xlsx 的“变化明细”工作表列有全部）。",
                             "The two runs have no application id in common: A's {a} applications and B's {b} are "
                             "each in one run only, and are not listed here (compare.xlsx's sheet Changes lists them "
                             "all)."),
    "web.compare.count": ("{count} 项申报的结果不同（下表列出前 100 项，完整列表见 compare.xlsx）。",
                          "{count} applications differ (the first 100 below; compare.xlsx has them all)."),
    "web.compare.count_all": ("{count} 项申报的结果不同，全部列于下表。",
                              "{count} applications differ, all listed below."),
    "web.compare.count_one": ("1 项申报的结果不同，列于下表。", "1 application differs, listed below."),
    "web.compare.count_none": ("两次运行中每项申报的结果都相同。",
                               "Every application has the same outcome in both runs."),
    "compare.not_a_run": ("{shown} 不是一次运行：请给出 allocate 的输出文件夹，或 allocate 的结果",
                          "{shown} is not a run: give a folder allocate wrote, or what allocate returned"),
    "compare.value_under": ("value_under 应为 \"a\" 或 \"b\"（按哪一次运行的权重为两者估值），给出的是 {given}",
                            "value_under must be \"a\" or \"b\" (whose weights value both runs), not {given}"),
    "report.compare.title": ("两次分配对比", "Two runs compared"),
    "report.compare.heading.scenarios": ("两个情景的差异", "How the two scenarios differ"),
    "report.compare.heading.scenarios@web": ("两个分配方案的差异", "How the two scenarios differ"),
    "report.compare.heading.limits": ("限额核对", "Limits"),
    "report.compare.heading.totals": ("合计", "Totals"),
    "report.compare.heading.by_section": ("按篇章", "By section"),
    "report.compare.heading.by_district": ("按区县", "By district"),
    "report.compare.heading.by_clause": ("按条款", "By clause"),
    "report.compare.heading.changes": ("变化明细", "Every application that changed"),
    "report.compare.sheet.scenarios": ("情景差异", "Scenarios"),
    "report.compare.sheet.scenarios@web": ("分配方案差异", "Scenarios"),
    "report.compare.runs": ("A：{a}　B：{b}", "A: {a}; B: {b}"),
    "report.compare.none_changed": ("两次运行中每项申报的结果都相同。",
                                    "Every application has the same outcome in both runs."),
    "report.compare.sheet.totals": ("合计", "Totals"),
    "report.compare.sheet.by_clause": ("按条款", "By clause"),
    "report.compare.sheet.by_section": ("按篇章", "By section"),
    "report.compare.sheet.by_district": ("按区县", "By district"),
    "report.compare.sheet.changes": ("变化明细", "Changes"),
    "report.compare.item": ("项目", "Item"),
    "report.compare.setting": ("设置", "Setting"),
    "report.compare.card.allocated": ("已分配变化（B − A）", "allocated, B − A"),
    "report.compare.card.changed": ("变化的申报（项）", "applications changed"),
    "report.compare.card.one_side": ("仅在一方的申报（项）", "in one run only"),
    "report.compare.in_yuan": ("{name}（元）", "{name} (yuan)"),
    "report.compare.scenarios_same": ("两个情景的设置相同（不比较名称）",
                                      "the two scenarios have the same settings (names not compared)"),
    "report.compare.scenarios_same@web": ("两个分配方案的设置相同（不比较名称）",
                                          "the two scenarios have the same settings (names not compared)"),
    "report.compare.scenarios_unknown": ("至少一次运行未记录情景的设置，无法逐项比较两个情景",
                                         "at least one run did not record its scenario's settings; the scenarios "
                                         "cannot be compared key by key"),
    "report.compare.scenarios_unknown@web": ("至少一次运行未记录分配方案的设置，无法逐项比较两个分配方案",
                                             "at least one run did not record its scenario's settings; the "
                                             "scenarios cannot be compared key by key"),
    "report.compare.weight_change": ("{name}：A {a}，B {b}", "{name}: A {a}, B {b}"),
    "report.compare.objective_apart": (
        "两个情景的条款权重不同（{weights}），目标值（Σ 权重×评审得分×分配额）的单位因此不同，不能直接相减比较。",
        "the two scenarios weigh clauses differently ({weights}), so their objectives (Σ weight × score × award) are "
        "in different units and are not subtracted."),
    "report.compare.objective_apart@web": (
        "两个分配方案的条款权重不同（{weights}），目标值（Σ 权重×评审得分×分配额）的单位因此不同，不能直接相减比较。",
        "the two scenarios weigh clauses differently ({weights}), so their objectives (Σ weight × score × award) are "
        "in different units and are not subtracted."),
    "report.compare.objective_unknown": (
        "至少一次运行未记录条款权重，无法判断两个目标值是否可比，因此不比较目标值。",
        "at least one run did not record its weights, so whether the objectives are comparable is unknown; they are "
        "not compared."),
    "report.compare.not_comparable": ("不可比", "not comparable"),
    "report.compare.valued_row": ("按{under}的权重计的目标值", "objective under {under}'s weights"),
    "report.compare.budget_equivalent_row": ("B − A 折合{under}的预算（元）", "B − A in {under}'s budget (yuan)"),
    "report.compare.heading.valued": ("B与A相比", "B against A"),
    "report.compare.valued": ("按{under}的条款权重衡量，{other}的资助名单的效果比{under}{direction}{diff}"
                              "（加权评分×元）。",
                              "Measured by {under}'s clause weights, {other}'s list achieves {diff} {direction} than "
                              "{under}'s (weighted score × yuan)."),
    "report.compare.valued_in_budget": (
        "按{under}的条款权重衡量，{other}的资助名单的效果比{under}的{direction}，约相当于{under}的预算{change}{amount}"
        "（预算的{share}）所{outcome}的（估计值，差额越大越不准）；差额为{diff}（加权评分×元）。",
        "Measured by {under}'s clause weights, {other}'s list achieves {direction} than {under}'s: about what "
        "{change} {under}'s budget by {amount} ({share} of it) would {outcome} (an estimate, rougher the larger the "
        "difference); the difference is {diff} (weighted score × yuan)."),
    "report.compare.valued_same": ("按{under}的条款权重衡量，A和B的资助名单效果相同。",
                                   "Measured by {under}'s clause weights, A's and B's lists achieve the same."),
    "report.compare.share_below": ("不足{share}", "under {share}"),
    "report.compare.budget_unbound": (
        "{under}的预算未用尽（下一元预算买不到更多），因此无法折合为预算。",
        "{under}'s budget did not bind (the next yuan buys nothing more), so this is not said in budget."),
    "report.compare.marginal_unrecorded": (
        "{under}的运行早于2026年12月，未记录预算的边际值，因此无法折合为预算；重新运行 allocate 即可记录。",
        "{under}'s run, from before December 2026, did not record its budget's marginal value, so this is not said "
        "in budget; allocating it again records it."),
    "report.compare.marginal_unrecorded@web": (
        "{under}的运行早于2026年12月，未记录预算的边际值，因此无法折合为预算；以同样的设置重新运行即可记录。",
        "{under}'s run, from before December 2026, did not record its budget's marginal value, so this is not said "
        "in budget; running it again with the same settings records it."),
    "report.compare.budget_only": ("两个情景只有预算不同：B的预算比A{direction}{amount}。",
                                   "The two scenarios differ only in their budget: B's is {amount} {direction} than "
                                   "A's."),
    "report.compare.budget_only@web": ("两个分配方案只有预算不同：B的预算比A{direction}{amount}。",
                                       "The two scenarios differ only in their budget: B's is {amount} {direction} "
                                       "than A's."),
    "report.compare.same_lists": ("两份资助名单完全相同：{smaller}的预算已足以资助{larger}所资助的全部申报，{changes}"
                                  "不改变任何一项资助。",
                                  "The two lists are the same: {smaller}'s budget already funds every application "
                                  "{larger} funds, and {changes} changes no award."),
    "report.compare.counts": ("B比A{counts}。", "B funds {counts}."),
    "report.compare.count.FUNDED": ("全额资助{direction}{count}项（{a}→{b}）",
                                    "{count} {direction} in full ({a}→{b})"),
    "report.compare.count.PARTIAL": ("部分资助{direction}{count}项（{a}→{b}）",
                                     "{count} {direction} in part ({a}→{b})"),
    "report.compare.valued_common": ("按两者相同的条款权重，B的资助名单的效果比A{direction}{diff}（加权评分×元）。",
                                     "Under their common clause weights, B's list achieves {diff} {direction} than "
                                     "A's (weighted score × yuan)."),
    "report.compare.valued_common_same": ("按两者相同的条款权重，两份资助名单的效果相同。",
                                          "Under their common clause weights, the two lists achieve the same."),
    "report.compare.how": ("计算方法：{how}", "How it is worked out. {how}"),
    "report.compare.no_common": ("两次运行没有相同的申报编号：两份资助名单是不同申报的，不比较其效果，"
                                 "也不相互核对限额。",
                                 "The two runs have no application id in common: their lists are of different "
                                 "applications; their worth is not compared, nor is either held to the other's "
                                 "limits."),
    "report.compare.years_apart": ("A是{a}年度的分配，B是{b}年度的：两份资助名单是不同年度申报的，不比较其效果，"
                                   "也不相互核对限额。",
                                   "A allocates {a} and B {b}: their lists are of two years' applications; their "
                                   "worth is not compared, nor is either held to the other's limits."),
    "report.compare.valued_how": (
        "两份资助名单都按{under}的条款权重计值，即Σ 权重×评审得分×分配额，单位为加权评分×元。",
        "Both lists are valued with {under}'s clause weights, as Σ weight × score × yuan (in weighted score × yuan)."),
    "report.compare.budget_how": (
        "差额除以{under}的资助线上每元预算可买到的加权评分（{marginal}），即折合为{under}的预算：这是一阶估计，差额越大、"
        "资助线移动越多，越不准。",
        "The difference, divided by the weighted score a yuan of {under}'s budget buys at its funding line "
        "({marginal}), is said in {under}'s budget: a first-order estimate, rougher the more a large difference "
        "moves the funding line."),
    "report.compare.limits_kept": ("{judged}的分配满足{by}的各项限额。",
                                   "{judged}'s allocation keeps all of {by}'s limits."),
    "report.compare.limits_kept_else": ("{judged}的分配满足{by}的其他各项限额。",
                                        "{judged}'s allocation keeps all of {by}'s other limits."),
    "report.compare.limits_budget_aside": ("{judged}的分配合计超出{by}的可分配额{over}，未超过两次运行的预算之差"
                                           "（{gap}），不列为不满足{by}的限额。",
                                           "{judged}'s total is {over} over what {by} may allocate, within the "
                                           "budgets' difference ({gap}): not listed among {by}'s limits broken."),
    "report.compare.limits_broken": ("{judged}的分配不满足{by}的限额：{breaches}{more}。",
                                     "{judged}'s allocation breaks {by}'s limits: {breaches}{more}."),
    "report.compare.limits_more": ("；另有{count}处（全部列于 compare.xlsx 的“限额核对”工作表）",
                                   "; {count} more (compare.xlsx's sheet Limits lists them all)"),
    "report.compare.limits_more@web": ("；另有{count}处（全部列在下面）", "; {count} more (all listed below)"),
    "report.compare.limits_more.html": ("；另有{count}处（全部列于下文“限额核对”）",
                                        "; {count} more (all listed under Limits below)"),
    "report.compare.set_in": ("{by}的情景：{setting}", "{by}'s scenario: {setting}"),
    "report.compare.set_in@web": ("{by}的分配方案：{setting}", "{by}'s scenario: {setting}"),
    "report.compare.key.budget": ("年度预算和预留", "the budget and reserve"),
    "report.compare.key.envelope_max": ("专项额度“{name}”上限", "the cap of the envelope {name}"),
    "report.compare.key.envelope_min": ("专项额度“{name}”下限", "the floor of the envelope {name}"),
    "report.compare.key.district_share": ("区县占比上限", "the cap per district"),
    "report.compare.key.applicant_cap": ("单户上限", "the cap per applicant"),
    "report.compare.key.applicant_period_cap": ("单户政策有效期内上限", "the cap per applicant over the policy's "
                                                "period"),
    "report.compare.key.group_cap": ("关联企业组上限", "the cap per group of linked enterprises"),
    "report.compare.key.rounding": ("取整单位", "the rounding unit"),
    "report.compare.key.min_ratio": ("最低资助比例", "the minimum funding ratio"),
    "report.compare.key.whole_award": ("定额奖励全额拨付或不予资助", "fixed awards paid in full or not at all"),
    "report.compare.key.year": ("申报年度", "the year"),
    "report.compare.budget_too": ("两个情景的预算也不同（B的预算比A{direction}{amount}）：这一折算包含预算本身的差额。",
                                  "The budgets differ too (B's is {amount} {direction} than A's): this figure "
                                  "includes that difference."),
    "report.compare.budget_too@web": ("两个分配方案的预算也不同（B的预算比A{direction}{amount}）："
                                      "这一折算包含预算本身的差额。",
                                      "The budgets differ too (B's is {amount} {direction} than A's): this figure "
                                      "includes that difference."),
    "report.compare.valued_in_budget_split": (
        "按{under}的条款权重衡量，{other}的资助名单的效果比{under}的{direction}，约相当于{under}的预算{change}{amount}"
        "（预算的{share}）所{outcome}的，其中预算之差（B的预算比A{gap_direction}{gap}）{budget}；{rest_name}{rest}"
        "（估计值，差额越大越不准；两部分由B的情景按A的预算重新分配得出）；差额为{diff}（加权评分×元）。",
        "Measured by {under}'s clause weights, {other}'s list achieves {direction} than {under}'s: about what "
        "{change} {under}'s budget by {amount} ({share} of it) would {outcome}, of which the budgets' difference (B's "
        "is {gap} {gap_direction} than A's) {budget}; and {rest_name} {rest} (estimates, rougher the larger the "
        "difference; the two parts from B's scenario allocated again at A's budget); the difference is {diff} "
        "(weighted score × yuan)."),
    "report.compare.valued_in_budget_split@web": (
        "按{under}的条款权重衡量，{other}的资助名单的效果比{under}的{direction}，约相当于{under}的预算{change}{amount}"
        "（预算的{share}）所{outcome}的，其中预算之差（B的预算比A{gap_direction}{gap}）{budget}；{rest_name}{rest}"
        "（估计值，差额越大越不准；两部分由B的分配方案按A的预算重新分配得出）；差额为{diff}（加权评分×元）。",
        "Measured by {under}'s clause weights, {other}'s list achieves {direction} than {under}'s: about what "
        "{change} {under}'s budget by {amount} ({share} of it) would {outcome}, of which the budgets' difference (B's "
        "is {gap} {gap_direction} than A's) {budget}; and {rest_name} {rest} (estimates, rougher the larger the "
        "difference; the two parts from B's scenario allocated again at A's budget); the difference is {diff} "
        "(weighted score × yuan)."),
    "report.compare.valued_split": (
        "按{under}的条款权重衡量，{other}的资助名单的效果比{under}{direction}{diff}（加权评分×元），其中预算之差"
        "（B的预算比A{gap_direction}{gap}）{budget}；{rest_name}{rest}（两部分由B的情景按A的预算重新分配得出）。",
        "Measured by {under}'s clause weights, {other}'s list achieves {diff} {direction} than {under}'s (weighted "
        "score × yuan), of which the budgets' difference (B's is {gap} {gap_direction} than A's) {budget} and "
        "{rest_name} {rest} (the two parts from B's scenario allocated again at A's budget)."),
    "report.compare.valued_split@web": (
        "按{under}的条款权重衡量，{other}的资助名单的效果比{under}{direction}{diff}（加权评分×元），其中预算之差"
        "（B的预算比A{gap_direction}{gap}）{budget}；{rest_name}{rest}（两部分由B的分配方案按A的预算重新分配得出）。",
        "Measured by {under}'s clause weights, {other}'s list achieves {diff} {direction} than {under}'s (weighted "
        "score × yuan), of which the budgets' difference (B's is {gap} {gap_direction} than A's) {budget} and "
        "{rest_name} {rest} (the two parts from B's scenario allocated again at A's budget)."),
    # the award ledgers two runs counted (an officer's review: a 2027 run counting the 2026 awards against one that
    # counted none showed only the budgets, and B's ledger deductions read as its rule breaks)
    "report.compare.ledger.row": ("资助台账", "Award ledger"),
    "report.compare.ledger.none": ("未计入", "not counted"),
    "report.compare.ledger.counted": ("{name}，计入{entries}条记录，末条记录的哈希 {head}…",
                                      "{name}, {entries} entries counted, the last one's hash {head}…"),
    "report.compare.ledger.one": ("{x}计入了资助台账的{n}条记录，{y}未计入",
                                  "{x} counted {n} entries of an award ledger, {y} none"),
    "report.compare.ledger.both": ("{x}计入了资助台账的{n}条记录，{y}计入了{m}条",
                                   "{x} counted {n} entries of an award ledger, {y} {m}"),
    "report.compare.ledger.same_count": ("{x}和{y}计入的资助台账不同（各{n}条记录，末条记录的哈希不同）",
                                         "{x} and {y} counted different award ledgers ({n} entries each, the last "
                                         "ones' hashes differ)"),
    "report.compare.rest.ledger_only": ("其余差异（即{ledger}）", "everything else (that is: {ledger})"),
    "report.compare.rest.ledger_among": ("其余差异（其中包括{ledger}）", "everything else (among it: {ledger})"),
    "report.compare.ledger_too": ("两次运行计入的资助台账也不同（{ledger}）：这一差额包含台账扣减的影响。",
                                  "The runs counted different award ledgers too ({ledger}): this difference includes "
                                  "what the ledger deducts."),
    "report.compare.limits_ledger": ("{ledger}：{judged}的{count}项申报（{subjects}）的核定额或状态因此与{by}的规则所得"
                                     "不同，不计为不符合{by}的规则。",
                                     "{ledger}: that alone gives {count} of {judged}'s applications ({subjects}) "
                                     "another entitlement or status than {by}'s rules do; they are not counted as "
                                     "breaking {by}'s rules."),
    "report.compare.limits_ledger_breaks": ("{judged}按{by}计入的台账超出的限额，也只是台账之差所致，不计为不符合{by}的"
                                            "规则：{breaches}。",
                                            "The limits {judged} goes over under the ledger {by} counted are that "
                                            "difference's doing alone, not counted as breaking {by}'s rules: "
                                            "{breaches}."),
    "report.compare.limits_ledger_breaks_alone": ("{ledger}：{judged}按{by}计入的台账超出的限额，也只是台账之差所致，"
                                                  "不计为不符合{by}的规则：{breaches}。",
                                                  "{ledger}: the limits {judged} goes over under the ledger {by} "
                                                  "counted are that difference's doing alone, not counted as breaking "
                                                  "{by}'s rules: {breaches}."),
    "report.compare.limits_ledger_paid": ("其中{count}项（{ids}）的同一内容按{by}计入的台账已获资助，{judged}仍分配了"
                                          "{amount}。",
                                          "{judged} still pays {amount} to {count} of them ({ids}), whose content "
                                          "the ledger {by} counted holds granted already."),
    # when nothing but the award ledgers differ (an officer's review: "这一差额包含台账扣减的影响" where it is all)
    "report.compare.ledger_all": ("两次运行只有计入的资助台账不同（{ledger}）：这一差额全部来自台账扣减。",
                                  "The runs differ in nothing but the award ledgers they counted ({ledger}): this "
                                  "whole difference is what the ledger deducts."),
    # what the run without the ledger pays to content the other's ledger holds granted, said in either view (an
    # officer's review: measured by A, nothing said that A pays a duplicate)
    "report.compare.ledger_paid_other": ("{judged}仍向{by}计入的台账中已获资助的同一内容分配了{amount}"
                                         "（{count}项：{ids}）。",
                                         "{judged} still pays {amount} to content the ledger {by} counted holds "
                                         "granted already ({count}: {ids})."),
    # what the award ledger does to one application, in the comparison's words (an officer's review: audit's
    # "填写为…应为…" lines and its README advice read as B's correct 重复申报 wrong, and A's line was wrong about A)
    "report.compare.effect.duplicate": ("{id}：资助台账记录同一内容已获资助{awards}，{counted}按就高、不重复不予资助；"
                                        "{rest}",
                                        "{id}: the award ledger records the same content granted already{awards}, so "
                                        "{counted} pays nothing (就高、不重复: the higher standard, once); {rest}"),
    "report.compare.effect.reduced": ("{id}：资助台账记录同一内容已获资助{awards}，{counted}按就高、不重复扣除后"
                                      "核定额为{entitled}（{other}为{other_entitled}）；{rest}",
                                      "{id}: the award ledger records the same content granted already{awards}, so "
                                      "{counted} deducts it under 就高、不重复 (the higher standard, once): entitled "
                                      "to {entitled} ({other}: {other_entitled}); {rest}"),
    "report.compare.effect.awards": ("（{awards}）", " ({awards})"),
    "report.compare.effect.award": ("{policy}{year}年度{amount}", "{amount} under {policy} in {year}"),
    "report.compare.effect.award_to": ("{policy}{year}年度{amount}，{id}", "{amount} under {policy} in {year}, {id}"),
    "report.compare.effect.none": ("{other}未计入台账", "{other} counted no ledger"),
    "report.compare.effect.not_held": ("{other}计入的台账未记录", "the ledger {other} counted does not hold it"),
    "report.compare.effect.paid": ("{rest}，{other}分配了{amount}。", "{rest}, and {other} pays {amount}."),
    "report.compare.effect.unpaid": ("{rest}，{other}为“{status}”。", "{rest}, and {other}'s status is {status}."),
    "report.compare.ids_more": ("{ids}等{count}项", "{ids} and more, {count} in all"),
    "report.compare.line_unkeyed": ("{what}——{source}", "{what} — {source}"),
    # asked to tell the budgets' difference apart, and nothing to tell apart (a planner's review: silently none)
    "report.compare.not_split": ("未按A的预算重新分配B的情景：{why}。",
                                 "B's scenario was not allocated again at A's budget: {why}."),
    # {why_web}: the reason as the app words it (jobs/compare.py _not_split)
    "report.compare.not_split@web": ("未按A的预算重新分配B的分配方案：{why_web}。",
                                     "B's scenario was not allocated again at A's budget: {why_web}."),
    "report.compare.unsplit.apart": ("两次运行不相互比较效果（没有相同的申报编号，或不是同一年度）",
                                     "the runs are not valued against each other (no application id in common, or "
                                     "two years)"),
    "report.compare.unsplit.unvalued": ("至少一次运行未记录评审得分或条款权重，无从比较效果",
                                        "a run did not record its scores or clause weights, so the lists are not "
                                        "valued"),
    "report.compare.unsplit.same_budget": ("两次运行的预算相同（{budget}），没有预算之差需要分开",
                                           "the two budgets are the same ({budget}), so there is no budgets' "
                                           "difference to tell apart"),
    "report.compare.unsplit.budget_only": ("两次运行只有预算不同，全部差异都是预算之差",
                                           "nothing but the budget differs, so the whole difference is the "
                                           "budgets'"),
    "report.compare.unsplit.unrecorded": ("至少一次运行未记录情景的设置，无从判断除预算外是否还有差异",
                                          "a run did not record its scenario, so whether anything but the budget "
                                          "differs is not known"),
    "report.compare.unsplit.unrecorded@web": ("至少一次运行未记录分配方案的设置，无从判断除预算外是否还有差异",
                                              "a run did not record its scenario, so whether anything but the budget "
                                              "differs is not known"),
    # {change}: "" — or, where the rest pulls the other way, which way this part goes (增加 / ", a gain")
    "report.compare.part.gap_more": ("：B以多出的{gap}所资助的申报，在{under}的资助线上折合{change}{amount}",
                                     "— what B funds with its {gap} more is worth {amount} of {under}'s budget at its "
                                     "funding line{change}"),
    "report.compare.part.gap_less": ("：B若有A的预算，以多出的{gap}所资助的申报，在{under}的资助线上折合"
                                     "{change}{amount}",
                                     "— what B would fund with A's {gap} more is worth {amount} of {under}'s budget at "
                                     "its funding line{change}"),
    "report.compare.part.at_b_line": ("{part}（在B的资助线上；在B按A的预算重新分配后的资助线上{own}）",
                                      "{part} (at B's funding line; at the line of B allocated again at A's budget it "
                                      "{own})"),
    "report.compare.limits_more.xlsx": ("；另有{count}处（全部列于“限额核对”工作表）",
                                        "; {count} more (all listed on the sheet Limits)"),
    "report.compare.part.priced": ("约相当于{change}{amount}", "comes to about {change} it by {amount}"),
    "report.compare.part.unpriced": ("使其效果{direction}{diff}", "makes it {diff} {direction}"),
    "report.compare.part.none": ("不改变效果", "changes nothing"),
    "report.compare.split_how": (
        "B的情景按A的预算（{budget}）重新分配，申报、政策和资助台账不变；其资助名单同样按{under}的条款权重计值："
        "它与A的名单之差即{rest_name}，B的名单与它之差即预算之差。",
        "B's scenario was allocated again at A's budget ({budget}) with the same applications, policy and award "
        "ledger, and its list valued with {under}'s clause weights too: its difference from A's list is {rest_name}, "
        "B's list's difference from it the budgets' difference."),
    "report.compare.split_how@web": (
        "B的分配方案按A的预算（{budget}）重新分配，申报、政策和资助台账不变；其资助名单同样按{under}的条款权重计值："
        "它与A的名单之差即{rest_name}，B的名单与它之差即预算之差。",
        "B's scenario was allocated again at A's budget ({budget}) with the same applications, policy and award "
        "ledger, and its list valued with {under}'s clause weights too: its difference from A's list is {rest_name}, "
        "B's list's difference from it the budgets' difference."),
    "report.compare.equal_budget_failed": (
        "未能按A的预算重新分配B的情景，预算之差与其他差异未分开计算：{why}。",
        "B's scenario could not be allocated again at A's budget, so the budgets' difference is not told apart from "
        "the rest: {why}."),
    "report.compare.equal_budget_failed@web": (
        "未能按A的预算重新分配B的分配方案，预算之差与其他差异未分开计算：{why_web}。",
        "B's scenario could not be allocated again at A's budget, so the budgets' difference is not told apart from "
        "the rest: {why_web}."),
    "report.compare.at_a_budget": ("{name}（按A的预算）", "{name} at A's budget"),
    "report.compare.limits_other": ("另有{count}处不符合{by}的其他规则（{rules}）。",
                                    "{count} more findings break {by}'s other rules ({rules})."),
    "report.compare.limits_other_alone": ("{judged}的分配有{count}处不符合{by}的规则（{rules}）。",
                                          "{judged}'s allocation breaks {by}'s rules in {count} places ({rules})."),
    "report.compare.rule.rounding": ("取整单位", "rounding"),
    "report.compare.rule.min_ratio": ("最低资助比例", "minimum funding ratio"),
    "report.compare.rule.whole_award": ("定额奖励须全额拨付", "whole fixed awards"),
    "report.compare.rule.other": ("其他", "other"),
    "report.compare.limits_unchecked": ("未能核对{judged}的分配是否满足{by}的各项限额：{why}。",
                                        "Whether {judged}'s allocation keeps {by}'s limits was not checked: {why}."),
    "report.compare.unchecked.no_scenario": ("{by}的运行未记录其情景的设置", "{by}'s run did not record its scenario"),
    "report.compare.unchecked.no_scenario@web": ("{by}的运行未记录其分配方案的设置",
                                                 "{by}'s run did not record its scenario"),
    "report.compare.unchecked.no_workbook": ("{judged}的申报不是从申报表读取的（{given}）",
                                             "{judged}'s applications were not read from a workbook ({given})"),
    "report.compare.unchecked.no_request": ("{judged}不是一次完整的分配（未记录其申报表）",
                                            "{judged} is not a whole allocation run (it records no workbook)"),
    "report.compare.unchecked.error": ("{error}", "{error}"),
    "report.compare.unchecked.error@web": ("{error_web}", "{error_web}"),  # the error's hint as the app words it
    "report.compare.unchecked.not_its_applications": ("所给的申报与{judged}所分配的不一致（{count}处：申报编号、单位、"
                                                      "条款或评审得分不同）",
                                                      "the applications given are not those {judged} allocated "
                                                      "({count} differences of id, applicant, clause or score)"),
    "report.compare.unchecked.missing": ("{run}的{role} {name} 不在其运行记录的位置，也不在其运行文件夹中",
                                         "{run}'s {role} {name} is neither where its run recorded it nor in the run's "
                                         "folder"),
    "report.compare.unchecked.changed": ("{run}的{role} {name} 在其运行后被改动过",
                                         "{run}'s {role} {name} was changed after its run"),
    "report.compare.unchecked.no_inputs": ("{run}的运行未记录其输入文件", "{run}'s run did not record its inputs"),
    "report.compare.breach.budget": ("合计分配{used}，可分配额最多{limit}",
                                     "{used} allocated, at most {limit} available"),
    # the total over the measuring run's smaller budget: by no more than the budgets' difference (listed in the files
    # only, marked), or by more (the rest the limit broken)
    "report.compare.breach.budget_within": ("{breach}（未超过两次运行的预算之差{gap}，不计为不满足限额）",
                                            "{breach} (within the budgets' difference of {gap}: not counted as a "
                                            "limit broken)"),
    "report.compare.breach.budget_beyond": ("合计分配{used}，可分配额最多{limit}，超出{over}，其中{gap}是两次运行的"
                                            "预算之差，其余{rest}{source}计为超限",
                                            "{used} allocated, at most {limit} available, {over} over: {gap} of it "
                                            "the budgets' difference; the other {rest}{source} is over the limit"),
    # the total over the measuring run's available where the budgets are equal, and the whole excess comes from its
    # larger reserve (an auditor's review: said neither how much nor whence, where the smaller budget's case said both)
    "report.compare.breach.budget_reserve": ("合计分配{used}，可分配额最多{limit}，超出{over}，来自{by}较多的预留"
                                             "（{reserve}，{judged}为{other}）",
                                             "{used} allocated, at most {limit} available, {over} over, which comes "
                                             "from {by}'s larger reserve ({reserve} against {judged}'s {other})"),
    # where the rest comes from, when it is the measuring run's larger reserve (a planner's review: `其余199.991万元`
    # named no source; an auditor's review: `the other 199.991万, from B's larger reserve (…), over the limit` read
    # broken)
    "report.compare.breach.rest_reserve": ("来自{by}较多的预留（{reserve}，{judged}为{other}），",
                                           ", which comes from {by}'s larger reserve ({reserve} against {judged}'s "
                                           "{other}),"),
    # after audit's line of the total over the measuring run's smaller budget, in audit's yuan: all of it the
    # budgets' difference, or part (an officer's and a planner's review: `超出19,999,910元` read as a breach)
    "report.compare.line.budget_within": ("（未超过两次运行的预算之差{gap}元，不计为超限）",
                                          " (within the budgets' difference of {gap}: not counted as over the limit)"),
    "report.compare.line.budget_beyond": ("（其中{gap}元为两次运行的预算之差，其余{rest}元计为超限）",
                                          " ({gap} of it the budgets' difference; the other {rest} is over the "
                                          "limit)"),
    "report.compare.breach.envelope_max": ("专项额度“{name}”合计{used}，最多{limit}",
                                           "the envelope {name} takes {used}, at most {limit}"),
    "report.compare.breach.envelope_min": ("专项额度“{name}”合计{used}，至少{limit}",
                                           "the envelope {name} takes {used}, at least {limit}"),
    "report.compare.breach.district_share": ("{name}合计{used}，区县最多{limit}",
                                             "{name} gets {used}, a district at most {limit}"),
    "report.compare.breach.applicant_cap": ("{name}合计{used}，单户最多{limit}",
                                            "{name} gets {used}, an applicant at most {limit}"),
    "report.compare.breach.applicant_period_cap": ("{name}合计{used}，政策有效期内最多还可获{limit}",
                                                   "{name} gets {used}, at most {limit} more over the policy's period"),
    "report.compare.breach.group_cap": ("关联企业组“{name}”合计{used}，最多{limit}",
                                        "the linked enterprises {name} get {used}, at most {limit}"),
    "report.compare.years_differ": (
        "A是{a}年度的分配，B是{b}年度的：两次运行的申报按申报编号对应，而两个年度的申报表中编号相同的未必是同一申报。",
        "A allocates {a} and B {b}: the runs' applications are matched by application id, and in two years' "
        "workbooks the same id need not be the same application."),
    "report.compare.wan_of": ("{name}（万元）", "{name} (万元)"),
    "report.compare.col.change": ("变化", "change"),
    "report.compare.col.check": ("核对", "check"),
    "report.compare.col.limit": ("限额", "limit"),
    "report.compare.col.used": ("合计（元）", "taken (yuan)"),
    "report.compare.col.allowed": ("限额（元）", "allowed (yuan)"),
    "report.compare.col.over": ("超出（元；负数为低于下限）", "over (yuan; negative: short of a floor)"),
    # beside it, where part of a total over the measuring run's smaller budget is the budgets' difference (not in 超出):
    # the part of the excess that is, named as such (an auditor's review: headed 预算之差, it held 19,999,910 beside a
    # sentence saying the difference is 2,000.00万元)
    "report.compare.col.budget_part": ("其中属预算之差的部分（元；不计为超出）",
                                       "of it, the budgets' difference (yuan; not counted as over)"),
    "report.compare.col.line": ("审核所见", "as audit finds it"),
    "report.compare.limits_whose": ("{judged}的分配对照{by}的限额", "{judged}'s awards under {by}'s limits"),
    "report.compare.col.application_id": ("申报编号", "application_id"),
    "report.compare.col.application": ("申报编号", "Application"),
    "report.compare.col.applicant": ("申报单位", "applicant"),
    "report.compare.col.clause": ("条款", "clause"),
    "report.compare.col.district": ("区县", "district"),
    "report.compare.col.a_allocated": ("A {a} 分配额（元）", "A {a} allocated (yuan)"),
    "report.compare.col.a_status": ("A 状态", "A status"),
    "report.compare.col.b_allocated": ("B {b} 分配额（元）", "B {b} allocated (yuan)"),
    "report.compare.col.b_status": ("B 状态", "B status"),
    "report.compare.col.difference": ("差额（元）", "difference (yuan)"),
    "report.compare.col.a_reason": ("A 原因", "A reason"),
    "report.compare.col.b_reason": ("B 原因", "B reason"),
    "web.compare.under": ("衡量依据：", "Measured by:"),
    "web.compare.equal": ("预算之差：", "The budgets' difference:"),
    "web.compare.equal_off": ("与其他差异一并折算", "said with the rest"),
    "web.compare.equal_on": ("与其他差异分开（按A的预算重新分配B的分配方案）",
                             "told apart from the rest (B's scenario allocated again at A's budget)"),
    "web.compare.under_a": ("A的条款权重和预算", "A's clause weights and budget"),
    "web.compare.under_b": ("B的条款权重和预算", "B's clause weights and budget"),
    "web.compare.how": ("计算方法", "How this is worked out"),
    "web.compare.no_valuation": ("至少一次运行未记录评审得分或条款权重，无法按同一组权重衡量两份资助名单。",
                                 "At least one run did not record its scores or clause weights: the two lists cannot "
                                 "be measured by one set of weights."),
}
