"""Training the scorer from gold claims in the contract's format, with grouped cross-validation.

    blocwatch train [--gold GOLD.jsonl --articles DIR]... [--out MODEL.npz] [--folds 5]

Labels: a candidate (ordered actor pair of a sentence) is positive for a relation when its
document's gold holds that relation between the pair (either order for a symmetric one);
gold marked optional counts neither way (its weight is 0). The scorer's probabilities are
checked by k-fold cross-validation grouped by document (a document is never in the fold it
is scored in), at the level the contract scores: one claim per document and key. The
document stage (keys.py) is fitted on the out-of-fold candidate probabilities and checked on
the same folds; the thresholds are chosen on its out-of-fold confidences; the shipped
candidate scorer is then fitted on every document. Deterministic: same data, same model file.

scikit-learn fits; the model ships as plain arrays (scorer.py), so extraction needs numpy only.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..model import RELATIONS, Document, ReadError, relation_key
from .features import features, view_of
from .keys import KeyRecords, confidence, cue_counts, key_records, matrix as key_matrix, rule_keys_of, war_targets
from .scorer import within_lexicon

# The relations the analyses lean on: their threshold (and whether the rule engine's claims
# must reach it too) is chosen for this cross-validated precision, where the data allow
# (choose_thresholds).
PRECISION_FIRST = {"MEMBER_OF": 0.8, "SUPPLY": 0.8, "SUPPORT": 0.8, "DEPLOY_FORCES": 0.8, "REQUEST_AID": 0.8}
GLOBAL_GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)   # global thresholds tried (CV F1 peaks at 0.3-0.4)
F1_TIE = 0.005     # global thresholds whose F1 is this close to the best count as equal
KEEP_RECALL = 0.5   # a precision target bought with more than half the recall is not taken
MIN_COUNT = 2      # a feature seen in fewer training candidates is dropped
C = 0.2            # inverse regularisation strength of every regression (CV: 0.2 >= 0.5, 1.0)
ROUNDS = 2         # fitting rounds (see fit)
RELABEL_SHARE = 0.5
WEAK = 0.3
# Thresholds are chosen on this corpus's out-of-fold predictions when it is among the sources:
# it is annotated like the hidden set and was not read while the rules were written, so the
# rule claims there are not flattered (on dev and team they are; CV: train F1 +0.01).
THRESHOLD_CORPUS = "train"
OFF_EVIDENCE = 0.3   # weight of a gold pair's candidate outside its quoted sentence, as a negative
KEY_C = 1.0          # inverse regularisation of the document stage (few, dense features)


@dataclass
class GoldDoc:
    doc_id: str
    corpus: str
    language: str
    required: dict[tuple[str, str, str], str] = field(default_factory=dict)   # key -> polarity
    # the core gold claims as score.py counts them: a key stated both ways ("Iran denies
    # supplying drones", which the article also reports as fact) is two claims
    claims: set[tuple[str, str, str, str]] = field(default_factory=set)
    optional: set[tuple[str, str, str]] = field(default_factory=set)
    candidates: list[list[str]] = field(default_factory=list)   # features per candidate
    pairs: list[tuple[str, str]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)   # sentences each candidate spans
    evidence: dict[tuple[str, str, str], set[int]] = field(default_factory=dict)   # key -> its sentences
    rule_keys: set[tuple[str, str, str, str]] = field(default_factory=set)
    sentences: int = 0
    war_named: frozenset = frozenset()   # keys.war_targets
    cue_counts: dict = field(default_factory=dict)   # keys.cue_counts


def load_gold(path: Path) -> dict[str, dict]:
    out = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                d = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
            out[d["doc"]] = d
    return out


_QUOTED = re.compile('["\u201e\u201c\u201d]([^"\u201e\u201c\u201d]{4,}?)["\u201c\u201d]')   # "..", „..“, “..”
_CUT = re.compile("\\.\\.\\.|\u2026|\\[[^\\]]*\\]")   # "..." and "[...]" cut a quotation
MIN_QUOTE = 8   # shorter quoted fragments ("Partner") match too many sentences to place a claim


def _normal(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text)


def load_quotes(path: Path) -> dict[str, dict[tuple[str, str, str], list[str]]]:
    """From the compact gold form (gold.txt: ``S REL O [flags]  # note``), the quoted fragments
    of each claim's evidence note, per document and key: what places a claim in its sentence.
    Notes without a quotation (paraphrases) give nothing; a missing file gives nothing."""
    out: dict[str, dict] = {}
    if not path.is_file():
        return out
    quotes = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# doc "):
            quotes = out.setdefault(line[6:].strip(), {})
            continue
        body, _, note = line.partition("#")
        words = body.split()
        if quotes is None or len(words) < 3 or words[1] not in RELATIONS:
            continue
        for q in _QUOTED.findall(note):
            for part in _CUT.split(q):
                part = _normal(part).strip(" ,.;:")
                if len(part) >= MIN_QUOTE:
                    quotes.setdefault(relation_key(words[0], words[1], words[2]), []).append(part)
    return out


def build_corpus(sources: list[tuple[Path, Path, str]], progress=None) -> list[GoldDoc]:
    """Read and featurise every article that has gold. ``sources``: (gold, articles, name);
    a gold.txt beside the gold file lends its evidence quotes (see load_quotes)."""
    from ..pipeline import make_candidates, parse
    from ..read import read_paths

    docs = []
    for gold_path, articles, name in sources:
        gold = load_gold(gold_path)
        quotes = load_quotes(gold_path.with_suffix(".txt"))
        for item in read_paths([str(articles)]):
            if isinstance(item, ReadError):
                print(f"train: skipped {item}", file=sys.stderr)
                continue
            g = gold.get(item.doc_id)
            if g is None:
                continue
            docs.append(_featurise(item, g, name, parse, make_candidates, quotes.get(item.doc_id, {})))
            if progress:
                progress(len(docs))
    return docs


def _featurise(document: Document, g: dict, corpus: str, parse, make_candidates, quotes: dict) -> GoldDoc:
    parsed = parse(document)
    make_candidates(parsed)
    texts = [_normal(seen.sentence.text) for seen in parsed.seen]
    out = GoldDoc(document.doc_id, corpus, parsed.lang.code, sentences=len(parsed.seen))
    for c in g["claims"]:
        k = relation_key(c["subject"], c["relation"], c["object"])
        if c.get("optional"):
            out.optional.add(k)
        else:
            out.required[k] = c.get("polarity", "pos")
            out.claims.add((*k, c.get("polarity", "pos")))
    out.optional -= set(out.required)
    views = {}
    for cand in parsed.candidates:
        view = views.get(id(cand.seen))
        if view is None:
            view = views[id(cand.seen)] = view_of(cand.seen, parsed.lang)
        out.candidates.append(features(cand, view, parsed.gazetteer))
        out.pairs.append(cand.pair)
        out.spans.append((cand.at - 1 if cand.earlier else cand.at, cand.at))
    for key, fragments in quotes.items():
        found = {k for k, text in enumerate(texts) for f in fragments if f in text}
        if found and key in out.required:
            out.evidence[key] = found
    out.rule_keys = rule_keys_of(parsed.rule_claims)
    out.war_named = war_targets(parsed.seen, parsed.lang)
    out.cue_counts = cue_counts(parsed.seen)
    return out


def candidate_recall(docs: list[GoldDoc]) -> float:
    """Share of gold core claims whose actor pair is among the document's candidates."""
    hit = total = 0
    for d in docs:
        pairs = {frozenset(p) for p in d.pairs}
        for (s, _, o) in d.required:
            total += 1
            hit += frozenset((s, o)) in pairs
    return hit / total if total else 0.0


def _labels(docs: list[GoldDoc]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per candidate and relation: label and weight; per candidate: negated label and weight."""
    rows = sum(len(d.pairs) for d in docs)
    y = np.zeros((rows, len(RELATIONS)), dtype=np.int8)
    w = np.ones((rows, len(RELATIONS)), dtype=np.float64)
    neg = np.zeros(rows, dtype=np.int8)
    neg_w = np.zeros(rows, dtype=np.float64)
    i = 0
    for d in docs:
        for (s, o), (first, last) in zip(d.pairs, d.spans):
            for j, r in enumerate(RELATIONS):
                k = relation_key(s, r, o)
                placed = d.evidence.get(k)
                if placed is not None and not (first in placed or last in placed):
                    w[i, j] = OFF_EVIDENCE   # the pair, but not in the sentence the gold quotes
                elif k in d.required:
                    y[i, j] = 1
                    neg_w[i] = 1.0
                    neg[i] = max(neg[i], d.required[k] == "neg")
                elif k in d.optional:
                    w[i, j] = 0.0
            i += 1
    return y, w, neg, neg_w


def _matrix(rows: list[list[str]], index: dict[str, int]):
    from scipy.sparse import csr_matrix

    indptr, cols = [0], []
    for feats in rows:
        cols.extend(sorted({index[f] for f in feats if f in index}))
        indptr.append(len(cols))
    return csr_matrix((np.ones(len(cols)), np.array(cols, dtype=np.int64), np.array(indptr)),
                      shape=(len(rows), len(index)))


def fit(docs: list[GoldDoc], rounds: int = ROUNDS) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Vocabulary, weights (features x relations+1) and biases fitted on ``docs``.

    Gold names a document's claims, not their sentences, so the first round takes every
    candidate of a gold pair as positive; each later round keeps as positive only the
    candidates the previous round found most likely (multiple-instance learning) and lets
    the others count as weak negatives."""
    vocabulary, x, y, w, neg, neg_w = _design(docs)
    weights, bias = _fit_matrix(x, y, w, neg, neg_w)
    for _ in range(rounds - 1):
        p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
        y2, w2 = _relabel(docs, p, y, w)
        weights, bias = _fit_matrix(x, y2, w2, neg, neg_w)
    return vocabulary, weights, bias


def _relabel(docs, p, y, w):
    """Per document and gold key, the positive candidates whose probability is within
    RELABEL_SHARE of the best one stay positive; the rest become negatives of weight WEAK."""
    y2, w2 = y.copy(), w.copy()
    i = 0
    for d in docs:
        n = len(d.pairs)
        block = slice(i, i + n)
        for j in range(len(RELATIONS)):
            rows = np.nonzero(y[block, j])[0]
            if len(rows) < 2:
                continue
            keys = defaultdict(list)
            for r in rows:
                s, o = d.pairs[r]
                keys[relation_key(s, RELATIONS[j], o)].append(r)
            for key, members in keys.items():
                if key in d.evidence:
                    continue   # placed by its quotation: no need to guess the sentence
                top = max(p[i + r, j] for r in members)
                for r in members:
                    if p[i + r, j] < RELABEL_SHARE * top:
                        y2[i + r, j] = 0
                        w2[i + r, j] = WEAK
        i += n
    return y2, w2


def _design(docs):
    counts = Counter(f for d in docs for feats in d.candidates for f in set(feats))
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows = [feats for d in docs for feats in d.candidates]
    x = _matrix(rows, index)
    y, w, neg, neg_w = _labels(docs)
    return vocabulary, x, y, w, neg, neg_w


def _fit_matrix(x, y, w, neg, neg_w):
    from sklearn.linear_model import LogisticRegression

    weights = np.zeros((x.shape[1], len(RELATIONS) + 1))
    bias = np.full(len(RELATIONS) + 1, -10.0)
    targets = [(y[:, j], w[:, j]) for j in range(len(RELATIONS))] + [(neg, neg_w)]
    for j, (target, weight) in enumerate(targets):
        used = weight > 0
        if target[used].sum() < 2 or target[used].sum() == used.sum():
            continue   # a relation with (almost) no examples is never predicted
        lr = LogisticRegression(C=C, solver="liblinear", random_state=0, max_iter=200)
        lr.fit(x[used], target[used], sample_weight=weight[used])
        weights[:, j] = lr.coef_[0]
        bias[j] = lr.intercept_[0]
    return weights, bias


def _probabilities(docs: list[GoldDoc], vocabulary, weights, bias) -> list[np.ndarray]:
    """Per document, the candidate scorer's probabilities (candidates x relations + 1)."""
    index = {f: i for i, f in enumerate(vocabulary)}
    rows = [feats for d in docs for feats in d.candidates]
    p = within_lexicon(1.0 / (1.0 + np.exp(-(_matrix(rows, index) @ weights + bias))), rows, list(RELATIONS))
    out, i = [], 0
    for d in docs:
        out.append(p[i:i + len(d.pairs)])
        i += len(d.pairs)
    return out


def records_of(d: GoldDoc, probs: np.ndarray) -> KeyRecords:
    """The document stage's records of a document, as extraction builds them."""
    return key_records(d.pairs, [last for _, last in d.spans], d.sentences, probs, d.rule_keys,
                       list(RELATIONS), d.language, d.war_named, d.cue_counts)


def fit_keys(docs: list[GoldDoc], records: list[KeyRecords]) -> tuple[list[str], np.ndarray, float]:
    """The document stage fitted on records: label 1 where gold holds the key (optional
    gold is left out), whatever its polarity."""
    from sklearn.linear_model import LogisticRegression

    rows, y = [], []
    for d, rec in zip(docs, records):
        for key, f in zip(rec.keys, rec.features):
            if key not in d.optional:
                rows.append(f)
                y.append(int(key in d.required))
    vocabulary = sorted({name for f in rows for name in f})
    index = {f: i for i, f in enumerate(vocabulary)}
    lr = LogisticRegression(C=KEY_C, solver="liblinear", random_state=0, max_iter=1000)
    lr.fit(key_matrix(rows, index), np.array(y))
    return vocabulary, lr.coef_[0], float(lr.intercept_[0])


def confidences(records: list[KeyRecords], stage: tuple[list[str], np.ndarray, float]) -> list[dict]:
    """Per document: key -> (confidence, P(neg) of its best candidate)."""
    vocabulary, w, b = stage
    index = {f: i for i, f in enumerate(vocabulary)}
    return [{k: (float(c), q) for k, c, q in zip(rec.keys, confidence(rec.features, index, w, b), rec.p_neg)}
            for rec in records]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def claims_of(best: dict, thresholds: dict[str, float], default: float,
              rules: set = frozenset(), strict: frozenset = frozenset()) -> set:
    """The claims the extractor outputs from ``best`` (key -> (confidence, P(neg))): the rule
    engine's, and those the scorer adds for keys the rules did not state (as pipeline.score
    does). A rule claim of a ``strict`` relation is kept only when its key's confidence
    reaches the relation's threshold too."""
    out = set()
    for claim in rules:
        r = claim[1]
        if r not in strict or best.get(claim[:3], (0.0, 0.0))[0] >= thresholds.get(r, default):
            out.add(claim)
    ruled = {k[:3] for k in rules}
    for (s, r, o), (p, p_neg) in best.items():
        if (s, r, o) not in ruled and p >= thresholds.get(r, default):
            out.add((s, r, o, "neg" if p_neg >= 0.5 else "pos"))
    return out


def evaluate(docs: list[GoldDoc], predicted: list[set]) -> dict[str, dict[str, Counts]]:
    """tp/fp/fn as ../shared/eval/score.py counts them: overall; by relation, language and
    corpus; and, within each corpus, by language and for the PRECISION_FIRST relations
    ("train de", "train SUPPLY")."""
    table: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))

    def count(d: GoldDoc, relation: str, outcome: str) -> None:
        for group, name in (("all", "all"), ("relation", relation), ("language", d.language),
                            ("corpus", d.corpus), ("within", f"{d.corpus} {d.language}"),
                            ("within", f"{d.corpus} {relation}" if relation in PRECISION_FIRST else None)):
            if name is None:
                continue
            setattr(table[group][name], outcome, getattr(table[group][name], outcome) + 1)

    for d, pred in zip(docs, predicted):
        gold = d.claims
        for claim in pred:
            if claim in gold:
                count(d, claim[1], "tp")
            elif claim[:3] not in d.optional:
                count(d, claim[1], "fp")
        for claim in gold - pred:
            count(d, claim[1], "fn")
    return table


