"""The gazette package: offsets, batches, custom lists, errors, types."""

from __future__ import annotations

import importlib.resources
import inspect
import json
import pickle
from pathlib import Path

import pytest

import gazette
from gazette import Analysis, Extractor, GazetteerError, ListKind

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample.txt"

PEOPLE_TSV = "id\tname\taliases\tgender\nperson/dana-frost\tDana Frost\tFrost\tf\n"
GROUPS_TSV = "id\tname\taliases\ttype\ngroup/dcu\tDistrict Council of Umbra\tDCU\tgovernment\n"


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def spans(a: Analysis):
    """Every (what, start, end, text) span of an analysis that carries its text."""
    for m in a.mentions:
        yield ("mention", m.start, m.end, m.text)
    for q in a.quotes:
        yield ("quote", q.start, q.end, q.text)
        if q.speaker is not None:
            yield ("speaker", q.speaker.start, q.speaker.end, q.speaker.text)
        if q.cue is not None:
            yield ("cue", q.cue.start, q.cue.end, q.cue.text)


# One row per text: (name, text, spans that must be found as (kind, text)).
OFFSET_CASES = [
    ("ascii", "“We will rebuild,” Iraqi Foreign Minister Leila Nasser said.", [("speaker", "Leila Nasser")]),
    (
        "turkish letters",
        "Türkiye’s President Recep Tayyip Erdoğan met Pedro Sánchez in Ankara. “Çok önemli,” Erdoğan said.",
        [("mention", "Recep Tayyip Erdoğan"), ("mention", "Pedro Sánchez"), ("speaker", "Erdoğan")],
    ),
    (
        "emoji and astral characters first",
        "🌍🔥 𝔄 report: “Prices have doubled,” Brazilian President Luiz Inácio Lula da Silva said in São Paulo.",
        [("mention", "Luiz Inácio Lula da Silva"), ("cue", "said")],
    ),
    (
        "cjk and arabic before the news",
        "東京 — القاهرة — Egyptian officials met Japanese envoys. “Nothing is agreed,” a senior Egyptian official told Reuters.",
        [("mention", "Reuters"), ("cue", "told")],
    ),
    (
        "combining accents",
        "Jose\u0301 Mari\u0301a said nothing. “We wait,” said António Guterres, the UN Secretary-General.",
        [("speaker", "António Guterres")],
    ),
    ("sample article", SAMPLE.read_text(encoding="utf-8"), [("speaker", "Safadi"), ("speaker", "Nadia Karimi")]),
]


@pytest.mark.parametrize("name,text,expected", OFFSET_CASES, ids=[c[0] for c in OFFSET_CASES])
def test_char_offsets_index_the_python_string(ex: Extractor, name: str, text: str, expected) -> None:
    a = ex.extract(text)
    found = list(spans(a))
    assert found, "nothing found"
    for what, start, end, got in found:
        assert 0 <= start <= end <= len(text), (what, start, end)
        assert text[start:end] == got, (what, start, end, got)
    for r in a.relations:
        if r.evidence is not None:
            assert 0 <= r.evidence.start <= r.evidence.end <= len(text)
    kinds_texts = {(w, t) for w, _, _, t in found}
    for want in expected:
        assert want in kinds_texts, (want, sorted(kinds_texts))


@pytest.mark.parametrize("name,text,expected", OFFSET_CASES, ids=[c[0] for c in OFFSET_CASES])
def test_byte_offsets_are_the_utf8_offsets_of_the_char_ones(ex: Extractor, name: str, text: str, expected) -> None:
    chars = ex.extract_dict(text)
    bytes_ = ex.extract_dict(text, offsets="byte")

    def walk(c, b):
        if isinstance(c, dict):
            assert c.keys() == b.keys()
            if "start" in c and "end" in c:
                assert len(text[: c["start"]].encode("utf-8")) == b["start"]
                assert len(text[: c["end"]].encode("utf-8")) == b["end"]
            for k in c:
                if k not in ("start", "end"):
                    walk(c[k], b[k])
        elif isinstance(c, list):
            assert len(c) == len(b)
            for x, y in zip(c, b):
                walk(x, y)
        else:
            assert c == b

    walk(chars, bytes_)


