"""budgetopt: allocate an annual subsidy budget under 渝经信规范〔2026〕2号, proven optimal and reproducible."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("budgetopt")
except PackageNotFoundError:  # pragma: no cover - running from a checkout that was never installed
    __version__ = "0.0.0+unknown"
