"""What budgetopt says when it audits an allocation or verifies a run, by code: (Chinese, English) templates (see
catalog.py).

A violation is one line, `audit.violation`: whom it concerns (`audit.subject.*`), the rule and the amounts (one code
per rule), and after a dash where the rule comes from (`audit.source.*`): the policy's own sentence (Chinese in both
languages), the scenario's key (`情景：[districts] max_share` / `scenario: [districts] max_share`) or the README's
section (`见 README「Outputs」` / `README, Outputs`). Amounts come pre-formatted (`1,300,000`); the Chinese adds 元.
"""

from __future__ import annotations

# what a status line advises whoever edits an allocation by hand, where the amount sets the status (an eligible
# row): whichever of the two was edited, the other goes with it (a planner's review: `只改分配额时……` said to a sheet
# whose 状态 alone was edited); a comparison of two runs leaves it out
STATUS_ADVICE = ("；状态随分配额而定：改其中一列时，请两列一同改，或删去状态列",
                 "; the status follows from the amount: change the two together, or leave the status column out")

MESSAGES: dict[str, tuple[str, str]] = {
    # --- one violation: whom, what, and where the rule comes from
    "audit.violation": ("{subject}：{what}——{source}", "{subject}: {what} — {source}"),
    "audit.subject.application": ("{id}（第{row}行）", "{id} (row {row})"),
    "audit.subject.no_id": ("第{row}行（无申报编号）", "row {row} (no id)"),
    "audit.subject.allocation_row": ("分配表第{row}行（{id}）", "allocation row {row} ({id})"),
    "audit.subject.budget": ("预算总额", "budget"),
    "audit.subject.rows": ("申报行", "rows"),
    "audit.subject.envelope": ("专项额度“{name}”", "envelope:{name}"),
    "audit.subject.envelope_min": ("专项额度“{name}”下限", "envelope_min:{name}"),
    "audit.subject.district_share": ("区县上限：{district}", "district_share:{district}"),
    "audit.subject.applicant_cap": ("单户上限：{credit_code}", "applicant_cap:{credit_code}"),
    "audit.subject.applicant_period_cap": ("单户有效期上限：{credit_code}", "applicant_period_cap:{credit_code}"),
    "audit.subject.group_cap": ("关联企业组上限：{group}", "group_cap:{group}"),
    "audit.source.clause": ("{number}第{clause}条：{sentence}", "{number} clause {clause}: {sentence}"),
    "audit.source.policy": ("{number}：{sentence}", "{number}: {sentence}"),
    "audit.source.validity": ("{number}：有效期{start}至{end}", "{number}: valid {start} … {end}"),
    "audit.source.scenario": ("情景：{keys}", "scenario: {keys}"),
    # the rule in Chinese words, for a reader of Chinese pointed to an English README; the English names the section
    "audit.source.readme": ("budgetopt 的{rule}（见 README「{section}」）", "README, {section}{rule}"),
    "audit.rule.outputs": ("分配表规则：每个申报行恰好一行，状态和核定额如实填写",
                           " (one row per workbook row, statuses and entitlements as the rules give them)"),
    "audit.rule.workbook": ("申报表规则：可读取的行与申请金额", " (which rows can be read, the amount requested)"),
    # --- why a row is excluded, or how its entitlement was set
    "audit.why.outside_period": ("申报日期{date}不在政策有效期（{start}至{end}）内",
                                 "submitted on {date}, outside the policy's period {start} … {end}"),
    "audit.why.outside_year": ("申报日期{date}不在情景年度{year}年内",
                               "submitted on {date}, outside the scenario year {year}"),
    "audit.why.procurement": ("第{clause}条为政府购买服务事项，不予资金奖补",
                              "clause {clause} is bought as a government service, never a grant"),
    "audit.why.not_qualified": ("第{clause}条的前提条件未确认：{precondition}",
                                "clause {clause} precondition not confirmed: {precondition}"),
    "audit.why.industry": ("所属行业{given}：第{clause}条仅支持{admitted}",
                           "industry {given}: clause {clause} admits only {admitted}"),
    "audit.why.size": ("企业规模{given}：第{clause}条仅支持{admitted}企业",
                       "enterprise size {given}: clause {clause} admits only {admitted}"),
    "audit.why.no_base": ("第{clause}条按{base}的比例奖补，但未填写{base}",
                          "clause {clause} pays a share of the {base}, which is not given"),
    "audit.why.invalid": ("申报表该行无法读取：{problems}", "the workbook row could not be read: {problems}"),
    "audit.small_amounts": ("分配额都小于1万元（最大的为{largest}元）：若是以万元填写的，"
                            "请在列标题中注明，如“分配额（万元）”",
                            "every award is below 10,000 yuan (the largest {largest}): if they are in 万元, say so in "
                            "the header, e.g. 'allocated (万元)'"),
    "audit.ledger_before_publication": ("资助台账自第{seq}条记录起已记入本分配表中申报的资助（公示）："
                                        "按其前{upto}条记录——该分配所计入的台账——审核",
                                        "the award ledger records this allocation's applications from entry {seq} on "
                                        "(their publication): audited against its first {upto} entries, the ledger "
                                        "the allocation counted"),
    "audit.ledger_in_reasons": ("分配表的说明列提到资助台账（如第{row}行）：该分配计入了资助台账，审核也须计入同一台账",
                                "the allocation's reasons speak of the award ledger (row {row}, say): it was made "
                                "counting the ledger, and must be audited with the same one"),
    "audit.ledger_in_reasons@cli": ("分配表的说明列提到资助台账（如第{row}行）：该分配计入了资助台账，"
                                    "请加 --ledger 台账文件，或用 --manifest 按该次运行审核",
                                    "the allocation's reasons speak of the award ledger (row {row}, say): it was "
                                    "made counting the ledger; give --ledger LEDGER, or audit it with --manifest"),
    "audit.total_row": ("分配表第{row}行是合计行，未计入", "allocation row {row} is a row of totals: not counted"),
    "audit.why.requested": ("申请金额{amount}元", "requested {amount}"),
    "audit.why.less_prior": ("扣除已获支持{amount}元", "less prior support {amount}"),
    "audit.why.superseded": ("与{kept}为同一内容，就高保留该项（{amount}元），本项不重复资助",
                             "same content as {kept}, kept at the higher standard {amount}"),
    "audit.why.prior_covers": ("该内容已获市级同类政策支持{prior}元，不低于其核定额{amount}元",
                               "already granted {prior} for this content by other municipal policies, not less than "
                               "its entitlement {amount}"),
    "audit.why.less_ledger_and_prior": ("扣除已获资助{amount}元（台账记录{ledger}元，"
                                        "另申报表填写的市级同类支持{declared}元）",
                                        "less {amount} already granted ({ledger} says the ledger, {declared} from "
                                        "other municipal policies, says the workbook)"),
    "audit.why.ledger_and_prior_covers": ("台账记录该内容已获资助{ledger}元，另申报表填写已获市级同类支持{declared}元，"
                                          "合计{prior}元，不低于其核定额{amount}元",
                                          "the ledger records {ledger} and the workbook {declared} from other "
                                          "municipal policies already granted for this content: {prior} in all, not "
                                          "less than its entitlement {amount}"),
    "audit.why.less_ledger": ("扣除台账记录的已获资助{amount}元", "less {amount} already granted, says the ledger"),
    "audit.why.ledger_covers": ("台账记录该内容已获资助{prior}元，不低于其核定额{amount}元",
                                "the ledger records {prior} already granted for this content, not less than its "
                                "entitlement {amount}"),
    "audit.why.allocated": ("核定额{e}元，分配{x}元", "allocated {x} of an entitlement of {e}"),
    "audit.limit.fixed": ("第{clause}条：定额奖励{maximum}元", "clause {clause}: a fixed award of {maximum}"),
    "audit.limit.capped": ("第{clause}条：最高{maximum}元", "clause {clause}: at most {maximum}"),
    "audit.limit.matching": ("第{clause}条：不超过{base}的{rate}（⌊{rate} × {amount}⌋ = {share}元），最高{maximum}元",
                             "clause {clause}: at most {rate} of the {base} (⌊{rate} × {amount}⌋ = {share}), at most "
                             "{maximum}"),
    # --- the rules, each with its amounts
    "audit.missing_rows": ("分配表缺少{count}个申报行（{first} … {last}）：每个申报行须恰好出现一次",
                           "the allocation lacks {count} input rows ({first} … {last}): every input row appears "
                           "exactly once"),
    "audit.missing_row": ("每个申报行须恰好出现一次：分配表中没有该行",
                          "every input row appears exactly once: the allocation has no row for it"),
    "audit.duplicate_row": ("每个申报行须恰好出现一次：分配表第{rows}行均为该申报，比申报表多{more}行",
                            "every input row appears exactly once: allocation rows {rows} hold it, {more} more than "
                            "the workbook has"),
    "audit.extra_row": ("申报表中没有申报编号“{id}”：分配表的每一行须对应申报表的一行",
                        "one row per input row: application_id '{id}' is not in the workbook"),
    "audit.mismatch": ("分配表该行与申报表不一致：{differs}",
                       "one row per input row: the allocation row differs from the workbook: {differs}"),
    "audit.differs": ("{name}为{value}（申报表：{expected}）", "{name} {value} (workbook: {expected})"),
    "audit.status": ("状态：填写为{stated}，应为{expected}（{why}）" + STATUS_ADVICE[0],
                     "status: stated {stated}, expected {expected} ({why})" + STATUS_ADVICE[1]),
    "audit.status_advice": STATUS_ADVICE,
    # a row the rules exclude (ineligible, a duplicate, unreadable): its status is the rules', whatever it is paid
    "audit.status_ruled": ("状态：填写为{stated}，应为{expected}（{why}）",
                           "status: stated {stated}, expected {expected} ({why})"),
    "audit.entitlement": ("核定额：填写为{stated}元，应为{expected}元{as_what}（{why}）",
                          "entitlement: stated {stated}, expected {expected}{as_what} ({why})"),
    "audit.entitlement_as": ("，状态为{status}", " as {status}"),
    "audit.paid": ("{what}：状态为{status}，却分配了{x}元（{why}）", "{what}: paid {x} though {status} ({why})"),
    "audit.paid.eligibility": ("不符合条件不予资助", "eligibility"),
    "audit.paid.once": ("就高、不重复", "就高、不重复"),
    "audit.paid.valid": ("数据有误不予资助", "valid rows"),
    "audit.above_ceiling": ("{limit}：分配{x}元，超过其上限{ceiling}元",
                            "{limit}: allocated {x}, above its ceiling {ceiling}"),
    "audit.above_requested": ("不超过申请金额：分配{x}元，申请金额{requested}元",
                              "at most the amount requested: allocated {x}, requested {requested}"),
    "audit.above_entitlement": ("不超过核定额：分配{x}元，超过其核定额{e}元（{why}）",
                                "at most the entitlement: allocated {x}, above its entitlement {e} ({why})"),
    "audit.whole_award": ("定额奖励须全额拨付或不拨付：第{clause}条为定额奖励，核定额{e}元，却分配{x}元",
                          "fixed awards whole: clause {clause} is a fixed award, paid whole or not at all: allocated "
                          "{x} of {e}"),
    "audit.min_ratio": ("最低资助比例{ratio}：分配{x}元，低于{ratio} × {e}元 = {floor}元，差{short}元，"
                        "达到一个取整单位（{unit}元）以上",
                        "minimum funding ratio {ratio}: allocated {x}, below {ratio} × {e} = {floor} by {short}, at "
                        "least one rounding unit ({unit})"),
    "audit.rounding": ("取整：部分资助须为{unit}元的整数倍：核定额{e}元，分配{x}元",
                       "rounding: a partial award is a multiple of {unit} yuan: allocated {x} of {e}"),
    "audit.content_paid_twice": ("就高、不重复：{credit_code}的内容“{key}”被重复资助：本行{x}元，{first}另获{amount}元",
                                 "就高、不重复: content '{key}' of {credit_code} is paid more than once: {x} here and "
                                 "{amount} to {first}"),
    "audit.budget": ("合计分配{total}元{earlier}，可分配额最多{available}元（预算{budget}元减预留{reserve}元），"
                     "超出{over}元",
                     "budget less reserve: allocated {total} in total{earlier}, at most {available} (budget {budget} "
                     "less reserve {reserve}), over by {over}"),
    "audit.earlier_rounds": ("（本年度此前各批另已用{earlier}元）", " (and {earlier} in the year's earlier rounds)"),
    "audit.envelope_max": ("第{clauses}条合计分配{used}元{earlier}，最多{upper}，超出{over}元",
                           "envelope max: clauses {clauses} allocated {used}{earlier}, at most {upper}, over by "
                           "{over}"),
    "audit.envelope_min": ("第{clauses}条合计分配{used}元{earlier}，至少{min}元，差{short}元{excuse}",
                           "envelope min: clauses {clauses} allocated {used}{earlier}, at least {min}, short by "
                           "{short}{excuse}"),
    "audit.rounding_excuse": ("（可能因取整而少付的{below}项申报各可容许少于{unit}元的差额）",
                              " (rounding excuses less than {unit} for each of {below} awards it may have rounded "
                              "down)"),
    "audit.upper": ("{upper}元", "{upper}"),
    "audit.upper.share": ("{upper}元（{share}）", "{upper} ({share})"),
    "audit.upper.smaller": ("{upper}元（{max}元与{share}中的较小者）", "{upper} (the smaller of {max} and {share})"),
    "audit.share": ("{available}元的{ratio}", "{ratio} of {available}"),
    "audit.district_share": ("分配{used}元{earlier}，最多{cap}元（{share}），超出{over}元",
                             "district share: allocated {used}{earlier}, at most {cap} ({share}), over by {over}"),
    "audit.applicant_cap": ("{name}合计分配{used}元{earlier}，最多{cap}元，超出{over}元",
                            "applicant cap: {name} allocated {used}{earlier}, at most {cap}, over by {over}"),
    "audit.applicant_period_cap": ("{name}本次分配{used}元，此前已获本政策资助{earlier}元，政策有效期内最多{cap}元，"
                                   "超出{over}元",
                                   "applicant period cap: {name} allocated {used} here and {earlier} earlier under "
                                   "this policy, at most {cap} over its period, over by {over}"),
    "audit.group_cap": ("关联企业组“{group}”合计分配{used}元{earlier}，最多{cap}元，超出{over}元",
                        "group cap: the linked enterprises {group} allocated {used}{earlier}, at most {cap}, over by "
                        "{over}"),
    # --- the audit's summary lines (the command line prints them)
    "audit.summary": ("审核 {allocation}（对照 {workbook}，情景“{scenario}”）：共{rows}行，已分配{allocated}元，"
                      "可分配{available}元{earlier}",
                      "audit of {allocation} against {workbook} ({scenario}): {rows} rows, {allocated} allocated of "
                      "{available} available{earlier}"),
    "audit.summary_rounds": ("（已扣除本年度此前各批资助{earlier}元）",
                             " (less the {earlier} granted in the year's earlier rounds)"),
    "audit.compliant": ("合规：政策和情景的每条规则均得到遵守。",
                        "compliant: every rule of the policy and the scenario holds."),
    "audit.violations_count": ("{count}处违规：不合规。", "{count} violation(s): not compliant."),
    "audit.optimum_equal": ("目标值{objective}：与最优值（{optimum}）一样好",
                            "objective {objective}: as good as the optimum ({optimum})"),
    "audit.optimum_above": ("目标值{objective}：比本工具的结果（{optimum}）高{above}。本工具求得最优解后，"
                            "将每项部分资助向下取整到{rounding}元的倍数，每项至多少分一个取整单位（how-it-decides.md），"
                            "取整后的最优可能略高",
                            "objective {objective}: {above} above this tool's result ({optimum}). The tool rounds "
                            "each partial award of its optimum down to a multiple of {rounding} yuan, at most one "
                            "unit each (how-it-decides.md), so the optimum of the rounded problem may be a little "
                            "higher"),
    "audit.optimum_below": ("目标值{objective}；最优值为{optimum}：本分配比最优值低{below}（{share}%）",
                            "objective {objective}; the optimum is {optimum}: this allocation is {below} ({share}%) "
                            "below it"),
    "audit.optimum_unknown": ("目标值{objective}；无法求得最优值（{error}）",
                              "objective {objective}; the optimum could not be computed ({error})"),
    # --- verify: re-running a recorded run
    "verify.ok": ("验证通过：按 {manifest} 重新运行，得到完全相同的 allocation.csv（SHA-256 {sha}）",
                  "verified: re-running {manifest} gives the identical allocation.csv (SHA-256 {sha})"),
    "verify.ok_unpinned": ("验证通过：按 {manifest} 重新运行，得到完全相同的 allocation.csv（SHA-256 {sha}）；"
                           "公示名单未被台账固定，仅按 awards.json 核对",
                           "verified: re-running {manifest} gives the identical allocation.csv (SHA-256 {sha}); the "
                           "公示 list is not pinned by the ledger, checked against awards.json only"),
    "verify.not_reproduced": ("未能复现：{manifest}", "not reproduced: {manifest}"),
    "verify.ledger_differs": ("按 {manifest} 重新运行，得到与记录完全相同的 allocation.csv，其文件夹中的文件也与记录"
                              "相符，但资助台账中该次运行的记录与之不符：",
                              "re-running {manifest} gives the identical allocation.csv and its folder's files are as "
                              "recorded, but the award ledger's record of the run is not:"),
    "verify.outputs_unchecked": ("该次运行的其他文件（allocation.xlsx、report.html 等）未核对：输入与记录不同，"
                                 "按其重新写出的文件本就会不同",
                                 "the run's other files (allocation.xlsx, report.html …) were not checked: an input is "
                                 "not as recorded, so the files written again from it would differ anyway"),
    "verify.identical_but": ("按 {manifest} 重新运行，得到与记录完全相同的 allocation.csv（SHA-256 {sha}…），"
                             "但以下与记录不同：",
                             "re-running {manifest} gives the identical allocation.csv (SHA-256 {sha}…), but these "
                             "are not as recorded:"),
    "verify.files_edited": ("运行后被改动过：按 {manifest} 重新运行，得到的 allocation.csv 与该次运行记录的相同，"
                            "但其文件夹中的文件与记录不符",
                            "changed after the run: re-running {manifest} gives the allocation.csv the run recorded, "
                            "but the files in its folder are not as recorded"),
    "verify.unreadable": ("无法作为运行清单读取（{error}）", "cannot be read as a manifest ({error})"),
    "verify.not_manifest": ("不是 budgetopt 的运行清单（缺少 {key}）", "not a budgetopt manifest (no {key})"),
    "verify.not_a_folder": ("不是文件夹", "is not a folder"),
    "verify.role.workbook": ("申报表", "workbook"),
    "verify.role.scenario": ("情景文件", "scenario"),
    "verify.role.policy": ("政策模型", "policy"),
    "verify.role.divisions": ("行政区划", "divisions"),
    "verify.role.ledger": ("资助台账", "award ledger"),
    "verify.ledger_changed": ("资助台账 {where}（{path}）的前{entries}条记录与该次运行所用的不同"
                              "（末条记录的哈希原为 {was}…，现为 {now}…）：台账被修改过，或不是该次运行所用的台账",
                              "the award ledger {where} ({path}) does not hold the {entries} entries the run counted "
                              "(the last one's hash was {was}…, is {now}…): it was changed, or it is another ledger"),
    "verify.settings_edited": ("情景是在 Python 中给出的，复核清单记录的情景设置（scenario）在运行后被改动过"
                               "（运行时 SHA-256 {was}…，现为 {now}…）：无从按运行时的设置重新运行",
                               "the scenario was given in Python, and the settings the manifest records of it "
                               "(`scenario`) were edited since the run (SHA-256 {was}… then, {now}… now): the run "
                               "cannot be re-run as it was"),
    "verify.settings_rerun": ("情景是在 Python 中给出的（不是文件）：按复核清单记录的情景设置重新运行，"
                              "这些设置与复核清单记录的 SHA-256 一致",
                              "the scenario was given in Python, not as a file: re-run from the settings the manifest "
                              "records, which match the SHA-256 the manifest records"),
    "verify.settings_unpinned": ("此次运行既未记录情景文件，也未记录情景设置的 SHA-256"
                                 "（2026年12月以前在 Python 中给出的情景）：按复核清单记录的情景设置重新运行，"
                                 "这些设置没有哈希可以核对",
                                 "the run recorded neither a scenario file nor its settings' SHA-256 (a scenario given "
                                 "in Python before December 2026): re-run from the settings the manifest records, "
                                 "which no hash pins"),
    "verify.given_as": ("{role}是以{article} {given} 给出的，不是文件：无从重新读取",
                        "the {role} was given as {article}{given}, not a file: there is nothing to read again"),
    "verify.missing": ("{role} {where} 找不到（已查找 {path}，以及 manifest.json 所在文件夹中的 {name}{inputs}）"
                       "{hint}",
                       "the {role} {where} is missing (looked for {path}, then {name} beside the manifest{inputs})"
                       "{hint}"),
    "verify.missing_here": ("{role} {where} 找不到（已查找 {path}{inputs}）{hint}",
                            "the {role} {where} is missing (looked for {path}{inputs}){hint}"),
    "verify.missing_given_ledger": ("，以及 --ledger 给出的 {path}（其前{entries}条记录不是该次运行所计的）",
                                    ", then {path} given by --ledger (its first {entries} entries are not those the "
                                    "run counted)"),
    "verify.missing_ledger_hint": ("：如台账已移走或改名，请用 --inputs 给出其所在文件夹（按前{entries}条记录查找）",
                                   ": if the ledger was moved or renamed, give the folder it is in with --inputs "
                                   "(found by its first {entries} entries)"),
    "verify.missing_inputs": ("，以及 {folder} 中 SHA-256 相同的文件", ", then a file with its SHA-256 in {folder}"),
    "verify.missing_inputs_ledger": ("，以及 {folder} 中前{entries}条记录与之相同（哈希链一致）的台账",
                                     ", then a ledger in {folder} whose first {entries} entries are the same (their "
                                     "hash chain)"),
    "verify.changed": ("{role} {where} 不是该次运行所用的版本（SHA-256 原为 {was}…，现为 {now}…）：运行后被修改过，"
                       "或已换成另一个文件",
                       "the {role} {where} is not the version the run read (SHA-256 was {was}…, is now {now}…): "
                       "changed since, or another file"),
    "verify.shipped_changed": (
        "本版本 budgetopt 随附的{role} {name} 与该次运行所用的版本不同（SHA-256 原为 {was}…，现为 {now}…）{remedy}",
        "the {role} {name} this budgetopt ships is not the version the run read (SHA-256 was {was}…, is now {now}…)"
        "{remedy}"),
    "verify.shipped_remedy.policy": ("：请用 --inputs 给出该次运行所用版本的存档副本（按 SHA-256 查找）",
                                     ": give an archived copy of the run's version with --inputs (found by SHA-256)"),
    "verify.shipped_remedy.other": ("：请用该次运行时的 budgetopt 版本复核",
                                    ": verify with the budgetopt the run used"),
    "verify.shipped_archived": ("本版本随附的{role}与该次运行所用的不同：已使用 SHA-256 相同的存档副本 {path}",
                                "this budgetopt ships another {role} than the run read: read the archived copy {path}, "
                                "which has its SHA-256"),
    "verify.changed_copy": ("{role} {where} 不是该次运行所用的文件：{path} 的 SHA-256 为 {now}…，运行时为 {was}…",
                            "the {role} {where} is not the run's: {path} has SHA-256 {now}…, the run's was {was}…"),
    "verify.ledger_unchained": ("资助台账 {where}（{path}）的前{entries}条记录已不能按哈希链读出：台账在 budgetopt "
                                "之外被改动过（请用 budgetopt ledger check 查看），或不是该次运行所用的台账",
                                "the first {entries} entries of the award ledger {where} ({path}) no longer read as a "
                                "hash chain: it was changed outside budgetopt (see budgetopt ledger check), or it is "
                                "another ledger"),
    "verify.output_edited": ("manifest.json 旁的 {name} 不是该次运行写出的文件（重新运行得到的与之不同）："
                             "运行后被改动过",
                             "the {name} beside manifest.json is not the file the run wrote (the re-run's differs): "
                             "changed since"),
    "verify.output_edited_with_hash": (
        "manifest.json 旁的 {name} 与本版本写出的不同，但其 SHA-256 与复核清单记录的相同；而复核清单记录的{same}都与"
        "此处相同，本应写出完全相同的文件：{name} 在运行后被改动过，复核清单中它的 SHA-256 也随之被改过",
        "the {name} beside manifest.json is not what this budgetopt writes, though it has the SHA-256 the manifest "
        "records; and the manifest records {same}, which write it byte for byte: {name} was changed after the run, "
        "and its SHA-256 in the manifest with it"),
    # what writes a run's file byte for byte: budgetopt's version and its writers' (allocation.xlsx, report.html are
    # written by its own writers); the exported model's writer is a package (pulp)
    "verify.same_as.writers": (" budgetopt 版本（{version}）和文件写法版本（第{writers}版）",
                               "this budgetopt's version ({version}) and writers' version ({writers})"),
    "verify.same_as.packages": (" budgetopt 版本（{version}）、文件写法版本（第{writers}版）和依赖包版本",
                                "this budgetopt's version ({version}), writers' version ({writers}) and packages"),
    "verify.output_writers_reused": (
        "manifest.json 旁的 {name} 与本版本写出的不同，而复核清单记录的{same}都与此处相同；但其 SHA-256 与复核清单记录"
        "的相同，资助台账 {path} 中该次公示的记录又记有复核清单本身的 SHA-256：此文件就是该次运行写出的，是本版本在同一"
        "文件写法版本下写法不同（文件写法的版本号被重复使用了），请向 budgetopt 的维护者报告",
        "the {name} beside manifest.json is not what this budgetopt writes, though the manifest records {same}; but it "
        "has the SHA-256 the manifest records, and the award ledger {path}'s entries of the publication record the "
        "manifest's own SHA-256: the file is the one the run wrote, and this budgetopt writes it otherwise under the "
        "same writers' version (a writers' version reused) — please report this to budgetopt's maintainers"),
    "verify.output_as_recorded": (
        "manifest.json 旁的 {name} 与本版本写出的不同，其 SHA-256 与复核清单记录的相同；本版本 budgetopt 无法自行核对"
        "此文件（{why}），而{vouch}{read}",
        "the {name} beside manifest.json is not what this budgetopt writes; its SHA-256 matches the manifest, but this "
        "budgetopt cannot check this file itself ({why}), and {vouch}{read}"),
    "verify.vouch.unpublished": ("未公示的复核清单不能为它作保", "an unpublished manifest cannot vouch for it"),
    "verify.vouch.unheld": ("未找到记有复核清单 SHA-256 的资助台账为它作保（与它同在一处的 awards.json 不能作保）",
                            "no award ledger recording the manifest's SHA-256 was found to vouch for it (awards.json, "
                            "beside it, cannot)"),
    "verify.output_as_published": (
        "manifest.json 旁的 {name} 与本版本写出的不同，其 SHA-256 与复核清单记录的相同，而资助台账 {path} 中该次公示的"
        "记录记有复核清单本身的 SHA-256；本版本 budgetopt 无法自行核对此文件（{why}）{read}",
        "the {name} beside manifest.json is not what this budgetopt writes; its SHA-256 matches the manifest, whose "
        "own SHA-256 the award ledger {path} records of the publication; this budgetopt cannot check this file itself "
        "({why}){read}"),
    # allocation.xlsx's allocation sheet read back (as audit reads it) and set beside the re-run's allocation.csv
    "verify.sheet_read": ("；其分配结果逐行读回，与该次运行的分配相同",
                          "; its allocation sheet, read back, is the run's allocation row by row"),
    # a file whose bytes are not the run's: its rows read back as the run's, and the rest of it — every other cell,
    # the page's other text — set beside the re-run's file (jobs/verify_rest.py): saved again only where nothing a
    # person reads differs (an auditor's review: a rewritten 年度预算, and a headline total, read `可能被…重新保存过`)
    "verify.sheet_resaved": ("manifest.json 旁的 {name} 不是该次运行写出的文件，但其每个工作表的每个单元格读回都与该次"
                             "运行相同；文件的字节不同，可能被电子表格程序重新保存过",
                             "the {name} beside manifest.json is not the file the run wrote, but every cell of every "
                             "sheet reads back as the run's: its bytes differ, perhaps saved again by a spreadsheet "
                             "program"),
    "verify.sheet_rest_edited": ("manifest.json 旁的 {name} 不是该次运行写出的文件：其分配结果逐行读回与该次运行相同，"
                                 "但以下单元格不同，运行后被改动过",
                                 "the {name} beside manifest.json is not the file the run wrote: its allocation sheet "
                                 "reads back as the run's row by row, but the cells below differ: changed since"),
    "verify.sheet_rows_only": ("manifest.json 旁的 {name} 不是该次运行写出的文件（重新运行得到的与之不同）：其分配结果"
                               "逐行读回与该次运行相同，但该次运行的文件写法与本版本不同，其他工作表无法逐格核对，可能被改动过",
                               "the {name} beside manifest.json is not the file the run wrote (the re-run's differs): "
                               "its allocation sheet reads back as the run's row by row, but the run's files were "
                               "written otherwise than this budgetopt writes them, so its other sheets cannot be "
                               "compared cell by cell, and may have been changed"),
    "verify.sheet_rest_cell": ("{name} {sheet} {cell}为{found}，该次运行为{rerun}",
                               "{name}, sheet {sheet}, {cell}: {found}, {rerun} in the run"),
    "verify.sheet_rest_missing": ("{name} 缺少该次运行的工作表“{sheet}”",
                                  "{name} has no sheet '{sheet}', which the run's has"),
    "verify.sheet_rest_extra": ("{name} 多出工作表“{sheet}”，该次运行没有",
                                "{name} has a sheet '{sheet}', which the run's has not"),
    # a status written in other words that mean the run's (未获 for 未获资助): not a difference, but no program saving
    # the file again writes it (an auditor's review: `每个单元格读回都与该次运行相同` of a 状态 typed 未获)
    "verify.output_reworded": ("manifest.json 旁的 {name} 不是该次运行写出的文件：读回与该次运行相同，但以下状态换了"
                               "同义的说法，不是重新保存所致：运行后被改写过",
                               "the {name} beside manifest.json is not the file the run wrote: it reads back as the "
                               "run's, but the statuses below are written in other words that mean the same, which no "
                               "saving again does: rewritten since"),
    "verify.sheet_cell_reworded": ("{name} 第{row}行（{id}）：{column}写作{found}，与该次运行的{rerun}同义",
                                   "{name} row {row} ({id}): {column} is written {found}, meaning the run's {rerun}"),
    "verify.report_cell_reworded": ("{name}「{table}」表第{row}行（{id}）：{column}写作{found}，"
                                    "与该次运行的{rerun}同义",
                                    "{name}, table '{table}', row {row} ({id}): {column} is written {found}, meaning "
                                    "the run's {rerun}"),
    "verify.reworded_more": ("……另有{count}处状态换了同义的说法",
                             "… and {count} more statuses written in other words that mean the same"),
    "verify.sheet_edited": ("manifest.json 旁的 {name} 虽有复核清单记录的 SHA-256，但读回的分配结果与该次运行的分配"
                            "不同：运行后被改动过",
                            "the {name} beside manifest.json has the SHA-256 the manifest records, but its allocation "
                            "sheet, read back, is not the run's allocation: changed after the run"),
    "verify.sheet_cell": ("{name} 第{row}行（{id}）：{column}为{found}，该次运行的 allocation.csv 为{rerun}",
                          "{name} row {row} ({id}): {column} is {found}, {rerun} in the run's allocation.csv"),
    "verify.sheet_cell_status": ("{name} 第{row}行（{id}）：{column}为{found}，该次运行为{rerun}"
                                 "（allocation.csv 中为 {held}）",
                                 "{name} row {row} ({id}): {column} is {found}, {rerun} in the run ({held} in its "
                                 "allocation.csv)"),
    "verify.sheet_row_extra": ("{name} 第{row}行（{id}）不是该次运行 allocation.csv 中的一行",
                               "{name} row {row} ({id}) is no row of the run's allocation.csv"),
    "verify.sheet_row_missing": ("{name} 缺少该次运行 allocation.csv 中 {id} 的一行",
                                 "{name} has no row for {id}, which the run's allocation.csv has"),
    "verify.sheet_more": ("……另有{count}处不同", "… and {count} more differences"),
    "verify.sheet_unreadable": ("manifest.json 旁的 {name} 无法作为分配表读回：{why}",
                                "the {name} beside manifest.json cannot be read back as an allocation: {why}"),
    "verify.sheet_column.applicant": ("申报单位", "applicant"),
    "verify.sheet_column.credit_code": ("统一社会信用代码", "credit code"),
    "verify.sheet_column.district": ("所属区县", "district"),
    "verify.sheet_column.clause": ("政策条款", "clause"),
    "verify.sheet_column.entitlement": ("核定额", "entitlement"),
    "verify.sheet_column.allocated": ("分配额", "allocated"),
    "verify.sheet_column.status": ("状态", "status"),
    "verify.sheet_column.status_label": ("状态说明", "status, in words"),
    "verify.sheet_column.status_text": ("状态", "status"),  # report.html's, in words
    "verify.sheet_column.score": ("评审得分", "score"),
    "verify.sheet_column.reason": ("原因", "reason"),
    # report.html's tables of applications read back (reading/report_html.py) and set beside the re-run's
    # allocation.csv; {table} is the heading above a table, as the page has it
    "verify.report_read": ("；其申报明细表逐行读回，与该次运行的分配相同",
                           "; its tables of applications, read back, are the run's allocation row by row"),
    "verify.report_resaved": ("manifest.json 旁的 {name} 不是该次运行写出的文件，但其页面上的文字（包括申报明细表）"
                              "读回都与该次运行相同；文件的字节不同，可能被浏览器或编辑器重新保存过",
                              "the {name} beside manifest.json is not the file the run wrote, but the text of its "
                              "page, its tables of applications with it, reads back as the run's: its bytes differ, "
                              "perhaps saved again by a browser or an editor"),
    "verify.report_rest_edited": ("manifest.json 旁的 {name} 不是该次运行写出的文件：其申报明细表逐行读回与该次运行"
                                  "相同，但页面上以下文字不同，运行后被改动过",
                                  "the {name} beside manifest.json is not the file the run wrote: its tables of "
                                  "applications read back as the run's row by row, but the page's text below differs: "
                                  "changed since"),
    "verify.report_rows_only": ("manifest.json 旁的 {name} 不是该次运行写出的文件（重新运行得到的与之不同）：其申报明细"
                                "表逐行读回与该次运行相同，但该次运行的文件写法与本版本不同，页面的其他文字无法逐项核对，"
                                "可能被改动过",
                                "the {name} beside manifest.json is not the file the run wrote (the re-run's differs): "
                                "its tables of applications read back as the run's row by row, but the run's files "
                                "were written otherwise than this budgetopt writes them, so the rest of its page "
                                "cannot be compared, and may have been changed"),
    "verify.page_text": ("{name} 页面文字{found}，该次运行为{rerun}",
                         "{name}: the page reads {found}, {rerun} in the run"),
    "verify.page_text_extra": ("{name} 页面多出文字{found}，该次运行的页面没有",
                               "{name}: the page reads {found}, which the run's page does not"),
    "verify.page_text_missing": ("{name} 页面缺少该次运行的文字{rerun}",
                                 "{name}: the page lacks the run's {rerun}"),
    "verify.report_edited": ("manifest.json 旁的 {name} 虽有复核清单记录的 SHA-256，但读回的申报明细与该次运行的分配"
                             "不同：运行后被改动过",
                             "the {name} beside manifest.json has the SHA-256 the manifest records, but its tables of "
                             "applications, read back, are not the run's allocation: changed after the run"),
    "verify.report_cell": ("{name}「{table}」表第{row}行（{id}）：{column}为{found}，"
                           "该次运行的 allocation.csv 为{rerun}",
                           "{name}, table '{table}', row {row} ({id}): {column} is {found}, {rerun} in the run's "
                           "allocation.csv"),
    "verify.report_cell_status": ("{name}「{table}」表第{row}行（{id}）：{column}为{found}，该次运行为{rerun}"
                                  "（allocation.csv 中为 {held}）",
                                  "{name}, table '{table}', row {row} ({id}): {column} is {found}, {rerun} in the run "
                                  "({held} in its allocation.csv)"),
    "verify.report_row_extra": ("{name}「{table}」表第{row}行（{id}）不是该次运行 allocation.csv 中的一行",
                                "{name}, table '{table}', row {row} ({id}) is no row of the run's allocation.csv"),
    "verify.report_row_missing": ("{name}「{table}」表缺少该次运行 allocation.csv 中 {id} 的一行",
                                  "{name}, table '{table}', has no row for {id}, which the run's allocation.csv has"),
    "verify.report_column_missing": ("{name}「{table}」表缺少{column}列",
                                     "{name}, table '{table}', has no {column} column"),
    "verify.report_no_table": ("manifest.json 旁的 {name} 中没有申报明细表（表头有“{id}”和“{row}”的表格）："
                               "运行后被改动过",
                               "the {name} beside manifest.json has no table of the applications (one headed '{id}' "
                               "and '{row}'): changed after the run"),
    "verify.report_table_nth": ("第{n}个", "no. {n}"),
    "verify.report_unreadable": ("manifest.json 旁的 {name} 无法读回其申报明细：{why}",
                                 "the {name} beside manifest.json cannot be read back for its applications: {why}"),
    # why a page cannot be read back (reading/report_html.py)
    "page.too_large": ("文件大于 {limit} MB，budgetopt 写出的 report.html 不会这么大",
                       "larger than {limit} MB, which no report.html budgetopt writes is"),
    "page.not_utf8": ("不是 UTF-8 文本（第{at}个字节无法解码）", "not UTF-8 text (byte {at} cannot be decoded)"),
    "page.not_html": ("无法作为网页读取（{error}）", "cannot be read as a web page ({error})"),
    "page.too_many_cells": ("其表格的单元格多于 {limit} 个", "its tables hold more than {limit} cells"),
    "page.cell_too_long": ("有单元格长于 {limit} 个字符", "a cell is longer than {limit} characters"),
    # why this budgetopt cannot write a run's file as the run did: what the manifest's `tool` records otherwise
    "verify.unchecked.version": ("该次运行使用 budgetopt {was}", "the run used budgetopt {was}"),
    "verify.unchecked.no_writers": ("复核清单未记文件写法的版本", "the manifest records no writers' version"),
    "verify.unchecked.writers": ("文件写法为第{was}版，本版本为第{now}版",
                                 "written by writers' version {was}, this budgetopt's is {now}"),
    "verify.unchecked.no_packages": ("复核清单未记依赖包版本", "the manifest records no packages"),
    "verify.unchecked.packages": ("依赖包版本不同：{versions}", "other packages: {versions}"),
    "verify.publication_edited": ("manifest.json 旁的 {name} 不是公示该次运行时写出的文件：公示后被改动过",
                                  "the {name} beside manifest.json is not the file publishing the run wrote: changed "
                                  "since"),
    # the 公示 list (notice.xlsx) as the publication wrote it: awards.json says how, the ledger pins its SHA-256
    "verify.notice_not_published": (
        "manifest.json 旁的 {name} 不是公示时写出的文件：资助台账 {path} 记该次公示的公示名单的 SHA-256 为 "
        "{pinned}…，现为 {now}…",
        "the {name} beside manifest.json is not the file the 公示 wrote: the award ledger {path} records the list's "
        "SHA-256 as {pinned}…, it is {now}…"),
    "verify.notice_settings_edited": (
        "{awards} 记录的公示名单写法（{key} 为 {recorded}）与 {name} 不符；{name} 与按 {key} 为 {found} "
        "写出的完全相同：{awards} 在公示后被改动过",
        "{awards} records the 公示 list as written with {key} {recorded}, which {name} is not; {name} is the list "
        "written with {key} {found} to the byte: {awards} was changed after the 公示"),
    "verify.notice_settings_pinned": (
        "{awards} 记录的公示名单写法（{key} 为 {recorded}）写不出公示时的公示名单；资助台账 {path} 所记的"
        "公示名单是按 {key} 为 {found} 写出的：{awards} 在公示后被改动过",
        "{awards} records the 公示 list as written with {key} {recorded}, which does not write the list as "
        "published; the list the award ledger {path} records was written with {key} {found}: {awards} was changed "
        "after the 公示"),
    "verify.notice_settings_unknown": (
        "{name} 是公示时写出的文件（资助台账 {path} 记其 SHA-256），但按 {awards} 记录的写法写出的公示名单与之不同："
        "{awards} 在公示后被改动过",
        "{name} is the file the 公示 wrote (the award ledger {path} records its SHA-256), but the list written as "
        "{awards} records it is not: {awards} was changed after the 公示"),
    "verify.reasons_edited": (
        "复核清单记录的原因写法为第{was}版，但按第{found}版写出的原因重新运行，得到与记录完全相同的 allocation.csv："
        "复核清单中的 tool.reasons 在运行后被改动过",
        "the manifest records reasons written by writer {was}, but the re-run explained by writer {found} gives the "
        "recorded allocation.csv: tool.reasons was edited in the manifest after the run"),
    "verify.reasons_removed": (
        "复核清单未记原因写法的版本（按第1版），但按第{found}版写出的原因重新运行，得到与记录完全相同的 "
        "allocation.csv：复核清单中的 tool.reasons 在运行后被删去",
        "the manifest records no reason writer (read as the first), but the re-run explained by writer {found} gives "
        "the recorded allocation.csv: tool.reasons was taken out of the manifest after the run"),
    "verify.writers_later": (
        "复核清单记录的文件写法为第{was}版，晚于本版本 budgetopt 的第{now}版：本版本无从核对 allocation.xlsx、"
        "report.html 等文件，请用写出该次运行的版本复核",
        "the manifest records files written by a later writers' version ({was}) than this budgetopt's ({now}): this "
        "one cannot check allocation.xlsx, report.html and the rest; verify the run with the budgetopt that wrote it"),
    "verify.packages_version": ("该次运行使用的依赖包版本与本机不同（运行时 → 本机）：{versions}",
                                "the run used other versions of packages than this machine has (then → now): "
                                "{versions}"),
    "verify.key_taken_out": (
        "复核清单缺少 {key}，却有 {later}：budgetopt 先写 {key}，后来才写 {later}，凡有后者的复核清单都有前者——{key} "
        "是在运行后被删去的",
        "the manifest has no {key}, though it has {later}: budgetopt wrote {key} in every manifest before it began to "
        "write {later}, so {key} was taken out after the run"),
    "verify.reasons_later": ("复核清单记录的原因写法为第{was}版，晚于本版本 budgetopt 的第{now}版：请用写出该次运行的"
                             "版本复核",
                             "the manifest records reasons written by a later writer ({was}) than this budgetopt's "
                             "({now}): verify the run with the budgetopt that wrote it"),
    "verify.notice_unpinned": (
        "资助台账 {path} 中该次公示的记录未记公示名单的 SHA-256（公示时台账的格式早于第3版，尚不记此值）：{name} 只按 "
        "{awards} 记录的写法核对，未被台账固定",
        "the award ledger {path}'s entries of the publication record no SHA-256 of its 公示 list (published into a "
        "ledger of a schema before 3, which did not record it): {name} was checked only against how {awards} says it "
        "was written, which the ledger does not pin"),
    # the 公示 list's rows, matched by credit code and project before their cells are compared
    "verify.notice_row_missing": ("{name} 缺少公示名单的 序号 {no}：{applicant}，{project}，{amount}",
                                  "{name} lacks No. {no} of the 公示 list: {applicant}, {project}, {amount}"),
    "verify.notice_row_added": ("{name} 第{row}行不在公示名单中：{applicant}，{project}，{amount}",
                                "{name} row {row} is not in the 公示 list: {applicant}, {project}, {amount}"),
    "verify.notice_rows_more": ("……另有{count}行缺少或多出", "… and {count} more rows missing or added"),
    "verify.notice_renumbered": ("{name} 的序号已重新连续编号（1至{count}）",
                                 "{name} is numbered again, 1 to {count}"),
    "verify.notice_cell": ("{name} {place}：{what}为 {found}，公示时为 {written}",
                           "{name} {place}: {what}is {found}, {written} as published"),
    "verify.notice_place.row": ("序号 {no}", "No. {no}"),
    "verify.notice_place.total": ("合计", "the total"),
    "verify.notice_place.cell": ("单元格 {cell}", "cell {cell}"),
    "verify.notice_empty": ("（空）", "(empty)"),
    "verify.notice_cells_more": ("……另有{count}处不同", "… and {count} more differences"),
    "verify.notice_cells_same": ("{name} 各单元格的内容与公示时相同，表中也没有被隐藏的行列或与底色同色的文字；"
                                 "但文件本身不同：其格式或文件结构被改动过",
                                 "every cell of {name} reads as published, and no row or column is hidden nor any text "
                                 "coloured as its background; but the file itself differs: its formatting or structure "
                                 "was changed"),
    "verify.notice_reordered": ("{name}：序号 {nos} 的行顺序与公示时不同",
                                "{name}: Nos. {nos} are in another order than published"),
    # how the 公示 list shows and prints, which its cells' values do not say (the sheet's XML)
    "verify.notice_row_hidden": ("{name} {place}被隐藏：看不见，也打印不出",
                                 "{name} {place} is hidden: neither seen nor printed"),
    "verify.notice_row_flat": ("{name} {place}的行高为{height}磅：看不见其内容",
                               "{name} {place} is {height} points high: what it holds is not seen"),
    "verify.notice_row_unseen": ("{name} {place}的文字{how}：看不见", "{name} {place}: its text {how}, not seen"),
    "verify.notice_unseen.colour": ("与底色同为 {colour}", "is the colour of its background, {colour}"),
    "verify.notice_unseen.format": ("所用的数字格式不显示内容", "has a number format that shows nothing"),
    "verify.notice_column_hidden": ("{name} {column}列被隐藏", "{name} column {column} is hidden"),
    "verify.notice_print_area": ("{name} 的打印区域为 {found}，公示时为 {written}：打印出的公示名单不全",
                                 "{name} prints {found}, {written} as published: the list printed is not whole"),
    "verify.notice_place.line": ("第{row}行", "row {row}"),
    "verify.notice_place.award": ("第{row}行（序号 {no}：{applicant}，{amount}）",
                                  "row {row} (No. {no}: {applicant}, {amount})"),
    "verify.notice_unreadable": ("{name} 无法作为表格读取，未能逐格核对：{why}",
                                 "{name} cannot be read as a spreadsheet to compare it cell by cell: {why}"),
    "verify.ledger_unneeded": ("找不到资助台账 {where}：该次运行计入它时它没有任何记录，故按空台账计入",
                               "the award ledger {where} is not found: it held no entries when the run counted it, "
                               "so an empty one is counted"),
    "verify.ledger_elsewhere": ("资助台账 {where} 不在记录的位置，"
                                "已使用前{entries}条记录与之相同（哈希链一致）的 {path}",
                                "the award ledger {where} is not where the run recorded it: read {path}, whose first "
                                "{entries} entries are the same (their hash chain)"),
    "verify.ledger_changed_after": ("资助台账 {path} 在该次运行所计的前{entries}条记录之后有在 budgetopt 之外的改动"
                                    "（不影响该次运行的复现，请用 budgetopt ledger check 查看）",
                                    "the award ledger {path} was changed outside budgetopt after the {entries} entries "
                                    "the run counted (the run's reproduction does not depend on them: see budgetopt "
                                    "ledger check)"),
    # --- verify: a published run's files and the ledger's record of its awards (jobs/published.py)
    "verify.manifest_after_publication": (
        "manifest.json 在公示后被改动过：awards.json 记录公示时运行清单的 SHA-256 为 {was}…，现为 {now}…",
        "manifest.json was changed after the run was published: awards.json records its SHA-256 at the 公示 as "
        "{was}…, it is {now}…"),
    "verify.publication_unchecked": (
        "awards.json 未记所记入的资助台账，该次运行也未计入台账：未核对台账中该次运行的资助记录"
        "（可用 --ledger 指定台账）",
        "awards.json names no award ledger and the run counted none: the ledger's record of the run's awards was not "
        "checked (name the ledger with --ledger)"),
    "verify.publication_ledger_missing": (
        "找不到资助台账 {path}：未核对台账中该次运行的资助记录（可用 --ledger 指定台账）",
        "the award ledger {path} is not found: its record of the run's awards was not checked (name the ledger with "
        "--ledger)"),
    "verify.publication_ledger_unreadable": ("无法读取资助台账 {path}，未核对该次运行的资助记录：{why}",
                                             "the award ledger {path} cannot be read to check the run's awards: {why}"),
    "verify.publication_not_recorded": (
        "awards.json 表明该次运行已公示，但资助台账 {path} 中没有它的资助记录（运行清单 SHA-256 {run}…）",
        "awards.json says the run was published, but the award ledger {path} holds no award of it (manifest "
        "SHA-256 {run}…)"),
    "verify.ledger_not_pinned": ("资助台账 {path} 不是 awards.json 所记的公示时的台账：{why}",
                                 "the award ledger {path} is not the ledger awards.json pinned: {why}"),
    "verify.pin_why.shorter": ("它只有{count}条记录，公示后的台账有{entries}条",
                               "it holds {count} entries, the ledger as published {entries}"),
    "verify.pin_why.rewritten": ("其第{entries}条记录的哈希为 {now}…，awards.json 记为 {pinned}…",
                                 "its entry {entries} has the hash {now}…, awards.json records {pinned}…"),
    "verify.pin_why.broken": ("其前{entries}条记录不成完整的哈希链", "its first {entries} entries do not form a chain"),
    "verify.ledgers_disagree": (
        "资助台账 {named}（awards.json 所记）与 {counted}（该次运行所计的台账）都记有该次运行的公示，但所记公示名单的 "
        "SHA-256 不同：前者为 {ours}…，后者为 {theirs}…{how}——二者之一不是该次公示所记入的台账，请按本单位的台账核对",
        "the award ledgers {named} (which awards.json names) and {counted} (the one the run counted) both record the "
        "run's publication, but not the same 公示 list: SHA-256 {ours}… in the first, {theirs}… in the other{how} — "
        "one of them is not the ledger the 公示 was recorded in; check the run against the bureau's"),
    "verify.ledgers_disagree_how": ("；后者所记的公示名单是按 {key} 为 {found} 写出的（awards.json 记为 {recorded}）",
                                    "; the other's list is written with {key} {found} (awards.json records "
                                    "{recorded})"),
    "verify.pin_disagrees": (
        "awards.json 所记的公示时的台账与资助台账 {path} 不符：{why}——awards.json 已如上所述在公示后被改动过，也可能是"
        "台账被改写；请与公示时 publish 给出的台账末条哈希核对",
        "awards.json's pin and the award ledger {path} disagree: {why} — awards.json was changed after the 公示, as "
        "said above, or the ledger was rewritten; compare with the ledger's last hash publish gave at the 公示"),
    "verify.publication_ledger_found": ("该次运行的资助记录见于资助台账 {path}（{how}），已在其中核对",
                                        "the run's awards are in the award ledger {path} ({how}), checked there"),
    "verify.found_as.counted": ("该次运行所计的台账", "the ledger the run counted"),
    "verify.found_as.inputs": ("在 {folder} 中找到", "found in {folder}"),
    "verify.ledger_award_differs": (
        "资助台账 {path} 第{seq}条记录（申报{id}）不是该次运行公示的资助：{what}",
        "entry {seq} of the award ledger {path} (application {id}) is not the award the run published: {what}"),
    "verify.ledger_amount": ("金额记为{recorded}元，分配为{awarded}元",
                             "its amount is {recorded} yuan, the award {awarded}"),
    "verify.ledger_fields": ("{names}与分配不同", "its {names} differ"),
    "verify.ledger_award_extra": (
        "资助台账 {path} 第{seq}条记录记为该次运行的资助（申报{id}），但该次运行没有这项资助",
        "entry {seq} of the award ledger {path} is recorded as an award of the run (application {id}), which the run "
        "did not make"),
    "verify.ledger_award_missing": ("该次运行公示的{count}项资助不在资助台账 {path} 中：{ids}",
                                    "{count} award(s) the run published are not in the award ledger {path}: {ids}"),
    "verify.ledger_pin_broken": (
        "资助台账 {path} 的前{entries}条记录（公示时的台账）已不成完整的哈希链：公示后被改动过"
        "（见 budgetopt ledger check）",
        "the first {entries} entries of the award ledger {path} (the ledger as published) no longer form an unbroken "
        "chain: changed since the 公示 (see budgetopt ledger check)"),
    "verify.ledger_shorter": (
        "资助台账 {path} 现只有{count}条记录，公示后为{entries}条：公示后有记录被删除，台账对记录数的登记也被改写",
        "the award ledger {path} holds {count} entries, {entries} after the 公示: entries were removed since, and the "
        "ledger's record of its count rewritten to match"),
    "verify.ledger_rewritten": (
        "资助台账 {path} 的前{entries}条记录已不是公示时的样子：awards.json 记其末条哈希为 {pinned}…，现为 {now}…"
        "——公示后台账被改写（各条哈希重新计算过）",
        "the first {entries} entries of the award ledger {path} are not the ledger as published: awards.json records "
        "the last one's hash as {pinned}…, it is {now}… — the ledger was rewritten since, its hashes recomputed"),
    "verify.found_elsewhere": ("{role} {where} 不在记录的位置，已使用 SHA-256 相同的 {path}",
                               "the {role} {where} is not where the run recorded it: read {path}, which has its "
                               "SHA-256"),
    "verify.environment": ("该次运行时的 Python 或依赖包版本与本机不同（运行时 → 本机）：{versions}；"
                           "要按原样重新运行，请安装运行时的版本",
                           "Python or packages the run depended on are other versions here (then → now): {versions}; "
                           "install the run's to re-run it as it ran"),
    "verify.tool_version": ("该次运行使用 budgetopt {was}，当前为 budgetopt {now}",
                            "the run used budgetopt {was}, this is budgetopt {now}"),
    "verify.solver_version": ("该次运行使用 {was}，本机为 {now}", "the run used {was}, this machine has {now}"),
    "verify.allocation_edited": ("manifest.json 旁的 allocation.csv 不是该次运行写出的文件（SHA-256 记录为 "
                                 "{recorded}…，实际为 {found}…）",
                                 "allocation.csv beside the manifest is not the one the run wrote (SHA-256 recorded "
                                 "{recorded}…, found {found}…)"),
    "verify.rerun_failed": ("重新运行未能完成：{why}", "the re-run did not finish: {why}"),
    "verify.rerun_workbook": ("申报表有{count}处问题，第一处：{first}",
                              "{count} problem(s) in the workbook, the first: {first}"),
    "verify.rerun_infeasible": ("情景不可行：{conflicts}", "the scenario is infeasible: {conflicts}"),
    "verify.rerun_differs": ("重新运行得到的 allocation.csv 不同（SHA-256 记录为 {recorded}…，重新运行为 {rerun}…）",
                             "the re-run's allocation.csv differs (SHA-256 recorded {recorded}…, re-run {rerun}…)"),
    "verify.earlier_rounds_since": ("该次运行由未计入本年度此前各批资助的 budgetopt 版本生成；现版本把资助台账中"
                                    "本政策{year}年度此前各批的资助（{earlier}元，{awards}项）计入年度预算及各项限额，"
                                    "重新运行的结果因而不同",
                                    "the run was made by a budgetopt that did not count a year's earlier rounds; this "
                                    "one counts the ledger's awards of this policy in {year}'s earlier rounds "
                                    "({earlier} yuan, {awards} award(s)) towards the year's budget and limits, so the "
                                    "re-run differs"),
    # one application that differs: `mine` is the allocation.csv beside the manifest, `theirs` the re-run
    "verify.row_only": ("{id}：仅见于{side}", "{id}: only in the {side}"),
    "verify.row_award": ("{id}：{mine}分配 {a}（{s}），{theirs}分配 {b}（{t}）",
                         "{id}: allocated {a} ({s}) {mine}, {b} ({t}) {theirs}"),
    "verify.row_other": ("{id}：分配相同，但该行其他列不同（{key}列：{mine}为{a}，{theirs}为{b}）",
                         "{id}: same award, but the row differs ({key}: {a} {mine}, {b} {theirs})"),
    "verify.figure_edited": ("manifest.json 记录的 {key} 为 {recorded}，重新运行得到的是 {rerun}："
                             "运行清单在运行后被改动过",
                             "manifest.json records {key} as {recorded}; the re-run gives {rerun}: the manifest was "
                             "edited after the run"),
    "verify.figures_more": ("……另有 {count} 处记录与重新运行不同", "… and {count} more recorded figures differ"),
    "verify.rows_same": ("各项申报的各列均相同：不同的只是文件的字节（编码、换行或引号）",
                         "every application's row is the same: only the file's bytes differ (encoding, line endings "
                         "or quoting)"),
    "verify.row_repeated": ("{id}：{mine}中出现{count}次（第{rows}行）", "{id}: {count} rows {mine} (rows {rows})"),
    "verify.row_no_id": ("第{line}行（无申报编号）", "line {line} (no application_id)"),
    "verify.rows_reordered": ("各行相同，但{mine}行的顺序与{theirs}不同",
                              "the same rows, but in another order {mine} than {theirs}"),
    "verify.rows_more": ("……另有{count}项申报不同", "… and {count} more applications"),
    "verify.side.published": ("该次运行的分配表", "the run's allocation"),
    "verify.side.rerun": ("重新运行的结果", "re-run"),
    "verify.side.edited": ("现有的 allocation.csv", "allocation.csv beside the manifest"),
    "verify.side.written": ("该次运行写出的 allocation.csv", "allocation.csv the run wrote"),
    "verify.mine.published": ("该次运行的结果", "in the run"),
    "verify.theirs.rerun": ("重新运行", "on re-running"),
    "verify.mine.edited": ("现有的 allocation.csv ", "in allocation.csv"),
    "verify.theirs.written": ("该次运行原本", "as the run wrote it"),
}
