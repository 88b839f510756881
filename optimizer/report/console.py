"""Text for the terminal: aligned tables (Chinese characters count two columns) and short summaries.

Functions here return strings; the command line prints them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from optimizer.domain import Applications, Entitlement, Status
from optimizer.money import WAN, format_decimal, format_wan, format_yuan
from optimizer.report import distribution as spread
from optimizer.report.compare_out import spread_lines
from optimizer.report.compare_runs import KINDS, objective_note, one_side, scenario_changes, total_label
from optimizer.report.compare_words import valuation_text, valued_line
from optimizer.report.limits import marginal_meaning
from optimizer.report.sweep_steps import level_score, level_text, step_sentence, steps
from optimizer.report.totals import money, money_label
from optimizer.report.units import decimal_text, say, score_text, wan_text, width
from optimizer.results import AllocationResult, ComparisonResult, SweepResult
from optimizer.rules.policy import KIND_LABELS, Policy
from optimizer.solving.model import RowKind
from optimizer.words import INDUSTRIES, SIZES, STATUS_LABELS, pick, reason_kind, status_label


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """Columns padded to the widest cell; the columns in `right` aligned right (numbers)."""
    widths = [max(width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - width(str(cell)))
            parts.append(pad + str(cell) if i in right else str(cell) + pad)
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def policy_table(policy: Policy, lang: str) -> str:
    zh = lang == "zh"
    heading = [
        f"{policy.number}  {policy.title_zh if zh else policy.title_en}",
        "发文机关：" + "、".join(policy.issuers_zh) if zh else "Issued by: " + "; ".join(policy.issuers_en),
        (f"印发日期：{policy.issued_on}　有效期：{policy.valid_from} 至 {policy.valid_until}" if zh else
         f"Issued {policy.issued_on}; in force {policy.valid_from} to {policy.valid_until}"),
        "",
    ]
    header = (["条款", "篇", "名称", "类型", "比例", "最高（万元）", "前提条件", "其他条件"] if zh else
              ["clause", "section", "title", "kind", "rate", "max (万元)", "precondition", "other eligibility"])
    return "\n".join(heading) + table(header, clause_rows(policy, lang), right=(4, 5))


def clause_rows(policy: Policy, lang: str) -> list[list[str]]:
    """Each clause as `budgetopt policy` lists it: id, section, title, kind, rate, maximum in 万元, precondition and
    who else may apply (the browser app's clause page shows the same, with the policy's own sentence)."""
    rows = []
    for clause in policy.clauses.values():
        rate = f"{format_decimal(clause.rate * 100)}%" if clause.rate is not None else ""
        maximum = format_decimal(clause.maximum / WAN) if clause.maximum else "—"
        rows.append([clause.id, clause.section, clause.title(lang), pick(KIND_LABELS[clause.kind], lang), rate,
                     maximum, clause.precondition(lang) or "", _other(clause.industries, clause.sizes, lang)])
    return rows


def _other(industries: Sequence[str], sizes: Sequence[str], lang: str) -> str:
    parts = []
    if industries:
        names = [pick(INDUSTRIES[c], lang) for c in industries]
        parts.append(("限" + "、".join(names)) if lang == "zh" else "only " + ", ".join(names))
    if sizes:
        names = [pick(SIZES[c], lang) for c in sizes]
        parts.append(("限" + "、".join(names) + "企业") if lang == "zh" else "only " + ", ".join(names) + " firms")
    return "; ".join(parts)


def validation_summary(book: Applications, entitlements: Sequence[Entitlement], lang: str,
                       ledger_touched: int | None = None) -> str:
    """Rows read, eligible, ineligible by reason, duplicates, the total entitlement (demand) and, with a ledger, how
    many applications it has awards for."""
    zh = lang == "zh"
    counts = Counter(e.status for e in entitlements)
    by_reason = Counter(r.code for e in entitlements if e.status is Status.INELIGIBLE for r in e.reasons)
    demand = sum(e.amount for e in entitlements)
    rows = [
        ["符合条件" if zh else "eligible", str(counts[None])],
        ["不符合条件" if zh else "ineligible", str(counts[Status.INELIGIBLE])],
        ["重复申报" if zh else "duplicate", str(counts[Status.DUPLICATE])],
        *([["数据有误" if zh else "invalid", str(len(book.invalid))]] if book.invalid else []),
        ["申报需求合计（元）" if zh else "demand (yuan)", format_yuan(demand)],
        ["申报需求合计（万元）" if zh else "demand (万元)", format_wan(demand).rstrip("万")],
    ]
    lines = [
        f"{book.source}，工作表 {book.sheet}：读取 {book.rows_read} 行" if zh else
        f"{book.source}, sheet {book.sheet}: {book.rows_read} rows read",
        *("  " + line for line in table(["", ""], rows, right=(1,)).splitlines()[2:]),
    ]
    if ledger_touched is not None:
        lines.append("  " + say("ledger.touched", lang, count=ledger_touched))
    if by_reason:
        lines.append("  不符合条件的原因：" if zh else "  ineligible, by reason:")
        lines += [f"    {count:>5}  {reason_kind(code, lang)}" for code, count in
                  sorted(by_reason.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(lines)


_MONEY = {"budget": ("年度预算", "budget"), "reserve": ("预留", "reserve"),
          "earlier_rounds": ("本年度此前各批已资助", "granted in earlier rounds"), "available": ("可分配", "available"),
          "available_round": ("本批可分配", "available in this round"),
          "allocated": ("已分配", "allocated"), "unspent": ("未分配", "unspent")}


def allocation_summary(allocation: AllocationResult, out_dir: Path, files: Sequence[Path], lang: str) -> str:
    """Budget, allocated, unspent, counts by status, objective, solver and time, and where the outputs are."""
    zh = lang == "zh"
    s = allocation.scenario
    counts = [(status_label(st, lang), allocation.count(st)) for st in Status]
    rows = [[pick(_MONEY[money_label(key, allocation)], lang), format_yuan(v), format_wan(v)]
            for key, v in money(allocation)]
    solver = allocation.solver
    budget = next((c for c in allocation.constraints if c.kind is RowKind.BUDGET), None)
    next_wan = marginal_meaning(budget, lang, True) if budget is not None else ""
    lines = [
        say("report.console.scenario", lang, name=s.name),
        *("  " + line for line in table(["", "元" if zh else "yuan", "万元"], rows, right=(1, 2)).splitlines()),
        "  " + "  ".join(f"{name} {n}" for name, n in counts),
        "  " + say("report.console.objective", lang, objective=f"{allocation.objective:,.0f}",
                   average=score_text(allocation.objective / allocation.allocated) if allocation.allocated else "—"),
        *([f"  {next_wan}"] if next_wan else []),
        *([f"  {_spread_line(allocation, lang)}"] if allocation.allocated else []),
        *([f"  {_ledger_line(allocation, lang)}"] if allocation.request and allocation.request.ledger else []),
        "  " + say("report.console.solved", lang, solver=solver.version, seconds=f"{solver.seconds:.2f}"),
        _outputs(out_dir, files, lang),
    ]
    return "\n".join(lines)


def _spread_line(allocation: AllocationResult, lang: str) -> str:
    """`spread: districts' HHI 0.0712, Gini 0.5123, …; the top five get 12.3%` (docs/planning.md)."""
    d = spread.of_awards(allocation.awards)
    return say("report.distribution.console", lang, hhi=spread.measure_text(d.hhi_district),
               gini=spread.measure_text(d.gini_district), theil=spread.measure_text(d.theil_district),
               between=spread.measure_text(d.theil_between_regions),
               hhi_applicant=spread.measure_text(d.hhi_applicant), top5=spread.percent(d.top5_applicant_share))


def _ledger_line(allocation: AllocationResult, lang: str) -> str:
    """`counted the award ledger 台账.sqlite: 12 entries; 3 applications reduced or refused by them`."""
    assert allocation.request is not None and allocation.request.ledger is not None
    ledger = allocation.request.ledger
    earlier = allocation.so_far.total
    rounds = say("ledger.counted_rounds", lang, earlier=f"{earlier:,}") if earlier else ""
    return say("ledger.counted", lang, path=ledger.path.name, entries=ledger.entries,
               reduced=ledger_reduced(allocation), rounds=rounds)


def ledger_reduced(allocation: AllocationResult) -> int:
    """How many applications the ledger's awards reduced or refused (就高、不重复)."""
    return sum(1 for a in allocation.awards if a.basis is not None and a.basis.ledger)


