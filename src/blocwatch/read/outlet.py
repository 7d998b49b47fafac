"""Which outlet published an article, kept simple.

The outlet counts distinct sources behind a fact (one story told by fifty outlets is not
fifty events), so it should be a stable name: the URL host when we have a URL, else a
domain the page signs with ("/news.de", "Von Silvia X, tagesschau.de"), else the site
name from HTML metadata, else a news agency named in a byline ("von dpa"), which is
the wire service rather than the outlet and so comes last.
"""
from __future__ import annotations

from urllib.parse import urlsplit


def from_url(url: str | None) -> str | None:
    """``https://www.tagesschau.de/x`` -> ``tagesschau.de``; None without a host."""
    if not url or not isinstance(url, str):
        return None
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.lower().removeprefix("www.")


def choose(*, given: str | None = None, url: str | None = None, domains: list[str] | None = None,
           sitename: str | None = None, agencies: list[str] | None = None) -> str | None:
    """The first available of: explicit outlet, URL host, signed domain, site name, agency."""
    if given and isinstance(given, str) and given.strip():
        return given.strip()
    host = from_url(url)
    if host:
        return host
    if domains:
        return domains[0]
    if sitename and sitename.strip():
        return sitename.strip()
    if agencies:
        return agencies[0]
    return None
