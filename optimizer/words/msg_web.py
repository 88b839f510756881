"""What budgetopt says in the browser app (`budgetopt serve`), by code: (Chinese, English) templates (see catalog.py).

- `web.…` the pages' words, the app's refusals and errors;
- `hint.…@web`: the remedies of errors (errors.Hint) as the app words them — it has a form, not options or arguments.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ starting the server
    "web.port_taken": ("端口 {port} 已被占用：budgetopt 可能已在此端口运行（请打开它的地址），或另有程序在使用它",
                       "port {port} is taken: budgetopt may be serving there already (open its address), or another "
                       "program uses it"),
    "web.record_damaged": ("这次运行的记录已损坏（runs.sqlite 中的这一行被改动过）；其文件夹中的文件不受影响",
                           "This run's record is damaged (its row in runs.sqlite was edited); the files in its folder "
                           "are as they were"),
    "web.data_unwritable": ("无法在数据文件夹中写入（{reason}）", "the data folder cannot be written ({reason})"),
    "web.registry_damaged": ("已损坏，或不是 budgetopt 的运行记录（{reason}）；把它移到别处后再启动，"
                             "将从空的运行列表开始（runs/ 等文件夹中已有的文件不受影响）",
                             "is damaged, or not budgetopt's record of runs ({reason}); move it elsewhere and start "
                             "again with an empty list of runs (the files in runs/ and the other folders stay)"),
    "web.registry_newer": ("由更新版本的 budgetopt 写出（结构版本 {found}，本版本只认识 {known}）；"
                           "请使用更新的 budgetopt",
                           "was written by a newer budgetopt (schema {found}; this one knows {known}); use a newer "
                           "budgetopt"),
    "web.port_forbidden": ("无权使用端口 {port}（1024 以下的端口需要管理员权限）",
                           "port {port} is not allowed (ports below 1024 need an administrator)"),
    "web.unknown_host": ("找不到名为 {host} 的地址", "no address is named {host}"),
    "web.not_this_computer": ("{host} 不是本机的地址", "{host} is not an address of this computer"),
    "web.cannot_listen": ("无法在此地址上提供服务（{reason}）", "cannot serve at this address ({reason})"),
    "web.open_host": ("{host} 可被其他计算机访问：只有同时给出令牌（token）时才会在此地址上提供服务",
                      "{host} can be reached from other computers: budgetopt serves there only with a token given"),
    "web.open_host@cli": ("{host} 可被其他计算机访问：只有同时给出 --token（或设置 BUDGETOPT_TOKEN）时"
                          "才会在此地址上提供服务",
                          "{host} can be reached from other computers: budgetopt serves there only with --token (or "
                          "BUDGETOPT_TOKEN) given"),
    # ------------------------------------------------------------ refusals and errors
    "web.no_token": ("没有访问权限。请打开 budgetopt serve 启动时显示的地址（含 ?token=…）。",
                     "Not signed in. Open the address budgetopt serve printed when it started (with ?token=…)."),
    "web.bad_token": ("令牌不正确。请打开 budgetopt serve 启动时显示的地址。",
                      "Wrong token. Open the address budgetopt serve printed when it started."),
    "web.bad_host": ("请求的主机名不是本服务的地址，已拒绝。请打开 budgetopt serve 启动时显示的地址。",
                     "Refused: the request names another host than this server's. Open the address budgetopt serve "
                     "printed."),
    "web.bad_csrf": ("表单已过期或不是来自本服务的页面，已拒绝。请刷新页面后重试。",
                     "Refused: the form is stale or did not come from this server's pages. Reload the page and try "
                     "again."),
    "web.bad_form": ("无法读取提交的表单（文件或字段过多、字段过长或格式有误）",
                     "The form sent cannot be read (too many files or fields, a field too long, or broken data)"),
    "web.body_too_large": ("上传的内容超过 {limit}，budgetopt 不读取这么大的文件；请将申报数据拆分为几个较小的工作簿",
                           "The upload is larger than {limit}, more than budgetopt reads; split the applications into "
                           "smaller workbooks"),
    "web.not_found": ("没有这个页面或文件", "No such page or file."),
    "web.not_allowed": ("此地址不接受这种请求", "This address does not take this kind of request."),
    "web.bad_request": ("无法处理此请求", "This request cannot be handled."),
    "web.unexpected": ("发生意外错误；详细信息已记入服务器日志。请重试，若仍出错请联系管理员。",
                       "Something unexpected went wrong; the details are in the server's log. Try again, and if it "
                       "happens again, tell whoever runs budgetopt serve."),
    "web.failed": ("运行意外失败（{kind}）；详细信息已记入服务器日志",
                   "The run failed unexpectedly ({kind}); the details are in the server's log"),
    "web.interrupted": ("运行被服务停止打断；未写出任何结果。请重新运行。",
                        "The run was cut off when the server stopped; nothing was written. Run it again."),
    "web.no_workbook": ("请先上传申报表（.xlsx）", "upload the application workbook (.xlsx) first"),
    "web.api.bad_choice": ("{key} 应为以下之一：{options}", "{key} must be one of: {options}"),
    # ------------------------------------------------------------ hints, as the app words them
    "hint.file_limit@web": ("（此上限由运行 budgetopt serve 的人设定）",
                            " (the limit is set by whoever runs budgetopt serve)"),
    "hint.time_limit@web": ("（请联系运行 budgetopt serve 的人）", " (tell whoever runs budgetopt serve)"),
    # {name}: the solver as the form offers it (CBC, HiGHS); {value} is its code (solving/backends.py OtherSolver)
    "hint.other_solver@web": ("（可在表单中改选求解器 {name}）", " (try the solver {name} in the form)"),
    "hint.other_solver_then@web": ("；可在表单中改选求解器 {name}", "; try the solver {name} in the form"),
    "hint.highs_missing@web": ("；请在表单中改选求解器 CBC，或重新安装",
                               "; choose the solver CBC in the form, or reinstall"),
    # ------------------------------------------------------------ every page
    "web.app": ("预算分配优化", "budgetopt"),
    "web.nav.runs": ("运行记录", "Runs"),
    "web.nav.new": ("新建分配", "New run"),
    "web.nav.sweeps": ("预算测算", "Sweeps"),
    "web.nav.stability": ("稳定性分析", "Stability"),
    "web.nav.goals": ("目标预算", "Goals"),
    "web.nav.ledger": ("资助台账", "Ledger"),
    "web.switch_lang": ("English", "中文"),
    "web.footer": ("渝经信规范〔2026〕2号 专项资金分配 · 结果可复核、可重现",
                   "Chongqing's “AI + manufacturing” subsidies (渝经信规范〔2026〕2号) · proven optimal, reproducible"),
    "web.lang.zh": ("中文", "Chinese"),
    "web.lang.en": ("英文", "English"),
    "web.back_to_run": ("返回运行 {id}", "Back to run {id}"),
    "web.message.title": ("无法继续", "Cannot go on"),
    "web.message.open_address": ("budgetopt serve 启动时会显示一个地址（http://127.0.0.1:端口/?token=…）；"
                                 "请在本机浏览器中打开该地址。若本程序由同事为您启动，"
                                 "请向其索取完整地址（含 ?token=…），或使用其为您建立的桌面快捷方式。",
                                 "budgetopt serve prints an address when it starts (http://127.0.0.1:PORT/?token=…); "
                                 "open it in a browser on this computer. If a colleague started it for you, ask them "
                                 "for the whole address (with ?token=…), or use the desktop shortcut they made."),
    "web.status.queued": ("排队中", "Queued"),
    "web.status.running": ("计算中", "Running"),
    "web.status.done": ("已完成", "Done"),
    "web.status.invalid": ("数据有误", "Invalid"),
    "web.status.infeasible": ("不可行", "Infeasible"),
    "web.status.failed": ("失败", "Failed"),
    # ------------------------------------------------------------ columns
    "web.col.run": ("运行编号", "Run"),
    "web.col.sweep": ("测算编号", "Sweep"),
    "web.col.stability": ("分析编号", "Stability run"),
    "web.col.noise": ("抽样与噪声", "Draws and noise"),
    "web.col.sometimes": ("有时获资助（项 · 金额）", "Sometimes funded (count · money)"),
    "web.col.workbook": ("申报表", "Workbook"),
    "web.col.scenario": ("分配方案", "Scenario"),
    "web.col.budget": ("年度预算", "Budget"),
    "web.col.levels": ("预算水平", "Budget levels"),
    "web.col.status": ("状态", "Status"),
    "web.col.allocated": ("已分配", "Allocated"),
    "web.col.funded": ("全额＋部分资助", "Funded + partly"),
    "web.col.created": ("提交时间", "Submitted"),
    "web.col.finished": ("完成时间", "Finished"),
    "web.col.row": ("行", "Row"),
    "web.col.column": ("列", "Column"),
    "web.col.problem": ("问题", "What is wrong"),
    "web.col.note": ("提示", "Note"),
    "web.col.clause": ("条款", "Clause"),
    "web.col.clause_title": ("条款名称", "Clause title"),
    "web.col.application": ("申报编号", "Application"),
    "web.col.applicant": ("申报单位", "Applicant"),
    "web.col.district": ("区县", "District"),
    "web.col.entitlement": ("核定额", "Entitlement"),
    "web.col.reason": ("原因", "Why"),
    "web.col.limit": ("限额", "Limit"),
    "web.col.limit_amount": ("额度", "Amount"),
    "web.col.limit_earlier": ("此前已用", "Used before this run"),
    "web.col.limit_left": ("本次限额", "Limit in this run"),
    "web.col.used": ("已用", "Used"),
    "web.col.year": ("年度", "Year"),
    "web.col.archived": ("归档时间", "Archived"),
    "web.col.meaning": ("放宽的意义", "What relaxing it buys"),
    "web.col.difference": ("差额（B − A）", "Difference (B − A)"),
    "web.col.marginal": ("下一笔预算可资助的加权评分（权重×评审得分）",
                         "Weighted score the next yuan reaches (weight × score)"),
    # ------------------------------------------------------------ the runs
    "web.runs.title": ("运行记录", "Runs"),
    "web.runs.lead": ("每次分配都在此记录，不会删除；最新的在最上面。勾选两次运行可对比。"
                      "不再需要列出的运行（试算、数据有误的）可在其页面上归档。",
                      "Every allocation is recorded here and never deleted, newest first. Pick two to compare them. "
                      "A run no longer needed in the list (a trial, an invalid one) can be archived on its page."),
    "web.runs.year_filter": ("年度：", "Year:"),
    "web.runs.all_years": ("全部", "All"),
    "web.runs.year": ("{year}年度", "{year}"),
    "web.runs.no_year": ("未填年度", "No year"),
    "web.runs.show_archived": ("显示已归档（{count}）", "Show archived ({count})"),
    "web.runs.hide_archived": ("返回运行记录（不显示已归档）", "Back to the runs (archived hidden)"),
    "web.runs.archived_title": ("已归档的运行（{count}）", "Archived runs ({count})"),
    "web.runs.archived_mark": ("（已归档）", " (archived)"),
    "web.preset.modified": ("（已修改）", " (modified)"),
    "web.runs.archived_lead": ("归档的运行不在运行记录中列出；其文件、公示名单和资助台账中的记录都不变。"
                               "取消归档后重新列出。",
                               "Archived runs are not listed with the runs; their files, public notices (公示) and "
                               "records in the award ledger stay as they are. Unarchived, a run is listed again."),
    "web.runs.none_archived": ("没有已归档的运行。", "No archived runs."),
    "web.runs.none_of_year": ("没有所选年度的运行。", "No runs of the year chosen."),
    "web.runs.all_archived": ("所有运行都已归档。", "Every run is archived."),
    "web.runs.unarchive": ("取消归档", "Unarchive"),
    "web.runs.unarchived": ("已取消归档：运行 {id} 已重新列入运行记录。",
                            "Unarchived: run {id} is listed with the runs again."),
    "web.runs.pick_done_only": ("只能对比已完成的运行", "Only finished runs can be compared"),
    "web.runs.none": ("还没有运行。请先新建一次分配。", "No runs yet. Start with a new run."),
    "web.runs.pick": ("对比", "Compare"),
    "web.runs.compare": ("对比所选的两次运行", "Compare the two picked"),
    # ------------------------------------------------------------ a new run
    "web.new.title": ("新建分配", "New run"),
    "web.new.step_upload": ("第一步：上传申报表", "1. Upload the application workbook"),
    "web.new.workbook": ("申报表（.xlsx）", "Workbook (.xlsx)"),
    "web.new.upload": ("上传并检查", "Upload and check"),
    "web.new.uploaded": ("已上传：{name}", "Uploaded: {name}"),
    "web.new.problems": ("发现 {count} 处问题。请在 Excel 中修改后重新上传；或勾选下方“跳过有误的行”。",
                         "Problems found: {count}. Fix them in Excel and upload again, or tick “Skip invalid rows” "
                         "below."),
    "web.new.no_problems": ("已读取 {rows} 行申报，没有发现问题。", "{rows} applications read, no problems found."),
    "web.new.warnings": ("{count} 条提示", "Notes: {count}"),
    "web.new.step_scenario": ("第二步：分配方案", "2. The scenario"),
    "web.new.preset": ("从预设方案填入", "Fill in from a preset"),
    "web.new.fill": ("填入", "Fill in"),
    "web.new.preset_option": ("{name}（{file}）", "{name} ({file})"),
    # the shipped scenarios (data/scenario_*.toml) as the Chinese pages call them and the Chinese form fills them in
    # (their files' own names are the English ones); optimizer.web.views.preset_name knows them by either
    "web.preset.scenario_2026": ("2026年基准方案", "2026 base case"),
    "web.preset.scenario_2026_ai_push": ("2026年人工智能加力方案", "2026 AI push"),
    "web.preset.scenario_2026_plain": ("2026年按评审得分排序方案", "2026 plain ranking"),
    "web.preset.scenario_2027": ("2027年基准方案", "2027 base case"),
    "web.new.upload_first": ("上传申报表后即可运行；方案也可先下载为 TOML 文件。",
                             "Upload a workbook to run; the scenario can be downloaded as TOML already."),
    # the form a two-year plan filled in (its runs' names say the plan): what its budget is, and the ledger
    "web.new.plan_first": ("此表单由两年分配填入：{year}年度预算{budget}是两年合计{total}中测算的{year}年度安排，"
                           "其余{rest}留给{second}年度。本年度的分配公示后，再从两年分配的页面新建{second}年度分配。",
                           "This form was filled in from a two-year plan: the {year} budget of {budget} is the "
                           "plan's share of the {total} for both years, the other {rest} left for {second}. Once "
                           "this year's run is published (公示), make the {second} run from the plan's page."),
    "web.new.plan_second": ("此表单由两年分配填入：{year}年度预算{budget}是两年合计{total}减去{first}年度安排"
                            "{first_budget}后的余额。测算时，{first}年度的资助按已公示、记入资助台账计算："
                            "请在{first}年度的分配公示之后再运行，本次运行才会扣减这些资助（就高、不重复），"
                            "并把它们计入有效期内的单户上限。",
                            "This form was filled in from a two-year plan: the {year} budget of {budget} is what is "
                            "left of the {total} for both years after {first}'s {first_budget}. The plan counts "
                            "{first}'s awards as published (公示) and recorded in the award ledger: run this after "
                            "{first}'s run is published, so that it deducts them (each content paid once, at the "
                            "higher standard: 就高、不重复) and counts them towards the period cap."),
    "web.new.plan_second_published": ("此表单由两年分配填入：{year}年度预算{budget}是两年合计{total}减去{first}年度"
                                      "已公示的{first_budget}（运行 {run}）后的余额。本次运行扣减资助台账中{first}"
                                      "年度的资助（就高、不重复），并把它们计入有效期内的单户上限，与测算相同。",
                                      "This form was filled in from a two-year plan: the {year} budget of {budget} "
                                      "is what is left of the {total} for both years after {first}'s {first_budget}, "
                                      "published (公示) from run {run}. This run deducts the {first} awards the "
                                      "ledger holds (each content paid once, at the higher standard: 就高、不重复) "
                                      "and counts them towards the period cap, as the plan did."),
    "web.new.plan_differs": ("此表单的名称来自两年分配（合计{total}），但{year}年度预算{budget}不是任何一次合计"
                             "{total}的两年分配测算中{year}年度的安排：本次运行不按测算分配。请从两年分配的页面重新打开此表单，"
                             "或改用分配方案自己的名称。",
                             "This form's name comes from a two-year plan ({total} for both years), but its {year} "
                             "budget of {budget} is not {year}'s share in any plan of {total}: this run does not "
                             "follow a plan. Open the form again from the plan's page, or give it the scenario's own "
                             "name."),
    "web.new.plan_unknown": ("此表单由两年分配（合计{total}）填入，年度预算是测算中这一年度的安排。后一年度的预算是合计"
                             "减去前一年度安排后的余额，按前一年度的资助已公示、记入资助台账计算：请在前一年度的分配"
                             "公示之后再运行。",
                             "This form was filled in from a two-year plan ({total} for both years): its budget is "
                             "the plan's share for this year. The later year's is what is left after the earlier "
                             "year's share, counting the earlier year's awards as published (公示) and recorded in "
                             "the award ledger: run the later year after the earlier year's run is published."),
    "web.new.plan_ledger": ("资助台账中已有本政策{year}年度的资助{awards}项，合计{amount}。",
                            "The ledger holds this policy's {year} awards: {awards}, {amount} in all."),
    "web.new.plan_ledger_other": ("{year}年度已公示的是运行 {run}（预算{budget}），不是两年分配测算的{year}年度安排"
                                  "{planned}：{second}年度预算仍是测算的余额，测算的效果不再适用。请以已公示的运行重新"
                                  "测算两年分配；此表单的名称仍写着“两年分配：合计{total}”，此运行却已不按该测算分配，"
                                  "请改用分配方案自己的名称。",
                                  " {year} was published from run {run} (a budget of {budget}), not at the plan's "
                                  "{planned} for {year}: the {second} budget is still the plan's rest, and the plan's "
                                  "figures no longer apply. Plan again from the run published; this form's name still "
                                  "says \"two-year plan: {total} in all\", but the run no longer follows that plan: "
                                  "give it the scenario's own name."),
    "web.new.plan_ledger_none": ("资助台账中还没有本政策{year}年度的资助：现在运行，{year}年度的资助不会扣减。",
                                 "The ledger holds none of this policy's {year} awards yet: a run now deducts "
                                 "none of them."),
    "web.new.plan_link": ("查看这次两年分配", "See the plan"),
    "web.new.confirm_invalid": ("仍然运行（将记为数据有误）", "Run anyway (recorded as invalid)"),
    "web.new.confirm_invalid_hint": ("申报表有 {count} 处问题，且未勾选上方的“跳过有误的行”："
                                     "这样运行不会分配任何资金，只会在运行记录中多一条“数据有误”的运行。"
                                     "要分配其余无误的行，请勾选“跳过有误的行”；或在 Excel 中修改后重新上传。",
                                     "The workbook has {count} problems and “Skip invalid rows” above is not "
                                     "ticked: such a run allocates nothing and only adds an invalid run to the list. "
                                     "To allocate the valid rows, tick “Skip invalid rows”; or fix the workbook in "
                                     "Excel and upload it again."),
    "web.new.confirm_invalid_hint_one": ("申报表有 1 处问题，且未勾选上方的“跳过有误的行”："
                                         "这样运行不会分配任何资金，只会在运行记录中多一条“数据有误”的运行。"
                                         "要分配其余无误的行，请勾选“跳过有误的行”；或在 Excel 中修改后重新上传。",
                                         "The workbook has 1 problem and “Skip invalid rows” above is not "
                                         "ticked: such a run allocates nothing and only adds an invalid run to the "
                                         "list. To allocate the valid rows, tick “Skip invalid rows”; or fix the "
                                         "workbook in Excel and upload it again."),
    "web.new.unconfirmed": ("申报表有 {count} 处问题，未运行：请勾选“跳过有误的行”（分配其余无误的行），"
                            "或勾选“仍然运行（将记为数据有误）”，或修改申报表后重新上传。",
                            "The workbook has {count} problems; nothing was run: tick “Skip invalid rows” (the "
                            "valid rows are allocated), or tick “Run anyway (recorded as invalid)”, or fix the "
                            "workbook and upload it again."),
    "web.new.unconfirmed_one": ("申报表有 1 处问题，未运行：请勾选“跳过有误的行”（分配其余无误的行），"
                                "或勾选“仍然运行（将记为数据有误）”，或修改申报表后重新上传。",
                                "The workbook has 1 problem; nothing was run: tick “Skip invalid rows” (the valid "
                                "rows are allocated), or tick “Run anyway (recorded as invalid)”, or fix the workbook "
                                "and upload it again."),
    # ------------------------------------------------------------ the scenario form
    "web.form.amounts": ("金额请带单位：如 1.5亿、3000万、500万元；不带单位的数字按元计。比例可写 0.2 或 20%。"
                         "留空的项不设（框内灰字说明留空的含义）。",
                         "Write amounts with their unit: 1.5亿, 3000万, 500万元; a number without unit is yuan. Shares "
                         "may be 0.2 or 20%. An empty field sets nothing (its grey text says what empty means)."),
    "web.form.example": ("例：{example}", "e.g. {example}"),
    "web.form.empty.year": ("留空：不限年度（不能公示）", "empty: any year (cannot be published)"),
    "web.form.empty.reserve": ("留空：不预留", "empty: no reserve"),
    "web.form.empty.none": ("留空：不设", "empty: none"),
    "web.form.empty.rounding": ("留空：取整到元", "empty: to the yuan"),
    "web.form.empty.no_cap": ("留空：不设上限", "empty: no cap"),
    "web.form.basics": ("预算与规则", "Budget and rules"),
    "web.form.name": ("方案名称", "Scenario name"),
    "web.form.name_example": ("例：2026年度方案", "e.g. 2026 base case"),
    "web.form.year": ("年度（只有该年提交的申报符合条件）", "Year (only applications submitted in it are eligible)"),
    "web.form.budget": ("年度预算", "Annual budget"),
    "web.form.reserve": ("预留资金（分配前扣除）", "Reserve (set aside before allocation)"),
    "web.form.fixed_awards": ("定额奖励", "Fixed awards"),
    "web.form.whole": ("全额给予或不给", "Paid in full or not at all"),
    "web.form.prorate": ("可部分给予", "Any part may be paid"),
    "web.form.min_funding_ratio": ("最低资助比例（获资助者至少得到核定额的这一比例）",
                                   "Minimum funding ratio (an award paid is at least this share of its entitlement)"),
    "web.form.rounding": ("部分资助取整（元）", "Partial awards rounded to (yuan)"),
    "web.form.caps": ("区县、单户与关联企业组上限", "District, applicant and group caps"),
    "web.form.district_max_share": ("单个区县最多占可分配额的比例", "Most a district receives, as a share of what is "
                                    "available"),
    "web.form.applicant_max_total": ("单个申报主体最多获得", "Most one applicant (credit code) receives"),
    "web.form.applicant_max_period_total": ("单个申报主体在政策有效期内最多获得（含资助台账中的历年资助）",
                                            "Most one applicant receives over the policy's whole period (the "
                                            "ledger's earlier awards included)"),
    "web.form.group_max_total": ("单个关联企业组最多获得（申报表的“关联企业组”列）",
                                 "Most one group of linked enterprises receives (the workbook's group column)"),
    "web.form.envelopes": ("专项额度", "Envelopes"),
    "web.form.envelopes_hint": ("一组条款的资金合计上限（金额或比例，两者都写取较小者）及下限；名称留空的行不使用。",
                                "A limit on the total of a set of clauses: a maximum (an amount and/or a share; the "
                                "smaller applies) and a minimum. Rows without a name are not used."),
    "web.form.env_name": ("名称", "Name"),
    "web.form.env_clauses": ("条款（逗号分隔）", "Clauses (comma-separated)"),
    "web.form.env_max": ("上限金额", "Max"),
    "web.form.env_max_share": ("上限比例", "Max share"),
    "web.form.env_min": ("下限金额", "Min"),
    "web.form.envelope_number": ("第{number}项专项额度", "envelope {number}"),
    "web.form.envelope_named": ("专项额度“{name}”", "envelope '{name}'"),
    "web.form.envelope_field": ("{envelope}的{field}", "{envelope}, {field}"),
    "web.form.weight_of": ("第{clause}条的权重", "the weight of clause {clause}"),
    "web.form.no_budget": ("请填写年度预算", "Fill in the annual budget"),
    "web.form.fill_in": ("请填写{field}", "Fill in the {field}"),
    "web.form.reserve_above_budget": ("预留资金 {reserve}高于年度预算 {budget}",
                                      "The reserve {reserve} is above the annual budget {budget}"),
    "web.form.add_envelope": ("再加一项专项额度", "Add an envelope"),
    "web.form.weights": ("条款权重", "Clause weights"),
    "web.form.weights_hint": ("目标为 Σ 权重 × 评审得分 × 金额；留空为 1.0。",
                              "The objective is Σ weight × score × yuan; empty is 1.0."),
    "web.form.weight": ("权重", "Weight"),
    "web.form.settings": ("运行设置", "Run settings"),
    "web.form.solver": ("求解器", "Solver"),
    # the solvers as the form offers them (its values stay highs, cbc, auto), and a run's facts name the one asked
    # for where its files do not say the one used (HiGHS 1.16.0, as manifest.json and report.html say it)
    "web.form.report_lang": ("结果文件的语言", "Language of the outputs"),
    "web.form.skip_invalid": ("跳过有误的行（列为“数据有误”，其余照常分配）",
                              "Skip invalid rows (listed as invalid; the rest are allocated)"),
    "web.form.run": ("运行分配", "Run"),
    "web.form.download_toml": ("下载方案文件（TOML）", "Download the scenario (TOML)"),
    "web.toml.header": ("分配方案，由 budgetopt serve 的表单生成；"
                        "用法：budgetopt allocate 申报表.xlsx --scenario 本文件",
                        "a scenario, made with the form of budgetopt serve; use: budgetopt allocate WORKBOOK.xlsx "
                        "--scenario THIS_FILE"),
    # ------------------------------------------------------------ the award ledger
    "web.ledger.title": ("资助台账", "Award ledger"),
    "web.ledger.years": ("资助台账中本政策已有：{years}。分配某一年度的后续批次（第二批）时，年度预算仍填全年总额："
                         "本批只分配其余额，各项年度限额亦扣除此前各批已用的部分。",
                         "The ledger holds this policy's awards of {years}. For a later round of a year (第二批), "
                         "give the year's whole budget: the round allocates what is left of it, and of each limit "
                         "of the year."),
    "web.ledger.year": ("{year}年度{awards}项，合计{amount}", "{year}: {awards} awards, {amount} in all"),
    "web.ledger.year_one": ("{year}年度1项，合计{amount}", "{year}: 1 award, {amount} in all"),
    "web.ledger.lead": ("台账中已获的资助按“就高、不重复”计入：同一统一社会信用代码、同一事项标识的已获资助"
                        "从核定额中扣除，本政策的历年资助计入有效期总额上限。",
                        "The awards the ledger records count once, at the higher standard (就高、不重复): earlier "
                        "support of the same credit code and content is deducted from the entitlement, and this "
                        "policy's earlier awards count towards the period cap."),
    "web.ledger.counted": ("计入资助台账 {path}（{which}；{entries}条记录，末条哈希 {head}…）",
                           "counting the award ledger {path} ({which}; {entries} entries, last entry's hash {head}…)"),
    "web.ledger.default": ("数据文件夹中的 ledger.sqlite", "the data folder's ledger.sqlite"),
    "web.ledger.given": ("启动时以 --ledger 指定", "named with --ledger at the start"),
    "web.ledger.none": ("不计入资助台账：启动时未指定 --ledger，数据文件夹中也没有 ledger.sqlite（{path}）",
                        "no award ledger is counted: none was named with --ledger at the start, and the data folder "
                        "has no ledger.sqlite ({path})"),
    "web.ledger.unusable": ("资助台账 {path} 无法使用，此时开始的运行都将失败：",
                            "The award ledger {path} cannot be used; runs started now will fail:"),
    "web.ledger.pending": ("开始计算时读取 {path}", "{path}, read when the run starts"),
    "web.ledger.pending_none": ("不计入（开始计算时若数据文件夹中有 ledger.sqlite 则计入）",
                                "none (unless the data folder has a ledger.sqlite when the run starts)"),
    "web.ledger.reduced": ("{count}项申报因台账记录的同一内容资助被扣减或不予资助（就高、不重复）",
                           "Applications reduced or refused by the awards it records of their content (paid once, "
                           "at the higher standard: 就高、不重复): {count}"),
    "web.ledger.run_counted": ("{name}（{entries}条记录，末条哈希 {head}…）",
                               "{name} ({entries} entries, last entry's hash {head}…)"),
    "web.ledger.run_counted_empty": ("{name}（尚无记录）", "{name} (no entries yet)"),
    "web.ledger.run_none": ("未计入资助台账", "none counted"),
    # ------------------------------------------------------------ the ledger's page
    "web.ledger_page.lead": ("资助台账记录每一项已公示发放的资助，以及其他市级政策的资助：同一企业的同一事项跨年度、"
                             "跨政策只支持一次（就高、不重复）。每次分配都计入这里的台账。记录只增不改，每条记录以哈希"
                             "链接上一条，任何改动都会被发现。",
                             "The award ledger records every award published, and the awards of other municipal "
                             "policies: one enterprise's same content is supported once across years and policies "
                             "(就高、不重复). Every run counts it. Entries are only ever added, each linked to the one "
                             "before by its hash, so that any change shows."),
    "web.ledger_page.absent": ("还没有资助台账：分配不计入任何往年或其他政策的资助。第一次公示前请新建台账"
                               "（将建在数据文件夹中：{path}）。",
                               "There is no award ledger yet: runs count no earlier awards of any year or policy. "
                               "Make one before the first publication (it goes in the data folder: {path})."),
    "web.ledger_page.make": ("新建资助台账", "Make the award ledger"),
    "web.ledger_page.given": ("资助台账由启动时的 --ledger 指定，不在此新建",
                              "the award ledger is the one named with --ledger at the start: none is made here"),
    "web.ledger_page.tampered": ("资助台账 {path} 的哈希链不完整，发现 {count} 处在 budgetopt 之外的改动；"
                                 "此时开始的运行、公示和导入都将被拒绝：",
                                 "The hash chain of the award ledger {path} does not hold — changes made outside "
                                 "budgetopt: {count}. Runs, publications and imports started now are refused:"),
    "web.ledger_page.tampered_hint": ("请找回台账的备份（或与审计人员核对），不要在此基础上继续公示。",
                                      "Restore the ledger from a backup (or check it with the auditors) before "
                                      "publishing anything more."),
    "web.ledger_page.file": ("文件", "File"),
    "web.ledger_page.which": ("{path}（{which}）", "{path} ({which})"),
    "web.ledger_page.entries": ("记录", "Entries"),
    "web.ledger_page.count": ("{count}条，合计 {total}", "{count}, {total} in all"),
    "web.ledger_page.head": ("末条哈希", "Last entry's hash"),
    "web.ledger_page.chain": ("哈希链", "Hash chain"),
    "web.ledger_page.intact": ("完整：没有在 budgetopt 之外的改动", "intact: nothing changed outside budgetopt"),
    "web.ledger_page.head_hint": ("请在每次公示后抄录记录条数和末条哈希并另行保存：台账文件本身无法证明"
                                  "没有被整体替换。",
                                  "After each publication, write down the number of entries and the last hash and "
                                  "keep them apart: the file cannot prove by itself that it was not replaced "
                                  "whole."),
    "web.ledger_page.totals": ("按政策和年度", "By policy and year"),
    "web.ledger_page.policy": ("政策", "Policy"),
    "web.ledger_page.year": ("年度", "Year"),
    "web.ledger_page.awards": ("资助项数", "Awards"),
    "web.ledger_page.amount": ("金额", "Amount"),
    "web.ledger_page.summary": ("汇总表", "Summary"),
    "web.api.bad_upto": ("upto 应为台账记录条数，即 0 或以上的整数",
                         "upto should be a number of ledger entries, 0 or more"),
    "web.api.bad_after": ("after 应为台账记录号，即 0 或以上的整数",
                          "after should be a ledger entry number, 0 or more"),
    "web.api.bad_year": ("year 应为四位数字的年度，如 2026", "year should be a year of four digits, such as 2026"),
    "web.summary.none": ("没有可汇总的资助：{sentence}", "Nothing to sum up: {sentence}"),
    "web.corrections.none": ("没有可列入更正公告的更正：{sentence}", "Nothing for a correction notice: {sentence}"),
    "web.ledger_page.corrections": ("更正公告", "Corrections"),
    "web.ledger_page.corrections_year": ("{year}年度更正公告（{count}次更正，Excel）",
                                         "{year} correction notice (corrections: {count}, Excel)"),
    "web.ledger_page.corrections_form": ("下载更正公告", "A correction notice"),
    "web.ledger_page.corrections_after": ("只列第几条记录以后的更正", "Only corrections after entry"),
    "web.ledger_page.corrections_batch": ("批次（可不填）", "Batch (optional)"),
    "web.ledger_page.corrections_days": ("异议期（工作日）", "Days to object (working days)"),
    "web.ledger_page.corrections_button": ("下载更正公告（Excel）", "Download the correction notice (Excel)"),
    "web.ledger_page.checks_link": ("核对信息（不公开）", "checks (not for publication)"),
    "web.ledger_page.checks_button": ("下载核对信息（不公开）", "Download the checks (not for publication)"),
    "web.ledger_page.corrections_hint": ("更正公告逐次列出已核减、撤销的资助：更正前、更正后和核减金额，决定的依据"
                                         "和日期，可直接发布。核对信息另成一个文件，不公开：每行对应的台账记录，以及"
                                         "公告所依据的记录条数 N；下一批更正公告填入 N，即得此后的更正。",
                                         "A correction notice lists each award lowered or revoked, one line a "
                                         "correction: before, after and taken off, the decision's basis and date; "
                                         "it is ready to publish. Its checks are a file of their own, not for "
                                         "publication: each line's ledger entries, and the number N of entries the "
                                         "notice was made from; enter N for the next notice to list the corrections "
                                         "since."),
    "web.ledger_page.summary_form": ("按年度和区县下载汇总表", "A summary by year and district"),
    "web.ledger_page.summary_policy": ("政策", "Policy"),
    "web.ledger_page.summary_year_label": ("年度", "Year"),
    "web.ledger_page.summary_district": ("区县", "District"),
    "web.ledger_page.every_year": ("全部年度", "Every year"),
    "web.ledger_page.every_district": ("全部区县", "Every district"),
    "web.ledger_page.summary_button": ("下载汇总表（Excel）", "Download the summary (Excel)"),
    "web.ledger_page.summary_year": ("{year}年度汇总表（Excel）", "{year} summary (Excel)"),
    "web.ledger_page.summary_all": ("{policy}全部年度汇总表（Excel）", "{policy}: every year's summary (Excel)"),
    "web.ledger_page.summary_hint": ("汇总表按核减、撤销后的金额，分年度、条款、区县汇总，并逐项列出每笔资助的"
                                     "原资助金额、核减情况和现资助金额，可用于年度资金使用情况报告；选定一个区县，"
                                     "即得随资金下达该区县的清单。",
                                     "A summary counts each award as it stands after its corrections — by year, "
                                     "clause and district, and award by award with what it was first granted at "
                                     "and how it was corrected: for the year's report on the funds; of one "
                                     "district, the list sent with its funds."),
    "web.ledger_page.empty": ("台账还没有记录。", "The ledger has no entries yet."),
    "web.ledger_page.list": ("台账记录", "Entries"),
    "web.ledger_page.search_label": ("统一社会信用代码、申报单位、事项标识或申报编号",
                                     "Credit code, applicant, content or application"),
    "web.ledger_page.csv": ("下载全部记录（CSV）", "Download every entry (CSV)"),
    "web.ledger_page.found": ("共{count}条记录，合计 {total}", "{count} entries, {total} in all"),
    "web.ledger_page.latest": ("；下表只列出最近的 {count} 条，全部记录请下载 CSV",
                               "; the table lists the latest {count}, the CSV has them all"),
    "web.ledger_page.seq": ("序号", "No."),
    "web.ledger_page.credit_code": ("统一社会信用代码", "Credit code"),
    "web.ledger_page.content_key": ("事项标识", "Content"),
    "web.ledger_page.awarded_on": ("拨付日期", "Paid on"),
    "web.ledger_page.recorded_at": ("记入时间", "Recorded"),
    "web.ledger_page.note": ("说明", "Note"),
    "web.ledger_page.correct_link": ("核减", "Correct"),
    "web.ledger_page.correct_seq": ("记录序号", "Entry no."),
    "web.ledger_page.correct_to_example": ("例：100万；撤销填0", "e.g. 100万; 0 revokes"),
    "web.ledger_page.correct_basis": ("依据", "Basis"),
    "web.ledger_page.correct_basis_example": ("例：渝经信发〔2027〕5号：公示异议成立",
                                              "e.g. 渝经信发〔2027〕5号: objection upheld"),
    "web.ledger_page.correct_on": ("决定日期（默认今天）", "Decided on (default: today)"),
    "web.ledger_page.correct_button": ("下一步：核对后记入台账", "Next: check it, then record it"),
    "web.ledger_page.correcting": ("第{seq}条资助：{who}，现为{amount}", "Entry {seq}: {who}, now {amount}"),
    "web.ledger_page.clause": ("政策条款", "Clause"),
    "web.ledger_page.project": ("项目名称", "Project"),
    # the correction confirmed before it is recorded
    "web.correct.title_lower": ("确认核减资助", "Confirm: lower an award"),
    "web.correct.title_revoke": ("确认撤销资助", "Confirm: revoke an award"),
    "web.correct.will_lower": ("将把第{seq}条资助（{who}）由{before}核减为{after}。",
                               "The award of entry {seq} ({who}) will be lowered from {before} to {after}."),
    "web.correct.will_revoke": ("将撤销第{seq}条资助（{who}），该资助现为{before}。",
                                "The award of entry {seq} ({who}), now {before}, will be revoked."),
    "web.correct.clause": ("第{clause}条", "clause {clause}"),
    "web.correct.before": ("现为", "Now"),
    "web.correct.after": ("核减为", "Lowered to"),
    "web.correct.amount": ("{amount}（{yuan}元）", "{amount} ({yuan} yuan)"),
    "web.correct.revoked": ("撤销（0元）", "revoked (0)"),
    "web.correct.taken": ("核减金额", "Taken off"),
    "web.correct.decided_on": ("决定日期", "Decided on"),
    "web.correct.final": ("确认后将在资助台账 {path} 记入一条核减记录。台账只增不改：记入后不能删除或修改，"
                          "请核对申报单位、项目和金额。",
                          "Confirmed, a correction entry is recorded in the award ledger {path}. The ledger is only "
                          "ever added to: the entry cannot be removed or changed afterwards, so check the applicant, "
                          "the project and the amounts."),
    "web.correct.confirm": ("确认记入台账", "Record it in the ledger"),
    "web.correct.back": ("返回修改", "Back to the form"),
    "web.correct.changed": ("第{seq}条资助在确认前已有变动：核对时为{before}，现为{now}（可能正是这一更正已经记入，"
                            "例如确认按了两次：请在台账中查看）。本次没有记入，如仍需更正，请重新填写并核对。",
                            "The award of entry {seq} changed before it was confirmed: it stood at {before} when "
                            "checked, and now at {now} (perhaps this very correction was recorded already, the "
                            "confirmation sent twice: see the ledger). Nothing was recorded now; to correct it still, "
                            "fill in the form again and check it."),
    "web.ledger_page.make_first_correct": ("还没有资助台账，没有可以核减的资助。",
                                           "There is no ledger yet: no award to correct."),
    "web.ledger_page.import": ("导入其他政策的资助", "Import another policy's awards"),
    "web.ledger_page.import_lead": ("其他市级政策已拨付的资助，按“就高、不重复”从本政策的核定额中扣除。"
                                    "工作簿须有以下各列："
                                    "统一社会信用代码、事项标识、金额（在表头注明单位，如“金额（万元）”）、拨付日期，"
                                    "可选申报单位、关联企业组。同一工作簿不能导入两次。",
                                    "Awards paid under other municipal policies are deducted from this policy's "
                                    "entitlements (就高、不重复). The workbook has the columns 统一社会信用代码, "
                                    "事项标识, 金额 (its unit in the header, e.g. 金额（万元）) and 拨付日期, and "
                                    "optionally 申报单位 and 关联企业组. A workbook is imported once."),
    "web.ledger_page.awards_file": ("资助清单（.xlsx）", "Awards workbook (.xlsx)"),
    "web.ledger_page.policy_name": ("政策名称", "Policy"),
    "web.ledger_page.policy_example": ("例：市级技术改造专项（2026年度）", "e.g. 市级技术改造专项（2026年度）"),
    "web.ledger_page.import_button": ("导入并记入台账", "Import into the ledger"),
    "web.ledger_page.import_problems": ("资助清单有 {count} 处问题，未导入任何记录。请在 Excel 中修改后重新上传。",
                                        "Problems in the awards workbook: {count}; nothing was imported. Fix them "
                                        "in Excel and upload it again."),
    "web.ledger_page.make_first": ("还没有资助台账：请先在本页新建资助台账，再导入。",
                                   "There is no award ledger yet: make it on this page first, then import."),
    "web.ledger_page.unusable_import": ("资助台账现在无法使用（原因见本页上方），不能导入。",
                                        "The award ledger cannot be used now (the reason is above): nothing is "
                                        "imported."),
    "web.ledger_page.no_file": ("请选择资助清单（.xlsx）。", "Choose the awards workbook (.xlsx)."),
    "web.ledger_page.no_policy": ("请填写政策名称：这些资助是依据哪项政策拨付的。",
                                  "Fill in the policy: which policy the awards were paid under."),
    # ------------------------------------------------------------ publishing a run
    "web.publish.title": ("公示：运行 {id}", "Publish run {id}"),
    "web.publish.lead": ("公示即把本次运行获资助的申报（全额和部分资助）记入资助台账，并写出公示名单 notice.xlsx 和 "
                         "awards.json，与 budgetopt publish 相同。此后的分配都计入这些资助（就高、不重复）。",
                         "Publishing records the run's awards (funded and partly funded) in the award ledger and "
                         "writes the public notice (公示) notice.xlsx and awards.json, as budgetopt publish does. "
                         "Every later run counts these awards, each content paid once, at the higher standard "
                         "(就高、不重复)."),
    "web.publish.batch": ("资助台账中已有本政策该年度的公示：本次公示名单的标题注明{batch}",
                          "The ledger holds an earlier publication of this policy's year: this public notice's title "
                          "ends{batch}"),
    "web.publish.warning": ("将把 {count} 项资助记入资助台账 {path}。台账只增不改：记入后不能撤销，"
                            "同一次运行只能公示一次。"
                            "请先核对分配结果。",
                            "Awards to be recorded in the award ledger {path}: {count}. The ledger is only ever "
                            "added to: this cannot be undone, and a run is published once. Check the allocation "
                            "first."),
    "web.publish.days": ("公示期（工作日）", "Objection period (working days)"),
    "web.publish.starts": ("公示开始日期", "First day of the notice"),
    "web.publish.contact": ("联系人及电话", "Contact"),
    "web.publish.optional": ("（可不填：不填时名单落款日期留空待填）",
                             "(optional: without it the notice's date is left blank)"),
    "web.publish.field": ("{label}：{said}", "{label}: {said}"),
    "web.publish.button": ("确认公示并记入资助台账", "Publish and record in the ledger"),
    "web.publish.bad_days": ("公示期应为 {low} 至 {high} 个工作日", "the objection period is {low} to {high} working "
                             "days"),
    "web.publish.done": ("已公示：{count}项资助，合计 {total}，已记入资助台账 {path}（第{first}至{last}条记录）。",
                         "Published: {total} in all (awards: {count}), recorded in the award ledger {path} (entries "
                         "{first} to {last})."),
    "web.publish.pin": ("请抄录公示后台账的记录条数和末条哈希（awards.json 亦记之），用以日后核对台账未被改写："
                        "{entries} {head}",
                        "Copy down the ledger's number of entries and the last one's hash after the public notice "
                        "(awards.json records them too), to check later that the ledger was not rewritten: "
                        "{entries} {head}"),
    "web.publish.after": ("公示名单可直接打印或发布；awards.json 供其他系统导入。之后的运行都计入这些资助。",
                          "The public notice (公示) is ready to print or post; awards.json is for other systems. "
                          "Every later run counts these awards."),
    "web.publish.no_ledger": ("还没有资助台账：公示前请先新建台账（将建在数据文件夹中：{path}）。",
                              "There is no award ledger yet: make it before publishing (it goes in the data folder: "
                              "{path})."),
    # publish's refusals (jobs/publish.py) as the app says them: 公示, 方案, 年度, and what to do on its pages
    "publish.already@web": ("本次运行已公示（运行清单 SHA-256 {sha}…），不重复公示。",
                            "This run is already published (manifest SHA-256 {sha}…): it is not published twice."),
    "publish.without_ledger@web": ("本次运行分配时没有计入资助台账，而台账现有{entries}条记录：其中的已获资助没有按"
                                   "“就高、不重复”扣除，不能公示。请以此为基础新建分配（会计入现在的台账），再公示新的运行。",
                                   "This run was allocated without the award ledger, which now holds {entries} "
                                   "entries: their awards were not deducted (就高、不重复), so it cannot be "
                                   "published. Make a new run from this one (it counts the ledger as it is now) and "
                                   "publish that."),
    "publish.ledger_moved@web": ("本次运行分配时资助台账有{counted}条记录，现有{entries}条：其后记入台账的记录（公示、"
                                 "导入的资助或核减、撤销）没有计入本次运行，不能公示。请以此为基础新建分配（会计入现在的"
                                 "台账），再公示新的运行。",
                                 "This run counted {counted} entries of the award ledger, which now holds {entries}: "
                                 "what was recorded since (awards published or imported, corrections) was not "
                                 "counted, so it cannot be published. Make a new run from this one (it counts the "
                                 "ledger as it is now) and publish that."),
    # the same refusal, naming what was recorded since (the app reads the ledger): a correction is no award
    "web.publish.ledger_moved": ("本次运行分配时资助台账有{counted}条记录，现有{entries}条：其后记入的{since}没有计入"
                                 "本次运行，不能公示。请以此为基础新建分配（会计入现在的台账），再公示新的运行。",
                                 "This run counted {counted} entries of the award ledger, which now holds {entries}: "
                                 "what was recorded since ({since}) was not counted, so it cannot be published. Make "
                                 "a new run from this one (it counts the ledger as it is now) and publish that."),
    "web.since.published": ("{count}项公示的资助", "{count} award(s) published"),
    "web.since.imported": ("{count}项导入的资助", "{count} award(s) imported"),
    "web.since.corrections": ("{count}条核减或撤销记录", "{count} correction(s) lowering or revoking an award"),
    "publish.other_ledger@web": ("本次运行计入的资助台账是 {counted}，不是现在使用的这一本：只能公示到运行所计入的"
                                 "台账。请用 --ledger 指定那本台账重新启动 budgetopt serve 后再公示（不要另行分配、"
                                 "公示到这一本，以免同一年度记入两本台账）。",
                                 "This run counted the award ledger {counted}, not the one in use now: a run is "
                                 "published only into the ledger it counted. Start budgetopt serve again with "
                                 "--ledger naming that file, then publish (do not allocate and publish again into "
                                 "this one: the year would be in two ledgers)."),
    "publish.published_elsewhere@web": ("本次运行已公示到它所计入的资助台账 {counted}，不再公示到现在使用的这一本。"
                                        "请用 --ledger 指定那本台账重新启动 budgetopt serve。",
                                        "This run is already published into the award ledger it counted, "
                                        "{counted}; it is not published into the one in use now. Start budgetopt "
                                        "serve again with --ledger naming that file."),
    "publish.written_before@web": ("本次运行分配时没有计入资助台账，而且已经公示过（运行文件夹中有它公示时写出的 "
                                   "awards.json）：不再公示到现在使用的这一本。请用 --ledger 指定当初公示到的那本台账"
                                   "重新启动 budgetopt serve。",
                                   "This run was allocated without a ledger and is published already (its folder "
                                   "holds the awards.json its publication wrote): it is not published into the "
                                   "ledger in use now. Start budgetopt serve again with --ledger naming the ledger it "
                                   "was published into."),
    "publish.no_awards@web": ("本次运行没有获资助的申报，无须公示。", "This run funds no application: there is "
                              "nothing to publish."),
    "publish.no_allocation@web": ("运行文件夹中已没有 allocation.csv（分配结果）：不能公示。请以此为基础新建分配，"
                                  "再公示新的运行。",
                                  "The run's folder no longer holds allocation.csv (the allocation): it cannot be "
                                  "published. Make a new run from this one and publish that."),
    "publish.awarded_before@web": ("资助台账已记录本次运行中{count}项申报的资助（{ids}）：同一申报不重复公示。这一年度"
                                   "已经公示过（运行记录中标为“已公示”的那次运行）；如是第二批申报，请重新编号后另行"
                                   "分配。",
                                   "The award ledger already records awards of {count} of this run's applications "
                                   "({ids}): an application is not published twice. The year is published already "
                                   "(the run marked published among the runs); give a second round's applications "
                                   "new numbers and allocate them on their own."),
    "publish.no_year@web": ("本次运行的分配方案没有填写年度，不能公示：公示名单和资助台账须注明资助年度。请以此为基础"
                            "新建分配，在方案中填写年度后再公示。",
                            "This run's scenario has no year, so it cannot be published: the public notice (公示) "
                            "and the ledger name the year of each award. Make a new run from this one with the year "
                            "filled in, and publish that."),
    "publish.allocation_changed@web": ("{path} 在运行后已被修改（SHA-256 原为 {was}…，现为 {now}…）：只公示运行写出的"
                                       "分配结果。请以此为基础新建分配，再公示新的运行。",
                                       "{path} was changed after the run (SHA-256 was {was}…, is {now}…): only what "
                                       "the run wrote is published. Make a new run from this one and publish that."),
    # the run's warnings about the ledger, as the app says them: its word for the scenario (分配方案, not 情景,
    # which the files keep), and what to do in the app
    "ledger.period_cap_alone@web": ("分配方案设有政策有效期内的单户上限，但本次未计入资助台账："
                                    "往年已获的本政策资助不会计入此上限，同一申报主体可能超出。"
                                    "如往年已有本政策的分配，请以此为基础新建分配，计入记有其公示的资助台账"
                                    "（往年的运行尚未公示的，请先公示）",
                                    "the scenario caps each applicant over the policy's whole period, but no award "
                                    "ledger is counted: earlier years' awards under this policy are not counted "
                                    "towards it, and an applicant may go over it. If an earlier year was allocated "
                                    "under this policy, make a new run from this one counting the ledger that records "
                                    "its publication (publish that earlier run first if it is not yet published)"),
    "ledger.no_year@web": ("分配方案未填写年度：资助台账中本政策的资助只作为已获资助扣减、计入有效期上限，"
                           "不计入本次的预算及各项年度限额；分配某一年度的后续批次，请在分配方案中填写年度",
                           "the scenario has no year: the ledger's awards of this policy count as support already "
                           "granted and towards the period cap, but not towards this run's budget and limits of a "
                           "year; to allocate a later round of a year, fill in the scenario's year"),
    "verify.changed@web": ("{role} {where} 在运行后已被修改（SHA-256 原为 {was}…，现为 {now}…）。",
                           "The {role} {where} was changed after the run (SHA-256 was {was}…, is {now}…)."),
    "web.publish.already": ("该次运行已公示（资助台账第{first}至{last}条记录），不重复公示",
                            "The run is already published (entries {first} to {last} of the award ledger): it is not "
                            "published twice"),
    "web.publish.not_done": ("只有已完成的运行才能公示", "Only a finished run can be published."),
    "web.runs.published": ("已公示", "Published"),
    "web.run.publish": ("公示：把获资助的申报记入资助台账，生成公示名单", "Publish: record the awards in the ledger, "
                        "make the public notice (公示)"),
    "web.run.published": ("已公示（{count}项资助，合计 {total}）", "Published ({count} awards, {total} in all)"),
    "web.run.published_one": ("已公示（1项资助，合计 {total}）", "Published (1 award, {total} in all)"),
    "web.file.notice_xlsx": ("公示名单（Excel，可直接打印）", "the public notice (公示; Excel, ready to print)"),
    "web.file.awards_json": ("获资助名单（JSON，供其他系统导入）", "the awards (JSON, for other systems)"),
    # a published run whose awards were corrected since
    "web.run.corrected": ("其后{what}：本次公示的资助现为{count}项，合计 {total}。",
                          "Corrected since: {what}; the awards of this publication now stand at {count}, {total} in "
                          "all."),
    "web.run.lowered": ("核减{count}项", "{count} lowered"),
    "web.run.revoked": ("撤销{count}项", "{count} revoked"),
    "web.run.corrections_notice": ("{year}年度更正公告（Excel）", "the {year} correction notice (Excel)"),
    "web.run.now": ("现为{amount}", "now {amount}"),
    "web.run.now_revoked": ("已撤销", "revoked"),
    "web.scenario_file.label": ("或从方案文件（.toml）填入", "or fill it in from a scenario file (.toml)"),
    "web.scenario_file.used": ("表单已按方案文件 {name} 填入；可以修改后再运行。",
                               "The form is filled in from the scenario file {name}; change it as you like, then run."),
    "web.scenario_file.problems": ("方案文件 {name} 中有以下问题（表单已按能读取的内容填入，运行前请在表单中改正）：",
                                   "The scenario file {name} has these problems (the form holds what could be read; "
                                   "put them right in the form before running):"),
    "web.scenario_file.none": ("请选择方案文件（.toml）", "Choose a scenario file (.toml)"),
    "web.scenario_file.too_large": ("方案文件超过 {most} KB，不是 budgetopt 的方案文件",
                                    "The scenario file is larger than {most} KB: not a budgetopt scenario"),
    "web.nav.policy": ("政策条款", "Policy"),
    "web.policy.title": ("政策条款", "The policy's clauses"),
    "web.policy.document": ("政策文件", "Document"),
    "web.policy.issuers": ("发文机关", "Issued by"),
    "web.policy.in_force": ("印发与有效期", "Issued, in force"),
    "web.policy.period": ("{issued} 印发；{start} 至 {end} 有效", "issued {issued}; in force {start} to {end}"),
    "web.policy.lead": ("每项资助都是上限：定额奖励、“最高”若干万元的奖励、按实际投资额一定比例且不超过上限的补助。"
                        "每年的总额以年度预算为限；同一申报主体的同一内容按“就高、不重复”只支持一次。",
                        "Every award is a maximum: fixed awards, awards of up to an amount, and awards of a share of "
                        "the actual investment up to an amount. Each year's total is capped by the budget; one "
                        "applicant's same content is supported once, at the higher standard (就高、不重复)."),
    "web.policy.section": ("篇", "Section"),
    "web.policy.kind": ("类型", "Kind"),
    "web.policy.rate": ("比例", "Rate"),
    "web.policy.maximum": ("最高（万元）", "Max (万元)"),
    "web.policy.precondition": ("前提条件", "Precondition"),
    "web.policy.other": ("其他条件", "Who else may apply"),
    "web.policy.source": ("政策原文", "The policy's words"),
    "web.new.template": ("下载空白申报表模板（template.xlsx）", "Download the blank workbook (template.xlsx)"),
    # ------------------------------------------------------------ a run
    "web.run.title": ("运行 {id}", "Run {id}"),
    "web.run.waiting_queued": ("排队等待计算，本页会自动刷新。", "Waiting for a free worker; this page refreshes "
                               "itself."),
    "web.run.waiting_first": ("排队等待计算：{running}项正在计算，本项排在最前。本页会自动刷新。",
                              "Waiting for a free worker: {running} being solved, this one next. This page refreshes "
                              "itself."),
    "web.run.waiting_behind": ("排队等待计算：{running}项正在计算，前面还有{ahead}项在排队。本页会自动刷新。",
                               "Waiting for a free worker: {running} being solved, {ahead} queued before this one. "
                               "This page refreshes itself."),
    "web.run.waiting_running": ("正在计算，本页会自动刷新。", "Solving; this page refreshes itself."),
    "web.run.invalid": ("申报表或方案有 {count} 处问题，未求解。请修改后重新运行。",
                        "Problems in the workbook or the scenario: {count}; nothing was solved. Fix them and run "
                        "again."),
    "web.run.infeasible": ("方案不可行：各项限额无法同时满足。冲突的限额：",
                           "The scenario is infeasible: its limits cannot all hold. The limits in conflict:"),
    "web.run.other_notes": ("其他提示（{count}条）", "Other notes ({count})"),  # report.html's 其他提示
    "web.run.totals": ("合计", "Totals"),
    "web.run.reserve": ("预留", "Reserve"),
    "web.run.earlier_rounds": ("本年度此前各批已资助", "Granted in the year's earlier rounds"),
    "web.run.available": ("可分配", "Available"),
    "web.run.available_round": ("本批可分配", "Available in this round"),
    "web.run.unspent": ("未分配", "Unspent"),
    "web.run.downloads": ("下载", "Downloads"),
    "web.file.allocation_csv": ("分配结果（CSV，供系统导入和复核）", "the allocation (CSV, for systems and auditors)"),
    "web.file.allocation_xlsx": ("分配结果（Excel，以万元计，可直接打印）",
                                 "the allocation (Excel, in 万元, ready to print)"),
    "web.file.manifest_json": ("复核清单（输入文件的 SHA-256、方案、版本）",
                               "the manifest (inputs by SHA-256, scenario, versions) for auditors"),
    "web.file.report_html": ("汇总报告（网页）", "the summary report (a web page)"),
    "web.run.binding": ("起约束作用的限额", "Binding limits"),
    "web.run.no_binding": ("没有起约束作用的限额。", "No limit binds."),
    "web.run.search": ("查询一项申报的结果", "One application's outcome"),
    "web.run.search_label": ("申报编号或申报单位", "Application ID or applicant"),
    "web.run.search_button": ("查询", "Look up"),
    "web.run.no_matches": ("没有找到“{query}”。", "Nothing found for “{query}”."),
    "web.run.more_matches": ("只显示前 {count} 项；请输入完整的申报编号。",
                             "Only the first {count} are shown; type the whole application ID."),
    "web.run.report": ("汇总报告", "The report"),
    "web.run.open_report": ("在新窗口中打开报告", "Open the report in a new tab"),
    "web.run.next": ("下一步", "Next"),
    "web.run.rerun": ("以此为基础新建分配（修改方案后重新运行）", "A new run from this one (change the scenario, run "
                      "again)"),
    "web.run.sweep": ("预算测算：同一方案在不同预算下的结果", "Sweep: the same scenario at several budgets"),
    "web.run.goal": ("目标预算测算：资助某类申报至少需要多少预算",
                     "Goal: the least budget that funds applications of a kind"),
    "web.run.stability": ("这条资助线有多可靠？评审得分有误差时的稳定性分析",
                          "How sure is this funding line? Stability under score noise"),
    "web.run.audit": ("审核修改过的分配表", "Audit an edited allocation"),
    "web.run.verify": ("复核：用记录的输入重新计算", "Verify: re-run from the recorded inputs"),
    "web.archive.open": ("归档此运行……", "Archive this run…"),
    "web.archive.note": ("归档只是把此运行从运行记录列表中隐藏：不删除任何文件，下载、复核和对比照旧可用；"
                         "可随时取消归档。",
                         "Archiving only hides this run from the list of runs: no file is deleted, and its downloads, "
                         "verification and comparisons work as before; it can be unarchived at any time."),
    "web.archive.note_published": ("此运行已公示：归档后公示名单照旧有效，资助台账中的记录不变（台账只增不减）。",
                                   "This run is published: archived, its public notice (公示) stands and its records "
                                   "in the award ledger stay as they are (the ledger only grows)."),
    "web.archive.confirm": ("确认归档", "Archive it"),
    "web.archive.archived": ("此运行已于 {when} 归档：运行记录中不再列出（“显示已归档”中可找到）。",
                             "This run was archived on {when}: the list of runs no longer shows it (Show archived "
                             "does)."),
    "web.archive.active": ("运行尚未结束，结束后才能归档。",
                           "The run has not finished; it can be archived once it has."),
    # ------------------------------------------------------------ sweeps
    "web.sweeps.title": ("预算测算", "Budget sweeps"),
    "web.sweeps.lead": ("同一申报表和方案在多个预算水平下求解：每多 1 万元能资助什么，资助线如何移动。",
                        "The same workbook and scenario solved at several budget levels: what the next 万元 buys, and "
                        "how the funding line moves."),
    "web.sweeps.run": ("申报表和方案取自运行", "Workbook and scenario of the run"),
    "web.sweeps.start": ("最低预算", "Lowest budget"),
    "web.sweeps.stop": ("最高预算", "Highest budget"),
    "web.sweeps.steps": ("预算水平个数（最多 {most} 个）", "Levels (at most {most})"),
    "web.sweeps.start_button": ("开始测算", "Start the sweep"),
    "web.sweeps.no_sources": ("测算需要一次已完成的运行（取其申报表和方案）。", "A sweep needs a finished run (its "
                              "workbook and scenario)."),
    "web.sweeps.list": ("测算记录", "Sweeps"),
    "web.sweeps.none": ("还没有测算。", "No sweeps yet."),
    "web.sweep.title": ("预算测算 {id}", "Sweep {id}"),
    "web.sweep.progress": ("已完成 {done}/{total} 个预算水平", "{done} of {total} levels solved"),
    "web.sweep.levels": ("各预算水平", "The levels"),
    "web.sweep.frontier": ("效益曲线与资助线", "Frontier and funding line"),
    "web.sweep.bad_levels": ("请给出最低和最高预算（最高不低于最低），以及 1 到 {most} 个预算水平",
                             "Give the lowest and highest budget (the highest not below the lowest) and 1 to {most} "
                             "levels"),
    "web.sweep.no_run": ("请选择一次已完成的运行", "Pick a finished run"),
    # ------------------------------------------------------------ stability under score noise
    "web.stability.title": ("稳定性分析", "Stability under score noise"),
    "web.stability.lead": ("评审得分有误差：换一组专家，分数会略有不同。这里把同一年度的分配求解多次，每次给每项申报的"
                           "评审得分加上随机误差（正态分布，标准差 σ 分），看每项申报有多大比例的抽样获得资助：总是、"
                           "有时还是从不。结果与 budgetopt stability 相同。",
                           "Review scores are noisy: another panel would score a little differently. The year is "
                           "solved many times, each time with random noise (normal, standard deviation σ points) "
                           "added to every score, to see in what share of the draws each application is funded: "
                           "always, sometimes or never. The results are those of budgetopt stability."),
    "web.stability.from_run": ("申报表和方案取自运行 {id}。", "The workbook and scenario of run {id}."),
    "web.stability.step_workbook": ("第一步：申报表", "1. The application workbook"),
    "web.stability.earlier": ("或选用已上传的申报表", "or use a workbook uploaded before"),
    "web.stability.use": ("选用", "Use it"),
    "web.stability.step_scenario": ("第二步：抽样与分配方案", "2. The draws and the scenario"),
    "web.stability.noise": ("评分误差的抽样", "Draws of score noise"),
    "web.stability.noise_hint": ("σ = 2 表示一项申报的得分通常上下浮动约 2 分；同一随机种子得到完全相同的抽样和结果。"
                                 "抽样越多结果越准，用时也越长（样例数据 200 次约需十几秒）。",
                                 "σ = 2 means a score typically moves by about 2 points; the same seed gives the same "
                                 "draws and the same files. More draws are more precise and take longer (200 on the "
                                 "sample: ten to twenty seconds)."),
    "web.stability.draws": ("抽样次数（1 到 {most}）", "Draws (1 to {most})"),
    "web.stability.sigma": ("误差标准差 σ（分，0 到 100）", "Noise σ (score points, 0 to 100)"),
    "web.stability.seed": ("随机种子（非负整数）", "Seed (a whole number ≥ 0)"),
    "web.stability.start": ("开始分析", "Start"),
    "web.stability.upload_first": ("先上传或选用一份申报表即可开始；方案也可先下载为 TOML 文件。",
                                   "Upload or pick a workbook to start; the scenario can be downloaded as TOML "
                                   "already."),
    "web.stability.too_many": ("在本应用中抽样次数最多为 {most}；更多次请使用命令行 budgetopt stability",
                               "the app solves at most {most} draws; for more, use budgetopt stability on the "
                               "command line"),
    "web.stability.list": ("稳定性分析记录", "Stability runs"),
    "web.stability.none": ("还没有稳定性分析。", "No stability runs yet."),
    "web.stability.noise_short": ("{draws} 次，σ = {sigma}，种子 {seed}", "{draws} draws, σ = {sigma}, seed {seed}"),
    "web.stability.one_title": ("稳定性分析 {id}", "Stability run {id}"),
    "web.stability.progress": ("已完成 {done}/{total} 次抽样", "{done} of {total} draws solved"),
    "web.stability.findings": ("结果", "What it found"),
    "web.stability.headline": ("{eligible} 项符合条件的申报中，{sometimes} 项只在部分抽样中获得资助；"
                               "无误差的分配给它们 {money}。",
                               "Of {eligible} eligible applications, {sometimes} are funded in only some of the "
                               "draws; the allocation without noise gives them {money}."),
    "web.stability.class": ("类别", "Class"),
    "web.stability.applications": ("申报项数", "Applications"),
    "web.stability.money": ("无误差分配的金额", "Allocated without noise"),
    "web.stability.always": ("总是获资助（每次抽样）", "Always funded (every draw)"),
    "web.stability.sometimes": ("有时获资助", "Sometimes funded"),
    "web.stability.never": ("从不获资助", "Never funded"),
    "web.stability.eligible": ("符合条件的申报合计", "All eligible applications"),
    "web.stability.shares": ("有时获资助的申报占符合条件申报的 {share}，占已分配资金的 {money_share}。",
                             "The sometimes funded are {share} of the eligible applications and hold {money_share} "
                             "of the money allocated."),
    "web.stability.meaning": ("“有时”表示有任何不确定：每项申报获资助的比例（p_funded）见 stability.csv 和下方报告，"
                              "接近 0.5 即近乎掷硬币。",
                              "“Sometimes” means any doubt at all: each application's share of draws funded "
                              "(p_funded) is in stability.csv and the report below; near 0.5 is a coin toss."),
    "web.stability.report": ("稳定性报告", "The stability report"),
    "web.stability.again": ("用同一申报表再做一次稳定性分析", "Another stability run of the same workbook"),
    "web.file.stability_csv": ("每项申报获资助的比例（CSV，供系统导入和复核）",
                               "each application's shares of draws (CSV, for systems and auditors)"),
    "web.file.stability_xlsx": ("稳定性分析（Excel，以万元计，含按排名的图表）",
                                "the stability run (Excel, in 万元, with the chart by rank)"),
    "web.file.stability_html": ("稳定性报告（网页）", "the stability report (a web page)"),
    # ------------------------------------------------------------ audit, verify
    "web.audit.title": ("审核运行 {id} 的分配表", "Audit an allocation of run {id}"),
    "web.audit.lead": ("上传在 Excel 中修改过的分配表（.csv 或 .xlsx）：按该次运行的申报表、方案和政策逐条检查，"
                       "并与最优解比较。",
                       "Upload an allocation edited in Excel (.csv or .xlsx): it is checked rule by rule against this "
                       "run's workbook, scenario and policy, and measured against the optimum."),
    "web.audit.file": ("分配表（.csv 或 .xlsx）", "Allocation (.csv or .xlsx)"),
    "web.audit.button": ("审核", "Audit"),
    "web.audit.no_file": ("请上传 .csv 或 .xlsx 格式的分配表", "Upload the allocation as a .csv or .xlsx file"),
    "web.audit.no_run": ("这次运行没有结果可供审核或复核", "This run has no results to audit or verify"),
    "web.verify.title": ("复核运行 {id}", "Verify run {id}"),
    "web.verify.lead": ("用 manifest.json 记录的输入重新计算，确认得到完全相同的 allocation.csv。",
                        "Re-run from the inputs manifest.json records, and confirm the identical allocation.csv."),
    "web.verify.button": ("开始复核", "Verify"),
    # the library's warnings as the pages say them (the 就高 warning is said alike on every face: msg_rules.py)
    "ledger.year_so_far@web": (
        "资助台账已记本政策{year}年度此前各批资助{earlier}元（{awards}项），"
        "计入本年度预算及各项年度限额：年度预算{budget}元，预留{reserve}元，本批可分配{left}元",
        "the ledger records {earlier} yuan granted under this policy in {year}'s earlier rounds (awards: "
        "{awards}), which count towards the year's budget and limits: budget {budget}, reserve {reserve}, "
        "{left} available in this round"),
    "ledger.year_spent@web": (
        "本政策{year}年度预算{budget}元减预留{reserve}元后为{available}元，"
        "而资助台账记录的该年度此前各批资助已达{earlier}元（{awards}项），本批没有可分配的预算："
        "年度预算是全年总额，后续批次分配其余额；如本批另有资金，请以各批之和为年度预算",
        "the {year} budget of {budget} yuan less the reserve of {reserve} is {available}, and the ledger "
        "records {earlier} yuan this policy granted in the year's earlier rounds (awards: {awards}): nothing "
        "is left for this round. The budget is the year's total, and a later round allocates what is left of "
        "it; if this round has money of its own, give the sum of the rounds' as the year's budget"),
    "ledger.unmatched_project@web": (
        "{count}项申报与台账中以往年度本政策的资助为同一申报单位、同一条款、同一项目名称，"
        "但事项标识不同或未填写，未按同一内容扣减（{ids}）：如是同一内容，请填写与以往相同的事项标识",
        "in {count} of the applications ({ids}), the applicant, clause and project name are those of an "
        "earlier year's award of this policy in the ledger, but the content key is another or none, so that "
        "award is not deducted: if it is the same content, give it the same content key"),
    "ledger.renumbered@web": (
        "资助台账中已有{year}年度同一申报单位、同一条款、同一项目名称、但申报编号不同的资助："
        "{count}项申报（{ids}，括号内为台账中的申报编号）。这份申报表可能是已公示的申报重新编号后的副本，"
        "再次分配会重复资助；如确是第二批申报，请逐项核对",
        "the ledger already holds awards of {year} to the same applicant, clause and project name under other "
        "application ids, in {count} of the applications ({ids}, the ledger's ids in brackets). The workbook "
        "may be a published one numbered anew, and allocating it would pay them again; if it is a second "
        "round, check each"),
    "audit.violations_count@web": ("{count}处违规：不合规。", "Not compliant: violations found: {count}."),
    "sheet.formulas@web": (
        "{count}个公式单元格按 Excel 随文件保存的计算结果读取（{places}）",
        "formula cells read by the value Excel saved with them: {count} ({places})"),
    # the library's warning as the app says it: 复核 is the app's word for verify
    "ledger.published_here@web": ("资助台账中已有本申报表中 {count} 项申报自己的资助（{ids}，公示运行 {run}… 时记入）："
                                  "再次分配会把这些已公示的资助当作已获资助扣减。核对已公示的结果，请复核该次运行；"
                                  "同一年度的第二批申报，请使用新的申报编号",
                                  "the ledger already holds the awards of {count} of this workbook's applications "
                                  "themselves ({ids}, recorded when run {run}… was published): allocating them again "
                                  "counts those awards as support already granted. To check a published run, verify "
                                  "it; number a second round's applications anew"),
}
