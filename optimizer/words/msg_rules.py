"""What budgetopt says about the rules step, by code: (Chinese, English) templates (see catalog.py).

A template that starts with `{at}` says what is wrong with one key (or column): `at` is where, with its separator
(("budget：", "budget: ")), or empty where the place already names it (the `budget` argument). Amounts are given as a
scenario writes them, and in Chinese with their unit (("500万元", "500万")).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # 就高、不重复 after the allocation (jobs/allocate.py kept_unfunded_warning): the same words on every face — in
    # English, 就高 and 公示 in words with the Chinese term beside them, and a count that reads for one and for many
    "dedupe.kept_unfunded": (
        "{count}项内容按就高保留了核定额较高的申报，但该申报未获资助；让位的申报加权评分（权重×评审得分，括号内）更高，"
        "且不低于资助线（预算每增加1万元可资助的加权评分，约{line}）：{pairs}。这些内容本次未获任何资助；"
        "就高按核定额取舍，公示前请确认",
        "an item applied for more than once is paid once, at the higher standard (就高): the application of the "
        "higher entitlement is kept and the others are set aside. Items whose kept application went unfunded, while "
        "the one set aside is worth more (weight × score, in brackets) and no less than the funding line (the "
        "weighted score each further 10,000 yuan of budget funds, about {line}): {count} — {pairs}. These items get "
        "nothing this time: the higher standard goes by entitlement, not by worth. Confirm them before the public "
        "notice (公示)"),
    "dedupe.kept_unfunded_any": (
        "{count}项内容按就高保留了核定额较高的申报，但该申报未获资助；让位的申报加权评分（权重×评审得分，括号内）更高："
        "{pairs}。这些内容本次未获任何资助；就高按核定额取舍，公示前请确认",
        "an item applied for more than once is paid once, at the higher standard (就高): the application of the "
        "higher entitlement is kept and the others are set aside. Items whose kept application went unfunded, while "
        "the one set aside is worth more (weight × score, in brackets): {count} — {pairs}. These items get nothing "
        "this time: the higher standard goes by entitlement, not by worth. Confirm them before the public notice "
        "(公示)"),
    # amounts (optimizer/money.py AmountError: the English is money.AMOUNT_MESSAGES with {at} before it)
    "amount.empty": ("{at}为空", "{at}is empty"),
    "amount.misplaced_separators": ("{at}“{shown}”的千位分隔符位置不对（应每三位一个逗号）",
                                    "{at}'{shown}' has misplaced thousands separators"),
    "amount.not_a_number": ("{at}“{shown}”不是数字", "{at}'{shown}' is not a number"),
    "amount.not_finite": ("{at}{shown} 不是数字", "{at}{shown} is not a number"),
    "amount.wrong_type": ("{at}{shown} 不是金额", "{at}{shown} is not an amount"),
    "amount.out_of_range": ("{at}“{shown}”不是金额、得分或比例：其指数超出 ±{most}",
                            "{at}'{shown}' is no amount, score or rate: its exponent is beyond ±{most}"),
    "amount.too_large": ("{at}{shown} 太大，不可能是金额（最多{limit}元）",
                         "{at}{shown} is too large to be an amount (at most {limit} yuan)"),
    "amount.not_an_amount": ("{at}“{shown}”不是金额（可写作 120000000、120,000,000、12000万、1.2亿，或 3000元）",
                             "{at}'{shown}' is not an amount (write e.g. 120000000, 120,000,000, 12000万 or 1.2亿)"),
    # TOML files (scenario and policy model)
    "toml.at_line": ("第{line}行第{column}列：{reason}", "{reason} (at line {line}, column {column})"),
    "toml.at_end": ("文件末尾：{reason}", "{reason} (at end of document)"),
    # tomllib's reasons (rules/policy.py, toml_reason): the English is tomllib's own, not these
    "toml.reason.statement": ("无法识别的语句；每行应为“键 = 值”或“[表名]”", "Invalid statement"),
    "toml.reason.newline": ("一条语句之后应换行", "Expected newline"),
    "toml.reason.equals": ("键之后应有“=”", "Expected '='"),
    "toml.reason.table_end": ("表名之后缺少“]”", "Expected ']'"),
    "toml.reason.array_table_end": ("数组表名之后缺少“]]”", "Expected ']]'"),
    "toml.reason.expected": ("此处应为 {what}", "Expected {what}"),
    "toml.reason.character": ("无效字符 {what}", "Illegal character {what}"),
    "toml.reason.declared_twice": ("{key} 声明了两次", "Cannot declare {key} twice"),
    "toml.reason.overwrite": ("同一个键赋值了两次", "Cannot overwrite a value"),
    "toml.reason.redefine": ("不能重新定义已定义的 {key}", "Cannot redefine namespace {key}"),
    "toml.reason.inline_key_twice": ("内联表中的键 {key} 重复", "Duplicate inline table key {key}"),
    "toml.reason.date": ("日期或时间无效", "Invalid date or datetime"),
    "toml.reason.escape": ("转义字符无效", "Invalid escape"),
    "toml.reason.key_start": ("键以无效字符开头；中文键名须加英文双引号", "Invalid initial character for a key part"),
    "toml.reason.value": ("值无效；文字须加英文双引号，数字不加", "Invalid value"),
    "toml.reason.array": ("数组缺少结尾的“]”", "Unclosed array"),
    "toml.reason.inline_table": ("内联表缺少结尾的“}}”", "Unclosed inline table"),
    "toml.reason.backslash": ("字符串中的反斜杠“\\”未转义；路径请用单引号，或写成 /", "Unescaped backslash"),
    "toml.reason.string": ("字符串缺少结尾的引号", "Unterminated string"),
    "toml.invalid": ("不是有效的 TOML 文件（{detail}）", "not a valid TOML file ({detail})"),
    "toml.not_utf8": ("不是 UTF-8 编码的文本文件：可能是以 ANSI（GBK）编码保存的，请在记事本中“另存为”并把编码"
                      "选为 UTF-8",
                      "not UTF-8 text: it may be saved as ANSI (GBK); save it again as UTF-8"),
    "toml.binary": ("不是文本文件（可能选成了 Excel 工作簿或其他文件）", "not a text file (a workbook or another file "
                    "chosen by mistake?)"),
    "toml.number_too_long": ("含有一个超过 4,300 位的整数，不可能是金额或设置",
                             "holds an integer of more than 4,300 digits, which no amount or setting can be"),
    "toml.too_deep": ("嵌套的数组或表过深，不可能是情景或政策文件",
                      "nests arrays or tables too deeply to be a scenario or policy file"),
    "toml.amount_unquoted": (
        "不是有效的 TOML 文件（{detail}）；第{line}行为 {text}：带单位或千位分隔符的金额须加英文双引号："
        "{key} = \"{value}\"",
        "not a valid TOML file ({detail}); line {line} reads {text}: an amount with a unit or thousands separators "
        "must be in quotes: {key} = \"{value}\""),
    # the scenario ({at}: the key a mistake is about, and its separator)
    "rules.at": ("{key}：", "{key}: "),
    "scenario.no_budget": ("没有年度预算：请给出预算，或在情景文件中设置 budget",
                           "no budget: give a budget or set budget in the scenario"),
    "scenario.no_budget@cli": ("没有年度预算：请用 --budget 给出，或在情景文件中设置 budget",
                               "no budget: give --budget or set budget in the scenario file"),
    "scenario.unreadable": ("无法读取情景文件（{detail}）", "cannot read the scenario file ({detail})"),
    "scenario.unknown_key": ("{at}未知的键“{key}”（可用的键：{known}）", "{at}unknown key '{key}' (known: {known})"),
    "scenario.unknown_table_key": ("{at}未知的键（可用的键：{known}）", "{at}unknown key (known: {known})"),
    "scenario.not_text": ("{at}须为非空文本", "{at}must be a non-empty text"),
    "scenario.not_a_year": ("{at}{value} 不是年份", "{at}{value} is not a year"),
    "scenario.negative": ("{at}{value} 为负数", "{at}{value} is negative"),
    "scenario.not_whole_yuan": ("{at}{value}{yuan} 不是整数元：预算、预留、限额和取整单位都须为整数元",
                                "{at}{value}{yuan} is not a whole number of yuan: budgets, reserves, limits and "
                                "the rounding are whole yuan"),
    "scenario.not_a_scenario": ("不是情景：请给出情景文件（TOML）的路径、以情景文件的键为键的字典，"
                                "或 load_scenario 的结果",
                                "is not a scenario: give the path of a scenario file (TOML), a dict with the "
                                "scenario file's keys, or what load_scenario returned"),
    "scenario.small_amount": (
        "{at}{shown} 作为{what}过小：是否应为 {q}{number}万{q}？如确指 {number} 元，请写作 {q}{number}元{q}",
        "{at}{shown} is a very small {what} — did you mean {q}{number}万{q}? Write {q}{number}元{q} to mean yuan"),
    "scenario.not_a_share": ("{at}{value} 不是 0 到 1 之间的数", "{at}{value} is not a number between 0 and 1"),
    "scenario.share_outside": ("{at}{value} 超出 0–1 的范围", "{at}{value} is outside 0–1"),
    "scenario.share_percent": ("{at}{value} 超出 0–1 的范围：是否应为 {value}%（即 {share}）？",
                               "{at}{value} is outside 0–1: did you mean {value}% ({share})?"),
    "scenario.not_one_of": ("{at}{value} 不是可用的取值（{options}）", "{at}{value} is not one of {options}"),
    "scenario.rounding_too_small": ("{at}须为整数元，且至少为 1", "{at}must be a whole number of yuan, at least 1"),
    "scenario.not_a_table": ("{at}须为 TOML 表", "{at}must be a table"),
    "scenario.clauses_empty": ("{at}须为非空的条款编号列表", "{at}must be a non-empty list of clause ids"),
    "scenario.unknown_clause": ("{at}未知的条款编号“{value}”（可用：{ids}）",
                                "{at}unknown clause id '{value}' ({ids})"),
    "scenario.weights_not_table": ("{at}须为“条款编号 = 权重”的表", "{at}must be a table of clause id = weight"),
    "scenario.not_a_weight": ("{at}{value} 不是权重（须为不小于 0 的数）",
                              "{at}{value} is not a weight (a number ≥ 0)"),
    "scenario.envelopes_not_tables": ("{at}须写作 [[envelopes]] 表", "{at}must be [[envelopes]] tables"),
    "scenario.envelope_no_name": ("{at}缺少 name（专项额度的名称）", "{at}needs a name"),
    "scenario.envelope_name_twice": ("{at}名称“{name}”用了两次", "{at}the name '{name}' is used twice"),
    "scenario.min_above_max": ("{at}下限 min {min}高于上限 max {max}", "{at}min {min} is above max {max}"),
    "scenario.min_above_cap": ("{at}下限 min {min}高于其上限 {max}", "{at}min {min} is above its max {max}"),
    # the form names an envelope's fields by their labels (下限金额, 上限金额), not by the file's keys
    "scenario.min_above_max@web": ("{at}下限金额{min}高于上限金额{max}", "{at}min {min} is above max {max}"),
    "scenario.min_above_cap@web": ("{at}下限金额{min}高于其上限{max}", "{at}min {min} is above its max {max}"),
    # the keys named where a person edits the scenario file (the command line); a report, the app and a plan say
    # the settings in words
    "scenario.reserve_above_budget": ("预留资金{reserve}高于年度预算{budget}",
                                      "reserve {reserve} is above the budget {budget}"),
    "scenario.reserve_above_budget@cli": ("预留 reserve {reserve}高于预算 budget {budget}",
                                          "reserve {reserve} is above the budget {budget}"),
    # what a small amount would be (scenario.small_amount's {what})
    "scenario.what.budget": ("预算", "budget"),
    "scenario.what.reserve": ("预留资金", "reserve"),
    "scenario.what.cap": ("上限", "cap"),
    "scenario.what.floor": ("下限", "floor"),
    # what a result is asked for (a sweep's level, a summary's grouping)
    "sweep.level_not_swept": ("这次测算没有{budget}这一预算水平；测算的预算水平为{levels}",
                              "the sweep has no level at {budget}; its levels are {levels}"),
    "sweep.levels_many": ("{first}、…、{last}（共{count}个）", "{first}, …, {last} ({count} in all)"),
    "results.unknown_grouping": ("不能按{shown}汇总：请按 {known} 之一汇总",
                                 "cannot sum up by {shown}: by one of {known}"),
    # the policy model
    "policy.unreadable": ("无法读取政策模型（{detail}）", "cannot read the policy model ({detail})"),
    "policy.clause_twice": ("条款 {id} 定义了两次", "clause {id} is defined twice"),
    "policy.no_clauses": ("政策模型中没有任何条款", "the policy model has no clauses"),
    "policy.valid_until_before": ("document 表：valid_until {until} 早于 valid_from",
                                  "document: valid_until {until} is before valid_from"),
    "policy.no_id": ("{where}：每个条款都须有 id", "{where}: every clause needs an id"),
    "policy.unknown_kind": ("{where}：未知的 kind {kind}（应为 {kinds} 之一）",
                            "{where}: unknown kind {kind} (one of {kinds})"),
    "policy.unknown_section": ("{where}：section {section} 不是文件中的章节",
                               "{where}: section {section} is not one of the document's sections"),
    "policy.precondition_pair": ("{where}：前提条件须同时有 precondition_zh 和 precondition_en",
                                 "{where}: a precondition needs both precondition_zh and precondition_en"),
    "policy.unknown_key": ("{where}：未知的键 {key}", "{where}: unknown key {key}"),
    "policy.procurement_maximum": ("{where}：政府购买服务类条款不发放资金，不设 maximum",
                                   "{where}: a procurement clause pays no grant and has no maximum"),
    "policy.needs_maximum": ("{where}：{kind}类条款须设 maximum", "{where}: a {kind} clause needs a maximum"),
    "policy.maximum_not_whole": ("{where}：maximum 须为正整数元",
                                 "{where}: maximum must be a positive whole number of yuan"),
    "policy.rate_not_matching": ("{where}：只有比例补助类条款才有 rate", "{where}: only a matching clause has a rate"),
    "policy.needs_rate": ("{where}：比例补助类条款须设 rate（例如 rate = \"10%\"）",
                          "{where}: a matching clause needs a rate (e.g. rate = \"10%\")"),
    "policy.rate_range": ("{where}：rate 须大于 0% 且不超过 100%", "{where}: rate must be above 0% and at most 100%"),
    "policy.base_not_matching": ("{where}：只有比例补助类条款才有 base", "{where}: only a matching clause has a base"),
    "policy.unknown_base": ("{where}：未知的 base {base}（应为 {bases} 之一）",
                            "{where}: unknown base {base} (one of {bases})"),
    "policy.codes_not_list": ("{where}：{key} 须为代码列表", "{where}: {key} must be a list of codes"),
    "policy.unknown_code": ("{where}：未知的{what} {value}", "{where}: unknown {what} {value}"),
    "policy.needs_table": ("政策模型须有 [{key}] 表", "the policy model needs a [{key}] table"),
    "policy.needs_array": ("政策模型须有 [[{key}]] 条目", "the policy model needs [[{key}]] entries"),
    "policy.missing_text": ("{where}：{key} 缺失或为空", "{where}: {key} is missing or empty"),
    "policy.not_text": ("document 表：{key} 须为文本（政策文件的原句）",
                        "document: {key} must be text (the sentence of the document)"),
    "policy.key_not_text": ("{where}：{key} 须为文本", "{where}: {key} must be text"),
    "policy.not_texts": ("{where}：{key} 须为文本列表", "{where}: {key} must be a list of texts"),
    "policy.not_a_date": ("document 表：{key} 须为日期（例如 2026-02-02）",
                          "document: {key} must be a date (e.g. 2026-02-02)"),
    # where in the policy model ({where}), and a key there (an amount's {at})
    "policy.at": ("{where}：{key} ", "{where}: {key} "),
    "policy.where.clause": ("条款 {id}", "clause {id}"),
    "policy.where.clause_no_id": ("第{index}个条款（无 id）", "clause #{index} (no id)"),
    "policy.where.document": ("document 表", "document"),
    "policy.where.section": ("章节", "section"),
    "policy.where.section_id": ("章节 {id}", "section {id}"),
    # why a file cannot be read: the Chinese of the system's reason (in English the system's own words are shown)
    "file.not_found": ("文件不存在", "No such file or directory"),
    "file.is_folder": ("这是一个文件夹，不是文件", "Is a directory"),
    "file.no_permission": ("没有读取权限", "Permission denied"),
}
