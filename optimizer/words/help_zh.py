"""The command line's help (`budgetopt COMMAND --help`) in Chinese: each paragraph of a command's help and each
option's help, keyed by its English as written in optimizer/cli (whitespace run together). The English is the
source; `tests/test_cli_help.py` fails when a text has no Chinese here, or a Chinese text no English left."""

from __future__ import annotations

HELP_ZH: dict[str, str] = {
    # budgetopt
    'budgetopt — allocate the annual budget of 渝经信规范〔2026〕2号 ("AI + manufacturing" subsidies).':
        "budgetopt —— 分配渝经信规范〔2026〕2号（“人工智能+制造”资助）的年度预算。",
    "Show the Python traceback of an unexpected error.": "出现意外错误时显示 Python 的回溯信息。",
    "Show the version and exit.": "显示版本号并退出。",
    "Show this message and exit.": "显示此帮助并退出。",
    # the options most commands share
    "Policy model (TOML); default: the shipped 渝经信规范〔2026〕2号.":
        "政策模型（TOML）；默认：随附的渝经信规范〔2026〕2号。",
    "The award ledger (docs/ledger.md): its awards count as prior support (就高、不重复), towards the period cap, "
    "and those of the scenario's year towards its budget and limits (a later round).":
        "资助台账（docs/ledger.md）：其中的资助计为已享受的支持（就高、不重复），并计入政策期上限；情景年度的资助"
        "计入本年度预算及各项限额（后续批次）。",
    "Language of everything the run says and writes (or BUDGETOPT_LANG); default zh.":
        "运行时显示和写出的一切所用的语言（或用 BUDGETOPT_LANG 设置）；默认 zh（中文）。",
    "Refuse workbooks larger than this.": "拒绝大于此值的工作簿。",
    "Refuse workbooks that would unpack to more than this.": "拒绝解压后大于此值的工作簿。",
    "Refuse an application sheet reaching beyond this row.": "拒绝超出此行的申报工作表。",
    "Refuse an application sheet reaching beyond this column.": "拒绝超出此列的申报工作表。",
    "No progress on stderr (it shows only on a terminal anyway).":
        "不在 stderr 上显示进度（进度本来也只在终端中显示）。",
    # validate
    "Report every problem in WORKBOOK and summarise the demand; solve nothing.":
        "列出 WORKBOOK 中的全部问题并汇总申请金额；不求解。",
    # allocate
    "Validate WORKBOOK, compute entitlements, solve, and write the outputs.":
        "校验 WORKBOOK，核定应享金额，求解，写出结果。",
    "Writes allocation.csv, allocation.xlsx, manifest.json and report.html into the output folder.":
        "在输出文件夹中写出 allocation.csv、allocation.xlsx、manifest.json 和 report.html。",
    "The annual budget (120000000, 120,000,000, 12000万 or 1.2亿); overrides the scenario's.":
        "年度预算（120000000、120,000,000、12000万 或 1.2亿）；优先于情景文件中的预算。",
    "Scenario file (TOML): reserve, envelopes, caps, weights…": "情景文件（TOML）：预留、专项额度、上限、权重……",
    "Output folder; default reports/<workbook stem>.": "输出文件夹；默认 reports/<申报表文件名>。",
    "HiGHS, CBC, or auto: HiGHS, falling back to CBC (with a warning) if HiGHS fails.":
        "HiGHS、CBC 或 auto：先用 HiGHS，HiGHS 出错时改用 CBC（并给出警告）。",
    "Allocate the valid rows; list the invalid ones as INVALID.": "只分配有效的行；无效的行列为 INVALID（无效）。",
    "Stop the solver after this long (nothing is written unless the optimum was proven).":
        "求解器最多运行这么久（未证明最优时不写出任何结果）。",
    "Also write the model as model.lp and model.mps for auditors.": "另将模型写为 model.lp 和 model.mps，供审计使用。",
    "Replace the outputs of another run in the output folder.": "替换输出文件夹中另一次运行的结果。",
    # sweep
    "Solve the scenario at several budget levels: what does the next 10 million buy, and for whom?":
        "在多个预算水平下求解情景：再增加1000万元能多资助什么、资助谁？",
    "Writes sweep.csv, sweep.xlsx (with charts) and sweep.html into the output folder.":
        "在输出文件夹中写出 sweep.csv、sweep.xlsx（含图表）和 sweep.html。",
    "The lowest budget level (e.g. 5000万).": "最低预算水平（例如 5000万）。",
    "The highest budget level (e.g. 2亿).": "最高预算水平（例如 2亿）。",
    "How many levels from --from to --to, both included.": "从 --from 到 --to 共多少个预算水平（含两端）。",
    "Or the levels themselves: 8000万,1亿,1.2亿.": "或直接列出各预算水平：8000万,1亿,1.2亿。",
    "Scenario file (TOML); its budget is replaced by each level.": "情景文件（TOML）；其中的预算依次换成各个预算水平。",
    "Output folder; default reports/<workbook stem>_sweep.": "输出文件夹；默认 reports/<申报表文件名>_sweep。",
    "Levels solved at once; default the number of cores.": "同时求解的预算水平个数；默认为处理器核数。",
    "Allocate the valid rows; count the invalid ones as INVALID.": "只分配有效的行；无效的行计为 INVALID（无效）。",
    # compare
    "Two runs side by side, application by application (DIR_A and DIR_B are allocate output folders).":
        "逐项对照两次运行（DIR_A 和 DIR_B 是 allocate 的输出文件夹）。",
    "Prints totals and the applications that changed; writes compare.xlsx and compare.html.":
        "显示合计和发生变化的申报项目；写出 compare.xlsx 和 compare.html。",
    "Output folder; default reports/compare_<A>_<B>.": "输出文件夹；默认 reports/compare_<A>_<B>。",
    "Whose clause weights and budget measure both lists, a or b; the other run's awards are then held to that run's "
    "limits.":
        "按哪一次运行（a 或 b）的条款权重和预算衡量两份资助名单；另一次运行的分配随之按这次运行的限额核对。",
    "Where the budgets differ and so does something else, allocate B's scenario again at A's budget and say how much "
    "of the difference is the budgets' and how much the rest's.":
        "两次运行的预算不同、其他设置也不同时，按A的预算重新分配B的情景，分别说明差额中有多少来自预算之差、多少来自"
        "其他差异。",
    "A folder where the runs' workbooks and ledgers may be, if not where their manifests say (found by SHA-256): each "
    "run's awards are held to the other's limits over its own workbook.":
        "两次运行的申报表和资助台账若不在其 manifest 记录的位置，可在此文件夹中查找（按 SHA-256）：每次运行的分配都按"
        "其自身的申报表、对照另一次运行的限额核对。",
    # audit
    "Check an allocation — ours, edited, or made by hand in Excel (.csv or .xlsx) — against every rule.":
        "按每一条规则检查一份分配表——本工具写出的、改动过的，或在 Excel 中手工编制的（.csv 或 .xlsx）。",
    "The check is a second, independent reading of the rules (it shares only the readers with the optimiser). Exit 0 "
    "when compliant — and then how far its objective is from the optimum — or 4 with one line per violation.":
        "检查是对规则的第二次、独立的解读（与优化器只共用读取文件的部分）。符合规则时退出码为 0，并说明其目标值与最优值"
        "相差多少；否则退出码为 4，每处违规一行。",
    "The scenario the allocation was made under (TOML).": "分配所依据的情景（TOML）。",
    "The annual budget; overrides the scenario's.": "年度预算；优先于情景文件中的预算。",
    "Take workbook, scenario, budget and policy from this run's manifest.json (then give only ALLOCATION_CSV).":
        "申报表、情景、预算和政策取自该次运行的 manifest.json（此时只需给出 ALLOCATION_CSV）。",
    "With --manifest: a folder where the run's inputs may be (found by SHA-256).":
        "与 --manifest 同用：可能存放该次运行输入文件的文件夹（按 SHA-256 查找）。",
    "Solver for the optimum a compliant allocation is measured against (default: the run's, or highs).":
        "用来求出最优值、以衡量合规分配的求解器（默认：该次运行所用的，或 highs）。",
    # verify
    "Re-run a recorded run from its recorded inputs and confirm the identical allocation.csv.":
        "用记录的输入重新运行一次已记录的运行，确认 allocation.csv 完全相同。",
    "Inputs are looked for at their recorded paths, beside the manifest, then under --inputs. Exit 0 when reproduced "
    "byte for byte; 4 with every difference named (an input file that changed, the tool or solver version, the "
    "applications whose allocation differs, the rows of an edited allocation.csv). A published run's awards.json and "
    "notice.xlsx are checked, and the ledger's record of its awards: each entry the run's award, the ledger not "
    "rewritten since the 公示.":
        "输入文件依次在记录的路径、manifest 所在文件夹和 --inputs 下查找。逐字节重现时退出码为 0；否则为 4，"
        "并列出每一处差异（改动过的输入文件、工具或求解器的版本、分配不同的申报项目、allocation.csv 中被改动的行）。"
        "已公示的运行还核对其 awards.json 和 notice.xlsx，以及资助台账中它的资助记录：每条记录都是该次运行的资助，"
        "台账在公示后未被改写。",
    "A folder where the run's inputs may be, if not where the manifest says (found by SHA-256).":
        "输入文件不在 manifest 所记路径时，可能存放它们的文件夹（按 SHA-256 查找）。",
    "The award ledger a published run was recorded in, to check its awards there (default: the one awards.json "
    "names, else the one the run counted); also the ledger the run counted, when its first entries are those the "
    "run recorded (a backup, say).":
        "已公示的运行所记入的资助台账，用以核对其中该次运行的资助记录"
        "（默认：awards.json 所记的台账，否则为该次运行所计入的台账）；其前若干条记录与该次运行所计的相同时，"
        "也作为该次运行所计的台账（如台账的备份）。",
    # scenario, policy, template
    "Scenario files: a starting one to copy and edit.": "情景文件：生成一份起始文件，供复制和修改。",
    "Write a starting scenario, every key explained, that allocate accepts as it is.":
        "写出一份起始情景文件，逐项说明，allocate 可直接使用。",
    "Replace OUT_TOML if it exists.": "OUT_TOML 已存在时替换它。",
    "Print the clause table of the policy model.": "显示政策模型的条款表。",
    "Write an empty application workbook with headers, notes and drop-down lists.":
        "写出一份空白申报表，带表头、说明和下拉列表。",
    "Replace OUT_XLSX if it exists.": "OUT_XLSX 已存在时替换它。",
    # serve
    "Open budgetopt in the browser: upload, set the scenario, run, compare, download, publish.":
        "在浏览器中使用 budgetopt：上传申报表、设置情景、运行、对比、下载、公示。",
    "Prints the address to open (with its token) as the first line; Ctrl-C stops the server. Every run counts the "
    "award ledger, as allocate --ledger does: --ledger, else the data folder's ledger.sqlite if there is one.":
        "第一行显示要打开的地址（含令牌）；按 Ctrl-C 停止服务。每次运行都计入资助台账，与 allocate --ledger 相同："
        "用 --ledger 给出的台账，否则用数据文件夹中的 ledger.sqlite（如有）。",
    "Address to listen on; only this computer by default (another needs --token).":
        "监听的地址；默认只有本机可以访问（允许其他计算机访问须同时给出 --token）。",
    "Port to listen on.": "监听的端口。",
    "Folder of the app's uploads, runs and registry; nothing outside it is served.":
        "存放上传文件、运行结果和运行记录的文件夹；此文件夹以外的任何文件都不会被访问。",
    "The access token (or BUDGETOPT_TOKEN); default: a new random one at each start.":
        "访问令牌（或用 BUDGETOPT_TOKEN 设置）；默认：每次启动时随机生成。",
    "Do not open the browser.": "不打开浏览器。",
    "The award ledger every run counts (docs/ledger.md); default: ledger.sqlite in the data folder, when it is there.":
        "每次运行都计入的资助台账（docs/ledger.md）；默认：数据文件夹中的 ledger.sqlite（如有）。",
    # stability
    "How sure is the funding line? The scenario solved under many draws of score noise.":
        "资助线有多稳？在评分随机扰动的多次抽样下求解情景。",
    "Each draw adds normal noise of standard deviation --sigma to every score (clipped to 0–100, rounded to 0.1) and "
    "solves as allocate does. Writes stability.csv (per application: the share of draws funded, funded in full, the "
    "mean award, and always / sometimes / never), stability.xlsx and stability.html.":
        "每次抽样给每个评分加上标准差为 --sigma 的正态扰动（限制在0–100之间，保留一位小数），再按 allocate 的方式求解。"
        "写出 stability.csv（每个申报项目：获资助的抽样占比、全额资助的占比、平均资助金额，以及总是/有时/从不获资助）、"
        "stability.xlsx 和 stability.html。",
    "Scenario file (TOML), as for allocate.": "情景文件（TOML），与 allocate 相同。",
    "The annual budget (1.2亿, 12000万, …); overrides the scenario's.":
        "年度预算（1.2亿、12000万……）；优先于情景文件中的预算。",
    "How many draws of score noise to solve (e.g. 1000).": "评分扰动的抽样次数（例如 1000）。",
    "Standard deviation of the noise added to each review score, in score points (e.g. 2).":
        "加在每个评审得分上的扰动的标准差，单位为分（例如 2）。",
    "Seed of the noise: the same seed, the same draws.": "扰动的随机种子：种子相同，抽样就相同。",
    "Draws solved at once; default the number of cores.": "同时求解的抽样个数；默认为处理器核数。",
    "Output folder; default reports/<workbook stem>_stability.": "输出文件夹；默认 reports/<申报表文件名>_stability。",
    # publish
    "Publish a run: the 公示 list notice.xlsx and awards.json into RUN_DIR, its awards into the ledger.":
        "公示一次运行：在 RUN_DIR 中写出公示名单 notice.xlsx 和 awards.json，并将其资助记入资助台账。",
    "All of the run's awards are recorded, or none.": "该次运行的资助要么全部记入，要么都不记入。",
    "Refused (exit 2) when the run is already in the ledger or did not count the ledger as it now stands; exit 4 when "
    "the run's allocation.csv or workbook no longer match its manifest.":
        "该次运行已在台账中，或运行时计入的台账与现在不同时，拒绝公示（退出码 2）；该次运行的 allocation.csv "
        "或申报表与其 manifest 不再相符时，退出码为 4。",
    "The award ledger to record the run's awards in.": "记入该次运行资助的资助台账。",
    "The list's number among the year's, in its title: 公示名单（第二批） for 2. By default the ledger's publications "
    "of the policy's year are counted: the second is 2, the first has none.":
        "该名单在本年度各批中的序号，写入标题：2 即“公示名单（第二批）”。默认按资助台账中本政策该年度已有的公示计数："
        "第二次公示为第二批，第一次不编号。",
    "Working days of the 公示 period, as the notice says.": "公示期的工作日天数，写入公示名单。",
    "The 公示's first day, as YYYY-MM-DD: said with its period, and the notice's date (else left to fill in).":
        "公示开始日期（YYYY-MM-DD）：与公示期一并写明，并作为名单落款日期（不给出时落款日期留空待填）。",
    "Who answers questions on the list, and how: a line of the notice.": "公示名单的联系人及电话，写入名单。",
    # ledger
    "The award ledger: every award granted, so that a content is paid once across years and policies.":
        "资助台账：记录每一笔已给予的资助，使同一内容跨年度、跨政策只资助一次。",
    "Create an empty award ledger (a SQLite file); an existing file is never replaced.":
        "创建一个空的资助台账（SQLite 文件）；已有的文件绝不会被替换。",
    "Record awards granted under another municipal policy.": "记入按市级其他政策给予的资助。",
    "AWARDS_XLSX has the columns 统一社会信用代码, 事项标识, 金额 (unit in the header, e.g. 金额（万元）) and "
    "拨付日期, and optionally 申报单位 and 关联企业组.":
        "AWARDS_XLSX 须有以下列：统一社会信用代码、事项标识、金额（单位写在表头中，例如 金额（万元））和拨付日期；"
        "申报单位和关联企业组可选。",
    "Awards imported under this policy's own number (awards it made outside budgetopt) count, in the year of their "
    "拨付日期, towards that year's budget and caps, as an earlier round of it.":
        "以本政策自身文号导入的资助（在 budgetopt 之外给予的），按其拨付日期所在年度计入该年度预算及各项上限，"
        "视为该年度此前的一批。",
    "The policy the awards were granted under, e.g. 渝府发〔2025〕9号.":
        "这些资助所依据的政策，例如 渝府发〔2025〕9号。",
    "Lower (核减) or revoke (--to 0) the award of entry SEQ.": "核减第 SEQ 条资助，或以 --to 0 撤销该资助。",
    "Entries are never changed: the correction is an entry of its own, in the hash chain. Prior support, the period "
    "cap, audit and the totals count the award as it then stands.":
        "已有记录从不改动：更正本身是一条新记录，同样纳入哈希链。已获支持、政策期上限、审核和合计都按更正后的金额计算。",
    "A correction recorded by mistake is put right the same way: --to may be higher than the award stands at now, up "
    "to what it was first granted at (its 公示 amount, or the amount imported). That raises it again (调增), or "
    "restores it (恢复), a revoked award too.":
        "误记的核减或撤销，同样用本命令更正：--to 可以高于该资助的现有金额，但至多为其原资助金额（公示金额或"
        "导入金额），即调增，或恢复原金额；已撤销的资助亦可恢复。",
    "What the award stands at after the correction, e.g. 1000000 or 100万; 0 revokes it; at most what it was first "
    "granted at.":
        "更正后的资助金额，例如 1000000 或 100万；0 即撤销；至多为原资助金额。",
    "The decision it rests on: its document number, the outcome of an objection.":
        "更正的依据：决定的文号、公示异议的处理结果等。",
    "The decision's date as YYYY-MM-DD, today or before (default: today).":
        "决定的日期，格式为 YYYY-MM-DD，不晚于今天（默认：今天）。",
    "List the ledger's entries in the order recorded, with their total.": "按记入的顺序列出台账中的记录及其合计。",
    "Only this applicant's entries.": "只列出这家申报单位的记录。",
    "Every field as CSV (UTF-8 with BOM) on stdout, for Excel.":
        "将全部字段以 CSV（带 BOM 的 UTF-8）输出到 stdout，供 Excel 使用。",
    "Sum up the awards as they stand, by year, clause and district, in a workbook.":
        "按年度、条款和区县汇总资助（核减、撤销后的金额），写成 Excel 汇总表。",
    "Each award counts as it stands after its corrections (核减、撤销), with what it was first granted at; the "
    "workbook names the entries it was made from (their number and the last hash).":
        "每项资助按核减、撤销后的金额计算，并列出原资助金额；汇总表注明所依据的台账记录（条数和末条记录的哈希）。",
    "Only this year's awards (default: every year).": "只汇总这一年度的资助（默认：全部年度）。",
    "Only this district's awards: the list sent with its funds.": "只汇总这一区县的资助：随资金下达的清单。",
    "From the first N entries only: an earlier summary made again (it names its N).":
        "只依据前 N 条记录：重新生成以前的汇总表（表中注明了所依据的记录条数 N）。",
    "Another policy's imported awards (default: this policy's, 渝经信规范〔2026〕2号).":
        "汇总导入的其他政策的资助（默认：本政策，渝经信规范〔2026〕2号）。",
    "The correction notice (更正公告) of the awards lowered or revoked, one line a correction.":
        "写出更正公告（Excel）：被核减、撤销的资助，每次更正一行。",
    "Each line gives what the award stood at before the correction and after it, and the basis and the date of the "
    "decision. Beside OUT_XLSX, its checks (OUT-核对信息.xlsx), not for publication: each line's ledger entries, and "
    "the number N of entries the notice was made from.":
        "每行列出该项资助更正前、更正后的金额，以及决定的依据和日期。同时在 OUT_XLSX 旁写出不公开的核对信息"
        "（OUT-核对信息.xlsx）：每行对应的台账记录，以及公告所依据的台账记录条数 N。",
    "Only the corrections of this year's awards (default: every year).":
        "只列出这一年度资助的更正（默认：全部年度）。",
    "Corrections of another policy's imported awards (default: this policy's, 渝经信规范〔2026〕2号).":
        "列出导入的其他政策资助的更正（默认：本政策，渝经信规范〔2026〕2号）。",
    "Only the corrections recorded after entry N: those since the last notice (its checks name its N).":
        "只列出第 N 条记录以后的更正：上次公告以来的更正（上次公告的核对信息注明了它的 N）。",
    "From the first N entries only: an earlier notice made again (its checks name its N).":
        "只依据前 N 条记录：重新生成以前的更正公告（其核对信息注明了所依据的记录条数 N）。",
    "The notice's number among the year's, in its title: 更正公告（第二批） for 2.":
        "本公告在本年度更正公告中的批次，写入标题：2 即“更正公告（第二批）”。",
    "Working days in which to object, as the notice of this policy's corrections says.":
        "提出异议的工作日天数，写入本政策的更正公告。",
    "Write the notice as this layout did, to make one posted before again (its checks name its layout): 3 cites each "
    "clause by budgetopt's id (第7b条), as before 7 December 2026.":
        "按这一版本的写法（layout）写出公告，用于重新生成以前发布的公告（其核对信息注明了写法）：3 即政策条款写作 "
        "budgetopt 的编号（如第7b条），2026年12月7日以前的写法。",
    "Check the ledger's hash chain: exit 0 when intact, 4 naming every entry changed, removed or reordered.":
        "检查台账的哈希链：完好时退出码为 0；否则为 4，并指出每一条被修改、删除或调换顺序的记录。",
}

# What click itself writes around the help texts
FRAME_ZH: dict[str, str] = {
    "Usage: ": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Example:": "示例：",
    "default": "默认",
    "required": "必填",
    "env var": "环境变量",
}
