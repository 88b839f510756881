"""Which application goes first when the rules alone do not decide: the two rankings budgetopt breaks ties by.

Both depend on the inputs only — never on the row order of the workbook or on the solver — so that the same
applications give the same result, byte for byte.

- **Allocation ties** (docs/how-it-decides.md, Ties): among applications worth the same per yuan (weight × score),
  the higher score first, then the earlier submission, then the smaller application_id. The tie-break after the
  optimum (solving/tie_break.py) sends money within a class of equal value to the better-ranked by this key.
- **就高、不重复** (同一申报主体同一内容的事项……按照"就高、不重复"的原则予以支持): of one applicant's applications
  for the same content, the one with the highest entitlement is kept; ties as above.

    >>> from datetime import date
    >>> from decimal import Decimal
    >>> early, late = date(2026, 3, 1), date(2026, 4, 1)
    >>> applications = [("B", Decimal(80), late), ("A", Decimal(80), early), ("C", Decimal(90), late)]
    >>> [a[0] for a in sorted(applications, key=lambda a: rank_key(a[1], a[2], a[0]))]
    ['C', 'A', 'B']
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from optimizer.domain import Entitlement

RankKey = tuple[Decimal, date, str]


def rank_key(score: Decimal, submitted_on: date, application_id: str) -> RankKey:
    """Sorts the preferred first: the higher score, then the earlier submission, then the smaller application_id
    (ids compare as text)."""
    return (-score, submitted_on, application_id)


def tie_key(ent: Entitlement) -> RankKey:
    """An application's place on allocation ties (see rank_key)."""
    app = ent.application
    return rank_key(app.score, app.submitted_on, app.application_id)


def kept_first(ent: Entitlement) -> tuple[int, RankKey]:
    """就高、不重复: the higher entitlement first; then as on allocation ties."""
    return (-ent.amount, tie_key(ent))
