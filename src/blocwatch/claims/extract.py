"""Sentence by sentence: cue -> roles -> polarity, modality, source, time, goods -> Claim.

Cheap before expensive: a sentence is looked at only when it names two different actors
(or an anaphor points back to one) and the literal anchor of some cue occurs in it (a
substring test); only then do cue regexes and role finding run. Most sentences of a news
article stop there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations, groupby

from ..actors.gazetteer import Gazetteer
from ..model import SYMMETRIC, Claim, Mention, Sentence, relation_key
from . import timex
from .goods import goods_in
from .lexicon import Cue, Language
from .modality import modality_of, source_of
from .polarity import is_negated
from .roles import Analysis, Discourse, Occurrence, analyse

_TERMINAL = re.compile(r"""[.!…"“”»«')]\s*$""")
_RELATIVE_PENALTY = 3
# what may stand between a noun and an adjective after it that still belongs to it
_ATTRIBUTE_GAP = re.compile(r"\s*(?:(?:aus|von|vom|from|of|by|durch|der|des|dem|den|die|the|an|a|[\w-]+(?:e|en|er|es|em)"
                            r"|amounts?|quantities|volumes?|barrels|tons|tonnes|cargoes|batches|supplies|massive|record"
                            # adverbs between a verb and its object: "kauft weiterhin russisches Öl"
                            r"|weiterhin|auch|nun|jetzt|noch|mehr|vermehrt|verstärkt|zunehmend|seit|jahren|still|also|now"
                            r"|more|increasingly"
                            # what is delivered, named at length: "the first shipment of the latest generation of"
                            r"|first|latest|new|next|generation|delivery|deliveries|shipment|shipments|consignment|batch)\s+){0,8}", re.I)
# "Kyrgyzstan has purchased": a verb between, so no noun modifying a noun ("EU military aid")
_AUXILIARY = re.compile(r"\s+(?:has|have|had|is|are|was|were|will|would|could|should|can|may|might|must|"
                        r"did|does|do|also|then|now|later|reportedly|recently|already)\b", re.I)
_POSSESSIVE_EN = re.compile(r"\b(?:its|their|his|her)\s+(?:[\w-]+\s+){0,2}$", re.I)
_TAIL_END = re.compile(r"\s(?:und|oder|sowie|and|or)\s|[,;:]")
_POSSESSIVE = re.compile(r"\b(?:sein|seine|seinem|seinen|seiner|seines|ihr|ihre|ihrem|ihren|ihrer|ihres|eigene|eigenen|eigener|eigenes)\s+(?:\w+\s+)?$", re.I)


# where a region (a state's territory named by its own name, "Transnistrien") may stand: as a place only
_PLACE_MARKERS = frozenset({"in", "nach", "auf", "into", "to", "on", "within"})


def _matches(o: Occurrence, marker: str, a: Analysis, cue_start: int, cue_end: int) -> bool:
    if o.marker == "frame":
        return False
    if o.kind == "region" and (marker not in _PLACE_MARKERS or o.marker != marker):
        return False   # "Truppen in Transnistrien" is a deployment to Moldova; "Transnistrien will ..." names no state
    if marker == "before":
        # a compound's first part: "EU-Sanktionen", "OVKS-Mitglied" (the cue may start at the hyphen)
        return (o.end == cue_start and a.sentence.text[cue_start:cue_start + 1] == "-") \
            or a.sentence.text[o.end:cue_start] in ("-", ".-")   # "U.S.-provided"
    if o.compound or (o.start <= cue_start and cue_end <= o.end):
        return False   # "Ukraine-Krieg" names the war, not a party; a cue inside a name is no role
    if o.kind == "adjective" and not o.agentive and marker not in ("adj", "adj_pair"):
        return False   # "deutsche Zeitungen titeln" names no German actor
    if marker in ("nom", "acc", "dat"):
        if o.event and (marker == "nom" or o.kind != "adjective"):
            return False   # "nachdem es ... infolge der russischen Offensive beantragt hatte",
                           # "to support its Ukraine offensive" (but "hat den russischen Angriff
                           # verurteilt" names the object)
        if marker != "nom" and o.clause != a.clause_id(cue_start):
            return False   # a direct object stands in its verb's clause
        if marker == "nom":
            return o.marker is None and not o.genitive
        return o.marker in (None, "dat") and not o.genitive
    if marker == "gen":
        return o.genitive   # English "of X" is its own marker: "ally of Putin" names the partner
    if marker == "adj":
        # "westliche Sanktionen" names the sanctioner; "Sanktionen gegen iranische Firmen" the target
        # (an adjective before the noun belongs to it whatever governs the phrase: "nach der
        # russischen Invasion")
        attributive = o.end <= cue_start and re.fullmatch(r"(?:\s+[\w-]+){0,2}\s*-?", a.sentence.text[o.end:cue_start])
        inside = cue_start <= o.start and o.end <= cue_end   # "aus kirgisischer Produktion"
        if o.kind != "adjective" and a.lang.code == "en" and o.marker is None and not o.genitive \
                and re.fullmatch(r"\.?\s+(?:[a-z-]+\s+)?", a.sentence.text[o.end:cue_start]) \
                and not _AUXILIARY.match(a.sentence.text, o.end):
            return True   # English noun before noun: "EU military aid", "US sanctions"
        # after the noun only as its attribute: "Lieferung russischer Waffen", "Export von
        # russischem Öl", not "Beitritt infolge der ... russischen Offensive"
        after = o.start >= cue_end and o.marker in (None, "aus", "von", "from", "of", "by", "durch", "dat") \
            and _ATTRIBUTE_GAP.fullmatch(a.sentence.text[cue_end:o.start]) is not None
        return o.kind == "adjective" and (bool(attributive) or inside or after)
    if marker in ("any", "any_other"):
        return True
    if marker == "topic":
        # the elided recipient of "möchte keine Waffen liefern" is what the sentence is about
        # (a relative clause is about its own noun: in "South Africa refused to condemn the
        # invasion, a war which has triggered Western sanctions" South Africa is not the target)
        cue_clause = a.clause_id(cue_start)
        if cue_clause in a.relative_clauses and o.clause != cue_clause:
            return False
        return o.code == a.topic and o.marker is None and not o.genitive
    if marker == "appos":
        # "die Türkei, ein Nato-Mitglied," / "Turkey, a NATO member": the head before the apposition
        # (also after an owner: "Armenien, Russlands traditioneller Verbündeter")
        return _APPOSITION.fullmatch(a.sentence.text, o.end, cue_start) is not None
    if marker == "after":
        if o.start < cue_end:
            return False
        gap = a.sentence.text[cue_end:o.start]
        # "OVKS-Mitglied Armenien", "NATO member Premier X": titles only, no verb ("member that wants");
        # a seat after its holder ("unterstützte Regierung in Damaskus")
        return len(gap) <= 25 and _TITLES_GAP.fullmatch(gap) is not None
    return o.marker == a.lang.contractions.get(marker, marker)


def _distance(o: Occurrence, a: Analysis, cue_clause: int, cue_start: int, cue_end: int) -> tuple:
    clause_gap = abs(o.clause - cue_clause)
    if o.in_relative and o.clause != cue_clause:
        clause_gap += _RELATIVE_PENALTY
    if cue_start <= o.start < cue_end:
        return (clause_gap, 0)   # inside a discontinuous cue ("lehnt ab, X anzuerkennen")
    return (clause_gap, min(abs(o.start - cue_start), abs(o.start - cue_end)))


def _is_infinitive(a: Analysis, m: re.Match) -> bool:
    """German zu-infinitive ("zu stützen", "anzuerkennen"): its clause has no subject."""
    if a.lang.code != "de":
        return False
    # "geliefert zu haben", "Armenien helfen zu wollen": the zu-infinitive of an auxiliary or a modal
    return bool(re.search(r"\bzu\s+$", a.sentence.text[max(0, m.start() - 4):m.start()])
                or re.fullmatch(r"\w+zu\w+en", m.group())
                or re.match(r"\s+zu\s+(?:haben|sein|werden|wollen|können|müssen|dürfen|sollen)\b", a.sentence.text[m.end():]))


