"""`python -m optimizer` and the `budgetopt` command: the command line, with Ctrl-C a sentence and exit 130 from
its first moment (while the command line itself is still being imported, too)."""

import sys


def run() -> None:
    try:
        from optimizer.cli import main

        main()
    except KeyboardInterrupt:  # before the command line's own handling of Ctrl-C could start
        from optimizer.words import Phrase

        sys.stderr.write(Phrase.of("cli.interrupted").text() + "\n")
        sys.exit(130)


if __name__ == "__main__":
    run()
