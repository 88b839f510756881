"""For every test and doctest (tests/, optimizer/, docs/): the library speaks English unless a test asks for
Chinese — most tests were written against the English messages. The command line keeps its own default, Chinese
(unless BUDGETOPT_LANG or --lang says otherwise), as users meet it; tests/test_lang.py checks both."""

from collections.abc import Iterator

import pytest

from optimizer.words import use_lang


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_lang("en"):
        yield
