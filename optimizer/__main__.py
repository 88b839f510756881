"""`python -m optimizer` is the same as the `budgetopt` command."""

from optimizer.cli import main

main()
