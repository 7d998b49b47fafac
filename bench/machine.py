"""What every benchmark records beside its figures: the machine, its load, the code
measured; and how each writes its JSON. Shared by throughput.py, ingest_bench.py and
queries.py (run as scripts from this folder, so imported as `machine`)."""
from __future__ import annotations

import json
import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_average() -> list[float] | None:
    """The 1-, 5- and 15-minute load averages (figures on a busy machine run slower)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def code_version() -> dict:
    """The version and commit measured, and whether src/ had uncommitted changes (the
    figures then describe the working tree). The repository's commit describes the code
    only when blocwatch is imported from this repository's src/."""
    import blocwatch  # noqa: PLC0415 - the package measured, as the caller imported it
    src = Path(blocwatch.__file__).resolve().parents[1]

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True,
                                  text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    in_repo = src == (ROOT / "src").resolve()
    return {"blocwatch": blocwatch.__version__, "imported_from": str(src),
            "commit": (git("rev-parse", "--short", "HEAD") or None) if in_repo else None,
            "src_modified": bool(git("status", "--porcelain", "--", "src")) if in_repo
            else None}


def write_json(results: dict, path: Path | str | None, quiet: bool = False) -> None:
    """Write `results` to `path` (nothing when None), saying so unless `quiet`."""
    if path is None:
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
    if not quiet:
        print(f"\nwritten: {path}")
