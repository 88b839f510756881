"""manifest.json: what an auditor needs to reproduce a run — inputs and their SHA-256, the effective scenario,
tool and solver versions, the objective, totals, how the money is spread (report/distribution.py), the SHA-256 of
allocation.csv, and the time of the run (the only field that differs between two identical runs)."""

from __future__ import annotations

import hashlib
import json
import os
import platform
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from optimizer import __version__
from optimizer.domain import Status
from optimizer.money import format_decimal
from optimizer.report.distribution import Distribution, of_awards
from optimizer.report.limits import budget_marginal
from optimizer.report.scenario_words import settings
from optimizer.report.totals import allocated_share, money
from optimizer.report.units import amount_text, decimal_text, say, warning_groups
from optimizer.results import MONEY_TOTALS, AllocationResult, LedgerRef, RunRequest
from optimizer.rules.divisions import divisions_path
from optimizer.rules.policy import Policy


@dataclass(frozen=True)
class InputFile:
    role: str  # workbook, policy, divisions, scenario, ledger
    path: Path | None  # None: the applications were given as a DataFrame or records, not a file
    shipped: bool = False  # part of the installed package rather than a file the user gave
    given_as: str = ""  # what was given instead of a file ("DataFrame", "records"; a scenario's "settings")
    ledger: LedgerRef | None = None  # the ledger: its SHA-256 is its chain's head (its file changes as it grows)
    sha256: str | None = None  # of what was given instead of a file, where it has one (a scenario's settings)

    def describe(self, out_dir: Path) -> dict[str, Any]:
        if self.path is None:
            return {"path": None, "shipped": False, "sha256": self.sha256, "given_as": self.given_as}
        where = self.path.name if self.shipped else relative_path(self.path, out_dir)
        entries = {} if self.ledger is None else {"entries": self.ledger.entries}
        return {"path": where, "shipped": self.shipped, "sha256": self.digest(), **entries}

    def digest(self) -> str:
        if self.ledger is not None:
            return self.ledger.head
        if self.path is None:
            return self.sha256 or "—"
        return sha256_file(self.path)


def relative_path(path: Path, folder: Path) -> str:
    """`path` as a run's record names a file: from `folder` (the run's), or absolute where there is no way from it
    (another drive, on Windows)."""
    try:
        return os.path.relpath(path.resolve(), folder.resolve())
    except ValueError:
        return str(path.resolve())


@dataclass(frozen=True)
class RunFacts:
    """How the run was asked for and when it happened: what the manifest and the parameters sheet record."""

    inputs: tuple[InputFile, ...]
    request: RunRequest
    lang: str
    export_model: bool = False


def run_facts(allocation: AllocationResult, lang: str, export_model: bool = False) -> RunFacts:
    """The facts of an allocation's run, from how it was asked for."""
    request, policy = allocation.request, allocation.policy
    assert request is not None and policy is not None, "an allocation made by allocate() knows how it was asked for"
    return facts_for(request, policy, lang, export_model)


def facts_for(request: RunRequest, policy: Policy, lang: str, export_model: bool = False) -> RunFacts:
    """The facts a run will record, known before it is solved."""
    files = [InputFile("workbook", request.workbook, given_as="" if request.workbook else request.source),
             InputFile("policy", policy.path, shipped=policy.shipped),
             InputFile("divisions", divisions_path(), shipped=True)]
    if request.scenario is not None:
        files.append(InputFile("scenario", request.scenario))
    elif request.scenario_sha256 is not None:  # given in Python: the manifest's `scenario` is all there is of it
        files.append(InputFile("scenario", None, given_as=SETTINGS, sha256=request.scenario_sha256))
    if request.ledger is not None:
        files.append(InputFile("ledger", request.ledger.path, ledger=request.ledger))
    return RunFacts(tuple(files), request, lang, export_model)


SETTINGS = "settings"  # a scenario given in Python, recorded by its settings (manifest.json's `scenario`)


