"""The spaCy component: entities, the quote span group, doc._.quotes, DocBin."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

import pytest

if os.environ.get("GAZETTE_REQUIRE_SPACY"):
    import spacy
else:
    spacy = pytest.importorskip("spacy")

from spacy import displacy  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample.txt"
# A working directory outside the source tree, so `python -c` imports the
# installed package and not python/gazette.
HOME = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("gazette")
    return nlp


@pytest.fixture(scope="module")
def sample(nlp) -> Doc:
    return nlp(SAMPLE.read_text(encoding="utf-8"))


def test_registered_through_the_entry_point() -> None:
    eps = entry_points()
    group = eps.select(group="spacy_factories") if hasattr(eps, "select") else eps.get("spacy_factories", [])
    assert "gazette" in {ep.name for ep in group}
    # A fresh interpreter that never imports gazette still finds the factory.
    code = "import spacy; nlp = spacy.blank('en'); nlp.add_pipe('gazette'); print(nlp.pipe_names)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=HOME)
    assert out.stdout.strip() == "['gazette']"


# One row per entity the sample must have: (text, label, kb_id).
SAMPLE_ENTS = [
    ("Ayman Safadi", "PERSON", "person/ayman-safadi"),
    ("Geir Pedersen", "PERSON", "person/geir-pedersen"),
    ("Nadia Karimi", "PERSON", ""),
    ("Syria", "GPE", "SY"),
    ("Turkey", "GPE", "TR"),
    ("Jordanian", "NORP", "JO"),
    ("Reuters", "ORG", "group/reuters"),
    ("Norwegian Refugee Council", "ORG", "group/nrc-norway"),
    ("Amman", "LOC", "place/amman"),
]


@pytest.mark.parametrize("text,label,kb_id", SAMPLE_ENTS)
def test_sample_entities(sample: Doc, text: str, label: str, kb_id: str) -> None:
    assert (text, label, kb_id) in {(e.text, e.label_, e.kb_id_) for e in sample.ents}


def test_entity_labels_are_the_five(sample: Doc) -> None:
    assert {e.label_ for e in sample.ents} == {"PERSON", "GPE", "NORP", "ORG", "LOC"}


def test_quotes_span_group(sample: Doc) -> None:
    group = sample.spans["gazette_quotes"]
    texts = [s.text for s in group]
    assert "fragile but workable." in texts
    assert any(t.startswith("The crossings must reopen before winter") for t in texts)
    assert {s.label_ for s in group} <= {"direct", "indirect", "mention"}
    assert "indirect" in {s.label_ for s in group}


# One row per quote the sample must attribute: (start of quote, speaker text, cue text, speaker name, kb_id).
SAMPLE_QUOTES = [
    ("The crossings must reopen", "Safadi", "said", "Ayman Safadi", "person/ayman-safadi"),
    ("fragile but workable", "He", "described", "Geir Pedersen", "person/geir-pedersen"),
    ("We are running out of time", "Nadia Karimi", "said", "Nadia Karimi", None),
]


@pytest.mark.parametrize("start,speaker,cue,name,kb_id", SAMPLE_QUOTES)
def test_doc_quotes_with_speaker_and_cue_spans(sample: Doc, start, speaker, cue, name, kb_id) -> None:
    qs = [q for q in sample._.quotes if q.text.startswith(start)]
    assert len(qs) == 1
    q = qs[0]
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker.doc is sample
    assert (q.speaker_name, q.speaker_kb_id) == (name, kb_id)


def check_same(a: Doc, b: Doc) -> None:
    assert [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in a.ents] == [
        (e.start_char, e.end_char, e.label_, e.kb_id_) for e in b.ents
    ]
    assert [(s.start, s.end, s.label_) for s in a.spans["gazette_quotes"]] == [
        (s.start, s.end, s.label_) for s in b.spans["gazette_quotes"]
    ]

    def quotes(d: Doc):
        return [
            (q.span.start_char, q.kind, q.speaker and q.speaker.text, q.cue and q.cue.text, q.speaker_name)
            for q in d._.quotes
        ]

    assert quotes(a) == quotes(b)
    assert quotes(a)


def test_docbin_round_trip(nlp, sample: Doc) -> None:
    blob = DocBin(docs=[sample], store_user_data=True).to_bytes()
    back = list(DocBin().from_bytes(blob).get_docs(nlp.vocab))[0]
    check_same(sample, back)


def test_docbin_round_trip_in_a_fresh_process(tmp_path: Path, sample: Doc) -> None:
    path = tmp_path / "sample.spacy"
    DocBin(docs=[sample], store_user_data=True).to_disk(path)
    code = textwrap.dedent(
        f"""
        import json, spacy
        from spacy.tokens import DocBin
        nlp = spacy.blank("en")  # loads the entry points, which register doc._.quotes
        doc = list(DocBin().from_disk({str(path)!r}).get_docs(nlp.vocab))[0]
        print(json.dumps([[e.text, e.label_, e.kb_id_] for e in doc.ents]))
        print(json.dumps([[q.speaker_name, q.speaker.text if q.speaker else None, q.text] for q in doc._.quotes]))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    ents_line, quotes_line = out.stdout.strip().splitlines()
    import json

    assert json.loads(ents_line) == [[e.text, e.label_, e.kb_id_] for e in sample.ents]
    assert json.loads(quotes_line) == [
        [q.speaker_name, q.speaker.text if q.speaker else None, q.text] for q in sample._.quotes
    ]


