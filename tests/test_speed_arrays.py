"""optimizer/_speed/arrays.py gives np.unique's arrays, and a solve no longer imports numpy.ma for it."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from optimizer._speed.arrays import distinct, distinct_values

int_arrays = arrays(np.int64, st.integers(0, 60), elements=st.integers(-5, 5))
float_arrays = arrays(np.float64, st.integers(0, 60), elements=st.sampled_from([-1.5, 0.0, 0.25, 2.0, 1e9]))


@given(st.one_of(int_arrays, float_arrays))
def test_distinct_is_numpys_unique(values: np.ndarray) -> None:
    expected = np.unique(values, return_index=True, return_inverse=True)
    got = distinct(values)
    for mine, numpys in zip(got, expected, strict=True):
        assert mine.tolist() == numpys.reshape(-1).tolist()
    assert distinct_values(values).tolist() == np.unique(values).tolist()


def test_distinct_of_nothing() -> None:
    uniques, first, inverse = distinct(np.array([], dtype=np.int64))
    assert (uniques.size, first.size, inverse.size) == (0, 0, 0)


def test_an_allocation_does_not_import_numpy_ma() -> None:
    """The first np.unique of a process imports numpy.ma (7–11 ms): a solve that goes through merging, the tie-break
    and the exact re-check of long rows uses none."""
    code = ("import sys; from optimizer import allocate; "
            "r = allocate('data/sample_applications.xlsx', 'data/scenario_2026.toml'); "
            "print('numpy.ma' in sys.modules, len(r.awards))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert shown[0] == "False" and int(shown[1]) > 0
