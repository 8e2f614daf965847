#!/usr/bin/env bash
# Renders the HTML report of the sample article in headless Chromium (Debian's
# `chromium`), checks that every entity mention and the who-said-what table
# are in the rendered page, and saves a screenshot:
#   target/browser/report.html  the report
#   target/browser/dom.html     the page as Chromium rendered it
#   target/browser/report.png   the screenshot
# Installs chromium with apt-get when it is missing; fails if it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/browser
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
    echo "browser_check: installing chromium" >&2
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
        echo "browser_check: chromium is missing and cannot be installed" >&2
        exit 1
    fi
fi

cargo build --quiet --bin gazette
bin=target/debug/gazette
"$bin" --format html -o "$out/report.html" examples/sample.txt
"$bin" --format jsonl examples/sample.txt > "$out/analysis.jsonl"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
    --disable-component-update --disable-sync --disable-default-apps --hide-scrollbars
    --user-data-dir="$profile" --window-size=1280,1750)
url="file://$(pwd)/$out/report.html"
chromium "${flags[@]}" --dump-dom "$url" > "$out/dom.html" 2> "$out/chromium.log"
chromium "${flags[@]}" --screenshot="$out/report.png" "$url" >> "$out/chromium.log" 2>&1
test -s "$out/report.png" || { echo "browser_check: no screenshot" >&2; exit 1; }

# The rendered DOM must hold every mention of the analysis as a link of its
# kind to its entity, and one table row per statement.
python3 - "$out/dom.html" "$out/analysis.jsonl" <<'PY'
import json, sys
from html.parser import HTMLParser

dom = open(sys.argv[1], encoding="utf-8").read()
a = json.loads(open(sys.argv[2], encoding="utf-8").readline())

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.links, self.rows, self.entities, self.heads = [], [], [], set(), []
        self.link = None
        self.in_table = self.in_row = False
        self.cell_texts = []
    def handle_starttag(self, tag, attrs):
        at = dict(attrs)
        cls = (at.get("class") or "").split()
        if tag == "a" and "m" in cls:
            self.link = {"kind": [c for c in cls if c != "m"], "href": at.get("href", ""), "text": ""}
        if tag == "li" and at.get("id", "").startswith("d1-e"):
            self.entities.add("#" + at["id"])
        if tag == "tr" and at.get("id", "").startswith("d1-t"):
            self.in_row = True
            self.cell_texts = [""]
        if tag == "td" and self.in_row and self.cell_texts[-1]:
            self.cell_texts.append("")
    def handle_endtag(self, tag):
        if tag == "a" and self.link is not None:
            self.links.append(self.link)
            self.link = None
        if tag == "tr" and self.in_row:
            self.rows.append(self.cell_texts)
            self.in_row = False
    def handle_data(self, data):
        if self.link is not None:
            self.link["text"] += data
        if self.in_row:
            self.cell_texts[-1] += data

p = Page()
p.feed(dom)
errors = []
mentions = a["mentions"]
if len(p.links) < len(mentions):
    errors.append(f"{len(p.links)} entity links in the page, {len(mentions)} mentions in the analysis")
for m in mentions:
    hit = [l for l in p.links if l["text"] == m["text"] and m["kind"] in l["kind"]]
    if not hit:
        errors.append(f"mention {m['text']!r} ({m['kind']}) is not in the rendered page")
    elif m.get("entity") is not None and not any(l["href"] == f"#d1-e{m['entity']}" and l["href"] in p.entities for l in hit):
        errors.append(f"mention {m['text']!r} does not link to its entity")
statements = [q for q in a["quotes"] if q["kind"] != "mention"]
if len(p.rows) != len(statements):
    errors.append(f"{len(p.rows)} rows in the who-said-what table, {len(statements)} statements")
for q in statements:
    body = " ".join(q["text"].split())
    if not any(body in " ".join("".join(r).split()) for r in p.rows):
        errors.append(f"statement {body[:40]!r} is not in the table")
if "Who said what" not in dom or "Legend" not in dom:
    errors.append("the table heading or the legend is missing")
for e in errors:
    print("browser_check: " + e, file=sys.stderr)
if errors:
    sys.exit(1)
print(f"browser_check: ok: {len(p.links)} entity links, {len(p.rows)} table rows, {len(p.entities)} entities in the rendered page")
PY
echo "browser_check: screenshot $out/report.png"
