"""What the award ledger means for this year's applications (docs/ledger.md): plain values in, plain values out.

The policy pays one applicant's same content once, at the higher standard, also across years and other municipal
policies (同一申报主体同一内容的事项与市级同类政策有重叠的，按照"就高、不重复"的原则予以支持). The ledger records what
was granted; here it becomes

- prior support: for an application with a content key, the sum of the ledger's awards with the same credit code
  and content key (under any policy, in any year) — which `entitle` compares with the workbook's `prior_support`
  cell, the larger counting;
- earlier awards: what each applicant was granted under this policy before this run, which the period cap
  (`[applicants] max_period_total`) counts.

    >>> from optimizer.domain import LedgerAward
    >>> prior = PriorAwards((LedgerAward("渝经信规范〔2026〕2号", 2026, "91500000MA5U000001", "一号工厂", 500_000),
    ...                      LedgerAward("渝府发〔2025〕9号", 2025, "91500000MA5U000001", "一号工厂", 200_000)))
    >>> sum(a.amount for a in prior.for_content("91500000MA5U000001", "一号工厂"))
    700000
    >>> prior.earlier("渝经信规范〔2026〕2号")
    {'91500000MA5U000001': 500000}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from optimizer.domain import Application, LedgerAward


@dataclass(frozen=True)
class PriorAwards:
    """The ledger's awards, looked up by content and by applicant."""

    awards: tuple[LedgerAward, ...] = ()
    _by_content: Mapping[tuple[str, str], tuple[LedgerAward, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[tuple[str, str], list[LedgerAward]] = {}
        for award in self.awards:
            if award.content_key:
                index.setdefault((award.credit_code, award.content_key), []).append(award)
        object.__setattr__(self, "_by_content", {key: tuple(found) for key, found in index.items()})

    def for_content(self, credit_code: str, content_key: str | None) -> tuple[LedgerAward, ...]:
        """The awards of this applicant's content, in the ledger's order; none without a content key."""
        return self._by_content.get((credit_code, content_key), ()) if content_key else ()

    def earlier(self, policy_number: str) -> dict[str, int]:
        """What each credit code was granted under this policy, by all the ledger's awards of it."""
        totals: dict[str, int] = {}
        for award in self.awards:
            if award.policy == policy_number:
                totals[award.credit_code] = totals.get(award.credit_code, 0) + award.amount
        return totals

    def touched(self, applications: Iterable[Application]) -> int:
        """How many applications the ledger has awards for (same credit code and content key)."""
        return sum(1 for app in applications if self.for_content(app.credit_code, app.content_key))


    def published_here(self, applications: Iterable[Application], policy_number: str) -> list[LedgerAward]:
        """The awards a published run of this policy recorded for these very applications (the same application
        id, credit code and clause): the same year allocated again after it was published, which counts their own
        awards as support already granted."""
        own = {(a.application_id, a.credit_code, a.clause): a for a in self.awards
               if a.policy == policy_number and a.application_id}
        return [own[key] for app in applications
                if (key := (app.application_id, app.credit_code, app.clause)) in own]


    def same_projects(self, applications: Iterable[Application], policy_number: str,
                      year: int) -> list[tuple[Application, LedgerAward]]:
        """Applications whose applicant, clause and project name an award of this policy in `year` already has under
        another application id: a workbook published already, re-exported with new numbers? (A second round's own
        projects are named otherwise.)"""
        held = {(a.credit_code, a.clause, a.project): a for a in self.awards
                if a.policy == policy_number and a.year == year and a.application_id and a.project}
        return [(app, held[key]) for app in applications
                if (key := (app.credit_code, app.clause, app.project)) in held
                and held[key].application_id != app.application_id]


NO_PRIOR_AWARDS = PriorAwards()
