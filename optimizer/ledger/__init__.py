"""The award ledger's store: the awards actually granted, in an append-only, hash-chained SQLite file, so that
就高、不重复 holds across years and policies.

- store.py: the API below — open, read, append, check;
- chain.py: how an entry is hashed (the recipe an auditor follows) and what `check` finds;
- schema.py: the file — how it is recognised, its tables, migrations, and how a hostile file is opened.
"""

from optimizer.ledger.chain import GENESIS, Entry, LedgerTampered, Tampering
from optimizer.ledger.schema import LedgerError
from optimizer.ledger.store import (
    LedgerState,
    append_awards,
    append_correction,
    check_ledger,
    entries_recording,
    folded,
    history,
    init_ledger,
    ledger_sha,
    preview_correction,
    read_ledger,
    rows_of_run,
    standing,
)

__all__ = [
    "GENESIS", "Entry", "LedgerError", "LedgerState", "LedgerTampered", "Tampering", "append_awards",
    "append_correction", "check_ledger", "entries_recording", "folded", "history", "init_ledger", "ledger_sha",
    "preview_correction", "read_ledger", "rows_of_run", "standing",
]
