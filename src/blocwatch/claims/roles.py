"""Who is who in a sentence: actor occurrences, their role markers, clauses, coordination.

No parser: German and English mark roles well enough on the surface for the relations we
need. An actor governed by a preposition ("nach Kasachstan", "von der Türkei", "to Kyiv")
carries that preposition as its marker; a German genitive ("Russlands", "der OVKS" after a
noun) or English possessive ("Russia's") is `gen`; an actor with no marker is a subject or
direct-object candidate. Titles glue a state to its people: "Russlands Präsident Wladimir
Putin" is one occurrence of RUS, unmarked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..actors.gazetteer import Gazetteer, context_rules, tokens_of
from ..actors.link import names_actor
from ..model import Mention, Sentence
from .lexicon import Language

_WORD = re.compile(r"[^\W\d_][\w-]*|\d+", re.UNICODE)
_BOUNDARY = re.compile(r"[;:–—(]|\s-\s|,")


@dataclass
class Occurrence:
    """One actor named at one place of a sentence (adjacent mentions of it merged)."""
    code: str
    start: int            # offsets relative to the sentence text
    end: int
    kind: str
    marker: str | None = None        # governing preposition, normalised ("zur" -> "zu")
    genitive: bool = False
    clause: int = 0
    group: int = 0                   # coordination group id
    in_relative: bool = False        # inside a relative clause
    compound: bool = False           # first part of a compound noun ("Ukraine-Krieg")
    agentive: bool = True            # adjectives: before an agent noun ("russische Soldaten")
    event: bool = False              # adjectives: before an act ("russische Offensive"), no clause role
    bloc: bool = False               # an organisation (a place for no one: "in der UN-Vollversammlung")


LAST_SUBJECT_SENTENCES = 3   # a relation's subject stands in for a missing one this many sentences on


@dataclass
class Discourse:
    """What earlier sentences leave behind for anaphors: the topic and the actors last named."""
    topic: str | None = None
    last_object: dict[str, list[str]] = field(default_factory=dict)   # relation -> its last object(s)
    recent: list[str] = field(default_factory=list)    # distinct codes, most recent last
    counts: dict[str, int] = field(default_factory=dict)
    last_group: list[str] = field(default_factory=list)  # last coordinated actors ("Nordkorea oder Iran")
    member_bloc: str | None = None   # the bloc whose members the sentence before spoke of
    # relation -> (its last subjects, sentences since): "Japan imposed sanctions on ... A
    # firm in the UAE has also been hit by an asset freeze" (Japan freezes)
    last_subject: dict[str, tuple[list[str], int]] = field(default_factory=dict)

    def update(self, topic: str | None, codes: list[str]) -> None:
        if topic:
            self.topic = topic
        self.last_subject = {r: (subjects, age + 1) for r, (subjects, age) in self.last_subject.items()
                             if age + 1 <= LAST_SUBJECT_SENTENCES}
        for code in codes:
            self.counts[code] = self.counts.get(code, 0) + 1
            if code in self.recent:
                self.recent.remove(code)
            self.recent.append(code)
        del self.recent[:-6]

    def protagonists(self) -> list[str]:
        """The two actors the article has named most so far (recency breaks ties)."""
        rank = {c: i for i, c in enumerate(self.recent)}
        return sorted(self.counts, key=lambda c: (self.counts[c], rank.get(c, -1)), reverse=True)[:2]


@dataclass
class Analysis:
    """A sentence prepared for role finding."""
    sentence: Sentence
    lang: Language
    occurrences: list[Occurrence]
    clause_starts: list[int]         # sorted offsets where clauses start
    relative_clauses: set[int]
    topic: str | None = None         # what the sentence is about: its first subject
    discourse: "Discourse | None" = None   # what earlier sentences left behind

    def clause_of(self, pos: int) -> int:
        n = 0
        for i, s in enumerate(self.clause_starts):
            if s <= pos:
                n = i
        return n

    def main_clause(self, idx: int) -> int:
        """A clause resumed after relative clauses ("X, den er lobte, möchte ...") is the
        clause before them: the relative clause sits inside it."""
        if idx == 0 or idx in self.relative_clauses or idx - 1 not in self.relative_clauses:
            return idx
        k = idx - 1
        while k > 0 and k in self.relative_clauses:
            k -= 1
        first = _WORD.search(self.sentence.text, self.clause_starts[idx])
        return k if first is not None and first.group()[:1].islower() else idx

    def clause_id(self, pos: int) -> int:
        """The clause a position belongs to, for role finding."""
        return self.main_clause(self.clause_of(pos))

    def clause_span(self, idx: int) -> tuple[int, int]:
        start = self.clause_starts[idx]
        end = self.clause_starts[idx + 1] if idx + 1 < len(self.clause_starts) else len(self.sentence.text)
        return start, end

    def groups(self) -> dict[int, list[Occurrence]]:
        out: dict[int, list[Occurrence]] = {}
        for o in self.occurrences:
            out.setdefault(o.group, []).append(o)
        return out


def _words_before(text: str, pos: int, n: int) -> list[str]:
    return [m.group() for m in _WORD.finditer(text[max(0, pos - 80):pos])][-n:]


def _marker(text: str, start: int, lang: Language) -> str | None:
    """The preposition governing an actor, looking back over articles and fillers.

    "frame" marks an actor that only frames the sentence ("im Rahmen der OVKS").
    """
    segment = text[max(0, start - 80):start]
    cut = max(segment.rfind(","), segment.rfind(";"), segment.rfind(":"), segment.rfind("."))
    if re.search(r"\b(?:darunter|including|among them|unter anderem|namentlich)\s*$", segment[cut + 1:], re.I) and cut > 0:
        # "auf die Unterstützung autoritärer Staaten angewiesen, darunter Nordkorea": the
        # examples take the preposition of the phrase they list
        return _marker(text, max(0, start - 80) + cut, lang)
    before = [m.group() for m in _WORD.finditer(segment[cut + 1:])][-5:]
    if len(before) >= 2 and before[-1].lower() in ("der", "des", "of", "the") and before[-2].lower() in lang.frame_nouns:
        return "frame"
    if before and before[-1].lower() in lang.frame_nouns and _ends_in_s(text, start):
        return "frame"
    if len(before) >= 2 and before[-1].lower() in ("in", "im") and _SEAT_HOLDER.fullmatch(before[-2]):
        return None   # "die Führung in Teheran", "the government in Kabul": the capital acts
    if lang.code == "en" and before and before[-1].lower() == "of" and len(before) >= 2 \
            and _HOLDER_OF.fullmatch(before[-2]):
        return None   # "the Ministry of Defence of Poland said ...": Poland acts
    dative = False
    example = False
    quantity = False
    holder = False
    for i, word in enumerate(reversed(before)):
        low = word.lower()
        low = lang.contractions.get(low, low)
        previous = before[-i - 2].lower() if i + 2 <= len(before) else None   # the word before this one
        if quantity:
            quantity = False
            continue   # the quantity word itself ("dozens")
        if low == "of" and previous in lang.quantity_nouns:
            quantity = True   # "dozens of Chinese firms": governed like "Chinese firms"
            continue
        if low in ("in", "from", "aus") and previous in lang.holder_nouns:
            holder = True   # "sanctions on companies based in China": China is governed like the companies
            continue
        if holder and low in lang.holder_nouns:
            continue
        if low in lang.prepositions:
            return low
        if low in lang.fillers or (lang.code == "de" and _COUNTRY_NOUN.fullmatch(low)):
            # (also a noun for the country or bloc before its name: "in der Kaukasusrepublik
            # Armenien", "im Bürgerkriegsland Syrien", "vom Militärbündnis OVKS")
            dative = dative or low in _DATIVE_DETERMINERS
            continue
        if low in ("wie", "like") and i < 3:
            example = True   # "mit Schurkenstaaten wie Nordkorea": the example shares the marker
            continue
        if example and word[:1].isupper():
            example = False
            continue
        # Attributive adjectives ("an die benachbarte Türkei", "zur ehemaligen Sowjetunion") may stand between a
        # determiner and the name; a verb ("stehen, verweigerte") may not. In English "to" before
        # a verb marks the infinitive ("refused to recognize the Donetsk republic").
        if lang.code == "en" and word[0].islower() and previous in lang.fillers and low not in lang.prepositions:
            continue   # English attributive adjective after its determiner: "to the brotherly Belarusian people"
        if word[0].islower() and low.endswith(("e", "en", "er", "es", "em")) and len(low) > 3 \
                and previous is not None \
                and (previous in lang.fillers or (lang.contractions.get(previous, previous) in lang.prepositions and lang.code == "de")
                     or (lang.code == "de" and _ADVERB.fullmatch(previous))):
            continue
        if lang.code == "de" and _ADVERB.fullmatch(word) and previous is not None \
                and (previous in lang.fillers or lang.contractions.get(previous, previous) in lang.prepositions):
            continue   # an adverb before the adjective: "vom russisch geprägten Bündnis"
        break
    # "Dem Westen warf Putin vor": a dative article marks an object, never the subject
    return "dat" if dative else None


_COUNTRY_NOUN = re.compile(r"\w+(?:republik|land|staat)|\w*(?:bündnis|allianz|organisation|staatenbund)")   # also "vom Militärbündnis OVKS"
_DATIVE_DETERMINERS = frozenset({"dem", "einem", "diesem", "seinem", "ihrem", "jenem"})
_ADVERB = re.compile(r"[a-zäöüß]+(?:isch|lich)")   # German uninflected: "russisch geprägt", "offiziell


def _ends_in_s(text: str, start: int) -> bool:
    """Cheap test for "Fall Armeniens": the word at ``start`` ends in -s."""
    m = _WORD.match(text, start)
    return bool(m and m.group().endswith("s"))


# Some members of a bloc, not the bloc: a number or "some" before "<bloc> member states"
_SOME_BEFORE = re.compile(r"\b(?:a|an|one|two|three|four|five|six|several|some|many|few|other|"
                          r"zwei|drei|vier|fünf|sechs|einige|mehrere|manche|andere)\s+$", re.I)
_MEMBERS_AFTER = re.compile(r"(?:\s+member|-)?(?:\s*(?:states?|countries|nations|members|allies|partners)\b|"
                            r"(?:staaten|länder|mitglieder|mitgliedstaaten|mitgliedsstaaten|partner|verbündete)\b)", re.I)


# Heads of compounds that still name the actor: "OVKS-Staaten", "US-Truppen", "Kreml-Chef".
_ACTOR_HEADS = re.compile(r"-(?:staat|länder|land|mitglied|partner|bündnispartner|truppe|soldat|söldner|kämpfer|miliz|armee|militär|regierung|gebiet|territori|"
                          r"führung|chef|präsident|minister|regime|streitkräfte|marine|luftwaffe|kräfte|geheimdienst|"
                          r"diplomat|botschaft|behörde|vertreter|sprecher|delegation|anführer|kommandeur|"
                          r"member|troop|soldier|force|army|military|government|leader|official|spokes|envoy|representative|"
                          r"ally|allies|regime|mercenar|fighter|militia|"
                          # the bloc itself: "aus dem OVKS-Bündnis", "the NATO alliance"
                          r"bündnis|allianz|organisation|alliance|bloc|"
                          # the maker of a thing: "aus US-Produktion", "russischer Herstellung"
                          r"produktion|herstellung|fertigung|bauart)", re.I)


# A suspended hyphen: "US- and European-led", "US- und EU-Truppen" (the match ends before the head's hyphen)
_SUSPENDED = re.compile(r"-\s+(?:und|and|oder|or|sowie)\s+[^\s-]+(?=-)", re.I)


# English names a war or crisis by its place, noun before noun ("the Ukraine war"); the
# name is then no party to the sentence's cues (German writes a compound: "Ukraine-Krieg")
_NAMED_WAR = re.compile(r" (?:war|wars|offensive|invasion|conflict|crisis|occupation|annexation|front|frontline|peace)\b", re.I)


# "die ehemaligen Sowjetrepubliken", "former Soviet states": the states that came after a
# union are named, not the union (the gold lists it as an actor, never as a party)
_SUCCESSORS = re.compile(r"(?i)\b(?:former|ehemalig\w*|früher\w*|einstig\w*)\s+$|\bex-$")   # also "die Ex-Sowjetrepublik"
_REPUBLICS = re.compile(r"(?i)[\w-]*?(?:republi\w*|staaten|länder)\b|[\w-]+\s+(?:republics?|states|countries|nations)\b")


# who sits in a capital: "die Führung in Teheran drohte ..." makes Tehran the subject
_SEAT_HOLDER = re.compile(r"(?i)(?:regierung|führung|staatsführung|machthaber|herrscher|regime|machthabern|"
                          r"government|leadership|leaders|regime|authorities|administration|rulers)")
# who acts for the state named after "of" ("the President of Russia", "the government of Armenia")
_HOLDER_OF = re.compile(r"(?i)(?:government|ministry|affairs|defen[cs]e|president|minister|leaders?|leadership|parliament|"
                        r"army|military|embassy|authorities|administration|regime|king|emir|navy|forces|troops)")
_AGENT_BEFORE = re.compile(r"(?i)(?:soldat|truppe|armee|streitkräfte|regierung|führung|präsident|staatschef|minister|"
                           r"außenminister|verteidigungsminister|militär|marine|luftwaffe|machthaber|vertreter|diplomat|"
                           r"botschafter|kämpfer|einheit|behörde)\w*")


def _is_genitive(text: str, m: Mention, gaz: Gazetteer, lang: Language) -> bool:
    after = text[m.end:m.end + 3]
    if lang.code == "en":
        return after.startswith(("'s", "’s", "'", "’"))
    surface = m.text
    if m.kind in ("name", "capital", "seat", "person", "group") and surface.endswith("s") and len(surface) > 3:
        base = tokens_of(surface[:-1])
        if any(e.code == m.code for e in gaz.forms.get(base, ())):
            return True
    before = _words_before(text, m.start, 2)
    if len(before) == 2 and before[-1].lower() in ("des", "der") and _AGENT_BEFORE.fullmatch(before[0]):
        return False   # "die Soldaten des Bündnisses", "die Regierung der Ukraine": the actor itself
    if before and before[-1].lower() == "des":
        return True
    if len(before) == 2 and before[-1].lower() == "der" and before[0][:1].isupper() \
            and before[0].lower() not in lang.prepositions and not before[0].lower() in lang.fillers:
        return True
    return False


_AND_BEFORE = re.compile(r"\s(?:und|and)\s+(?:der|die|das|the)?\s*$")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return min(pos, len(text) - 1)


_LIST_GOES_ON = re.compile(r"\s*(?:[,;)]|\b(?:und|oder|sowie|noch|and|or|nor)\b|$|[.!?\"“”])")


# ", die russisch kontrollierten Volksrepubliken": an article before adjectives and a noun,
# not a relative pronoun (which is followed by an article, pronoun or adverb first)
_APPOSITION_START = re.compile(r"\s*(?:ein|eine|einer|eines|einem|a|an|one of)\s", re.I)
_DEFINITE_APPOSITION = re.compile(r"\s*(?:der|die|das|the)\s+(?:[\w-]+\s+){0,3}[\w-]+\s*", re.I)
_ARTICLE_NP = re.compile(r'\s*(?:der|die|das|dem|den)\s+(?:[a-zäöüß]+(?:e|en|er|es|em|isch)\s+){0,2}["„“]?[A-ZÄÖÜ]')


def _continues_list(text: str, gap_start: int, o: Occurrence) -> bool:
    """A comma alone joins actors only inside a list: "Russland, China, Indien und Iran".
    In "unterstützt Assad, die Türkei dagegen die Opposition" the comma starts a new clause."""
    if re.search(r"\b(?:und|oder|sowie|noch|auch|and|or|nor|also)\b|/", text[gap_start:o.start]):
        return True
    return _LIST_GOES_ON.match(text, o.end) is not None


def _glue(text: str, a: Occurrence, b: Mention, lang: Language) -> bool:
    """Do mention b and occurrence a name the same actor in one phrase?"""
    if a.code != b.code:
        return False
    gap = text[a.end:b.start]
    if len(gap) > 60:
        return False
    words = [w.lower() for w in _WORD.findall(gap)]
    return all(w in lang.titles or w in lang.fillers or w.endswith(("ische", "ischen", "ischer")) for w in words) \
        and not re.search(r"[,;:.]", gap)


def analyse(sentence: Sentence, mentions: list[Mention], gaz: Gazetteer, lang: Language,
            discourse: Discourse | None = None) -> Analysis:
    discourse = discourse or Discourse()
    previous_topic = discourse.topic
    text = sentence.text
    occs: list[Occurrence] = []
    for m in mentions:
        rel = Mention(m.start - sentence.start, m.end - sentence.start, m.text, m.code, m.kind)
        if occs and _glue(text, occs[-1], rel, lang):
            occs[-1].end = rel.end
            occs[-1].genitive = False   # "Russlands Präsident Putin" names Russia itself
            if rel.kind != "adjective":
                occs[-1].kind = rel.kind
            continue
        o = Occurrence(rel.code, rel.start, rel.end, rel.kind, agentive=names_actor(text, rel))
        o.marker = _marker(text, rel.start, lang)
        framed = o.marker == "frame"   # by a frame noun ("im Rahmen der OVKS"), not a source
        if o.marker == "laut" or re.match(r"\s+zufolge\b", text[rel.end:]) \
                or (o.marker == "to" and re.search(r"according\s+to\s+(?:\w+\s+){0,3}$", text[max(0, rel.start - 40):rel.start], re.I)):
            o.marker = "frame"   # the source of the report, not a party to it
        elif rel.kind == "adjective" and (nxt := _WORD.search(text, rel.end)) \
                and nxt.group().lower() in lang.media_nouns:
            o.marker = "frame"   # "deutsche Medien berichten": the source, not a party
        elif lang.epoch_frames.search(text, max(0, rel.start - 60), rel.start):
            o.marker = "frame"   # "nach dem Zusammenbruch der Sowjetunion": a time, not a party
        if rel.kind == "adjective" and (nxt := _WORD.search(text, rel.end)) and lang.event_nouns.fullmatch(nxt.group()):
            o.event = True
            if framed and o.marker == "frame":
                # "nach Beginn des russischen Angriffskriegs": the frame is the war; who wages it is named
                o.marker = None
        elif lang.code == "en" and _NAMED_WAR.match(text, rel.end):
            o.event = True   # "its Ukraine offensive", "the Syria war": a name that only names the war
        if o.marker == "um" and re.match(r"[^,.;]{0,40}\bzu\s+\w+", text[rel.end:]):
            o.marker = None   # "um den Diktator Assad zu stützen": an object, not "um" + place
        # an English possessive owns its noun whatever governs the phrase: in "worries over
        # Iran's backing for Syria's army" Iran is the supporter, Syria the supported
        if o.marker == "während" and not _is_genitive(text, rel, gaz, lang):
            o.marker = None   # "Während Polen die Ukraine unterstützt, ...": a conjunction, not "während des Krieges"
        if o.marker == "als" and re.search(r"(?:^|[,;:]\s*)als\s+(?:(?:der|die|das)\s+)?$", text[max(0, rel.start - 40):rel.start], re.I):
            o.marker = None   # "Als Russland die Ukraine überfiel, ...", ", als Aserbaidschan Armenien angriff": a conjunction
        o.genitive = (o.marker is None or lang.code == "en") and _is_genitive(text, rel, gaz, lang)
        if o.genitive and lang.code == "de":
            # A genitive directly followed by a title is the actor itself ("Kasachstans Präsident").
            nxt = _WORD.search(text, rel.end)
            if nxt and nxt.group().lower() in lang.titles and text[rel.end:nxt.start()].strip() == "":
                o.genitive = False
        if text[rel.end:rel.end + 1] == "-" and text[rel.end + 1:rel.end + 2].isalpha():
            o.compound = not _ACTOR_HEADS.match(text, rel.end)
        elif (suspended := _SUSPENDED.match(text, rel.end)) is not None:
            # "US- and European-led structures", "US- und EU-Truppen": the head is the last part's
            o.compound = not _ACTOR_HEADS.match(text, suspended.end())
        if _SUCCESSORS.search(text[max(0, rel.start - 20):rel.start]) and _REPUBLICS.match(text, rel.start):
            o.compound = True   # "sechs frühere Sowjetrepubliken", "former Soviet states": the successors, not the union
        if o.compound is False and gaz.kind_of(o.code) == "bloc" and text[rel.end:rel.end + 1] == "-" \
                and re.search(r"\bein(?:e[mns]?)?\s+$", text[max(0, rel.start - 8):rel.start], re.I) \
                and not re.search(r",\s*ein(?:e[mns]?)?\s+$", text[max(0, rel.start - 10):rel.start]):
            o.compound = True   # "ein Nato-Land": some member state, not NATO itself (but "die
                                # Türkei, ein Nato-Mitglied," names the head's membership)
        if o.compound is False and gaz.kind_of(o.code) == "bloc" and _SOME_BEFORE.search(text, max(0, rel.start - 16), rel.start) \
                and _MEMBERS_AFTER.match(text, rel.end):
            o.compound = True   # "two CSTO member states supported Azerbaijan", "zwei OVKS-Staaten": some members
        if occs and occs[-1].start == o.start:
            o.group = -1   # one name for two actors ("die Donbass-Volksrepubliken"): same group
        elif occs and not occs[-1].compound and gaz.kind_of(occs[-1].code) == "bloc" and gaz.kind_of(o.code) != "bloc" \
                and re.fullmatch(r"-[^\W\d_]+\s+|\s+(?:member|ally|partner)(?: state| country)?\s+", text[occs[-1].end:o.start]):
            occs[-1].compound = True   # "OVKS-Bündnispartner Kasachstan", "NATO member Turkey": the state is the actor
            if len(occs) > 1 and gaz.kind_of(occs[-2].code) == "bloc" \
                    and re.fullmatch(r"-\s+(?:und|and|oder|or|sowie)\s+", text[occs[-2].end:occs[-1].start]):
                occs[-2].compound = True   # "Das EU- und NATO-Mitglied Ungarn": both qualify the state
        occs.append(o)

    # Coordination: actors joined by "und", ",", "sowie", "oder", "noch" form one group.
    group = 0
    for i, o in enumerate(occs):
        if o.group == -1:
            o.group = occs[i - 1].group
            o.marker, o.genitive = occs[i - 1].marker, occs[i - 1].genitive
        elif i and lang.coordinators.match(text[occs[i - 1].end:o.start]) and _continues_list(text, occs[i - 1].end, o):
            o.group = occs[i - 1].group
            if o.marker is None and occs[i - 1].marker is not None:
                gap = text[occs[i - 1].end:o.start]
                if not re.search(r"\b(?:" + "|".join(lang.prepositions) + r")\b", gap, re.I):
                    o.marker = occs[i - 1].marker
        else:
            group += 1
            o.group = group

    # Clauses: punctuation and clause words start a new clause, except the commas of a
    # coordinated list of actors.
    coordinated_gaps = [(occs[i - 1].end, o.start) for i, o in enumerate(occs) if i and o.group == occs[i - 1].group]
    starts = [0]
    relative = set()
    # a list that ends the sentence after a colon: "umfasst viele ehemalige Sowjetstaaten:
    # Armenien, Aserbaidschan, ... und Usbekistan." (not "sagte: Russland und China sind ...")
    group_size: dict[int, int] = {}
    group_end: dict[int, int] = {}
    for o in occs:
        group_size[o.group] = group_size.get(o.group, 0) + 1
        group_end[o.group] = o.end
    list_starts = {o.start for o in occs if group_size[o.group] >= 2
                   and re.fullmatch(r"[\W\d_]*", text[group_end[o.group]:])}
    for m in list(_BOUNDARY.finditer(text)) + list(lang.clause_words.finditer(text)):
        pos = m.start()
        if any(a <= pos < b for a, b in coordinated_gaps):
            continue
        if m.group() == ":" and _skip_space(text, m.end()) in list_starts:
            continue   # "umfasst viele ehemalige Sowjetstaaten: Armenien, Aserbaidschan, ...": the list is the object
        starts.append(m.end() if m.group() in ",;:" else pos)
    for i, o in enumerate(occs):
        m = _AND_BEFORE.search(text, max(0, o.start - 12), o.start)
        if m and o.marker is None and not (i and occs[i - 1].end >= m.start() - 1) \
                and _WORD.match(text, _skip_space(text, o.end)) and text[_skip_space(text, o.end)].islower():
            starts.append(m.start())
    starts = sorted(set(starts))
    for i, s in enumerate(starts):
        if (i and text[starts[i] - 1:starts[i]] == "," and lang.relative.match(text, s)
                and not _ARTICLE_NP.match(text, s)) or (i and lang.relative_open.match(text, s)):
            relative.add(i)   # (English "whose" opens a relative clause with or without a comma)
        elif i and text[s - 1:s] == ",":
            # an apposition between commas sits inside its clause like a relative one: "Die
            # Türkei, ein Nato-Mitglied, kauft ...", "Belarus, a close ally of Moscow, hosts ...",
            # also with a clause word inside ("Russia, an ally of Venezuela since 2006, sent ..."),
            # and a short definite one that names no actor of its own ("Schweden, das
            # nordeuropäische EU-Land, will ...", "Sweden, the Nordic country, wants ...")
            end = next((j for j in range(i + 1, min(i + 3, len(starts))) if text[starts[j] - 1:starts[j]] in ",;:"), None)
            if end is None or text[starts[end] - 1] != ",":
                continue
            if _APPOSITION_START.match(text, s) or (
                    _DEFINITE_APPOSITION.fullmatch(text, s, starts[end] - 1)
                    and not any(s <= o.start < starts[end] and not o.compound and o.kind != "adjective"
                                and text[o.end:o.end + 1] != "-" for o in occs)):
                relative.update(range(i, end))
    for o in occs:
        o.bloc = gaz.kind_of(o.code) == "bloc"
    analysis = Analysis(sentence, lang, occs, starts, relative, discourse=discourse)
    for o in occs:
        raw = analysis.clause_of(o.start)
        o.in_relative = raw in relative
        o.clause = analysis.main_clause(raw)
    _resolve_anaphors(analysis, previous_topic, discourse, gaz)
    _resolve_pair_anaphors(analysis, discourse)
    _resolve_plural_pronouns(analysis, discourse)
    for members in analysis.groups().values():
        codes = list(dict.fromkeys(o.code for o in members))
        if 2 <= len(codes) <= 4:
            discourse.last_group = codes
    subjects = [o for o in analysis.occurrences if o.marker is None and not o.genitive and not o.compound
                and not o.in_relative and o.kind != "anaphor" and o.agentive]
    analysis.topic = subjects[0].code if subjects else previous_topic
    return analysis


def _add(a: Analysis, occs: list[Occurrence], same_group: bool = False) -> None:
    a.occurrences = sorted(a.occurrences + occs, key=lambda o: o.start)
    group = max((o.group for o in a.occurrences), default=0) + 1
    for o in occs:
        o.group = group
        if not same_group:
            group += 1


def _opens_clause(text: str, clause_start: int, pos: int) -> bool:
    head = text[clause_start:pos].strip(" \t-–—,;:\"'„“")
    return head == "" or head.lower() in ("und", "doch", "aber", "denn", "and", "but")


def _resolve_plural_pronouns(a: Analysis, discourse: Discourse) -> None:
    """"Von ihnen bekommt Russland Waffen": "ihnen"/"them" are the last actors named together."""
    if not discourse.last_group:
        return
    text = a.sentence.text
    for m in a.lang.plural_pronouns.finditer(text):
        if any(o.start <= m.start() < o.end for o in a.occurrences):
            continue
        raw = a.clause_of(m.start())
        occs = []
        for code in discourse.last_group:
            o = Occurrence(code, m.start(), m.end(), "anaphor", clause=a.main_clause(raw), in_relative=raw in a.relative_clauses)
            o.marker = _marker(text, m.start(), a.lang)
            occs.append(o)
        _add(a, occs, same_group=True)


def _resolve_pair_anaphors(a: Analysis, discourse: Discourse) -> None:
    """"beide Länder", "both countries": the last two actors named before."""
    text = a.sentence.text
    for m in a.lang.pair_anaphors.finditer(text):
        before = []
        for o in a.occurrences:
            if o.end <= m.start() and o.code not in before:
                before.append(o.code)
        # "Putin und Xi ... beide Staaten" names the pair in the sentence (a coordinated pair
        # first, else the last two named); otherwise the pair coordinated last ("Armenien und
        # Aserbaidschan verhandeln. Beide Länder ..."), else the article's two protagonists.
        groups: dict[int, list[str]] = {}
        for o in a.occurrences:
            if o.end <= m.start() and o.code not in groups.setdefault(o.group, []):
                groups[o.group].append(o.code)
        pairs = [g for g in groups.values() if len(g) == 2]
        if pairs:
            pair = pairs[-1]
        elif len(before) >= 2:
            pair = before[-2:]
        elif len(before) == 1 and before[0] not in discourse.last_group and before[0] in discourse.protagonists():
            # "Jalali (Iran) said the agreement ...": the one actor named is a party of the
            # article's main pair, not of the pair coordinated last (but "Südkorea kritisierte
            # das Abkommen" names a critic, no party: the pair stays the last coordinated one)
            pair = discourse.protagonists()
        elif len(discourse.last_group) == 2:
            pair = list(discourse.last_group)
        else:
            pair = discourse.protagonists()
        if len(pair) < 2:
            continue
        raw = a.clause_of(m.start())
        occs = []
        for code in pair:
            o = Occurrence(code, m.start(), m.end(), "anaphor", clause=a.main_clause(raw), in_relative=raw in a.relative_clauses)
            o.marker = _marker(text, m.start(), a.lang)
            o.genitive = o.marker is None and m.group().lower().startswith("beider")
            occs.append(o)
        _add(a, occs, same_group=True)


@lru_cache(maxsize=1)
def _typed_anaphors() -> list[tuple[re.Pattern, frozenset[str]]]:
    return [(re.compile(entry["nouns"], re.I), frozenset(entry["codes"]))
            for entry in context_rules().get("typed_anaphors", [])]


def _anaphor_kinds(phrase: str) -> frozenset[str] | None:
    """The codes an anaphor like "die ehemalige Sowjetrepublik" can refer to (None: any)."""
    for nouns, codes in _typed_anaphors():
        if nouns.search(phrase):
            return codes
    return None


def _resolve_anaphors(a: Analysis, previous_topic: str | None, discourse: Discourse, gaz: Gazetteer) -> None:
    """Add "das Land", "den Bündnispartner" as occurrences of the actor they refer back to.

    A definite noun phrase does not refer to the subject of its own clause; it refers to the
    first subject of an earlier clause of the sentence, or else to the previous sentence's topic.
    """
    text = a.sentence.text
    added = []
    for p in a.lang.subject_pronouns.finditer(text):
        # sentence-initial or after a colon: "Der Kremlchef sieht einen Ausweg: Er sucht ..."
        pos = p.start(1)
        if pos > 0 and not re.search(r"[:;]\s*[\"„“]?$", text[:pos]):
            continue
        earlier = [o.code for o in a.occurrences if o.end <= pos and o.marker is None and not o.genitive
                   and o.kind != "adjective"]
        code = earlier[0] if earlier else previous_topic
        if code and not any(o.start <= pos < o.end for o in a.occurrences):
            added.append(Occurrence(code, pos, pos + len(p.group(1)), "anaphor", clause=a.clause_id(pos)))
    for p in a.lang.reported_pronouns.finditer(text):
        # "Russia said it would respond": the speaker, the first actor named before as subject
        # (or owner of a title: "Russia's Foreign Ministry said that it condemned ...")
        pos = p.start(1)
        speaker = next((o.code for o in a.occurrences if o.end <= p.start() and o.marker is None
                        and o.kind != "adjective" and not o.compound), None)
        if speaker and not any(o.start <= pos < o.end for o in a.occurrences):
            added.append(Occurrence(speaker, pos, pos + len(p.group(1)), "anaphor", clause=a.clause_id(pos)))
    for p in a.lang.possessive_pronouns.finditer(text):
        # "Seine Invasion der Ukraine", "Its support for Armenia": a genitive of the last topic
        pos = p.start(1)
        if previous_topic and not any(o.start <= pos < o.end for o in a.occurrences):
            o = Occurrence(previous_topic, pos, pos + len(p.group(1)), "anaphor", clause=a.clause_id(pos))
            o.genitive = True
            added.append(o)
    for m in a.lang.anaphors.finditer(text):
        if any(o.start <= m.start() < o.end for o in a.occurrences):
            continue
        clause = a.clause_of(m.start())
        if m.group().lower().startswith(("letzt", "the latter")):
            named = [o.code for o in a.occurrences if o.end <= m.start()]
            code = named[-1] if named else (discourse.recent[-1] if discourse.recent else None)
        elif _opens_clause(text, a.clause_starts[clause], m.start()):
            # "Armenien hat den Vorsitz - das Land, das ...": a clause-initial NP takes up a subject
            earlier = [o for o in a.occurrences if o.end <= m.start() and o.clause != clause
                       and o.marker is None and not o.genitive and not o.compound and o.kind != "adjective"]
            code = earlier[0].code if earlier else previous_topic
        else:
            # "um dem Bündnispartner zur Seite zu stehen": the last actor named that is not
            # the subject, else the previous sentence's topic
            before = [o for o in a.occurrences if o.end <= m.start() and not o.compound and o.agentive]
            first = next((o for o in before if o.marker is None and not o.genitive), None)
            subject = {o.code for o in before if first is not None and o.group == first.group}
            others = [o.code for o in before if o.code not in subject and o.marker != "frame"]
            code = others[-1] if others else (previous_topic if previous_topic not in subject else None)
        kinds = _anaphor_kinds(m.group())
        if kinds is not None and code not in kinds:
            # "die ehemalige Sowjetrepublik" names a post-Soviet state: the last one named
            subjects = {o.code for o in a.occurrences if o.end <= m.start() and o.marker is None and not o.genitive}
            named = [o.code for o in reversed(a.occurrences) if o.end <= m.start()] + list(reversed(discourse.recent))
            code = next((c for c in named if c in kinds and c not in subjects), None)
        if not code:
            continue
        head = m.group().split()[0]
        o = Occurrence(code, m.start(), m.end(), "anaphor", clause=clause, in_relative=clause in a.relative_clauses)
        o.marker = _marker(text, m.start(), a.lang)
        o.genitive = head.lower() in ("des", "dieses") and o.marker is None
        added.append(o)
    for m in a.lang.object_pronouns.finditer(text):
        before = [o for o in a.occurrences if o.end <= m.start() and not o.compound]
        subject = next((o.code for o in before if o.marker is None and not o.genitive), None)
        candidates = [o.code for o in before if o.code != subject]
        code = candidates[-1] if candidates else (previous_topic if previous_topic != subject else None)
        if code:
            added.append(Occurrence(code, m.start(), m.end(), "anaphor", clause=a.clause_id(m.start())))
    if discourse.member_bloc:
        for m in a.lang.member_lists.finditer(text):
            # "The CSTO has six member states. These are Armenia, Belarus, ...": the bloc
            o = Occurrence(discourse.member_bloc, m.start(1), m.end(1), "anaphor", clause=a.clause_id(m.start(1)))
            added.append(o)
    for m in a.lang.bloc_anaphors.finditer(text):
        if any(o.start <= m.start() < o.end for o in [*a.occurrences, *added]):
            continue   # (also the sentence-initial possessive "Its" of "Its member states")
        # the organisation the article is about: most named so far, the latest on a tie
        named = [o.code for o in reversed(a.occurrences) if o.end <= m.start()] + list(reversed(discourse.recent))
        blocs = [c for c in dict.fromkeys(named) if gaz.kind_of(c) == "bloc"]
        bloc = max(blocs, key=lambda c: (discourse.counts.get(c, 0) + named.count(c), -blocs.index(c))) if blocs else None
        if bloc:
            o = Occurrence(bloc, m.start(), m.end(), "anaphor", clause=a.clause_id(m.start()))
            o.marker = _marker(text, m.start(), a.lang)
            head = _words_before(text, m.start(), 1)
            article = (m.group().split() or [""])[0].lower()   # (an implied bloc matches empty)
            o.genitive = o.marker is None and article in ("des", "der", "dieses") \
                and not (head and _AGENT_BEFORE.fullmatch(head[-1])) \
                or m.groupdict().get("owner") is not None   # "die Soldaten des Bündnisses", "ihre Mitglieder"
            added.append(o)
    if added:
        _add(a, added)
