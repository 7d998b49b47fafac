"""HTML pages: main text and metadata by trafilatura, then the common text pipeline.

trafilatura separates the article from menus, comments and footers far better than
line rules could, and reads title, canonical URL, site name and publication date from
the page's markup. Its date search is restricted to markup (``extensive_search`` off):
its fallback would pick any date written in the body, which is the guessing that
``dates`` refuses. When the markup has no date, the text's own stamps are used.
Teaser and caption lines that trafilatura keeps go through the boilerplate filter.

Before trafilatura sees the page, two things happen here:

- Text a browser does not show is dropped (elements marked ``hidden``, styled
  ``display: none``, ``visibility: hidden`` or ``font-size: 0``, and ``<noscript>`` and
  ``<template>``): trafilatura would keep it, and a page could plant claims nobody reads.
- Size is bounded: trafilatura's memory and time grow faster than the page (a 5 MB page
  of 625,000 empty paragraphs: 0.9 GB, 52 s), so a page over MAX_HTML_CHARS characters or
  MAX_ELEMENTS elements is refused with a one-line reason instead of read.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..model import Document, ReadError
from . import encoding, files
from .text import NO_TEXT, NoText, build_document

NO_MAIN_TEXT = "HTML has no main text"
MAX_HTML_CHARS = 5_000_000      # a news page is well under 1 MB; parsing 5 MB takes ~170 MB
MAX_ELEMENTS = 50_000           # a news page has a few thousand

_HIDDEN_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden"
    r"|font-size\s*:\s*0(?:\.0*)?(?:[a-z]+|%)?)\s*(?:!important\s*)?(?:;|$)", re.IGNORECASE)
_HIDDEN_CANDIDATES = "//*[@hidden or @style] | //noscript | //template"

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
    """A Document from an HTML string; raise NoText when there is no article in it (or
    the page is too large to look for one)."""
    import trafilatura  # imported late: slow to import, and only HTML needs it

    if len(html) > MAX_HTML_CHARS:
        raise NoText(f"HTML too large to extract ({len(html) / 1e6:.0f} million characters, "
                     f"limit {MAX_HTML_CHARS / 1e6:.0f}): save the article text as .txt")
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        tree = trafilatura.load_html(html)
        del html                       # the tree replaces it; keep one copy in memory
        if tree is not None:
            _check_size(tree)
            drop_hidden(tree)
            result = trafilatura.bare_extraction(
                tree, url=url, with_metadata=True, include_comments=False,
                include_tables=False, date_extraction_params=_DATE_PARAMS,
            )
        else:
            result = None
    except NoText:
        raise
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
    except NoText as exc:
        if exc.reason == NO_TEXT:
            raise NoText(NO_MAIN_TEXT) from None
        raise


def _check_size(tree) -> None:
    count = 0
    for _element in tree.iter():
        count += 1
        if count > MAX_ELEMENTS:
            raise NoText(f"HTML has too many elements (over {MAX_ELEMENTS:,}) to extract "
                         "its main text: save the article text as .txt")


def drop_hidden(tree) -> int:
    """Remove the elements a browser does not show (their tail text stays); returns how
    many were removed."""
    dropped = 0
    for element in tree.xpath(_HIDDEN_CANDIDATES):
        if element.getparent() is None:
            continue
        style = element.get("style") or ""
        if (element.tag in ("noscript", "template") or element.get("hidden") is not None
                or _HIDDEN_STYLE.search(style)):
            element.drop_tree()
            dropped += 1
    return dropped


def read_html_file(path: str, data: bytes | None = None) -> Document | ReadError:
    """One .html/.htm file -> Document, or ReadError with the reason. `data`: its bytes,
    when they were read elsewhere (Spark)."""
    try:
        data = files.read_bytes(path) if data is None else files.checked_size(data)
        html = encoding.decode(data, declared=declared_charset(data))
        return document_from_html(html, Path(path).stem, path=path)
    except (files.FileError, encoding.DecodeError, NoText) as exc:
        return ReadError(path, exc.reason)