@pytest.mark.parametrize("junk", ["\ud800", "\ud83d\ude00", "\udfff\ud800x\udc00"])
def test_lone_surrogates_do_not_crash_and_offsets_still_index(ex: Extractor, junk: str) -> None:
    # Surrogates are no characters: each counts as one and reads as U+FFFD.
    text = junk + " “We wait,” said António Guterres."
    a = ex.extract(text)
    q = a.quotes[0]
    assert text[q.start : q.end] == "We wait,"
    assert a.speaker_name(q) == "António Guterres"


# One row per input: (name, texts).
BATCH_CASES = [
    ("empty", []),
    ("one", ["“We wait,” said António Guterres."]),
    ("sample and variants", [SAMPLE.read_text(encoding="utf-8")] + [c[1] for c in OFFSET_CASES] * 7 + ["", " \n"]),
]


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
@pytest.mark.parametrize("name,texts", BATCH_CASES, ids=[c[0] for c in BATCH_CASES])
def test_batch_equals_one_by_one(ex: Extractor, name: str, texts, threads) -> None:
    one_by_one = [ex.extract(t) for t in texts]
    assert ex.extract_batch(texts, threads=threads) == one_by_one
    assert ex.extract_batch(iter(texts), threads=threads) == one_by_one
    assert ex.extract_batch_dicts(texts, threads=threads) == [ex.extract_dict(t) for t in texts]
    assert ex.extract_batch_json(texts, threads=threads) == [ex.extract_json(t) for t in texts]


def test_json_equals_dict(ex: Extractor) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert json.loads(ex.extract_json(text)) == ex.extract_dict(text)
    assert json.loads(ex.extract_json(text, offsets="byte")) == ex.extract_dict(text, offsets="byte")
    a = ex.extract(text)
    assert json.loads(a.to_json()) == a.to_dict()


def test_to_dict_round_trips_through_from_dict(ex: Extractor) -> None:
    a = ex.extract(SAMPLE.read_text(encoding="utf-8"))
    assert Analysis.from_dict(a.to_dict()) == a


def test_fields_added_later_reach_python() -> None:
    # A field the library may add (a `rule` on mentions, a `class` on cues)
    # is kept and readable, though this version of the package names it not.
    d = {
        "entities": [{"id": 0, "kind": "person", "name": "Dana Frost", "party": "x"}],
        "mentions": [{"start": 0, "end": 5, "text": "Frost", "kind": "person", "entity": 0, "rule": "list"}],
        "quotes": [
            {
                "start": 7,
                "end": 9,
                "text": "ok",
                "kind": "direct",
                "speaker": None,
                "cue": {"start": 10, "end": 14, "text": "said", "class": "neutral"},
                "confidence": 0.5,
            }
        ],
        "relations": [],
        "topics": ["aid"],
    }
    a = Analysis.from_dict(d)
    assert a.mentions[0].rule == "list"
    assert getattr(a.quotes[0].cue, "class") == "neutral"
    assert a.entities[0].party == "x"
    assert a.topics == ["aid"]
    with pytest.raises(AttributeError):
        a.mentions[0].nonexistent  # noqa: B018
    assert a.to_dict()["mentions"][0]["rule"] == "list"


