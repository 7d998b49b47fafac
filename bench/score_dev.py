"""Score the extractor on the shared dev corpora with the shared scorer.

    python bench/score_dev.py                  # print the score.py summary
    python bench/score_dev.py --verbose        # every missed and spurious claim
    python bench/score_dev.py --check .ci/score_floor   # exit 1 below the recorded floor

The corpora live in ../shared (third-party text, never copied into this repository):
every ../shared/corpus/NAME/ is scored against ../shared/eval/NAME/gold.jsonl.
The floor file holds lines `claims_f1 0.xx` and `actors_f1 0.xx`: a ratchet, raised as the
extractor improves and never lowered to let a change pass.
"""
from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default: ../shared)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--check", type=Path, metavar="FLOOR_FILE", help="fail when below these floors")
    a = ap.parse_args()

    corpora = sorted(p for p in (a.shared / "corpus").iterdir() if p.is_dir())
    golds = [a.shared / "eval" / c.name / "gold.jsonl" for c in corpora]
    if not corpora or not all(g.exists() for g in golds):
        print(f"score_dev: no corpora with gold under {a.shared}", file=sys.stderr)
        return 2

    from blocwatch.cli import extract_documents
    from blocwatch.model import ReadError

    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp, "gold.jsonl")
        gold.write_text("".join(g.read_text(encoding="utf-8") for g in golds), encoding="utf-8")
        pred = Path(tmp, "pred.jsonl")
        with pred.open("w", encoding="utf-8") as out:
            for result in extract_documents([str(c) for c in corpora]):
                if isinstance(result, ReadError):
                    print(f"score_dev: {result}", file=sys.stderr)
                    continue
                out.write(json.dumps(result.to_contract(), ensure_ascii=False) + "\n")
        scorer = a.shared / "eval" / "score.py"
        flags = ["--verbose"] if a.verbose else []
        shown = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), *flags],
                               capture_output=True, text=True, check=True).stdout
        print(shown, end="")
        res = json.loads(subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"],
                                        capture_output=True, text=True, check=True).stdout)

    if a.check:
        floors = dict(line.split() for line in a.check.read_text().splitlines()
                      if line.strip() and not line.startswith("#"))
        got = {"claims_f1": res["claims"]["f1"], "actors_f1": res["actors"]["f1"]}
        failed = [f"{k} {got[k]:.3f} < floor {float(v):.3f}" for k, v in floors.items() if got[k] + 1e-9 < float(v)]
        for f in failed:
            print(f"score_dev: below the floor: {f}", file=sys.stderr)
        if failed:
            return 1
        print("score_dev: at or above the floor (" + ", ".join(f"{k} {got[k]:.3f} >= {floors[k]}" for k in floors) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
