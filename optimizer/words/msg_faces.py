"""What budgetopt says about the faces step, by code: (Chinese, English) templates (see catalog.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the output folder
    "out.unwritable": ("无法写入此文件夹（{detail}）；请换一个输出文件夹",
                       "cannot write into this folder ({detail}); choose another output folder"),
    "out.exists": ("文件已存在", "exists already"),
    "out.not_a_folder": ("无法在此写出：{path} 不是文件夹", "cannot be written: {path} is not a folder"),
    "out.another_run": ("此文件夹中已有另一次运行（输入或设置不同）的结果；请换一个输出文件夹，或确认替换",
                        "holds the outputs of another run (other inputs or settings); write into another folder, or "
                        "allow replacing them"),
    # the jobs
    "input.unknown_solver": ("求解器应为 {choices} 之一，给出的是 {shown}",
                             "the solver must be one of {choices}, not {shown}"),
    "input.bad_time_limit": ("求解时限应为大于 0 的秒数，给出的是 {shown}",
                             "the time limit must be a positive number of seconds, not {shown}"),
    "input.bad_lang": ("语言应为 \"zh\"（中文）或 \"en\"（英文），给出的是 {shown}",
                       "the language must be \"zh\" (Chinese) or \"en\" (English), not {shown}"),
    "input.bad_workers": ("进程数应为不小于 1 的整数（或 None：每个处理器核一个），给出的是 {shown}",
                          "workers must be a whole number of at least 1 (or None: one per core), not {shown}"),
    "allocate.not_a_run": ("这份分配是测算中的一年（如 plan_years 的一种分法），不是一次可复核的运行，不写出结果："
                           "请用 allocate 以该预算分配这一年，再写出",
                           "this allocation is one year of a calculation (a split of plan_years), not a run that can "
                           "be verified, and is not written: allocate that year at its budget to write it"),
    "sweep.level_unsolved": ("预算水平{budget}无解：见其备注", "the level at {budget} has no solution: see its note"),
    "results.unknown_name": ("{shown} 不是可用的名称（{known}，或其中文名称）",
                             "{shown} is none of {known} (or their labels)"),
    "sweep.not_levels": ("{shown} 不是预算水平：请给出金额的列表，如 [\"8000万\", \"1亿\"]，或一段文字 \"8000万,1亿\"",
                         "{shown} is no budget levels: give a list of amounts, e.g. [\"8000万\", \"1亿\"], or one text "
                         "\"8000万,1亿\""),
    "sweep.no_levels": ("请至少给出一个预算水平", "give at least one budget level"),
    "sweep.level_infeasible": ("预算{budget}时：{conflict}", "at {budget}: {conflict}"),
    # the command line's own sentences
    "cli.problems_count": ("{files} 中有 {count} 处问题；未求解，也未写出任何结果。",
                           "{count} problem(s) in {files}; nothing was solved or written."),
    "cli.infeasible": ("情景不可行：各项限额无法同时满足；未写出任何结果。",
                       "the scenario is infeasible: its limits cannot all hold; nothing was written."),
    "cli.solver_trouble": ("求解出错：{text}", "solver trouble: {text}"),
    "cli.unexpected": ("意外错误：{kind}：{detail}（加 --debug 运行可查看详细信息）",
                       "unexpected error: {kind}: {detail} (run with --debug for the traceback)"),
    "cli.interrupted": ("已中断；未写出任何结果。", "interrupted; nothing was written."),
    "cli.warning": ("警告：{text}", "warning: {text}"),
    "cli.wrote": ("已写出 {path}", "wrote {path}"),
    "cli.reading": ("正在读取申报表", "reading the workbook"),
    "cli.solving": ("正在求解", "solving"),
    "cli.writing": ("正在写出结果", "writing the outputs"),
    "cli.levels": ("个预算水平", "levels"),
    "cli.levels_and_range": ("请只给出 --levels，或只给出 --from/--to/--steps，不要同时给出",
                             "give either --levels or --from/--to/--steps, not both"),
    "cli.levels_missing": ("请给出 --from、--to 和 --steps（或 --levels）",
                           "give --from, --to and --steps (or --levels)"),
    "cli.not_finite": ("应为有限的数，填写的是 {shown}", "must be a finite number, found {shown}"),
    "cli.levels_empty": ("--levels 中没有任何预算金额（例如 --levels 8000万,1亿,1.2亿）",
                         "--levels gives no budget (e.g. --levels 8000万,1亿,1.2亿)"),
    "cli.levels_reversed": ("--to 不能低于 --from", "--to must not be below --from"),
    "cli.levels_too_many": ("{option}：一次最多求解{most}个预算水平，要求的是 {shown} 个",
                            "{option}: a sweep solves at most {most} levels, not {shown}"),
    "cli.levels_merged": ("要求的{asked}个预算水平中只有{levels}个不同的金额，每个金额只求解一次",
                          "{asked} levels asked, with {levels} different amounts among them: each is solved once"),
    "cli.audit_args": ("请给出申报表和分配表：budgetopt audit WORKBOOK ALLOCATION_CSV",
                       "give the workbook and the allocation: budgetopt audit WORKBOOK ALLOCATION_CSV"),
    "cli.audit_manifest_args": ("使用 --manifest 时只需给出分配表（申报表、情景、预算、政策和资助台账取自该次运行）",
                                "with --manifest give only the allocation (workbook, scenario, budget, policy and "
                                "ledger come from the run)"),
    "cli.template_suffix": ("申报表模板必须是 .xlsx 文件", "the template must be an .xlsx file"),
    # what click finds wrong in a command line (cli/usage.py)
    "cli.usage": ("用法：{usage}（{help} 说明每个选项，附示例）",
                  "usage: {usage} ({help} explains each option, with an example)"),
    "cli.bad_value": ("{name}：{text}", "{name}: {text}"),
    "cli.whole_from": ("应为不小于 {low} 的整数，填写的是 {shown}",
                       "must be a whole number of at least {low}, found {shown}"),
    "cli.whole_between": ("应为 {low} 至 {high} 的整数，填写的是 {shown}",
                          "must be a whole number from {low} to {high}, found {shown}"),
    "cli.above": ("应为大于 {low} 的数，填写的是 {shown}", "must be a number above {low}, found {shown}"),
    "cli.one_of": ("应为 {choices} 之一，填写的是 {shown}", "must be one of {choices}, found {shown}"),
    "cli.is_folder": ("{shown} 是文件夹，这里要的是文件", "{shown} is a folder; a file is needed here"),
    "cli.is_file": ("{shown} 是文件，这里要的是文件夹", "{shown} is a file; a folder is needed here"),
    "cli.missing_argument": ("缺少 {name}", "{name} is missing"),
    "cli.missing_option": ("缺少必填选项 {option}", "the option {option} is required"),
    "cli.no_such_option": ("没有 {option} 这个选项", "there is no option {option}"),
    "cli.no_such_command": ("没有 {name} 这个命令", "there is no command {name}"),
    "cli.did_you_mean": ("（是否想用 {names}？）", " (did you mean {names}?)"),
    "cli.needs_value": ("{option} 后面要给出一个值", "{option} needs a value after it"),
    "cli.takes_no_value": ("{option} 不带值（只写 {option} 即可）", "{option} takes no value (write just {option})"),
    "cli.extra_arguments": ("多余的参数：{args}", "unexpected argument(s): {args}"),
    "cli.missing_command": ("缺少命令", "a command is missing"),
    # --- the award ledger (cli/ledger.py, jobs/ledger.py)
    "ledger.created": ("已创建资助台账 {path}（0条记录）", "created the award ledger {path} (no entries)"),
    "ledger.imported": ("已从 {source} 导入{count}项“{policy}”资助，合计{total}元，记入资助台账 {ledger}"
                        "（现共{entries}条记录）",
                        "imported {count} awards of {policy} from {source}, {total} yuan in all, into the award "
                        "ledger {ledger} ({entries} entries now)"),
    "ledger.already_imported": ("{source} 中的这项资助台账已有记录（第{seq}条，“{policy}”）：{credit_code}，"
                                "事项“{content_key}”，{amount}元，拨付日期{awarded_on}：同一资助不重复导入",
                                "{source} holds an award the ledger already records (entry {seq}, '{policy}'): "
                                "{credit_code}, content '{content_key}', {amount} yuan, paid on {awarded_on}: an "
                                "award is not imported twice"),
    "ledger.paid_published": ("{source} 中的这项资助是台账第{seq}条已公示记录的同一笔"
                              "（{year}年度，申报{application}）：{credit_code}，事项“{content_key}”，{amount}元："
                              "其拨付记录不再导入，否则会重复计算",
                              "{source} holds an award the ledger records as published (entry {seq}, {year}, "
                              "application {application}): {credit_code}, content '{content_key}', {amount} yuan: "
                              "its payment record is not imported, or it would count twice"),
    "ledger.corrected": ("已在资助台账 {ledger} 记入第{entry}条记录：核减第{seq}条资助（{applicant}，{credit_code}，"
                         "{policy}，{year}年度），由{before}元减为{after}元，依据：{basis}（现共{entries}条记录）",
                         "recorded entry {entry} in the award ledger {ledger}: award {seq} ({applicant}, "
                         "{credit_code}, {policy}, {year}) lowered from {before} to {after} yuan, on the basis of: "
                         "{basis} ({entries} entries now)"),
    "ledger.revoked": ("已在资助台账 {ledger} 记入第{entry}条记录：撤销第{seq}条资助（{applicant}，{credit_code}，"
                       "{policy}，{year}年度，原{before}元），依据：{basis}（现共{entries}条记录）",
                       "recorded entry {entry} in the award ledger {ledger}: award {seq} ({applicant}, {credit_code}, "
                       "{policy}, {year}, {before} yuan) revoked, on the basis of: {basis} ({entries} entries now)"),
    "ledger.corrected_preview": ("将在资助台账 {ledger} 记入第{entry}条记录（尚未记入）：核减第{seq}条资助"
                                 "（{applicant}，{credit_code}，{policy}，{year}年度），由{before}元减为{after}元，"
                                 "依据：{basis}",
                                 "would record entry {entry} in the award ledger {ledger} (not recorded yet): award "
                                 "{seq} ({applicant}, {credit_code}, {policy}, {year}) lowered from {before} to "
                                 "{after} yuan, on the basis of: {basis}"),
    "ledger.revoked_preview": ("将在资助台账 {ledger} 记入第{entry}条记录（尚未记入）：撤销第{seq}条资助（{applicant}，"
                               "{credit_code}，{policy}，{year}年度，原{before}元），依据：{basis}",
                               "would record entry {entry} in the award ledger {ledger} (not recorded yet): award "
                               "{seq} ({applicant}, {credit_code}, {policy}, {year}, {before} yuan) revoked, on the "
                               "basis of: {basis}"),
    "ledger.correction.bad_amount": ("更正后的金额应为0或以上的整元金额（如 1000000、100万），而不是“{shown}”",
                                     "the amount after the correction must be whole yuan, 0 or more (1000000, "
                                     "100万), not '{shown}'"),
    "ledger.correction.no_basis": ("请写明更正的依据（如决定的文号、公示异议的处理结果）",
                                   "give the correction's basis (the decision's document number, the outcome of an "
                                   "objection)"),
    "ledger.correction.long_basis": ("更正依据过长（{length}个字符，至多{most}个）",
                                     "the correction's basis is too long ({length} characters, at most {most})"),
    "ledger.correction.bad_entry": ("记录序号应为1或以上的整数，而不是“{shown}”",
                                    "the entry's number must be a whole number of 1 or more, not '{shown}'"),
    "ledger.correction.bad_date": ("更正决定的日期应为今天或以前的日期（格式为 YYYY-MM-DD），而不是“{shown}”",
                                   "the correction's date must be a date, today or before (YYYY-MM-DD), not "
                                   "'{shown}'"),
    "ledger.correction.basis_control": ("更正依据不能含换行或其他控制字符",
                                        "the correction's basis must not hold line breaks or other control "
                                        "characters"),
    "ledger.intact": ("资助台账 {path} 完整：共{entries}条记录，哈希链无误（末条哈希 {head}）",
                      "the award ledger {path} is intact: {entries} entries, hash chain unbroken (the last one's hash "
                      "{head})"),
    "ledger.not_intact": ("资助台账 {path} 的哈希链校验未通过：发现{count}处在 budgetopt 之外的改动",
                          "the award ledger {path} is not intact: {count} finding(s)"),
    # --- publish (jobs/publish.py)
    "publish.done": ("已发布 {run}：{count}项资助，合计{total}元，已记入资助台账 {ledger}（共{entries}条记录）；"
                     "公示名单{batch} notice.xlsx 和 awards.json 已写入该文件夹。"
                     "请抄录台账的记录条数和末条哈希（awards.json 亦记之），用以日后核对台账未被改写：{entries} {head}",
                     "published {run}: {count} awards, {total} yuan in all, recorded in the award ledger {ledger} "
                     "({entries} entries); the 公示 list{batch} notice.xlsx and awards.json are in the folder. Copy "
                     "the ledger's number of entries and the last one's hash (awards.json records them too), to "
                     "check later that the ledger was not rewritten: {entries} {head}"),
    "publish.already": ("该次运行（{run}，运行清单 SHA-256 {sha}…）已记入台账：不重复发布",
                        "the run {run} (manifest SHA-256 {sha}…) is already in the ledger: it is not published twice"),
    "publish.without_ledger": ("该次运行分配时未使用资助台账，而台账已有{entries}条记录：其中的资助未按“就高、不重复”"
                               "计入，不能发布。请使用该台账重新分配后再发布",
                               "the run was allocated without the award ledger, which holds {entries} entries: their "
                               "awards were not counted (就高、不重复), so it cannot be published. Allocate again with "
                               "this ledger, then publish"),
    "publish.ledger_moved": ("该次运行分配时资助台账有{counted}条记录，现有{entries}条：台账已不是该次运行所计入的，"
                             "不能发布。请使用该台账重新分配后再发布",
                             "the run counted {counted} entries of the award ledger, which now holds {entries}: it is "
                             "not the ledger the run counted, so the run cannot be published. Allocate again with this "
                             "ledger, then publish"),
    "publish.awarded_before": ("资助台账已记录该次运行中{count}项申报的资助（{ids}，由运行 {run}… 发布）："
                               "同一申报不重复发布（再次分配已发布的年度时，这些申报被当作已获资助；第二批申报请重新编号）",
                               "the award ledger already records awards of {count} of the run's applications ({ids}, "
                               "published by run {run}…): an application is not published twice (allocated again "
                               "after it was published, a year counts them as already granted; number a second "
                               "round anew)"),
    "publish.other_ledger": ("该次运行计入的资助台账是 {counted}，不是这一本：只能发布到运行所计入的台账",
                             "the run counted the award ledger {counted}, not this one: a run is published only into "
                             "the ledger it counted"),
    "publish.published_elsewhere": ("该次运行已发布到它所计入的资助台账 {counted}：不再发布到另一本台账",
                                    "the run is already published into the award ledger it counted, {counted}: it "
                                    "is not published into another"),
    "publish.written_before": ("该次运行分配时未使用资助台账，其文件夹中已有它发布时写出的 awards.json：它已发布到"
                               "某一本台账（或上次发布中途停止）。不再发布到另一本台账；若上次发布确实中途停止、"
                               "哪本台账都没有它，请删除该文件夹中的 notice.xlsx 和 awards.json 后再发布",
                               "the run was allocated without a ledger, and its folder holds the awards.json a "
                               "publication of it wrote: it is published into some ledger already (or a publish of "
                               "it stopped half-way). It is not published into another; if that publish did stop "
                               "and no ledger holds it, delete notice.xlsx and awards.json from the folder and "
                               "publish again"),
    "publish.no_awards": ("该次运行没有获资助的申报：无须发布", "the run funds no application: there is nothing to "
                          "publish"),
    "publish.no_allocation": ("文件夹中没有 allocation.csv：不是一次 allocate 运行写出的文件夹",
                              "no allocation.csv here: not a folder an allocate run wrote"),
    "publish.allocation_changed": ("{path} 在该次运行后已被修改（SHA-256 原为 {was}…，现为 {now}…）：只发布运行写出的"
                                   "分配结果",
                                   "{path} was changed after the run (SHA-256 was {was}…, is {now}…): only what the "
                                   "run wrote is published"),
    "publish.no_year": ("该次运行的情景未指定年度（year）：发布须知道是哪一年度的资助",
                        "the run's scenario has no year: publishing needs to know which year the awards are for"),
    # remedies that depend on how budgetopt was called (errors.Hint): as the library's arguments, and as options
    "hint.file_limit": ("（FileLimits.{value}）", " (FileLimits.{value})"),
    "hint.file_limit@cli": ("（{option}）", " with {option}"),
    "hint.time_limit": ("（请放宽 time_limit）", " (raise time_limit)"),
    "hint.time_limit@cli": ("（请放宽 --time-limit）", " (raise --time-limit)"),
    "hint.other_solver": ("（可试 solver=\"{value}\"）", " (try solver=\"{value}\")"),
    "hint.other_solver@cli": ("（可试 --solver {value}）", " (try --solver {value})"),
    "hint.other_solver_then": ("；可试 solver=\"{value}\"", "; try solver=\"{value}\""),
    "hint.other_solver_then@cli": ("；可试 --solver {value}", "; try --solver {value}"),
    "hint.highs_missing": ("；请用 solver=\"cbc\" 或重新安装", "; use solver=\"cbc\" or reinstall"),
    "hint.highs_missing@cli": ("；请用 --solver cbc 或重新安装", "; use --solver cbc or reinstall"),
    "hint.port": ("（或换一个端口）", " (or choose another port)"),
    "hint.port@cli": ("（或用 --port 换一个端口）", " (or choose another with --port)"),
    "hint.overwrite": ("（或给出 overwrite=True）", " (or give overwrite=True)"),
    "hint.overwrite@cli": ("（或加 --overwrite）", " (or add --overwrite)"),
    "hint.run_folder": ("（请给出一次 allocate 运行写出的文件夹）", " (give the folder an allocate run wrote)"),
    "hint.run_folder@cli": ("（请给出一次 allocate 运行的 --out 文件夹）",
                            " (give the --out folder of an allocate run)"),
}
