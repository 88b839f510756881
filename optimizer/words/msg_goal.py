"""What the app says about goal searches (目标预算), by code; the library's own words are in msg_min_budget.py.

(Chinese, English) templates; see catalog.py.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "web.col.goal": ("测算编号", "Search"),
    "web.col.targets": ("目标申报", "Targets"),
    "web.col.found": ("所需预算", "Budget found"),
    "web.col.origin": ("来源运行", "From run"),
    "web.file.goal_csv": ("每项目标在所需预算下和资金不受限时的结果（CSV，供系统导入和复核）",
                          "each target at the budget found and where money is no limit (CSV, for systems and "
                          "auditors)"),
    "web.file.goal_xlsx": ("同上（Excel）", "the same (Excel)"),
    "web.goals.title": ("目标预算测算", "The least budget for a goal"),
    "web.goals.lead": ("资助某类申报至少需要多少预算？例如：评审得分 85 分以上的申报全部全额资助，至少需要多少预算。"
                       "方案的其他设置（预留资金、专项额度、各项上限）不变，每个预算都与分配时一样求解。",
                       "How much budget funds every application of a kind — every one scoring 85 or more, in full, "
                       "say? The scenario's other settings (the reserve, the envelopes, the caps) stay as they are; "
                       "each budget is solved as a run is."),
    "web.goals.run": ("申报表和方案取自运行", "Workbook and scenario of the run"),
    "web.goals.min_score": ("最低评审得分（0 到 100）", "Minimum score (0 to 100)"),
    "web.goals.clause": ("政策条款（可选）", "Clause (optional)"),
    "web.goals.district": ("区县（可选）", "District (optional)"),
    "web.goals.ids": ("申报编号（可选）", "Application ids (optional)"),
    "web.goals.ids_hint": ("填写申报编号（一个或多个，以空格、逗号或顿号分隔）时，只测算这些申报，不再按得分、条款和"
                           "区县选择。",
                           "Given application ids (one or more, separated by spaces, commas or 、), the search is for "
                           "those alone: the score, clause and district are then not used."),
    "web.goal.fill_score_or_ids": ("请填写{field}，或填写申报编号", "Fill in the {field}, or give application ids"),
    "web.goal.bad_ids": ("{field}：运行 {run} 中没有申报 {ids}", "{field}: run {run} has no application {ids}"),
    "web.goal.bad_ids_year": ("（这些编号似属 {typed} 年度的申报表，所选运行为 {year} 年度）",
                              " (these look like ids of a {typed} workbook; the run chosen is of {year})"),
    "web.goal.bad_ids_year_one": ("（此编号似属 {typed} 年度的申报表，所选运行为 {year} 年度）",
                                  " (this looks like an id of a {typed} workbook; the run chosen is of {year})"),
    "web.goal.ids_what": ("申报 {ids}", "the applications {ids}"),
    "web.goal.ids_what_one": ("申报 {ids}", "the application {ids}"),
    "web.goal.short_ids": ("申报 {ids} {how}", "{ids}, {how}"),
    "web.goal.short_ids_except": ("申报 {ids} {how}，{left} 除外", "{ids}, {how}, not {left}"),
    "web.goal.counts_ids_without": ("该预算资助 {reachable} 项（不含 {aside}）。", "It funds {reachable} of them (not "
                                    "{aside})."),
    "web.goal.counts_ids_unreached": ("另有 {count} 项在资金不受限时也未获{how}，原因见下表。",
                                      "{count} more: not {how} even where money is no limit (why: below)."),
    "web.goal.without_one": ("{id}：它只在其他预算下获资助，{where}",
                             "{id}: it is funded only at other budgets, {where}"),
    "web.goal.without_least": ("最低 {budget}，已证明", "its least {budget}, proven"),
    "web.goal.without_found": ("测算找到的最低为 {budget}，未能证明", "the least found {budget}, not proven"),
    "web.goal.without_seen": ("如 {budget}，未必最低", "at {budget} for one, not necessarily the least"),
    "web.goal.together_all": ("全部 {count} 项", "all {count}"),
    "web.goal.together_both": ("两项", "both"),
    "web.goal.together_reachable": ("测算中获资助过的全部 {count} 项目标",
                                    "all {count} targets funded at some budget solved"),
    "web.goal.together_proven": ("资助{what}的最低预算（已证明按 {precision} 一档为最低；全年预算，含预留 "
                                 "{reserve}）：",
                                 "The least budget funding {what} together (proven least in steps of {precision}; the "
                                 "year's whole budget, its reserve of {reserve} included): "),
    "web.goal.together_unproven": ("资助{what}的最低预算（测算找到的，未能证明为最低；全年预算，含预留 {reserve}）：",
                                   "The least budget the search found funding {what} together (not proven least; the "
                                   "year's whole budget, its reserve of {reserve} included): "),
    "web.goal.together_proof_proven": ("已证明：按 {precision} 一档，{below}及以下的预算都不能同时资助这些目标；所需"
                                       "预算在 {below}（不含）至 {budget} 之间。",
                                       "Proven: in steps of {precision}, no budget up to {below} funds them all "
                                       "together; the least lies above {below}, at most {budget}."),
    "web.goal.together_not_begun": ("其证明未能核查任何更低的预算：证明的求解次数已用完。",
                                    "Its proof settled no lower budget: the proofs' solves were spent."),
    "web.goal.together_not_begun_asked": ("其证明未能核查任何更低的预算：证明已按您的要求停止。",
                                          "Its proof settled no lower budget: the proof was stopped at your request."),
    "web.goal.together_no_proof": ("未要求证明：更低的预算未逐一核查，也可能同时资助这些目标。",
                                   "No proof asked: lower budgets were not all tried, and one may fund them all too."),
    "web.goal.together_none": ("测算求解的预算中，没有一个能同时资助{what}（{ids}）；下面是其中能同时获资助的目标所需的"
                               "最低预算。",
                               "No budget solved funds {what} ({ids}) together; below, the least budget for those "
                               "that can be funded together."),
    "web.goal.together_none_aside": ("测算求解的预算中，没有一个能同时资助{what}（{ids}）；下面是其中 {who} 所需的最低"
                                     "预算，其余目标各自获资助的预算见下表。",
                                     "No budget solved funds {what} ({ids}) together; below, the least budget for "
                                     "{who}, and in the table the budgets that fund each of the others."),
    "web.goal.headline_without": ("不含 {left} 时的最低预算（全年预算，含预留 {reserve}）：",
                                  "Without {left}, the least budget (the year's whole budget, its reserve of {reserve} "
                                  "included): "),
    "web.goal.headline_without_unproven": ("不含 {left} 时，测算找到的最低预算（未能证明为最低；全年预算，含预留 "
                                           "{reserve}）：",
                                           "Without {left}, the least budget the search found (not proven least; the "
                                           "year's whole budget, its reserve of {reserve} included): "),
    "web.goal.new_run_without": ("以此预算新建分配（不含 {left}）", "A new allocation at this budget (without {left})"),
    "web.goal.more_ids": ("{ids}等 {count} 项", "{ids} and others, {count} in all"),
    "web.goals.together_funded": ("资助全部 {count} 项；不含 {left} 时 {budget}",
                                  "funds all {count}; without {left}, {budget}"),
    "web.goals.together_funded_both": ("资助两项；不含 {left} 时 {budget}", "funds both; without {left}, {budget}"),
    "web.goals.together_none": ("资助 {reachable}/{targets} 项；测算中没有预算能同时资助全部 {count} 项",
                                "funds {reachable} of {targets}; no budget solved funds all {count} together"),
    "web.goals.together_none_both": ("资助 {reachable}/{targets} 项；测算中没有预算能同时资助这两项",
                                     "funds {reachable} of {targets}; no budget solved funds both together"),
    "web.goal.aside_alone_proven": ("其中{who}单独所需的最低预算（已证明按 {precision} 一档为最低；全年预算，含预留 "
                                    "{reserve}；{left} 在此预算下未获资助）：",
                                    "Of them, {who} alone: the least budget (proven least in steps of {precision}; "
                                    "the year's whole budget, its reserve of {reserve} included; {left} not funded at "
                                    "it): "),
    "web.goal.aside_alone_unproven": ("其中{who}单独所需、测算找到的最低预算（未能证明为最低；全年预算，含预留 "
                                      "{reserve}；{left} 在此预算下未获资助）：",
                                      "Of them, {who} alone: the least budget the search found (not proven least; "
                                      "the year's whole budget, its reserve of {reserve} included; {left} not funded "
                                      "at it): "),
    "web.goal.about.aside_alone": ("其中 {ids} 单独所需最低预算（已证明按 {precision} 一档为最低；全年预算，含预留）",
                                   "Of them, {ids} alone: the least budget (proven least in steps of {precision}; the "
                                   "year's whole, reserve included)"),
    "web.goal.about.aside_alone_unproven": ("其中 {ids} 单独所需、测算找到的最低预算（未能证明为最低；全年预算，"
                                            "含预留）",
                                            "Of them, {ids} alone: the least budget the search found (not proven "
                                            "least; the year's whole, reserve included)"),
    "web.goal.col.at": ("（{budget}）", " ({budget})"),
    "web.goal.col.at_without": ("（{budget}，不含 {left}）", " ({budget}, without {left})"),
    "web.goal.about.together": ("资助{what}的最低预算（已证明按 {precision} 一档为最低；全年预算，含预留）",
                                "The least budget funding {what} together (proven least in steps of {precision}; the "
                                "year's whole, reserve included)"),
    "web.goal.about.together_unproven": ("资助{what}的最低预算（测算找到的，未能证明为最低；全年预算，含预留）",
                                         "The least budget the search found funding {what} together (not proven "
                                         "least; the year's whole, reserve included)"),
    "web.goal.about.together_none": ("资助{what}的最低预算", "The least budget funding {what} together"),
    "web.goal.about.together_none_said": ("测算求解的预算中，没有一个能同时资助这些目标（{ids}）",
                                          "no budget solved funds them all together ({ids})"),
    "web.goal.about.without": ("不含 {left} 时的最低预算（全年预算，含预留）",
                               "Without {left}, the least budget (the year's whole, reserve included)"),
    "web.goal.about.without_proven": ("不含 {left} 时的最低预算（已证明按 {precision} 一档为最低；全年预算，含预留）",
                                      "Without {left}, the least budget (proven least in steps of {precision}; the "
                                      "year's whole, reserve included)"),
    "web.goal.about.without_floor": ("不含 {left} 时的最低预算（无需证明：已是此方案可求解的最低预算；全年预算，"
                                     "含预留）",
                                     "Without {left}, the least budget (no proof needed: the least the scenario can be "
                                     "solved at; the year's whole, reserve included)"),
    "web.goal.about.without_unproven": ("不含 {left} 时，测算找到的最低预算（未能证明为最低；全年预算，含预留）",
                                        "Without {left}, the least budget the search found (not proven least; the "
                                        "year's whole, reserve included)"),
    "web.goal.note.together_proven": ("资助{what}（{ids}）的最低预算，已证明按此一档为最低",
                                      "the least budget funding {what} ({ids}) together, proven least at that "
                                      "precision"),
    "web.goal.note.together_unproven": ("资助{what}（{ids}）的最低预算，是测算找到的，未能证明为最低",
                                        "the least budget the search found funding {what} ({ids}) together, not "
                                        "proven least"),
    "web.goal.note.left": ("；{ids} 在此预算下未获资助", "; {ids} not funded at this budget"),
    "web.goals.every_clause": ("全部条款", "Every clause"),
    "web.goals.every_district": ("全部区县", "Every district"),
    "web.goals.fund": ("资助方式", "Funded"),
    "web.goals.full": ("全额资助", "In full"),
    "web.goals.any_award": ("获得任何资助（全额或部分）", "Any award (in full or in part)"),
    "web.goals.precision": ("测算精确到（如1万）", "Found to the nearest (e.g. 1万)"),
    "web.goals.prove": ("逐一核查更低的预算，证明所得为最低（较慢：精确到1万时可能要数十分钟，宜先按100万测算）",
                        "Settle every lower budget, proving the budget found the least (slow: to the nearest 1万 it "
                        "may take tens of minutes; try 100万 first)"),
    "web.goal.proven": ("已证明：按 {precision} 一档，{below}及以下的预算都不能资助全部可资助的目标；所需预算在 {below}"
                        "（不含）至 {budget} 之间。",
                        "Proven: in steps of {precision}, no budget up to {below} funds every reachable target; "
                        "the least lies above {below}, at most {budget}."),
    "web.goal.proven_without": ("已证明：按 {precision} 一档，{below}及以下的预算都不能资助除 {left} 外的其他可资助"
                                "目标；所需预算在 {below}（不含）至 {budget} 之间。",
                                "Proven: in steps of {precision}, no budget up to {below} funds the reachable targets "
                                "other than {left}; the least lies above {below}, at most {budget}."),
    "web.goal.elsewhere_lead_together": ("这些目标在 {budget} 下未获资助，在资助全部目标的 {together} 下获资助："
                                         "预算不同时，同一上限下获资助的申报会互换。“原因”列为资金不受限时"
                                         "（即预算 {high} 下）的原因。",
                                         "These targets are not funded at {budget}, but are at {together}, the budget "
                                         "funding them all: at other budgets, whole awards under a shared cap swap. "
                                         "The reasons are those where money is no limit (at a budget of {high})."),
    "web.goal.warning_at_without": ("在不含 {left} 时的预算 {budget} 下：{said}",
                                    "At the budget without {left}, {budget}: {said}"),
    "web.goal.note.left_together": ("；{ids} 在此预算下未获资助（资助{what}需 {together}）",
                                    "; {ids} not funded at this budget (funding {what} together needs {together})"),
    "web.goal.proof_stopped_from": ("证明用满 {solves} 次求解后停止：按 {precision} 一档，{settled} 至 {last} "
                                    "之间的预算都已证明不够；{settled} 以下未全部核查，可能也能资助。",
                                    "The proof stopped at its limit of {solves} solves: in steps of {precision}, "
                                    "every budget from {settled} to {last} is proven not enough; those below "
                                    "{settled} were not all settled and may fund them too."),
    "web.goal.proof_stopped_one": ("证明用满 {solves} 次求解后停止：按 {precision} 一档，{last} 已证明不够；"
                                   "{last} 以下未全部核查，可能也能资助。",
                                   "The proof stopped at its limit of {solves} solves: in steps of {precision}, "
                                   "{last} is proven not enough; those below it were not all settled and may fund "
                                   "them too."),
    "web.goal.proof_stopped": ("证明用满 {solves} 次求解后停止，更低的预算未全部核查，可能也能资助"
                               "（可按更粗的精度再测算）。",
                               "The proof stopped at its limit of {solves} solves; lower budgets were not all "
                               "settled and may fund them too (try a coarser precision)."),
    "web.goal.proof_stopped_from_asked": ("证明已按您的要求提前停止：按 {precision} 一档，{settled} 至 {last} "
                                          "之间的预算都已证明不够；{settled} 以下未全部核查，可能也能资助。",
                                          "The proof was stopped at your request: in steps of {precision}, every "
                                          "budget from {settled} to {last} is proven not enough; those below "
                                          "{settled} were not all settled and may fund them too."),
    "web.goal.proof_stopped_one_asked": ("证明已按您的要求提前停止：按 {precision} 一档，{last} 已证明不够；"
                                         "{last} 以下未全部核查，可能也能资助。",
                                         "The proof was stopped at your request: in steps of {precision}, {last} is "
                                         "proven not enough; those below it were not all settled and may fund them "
                                         "too."),
    "web.goal.proof_stopped_asked": ("证明已按您的要求提前停止，更低的预算未全部核查，可能也能资助。",
                                     "The proof was stopped at your request; lower budgets were not all settled and "
                                     "may fund them too."),
    "web.goal.stop_button": ("停止证明", "Stop the proof"),
    "web.goal.stop_hint": ("停止后，已做的求解不会白费：所得预算标明未能证明为最低，并写明已证明不够的预算区间。",
                           "Stopped, no solve made is lost: the budget found is marked not proven least, with the "
                           "stretch of budgets proven not enough."),
    "web.goal.stop_asked": ("已请求停止证明：当前这次求解结束后即停止，随后显示结果。",
                            "The proof is asked to stop: it stops after the solve under way, and the result follows."),
    "web.goal.stop_done": ("目标预算测算 {id} 已结束，没有可停止的证明；其结果未作任何改动。",
                           "Goal search {id} has ended: there is no proof to stop, and its result is as it was."),
    "web.goal.stop_no_proof": ("目标预算测算 {id} 没有要求证明，没有可停止的证明。",
                               "Goal search {id} asked for no proof: there is none to stop."),
    "web.goal.aside_full": ("全额资助", "funded in full"),
    "web.goal.aside_any": ("资助", "funded"),
    "web.goal.aside_proven": ("{who}只在部分预算下获{how}；所需最低预算（已证明按 {precision} 一档为最低；全年预算，"
                              "含预留 {reserve}）：",
                              "{who}: {how} only at some budgets; the least budget (proven least in steps of "
                              "{precision}; the year's whole budget, its reserve of {reserve} included): "),
    "web.goal.aside_unproven": ("{who}只在部分预算下获{how}；测算找到的最低预算（未能证明为最低；全年预算，含预留 "
                                "{reserve}）：",
                                "{who}: {how} only at some budgets; the least budget the search found (not "
                                "proven least; the year's whole budget, its reserve of {reserve} included): "),
    "web.goal.aside_why": ("资金不受限时（即预算 {high} 下）反而未获{how}：预算不同时，同一上限下获资助的申报会互换。",
                           "Not {how} where money is no limit (at a budget of {high}): at other budgets, whole "
                           "awards under a shared cap swap."),
    "web.goal.aside_proof_proven": ("已证明：按 {precision} 一档，{below}及以下的预算都不够；所需预算在 {below}（不含）"
                                    "至 {budget} 之间。",
                                    "Proven: in steps of {precision}, no budget up to {below} is enough; the least "
                                    "lies above {below}, at most {budget}."),
    "web.goal.elsewhere_lead_none": ("这些目标在资金不受限时（即预算 {high} 下）未获资助，只在测算求解的其他预算下获"
                                     "资助：预算不同时，同一上限下获资助的申报会互换。“原因”列为资金不受限时的原因。",
                                     "These targets are not funded where money is no limit (at a budget of {high}), "
                                     "only at other budgets solved: at other budgets, whole awards under a shared "
                                     "cap swap. The reasons are those where money is no limit."),
    "web.goal.about.aside": ("只在部分预算下获资助的目标所需最低预算（已证明按 {precision} 一档为最低；全年预算，"
                             "含预留）",
                             "The least budget of the targets funded only at some budgets (proven least in steps of "
                             "{precision}; the year's whole, reserve included)"),
    "web.goal.about.aside_unproven": ("只在部分预算下获资助的目标，测算找到的最低预算（未能证明为最低；全年预算，"
                                      "含预留）",
                                      "The least budget the search found for the targets funded only at some budgets "
                                      "(not proven least; the year's whole, reserve included)"),
    "web.goal.about.aside_who": ("只在部分预算下获资助的目标", "Funded only at some budgets"),
    "web.goals.aside": ("只在部分预算下获资助，最低 {budget}", "funded only at some budgets, least {budget}"),
    "web.goals.aside_found": ("只在部分预算下获资助，测算找到 {budget}",
                              "funded only at some budgets, the search found {budget}"),
    "web.goal.ended_limit": ("证明用满 {solves} 次求解后停止", "the proof stopped at its limit of {solves} solves"),
    "web.goal.ended_asked": ("证明已按您的要求提前停止", "the proof was stopped at your request"),
    "web.goal.note.stopped_asked": ("未能证明为最低：证明已按您的要求提前停止，{settled} 以下的预算未全部核查",
                                    "not proven least: the proof was stopped at your request, the budgets below "
                                    "{settled} not all settled"),
    "web.goal.note.aside_proven": ("资金不受限时没有目标获{how}；{ids} 只在部分预算下获资助，此预算为其最低，已按此一档"
                                   "证明",
                                   "no target is {how} where money is no limit; {ids}: funded only at some budgets, "
                                   "this the least, proven at that precision"),
    "web.goal.note.aside_stopped": ("资金不受限时没有目标获{how}；{ids} 只在部分预算下获资助，此预算是测算找到的"
                                    "最低的，未能证明为最低：{ended}，{settled} 以下的预算未全部核查",
                                    "no target is {how} where money is no limit; {ids}: funded only at some budgets, "
                                    "this the least the search found, not proven least: {ended}, the budgets below "
                                    "{settled} not all settled"),
    "web.goals.start_button": ("开始测算", "Find the budget"),
    "web.goals.choices_of": ("条款和区县的选项是所选运行中出现的。",
                             "The clauses and districts offered are those of the run chosen."),
    "web.goals.no_sources": ("测算需要一次已完成的运行（取其申报表和方案）。",
                             "A goal search needs a finished run (its workbook and scenario)."),
    "web.goals.list": ("目标预算测算记录", "Goal searches"),
    "web.goals.none": ("还没有目标预算测算。", "No goal searches yet."),
    "web.goal.title": ("目标预算测算 {id}", "Goal search {id}"),
    "web.goal.targets": ("目标：{what}，{how}；测算精确到 {precision}{proof}；申报表和方案取自运行 ",
                         "Targets: {what}, {how}; found to the nearest {precision}{proof}; the workbook and scenario "
                         "of run "),
    "web.goal.with_proof": ("，并逐一核查更低的预算（证明）", ", every lower budget settled (a proof)"),
    "web.goal.what": ("评审得分不低于 {score} 分的符合条件申报{where}",
                      "the eligible applications scoring {score} or more{where}"),
    "web.goal.of_clause": ("第{clause}条", "clause {clause}"),
    "web.goal.in_full": ("全额资助", "funded in full"),
    "web.goal.any": ("获得任何资助", "with any award"),
    "web.goal.working": ("正在逐个预算求解，通常需要几秒到几分钟。",
                         "Solving budget after budget: a few seconds to a few minutes."),
    "web.goal.working_proof": ("正在逐个预算求解，并逐一核查更低的预算（证明）。证明较慢：精确到1万时可能要数十分钟，"
                               "精确到100万时通常几秒到一分钟；证明最多求解 {most} 次，到此仍未完成就停止，"
                               "所得预算标明未能证明为最低。",
                               "Solving budget after budget and settling every lower one (a proof). A proof is slow: "
                               "to the nearest 1万 it may take tens of minutes, to 100万 seconds to a minute; it stops "
                               "after at most {most} solves, and the budget found is then marked not proven least."),
    "web.goal.progress": ("已求解 {solves} 个预算", "{solves} budgets solved"),
    "web.goal.progress_proof": ("已求解 {solves} 个预算，其中证明 {proof} 次（证明最多 {most} 次）",
                                "{solves} budgets solved, {proof} of them by the proof (at most {most})"),
    "web.goal.headline": ("所需最低预算（全年预算，含预留 {reserve}）：",
                          "The least budget (the year's whole budget, its reserve of {reserve} included): "),
    "web.goal.headline_unproven": ("测算找到的最低预算（未能证明为最低；全年预算，含预留 {reserve}）：",
                                   "The least budget the search found (not proven least; the year's whole budget, "
                                   "its reserve of {reserve} included): "),
    "web.goal.least_solvable": ("这是此方案能够求解的最低预算：再少，预留和各项下限（如专项额度的下限）就无法满足；"
                                "目标申报本身所需更少。",
                                "This is the least budget the scenario can be solved at: with less, its reserve and "
                                "floors (an envelope's minimum, say) cannot be met; the targets themselves need less."),
    "web.goal.least_solvable_some": ("这是此方案能够求解的最低预算：再少，预留和各项下限（如专项额度的下限）就无法"
                                     "满足；其中可资助的目标本身所需更少。",
                                     "This is the least budget the scenario can be solved at: with less, its reserve "
                                     "and floors (an envelope's minimum, say) cannot be met; the targets it funds "
                                     "need less themselves."),
    "web.goal.none_one": ("任何预算都无法{how}这一目标 {who}：{held}（资金不受限时，即预算 {high} 下）。",
                          "No budget funds the one target, {who}, {how}: {held} (where money is no limit: at a "
                          "budget of {high})."),
    "web.goal.none_many": ("任何预算都无法{how}这 {count} 项目标中的任何一项。",
                           "No budget funds any of the {count} targets {how}."),
    "web.goal.none_swapped": ("测算没有找到所需最低预算：资金不受限时（即预算 {high} 下），没有一项目标能获{how}；"
                              "其中 {count} 项只在测算求解的其他预算下获资助（挤掉同一上限下的其他申报）。",
                              "No least budget found: where money is no limit (at a budget of {high}), no target is "
                              "funded {how}; funded only at other budgets solved (in place of others under the same "
                              "cap): {count} of them."),
    "web.goal.none_how_full": ("全额资助", "in full"),
    "web.goal.none_how_any": ("资助", "at all"),
    "web.goal.counts": ("该预算资助 {reachable} 项目标（共 {targets} 项）。",
                        "It funds {reachable} of the {targets} targets."),
    "web.goal.counts_unreached": ("该预算资助 {reachable} 项目标（共 {targets} 项）；"
                                  "{count} 项目标在资金不受限时也未获资助，原因见下表。",
                                  "It funds {reachable} of the {targets} targets; {count} of them are not funded even "
                                  "where money is no limit (why: below)."),
    "web.goal.all_funded": ("每项目标都能获资助（共 {targets} 项）。",
                            "Every target can be funded ({targets} in all)."),
    "web.goal.all_funded_one": ("这一项目标能获资助。", "The one target can be funded."),
    "web.goal.only_funded": ("这一项目标 {who}能获资助：该预算下获 {award}。",
                             "The one target, {who}, can be funded: {award} at this budget."),
    "web.goal.why_others": ("预算不止于此，是因为方案先资助加权评分更高的申报：该预算中除预留 {reserve} 外，"
                            "其余约 {others} 资助了其他申报。",
                            "The budget is more than that because the scenario funds higher weighted scores first: "
                            "of this budget, besides the reserve of {reserve}, about {others} goes to other "
                            "applications."),
    "web.goal.why_others_no_reserve": ("预算不止于此，是因为方案先资助加权评分更高的申报：该预算中其余约 {others} "
                                       "资助了其他申报。",
                                       "The budget is more than that because the scenario funds higher weighted "
                                       "scores first: about {others} of this budget goes to other applications."),
    "web.goal.counts_unreached_full": ("该预算资助 {reachable} 项目标（共 {targets} 项）；"
                                       "{count} 项目标在资金不受限时也未获全额资助，原因见下表。",
                                       "It funds {reachable} of the {targets} targets; {count} of them are not funded "
                                       "in full even where money is no limit (why: below)."),
    "web.goal.elsewhere": ("另有 {count} 项目标只在其他预算下获资助（挤掉同一上限下的其他申报），见下表。",
                           "{count} more are funded only at other budgets (in place of others under the same cap): "
                           "below."),
    "web.goal.elsewhere_one": ("另有 1 项目标只在其他预算下获资助（挤掉同一上限下的其他申报），见下表。",
                               "One more is funded only at other budgets (in place of others under the same cap): "
                               "below."),
    "web.goal.elsewhere_sheet": ("另有 {count} 项目标只在其他预算下获资助（挤掉同一上限下的其他申报），"
                                 "其预算见“{sheet}”表的“{column}”列；“{proven}”列为“是”的，已证明为该目标的最低预算，"
                                 "其余为测算中见到获资助的预算，未必最低。",
                                 "{count} more are funded only at other budgets (in place of others under the same "
                                 "cap): see the column '{column}' of the sheet '{sheet}'; where '{proven}' says Yes, "
                                 "that budget is proven the target's least, else it is a budget the search saw fund "
                                 "it, not necessarily the least."),
    "web.goal.elsewhere_sheet_one": ("另有 1 项目标只在其他预算下获资助（挤掉同一上限下的其他申报），"
                                     "其预算见“{sheet}”表的“{column}”列；“{proven}”列为“是”的，已证明为该目标的最低"
                                     "预算，否则为测算中见到获资助的预算，未必最低。",
                                     "One more is funded only at other budgets (in place of others under the same "
                                     "cap): see the column '{column}' of the sheet '{sheet}'; where '{proven}' says "
                                     "Yes, that budget is proven the target's least, else it is a budget the search "
                                     "saw fund it, not necessarily the least."),
    "web.goal.blocked_capped": ("因上限未获资助的目标，在测算未求解的其他预算下仍可能获资助"
                                "（挤掉同一上限下的其他申报）。",
                                "A target held by a cap may still be funded at another budget the search did not "
                                "solve, in place of another application under the same cap."),
    "web.goal.who": ("{id}（{applicant}）", "{id} ({applicant})"),
    "web.goal.setting_full": ("全额资助", "funded in full"),
    "web.goal.setting_any": ("获得资助", "funded"),
    "web.goal.setting_one": ("只因 {who}一项，预算才需 {budget}；不要求它{how}，其余目标只需 {without}"
                             "（少 {saved}{unproven}）。",
                             "Only {who} raises the budget to {budget}: without asking it to be {how}, the other "
                             "targets need {without} ({saved} less{unproven})."),
    "web.goal.setting_many": ("只因 {who}这 {count} 项，预算才需 {budget}；不要求它们{how}，其余目标只需 {without}"
                              "（少 {saved}{unproven}）。",
                              "Only {who} raise the budget to {budget}: without asking those {count} to be {how}, "
                              "the other targets need {without} ({saved} less{unproven})."),
    "web.goal.without_unproven": ("；测算找到的，未能证明为最低", "; the least found, not proven"),
    "web.goal.not_monotone": ("注意：预算再高时（如 {example}），有的目标反而会落选（同一上限下资金改投他处）。"
                              "因此这是测算找到的最低预算；少一个精度（{precision}）就不够。",
                              "Note: at a larger budget (such as {example}) some targets lose their award (money under "
                              "the same cap goes elsewhere). So this is the least budget the search found; one step "
                              "of precision ({precision}) less is not enough."),
    "web.goal.not_monotone_floor": ("注意：预算再高时（如 {example}），有的目标反而会落选（同一上限下资金改投他处）；"
                                    "更低的预算则无法求解。",
                                    "Note: at a larger budget (such as {example}) some targets lose their award (money "
                                    "under the same cap goes elsewhere); a lower budget cannot be solved at all."),
    "web.goal.not_monotone_one": ("注意：预算再高时（如 {example}），这一目标反而会落选（同一上限下资金改投他处）。"
                                  "因此这是测算找到的最低预算；少一个精度（{precision}）就不够。",
                                  "Note: at a larger budget (such as {example}) the target loses its award (money "
                                  "under the same cap goes elsewhere). So this is the least budget the search found; "
                                  "one step of precision ({precision}) less is not enough."),
    "web.goal.not_monotone_floor_one": ("注意：预算再高时（如 {example}），这一目标反而会落选（同一上限下资金改投"
                                        "他处）；更低的预算则无法求解。",
                                        "Note: at a larger budget (such as {example}) the target loses its award "
                                        "(money under the same cap goes elsewhere); a lower budget cannot be solved at "
                                        "all."),
    "web.goal.proof_none": ("无需证明：没有预算能资助这些目标，无可证明。",
                            "No proof needed: no budget funds the targets, so there is nothing to prove."),
    "web.goal.proof_none_one": ("无需证明：没有预算能资助这一目标，无可证明。",
                                "No proof needed: no budget funds the target, so there is nothing to prove."),
    "web.goal.no_proof_needed": ("无需证明：已是此方案可求解的最低预算。",
                                 "No proof needed: it is the least budget the scenario can be solved at."),
    "web.goal.found_by_bisection": ("这是测算（二分法）找到的最低预算：整额资助和取整使资助并不总随预算增加，"
                                    "未求解的更低预算也可能满足目标，略高的预算也可能不满足。"
                                    "确定预算前，请以该预算新建分配核对。",
                                    "This is the least budget the search (a bisection) found: with whole awards and "
                                    "rounding, funding does not always grow with the budget, so a lower budget not "
                                    "solved may fund the goal too, and one a little higher may not. Before settling "
                                    "on a budget, allocate at it to check."),
    "web.goal.windows": ("已求解的预算中，只有这 {count} 段能资助{what}：{shown}；段与段之间求解过的预算都"
                         "不够。未求解的预算中可能还有更低的。",
                         "Of the budgets solved, only these {count} stretches fund {what}: {shown}; "
                         "those solved between them do not. A lower budget not solved may fund them too."),
    "web.goal.windows_proven": ("已求解的预算中，只有这 {count} 段能资助{what}：{shown}；段与段之间求解过的"
                                "预算都不够。",
                                "Of the budgets solved, only these {count} stretches fund {what}: "
                                "{shown}; those solved between them do not."),
    "web.goal.exhausted": ("向下逐轮探查已到次数上限，最后一轮仍找到了更低的预算：更低的预算很可能也能资助。",
                           "The probing below stopped at its limit while still finding lower budgets: a lower one "
                           "may well fund them too."),
    "web.goal.rounding_short_one": ("少一个精度（{less}）时，{who} 只差 {short} 未能全额资助（部分资助按 {unit} 的"
                                    "整数倍取整）。",
                                    "One step less ({less}) leaves {who} only {short} short of full funding (partial "
                                    "awards are multiples of {unit})."),
    "web.goal.rounding_short_many": ("少一个精度（{less}）时，{who} 这 {count} 项各只差至多 {short} 未能全额资助"
                                     "（部分资助按 {unit} 的整数倍取整）。",
                                     "One step less ({less}) leaves {count} targets, {who}, each at most {short} short "
                                     "of full funding (partial awards are multiples of {unit})."),
    "web.goal.what_reachable": ("全部可资助的目标", "every reachable target"),
    "web.goal.what_rest": ("除 {left} 外的其他可资助目标", "every reachable target but {left}"),
    "web.goal.bisected": ("（测算先找到的是 {first}；更低的这一预算也能资助{what}。）",
                          " (The search first found {first}; this smaller budget funds {what} too.)"),
    "web.goal.blocked_title": ("资金不受限时（即预算 {high} 下）也未获资助的目标及原因",
                               "The targets not funded even where money is no limit (at a budget of {high}), and "
                               "why"),
    "web.goal.blocked_title_full": ("资金不受限时（即预算 {high} 下）也未获全额资助的目标及原因",
                                    "The targets not funded in full even where money is no limit (at a budget of "
                                    "{high}), and why"),
    "web.goal.fact.ledger": ("资助台账（来源运行计入的）", "Award ledger (as the source run counted it)"),
    "web.goal.facts_budget": ("{amount}（来源运行的预算；测算不用）", "{amount} (the source run's; not used)"),
    "web.goals.funded_of": ("资助 {reachable}/{targets} 项", "funds {reachable} of {targets}"),
    "web.goals.none_full": ("无法全额资助", "cannot be funded in full"),
    "web.goals.none_any": ("无法资助", "cannot be funded"),
    "web.goals.none_found": ("未找到所需预算", "no budget found"),
    "web.goal.elsewhere_title": ("只在其他预算下获资助的目标",
                                 "The targets funded only at other budgets"),
    "web.goal.elsewhere_lead_unproven": ("这些目标在测算找到的预算下未获资助：预算不同时，同一上限下获资助的申报会"
                                         "互换。“原因”列为资金不受限时（即预算 {high} 下）的原因。",
                                         "These targets are not funded at the budget the search found: at other "
                                         "budgets, whole awards under a shared cap swap. The reasons are those where "
                                         "money is no limit (at a budget of {high})."),
    "web.goal.elsewhere_lead": ("这些目标在所需预算下未获资助：预算不同时，同一上限下获资助的申报会互换。"
                                "“原因”列为资金不受限时（即预算 {high} 下）的原因。",
                                "These targets are not funded at the budget found: at other budgets, whole awards "
                                "under a shared cap swap. The reasons are those where money is no limit (at a budget "
                                "of {high})."),
    "web.goal.new_run": ("以此预算新建分配", "A new allocation at this budget"),
    "web.goal.solves": ("共求解 {solves} 个预算。", "{solves} budgets solved."),
    "web.goal.solves_proof": ("共求解 {solves} 个预算，其中证明用了 {proof} 次求解。",
                              "{solves} budgets solved, {proof} of them by the proof."),
    "web.goal.warning_at": ("在所需预算 {budget} 下：{said}", "At the budget found, {budget}: {said}"),
    "web.goal.warning_at_unproven": ("在测算找到的预算 {budget} 下：{said}",
                                     "At the budget the search found, {budget}: {said}"),
    "web.goal.warning_at_none": ("在测算结束的预算 {budget} 下：{said}", "At the budget the search ended at, {budget}: "
                                 "{said}"),
    "web.goals.precision_of": ("精确到 {precision}", "to the nearest {precision}"),
    "web.goals.proven": ("已证明", "proven"),
    "web.goals.unproven": ("未证明", "not proven"),
    "web.goals.proof_stopped": ("证明未完成", "proof not finished"),
    "web.goals.proof_stopped_asked": ("证明已停止", "proof stopped"),
    "web.goals.no_proof_needed": ("无需证明", "no proof needed"),
    "web.goal.note.floor": ("无需证明：已是此方案可求解的最低预算",
                            "no proof needed: the least budget the scenario can be solved at"),
    "web.goal.note": ("此预算 {budget} 来自目标预算测算 {id}：{question}；测算精确到 {precision}，{state}{left}。",
                      "This budget, {budget}, is what goal search {id} found: {question}; found to the nearest "
                      "{precision}, {state}{left}."),
    "web.goal.note.proven": ("已证明按此一档为最低（按此一档更低的预算都不能资助全部可资助的目标；更细的精度可能找到"
                             "略低的预算）",
                             "proven least at that precision (no lower multiple of it funds every reachable target; "
                             "a finer precision may find a little less)"),
    "web.goal.note.stopped": ("未能证明为最低：证明用满 {solves} 次求解后停止，{settled} 以下的预算未全部核查",
                              "not proven least: the proof stopped at its limit of {solves} solves, the budgets below "
                              "{settled} not all settled"),
    "web.goal.note.unproven": ("未证明为最低：测算未逐一核查更低的预算，更低的预算也可能满足目标",
                               "not proven least: lower budgets were not all tried, and one may fund them too"),
    "web.goal.note.link": ("查看该测算", "See the goal search"),
    "web.goal.again": ("用同一运行再测算一个目标", "Another goal of the same run"),
    "web.goal.no_run": ("{field}：请选择一次已完成的运行", "{field}: pick a finished run"),
    "web.goal.bad_score": ("{field}：“{typed}”不是 0 到 100 之间的分数",
                           "{field}: '{typed}' is not a score from 0 to 100"),
    "web.goal.bad_clause": ("{field}：“{typed}”不是政策中的条款", "{field}: '{typed}' is not a clause of the policy"),
    "web.goal.bad_district": ("{field}：运行 {run} 中没有区县“{typed}”",
                              "{field}: run {run} has no district '{typed}'"),
    "web.goal.no_targets": ("{field}：运行 {run} 中没有{what}", "{field}: run {run} has none of {what}"),
    "web.goal.about.sheet": ("测算说明", "About"),
    "web.goal.about.question": ("测算目标", "Targets"),
    "web.goal.about.source": ("来源运行", "Source run"),
    "web.goal.about.scenario": ("方案", "Scenario"),
    "web.goal.about.workbook": ("申报表", "Workbook"),
    "web.goal.about.notes": ("说明", "Notes"),
    "web.goal.about.floor": ("预算下限", "The scenario's floor"),
    "web.goal.about.only": ("这一项目标", "The one target"),
    "web.goal.about.setting": ("决定预算的目标", "The targets that set it"),
    "web.goal.about.budget": ("所需最低预算（全年预算，含预留）",
                              "The least budget (the year's whole, reserve included)"),
    "web.goal.about.budget_proven": ("所需最低预算（已证明按 {precision} 一档为最低；全年预算，含预留）",
                                     "The least budget (proven least in steps of {precision}; the year's whole, "
                                     "reserve included)"),
    "web.goal.about.budget_floor": ("所需最低预算（无需证明：已是此方案可求解的最低预算；全年预算，含预留）",
                                    "The least budget (no proof needed: the least the scenario can be solved at; the "
                                    "year's whole, reserve included)"),
    "web.goal.about.budget_unproven": ("测算找到的最低预算（未能证明为最低；全年预算，含预留）",
                                       "The least budget the search found (not proven least; the year's whole, "
                                       "reserve included)"),
    "web.goal.about.solves": ("求解", "Solved"),
    "web.goal.about.elsewhere": ("只在其他预算下获资助的目标", "Targets funded only at other budgets"),
    "web.goal.about.reserve": ("其中预留", "Of it, the reserve"),
    "web.goal.about.funds": ("该预算资助的目标", "Targets it funds"),
    "web.goal.about.of": ("{reachable} 项（共 {targets} 项）", "{reachable} of {targets}"),
    "web.goal.about.of_ids": ("{reachable} 项（共 {targets} 项），不含 {left}", "{reachable} of {targets}, not {left}"),
    "web.goal.about.high": ("资金不受限时的预算（判断“无法资助”所用）",
                            "The budget where money is no limit (the others judged at it)"),
    "web.goal.about.precision": ("测算精确到", "Found to the nearest"),
    "web.goal.sheet": ("目标申报", "Targets"),
    "web.goal.col.reachable": ("在所需预算下获资助", "Funded at the budget found"),
    "web.goal.col.sets_budget": ("决定预算", "Sets the budget"),
    "web.goal.col.status_at_high": ("资金不受限时的状态", "Status where money is no limit"),
    "web.goal.col.allocated_at_high": ("资金不受限时的分配额（万元）", "Allocated where money is no limit (万元)"),
    "web.goal.col.reason_at_high": ("资金不受限时的原因", "Reason where money is no limit"),
    "web.goal.col.elsewhere": ("获资助的其他预算（万元）", "Another budget funding it (万元)"),
    "web.goal.col.elsewhere_proven_least": ("其他预算已证明为最低", "That budget proven least"),
    "web.goal.col.score": ("评审得分", "Score"),
    "web.goal.funded_at": ("获资助的其他预算", "Funded at another budget"),
    "web.goal.funded_at_seen": ("（测算中见到，未必最低）", "(seen while searching, not necessarily the least)"),
    "web.goal.funded_at_least": ("（已证明为最低）", "(proven least)"),
    "web.goal.funded_at_settled": ("（测算找到的最低，未能证明；{settled} 至 {last} 之间的预算都已证明不够）",
                                   "(the least found, not proven; every budget from {settled} to {last} proven not "
                                   "enough)"),
    "web.goal.funded_at_settled_one": ("（测算找到的最低，未能证明；{last} 已证明不够）",
                                       "(the least found, not proven; {last} proven not enough)"),
    "web.goal.funded_at_unsettled": ("（测算找到的最低，未能证明：证明未及核查更低的预算）",
                                     "(the least found, not proven: the proof settled no lower budget)"),
    "web.goal.yes": ("是", "Yes"),
    "web.goal.no": ("否", "No"),
    "web.goal.run_name": ("{name}（目标：{what}）", "{name} (goal: {what})"),
    "web.goal.run_name_alone": ("目标：{what}", "Goal: {what}"),
    "web.goal.short": ("{where}{score}分以上{how}", "{score} or more{where}, {how}"),
    "web.goal.short_full": ("全额", "in full"),
    "web.goal.short_any": ("任何资助", "any award"),
}
