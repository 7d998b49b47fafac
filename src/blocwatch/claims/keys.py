"""The document stage: from the candidates' probabilities to one confidence per claim key.

The candidate scorer (scorer.py) judges each sentence's pair on its own. Whether a document
states a claim also depends on the document: how many candidates back the key and how sure
the best two are, whether the rule engine stated it (or another relation of the pair), how
often and how early the pair is named, how central each actor is to the article (the pair
of its two main actors is what an annotator codes; a side remark about a third country
rarely is), how many actors the best candidate's sentence names (a pair out of "the leaders
of A, B, C and D met" is rarely coded), whether the headline names them, how many claims of
the relation the rules found in the article, how strongly the pair holds another
relation, how often the article speaks of the relation where it names each side (cues of
it in the sentences naming the actor), and, for CONFLICT, whether the article names a war
by one side alone ("the Ukraine war": who wages it is the article's other main actor). A second logistic regression over these, one record per (subject, relation, object) of a document, gives the claim's
confidence. It is fitted on out-of-fold candidate probabilities (training.py), so it sees
what an unseen article gives, and it replaces a calibration of the best probability alone
(CV on ../shared/train: see the README of `blocwatch train` and the issue notes).

Extraction and training build the records with the same function, ``key_records``.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..model import relation_key
from .lexicon import folded

# A key none of whose candidates reaches this probability is not considered (unless the
# rules state it): it would never pass a threshold, and it keeps the records few.
FLOOR = 0.02
BACKING = 0.2    # a candidate "backs" its key from this probability on


def _logit(p: float) -> float:
    p = min(max(p, 1e-3), 1 - 1e-3)
    return math.log(p / (1 - p))


def _count_bucket(k: int) -> str:
    return "0" if k == 0 else "1" if k == 1 else "2-3" if k <= 3 else "4+"


def _first_bucket(k: int) -> str:
    return "0" if k == 0 else "1-2" if k <= 2 else "3-5" if k <= 5 else "6+"


@dataclass
class KeyRecords:
    """One document's claim keys, each with its features, the P(neg) of its best candidate
    and that candidate's index (whose sentence gives the claim's attributes)."""
    keys: list[tuple[str, str, str]]
    features: list[dict[str, float]]
    p_neg: list[float]
    best: list[int]


def key_records(pairs: list[tuple[str, str]], sentences: list[int], n_sentences: int,
                probs: np.ndarray | None, rule_keys: set, relations: list[str], lang: str,
                war_named: frozenset = frozenset(), cue_counts: dict | None = None) -> KeyRecords:
    """The document's keys and their features. ``pairs``: each candidate's (a, b);
    ``sentences``: the index of each candidate's sentence; ``probs``: the candidate scorer's
    (len(pairs), relations + 1) probabilities, the last column P(neg); ``rule_keys``: the
    rule engine's claims as (subject, relation, object, polarity)."""
    n_rel = len(relations)
    column = {r: j for j, r in enumerate(relations)}
    by_key: dict[tuple[str, str, str], list[tuple[float, int]]] = defaultdict(list)
    if probs is not None and len(pairs):
        for i, j in zip(*np.nonzero(probs[:, :n_rel] >= FLOOR)):
            s, o = pairs[i]
            by_key[relation_key(s, relations[j], o)].append((float(probs[i, j]), int(i)))
    ruled = {k[:3] for k in rule_keys}
    ruled_pairs: dict[frozenset, set[str]] = defaultdict(set)
    for s, r, o in ruled:
        ruled_pairs[frozenset((s, o))].add(r)
        by_key.setdefault((s, r, o), [])

    # per unordered pair: its sentences, and per relation its best probability (one
    # vectorised maximum over the candidates, not one per candidate)
    pair_sentences: dict[frozenset, set[int]] = defaultdict(set)
    pair_index: dict[frozenset, int] = {}
    rows = np.empty(len(pairs), dtype=np.int64)
    mentions: dict[str, int] = defaultdict(int)
    # how many actors each sentence pairs: a claim read off a crowded sentence ("the leaders of
    # A, B, C and D met") is rarely what an annotator codes pairwise
    crowd: dict[int, set[str]] = defaultdict(set)
    for i, (a, b) in enumerate(pairs):
        pair = frozenset((a, b))
        rows[i] = pair_index.setdefault(pair, len(pair_index))
        pair_sentences[pair].add(sentences[i])
        crowd[sentences[i]].update(pair)
        mentions[a] += 1
        mentions[b] += 1
    pair_best = np.zeros((len(pair_index), n_rel))
    if probs is not None and len(pairs):
        np.maximum.at(pair_best, rows, probs[:, :n_rel])
    # each pair's best relation and the best after it: the pair's "other" relation for a key
    top = pair_best.argmax(axis=1) if len(pair_index) else np.zeros(0, dtype=np.int64)
    runner_up = np.sort(pair_best, axis=1)[:, -2] if n_rel > 1 and len(pair_index) else np.zeros(len(pair_index))
    # the actors the first sentence (most often the headline) pairs: what the article is about
    in_title = {code for i, pair in enumerate(pairs) if sentences[i] == 0 for code in pair}
    # how many claims of each relation the rules found: an article about arms deliveries
    # states more of them than one that names a delivery in passing
    rule_count: dict[str, int] = defaultdict(int)
    for _, relation, _ in ruled:
        rule_count[relation] += 1
    # centrality: the actors ranked by how many candidates they take part in (ties by code)
    rank = {code: n for n, code in enumerate(sorted(mentions, key=lambda c: (-mentions[c], c)))}

    out = KeyRecords([], [], [], [])
    for key in sorted(by_key):
        s, r, o = key
        found = sorted(by_key[key], reverse=True)
        p1 = found[0][0] if found else 0.0
        p2 = found[1][0] if len(found) > 1 else 0.0
        pair = frozenset((s, o))
        seen = pair_sentences.get(pair, set())
        first = min(seen) if seen else n_sentences
        k = pair_index.get(pair)
        other = 0.0 if k is None else float(runner_up[k] if top[k] == column.get(r) else pair_best[k, top[k]])
        f = {"l1": _logit(p1), f"l1|{r}": _logit(p1), "l2": _logit(p2), "l_other": _logit(other),
             f"back={min(sum(p > BACKING for p, _ in found), 3)}": 1.0,
             f"sents={min(len(seen), 3)}": 1.0, f"first={_first_bucket(first)}": 1.0,
             "position": first / max(n_sentences, 1),
             f"rank_s={min(rank.get(s, 3), 3)}": 1.0, f"rank_o={min(rank.get(o, 3), 3)}": 1.0,
             f"lang={lang}": 1.0, f"title={(s in in_title) + (o in in_title)}": 1.0,
             f"doc_rules={min(rule_count.get(r, 0), 3)}": 1.0}
        if found:
            n = len(crowd[sentences[found[0][1]]])
            size = "2" if n <= 2 else "3" if n == 3 else "4-5" if n <= 5 else "6+"
            f[f"crowd={size}"] = 1.0
            f[f"crowd|{r}={size}"] = 1.0
        if key in ruled:
            f["rule"] = 1.0
            f[f"rule|{r}"] = 1.0
        if ruled_pairs.get(pair, set()) - {r}:
            f["rule_other"] = 1.0
        if cue_counts is not None:
            # how often the article speaks of this relation where it names each side (a war,
            # sanctions, deliveries named around one side make a key of it likelier)
            cs, co = cue_counts.get(s, {}).get(r, 0), cue_counts.get(o, {}).get(r, 0)
            f[f"cues|{r}={_count_bucket(min(cs, co))}-{_count_bucket(max(cs, co))}"] = 1.0
        if r == "CONFLICT" and (s in war_named or o in war_named):
            # the article names a war by this side's name ("the Ukraine war", "Krieg gegen die
            # Ukraine") without its other party: how central the other side is says whose war it is
            other = o if s in war_named else s
            f["war_named"] = 1.0
            f[f"war_named&rank={min(rank.get(other, 3), 3)}"] = 1.0
        best = found[0][1] if found else -1
        out.keys.append(key)
        out.features.append(f)
        out.p_neg.append(float(probs[best, -1]) if best >= 0 and probs is not None else 0.0)
        out.best.append(best)
    return out


