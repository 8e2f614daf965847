#!/usr/bin/env python3
"""Throughput of the Python package's batch calls, in MB of text a second.

    python3 scripts/news_corpus.py 20 > news20.jsonl
    python python/bench/throughput.py news20.jsonl [DOCS]   # the first DOCS texts (5000)

Run with the Python that has the wheel installed. Each call is timed twice
over the same texts and the faster run is printed; the machine may be
shared, so only figures from one run compare well.
"""
import json
import sys
import time

import gazette


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    with open(sys.argv[1], encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(limit), f)]
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"{len(texts)} texts, {size / 1e6:.1f} MB")
    ex = gazette.Extractor()
    calls = [
        ("extract_batch_json, 1 thread", lambda: ex.extract_batch_json(texts, threads=1)),
        ("extract_batch_json, 2 threads", lambda: ex.extract_batch_json(texts, threads=2)),
        ("extract_batch_dicts, 1 thread", lambda: ex.extract_batch_dicts(texts, threads=1)),
        ("extract_batch (dataclasses), 1 thread", lambda: ex.extract_batch(texts, threads=1)),
        ("extract_batch (dataclasses), 2 threads", lambda: ex.extract_batch(texts, threads=2)),
    ]
    for name, call in calls:
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            call()
            best = min(best, time.perf_counter() - start)
        print(f"{name:40} {size / best / 1e6:6.2f} MB/s")


if __name__ == "__main__":
    main()