def choose_thresholds(docs, predicted) -> tuple[float, dict[str, float], frozenset]:
    """A global threshold, and per relation of PRECISION_FIRST a threshold of its own and
    whether it also holds the rule engine's claims of that relation (strict). Of the settings
    whose precision reaches the target while keeping KEEP_RECALL of the unchanged setting's
    recall, the one with the best F1; when none does, of those that keep that recall (the
    unchanged setting among them) the one with the best F0.5, which weighs precision twice
    as much as recall. (The most precise one, taken before, chased differences of a few
    claims: SUPPLY at 0.9 for precision 0.76 on 25 claims where 0.5 gave 0.71 on 41.)
    Every other relation is strict where that raises F1. Each global threshold of GLOBAL_GRID
    is settled this way and the one with the best F1 overall is taken (taking the best global
    threshold first and settling it after picked 0.4 where 0.3 ended 0.004 higher)."""
    grid = [round(0.05 * i, 2) for i in range(2, 19)]
    # keys below the lowest threshold never pass: leave them out of the many evaluations
    predicted = [{k: v for k, v in b.items() if v[0] >= 0.999 * grid[0] or k in ruled}
                 for b, ruled in zip(predicted, ({c[:3] for c in d.rule_keys} for d in docs))]

    def table_at(t: float, per: dict[str, float], strict: frozenset = frozenset()) -> dict:
        return evaluate(docs, [claims_of(b, per, t, d.rule_keys, strict)
                               for d, b in zip(docs, predicted)])

    def settle(best_t: float) -> tuple[float, dict[str, float], frozenset]:
        per: dict[str, float] = {}
        strict = set()
        for r, target in PRECISION_FIRST.items():
            options = [(best_t, False)] + [(t, hold) for t in grid if t >= best_t for hold in (False, True)]
            scored = []
            for t, hold in options:
                counts = table_at(best_t, {r: t}, frozenset({r}) if hold else frozenset())["relation"][r]
                p, rec, f1 = counts.prf()
                if not scored:
                    kept_recall = KEEP_RECALL * rec   # of the unchanged setting
                keeps = rec >= kept_recall
                reaches = keeps and p >= target
                f05 = 1.25 * p * rec / (0.25 * p + rec) if p + rec else 0.0
                scored.append(((keeps, reaches, f1 if reaches else f05, f1, -t), t, hold))
            _, t, hold = max(scored)
            per[r] = t
            if hold:
                strict.add(r)
        # every other relation: its rule claims are held to the global threshold too where that
        # raises F1 overall (rules of a relation the cues state poorly, THREATEN, give mostly noise)
        f1 = table_at(best_t, per, frozenset(strict))["all"]["all"].prf()[2]
        for r in RELATIONS:
            if r in PRECISION_FIRST:
                continue
            held = table_at(best_t, per, frozenset(strict | {r}))["all"]["all"].prf()[2]
            if held > f1:
                strict.add(r)
                f1 = held
        return f1, per, frozenset(strict)

    settled = [(settle(t), t) for t in GLOBAL_GRID]
    top = max(f1 for (f1, _, _), _ in settled)
    # of the settings within F1_TIE of the best, the most precise (the highest threshold):
    # differences that small are noise (CV F1 is about 0.01 optimistic in a nested check)
    (_, per, strict), best_t = max((x for x in settled if x[0][0] >= top - F1_TIE), key=lambda x: x[1])
    return best_t, per, strict


