"""The command line `budgetopt`: a thin face on the library (docs/development.md).

common.py holds the options every command shares and the one place where exceptions become sentences and exit
codes; commands.py the commands of a year's allocation; ledger.py the award ledger and publication (公示).
"""

from optimizer.cli.commands import GC_THRESHOLDS, cli, main
from optimizer.cli.common import cli_text

__all__ = ["GC_THRESHOLDS", "cli", "cli_text", "main"]
