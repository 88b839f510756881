"""`budgetopt serve`: the browser app (docs/web.md) on this computer."""

from __future__ import annotations

from pathlib import Path

import click

from optimizer.cli.helptext import Command
from optimizer.cli.usage import FilePath, FolderPath, Whole
from optimizer.web.app import DEFAULT_DATA, DEFAULT_PORT, serve


@click.command("serve", cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; only this computer by default (another needs --token).")
@click.option("--port", type=Whole(min=1, max=65535), default=DEFAULT_PORT, show_default=True,
              help="Port to listen on.")
@click.option("--data", "data_dir", type=FolderPath(), default=DEFAULT_DATA,
              show_default=True, help="Folder of the app's uploads, runs and registry; nothing outside it is served.")
@click.option("--token", envvar="BUDGETOPT_TOKEN", metavar="TOKEN",
              help="The access token (or BUDGETOPT_TOKEN); default: a new random one at each start.")
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
@click.option("--ledger", "ledger_path", type=FilePath(), metavar="LEDGER",
              help="The award ledger every run counts (docs/ledger.md); default: ledger.sqlite in the data folder, "
                   "when it is there.")
def serve_command(host: str, port: int, data_dir: Path, token: str | None, no_browser: bool,
                  ledger_path: Path | None) -> None:
    """Open budgetopt in the browser: upload, set the scenario, run, compare, download, publish.

    Prints the address to open (with its token) as the first line; Ctrl-C stops the server. Every run counts the
    award ledger, as allocate --ledger does: --ledger, else the data folder's ledger.sqlite if there is one.

    \b
    Example:
      budgetopt serve
      budgetopt serve --data D:/预算分配 --port 9000 --no-browser
      budgetopt serve --ledger 台账.sqlite
    """
    serve(host, port, data_dir, token, open_browser=not no_browser, ledger=ledger_path)