# One row per custom-list setup: (name, build, text, mention text, entity name).
CUSTOM_CASES = [
    (
        "add_list people",
        lambda tmp: Extractor.builder().add_list(ListKind.PEOPLE, "my-people", PEOPLE_TSV),
        "Frost spoke to Reuters in Ankara.",
        "Frost",
        "Dana Frost",
    ),
    (
        "add_list by kind name",
        lambda tmp: Extractor.builder().add_list("groups", "my-groups", GROUPS_TSV),
        "The DCU said it would meet on Monday.",
        "DCU",
        "District Council of Umbra",
    ),
    (
        "add_file",
        lambda tmp: Extractor.builder().add_file(ListKind.GROUPS, write(tmp / "g.tsv", GROUPS_TSV)),
        "The DCU said it would meet on Monday.",
        "DCU",
        "District Council of Umbra",
    ),
    (
        "replace_file",
        lambda tmp: Extractor.builder().replace_file("people", write(tmp / "p.tsv", PEOPLE_TSV)),
        "Frost met Emmanuel Macron in Paris.",
        "Frost",
        "Dana Frost",
    ),
]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name,build,text,mention,entity", CUSTOM_CASES, ids=[c[0] for c in CUSTOM_CASES])
def test_custom_lists(tmp_path: Path, name, build, text, mention, entity) -> None:
    ex = build(tmp_path).build()
    a = ex.extract(text)
    hits = [m for m in a.mentions if m.text == mention]
    assert hits, [m.text for m in a.mentions]
    assert a.entity(hits[0].entity).name == entity
    # Without the list, the name is not known.
    plain = Extractor().extract(text)
    assert all(plain.entity(m.entity) is None or plain.entity(m.entity).name != entity for m in plain.mentions)


def test_replace_list_drops_the_embedded_people() -> None:
    ex = Extractor.builder().replace_list(ListKind.PEOPLE, "only-frost", PEOPLE_TSV).build()
    a = ex.extract("Frost met Emmanuel Macron in Paris.")
    keys = {e.key for e in a.entities}
    assert "person/dana-frost" in keys
    assert "person/emmanuel-macron" not in keys
    assert "person/emmanuel-macron" in {e.key for e in Extractor().extract("Emmanuel Macron spoke.").entities}


def test_kinds_limits_what_is_reported() -> None:
    ex = Extractor.builder().kinds(["country"]).build()
    a = ex.extract("Emmanuel Macron flew from France to Brazil.")
    assert {m.kind for m in a.mentions} == {"country"}
    assert Extractor(kinds=["person"]).extract("Emmanuel Macron flew to Brazil.").mentions[0].kind == "person"


# One row per bad list: (name, file name, content, line in the error).
BAD_LISTS = [
    ("missing column", "people.tsv", "id\tname\taliases\tgender\nperson/a\tAnna Bell\n", 2),
    ("empty name", "people.tsv", "id\tname\taliases\tgender\nperson/a\tAnna Bell\t\tf\nperson/b\t\t\tm\n", 3),
    (
        "duplicate id after a comment",
        "groups.tsv",
        "# my groups\nid\tname\taliases\ttype\ngroup/x\tX Union\t\tgovernment\ngroup/x\tY Union\t\tgovernment\n",
        4,
    ),
    ("no header", "groups.tsv", "group/x\tX Union\t\tgovernment\n", 1),
]


@pytest.mark.parametrize("name,fname,content,line", BAD_LISTS, ids=[c[0] for c in BAD_LISTS])
def test_list_errors_carry_file_and_line(tmp_path: Path, name, fname, content, line) -> None:
    path = write(tmp_path / fname, content)
    kind = fname.removesuffix(".tsv") if hasattr(str, "removesuffix") else fname[:-4]
    with pytest.raises(GazetteerError) as info:
        Extractor.builder().add_file(kind, path).build()
    err = info.value
    assert err.file == str(path)
    assert err.line == line
    assert f"{path}:{line}:" in str(err)
    assert isinstance(err, ValueError)
    # The same list held in memory names its label.
    with pytest.raises(GazetteerError) as info:
        Extractor.builder().add_list(kind, "my-list", content).build()
    assert (info.value.file, info.value.line) == ("my-list", line)


def test_invalid_utf8_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "people.tsv"
    path.write_bytes(b"id\tname\taliases\tgender\nperson/a\tAnna Bell\t\tf\nperson/b\tBo \xff Reed\t\tm\n")
    with pytest.raises(GazetteerError) as info:
        Extractor.builder().add_file(ListKind.PEOPLE, path).build()
    assert (info.value.file, info.value.line) == (str(path), 3)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.tsv"
    with pytest.raises(GazetteerError) as info:
        Extractor.builder().add_file(ListKind.PLACES, path).build()
    assert info.value.file == str(path)
    assert info.value.line is None


