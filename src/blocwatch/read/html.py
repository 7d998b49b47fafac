"""HTML pages: main text and metadata by trafilatura, then the common text pipeline.

trafilatura separates the article from menus, comments and footers far better than
line rules could, and reads title, canonical URL, site name and publication date from
the page's markup. Its date search is restricted to markup (``extensive_search`` off):
its fallback would pick any date written in the body, which is the guessing that
``dates`` refuses. When the markup has no date, the text's own stamps are used.
Teaser and caption lines that trafilatura keeps go through the boilerplate filter.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..model import Document, ReadError
from . import encoding, files
from .text import NoText, build_document

NO_MAIN_TEXT = "HTML has no main text"

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag within its first 4 KB."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def document_from_html(html: str, doc_id: str, *, path: str | None = None,
                       url: str | None = None, title: str | None = None,
                       outlet_name: str | None = None, date: str | None = None) -> Document:
    """A Document from an HTML string; raise NoText when there is no article in it."""
    import trafilatura  # imported late: slow to import, and only HTML needs it

    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            include_tables=False, date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # trafilatura/lxml raise on some broken markup
        result = None
    main = getattr(result, "text", None) if result is not None else None
    if not main or not main.strip():
        raise NoText(NO_MAIN_TEXT)
    try:
        return build_document(
            main, doc_id, path=path,
            url=url or getattr(result, "url", None),
            title=title or getattr(result, "title", None),
            outlet_name=outlet_name,
            date=date or getattr(result, "date", None),
            sitename=getattr(result, "sitename", None),
        )
    except NoText:
        raise NoText(NO_MAIN_TEXT) from None


def read_html_file(path: str, data: bytes | None = None) -> Document | ReadError:
    """One .html/.htm file -> Document, or ReadError with the reason. `data`: its bytes,
    when they were read elsewhere (Spark)."""
    try:
        data = files.read_bytes(path) if data is None else files.checked_size(data)
        html = encoding.decode(data, declared=declared_charset(data))
        return document_from_html(html, Path(path).stem, path=path)
    except (files.FileError, encoding.DecodeError, NoText) as exc:
        return ReadError(path, exc.reason)
