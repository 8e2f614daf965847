#!/usr/bin/env python3
"""Build the gold JSON Lines files of eval/ from the marked-up sources in eval/src/.

    python3 eval/build.py            # write eval/wire_dev.jsonl and eval/attribution_dev.jsonl
    python3 eval/build.py --check    # build in memory, check, and fail if the files differ
    python3 eval/build.py --stats    # also print counts per set

Markup (see eval/README.md for the full description and the guidelines):

    === doc-id  #tag #tag          a new document; the body runs to the next "===" line
    %% comment                     a whole line ignored
    [[Jane Doe|person]]            an entity mention; labels person, country, group, place
    [[Doe|person|Jane Doe]]        ... with its canonical name (mentions sharing it are one entity)
    [[British|~nationality]]       an optional mention (~ prefix): neither required nor penalised
    {q1 content}                   direct quote 1: the content inside the quote marks
    {r1 content}                   reported statement 1, class speech
    {t1 content}                   ... class thought;   {e1 content}  ... class evidence
    {c1 said}  {c1,2 said}         the cue of statement 1 (of statements 1 and 2)
    {s1 [[Jane Doe|person]]}       the speaker of statement 1 as written nearest it
    {s1,2 she|Jane Doe}            ... a pronoun or description: names after "|" (";"-separated);
                                   a name that is an entity's canonical brings all its mentions

Every check failure names the source file and line. Nothing here depends on gazette.
"""
import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = {
    # output file -> (source folder, emit entities?)
    "wire_dev.jsonl": ("src/wire", True),
    "attribution_dev.jsonl": ("src/attribution", False),
}
SCORED = {"person", "country", "group", "place"}
OPTIONAL = {"nationality", "title", "event", "work", "misc", "group", "place", "person", "country"}
KINDS = {"q": "direct", "r": "speech", "t": "thought", "e": "evidence"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "who", "which", "that"}
OPEN_MARKS = "“\"‘'«"
CLOSE_MARKS = "”\"’'»"
ARTICLES = ("the ", "a ", "an ")
WIRE_WORDS = (150, 500)


class BuildError(Exception):
    """An annotation error, with its source file and line."""


def where(path, line):
    return f"{path.relative_to(HERE.parent) if path.is_absolute() else path}:{line}"


class Doc:
    """One parsed document: plain text plus its marked spans."""

    def __init__(self, doc_id, tags, path, line):
        self.id = doc_id
        self.tags = tags
        self.path = path
        self.line = line
        self.text = ""
        self.entities = []  # dict(start, end, label, optional, canonical, line)
        self.stmts = {}  # id -> dict(kind, start, end, line)
        self.cues = []  # dict(ids, start, end, line)
        self.speakers = []  # dict(ids, start, end, names, line)

    def err(self, line, msg):
        raise BuildError(f"{where(self.path, line)}: [{self.id}] {msg}")


def parse_body(doc, body, first_line):
    """Strip the markup from body, recording spans against the plain text."""
    out = []
    pos = 0  # position in plain text
    line = first_line
    stack = []  # open constructs: dict(type, start, meta(list or None), line, ...)
    i = 0
    n = len(body)
    while i < n:
        ch = body[i]
        top = stack[-1] if stack else None
        in_meta = top is not None and top["meta"] is not None
        if ch == "\n":
            line += 1
        if body.startswith("[[", i) and not in_meta:
            stack.append({"type": "ent", "start": pos, "meta": None, "line": line})
            i += 2
            continue
        if body.startswith("]]", i):
            if top is None or top["type"] != "ent":
                doc.err(line, "']]' without an open '[['")
            stack.pop()
            if top["meta"] is None:
                doc.err(top["line"], "entity without '|label'")
            parts = "".join(top["meta"]).split("|")
            label = parts[0].strip()
            canon = parts[1].strip() if len(parts) > 1 else None
            optional = label.startswith("~")
            # a final "!" waives the style checks (e.g. the venue "Lord's")
            e_free = label.endswith("!")
            label = label.lstrip("~").rstrip("!")
            if (optional and label not in OPTIONAL) or (not optional and label not in SCORED):
                doc.err(top["line"], f"unknown entity label {parts[0]!r}")
            doc.entities.append({"start": top["start"], "end": pos, "label": label,
                                 "optional": optional, "canonical": canon, "line": top["line"],
                                 "free": e_free})
            i += 2
            continue
        if ch == "{" and not in_meta:
            m = re.match(r"\{([qrtecs])([0-9a-z]+(?:,[0-9a-z]+)*) ", body[i:])
            if not m:
                doc.err(line, f"bad '{{' construct near {body[i:i+20]!r}")
            stack.append({"type": m.group(1), "ids": m.group(2).split(","), "start": pos,
                          "meta": None, "line": line})
            i += m.end()
            continue
        if ch == "}":
            if top is None or top["type"] == "ent":
                doc.err(line, "'}' without an open '{'")
            stack.pop()
            t = top["type"]
            if t in KINDS:
                if len(top["ids"]) != 1:
                    doc.err(top["line"], "a statement has one id")
                sid = top["ids"][0]
                if sid in doc.stmts:
                    doc.err(top["line"], f"statement {sid} marked twice")
                if top["meta"] is not None:
                    doc.err(top["line"], "'|' inside a statement")
                doc.stmts[sid] = {"kind": t, "start": top["start"], "end": pos, "line": top["line"]}
            elif t == "c":
                if top["meta"] is not None:
                    doc.err(top["line"], "'|' inside a cue")
                doc.cues.append({"ids": top["ids"], "start": top["start"], "end": pos, "line": top["line"]})
            else:
                names = []
                if top["meta"] is not None:
                    names = [x.strip() for x in "".join(top["meta"]).split(";") if x.strip()]
                doc.speakers.append({"ids": top["ids"], "start": top["start"], "end": pos,
                                     "names": names, "line": top["line"]})
            i += 1
            continue
        if ch == "|" and top is not None and top["type"] in ("ent", "s") and not in_meta:
            top["meta"] = []
            i += 1
            continue
        if in_meta:
            top["meta"].append(ch)
            i += 1
            continue
        out.append(ch)
        pos += 1
        i += 1
    if stack:
        doc.err(stack[-1]["line"], f"unclosed {stack[-1]['type']!r} construct")
    doc.text = "".join(out)


