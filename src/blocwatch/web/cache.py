"""Answers the server keeps, keyed by the store's generation (store/generation.py).

The graph of a large store takes tens of milliseconds to read and serialise, and the page
asks for the same graph on every load. The answer is kept with the generation it was
computed at; a write to the store counts the generation up, so a kept answer is never
served for contents it was not computed from. A few entries (one per distinct query).
"""
from __future__ import annotations

import threading
from collections import OrderedDict


class AnswerCache:
    """A small LRU of serialised answers; safe for the server's worker threads."""

    def __init__(self, max_entries: int = 16):
        self.max_entries = max_entries
        self._items: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: tuple, value: bytes) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
