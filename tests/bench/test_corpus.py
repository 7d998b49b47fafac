"""bench/corpus.py: the synthetic benchmark corpus is deterministic, cached, unique,
monolingual, read as intended (date, outlet, language) and mostly gives claims."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from blocwatch.model import Document
from blocwatch.nlp.sentences import split_sentences
from blocwatch.pipeline import extract
from blocwatch.read import read_paths

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", BENCH / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(corpus_module, tmp_path_factory):
    directory = tmp_path_factory.mktemp("synthetic")
    return corpus_module.generate(directory, n=300, seed=11)


def test_same_seed_same_files_and_cached(corpus_module, generated, tmp_path):
    again = corpus_module.generate(tmp_path / "again", n=300, seed=11)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in generated]
    stamps = [p.stat().st_mtime_ns for p in generated]
    assert corpus_module.generate(generated[0].parent, n=300, seed=11) == generated
    assert [p.stat().st_mtime_ns for p in generated] == stamps      # not written again
    other = corpus_module.generate(tmp_path / "other", n=20, seed=12)
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in generated[:20]]
    longer = corpus_module.generate(tmp_path / "longer", n=310, seed=11)
    assert [p.read_bytes() for p in longer[:300]] == [p.read_bytes() for p in generated]


def test_refuses_to_overwrite_a_folder_it_did_not_make(corpus_module, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        corpus_module.generate(tmp_path, n=5)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_articles_read_as_meant(corpus_module, generated):
    docs = list(read_paths([str(generated[0].parent)]))
    assert all(isinstance(d, Document) for d in docs) and len(docs) == 300
    assert len({d.hash for d in docs}) == 300                      # unique texts
    outlets = {o for lang in corpus_module.OUTLETS.values() for o in lang}
    by_lang = {"de": 0, "en": 0}
    sizes = []
    for doc in docs:
        assert doc.language == Path(doc.path).stem.rsplit("_", 1)[1]     # monolingual
        assert doc.outlet in outlets
        assert doc.date and len(doc.date) == 10
        by_lang[doc.language] += 1
        sizes.append(len(split_sentences(doc.text)))
    assert by_lang["de"] > by_lang["en"] > 50
    assert min(sizes) >= 5 and max(sizes) >= 30                     # some long ones


def test_most_articles_give_claims(generated):
    docs = [d for d in read_paths([str(generated[0].parent)]) if isinstance(d, Document)]
    with_claims = sum(1 for d in docs if extract(d).claims)
    assert with_claims >= 0.85 * len(docs)


def test_nothing_is_taken_from_the_shared_corpus(corpus_module):
    sources = corpus_module._article_files()
    assert sources and all("shared" not in p.relative_to(corpus_module.ROOT).parts
                           for p in sources)
