"""budgetopt: allocate an annual subsidy budget under 渝经信规范〔2026〕2号, proven optimal and reproducible."""

__version__ = "0.1.0"  # the package's version (pyproject.toml reads it from here)
