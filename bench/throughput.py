"""Throughput of blocwatch on one core, with two reference points, and the --jobs speed-up.
Prints figures; not a test.

    python bench/throughput.py [PATHS...]        # default: ../shared/corpus
    python bench/throughput.py --synthetic       # bench/corpus.py's 2,000 articles (or --synthetic N)
    python bench/throughput.py --min-seconds 5   # longer timed runs, steadier medians
    python bench/throughput.py --passes 10       # fixed number of timed rounds
    python bench/throughput.py --jobs 0          # leave out the --jobs measurement

From Python (bench/run.py): ``run(synthetic=2000) -> dict`` (the figures, also written
as JSON); ``run(paths=[...])`` for files.

In one run, over the same documents:

1. reading      read_paths alone: files on disk -> Documents (documents/s);
2. extraction   blocwatch.pipeline.extract over the already-read Documents
                (articles/s, tokens/s), plus the share of sentences that get past the
                extractor's cheap filter;
3. HanTa        reference A: HanTa (HanoverTagger) POS-tagging every sentence of the same
                text, the cost a pipeline that tags before it looks would pay at least;
4. floor        reference B: a bare lookup of the gazetteer's surface forms in the same
                text, the least any name-driven extractor can do;
5. ratios       extraction against HanTa and against the floor;
6. --jobs       wall time of `blocwatch extract --jobs N`'s function
                (blocwatch.cli.extract_documents: reading in this process, extraction in N
                workers, results in input order) over the WHOLE corpus, with 1 job and
                with every core, unpinned; the speed-up is the ratio of the two.

On a synthetic corpus, stages 1-5 run on a sample (the first --sample articles, default
100: HanTa tags about 4,000 tokens/s, so the whole corpus would take minutes a pass); the
--jobs figures always cover the whole corpus.

What bounds each figure:
- one core: stages 1-5 run pinned to CPU 0 where the OS allows it (os.sched_setaffinity);
  the affinity is given back afterwards, for the --jobs figures and for the caller;
- --jobs: one timed run each (or --jobs-rounds, median), cold workers included (each
  worker loads the gazetteer and lexicons once, ~1 s), reading in the parent included;
  the speed-up is bounded by the cores (os.cpu_count()) and by what else the machine
  runs: the load average at the start and end is recorded with the figures;
- warm caches: every stage runs one untimed warm-up pass first (models, gazetteer, regexes
  loaded; files in the page cache). Cold start (first import, model loading) is reported
  separately, never folded into the rates;
- timing: whole-corpus passes in interleaved rounds (each round runs every stage), until
  the extraction has had --min-seconds (default 3) of work and at least three rounds; each
  figure is the median pass, each ratio the median of the per-round ratios, so a machine
  busy with other work slows both sides of a ratio alike. Stages under ~0.2 s a pass
  (reading, floor) are repeated within a round and timed as the mean of the repeats;
- corpus size: a small corpus makes per-pass times short and noisy, and its mix of
  languages and article lengths decides the rates (long articles with few actors are cheap
  for the extractor, not for a tagger); the corpus figures are printed with the results;
- Python version and machine: all stages are pure Python plus `re`; another interpreter or
  CPU moves every figure, the ratios much less.

Tokens are counted one way for every stage: regex `\\w+|[^\\w\\s]` (words and single
punctuation marks) over the Document text; that same token list is what HanTa tags.
HanTa's input is tokenised before its timer starts, so its figure is tagging only.

The figures are also written as JSON to bench/results/throughput.json (output, untracked).
The shared corpora are third-party text: read at run time, never copied into the
repository. The synthetic corpus is bench/corpus.py's (team-written sentences, cached in
the temp dir by seed and size).
"""
from __future__ import annotations

import argparse
import math
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import code_version, cpu_model, load_average, write_json  # noqa: E402
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
RESULTS = Path(__file__).resolve().parent / "results" / "throughput.json"

TOKEN = re.compile(r"\w+|[^\w\s]")
HANTA_MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}


# --- helpers -------------------------------------------------------------------------------

def pin_to_one_core() -> str:
    try:
        os.sched_setaffinity(0, {0})
        return "pinned to CPU 0"
    except (AttributeError, OSError) as exc:
        return f"not pinned ({type(exc).__name__})"


def current_affinity() -> set[int] | None:
    try:
        return os.sched_getaffinity(0)
    except (AttributeError, OSError):
        return None


