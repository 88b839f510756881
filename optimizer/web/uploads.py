"""Files and forms coming in: every POST's form read within limits and its CSRF token checked before a handler
sees it; uploads saved under generated names (the client's name is only ever shown), read by a worker as the
command line reads them, and kept by SHA-256 only when the command line would read them too."""

from __future__ import annotations

import re
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from optimizer.web import tasks
from optimizer.web.registry import StoredInput
from optimizer.web.security import Access, Refused, csrf_checked
from optimizer.web.state import Web
from optimizer.words import Phrase

MAX_FILES = 2  # a workbook and a scenario
MAX_FIELDS = 400  # the scenario form: its keys, 24 weights, up to 50 envelopes of 5 fields
MAX_FIELD_BYTES = 256 * 1024
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}\Z")

Handler = Callable[[Request, FormData], Awaitable[Response]]


async def read_form(request: Request, access: Access) -> FormData:
    """The POST's form, within the limits on parts and fields; Refused (403) without the page's CSRF token."""
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS, max_part_size=MAX_FIELD_BYTES)
    except HTTPException as exc:  # python-multipart's refusals: too many parts, a field too large, broken data
        raise Refused(400, Phrase.of("web.bad_form")) from exc
    try:
        csrf_checked(request, form, access)
    except Refused:
        await form.close()
        raise
    return form


def post(path: str, handler: Handler, access: Access) -> Route:
    """A POST route: the form is read and its CSRF token checked before `handler` runs — every POST of the app
    is made with this, so none can forget the check."""
    async def endpoint(request: Request) -> Response:
        form = await read_form(request, access)
        try:
            return await handler(request, form)
        finally:
            await form.close()

    return Route(path, endpoint, methods=["POST"])


def form_page(path: str, form: str) -> Route:
    """GET of a form's POST address — what a refused form leaves in the address bar, then reloaded, opened in a new
    tab or its language switched — goes to the form's own page (`form`), in the language asked for, not to a
    refusal (405, "此地址不接受这种请求", and what was typed lost with no way back)."""
    async def endpoint(request: Request) -> Response:
        lang = request.query_params.get("lang")
        return RedirectResponse(form + (f"?lang={quote(lang)}" if lang else ""), status_code=303)

    return Route(path, endpoint, methods=["GET", "HEAD"])


def client_name(upload: UploadFile, fallback: str) -> str:
    """The name the client gave a file, for showing: no folders, no control characters."""
    name = re.split(r"[\\/]", upload.filename or "")[-1]
    name = "".join(c for c in name if c.isprintable()).strip()[:200]
    return name or fallback


def suffix_of(name: str) -> str:
    found = _SUFFIX.search(name)
    return found.group(0).lower() if found else ""


def uploaded(form: FormData, key: str) -> UploadFile | None:
    value = form.get(key)
    return value if isinstance(value, UploadFile) and (value.filename or value.size) else None


async def save(upload: UploadFile, target: Path) -> Path:
    """The upload's bytes, copied to `target` (a name we made)."""
    def copy() -> None:
        upload.file.seek(0)
        with target.open("wb") as out:
            shutil.copyfileobj(upload.file, out, 1 << 20)

    await run_in_threadpool(copy)
    return target


async def take_workbook(web: Web, upload: UploadFile) -> tuple[StoredInput | None, tasks.Inspection]:
    """An uploaded workbook read as the command line reads it: refused (nothing kept), or kept by SHA-256 with
    what reading it found."""
    name = client_name(upload, "workbook.xlsx")
    suffix = suffix_of(name)
    scratch = await save(upload, web.registry.scratch_file(suffix))
    try:
        inspection: tasks.Inspection = await web.running.call(web.running.reads, tasks.inspect, scratch, name,
                                                              web.limits)
    except BaseException:
        web.registry.discard(scratch)
        raise
    if inspection.refusal is not None:
        web.registry.discard(scratch)
        return None, inspection
    stored = web.registry.keep(scratch, name, suffix)
    web.remember(stored.name, inspection)
    return stored, inspection