def read_sources(folder):
    docs = []
    for path in sorted((HERE / folder).glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        cur = None
        body = []

        def flush():
            if cur is None:
                return
            # drop leading and trailing blank lines
            start = 0
            while start < len(body) and not body[start][1].strip():
                start += 1
            end = len(body)
            while end > start and not body[end - 1][1].strip():
                end -= 1
            if start == end:
                cur.err(cur.line, "empty document")
            parse_body(cur, "\n".join(b[1] for b in body[start:end]), body[start][0])
            docs.append(cur)

        for n, raw in enumerate(lines, 1):
            if raw.startswith("%%"):
                continue
            if raw.startswith("==="):
                flush()
                head = raw[3:].split()
                if not head:
                    raise BuildError(f"{where(path, n)}: '===' without a document id")
                tags = [t[1:] for t in head[1:] if t.startswith("#")]
                if len(tags) != len(head) - 1:
                    raise BuildError(f"{where(path, n)}: tags start with '#'")
                cur = Doc(head[0], tags, path, n)
                body = []
                continue
            if cur is None:
                if raw.strip():
                    raise BuildError(f"{where(path, n)}: text before the first '===' line")
                continue
            body.append((n, raw.rstrip()))
        flush()
    return docs


def link_entities(doc):
    """Give every entity a canonical name: explicit, or the one full name in the document it ends."""
    ents = sorted(doc.entities, key=lambda e: e["start"])
    persons = []
    for e in ents:
        if e["label"] == "person" and not e["optional"]:
            c = e["canonical"] or doc.text[e["start"]:e["end"]]
            if c not in persons:
                persons.append(c)
    for e in ents:
        text = doc.text[e["start"]:e["end"]]
        if e["canonical"] is not None:
            continue
        e["canonical"] = text
        if e["label"] == "person" and not e["optional"]:
            fulls = {c for c in persons if c != text and c.endswith(" " + text)}
            if len(fulls) == 1:
                e["canonical"] = fulls.pop()
            elif len(fulls) > 1:
                doc.err(e["line"], f"{text!r} could be any of {sorted(fulls)}: give its canonical name")
    canon = {e["canonical"] for e in ents if e["label"] == "person"}
    for e in ents:
        text = doc.text[e["start"]:e["end"]]
        if e["label"] == "person" and e["canonical"] == text:
            for c in canon:
                if c != text and text in re.split(r"[ -]", c):
                    doc.err(e["line"], f"person {text!r} is a part of {c!r}: give its canonical name")


def entity_names(doc, canonical):
    """The canonical name, then every distinct mention text, of one entity."""
    names = [canonical]
    for e in sorted(doc.entities, key=lambda e: e["start"]):
        if e["canonical"] == canonical:
            t = doc.text[e["start"]:e["end"]]
            if t not in names:
                names.append(t)
    return names


def speaker_names(doc, spk):
    """Accepted names of a speaker: the entity's full name and mention forms first, then the
    speaker text as written (unless a pronoun) and without its article, then other given names."""
    text = doc.text[spk["start"]:spk["end"]]
    is_pron = text.lower() in PRONOUNS
    if is_pron and not spk["names"]:
        doc.err(spk["line"], f"pronoun speaker {text!r} without its antecedent ('|Name')")
    inside = [e for e in doc.entities
              if spk["start"] <= e["start"] and e["end"] <= spk["end"]
              and (e["label"] in ("person", "group", "country")
                   or (e["start"], e["end"]) == (spk["start"], spk["end"]))]
    canon = []
    for e in sorted(inside, key=lambda e: e["start"]):
        if e["canonical"] not in canon:
            canon.append(e["canonical"])
    if len(canon) > 1 and not spk["names"]:
        doc.err(spk["line"], f"speaker {text!r} holds several entities {canon}: name it with '|'")
    known = {e["canonical"] for e in doc.entities}
    names = []

    def add(xs):
        names.extend(x for x in xs if x not in names)

    if spk["names"]:  # explicit names replace the entities inside the span
        for x in spk["names"]:
            if x in known:
                add(entity_names(doc, x))
    else:
        for c in canon:
            add(entity_names(doc, c))
    if not is_pron:
        add([text] + [text[len(a):] for a in ARTICLES if text.lower().startswith(a)])
    add(x for x in spk["names"] if x not in known)
    return names


def prefix(s, words=6):
    return " ".join(s.split()[:words])


def check_and_emit(doc, with_entities):
    text = doc.text
    link_entities(doc)
    ents = sorted(doc.entities, key=lambda e: (e["start"], e["end"]))
    for e in ents:
        t = text[e["start"]:e["end"]]
        if not t or t != t.strip():
            doc.err(e["line"], f"entity {t!r} is empty or has outer spaces")
        if "\n" in t:
            doc.err(e["line"], f"entity {t!r} spans lines")
        if not e["optional"] and not e["free"]:
            if re.match(r"(?i)(the|a|an) ", t):
                doc.err(e["line"], f"entity {t!r} starts with an article")
            if re.search(r"['’]s?$", t) and not t.endswith("s'"):
                doc.err(e["line"], f"entity {t!r} ends in a possessive")
            if e["label"] == "person" and re.match(r"(Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Sir|Dame|President|Prime)\b", t):
                doc.err(e["line"], f"person {t!r} starts with a title")
    scored = [e for e in ents if not e["optional"]]
    for a, b in zip(scored, scored[1:]):
        if b["start"] < a["end"]:
            doc.err(b["line"], f"scored entities overlap: {text[a['start']:a['end']]!r} / {text[b['start']:b['end']]!r}")
    for o in (e for e in ents if e["optional"]):
        for s in scored:
            if o["start"] < s["end"] and s["start"] < o["end"]:
                doc.err(o["line"], f"optional {text[o['start']:o['end']]!r} overlaps scored {text[s['start']:s['end']]!r}")
    # statements
    cue_of, spk_of = {}, {}
    for c in doc.cues:
        for sid in c["ids"]:
            if sid not in doc.stmts:
                doc.err(c["line"], f"cue for unknown statement {sid}")
            if sid in cue_of:
                doc.err(c["line"], f"statement {sid} has two cues")
            cue_of[sid] = c
    for s in doc.speakers:
        for sid in s["ids"]:
            if sid not in doc.stmts:
                doc.err(s["line"], f"speaker for unknown statement {sid}")
            if sid in spk_of:
                doc.err(s["line"], f"statement {sid} has two speakers")
            spk_of[sid] = s
    quotes, indirect = [], []
    for sid, st in sorted(doc.stmts.items(), key=lambda kv: kv[1]["start"]):
        content = text[st["start"]:st["end"]]
        if not content.strip() or content != content.strip() and st["kind"] != "q":
            doc.err(st["line"], f"statement {sid} {content[:30]!r} is empty or has outer spaces")
        if sid not in spk_of:
            doc.err(st["line"], f"statement {sid} has no speaker")
        spk = spk_of[sid]
        names = speaker_names(doc, spk)
        if not names:
            doc.err(spk["line"], f"statement {sid}: no speaker names")
        if st["start"] < spk["end"] and spk["start"] < st["end"] and st["kind"] == "q":
            doc.err(spk["line"], f"quote {sid}: speaker inside the quote")
        cue = cue_of.get(sid)
        rec = {"start": st["start"], "end": st["end"]}
        if st["kind"] == "q":
            before = text[st["start"] - 1] if st["start"] else ""
            after = text[st["end"]] if st["end"] < len(text) else "\n"
            label = re.search(r"(?:^|\n)[^\n]{1,60}:[ \t]*\n?[ \t]*$", text[:st["start"]])
            if before not in OPEN_MARKS and not label:
                doc.err(st["line"], f"quote {sid} follows neither an opening mark nor a speaker label ({before!r})")
            if after not in CLOSE_MARKS and after != "\n":
                doc.err(st["line"], f"quote {sid} does not end at a closing mark or paragraph end ({after!r})")
            rec["text"] = content
        else:
            rec["text_prefix"] = prefix(content)
        rec["speakers"] = names
        rec["cue"] = text[cue["start"]:cue["end"]] if cue else None
        if cue:
            rec["cue_start"], rec["cue_end"] = cue["start"], cue["end"]
        if st["kind"] != "q":
            rec["class"] = KINDS[st["kind"]]
        rec["speaker_start"], rec["speaker_end"] = spk["start"], spk["end"]
        rec["speaker_text"] = text[spk["start"]:spk["end"]]
        (quotes if st["kind"] == "q" else indirect).append(rec)
    out = {"id": doc.id, "text": text}
    if doc.tags:
        out["tags"] = doc.tags
    if with_entities:
        out["entities"] = [{"start": e["start"], "end": e["end"], "label": e["label"],
                            "text": text[e["start"]:e["end"]], "canonical": e["canonical"]}
                           for e in ents if not e["optional"]]
        out["optional_entities"] = [{"start": e["start"], "end": e["end"], "label": e["label"],
                                     "text": text[e["start"]:e["end"]]}
                                    for e in ents if e["optional"]]
    out["quotes"] = quotes
    out["indirect"] = indirect
    # final self-check of every offset
    for group in ("entities", "optional_entities"):
        for e in out.get(group, []):
            assert text[e["start"]:e["end"]] == e["text"]
    for q in quotes:
        assert text[q["start"]:q["end"]] == q["text"]
    for q in indirect:
        assert text[q["start"]:q["end"]].startswith(q["text_prefix"].split()[0])
    return out


def build_set(name):
    folder, with_entities = SETS[name]
    docs = read_sources(folder)
    seen = {}
    lines = []
    for d in docs:
        if d.id in seen:
            d.err(d.line, f"document id used twice (also {seen[d.id]})")
        seen[d.id] = where(d.path, d.line)
        if name == "wire_dev.jsonl":
            words = len(re.findall(r"\S+", d.text))
            if not WIRE_WORDS[0] <= words <= WIRE_WORDS[1]:
                d.err(d.line, f"{words} words: a wire story has {WIRE_WORDS[0]} to {WIRE_WORDS[1]}")
        if "negative" in d.tags and d.stmts:
            d.err(d.line, "a #negative document holds statements")
        if name == "attribution_dev.jsonl" and not d.stmts and "negative" not in d.tags:
            d.err(d.line, "no statement: tag it #negative")
        lines.append(check_and_emit(d, with_entities))
    return lines


def stats(name, docs):
    from collections import Counter
    words = sum(len(d["text"].split()) for d in docs)
    print(f"{name}: {len(docs)} docs, {words} words, {sum(len(d['text']) for d in docs)} chars")
    if any("entities" in d for d in docs):
        c = Counter(e["label"] for d in docs for e in d["entities"])
        o = Counter(e["label"] for d in docs for e in d["optional_entities"])
        print("  entities: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())) + f" (total {sum(c.values())})")
        print("  optional: " + ", ".join(f"{k} {v}" for k, v in sorted(o.items())) + f" (total {sum(o.values())})")
    q = sum(len(d["quotes"]) for d in docs)
    ic = Counter(i["class"] for d in docs for i in d["indirect"])
    neg = sum(1 for d in docs if not d["quotes"] and not d["indirect"])
    print(f"  direct quotes {q}; reported " + ", ".join(f"{k} {v}" for k, v in sorted(ic.items()))
          + f" (total {sum(ic.values())}); documents without a statement {neg}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if the committed files differ from a fresh build")
    ap.add_argument("--stats", action="store_true", help="print counts")
    a = ap.parse_args()
    stale = []
    for name in SETS:
        try:
            docs = build_set(name)
        except BuildError as e:
            sys.exit(f"error: {e}")
        data = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
        target = HERE / name
        if a.check:
            if not target.exists() or target.read_text(encoding="utf-8") != data:
                stale.append(name)
        else:
            target.write_text(data, encoding="utf-8")
        if a.stats or not a.check:
            stats(name, docs)
    if stale:
        sys.exit("stale: " + ", ".join(stale) + " differ from the sources; run python3 eval/build.py")
    if a.check:
        print("ok: " + ", ".join(SETS) + " match their sources")


if __name__ == "__main__":
    main()
