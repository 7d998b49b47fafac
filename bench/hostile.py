"""Figures for tests/reliability/README.md (issue 14): hostile input, measured.

    .venv/bin/python bench/hostile.py

Prints: time to read (build_document + extract) one line of 10k/40k/160k spaces; peak
memory of reading a 49 MB HTML file of <p>x</p>; documents stored from a batch holding a
file name that is not UTF-8; latency of GET /api/summary on a running server while an
upload of 2 MB of whitespace is processed. Everything is generated here; nothing is kept.
"""
from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

DE = ("Russland liefert Belarus neue Kampfflugzeuge. Kasachstan und China vertiefen ihre "
      "Zusammenarbeit im Handel.")
EN = "Iran supplied drones to Russia, officials said on Tuesday."


def read_spaces() -> None:
    from blocwatch.pipeline import extract
    from blocwatch.read import build_document
    extract(build_document(DE + " " * 1000 + " Ende.", "warm-up"))   # one-time loading
    for n in (10_000, 40_000, 160_000):
        started = time.perf_counter()
        extract(build_document(DE + " " * n + " Ende.", "spaces"))
        print(f"read + extract one line of {n:,} spaces: {time.perf_counter() - started:.3f} s")


def big_html_peak(folder: Path) -> tuple[str, int]:
    """Write a 49 MB HTML file of <p>x</p>, read it in a fresh process: (the reader's
    reason, that process's peak memory in MB). Also used by tests/reliability."""
    path = folder / "big.html"
    with open(path, "w") as fh:
        fh.write("<html><body>")
        for _ in range(49):
            fh.write("<p>x</p>" * (1024 * 1024 // 8))
        fh.write("</body></html>")
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so a child of a large
    # process would report its parent's peak
    code = ("from blocwatch.read import read_paths; "
            f"[i] = read_paths([{str(path)!r}]); print(i.reason); "
            "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM')); "
            "print(int(hwm.split()[1]) // 1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout.splitlines()
    return out[0], int(out[1])


def html_memory(folder: Path) -> None:
    reason, peak = big_html_peak(folder)
    print(f"49 MB HTML of <p>x</p>: peak {peak} MB; {reason}")


def odd_names(folder: Path) -> None:
    batch = folder / "batch"
    batch.mkdir()
    (batch / os.fsdecode(b"b\xe9richt.txt")).write_text(DE, encoding="utf-8")
    (batch / "good.txt").write_text(EN, encoding="utf-8")
    for jobs in ("1", "2"):
        db = folder / f"store{jobs}.sqlite"
        done = subprocess.run([sys.executable, "-m", "blocwatch.cli", "ingest", "--db", str(db),
                               "--jobs", jobs, str(batch)], capture_output=True, text=True)
        print(f"batch with a non-UTF-8 file name, --jobs {jobs}: {done.stdout.splitlines()[0]}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> float:
    started = time.perf_counter()
    urllib.request.urlopen(url, timeout=120).read()
    return time.perf_counter() - started


def server_latency(folder: Path) -> None:
    db = folder / "web.sqlite"
    subprocess.run([sys.executable, "-m", "blocwatch.cli", "ingest", "--db", str(db),
                    str(Path(__file__).resolve().parents[1] / "examples")],
                   capture_output=True, check=True)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "blocwatch.cli", "serve", "--db", str(db),
                               "--port", str(port), "--token", "t"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _get(base + "/api/summary")
                break
            except OSError:
                time.sleep(0.2)
        quiet = [_get(base + "/api/summary") for _ in range(20)]
        body = json.dumps({"text": DE + " " * (2 * 1024 * 1024 - 500) + " Ende."}).encode()
        request = urllib.request.Request(base + "/api/documents", data=body, method="POST",
                                         headers={"Authorization": "Bearer t",
                                                  "Content-Type": "application/json"})
        took: dict = {}

        def upload() -> None:
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=600) as response:
                took["status"] = response.status
            took["seconds"] = time.perf_counter() - started

        thread = threading.Thread(target=upload)
        thread.start()
        busy = []
        while thread.is_alive():
            busy.append(_get(base + "/api/summary"))
        thread.join()
        print(f"GET /api/summary idle: median {statistics.median(quiet) * 1000:.0f} ms, "
              f"max {max(quiet) * 1000:.0f} ms")
        print(f"during an upload of 2 MB of whitespace ({took.get('status')}, "
              f"{took.get('seconds', 0):.2f} s): {len(busy)} requests, median "
              f"{statistics.median(busy) * 1000:.0f} ms, max {max(busy) * 1000:.0f} ms")
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        read_spaces()
        html_memory(folder)
        odd_names(folder)
        server_latency(folder)


if __name__ == "__main__":
    main()
