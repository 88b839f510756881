"""For every test and doctest (tests/, optimizer/, docs/): the tests speak English unless they ask for Chinese
(--lang zh, lang="zh", or without BUDGETOPT_LANG: Chinese is the default, which tests/test_lang.py checks)."""

import os

os.environ["BUDGETOPT_LANG"] = "en"