def restore_affinity(cpus: set[int] | None) -> None:
    if cpus:
        try:
            os.sched_setaffinity(0, cpus)
        except OSError:
            pass


def synthetic_paths(n: int, seed: int | None = None) -> list[str]:
    """The synthetic corpus of bench/corpus.py (generated once, then cached)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        import corpus  # noqa: PLC0415 - bench/corpus.py
    finally:
        sys.path.pop(0)
    kwargs = {} if seed is None else {"seed": seed}
    return [str(p) for p in corpus.generate(None, n=n, **kwargs)]


def jobs_speedup(paths: list[str], jobs: int, rounds: int = 1) -> dict:
    """Wall time of blocwatch.cli.extract_documents (the `extract --jobs N` code) over
    `paths` with 1 job and with `jobs`; median of `rounds` runs each, interleaved."""
    from blocwatch.cli import extract_documents
    from blocwatch.model import ReadError

    times: dict[int, list[float]] = {1: [], jobs: []}
    counts = {}
    for _ in range(rounds):
        for n in (1, jobs):
            t0 = time.perf_counter()
            done = errors = claims = 0
            for result in extract_documents(paths, n):
                if isinstance(result, ReadError):
                    errors += 1
                else:
                    done += 1
                    claims += len(result.claims)
            times[n].append(time.perf_counter() - t0)
            counts[n] = {"documents": done, "errors": errors, "claims": claims}
    one, many = statistics.median(times[1]), statistics.median(times[jobs])
    return {"jobs": jobs, "cpus": os.cpu_count(), "rounds": rounds,
            "documents": counts[1]["documents"], "errors": counts[1]["errors"],
            "claims": counts[1]["claims"], "same_claims": counts[1] == counts[jobs],
            "seconds_1": one, "seconds_n": many,
            "articles_per_s_1": counts[1]["documents"] / one,
            "articles_per_s_n": counts[jobs]["documents"] / many,
            "speedup": one / many, "per_round_s": {str(k): v for k, v in times.items()}}


def timed_rounds(stages: dict, min_seconds: float, rounds: int | None) -> dict:
    """Time every stage in interleaved rounds; returns per stage the median seconds per pass.

    One untimed warm-up pass of each stage first. Then each round runs every stage once,
    so load from other processes slows all stages alike and the per-round ratios stay
    fair. A stage faster than ~0.2 s per pass is repeated within a round and timed as the
    mean of those repeats. Rounds go on until the extraction stage has had ``min_seconds``
    of timed work and there have been at least three rounds (or exactly ``rounds``).
    """
    reps = {}
    for name, one_pass in stages.items():
        t0 = time.perf_counter()
        one_pass()
        reps[name] = max(1, math.ceil(0.2 / max(time.perf_counter() - t0, 1e-6)))
    times: dict[str, list[float]] = {name: [] for name in stages}
    while True:
        for name, one_pass in stages.items():
            t0 = time.perf_counter()
            for _ in range(reps[name]):
                one_pass()
            times[name].append((time.perf_counter() - t0) / reps[name])
        done = len(times["extraction"])
        if rounds is not None:
            if done >= rounds:
                break
        elif done >= 3 and sum(times["extraction"]) >= min_seconds:
            break
    return {name: {"median_s": statistics.median(ts), "min_s": min(ts), "max_s": max(ts),
                   "rounds": len(ts), "passes": len(ts) * reps[name], "per_round_s": ts}
            for name, ts in times.items()}


def rates(timing: dict, docs: int, tokens: int) -> dict:
    return {**timing, "articles_per_s": docs / timing["median_s"], "tokens_per_s": tokens / timing["median_s"]}


def median_ratio(slow: dict, fast: dict) -> float:
    """Median over rounds of slow/fast pass time (both timed in the same round)."""
    return statistics.median(s / f for s, f in zip(slow["per_round_s"], fast["per_round_s"]))


# --- the stages ----------------------------------------------------------------------------

def read_all(paths: list[str]):
    from blocwatch.model import Document
    from blocwatch.read import read_paths
    docs, errors = [], 0
    for item in read_paths(paths):
        if isinstance(item, Document):
            docs.append(item)
        else:
            errors += 1
    return docs, errors


def filter_share(docs) -> dict:
    """Share of sentences past the cheap filter, counted in an untimed pass.

    - two_actor_codes: sentences with >= 2 distinct actor codes among find_mentions (the
      filter's main condition, computable from public functions alone);
    - full_analysis: sentences that actually reach the full analysis, counted by wrapping
      blocwatch.claims.extract.analyse in this process only (the source is not touched);
      None when that function is not there.
    """
    import blocwatch.claims.extract as cx
    from blocwatch.actors.gazetteer import load
    from blocwatch.actors.link import find_mentions
    from blocwatch.nlp.sentences import split_sentences
    from blocwatch.pipeline import extract

    gaz = load()
    total = two_codes = 0
    for doc in docs:
        sentences = split_sentences(doc.text)
        mentions = find_mentions(doc.text, sentences, gaz)
        total += len(sentences)
        for s in sentences:
            codes = {m.code for m in mentions if s.start <= m.start < s.end}
            two_codes += len(codes) >= 2

    analysed = None
    original = getattr(cx, "analyse", None)
    if callable(original):
        calls = 0

        def counting(*args, **kwargs):
            nonlocal calls
            calls += 1
            return original(*args, **kwargs)

        cx.analyse = counting
        try:
            for doc in docs:
                extract(doc)
        finally:
            cx.analyse = original
        analysed = calls
    return {"sentences": total,
            "two_actor_codes": two_codes, "two_actor_codes_share": two_codes / total if total else 0.0,
            "full_analysis": analysed,
            "full_analysis_share": analysed / total if (analysed is not None and total) else None}


def floor_scanner():
    """A bare scan for gazetteer surface forms: word tokens, lower-cased, looked up as
    n-grams in a set, only where the first token can start a form. No context rules, no
    linking, no offsets kept: the least a name-driven extractor has to do."""
    from blocwatch.actors.gazetteer import load
    gaz = load()
    forms = set(gaz.forms)
    first = {f[0] for f in forms}
    max_len = max(len(f) for f in forms)
    word = re.compile(r"[^\W_]+")

    def scan(text: str) -> int:
        toks = word.findall(text.lower())
        hits = 0
        for i, tok in enumerate(toks):
            if tok in first:
                for n in range(min(max_len, len(toks) - i), 0, -1):
                    if tuple(toks[i:i + n]) in forms:
                        hits += 1
                        break
        return hits

    return scan, len(forms)


# --- main ----------------------------------------------------------------------------------

def run(paths: list[str] | None = None, *, synthetic: int | None = None, seed: int | None = None,
        sample: int | None = None, min_seconds: float = 3.0, passes: int | None = None,
        jobs: int | None = None, jobs_rounds: int = 1, json_path: Path | None = RESULTS,
        quiet: bool = False) -> dict:
    """Measure; return the figures (and write them to `json_path`, print them unless
    `quiet`). `synthetic`: that many articles of bench/corpus.py instead of `paths`;
    `sample`: stages 1-5 on the first that many documents (default: all of `paths`, 100 of a
    synthetic corpus); `jobs`: workers for the speed-up (default: every core; 0 or 1: skip)."""
    if synthetic:
        paths = synthetic_paths(synthetic, seed)
        sample = 100 if sample is None else sample
        label = f"synthetic ({synthetic} articles, bench/corpus.py)"
    else:
        paths = list(paths or [str(DEFAULT_CORPUS)])
        label = ", ".join(paths)
    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    load_start = load_average()
    affinity = current_affinity()
    try:
        results = _single_core(paths, sample, min_seconds, passes)
    finally:
        restore_affinity(affinity)
    if results is None:
        return {}
    results["corpus"]["label"] = label
    if jobs > 1:
        results["jobs"] = jobs_speedup(paths, jobs, jobs_rounds)
    results["machine"]["loadavg_start"] = load_start
    results["machine"]["loadavg_end"] = load_average()
    if not quiet:
        print_table(results)
    write_json(results, json_path, quiet)
    return results


def _single_core(all_paths: list[str], sample: int | None, min_seconds: float,
                 rounds: int | None) -> dict | None:
    pinning = pin_to_one_core()
    from blocwatch.claims.lexicon import SUPPORTED_LANGUAGES
    from blocwatch.nlp.sentences import split_sentences
    from blocwatch.pipeline import extract

    # Cold start, once: first read (imports, language model) and first extraction.
    t0 = time.perf_counter()
    docs, read_errors = read_all(all_paths)
    cold_read = time.perf_counter() - t0
    corpus_docs = len(docs)
    if sample is not None and sample < len(docs):
        docs = docs[:sample]
        paths = [d.path for d in docs]       # reading times the sample's files only
    else:
        paths = all_paths
    all_read = len(docs)
    docs = [d for d in docs if (d.language or "de") in SUPPORTED_LANGUAGES]
    if not docs:
        print(f"throughput: no German or English documents under {all_paths}", file=sys.stderr)
        return None
    t0 = time.perf_counter()
    extract(docs[0])
    cold_extract = time.perf_counter() - t0

    # The corpus as every stage sees it.
    sentence_tokens = [[TOKEN.findall(s.text) for s in split_sentences(d.text)] for d in docs]
    n_docs = len(docs)
    n_sentences = sum(len(st) for st in sentence_tokens)
    n_tokens = sum(len(TOKEN.findall(d.text)) for d in docs)
    n_chars = sum(len(d.text) for d in docs)
    languages: dict[str, int] = {}
    for d in docs:
        languages[d.language or "de"] = languages.get(d.language or "de", 0) + 1

    # 1. reading: files -> Documents, nothing else
    def read_pass():
        read_all(paths)

    # 2. extraction over the already-read Documents
    def extract_pass():
        for d in docs:
            extract(d)

    # 3. reference A: HanTa tags every sentence (input tokenised beforehand)
    from HanTa import HanoverTagger as ht
    t0 = time.perf_counter()
    taggers = {lang: ht.HanoverTagger(HANTA_MODELS[lang]) for lang in sorted(languages)}
    cold_hanta = time.perf_counter() - t0
    doc_taggers = [taggers[d.language or "de"] for d in docs]

    def hanta_pass():
        for tagger, sentences in zip(doc_taggers, sentence_tokens):
            for toks in sentences:
                tagger.tag_sent(toks)

    # 4. reference B: the floor
    scan, n_forms = floor_scanner()

    def floor_pass():
        for d in docs:
            scan(d.text)

    timed = timed_rounds({"reading": read_pass, "extraction": extract_pass,
                          "hanta": hanta_pass, "floor": floor_pass}, min_seconds, rounds)
    reading = {**timed["reading"], "documents_per_s": all_read / timed["reading"]["median_s"]}
    extraction = rates(timed["extraction"], n_docs, n_tokens)
    extraction["claims_per_pass"] = sum(len(extract(d).claims) for d in docs)
    hanta = rates(timed["hanta"], n_docs, n_tokens)
    floor = rates(timed["floor"], n_docs, n_tokens)
    floor["gazetteer_forms"] = n_forms
    cheap = filter_share(docs)

    # 5. ratios: medians of per-round ratios over the same documents
    ratios = {"extraction_faster_than_hanta": median_ratio(hanta, extraction),
              "extraction_slower_than_floor": median_ratio(extraction, floor)}

    return {
        "machine": {"cpu": cpu_model(), "cpus_online": os.cpu_count(), "affinity": pinning,
                    "python": platform.python_version(), "implementation": platform.python_implementation(),
                    "platform": platform.platform()},
        "code": code_version(),
        "corpus": {"paths": all_paths if len(all_paths) <= 20 else all_paths[:1] + ["..."],
                   "corpus_documents": corpus_docs, "documents": n_docs,
                   "sampled": n_docs < corpus_docs, "read_errors": read_errors,
                   "skipped_other_language": all_read - n_docs, "languages": languages,
                   "sentences": n_sentences, "tokens": n_tokens, "characters": n_chars},
        "cold_start_s": {"first_read_all": cold_read, "first_extract": cold_extract, "hanta_models": cold_hanta},
        "reading": reading, "extraction": extraction, "cheap_filter": cheap,
        "hanta": hanta, "floor": floor, "ratios": ratios,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help="files or folders (default: ../shared/corpus)")
    ap.add_argument("--synthetic", type=int, nargs="?", const=2000, metavar="N",
                    help="the synthetic corpus of bench/corpus.py, N articles (default 2000)")
    ap.add_argument("--seed", type=int, help="seed of the synthetic corpus (default: bench/corpus.py's)")
    ap.add_argument("--sample", type=int, help="stages 1-5 on the first N documents "
                    "(default: all; 100 of a synthetic corpus)")
    ap.add_argument("--min-seconds", type=float, default=3.0, help="least timed work per stage (default 3)")
    ap.add_argument("--passes", type=int, help="fixed number of timed rounds instead")
    ap.add_argument("--jobs", type=int, help="workers for the --jobs speed-up (default: every "
                    "core; 0 or 1: leave it out)")
    ap.add_argument("--jobs-rounds", type=int, default=1, help="timed runs per job count (default 1)")
    ap.add_argument("--json", type=Path, default=RESULTS, help="where to write the figures")
    a = ap.parse_args()
    if a.synthetic is not None and a.paths:
        ap.error("give PATHS or --synthetic, not both")
    results = run(a.paths, synthetic=a.synthetic, seed=a.seed, sample=a.sample,
                  min_seconds=a.min_seconds, passes=a.passes, jobs=a.jobs,
                  jobs_rounds=a.jobs_rounds, json_path=a.json)
    return 0 if results else 2


def print_table(r: dict) -> None:
    m, c = r["machine"], r["corpus"]
    langs = ", ".join(f"{k} {v}" for k, v in sorted(c["languages"].items()))
    print(f"machine  {m['cpu']}, {m['cpus_online']} CPUs online, {m['affinity']}; "
          f"{m['implementation']} {m['python']}")
    v = r["code"]
    print(f"code     blocwatch {v['blocwatch']}, commit {v['commit']}"
          f"{' + uncommitted changes in src/' if v['src_modified'] else ''}")
    if m.get("loadavg_start"):
        print(f"load     {m['loadavg_start'][0]:.2f} at start, {m['loadavg_end'][0]:.2f} at end "
              f"(1-min load average; {m['cpus_online']} CPUs)")
    sampled = (f" (first {c['documents']} of {c['corpus_documents']} for stages 1-5)"
               if c.get("sampled") else "")
    print(f"corpus   {c.get('label', '')}{sampled}")
    print(f"         {c['documents']} docs ({langs}), {c['sentences']} sentences, {c['tokens']} tokens, "
          f"{c['characters']} characters; {c['read_errors']} read errors, "
          f"{c['skipped_other_language']} skipped (other language)")
    cold = r["cold_start_s"]
    print(f"cold     first read {cold['first_read_all']:.2f} s, first extract {cold['first_extract']:.2f} s, "
          f"HanTa models {cold['hanta_models']:.2f} s (not in the rates below)")
    print()
    print(f"{'stage':<34} {'articles/s':>11} {'tokens/s':>11} {'median pass':>12} {'passes':>7}")
    print("-" * 79)

    def row(name, s, unit="articles_per_s"):
        tok = f"{s['tokens_per_s']:>11,.0f}" if "tokens_per_s" in s else f"{'':>11}"
        print(f"{name:<34} {s[unit]:>11,.1f} {tok} {s['median_s'] * 1000:>9.1f} ms {s['passes']:>7}")

    row("1 reading (read_paths, docs/s)", r["reading"], "documents_per_s")
    row("2 extraction (pipeline.extract)", r["extraction"])
    row("3 ref A: HanTa, every sentence", r["hanta"])
    row("4 ref B: floor, gazetteer lookup", r["floor"])
    print("-" * 79)
    cf = r["cheap_filter"]
    print(f"sentences with >= 2 actor codes      {cf['two_actor_codes']:>5} / {cf['sentences']}"
          f"  ({cf['two_actor_codes_share']:.1%})")
    if cf["full_analysis"] is not None:
        print(f"sentences past the cheap filter      {cf['full_analysis']:>5} / {cf['sentences']}"
              f"  ({cf['full_analysis_share']:.1%})  (reach full analysis)")
    q = r["ratios"]
    print(f"extraction vs HanTa                  {q['extraction_faster_than_hanta']:.1f}x faster")
    print(f"extraction vs floor                  {q['extraction_slower_than_floor']:.1f}x slower")
    j = r.get("jobs")
    if j:
        print(f"\n--jobs: blocwatch extract's extract_documents over all {j['documents']} documents "
              f"(reading included, unpinned)")
        print(f"  1 job     {j['seconds_1']:7.2f} s  {j['articles_per_s_1']:7.1f} articles/s")
        print(f"  {j['jobs']} jobs    {j['seconds_n']:7.2f} s  {j['articles_per_s_n']:7.1f} articles/s")
        print(f"  speed-up  {j['speedup']:.2f}x on {j['cpus']} CPUs"
              f"{'' if j['same_claims'] else '  (claim counts differ!)'}")


if __name__ == "__main__":
    sys.exit(main())
