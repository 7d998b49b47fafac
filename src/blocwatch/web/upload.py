"""Posted articles -> Documents, read like one line of a JSONL file.

The body is JSON: one article object or ``{"documents": [...]}``, each with ``text`` or
``html`` and optionally ``id``, ``url``, ``title``, ``date``, ``outlet``. Nothing is
written to disk: the id only names the document in the store, so it is reduced to a
plain name (no directories) to keep it from ever being taken for a path.
"""
from __future__ import annotations

import re

from ..model import Document, ReadError

MAX_DOCUMENTS = 200
_UNSAFE = re.compile(r"[^\w.:-]+", re.UNICODE)


def safe_id(value: object, fallback: str) -> str:
    """A document id without path separators, dot-dot or control characters."""
    text = str(value).strip() if isinstance(value, (str, int)) else ""
    text = _UNSAFE.sub("_", text.replace("\\", "/").split("/")[-1]).strip("._")
    return text[:200] or fallback


def _field(obj: dict, name: str) -> str | None:
    value = obj.get(name)
    return value if isinstance(value, str) and value.strip() else None


def documents_from_body(body: object) -> list[Document | ReadError]:
    """Documents (or why not) for each article in a posted body."""
    from ..read.html import document_from_html
    from ..read.text import NoText, build_document

    if isinstance(body, dict) and isinstance(body.get("documents"), list):
        items = body["documents"]
    elif isinstance(body, dict):
        items = [body]
    elif isinstance(body, list):
        items = body
    else:
        raise ValueError("body must be an article object, a list, or {'documents': [...]}")
    if len(items) > MAX_DOCUMENTS:
        raise ValueError(f"at most {MAX_DOCUMENTS} documents per request")
    found: list[Document | ReadError] = []
    for number, obj in enumerate(items, start=1):
        name = f"upload:{number}"
        if not isinstance(obj, dict):
            found.append(ReadError(name, "not an object"))
            continue
        doc_id = safe_id(obj.get("id") or obj.get("doc"), name)
        meta = dict(path=None, url=_field(obj, "url"), title=_field(obj, "title"),
                    outlet_name=_field(obj, "outlet"), date=_field(obj, "date"))
        try:
            if _field(obj, "text"):
                found.append(build_document(obj["text"], doc_id, **meta))
            elif _field(obj, "html"):
                found.append(document_from_html(obj["html"], doc_id, **meta))
            else:
                found.append(ReadError(doc_id, "no 'text' or 'html' field"))
        except NoText as exc:
            found.append(ReadError(doc_id, str(exc)))
    return found