def settings_sha256(settings: Mapping[str, Any]) -> str:
    """The SHA-256 of a scenario's settings as manifest.json records them (`Scenario.as_dict()`), in one canonical
    JSON text: what identifies a scenario given in Python, and pins the manifest's record of it for `verify`."""
    text = json.dumps(settings, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def totals(allocation: AllocationResult) -> dict[str, Any]:
    """The run's money (`earlier_rounds` 0 where the ledger records no earlier round of its year) and its rows by
    status."""
    figures = dict(money(allocation))
    return {**{key: figures.get(key, 0) for key in MONEY_TOTALS}, "rows": len(allocation.awards),
            **{s.value: allocation.count(s) for s in Status}}


def command_record(facts: RunFacts) -> dict[str, Any]:
    """How the run was asked for, as its manifest records it (verify asks again so)."""
    asked = facts.request
    return {"command": "allocate", "budget": asked.budget, "solver": asked.solver, "lang": facts.lang,
            "skip_invalid": asked.skip_invalid, "time_limit": asked.time_limit, "export_model": facts.export_model,
            "limits": dict(asked.limits) if asked.limits is not None else None}


def identity(facts: RunFacts) -> tuple[dict[str, str | None], dict[str, Any]]:
    """What makes two runs the same run — their inputs by SHA-256 and how they were asked for — as
    report/files.py's run_identity reads it from a manifest."""
    return {f.role: None if f.path is None else f.digest() for f in facts.inputs}, command_record(facts)


# The version of the writers of a run's files — allocation.xlsx, report.html, the exported model — recorded in every
# manifest (`tool.writers`): one more whenever any of their bytes change, which tests/test_outputs_pinned.py catches
# on the sample. verify judges a file that differs from what this budgetopt writes, but has the SHA-256 the
# manifest records, edited (with its hash) only when the manifest records these writers, this version and these
# packages; otherwise an earlier budgetopt's, untouched.
WRITERS = 11  # 2: the run's warnings in report.html and the parameters. 3: the period and group caps there. 4: the
#              warnings to deal with before the 公示 apart from the other notes, a sheet of them in the workbook; the
#              parameters' names as labels. 5: their rows as tall as their wrapped text. 6: the English 就高 pairs
#              "lost to". 7: each warning a sentence with its full stop; the period cap's says what to do; 资助线.
#              8: 分配方案 in the Chinese files, the period cap's what-to-do for a run made either way; the ledger's row
#              labelled as the hash of the last entry counted, the solver with its version; statuses in words in the
#              allocation sheet (no code column); the share allocated (a card, and among the parameters).
#              9: the ledger counted said in report.html, and in the parameters also when none was or it was empty;
#              the period cap's what-to-do in one step; the constraints sheet's codes last, as 约束代码
#              10: the period cap's what-to-do as how the new run is made (counting that ledger), not a step of its own
#              11: that what-to-do true whether the earlier run was published or not (publish it first only if not)
#              (tests/test_outputs_pinned.py holds each landed version's bytes)

# the installed packages a run's allocation or reading of its files depends on, recorded beside budgetopt's version
RECORDED_PACKAGES = ("highspy", "pulp", "numpy", "pandas", "python-calamine", "openpyxl", "defusedxml", "xlsxwriter")


def environment() -> dict[str, Any]:
    """Python's version and platform and the versions of RECORDED_PACKAGES, for an auditor re-running a run years
    later: what to install again ("" for a package not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return ""

    return {"python": platform.python_version(), "platform": platform.platform(terse=True),
            "packages": {name: installed(name) for name in RECORDED_PACKAGES}}


def manifest_json(allocation: AllocationResult, facts: RunFacts, out_dir: Path, digests: Mapping[str, str],
                  solver_version: str, distribution: Distribution | None = None) -> bytes:
    """manifest.json: the run's inputs, settings, result figures and time, and `digests`, the SHA-256 of each file
    the run wrote beside it (allocation.csv first) — by which `verify` judges a file an earlier budgetopt wrote
    otherwise than this one would."""
    asked = facts.request
    spread = distribution or of_awards(allocation.awards)
    next_yuan = budget_marginal(allocation.constraints)  # what `compare` says a difference is worth in budget
    document = {
        "tool": {"name": "budgetopt", "version": __version__, "reasons": allocation.reason_writer, "writers": WRITERS,
                 **environment()},
        "command": command_record(facts),
        "inputs": {f.role: f.describe(out_dir) for f in facts.inputs},
        "scenario": allocation.scenario.as_dict(),
        "solver": {"name": allocation.solver.name, "version": solver_version,
                   "status": allocation.solver.status.value,
                   **({"note": allocation.solver.note.text(facts.lang)} if allocation.solver.note else {})},
        "objective": format_decimal(allocation.objective),
        "budget_marginal": None if next_yuan is None else format_decimal(next_yuan),
        "totals": totals(allocation),
        "distribution": spread.as_dict(),
        "outputs": {name: {"sha256": digests[name]} for name in sorted(digests, key=lambda n: n != "allocation.csv")},
        "time": {"started": asked.started_at, "seconds": round(asked.seconds, 3)},
    }
    # a file name of bytes that are no UTF-8 (Linux) is a lone surrogate to Python: written as JSON's own escape
    # (`\udcff`), which json.loads reads back to the same name
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8", "backslashreplace")


def parameters(allocation: AllocationResult, facts: RunFacts, lang: str) -> Sequence[tuple[str, str]]:
    """The run's parameters for people (the workbook's last sheet), key by key in words, amounts in 万元 to the
    yuan, the solver with its version and each input by its SHA-256 (the ledger by its head: `input_row`; a run
    that counted none says so), as manifest.json records them: no times, so reruns give the same file."""
    s = allocation.scenario
    assert s.budget is not None
    items = settings(s.as_dict(), lang)
    rows = [(item.name, item.value) for item in items]
    after_reserve = next(k for k, item in enumerate(items) if item.key == "reserve") + 1
    earlier = allocation.so_far.total  # a later round: the year's shares are of budget − reserve, said first
    share, shared = allocated_share(allocation)
    rows[after_reserve:after_reserve] = [
        (say("report.scenario.available", lang), amount_text(s.available, lang)),
        *([(say("report.scenario.earlier_rounds", lang), amount_text(earlier, lang)),
           (say("report.scenario.available_after", lang), amount_text(allocation.available, lang))] if earlier else []),
        (say("report.param.allocated", lang), amount_text(allocation.allocated, lang)), (say(share, lang), shared)]
    rows += [
        (say("report.param.solver", lang), allocation.solver.version),
        (say("report.param.objective", lang), decimal_text(allocation.objective)),
        (say("report.param.tool", lang), f"budgetopt {__version__}"),
    ]
    rows += [input_row(f, lang) for f in facts.inputs]
    if not any(f.role == "ledger" for f in facts.inputs):
        rows.append((say("report.param.ledger_none", lang), say("report.param.ledger_none_value", lang)))
    rows += [(say(heading, lang), text) for heading, said in warning_groups(allocation.warnings, lang) for text in said]
    return rows


def input_row(given: InputFile, lang: str) -> tuple[str, str]:
    """An input as the parameters sheet names it, and its SHA-256 as manifest.json records it: a file's, or that of
    the settings given in Python; the award ledger's is no file's (the file changes as it grows) but the hash of the
    last entry the run counted, which fixes every entry before it, and the sheet says so with their count (an
    auditor's review: `资助台账的 SHA-256` beside a value no sha256sum of the file gives); an empty ledger's, the
    chain's start, is said to be one (`空台账：哈希链的起点 000…`), not shown bare as if a value."""
    if given.ledger is not None:
        entries, head = given.ledger.entries, given.ledger.head
        if not entries:
            return say("report.param.ledger_empty", lang), say("report.param.ledger_empty_value", lang, head=head)
        return say("report.param.ledger", lang, entries=entries), head
    role = say(f"report.param.role.{given.role}{'_settings' * bool(given.sha256)}", lang)
    return say("report.param.digest", lang, role=role), given.digest()
