"""The spaCy component ``gazette``.

Installing the wheel registers it through the ``spacy_factories`` entry
point, so no import is needed::

    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("gazette")
    doc = nlp(text)
    doc.ents                       # PERSON, GPE, NORP, ORG, LOC; kb_id_ = gazetteer key
    doc.spans["gazette_quotes"]    # every quote, labelled direct / indirect / mention
    for q in doc._.quotes:         # speaker and cue as Spans
        print(q.speaker_name, q.cue, q.span)

The analysis is stored in ``doc._.gazette`` as plain data with character
offsets (no Span objects), so a Doc saved with ``DocBin(store_user_data=True)``
loads back with ``doc._.quotes`` intact. Offsets are aligned to tokens with
``alignment_mode="expand"``; a span that cannot be aligned is left out,
never an error.
"""

from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from . import Extractor, ListKind

__all__ = ["DEFAULT_LABELS", "DocQuote", "GazetteComponent", "make_gazette"]

#: gazette mention kind -> spaCy entity label. Titles are not entities.
DEFAULT_LABELS: Dict[str, str] = {
    "person": "PERSON",
    "country": "GPE",
    "nationality": "NORP",
    "group": "ORG",
    "place": "LOC",
}


@dataclass
class DocQuote:
    """A quote in a Doc, with its speaker and cue as Spans."""

    #: The quote's words (inside the marks for a direct quote).
    span: Span
    #: ``direct``, ``indirect`` or ``mention``.
    kind: str
    #: Where the speaker is named ("he", "Safadi", "a senior official"), if known.
    speaker: Optional[Span]
    #: The reporting verb or phrase ("said", "told reporters"), if any.
    cue: Optional[Span]
    #: The resolved speaker's canonical name, else the speaker's own text.
    speaker_name: Optional[str]
    #: The gazetteer key of the resolved speaker, if it has one.
    speaker_kb_id: Optional[str]
    #: How sure the attribution is, from 0 to 1.
    confidence: float

    @property
    def text(self) -> str:
        """The quote's words."""
        return self.span.text


def _span(doc: Doc, d: Optional[Dict[str, Any]], label: str = "", kb_id: str = "") -> Optional[Span]:
    """The token span covering character offsets ``d["start"]:d["end"]``, or None."""
    if not d:
        return None
    try:
        start, end = int(d["start"]), int(d["end"])
    except (KeyError, TypeError, ValueError):
        return None
    n = len(doc.text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    if end <= start:
        return None
    try:
        return doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")
    except (ValueError, IndexError):
        return None


def _doc_quotes(doc: Doc) -> List[DocQuote]:
    a = doc._.gazette
    if not a:
        return []
    entities = a.get("entities", [])
    out: List[DocQuote] = []
    for q in a.get("quotes", []):
        span = _span(doc, q, label=q.get("kind", ""))
        if span is None:
            continue
        sp = q.get("speaker") or None
        ent = None
        if sp is not None and isinstance(sp.get("entity"), int) and 0 <= sp["entity"] < len(entities):
            ent = entities[sp["entity"]]
        name = ent["name"] if ent else (sp.get("text") if sp else None)
        out.append(
            DocQuote(
                span=span,
                kind=q.get("kind", ""),
                speaker=_span(doc, sp, label="SPEAKER"),
                cue=_span(doc, q.get("cue"), label="CUE"),
                speaker_name=name,
                speaker_kb_id=(ent.get("key") if ent else None),
                confidence=float(q.get("confidence", 0.0)),
            )
        )
    return out


# `force=True` keeps registration idempotent when the module is reloaded.
Doc.set_extension("gazette", default=None, force=True)
Doc.set_extension("quotes", getter=_doc_quotes, force=True)


class GazetteComponent:
    """Fills ``doc.ents``, ``doc.spans[span_key]`` and ``doc._.gazette`` / ``doc._.quotes``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "gazette",
        *,
        gazetteers: Iterable[str] = (),
        labels: Optional[Dict[str, str]] = None,
        overwrite_ents: bool = False,
        span_key: str = "gazette_quotes",
        threads: Optional[int] = None,
        extractor: Optional[Extractor] = None,
    ) -> None:
        self.name = name
        self.labels = dict(DEFAULT_LABELS if labels is None else labels)
        self.overwrite_ents = overwrite_ents
        self.span_key = span_key
        self.threads = threads
        if extractor is None:
            builder = Extractor.builder()
            for spec in gazetteers:
                kind, sep, path = str(spec).partition("=")
                if not sep or not path:
                    raise ValueError(f"gazetteers entries are KIND=PATH, not {spec!r}")
                builder.add_file(ListKind(kind.strip()), path.strip())
            extractor = builder.build()
        self.extractor = extractor

    def __call__(self, doc: Doc) -> Doc:
        return self._fill(doc, self.extractor.extract_dict(doc.text))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Processes Docs in batches, each batch on every core without the GIL."""
        for batch in minibatch(stream, size=batch_size):  # type: ignore[no-untyped-call]
            analyses = self.extractor.extract_batch_dicts([d.text for d in batch], threads=self.threads)
            for doc, a in zip(batch, analyses):
                yield self._fill(doc, a)

    def _fill(self, doc: Doc, a: Dict[str, Any]) -> Doc:
        doc._.gazette = a
        entities = a.get("entities", [])
        ents: List[Span] = []
        for m in a.get("mentions", []):
            label = self.labels.get(m.get("kind", ""))
            if not label:
                continue
            e = m.get("entity")
            key = ""
            if isinstance(e, int) and 0 <= e < len(entities):
                key = entities[e].get("key") or ""
            span = _span(doc, m, label=label, kb_id=key)
            if span is not None:
                ents.append(span)
        ents = filter_spans(ents)
        if self.overwrite_ents or not doc.ents:
            doc.ents = ents
        else:
            taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
            keep = [s for s in ents if not any(i in taken for i in range(s.start, s.end))]
            doc.ents = filter_spans(list(doc.ents) + keep)
        quotes = [s for s in (_span(doc, q, label=q.get("kind", "")) for q in a.get("quotes", [])) if s is not None]
        doc.spans[self.span_key] = quotes
        return doc


@Language.factory(
    "gazette",
    default_config={
        "gazetteers": [],
        "labels": DEFAULT_LABELS,
        "overwrite_ents": False,
        "span_key": "gazette_quotes",
        "threads": None,
    },
    assigns=["doc.ents", "doc.spans", "doc._.gazette", "doc._.quotes"],
)
def make_gazette(
    nlp: Language,
    name: str,
    gazetteers: List[str],
    labels: Dict[str, str],
    overwrite_ents: bool,
    span_key: str,
    threads: Optional[int],
) -> GazetteComponent:
    """Creates the ``gazette`` component.

    Args:
        gazetteers: extra lists as ``KIND=PATH`` (``people=my_people.tsv``).
        labels: gazette mention kind -> entity label, merged into the defaults
            by spaCy; a kind mapped to "" (or a title, by default) is skipped.
        overwrite_ents: replace entities already on the Doc (default: keep them
            and add only non-overlapping ones).
        span_key: the span group for quotes.
        threads: threads for ``nlp.pipe`` batches (None: one per core).
    """
    return GazetteComponent(
        nlp,
        name,
        gazetteers=gazetteers,
        labels=labels,
        overwrite_ents=overwrite_ents,
        span_key=span_key,
        threads=threads,
    )
