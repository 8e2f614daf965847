#!/usr/bin/env python3
"""Score who-said-what: statements and their speakers, split by class.

    python3 eval/score_attr.py eval/attribution_dev.jsonl             # builds and runs gazette
    python3 eval/score_attr.py eval/attribution_dev.jsonl --pred P.jsonl
    python3 eval/score_attr.py eval/wire_dev.jsonl --json --min all.spk_f1=0.5

Gold: the JSON Lines of eval/ (see eval/README.md): `quotes` (direct: `start`, `end`,
`speakers`, `speaker_start`, `speaker_end`) and `indirect` (`start`, `end`, `class` speech /
thought / evidence, `speakers`, `speaker_start`, `speaker_end`); character offsets. Gold
files in the seed format (no `end`, no `class`, no speaker span) are read too: the statement
then ends after its `text_prefix`, the class is speech and only speaker names are compared.

Prediction: `gazette --jsonl` output (see ../shared/eval/README.md): `quotes[]` with `kind`
direct / indirect (other kinds, such as "mention" for scare quotes, are no statements), UTF-8
byte offsets, `speaker` {start, end, text, entity}, and optionally
`cue.class`; `mentions[]` and `entities[]` name the speaker's entity.

A predicted statement finds a gold statement when their spans overlap; each is used once,
direct with direct and reported with reported first, then across kinds. Its speaker is right
when the predicted speaker span overlaps the gold speaker span, or when a name of the
predicted speaker (its text, its entity's name, any mention text of its entity; a bare
pronoun does not count as a name) is among the gold speaker names, as in score.py.
Precision counts every predicted statement that finds no gold statement.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLASSES = ("direct", "speech", "thought", "evidence")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "who", "which"}


def load(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{n}: not JSON: {e}")
            docs[str(d.get("id", n))] = d
    return docs


def byte_to_char(text):
    table, b = {}, 0
    for i, ch in enumerate(text):
        table[b] = i
        b += len(ch.encode("utf-8"))
    table[b] = len(text)
    return table


def norm(s):
    return " ".join(s.replace("’", "'").split()).lower()


def run_gazette(gold_path):
    """Build gazette and run it over the gold texts, as ../shared/eval/run.sh does."""
    tmp = tempfile.mkdtemp()
    inp, out = os.path.join(tmp, "input.jsonl"), os.path.join(tmp, "pred.jsonl")
    with open(gold_path, encoding="utf-8") as f, open(inp, "w", encoding="utf-8") as g:
        for line in f:
            if line.strip():
                d = json.loads(line)
                g.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "gazette"], cwd=ROOT, check=True)
    with open(inp, "rb") as i, open(out, "wb") as o:
        subprocess.run(["cargo", "run", "--release", "--quiet", "--bin", "gazette", "--", "--jsonl"],
                       cwd=ROOT, stdin=i, stdout=o, check=True)
    return out


def gold_statements(g):
    out = []
    for q in g.get("quotes", []):
        out.append({"cls": "direct", "fam": "direct", "start": q["start"], "end": q["end"],
                    "speakers": q.get("speakers", []),
                    "spk": (q["speaker_start"], q["speaker_end"]) if "speaker_start" in q else None,
                    "label": q.get("text", "")})
    for q in g.get("indirect", []):
        end = q.get("end", q["start"] + max(1, len(q.get("text_prefix", ""))))
        out.append({"cls": q.get("class", "speech"), "fam": "indirect", "start": q["start"], "end": end,
                    "speakers": q.get("speakers", []),
                    "spk": (q["speaker_start"], q["speaker_end"]) if "speaker_start" in q else None,
                    "label": q.get("text_prefix", "")})
    return out


class Pred:
    """The predicted statements of one document, in character offsets."""

    def __init__(self, p, text, gid):
        self.conv = byte_to_char(text)
        self.text = text
        self.gid = gid
        self.entities = {e.get("id", i): e for i, e in enumerate(p.get("entities", []))}
        self.mentions_of = defaultdict(set)
        for m in p.get("mentions", []):
            if m.get("entity") is not None:
                s, e = self.span(m, "mention")
                self.mentions_of[m["entity"]].add(norm(text[s:e]))
        self.items = []
        for q in p.get("quotes", []):
            kind = q.get("kind", "direct")
            if kind not in ("direct", "indirect"):
                continue  # e.g. "mention": quote marks around a name or a title, no statement
            s, e = self.span(q, "quote")
            fam = kind
            cue = q.get("cue") or {}
            cls = "direct" if fam == "direct" else (cue.get("class") if cue.get("class") in CLASSES[1:] else "speech")
            self.items.append({"fam": fam, "cls": cls, "start": s, "end": e, "q": q})

    def span(self, obj, what):
        try:
            return self.conv[obj["start"]], self.conv[obj["end"]]
        except KeyError:
            sys.exit(f"{self.gid} {what}: offset {obj.get('start')}..{obj.get('end')} is not a UTF-8 char boundary")

    def speaker(self, q):
        """(span or None, names) of a predicted statement's speaker."""
        spk = q.get("speaker") or {}
        names, span = set(), None
        if spk.get("text"):
            names.add(norm(spk["text"]))
        if spk.get("start") is not None and spk.get("end") is not None:
            span = self.span(spk, "speaker")
            names.add(norm(self.text[span[0]:span[1]]))
        ent = spk.get("entity")
        if ent is not None:
            if ent in self.entities and self.entities[ent].get("name"):
                names.add(norm(self.entities[ent]["name"]))
            names |= self.mentions_of.get(ent, set())
        return span, names - PRONOUNS