# One row per misuse: (name, call, exception).
MISUSE = [
    ("unknown list kind", lambda: Extractor.builder().add_list("planets", "x", "id\tname\n").build(), ValueError),
    ("unknown mention kind", lambda: Extractor(kinds=["planet"]), ValueError),
    ("zero threads", lambda: Extractor().extract_batch(["a"], threads=0), ValueError),
    ("bad offsets unit", lambda: Extractor().extract_dict("a", offsets="words"), ValueError),
    ("not a str", lambda: Extractor().extract(b"bytes"), TypeError),
    ("one str to batch", lambda: Extractor().extract_batch("text"), TypeError),
    ("non-str in batch", lambda: Extractor().extract_batch(["ok", 3]), TypeError),
]


@pytest.mark.parametrize("name,call,exc", MISUSE, ids=[c[0] for c in MISUSE])
def test_misuse_raises(name, call, exc) -> None:
    with pytest.raises(exc):
        call()


def test_extractor_pickles_as_its_recipe(tmp_path: Path) -> None:
    path = write(tmp_path / "p.tsv", PEOPLE_TSV)
    ex = Extractor.builder().add_file("people", path).build()
    blob = pickle.dumps(ex)
    path.unlink()  # the copy must not need the file
    again = pickle.loads(blob)
    text = "Frost spoke to Reuters in Ankara."
    assert again.extract(text) == ex.extract(text)
    assert again.extract(text).entity(again.extract(text).mentions[0].entity).name == "Dana Frost"


def test_typed_and_documented() -> None:
    files = {p.name for p in importlib.resources.files("gazette").iterdir()}
    assert {"py.typed", "_gazette.pyi"} <= files
    for obj in (gazette, Extractor, Extractor.extract, Extractor.extract_batch, Extractor.builder,
                gazette.ExtractorBuilder.add_file, GazetteerError, gazette.Quote, gazette.Mention):
        assert inspect.getdoc(obj), obj
    sig = inspect.signature(Extractor.extract_batch)
    assert list(sig.parameters) == ["self", "texts", "threads"]
    assert sig.parameters["threads"].default is None


def test_sample_speakers(ex: Extractor) -> None:
    a = ex.extract(SAMPLE.read_text(encoding="utf-8"))
    speakers = [a.speaker_name(q) for q in a.quotes if q.kind != "mention"]
    assert "Ayman Safadi" in speakers
    assert "Geir Pedersen" in speakers
    assert "Nadia Karimi" in speakers


def gazette_command() -> str:
    import os
    import shutil

    root = Path(__file__).resolve().parents[2]
    for c in (os.environ.get("GAZETTE_BIN"), str(root / "target" / "release" / "gazette"), shutil.which("gazette")):
        if c and os.path.isfile(c):
            return c
    pytest.skip("no gazette command built")


@pytest.mark.parametrize("name,text,expected", OFFSET_CASES, ids=[c[0] for c in OFFSET_CASES])
def test_byte_json_is_what_the_command_prints(ex: Extractor, name: str, text: str, expected) -> None:
    import subprocess

    out = subprocess.run([gazette_command(), "--json"], input=text.encode("utf-8"), capture_output=True, check=True)
    printed = out.stdout.decode("utf-8").rstrip("\n")
    # The command puts the document's id first; the rest is the analysis, byte for byte.
    assert printed.startswith('{"id":"<stdin>",')
    assert ex.extract_json(text, offsets="byte") == "{" + printed[len('{"id":"<stdin>",') :]


@pytest.mark.parametrize("enabled", [True, False])
def test_gc_state_is_restored(ex: Extractor, enabled: bool) -> None:
    import gc

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        ex.extract_batch(["“We wait,” said António Guterres."] * 3)
        ex.extract("Safadi said.")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
