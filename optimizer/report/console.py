"""Text for the terminal: aligned tables (Chinese characters count two columns) and short summaries.

Functions here return strings; the command line prints them.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from optimizer.allocation import Allocation
from optimizer.domain import Entitlement, Status
from optimizer.money import WAN, format_decimal, format_wan, format_yuan
from optimizer.policy import INDUSTRIES, KIND_LABELS, SIZES, Policy
from optimizer.text import pick, reason_kind, status_label
from optimizer.workbook import Workbook


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


def validation_summary(book: Workbook, entitlements: Sequence[Entitlement], lang: str) -> str:
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
        f"{book.path.name}，工作表 {book.sheet}：读取 {book.rows_read} 行" if zh else
        f"{book.path.name}, sheet {book.sheet}: {book.rows_read} rows read",
        *("  " + line for line in table(["", ""], rows, right=(1,)).splitlines()[2:]),
    ]
    if by_reason:
        lines.append("  不符合条件的原因：" if zh else "  ineligible, by reason:")
        lines += [f"    {count:>5}  {reason_kind(code, lang)}" for code, count in
                  sorted(by_reason.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(lines)


def allocation_summary(allocation: Allocation, out_dir: Path, files: Sequence[Path], lang: str) -> str:
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
