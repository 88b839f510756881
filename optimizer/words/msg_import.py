"""Words of reading a workbook of awards granted under other policies (`budgetopt ledger import`,
optimizer/reading/awards.py).

Only what the application reader's words (msg_reading.py) cannot say: the policy the awards were granted under, a
workbook without awards, a row pasted twice, and hidden sheets (those words name the applications). Headers, cells
and refused files are worded by the `sheet.…`, `cell.…` and `file.…` phrases, as for an application workbook.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "import.paid_later": ("拨付日期 {date} 晚于今天（{today}）：请核对是否已拨付", "paid on {date}, after today "
                          "({today}): check that it was paid"),
    "import.policy_empty": ("未写明这些资助所依据的政策：请给出该政策的名称，如其文号",
                            "no policy is named for these awards: give the name of the policy they were granted "
                            "under, e.g. its document number"),
    "import.policy_control": ("政策名称中有换行符或其他控制字符：请只写政策的名称，如其文号",
                              "the policy's name holds a line break or another control character: give only its "
                              "name, e.g. its document number"),
    "import.policy_long": ("政策名称有 {length} 个字符，最多 {most} 个：请只写政策的名称，如其文号",
                           "the policy's name has {length} characters, at most {most}: give only its name, e.g. its "
                           "document number"),
    "import.empty": ("工作簿中没有资助记录：工作表是空的", "the workbook has no awards: its sheet is empty"),
    "import.no_awards": ("工作簿中没有资助记录：列标题下方没有任何数据行",
                         "the workbook has no awards: there are no rows below the column headers"),
    "import.repeated": ("与第{row}行的统一社会信用代码、事项标识、金额和拨付日期都相同，可能是重复粘贴："
                        "请删除其中一行；若两笔确实都已拨付，请合并为一行并填写合计金额",
                        "has the same credit code, content key, amount and payment date as row {row}, probably "
                        "pasted twice: delete one of them or, if both were paid, write them as one row with the "
                        "total"),
    "import.hidden_sheet": ("隐藏的工作表 {names} 不读取；资助记录只从工作表 {read} 读取",
                            "hidden sheet {names} is not read; the awards are read from sheet {read} only"),
    "import.hidden_sheets": ("隐藏的工作表 {names} 不读取；资助记录只从工作表 {read} 读取",
                             "hidden sheets {names} are not read; the awards are read from sheet {read} only"),
    "import.sheet_hidden": ("工作表 {name} 是隐藏的；仍从中读取资助记录",
                            "sheet {name} is hidden; the awards are read from it"),
}
