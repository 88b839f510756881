"""Files sent to be saved (the pages', the API's): bytes made on request, and the names a run's files are saved as —
a name of ours in plain ASCII, and, for a browser that reads RFC 6266's filename* (every current one), one in the
reader's language."""

from __future__ import annotations

from urllib.parse import quote

from starlette.responses import Response

from optimizer.reading.run_folder import download_name

MEDIA = {".csv": "text/csv; charset=utf-8", ".json": "application/json",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".html": "text/html; charset=utf-8"}


def attachment(data: bytes, name: str, media: str | None = None, *, shown: str | None = None) -> Response:
    """Bytes made on request, to be saved as the file `name` (a name of ours, plain ASCII) — or as `shown` (in
    Chinese, say) by a browser that reads RFC 6266's filename*, which every current one does."""
    return Response(data, media_type=media or MEDIA[name[name.rindex("."):]],
                    headers={"content-disposition": disposition(name, shown)})


def disposition(name: str, shown: str | None = None, *, inline: bool = False) -> str:
    """The Content-Disposition of a file saved as `name` (plain ASCII: every browser reads it) or, by a browser that
    reads RFC 5987's filename* (every current one), as `shown`."""
    said = f'{"inline" if inline else "attachment"}; filename="{name}"'
    return said if shown is None else f"{said}; filename*=UTF-8''{quote(shown, safe='')}"


def saved_as(run_id: str, name: str, lang: str) -> tuple[str, str]:
    """A run's file's download names: in plain ASCII (the English), and in the reader's language."""
    return download_name(run_id, name, "en"), download_name(run_id, name, lang)