def cross_validate(docs: list[GoldDoc], folds: int) -> tuple[list[KeyRecords], list[dict]]:
    """Out-of-fold predictions, documents split into ``folds`` groups (a document whole):
    each document's key records built from candidate probabilities of a scorer that never saw
    it, and its confidences from a document stage fitted on the other folds' records."""
    from sklearn.model_selection import GroupKFold

    records: list[KeyRecords] = [None] * len(docs)
    groups = np.arange(len(docs))
    splits = list(GroupKFold(n_splits=folds).split(groups, groups=groups))
    for train_idx, test_idx in splits:
        vocabulary, weights, bias = fit([docs[i] for i in train_idx])
        for i, probs in zip(test_idx, _probabilities([docs[i] for i in test_idx], vocabulary, weights, bias)):
            records[i] = records_of(docs[i], probs)
    predicted: list[dict] = [dict() for _ in docs]
    for train_idx, test_idx in splits:
        stage = fit_keys([docs[i] for i in train_idx], [records[i] for i in train_idx])
        for i, best in zip(test_idx, confidences([records[i] for i in test_idx], stage)):
            predicted[i] = best
    return records, predicted


def report(table: dict[str, dict[str, Counts]], out=None, title: str = "") -> None:
    out = out or sys.stdout
    print(title, file=out)
    print(f"{'':22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}", file=out)
    for group in ("all", "language", "corpus", "relation", "within"):
        for name in sorted(table.get(group, {})):
            c = table[group][name]
            p, r, f = c.prf()
            label = name if group in ("all", "within") else f"{group[:4]} {name}"
            print(f"{label:22} {p:6.3f} {r:6.3f} {f:6.3f} {c.tp:5d} {c.fp:5d} {c.fn:5d}", file=out)


