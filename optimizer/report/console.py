"""Text for the terminal: aligned tables (Chinese characters count two columns) and short summaries.

Functions here return strings; the command line prints them.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from optimizer.domain import Applications, Entitlement, Status
from optimizer.money import WAN, format_decimal, format_wan, format_yuan
from optimizer.report.compare_out import KINDS, total_label
from optimizer.results import AllocationResult, ComparisonResult, SweepResult
from optimizer.rules.policy import KIND_LABELS, Policy
from optimizer.words import INDUSTRIES, SIZES, pick, reason_kind, status_label


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


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
    rows = []
    for clause in policy.clauses.values():
        rate = f"{format_decimal(clause.rate * 100)}%" if clause.rate is not None else ""
        maximum = format_decimal(clause.maximum / WAN) if clause.maximum else "—"
        rows.append([clause.id, clause.section, clause.title(lang), pick(KIND_LABELS[clause.kind], lang), rate,
                     maximum, clause.precondition(lang) or "", _other(clause.industries, clause.sizes, lang)])
    return "\n".join(heading) + table(header, rows, right=(4, 5))


def _other(industries: Sequence[str], sizes: Sequence[str], lang: str) -> str:
    parts = []
    if industries:
        names = [pick(INDUSTRIES[c], lang) for c in industries]
        parts.append(("限" + "、".join(names)) if lang == "zh" else "only " + ", ".join(names))
    if sizes:
        names = [pick(SIZES[c], lang) for c in sizes]
        parts.append(("限" + "、".join(names) + "企业") if lang == "zh" else "only " + ", ".join(names) + " firms")
    return "; ".join(parts)


def validation_summary(book: Applications, entitlements: Sequence[Entitlement], lang: str) -> str:
    """Rows read, eligible, ineligible by reason, duplicates, and the total entitlement (demand)."""
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
    if by_reason:
        lines.append("  不符合条件的原因：" if zh else "  ineligible, by reason:")
        lines += [f"    {count:>5}  {reason_kind(code, lang)}" for code, count in
                  sorted(by_reason.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(lines)


def allocation_summary(allocation: AllocationResult, out_dir: Path, files: Sequence[Path], lang: str) -> str:
    """Budget, allocated, unspent, counts by status, objective, solver and time, and where the outputs are."""
    zh = lang == "zh"
    s = allocation.scenario
    assert s.budget is not None
    unspent = s.available - allocation.allocated
    counts = [(status_label(st, lang), allocation.count(st)) for st in Status]
    money = [
        ("年度预算" if zh else "budget", s.budget), ("预留" if zh else "reserve", s.reserve),
        ("可分配" if zh else "available", s.available), ("已分配" if zh else "allocated", allocation.allocated),
        ("未分配" if zh else "unspent", unspent),
    ]
    rows = [[name, format_yuan(v), format_wan(v)] for name, v in money]
    solver = allocation.solver
    proven = "已证明最优" if zh else "proven optimal"
    lines = [
        f"{'情景' if zh else 'scenario'}: {s.name}",
        *("  " + line for line in table(["", "元" if zh else "yuan", "万元"], rows, right=(1, 2)).splitlines()),
        "  " + "  ".join(f"{name} {n}" for name, n in counts),
        f"  {'目标值' if zh else 'objective'} {format_decimal(allocation.objective)}  ·  {solver.version}, "
        f"{solver.seconds:.2f} s, {proven}",
        f"{'输出' if zh else 'outputs'}: {out_dir}/ ({', '.join(f.name for f in files)})",
    ]
    return "\n".join(lines)


def sweep_summary(sweep: SweepResult, out_dir: Path, files: Sequence[Path], lang: str) -> str:
    """One line per level: budget, objective, allocated, marginal value of the next 万元, who enters and leaves."""
    zh = lang == "zh"
    header = (["预算", "目标值", "已分配", "下一万元边际值", "新增", "退出"] if zh else
              ["budget", "objective", "allocated", "next 万元 is worth", "enter", "leave"])
    rows = []
    for i, level in enumerate(sweep.levels):
        changes = sweep.changes(i) if i + 1 < len(sweep.levels) else ()
        if level.allocation is None:
            rows.append([format_wan(level.budget), "不可行" if zh else "infeasible", "", "", "", ""])
            continue
        marginal = level.marginal_per_wan
        enters, leaves = sum(c.kind == "enters" for c in changes), sum(c.kind == "leaves" for c in changes)
        rows.append([format_wan(level.budget), f"{level.allocation.objective:,.0f}",
                     format_wan(level.allocation.allocated), "" if marginal is None else f"{marginal:,.1f}",
                     str(enters), str(leaves)])
    lines = [f"{'情景' if zh else 'scenario'}: {sweep.scenario.name}",
             *("  " + line for line in table(header, rows, right=(0, 1, 2, 3, 4, 5)).splitlines()),
             f"{'输出' if zh else 'outputs'}: {out_dir}/ ({', '.join(f.name for f in files)})"]
    return "\n".join(lines)


def compare_summary(c: ComparisonResult, out_dir: Path, files: Sequence[Path], lang: str, limit: int = 30) -> str:
    """Totals and spend by section side by side, then the applications that changed (the first `limit`)."""
    zh = lang == "zh"
    header = ["", f"A {c.a.label}", f"B {c.b.label}", "B − A"]
    money = [[total_label(x.key, lang), f"{x.a:,}", f"{x.b:,}", f"{x.delta:+,}"] for x in c.totals]
    money += [[x.label, format_wan(x.a), format_wan(x.b), format_wan(x.delta)] for x in c.by_section]
    lines = [*table(header, money, right=(1, 2, 3)).splitlines()]
    changed = c.differences[:limit]
    if changed:
        rows = [[pick(KINDS[d.kind], lang), d.application_id, d.applicant[:16], d.clause,
                 "" if d.a is None else f"{d.a.allocated:,} {d.a.status}",
                 "" if d.b is None else f"{d.b.allocated:,} {d.b.status}"] for d in changed]
        lines += ["", *table(["变化" if zh else "change", "application_id", "申报单位" if zh else "applicant",
                              "条款" if zh else "clause", "A", "B"], rows, right=()).splitlines()]
    if len(c.differences) > limit:
        lines.append(f"… {len(c.differences) - limit} {'项更多' if zh else 'more'}")
    elif not c.differences:
        lines.append("两次分配完全相同" if zh else "no application changed")
    lines.append(f"{'输出' if zh else 'outputs'}: {out_dir}/ ({', '.join(f.name for f in files)})")
    return "\n".join(lines)
