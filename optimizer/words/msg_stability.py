"""Words of the stability of an allocation under score noise (`budgetopt stability`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # what the library refuses (InputError) and how a run fails (SolverError)
    "stability.draws": ("抽样次数应为1到{most}之间的整数，填写的是 {shown}",
                        "the number of draws must be a whole number from 1 to {most}, found {shown}"),
    "stability.sigma": ("噪声标准差应为0到100之间的数（以评审得分的分计），填写的是 {shown}",
                        "the noise's standard deviation must be a number from 0 to 100 (in score points), found "
                        "{shown}"),
    "stability.seed": ("随机种子应为非负整数，填写的是 {shown}",
                       "the seed must be a whole number of at least 0, found {shown}"),
    "stability.draw_failed": ("第{draw}次抽样（共{draws}次，种子{seed}）求解失败，整次运行作废，未写出任何结果："
                              "{reason}",
                              "draw {draw} of {draws} (seed {seed}) failed, so the whole run fails and nothing is "
                              "written: {reason}"),
    # the classes
    "stability.class.always": ("始终获资助", "always funded"),
    "stability.class.sometimes": ("时而获资助", "sometimes funded"),
    "stability.class.never": ("从未获资助", "never funded"),
    # stability.xlsx and stability.html
    "stability.title": ("评审得分扰动下的稳定性", "Stability under score noise"),
    "stability.subtitle": ("{policy} · {scenario} · {draws}次抽样，σ = {sigma}分，种子 {seed}",
                           "{policy} · {scenario} · {draws} draws, σ = {sigma} points, seed {seed}"),
    "stability.sheet.applications": ("各申报", "Applications"),
    "stability.sheet.by_rank": ("按排名", "By rank"),
    "stability.sheet.parameters": ("参数", "Parameters"),
    "stability.col.rank": ("排名", "Rank"),
    "stability.col.status": ("无扰动状态", "Status without noise"),
    "stability.col.allocated_wan": ("无扰动分配额（万元）", "Allocated without noise (万元)"),
    "stability.col.p_funded": ("获资助概率", "P(funded)"),
    "stability.col.p_full": ("全额资助概率", "P(funded in full)"),
    "stability.col.mean_wan": ("平均分配额（万元）", "Mean allocated (万元)"),
    "stability.col.class": ("稳定性", "Class"),
    "stability.chart.title": ("各申报的获资助概率（按无扰动排名）", "P(funded) of each application, by rank"),
    "stability.chart.series": ("获资助概率", "P(funded)"),
    "stability.axis.rank": ("排名（按加权评分，1 = 最高）", "rank (by weighted score, 1 = highest)"),
    "stability.axis.p_funded": ("获资助概率", "P(funded)"),
    "stability.param.draws": ("抽样次数", "Draws"),
    "stability.param.sigma": ("噪声标准差（分）", "Noise standard deviation (score points)"),
    "stability.param.seed": ("随机种子", "Seed"),
    "stability.param.workbook": ("申报表", "Workbook"),
    "stability.param.scenario": ("分配方案", "Scenario"),  # the files say the app's word, as the run's files do
    "stability.param.ledger": ("资助台账", "Award ledger"),
    "stability.param.ledger_entries": ("{path}（{entries}条记录）", "{path} ({entries} entries)"),
    "stability.param.eligible": ("符合条件的申报（项）", "Eligible applications"),
    "stability.param.count": ("{name}（项）", "{name} (applications)"),
    "stability.param.sometimes_share": ("时而获资助者占符合条件申报的比例", "Sometimes funded, share of eligible"),
    "stability.param.sometimes_money": ("时而获资助者在无扰动分配中的金额（万元）",
                                        "Held by the sometimes funded without noise (万元)"),
    "stability.param.noise": ("噪声模型", "Noise model"),
    "stability.param.shares": ("概率的写法", "How shares are written"),
    "stability.earlier_rounds": ("资助台账已记本政策{year}年度此前各批资助{earlier}元，"
                                 "计入每次抽样的年度预算及各项限额",
                                 "the ledger records {earlier} yuan granted under this policy in {year}'s earlier "
                                 "rounds, which every draw counts towards the year's budget and limits"),
    "stability.noise_model": (
        "每次抽样给每项申报的评审得分加上均值为0、标准差为σ的正态噪声，截断到0–100分并四舍五入到0.1分，再像 allocate "
        "一样求解（证明最优、同分规则、精确复核）。一项申报在一次抽样中的噪声只取决于（种子、抽样序号、申报编号），"
        "与行序和并行进程数无关；σ = 0 时各次抽样即无扰动的原始得分。资格、核定额和“就高、不重复”按原始得分确定，"
        "不随抽样变化。",
        "Each draw adds normal noise (mean 0, standard deviation σ) to every application's review score, clips it to "
        "0–100 and rounds it to 0.1 (half up), then solves the scenario as allocate does (proven optimal, the tie "
        "rule, the exact re-check). The noise of one application in one draw depends only on (seed, draw, "
        "application_id), never on row order or workers; with σ = 0 every draw is the year as read. Eligibility, "
        "entitlements and 就高、不重复 are decided once, on the scores as read."),
    # the solver as the run's files name it, its version with it (an auditor's review: the workbook named it, the
    # page did not)
    "stability.solver": ("求解器：{solver}", "Solver: {solver}"),
    "stability.shares_note": (
        "概率为获资助（或全额资助）的抽样所占比例，保留4位小数（四舍五入），不是0或1的概率不会写成0或1；平均分配额"
        "为各次抽样分配额的平均值。",
        "A share is the fraction of draws with an award (or the full entitlement), to four decimals (half up); a share "
        "that is neither 0 nor 1 is never written as 0 or 1. The mean is the average award over all draws."),
    "stability.card.draws": ("抽样次数", "draws"),
    "stability.card.sigma": ("噪声标准差（分）", "noise σ (score points)"),
    "stability.card.count": ("{name}（项）", "{name}"),
    "stability.card.sometimes_money": ("时而获资助者的无扰动金额（万元）", "held by the sometimes funded (万元)"),
    "stability.heading.chart": ("资助线附近的概率", "The funding line, application by application"),
    "stability.heading.crosstab": ("无扰动结果与稳定性", "Without noise, and under noise"),
    "stability.heading.sometimes": ("时而获资助的申报", "The applications sometimes funded"),
    "stability.chart_note": (
        "每个点是一项符合条件的申报：横轴为无扰动时的排名（加权评分从高到低，同分按同分规则），纵轴为获资助概率；"
        "蓝色为无扰动分配中获资助（全额或部分），橙色为未获资助。虚线：无扰动分配资助的项数——若资金只按排名分配，"
        "资助线就在这里；专项额度、区县和单户上限、整额资助使实际资助不完全按排名。",
        "Each dot is one eligible application: across, its rank without noise (weighted score, highest first, ties "
        "by the tie rule); up, its share of draws with an award. Blue: funded without noise (in full or in part); "
        "orange: not funded. The dashed line: how many the noiseless allocation funds — where the funding line would "
        "be if money went down the ranking alone; envelopes, district and applicant caps and whole awards make it "
        "bend."),
    "stability.legend.funded": ("无扰动时获资助", "funded without noise"),
    "stability.legend.unfunded": ("无扰动时未获资助", "not funded without noise"),
    "stability.line": ("无扰动资助{count}项", "{count} funded without noise"),
    "stability.crosstab.noiseless": ("无扰动结果", "Without noise"),
    "stability.crosstab.funded": ("获资助（全额或部分）", "funded (in full or in part)"),
    "stability.crosstab.unfunded": ("未获资助", "not funded"),
    "stability.none_sometimes": ("没有时而获资助的申报：每项申报在各次抽样中的结果都相同。",
                                 "No application is sometimes funded: every application has the same outcome in "
                                 "every draw."),
    "stability.rows_hidden": ("另有{count}项未列出；stability.xlsx 中列有全部申报。",
                              "{count} more are not listed here; stability.xlsx has them all."),
    # the command line
    "stability.cli.draws": ("次抽样", "draws"),
    "stability.cli.headline": ("稳定性：{draws}次抽样，评审得分噪声σ = {sigma}分，种子 {seed}；情景：{scenario}",
                               "stability: {draws} draws, score noise σ = {sigma} points, seed {seed}; scenario: "
                               "{scenario}"),
    "stability.cli.classes": ("符合条件的申报{eligible}项：始终获资助{always}项，时而获资助{sometimes}项（{share}），"
                              "从未获资助{never}项",
                              "{eligible} eligible applications: {always} always funded, {sometimes} sometimes "
                              "({share}), {never} never"),
    "stability.cli.money": ("时而获资助的申报在无扰动分配中共获{money}（占已分配的{share}）",
                            "the sometimes funded hold {money} of the noiseless allocation ({share} of what it "
                            "allocates)"),
    "stability.cli.outputs": ("输出：{folder}/（{files}）", "outputs: {folder}/ ({files})"),
}
