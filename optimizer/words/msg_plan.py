"""What budgetopt says about two-year plans (`plan_years`, the app's 两年分配), by code.

(Chinese, English) templates; see catalog.py.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "web.nav.plans": ("两年分配", "Two years"),
    "web.col.plan": ("测算编号", "Plan"),
    "web.col.question": ("测算问题", "Question"),
    "web.col.runs": ("两年的运行", "The two runs"),
    "web.col.plan_how": ("怎样测算", "How it was tried"),
    "web.col.plan_answer": ("结论", "Answer"),
    "web.file.plan_csv": ("每种分法两年的结果（CSV，金额以元计，供系统导入和复核）",
                          "each split's two years (CSV, amounts in yuan, for systems and auditors)"),
    "web.file.plan_xlsx": ("同上，可打印（Excel，金额以万元计，含测算说明）", "the same, printable (Excel, amounts in "
                           "万元, with what was asked and found)"),
    "web.plans.title": ("两年预算分配测算", "Splitting two years' budget"),
    "web.plans.lead": ("两年合计的预算，第一年安排多少、第二年安排多少效果最好？"
                       "取两个年度各一次已完成运行的申报表和方案，逐档测算第一年的预算：第一年按该预算分配，第二年按其余预算分配，并计入第一年的资助"
                       "（就高、不重复，期间单户上限），两年的资助按同一套条款权重计值。",
                       "Of a total for two years, how much should the first year get? From a finished run of each "
                       "year (its workbook and scenario), each first-year budget is tried: the first year allocated "
                       "at it, the second at the rest, counting the first year's awards (paid once, at the higher "
                       "standard — 就高 — and within the caps over the policy's period), and both years valued under "
                       "one set of clause weights."),
    "web.plans.first": ("第一年：申报表和方案取自运行", "First year: workbook and scenario of the run"),
    "web.plans.second": ("第二年：申报表和方案取自运行", "Second year: workbook and scenario of the run"),
    "web.plans.year_group": ("{year}年度", "{year}"),
    "web.plans.total": ("两年合计预算", "Total for both years"),
    "web.plans.start": ("第一年最低预算", "First year's lowest budget"),
    "web.plans.stop": ("第一年最高预算", "First year's highest budget"),
    "web.plans.step": ("每档相差", "Step between splits"),
    "web.plans.start_default": ("不填为 0", "empty: 0"),
    "web.plans.stop_default": ("不填为两年合计", "empty: the total"),
    "web.plans.step_default": ("不填自动取整", "empty: a round step"),
    "web.plans.range_hint": ("第一年的预算从最低到最高，每档相差一个固定金额，最多测算 {most} 档；"
                             "不填时从 0 到两年合计，每档取整数金额（如合计 3.2亿 时每档 1000万）。"
                             "找到最优后，可在其附近缩小每档相差再测算。",
                             "The first year's budgets tried: from the lowest to the highest, a fixed step apart, at "
                             "most {most} splits; left empty, from 0 to the total in round steps (1000万 for a "
                             "total of 3.2亿). Once the best is found, try smaller steps around it."),
    "web.plans.refine": ("在最优附近细化测算", "Refine around the best"),
    "web.plans.refine_hint": ("各档测算完后，在最优一档与其上下相邻两档之间，再按每档相差的十分之一"
                              "（取整数金额，至少10万元）测算；效果基本相同的范围延伸到这些分法之外时，再向外加测到其端点，"
                              "一次就能看出效果基本相同的范围。",
                              "Once the splits are solved, the splits between the two beside the best are tried too, "
                              "a tenth of the step apart (a round amount, at least 10万), and further out where the "
                              "band about as good runs on past them: the first answer shows the band."),
    "web.plans.value_under": ("按哪一年方案的条款权重计值", "Value both years by the clause weights of"),
    "web.plans.value_first": ("第一年", "the first year"),
    "web.plans.value_second": ("第二年", "the second year"),
    "web.plans.value_hint": ("两个年度方案的条款权重可能不同，其目标值不能直接相加；"
                             "测算用同一套权重衡量两年的所有资助。",
                             "The two scenarios may weigh clauses differently, so their objectives do not add up: the "
                             "plan values every award of both years by one set of weights."),
    "web.plans.tolerance": ("视为效果基本相同（如10万）", "About as good within (e.g. 10万)"),
    "web.plans.tolerance_hint": ("与最优相差不超过第一年预算再增加这一金额所能带来的效果，即视为效果基本相同。",
                                 "A split worth less than the best by no more than what this much more first-year "
                                 "budget buys counts as about as good."),
    "web.plans.start_button": ("开始测算", "Split the total"),
    "web.plans.no_sources": ("测算需要两个年度各一次已完成的运行（取其申报表和方案），方案中写明年度。",
                             "A plan needs a finished run of each of two years (their workbooks and scenarios), each "
                             "scenario naming its year."),
    "web.plans.no_later": ("已完成的运行都是{year}年度的：请先完成一次更晚年度的分配运行（新建分配，方案中写明年度），"
                           "再测算。",
                           "Every finished run is of {year}: finish a run of a later year first (a new run, its "
                           "scenario naming its year)."),
    "web.plans.without_year": ("方案没有写明年度的运行（{count}次）不在可选之列。",
                               "Runs whose scenario names no year are not offered ({count})."),
    "web.plans.list": ("两年分配测算记录", "Plans"),
    "web.plans.none": ("还没有两年分配测算。", "No plans yet."),
    "web.plan.no_run": ("{field}：请选择一次已完成的运行", "{field}: pick a finished run"),
    "web.plan.no_year": ("{field}：运行 {run} 的分配方案没有写明年度（year）：测算需要知道每次运行是哪一年的",
                         "{field}: the scenario of run {run} names no year: a plan needs each run's year"),
    "web.plan.same_year": ("{field}：两次运行都是{year}年度的：第二年应选更晚年度的运行",
                           "{field}: both runs are of {year}: pick a run of a later year for the second"),
    "web.plan.years_reversed": ("{field}：所选运行是{second}年度的，早于第一年的{first}年度：请按年度先后选择",
                                "{field}: the run picked is of {second}, before the first year's {first}: pick the "
                                "years in order"),
    "web.plan.years_reversed_first": ("{field}：所选运行是{first}年度的，晚于第二年的{second}年度：请按年度先后选择",
                                      "{field}: the run picked is of {first}, after the second year's {second}: pick "
                                      "the years in order"),
    "web.plan.zero": ("{field}：应大于 0", "{field}: must be more than 0"),
    "web.plan.above_total": ("{field}：{amount}高于两年合计{total}", "{field}: {amount} is above the total {total}"),
    "web.plan.stop_below_start": ("{field}：{stop}低于第一年最低预算{start}",
                                  "{field}: {stop} is below the first year's lowest budget {start}"),
    "web.plan.too_many": ("{field}：按{step}一档共{count}档，最多测算{most}档："
                          "请加大每档相差，或缩小最低、最高预算的范围",
                          "{field}: steps of {step} make {count} splits, at most {most}: take larger steps, or a "
                          "narrower range"),
    "web.plan.bad_value_under": ("{field}：请选择第一年或第二年", "{field}: choose the first year or the second"),
    "web.plan.title": ("两年分配测算 {id}", "Plan {id}"),
    "web.plan.question": ("两年合计{total}：{first}年度安排多少、{second}年度安排多少效果最好？",
                          "{total} for {first} and {second} together: how much for each year?"),
    "web.plan.question_single": ("两年合计{total}，按{first}年{one}、{second}年{two}分配的效果",
                                 "{total} for {first} and {second} together, split {one} for {first} and {two} for "
                                 "{second}: what it achieves"),
    "web.plan.run_of": ("{year}年度：", "{year}: "),
    "web.plan.working": ("正在逐档测算（每档求解两个年度），本页会自动刷新。",
                         "Solving the splits (two years each); this page refreshes itself."),
    "web.plan.progress": ("已测算 {done} / {total} 档", "{done} of {total} splits solved"),
    "web.plan.best_label": ("效果最好的分法：", "The best split: "),
    "web.plan.headline_band": ("{first}年安排约{best}（{low}–{high}之间效果基本相同）",
                               "About {best} for {first} (anything from {low} to {high} is about as good)"),
    "web.plan.headline_band_edge": ("{first}年安排约{best}（{low}–{high}之间效果基本相同，可能更宽）",
                                    "About {best} for {first} (anything from {low} to {high} is about as good, and "
                                    "perhaps beyond)"),
    "web.plan.headline_one": ("{first}年安排约{best}", "About {best} for {first}"),
    "web.plan.headline_band_step": ("{first}年安排约{best}（{low}–{high}之间效果基本相同；按{step}一档测算）",
                                    "About {best} for {first} (anything from {low} to {high} is about as good; "
                                    "measured in steps of {step})"),
    "web.plan.headline_band_edge_step": ("{first}年安排约{best}（{low}–{high}之间效果基本相同，可能更宽；"
                                         "按{step}一档测算）",
                                         "About {best} for {first} (anything from {low} to {high} is about as good, "
                                         "and perhaps beyond; measured in steps of {step})"),
    "web.plan.headline_one_step": ("{first}年安排约{best}（按{step}一档测算）",
                                   "About {best} for {first} (measured in steps of {step})"),
    "web.plan.band_ends": ("这一范围的两端只确定到{gap}以内：所测算的下一档与其相差{gap}，更细的测算可能使其略有移动。",
                           "The band's ends are known only to within {gap}: the next splits tried beyond them are "
                           "{gap} away, and a finer step may move them a little."),
    "web.plan.band_end": ("这一范围的{end}只确定到{gap}以内：所测算的下一档与其相差{gap}，更细的测算可能使其略有移动。",
                          "The band's {end} is known only to within {gap}: the next split tried beyond it is {gap} "
                          "away, and a finer step may move it a little."),
    "web.plan.refine_none": ("；在最优附近按每档相差{refine}细化时没有可加测的分法（最优两侧的分法相差不超过{refine}）",
                             "; refining at {refine} around the best added no split (the splits beside it are no "
                             "farther apart)"),
    "web.plan.published_other": ("{first}年度已公示的是运行 {run}（预算{budget}），不是本测算的最优分法（{first}年度"
                                 "{best}）：按测算余额{rest}新建{second}年度分配已不再适用（两年合计将是{sum}），"
                                 "测算的效果也不再适用。请以已公示的运行重新测算{second}年度的预算。",
                                 "{first} was published from run {run} (a budget of {budget}), not at this plan's "
                                 "best split ({best} for {first}): a {second} run at the plan's rest of {rest} no "
                                 "longer follows it (the two years would come to {sum}), nor do its figures. Plan "
                                 "{second} again from the run published."),
    "web.plan.published_other_single": ("{first}年度已公示的是运行 {run}（预算{budget}），不是本测算的分法（{first}年度"
                                        "{best}）：按测算余额{rest}新建{second}年度分配已不再适用（两年合计将是{sum}），"
                                        "测算的效果也不再适用。请以已公示的运行重新测算{second}年度的预算。",
                                        "{first} was published from run {run} (a budget of {budget}), not at this "
                                        "plan's split ({best} for {first}): a {second} run at the plan's rest of "
                                        "{rest} no longer follows it (the two years would come to {sum}), nor do its "
                                        "figures. Plan {second} again from the run published."),
    "web.plan.published_held": ("{first}年度已按{budget}公示（运行 {run}），即本测算的{first}年度安排：{second}年度"
                                "预算为两年合计的余额{rest}，新建的{second}年度分配将扣减资助台账中{first}年度的资助。",
                                "{first} is published at {budget} (run {run}), this plan's share for {first}: the "
                                "{second} budget is the rest of the total, {rest}, and a new {second} allocation "
                                "deducts the {first} awards the ledger holds."),
    "web.plan.again_published": ("以已公示的{first}年度运行重新测算", "Plan again from the {first} run published"),
    "web.plan.xlsx.second_after": ("{second}年度何时分配", "When to allocate {second}"),
    "web.plan.headline_single": ("只测算了一种分法：{first}年安排{best}", "One split only: {best} for {first}"),
    "web.plan.single_label": ("这一种分法（无从比较）：", "The one split (nothing to compare with): "),
    "web.plan.best_figure": ("{first}年 {one}，{second}年 {two}", "{first}: {one}; {second}: {two}"),
    "web.plan.band": ("效果基本相同，指与最优相差不超过{first}年预算再增加{tolerance}所能带来的效果。",
                      "About as good: worth less than the best by no more than what {tolerance} more of {first}'s "
                      "budget would buy."),
    "web.plan.band_equal": ("最优分法下{first}年的预算没有用满：只有与最优效果相同的分法才算效果基本相同。",
                            "At the best split {first}'s budget is not all spent: only splits worth as much as the "
                            "best count as about as good."),
    "web.plan.band_gaps": ("整项资助的取舍会使效果在相邻分法之间跳动：此范围内有的分法效果略低（见下表标记）。",
                           "Whole awards make the value jump from one split to the next: some splits inside the band "
                           "fall short (the table marks which)."),
    "web.plan.band_one": ("所测算的分法中，除{first}年安排{best}以外，没有一种与最优相差在{first}年预算"
                          "再增加{tolerance}所能带来的效果之内，而最近的一档与它相差{gap}：要知道附近多大范围效果基本相同，"
                          "可在其附近缩小每档相差再测算（见下方“用同样的两次运行再测算”）。",
                          "Of the splits tried, none but {best} for {first} is worth less than the best by no more "
                          "than what {tolerance} more of {first}'s budget would buy, and the nearest is {gap} away: to "
                          "see how far around it is about as good, try smaller steps near it (Another plan of the "
                          "same two runs, below)."),
    "web.plan.band_sharp": ("只有{first}年安排{best}与最优相差不超过{first}年预算再增加{tolerance}所能带来的效果："
                            "相差{gap}的分法效果已明显较低。",
                            "Only {best} for {first} is worth less than the best by no more than what {tolerance} more "
                            "of {first}'s budget would buy: splits {gap} away are worth clearly less."),
    "web.plan.band_single": ("只测算了{first}年安排{best}这一种分法，无从比较。",
                             "Only one split was tried ({best} for {first}): there is nothing to compare it with."),
    "web.plan.band_coarse": ("这一范围的{end}只确定到{gap}以内（细化测算未及，所测算的下一档在{gap}之外）："
                             "可在其附近细化再测算。",
                             "The band's {end} is known only to within {gap} (the finer splits did not reach it; the "
                             "next split tried is {gap} away): refine around it."),
    "web.plan.end_low": ("低端", "low end"),
    "web.plan.end_high": ("高端", "high end"),
    "web.plan.band_edge": ("这一范围到达所测算的{edge}，可能还会延伸到所测算的范围之外。",
                           "The band reaches the {edge} split tried, and may go on beyond it."),
    "web.plan.best_edge_low": ("效果最好的分法是所测算的最低一档：更低的分法可能更好，可降低第一年最低预算再测算。",
                               "The best is the lowest split tried: a lower one may be better; try a lower first-year "
                               "budget."),
    "web.plan.best_edge_high": ("效果最好的分法是所测算的最高一档：更高的分法可能更好，可提高第一年最高预算再测算。",
                                "The best is the highest split tried: a higher one may be better; try a higher "
                                "first-year budget."),
    "web.plans.band_edge": ("范围到达测算边界（所测算的{edge}），实际可能更宽。",
                            "The band reaches the {edge} split tried: it may be wider."),
    "web.plans.best_edge_low": ("效果最好的是所测算的最低一档，更低的分法可能更好。",
                                "The best is the lowest split tried: a lower one may be better."),
    "web.plans.best_edge_high": ("效果最好的是所测算的最高一档，更高的分法可能更好。",
                                 "The best is the highest split tried: a higher one may be better."),
    "web.plans.how_line": ("{label}：{value}", "{label}: {value}"),
    "web.plan.edge_low": ("最低一档", "lowest"),
    "web.plan.edge_high": ("最高一档", "highest"),
    "web.plan.edge_both": ("最低和最高两档", "lowest and the highest"),
    "web.plan.measure": ("效果的衡量：两年的所有资助都按{year}年度方案（{scenario}）的条款权重计值，即 Σ 权重×评审得分×"
                         "分配额；与最优的差额折合为{first}年的预算：除以最优分法下{first}年资助线上每元预算可资助的"
                         "加权评分（{marginal}）。",
                         "The value: every award of both years weighed by the clause weights of {year}'s scenario "
                         "({scenario}), Σ weight × score × yuan; a distance from the best is said in {first}'s "
                         "budget: divided by the weighted score one more yuan of {first}'s budget buys at the best "
                         "split's funding line ({marginal})."),
    "web.plan.measure_single": ("效果的衡量：两年的所有资助都按{year}年度方案（{scenario}）的条款权重计值，即 Σ 权重×"
                                "评审得分×分配额（加权评分×元）。",
                                "The value: every award of both years weighed by the clause weights of {year}'s "
                                "scenario ({scenario}), Σ weight × score × yuan (weighted score × yuan)."),
    "web.plan.measure_rough": ("按{year}年度的权重计值时，这一折算用的仍是{first}年按其自身权重的边际值，"
                               "只是粗略的参考。",
                               "Valued by {year}'s weights, that marginal value is still {first}'s, in its own "
                               "weights: a rough guide."),
    "web.plan.measure_plain": ("效果的衡量：两年的所有资助都按{year}年度方案（{scenario}）的条款权重计值，即 Σ 权重×"
                               "评审得分×分配额（加权评分×元）。最优分法下{first}年的预算没有用满，差额无法折合为预算。",
                               "The value: every award of both years weighed by the clause weights of {year}'s "
                               "scenario ({scenario}), Σ weight × score × yuan (weighted score × yuan). The best "
                               "split leaves {first}'s budget unspent, so a distance from it cannot be said in "
                               "budget."),
    "web.plan.no_best": ("没有一种分法两个年度都能求解，原因见下表备注。",
                         "No split can be solved in both years: the table's notes say why."),
    "web.plan.second_counts": ("测算中，{second}年度计入了{first}年度按该分法分配并公示后的资助（就高、不重复，"
                               "期间单户上限）。因此{second}年度的分配，应在{first}年度公示、记入资助台账之后再新建。",
                               "In the plan, {second} counts {first}'s awards at each split as if they were published "
                               "(paid once, at the higher standard — 就高 — and within the caps over the policy's "
                               "period). So allocate {second} once {first} is published (公示) into the award "
                               "ledger."),
    "web.plan.new_run": ("以此预算新建{year}年度分配（{budget}）", "A new {year} allocation at {budget}"),
    "web.plan.new_run_later": ("以此预算新建{year}年度分配（{budget}；{first}年度公示后）",
                               "A new {year} allocation at {budget}, after {first}'s public notice"),
    "web.plan.splits_title": ("各种分法", "The splits"),
    "web.plan.chart_near": ("最优附近：纵轴到与最优相差{cap}为止，相差更远的分法画在底边（▼）。",
                            "Near the best: the axis stops at {cap} short; splits further off are drawn at its foot "
                            "(▼)."),
    "web.plan.chart_all": ("全部分法。", "Every split."),
    "web.plan.chart_further": ("▼ 相差超过{cap}", "▼ more than {cap} short"),
    "web.plan.chart_rule": ("虚线：基本相同的界限，相差{tolerance}", "dashed line: about as good within {tolerance}"),
    "web.plan.chart_x": ("{first}年预算", "{first} budget"),
    "web.plan.chart_y": ("与最优的差距（折合{first}年预算）", "Short of the best (in {first}'s budget)"),
    "web.plan.chart_y_plain": ("与最优的差距（加权评分×元）", "Short of the best (weighted score × yuan)"),
    "web.plan.chart_tip": ("{first}年 {budget}：与最优相差约{below}",
                           "{first} {budget}: about {below} short of the best"),
    "web.plan.chart_tip_best": ("{first}年 {budget}：最优", "{first} {budget}: the best"),
    "web.plan.col.first_budget": ("{first}年预算", "{first} budget"),
    "web.plan.col.second_budget": ("{second}年预算", "{second} budget"),
    "web.plan.col.equivalent": ("与最优的差距（折合{first}年预算）", "Short of the best (in {first}'s budget)"),
    "web.plan.col.below": ("与最优的差距（加权评分×元）", "Short of the best (weighted score × yuan)"),
    "web.plan.under_tenth": ("不到0.1万元", "under 0.1万"),
    "web.plan.col.funded": ("{year}年资助（全额＋部分）", "{year} funded (in full + in part)"),
    "web.plan.col.unspent": ("{year}年未用", "{year} unspent"),
    "web.plan.col.note": ("说明", "Note"),
    "web.plan.mark_best": ("最优", "best"),
    "web.plan.mark_near": ("基本相同", "about as good"),
    "web.plan.caps": ("{year}年度达到期间单户上限：{names}", "period cap reached in {year}: {names}"),
    "web.plan.method_title": ("计算方法", "How it is worked out"),
    "web.plan.method": ("对每一档：{first}年度按该预算分配（与新建分配相同，求得可证明的最优解）；"
                        "其获资助的申报按公示时的方式计入资助台账（只在内存中，不写入任何文件）；{second}年度按两年合计减去该预算分配，"
                        "计入这些资助。每个年度各自求最优，{first}年度的分配不考虑{second}年度。"
                        "两年的资助按同一套条款权重计值后相加，比较各档；细化测算时，再在最优一档与其上下相邻两档之间"
                        "按更小的每档相差加测，效果基本相同的范围延伸到其外时再向外加测。",
                        "For each split: {first} allocated at its budget (as a new run is, to a proven optimum); its "
                        "funded applications recorded as publishing (公示) would record them in the award ledger (in "
                        "memory only: nothing is written); {second} allocated at the rest of the total, counting "
                        "them. Each year is solved to its own optimum: {first}'s allocation does not look ahead to "
                        "{second}'s. Both years' awards are valued under one set of clause weights and added, and "
                        "the splits compared; refining, the splits between the two beside the best are tried too, "
                        "at a smaller step, and further out where the band about as good runs on past them."),
    "web.plan.fact.total": ("两年合计", "Total"),
    "web.plan.fact.splits": ("测算的第一年预算", "First-year budgets tried"),
    "web.plan.splits_said": ("{start}至{stop}，每档相差{step}，共{count}档",
                             "{start} to {stop} in steps of {step}: {count} splits"),
    "web.plan.splits_said_one": ("{start}，仅此1档", "{start} only: 1 split"),
    "web.plan.refine_said": ("；再在最优附近按每档相差{refine}加测",
                             "; then more splits {refine} apart around the best"),
    "web.plan.refined_said": ("；再在最优附近按每档相差{refine}加测{count}档",
                              "; then {count} more {refine} apart around the best"),
    "web.plan.refined_between": ("；再在{low}至{high}之间按每档相差{refine}加测{count}档",
                                 "; then {count} more, {refine} apart from {low} to {high}"),
    "web.plan.fact.value_under": ("计值所用的条款权重", "Valued by the weights of"),
    "web.plan.value_said": ("{year}年度方案（{scenario}）", "{year}'s scenario ({scenario})"),
    "web.plan.value_year": ("{which}（{year}年度）方案", "{which} ({year})"),
    "web.plan.fact.tolerance": ("视为效果基本相同", "About as good within"),
    "web.plan.tolerance_said": ("{first}年预算再增加{tolerance}所能带来的效果",
                                "what {tolerance} more of {first}'s budget buys"),
    "web.plan.fact.ledger": ("资助台账（第一年运行计入的）", "Award ledger (the first year's run's)"),
    "web.plan.ledger_changed": ("不是运行 {run} 计入时的资助台账：其前{entries}条记录与该次运行记录的末条哈希不符。"
                                "请以该运行为基础重新运行（会计入现在的台账），再测算",
                                "is not the award ledger run {run} counted: its first {entries} entries do not end in "
                                "the hash the run recorded. Run it again (it will count the ledger as it is now), then "
                                "plan"),
    "web.plan.again": ("用同样的两次运行再测算", "Another plan of the same two runs"),
    "web.plan.run_name": ("{name}（两年分配：合计{total}）", "{name} (two-year plan: {total} in all)"),
    "web.plan.run_name_alone": ("两年分配：合计{total}", "Two-year plan: {total} in all"),
    "web.plan.run_name_split": ("{name}（两年分配：合计{total}，{first}年{share}）",
                                "{name} (two-year plan: {total} in all, {share} for {first})"),
    "web.plan.run_name_split_alone": ("两年分配：合计{total}，{first}年{share}",
                                      "Two-year plan: {total} in all, {share} for {first}"),
    "web.plan.gone": ("（运行已不在）", "(the run is gone)"),
    "web.plan.xlsx.about_sheet": ("测算说明", "About"),
    "web.plan.xlsx.sheet": ("各种分法", "Splits"),
    "web.plan.xlsx.values_sheet": ("明细数值", "Values"),
    "web.plan.xlsx.answer": ("结论", "Answer"),
    "web.plan.xlsx.notes": ("提示", "Notes"),
    "web.plan.xlsx.question": ("测算问题", "Question"),
    "web.plan.xlsx.total": ("两年合计", "Total for both years"),
    "web.plan.xlsx.first": ("第一年（{year}年度）", "First year ({year})"),
    "web.plan.xlsx.second": ("第二年（{year}年度）", "Second year ({year})"),
    "web.plan.xlsx.run": ("运行 {run}：{scenario}；{workbook}", "run {run}: {scenario}; {workbook}"),
    "web.plan.xlsx.splits": ("测算的第一年预算", "First-year budgets tried"),
    "web.plan.xlsx.value_under": ("计值所用的条款权重", "Valued by the clause weights of"),
    "web.plan.xlsx.tolerance": ("视为效果基本相同", "About as good within"),
    "web.plan.xlsx.best": ("效果最好的分法", "Best split"),
    "web.plan.xlsx.single": ("测算的分法（只测算了这一种，无从比较）", "The one split tried (nothing to compare with)"),
    "web.plan.xlsx.band": ("效果基本相同的{first}年预算", "{first} budgets about as good"),
    "web.plan.xlsx.band_range": ("{low}至{high}", "{low} to {high}"),
    "web.plan.xlsx.marginal": ("最优分法下{first}年每元预算可资助的加权评分（折合预算所用）",
                               "Weighted score a yuan of {first}'s budget buys at the best split (to say a value in "
                               "budget)"),
    "web.plan.xlsx.col.first_budget": ("{first}年预算（万元）", "{first} budget (万元)"),
    "web.plan.xlsx.col.second_budget": ("{second}年预算（万元）", "{second} budget (万元)"),
    "web.plan.xlsx.col.valued": ("两年效果（加权评分×元）", "Value of both years (weighted score × yuan)"),
    "web.plan.xlsx.col.valued_first": ("{first}年效果", "Value of {first}"),
    "web.plan.xlsx.col.valued_second": ("{second}年效果", "Value of {second}"),
    "web.plan.xlsx.col.below_best": ("与最优的差距（加权评分×元）", "Short of the best (weighted score × yuan)"),
    "web.plan.xlsx.col.below_best_in_budget": ("与最优的差距（折合{first}年预算，万元）",
                                               "Short of the best (in {first}'s budget, 万元)"),
    "web.plan.xlsx.col.objective_first": ("{first}年目标值（本年权重）", "{first} objective (its own weights)"),
    "web.plan.xlsx.col.objective_second": ("{second}年目标值（本年权重）", "{second} objective (its own weights)"),
    "web.plan.xlsx.col.available_first": ("{first}年可分配（万元）", "{first} available (万元)"),
    "web.plan.xlsx.col.available_second": ("{second}年可分配（万元）", "{second} available (万元)"),
    "web.plan.xlsx.col.allocated_first": ("{first}年已分配（万元）", "{first} allocated (万元)"),
    "web.plan.xlsx.col.allocated_second": ("{second}年已分配（万元）", "{second} allocated (万元)"),
    "web.plan.xlsx.col.unspent_first": ("{first}年未用（万元）", "{first} unspent (万元)"),
    "web.plan.xlsx.col.unspent_second": ("{second}年未用（万元）", "{second} unspent (万元)"),
    "web.plan.xlsx.col.funded_first": ("{first}年全额资助", "{first} funded in full"),
    "web.plan.xlsx.col.funded_second": ("{second}年全额资助", "{second} funded in full"),
    "web.plan.xlsx.col.partial_first": ("{first}年部分资助", "{first} partly funded"),
    "web.plan.xlsx.col.partial_second": ("{second}年部分资助", "{second} partly funded"),
    "web.plan.xlsx.col.marginal_first": ("{first}年每元预算可资助的加权评分", "{first} weighted score per yuan"),
    "web.plan.xlsx.col.marginal_second": ("{second}年每元预算可资助的加权评分", "{second} weighted score per yuan"),
    "web.plan.xlsx.col.valued_step": ("每元移至{first}年的效果变化（至下一档）",
                                      "Value per yuan moved to {first} (to the next split)"),
    "web.plan.xlsx.col.period_caps_binding": ("{second}年达到期间单户上限的申报单位数",
                                              "{second} applicants at their period cap"),
    "web.plan.xlsx.col.period_caps_carried": ("其中此前已获资助的", "Of them, with earlier awards"),
    "web.plan.xlsx.col.period_caps": ("达到期间单户上限的申报单位", "Applicants at their period cap"),
    "web.plan.xlsx.col.best": ("最优", "Best"),
    "web.plan.xlsx.col.near_best": ("效果基本相同", "About as good"),
    "web.plan.xlsx.col.note": ("说明", "Note"),
    "plan.not_a_year": ("应为一个年度的（申报, 情景）两项，如 (\"申报2026.xlsx\", \"情景2026.toml\")，给出的是 {shown}",
                        "must be one year's pair (applications, scenario), e.g. (\"applications_2026.xlsx\", "
                        "\"scenario_2026.toml\"), not {shown}"),
    "plan.no_year": ("{which}的情景没有年度：请在情景中写明 year",
                     "the {which} year's scenario has no year: set year in it"),
    "plan.same_year": ("两个情景都是{year}年度的：第二年的情景应为以后的年度",
                       "both scenarios are of {year}: the second year's must be a later year"),
    "plan.years_reversed": ("第二年的情景（{second}年度）早于第一年的（{first}年度）：请按年度先后给出",
                            "the second year's scenario ({second}) is before the first year's ({first}): give the "
                            "years in order"),
    "plan.no_splits": ("请给出第一年的预算：splits，或 step（及 start、stop）",
                       "give the first year's budgets: splits, or step (with start and stop)"),
    "plan.not_splits": ("{shown} 不是第一年的预算：请给出金额的列表，如 [\"1.4亿\", \"1.5亿\"]，"
                        "或一段文字 \"1.4亿,1.5亿\"",
                        "{shown} is no first-year budgets: give a list of amounts, e.g. [\"1.4亿\", \"1.5亿\"], or "
                        "one text \"1.4亿,1.5亿\""),
    "plan.splits_and_range": ("请只给出 splits，或只给出 start、stop 和 step，不要同时给出",
                              "give either splits or start, stop and step, not both"),
    "plan.no_step": ("给出了 start 或 stop，但没有 step（相邻两种分法第一年预算之差）",
                     "start or stop is given without step (between one split's first-year budget and the next)"),
    "plan.zero_step": ("step 应大于0", "step must be more than 0"),
    "plan.zero_refine": ("refine 应大于0", "refine must be more than 0"),
    "plan.tolerance_not_whole": ("以数字给出的容差以元计，而 {shown} 不是整数：请带上单位写作如 10万、5000元，"
                                 "或写作整元数如 100000",
                                 "a tolerance given as a number is yuan, and {shown} is not whole: write it with its "
                                 "unit (e.g. 10万, 5000元) or as whole yuan (e.g. 100000)"),
    "plan.refine_one_split": ("只有一种分法（第一年预算{split}），其附近没有可细化的范围："
                              "请给出至少两种分法，或不给 refine",
                              "there is one split only ({split} in the first year), with nothing around it to "
                              "refine: give at least two splits, or leave refine out"),
    "plan.refine_not_finer": ("refine {refine}不小于所给分法之间第一年预算之差（最大{gap}），细化不出任何分法："
                              "请给出小于{gap}的 refine，或不给",
                              "refine {refine} is no finer than the splits asked, at most {gap} apart, and would add "
                              "none: give a refine below {gap}, or leave it out"),
    "plan.tolerance_not_amount": ("“{shown}”不是金额：请写作如 10万 或 100000元",
                                  "'{shown}' is not an amount: write e.g. 10万 or 100000元"),
    "plan.small_tolerance_number": ("以数字给出的容差以元计：效果基本相同的范围按再增加{amount}所能带来的效果划定；"
                                    "如指{number}万，请写作“{number}万”",
                                    "a number is yuan: the band is within what {amount} buys — for {number}万, "
                                    "write \"{number}万\""),
    "plan.small_tolerance": ("{shown} 过小：是否应为 {number}万？如确指 {number} 元，请写作 {number}元",
                             "{shown} is very small — did you mean {number}万? Write {number}元 to mean yuan"),
    "plan.stop_below_start": ("stop {stop}低于 start {start}", "stop {stop} is below start {start}"),
    "plan.too_many": ("一次最多测算{most}种分法，要求的是{count}种",
                      "a plan solves at most {most} splits, not {count}"),
    "plan.split_above_total": ("第一年的预算不能高于两年合计{total}：{splits}",
                               "a first year's budget cannot be above the two years' total {total}: {splits}"),
    "plan.no_split": ("没有第一年预算为{budget}的分法；测算的第一年预算为{splits}",
                      "the plan has no split with {budget} in the first year; its first-year budgets are {splits}"),
    "plan.year_note": ("{year}年度：{note}", "{year}: {note}"),
    "plan.second_unsolved": ("{year}年度未求解：须计入{first}年度的资助",
                             "{year} not solved: it counts {first}'s awards"),
    "plan.value_under_year": ("{year} 不是本次测算的年度（{years}）："
                              "请给出 \"first\"、\"second\"、其中一个年度，或一个情景",
                              "{year} is neither year of the plan ({years}): give \"first\", \"second\", one of the "
                              "years, or a scenario"),
    "plan.split_infeasible": ("第一年预算{budget}时：{conflict}", "with {budget} in the first year: {conflict}"),
}
