"""What budgetopt says about the reading step, by code: (Chinese, English) templates (see catalog.py).

- `file.…`: a file refused before or while it is opened (size, zip bombs, macros, damage), and the installation's
  XML defences (`install.…`);
- `sheet.…`: the application sheet as a whole: its extent, headers, hidden and merged parts, formulas;
- `cell.…`: one cell of the application workbook (what follows `column X: `), and the warnings about amounts
  implausible for their column;
- `records.…`, `alloc.…`, `run.…`: applications given as records, allocation files read for an audit, run folders.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ files refused (guard.py, sheet.py)
    "file.cannot_open": ("无法打开（{reason}）", "cannot be opened ({reason})"),
    "file.not_regular": ("不是普通文件（而是管道、设备或其他特殊文件）",
                         "is not a regular file (a pipe, a device or another special one)"),
    "file.too_large": ("文件大小为 {size}，超过 budgetopt 可读取的 {limit}；请将申报数据拆分为几个较小的工作簿，"
                       "或放宽限制",
                       "is {size}, more than the {limit} budgetopt reads; split the applications into smaller "
                       "workbooks, or raise the limit"),
    "file.old_xls": ("是旧版 .xls 工作簿或设有密码的文件；请在 Excel 中打开，不设密码另存为 .xlsx（Excel 工作簿）",
                     "is an old-style .xls workbook or a password-protected file; open it in Excel and save it as "
                     ".xlsx (Excel Workbook) without a password"),
    "file.not_xlsx": ("不是 .xlsx 工作簿（请在 Excel 中另存为“Excel 工作簿 (.xlsx)”）",
                      "is not an .xlsx workbook (save it from Excel as Excel Workbook .xlsx)"),
    "file.macro_extension": ("是启用宏的工作簿（{suffix}）；请另存为不含宏的 .xlsx（Excel 工作簿）",
                             "is a macro-enabled workbook ({suffix}); save it as .xlsx (Excel Workbook) without "
                             "macros"),
    "file.macros": ("含有宏（VBA 或 Excel 4.0 宏表），budgetopt 不打开含宏的文件；请另存为不含宏的 .xlsx（Excel "
                    "工作簿）",
                    "contains macros (VBA or Excel 4.0 macro sheets), which budgetopt does not open; save it as "
                    ".xlsx (Excel Workbook) without macros"),
    "file.binary": ("是二进制工作簿（.xlsb）；请另存为 .xlsx（Excel 工作簿）",
                    "is a binary workbook (.xlsb); save it as .xlsx (Excel Workbook)"),
    "file.too_many_parts": ("压缩包内含{count}个文件，超过工作簿所需的{limit}个；请在 Excel 中将工作簿重新另存为 "
                            ".xlsx",
                            "holds {count} files, more than the {limit} a workbook needs; save it again from Excel "
                            "as .xlsx"),
    "file.two_parts": ("含有两个同名的内部文件 {part}，Excel 从不这样写；请在 Excel 中将工作簿重新另存为 .xlsx",
                       "holds two parts named {part}, which Excel never writes; save the workbook again from Excel "
                       "as .xlsx"),
    "file.unpacked_too_large": ("解压后为 {size}，超过 budgetopt 可解压的 {limit}；请在 Excel "
                                "中去掉图片和附件后重新另存为 .xlsx，或放宽限制",
                                "would unpack to {size}, more than the {limit} budgetopt unpacks; save it again from "
                                "Excel as .xlsx without pictures or attachments, or raise the limit"),
    "file.zip_bomb": ("疑似压缩炸弹，已拒绝：其内部文件 {part} 由{packed}字节解压为 {size}（{ratio}倍，"
                      "超过允许的{limit}倍）；请在 Excel 中将工作簿重新另存为 .xlsx",
                      "refused as a possible zip bomb: its part {part} unpacks to {size} from {packed} bytes "
                      "({ratio} times, more than the {limit} allowed); save the workbook again from Excel as .xlsx"),
    "file.not_utf8": ("其内部文件 {part} 不是 Excel 所写的 UTF-8 文本；请在 Excel 中将工作簿重新另存为 .xlsx",
                      "its part {part} is not UTF-8 text as Excel writes it; save the workbook again from Excel as "
                      ".xlsx"),
    "file.dtd": ("其内部文件 {part} 声明了 XML 实体（DOCTYPE）：Excel 从不写入这类内容，它可被用来攻击读取程序；请在 "
                 "Excel 中将工作簿重新另存为 .xlsx",
                 "its part {part} declares XML entities (a DOCTYPE), which Excel never writes and which can attack "
                 "the reader; save the workbook again from Excel as .xlsx"),
    "file.no_sheets": ("工作簿中没有工作表", "the workbook has no sheets"),
    "file.two_sheets": ("有两个名为 {name} 的工作表，Excel 不允许这样；请在 Excel 中将工作簿重新另存为 .xlsx",
                        "has two sheets named {name}, which Excel does not allow; save the workbook again from Excel "
                        "as .xlsx"),
    "file.sheet_part_missing": ("无法作为 .xlsx 工作簿读取（缺少存放工作表 {name} 的内部文件）；请在 Excel "
                                "中打开并重新另存为 .xlsx",
                                "cannot be read as an .xlsx workbook (the part holding sheet {name} is missing); "
                                "open it in Excel and save it again as .xlsx"),
    "file.no_workbook_part": ("无法作为 .xlsx 工作簿读取（其中没有工作簿部分）；请在 Excel 中另存为“Excel 工作簿 "
                              "(.xlsx)”",
                              "cannot be read as an .xlsx workbook (it holds no workbook part); save it from Excel "
                              "as Excel Workbook (.xlsx)"),
    "file.unreadable": ("无法作为 .xlsx 工作簿读取（{why}）", "cannot be read as an .xlsx workbook ({why})"),
    # the installation's XML defences (guard.assert_xml_defended)
    "install.no_defusedxml": ("未安装 defusedxml，无法拒绝 XML 实体攻击；请连同依赖重新安装 budgetopt",
                              "defusedxml is not installed, so XML entity attacks would not be refused; reinstall "
                              "budgetopt with its dependencies"),
    "install.not_defusedxml": ("所用的 XML 解析器不是 defusedxml 的；请重新安装 budgetopt",
                               "the XML parser in use is not defusedxml's; reinstall budgetopt"),
    "install.openpyxl_env": ("OPENPYXL_DEFUSEDXML 关闭了 openpyxl 对 XML 实体攻击的防护；请删除该环境变量",
                             "OPENPYXL_DEFUSEDXML turns off openpyxl's protection against XML entity attacks; unset "
                             "it"),
    "install.openpyxl_unsafe": ("openpyxl 加载时没有使用 defusedxml，会展开 XML 实体；请连同依赖重新安装 budgetopt",
                                "openpyxl was loaded without defusedxml and would expand XML entities; reinstall "
                                "budgetopt with its dependencies"),
    # ------------------------------------------------------------ the application sheet (sheet_xml.py)
    "sheet.too_many_rows": ("数据延伸到第{rows}行，超过 budgetopt 可读取的{limit}行；请删除申报数据下方的内容（在 "
                            "Excel 中按 Ctrl+End 可找到最后一个单元格）、将申报数据拆分为几个较小的工作簿，或放宽限制",
                            "reaches row {rows}, beyond the {limit} rows budgetopt reads; delete what lies below the "
                            "applications (Ctrl+End in Excel shows the last cell), split them into smaller "
                            "workbooks, or raise the limit"),
    "sheet.too_many_columns": ("数据延伸到{letter}列（共{columns}列），超过 budgetopt 可读取的{limit}列；"
                               "请删除申报数据右侧的内容（在 Excel 中按 Ctrl+End 可找到最后一个单元格），或放宽限制",
                               "reaches column {letter} ({columns} columns), beyond the {limit} columns budgetopt "
                               "reads; delete what lies right of the applications (Ctrl+End in Excel shows the last "
                               "cell), or raise the limit"),
    "sheet.too_many_cells": ("数据区域为{rows}行 × {columns}列（{cells}个单元格），超过 budgetopt "
                             "可读取的{limit}个单元格；请删除申报数据下方或右侧的内容（在 Excel 中按 Ctrl+End "
                             "可找到最后一个单元格），或将申报数据拆分为几个较小的工作簿",
                             "spans {rows} rows × {columns} columns ({cells} cells), more than the {limit} cells "
                             "budgetopt reads; delete what lies below or right of the applications (Ctrl+End in "
                             "Excel shows the last cell), or split them into smaller workbooks"),
    "sheet.entities": ("其 XML 声明了实体（DOCTYPE）：Excel 从不写入这类内容，它可被用来攻击读取程序；请在 Excel "
                       "中将工作簿重新另存为 .xlsx",
                       "its XML declares entities (a DOCTYPE), which Excel never writes and which can attack the "
                       "reader; save the workbook again from Excel as .xlsx"),
    "sheet.xml_damaged": ("工作表的 XML 已损坏（{error}）；请在 Excel 中打开文件并重新另存为 .xlsx",
                          "the sheet's XML is damaged ({error}); open the file in Excel and save it again as .xlsx"),
    # ------------------------------------------------------------ headers (applications.py)
    "sheet.header_row": ("在第{row}行找到列标题；其上方的行不读取",
                         "column headers found in row {row}; rows above it are ignored"),
    "sheet.column_no_header": ("此列有数据但没有列标题，不读取", "column has data but no header; it is ignored"),
    "sheet.column_unknown": ("未知列“{header}”保留但不读取", "unknown column '{header}' is kept and ignored"),
    "sheet.unit_not_money": ("单位（{unit}）只能写在金额列的列标题中",
                             "a unit ({unit}) belongs only on a money column"),
    "sheet.column_repeated": ("与“{first}”列（{field}）重复；请只保留其中一列",
                              "repeats the column '{first}' ({field}); keep one of them"),
    "sheet.column_missing": ("缺少必填列 {zh}（{field}）", "required column {zh} ({field}) is missing"),
    "sheet.no_applications": ("工作簿中没有申报数据：列标题下方没有任何申报行", "the workbook has no applications"),
    "sheet.empty": ("工作簿中没有申报数据：申报工作表是空的", "the workbook has no applications: its sheet is empty"),
    # ------------------------------------------------------------ what Excel shows but the reader does not honour
    "sheet.hidden_sheet": ("隐藏的工作表 {names} 不读取；申报数据只从工作表 {read} 读取",
                           "hidden sheet {names} is not read; the applications are read from sheet {read} only"),
    "sheet.hidden_sheets": ("隐藏的工作表 {names} 不读取；申报数据只从工作表 {read} 读取",
                            "hidden sheets {names} are not read; the applications are read from sheet {read} only"),
    "sheet.sheet_hidden": ("工作表 {name} 是隐藏的；仍作为申报工作表读取",
                           "sheet {name} is hidden; it is read as the application sheet"),
    "sheet.hidden_row": ("第{spans}行是隐藏的；它与其他行一样读取",
                         "row {spans} is hidden; it is read like any other row"),
    "sheet.hidden_rows": ("隐藏的行：{spans}；这些行与其他行一样读取",
                          "rows {spans} are hidden; they are read like any other row"),
    "sheet.hidden_column": ("{spans}列是隐藏的；它与其他列一样读取",
                            "column {spans} is hidden; it is read like any other column"),
    "sheet.hidden_columns": ("隐藏的列：{spans}；这些列与其他列一样读取",
                             "columns {spans} are hidden; they are read like any other column"),
    "sheet.merged": ("合并单元格 {ranges}：合并区域的值只在其左上角单元格中，其余单元格按空白读取",
                     "merged cells {ranges}: a merged range's value is in its top-left cell only; its other cells "
                     "are read as empty"),
    "sheet.filter": ("{range} 设有筛选；所有行都会读取，无论是否被筛选掉",
                     "a filter is set on {range}; all rows are read, filtered or not"),
    "sheet.formulas": ("{count}个公式单元格按 Excel 随文件保存的计算结果读取（{places}）",
                       "{count} formula cell(s) read by the value Excel saved with them ({places})"),
    # ------------------------------------------------------------ one cell (fields.py, applications.py)
    "cell.empty": ("为空", "is empty"),
    "cell.text_too_long": ("长达 {length} 个字符，超过 Excel 单元格所能容纳的 {limit} 个字符",
                           "is {length} characters long, more than an Excel cell holds ({limit})"),
    "cell.required_empty": ("为空；此项必填", "is empty; a value is required"),
    "cell.formula_no_value": ("公式 ={formula} 没有保存计算结果（请在 Excel 中打开文件并保存）",
                              "formula ={formula} has no saved value (open the file in Excel and save it)"),
    "cell.excel_error": ("含有 Excel 错误值 {error}", "holds the Excel error {error}"),
    "cell.id_repeated": ("申报编号“{id}”已在第{row}行使用", "application_id '{id}' is already used in row {row}"),
    "cell.credit_code.length": ("“{shown}”应为18位，实际为{count}位",
                                "'{shown}' must have 18 characters, found {count}"),
    "cell.credit_code.character": ("第{position}位的字符“{char}”不允许使用（统一社会信用代码只用 0-9 和除 I、O、S、"
                                   "V、Z 以外的大写字母）",
                                   "character '{char}' at position {position} is not allowed (a credit code uses 0-9 "
                                   "and A-Z without I, O, S, V, Z)"),
    "cell.credit_code.check": ("校验码为“{found}”，应为“{expected}”",
                               "check character is '{found}', expected '{expected}'"),
    "cell.district.unknown": ("“{shown}”不是重庆市的区县",
                              "'{shown}' is not one of Chongqing's county-level divisions"),
    "cell.district.abolished": ("{old}已于{date}撤销，按{name}读取", "{old} was abolished on {date}; read as {name}"),
    "cell.clause.split": ("第{clause}条分为几项奖励：请填写 {options}",
                          "clause {clause} has separate awards: write {options}"),
    "cell.clause.unknown": ("“{shown}”不是{policy}的条款（{ids}）", "'{shown}' is not a clause of {policy} ({ids})"),
    "cell.money.too_large": ("{shown} 太大，不可能是金额（最多{limit}元）",
                             "{shown} is too large to be an amount (at most {limit} yuan)"),
    "cell.money.negative": ("不能为负数，填写的是 {shown}", "must not be negative, found {shown}"),
    "cell.money.zero": ("必须大于0", "must be more than 0"),
    "cell.money.fen": ("{shown} 的小数位超过了分（按元计最多两位小数）",
                       "{shown} has more than two decimals of a yuan (分)"),
    "cell.score.range": ("应在0到100之间，填写的是 {shown}", "must be between 0 and 100, found {shown}"),
    "cell.date.number": ("{shown} 是数字而不是日期（请把单元格设为日期格式，或写成 2026-03-15）",
                         "{shown} is a number, not a date (format the cell as a date, or write 2026-03-15)"),
    "cell.date.unreal": ("“{shown}”不是真实存在的日期", "'{shown}' is not a real date"),
    "cell.date.unknown": ("“{shown}”不是日期（请写成 2026-03-15、2026/3/15 或 2026年3月15日，或使用 Excel 日期）",
                          "'{shown}' is not a date (write 2026-03-15, 2026/3/15 or 2026年3月15日, or use an Excel "
                          "date)"),
    "cell.industry.unknown": ("“{shown}”不是可填的所属行业（可填：{options}）",
                              "'{shown}' is not an industry (one of {options})"),
    "cell.size.unknown": ("“{shown}”不是可填的企业规模（可填：{options}）",
                          "'{shown}' is not an enterprise size (one of {options})"),
    "cell.yes_no": ("“{shown}”不是“是”或“否”（可填 是/否、yes/no、Y/N 或 TRUE/FALSE）",
                    "'{shown}' is not yes or no (write yes/no, 是/否, Y/N or TRUE/FALSE)"),
    "cell.not_a_number": ("{shown} 不是数字", "{shown} is not a number"),
    "cell.quoted_not_a_number": ("“{shown}”不是数字", "'{shown}' is not a number"),
    "cell.date_not_number": ("{shown} 是日期而不是数字", "{shown} is a date, not a number"),
    "cell.separators": ("“{shown}”的千位分隔符位置不对", "'{shown}' has misplaced thousands separators"),
    # a cell that writes its unit (`4000万`), by what the column header says
    "cell.unit.same": ("“{shown}”带有单位；列标题已注明单位为{unit}，单元格只填数字：{number}",
                       "'{shown}' carries a unit; the column header already says {unit}: write {number}"),
    "cell.unit.convert": ("“{shown}”带有单位，而列标题注明单位为{unit}：请按{unit}只填数字 {number}",
                          "'{shown}' carries a unit, but the column header says {unit}: write {number}"),
    "cell.unit.header_says": ("“{shown}”带有单位；列标题已注明单位为{unit}，单元格只填数字",
                              "'{shown}' carries a unit; the column header already says {unit}: write the number "
                              "alone"),
    "cell.unit.yuan": ("“{shown}”带有单位；本列列标题未注明单位，按元计，单元格只填数字：{number}",
                       "'{shown}' carries a unit; the column is in yuan (its header names no unit): write {number}"),
    "cell.unit.header": ("“{shown}”带有单位；单元格请只填数字，并把单位写在列标题中，如 {header}",
                         "'{shown}' carries a unit; write the number alone and put the unit in the column header, "
                         "e.g. {header}"),
    "cell.unit.header_wan": ("“{shown}”带有单位；请按万元只填数字 {number}，并把单位写在列标题中，如 {header}",
                             "'{shown}' carries a unit; write it in 万元, {number}, and put the unit in the column "
                             "header, e.g. {header}"),
    # amounts implausible by orders of magnitude for their column (applications.py, warnings)
    "cell.implausible.large": ("{amount}是{reference}的1000倍以上：{advice}",
                               "{amount} is more than 1,000 times {reference}: {advice}"),
    "cell.implausible.small": ("{amount}还不到{reference}的千分之一：{advice}",
                               "{amount} is less than a thousandth of {reference}: {advice}"),
    "cell.implausible.yuan": ("{yuan}元", "{yuan} yuan"),
    "cell.implausible.wan": ("{wan}万元（即{yuan}元）", "{wan} 万元 ({yuan} yuan)"),
    "cell.implausible.maximum": ("第{clause}条的最高标准（{maximum}元）",
                                 "the most clause {clause} pays ({maximum} yuan)"),
    "cell.implausible.base": ("第{clause}条达到最高标准所需的{what}（{base}元）",
                              "the {what} at which clause {clause} pays its most ({base} yuan)"),
    "cell.implausible.in_yuan": ("是否误按元填写？本列列标题注明的单位是万元",
                                 "was it written in yuan? The column header says 万元"),
    "cell.implausible.in_wan": ("是否误按万元填写？若本列金额都以万元计，请在列标题中注明，如 {header}",
                                "was it meant in 万元? If the column is in 万元, say so in its header, e.g. {header}"),
    "cell.implausible.check": ("请核对金额", "please check the amount"),
    # ------------------------------------------------------------ applications given as records (records.py)
    "records.not_applications": ("不是申报数据：请给出 .xlsx 工作簿的路径、pandas DataFrame，"
                                 "或以工作簿列标题为键的字典列表",
                                 "is not applications: give the path of an .xlsx workbook, a pandas DataFrame, or a "
                                 "list of dicts with the workbook's headers"),
    "records.no_applications": ("没有申报数据", "holds no applications"),
    # ------------------------------------------------------------ an allocation read for an audit (allocation_file.py)
    "alloc.not_allocation": ("不是分配表：请给出 .csv 或 .xlsx 文件的路径、pandas DataFrame（列同 allocation.csv，"
                             "至少 application_id、allocated、status），或 allocate 的结果",
                             "is not an allocation: give the path of a .csv or .xlsx file, a pandas DataFrame with "
                             "allocation.csv's columns (application_id, allocated and status at least), or what "
                             "allocate returned"),
    "alloc.not_csv": ("不是可读取的 CSV 文件（{error}）", "is not a readable CSV file ({error})"),
    "alloc.encoding": ("既不是 UTF-8 也不是 GBK 文本（请在 Excel 中另存为“CSV UTF-8（逗号分隔）”）",
                       "is neither UTF-8 nor GBK text (save it from Excel as CSV UTF-8, comma delimited)"),
    "alloc.empty": ("是空的：第1行应为列标题", "is empty: row 1 must hold the column headers"),
    "alloc.column_repeated": ("与“{first}”列（{field}）重复；请只保留一列",
                              "repeats the column '{first}' ({field}); keep one"),
    "alloc.column_missing": ("缺少必填列 {field}（分配表需要以下各列：{required}）",
                             "required column {field} is missing (an allocation needs the columns {required})"),
    "alloc.not_amount": ("{shown} 不是金额", "{shown} is not an amount"),
    "alloc.not_whole": ("{shown} 不是整数元", "{shown} is not a whole number of yuan"),
    "alloc.not_whole_small": ("{shown} 不是整数元（若本列以万元填写，请在列标题中注明，如“分配额（万元）”）",
                              "{shown} is not a whole number of yuan (if the column is in 万元, say so in its header, "
                              "e.g. 'allocated (万元)')"),
    "alloc.not_whole_wan": ("{shown} 万元不是整数元（按万元填写时最多四位小数）",
                            "{shown} 万元 is not a whole number of yuan (at most four decimals in 万元)"),
    "alloc.status_unknown": ("“{shown}”不是状态（可填：{options}）", "'{shown}' is not a status (one of {options})"),
    # ------------------------------------------------------------ a run's folder read back (run_folder.py)
    "run.missing_file": ("这里没有 {name}", "no {name} here"),
    "run.no_folder": ("没有这个文件夹", "no such folder"),
    "run.not_a_folder": ("不是文件夹", "is not a folder"),
    "run.unreadable": ("无法读取这次运行的文件（{error}）", "cannot read the run's files ({error})"),
    "run.row_length": ("这一行有 {found} 个字段，而表头有 {expected} 个：文件已被截断或改动",
                       "this row has {found} fields where the header has {expected}: the file was cut short or "
                       "edited"),
    "run.allocation_changed": ("{path} 不是该次运行写出的文件：运行后被改动过（SHA-256 记录为 {was}…，现为 {now}…）；"
                               "改动了什么，请验证该次运行（verify）",
                               "{path} is not the file the run wrote: it was changed after the run (SHA-256 recorded "
                               "{was}…, now {now}…); verify the run to see what changed"),
    "run.bad_row": ("不是分配结果中的一行（{error}）", "not a row of an allocation ({error})"),
    # ------------------------------------------------------------ a run's manifest.json read back (manifest_file.py)
    "manifest.edited": ("{keys} 与 budgetopt 写出的不同：此文件已被改动；请重新运行 allocate",
                        "{keys}: not as budgetopt writes it — the file was edited; run allocate again"),
}
