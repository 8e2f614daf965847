"""The analysis as plain dataclasses.

Each class holds the fields of the JSON contract that ``gazette --json``
prints, with offsets counted in characters of the Python string. A field the
library adds in a later version, which this module does not name yet, is kept
in ``extra`` and can be read as an attribute all the same (``mention.rule``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any, Callable, ClassVar, Dict, FrozenSet, Iterator, List, Mapping, Optional, Tuple, Type, TypeVar

__all__ = [
    "Analysis",
    "Cue",
    "Entity",
    "Mention",
    "Quote",
    "Relation",
    "Span",
    "Speaker",
]


class _Record:
    """Shared behaviour: unknown fields in ``extra``, ``to_dict``."""

    extra: Dict[str, Any]
    #: The field names the class declares (set below for each class).
    _names: ClassVar[FrozenSet[str]] = frozenset()

    def __getattr__(self, name: str) -> Any:
        # Called only when normal lookup fails: fields added by a newer
        # library version are read from `extra`.
        extra = self.__dict__.get("extra")
        if extra is not None and name in extra:
            return extra[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def to_dict(self) -> Dict[str, Any]:
        """The record as a dict of plain values (``extra`` merged in)."""
        out: Dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            if f.name == "extra":
                continue
            out[f.name] = _plain(getattr(self, f.name))
        for k, v in self.extra.items():
            out[k] = _plain(v)
        return out


def _plain(v: Any) -> Any:
    if isinstance(v, _Record):
        return v.to_dict()
    if isinstance(v, list):
        return [_plain(i) for i in v]
    if isinstance(v, tuple):
        return [_plain(i) for i in v]
    return v


R = TypeVar("R", bound=_Record)


def _make(cls: Type[R], d: Dict[str, Any], conv: Optional[Mapping[str, Callable[[Any], Any]]] = None) -> R:
    if conv is not None:
        d = dict(d)
        for k, f in conv.items():
            v = d.get(k)
            if v is not None:
                d[k] = f(v)
    if d.keys() <= cls._names:
        return cls(**d)
    # Fields this version does not name go to `extra`.
    kw: Dict[str, Any] = {}
    extra: Dict[str, Any] = {}
    for k, v in d.items():
        if k in cls._names:
            kw[k] = v
        else:
            extra[k] = v
    return cls(**kw, extra=extra)  # type: ignore[call-arg]


@dataclass
class Span(_Record):
    """A stretch of the text: ``text[start:end]``, in characters."""

    start: int
    end: int
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Entity(_Record):
    """One real-world thing the text mentions, however often and in whatever form."""

    #: The entity's index in ``Analysis.entities``.
    id: int
    #: ``person``, ``country``, ``group``, ``nationality``, ``place`` or ``title``.
    kind: str
    #: Canonical name: the gazetteer name, or the longest form in the text.
    name: str
    #: The gazetteer id (``TR``, ``person/vladimir-putin``) when a list knows it.
    key: Optional[str] = None
    #: ``male`` or ``female`` when known.
    gender: Optional[str] = None
    #: Attributes from the lists and the text (``role``, ``country``, ``type``, ...).
    attributes: List[Tuple[str, str]] = field(default_factory=list)
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    def attribute(self, key: str) -> Optional[str]:
        """The first value of attribute ``key``, if any."""
        for k, v in self.attributes:
            if k == key:
                return v
        return None


@dataclass
class Mention(_Record):
    """One place in the text that names an entity: ``text[start:end] == text``."""

    start: int
    end: int
    text: str
    kind: str
    #: Index into ``Analysis.entities``.
    entity: Optional[int] = None
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Speaker(_Record):
    """Who says a quote: a name, a pronoun or a description."""

    start: int
    end: int
    text: str
    #: The entity the speaker resolves to, when it resolves.
    entity: Optional[int] = None
    #: For a description that names no one ("an Iraqi official"): the
    #: country, group or place it names.
    affiliation: Optional[int] = None
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Cue(_Record):
    """The reporting verb or phrase that attributes a quote: "said", "according to"."""

    start: int
    end: int
    text: str
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Quote(_Record):
    """A statement: the words inside the marks, or a reported clause."""

    start: int
    end: int
    text: str
    #: ``direct``, ``indirect`` or ``mention`` (scare quotes, titles).
    kind: str
    speaker: Optional[Speaker] = None
    cue: Optional[Cue] = None
    #: How sure the attribution is, from 0 to 1.
    confidence: float = 0.0
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Relation(_Record):
    """A fact linking an entity to a quote (``said``), a value (``role``) or an entity."""

    #: ``said``, ``role``, ``member_of`` or ``affiliated_with``.
    kind: str
    #: The entity it is about.
    source: int
    #: A quote index for ``said``, an entity index otherwise.
    target: Optional[int] = None
    #: A value such as a role.
    value: Optional[str] = None
    #: The text the relation was read from.
    evidence: Optional[Span] = None
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


def _attrs(v: Any) -> List[Tuple[str, str]]:
    return [(a[0], a[1]) for a in v]


def _span(d: Dict[str, Any]) -> Span:
    return _make(Span, d)


def _speaker(d: Dict[str, Any]) -> Speaker:
    return _make(Speaker, d)


def _cue(d: Dict[str, Any]) -> Cue:
    return _make(Cue, d)


_Conv = Mapping[str, Callable[[Any], Any]]
_ENTITY_CONV: _Conv = {"attributes": _attrs}
_QUOTE_CONV: _Conv = {"speaker": _speaker, "cue": _cue}
_RELATION_CONV: _Conv = {"evidence": _span}


@dataclass
class Analysis(_Record):
    """Everything gazette found in one text."""

    #: One entry per real-world thing, in order of first mention.
    entities: List[Entity] = field(default_factory=list)
    #: Every mention, sorted by position.
    mentions: List[Mention] = field(default_factory=list)
    #: Every quote, direct and indirect, sorted by position.
    quotes: List[Quote] = field(default_factory=list)
    #: Said, role and membership relations.
    relations: List[Relation] = field(default_factory=list)
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Analysis":
        """Builds the dataclasses from the dict form (``Extractor.extract_dict``)."""
        return _make(
            cls,
            d,
            {
                "entities": lambda xs: [_make(Entity, x, _ENTITY_CONV) for x in xs],
                "mentions": lambda xs: [_make(Mention, x) for x in xs],
                "quotes": lambda xs: [_make(Quote, x, _QUOTE_CONV) for x in xs],
                "relations": lambda xs: [_make(Relation, x, _RELATION_CONV) for x in xs],
            },
        )

    def to_json(self) -> str:
        """The analysis as one line of JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def entity(self, id: Optional[int]) -> Optional[Entity]:
        """The entity with index ``id``, or None."""
        if id is None or not 0 <= id < len(self.entities):
            return None
        return self.entities[id]

    def mentions_of(self, id: int) -> Iterator[Mention]:
        """The mentions of entity ``id``."""
        return (m for m in self.mentions if m.entity == id)

    def speaker_entity(self, quote: Quote) -> Optional[Entity]:
        """The entity the speaker of ``quote`` resolves to, if any."""
        if quote.speaker is None:
            return None
        return self.entity(quote.speaker.entity)

    def speaker_name(self, quote: Quote) -> Optional[str]:
        """Who says ``quote``: the resolved entity's name, else the speaker's own text."""
        e = self.speaker_entity(quote)
        if e is not None:
            return e.name
        return quote.speaker.text if quote.speaker is not None else None


for _cls in (Span, Entity, Mention, Speaker, Cue, Quote, Relation, Analysis):
    _cls._names = frozenset(f.name for f in fields(_cls) if f.name != "extra")
del _cls