def sweep_summary(sweep: SweepResult, out_dir: Path, files: Sequence[Path], lang: str) -> str:
    """One line per level — budget, allocated, the weighted score the next 万元 would fund, and what the step to
    the next level buys — then each step in a sentence: who the money funds and the weighted score it buys."""
    found = steps(sweep)
    header = [say(f"report.console.sweep.{k}", lang) for k in ("budget", "allocated", "next_score", "added",
                                                                "score", "enters", "leaves")]
    rows = []
    for i, level in enumerate(sweep.levels):
        step = found[i] if i < len(found) else None
        if level.allocation is None:
            spent = any(conflict.code == "ledger.year_spent" for conflict in level.conflicts)
            rows.append([level_text(level.budget, lang),
                         say("report.console.sweep.spent" if spent else "report.console.sweep.infeasible", lang),
                         "", "", "", "", ""])
            continue
        bought = [] if step is None or not step.feasible else [
            wan_text(step.added), score_text(step.score), str(step.count("enters")), str(step.count("leaves"))]
        rows.append([level_text(level.budget, lang), wan_text(level.allocation.allocated),
                     score_text(level_score(level)), *(bought or ["", "", "", ""])])
    lines = [say("report.console.scenario", lang, name=sweep.scenario.name),
             *("  " + line for line in table(header, rows, right=(0, 1, 2, 3, 4, 5, 6)).splitlines())]
    if sweep.so_far.total:
        lines.append("  " + say("report.sweep.earlier_rounds", lang, year=sweep.so_far.year,
                                earlier=f"{sweep.so_far.total:,}"))
    if found:
        lines.append(say("report.console.sweep.steps", lang))
        lines += [f"  {step_sentence(step, lang, names=3)}" for step in found]
    lines.append(_outputs(out_dir, files, lang))
    return "\n".join(lines)


