"""The trained scorer: for each candidate pair, the probability of each relation and of "neg".

The model is a set of logistic regressions over the indicator features of ``features.py``
(one per relation, one for polarity), fitted by ``blocwatch train`` (``training.py``) with
scikit-learn and shipped as plain arrays in ``data/model.npz``, so scoring needs only numpy
and loads nothing from outside. The document stage (keys.py) turns the candidates'
probabilities into one confidence per claim key, with a second regression shipped in the
same file.
"""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

MODEL_FILE = "model.npz"


@dataclass
class Model:
    relations: list[str]
    index: dict[str, int]          # feature -> column
    weights: np.ndarray            # (n_features, n_relations + 1); last column: polarity "neg"
    bias: np.ndarray               # (n_relations + 1,)
    thresholds: dict[str, float]   # relation -> minimum confidence to keep a claim
    key_index: dict[str, int]      # document stage (keys.py): feature -> column
    key_weights: np.ndarray        # (n_key_features,)
    key_bias: float
    meta: dict
    digest: str
    strict: frozenset = frozenset()   # relations whose rule claims must reach the threshold too

    def score_all(self, rows: list[list[str]], shared: list[list[str]] | None = None) -> np.ndarray:
        """Probabilities of many candidates at once: (len(rows), relations + 1), the last
        column P(neg). One sparse product instead of a loop over candidates.

        ``shared``: per row, more of its features that other rows have too (the same list
        object for every candidate of a sentence: ``SentenceView.shared``), disjoint from
        the row's own; their weights are summed once per list, not once per row (half of
        a candidate's features are its sentence's)."""
        from scipy.sparse import csr_matrix

        index = self.index
        indptr, cols = [0], []
        for feats in rows:
            cols.extend({index[f] for f in feats if f in index})
            indptr.append(len(cols))
        x = csr_matrix((np.ones(len(cols)), np.array(cols, dtype=np.int64), np.array(indptr)),
                       shape=(len(rows), self.weights.shape[0]))
        logits = x @ self.weights + self.bias
        if shared is not None:
            # one row per distinct list, and each candidate takes its list's row
            row_of: dict[int, int] = {}
            group, indptr, cols = [], [0], []
            for feats in shared:
                g = row_of.get(id(feats))
                if g is None:
                    g = row_of[id(feats)] = len(row_of)
                    cols.extend({index[f] for f in feats if f in index})
                    indptr.append(len(cols))
                group.append(g)
            s = csr_matrix((np.ones(len(cols)), np.array(cols, dtype=np.int64), np.array(indptr)),
                           shape=(len(row_of), self.weights.shape[0]))
            logits += (s @ self.weights)[np.array(group, dtype=np.int64)]
        return 1.0 / (1.0 + np.exp(-logits))

    def confidence(self, records: list[dict[str, float]]) -> np.ndarray:
        """The document stage: each claim key's confidence from its record (keys.py)."""
        from .keys import confidence

        return confidence(records, self.key_index, self.key_weights, self.key_bias)


# A meeting is an event the sentence names ("besuchte", "talks", "Gipfeltreffen"), and a
# membership is stated ("Mitglied", "includes", "gehört ... an"): the scorer states MEET or
# MEMBER_OF only from a sentence with a cue of it, never from actors named side by side (the
# ontology: attending one summit is no MEET; "Kazakhstan asked the CSTO for help" states no
# membership, yet the scorer gave it 0.61). CV on ../shared/train: MEET gate precision 0.61
# -> 0.63 at F1 0.507 -> 0.509; MEMBER_OF gate F1 0.530 -> 0.528 (all documents 0.562 ->
# 0.565). The same gate on COOPERATE_* and CONFLICT cost F1.
NEEDS_CUE = frozenset({"MEET", "MEMBER_OF"})


def within_lexicon(probs: np.ndarray, rows: list[list[str]], relations: list[str]) -> np.ndarray:
    """``probs`` with the cells set to 0 that the cue lexicon rules out, by the candidates'
    features (``rows``; the sentence's features are enough: the same list object for its
    candidates is checked once): a relation a cue's skip_if vetoed in the sentence
    ("vetoed=SANCTION" for "Gegner der Sanktionen gegen Russland"), and a NEEDS_CUE relation
    without its cue."""
    column = {r: j for j, r in enumerate(relations)}
    vetoed = [(f"vetoed={r}", j) for r, j in column.items()]
    needs_cue = [(f"cue={r}", f"xcue={r}", column[r]) for r in NEEDS_CUE if r in column]
    probs = probs.copy()
    ruled_out: dict[int, list[int]] = {}
    cells_i, cells_j = [], []
    for i, feats in enumerate(rows):
        out = ruled_out.get(id(feats))
        if out is None:
            named = set(feats)
            out = ruled_out[id(feats)] = [j for f, j in vetoed if f in named] + \
                [j for cue, xcue, j in needs_cue if cue not in named and xcue not in named]
        cells_i.extend([i] * len(out))
        cells_j.extend(out)
    probs[cells_i, cells_j] = 0.0
    return probs


def save(path: Path, relations: list[str], vocabulary: list[str], weights: np.ndarray, bias: np.ndarray,
         thresholds: dict[str, float], keys: tuple[list[str], np.ndarray, float], meta: dict,
         strict: list[str] = ()) -> None:
    """Write the model as an .npz whose bytes depend on its content only (fixed zip dates),
    so that training twice on the same data gives the same file and the same digest."""
    key_vocabulary, key_weights, key_bias = keys
    header = {"relations": relations, "thresholds": thresholds, "key_bias": float(key_bias), "meta": meta,
              "strict": list(strict)}
    arrays = {"vocabulary": np.array(vocabulary, dtype=str), "weights": weights.astype(np.float32),
              "bias": bias.astype(np.float64), "key_vocabulary": np.array(key_vocabulary, dtype=str),
              "key_weights": np.asarray(key_weights, dtype=np.float64),
              "header": np.array(json.dumps(header, sort_keys=True))}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buffer.getvalue())


def load_file(path: Path | str) -> Model:
    raw = Path(path).read_bytes()
    with np.load(path, allow_pickle=False) as z:
        header = json.loads(str(z["header"]))
        vocabulary = [str(v) for v in z["vocabulary"]]
        weights = z["weights"].astype(np.float64)
        bias = z["bias"]
        key_vocabulary = [str(v) for v in z["key_vocabulary"]]
        key_weights = z["key_weights"]
    return Model(header["relations"], {f: i for i, f in enumerate(vocabulary)}, weights, bias,
                 header["thresholds"], {f: i for i, f in enumerate(key_vocabulary)}, key_weights,
                 header["key_bias"], header["meta"], hashlib.sha256(raw).hexdigest()[:10],
                 frozenset(header.get("strict", ())))


@lru_cache(maxsize=1)
def shipped() -> Model | None:
    """The model that ships in the package, or None when none has been trained yet."""
    entry = resources.files("blocwatch.claims").joinpath("data", MODEL_FILE)
    if not entry.is_file():
        return None
    with resources.as_file(entry) as path:
        return load_file(path)
