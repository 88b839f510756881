"""The corrections the ledger records (核减、撤销; 调增、恢复 where one puts an earlier correction right), one by one,
as a correction notice (更正公告) lists them (`budgetopt ledger corrections`, docs/ledger.md): each with the award it
corrects, what that award stood at before it and after it. A correction notice names the entries it was made from,
and those after which it starts (`after`: the last entry an earlier notice covered), so that it can be made again
from them later.

    >>> from optimizer.domain import LedgerAward
    >>> from optimizer.ledger.chain import entries_for
    >>> granted = LedgerAward("渝经信规范〔2026〕2号", 2026, "91500000000000001X", "k", 500_000, clause="5")
    >>> lowered = LedgerAward("渝经信规范〔2026〕2号", 2026, "91500000000000001X", "k", -200_000, clause="5",
    ...                       corrects=1, basis="异议成立")
    >>> revoked = LedgerAward("渝经信规范〔2026〕2号", 2026, "91500000000000001X", "k", -300_000, clause="5",
    ...                       corrects=1, basis="核查不实")
    >>> restored = LedgerAward("渝经信规范〔2026〕2号", 2026, "91500000000000001X", "k", 500_000, clause="5",
    ...                        corrects=1, basis="撤销有误，恢复")
    >>> kept = entries_for([granted, lowered, revoked, restored], after=0, head="0" * 64,
    ...                    recorded_at="2026-12-01T00:00:00+00:00")
    >>> listed = corrections_of(kept, policy="渝经信规范(2026)2号")
    >>> listed.policy, listed.years
    ('渝经信规范〔2026〕2号', (2026,))
    >>> [(c.entry.seq, c.before, c.after, c.kind) for c in listed.lines]
    [(2, 500000, 300000, 'lowered'), (3, 300000, 0, 'revoked'), (4, 0, 500000, 'restored')]
    >>> [c.entry.seq for c in corrections_of(kept, policy="渝经信规范〔2026〕2号", after=2).lines], listed.taken
    ([3, 4], 0)
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from optimizer.ledger.chain import GENESIS, Entry
from optimizer.ledger.store import folded
from optimizer.ledger.summary import policies
from optimizer.rules.ledger import policy_key

KINDS = ("lowered", "revoked", "raised", "restored")  # what a correction does: 核减、撤销、调增、恢复


def kind_of(before: int, after: int, first: int) -> str:
    """What a correction from `before` to `after` does to an award first granted at `first` (one of KINDS): lowers
    it, revokes it (nothing is left), raises it again — to put right a correction recorded by mistake — or restores
    it (raises it back to `first`).

    >>> [kind_of(500, 300, 500), kind_of(300, 0, 500), kind_of(0, 300, 500), kind_of(300, 500, 500)]
    ['lowered', 'revoked', 'raised', 'restored']
    """
    if after < before:
        return "revoked" if after <= 0 else "lowered"
    return "restored" if after >= first else "raised"


@dataclass(frozen=True)
class CorrectionLine:
    """One correction: its own entry (its basis, its decision's date as `awarded_on`, the change as its amount:
    negative where it lowers the award), the award it corrects as recorded, and what that award stood at before and
    after it."""

    entry: Entry
    award: Entry
    before: int
    after: int

    @property
    def taken(self) -> int:
        """What it took off the award (negative for a correction that raises it again)."""
        return self.before - self.after

    @property
    def revoked(self) -> bool:
        """Nothing of the award stands after it (撤销)."""
        return self.after <= 0

    @property
    def kind(self) -> str:
        """lowered (核减), revoked (撤销), raised (调增) or restored (恢复): `kind_of`."""
        return kind_of(self.before, self.after, self.award.award.amount)


@dataclass(frozen=True)
class CorrectionList:
    """One policy's corrections among the first `entries` entries of a ledger (the last ending in `head`), those
    recorded after entry `after` only."""

    policy: str  # the policy's number as the ledger first recorded it
    years: tuple[int, ...]  # the years of the awards corrected, in order
    after: int
    entries: int
    head: str
    lines: tuple[CorrectionLine, ...]  # by year, then in the order recorded

    @property
    def taken(self) -> int:
        """What the corrections listed took off, in all (each line's `before` − `after`, summed)."""
        return sum(line.taken for line in self.lines)


def corrections_of(entries: Sequence[Entry], *, policy: str, years: Collection[int] | None = None,
                   after: int = 0) -> CorrectionList:
    """The corrections among `entries` recorded after entry `after`, of the awards granted under `policy` (its
    number however its brackets were typed) in `years` (every year when None): by year, then in the order recorded.
    What an award stood at before a correction counts every correction recorded before it, listed or not."""
    wanted = policy_key(policy)
    found = [CorrectionLine(correction, entry, amounts[i], amounts[i + 1])
             for entry, amounts, corrections in folded(entries)
             if policy_key(entry.award.policy) == wanted and (years is None or entry.award.year in years)
             for i, correction in enumerate(corrections) if correction.seq > after]
    lines = tuple(sorted(found, key=lambda c: (c.award.award.year, c.entry.seq)))
    return CorrectionList(
        policy=next((name for name in policies(entries) if policy_key(name) == wanted), policy),
        years=tuple(sorted({line.award.award.year for line in lines})), after=after, entries=len(entries),
        head=entries[-1].hash if entries else GENESIS, lines=lines)