# the noun of a gerund's phrase: "warned China against providing lethal aid to Russia"
_GERUND_NOUN = re.compile(r"\b(?:of|against|from)\s+(?:provid|send|suppl|deliver|ship|giv|offer)\w*ing\s+(?:[\w-]+\s+){0,2}$", re.I)
_TROOPS = re.compile(r"(?:truppen|soldaten|militärberater|ausbilder|söldner|streitkräfte|kämpfer|troops|soldiers|forces|"
                     r"advis[eo]rs|instructors|mercenaries|peacekeepers|fighters|warships?)\w*\b", re.I)
_APPOSITION = re.compile(r",\s+(?:(?:a|an|the|ein|eine|einem|einer|der|die|das)\s+(?:[\w-]+\s+){0,2}(?:\w+)?"
                         r"|[A-ZÄÖÜ][\w-]*(?:s|'s|\u2019s)\s+(?:[\w-]+\s+){0,2})")
_TITLES_GAP = re.compile(r"(?:[\s-]|[A-ZÄÖÜ][\w-]*|the|die|der|das)*(?:\s(?:in|aus)\s)?(?:[\s-]|[A-ZÄÖÜ][\w-]*)*")
# Relations whose German noun takes its agent in the genitive ("Besuch Orbans", "Hilfe Chinas")
_AGENT_GENITIVE = frozenset({"MEET", "SUPPORT", "SUPPLY", "DEPLOY_FORCES"})
_SUBORDINATE = re.compile(r"\s*(?:dass|daß|ob|weil|obwohl|that|whether|because|although)\b", re.I)
# from a possessor to its noun: "India's largest arms supplier", "Russlands wichtigster Partner"
# (adjectives only: no verb or preposition between)
_OWNER_BEFORE = re.compile(r"(?:'s|\u2019s|'|\u2019)?\s+(?:(?!(?:ist|sind|war|is|are|was|were|hat|has|auf|in|an|mit|von|"
                           r"zu|für|on|to|for|with|of|from)\s)[\w-]+\s+){0,3}", re.I)
_OWNER_RIGHT_BEFORE = re.compile(r"(?:'s|\u2019s|'|\u2019)?\s+(?:[\w-]+\s+)?")
_UNLINKED_PARTNER = re.compile(r"\s+(?:mit|with)\s+(?:dem\s+|der\s+|the\s+)?[A-ZÄÖÜ]")
_REASON = re.compile(r"\b(?:wegen|aufgrund|angesichts|trotz|over|because of|despite|amid)\s+(?:[\w-]+\s+){0,3}$", re.I)
# relations whose object may be an event named by its owner's adjective, even before the
# subject: "Den russischen Angriff verurteilte Serbien", "Die russische Invasion unterstützt China nicht"
# (not MEET: in "Die russische Offensive hat die Ukraine schwer getroffen" nobody meets)
_EVENT_OBJECTS = frozenset({"CRITICIZE", "SUPPORT"})
_CLAUSE_OPENING = re.compile(r"\s*(?:(?:den|die|das|der|dem|the)\s+)?", re.I)


def _opening_event(a: Analysis, o: Occurrence) -> bool:
    """Whether ``o`` is the adjective of an event noun that opens its clause ("Die russische
    Invasion hat ...", "The Russian invasion was ...")."""
    return o.event and o.kind == "adjective" and \
        _CLAUSE_OPENING.fullmatch(a.sentence.text, a.clause_span(a.clause_of(o.start))[0], o.start) is not None
_NEXT_GENITIVE = re.compile(r"\w*\s+(?:(?:des|der|eines|einer)\s+)?(?:[\w-]+\s+)?")


def _pick(a: Analysis, markers, cue_start: int, cue_end: int, exclude: set[str],
          max_clause_gap: int, after: int | None = None, role: str = "subject",
          window: int | None = None, skip_clause: int | None = None,
          events_before: bool = False) -> Occurrence | None:
    """The best occurrence for a role. ``events_before``: an object may be the adjective of
    an event noun before the subject (German object-first order).

    Subjects: nearest clause first, then marker preference, then the earliest (German and
    English put the subject first or right after the verb). Objects: marker preference
    first (a preposition like "nach" is strong evidence), then clause, then distance.
    """
    cue_clause = a.clause_id(cue_start)
    # a recipient named as subject stands in the cue's own clause, unless that clause has
    # no subject at all ("..., dass sie von Russland Waffen kaufen")
    own_nom = any(o.clause == cue_clause and o.marker is None and not o.genitive for o in a.occurrences)
    best = None
    for rank, marker in enumerate(markers):
        for o in a.occurrences:
            if o.code in exclude or not _matches(o, marker, a, cue_start, cue_end):
                continue
            if after is not None and marker in ("acc", "dat") and o.start < after \
                    and not (events_before and a.lang.code == "de" and _opening_event(a, o)):
                continue   # (but an event opening the clause is no doer: "Den russischen Angriff verurteilte Serbien")
            if skip_clause is not None and marker == "nom" and o.clause == skip_clause:
                continue
            if marker == "adj" and window is not None and a.lang.code == "en" and o.start >= cue_end \
                    and o.marker is None:
                continue   # an English noun's adjective stands before it: in "the US sanctions Iranian
                           # airlines" the adjective heads the verb's object
            if role == "subject" and marker == "gen" and a.lang.code == "en" and o.start > cue_end:
                continue   # an English possessor precedes what it owns: "Iran's backing for Syria's army"
            if role == "subject" and marker == "gen" and window is not None and o.start > cue_end \
                    and not _NEXT_GENITIVE.fullmatch(a.sentence.text, cue_end, o.start):
                continue   # a genitive after a noun is its own only right after it ("Angriffskrieg Russlands",
                           # not "seit dem Krieg gegen Georgien sind die Beziehungen Armeniens ...")
            if role == "subject" and marker == "nom" and a.lang.code == "en" and o.start > cue_start \
                    and not _passive_agent(a, cue_start):
                continue   # English subjects stand before their verb ("observers in Moscow accused Astana")
            if marker == "gen" and window is not None and o.end <= cue_start \
                    and not _OWNER_BEFORE.fullmatch(a.sentence.text, o.end, cue_start):
                continue   # a genitive before a noun owns it only right before it ("Russlands Hilfe"), not
                           # "wegen der Sanktionen der EU ist Belarus auf Hilfe Russlands angewiesen"
            if role == "subject" and marker == "by" and o.clause != cue_clause:
                continue   # a passive's agent belongs to its own verb: "China, backed by Russia, criticized ..."
            if role == "subject" and marker in ("nom", "gen") and o.clause != cue_clause and a.lang.code == "en" \
                    and (o.clause > cue_clause or not _clause_continues(a, cue_clause)):
                continue   # an English verb finds its subject in its own clause (SVO)
            if role == "object" and marker == "nom" and o.clause != cue_clause and own_nom:
                continue
            if role == "object" and marker == "nom" and window is not None and a.lang.code == "en" and o.start > cue_end:
                continue   # a noun's unmarked object stands before it ("X is one of Russia's allies"); one after
                           # it is the next verb's subject or object ("its allies supply Ukraine")
            # the window binds a noun's own dependents, not the clause's subject
            if role == "subject" and window is not None and o.end <= cue_start \
                    and marker not in ("nom", "gen", "adj", "adj_pair", "before", "appos", "topic"):
                continue   # "Lieferungen aus dem Iran": a noun's von/aus agent follows it
            if role == "object" and o.bloc and marker in ("in", "im", "into", "nach"):
                continue   # an organisation is no place troops or wars go to
            if window is not None and marker not in ("nom", "topic") and (o.start - cue_end > window or cue_start - o.end > window):
                continue
            gap, dist = _distance(o, a, cue_clause, cue_start, cue_end)
            if gap > max_clause_gap:
                continue
            if role == "subject" or marker == "nom":
                key = (gap, rank, o.start if marker == "nom" else dist)
            else:
                key = (rank, gap, dist)
            if best is None or key < best[0]:
                best = (key, o)
    return best[1] if best else None


# (English "-nt" only in "sent", "spent", ...: "reliant", "dependent" are adjectives)
_PARTICIPLE = {"de": re.compile(r"(?:\w+t|ge\w+en)$", re.I), "en": re.compile(r"\w+(?:ed|en|wn)$|\w*(?:sent|spent|meant|lent)$", re.I)}


