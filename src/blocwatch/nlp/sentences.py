"""Sentence splitting with character offsets, German and English.

A regex splitter, not a model: news sentences end in . ! ? (optionally followed by a closing
quote) before a capital letter, digit or opening quote. What it must not split on are
abbreviations (Dr., Prof., z.B., U.S., St.), ordinals in dates ("am 5. Dezember") and
initials ("Wladimir W. Putin"). Line breaks between paragraphs always end a sentence:
scraped text has headlines without final punctuation.
"""
from __future__ import annotations

import re

from ..model import Sentence

# Abbreviations after which a period does not end a sentence (lower-cased, without the dot).
_ABBREVIATIONS = frozenset("""
dr prof nr st str bzw ca vgl ggf usw etc evtl inkl bzw zb z.b u.a d.h o.ä mio mrd
jan feb febr mär apr jun jul aug sep sept okt nov dez abs art s. ff hrsg
mr mrs ms gen col lt sgt gov sen rep no vs jr sr inc corp co ltd u.s u.k e.g i.e
""".split())
_MONTHS = ("januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|"
           "jänner|january|february|march|may|june|july|october|december")

# Candidate boundary: end punctuation, optional closing quotes/brackets, whitespace; or, in
# scraped text that lost the space, end punctuation glued between a lower-case word and a
# capitalised one ("talks with Minsk.The ministry added").
_BOUNDARY = re.compile(r"""[.!?]+["'“”‘’»«)\]]*\s+|(?<=[a-zäöüß]{2})[.!?](?=[A-ZÄÖÜ][a-zäöüß])""")
_NEXT_STARTS_SENTENCE = re.compile(r"""["'„“‚‘»«(\[]?[A-ZÄÖÜ0-9]""")
_ORDINAL_BEFORE_MONTH = re.compile(r"\d{1,2}\.\s+(?:" + _MONTHS + r")\b", re.I)
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[•\-–*]\s)|\n")


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; offsets index ``text``. Empty pieces are dropped."""
    sentences: list[Sentence] = []
    pos = 0
    for para in _PARAGRAPH.finditer(text + "\n"):
        _split_block(text, pos, para.start(), sentences)
        pos = para.end()
    if pos < len(text):
        _split_block(text, pos, len(text), sentences)
    return sentences


def _split_block(text: str, start: int, end: int, out: list[Sentence]) -> None:
    block_start = start
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.end()
        if cut >= end:
            break
        if not _NEXT_STARTS_SENTENCE.match(text, cut):
            continue
        if _is_abbreviation(text, block_start, m.start()):
            continue
        if text[m.start()] == "." and _ORDINAL_BEFORE_MONTH.match(text, _word_start(text, m.start())):
            continue
        _emit(text, block_start, m.start() + len(m.group().rstrip()), out)
        block_start = cut
    _emit(text, block_start, end, out)


def _word_start(text: str, i: int) -> int:
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    return j


def _is_abbreviation(text: str, block_start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = text[max(block_start, _word_start(text, dot)):dot]
    bare = word.strip("\"'„“(").lower()
    if bare in _ABBREVIATIONS:
        return True
    # Initials and acronyms with dots: "W.", "U.S.", "z.B."
    if len(bare) == 1 and bare.isalpha():
        return True
    if re.fullmatch(r"(?:[a-zäöü]\.)+[a-zäöü]", bare):
        return True
    # German ordinals ("am 5. Dezember", "der 2. Weltkrieg", "als 31. Mitglied"): a one- or
    # two-digit number before the dot is read as an ordinal. The cost: "stieg auf 12. Die ..."
    # stays one sentence, which loses nothing but a boundary.
    if bare.isdigit() and len(bare) <= 2:
        return True
    return False


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
