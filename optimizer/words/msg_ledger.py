"""Words of the award ledger's store (optimizer/ledger): refusals and what `ledger check` finds.

- `ledger.…`: a file refused as a ledger, or a write refused (each follows `<file>: `, as a Problem's message);
- `ledger.tampered.…`: one finding of `check`, a whole sentence naming the file and the entry. `{details}` names
  the entry as the file now holds it (credit code, application, amount).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ files refused as a ledger (schema.py)
    # a scenario's key is named where a person edits the scenario file (the command line); a report and the app
    # say the setting in words. The plain phrase is the one the run's files (report.html, allocation.xlsx) and Python
    # say: the app's word for the scenario, 分配方案, and what to do in words a command-line user and the app's alike
    # can follow (the files of a run are the same bytes whichever made it): counting the ledger is no step of its own
    # in the app, where a run counts it by itself, so it is said as how the new run is made, counting that ledger (an
    # officer's review: `……（记入资助台账），再计入资助台账，重新运行……` said the ledger twice and named a step no page
    # has; `（新的运行须计入资助台账）` then read as a step the officer must take); and publishing the earlier run is
    # said only of one not yet published (an auditor's review: `请先公示往年的那次运行` sent one who had published it
    # to publish it again, which is refused)
    "ledger.period_cap_alone": ("分配方案设有政策有效期内的单户上限，但本次未计入资助台账：往年已获的本政策资助不会"
                                "计入此上限，同一申报主体可能超出。如往年已有本政策的分配，请计入记有其公示的资助台账"
                                "重新运行本年度的分配（往年的运行尚未公示的，请先公示）",
                                "the scenario caps each applicant over the policy's whole period, but no award ledger "
                                "is counted: earlier years' awards under this policy are not counted towards it, and "
                                "an applicant may go over it. If an earlier year was allocated under this policy, "
                                "run this year's allocation again counting the award ledger that records its "
                                "publication (publish that earlier run first if it is not yet published)"),
    "ledger.period_cap_alone@cli": ("情景设有政策有效期内的单户上限（max_period_total），但本次未计入资助台账："
                                    "往年已获的本政策资助不会计入此上限，同一申报主体可能超出。如往年已有本政策的分配，"
                                    "请加 --ledger 计入记有其公示的资助台账重新分配（往年的运行尚未公示的，"
                                    "请先用 budgetopt publish 公示）",
                                    "the scenario caps each applicant over the policy's whole period "
                                    "(max_period_total), but no award ledger is counted: earlier years' awards under "
                                    "this policy are not counted towards it, and an applicant may go over it. If an "
                                    "earlier year was allocated under this policy, allocate again with --ledger naming "
                                    "the award ledger that records its publication (publish that run first with "
                                    "budgetopt publish if it is not yet published)"),
    "ledger.year_so_far": ("资助台账已记本政策{year}年度此前各批资助{earlier}元（{awards}项），"
                           "计入本年度预算及各项年度限额：年度预算{budget}元，预留{reserve}元，本批可分配{left}元",
                           "the ledger records {earlier} yuan granted under this policy in {year}'s earlier rounds "
                           "({awards} award(s)), which count towards the year's budget and limits: budget {budget}, "
                           "reserve {reserve}, {left} available in this round"),
    "ledger.no_year": ("分配方案未设年度：资助台账中本政策的资助只作为已获资助扣减、计入有效期上限，"
                       "不计入本次的预算及各项年度限额；分配某一年度的后续批次，请在分配方案中写明年度",
                       "the scenario has no year: the ledger's awards of this policy count as support already granted "
                       "and towards the period cap, but not towards this run's budget and limits of a year; to "
                       "allocate a later round of a year, give the scenario its year"),
    "ledger.no_year@cli": ("情景未设年度（year）：资助台账中本政策的资助只作为已获资助扣减、计入有效期上限，"
                           "不计入本次的预算及各项年度限额；分配某一年度的后续批次，请在情景中写明年度",
                           "the scenario has no year: the ledger's awards of this policy count as support already "
                           "granted and towards the period cap, but not towards this run's budget and limits of a "
                           "year; to allocate a later round of a year, set year in the scenario file"),
    "ledger.year_spent": ("本政策{year}年度预算{budget}元减预留{reserve}元后为{available}元，"
                          "而资助台账记录的该年度此前各批资助已达{earlier}元（{awards}项），本批没有可分配的预算："
                          "年度预算是全年总额，后续批次分配其余额；如本批另有资金，请以各批之和为年度预算",
                          "the {year} budget of {budget} yuan less the reserve of {reserve} is {available}, and the "
                          "ledger records {earlier} yuan this policy granted in the year's earlier rounds ({awards} "
                          "award(s)): nothing is left for this round. The budget is the year's total, and a later "
                          "round allocates what is left of it; if this round has money of its own, give the sum of "
                          "the rounds' as the year's budget"),
    "ledger.published_here": ("资助台账中已有本申报表中 {count} 项申报自己的资助（{ids}，公示运行 {run}… 时记入）："
                              "再次分配会把这些已公示的资助当作已获资助扣减。核对已公示的结果，请验证该次运行（verify）；"
                              "同一年度的第二批申报，请使用新的申报编号",
                              "the ledger already holds the awards of {count} of this workbook's applications "
                              "themselves ({ids}, recorded when run {run}… was published): allocating them again "
                              "counts those awards as support already granted. To check a published run, verify it; "
                              "number a second round's applications anew"),
    "ledger.unmatched_project": ("{count}项申报与台账中以往年度本政策的资助为同一申报单位、同一条款、同一项目名称，"
                                 "但事项标识不同或未填写，未按同一内容扣减（{ids}）：如是同一内容，请填写与以往相同的事项标识",
                                 "{count} application(s) have the applicant, clause and project name of an earlier "
                                 "year's award of this policy in the ledger, but another content key or none, so "
                                 "that award is not deducted ({ids}): if it is the same content, give it the same "
                                 "content key"),
    "ledger.renumbered": ("资助台账中已有{year}年度同一申报单位、同一条款、同一项目名称、但申报编号不同的资助："
                          "{count}项申报（{ids}，括号内为台账中的申报编号）。这份申报表可能是已公示的申报重新编号后的副本，"
                          "再次分配会重复资助；如确是第二批申报，请逐项核对",
                          "the ledger already holds awards of {year} to the same applicant, clause and project name "
                          "under other application ids: {count} application(s) ({ids}, the ledger's ids in "
                          "brackets). The workbook may be a published one numbered anew, and allocating it would pay "
                          "them again; if it is a second round, check each"),
    "ledger.missing": ("资助台账文件不存在", "no such ledger file"),
    "ledger.folder": ("是文件夹，不是资助台账文件", "is a folder, not a ledger file"),
    "ledger.empty": ("是空文件，不是 budgetopt 资助台账", "is an empty file, not a budgetopt ledger"),
    "ledger.not_sqlite": ("不是 budgetopt 资助台账（不是 SQLite 数据库文件）",
                          "is not a budgetopt ledger (not an SQLite database)"),
    "ledger.other_application": ("是其他程序的 SQLite 数据库，不是 budgetopt 资助台账",
                                 "is an SQLite database of another application, not a budgetopt ledger"),
    "ledger.newer_schema": ("是第{found}版格式的资助台账，新于本版 budgetopt 所知的第{known}版；请使用更新版本的 "
                            "budgetopt",
                            "is a ledger of schema version {found}, newer than the version {known} this budgetopt "
                            "knows; use a newer budgetopt"),
    "ledger.damaged": ("已损坏，无法作为资助台账读取（{reason}）",
                       "is damaged and cannot be read as a ledger ({reason})"),
    "ledger.incomplete": ("缺少资助台账的数据表或列（{names}）", "lacks the ledger's tables or columns ({names})"),
    "ledger.not_file": ("不是普通文件", "is not a regular file"),
    "ledger.cannot_open": ("无法打开（{reason}）", "cannot be opened ({reason})"),
    "ledger.cannot_create": ("无法创建（{reason}）", "cannot be created ({reason})"),
    "ledger.cannot_write": ("无法写入（{reason}）", "cannot be written ({reason})"),
    "ledger.busy": ("正由另一个程序写入，等待超时；请稍后重试",
                    "is being written by another program and did not become free in time; try again later"),
    "ledger.foreign_objects": ("含有非 budgetopt 创建的内容（{names}），为安全起见不写入",
                               "holds things budgetopt did not create ({names}); it is not written to, for safety"),
    # ------------------------------------------------------------ writes refused (store.py)
    "ledger.exists": ("已存在；budgetopt 不会覆盖已有文件，请另选文件名",
                      "already exists; budgetopt does not overwrite a file, choose another name"),
    "ledger.already_published": ("已记录运行 {run}… 的获批项目；同一次运行只能发布一次",
                                 "already records the awards of run {run}…; a run is published once"),
    "ledger.too_few": ("只有{count}条记录，少于运行读取它时的{upto}条：其后有记录被删除，或这是另一本资助台账",
                       "holds {count} entries, fewer than the {upto} it held when the run read it: entries were "
                       "removed since, or this is another ledger"),
    "ledger.correction.no_entry": ("没有第{seq}条记录（共{count}条）", "has no entry {seq} ({count} entries)"),
    "ledger.correction.of_correction": ("第{seq}条是一条更正记录（更正第{corrects}条）：要再更正该资助，"
                                        "请写第{corrects}条",
                                        "entry {seq} is a correction (of entry {corrects}): to correct that award "
                                        "again, give entry {corrects}"),
    "ledger.correction.no_change": ("第{seq}条资助现为{amount}元，与更正后的金额相同：无需更正",
                                    "entry {seq} stands at {amount} yuan already: the correction would change "
                                    "nothing"),
    "ledger.correction.above_first": ("第{seq}条资助的{granted}为{first}元（现为{amount}元）：更正后的金额不能高于"
                                      "{granted}",
                                      "the {granted} of entry {seq} is {first} yuan (it stands at {amount} now): a "
                                      "correction cannot raise it above that"),
    "ledger.correction.revoked": ("第{seq}条资助已撤销（现为0元），不能再核减；撤销有误的，可将其恢复，至多为原资助金额"
                                  "{first}元",
                                  "the award of entry {seq} is revoked (0 yuan now) and cannot be lowered further; if "
                                  "the revocation was a mistake, it may be restored, to at most the {first} yuan "
                                  "first granted"),
    "ledger.correction.changed_meanwhile": ("第{seq}条资助在此期间已由另一更正改为{now}元（决定时为{seen}元）："
                                            "为免依据未见过的金额调增，本次未记入；请核对后重新执行",
                                            "the award of entry {seq} was changed meanwhile by another correction, to "
                                            "{now} yuan ({seen} when this one was decided): so that no raise stands "
                                            "on an amount it did not see, nothing was recorded; check it and do it "
                                            "again"),
    "ledger.correction.before_award": ("更正决定的日期{on}早于第{seq}条资助的日期{since}",
                                       "the correction's date {on} is before that of the award of entry {seq}, "
                                       "{since}"),
    "ledger.changed_meanwhile": ("在此期间另有记录写入（现有{count}条记录），为免依据未见过的记录作出决定，"
                                 "本次未记入任何记录；请重新执行",
                                 "was written to meanwhile ({count} entries now): nothing was recorded, so that no "
                                 "decision stands on entries it did not see; do it again"),
    # ------------------------------------------------------------ what `check` finds (chain.py)
    "ledger.tampered.changed": ("{file}：第{seq}条记录已被修改（{details}）",
                                "{file}: entry {seq} was changed ({details})"),
    "ledger.tampered.removed": ("{file}：第{seq}条记录已被删除", "{file}: entry {seq} was removed"),
    "ledger.tampered.removed_run": ("{file}：第{seq}至{last}条记录（{count}条）已被删除",
                                    "{file}: entries {seq} to {last} were removed ({count} entries)"),
    "ledger.tampered.reordered": ("{file}：第{seq}条记录的位置被调换，此处是原第{recorded}条记录（{details}）",
                                  "{file}: entry {seq} was reordered: it holds what was recorded as entry {recorded} "
                                  "({details})"),
    "ledger.tampered.added": ("{file}：第{seq}条记录是在 budgetopt 之外添加的（{details}）",
                              "{file}: entry {seq} was added outside budgetopt ({details})"),
    "ledger.tampered.impossible": ("{file}：第{seq}条记录不是 budgetopt 能写下的更正（{details}）：台账在 budgetopt "
                                   "之外被改动过",
                                   "{file}: entry {seq} is no correction budgetopt could have recorded ({details}): "
                                   "the ledger was changed outside budgetopt"),
    "ledger.tampered.meta": ("{file}：资助台账对其记录条数和最后一条记录的登记已被修改",
                             "{file}: the ledger's record of its number of entries and its last entry was changed"),
    # ------------------------------------------------------------ a correction that raises an award (调增、恢复)
    # (jobs/ledger.py, report/ledger_out.py, report/ledger_summary.py, web/ledgers.py, the correction templates)
    "ledger.raised": ("已在资助台账 {ledger} 记入第{entry}条记录：调增第{seq}条资助（{applicant}，{credit_code}，"
                      "{policy}，{year}年度），由{before}元增为{after}元（原资助金额{first}元），依据：{basis}"
                      "（现共{entries}条记录）",
                      "recorded entry {entry} in the award ledger {ledger}: award {seq} ({applicant}, {credit_code}, "
                      "{policy}, {year}) raised from {before} to {after} yuan ({first} first granted), on the basis "
                      "of: {basis} ({entries} entries now)"),
    "ledger.restored": ("已在资助台账 {ledger} 记入第{entry}条记录：恢复第{seq}条资助（{applicant}，{credit_code}，"
                        "{policy}，{year}年度），由{before}元恢复为原资助金额{after}元，依据：{basis}"
                        "（现共{entries}条记录）",
                        "recorded entry {entry} in the award ledger {ledger}: award {seq} ({applicant}, {credit_code}, "
                        "{policy}, {year}) restored from {before} to the {after} yuan first granted, on the basis of: "
                        "{basis} ({entries} entries now)"),
    "ledger.raised_preview": ("将在资助台账 {ledger} 记入第{entry}条记录（尚未记入）：调增第{seq}条资助（{applicant}，"
                              "{credit_code}，{policy}，{year}年度），由{before}元增为{after}元（原资助金额{first}元），"
                              "依据：{basis}",
                              "would record entry {entry} in the award ledger {ledger} (not recorded yet): award {seq} "
                              "({applicant}, {credit_code}, {policy}, {year}) raised from {before} to {after} yuan "
                              "({first} first granted), on the basis of: {basis}"),
    "ledger.restored_preview": ("将在资助台账 {ledger} 记入第{entry}条记录（尚未记入）：恢复第{seq}条资助"
                                "（{applicant}，{credit_code}，{policy}，{year}年度），由{before}元恢复为原资助金额{after}元，"
                                "依据：{basis}",
                                "would record entry {entry} in the award ledger {ledger} (not recorded yet): award "
                                "{seq} ({applicant}, {credit_code}, {policy}, {year}) restored from {before} to the "
                                "{after} yuan first granted, on the basis of: {basis}"),
    # `ledger show` and the ledger's page: a correction that raises, and an award back at what it was first granted
    "ledger.note.raise": ("调增第{seq}条（{on}）：{basis}", "raises entry {seq} ({on}): {basis}"),
    "ledger.note.restore": ("恢复第{seq}条（{on}）：{basis}", "restores entry {seq} ({on}): {basis}"),
    "ledger.note.restored": ("已恢复为原金额", "restored to the amount first granted"),
    # the summary's 资助明细: each correction that raised the award
    "summary.note.raise": ("第{seq}条记录（{on}）调增{amount}：{basis}",
                           "entry {seq} ({on}) added back {amount}: {basis}"),
    "summary.note.restore": ("第{seq}条记录（{on}）恢复{amount}：{basis}",
                             "entry {seq} ({on}) restored {amount}: {basis}"),
    # the app: the correction form, its confirmation of a raise, and what a run did not count
    "web.correction.title": ("核减、撤销或恢复资助", "Lower, revoke or restore an award"),
    "web.correction.lead": ("公示异议成立、项目未通过验收或依法追回时，在此记录资助更正后的金额（撤销填0）和依据。"
                            "核减或撤销有误的（金额或记录序号填错、异议后被推翻），同样在此更正：更正后的金额可以高于"
                            "现有金额，但不能高于原资助金额（公示或导入时的金额）。已有记录不会被改动：每次更正都是一条"
                            "新记录，同样纳入哈希链；此后的分配、政策期上限和审核都按更正后的金额计算。",
                            "Where an objection is upheld, a project fails acceptance or an award is recovered, record "
                            "what the award now stands at (0 revokes it) and on what basis. A lowering or revocation "
                            "recorded by mistake (a wrong amount or entry number, an objection later overturned) is "
                            "put right here too: the amount after may be higher than the award stands at now, up to "
                            "what it was first granted at (published or imported). No entry is changed: each "
                            "correction is an entry of its own, in the hash chain; allocations, the period cap and "
                            "audits then count the award as it stands."),
    "web.correction.to": ("更正后金额", "Amount after"),
    "web.correction.link": ("更正", "Correct"),
    "web.correction.restore_link": ("恢复", "Restore"),
    "web.correction.title_raise": ("确认调增资助", "Confirm: raise an award"),
    "web.correction.title_restore": ("确认恢复资助", "Confirm: restore an award"),
    "web.correction.will_raise": ("将把第{seq}条资助（{who}）由{before}调增为{after}。",
                                  "The award of entry {seq} ({who}) will be raised from {before} to {after}."),
    "web.correction.will_restore": ("将把第{seq}条资助（{who}）由{before}恢复为原资助金额{after}。",
                                    "The award of entry {seq} ({who}) will be restored from {before} to the {after} "
                                    "first granted."),
    "web.correction.first": ("原资助金额", "First granted"),
    "web.correction.raised_to": ("调增为", "Raised to"),
    "web.correction.restored_to": ("恢复为", "Restored to"),
    "web.correction.added": ("调增金额", "Added back"),
    "web.correction.final": ("确认后将在资助台账 {path} 记入一条更正记录。台账只增不改：记入后不能删除或修改，"
                             "请核对申报单位、项目和金额。",
                             "Confirmed, a correction entry is recorded in the award ledger {path}. The ledger is "
                             "only ever added to: the entry cannot be removed or changed afterwards, so check the "
                             "applicant, the project and the amounts."),
    "web.since.raises": ("{count}条调增或恢复记录", "{count} correction(s) raising or restoring an award"),
}
