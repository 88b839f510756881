"""The pages' language link (web/views.py): this page in the other language — and, for a page in answer to a form
posted (a refusal, the form again with its mistakes), a page that a GET opens (an officer's review: the 409 of a
stale 停止证明 linked its language to the POST address /goals/ID/stop, and following it gave 405
`This address does not take this kind of request.`)."""

from __future__ import annotations

import html
import re

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from webapp import CSRF, TestClient

from optimizer.web.security import Access
from optimizer.web.views import Views

GOAL = "20990101-000000-abcdef"  # an id of the form the app gives, of no goal


def lang_link(page: str) -> str:
    """Where the page's language link goes."""
    found = re.search(r'<a class="lang" id="lang-switch" href="([^"]*)"', page)
    assert found is not None
    return html.unescape(found.group(1))


def message(page: str) -> str:
    found = re.search(r'<p class="refusal" id="message">(.*?)</p>', page, re.S)
    assert found is not None
    return html.unescape(found.group(1))


def test_a_page_asked_for_links_to_itself_in_the_other_language(client: TestClient) -> None:
    page = client.get("/plans?lang=zh&first=x").text
    assert lang_link(page) == "/plans?first=x&lang=en"
    assert lang_link(client.get("/plans?lang=en").text) == "/plans?lang=zh"


def test_a_refusal_of_a_post_only_address_links_to_the_page_above_it(client: TestClient) -> None:
    """POST /goals/ID/stop takes no GET: its refusal's language link goes to the goal's page, which a GET opens (here
    a 404 page, said in the other language), not to a 405."""
    refused = client.post(f"/goals/{GOAL}/stop?lang=zh", data={"csrf_token": CSRF})
    assert refused.status_code == 404 and message(refused.text) == "没有这个页面或文件"
    assert lang_link(refused.text) == f"/goals/{GOAL}?lang=en"
    followed = client.get(lang_link(refused.text))
    assert followed.status_code == 404 and message(followed.text) == "No such page or file."
    assert "This address does not take this kind of request." not in followed.text


def test_a_form_posted_again_with_its_mistakes_links_to_its_address_a_get_opens(client: TestClient) -> None:
    """POST /plans, its mistakes said at their fields: the language link is /plans, the form's page (a GET of it)."""
    again = client.post("/plans?lang=zh", data={"csrf_token": CSRF, "total": ""})
    assert again.status_code == 400 and lang_link(again.text) == "/plans?lang=en"
    assert client.get(lang_link(again.text)).status_code == 200


def test_a_page_may_say_where_its_language_link_goes() -> None:
    """`switch_to`: the address given, its query kept, `lang` set to the other language (not twice)."""
    views = Views(Access("token", "127.0.0.1", 8765))

    async def refused(request: Request) -> Response:
        return views.page(request, "message.html", status=409, switch_to="/goals/x?tab=proof&lang=zh",
                          message="已结束", signed_in=True)

    app = Starlette(routes=[Route("/goals/x/stop", refused, methods=["POST"])])
    with TestClient(app) as local:
        answer = local.post("/goals/x/stop?lang=zh")
    assert answer.status_code == 409 and lang_link(answer.text) == "/goals/x?tab=proof&lang=en"