def default_sources(shared: Path, team: Path | None) -> list[tuple[Path, Path, str]]:
    """../shared/train, every ../shared/corpus/NAME with ../shared/eval/NAME/gold.jsonl, the team corpus."""
    sources = []
    if (shared / "train" / "gold.jsonl").is_file():
        sources.append((shared / "train" / "gold.jsonl", shared / "train" / "articles", "train"))
    corpus = shared / "corpus"
    for d in sorted(corpus.iterdir()) if corpus.is_dir() else []:
        gold = shared / "eval" / d.name / "gold.jsonl"
        if d.is_dir() and gold.is_file():
            sources.append((gold, d, d.name))
    if team is not None and (team / "gold.jsonl").is_file():
        sources.append((team / "gold.jsonl", team / "articles", "team"))
    return sources


def train(sources: list[tuple[Path, Path, str]], out: Path | None, folds: int = 5, stream=None) -> dict:
    """Featurise, cross-validate both stages, choose thresholds, fit on all, write ``out``."""
    from . import scorer

    stream = stream or sys.stdout
    docs = build_corpus(sources)
    if len(docs) < folds:
        raise ValueError(f"only {len(docs)} documents with gold: need at least {folds}")
    print(f"train: {len(docs)} documents, {sum(len(d.pairs) for d in docs)} candidates, "
          f"{sum(len(d.claims) for d in docs)} core gold claims", file=stream)
    recall = candidate_recall(docs)
    print(f"candidate recall (gold core claims whose pair is a candidate): {recall:.3f}", file=stream)
    records, predicted = cross_validate(docs, folds)
    chosen_on = [i for i, d in enumerate(docs) if d.corpus == THRESHOLD_CORPUS] or list(range(len(docs)))
    threshold, per_relation, strict = choose_thresholds([docs[i] for i in chosen_on],
                                                        [predicted[i] for i in chosen_on])
    table = evaluate(docs, [claims_of(b, per_relation, threshold, d.rule_keys, strict)
                            for d, b in zip(docs, predicted)])
    alone = evaluate(docs, [claims_of(b, per_relation, threshold) for b in predicted])
    report(table, stream, f"\n{folds}-fold cross-validation grouped by document "
                          f"(thresholds chosen on {'corpus ' + THRESHOLD_CORPUS if len(chosen_on) < len(docs) else 'all documents'}: "
                          f"{threshold}, per relation {per_relation}, "
                          f"rule claims held to it: {sorted(strict)}):")
    report(alone, stream, "\nthe scorer alone (without the rule engine's claims), same folds and thresholds:")
    rules = evaluate(docs, [d.rule_keys for d in docs])
    report(rules, stream, "\nrule engine alone on the same documents (--extractor rules; its rules were "
                          "written while reading dev and team, so those rows overstate):")
    vocabulary, weights, bias = fit(docs)
    stage = fit_keys(docs, records)   # on out-of-fold records: what an unseen article gives
    meta = {"documents": len(docs), "candidates": sum(len(d.pairs) for d in docs),
            "sources": [name for _, _, name in sources], "folds": folds,
            "cv": {g: {n: dict(zip(("p", "r", "f1"), map(lambda v: round(v, 3), c.prf())))
                       for n, c in table[g].items()} for g in ("all", "language", "corpus", "within")},
            "candidate_recall": round(recall, 3)}
    thresholds = {r: per_relation.get(r, threshold) for r in RELATIONS}
    if out is not None:
        scorer.save(out, list(RELATIONS), vocabulary, weights, bias, thresholds, stage, meta, sorted(strict))
        print(f"\nmodel written: {out} ({len(vocabulary)} features)", file=stream)
    return meta


FLOORS = {"train_cv_claims_f1": ("corpus", "train"), "train_cv_de_f1": ("language", "de"),
          "train_cv_en_f1": ("language", "en")}


def check_floor(meta: dict, floor_file: Path, stream=None) -> int:
    """0 when every cross-validated F1 named in ``floor_file`` reaches its floor, else 1."""
    stream = stream or sys.stdout
    failed = 0
    for line in floor_file.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 2 or parts[0] not in FLOORS:
            continue
        group, name = FLOORS[parts[0]]
        got = meta["cv"].get(group, {}).get(name, {}).get("f1")
        ok = got is not None and got >= float(parts[1])
        failed += not ok
        print(f"{parts[0]}: {got} (floor {parts[1]}) {'ok' if ok else 'BELOW FLOOR'}", file=stream)
    return 1 if failed else 0
