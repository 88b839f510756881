"""The correction notice (更正公告, `budgetopt ledger corrections`, docs/ledger.md): the awards of one policy lowered or
revoked after they were published, or raised again to put a correction recorded by mistake right, as the bureau
announces them — each with what it stood at before and after, the decision's basis and date — from the corrections
`budgetopt ledger correct` recorded in the ledger.

    >>> import tempfile, pathlib
    >>> from optimizer.ledger import init_ledger
    >>> ledger = pathlib.Path(tempfile.mkdtemp()) / "台账.sqlite"
    >>> _ = init_ledger(ledger)
    >>> correction_notice(ledger)
    Traceback (most recent call last):
    ...
    optimizer.errors.InputError: ...台账.sqlite: the ledger holds no awards of 渝经信规范〔2026〕2号 (it holds none yet)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from optimizer.domain import Problem
from optimizer.errors import InputError
from optimizer.jobs.inputs import PolicySource, policy_of, read_lang
from optimizer.jobs.ledger_reports import no_policy, read_upto, text_argument, whole_argument, xlsx_name
from optimizer.ledger import LedgerState, Tampering, check_ledger
from optimizer.ledger.corrections import CorrectionList, corrections_of
from optimizer.ledger.summary import summarise
from optimizer.money import whole_number
from optimizer.report.console import table
from optimizer.report.correction_notice import LAYOUTS, checks_xlsx, corrections_xlsx, kind_text
from optimizer.report.files import write_all
from optimizer.report.notice import LAYOUT, MOST_OBJECTION_DAYS, objection_period, read_batch
from optimizer.report.units import say
from optimizer.rules.ledger import policy_key
from optimizer.rules.policy import Policy
from optimizer.words import Phrase, brief

if TYPE_CHECKING:
    import pandas as pd

FRAME_COLUMNS = ("policy", "year", "district", "applicant", "credit_code", "project", "clause", "application_id",
                 "before", "after", "taken", "revoked", "basis", "decided_on", "seq", "corrects", "kind")


@dataclass(frozen=True)
class CorrectionNotice:
    """A policy's corrections in a ledger file (`listed`), and the policy's model (`model`: it names the policy and
    its issuers; None for another policy's imported awards)."""

    ledger: Path
    listed: CorrectionList
    model: Policy | None
    options: str = ""  # the command line's options that select these corrections (`--year 2026 --after 131`)
    # made from the first entries only (`upto`): what was changed outside budgetopt after them (the notice holds)
    changed_after: tuple[Tampering, ...] = ()

    def __repr__(self) -> str:
        listed = self.listed
        revoked = sum(line.revoked for line in listed.lines)
        count = len(listed.lines)
        return (f"<CorrectionNotice {listed.policy!r} {'/'.join(map(str, listed.years))}: {count} correction"
                f"{'' if count == 1 else 's'}, {revoked} revoked, {listed.taken:,} yuan taken off; after entry "
                f"{listed.after}, from {listed.entries} entries>")

    def xlsx(self, lang: str = "zh", objection_days: int = 5, batch: int | None = None,
             layout: int = LAYOUT) -> bytes:
        """The notice, what is published, with an objection period of `objection_days` working days (1 to 30), and
        numbered `batch` (1 to 99: （第二批） in its title) when given; in `layout` (3: as budgetopt wrote it before
        7 December 2026, its clauses by budgetopt's id, to make a notice posted then again)."""
        days, number, written = _presentation(objection_days, batch, layout)
        return corrections_xlsx(self.listed, self.model, read_lang(lang), days, number, written)

    def checks_xlsx(self, lang: str = "zh", objection_days: int = 5, batch: int | None = None,
                    layout: int = LAYOUT) -> bytes:
        """The notice's checks, not for publication: each line's entries, the entries it was made from, the command
        that makes the notice written with these arguments again, and its layout."""
        days, number, written = _presentation(objection_days, batch, layout)
        return checks_xlsx(self.listed, self.ledger.name, self.model, read_lang(lang), self.options,
                           objection_days=days, batch=number, layout=written)

    def write(self, path: Path | str, lang: str = "zh", objection_days: int = 5,
              batch: int | None = None, layout: int = LAYOUT) -> tuple[Path, Path]:
        """Write the notice (as `xlsx` makes it) to `path`, an .xlsx (InputError for another name), and its checks
        beside it (`checks_name`), both or neither; files there are replaced. The two paths written."""
        target = xlsx_name(Path(path), "corrections.not_xlsx")
        checks = checks_name(target, lang)
        write_all(target.parent, {target.name: self.xlsx(lang, objection_days, batch, layout),
                                  checks.name: self.checks_xlsx(lang, objection_days, batch, layout)})
        return target, checks

    def text(self, lang: str = "zh") -> str:
        """The corrections as a table, amounts in yuan — what the command line prints."""
        lang = read_lang(lang)
        header = [say(f"corrections.text.{name}", lang)
                  for name in ("no", "entry", "applicant", "before", "after", "taken", "kind", "basis")]
        rows = [[str(i + 1), str(line.entry.seq), line.award.award.applicant or line.award.award.credit_code,
                 f"{line.before:,}", f"{line.after:,}", f"{line.taken:,}", kind_text(line, lang),
                 line.entry.award.basis or ""]
                for i, line in enumerate(self.listed.lines)]
        rows.append([say("summary.total", lang), "", "", "", "", f"{self.listed.taken:,}", "", ""])
        return table(header, rows, right=(0, 1, 3, 4, 5))

    def to_frame(self) -> pd.DataFrame:
        """One row per correction, in the notice's order: policy, year, district, applicant, credit_code, project,
        clause, application_id, then before, after and taken (whole yuan; taken is negative where the correction
        raised the award), revoked, basis, decided_on (ISO date), the ledger's seq of the correction and of the award
        it corrects (`corrects`), and its kind: lowered, revoked, raised or restored (核减、撤销、调增、恢复)."""
        import pandas as pd

        rows = [(a.policy, a.year, a.district, a.applicant, a.credit_code, a.project, a.clause, a.application_id or "",
                 line.before, line.after, line.taken, line.revoked, c.basis or "", str(c.awarded_on or ""),
                 line.entry.seq, line.award.seq, line.kind)
                for line in self.listed.lines for a, c in ((line.award.award, line.entry.award),)]
        return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))


