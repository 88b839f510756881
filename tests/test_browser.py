"""Every report opens in headless Chromium with no console error and no request to the network.

Chromium is Debian's package; `.ci/run` installs it when it is missing. Screenshots go to each test's folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import CHROMIUM, render
from click.testing import CliRunner
from helpers import ROOT

from optimizer.cli import cli

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")

SAMPLE = ROOT / "data" / "sample_applications.xlsx"


def run(*args: object) -> None:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    run("allocate", SAMPLE, "--scenario", ROOT / "data" / "scenario_2026.toml", "--out", out / "base")
    run("allocate", SAMPLE, "--scenario", ROOT / "data" / "scenario_2026_ai_push.toml", "--out", out / "ai",
        "--lang", "en")
    run("sweep", SAMPLE, "--scenario", ROOT / "data" / "scenario_2026.toml", "--levels", "8000万,1.4亿,2亿",
        "--out", out / "sweep", "--workers", "1")
    run("compare", out / "base", out / "ai", "--out", out / "compare")
    return out


@pytest.mark.parametrize("page", ["base/report.html", "ai/report.html", "sweep/sweep.html", "compare/compare.html"])
def test_each_report_renders_cleanly(reports: Path, tmp_path: Path, page: str) -> None:
    rendering = render(reports / page, tmp_path)
    assert rendering.console == []
    assert rendering.requests == []
    assert rendering.screenshot is not None and rendering.screenshot.stat().st_size > 10_000


def test_the_check_itself_catches_errors_and_requests(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><img src="http://example.invalid/x.png"><script>console.error("boom");'
                    "missing();</script>", encoding="utf-8")
    rendering = render(page, tmp_path)
    assert rendering.requests == ["http://example.invalid/x.png"]
    assert any("boom" in line for line in rendering.console)
    assert any("missing is not defined" in line for line in rendering.console)
