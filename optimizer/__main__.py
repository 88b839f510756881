"""`python -m optimizer` and the `budgetopt` command: the command line, with Ctrl-C a sentence and exit 130 from
its first moment (while the command line itself is still being imported, too)."""

import os
import sys


def run() -> None:
    try:
        from optimizer.cli import main

        main()
    except KeyboardInterrupt:  # before the command line's own handling of Ctrl-C could start
        from optimizer.words import Phrase

        sys.stderr.write(Phrase.of("cli.interrupted").text() + "\n")
        sys.stderr.flush()
        # Not sys.exit: interrupted this early, CPython ended the process by SIGINT after this line (exit -2)
        # whatever exit code was asked for, in 2 of 5 runs interrupted 0.15–0.2 s in — its "unhandled
        # KeyboardInterrupt" flag, most likely set while an extension module ran Python code during its import.
        # Nothing is open yet to be flushed.
        os._exit(130)


if __name__ == "__main__":
    run()
