"""What the pages and the API share: the registry, the token, the workers, the limits, the words."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from optimizer.reading.guard import FileLimits
from optimizer.rules.policy import Policy
from optimizer.web.forms import Preset
from optimizer.web.ledgers import LedgerChoice
from optimizer.web.registry import Registry
from optimizer.web.runner import Runner
from optimizer.web.security import Access
from optimizer.web.tasks import Inspection
from optimizer.web.views import Views

REMEMBERED = 64  # uploads whose reading is kept, so that the new-run page need not read them again


@dataclass
class Web:
    """The app's state: made by create_app, its workers started and stopped by the app's lifespan."""

    registry: Registry
    access: Access
    views: Views
    limits: FileLimits
    policy: Policy
    presets: dict[str, Preset]
    workers: int
    ledger: LedgerChoice  # the award ledger runs count: --ledger, else the data folder's ledger.sqlite if there
    runner: Runner | None = None
    inspections: dict[str, Inspection] = field(default_factory=dict)  # an upload's reading, by input name
    # publishing, importing, correcting: one at a time
    ledger_writes: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def running(self) -> Runner:
        assert self.runner is not None, "the app's lifespan starts the workers"
        return self.runner

    def remember(self, name: str, inspection: Inspection) -> None:
        if len(self.inspections) >= REMEMBERED:
            self.inspections.pop(next(iter(self.inspections)))
        self.inspections[name] = inspection