def _lowered(label: str) -> str:
    """A row's label as the console's lines say it: `Cap per applicant` → `cap per applicant`."""
    return label[:1].lower() + label[1:]


def _status(status: str, lang: str) -> str:
    """A status in words (全额资助, partly funded), or as written when it is not one of ours."""
    return pick(STATUS_LABELS[status], lang) if status in STATUS_LABELS else status


def _signed(text: str, value: Decimal) -> str:
    return "+" + text if value > 0 else text


def _outputs(out_dir: Path, files: Sequence[Path], lang: str) -> str:
    names = [f.name for f in files]
    return say("report.console.outputs", lang, folder=str(out_dir), files=("、".join(names), ", ".join(names)))


def compare_summary(c: ComparisonResult, out_dir: Path, files: Sequence[Path], lang: str, limit: int = 30) -> str:
    """How the two scenarios differ, key by key; totals and spend by section side by side (the objectives only when
    they are comparable); how the money is spread in each (the measures and the regions' shares); then the
    applications that changed (the first `limit`)."""
    changes = scenario_changes(c, lang)
    if changes:
        lines = [say("report.console.compare.scenarios", lang),  # each key lower case, as the console's labels
                 *(f"  {say('report.compare.weight_change', lang, name=_lowered(ch.name), a=ch.a, b=ch.b)}"
                   for ch in changes)]
    else:
        lines = [say("report.compare.scenarios_unknown" if changes is None else "report.compare.scenarios_same",
                     lang)]
    alone = one_side(c, lang)  # two years, say: every application in one run only, said instead of listed
    if alone:
        lines.append(alone)
    apart = objective_note(c, lang)
    header = ["", f"A {c.a.label}", f"B {c.b.label}", "B − A"]
    money = [[total_label(x.key, lang), f"{x.a:,}", f"{x.b:,}", f"{x.delta:+,}"] for x in c.totals
             if x.key != "objective"]
    money += [[total_label(x.key, lang), decimal_text(x.a), decimal_text(x.b),
               say("report.compare.not_comparable", lang) if apart else _signed(decimal_text(x.delta), x.delta)]
              for x in c.totals if x.key == "objective"]
    valued = valued_line(c, lang)
    if valued:
        name, line = valued
        money.append([name, decimal_text(line.a), decimal_text(line.b), _signed(decimal_text(line.delta), line.delta)])
    money += [[say("report.compare.wan_of", lang, name=x.label), wan_text(x.a), wan_text(x.b),
               _signed(wan_text(x.delta), x.delta)] for x in c.by_section]
    lines += ["", *table(header, money, right=(1, 2, 3)).splitlines()]
    if apart:
        lines.append(apart)
    said = valuation_text(c, lang)  # or why the two are not valued against each other
    if said:
        lines.append(said)
    spread_rows = [[line.name, *line.shown(lang)] for line in spread_lines(c, lang, districts=False)]
    lines += ["", say("report.distribution.compare.console", lang),
              *("  " + row for row in table(header, spread_rows, right=(1, 2, 3)).splitlines())]
    changed = [] if alone else c.differences[:limit]
    if changed:
        rows = [[pick(KINDS[d.kind], lang), d.application_id, d.applicant[:16], d.clause,
                 "" if d.a is None else f"{d.a.allocated:,} {_status(d.a.status, lang)}",
                 "" if d.b is None else f"{d.b.allocated:,} {_status(d.b.status, lang)}"] for d in changed]
        heads = [say(f"report.compare.col.{k}", lang, a=c.a.label, b=c.b.label)
                 for k in ("change", "application_id", "applicant", "clause")]
        lines += ["", *table([*heads, say("report.console.compare.a", lang), say("report.console.compare.b", lang)],
                             rows, right=()).splitlines()]
    if len(c.differences) > limit and not alone:
        lines.append(say("report.console.compare.more", lang, count=len(c.differences) - limit))
    elif not c.differences:
        lines.append(say("report.console.compare.identical", lang))
    lines.append(_outputs(out_dir, files, lang))
    return "\n".join(lines)
