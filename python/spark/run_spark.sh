#!/usr/bin/env bash
# The Spark check: installs what it needs, then runs run_spark.py.
#
#   python/spark/run_spark.sh [--docs 10000] [--master 'local[2]'] [--summary out.json]
#
# Needs: Java 17+ (installed with apt-get when missing and run as root),
# pyspark, pandas and pyarrow (installed with pip into $PYTHON when missing),
# the gazette wheel in $PYTHON (installed from $GAZETTE_WHEEL or python/dist
# when missing; python/ci.sh builds it) and the gazette command (built with
# cargo when $GAZETTE_BIN is unset). $PYTHON defaults to the python3 on PATH,
# so activate a virtual environment first. Exits 2 with a message when
# something cannot be had.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
PYTHON="${PYTHON:-python3}"

die() { echo "run_spark.sh: $*" >&2; exit 2; }

java_ok() { command -v java >/dev/null 2>&1 && java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; }
if ! java_ok; then
    echo "run_spark.sh: no Java 17+; installing openjdk-17-jre-headless" >&2
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; } \
            || die "apt-get could not install openjdk-17-jre-headless; install Java 17 or later and set JAVA_HOME"
    else
        die "Spark needs Java 17 or later: install openjdk-17-jre-headless (needs root) or set JAVA_HOME"
    fi
    java_ok || die "Java 17 or later is still not on PATH after installing openjdk-17-jre-headless"
fi

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 9))' 2>/dev/null || die "$PYTHON is not Python 3.9 or later"
if ! "$PYTHON" -c 'import pyspark, pandas, pyarrow' 2>/dev/null; then
    echo "run_spark.sh: installing pyspark, pandas and pyarrow into $("$PYTHON" -c 'import sys; print(sys.prefix)')" >&2
    "$PYTHON" -m pip install -q --disable-pip-version-check 'pyspark>=3.5' 'pandas>=1.5,<3' 'pyarrow>=10' \
        || die "pip could not install pyspark, pandas and pyarrow"
fi
if ! "$PYTHON" -c 'import gazette' 2>/dev/null; then
    wheel="${GAZETTE_WHEEL:-$(ls -t "$root"/python/dist/gazette-*.whl 2>/dev/null | head -1 || true)}"
    [ -n "$wheel" ] || die "the gazette wheel is not installed and none is built: run python/ci.sh or (cd python && maturin build --release)"
    "$PYTHON" -m pip install -q --disable-pip-version-check "$wheel" || die "pip could not install $wheel"
fi
if [ -z "${GAZETTE_BIN:-}" ]; then
    command -v cargo >/dev/null 2>&1 || die "no cargo to build the gazette command; set GAZETTE_BIN"
    (cd "$root" && cargo build --release --quiet --bin gazette) || die "cargo could not build the gazette command"
    GAZETTE_BIN="$root/target/release/gazette"
fi
exec "$PYTHON" "$here/run_spark.py" --gazette-bin "$GAZETTE_BIN" "$@"