def rule_keys_of(claims) -> set[tuple[str, str, str, str]]:
    """The rule engine's claims as keys with polarity (a symmetric pair in its one order)."""
    return {(*relation_key(c.subject, c.relation, c.object), c.polarity) for c in claims}


def confidence(rows: list[dict[str, float]], index: dict[str, int], weights: np.ndarray, bias: float) -> np.ndarray:
    """The document stage's probability for each record (extraction and training both use it)."""
    if not rows:
        return np.zeros(0)
    return 1.0 / (1.0 + np.exp(-(matrix(rows, index) @ weights + bias)))


def matrix(rows: list[dict[str, float]], index: dict[str, int]):
    """The records as a sparse matrix over ``index``'s columns (unknown features dropped)."""
    from scipy.sparse import csr_matrix

    indptr, cols, vals = [0], [], []
    for f in rows:
        for name, value in f.items():
            j = index.get(name)
            if j is not None:
                cols.append(j)
                vals.append(value)
        indptr.append(len(cols))
    return csr_matrix((np.array(vals, dtype=np.float64), np.array(cols, dtype=np.int64), np.array(indptr)),
                      shape=(len(rows), len(index)))


def war_targets(seen: list, lang) -> frozenset[str]:
    """The actors the article names a war by: "the Ukraine war", "der Ukraine-Krieg", "the
    invasion of Ukraine", "der Krieg gegen die Ukraine" (not "Russia's war", "russische
    Invasion": an owner or adjective names who wages it). ``seen``: the sentence analyses."""
    war = lang.war_names.pattern
    after = re.compile(rf"(?:-|\s+){war}" if lang.code == "en" else rf"-{war}", re.I)
    # (an owner may stand between: "der Einmarsch Russlands in die Ukraine")
    before = re.compile(rf"{war}\s+(?:[\w\u2019'-]+\s+)?(?:in|on|of|against|into|inside|gegen|auf|im|in der)\s+"
                        rf"(?:(?:the|die|der|den|des)\s+)?$", re.I)
    found = set()
    for s in seen:
        text, offset = s.sentence.text, s.sentence.start
        if not s.mentions or lang.war_anchors is not None and not any(map(folded(text).__contains__, lang.war_anchors)):
            continue   # both patterns need a war name, and the sentence has none
        for m in s.mentions:
            if m.kind == "adjective":
                continue
            start, end = m.start - offset, m.end - offset
            if after.match(text, end) or before.search(text, max(0, start - 60), start):
                found.add(m.code)
    return frozenset(found)


def cue_counts(seen: list) -> dict[str, dict[str, int]]:
    """Per actor, per relation: in how many sentences naming the actor a cue of the relation
    matched. ``seen``: the sentence analyses."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for s in seen:
        relations = {cue.relation for cue, _ in s.cue_hits}
        for code in {m.code for m in s.mentions}:
            for r in relations:
                out[code][r] += 1
    return {code: dict(rels) for code, rels in out.items()}