def _agentless_passive(a: Analysis, m: re.Match) -> bool:
    """A passive participle cue ("kritisiert wurde", "was criticised") with no von/by agent."""
    # the verb: an English phrase starts with it ("was building a power plant" is no passive),
    # a German one ends with it ("mit Sanktionen belegt wurde")
    words = m.group().split()
    word = (words[0] if a.lang.code == "en" else words[-1]) if words else ""
    if not _PARTICIPLE[a.lang.code].match(word):
        return False
    if a.lang.code == "en":
        # "was criticised", "were deployed", "has been sent" — not "is said to have supplied"
        # ... and the elliptic "if attacked", "when invaded"
        return re.search(r"\b(?:is|was|were|are|been|being|be|if|when|once|unless)\s+(?:\w+ly\s+)?$", a.sentence.text[max(0, m.start() - 30):m.start()]) is not None
    raw = a.clause_of(m.start())
    lo, hi = a.clause_span(raw)
    return bool(a.lang.passive.search(a.sentence.text, lo, hi))


def _implicit_agent(a: Analysis, cue: Cue, m: re.Match) -> Occurrence | None:
    """"den Krieg gegen die Ukraine" in an article about Russia: the war's target is named,
    its agent is the article's protagonist. Only for nouns with a directed object."""
    target = _pick(a, ("gegen", "against", "on", "auf"), m.start(), m.end(), set(), 0, role="object", window=cue.window)
    if target is None or a.discourse is None:
        return None
    agent = next((c for c in a.discourse.protagonists() if c != target.code), None)
    if agent is None:
        return None
    return Occurrence(agent, m.start(), m.start(), "anaphor", clause=a.clause_id(m.start()))


# Relations whose object may be a war: who condemns or backs "Russia's invasion of Ukraine"
# judges Russia ("refused to condemn Russia's invasion" is no word on Ukraine)
_JUDGES_WAR = frozenset({"CRITICIZE", "SUPPORT"})
_DETERMINER = re.compile(r"[\"“”„'’]?\s+(?:(?:the|den|die|das|dem|der)\s+)?", re.I)   # (after a quoted cue: 'it “condemned” U.S. strikes')


def _judged_acts(a: Analysis, cue: Cue) -> re.Pattern:
    """The nouns whose owner a judging cue judges: wars for SUPPORT, also deliveries, visits
    and decisions for CRITICIZE (language.yaml)."""
    return a.lang.criticised_acts if cue.relation == "CRITICIZE" else a.lang.war_nouns


def _war_owner(a: Analysis, cue_end: int, exclude: set[str], acts: re.Pattern) -> Occurrence | None:
    """The actor whose war (or other act in ``acts``) is the object right after the cue:
    "condemned Russia's invasion", "unterstützt Russlands Krieg", "verurteilte den Angriff
    Russlands", "kritisierte die Lieferung französischer Waffen"."""
    text = a.sentence.text
    nouns = acts.pattern
    gap = _DETERMINER.match(text, cue_end)
    if gap is not None:
        return _owner_at(a, gap.end(), exclude, nouns)
    # German puts the participle last: "hat die Lieferung französischer Waffen an Armenien
    # kritisiert"; the object's phrase starts at an article before the cue in its clause
    lo, _ = a.clause_span(a.clause_id(max(0, cue_end - 1)))
    for article in reversed(list(_ARTICLE_BEFORE_ACT.finditer(text, lo, cue_end))):
        previous = text[max(lo, article.start() - 20):article.start()].split()
        if previous and previous[-1].lower() in a.lang.prepositions:
            continue   # "hat die Ukraine nach dem Angriff Russlands unterstützt": no object
        if re.match(rf"(?:[\w-]+\s+)?{nouns}", text[article.end():], re.I):
            return _owner_at(a, article.end(), exclude, nouns)
    return None


_ARTICLE_BEFORE_ACT = re.compile(r"\b(?:den|die|das|dem|der)\s+")


def _owner_at(a: Analysis, start: int, exclude: set[str], nouns: str) -> Occurrence | None:
    """The owner of the war or act whose phrase starts at ``start``."""
    text = a.sentence.text
    for o in a.occurrences:
        if o.code not in exclude and o.start == start and re.match(rf"-{nouns}\b", text[o.end:], re.I):
            return o   # the owner as a compound's first part: "die EU-Sanktionen", "US-Lieferungen"
        if o.code in exclude or o.compound or o.marker == "frame" or o.kind == "region":
            continue
        if o.start == start and (o.genitive or o.kind == "adjective" or a.lang.code == "en"):
            # the owner before its war: "Russia's (full-scale) invasion", "Russlands Krieg", "the
            # Russian invasion", "den russischen Angriff", English noun before noun: "the US decision"
            if re.match(rf"(?:'s?|\u2019s?)?\s+(?:[\w-]+\s+){{0,2}}?{nouns}", text[o.end:], re.I):
                return o
        elif o.start > start and a.lang.code == "de" and (o.genitive or re.search(r"\b(?:des|der)\s+$", text[start:o.start])):
            # the owner after its war: "den Angriff Russlands auf die Ukraine"
            if re.fullmatch(rf"(?:[\w-]+\s+)?{nouns}\s+(?:des\s+|der\s+)?", text[start:o.start], re.I):
                return o
        elif o.start > start and o.kind == "adjective" and o.marker in (None, "von", "of"):
            # the maker of what is delivered: "die Lieferung französischer Waffen", "deliveries of Iranian drones"
            if re.fullmatch(rf"(?:[\w-]+\s+)?{nouns}\s+(?:von\s+|of\s+)?", text[start:o.start], re.I):
                return o
        elif o.start > start and o.marker in ("durch", "by"):
            # the agent of its war: "die Annexion der Krim durch Russland", "the invasion of Ukraine by Russia"
            if re.fullmatch(rf"(?:[\w-]+\s+)?{nouns}\s+(?:[\w-]+\s+){{0,4}}(?:durch|by)\s+(?:the\s+)?",
                            text[start:o.start], re.I):
                return o
    return None


# "traf Putin trotz Kritik der EU", "met Putin despite EU criticism": the critic is named at the
# noun, the criticised is who acts in the clause
_DESPITE = re.compile(r"\b(?:trotz|ungeachtet|despite|amid|in spite of)\s+(?:(?:der|des|the|heftiger|scharfer|massiver|"
                      r"strong|sharp|heavy|fierce|growing|international|western|westlicher)\s+)*(?:[\w-]+\s+)?$", re.I)


def _despite_criticism(a: Analysis, cs: int, ce: int) -> list[tuple[str, str]]:
    """(critic, criticised) of a criticism the clause defies, or nothing when no critic is named."""
    text = a.sentence.text
    critic = next((o for o in a.occurrences if not o.compound and o.marker != "frame" and (
        (o.start >= ce and re.fullmatch(r"\s+(?:(?:der|des|from|von|by)\s+)?(?:the\s+)?", text[ce:o.start]))   # "Kritik der EU", "criticism from the EU"
        or (o.end <= cs and re.fullmatch(r"[\s-]*(?:[\w-]+\s+)?", text[o.end:cs]) and _DESPITE.search(text, max(0, o.start - 80), o.start)))),   # "despite EU criticism"
        None)
    if critic is None:
        return []
    doer = next((o for o in a.occurrences if o.end <= cs and o.marker is None and not o.genitive and not o.compound
                 and o.code != critic.code and o.kind != "adjective"), None)
    return [(critic.code, doer.code)] if doer is not None else []


def _clause_continues(a: Analysis, clause: int) -> bool:
    """Does the clause go on a sentence whose subject stands before it? (", and signed ...",
    a relative clause, or a clause with no word before its verb.)"""
    if clause in a.relative_clauses:
        return True
    start = a.clause_starts[clause] if clause < len(a.clause_starts) else 0
    # (", called for talks and has not condemned ...", ", deploying troops to ...": a verb first
    # continues the subject's series)
    if re.match(r"\s*(?:and|or|but|then)\b", a.sentence.text[start:], re.I):
        return True
    first = re.match(r"\s*([a-z]+)\b", a.sentence.text[start:])
    if first is None or first.group(1) in _NOT_A_VERB:
        return False
    # (a clause opened by a clause word, "said that ...", "when ...", has a subject of its own)
    return not a.lang.clause_words.match(a.sentence.text, start + first.start(1))


