#!/usr/bin/env bash
# Times the command on one long document against the same text cut into
# 1,000 JSON Lines documents, on one thread, and prints the cost per byte of
# the one against the many (issue 12's bound: 1.2), in wall time and in CPU
# time (user + system), with the system time of each (fresh pages).
#   scripts/one_vs_many.sh [MB] [ROUNDS] [BINARY]
# MB: the text's size (default 20); ROUNDS: alternating runs of each
# (default 5; the medians are compared); BINARY: the command to time
# (default target/release/gazette, built first). The texts are written by
# scripts/news_corpus.py under target/perf/ the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-20}
rounds=${2:-5}
bin=${3:-}
if [[ -z "$bin" ]]; then
    cargo build --release --quiet --bin gazette
    bin=target/release/gazette
fi
dir=target/perf
mkdir -p "$dir"
one="$dir/one$mb.txt"
many="$dir/one$mb-parts.jsonl"
[[ -s "$one" ]] || python3 scripts/news_corpus.py "$mb" --one > "$one"
[[ -s "$many" ]] || python3 scripts/news_corpus.py "$mb" --one --split 1000 > "$many"
for _ in $(seq "$rounds"); do
    /usr/bin/time -f "one %e %U %S" "$bin" -j 1 --format jsonl "$one" 2>&1 >/dev/null | tail -1
    /usr/bin/time -f "many %e %U %S" "$bin" -j 1 --jsonl "$many" 2>&1 >/dev/null | tail -1
done | python3 -c '
import statistics as st, sys
runs = {"one": [], "many": []}
for line in sys.stdin:
    name, wall, user, sys_ = line.split()
    runs[name].append((float(wall), float(user) + float(sys_), float(sys_)))
def med(name, k):
    return st.median(r[k] for r in runs[name])
for k, what in ((0, "wall"), (1, "cpu")):
    one, many = med("one", k), med("many", k)
    print(f"{what:>4}: one {one:.3f} s, many {many:.3f} s, ratio {one / many:.3f}")
one, many = med("one", 2), med("many", 2)
print(f" sys: one {one:.2f} s, many {many:.2f} s")
'
