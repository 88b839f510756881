"""Test helpers: build application workbooks cell by cell, and make valid applications."""

from __future__ import annotations

import functools
import signal
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from optimizer.domain import Application
from optimizer.reading.fields import uscc_check_character

ROOT = Path(__file__).resolve().parent.parent

ZH_HEADERS = ["申报编号", "申报单位", "统一社会信用代码", "所属区县", "政策条款", "项目名称", "事项标识", "实际投资额",
              "申请金额", "评审得分", "申报日期", "所属行业", "企业规模", "资格认定", "已获市级同类支持"]
EN_HEADERS = ["application_id", "applicant", "credit_code", "district", "clause", "project", "content_key",
              "investment", "requested", "score", "submitted_on", "industry", "enterprise_size", "qualified",
              "prior_support"]


def code(seed: int) -> str:
    """A valid unified social credit code, different for each seed."""
    first17 = f"91500000MA{seed:07d}"
    return first17 + uscc_check_character(first17)


def row(**overrides: Any) -> dict[str, Any]:
    """A valid row by English field name: an advanced smart factory (7b) investing 4,000万."""
    base: dict[str, Any] = {
        "application_id": "A-001", "applicant": "重庆长江智造有限公司", "credit_code": code(1), "district": "两江新区",
        "clause": "7b", "project": "智能工厂建设", "content_key": None, "investment": 40_000_000, "requested": None,
        "score": 85, "submitted_on": date(2026, 3, 15), "industry": None, "enterprise_size": "medium",
        "qualified": "yes", "prior_support": None,
    }
    base.update(overrides)
    return base


def write_rows(path: Path, rows: Sequence[Mapping[str, Any]], headers: Sequence[str] = EN_HEADERS,
               sheet: str = "applications") -> Path:
    """A workbook with one header row and one row per mapping (keys: English field names, in `headers` order)."""
    fields = dict(zip(EN_HEADERS, EN_HEADERS, strict=True))
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(list(headers))
    for r in rows:
        ws.append([r.get(_field_of(h, fields)) for h in headers])
    book.save(path)
    return path


def write_cells(path: Path, grid: Sequence[Sequence[Any]], sheet: str = "applications",
                extra_sheets: Sequence[str] = ()) -> Path:
    """A workbook holding exactly `grid` (row 1 first) — for layouts the tests want to control cell by cell."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for extra in extra_sheets:
        book.create_sheet(extra)
    for values in grid:
        ws.append(list(values))
    book.save(path)
    return path


def _field_of(header: str, fields: Mapping[str, str]) -> str:
    """The field a test header stands for: English (any case), or Chinese with or without a unit."""
    bare = header.split("（")[0].split("(")[0].strip()
    english = bare.lower().replace(" ", "_")
    if english in fields:
        return english
    return EN_HEADERS[ZH_HEADERS.index(bare)] if bare in ZH_HEADERS else header


def app(**overrides: Any) -> Application:
    """A valid Application (the values a workbook row would read to)."""
    values: dict[str, Any] = {
        "row": 2, "application_id": "A-001", "applicant": "重庆长江智造有限公司", "credit_code": code(1),
        "district": "两江新区", "clause": "7b", "project": "智能工厂建设", "score": Decimal(85),
        "submitted_on": date(2026, 3, 15), "investment": Decimal(40_000_000), "enterprise_size": "medium",
        "qualified": True,
    }
    values.update(overrides)
    return Application(**values)


def workbook_of(*applications: Application, invalid: Sequence[Any] = ()) -> Any:
    """A Workbook value holding these applications, as the reader would return it."""
    from optimizer.domain import Applications

    return Applications("apps.xlsx", "applications", tuple(applications), tuple(invalid))


def scenario_of(**settings: Any) -> Any:
    """A Scenario from TOML-like settings (amounts as the file would write them); budget defaults to 1亿."""
    from optimizer.rules.scenario import load_scenario

    settings.setdefault("budget", "1亿")
    return load_scenario(_in_yuan(settings))


def _in_yuan(value: Any, key: str = "") -> Any:
    """Whole numbers of yuan written as a scenario would write them (3000元): a bare number below 10,000 for a
    budget, reserve or cap is refused as probably meant in 万."""
    if isinstance(value, dict):
        return {k: _in_yuan(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_in_yuan(v, key) for v in value]
    money = key in ("budget", "reserve", "max", "min", "max_total", "max_period_total")
    return f"{value}元" if money and isinstance(value, int) and not isinstance(value, bool) else value


def awards_by_id(allocation: Any) -> dict[str, int]:
    return {a.application_id: a.allocated for a in allocation.awards}


def limits_hold(awards: Mapping[str, int], apps: Sequence[Application], scenario: Any) -> bool:
    """Every limit of `scenario` (a Scenario) on `awards` (application_id → whole yuan; absent = 0), in exact
    integers: the budget less reserve, each envelope's max and min, each district's share, each applicant's caps
    (max_total, and max_period_total with no ledger: this run is the whole period), each group's cap."""
    def used(keep: Any) -> int:
        return sum(awards.get(a.application_id, 0) for a in apps if keep(a))

    def each_within(key: Any, cap: int | None) -> bool:
        return cap is None or all(used(lambda a, k=k: key(a) == k) <= cap for k in {key(a) for a in apps})

    if used(lambda a: True) > scenario.available:
        return False
    for env in scenario.envelopes:
        total = used(lambda a, e=env: a.clause in e.clauses)
        upper = env.upper(scenario.available)
        if (upper is not None and total > upper) or (env.min and total < env.min):
            return False
    caps = [c for c in (scenario.applicant_max_total, scenario.applicant_max_period_total) if c is not None]
    groups = {a.group for a in apps if a.group}
    return (each_within(lambda a: a.district, scenario.district_cap())
            and each_within(lambda a: a.credit_code, min(caps) if caps else None)
            and (scenario.group_max_total is None
                 or all(used(lambda a, g=g: a.group == g) <= scenario.group_max_total for g in groups)))