def _controlled(a: Analysis, clause: int | None, cue_start: int) -> Occurrence | None:
    """The doer of an infinitive that is not its clause's subject: after a verb of accusing or
    urging, that verb's object ("Die USA werfen Indien vor, Öl aus Russland zu kaufen": India);
    after an intention, its owner ("die Entscheidung Teherans, der SCO beizutreten", "the US
    decision to impose sanctions"). ``clause``: the German zu-infinitive's clause, or None."""
    if a.lang.code == "en":
        intent = a.lang.intent.search(a.sentence.text, max(0, cue_start - 40), cue_start)
        if intent is None:
            return None
        return next((o for o in reversed(a.occurrences) if o.end <= intent.start() and not o.compound
                     and _OWNER_RIGHT_BEFORE.fullmatch(a.sentence.text, o.end, intent.start())), None)
    if clause is None or clause <= 0:
        return None
    lo, hi = a.clause_span(clause - 1)
    owner = [o for o in a.occurrences if o.clause == clause - 1 and o.genitive and not o.compound]
    if owner and a.lang.intent.search(a.sentence.text, max(lo, owner[-1].start - 30), owner[-1].start):
        return owner[-1]   # "begrüßte die Entscheidung Teherans, der SCO beizutreten": Tehran joins
    if not a.lang.control_verbs.search(a.sentence.text, lo, hi):
        return None
    named = [o for o in a.occurrences if o.clause == clause - 1 and o.marker in (None, "dat")
             and not o.genitive and not o.compound and o.agentive]
    return named[-1] if len(named) >= 2 else None


# Lower-case words that start a clause without being its verb (English)
_NOT_A_VERB = frozenset("""the a an this that these those its their his her our it they he she we who which whose
    where when while as if in on at for with by from to of after before since amid despite during under over
    according not no some many most all both each several such than so yet however""".split())


def _relative_antecedent(a: Analysis, cue_start: int) -> Occurrence | None:
    """In "Kasachstan, welches es ablehnt, ... anzuerkennen" the subject is the actor before the comma."""
    clause = a.clause_of(cue_start)
    if clause not in a.relative_clauses:
        return None
    # an unmarked actor of its own is its subject (English: before the verb; "which helped Baku" has none)
    if any(o.clause == clause and o.marker is None and not o.genitive and not o.compound and o.kind != "adjective"
           and (a.lang.code != "en" or o.start < cue_start) for o in a.occurrences):
        return None
    start = a.clause_starts[clause]
    if a.lang.personal_pronouns.search(a.sentence.text, start, cue_start):
        return None   # "Russia, which it accuses of ...": the pronoun is the subject
    before = [o for o in a.occurrences if o.end <= start and start - o.end <= 4 and not o.compound]
    return before[-1] if before else None


def _subject_is_relative_pronoun(a: Analysis, cue_start: int) -> bool:
    """English: the cue stands in a relative clause whose pronoun is its subject and whose
    antecedent names no actor (``_relative_antecedent`` found none); no actor of another
    clause does the act then."""
    if a.lang.code != "en":
        return False
    clause = a.clause_of(cue_start)
    if clause not in a.relative_clauses:
        return False
    start = a.clause_starts[clause]
    # (its pronoun: "..., which helped", "..., whose members sent")
    opener = a.lang.relative.match(a.sentence.text, start)
    if opener is None or opener.end() > cue_start:
        return False
    return not any(o.clause == clause and o.start < cue_start and o.marker is None and not o.genitive
                   for o in a.occurrences)


def _clause_states(a: Analysis, clause: int, markers: set, taken: list[Occurrence], gaz: Gazetteer) -> list[Occurrence]:
    """The actors other than blocs named in ``clause`` with one of ``markers`` (None:
    unmarked), not yet in ``taken``: the members a group_subject cue lists."""
    return [o for o in a.occurrences if o.clause == clause and o not in taken and o.marker in markers
            and not o.genitive and not o.compound and o.agentive and gaz.kind_of(o.code) != "bloc"]


def _group_pairs(members: list[Occurrence], relation: str) -> list[tuple[str, str]]:
    """The pairs of a group that a symmetric phrase relates ("Ungarn und Serbien einigten sich"):
    once for a symmetric relation, both ways for a directed one ("Russia and Belarus signed a
    defence pact": each guarantees the other)."""
    pairs = [(x.code, y.code) for x, y in combinations(members, 2) if x.code != y.code]
    return pairs if relation in SYMMETRIC else pairs + [(y, x) for x, y in pairs]


def _group_of(a: Analysis, o: Occurrence) -> list[Occurrence]:
    # (a region in the list is a place, no party: "recognises neither Kosovo nor Abkhazia")
    return [x for x in a.occurrences if x.group == o.group and (x.kind != "region" or x is o)]


def _passive_agent(a: Analysis, cue_start: int) -> Occurrence | None:
    raw = a.clause_of(cue_start)
    lo, hi = a.clause_span(raw)
    if not a.lang.passive.search(a.sentence.text[lo:hi]):
        return None
    for o in a.occurrences:
        if o.clause == a.main_clause(raw) and o.marker in a.lang.passive_agent:
            return o
    return None


# what may stand between a bloc's name and the noun that describes it: "NATO military
# alliance", "the CSTO as a “bubble alliance”", "the western security alliance NATO"
_DESCRIBES = re.compile(r"[\s\"'“”„‘’-]*(?:(?:as|als|a|an|the|ein|eine|einem|einer|das|die|der|[\w-]+)[\s\"'“”„‘’-]+){0,3}")


# "Verbündete wie China, Belarus oder Kasachstan": examples of a class, not partners of each other
_EXAMPLES = re.compile(r"(?i)\b(?:wie|such as|like|including|darunter|etwa|e\.g\.)\s+(?:the\s+|die\s+|der\s+)?$")


def _names_bloc(a: Analysis, cue_start: int, cue_end: int, gaz: Gazetteer) -> bool:
    """Whether a bloc is written right before or right after the cue word: the word then
    describes that bloc."""
    text = a.sentence.text
    for o in a.occurrences:
        if gaz.kind_of(o.code) != "bloc":
            continue
        if o.end <= cue_start and _DESCRIBES.fullmatch(text[o.end:cue_start]):
            return True
        if o.start >= cue_end and text[cue_end:o.start].strip() == "":
            return True
    return False


def _pairs_from(a: Analysis, cue: Cue, m: re.Match, gaz: Gazetteer, subject: Occurrence) -> list[tuple[str, str]]:
    subjects = _group_of(a, subject)
    obj = None
    if cue.relation in _JUDGES_WAR:
        # "for its part in propping up Russia's war on Ukraine": the war's owner is backed
        obj = _war_owner(a, m.end(), {s.code for s in subjects}, _judged_acts(a, cue))
    obj = obj or _pick(a, cue.object, m.start(), m.end(), {s.code for s in subjects}, 1, after=subject.end,
                       role="object", window=cue.window)
    if obj is None:
        return []
    return [(s.code, o.code) for s in subjects for o in _group_of(a, obj) if s.code != o.code]


# characters from a symmetric cue to the "zwischen"/"between" that names its pair
_BETWEEN_REACH = 30
# characters from a symmetric noun to its own genitive owner ("Zusammenarbeit der USA mit ...")
_OWNER_REACH = 12


