"""gazette on Apache Spark, two ways, checked against a single-process run.

1. ``RDD.pipe``: each partition's JSON Lines go through the ``gazette --jsonl``
   command, which writes one analysis line per input line (UTF-8 byte offsets).
2. ``mapInPandas``: each Arrow batch goes through the ``gazette`` wheel
   (``Extractor.extract_batch_json``, character offsets).

Both outputs must equal the single-process runs of the same tools on the same
corpus, document by document; the command's and the wheel's runs must also
agree with each other once byte offsets are turned into characters. Prints
documents, seconds and documents per second for every run, and exits 1 when
any output differs, 2 when something needed is missing.

    python run_spark.py --docs 10000 --gazette-bin ../../target/release/gazette

``run_spark.sh`` beside this file installs what is missing first.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402


class Missing(Exception):
    """Something the run needs is not installed."""


def need_python_modules() -> None:
    missing = []
    for mod in ("pyspark", "pandas", "pyarrow", "gazette"):
        try:
            __import__(mod)
        except ImportError as e:
            missing.append(f"{mod} ({e})")
    if missing:
        raise Missing(
            "cannot import " + ", ".join(missing) + f" in {sys.executable}; "
            "run python/spark/run_spark.sh, which installs pyspark, pandas and pyarrow, "
            "after installing the gazette wheel (python/ci.sh builds it)"
        )


def java_version() -> int:
    """The major version of the Java that Spark will start."""
    java = shutil.which("java", path=os.path.join(os.environ["JAVA_HOME"], "bin")) if "JAVA_HOME" in os.environ else None
    java = java or shutil.which("java")
    if not java:
        raise Missing("no java on PATH; Spark needs Java 17 or later (apt-get install openjdk-17-jre-headless)")
    out = subprocess.run([java, "-version"], capture_output=True, text=True)
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        raise Missing(f"cannot read the version of {java}: {out.stderr.strip()[:200]}")
    major = int(m.group(1))
    if major == 1 and m.group(2):
        major = int(m.group(2))
    if major < 17:
        raise Missing(f"{java} is Java {major}; Spark needs Java 17 or later (apt-get install openjdk-17-jre-headless)")
    return major


def find_gazette_bin(given: Optional[str]) -> str:
    candidates = [given, os.environ.get("GAZETTE_BIN"), str(HERE.parent.parent / "target" / "release" / "gazette")]
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return os.path.abspath(c)
    on_path = shutil.which("gazette")
    if on_path:
        return on_path
    raise Missing("no gazette command: build it with `cargo build --release --bin gazette` or pass --gazette-bin")


def byte_to_char(text: str, value: Any) -> Any:
    """A copy of ``value`` (an analysis as JSON) with every span's byte offsets
    into ``text`` turned into character offsets.

    Written independently of the wheel's own conversion, to check it.
    """
    b = text.encode("utf-8")
    memo: Dict[int, int] = {}

    def conv(off: int) -> int:
        if off not in memo:
            memo[off] = len(b[:off].decode("utf-8", errors="ignore"))
        return memo[off]

    def walk(v: Any) -> Any:
        if isinstance(v, dict):
            out = {k: walk(x) for k, x in v.items()}
            if isinstance(v.get("start"), int) and isinstance(v.get("end"), int):
                out["start"], out["end"] = conv(v["start"]), conv(v["end"])
            return out
        if isinstance(v, list):
            return [walk(x) for x in v]
        return v

    return walk(value)


def by_id(lines: List[str], drop_id: bool = True) -> Dict[str, Dict[str, Any]]:
    """JSON lines keyed by their ``id``; the id is taken out of each value."""
    out: Dict[str, Dict[str, Any]] = {}
    for line in lines:
        d = json.loads(line)
        key = d.pop("id") if drop_id else d["id"]
        if key in out:
            raise ValueError(f"id {key!r} appears twice")
        out[key] = d
    return out


def compare(name: str, got: Dict[str, Any], want: Dict[str, Any]) -> List[str]:
    """Differences between two runs, as readable lines (empty when equal)."""
    problems = []
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    if missing:
        problems.append(f"{name}: {len(missing)} documents missing, e.g. {missing[:3]}")
    if extra:
        problems.append(f"{name}: {len(extra)} unexpected documents, e.g. {extra[:3]}")
    differ = [k for k in sorted(set(got) & set(want)) if got[k] != want[k]]
    if differ:
        problems.append(f"{name}: {len(differ)} documents differ, e.g. {differ[:3]}")
    return problems


def read_parts(folder: Path) -> List[str]:
    """The lines of the part files a Spark job wrote into ``folder``."""
    lines: List[str] = []
    for part in sorted(folder.glob("part-*")):
        with open(part, encoding="utf-8") as f:
            lines.extend(line for line in f.read().splitlines() if line)
    return lines


def timed(f: Any) -> Tuple[Any, float]:
    t = time.perf_counter()
    r = f()
    return r, time.perf_counter() - t


def spark_session(master: str) -> Any:
    from pyspark.sql import SparkSession

    # Workers run this very Python, where the wheel is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = (
        SparkSession.builder.master(master)
        .appName("gazette-spark-check")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run(args: argparse.Namespace) -> int:
    need_python_modules()
    jv = java_version()
    gz = find_gazette_bin(args.gazette_bin)
    import gazette

    work = Path(args.workdir or tempfile.mkdtemp(prefix="gazette-spark-")).resolve()
    if work.exists():
        for old in ("out-pipe", "out-pandas", "warmup-pipe", "warmup-pandas"):
            shutil.rmtree(work / old, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    corpus_path = work / "corpus.jsonl"
    docs = list(corpus_mod.corpus(args.docs, args.seed))
    with open(corpus_path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    texts = {d["id"]: d["text"] for d in docs}
    n = len(docs)
    size = corpus_path.stat().st_size
    print(f"corpus: {n} documents, {size / 1e6:.1f} MB, in {corpus_path}; Java {jv}; command {gz}", flush=True)

    rows: List[Tuple[str, int, float, str]] = []
    problems: List[str] = []

    # Single-process runs: the references.
    def cli_run() -> List[str]:
        with open(corpus_path, "rb") as f:
            out = subprocess.run([gz, "--jsonl"], stdin=f, capture_output=True, check=True)
        return out.stdout.decode("utf-8").splitlines()

    cli_lines, t = timed(cli_run)
    cli_ref = by_id(cli_lines)
    rows.append(("single process: gazette --jsonl", len(cli_ref), t, "reference (bytes)"))

    ex = gazette.Extractor()
    ids = [d["id"] for d in docs]
    wheel_lines, t = timed(lambda: ex.extract_batch_json([d["text"] for d in docs], threads=1))
    wheel_ref = {i: json.loads(line) for i, line in zip(ids, wheel_lines)}
    rows.append(("single process: wheel, 1 thread", len(wheel_ref), t, "reference (chars)"))
    all_lines, t = timed(lambda: ex.extract_batch_json([d["text"] for d in docs]))
    p = [] if all_lines == wheel_lines else ["wheel on every core: differs from 1 thread"]
    problems += p
    rows.append((f"single process: wheel, {os.cpu_count()} threads", len(all_lines), t, "equal" if not p else "DIFFERENT"))

    # The command and the wheel agree once offsets are in the same unit.
    cli_chars = {k: byte_to_char(texts[k], v) for k, v in cli_ref.items()}
    p = compare("wheel vs command", wheel_ref, cli_chars)
    problems += p
    rows.append(("  check: wheel == command (bytes -> chars)", n, 0.0, "equal" if not p else "DIFFERENT"))

    # Spark's Python workers put their working directory first on sys.path:
    # start them in the work folder, where no source tree can shadow the
    # installed wheel.
    os.chdir(work)
    spark, t = timed(lambda: spark_session(args.master))
    print(f"Spark {spark.version} session on {args.master} started in {t:.1f} s", flush=True)
    try:
        sc = spark.sparkContext
        cmd = f"{shlex.quote(gz)} --jsonl"

        # 2. mapInPandas with the wheel. A nested function, so that Spark
        # ships it by value and workers need no copy of this script.
        def analyse_partition(batches: Any) -> Any:
            """One extractor per partition, one call per Arrow batch; Spark
            already runs a task per core, hence ``threads=1``."""
            import gazette
            import pandas as pd

            ex = gazette.Extractor()
            for pdf in batches:
                yield pd.DataFrame({"id": pdf["id"], "analysis": ex.extract_batch_json(pdf["text"].tolist(), threads=1)})

        def pipe_job(path: Path, out: Path) -> int:
            rdd = sc.textFile(str(path), minPartitions=args.partitions)
            rdd.pipe(cmd, checkCode=True).saveAsTextFile(str(out))
            return rdd.getNumPartitions()

        def pandas_job(path: Path, out: Path) -> int:
            df = spark.read.schema("id string, text string").json(str(path))
            if df.rdd.getNumPartitions() != args.partitions:
                df = df.repartition(args.partitions)
            df.mapInPandas(analyse_partition, schema="id string, analysis string").write.json(str(out))
            return df.rdd.getNumPartitions()

        # Warm-up on a small slice: the first job of a session starts the
        # JVM's compiler and the Python workers, which no archive-sized job
        # would notice.
        warm = work / "warmup.jsonl"
        with open(corpus_path, encoding="utf-8") as f, open(warm, "w", encoding="utf-8") as w:
            w.writelines(line for _, line in zip(range(200), f))
        pipe_job(warm, work / "warmup-pipe")
        pandas_job(warm, work / "warmup-pandas")

        # Each job reads the corpus and writes its analyses to storage, as an
        # archive job would; the driver reads them back only to check.
        parts, t = timed(lambda: pipe_job(corpus_path, work / "out-pipe"))
        got = by_id(read_parts(work / "out-pipe"))
        p = compare("RDD.pipe", got, cli_ref)
        problems += p
        rows.append((f"Spark RDD.pipe(gazette --jsonl), {parts} partitions", len(got), t,
                     "equal" if not p else "DIFFERENT"))

        parts, t = timed(lambda: pandas_job(corpus_path, work / "out-pandas"))
        got = {}
        for line in read_parts(work / "out-pandas"):
            r = json.loads(line)
            got[r["id"]] = json.loads(r["analysis"])
        p = compare("mapInPandas", got, wheel_ref)
        problems += p
        rows.append((f"Spark mapInPandas(wheel), {parts} partitions", len(got), t,
                     "equal" if not p else "DIFFERENT"))
    finally:
        spark.stop()

    width = max(len(r[0]) for r in rows)
    print(f"{'run':<{width}}  {'documents':>9}  {'seconds':>8}  {'docs/second':>11}  output")
    for name, count, secs, status in rows:
        if secs > 0:
            print(f"{name:<{width}}  {count:>9}  {secs:>8.2f}  {count / secs:>11.0f}  {status}")
        else:
            print(f"{name:<{width}}  {count:>9}  {'':>8}  {'':>11}  {status}")
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            json.dump(
                {"documents": n, "runs": [{"run": r[0], "documents": r[1], "seconds": r[2], "output": r[3]} for r in rows],
                 "problems": problems},
                f,
                indent=1,
            )
    for line in problems:
        print("MISMATCH " + line, file=sys.stderr)
    if problems or any(r[1] != n for r in rows):
        print(f"FAILED: the Spark runs do not equal the single-process run on {n} documents", file=sys.stderr)
        return 1
    print(f"OK: both Spark runs equal the single-process runs on all {n} documents")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10000, help="corpus size (default 10000)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=2)
    ap.add_argument("--gazette-bin", help="the gazette command (default: target/release/gazette, then PATH)")
    ap.add_argument("--workdir", help="where to write the corpus (default: a new temporary folder)")
    ap.add_argument("--summary", help="also write the figures as JSON to this file")
    args = ap.parse_args(argv)
    try:
        return run(args)
    except Missing as e:
        print(f"run_spark: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
