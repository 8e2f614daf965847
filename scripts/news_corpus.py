#!/usr/bin/env python3
"""Writes a news-like JSON Lines corpus for measuring `gazette --jsonl`.

    python3 scripts/news_corpus.py MB > corpus.jsonl
    python3 scripts/news_corpus.py MB --one > document.txt   # the same stories as one text
    python3 scripts/news_corpus.py MB --one --split N > parts.jsonl   # that text cut into N
                                                    # JSON Lines documents at paragraph breaks

Documents of 1 to 12 paragraphs, made from templates written for gazette and
filled from small lists of names, places, groups and cues with a fixed seed,
so every run writes the same corpus. Nothing here is copied from real news.
"""
import json
import random
import sys

PEOPLE = [
    ("Foreign Minister", "Amal Haddad", "she"), ("Defence Minister", "Kemal Arslan", "he"),
    ("Prime Minister", "Carlos Medina", "he"), ("President", "Ivan Petrov", "he"),
    ("Chancellor", "Maria Weber", "she"), ("Colonel", "Ibrahim Musa", "he"),
    ("Mayor", "Ana Costa", "she"), ("Health Minister", "Rania Aboud", "she"),
    ("opposition leader", "Daniel Moreau", "he"), ("Ambassador", "Linda Graham", "she"),
]
COUNTRIES = ["Iraq", "Syria", "Turkey", "Lebanon", "Jordan", "Egypt", "Iran", "Russia", "Ukraine",
             "France", "Germany", "Sudan", "Yemen", "Libya", "Qatar", "Kenya", "Ethiopia"]
CITIES = ["Baghdad", "Ankara", "Beirut", "Amman", "Cairo", "Tehran", "Moscow", "Kyiv", "Paris", "Berlin"]
GROUPS = ["the UN Security Council", "the World Health Organization", "NATO", "the European Union",
          "the Red Crescent", "the African Union", "the Arab League", "Reuters"]
NATIONALITIES = ["Iraqi", "Turkish", "Syrian", "Lebanese", "Egyptian", "Iranian", "Russian", "French"]
CUES = ["said", "told reporters", "added", "warned"]

PARAGRAPHS = [
    "{t} {n} arrived in {city} on Tuesday for talks on the crisis between {c1} and {c2}.",
    "“We will not accept any delay in the delivery of aid,” {s} {cue} after meeting officials from {g}.",
    "The {nat} government has repeatedly called on {g} to act, and {s} stressed that the situation "
    "“cannot continue for another winter.”",
    "According to {g}, more than 20,000 people have fled the area since March.",
    "{P} told reporters that the talks would resume next week in {city}.",
    "“There is real fear among the families,” a senior {nat} official familiar with the talks told Reuters.",
    "Officials in {c1} did not respond to a request for comment on Wednesday.",
    "The meeting in {city} ended without a joint statement, and {s} left for {c2} the same evening.",
]


def doc(r):
    title, name, pron = r.choice(PEOPLE)
    surname = name.split()[-1]
    fill = dict(t=title, n=name, s=surname, P=pron.capitalize(), city=r.choice(CITIES),
                c1=r.choice(COUNTRIES), c2=r.choice(COUNTRIES), g=r.choice(GROUPS),
                nat=r.choice(NATIONALITIES), cue=r.choice(CUES))
    paras = [PARAGRAPHS[0]] + [r.choice(PARAGRAPHS[1:]) for _ in range(r.randint(0, 11))]
    return "\n\n".join(p.format(**fill) for p in paras)


def split(text, n):
    """`text` cut into about `n` parts of equal length, each ending at a
    paragraph break."""
    size = max(1, len(text) // n)
    parts, i = [], 0
    while i < len(text):
        j = text.find("\n\n", i + size)
        j = len(text) if j < 0 else j + 2
        parts.append(text[i:j])
        i = j
    return parts


def main():
    argv = sys.argv[1:]
    parts = None
    if "--split" in argv:
        at = argv.index("--split")
        parts = int(argv[at + 1])
        del argv[at:at + 2]
    args = [a for a in argv if a != "--one"]
    one = "--one" in argv
    mb = float(args[0]) if args else 20
    r = random.Random(42)
    out = sys.stdout
    written, i = 0, 0
    texts = []
    while written < mb * 1e6:
        if one:
            line = doc(r) + "\n\n"
        else:
            line = json.dumps({"id": f"doc-{i}", "text": doc(r)}, ensure_ascii=False) + "\n"
        if parts:
            texts.append(line)
        else:
            out.write(line)
        written += len(line.encode("utf-8"))
        i += 1
    if parts:
        for k, t in enumerate(split("".join(texts), parts)):
            out.write(json.dumps({"id": f"part-{k}", "text": t}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