def checks_name(path: Path, lang: str = "zh") -> Path:
    """Where the checks of the notice at `path` are written: 更正公告.xlsx → 更正公告-核对信息.xlsx (-checks in
    English)."""
    return path.with_name(f"{path.stem}-{say('corrections.checks_file', read_lang(lang))}{path.suffix}")


def correction_notice(ledger: Path | str, *, year: int | None = None, policy: str | None = None,
                      after: int | None = None, upto: int | None = None,
                      policy_model: PolicySource = None) -> CorrectionNotice:
    """The corrections the ledger records of the awards granted under `policy` (the policy model's number when None:
    渝经信规范〔2026〕2号), of `year` only when given, recorded after entry `after` when given (the last entry an
    earlier notice covered), among the first `upto` entries when given (the entries an earlier notice was made from,
    which its checks name), else all. The ledger is read and its chain checked as every read does (LedgerError,
    LedgerTampered). A policy of which the ledger holds no award, or no correction of what was asked, is an
    InputError naming what it holds. With `upto`, what was changed outside budgetopt after those entries is not
    refused but named in `changed_after`."""
    path = Path(ledger)
    _arguments(policy, year, after, upto)  # every mistake at once, before the file is read
    notice = corrections_in(read_upto(path, upto), year=year, policy=policy, after=after, policy_model=policy_model)
    return notice if upto is None else replace(notice, changed_after=check_ledger(path))


