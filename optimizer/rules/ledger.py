"""What the award ledger means for this year's applications (docs/ledger.md): plain values in, plain values out.

The policy pays one applicant's same content once, at the higher standard, also across years and other municipal
policies (同一申报主体同一内容的事项与市级同类政策有重叠的，按照"就高、不重复"的原则予以支持). The ledger records what
was granted; here it becomes

- prior support: for an application with a content key, the ledger's awards with the same credit code and content
  key (under any policy, in any year) — `entitle` adds those of this policy to the larger of the workbook's
  `prior_support` cell (support from other policies, which may be the ledger's own) and those of other policies;
- earlier awards: what each applicant was granted under this policy before this run, which the period cap
  (`[applicants] max_period_total`) counts;
- the year so far: what this policy granted in the scenario's year before this run — an earlier round (批次) of the
  same year — which every limit of the year counts: the budget, each envelope, district share, applicant and group
  cap.

    >>> from optimizer.domain import LedgerAward
    >>> prior = PriorAwards((LedgerAward("渝经信规范〔2026〕2号", 2026, "91500000MA5U000001", "一号工厂", 500_000),
    ...                      LedgerAward("渝府发〔2025〕9号", 2025, "91500000MA5U000001", "一号工厂", 200_000)))
    >>> sum(a.amount for a in prior.for_content("91500000MA5U000001", "一号工厂"))
    700000
    >>> prior.earlier("渝经信规范〔2026〕2号")
    {'91500000MA5U000001': 500000}
    >>> prior.year_so_far("渝经信规范（2026）2号", 2026).total
    500000
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from optimizer.domain import Application, LedgerAward

_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "[": "(", "]": ")", "【": "(", "】": ")", "〖": "(", "〗": ")",
                           "［": "(", "］": ")"})


def policy_key(name: str) -> str:
    """A policy's name as the ledger compares it: its document number however its brackets were typed — 〔2026〕,
    (2026), （2026）, [2026] — without spaces, NFKC.

    >>> policy_key("渝经信规范(2026) 2号") == policy_key("渝经信规范〔2026〕2号")
    True
    """
    return "".join(unicodedata.normalize("NFKC", name).translate(_BRACKETS).split())


def granted_to(award: LedgerAward, policy: str) -> tuple[str, str, str] | None:
    """The application a published award of `policy` (its number as `policy_key` gives it) was granted to — its
    application id, credit code and clause, as the run's row names them — or None: an award imported, a correction,
    another policy's. How a run's own awards are known in the ledger.

    >>> granted_to(LedgerAward("渝经信规范〔2026〕2号", 2026, "C", "k", 1, application_id="2026-0001", clause="5"),
    ...            policy_key("渝经信规范〔2026〕2号"))
    ('2026-0001', 'C', '5')
    """
    if not award.application_id or award.is_correction or policy_key(award.policy) != policy:
        return None
    return award.application_id, award.credit_code, award.clause


def content_id(key: str | None) -> str:
    """A content key (事项标识) as compared: NFKC (a full-width － is -), without spaces, letters in either case.

    >>> content_id(" 缙云医药－一号工厂 ") == content_id("缙云医药-一号工厂")
    True
    """
    return "".join(unicodedata.normalize("NFKC", key or "").split()).casefold()


@dataclass(frozen=True)
class YearSoFar:
    """What the ledger records as granted under this policy in one year, as awards stand after their corrections: the
    year's earlier rounds (批次), which a later round's limits count — the budget by `total`, each envelope by its
    clauses, each district's share, each applicant's and each group's cap. An award imported under this policy's own
    number without a clause, district or group counts towards the budget only."""

    year: int | None = None
    total: int = 0
    awards: int = 0  # how many awards make the total
    by_clause: Mapping[str, int] = field(default_factory=dict)
    by_district: Mapping[str, int] = field(default_factory=dict)
    by_applicant: Mapping[str, int] = field(default_factory=dict)  # by credit code
    by_code_group: Mapping[tuple[str, str], int] = field(default_factory=dict)  # by credit code and group ("": none)

    def clauses(self, clauses: Iterable[str]) -> int:
        """What the year granted under these clauses (an envelope's)."""
        return sum(self.by_clause.get(clause, 0) for clause in set(clauses))

    def groups(self, members: Mapping[str, Iterable[str]]) -> dict[str, int]:
        """What the year granted each group of linked enterprises — `members`: a group's name and its members' credit
        codes now — by the awards recorded under its name, and its members' recorded under none or another (an
        enterprise that joined it since)."""
        found = {}
        for group, codes in members.items():
            now = set(codes)
            found[group] = sum(amount for (code, recorded), amount in self.by_code_group.items()
                               if recorded == group or code in now)
        return found


NOTHING_SO_FAR = YearSoFar()


def left_after(limit: int, earlier: int) -> int:
    """What a limit leaves this run after the awards before it (the year's earlier rounds, or the period's earlier
    years) used `earlier` of it: never below 0 — paying nothing more under a limit they reached is compliant."""
    return max(0, limit - earlier)


@dataclass(frozen=True)
class PriorAwards:
    """The ledger's awards, looked up by content and by applicant; `first`, per award, what it was first granted at
    where a correction (核减) has lowered it since (empty: each award's own amount)."""

    awards: tuple[LedgerAward, ...] = ()
    first: tuple[int, ...] = ()
    _by_content: Mapping[tuple[str, str], tuple[int, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.first and len(self.first) != len(self.awards):
            raise ValueError("PriorAwards.first gives one amount per award")
        index: dict[tuple[str, str], list[int]] = {}
        for i, award in enumerate(self.awards):
            if content := content_id(award.content_key):
                index.setdefault((award.credit_code, content), []).append(i)
        object.__setattr__(self, "_by_content", {key: tuple(found) for key, found in index.items()})

    def for_content(self, credit_code: str, content_key: str | None) -> tuple[LedgerAward, ...]:
        """The awards of this applicant's content (its key compared as `content_id` does), in the ledger's order;
        none without a content key."""
        return tuple(award for award, _ in self.counted(credit_code, content_key))

    def counted(self, credit_code: str, content_key: str | None) -> tuple[tuple[LedgerAward, int], ...]:
        """`for_content`, each award with what it was first granted at."""
        key = content_id(content_key)
        found = self._by_content.get((credit_code, key), ()) if key else ()
        return tuple((self.awards[i], self.first[i] if self.first else self.awards[i].amount) for i in found)

    def earlier(self, policy_number: str) -> dict[str, int]:
        """What each credit code was granted under this policy (its name compared as `policy_key` does), by all the
        ledger's awards of it."""
        totals: dict[str, int] = {}
        this = policy_key(policy_number)
        for award in self.awards:
            if policy_key(award.policy) == this:
                totals[award.credit_code] = totals.get(award.credit_code, 0) + award.amount
        return totals

    def year_so_far(self, policy_number: str, year: int | None) -> YearSoFar:
        """What this policy granted in `year` (nothing without a year: a scenario of no year has no earlier round)."""
        if year is None:
            return NOTHING_SO_FAR
        this = policy_key(policy_number)
        found = [a for a in self.awards if a.year == year and policy_key(a.policy) == this and a.amount > 0]
        if not found:
            return YearSoFar(year)

        def by(key: Callable[[LedgerAward], Any]) -> dict[Any, int]:
            sums: dict[Any, int] = {}
            for award in found:
                if name := key(award):
                    sums[name] = sums.get(name, 0) + award.amount
            return dict(sorted(sums.items()))

        return YearSoFar(year, sum(a.amount for a in found), len(found), by(lambda a: a.clause),
                         by(lambda a: a.district), by(lambda a: a.credit_code),
                         by(lambda a: (a.credit_code, a.group or "")))

    def touched(self, applications: Iterable[Application]) -> int:
        """How many applications the ledger has awards for (same credit code and content key)."""
        return sum(1 for app in applications if self.for_content(app.credit_code, app.content_key))


    def published_here(self, applications: Iterable[Application], policy_number: str) -> list[LedgerAward]:
        """The awards a published run of this policy recorded for these very applications (the same application
        id, credit code and clause): the same year allocated again after it was published, which counts their own
        awards as support already granted."""
        this = policy_key(policy_number)
        own = {to: a for a in self.awards if (to := granted_to(a, this)) is not None}
        return [own[key] for app in applications
                if (key := (app.application_id, app.credit_code, app.clause)) in own]


    def same_projects(self, applications: Iterable[Application], policy_number: str,
                      year: int) -> list[tuple[Application, LedgerAward]]:
        """Applications whose applicant, clause and project name an award of this policy in `year` already has under
        another application id: a workbook published already, re-exported with new numbers? (A second round's own
        projects are named otherwise.)"""
        this = policy_key(policy_number)
        held = {(a.credit_code, a.clause, a.project): a for a in self.awards
                if policy_key(a.policy) == this and a.year == year and a.application_id and a.project}
        return [(app, held[key]) for app in applications
                if (key := (app.credit_code, app.clause, app.project)) in held
                and held[key].application_id != app.application_id]

    def unmatched_projects(self, applications: Iterable[Application], policy_number: str,
                           year: int) -> list[tuple[Application, LedgerAward]]:
        """Applications whose applicant, clause and project name an award of this policy in an earlier year has,
        under another content key or none — so that award is not deducted as the same content: the same project
        funded again, unless it really is another content."""
        this = policy_key(policy_number)
        held: dict[tuple[str, str, str], LedgerAward] = {}
        for a in self.awards:
            if policy_key(a.policy) == this and a.year < year and a.project:
                held.setdefault((a.credit_code, a.clause, a.project), a)
        return [(app, award) for app in applications
                if (award := held.get((app.credit_code, app.clause, app.project))) is not None
                and not (content_id(app.content_key) and content_id(app.content_key) == content_id(award.content_key))]


NO_PRIOR_AWARDS = PriorAwards()
