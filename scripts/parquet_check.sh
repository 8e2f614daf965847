#!/usr/bin/env bash
# Reads a Parquet file written by `gazette --format parquet` back with
# pyarrow, as pandas and Spark users will, and prints its schema and rows as
# JSON: {"columns": [[name, type], ...], "rows": [[...], ...]}.
#   scripts/parquet_check.sh FILE.parquet
# pyarrow is installed with pip into a venv under target/ the first time.
# Exit status 77 (and a line on standard error) when pyarrow cannot be
# installed, so a test can skip and say why.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/pyvenv
if ! "$venv/bin/python" -c "import pyarrow" 2>/dev/null; then
    if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check pyarrow; } >&2; then
        echo "parquet_check: cannot install pyarrow with pip" >&2
        exit 77
    fi
fi
"$venv/bin/python" - "$1" <<'PY'
import json, sys
import pyarrow.parquet as pq

t = pq.read_table(sys.argv[1])
print(json.dumps({
    "columns": [[f.name, str(f.type)] for f in t.schema],
    "rows": [list(r.values()) for r in t.to_pylist()],
}, ensure_ascii=False))
PY
