"""A synthetic benchmark corpus, made by recombining the project's own sentences.

    python bench/corpus.py DIR [--n 2000] [--seed 5]     # writes DIR/00000_de.txt ...

    from corpus import generate                            # bench/ on sys.path
    paths = generate(None, n=2000)                         # cached in the temp dir

Sources, all written by the team (never ../shared, which is third-party text):

- ``bench/team_corpus/articles/*.txt`` and ``examples/*.txt``: whole articles, read with
  ``blocwatch.read`` (so their date line and boilerplate are not taken for body text) and
  cut into paragraphs; an article borrows runs of 1-4 consecutive sentences from them, so
  anaphors and reported speech keep their context;
- the readable fixtures under ``tests/read/fixtures`` (same treatment);
- the invented sentences in the test modules under ``tests/`` (string literals that look
  like one news sentence; docstrings and ``tests/reliability``'s hostile strings are not
  taken), with their language found by ``blocwatch.read.language``;
- the boilerplate lines the reader removes from the team articles ("Lesen Sie auch: ...",
  "Follow us on ..."): a third of the articles end with one, so reading does its usual work.

Each article is monolingual (German or English, in the proportion of the sources' German
and English sentences), has a ``date YYYY-MM-DD`` first line, a headline from a team
article of its language, an outlet the reader recognises (a byline "Von Anna Beispiel,
beispiel-nachrichten.de" / "By Jane Example, example-news.com", or a sign-off line
"/beispiel-nachrichten.de"; the domains are invented) and 5-40 sentences: 60% 5-12, 30%
13-24, 10% 25-40. Texts are unique (a repeated body is drawn again).

Deterministic: article i depends only on (seed, i) and the source sentences, so the same
seed gives the same files, and a larger n extends a smaller one. The output directory
holds ``corpus.json`` (seed, n, digest of the sources, file names); when it matches, a
rerun returns the files without writing anything.
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import random
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR_VERSION = 1
DEFAULT_SEED = 5
DEFAULT_N = 2000
MANIFEST = "corpus.json"

ARTICLE_DIRS = [ROOT / "bench" / "team_corpus" / "articles", ROOT / "examples",
                ROOT / "tests" / "read" / "fixtures"]
TEST_SOURCES = ROOT / "tests"
SKIP_TEST_DIRS = {"reliability"}         # hostile and malformed strings on purpose

# Invented outlets and authors; domains in the shapes the reader's byline and sign-off
# rules accept (see src/blocwatch/read/data/boilerplate.yaml).
OUTLETS = {
    "de": ["beispiel-nachrichten.de", "andere-zeitung.de", "musterpost.at",
           "weltblick-beispiel.ch", "tagesbeispiel.de"],
    "en": ["example-news.com", "sample-times.com", "globe-example.net",
           "example-wire.org", "daily-sample.uk"],
}
AUTHORS = {
    "de": ["Anna Beispiel", "Jonas Muster", "Lena Probe", "Karl Exempel", "Mira Test"],
    "en": ["Jane Example", "Tom Sample", "Ruth Specimen", "Sam Placeholder", "Ada Mockup"],
}
BYLINE_WORD = {"de": "Von", "en": "By"}

# A sentence-like string literal in a test module: capital or quote first, end mark last.
_SENTENCE = re.compile(r"^[\"„“A-ZÄÖÜ][^\n{}<>\\_|@#$%^*=~`]{15,400}[.!?][\"“”»]?$")


@dataclass
class Pool:
    """What articles are made of, per language."""
    paragraphs: dict[str, list[list[str]]]     # runs of consecutive sentences
    sentences: dict[str, list[str]]            # loose sentences from test modules
    headlines: dict[str, list[str]]
    boilerplate: dict[str, list[str]]
    german_share: float
    digest: str


# --- the sources ---------------------------------------------------------------------------

def _article_files() -> list[Path]:
    files = []
    for directory in ARTICLE_DIRS:
        if directory.is_dir():
            files += sorted(p for p in directory.rglob("*") if p.suffix in (".txt", ".html", ".jsonl"))
    return files


def _test_sentences() -> list[str]:
    """String literals in tests/**/*.py that look like one news sentence (not docstrings)."""
    found: list[str] = []
    for path in sorted(TEST_SOURCES.rglob("*.py")):
        if SKIP_TEST_DIRS & set(path.relative_to(TEST_SOURCES).parts):
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        docstrings = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                first = node.body[0] if node.body else None
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                    docstrings.add(id(first.value))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings):
                text = node.value.strip()
                if _SENTENCE.match(text) and len(text.split()) >= 4 and "?" not in text:
                    found.append(text)
    return list(dict.fromkeys(found))        # first occurrence order, no repeats


def build_pool() -> Pool:
    """Collect the sentences of the project's own articles and tests, per language."""
    from blocwatch.model import Document
    from blocwatch.nlp.sentences import split_sentences
    from blocwatch.read import read_paths
    from blocwatch.read.language import detect

    paragraphs: dict[str, list[list[str]]] = {"de": [], "en": []}
    headlines: dict[str, list[str]] = {"de": [], "en": []}
    boilerplate: dict[str, list[str]] = {"de": [], "en": []}
    sentences: dict[str, list[str]] = {"de": [], "en": []}
    digest = hashlib.sha256(f"v{GENERATOR_VERSION}".encode())

    team = ROOT / "bench" / "team_corpus" / "articles"
    for doc in read_paths([str(p) for p in _article_files()]):
        if not isinstance(doc, Document) or doc.language not in paragraphs:
            continue
        lang = doc.language
        lines = [line.strip() for line in doc.text.split("\n") if line.strip()]
        if doc.title and lines and doc.title.startswith(lines[0]):
            lines = lines[1:]
            if doc.path and Path(doc.path).parent == team:
                headlines[lang].append(doc.title)
        for line in lines:
            run = [s.text.strip() for s in split_sentences(line) if len(s.text.split()) >= 3]
            if run:
                paragraphs[lang].append(run)
        if doc.path and Path(doc.path).parent == team:
            # the raw lines the reader threw away: the article's boilerplate
            raw = Path(doc.path).read_text(encoding="utf-8").splitlines()[2:]
            kept = set(lines)
            boilerplate[lang] += [r.strip() for r in raw
                                  if r.strip() and r.strip() not in kept and r.strip() not in doc.text]
    for text in _test_sentences():
        lang = detect(text)
        if lang in sentences:
            sentences[lang].append(text)

    for lang in ("de", "en"):
        boilerplate[lang] = list(dict.fromkeys(boilerplate[lang]))
        for part in (paragraphs[lang], sentences[lang], headlines[lang], boilerplate[lang]):
            digest.update(json.dumps(part, ensure_ascii=False).encode())
    counts = {lang: sum(map(len, paragraphs[lang])) + len(sentences[lang]) for lang in ("de", "en")}
    if not all(paragraphs.values()) or not all(headlines.values()):
        raise RuntimeError("corpus sources missing: need German and English team articles")
    return Pool(paragraphs, sentences, headlines, boilerplate,
                german_share=counts["de"] / (counts["de"] + counts["en"]),
                digest=digest.hexdigest())


