"""`budgetopt template`: an empty application workbook with Chinese headers, a note on each, and drop-downs."""

from __future__ import annotations

import io

from optimizer.reading.applications import COLUMNS
from optimizer.report.xlsx import formats, header_row, new_workbook
from optimizer.rules.divisions import chongqing
from optimizer.rules.policy import Policy
from optimizer.words import INDUSTRIES, SIZES

TEMPLATE_ROWS = 5000  # rows that carry the drop-downs and formats

NOTES = {
    "application_id": "必填。申报编号，本表内唯一，如 2026-0001。\nRequired: unique id of the application.",
    "applicant": "必填。申报单位全称。\nRequired: the applicant's full name.",
    "credit_code": "必填。18位统一社会信用代码（GB 32100-2015），末位校验码须正确。\nRequired: 18-character unified "
                   "social credit code with a valid check character.",
    "district": "必填。所属区县，从下拉列表选择（江北区、渝北区已并入两江新区）。\nRequired: county-level division.",
    "clause": "必填。政策条款编号：1…20，第7、8、11、14条分为a/b（见“选项”表）。\nRequired: clause id, 1…20 with "
              "7a/7b, 8a/8b, 11a/11b, 14a/14b.",
    "project": "必填。项目名称。\nRequired: project name.",
    "content_key": "选填。同一申报单位同一内容的事项填相同标识，按“就高、不重复”只支持一次。\nOptional: the same key "
                   "for the same item of one applicant (applied for under more than one clause): it is paid once, at "
                   "the higher standard.",
    "investment": "按比例奖补的条款必填：项目实际投资额（第20条为活动实际费用），单位万元。\nFor matching clauses: "
                  "actual investment (clause 20: actual event cost), in 万元.",
    "requested": "选填。申请金额，单位万元；奖励不超过申请金额。\nOptional: amount requested, in 万元; the award never "
                 "exceeds it.",
    "score": "必填。评审得分，0–100。\nRequired: review score, 0–100.",
    "submitted_on": "必填。申报日期，如 2026-03-15。\nRequired: submission date.",
    "industry": "第9、12条必填。所属行业，从下拉列表选择。\nRequired for clauses 9 and 12: industry.",
    "enterprise_size": "第11a条必填。企业规模：大型/中型/小型/微型。\nRequired for clause 11a: enterprise size.",
    "qualified": "有前提条件的条款必填：是否已确认认定、荣誉、许可或入选（是/否）。\nFor clauses with a precondition: "
                 "is it confirmed (是/否)?",
    "prior_support": "选填。本事项已获市级同类政策支持金额，单位万元。\nOptional: support already granted for this "
                     "item by other municipal policies, in 万元.",
    "group": "选填。同一控制下的关联企业填写相同的组名，情景可限定每组资助合计。\nOptional: enterprises under common "
             "control share a group name; a scenario may cap each group's total.",
}
_UNIT = {"investment": "（万元）", "requested": "（万元）", "prior_support": "（万元）"}
# Text columns are Text ("@") in the column and in every cell of the template's rows, so Excel keeps what is typed
# or pasted as written: an all-digit credit code stays 915001…, not 9.15001E+17; an id 0001 keeps its zeros.
TEXT_FIELDS = ("application_id", "applicant", "credit_code", "district", "clause", "project", "content_key",
               "industry", "enterprise_size", "qualified", "group")
_FORMAT = {**dict.fromkeys(TEXT_FIELDS, "text"), "investment": "money2", "requested": "money2",
           "prior_support": "money2", "score": "number", "submitted_on": "date"}
_WIDTH = {"applicant": 30, "project": 30, "credit_code": 22, "district": 14}


def template_xlsx(policy: Policy) -> bytes:
    """The empty application workbook: headers with notes, text columns, drop-down lists from `policy`."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    fmt = formats(book)
    sheet = book.add_worksheet("申报项目")
    lists = book.add_worksheet("选项")
    headers = [c.zh + _UNIT.get(c.field, "") for c in COLUMNS]
    header_row(sheet, headers, fmt["header"], [_WIDTH.get(c.field, 14) for c in COLUMNS], None)
    for col, column in enumerate(COLUMNS):
        sheet.write_comment(0, col, NOTES[column.field], {"x_scale": 2.2, "y_scale": 1.6})
        if column.field in _FORMAT:
            sheet.set_column(col, col, _WIDTH.get(column.field, 14), fmt[_FORMAT[column.field]])
        if column.field in TEXT_FIELDS:
            for row in range(1, TEMPLATE_ROWS + 1):
                sheet.write_blank(row, col, None, fmt["text"])
    choices = {
        "clause": [c.id for c in policy.clauses.values()],
        "district": list(chongqing().names),
        "industry": [zh for zh, _ in INDUSTRIES.values()],
        "enterprise_size": [zh for zh, _ in SIZES.values()],
        "qualified": ["是", "否"],
    }
    titles = {"clause": "政策条款", "district": "所属区县", "industry": "所属行业", "enterprise_size": "企业规模",
              "qualified": "资格认定"}
    fields = [c.field for c in COLUMNS]
    lists.write_string(0, 5, "条款名称", fmt["header"])
    for row, clause in enumerate(policy.clauses.values(), start=1):
        lists.write_string(row, 5, clause.title_zh)
    lists.set_column(5, 5, 50)
    for list_col, (field, values) in enumerate(choices.items()):
        lists.write_string(0, list_col, titles[field], fmt["header"])
        for row, value in enumerate(values, start=1):
            lists.write_string(row, list_col, value)
        lists.set_column(list_col, list_col, 22 if field == "district" else 12)
        source = f"='选项'!${_letter(list_col)}$2:${_letter(list_col)}${len(values) + 1}"
        col = fields.index(field)
        sheet.data_validation(1, col, TEMPLATE_ROWS, col, {
            "validate": "list", "source": source,
            "error_title": titles[field], "error_message": f"请从下拉列表选择{titles[field]}。",
        })
    sheet.data_validation(1, fields.index("score"), TEMPLATE_ROWS, fields.index("score"), {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100,
        "error_title": "评审得分", "error_message": "评审得分须在0到100之间。",
    })
    sheet.activate()
    book.close()
    return buffer.getvalue()


def _letter(index: int) -> str:
    return chr(65 + index)
