"""The screenshots of the browser app in docs/web.md, made again: `budgetopt serve` started on a fresh data folder,
Debian's Chromium driven by Playwright through an officer's day — the same setup as tests/test_web_e2e.py.

    python scripts/web_screenshots.py              # docs/images/web-start.png, web-form.png, web-run.png,
                                                   #   web-compare.png, web-stability.png, web-publish.png,
                                                   #   web-ledger.png
    python scripts/web_screenshots.py --out DIR    # somewhere else

Each is one screen (1280 × 860), in Chinese, of the sample workbook: the runs (the start page, with two runs), the
scenario form filled in from a preset after the upload, the finished run, the two runs compared, and a stability
run of the first (200 draws, σ = 2, seed 1: the page's defaults; some ten seconds), the first about to be published
(公示: the ledger made on the way) and the ledger once it is. It fails (exit 1) when a page
logs an error, a request fails, or a request goes to another host than the app's own.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the helpers of the tests in a real browser (tests/webapp.py)

from webapp import SAMPLE, Officer, Served, launch_chromium, served  # noqa: E402 - found through the path above

VIEWPORT = {"width": 1280, "height": 860}
NAMES = ("web-start.png", "web-form.png", "web-run.png", "web-compare.png", "web-stability.png", "web-publish.png",
         "web-ledger.png")
DONE_MS = 600_000  # how long the stability run may take


def shoot(officer: Officer, out: Path, name: str) -> Path:
    """The top of the page, one screen of it."""
    officer.page.evaluate("window.scrollTo(0, 0)")
    target = out / name
    officer.page.screenshot(path=str(target))
    return target


def screenshots(server: Served, out: Path) -> list[Path]:
    """The seven screens, taken in an officer's order; no page may log an error or ask anything of another host."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            officer = Officer(browser, server, out, viewport=VIEWPORT, device_scale_factor=1)
            officer.sign_in()
            officer.upload(SAMPLE)
            officer.choose_preset("scenario_2026")
            form = shoot(officer, out, "web-form.png")
            first = officer.run()
            finished = shoot(officer, out, "web-run.png")
            officer.upload(SAMPLE)
            officer.choose_preset("scenario_2026_ai_push")
            second = officer.run()
            officer.follow("#nav-runs")
            start = shoot(officer, out, "web-start.png")
            officer.page.check(f"#pick-{first}")
            officer.page.check(f"#pick-{second}")
            officer.follow("#compare-button")
            compared = shoot(officer, out, "web-compare.png")
            stability = shoot_stability(officer, out, first)
            officer.open(f"/runs/{first}")
            officer.follow("#publish-link")
            officer.follow("#make-ledger")
            publishing = shoot(officer, out, "web-publish.png")
            officer.follow("#publish-button")
            officer.follow("#nav-ledger")
            officer.follow("#ledger-entries .correct-link")  # an objection upheld: one award revoked (更正公告)
            officer.page.fill("#correct-to", "0")
            officer.page.fill("#correct-basis", "渝经信发〔2027〕5号：公示异议成立")
            officer.follow("#correct-button")
            officer.follow("#nav-ledger")
            ledger = shoot(officer, out, "web-ledger.png")
            officer.watch.assert_clean()
            officer.close()
            return [start, form, finished, compared, stability, publishing, ledger]
        finally:
            browser.close()


def shoot_stability(officer: Officer, out: Path, run: str) -> Path:
    """From the run's page, "how sure is this funding line?", with the page's defaults: the finished stability run,
    its findings at the top."""
    from playwright.sync_api import expect

    officer.open(f"/runs/{run}")
    officer.follow("#stability-link")
    officer.follow("#stability-button")
    expect(officer.page.locator("#run-status")).to_have_attribute("data-status", "done", timeout=DONE_MS)
    officer.page.wait_for_load_state("networkidle")
    target = out / "web-stability.png"
    officer.page.screenshot(path=str(target))
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images", help="folder of the PNG files")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="budgetopt-screens-") as scratch, served(Path(scratch) / "data") as app:
        for path in screenshots(app, out):
            print(f"{path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
