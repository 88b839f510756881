"""A form refused keeps what the officer typed: a scenario file that fills nothing in leaves the form as it stood,
and the language link of a form sent back with its mistakes opens the form again with the workbook and every field
(an officer's and an auditor's review: both emptied it)."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import pytest
from webapp import CSRF, SAMPLE, TestClient

BROKEN = b'name = "x"\n[[envelopes\nname = "AI"\n'  # not TOML: the file fills nothing in
PAGES = {"/new": ("/uploads", "scenario-form"), "/stability": ("/stability/uploads", "stability-form")}


def upload(client: TestClient, page: str) -> str:
    answer = client.post(f"{PAGES[page][0]}?lang=en", data={"csrf_token": CSRF},
                         files={"workbook": (SAMPLE.name, SAMPLE.read_bytes())})
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"].split("upload=", 1)[1])


def form_of(page: str, form: str) -> dict[str, str]:
    """The form's fields as the page fills them in (inputs and the options selected), its token left out."""
    rest = page[page.index(f'id="{form}"'):]
    fields = dict(re.findall(r'<input type="(?:text|hidden|number)" name="([^"]+)"[^>]*value="([^"]*)"', rest))
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', rest, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        fields[name] = chosen.group(1) if chosen else ""
    fields.pop("csrf_token", None)
    return {k: html.unescape(v) for k, v in fields.items()}


def carried_by_the_file_form(page: str) -> str:
    found = re.search(r'<input type="hidden" name="carried" id="scenario-file-carried" value="([^"]*)"', page)
    assert found is not None
    return html.unescape(found.group(1))


def switch_link(page: str) -> str:
    found = re.search(r'id="lang-switch" href="([^"]*)"', page)
    assert found is not None
    return html.unescape(found.group(1))


def typed(client: TestClient, page: str, upload: str) -> dict[str, str]:
    """The form filled in from the 2026 preset, then typed into."""
    filled = form_of(client.get(f"{page}?upload={upload}&preset=scenario_2026&lang=zh").text, PAGES[page][1])
    filled.update(name="我的方案", budget="1.8亿", reserve="300万", envelope_0_max="4500万", solver="cbc",
                  report_lang="en")
    if page == "/stability":
        filled.update(draws="50", sigma="1.5", seed="7")
    return filled


@pytest.mark.parametrize("page", PAGES)
def test_a_broken_scenario_file_leaves_the_form_as_it_stood(client: TestClient, page: str) -> None:
    """The form filled in, then a file that is not TOML chosen: the page says why, and the form is as it was."""
    stored = upload(client, page)
    before = typed(client, page, stored)
    carried = urlencode({k: v for k, v in before.items() if k != "upload"})
    answer = client.post("/scenarios", data={"csrf_token": CSRF, "back": page, "upload": stored,
                                             "carried": carried}, files={"scenario": ("bad.toml", BROKEN)})
    assert answer.status_code == 303
    shown = client.get(answer.headers["location"] + "&lang=zh").text
    assert "bad.toml：不是有效的 TOML 文件（第2行" in html.unescape(shown)
    assert form_of(shown, PAGES[page][1]) == before


def test_the_file_form_carries_the_form_the_page_shows(client: TestClient) -> None:
    """Without a script, the scenario file's form carries the form as the page filled it in (from a run, a preset)."""
    stored = upload(client, "/new")
    page = client.get(f"/new?upload={stored}&preset=scenario_2026&lang=zh").text
    before = form_of(page, "scenario-form")
    answer = client.post("/scenarios", data={"csrf_token": CSRF, "back": "/new", "upload": stored,
                                             "carried": carried_by_the_file_form(page)},
                         files={"scenario": ("bad.toml", BROKEN)})
    assert form_of(client.get(answer.headers["location"]).text, "scenario-form") == before
    assert before["name"] == "2026年基准方案" and before["budget"] == "2亿"


def test_a_good_scenario_file_still_fills_the_form(client: TestClient) -> None:
    stored = upload(client, "/new")
    carried = urlencode({"name": "typed", "budget": "1亿", "solver": "cbc"})
    answer = client.post("/scenarios", data={"csrf_token": CSRF, "back": "/new", "upload": stored,
                                             "carried": carried},
                         files={"scenario": ("mine.toml", 'name = "from the file"\nbudget = "3亿"\n'.encode())})
    shown = form_of(client.get(answer.headers["location"]).text, "scenario-form")
    assert (shown["name"], shown["budget"], shown["solver"], shown["upload"]) == ("from the file", "3亿", "cbc",
                                                                                   stored)


@pytest.mark.parametrize("page", PAGES)
def test_a_refused_forms_language_link_keeps_the_workbook_and_every_field(client: TestClient, page: str) -> None:
    """年度预算 两亿 refused (400): the English link opens the form with the upload and everything typed, 两亿 too."""
    stored = upload(client, page)
    sent = {**typed(client, page, stored), "budget": "两亿"}
    refused = client.post(f"{'/runs' if page == '/new' else '/stability'}?lang=zh",
                          data={**sent, "csrf_token": CSRF})
    assert refused.status_code == 400
    assert "年度预算：“两亿”不是金额" in html.unescape(refused.text)
    link = switch_link(refused.text)
    assert link.startswith(f"{page}?upload={stored}&") and link.endswith("&lang=en")
    english = client.get(link)
    assert english.status_code == 200 and '<html lang="en">' in english.text
    assert form_of(english.text, PAGES[page][1]) == sent


def test_a_refused_uploads_language_link_keeps_the_form(client: TestClient) -> None:
    """No workbook sent: the page says so, and its English link keeps the form the upload carried."""
    carried = urlencode({"name": "我的方案", "budget": "1.8亿", "solver": "cbc"})
    refused = client.post("/uploads?lang=zh", data={"csrf_token": CSRF, "carried": carried})
    assert refused.status_code == 400
    english = form_of(client.get(switch_link(refused.text)).text, "scenario-form")
    assert (english["name"], english["budget"], english["solver"]) == ("我的方案", "1.8亿", "cbc")
