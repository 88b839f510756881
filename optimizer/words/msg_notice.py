"""Words of the publication files of a run (公示: notice.xlsx, awards.json)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # notice.xlsx: the sheet, its title lines, its columns (in this order), its total and its objection note
    "notice.sheet": ("公示名单", "Notice"),
    "notice.title": ("{title}{year}年度拟支持项目公示名单", "{title}: projects proposed for support in {year}"),
    "notice.batch": ("（第{number}批）", " (batch {number})"),
    "notice.bad_batch": ("批次应为1至{most}的整数，而不是 {shown}",
                         "the batch should be a whole number from 1 to {most}, not {shown}"),
    "notice.number": ("{number}", "Policy document {number}"),
    "notice.header.no": ("序号", "No."),
    "notice.header.applicant": ("申报单位", "Applicant"),
    "notice.header.credit_code": ("统一社会信用代码", "Unified social credit code"),
    "notice.header.district": ("所属区县", "District"),
    "notice.header.project": ("项目名称", "Project"),
    "notice.header.clause": ("政策条款", "Clause"),
    "notice.header.amount": ("拟支持金额（万元）", "Proposed award (10,000 yuan)"),
    "notice.clause": ("第{clause}条", "clause {clause}"),  # budgetopt's id (7b): layouts 1 to 3, internal reports
    "notice.item": ("第{number}条 {title}", "Clause {number}: {title}"),  # the policy's own item (7), from layout 4
    "notice.total": ("合计", "Total"),
    "notice.period": ("{days}个工作日", "{days} working days"),
    "notice.period_one": ("{days}个工作日", "{days} working day"),
    "notice.objection": ("公示期为{period}。对公示内容有异议的，请在公示期内以书面形式向{issuers}反映。",
                         "The notice period is {period}. Objections to its content should be made in writing to "
                         "{issuers} within the notice period."),
    "notice.period_from": ("{period}（自{start}起）", "{period} from {start}"),
    "notice.contact": ("联系人及电话：{contact}", "Contact: {contact}"),
    "notice.closing": ("特此公示。", "Hereby announced."),
    "notice.date_blank": ("　　年　　月　　日", "Date:"),
    "notice.contact_lines": ("联系人应为一行文字，不能含换行或控制字符",
                             "the contact must be one line, without line breaks or control characters"),
    "notice.contact_long": ("联系人至多{most}个字符，“{shown}”有{length}个",
                            "the contact is at most {most} characters; '{shown}' has {length}"),
    "notice.bad_start": ("公示开始日期应写作 YYYY-MM-DD（如 2026-12-08），而不是“{shown}”",
                         "the notice's first day must be written YYYY-MM-DD (such as 2026-12-08), not '{shown}'"),
    "notice.start_far": ("公示开始日期 {day} 不在{year}年度前后一年之内（{low}至{high}）：请核对年份",
                         "the notice's first day {day} is not within a year of {year} ({low} to {high}): check the "
                         "year"),
    "notice.footer": ("第 {page} 页，共 {pages} 页", "Page {page} of {pages}"),
    # refusals: what the publication files cannot say
    "notice.bad_period": ("notice.xlsx：公示期应为1至30个工作日，而不是 {days}",
                          "notice.xlsx: the notice period must be 1 to 30 working days, not {days}"),
    "notice.inexact_amount": ("notice.xlsx：{what}的金额 {amount} 元无法在表格中以万元精确显示",
                              "notice.xlsx: the amount of {what}, {amount} yuan, cannot be shown exactly in 10,000 "
                              "yuan in a spreadsheet"),
    "notice.application": ("申报 {id} ", "application {id}"),
    "notice.the_total": ("合计", "the total"),
    "notice.mixed_awards": ("awards.json：待公示的奖补须属于同一政策、同一年度，而申报 {first} 为 {first_policy} "
                            "{first_year} 年度，申报 {other} 为 {other_policy} {other_year} 年度",
                            "awards.json: the awards published together must be of one policy and one year, but "
                            "application {first} is of {first_policy}, {first_year} and application {other} of "
                            "{other_policy}, {other_year}"),
    # the correction notice's layouts (report/correction_notice.py), named in its checks
    "corrections.layout": ("本公告按 layout {layout} 的写法写出{which}。",
                           "This notice is written in layout {layout}{which}."),
    "corrections.layout.4": ("：政策条款写作政策的条目及其标题（如“第7条 先进级智能工厂”）",
                             ": each clause as the policy's item with its title (Clause 7: Advanced-level smart "
                             "factory)"),
    "corrections.layout.3": ("：政策条款写作 budgetopt 的编号（如“第7b条”），2026年12月7日以前的写法",
                             ": each clause by budgetopt's id (clause 7b), as before 7 December 2026"),
    "corrections.bad_layout": ("更正公告的写法（layout）应为{layouts}之一，而不是 {shown}",
                               "the layout of a correction notice must be one of {layouts}, not {shown}"),
    "notice.other_run": ("awards.json：申报 {id} 的奖补记录属于另一次运行（{award_run}），而不是本次运行（{run}）",
                         "awards.json: the award of application {id} belongs to another run ({award_run}), not to "
                         "this one ({run})"),
}
