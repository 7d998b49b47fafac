"""Score the extractor on the shared dev corpora and on the team's own corpus.

    python bench/score_dev.py                  # print the score.py summaries
    python bench/score_dev.py --verbose        # every missed and spurious claim
    python bench/score_dev.py --check .ci/score_floor   # exit 1 below the recorded floors

Two sets are scored with ../shared/eval/score.py:
- dev: every ../shared/corpus/NAME/ against ../shared/eval/NAME/gold.jsonl (third-party text,
  read at run time, never copied into this repository);
- team: bench/team_corpus/articles/ against bench/team_corpus/gold.jsonl (written and
  annotated by the team; see its README). Rules are never tuned to one article of either.
The floor file holds lines `claims_f1 0.xx`, `actors_f1 0.xx` (dev) and `team_claims_f1`,
`team_actors_f1`: a ratchet, raised as the extractor improves, never lowered to let a change pass.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEAM = ROOT / "bench" / "team_corpus"


def _score(scorer: Path, golds: list[Path], inputs: list[Path], verbose: bool, label: str) -> dict:
    from blocwatch.cli import extract_documents
    from blocwatch.model import ReadError

    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp, "gold.jsonl")
        gold.write_text("".join(g.read_text(encoding="utf-8") for g in golds), encoding="utf-8")
        pred = Path(tmp, "pred.jsonl")
        with pred.open("w", encoding="utf-8") as out:
            for result in extract_documents([str(p) for p in inputs]):
                if isinstance(result, ReadError):
                    print(f"score_dev: {result}", file=sys.stderr)
                    continue
                out.write(json.dumps(result.to_contract(), ensure_ascii=False) + "\n")
        flags = ["--verbose"] if verbose else []
        shown = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), *flags],
                               capture_output=True, text=True, check=True).stdout
        print(f"== {label}")
        print(shown, end="")
        return json.loads(subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"],
                                         capture_output=True, text=True, check=True).stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default: ../shared)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--check", type=Path, metavar="FLOOR_FILE", help="fail when below these floors")
    a = ap.parse_args()

    scorer = a.shared / "eval" / "score.py"
    corpora = sorted(p for p in (a.shared / "corpus").iterdir() if p.is_dir()) if (a.shared / "corpus").is_dir() else []
    golds = [a.shared / "eval" / c.name / "gold.jsonl" for c in corpora]
    if not corpora or not all(g.exists() for g in golds) or not scorer.exists():
        print(f"score_dev: no corpora with gold and scorer under {a.shared}", file=sys.stderr)
        return 2

    got = {}
    res = _score(scorer, golds, corpora, a.verbose, "dev (../shared/corpus)")
    got.update(claims_f1=res["claims"]["f1"], actors_f1=res["actors"]["f1"])
    if (TEAM / "gold.jsonl").exists():
        res = _score(scorer, [TEAM / "gold.jsonl"], [TEAM / "articles"], a.verbose, "team (bench/team_corpus)")
        got.update(team_claims_f1=res["claims"]["f1"], team_actors_f1=res["actors"]["f1"])

    if a.check:
        # train_cv_* floors belong to `blocwatch train --check-floor` (cross-validation)
        floors = dict(line.split() for line in a.check.read_text().splitlines()
                      if line.strip() and not line.startswith(("#", "train_cv_")))
        failed = [f"{k} {got.get(k, 0.0):.3f} < floor {float(v):.3f}" for k, v in floors.items()
                  if got.get(k, 0.0) + 1e-9 < float(v)]
        for f in failed:
            print(f"score_dev: below the floor: {f}", file=sys.stderr)
        if failed:
            return 1
        print("score_dev: at or above the floor (" + ", ".join(f"{k} {got[k]:.3f} >= {floors[k]}" for k in floors) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
