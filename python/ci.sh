#!/usr/bin/env bash
# CI for the Python package: lint the binding crate, build the abi3 manylinux
# wheel (maturin + zig from PyPI), install it in a new virtual environment,
# run pytest (package, spaCy component, Spark script) and the 10,000-document
# Spark check. Run from anywhere; .ci/run calls it after cargo test.
#
# Needs python3 (3.9+) with venv and pip, cargo, and PyPI; the Spark check
# also installs Java 17 with apt-get when it is missing. Work goes into
# python/target/ci (removed and made anew on each run, the pip cache aside).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/target/ci"
PYTHON3="${PYTHON3:-python3}"
pip_q=(-q --disable-pip-version-check)
t0=$SECONDS
step() { echo "== python/ci.sh [$((SECONDS - t0)) s] $*"; }
die() { echo "python/ci.sh: $*" >&2; exit 1; }

"$PYTHON3" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 9))' \
    || die "$PYTHON3 must be Python 3.9 or later with venv and ensurepip"
rm -rf "$work/venv" "$work/dist"
mkdir -p "$work"

step "cargo fmt and clippy on the binding crate"
(cd "$here" && cargo fmt --check && cargo clippy --quiet -- -D warnings)

step "build tools: maturin and ziglang"
if [ ! -x "$work/build/bin/maturin" ] || ! "$work/build/bin/python" -m ziglang version >/dev/null 2>&1; then
    rm -rf "$work/build"
    "$PYTHON3" -m venv "$work/build"
    "$work/build/bin/pip" install "${pip_q[@]}" 'maturin>=1.5,<2' ziglang || die "pip could not install maturin and ziglang"
fi

step "build the wheel (abi3, manylinux2014 through zig)"
(
    cd "$here"
    # maturin finds zig through the python on PATH.
    PATH="$work/build/bin:$PATH" maturin build --release --zig --compatibility manylinux2014 -o "$work/dist" 2>&1 \
        | grep -Ev '^\s+(Compiling|Downloaded|Downloading)' || true
)
wheel="$(ls "$work"/dist/gazette-*.whl 2>/dev/null | head -1 || true)"
[ -n "$wheel" ] || die "maturin built no wheel"
case "$(basename "$wheel")" in
    *-cp39-abi3-*manylinux2014_x86_64*) ;;
    *) die "unexpected wheel tags: $(basename "$wheel")" ;;
esac
echo "wheel: $(basename "$wheel"), $(stat -c %s "$wheel") bytes"

step "a new virtual environment with the wheel, spaCy, PySpark and pytest"
"$PYTHON3" -m venv "$work/venv"
"$work/venv/bin/pip" install "${pip_q[@]}" --prefer-binary "$wheel[spacy,test]" \
    'pyspark>=3.5' 'pandas>=1.5,<3' 'pyarrow>=10' || die "pip could not install the wheel and its test dependencies"

step "the gazette command (release)"
(cd "$root" && cargo build --release --quiet --bin gazette)
export GAZETTE_BIN="$root/target/release/gazette"

step "pytest"
# From python/, with the venv's pytest: the installed wheel is what is tested
# (no .so sits in python/gazette, so the source tree cannot shadow it).
(cd "$here" && GAZETTE_REQUIRE_SPACY=1 GAZETTE_REQUIRE_SPARK=1 "$work/venv/bin/pytest" -q -p no:cacheprovider tests)

step "Spark check: 10,000 documents, RDD.pipe and mapInPandas, local[2]"
PYTHON="$work/venv/bin/python" "$here/spark/run_spark.sh" --docs 10000 --workdir "$work/spark" \
    --summary "$work/spark-summary.json"

step "done in $((SECONDS - t0)) s"