def _roles(a: Analysis, cue: Cue, m: re.Match, gaz: Gazetteer) -> list[tuple[str, str]]:
    """(subject, object) code pairs this cue states."""
    cs, ce = m.start(), m.end()
    pairs: list[tuple[str, str]] = []
    if cue.bloc_nouns is not None and cue.bloc_nouns.search(m.group()) and _names_bloc(a, cs, ce, gaz):
        return pairs   # "the NATO military alliance", "The BRICS alliance, composed of ..."
    if cue.relation == "CRITICIZE" and _DESPITE.search(a.sentence.text, max(0, cs - 80), cs):
        return _despite_criticism(a, cs, ce)
    if cue.relation in SYMMETRIC:
        # "die engen Beziehungen zwischen Budapest und Moskau", "the partnership between Russia
        # and China": the pair stands right after the cue, whoever speaks of it ("Die NATO-Staaten
        # äußerten Sorge über ..." is no NATO ALIGN HUN)
        named = next((o for o in a.occurrences if o.marker in ("zwischen", "between") and 0 <= o.start - ce <= _BETWEEN_REACH), None)
        if named is not None and len({o.code for o in _group_of(a, named)}) > 1:
            return [(x.code, y.code) for x, y in combinations(_group_of(a, named), 2) if x.code != y.code]
        # "die Zusammenarbeit der USA mit Australien", "cooperation of Russia with North Korea":
        # the noun's own genitive and its partner
        owner = next((o for o in a.occurrences if (o.genitive or o.marker == "of") and 0 <= o.start - ce <= _OWNER_REACH), None)
        partner = next((o for o in a.occurrences if o.marker in ("mit", "with")
                        and owner is not None and o.start > owner.end and o.start - ce <= _BETWEEN_REACH + 20), None)
        if owner is not None and partner is not None:
            return [(owner.code, p.code) for p in _group_of(a, partner) if p.code != owner.code]

    if "adj_pair" in cue.object or "adj_pair" in cue.subject:
        adjs = [o for o in a.occurrences if o.kind == "adjective" and o.end <= cs]
        for x, y in zip(adjs, adjs[1:]):
            # the pair must qualify the cue: "der saudisch-iranische Deal ... im Ukraine-Krieg" names no war
            if a.sentence.text[x.end:y.start] == "-" and re.fullmatch(r"\w*(?:\s+[\w-]+){0,2}\s*-?", a.sentence.text[y.end:cs]):
                return [(x.code, y.code)]
        # two names joined the same way: "the Russia-China partnership", "die Russland–China-Partnerschaft"
        before = [o for o in a.occurrences if o.end <= cs and o.kind != "adjective"]
        for x, y in zip(before, before[1:]):
            if x.code != y.code and a.sentence.text[x.end:y.start] in ("-", "\u2013", "/") \
                    and re.fullmatch(r"(?:\s+[\w-]+){0,2}\s*-?|-", a.sentence.text[y.end:cs]):
                return [(x.code, y.code)]

    if cue.relation == "MEET" and _UNLINKED_PARTNER.match(a.sentence.text, ce) \
            and not any(o.start >= ce and o.start - ce <= 25 and o.marker in ("mit", "with") for o in a.occurrences):
        return pairs   # "In dem Telefongespräch mit Bennett forderte Putin Kiew auf": the partner is named, but no actor
    subject = None
    controlled = None   # the doer of a zu-infinitive after "wirft X vor" (see _controlled)
    first_word = m.group().split()[0].lower() if m.group().split() else ""   # "propping up": the gerund
    if a.lang.code == "en" and (((first_word.endswith("ing") or re.search(r"ing\s+to\s+$", a.sentence.text[max(0, cs - 12):cs]))
                                 and re.search(r"\b(?:of|for|against|from)\s+(?:\w+ing\s+to\s+)?$"
                                               r"|\bfor\s+(?:its|their|his|her)\s+(?:[\w-]+\s+){0,2}in\s+$",   # "for its role in propping up"
                                               a.sentence.text[max(0, cs - 40):cs]))
                                or _GERUND_NOUN.search(a.sentence.text[max(0, cs - 45):cs])):
        # "accused Pyongyang of supplying shells", "warned Beijing against sending arms": the
        # gerund's subject is the object before "of"
        # (not a passive's agent: "India was targeted by the US for importing oil")
        before = [o for o in a.occurrences if o.end <= cs and o.marker not in ("frame", "by") and not o.compound]
        if before and "nom" in cue.object and "nom" not in cue.subject:
            # a receiving verb: the doer receives ("penalties on India for purchasing Russian
            # energy": Russia supplies India)
            doer = before[-1]
            supplier = _pick(a, cue.subject, cs, ce, {doer.code}, 1, window=cue.window)
            return [(supplier.code, x.code) for x in _group_of(a, doer)
                    if x.code != supplier.code] if supplier is not None else []
        if before:
            return _pairs_from(a, cue, m, gaz, before[-1])
    # (a German noun is no passive verb: in "Von der Nato wird das Manöver mit Sorge beobachtet"
    # NATO observes, it holds no exercise)
    noun = a.lang.code == "de" and m.group()[:1].isupper() and cs > 0
    agent = _passive_agent(a, cs) if "nom" in cue.subject and not noun else None
    # (troops "were deployed" still name their sender: "Russian troops were deployed to ...")
    if agent is None and "nom" in cue.subject and cue.relation != "DEPLOY_FORCES" and _agentless_passive(a, m):
        return pairs   # "..., was in Brüssel kritisiert wurde": who criticised is not said
    if agent is not None:
        subject = agent
        obj = _pick(a, ("nom",), cs, ce, {agent.code}, 0)
        if obj is None and cue.relation == "CRITICIZE":
            # "The Russian invasion was condemned by Serbia": the event opening the clause is
            # the passive's subject, its owner the object (not for SUPPORT: in "Iranian support
            # was welcomed by Russia" Iran supports)
            obj = next((o for o in a.occurrences if o.code != agent.code and o.end <= cs
                        and o.clause == a.clause_id(cs) and _opening_event(a, o)), None)
    else:
        subject = _relative_antecedent(a, cs) if "nom" in cue.subject else None
        skip = a.clause_id(cs) if _is_infinitive(a, m) else None
        controlled = _controlled(a, skip, cs)
        if controlled is not None and "nom" in cue.subject:
            subject = controlled
        possessive = _POSSESSIVE_EN if cue.possessive_subject else _POSSESSIVE
        if cue.possessive_subject and possessive.search(a.sentence.text[max(0, cs - 25):cs]):
            # English "its (traditional) ally": the first actor of the sentence owns it
            owner = next((o for o in a.occurrences if o.end <= cs and o.marker is None and not o.genitive
                          and o.agentive), None)
            subject = subject or owner
        if subject is None and cue.window is not None and possessive.search(a.sentence.text[max(0, cs - 12):cs]):
            # "mit seinem Angriffskrieg gegen die Ukraine": the owner is the actor named last
            # before it in its clause, mostly the subject ("Russland hat mit seinem ..."), but
            # the object where one stands between ("China hat Russland während seiner
            # Invasion unterstützt": Russia's invasion), in its clause or the one before
            clause = a.clause_id(cs)
            before = [o for o in a.occurrences if o.end <= cs and clause - 1 <= o.clause <= clause and o.marker in (None, "dat")
                      and not o.genitive and not o.compound and o.agentive and o.kind != "adjective"]
            subject = before[-1] if before else _pick(a, ("nom",), cs, ce, set(), 1)
        if subject is None and a.lang.code == "en" and "gen" in cue.subject:
            # a possessive right before the cue owns it: "Armenia's request for assistance", not
            # the clause's subject ("The CSTO did not respond to ...")
            subject = next((o for o in a.occurrences if o.genitive and o.end <= cs and not o.compound
                            and _OWNER_RIGHT_BEFORE.fullmatch(a.sentence.text, o.end, cs)), None)
        if subject is None and a.lang.code == "de" and "gen" in cue.subject and cs > 0 and m.group()[:1].isupper() \
                and cue.relation in _AGENT_GENITIVE:
            # a German noun's genitive owns it before the clause's subject: "kritisierte den
            # Besuch Orbans in Moskau", "Orbans Reise nach Moskau" (Orbán travels, not the critic;
            # but "eine Verurteilung Russlands" condemns Russia)
            subject = next((o for o in a.occurrences if o.genitive and not o.compound and (
                (o.end <= cs and re.fullmatch(r"\s+(?:[\w-]+\s+)?", a.sentence.text[o.end:cs])
                 and not any(w.lower() in a.lang.prepositions for w in a.sentence.text[o.end:cs].split()))
                or (o.start >= m.end() and _NEXT_GENITIVE.fullmatch(a.sentence.text, m.end(), o.start)))), None)
        if subject is None and cue.relation == "DEPLOY_FORCES" and _TROOPS.match(a.sentence.text, cs):
            # "berichtet über belarussische Soldaten in Mali": the troops' own adjective
            # or genitive names their sender, before any subject of the clause
            subject = next((o for o in reversed(a.occurrences) if o.end <= cs and (o.kind == "adjective" or o.genitive)
                            and re.fullmatch(r"\s*(?:[\w-]+\s+)?", a.sentence.text[o.end:cs])
                            and not o.compound and o.marker != "frame"), None)
        if subject is None and "nom" in cue.subject and _subject_is_relative_pronoun(a, cs):
            return pairs   # "the bloc, whose members helped Baku": the doer is the antecedent, no actor
        subject = subject or _pick(a, cue.subject, cs, ce, set(), 2, window=cue.window, skip_clause=skip)
        if subject is None and cue.implicit_agent:
            subject = _implicit_agent(a, cue, m)
        if subject is None and cue.window is not None and cue.subject_from_clause:
            # "Russland plant die Lieferung von Waffen an Serbien": a noun without its own
            # agent takes the subject written before it in its clause
            # (not a noun named as a reason: "verhängte wegen der Drohnenlieferungen an Russland
            # Sanktionen gegen den Iran" names no EU deliveries)
            before = [o for o in a.occurrences if o.end <= cs and o.clause == a.clause_id(cs)
                      and _matches(o, "nom", a, cs, ce)]
            subject = before[0] if before and not _REASON.search(a.sentence.text, max(0, cs - 60), cs) else None
        obj = None
    if subject is None and "prev_subject" in cue.subject and a.discourse is not None \
            and cue.relation in a.discourse.last_subject:
        # no subject here: the relation's subject in the sentences just before ("Japan imposed
        # sanctions ... Also hit are companies from Turkey"); the targets stand unmarked too,
        # after the cue or as a passive's subject (not "Turkey criticised the sanctions")
        previous = a.discourse.last_subject[cue.relation][0]
        obj = _pick(a, tuple(cue.object) + ("nom", "acc"), cs, ce, set(previous), 2, role="object", window=cue.window)
        if obj is None or (obj.start < cs and not a.lang.passive.search(a.sentence.text, *a.clause_span(a.clause_of(cs)))):
            return pairs
        return [(s, x.code) for s in previous for x in _group_of(a, obj) if x.code != s]
    if subject is None:
        return pairs
    if cue.object_kind == "bloc" and gaz.kind_of(subject.code) == "bloc":
        if subject.end <= cs and re.fullmatch(r"[\s-]*", a.sentence.text[subject.end:cs]) and not subject.genitive \
                and re.match(r"(?:member|mitglied|partner|ally|allies|verbündet)", m.group(), re.I):
            return pairs   # "NATO member states supported Ukraine": the bloc qualifies the noun; no state is admitted
                           # (but a possessive owns it: "Its members are A and B")
        # "Die Nato hat Finnland aufgenommen": the organisation admits; the state is the member
        state = next((o for o in a.occurrences if o.clause == subject.clause and gaz.kind_of(o.code) != "bloc"
                      and o.marker in (None, "dat") and not o.genitive and not o.compound), None)
        if state is not None:
            members = _group_of(a, state)
            if cue.group_subject:
                # "Der OVKS gehören neben Russland und Belarus auch Armenien und Kasachstan an"
                members += _clause_states(a, state.clause, {None, "dat"}, members, gaz)
            return [(x.code, subject.code) for x in members if x.code != subject.code]
    subjects = _group_of(a, subject)
    if cue.group_subject:
        # "Zur OVKS gehören neben Russland und Kasachstan auch Armenien, Belarus ...": every
        # state named unmarked in the clause
        allowed = {None, "mit"} if "mit" in cue.subject else {None}
        subjects += _clause_states(a, subject.clause, allowed, subjects, gaz)
    if cue.object_kind == "bloc":
        subjects = [s for s in subjects if gaz.kind_of(s.code) != "bloc"] or subjects
    if obj is None and "gen" in cue.object and cue.window is not None and a.lang.code == "en" \
            and _POSSESSIVE_EN.search(a.sentence.text[max(0, cs - 12):cs]):
        # "sanctioned Egypt over its purchase of Russian Su-35 fighters": the owner of "its" is the
        # actor named last before it
        owner = [o for o in a.occurrences if o.end <= cs and o.code not in {s.code for s in subjects}
                 and not o.compound and o.agentive and o.kind != "adjective"]
        obj = owner[-1] if owner else None
    if obj is None and controlled is not None and "nom" in cue.object and "nom" not in cue.subject \
            and controlled.code not in {s.code for s in subjects}:
        obj = controlled   # "warf Indien vor, Öl aus Russland zu kaufen": India buys
    if obj is None:
        exclude = {s.code for s in subjects}
        if cue.relation in _JUDGES_WAR:
            acts = _judged_acts(a, cue)
            obj = _war_owner(a, ce, exclude, acts)
            gap = _DETERMINER.match(a.sentence.text, ce)
            if obj is None and gap is not None and re.match(rf"(?:[\w-]+\s+)?{acts.pattern}\s+(?:of|against|on|to|gegen|auf|an)\b",
                                                            a.sentence.text[gap.end():], re.I):
                return pairs   # "condemned the invasion of Ukraine": who invades is not named, the victim is not judged
        if obj is None and "nom" in cue.object and cue.window is None:
            # a relative clause's missing nominative is its antecedent, whatever governs it:
            # "tension with Minsk, which has drawn criticism from Vilnius"
            ante = _relative_antecedent(a, cs)
            obj = ante if ante is not None and ante.code not in exclude else None
        obj = obj or _pick(a, cue.object, cs, ce, exclude, 2, after=subject.end, role="object", window=cue.window,
                           events_before=cue.relation in _EVENT_OBJECTS)
    if cue.object_kind and (obj is None or gaz.kind_of(obj.code) != cue.object_kind):
        # Membership statements name one organisation: take it wherever it stands.
        # (a bloc as the first part of a compound only right before the cue: "OVKS-Mitglied",
        # not "laut EU-Diplomaten hatte Orban den Raum verlassen")
        blocs = [o for o in a.occurrences if gaz.kind_of(o.code) == cue.object_kind
                 and o.code not in {s.code for s in subjects}
                 and o.marker != "frame" and (not o.compound or re.fullmatch(r"[\s-]*", a.sentence.text[o.end:cs]))]
        if "before" in cue.object and any(o.end <= cs for o in blocs):
            blocs = [o for o in blocs if o.end <= cs]   # "the G7, which also includes ..., and a NATO partner"
        obj = min(blocs, key=lambda o: abs(o.start - cs)) if blocs else None
        if obj is None:
            return pairs   # "die Kämpfe wieder aufgenommen": no organisation, no membership
    if cue.object_kind and obj is not None:
        # "Mitglied in der EAWU und in der OVKS": every organisation of the clause
        # (governed like it: not "a member of the G7 ... and a NATO partner")
        same = [o for o in a.occurrences if gaz.kind_of(o.code) == cue.object_kind and o.clause == obj.clause
                and o.code not in {s.code for s in subjects} and o.marker not in ("von", "mit", "gegen")
                and (o.group == obj.group or o.marker == obj.marker)]
        return [(s.code, o.code) for s in subjects for o in (same or [obj]) if s.code != o.code]
    if obj is None and "prev_object" in cue.object and a.discourse is not None:
        # "Russland entsandte Truppen nach Kasachstan. Auch Belarus schickte Soldaten.": the
        # object of the same relation in the sentence before
        previous = [c for c in a.discourse.last_object.get(cue.relation, []) if c not in {s.code for s in subjects}]
        if previous:
            return [(s.code, c) for s in subjects for c in previous]
    if obj is None and len({s.code for s in subjects}) > 1 and a.lang.reciprocal.search(a.sentence.text):
        # "Beide Seiten warfen sich gegenseitig vor, ...": each acts on the other
        return [(x.code, y.code) for x in subjects for y in subjects if x.code != y.code]
    if obj is None:
        # "Ungarn und Serbien einigten sich": the members of one small group pair up; a long
        # list (the members of a bloc) states no relation among its members.
        if cue.symmetric_group and 1 < len({s.code for s in subjects}) <= 4 \
                and not _EXAMPLES.search(a.sentence.text[max(0, subjects[0].start - 14):subjects[0].start]):
            return _group_pairs(subjects, cue.relation)
        return pairs
    pair_codes = {s.code for s in subjects}
    # a group's members pair up unless the object is a partner named as such ("Mali und Niger
    # haben sich an Russland angenähert": each of them with Russia)
    if cue.symmetric_group and 1 < len(pair_codes) <= 4 \
            and obj.marker not in ("mit", "with", "zwischen", "between", "an", "zu", "to", "toward", "towards", "alongside") \
            and not _matches(obj, "acc", a, cs, ce):
        return _group_pairs(subjects, cue.relation)
    if obj.code in pair_codes and len(pair_codes) > 1 and a.lang.reciprocal.search(a.sentence.text):
        # "Russia and North Korea pledged to help each other": each acts on the other
        return sorted({(x, y) for x in pair_codes for y in pair_codes if x != y})
    objects = _group_of(a, obj)
    for s in subjects:
        for o in objects:
            if s.code != o.code:
                pairs.append((s.code, o.code))
    return pairs


