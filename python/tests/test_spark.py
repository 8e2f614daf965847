"""The Spark check (python/spark/run_spark.py): its parts, and small runs end to end.

The 10,000-document run is python/ci.sh's; here a few hundred documents
show that both ways run, that equal output passes, and that different output
or a missing Java fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SPARK_DIR = Path(__file__).resolve().parents[1] / "spark"
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(SPARK_DIR))

import corpus  # noqa: E402
import run_spark  # noqa: E402

REQUIRED = bool(os.environ.get("GAZETTE_REQUIRE_SPARK"))


def gazette_bin() -> str:
    for c in (os.environ.get("GAZETTE_BIN"), str(ROOT / "target" / "release" / "gazette"), shutil.which("gazette")):
        if c and os.path.isfile(c):
            return c
    if REQUIRED:
        pytest.fail("no gazette command: set GAZETTE_BIN")
    pytest.skip("no gazette command built")


def need_spark() -> None:
    try:
        run_spark.need_python_modules()
        run_spark.java_version()
    except run_spark.Missing as e:
        if REQUIRED:
            pytest.fail(str(e))
        pytest.skip(str(e))


def test_corpus_is_deterministic_news_with_non_ascii() -> None:
    a = list(corpus.corpus(300, seed=5))
    b = list(corpus.corpus(300, seed=5))
    assert a == b
    assert len(a) == 300 == len({d["id"] for d in a})
    assert list(corpus.corpus(300, seed=6)) != a
    texts = [d["text"] for d in a]
    assert sum(any(ord(c) > 127 for c in t) for t in texts) > 250
    assert all(t.count("\n\n") >= 2 for t in texts)
    assert all(200 < len(t) < 4000 for t in texts)
    assert sum("“" in t for t in texts) > 250


# One row per text: (name, text, byte span, char span).
BYTE_TO_CHAR = [
    ("ascii", "Safadi said.", (0, 6), (0, 6)),
    ("two-byte letters", "Erdoğan said.", (0, 8), (0, 7)),
    ("after an emoji", "🔥 Macron said.", (5, 11), (2, 8)),
    ("end of text", "São Paulo", (0, 10), (0, 9)),
]


@pytest.mark.parametrize("name,text,bspan,cspan", BYTE_TO_CHAR, ids=[c[0] for c in BYTE_TO_CHAR])
def test_byte_to_char(name, text, bspan, cspan) -> None:
    v = {"mentions": [{"start": bspan[0], "end": bspan[1], "text": "x"}], "n": 3}
    got = run_spark.byte_to_char(text, v)
    assert (got["mentions"][0]["start"], got["mentions"][0]["end"]) == cspan
    assert got["n"] == 3 and v["mentions"][0]["start"] == bspan[0]


# One row per pair of runs: (name, got, want, problems expected).
COMPARE = [
    ("equal", {"a": {"x": 1}}, {"a": {"x": 1}}, 0),
    ("missing", {}, {"a": {"x": 1}}, 1),
    ("extra", {"a": {"x": 1}, "b": {}}, {"a": {"x": 1}}, 1),
    ("different", {"a": {"x": 2}}, {"a": {"x": 1}}, 1),
]


@pytest.mark.parametrize("name,got,want,n", COMPARE, ids=[c[0] for c in COMPARE])
def test_compare(name, got, want, n) -> None:
    assert len(run_spark.compare(name, got, want)) == n


def run_check(tmp_path: Path, docs: int, gz: str, env: dict | None = None) -> subprocess.CompletedProcess:
    summary = tmp_path / "summary.json"
    return subprocess.run(
        [sys.executable, str(SPARK_DIR / "run_spark.py"), "--docs", str(docs), "--gazette-bin", gz,
         "--workdir", str(tmp_path / "work"), "--summary", str(summary)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )


def test_spark_both_ways_equal_the_single_process_run(tmp_path: Path) -> None:
    need_spark()
    out = run_check(tmp_path, 300, gazette_bin())
    assert out.returncode == 0, out.stderr[-3000:]
    s = json.loads((tmp_path / "summary.json").read_text())
    assert s["documents"] == 300 and s["problems"] == []
    runs = {r["run"].split(",")[0]: r for r in s["runs"]}
    for way in ("Spark RDD.pipe(gazette --jsonl)", "Spark mapInPandas(wheel)"):
        assert runs[way]["documents"] == 300
        assert runs[way]["output"] == "equal"
        assert runs[way]["seconds"] > 0
    assert "OK: both Spark runs equal" in out.stdout


def test_spark_check_fails_on_different_output(tmp_path: Path) -> None:
    need_spark()
    real = gazette_bin()
    # A command that loses one document, only when Spark runs it on the
    # second partition (the single-process run sees doc-000000 and is right).
    fake = tmp_path / "gazette-fake"
    fake.write_text(
        "#!/bin/sh\n"
        "input=$(cat)\n"
        "if printf '%s\\n' \"$input\" | grep -q '\"doc-000000\"'; then\n"
        f"  printf '%s\\n' \"$input\" | '{real}' \"$@\"\n"
        "else\n"
        f"  printf '%s\\n' \"$input\" | '{real}' \"$@\" | sed -e '/\"id\":\"doc-000035\"/d'\n"
        "fi\n"
    )
    fake.chmod(0o755)
    out = run_check(tmp_path, 40, str(fake))
    assert out.returncode == 1, out.stdout[-2000:] + out.stderr[-2000:]
    assert "MISMATCH RDD.pipe: 1 documents missing" in out.stderr
    assert "wheel vs command" not in out.stderr


def test_spark_check_says_when_java_is_missing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env["PATH"] = str(tmp_path)  # no java here
    out = run_check(tmp_path, 10, gazette_bin(), env=env)
    assert out.returncode == 2
    assert "Java 17" in out.stderr or "java" in out.stderr