def corrections_in(state: LedgerState, *, year: int | None = None, policy: str | None = None,
                   after: int | None = None, policy_model: PolicySource = None) -> CorrectionNotice:
    """`correction_notice` of a ledger already read (the app's ledger page has read and checked it)."""
    model = policy_of(policy_model)
    given, wanted_year, since = _arguments(policy, year, after, None)
    name = given or model.number
    listed = corrections_of(state.entries, policy=name, years=None if wanted_year is None else {wanted_year},
                            after=since or 0)
    if not listed.lines:
        raise InputError([_nothing(state, name, wanted_year, since or 0)])
    own = policy_key(model.number) == policy_key(name)
    options = [*([] if own else ["--policy", name]), *([] if wanted_year is None else ["--year", str(wanted_year)]),
               *(["--after", str(since)] if since else [])]
    return CorrectionNotice(state.path, listed, model if own else None, " ".join(map(_quoted, options)))


def _nothing(state: LedgerState, policy: str, year: int | None, after: int) -> Problem:
    """What the ledger holds where it holds no correction of what was asked: the policies, or that policy's
    corrections by year and the last of them."""
    if not summarise(state.entries, policy=policy).awards:
        return no_policy(state, policy)
    every = corrections_of(state.entries, policy=policy)
    scope = (("", "") if year is None else Phrase.of("corrections.in_year", year=year).both(),
             ("", "") if not after else Phrase.of("corrections.since", after=after).both())
    if every.lines:
        counts = {y: sum(line.award.award.year == y for line in every.lines) for y in every.years}
        years = [Phrase.of("corrections.held_year", year=y, count=n).both() for y, n in counts.items()]
        held = Phrase.of("corrections.held", years=("、".join(zh for zh, _ in years), ", ".join(en for _, en in years)),
                         last=max(line.entry.seq for line in every.lines)).both()
    else:
        held = Phrase.of("corrections.held_none").both()
    return Problem.of(state.path.name, "corrections.none", policy=every.policy,
                      scope=(scope[0][0] + scope[1][0], scope[0][1] + scope[1][1]), held=held)


def _quoted(argument: str) -> str:
    """An argument as both a POSIX shell and Windows' cmd read it: double quotes only around one that needs them."""
    if argument and not any(ch.isspace() or ch in "\"'&|<>^;$`*?()[]{}!%" for ch in argument):
        return argument
    return '"' + argument.replace('"', '\\"') + '"'


def _arguments(policy: object, year: object, after: object, upto: object) -> tuple[str | None, int | None, int | None]:
    """The policy's name, the year and the entry the notice starts after, each checked when given (and the number of
    entries); an InputError naming every one that is wrong."""
    problems: list[Problem] = []
    checked = (None if policy is None else text_argument(policy, "policy", problems),
               None if year is None else whole_argument(year, "year", 1, problems),
               None if after is None else whole_argument(after, "after", 0, problems))
    count = None if upto is None else whole_argument(upto, "upto", 0, problems)
    since = checked[2]
    if since is not None and count is not None and since >= count:  # nothing after `since` among the first `count`
        problems.append(Problem.of("after", "summary.after_upto", after=since, upto=count))
    if problems:
        raise InputError(problems)
    return checked


def _presentation(days: object, batch: object, layout: object) -> tuple[int, int | None, int]:
    """The objection period (1 to MOST_OBJECTION_DAYS working days), the batch's number (1 to MOST_BATCH, or None)
    and the layout (one of LAYOUTS); an InputError naming each that is wrong."""
    problems: list[Problem] = []
    written = whole_number(layout)
    if written not in LAYOUTS:
        problems.append(Problem.of("layout", "corrections.bad_layout", layouts=("、".join(map(str, sorted(LAYOUTS))),
                                                                              ", ".join(map(str, sorted(LAYOUTS)))),
                                   shown=brief(repr(layout))))
    period = objection_period(days)
    if period is None:
        problems.append(Problem.of("objection_days", "corrections.bad_days", most=MOST_OBJECTION_DAYS,
                                   shown=brief(repr(days))))
    number = None
    try:
        number = read_batch(batch)
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    assert period is not None and written is not None
    return period, number, written