@dataclass
class SentenceAnalysis:
    """What the rule engine saw in one sentence: its analysis (None when the cheap filter
    stopped it) and the claims its cues state. Kept so that later components (candidates,
    features) reuse the analysis instead of computing it again."""
    sentence: Sentence
    mentions: list[Mention]
    analysis: Analysis | None
    claims: list[Claim]
    goods: list[str]
    cue_hits: list[tuple[Cue, re.Match]]
    # relations a cue would state but its skip_if vetoes ("Gegner der Sanktionen gegen"):
    # the scorer may not state them from this sentence either
    vetoed: frozenset[str] = frozenset()
    pub_date: str | None = None

    # read when a claim needs them, not for every sentence with two actors (most state none)
    @cached_property
    def times(self) -> list[tuple[int, str]]:
        """The sentence's time expressions: (offset, ISO date)."""
        return timex.resolve_all(self.sentence.text, self.pub_date)

    @cached_property
    def source(self) -> str | None:
        """Who the sentence says reports it, if anyone."""
        return source_of(self.sentence.text)


def analyse_sentence(sentence: Sentence, mentions: list[Mention], lang: Language, gaz: Gazetteer,
                     pub_date: str | None, discourse: Discourse | None = None,
                     keep_pairs: bool = False) -> SentenceAnalysis:
    """The rule engine on one sentence. With ``keep_pairs`` a sentence that names two actors
    (or points back to one) is analysed even when no cue matched, so that a trained scorer can
    judge its actor pairs (the analysis then also feeds the discourse, so anaphors of later
    sentences may resolve a little differently)."""
    discourse = discourse if discourse is not None else Discourse()
    text = sentence.text
    codes = [m.code for m in mentions]
    question = text.rstrip().endswith("?")
    no_cues = question or not _TERMINAL.search(text)
    anaphoric = None
    if not codes and not no_cues:
        # A sentence that names no actor states a claim only through an anaphor of one named
        # before: without one its cues (and goods) are not even looked up (the cue matches of
        # a sentence without actors feed nothing else)
        anaphoric = _anaphoric(text, lang)
        no_cues = not (anaphoric and (discourse.topic or discourse.recent))
    sentence_goods = goods_in(text) if codes or not no_cues else []
    matches, vetoed = ([], frozenset()) if no_cues else _cue_matches(text, lang, bool(sentence_goods))
    cheap_exit = not matches
    if len(set(codes)) < 2 and (matches or keep_pairs):
        if anaphoric is None:
            anaphoric = _anaphoric(text, lang)
        # (or a cue whose missing subject the sentences before name: "A company in the UAE has
        # been subjected to an asset freeze")
        inherited = any("prev_subject" in cue.subject and cue.relation in discourse.last_subject for cue, _ in matches)
        cheap_exit = not ((anaphoric and (discourse.topic or discourse.recent)) or (inherited and codes))
    elif keep_pairs and not question:
        cheap_exit = False
    member_bloc = next((c for c in codes if gaz.kind_of(c) == "bloc"), None) \
        if codes and lang.member_words.search(text) else None
    if cheap_exit:
        discourse.update(_cheap_topic(text, mentions, sentence, lang), codes)
        discourse.last_object = {}
        discourse.member_bloc = member_bloc
        return SentenceAnalysis(sentence, mentions, None, [], sentence_goods, matches, vetoed, pub_date)
    a = analyse(sentence, mentions, gaz, lang, discourse)
    seen = SentenceAnalysis(sentence, mentions, a, [], sentence_goods, matches, vetoed, pub_date)
    out: list[Claim] = []
    for cue, m in matches:
        out.extend(_claims_for_cue(a, cue, m, gaz, pub_date, seen.times, seen.source, sentence_goods))
    discourse.update(a.topic, codes)
    objects: dict[str, list[str]] = {}
    subjects: dict[str, list[str]] = {}
    for c in out:
        objects.setdefault(c.relation, [])
        if c.object not in objects[c.relation]:
            objects[c.relation].append(c.object)
        if c.polarity == "pos" and c.subject not in subjects.setdefault(c.relation, []):
            subjects[c.relation].append(c.subject)
    discourse.last_subject.update({r: (codes_, 0) for r, codes_ in subjects.items()})
    discourse.last_object = objects   # only the sentence right before counts
    discourse.member_bloc = member_bloc
    seen.claims = _negative_wins(out)
    return seen


