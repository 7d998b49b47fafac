"""What a fault of the store means, said in one line with what to do about it.

The database drivers report a broken, full, read-only or locked store as exceptions whose
text names the driver and the statement; printed as they are, they fill a screen with a
traceback. ``explain`` turns them into a StoreError whose message is one line: which store,
what is wrong, what to do. The commands print it, the server answers 503 with it.
"""
from __future__ import annotations


class StoreError(Exception):
    """The store cannot be used as asked; ``str()`` is one line for people."""


class StoreUnwritable(StoreError):
    """The disk (or database) is full, or the store is read-only: no later write can
    succeed either, so a batch stops at once."""


# (words in the driver's message, StoreError class, what is wrong and what to do)
_KNOWN = [
    (("file is not a database", "database disk image is malformed", "not a database"),
     StoreError, "is not a usable blocwatch store ({reason}): restore it from a backup, "
                 "or move it away and ingest again to start a new one"),
    (("database or disk is full", "no space left on device", "disk full"),
     StoreUnwritable, "cannot be written: the disk is full ({reason}); what was stored is "
                "intact: free some space and run the command again"),
    (("readonly database", "read-only", "read only"),
     StoreUnwritable, "is read-only ({reason}): reading works; to write, copy it to a "
                 "writable place and pass that with --db"),
    (("unable to open database file",),
     StoreError, "cannot be opened ({reason}): check that the file and its folder exist "
                 "and are readable"),
    (("database is locked",),
     StoreError, "stayed locked by another process for too long ({reason}): run the "
                 "command again when the other one is done"),
]


def reason_of(exc: BaseException) -> str:
    """The driver's own message, first line only (no SQL, no parameters)."""
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip().splitlines()
    return text[0][:200] if text else type(original).__name__


def explain(exc: BaseException, where: str) -> StoreError:
    """A StoreError for a fault of the store at `where` (a displayable URL or name)."""
    if isinstance(exc, StoreError):
        return exc
    reason = reason_of(exc)
    low = reason.lower()
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
    if sqlstate == "53100":                     # PostgreSQL: disk_full
        low += " disk full"
    for words, kind, message in _KNOWN:
        if any(w in low for w in words):
            return kind(f"store {where} " + message.format(reason=reason))
    return StoreError(f"store {where} failed: {reason}")


def cannot_write(exc: BaseException) -> bool:
    """Is `exc` the driver saying the disk (or the database's size limit) is full, or the
    store read-only?"""
    return isinstance(explain(exc, ""), StoreUnwritable)
