"""Plain-text articles, and the pipeline every reader ends in.

A text file is usually a scraped page: headline, byline, captions, the article, and the
page's chrome around it. ``build_document`` turns such text (or the main text that
trafilatura found in HTML, or a JSONL "text" field) into a Document, in an order that
keeps metadata out of the body and boilerplate out of the metadata:

1. the scraper's leading ``date ...`` marker is split off (it shares a line with the
   headline, which must not be thrown away with it);
2. boilerplate is removed, so no date, outlet or language is read from a caption or menu;
3. date stamps and datelines are read and removed;
4. what remains is ``Document.text``; title, outlet and language are taken from it.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..model import Document, ReadError
from . import boilerplate, dates, encoding, files, language, outlet


class NoText(Exception):
    """Nothing of an article is left; ``reason`` is the short sentence for ReadError."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


NO_TEXT = "no article text left after removing boilerplate"
NO_LANGUAGE = (f"no language detected (fewer than {language.MIN_LETTERS} letters in words): "
               "not an article")


def build_document(text: str, doc_id: str, *, path: str | None = None, url: str | None = None,
                   title: str | None = None, outlet_name: str | None = None,
                   date: str | None = None, sitename: str | None = None) -> Document:
    """A Document from raw article text; the keyword values, when given, win over the text's."""
    text = encoding.normalize(text)
    # names and metadata may come from a file name that is not UTF-8 or from JSON escapes
    doc_id, path, url, title, outlet_name, date, sitename = (
        encoding.encodable(v) if isinstance(v, str) else v
        for v in (doc_id, path, url, title, outlet_name, date, sitename))
    marker, rest = dates.split_marker(text)
    cleaned = boilerplate.clean(rest)
    found, body = dates.find_dates(cleaned.text)
    body = boilerplate.tidy(body)
    if not body:
        raise NoText(NO_TEXT)
    lang = language.detect(body)
    if lang is None:
        raise NoText(NO_LANGUAGE)
    return Document(
        doc_id=doc_id,
        text=body,
        title=_clean_title(title) or guess_title(body),
        url=url.strip() if isinstance(url, str) and url.strip() else None,
        outlet=outlet.choose(given=outlet_name, url=url, domains=cleaned.outlets,
                             sitename=sitename, agencies=cleaned.agencies),
        date=dates.normalize_date(date) or dates.resolve(marker, found),
        language=lang,
        path=path,
    )


def read_text_file(path: str, data: bytes | None = None) -> Document | ReadError:
    """One .txt file -> Document, or ReadError with the reason. `data`: its bytes, when
    they were read elsewhere (Spark)."""
    try:
        data = files.read_bytes(path) if data is None else files.checked_size(data)
        text = encoding.decode(data)
        return build_document(text, Path(path).stem, path=path)
    except (files.FileError, encoding.DecodeError, NoText) as exc:
        return ReadError(path, exc.reason)


_HEADLINE_MAX = 200
_ENDS_WITH_PERIOD = re.compile(r"[.;,]$")


def _clean_title(title: object) -> str | None:
    if not isinstance(title, str):
        return None
    title = " ".join(title.split())
    return title or None


def guess_title(body: str) -> str | None:
    """The headline: the first block of the body when it is one or two short lines
    that do not end like a sentence (a kicker and a headline are joined with ": ")."""
    block = body.split("\n\n", 1)[0].split("\n")
    if len(body) <= len(block[0]) + 1:      # the whole text is one line: no headline
        return None
    heads = []
    for line in block[:2]:
        if len(line) > _HEADLINE_MAX or _ENDS_WITH_PERIOD.search(line):
            break
        heads.append(line)
    if not heads:
        return None
    if len(heads) == 2 and (len(block) > 2 or heads[0].endswith(("?", "!", ":"))):
        heads = heads[:1]
    return ": ".join(heads)