def _claims_for_cue(a: Analysis, cue: Cue, m: re.Match, gaz: Gazetteer, pub_date: str | None,
                    times: list[tuple[int, str]], source: str | None, sentence_goods: list[str]) -> list[Claim]:
    """The claims one cue match states: roles, then polarity, modality, time and goods."""
    text, lang, sentence = a.sentence.text, a.lang, a.sentence
    clause = a.clause_of(m.start())
    lo, hi = a.clause_span(clause)
    if cue.clause_needs is not None and not cue.clause_needs.search(text, lo, hi):
        return []
    if _demanded(text, lo, m, lang):
        return []
    pairs = _roles(a, cue, m, gaz)
    if not pairs:
        return []
    subject_at = min([o.start for o in a.occurrences if o.code == pairs[0][0] and o.start <= m.start()] + [lo])
    polarity = cue.polarity or ("pos" if cue.ignore_negation else _polarity(a, cue, m, clause, lo, hi, pairs[0][0]))
    # a plan or wish may sit in the clause of the subject: "Teheran will Armenien
    # nutzen, um Lieferungen an Syrien zu tarnen"
    modality = modality_of(text, text[subject_at:hi], lang, cue.modality)
    # No time in the sentence: the article speaks of its own day (month precision).
    stated = timex.nearest(times, m.start())
    time = stated or (pub_date[:7] if pub_date else None)
    basis = "stated" if stated else ("published" if time else None)
    # goods named near the cue ("Munition, Panzer- und Haubitzengeschosse nach Russland
    # geschickt"), else anywhere in the sentence
    goods = (goods_in(text[max(0, m.start() - 60):m.end() + 50]) or sentence_goods) if cue.relation == "SUPPLY" else []
    out = []
    for subj, obj in pairs:
        out.append(Claim(subj, cue.relation, obj, polarity, modality, time, source, goods,
                         text, sentence.start, sentence.end, cue=m.group(), time_basis=basis))
        for pattern, implied in cue.implies_if:
            if pattern.search(text):
                for imp in implied:
                    s, o = (obj, subj) if imp.get("swap") else (subj, obj)
                    out.append(Claim(s, imp["relation"], o, imp.get("polarity", "pos"), modality, time,
                                     source, [], text, sentence.start, sentence.end, cue=m.group(),
                                     time_basis=basis))
    return out


_NOUN_PREPOSITION = re.compile(r"\b(?:auf|an|zu|über|für|mit|nach|to|for|on|with|about)\s", re.I)


