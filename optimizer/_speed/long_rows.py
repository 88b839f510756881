"""Long rows of a sparse matrix split into blocks, each block's sum an auxiliary column.

A row Σ a_j x_j within [L, U] of n entries becomes ⌈n / block⌉ equations s_b = Σ_{j in block b} a_j x_j and the row
Σ_b s_b within [L, U]: the same feasible x, each block's equation `block` + 1 entries long, the row ⌈n / block⌉.

Why (HiGHS 1.16, December 2026): a year's budget, envelope and district rows hold every award, and HiGHS's path
separator aggregates along them. Each cut round transformed rows of 100,000 entries thousands of times: at a
million applications ten rounds of 41 s each, and its presolve took 90 s over the same rows; split into blocks of
1,000 the whole solve took 56 s instead of 540 s, the same optimum (docs/performance.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SplitRows:
    """The matrix with its long rows split (columns, then the auxiliary ones after them; CSC), and the bounds of the
    auxiliary columns (the least and most their block can sum to) and of the rows added (each an equation = 0)."""

    starts: np.ndarray
    indices: np.ndarray
    values: np.ndarray
    aux_lower: np.ndarray
    aux_upper: np.ndarray
    rows_added: int


def split_long_rows(starts: np.ndarray, indices: np.ndarray, values: np.ndarray, lower: np.ndarray,
                    upper: np.ndarray, rows: int, longest: int, block: int) -> SplitRows | None:
    """The CSC matrix (`starts`, `indices`, `values`; `rows` rows) with every row of more than `longest` entries
    split into blocks of `block` consecutive columns; None when no row is that long. `lower` and `upper` bound each
    column (a column that may be 0 has a lower bound of at most 0)."""
    counts = np.bincount(indices, minlength=rows)
    long = counts > longest
    if not long.any():
        return None
    columns = np.repeat(np.arange(len(starts) - 1), np.diff(starts))
    at = np.flatnonzero(long[indices])
    at = at[np.argsort(indices[at], kind="stable")]  # the long rows' entries, row by row, columns in order
    row_of = indices[at]
    begins = np.flatnonzero(np.r_[True, row_of[1:] != row_of[:-1]])
    position = np.arange(len(at)) - np.repeat(begins, np.diff(np.r_[begins, len(at)]))
    opens = position % block == 0  # an entry that begins a block
    block_of = np.cumsum(opens) - 1  # numbered through all long rows
    blocks = int(block_of[-1]) + 1
    new_indices = indices.astype(np.int64)
    new_indices[at] = rows + block_of  # an entry of a long row moves to its block's equation
    a, j = values[at], columns[at]
    least = np.where(a > 0, a * lower[j], a * upper[j])
    most = np.where(a > 0, a * upper[j], a * lower[j])
    parent = row_of[opens]  # each block's long row
    aux_indices = np.column_stack([rows + np.arange(blocks), parent]).ravel()  # per auxiliary column: −1 in its
    aux_values = np.tile([-1.0, 1.0], blocks)                                  # equation, +1 in its row
    n = len(indices)
    return SplitRows(
        starts=np.r_[starts, n + 2 * np.arange(1, blocks + 1)].astype(starts.dtype),
        indices=np.r_[new_indices, aux_indices].astype(indices.dtype),
        values=np.r_[values, aux_values],
        aux_lower=np.bincount(block_of, least, blocks), aux_upper=np.bincount(block_of, most, blocks),
        rows_added=blocks)