def places(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place (keys and indices) within nested tables and lists, each table and list too, not the whole."""
    inner = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    return [at] * bool(at) + [p for key, item in inner for p in places(item, (*at, key))]


def put(data: Any, place: Sequence[Any], value: object) -> None:
    """`value` at `place` (keys and indices) of nested tables and lists; the key removed for `...`."""
    at = data
    for key in place[:-1]:
        at = at[key]
    if value is ...:
        del at[place[-1]]
    else:
        at[place[-1]] = value


# A year of three applications and a scenario holding every key a run records (weights, an envelope, every limit;
# the budget given beside it): what the tests of manifests read back start from.
EVERY_KEY_SCENARIO = ('year = 2026\nreserve = "10万"\nmin_funding_ratio = 0.3\nrounding = 100\n[weights]\n"4" = 1.5\n'
                      '[[envelopes]]\nname = "AI"\nclauses = ["3", "4"]\nmax_share = 0.8\nmin = "10万"\n'
                      '[districts]\nmax_share = 0.9\n[applicants]\nmax_total = "500万"\nmax_period_total = "600万"\n'
                      '[groups]\nmax_total = "700万"\n')


def every_key_year(folder: Path) -> tuple[Path, Path]:
    """The workbook and the scenario file of that year, written into `folder`."""
    rows = [row(application_id=f"A-{i}", credit_code=code(i), clause=c, score=s, applicant=f"企业{i}")
            for i, (c, s) in enumerate((("3", 90), ("4", 80), ("7b", 70)))]
    scenario = folder / "s.toml"
    scenario.write_text(EVERY_KEY_SCENARIO, encoding="utf-8")
    return write_rows(folder / "apps.xlsx", rows, EN_HEADERS), scenario


@contextmanager
def never_hangs(seconds: float = 10.0) -> Iterator[None]:
    """A guard against a regex that backtracks without end on hostile text: TimeoutError past `seconds` (the work
    guarded takes milliseconds; this is no speed test, a quadratic regex took minutes)."""
    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def tamper(ledger: Path, seq: int, change: str = "amount = 1") -> None:
    """Change ledger entry `seq` behind budgetopt's back, as a determined editor would: the guard trigger dropped,
    then plain SQL (`change` is the SET clause: "amount = amount + 100", "basis = '改过'")."""
    with sqlite3.connect(ledger, isolation_level=None) as conn:
        conn.execute("DROP TRIGGER IF EXISTS entries_never_changed")
        conn.execute(f"UPDATE entries SET {change} WHERE seq = ?", (seq,))
    conn.close()


def publish_before_the_pin(monkeypatch: Any) -> None:
    """publish as budgetopt did before December 2026: its ledger entries record no SHA-256 of the 公示 list."""
    from optimizer.jobs import publish as publishing

    for name in ("append_awards", "entries_recording"):
        monkeypatch.setattr(publishing, name, functools.partial(_without_notice, getattr(publishing, name)))


def _without_notice(write: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    kwargs.pop("notice", None)
    return write(*args, **kwargs)