# --- one article ---------------------------------------------------------------------------

def _length(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.6:
        return rng.randint(5, 12)
    if r < 0.9:
        return rng.randint(13, 24)
    return rng.randint(25, 40)


def _body(pool: Pool, lang: str, rng: random.Random) -> list[list[str]]:
    """Paragraphs of sentences: runs borrowed from articles, some loose test sentences."""
    target = _length(rng)
    picked: list[str] = []
    while len(picked) < target:
        loose = pool.sentences[lang]
        if picked and loose and rng.random() < 0.25:
            picked.append(rng.choice(loose))
            continue
        run = rng.choice(pool.paragraphs[lang])
        start = rng.randrange(len(run))
        picked += run[start:start + rng.randint(1, 4)]
    picked = picked[:target]
    paragraphs, i = [], 0
    while i < len(picked):
        size = rng.randint(2, 5)
        paragraphs.append(picked[i:i + size])
        i += size
    return paragraphs


def article(pool: Pool, seed: int, index: int, attempt: int = 0) -> tuple[str, str]:
    """(language, file text) of article `index`; `attempt` > 0 redraws a repeated body."""
    rng = random.Random(f"blocwatch-bench:{seed}:{index}:{attempt}")
    lang = "de" if rng.random() < pool.german_share else "en"
    day = rng.randrange(0, 11 * 365)
    year, rest = 2014 + day // 365, day % 365
    month, dom = 1 + rest // 31 % 12, 1 + rest % 28
    outlet = rng.choice(OUTLETS[lang])
    lines = [f"date {year:04d}-{month:02d}-{dom:02d}", rng.choice(pool.headlines[lang])]
    signed_at_top = rng.random() < 0.5
    if signed_at_top:
        lines.append(f"{BYLINE_WORD[lang]} {rng.choice(AUTHORS[lang])}, {outlet}")
    lines.append("")
    lines.append("\n\n".join(" ".join(p) for p in _body(pool, lang, rng)))
    if not signed_at_top:
        lines += ["", f"{rng.choice(['', 'ab/', 'xy/cd/'])}/{outlet}".replace("//", "/")]
    if pool.boilerplate[lang] and rng.random() < 1 / 3:
        lines += ["", rng.choice(pool.boilerplate[lang])]
    return lang, "\n".join(lines) + "\n"


# --- the corpus ----------------------------------------------------------------------------

def default_directory(n: int, seed: int, digest: str) -> Path:
    return Path(tempfile.gettempdir()) / "blocwatch-bench-corpus" / f"seed{seed}-n{n}-{digest[:12]}"


def generate(directory: str | os.PathLike | None = None, n: int = DEFAULT_N,
             seed: int = DEFAULT_SEED) -> list[Path]:
    """Write `n` articles into `directory` (default: a cache folder in the temp dir named
    by seed, size and source digest) and return their paths in name order. A directory
    whose corpus.json matches is returned as it is."""
    pool = build_pool()
    target = Path(directory) if directory is not None else default_directory(n, seed, pool.digest)
    key = {"generator": GENERATOR_VERSION, "seed": seed, "n": n, "sources": pool.digest}
    manifest = target / MANIFEST
    if manifest.is_file():
        try:
            known = json.loads(manifest.read_text())
        except (OSError, ValueError):
            known = {}
        files = [target / name for name in known.get("files", [])]
        if {k: known.get(k) for k in key} == key and all(f.is_file() for f in files):
            return files

    # write into a fresh folder beside the target, then swap it in: never half a corpus
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        names, seen = [], set()
        for i in range(n):
            attempt = 0
            while True:
                lang, text = article(pool, seed, i, attempt)
                body = hashlib.sha256(text.split("\n", 1)[1].encode()).hexdigest()
                if body not in seen:
                    break
                attempt += 1
            seen.add(body)
            name = f"{i:05d}_{lang}.txt"
            (staging / name).write_text(text, encoding="utf-8")
            names.append(name)
        (staging / MANIFEST).write_text(json.dumps({**key, "files": names}, indent=1) + "\n")
        if target.exists():
            if not (target / MANIFEST).is_file() and any(target.iterdir()):
                raise FileExistsError(f"{target} is not empty and holds no {MANIFEST}: "
                                      "not overwriting it")
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return [target / name for name in names]


def describe(paths: list[Path]) -> dict:
    """Counts of a generated corpus: articles per language and sentence-length spread."""
    langs: dict[str, int] = {}
    sizes = []
    for p in paths:
        lang = p.stem.rsplit("_", 1)[-1]
        langs[lang] = langs.get(lang, 0) + 1
        sizes.append(len(p.read_text(encoding="utf-8").split()))
    sizes.sort()
    return {"articles": len(paths), "languages": langs,
            "words_min": sizes[0], "words_median": sizes[len(sizes) // 2], "words_max": sizes[-1],
            "words_total": sum(sizes)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("directory", nargs="?", help="output folder (default: a cache folder in the temp dir)")
    ap.add_argument("--n", type=int, default=DEFAULT_N, help=f"number of articles (default {DEFAULT_N})")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    a = ap.parse_args(argv)
    paths = generate(a.directory, n=a.n, seed=a.seed)
    info = describe(paths)
    print(f"{paths[0].parent if paths else a.directory}: {info['articles']} articles "
          f"({', '.join(f'{k} {v}' for k, v in sorted(info['languages'].items()))}), "
          f"{info['words_total']} words, per article {info['words_min']}-{info['words_max']} "
          f"(median {info['words_median']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