def test_pipe_equals_call(nlp) -> None:
    texts = [SAMPLE.read_text(encoding="utf-8"), "“We wait,” said António Guterres.", "", "Nothing here."] * 5
    piped = list(nlp.pipe(texts, batch_size=3))
    for text, doc in zip(texts, piped):
        check_same_or_empty(nlp(text), doc)


def check_same_or_empty(a: Doc, b: Doc) -> None:
    assert [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in a.ents] == [
        (e.start_char, e.end_char, e.label_, e.kb_id_) for e in b.ents
    ]
    assert [(s.start, s.end) for s in a.spans["gazette_quotes"]] == [(s.start, s.end) for s in b.spans["gazette_quotes"]]


# One row per text whose mentions fall inside or across spaCy tokens:
# (name, text, entity text the expanded span must contain).
MISALIGNED = [
    ("inside a hyphenated token", "The Iraq-Syria border reopened, Erdoğan said.", "Erdoğan"),
    ("possessive", "Jordan’s foreign minister met Iran’s envoy.", "Jordan"),
    ("no spaces", "“Yes,”said Pedro Sánchez,of Spain.", "Pedro Sánchez"),
    ("emoji glued", "🔥🔥Ursula von der Leyen🔥 visited Kyiv.", "Ursula von der Leyen"),
]


@pytest.mark.parametrize("name,text,must", MISALIGNED, ids=[c[0] for c in MISALIGNED])
def test_misaligned_offsets_never_crash(nlp, name: str, text: str, must: str) -> None:
    doc = nlp(text)
    assert any(must in e.text for e in doc.ents), [e.text for e in doc.ents]
    for e in doc.ents:
        assert e.label_ in {"PERSON", "GPE", "NORP", "ORG", "LOC"}


def test_existing_entities_are_kept_unless_overwrite() -> None:
    for overwrite, want in [(False, "CITY"), (True, "LOC")]:
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("entity_ruler")
        ruler.add_patterns([{"label": "CITY", "pattern": "Amman"}])
        nlp.add_pipe("gazette", config={"overwrite_ents": overwrite})
        doc = nlp("Ayman Safadi met Geir Pedersen in Amman on Tuesday.")
        labels = {e.text: e.label_ for e in doc.ents}
        assert labels["Amman"] == want
        assert labels["Ayman Safadi"] == "PERSON"


def test_custom_gazetteer_and_labels(tmp_path: Path) -> None:
    path = tmp_path / "people.tsv"
    path.write_text("id\tname\taliases\tgender\nperson/dana-frost\tDana Frost\tFrost\tf\n", encoding="utf-8")
    nlp = spacy.blank("en")
    # spaCy merges `labels` into the defaults; an empty label drops a kind.
    nlp.add_pipe("gazette", config={"gazetteers": [f"people={path}"], "labels": {"person": "PER", "place": ""}})
    doc = nlp("Frost met officials in Amman.")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [("Frost", "PER", "person/dana-frost")]


def test_displacy_renders_the_entities(sample: Doc) -> None:
    html = displacy.render(sample, style="ent", jupyter=False)
    assert "Ayman Safadi" in html
    for label in ("PERSON", "GPE", "NORP", "ORG", "LOC"):
        assert label in html
    spans_html = displacy.render(sample, style="span", options={"spans_key": "gazette_quotes"}, jupyter=False)
    assert "fragile" in spans_html
    assert "indirect" in spans_html