def _polarity(a: Analysis, cue: Cue, m: re.Match, clause: int, lo: int, hi: int, subject: str) -> str:
    """neg when a negator stands in the cue's scope, or a negating verb right before it."""
    text, lang = a.sentence.text, a.lang
    if cue.window is not None:
        # a noun is negated by its own determiner: "keine Waffenlieferungen"; a negator before a
        # preposition that governs the noun negates another verb ("reagierte nicht auf die Bitte
        # Armeniens") unless that verb's subject is the claim's ("Die Türkei beteiligt sich nicht
        # an den Sanktionen gegen Russland")
        start = max(lo, m.start() - 25)
        governing = list(_NOUN_PREPOSITION.finditer(text, start, m.start()))
        if _NOUN_PREPOSITION.match(text, m.start()):
            scope = (m.start(), m.end())
        elif governing:
            prep = governing[-1].start()
            own = [o.end for o in a.occurrences if o.code == subject and o.clause == clause and o.end <= prep
                   and o.marker is None and not o.genitive]
            scope = (max(own) if own else governing[-1].end(), m.end())
        else:
            scope = (start, m.end())
    elif clause in a.relative_clauses:
        scope = (lo, hi)
    else:
        # from the subject to the cue, and a short tail after it ("liefert keine
        # Waffen", "unterstützt Russland nicht") up to the next coordination
        first = min([o.start for o in a.occurrences if o.code == subject] + [lo])
        if _SUBORDINATE.match(text, lo):
            first = lo   # "können nicht ignorieren, dass sich das Land der EU zuwendet": the
                         # negation outside a dass-clause is not its own
        tail = _TAIL_END.search(text, m.end(), hi)
        scope = (min(first, lo), min(hi, tail.start() if tail else hi, m.end() + 60))
    if is_negated(text, scope[0], scope[1], lang) or lang.negating_verbs.search(text[max(0, m.start() - 60):m.start()]):
        return "neg"
    post = lang.post_negators.search(text, m.end(), min(hi, m.end() + 80))
    if post and not (post.group().lower() == "eingestellt" and re.search(r"\bsich\b", text[lo:m.start()])):
        # (not the reflexive "sich ... eingestellt", arisen: "nachdem sich breite Zustimmung zum
        # Beitritt Schwedens eingestellt hat")
        return "neg"   # "hat eine Anerkennung der Volksrepubliken abgelehnt"
    return "pos"


_INFINITIVE_DE = re.compile(r"\bzu\s+\w+\s*$|\w+zu\w+en$", re.I)
_INFINITIVE_EN = re.compile(r"\bto\s+(?:\w+\s+)?$|\bnot\s+to\s+(?:\w+\s+)?$", re.I)


def _demanded(text: str, clause_start: int, m: re.Match, lang: Language) -> bool:
    """Is the cue an infinitive demanded by someone ("zwingt Indien, kein Öl mehr zu kaufen",
    "urged India to stop buying")? Then the event is not stated to happen."""
    if lang.code == "de":
        tail = text[m.start():m.end() + 1]
        if not (re.search(r"\bzu\s+$", text[max(0, m.start() - 4):m.start()]) or _INFINITIVE_DE.search(m.group())
                or re.match(r"\w*zu\w+en\b", tail)):
            return False
    else:
        if not _INFINITIVE_EN.search(text[max(0, m.start() - 20):m.start()]):
            return False
    return lang.directives.search(text, max(0, clause_start - 120), m.start()) is not None


def _anaphoric(text: str, lang: Language) -> bool:
    """Whether the sentence has a word that may point back to an actor named before."""
    return bool(lang.anaphors.search(text) or lang.subject_pronouns.search(text) or lang.possessive_pronouns.search(text)
                or lang.pair_anaphors.search(text)
                or lang.bloc_anaphors.search(text) or lang.object_pronouns.search(text)
                or lang.plural_pronouns.search(text))


def _cue_matches(text: str, lang: Language, has_goods: bool) -> tuple[list[tuple[Cue, re.Match]], frozenset[str]]:
    """Every cue match of the sentence, and the relations whose cue matched but a skip_if
    vetoed. Of the matches, those inside a longer match of the same relation are dropped
    (the general "anzuerkennen" inside "lehnt es ab, ... anzuerkennen") and nouns inside a
    longer phrase of another (the ALIGN noun "Bündnis" inside "löst sich aus dem Bündnis").
    A verb inside another relation's phrase stays: "unterstützt X mit Waffen" is SUPPORT
    and SUPPLY."""
    found = []
    vetoed = set()
    for cue in lang.cues_for(text.lower()):
        if cue.needs_goods and not has_goods:
            continue
        # the cue's own pattern first: four in five cues whose anchors the sentence has do
        # not match, and then neither their needs nor their skip_if matter
        matches = list(cue.pattern.finditer(text))
        if not matches:
            continue
        if cue.needs is not None and not cue.needs.search(text):
            continue
        if cue.skip_if is not None and cue.skip_if.search(text):
            vetoed.add(cue.relation)
            continue
        found.extend((cue, m) for m in matches)
    spans = [(m.start(), m.end()) for _, m in found]
    # a match is compared only with those that can hold it: its own relation's, or every
    # relation's for a noun (cue.window)
    by_relation: dict[str, list[int]] = {}
    for k, (cue, _) in enumerate(found):
        by_relation.setdefault(cue.relation, []).append(k)
    held = [False] * len(found)
    for ks in by_relation.values():
        if len(ks) > 1:
            for k, inside in zip(ks, _held([spans[k] for k in ks])):
                held[k] = inside
    if any(cue.window is not None for cue, _ in found):
        held_by_any = _held(spans)
        held = [h if cue.window is None else h_any for h, h_any, (cue, _) in zip(held, held_by_any, found)]
    kept = [match for match, inside in zip(found, held) if not inside]
    return kept, frozenset(vetoed)


def _held(spans: list[tuple[int, int]]) -> list[bool]:
    """For each (start, end) of ``spans``, whether a longer one of them holds it: in one
    sweep by start (the longer first), each span is held when a span before it reaches as
    far (one cue's matches never overlap, so two matches of the same place are two cues'
    and do not hold each other)."""
    held = [False] * len(spans)
    reach = -1
    for (_, end), same in groupby(sorted(range(len(spans)), key=lambda k: (spans[k][0], -spans[k][1])),
                                  key=spans.__getitem__):
        inside = reach >= end
        for k in same:
            held[k] = inside
        reach = max(reach, end)
    return held


def _negative_wins(claims: list[Claim]) -> list[Claim]:
    """Within one sentence a pair stated both ways keeps the negative reading: the general
    cue ("anzuerkennen") fired beside the specific negative one ("lehnt es ab, anzuerkennen")."""
    negative = {(c.subject, c.relation, c.object) for c in claims if c.polarity == "neg"}
    return [c for c in claims if c.polarity == "neg" or (c.subject, c.relation, c.object) not in negative]


def _cheap_topic(text: str, mentions: list[Mention], sentence: Sentence, lang: Language) -> str | None:
    """Topic of a sentence not worth a full analysis: its first actor not after a preposition."""
    for m in mentions:
        before = text[max(0, m.start - sentence.start - 25):m.start - sentence.start].split()
        if m.kind != "adjective" and (not before or before[-1].lower() not in lang.prepositions):
            return m.code
    return None


_MODALITY_RANK = {"asserted": 0, "reported": 1, "possible": 2}


def merge(claims: list[Claim]) -> list[Claim]:
    """One claim per (subject, relation, object, polarity), as the contract asks.

    The most certain statement is kept (asserted over reported over possible); others of the
    same certainty add their goods; any fills a missing time or source. So "China supplies
    dual-use goods" and "China could supply weapons" do not merge into "supplies weapons".
    """
    by_key: dict[tuple, Claim] = {}
    for c in claims:
        c.subject, _, c.object = relation_key(c.subject, c.relation, c.object)   # the stored order
        k = c.key()
        kept = by_key.get(k)
        if kept is None:
            by_key[k] = c
            continue
        if _MODALITY_RANK[c.modality] < _MODALITY_RANK[kept.modality]:
            if not c.time:
                c.time, c.time_basis = kept.time, kept.time_basis
            c.source = c.source or kept.source
            by_key[k] = c
            continue
        if not kept.time:
            kept.time, kept.time_basis = c.time, c.time_basis
        kept.source = kept.source or c.source
        if c.modality == kept.modality:
            kept.goods.extend(g for g in c.goods if g not in kept.goods)
    return list(by_key.values())
