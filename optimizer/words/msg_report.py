"""What budgetopt says in its reports, by code: (Chinese, English) templates (see catalog.py).

report.* is the allocation's page and workbook, sweep.* the sweep's, model.* the exported model's legend (a
comparison's words are in msg_compare.py). Amounts arrive formatted (万元 with their unit); weighted scores as
`101` or `83.6`.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # report.html and allocation.xlsx
    "report.title": ("年度资金分配结果", "Allocation"),
    "report.solved": ("求解器：{solver}（已证明最优）", "Solver: {solver} (proven optimal)"),
    # the award ledger the run counted, beside the solver, as the run page says it but for the file's name (an
    # officer's review: the page said 未计入资助台账, the files nothing but where a warning named it): by its entries
    # and the last one's hash, which verify finds again in a copy of another name
    "report.ledger.counted": ("资助台账：计入{entries}条记录，末条哈希 {head}…",
                              "Award ledger: {entries} entries counted, last entry's hash {head}…"),
    "report.ledger.empty": ("资助台账：计入时尚无记录", "Award ledger: no entries when counted"),
    "report.ledger.none": ("资助台账：未计入", "Award ledger: none counted"),
    "report.objective": (
        "目标值 = Σ 权重×评审得分×分配额（元）= {objective}：资金投向加权评分（权重×评审得分）越高的申报，目标值越大。"
        "它只用于比较同一组权重下的分配方案，本身不是金额。",
        "Objective = Σ weight × score × award (yuan) = {objective}: the more of the money goes to applications with "
        "a high weighted score (weight × score), the higher it is. It compares allocations under the same weights; "
        "it is not an amount of money."),
    "report.card.count": ("{status}（项）", "{status} (applications)"),
    # report.html's card beside the money, and the parameters sheet's row: rounded down, 100.00% only when all is spent
    "report.allocated_share": ("已分配比例（分配额÷可分配额）", "Share allocated (allocated ÷ available)"),
    "report.allocated_share_round": ("已分配比例（分配额÷本批可分配额）",
                                     "Share allocated (allocated ÷ available in this round)"),
    "report.param.allocated": ("分配额", "Allocated"),
    "report.card.average_score": ("已分配资金的平均加权评分（按金额）", "Weighted score of the money, on average"),
    "report.legend.demand": ("核定额", "Entitlement"),
    "report.legend.allocated": ("分配额", "Allocated"),
    "report.heading.by_section": ("按篇章", "By section"),
    # the run's warnings (report.html under the headline, the 提示 sheet, the parameters): those to deal with before
    # the 公示 — about the whole run or a whole file, which the app's run page shows in plain sight — then the notes
    # at a row or a column of the workbook, which it folds
    "report.heading.warnings.action": ("警告（公示前须处理）",
                                       "Warnings: deal with these before the public notice (公示)"),
    "report.heading.warnings.notes": ("其他提示", "Other notes"),
    "report.sheet.warnings": ("提示", "Warnings"),
    "report.warnings.col.kind": ("类别", "Kind"),
    "report.warnings.col.text": ("内容", "Warning"),
    "report.heading.by_district": ("按区县", "By district"),
    "report.heading.by_clause": ("按条款", "By clause"),
    "report.heading.funding_line": ("资助线", "The funding line"),
    "report.heading.constraints": ("约束", "Constraints"),
    "report.heading.applications": ("申报明细", "Applications"),
    "report.funding_line_note": ("按加权评分（权重×评审得分）排序：最后获全额资助的、部分资助的、"
                                 "以及最先未获资助的申报。",
                                 "By weighted score (weight × score): the last funded in full, those partly funded, "
                                 "and the first not funded."),
    "report.marginal_note": (
        "边际价值：某一限额放宽1元时目标值的增量。预算的边际价值就是下一元资金所能资助的申报的加权评分（权重×评审得分）；"
        "上限的边际价值是放宽后资金可改投的申报高出的加权评分。未约束的限额边际价值为0。",
        "Marginal value: what the objective gains when a limit is relaxed by one yuan. The budget's marginal value is "
        "the weighted score (weight × score) of the application the next yuan would fund; a cap's is how much higher "
        "the weighted score is of what the money could fund instead. A limit that does not bind has none."),
    "report.console.objective": ("目标值（Σ 权重×评审得分×分配额）{objective}；已分配资金的平均加权评分 {average}",
                                 "objective (Σ weight × score × yuan) {objective}; the money's average weighted "
                                 "score {average}"),
    "report.marginal.budget": ("预算每增加1万元，可资助加权评分约{score}的申报",
                               "each extra 万元 of budget funds applications with a weighted score of about {score}"),
    "report.marginal.room": ("还剩{room}未用，不足以再多资助任何一项（定额奖励须整项给予，或受最低资助比例、取整所限）",
                             "{room} left unused: too little to fund any more (a fixed award is paid whole; minimum "
                             "ratios and rounding)"),
    "report.marginal.cap": ("此上限每放宽1万元，可资助加权评分约{score}的申报",
                            "each 万元 more under this cap funds applications with a weighted score of about {score}"),
    "report.marginal.cap_instead": ("此上限每放宽1万元，资金可改投加权评分高约{score}的申报",
                                    "each 万元 more under this cap moves money to applications whose weighted score "
                                    "is about {score} higher"),
    "report.marginal.floor": ("此下限每降低1万元，资金可改投加权评分高约{score}的申报",
                              "each 万元 less of this floor moves money to applications whose weighted score is "
                              "about {score} higher"),
    "report.caps_hidden": ("另有{count}个未约束的单户上限，见 allocation.xlsx",
                           "{count} applicant caps that did not bind are in allocation.xlsx"),
    "report.rows_hidden": ("另有{count}行，见 allocation.xlsx", "and {count} more rows in allocation.xlsx"),
    # how the money is spread (report.html, the 按区县 sheet, manifest.json, compare, sweep): report/distribution.py
    "report.distribution.heading": ("资金分布：是否集中于少数区县和企业",
                                    "How the money is spread: a few districts, a few firms?"),
    "report.distribution.measure.hhi_district": ("区县集中度（HHI）", "Concentration across districts (HHI)"),
    "report.distribution.measure.hhi_applicant": ("企业集中度（HHI，按统一社会信用代码）",
                                                  "Concentration across applicants (HHI, by credit code)"),
    "report.distribution.measure.gini_district": ("区县基尼系数", "Gini coefficient across districts"),
    "report.distribution.measure.theil_district": ("区县泰尔指数", "Theil index across districts"),
    "report.distribution.measure.theil_between_regions": ("泰尔指数中“一区两群”区域间的部分",
                                                          "Theil index: the part between the three regions (一区两群)"),
    "report.distribution.measure.top5_applicant_share": ("资金最多的5家企业所占比例",
                                                         "Share of the five applicants with the most money"),
    "report.distribution.counted": (
        "统计范围：符合条件的申报（全额资助、部分资助、未获资助），涉及{districts}个区县、{applicants}家企业"
        "（按统一社会信用代码），分配资金合计{allocated}。",
        "Counted: the eligible applications (funded in full, partly funded, not funded), in {districts} districts "
        "from {applicants} applicants (by credit code), {allocated} allocated in all."),
    "report.distribution.meaning": (
        "HHI 是各区县（或企业）所获资金占比的平方和：资金平均分给n个区县时为1/n，全部给一个区县时为1。基尼系数为0表示"
        "各区县所获资金完全相同，越接近1越集中。泰尔指数为0表示完全平均，全部给一个区县时为ln n；其中“区域间”部分来自"
        "三大区域（一区两群）之间区县平均所获资金的差异，其余来自各区域内部区县之间的差异。",
        "HHI is the sum of the squared shares of the money by district (or applicant): 1/n when the money is spread "
        "evenly over n districts, 1 when one district gets it all. A Gini coefficient of 0 means every district gets "
        "the same; the nearer 1, the more concentrated. A Theil index of 0 means an even spread, ln n when one "
        "district gets it all; its part between regions comes from the differences between the three regions "
        "(一区两群) in money per district, the rest from differences between districts within each region."),
    "report.distribution.nothing": ("未分配任何资金，资金分布无从计算。",
                                    "Nothing is allocated, so there is no spread to measure."),
    "report.distribution.source": ("区域划分依据：{source}", "The regions as grouped by: {source}"),
    "report.distribution.heading.regions": ("按区域（一区两群）", "By region (一区两群)"),
    "report.distribution.heading.districts": ("各区县符合条件需求的满足率", "Each district's eligible demand met"),
    "report.distribution.legend.met": ("需求满足率", "Demand met"),
    "report.distribution.col.measure": ("指标", "Measure"),
    "report.distribution.col.value": ("数值", "Value"),
    "report.distribution.col.region": ("所属区域（一区两群）", "Region (一区两群)"),
    "report.distribution.col.region_name": ("区域（一区两群）", "Region (一区两群)"),
    "report.distribution.col.district": ("区县", "District"),
    "report.distribution.col.districts": ("区县数", "Districts"),
    "report.distribution.col.applications": ("符合条件的申报数", "Eligible applications"),
    "report.distribution.col.demand": ("符合条件需求（万元）", "Eligible demand (万元)"),
    "report.distribution.col.allocated": ("分配额（万元）", "Allocated (万元)"),
    "report.distribution.col.share": ("占全部分配资金的比例", "Share of the money"),
    "report.distribution.col.met": ("需求满足率（分配额÷符合条件需求）", "Eligible demand met (allocated ÷ demand)"),
    "report.distribution.share_of": ("{name}：占全部分配资金的比例", "{name}: share of the money"),
    "report.distribution.met_of": ("{name}：需求满足率", "{name}: eligible demand met"),
    "report.distribution.points": ("{value}个百分点", "{value} points"),
    "report.distribution.sheet": ("资金分布", "Spread"),
    "report.distribution.console": ("资金分布：区县HHI {hhi}，基尼系数 {gini}，泰尔指数 {theil}（区域间 {between}）；"
                                    "企业HHI {hhi_applicant}，前5家企业占 {top5}",
                                    "spread: districts' HHI {hhi}, Gini {gini}, Theil {theil} ({between} between "
                                    "regions); applicants' HHI {hhi_applicant}, the top five get {top5}"),
    "report.distribution.sweep.heading": ("各预算水平的资金分布", "How the money is spread at each level"),
    "report.distribution.short.hhi_district": ("区县HHI", "HHI, districts"),
    "report.distribution.short.hhi_applicant": ("企业HHI", "HHI, applicants"),
    "report.distribution.short.gini_district": ("区县基尼系数", "Gini, districts"),
    "report.distribution.short.theil_district": ("区县泰尔指数", "Theil, districts"),
    "report.distribution.short.theil_between_regions": ("其中区域间", "Theil, between regions"),
    "report.distribution.short.top5_applicant_share": ("前5家企业占比", "Top five applicants"),
    "report.distribution.short.share_of": ("{name}占比", "{name}: share"),
    "report.distribution.sweep.wan_of": ("{name}（万元）", "{name} (万元)"),
    # a scenario, key by key (the parameters sheet; compare's table of differences): in English as a row's label
    # (the console lowers the first letter, as its other labels); the files call it 分配方案, as the app does
    "report.scenario.name": ("分配方案", "Scenario"),
    "report.scenario.year": ("申报年度", "Year"),
    "report.scenario.budget": ("年度预算", "Budget"),
    "report.scenario.reserve": ("预留", "Reserve"),
    "report.scenario.available": ("可分配额（预算减预留）", "Available (budget less reserve)"),
    "report.scenario.earlier_rounds": ("本年度此前各批已资助（资助台账）",
                                       "Granted in the year's earlier rounds (the ledger)"),
    "report.scenario.available_after": ("本批可分配额（预算减预留及此前各批资助）",
                                        "Available in this round (budget less reserve and the earlier rounds)"),
    "report.scenario.fixed_awards": ("定额奖励", "Fixed awards"),
    "report.scenario.fixed_whole": ("全额拨付或不予资助", "paid in full or not at all"),
    "report.scenario.fixed_prorate": ("可部分拨付", "may be paid in part"),
    "report.scenario.min_funding_ratio": ("最低资助比例", "Minimum funding ratio"),
    "report.scenario.rounding": ("取整单位", "Partial awards rounded to"),
    "report.scenario.weight": ("第{clause}条权重", "Weight of clause {clause}"),
    "report.scenario.envelope_clauses": ("专项额度“{name}”的条款", "Envelope “{name}”: clauses"),
    "report.scenario.clauses": ("第{clauses}条", "clauses {clauses}"),
    "report.scenario.envelope_max": ("专项额度“{name}”上限", "Envelope “{name}”: cap"),
    "report.scenario.envelope_max_share": ("专项额度“{name}”上限（占可分配额比例）",
                                           "Envelope “{name}”: cap (share of available)"),
    "report.scenario.envelope_min": ("专项额度“{name}”下限", "Envelope “{name}”: floor"),
    "report.scenario.district_max_share": ("区县占比上限（占可分配额比例）", "Cap per district (share of available)"),
    "report.scenario.applicant_max_total": ("单户上限", "Cap per applicant"),
    "report.scenario.applicant_max_period_total": ("单户政策有效期内上限",
                                                   "Cap per applicant over the policy's period"),
    "report.scenario.group_max_total": ("关联企业组上限", "Cap per group of linked enterprises"),
    "report.scenario.not_set": ("未设置", "not set"),
    # the parameters sheet of allocation.xlsx
    "report.sheet.allocation": ("分配结果", "Allocation"),
    "report.sheet.clause": ("按条款", "By clause"),
    "report.sheet.section": ("按篇章", "By section"),
    "report.sheet.district": ("按区县", "By district"),
    "report.sheet.constraints": ("约束", "Constraints"),
    # its last column: each limit's code, as model.lp names its row (`budget`, `district_share:两江新区`), after the
    # name in words people read (an officer's review: the codes opened a Chinese sheet)
    "report.constraints.col.code": ("约束代码", "Constraint code"),
    "report.sheet.parameters": ("运行参数", "Parameters"),
    "report.param.solver": ("求解器", "Solver"),  # with its version, as manifest.json records it: HiGHS 1.16.0
    "report.param.objective": ("目标值（Σ 权重×评审得分×分配额（元））",
                               "Objective (Σ weight × score × award in yuan)"),
    "report.param.tool": ("工具版本", "Tool version"),
    "report.param.digest": ("{role}的 SHA-256", "SHA-256 of the {role}"),
    "report.param.role.workbook": ("申报表", "workbook"),
    "report.param.role.policy": ("政策模型", "policy model"),
    "report.param.role.divisions": ("区县名录", "divisions list"),
    "report.param.role.scenario": ("分配方案文件", "scenario file"),
    "report.param.role.scenario_settings": ("分配方案设置（在 Python 中给出）", "scenario settings (given in Python)"),
    # the award ledger is no file's SHA-256 (the file changes as it grows): the hash of the last entry the run counted,
    # which fixes every entry before it (`budgetopt ledger check` and the ledger page show it)
    "report.param.ledger": ("资助台账前{entries}条记录的末条哈希",
                            "Award ledger: the hash of the last of its first {entries} entries"),
    "report.param.ledger_empty": ("资助台账（计入时尚无记录）", "Award ledger (no entries when counted)"),
    # an empty ledger's head is the chain's start, 64 zeros: said so, the zeros kept to be found beside the manifest's
    # (a review: they read as a value); a run that counted none has the row too (an officer's review: no row read as
    # one forgotten)
    "report.param.ledger_empty_value": ("空台账：哈希链的起点 {head}", "empty: the hash chain's start, {head}"),
    "report.param.ledger_none": ("资助台账", "Award ledger"),
    "report.param.ledger_none_value": ("未计入", "not counted"),
    # `budgetopt ledger show`
    "ledger.col.seq": ("序号", "no."),
    "ledger.col.policy": ("政策", "policy"),
    "ledger.col.year": ("年度", "year"),
    "ledger.col.credit_code": ("统一社会信用代码", "credit code"),
    "ledger.col.applicant": ("申报单位", "applicant"),
    "ledger.col.content_key": ("事项标识", "content"),
    "ledger.col.application_id": ("申报编号", "application"),
    "ledger.col.amount": ("金额（元）", "amount (yuan)"),
    "ledger.col.note": ("说明", "note"),
    "ledger.note.correction": ("核减第{seq}条（{on}）：{basis}", "corrects entry {seq} ({on}): {basis}"),
    "ledger.note.stands": ("核减后为{amount}", "now {amount} after corrections"),
    "ledger.note.yuan": ("{amount}元", "{amount} yuan"),
    "ledger.note.revoked": ("已撤销", "revoked"),
    "ledger.touched": ("资助台账中已有资助记录（同一统一社会信用代码和事项标识）的申报：{count}项",
                       "applications the ledger has awards for (same credit code and content): {count}"),
    "ledger.counted": ("已计入资助台账 {path}（{entries}条记录）：{reduced}项申报因台账记录的同一内容资助"
                       "被扣减或不予资助（就高、不重复）{rounds}",
                       "counted the award ledger {path} ({entries} entries): {reduced} applications reduced or "
                       "refused for the awards it records of their content (就高、不重复){rounds}"),
    "ledger.counted_rounds": ("；本年度此前各批资助{earlier}元计入年度预算及各项限额",
                              "; {earlier} yuan of the year's earlier rounds counted towards its budget and limits"),
    "ledger.shown": ("共{count}条记录，合计{total}元", "{count} entries, {total} yuan in all"),
    # `budgetopt ledger summary`: the summary workbook
    "summary.sheet.years": ("按年度", "By year"),
    "summary.sheet.batches": ("按批次", "By batch"),
    "summary.sheet.clauses": ("按条款", "By clause"),
    "summary.sheet.districts": ("按区县", "By district"),
    "summary.sheet.applicants": ("按企业", "By applicant"),
    "summary.sheet.awards": ("资助明细", "Awards"),
    "summary.title.years": ("{policy}资助情况汇总表（{scope}）", "Awards under {policy}: summary ({scope})"),
    "summary.title.batches": ("{policy}资助情况按批次汇总表（{scope}）", "Awards under {policy} by batch ({scope})"),
    "summary.title.clauses": ("{policy}资助情况按条款汇总表（{scope}）", "Awards under {policy} by clause ({scope})"),
    "summary.title.districts": ("{policy}资助情况按区县汇总表（{scope}）",
                                "Awards under {policy} by district ({scope})"),
    "summary.title.applicants": ("{policy}资助情况按企业汇总表（{scope}）",
                                 "Awards under {policy} by applicant ({scope})"),
    "summary.title.awards": ("{policy}资助明细表（{scope}）", "Awards under {policy}, one by one ({scope})"),
    "summary.policy": ("{title}（{number}）", "{title} ({number})"),
    "summary.scope": ("{years}，{district}", "{years}, {district}"),
    "summary.unit": ("金额单位：万元", "Amounts in 10,000 yuan"),
    "summary.meaning": ("说明：原资助为公示（或导入）时的资助，已撤销的在内；核减金额含撤销；现资助为核减、撤销后"
                        "仍有金额的资助，现资助金额＝原资助金额－核减金额；企业数按统一社会信用代码计现资助的企业，"
                        "小计、合计行中每家企业只计一次，不一定等于各行之和。",
                        "First granted: the awards as published (or imported), those revoked among them; corrected: "
                        "what corrections took off, revocations included; standing: the awards with an amount left "
                        "after their corrections, standing = first granted − corrected; applicants: credit codes of "
                        "the standing awards, each counted once in a subtotal or total row, which may therefore be "
                        "less than the sum of the rows above it."),
    "summary.meaning_awards": ("说明：原资助金额为公示（或导入）时的金额；现资助金额为核减、撤销后的金额；"
                               "说明栏列出每次核减的记录、日期、金额和依据。",
                               "First granted: the amount as published (or imported); standing: the amount after "
                               "corrections and revocations; the note gives each correction's entry, date, amount and "
                               "basis."),
    "summary.basis": ("依据：资助台账 {ledger} 的前{entries}条记录（末条记录的哈希 {head}）。台账以后增加记录时，"
                      "仍可由这{entries}条记录重新生成本表（budgetopt ledger summary … --upto {entries}）。",
                      "Made from the first {entries} entries of the award ledger {ledger} (the last entry's hash "
                      "{head}). When the ledger has grown, this table is made again from those entries with "
                      "budgetopt ledger summary … --upto {entries}."),
    "summary.sign": ("编制单位：　　　　　　　　制表人：　　　　　　审核人：　　　　　　日期：　　　　年　　月　　日",
                     "Unit:                    Prepared by:                Checked by:                Date:"),
    "summary.year": ("{year}年度", "{year}"),
    "summary.in_year": ("{year}年度", " in {year}"),
    "summary.years": ("{first}—{last}年度", "{first}–{last}"),
    "summary.total": ("合计", "Total"),
    "summary.year_total": ("{year}年度合计", "Total {year}"),
    "summary.region_total": ("{year}年度{region}小计", "Subtotal {year}, {region}"),
    "summary.others_total": ("{year}年度其他区县小计", "Subtotal {year}, other districts"),
    "summary.col.year": ("年度", "Year"),
    "summary.col.granted": ("原资助项数", "Awards granted"),
    "summary.col.first": ("原资助金额", "First granted"),
    "summary.col.revoked": ("撤销项数", "Revoked"),
    "summary.col.corrected": ("核减金额（含撤销）", "Corrected (revocations included)"),
    "summary.col.awards": ("现资助项数", "Awards standing"),
    "summary.col.stands": ("现资助金额", "Standing"),
    "summary.col.applicants": ("企业数", "Applicants"),
    "summary.col.batch": ("批次", "Batch"),
    "summary.batch": ("第{number}批", "batch {number}"),
    "summary.batch_imported": ("导入（本系统外公示）", "imported (published outside budgetopt)"),
    "summary.col.section": ("篇章", "Section"),
    "summary.col.clause": ("政策条款", "Clause"),
    "summary.col.clause_title": ("条款内容", "Clause title"),
    "summary.col.region": ("区域（一区两群）", "Region (一区两群)"),
    "summary.col.district": ("所属区县", "District"),
    "summary.col.no": ("序号", "No."),
    "summary.col.applicant": ("申报单位", "Applicant"),
    "summary.col.credit_code": ("统一社会信用代码", "Unified social credit code"),
    "summary.col.project": ("项目名称", "Project"),
    "summary.col.application_id": ("申报编号", "Application"),
    "summary.col.note": ("说明", "Note"),
    "summary.col.years": ("年度", "Years"),
    "summary.col.seq": ("台账记录号", "Ledger entry"),
    "summary.col.before": ("更正前金额", "Before"),
    "summary.col.after": ("更正后金额", "After"),
    "summary.col.taken": ("核减金额", "Taken off"),
    "summary.col.entry": ("更正记录号", "Entry"),
    "summary.col.corrects": ("原记录号", "Corrects entry"),
    "summary.col.kind": ("更正事项", "Correction"),
    "summary.col.basis": ("更正依据", "Basis"),
    "summary.col.on": ("决定日期", "Decided on"),
    "summary.note.correction": ("第{seq}条记录（{on}）核减{amount}：{basis}",
                                "entry {seq} ({on}) took off {amount}: {basis}"),
    "summary.note.sep": ("；", "; "),
    "summary.list_sep": ("、", ", "),
    "summary.text.granted": ("原资助项数", "granted"),
    "summary.text.first": ("原资助金额（元）", "first granted (yuan)"),
    "summary.text.revoked": ("撤销项数", "revoked"),
    "summary.text.corrected": ("核减金额（元）", "corrected (yuan)"),
    "summary.text.awards": ("现资助项数", "standing"),
    "summary.text.stands": ("现资助金额（元）", "standing (yuan)"),
    "summary.text.applicants": ("企业数", "applicants"),
    "summary.no_policy": ("资助台账中没有{policy}的资助（{held}）", "the ledger holds no awards of {policy} ({held})"),
    "summary.held_policies": ("台账记录的是：{policies}", "it holds awards of {policies}"),
    "summary.held_nothing": ("台账中尚无任何资助", "it holds none yet"),
    "summary.no_year": ("资助台账中没有{policy}{year}年度的资助（有：{held}）",
                        "the ledger holds no awards of {policy} in {year} (it holds those of {held})"),
    "summary.no_district": ("资助台账中没有{policy}{scope}{district}的资助（有：{held}）",
                            "the ledger holds no awards of {policy}{scope} in {district} (it holds those of {held})"),
    "summary.too_few": ("资助台账只有{count}条记录，少于所要的{upto}条",
                        "the ledger holds {count} entries, fewer than the {upto} asked for"),
    "summary.bad_year": ("年度应为整数，如 2026，而不是 {shown}",
                         "the year should be a whole number such as 2026, not {shown}"),
    "summary.bad_upto": ("记录条数应为0或以上的整数，而不是 {shown}",
                         "the number of entries should be a whole number, 0 or more, not {shown}"),
    "summary.bad_after": ("记录号应为0或以上的整数，而不是 {shown}",
                          "the entry number should be a whole number, 0 or more, not {shown}"),
    "summary.after_upto": ("第{after}条记录以后不在所依据的前{upto}条记录之内：记录号应小于{upto}",
                           "nothing after entry {after} is among the first {upto} entries: the entry should be less "
                           "than {upto}"),
    "summary.bad_policy": ("政策应为其文号或名称，如 渝经信规范〔2026〕2号，而不是 {shown}",
                           "the policy should be its number or name, such as 渝经信规范〔2026〕2号, not {shown}"),
    "summary.bad_district": ("区县应为其名称，如 两江新区，而不是 {shown}",
                             "the district should be its name, such as 两江新区, not {shown}"),
    "summary.not_xlsx": ("汇总表必须是 .xlsx 文件", "the summary must be an .xlsx file"),
    "summary.changed_after": ("警告：本表依据的前{upto}条记录完好，但其后台账在 budgetopt 之外被改动过"
                              "（不影响本表，请核查）：{finding}",
                              "warning: the first {upto} entries this table is made from hold, but the ledger was "
                              "changed outside budgetopt after them (this table is unaffected; look into it): "
                              "{finding}"),
    # `budgetopt ledger corrections`: the correction notice (更正公告)
    "corrections.sheet": ("更正公告", "Corrections"),
    "corrections.title": ("{policy}{years}支持项目更正公告", "{policy}: corrections to the awards of {years}"),
    "corrections.lowered": ("核减", "lowered"),
    "corrections.revoked": ("撤销", "revoked"),
    "corrections.raised": ("调增", "raised"),
    "corrections.restored": ("恢复", "restored"),
    "corrections.lead": ("　　经核查，现将{policy}{years}支持项目的下列更正事项予以公告：",
                         "After review, the following corrections to the awards of {years} under {policy} are "
                         "announced:"),
    "corrections.meaning": ("说明：每行为一次更正。更正前金额为该项资助在此次更正前的金额（公示金额，或此前更正后的"
                            "金额）；核减金额＝更正前金额－更正后金额；更正后金额为0的，撤销该项资助。",
                            "Each line is one correction. Before: the award's amount before it (as published, or as "
                            "an earlier correction left it); taken off = before − after; an award corrected to 0 is "
                            "revoked."),
    "corrections.meaning_raised": ("更正后金额高于更正前金额的，为调增（调增至原资助金额的，为恢复），核减金额为负数；"
                                   "合计为各次更正核减与调增相抵后的金额。",
                                   "An award raised again (to put right an earlier correction) has a negative amount "
                                   "taken off: raised, or restored where it is back at what it was first granted at; "
                                   "the total is what the corrections took off, less what they added back."),
    "corrections.objection": ("　　对以上更正有异议的，请于公告之日起{period}内以书面形式向{issuers}反映。",
                              "Objections to these corrections should be made in writing to {issuers} within {period} "
                              "of this notice."),
    "corrections.closing": ("　　特此公告。", "Hereby announced."),
    "corrections.issuer_blank": ("发布单位：", "Issued by:"),
    "corrections.checks_file": ("核对信息", "checks"),
    "corrections.wrote": ("已写出更正公告 {notice}，及其核对信息（不公开）{checks}",
                          "wrote the correction notice {notice} and its checks (not for publication) {checks}"),
    "corrections.next": ("本公告依据资助台账的前{entries}条记录；下一批更正公告用 --after {entries}",
                         "made from the first {entries} entries of the ledger; for the next notice: --after {entries}"),
    "corrections.checks_sheet": ("核对信息", "Checks"),
    "corrections.checks_title": ("{policy}{years}支持项目更正公告核对信息（不公开）",
                                 "{policy}: corrections to the awards of {years} — checks (not for publication)"),
    "corrections.checks_meaning": ("说明：本表供编制和审核更正公告使用，不公开。序号与公告中的序号一一对应；"
                                   "更正记录号为记录这次更正的台账记录，原记录号为被更正的资助的台账记录。",
                                   "For preparing and checking the notice; not for publication. Each line is the "
                                   "notice's line of the same number; entry: the ledger entry recording the "
                                   "correction; corrects: the entry of the award it corrects."),
    "corrections.basis": ("依据：资助台账 {ledger} 的前{entries}条记录（末条记录的哈希 {head}）{which}。台账以后"
                          "增加记录时，仍可由这些记录重新生成本公告：budgetopt ledger corrections {ledger} 文件名.xlsx "
                          "{options}。",
                          "Made from the first {entries} entries of the award ledger {ledger} (the last entry's hash "
                          "{head}){which}. When the ledger has grown, this notice is made again from those entries "
                          "with budgetopt ledger corrections {ledger} FILE.xlsx {options}."),
    "corrections.after": ("中第{after}条记录以后的更正", ", the corrections after entry {after}"),
    "corrections.changed_after": ("警告：本公告依据的前{upto}条记录完好，但其后台账在 budgetopt 之外被改动过"
                                  "（不影响本公告，请核查）：{finding}",
                                  "warning: the first {upto} entries this notice is made from hold, but the ledger "
                                  "was changed outside budgetopt after them (this notice is unaffected; look into "
                                  "it): {finding}"),
    "corrections.text.no": ("序号", "no."),
    "corrections.text.entry": ("更正记录号", "entry"),
    "corrections.text.applicant": ("申报单位", "applicant"),
    "corrections.text.before": ("更正前（元）", "before (yuan)"),
    "corrections.text.after": ("更正后（元）", "after (yuan)"),
    "corrections.text.taken": ("核减（元）", "taken off (yuan)"),
    "corrections.text.kind": ("更正", "correction"),
    "corrections.text.basis": ("依据", "basis"),
    "corrections.none": ("资助台账中没有{policy}{scope}的资助更正（{held}）",
                         "the ledger holds no corrections of the awards of {policy}{scope} ({held})"),
    "corrections.in_year": ("{year}年度", " in {year}"),
    "corrections.since": ("第{after}条记录以后", " recorded after entry {after}"),
    "corrections.held": ("该政策的更正：{years}，最后一条为第{last}条记录",
                         "its corrections: {years}; the last is entry {last}"),
    "corrections.held_year": ("{year}年度{count}条", "{count} of {year}"),
    "corrections.held_none": ("该政策的资助尚无更正", "none of its awards has been corrected yet"),
    "corrections.bad_days": ("异议期应为1至{most}个工作日，而不是 {shown}",
                             "the objection period should be 1 to {most} working days, not {shown}"),
    "corrections.not_xlsx": ("更正公告必须是 .xlsx 文件", "the correction notice must be an .xlsx file"),
    # the legend of model.lp: what each variable and each limit is
    "model.objective": ("目标：最大化 Σ 权重×评审得分×分配额（元）；以下是各名称的含义：",
                        "maximise Σ weight × score × award (yuan); what each name stands for:"),
    "model.whole": ("{app}全额获得定额奖励{amount}元时为1，否则为0（加权评分{value}）",
                    "1 if {app} is paid its whole award of {amount} yuan, else 0 (weighted score {value})"),
    "model.semi": ("拨付给{app}的金额（元）：0，或{floor}至核定额{amount}之间（加权评分{value}）",
                   "yuan paid to {app}: 0, or from {floor} up to its entitlement of {amount} (weighted score {value})"),
    "model.semi_paid": ("{app}获得资助时为1（此时至少{floor}元、至多{amount}元），否则为0",
                        "1 if {app} is paid at all (then at least {floor} of its {amount} yuan), else 0"),
    "model.continuous": ("拨付给{app}的金额（元），0至核定额{amount}元（加权评分{value}）",
                         "yuan paid to {app}, from 0 up to its entitlement of {amount} (weighted score {value})"),
    "model.row_max": ("：合计不超过{bound}元", ": the total is at most {bound} yuan"),
    "model.row_min": ("：合计不少于{bound}元", ": the total is at least {bound} yuan"),
    # sweep.html, sweep.xlsx and the sweep's summary: what each next step of budget buys
    "report.sweep.title": ("预算水平分析", "Budget sweep"),
    "report.sweep.earlier_rounds": ("资助台账已记本政策{year}年度此前各批资助{earlier}元，计入每一预算水平的年度限额："
                                    "各水平可分配的是预算减预留、再减这些资助后的余额",
                                    "the ledger records {earlier} yuan granted under this policy in {year}'s earlier "
                                    "rounds, which count towards the year's limits at every level: each level can "
                                    "allocate its budget less the reserve and those awards"),
    "report.sweep.intro": (
        "加权评分 = 条款权重 × 评审得分，是分配所追求的价值（目标值 = Σ 权重×评审得分×分配额（元））。"
        "下面说明每一段新增预算资助了哪些申报，以及这笔钱所资助申报的加权评分（按金额平均）：数值越高，这笔钱越值得。",
        "Weighted score = the clause's weight × the review score: what the allocation seeks (objective = Σ weight × "
        "score × award in yuan). Below, for each next step of budget: which applications it funds, and the weighted "
        "score of what the money buys, averaged by amount — the higher, the more the money is worth."),
    "report.sweep.heading.bought": ("每一段新增预算买到什么", "What each next step of budget buys"),
    "report.sweep.heading.sections": ("各篇章资金与预算", "Spend by section against budget"),
    "report.sweep.heading.levels": ("各预算水平", "Levels"),
    "report.sweep.heading.funding_line": ("资助线：进入与退出的申报", "The funding line: who enters and who leaves"),
    "report.sweep.card.levels": ("预算水平（个）", "levels"),
    "report.sweep.card.range": ("预算范围", "budgets"),
    "report.sweep.range": ("{low} 至 {high}", "{low} to {high}"),
    "report.sweep.card.knee": ("{at}之后，新增资金的价值明显下降", "after {at}, the next money buys markedly less"),
    "report.sweep.knee": ("加权评分由约{before}降至约{after}", "weighted score from about {before} to {after}"),
    "report.sweep.card.no_knee": ("各段新增资金所资助申报的加权评分", "weighted score each step buys"),
    "report.sweep.spread": ("约{low}至{high}，没有明显拐点", "about {low} to {high}, no marked bend"),
    "report.sweep.axis.budget": ("预算", "budget"),
    "report.sweep.axis.score": ("新增资金所资助申报的加权评分（按金额平均）",
                                "weighted score the next money buys (average by amount)"),
    "report.sweep.step": ("再增加{step}（{low}→{high}）：{buys}（多分配{added}，按金额平均加权评分约{score}）",
                          "the next {step} ({low} → {high}) {buys} ({added} more allocated, average weighted score "
                          "about {score})"),
    "report.sweep.step_nothing": ("再增加{step}（{low}→{high}）：没有更多资金能分配出去（符合条件的申报都已获资助，"
                                  "或受其他限额所限）",
                                  "the next {step} ({low} → {high}) funds nothing more (every eligible application "
                                  "is funded, or other limits hold)"),
    "report.sweep.step_infeasible": ("{low}→{high}：其中有预算水平不可行，无法比较",
                                     "{low} → {high}: a level is infeasible; nothing to compare"),
    "report.sweep.enters": ("新资助这{count}项申报：{names}", "funds these {count} applications: {names}"),
    "report.sweep.enters_one": ("新资助1项申报：{names}", "funds one more application: {names}"),
    "report.sweep.and_more": ("及另外{count}项", ", and {count} more"),
    "report.sweep.grows": ("增加{count}项申报的资助额", "raises {count} awards"),
    "report.sweep.grows_one": ("增加1项申报的资助额", "raises one award"),
    "report.sweep.leaves": ("{count}项申报不再获资助", "{count} applications are no longer funded"),
    "report.sweep.leaves_one": ("1项申报不再获资助", "one application is no longer funded"),
    "report.sweep.shrinks": ("减少{count}项申报的资助额", "lowers {count} awards"),
    "report.sweep.shrinks_one": ("减少1项申报的资助额", "lowers one award"),
    "report.sweep.no_change": ("资助名单不变", "changes no award"),
    "report.sweep.more_changes": ("另有{count}项见 sweep.xlsx", "and {count} more in sweep.xlsx"),
    "report.sweep.no_changes": ("各预算水平之间无变化", "no changes between levels"),
    "report.sweep.sheet.levels": ("预算水平", "Levels"),
    "report.sweep.sheet.steps": ("每段新增预算", "Steps"),
    "report.sweep.sheet.funding_line": ("资助线变化", "Funding line"),
    "report.sweep.chart.score_series": ("加权评分", "weighted score"),
    "report.sweep.chart.score_title": ("每段新增资金所资助申报的加权评分", "Weighted score each step of budget buys"),
    "report.sweep.chart.sections_title": ("各篇章资金与预算（万元）", "Spend by section against budget (万元)"),
    "report.sweep.col.budget": ("预算（万元）", "budget (万元)"),
    "report.sweep.col.available": ("可分配（万元）", "available (万元)"),
    "report.sweep.col.allocated": ("已分配（万元）", "allocated (万元)"),
    "report.sweep.col.unspent": ("未分配（万元）", "unspent (万元)"),
    "report.sweep.col.next_score": ("下一万元所资助申报的加权评分", "weighted score the next 万元 funds"),
    "report.sweep.col.objective": ("目标值（Σ 权重×评审得分×分配额（元），不是金额）",
                                   "objective (Σ weight × score × yuan; not money)"),
    "report.sweep.col.note": ("说明", "note"),
    "report.sweep.col.wan_of": ("{name}（万元）", "{name} (万元)"),
    "report.sweep.col.from": ("从", "from"),
    "report.sweep.col.to": ("到", "to"),
    "report.sweep.col.from_wan": ("从预算（万元）", "from budget (万元)"),
    "report.sweep.col.to_wan": ("到预算（万元）", "to budget (万元)"),
    "report.sweep.col.added": ("多分配（万元）", "more allocated (万元)"),
    "report.sweep.col.score": ("所资助申报的加权评分（按金额平均）", "weighted score bought (average by amount)"),
    "report.sweep.col.enters": ("新资助（项）", "enter"),
    "report.sweep.col.grows": ("增加资助（项）", "grow"),
    "report.sweep.col.leaves": ("不再资助（项）", "leave"),
    "report.sweep.col.shrinks": ("减少资助（项）", "shrink"),
    "report.sweep.col.buys": ("这一段预算买到什么", "what it buys"),
    "report.sweep.col.change": ("变化", "change"),
    "report.sweep.col.application_id": ("申报编号", "application_id"),
    "report.sweep.col.applicant": ("申报单位", "applicant"),
    "report.sweep.col.clause": ("政策条款", "clause"),
    "report.sweep.col.district": ("所属区县", "district"),
    "report.sweep.col.weighted_score": ("加权评分", "weighted score"),
    "report.sweep.col.before": ("之前（万元）", "before (万元)"),
    "report.sweep.col.after": ("之后（万元）", "after (万元)"),
    # the terminal's summaries of allocate and sweep
    "report.console.scenario": ("情景：{name}", "scenario: {name}"),
    "report.console.outputs": ("输出：{folder}/（{files}）", "outputs: {folder}/ ({files})"),
    "report.console.solved": ("{solver}，{seconds} 秒，已证明最优", "{solver}, {seconds} s, proven optimal"),
    "report.console.sweep.budget": ("预算", "budget"),
    "report.console.sweep.allocated": ("已分配（万元）", "allocated (万元)"),
    "report.console.sweep.next_score": ("下一万元资助的加权评分", "next 万元 funds score"),
    "report.console.sweep.added": ("到下一水平多分配（万元）", "next step adds (万元)"),
    "report.console.sweep.score": ("其加权评分", "at score"),
    "report.console.sweep.enters": ("新资助", "enter"),
    "report.console.sweep.leaves": ("不再资助", "leave"),
    "report.console.sweep.infeasible": ("不可行", "infeasible"),
    "report.console.sweep.spent": ("预算已由此前各批用完", "used up by earlier rounds"),
    "report.console.sweep.steps": ("每一段新增预算买到什么：", "what each next step of budget buys:"),
}
