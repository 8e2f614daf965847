"""A synthetic news corpus for the Spark check: news-style documents made by
recombining sentences written for this project, with names of public people,
countries, groups and places filled in.

Deterministic: the same seed and count give the same documents. Texts mix
ASCII and non-ASCII (curly quotes, dashes, "Erdoğan", "São Paulo", "Türkiye")
so that byte and character offsets differ.

    python corpus.py --docs 10000 --out corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from typing import Dict, Iterator, List, Tuple

# (full name, short name, pronoun, role, country, nationality) -- public
# figures; the facts are public, the sentences below are ours.
PEOPLE: List[Tuple[str, str, str, str, str, str]] = [
    ("Recep Tayyip Erdoğan", "Erdoğan", "he", "President", "Türkiye", "Turkish"),
    ("Emmanuel Macron", "Macron", "he", "President", "France", "French"),
    ("Giorgia Meloni", "Meloni", "she", "Prime Minister", "Italy", "Italian"),
    ("Pedro Sánchez", "Sánchez", "he", "Prime Minister", "Spain", "Spanish"),
    ("Luiz Inácio Lula da Silva", "Lula", "he", "President", "Brazil", "Brazilian"),
    ("Claudia Sheinbaum", "Sheinbaum", "she", "President", "Mexico", "Mexican"),
    ("Cyril Ramaphosa", "Ramaphosa", "he", "President", "South Africa", "South African"),
    ("Bola Tinubu", "Tinubu", "he", "President", "Nigeria", "Nigerian"),
    ("Narendra Modi", "Modi", "he", "Prime Minister", "India", "Indian"),
    ("Anthony Albanese", "Albanese", "he", "Prime Minister", "Australia", "Australian"),
    ("Sergei Lavrov", "Lavrov", "he", "Foreign Minister", "Russia", "Russian"),
    ("Volodymyr Zelenskyy", "Zelenskyy", "he", "President", "Ukraine", "Ukrainian"),
    ("Mohammed Shia al-Sudani", "al-Sudani", "he", "Prime Minister", "Iraq", "Iraqi"),
    ("Prabowo Subianto", "Prabowo", "he", "President", "Indonesia", "Indonesian"),
    ("Ayman Safadi", "Safadi", "he", "Foreign Minister", "Jordan", "Jordanian"),
]

# Invented officials, found by rule (title or given name before the surname).
INVENTED: List[Tuple[str, str, str]] = [
    ("Leila Haddad", "Haddad", "she"),
    ("Omar Khalil", "Khalil", "he"),
    ("Nadia Karimi", "Karimi", "she"),
    ("Tomás Oliveira", "Oliveira", "he"),
    ("Aylin Demir", "Demir", "she"),
    ("Sipho Dlamini", "Dlamini", "he"),
    ("Mariana Kowalczyk", "Kowalczyk", "she"),
    ("Farid Benali", "Benali", "he"),
]

COUNTRIES = [
    "Türkiye", "Jordan", "Iraq", "Syria", "Lebanon", "Egypt", "Brazil", "Mexico", "India",
    "Nigeria", "Kenya", "Ukraine", "Poland", "France", "Italy", "Spain", "Japan", "Indonesia",
    "South Africa", "Colombia", "Côte d’Ivoire", "Norway", "Qatar", "Ethiopia",
]
NATIONALITIES = [
    "Turkish", "Jordanian", "Iraqi", "Syrian", "Lebanese", "Egyptian", "Brazilian", "Mexican",
    "Indian", "Nigerian", "Kenyan", "Ukrainian", "Polish", "French", "Italian", "Spanish",
]
GROUPS = [
    "the World Food Programme", "the Norwegian Refugee Council", "the European Union",
    "the African Union", "the International Monetary Fund", "the World Health Organization",
    "the Red Crescent", "Reuters", "the Associated Press", "the UN Security Council",
    "Médecins Sans Frontières", "the World Bank", "NATO",
]
PLACES = [
    "Amman", "Ankara", "Baghdad", "Beirut", "Cairo", "São Paulo", "Brasília", "Mexico City",
    "New Delhi", "Lagos", "Nairobi", "Kyiv", "Warsaw", "Geneva", "Brussels", "Daraa", "Gaza",
    "Bogotá", "Doha", "Addis Ababa",
]
ROLES_INVENTED = {
    "she": ["a spokeswoman for", "an adviser to", "a senior official at"],
    "he": ["a spokesman for", "an adviser to", "a senior official at"],
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOPICS = [
    "grain exports", "the border crossings", "fuel prices", "the ceasefire", "flood relief",
    "the debt talks", "vaccine deliveries", "the water agreement", "power cuts", "port fees",
]
QUOTES = [
    "We will not accept any further delay",
    "There is still room for an agreement, but not much time",
    "Families cannot wait another winter",
    "Our position has not changed and it will not change",
    "The numbers are worse than anyone expected",
    "Nobody here wants a repeat of last year",
    "This is a fragile deal, and everyone knows it",
    "We are running out of money — and out of patience",
    "The talks were frank, sometimes difficult, but useful",
    "Prices have doubled in six weeks",
]
CUES = ["said", "told reporters", "said on", "added", "warned"]

HEADLINES = [
    "{country} and {country2} Resume Talks on {Topic}",
    "{short} Warns of Delays as {group_cap} Cuts Aid",
    "Officials in {place} Report Progress on {Topic}",
    "{nationality} Leaders Meet Over {Topic}",
]

# Sentence templates. Slots: person, short, pron, role, pcountry, pnationality, country,
# country2, nationality, group, group_cap, place, day, topic, quote, cue,
# inv, inv_short, inv_pron, inv_role, number.
BODY = [
    "{pnationality} {role} {person} met officials in {place} on {day} to discuss {topic}.",
    "{role} {person} of {pcountry} arrived in {place} on {day} for talks on {topic}.",
    "“{quote},” {short} said after the meeting.",
    "“{quote},” {pron} told reporters in {place}.",
    "{short} said that {country} would review its position on {topic} next week.",
    "{inv}, {inv_role} {group}, said: “{quote}.”",
    "“{quote},” {inv_short} added.",
    "{group_cap} said in a statement that it had cut rations for {number} people in {country}.",
    "According to {group}, {number} families have left {place} since the start of the year.",
    "A senior {nationality} official familiar with the talks told {group} that {country} was ready to sign.",
    "“{quote},” a diplomat in {place} said, asking not to be named.",
    "{country} and {country2}, which back opposing sides, did not send delegations.",
    "Ministers from {country} and {country2} are expected in {place} on {day}.",
    "The meeting in {place} lasted more than four hours, officials said.",
    "{short} described the current arrangements as “fragile but workable.”",
    "Prices of bread in {place} rose by {pct}% in {month}, local officials said.",
    "{role} {person} called on both sides to return to the table.",
    "Critics in {country2} say the plan — first floated in {month} — does too little.",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def _fill(rng: random.Random, template: str, ctx: Dict[str, str]) -> str:
    # Each sentence quotes its own words.
    return template.format(**dict(ctx, quote=rng.choice(QUOTES)))


def document(rng: random.Random, i: int) -> Dict[str, str]:
    """One document: a headline and 4 to 10 body sentences in 2 to 4 paragraphs."""
    person, short, pron, role, pcountry, pnationality = rng.choice(PEOPLE)
    inv, inv_short, inv_pron = rng.choice(INVENTED)
    country, country2 = rng.sample(COUNTRIES, 2)
    group = rng.choice(GROUPS)
    topic = rng.choice(TOPICS)
    ctx = {
        "person": person,
        "short": short,
        "pron": pron,
        "role": role,
        "pcountry": pcountry,
        "pnationality": pnationality,
        "country": country,
        "country2": country2,
        "nationality": rng.choice(NATIONALITIES),
        "group": group,
        "group_cap": group[0].upper() + group[1:],
        "place": rng.choice(PLACES),
        "day": rng.choice(DAYS),
        "topic": topic,
        "Topic": topic.title(),
        "cue": rng.choice(CUES),
        "inv": inv,
        "inv_short": inv_short,
        "inv_pron": inv_pron,
        "inv_role": rng.choice(ROLES_INVENTED[inv_pron]),
        "number": f"{rng.randrange(2, 400) * 1000:,}",
        "pct": str(rng.randrange(5, 60)),
        "month": rng.choice(MONTHS),
    }
    sentences = [_fill(rng, t, ctx) for t in rng.sample(BODY, rng.randrange(4, 11))]
    # The first sentence names the person in full, so later short forms resolve.
    sentences.insert(0, _fill(rng, BODY[rng.choice([0, 1])], ctx))
    cuts = sorted(rng.sample(range(1, len(sentences)), min(len(sentences) - 1, rng.randrange(1, 4))))
    paras, last = [], 0
    for c in cuts + [len(sentences)]:
        paras.append(" ".join(sentences[last:c]))
        last = c
    headline = _fill(rng, rng.choice(HEADLINES), ctx)
    return {"id": f"doc-{i:06d}", "text": headline + "\n\n" + "\n\n".join(paras)}


def corpus(n: int, seed: int = 14) -> Iterator[Dict[str, str]]:
    """``n`` documents, the same for the same seed."""
    rng = random.Random(seed)
    for i in range(n):
        yield document(rng, i)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    import sys

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    with out:
        for d in corpus(args.docs, args.seed):
            out.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
