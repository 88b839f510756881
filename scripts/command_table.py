"""The README's table of commands, made from the command line itself, so that it cannot drift from `--help`.

One row per command (a group's commands each on their own row), in the order the command line declares them: its
usage line and its one-line help; `budgetopt COMMAND --help` lists the options. tests/test_readme.py makes the table
again and fails when the README's differs.

    python scripts/command_table.py           # print the table
    python scripts/command_table.py --write   # put it into README.md, between the markers
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN = "<!-- commands: begin"  # the rest of that line says how to make the table again
END = "<!-- commands: end -->"
HELP_LENGTH = 200  # characters of the one-line help; every command's first sentence fits


def _cell(text: str) -> str:
    """Text for a Markdown table cell: a `|` would end the cell."""
    return text.replace("|", "\\|")


def command_rows(group: click.Group, prog: str = "budgetopt",
                 parent: click.Context | None = None) -> list[tuple[str, str]]:
    """(usage, help) for each command of `group` and of its groups, as `--help` shows them."""
    root = click.Context(group, info_name=prog, parent=parent)
    rows: list[tuple[str, str]] = []
    for name, command in group.commands.items():
        if command.hidden:
            continue
        if isinstance(command, click.Group):
            rows += command_rows(command, name, root)
            continue
        ctx = click.Context(command, info_name=name, parent=root)
        usage = " ".join([ctx.command_path, *command.collect_usage_pieces(ctx)])
        rows.append((usage, command.get_short_help_str(HELP_LENGTH)))
    return rows


def command_table(group: click.Group | None = None) -> str:
    """The Markdown table of the commands (of budgetopt, unless another group is given)."""
    sys.path.insert(0, str(ROOT))  # run as a script from a checkout: the package beside it
    from optimizer.words import use_lang

    if group is None:
        from optimizer.cli import cli

        group = cli
    with use_lang("en"):  # the README is English; `--help` is Chinese unless asked otherwise
        rows = command_rows(group)
    lines = ["| usage | does |", "|---|---|"]
    lines += [f"| `{_cell(usage)}` | {_cell(text)} |" for usage, text in rows]
    return "\n".join(lines) + "\n"


def table_in(readme: str) -> str:
    """The table as it stands in the README's text, between the markers."""
    start, end = readme.index(BEGIN), readme.index(END)
    return readme[readme.index("\n", start) + 1:end]


def with_table(readme: str, table: str) -> str:
    """The README's text with `table` between the markers."""
    start, end = readme.index(BEGIN), readme.index(END)
    return readme[:readme.index("\n", start) + 1] + table + readme[end:]


def main(argv: list[str]) -> int:
    table = command_table()
    if argv == ["--write"]:
        README.write_text(with_table(README.read_text(encoding="utf-8"), table), encoding="utf-8")
        print(f"wrote the table of commands into {README}")
    elif not argv:
        print(table, end="")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