def overlap(a0, a1, b0, b1):
    return min(a1, b1) - max(a0, b0)


def match(golds, preds):
    """One-to-one pairs (gold index, pred index, same_kind) by overlap: same family first."""
    pairs, used_g, used_p = [], set(), set()
    for same in (True, False):
        cands = []
        for gi, g in enumerate(golds):
            for pi, p in enumerate(preds):
                if (g["fam"] == p["fam"]) != same:
                    continue
                ov = overlap(g["start"], g["end"], p["start"], p["end"])
                if ov > 0:
                    cands.append((-ov, abs(g["start"] - p["start"]), gi, pi))
        for _, _, gi, pi in sorted(cands):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi, same))
    return pairs, used_g, used_p


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("--pred", help="a ready `gazette --jsonl` output; otherwise gazette is built and run")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--errors", type=int, default=100, help="how many errors to list (default 100)")
    ap.add_argument("--min", action="append", default=[], metavar="KEY=VALUE",
                    help="exit 1 when a figure falls short, e.g. all.spk_f1=0.55")
    a = ap.parse_args()
    gold = load(a.gold)
    pred = load(a.pred or run_gazette(a.gold))

    # per class: gold, pred, found (tp), speaker right
    n = {c: defaultdict(int) for c in CLASSES}
    cross = 0
    errors = []
    for gid, g in gold.items():
        text = g["text"]
        p = pred.get(gid)
        if p is None:
            errors.append(f"{gid}: no prediction")
            p = {}
        P = Pred(p, text, gid)
        golds = gold_statements(g)
        pairs, used_g, used_p = match(golds, P.items)
        for x in golds:
            n[x["cls"]]["gold"] += 1
        for gi, pi, same in pairs:
            gs, ps = golds[gi], P.items[pi]
            cls = gs["cls"]
            n[cls]["pred"] += 1
            n[cls]["found"] += 1
            if not same:
                cross += 1
                errors.append(f"{gid}: {gs['cls']} {text[gs['start']:gs['start'] + 40]!r} found as {ps['fam']}")
            span, names = P.speaker(ps["q"])
            ok = bool(names & {norm(x) for x in gs["speakers"]})
            if not ok and span and gs["spk"]:
                ok = overlap(span[0], span[1], *gs["spk"]) > 0
            if ok:
                n[cls]["spk"] += 1
            else:
                got = text[span[0]:span[1]] if span else None
                errors.append(f"{gid}: {cls} {text[gs['start']:gs['start'] + 40]!r} speaker {got!r}"
                              f" {sorted(names) if names else ''}, want {gs['speakers'][0] if gs['speakers'] else None!r}")
        for gi, gs in enumerate(golds):
            if gi not in used_g:
                errors.append(f"{gid}: missed {gs['cls']} {text[gs['start']:gs['start'] + 50]!r}")
        for pi, ps in enumerate(P.items):
            if pi not in used_p:
                n[ps["cls"]]["pred"] += 1
                errors.append(f"{gid}: spurious {ps['fam']} ({ps['cls']}) {text[ps['start']:ps['start'] + 50]!r}")

    rows = {c: dict(n[c]) for c in CLASSES}
    for name, members in (("reported", CLASSES[1:]), ("all", CLASSES)):
        rows[name] = {k: sum(n[c][k] for c in members) for k in ("gold", "pred", "found", "spk")}
    scores = {}
    for name, r in rows.items():
        g_, p_, f_, s_ = (r.get(k, 0) for k in ("gold", "pred", "found", "spk"))
        sp, sr, sf = prf(f_, p_, g_)
        kp, kr, kf = prf(s_, p_, g_)
        scores.update({f"{name}.gold": g_, f"{name}.pred": p_, f"{name}.found": f_, f"{name}.spk": s_,
                       f"{name}.p": round(sp, 4), f"{name}.r": round(sr, 4), f"{name}.f1": round(sf, 4),
                       f"{name}.spk_p": round(kp, 4), f"{name}.spk_r": round(kr, 4), f"{name}.spk_f1": round(kf, 4)})
    scores["cross_kind"] = cross
    if a.json:
        print(json.dumps(scores))
    else:
        for e in errors[:a.errors]:
            print("  " + e)
        if len(errors) > a.errors:
            print(f"  ... {len(errors) - a.errors} more")
        print(f"{'':10} {'gold':>5} {'pred':>5} {'found':>5}   {'P':>5} {'R':>5} {'F1':>5}   "
              f"{'spk ok':>6}   {'P':>5} {'R':>5} {'F1':>5}")
        for name in (*CLASSES, "reported", "all"):
            s = lambda k: scores[f"{name}.{k}"]
            print(f"{name:10} {s('gold'):5} {s('pred'):5} {s('found'):5}   {s('p'):5.3f} {s('r'):5.3f} {s('f1'):5.3f}"
                  f"   {s('spk'):6}   {s('spk_p'):5.3f} {s('spk_r'):5.3f} {s('spk_f1'):5.3f}")
        print("(speech = reported with a speech verb or 'according to'; a reported prediction without "
              f"cue.class counts as speech; {cross} found across kinds)")
    short = [f"{k}={scores.get(k)} < {v}" for k, v in (c.split("=", 1) for c in a.min)
             if scores.get(k, 0.0) < float(v)]
    if short:
        print("short: " + "; ".join(short))
        sys.exit(1)


if __name__ == "__main__":
    main()
