"""gazette: who is in the news, and who said what.

Finds people, countries, groups (and nationalities, places, titles) and
every quote, direct or reported, with its speaker, in English news text. The
work is done by the Rust library ``gazette``; the gazetteers are compiled in,
so there is no model to download.

>>> import gazette
>>> a = gazette.Extractor().extract("“We will rebuild,” Iraqi Foreign Minister Leila Nasser said.")
>>> [a.speaker_name(q) for q in a.quotes]
['Leila Nasser']

Every offset counts characters of the Python string you passed in, so
``text[m.start:m.end] == m.text`` holds for every mention, quote, speaker and
cue, whatever the script.
"""

from __future__ import annotations

import contextlib
import enum
import gc
import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from . import _gazette
from ._gazette import GazetteerError
from ._types import Analysis, Cue, Entity, Mention, Quote, Relation, Span, Speaker

__all__ = [
    "Analysis",
    "Cue",
    "Entity",
    "Extractor",
    "ExtractorBuilder",
    "GazetteerError",
    "ListKind",
    "Mention",
    "Quote",
    "Relation",
    "Span",
    "Speaker",
    "__version__",
]

__version__: str = _gazette.__version__


class ListKind(str, enum.Enum):
    """What a gazetteer list holds; the format of each is in ``gazetteers/README.md``."""

    COUNTRIES = "countries"
    PLACES = "places"
    PEOPLE = "people"
    GROUPS = "groups"
    GIVEN_NAMES = "given_names"
    TITLES = "titles"
    CUES = "cues"
    SPEAKER_NOUNS = "speaker_nouns"

    def __str__(self) -> str:
        return self.value


KindLike = Union[ListKind, str]
PathLike = Union[str, "os.PathLike[str]"]

# One builder step: (operation, list kind, label or path, text or None).
_Op = Tuple[str, str, str, Optional[str]]


def _kind_name(kind: KindLike) -> str:
    if isinstance(kind, ListKind):
        return kind.value
    if isinstance(kind, str):
        return ListKind(kind).value if kind in ListKind._value2member_map_ else kind
    raise TypeError(f"list kind must be a ListKind or str, not {type(kind).__name__}")


class Extractor:
    """Finds people, countries, groups and quotes with their speakers.

    ``Extractor()`` uses the gazetteers embedded in the library (compiled once
    per process and shared). Use :meth:`builder` to add or replace lists.
    An extractor is immutable, thread-safe and picklable (it pickles as the
    recipe it was built from, so Spark and multiprocessing can ship it).

    Args:
        defaults: start from the embedded lists (default True).
        kinds: the mention kinds to report (``person``, ``country``, ``group``,
            ``nationality``, ``place``, ``title``); default all.
        max_entries: most rows one user list may have (default 2,000,000).
        max_name_len: longest name a user list may hold, in bytes (default 256).

    Raises:
        GazetteerError: a list cannot be read or is malformed; ``file`` and
            ``line`` say where.
    """

    def __init__(
        self,
        *,
        defaults: bool = True,
        kinds: Optional[Iterable[str]] = None,
        max_entries: Optional[int] = None,
        max_name_len: Optional[int] = None,
        _ops: Sequence[_Op] = (),
    ) -> None:
        self._recipe: Dict[str, Any] = {
            "ops": [tuple(op) for op in _ops],
            "defaults": bool(defaults),
            "kinds": None if kinds is None else [str(k) for k in kinds],
            "max_entries": max_entries,
            "max_name_len": max_name_len,
        }
        self._native = _gazette.NativeExtractor(
            self._recipe["ops"],
            self._recipe["defaults"],
            self._recipe["kinds"],
            max_entries,
            max_name_len,
        )

    @staticmethod
    def builder() -> "ExtractorBuilder":
        """A builder to add or replace lists, like the Rust ``ExtractorBuilder``."""
        return ExtractorBuilder()

    def extract(self, text: str) -> Analysis:
        """The analysis of ``text``: entities, mentions, quotes and relations.

        Offsets are character offsets into ``text``.
        """
        with _gc_paused():
            return Analysis.from_dict(self._native.extract(text, "char"))

    def extract_dict(self, text: str, offsets: str = "char") -> Dict[str, Any]:
        """The analysis of ``text`` as a plain dict: the JSON contract of
        ``gazette --json``, with ``offsets="char"`` (default) or ``"byte"``
        (UTF-8 bytes, as the command prints)."""
        return self._native.extract(text, offsets)

    def extract_json(self, text: str, offsets: str = "char") -> str:
        """The analysis of ``text`` as one line of JSON (see :meth:`extract_dict`)."""
        return self._native.extract_json(text, offsets)

    def extract_batch(self, texts: Iterable[str], threads: Optional[int] = None) -> List[Analysis]:
        """The analyses of ``texts``, in order.

        The work runs without the GIL on ``threads`` threads (None: one per
        core; 1: the calling thread only). The result equals
        ``[self.extract(t) for t in texts]``.
        """
        with _gc_paused():
            return [Analysis.from_dict(d) for d in self._native.extract_batch(_seq(texts), threads, "char")]

    def extract_batch_dicts(
        self, texts: Iterable[str], threads: Optional[int] = None, offsets: str = "char"
    ) -> List[Dict[str, Any]]:
        """Like :meth:`extract_batch`, as plain dicts (see :meth:`extract_dict`)."""
        with _gc_paused():
            return self._native.extract_batch(_seq(texts), threads, offsets)

    def extract_batch_json(
        self, texts: Iterable[str], threads: Optional[int] = None, offsets: str = "char"
    ) -> List[str]:
        """Like :meth:`extract_batch`, one JSON line per text: the fastest way
        to write JSON Lines or fill a Spark column."""
        return self._native.extract_batch_json(_seq(texts), threads, offsets)

    def __repr__(self) -> str:
        r = self._recipe
        parts = [f"{op}({kind}, {a!r})" for op, kind, a, _ in r["ops"]]
        if not r["defaults"]:
            parts.insert(0, "defaults=False")
        if r["kinds"] is not None:
            parts.append(f"kinds={r['kinds']!r}")
        return f"Extractor({', '.join(parts)})"

    def __reduce__(self) -> Any:
        # A file step pickles as the text that was read, so a worker on
        # another machine needs no copy of the file.
        ops: List[_Op] = []
        for op, kind, a, text in self._recipe["ops"]:
            if op in ("add_file", "replace_file"):
                try:
                    with open(a, encoding="utf-8") as f:
                        ops.append((op.replace("_file", "_list"), kind, a, f.read()))
                    continue
                except (OSError, UnicodeDecodeError):
                    pass
            ops.append((op, kind, a, text))
        r = dict(self._recipe, ops=ops)
        return (_rebuild, (r,))


def _rebuild(recipe: Dict[str, Any]) -> Extractor:
    return Extractor(
        defaults=recipe["defaults"],
        kinds=recipe["kinds"],
        max_entries=recipe["max_entries"],
        max_name_len=recipe["max_name_len"],
        _ops=recipe["ops"],
    )


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pauses Python's cycle collector while analyses become objects.

    They are trees (no cycles), but their many containers would set off
    collections that cost several times the conversion itself.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _seq(texts: Iterable[str]) -> Sequence[str]:
    if isinstance(texts, str):
        raise TypeError("extract_batch takes a sequence of str, not one str")
    return texts if isinstance(texts, (list, tuple)) else list(texts)


class ExtractorBuilder:
    """Builds an :class:`Extractor` with custom lists.

    Each method returns the builder, so calls chain::

        ex = (gazette.Extractor.builder()
              .add_list(gazette.ListKind.PEOPLE, "my-people",
                        "id\\tname\\taliases\\tgender\\nperson/dana-frost\\tDana Frost\\tFrost\\tf\\n")
              .add_file("groups", "my_groups.tsv")
              .build())

    Lists are tab-separated with a header row (``gazetteers/README.md``).
    Nothing is read until :meth:`build`, which raises :class:`GazetteerError`
    naming the file (or label) and line of a bad row.
    """

    def __init__(self) -> None:
        self._ops: List[_Op] = []
        self._defaults = True
        self._kinds: Optional[List[str]] = None
        self._max_entries: Optional[int] = None
        self._max_name_len: Optional[int] = None

    def add_list(self, kind: KindLike, label: str, text: str) -> "ExtractorBuilder":
        """Adds a list held in memory to the lists of its kind; ``label`` names it in errors."""
        self._ops.append(("add_list", _kind_name(kind), str(label), str(text)))
        return self

    def replace_list(self, kind: KindLike, label: str, text: str) -> "ExtractorBuilder":
        """Uses a list held in memory instead of the embedded list of its kind."""
        self._ops.append(("replace_list", _kind_name(kind), str(label), str(text)))
        return self

    def add_file(self, kind: KindLike, path: PathLike) -> "ExtractorBuilder":
        """Adds the list in file ``path`` (UTF-8, tab-separated) to the lists of its kind."""
        self._ops.append(("add_file", _kind_name(kind), os.fspath(path), None))
        return self

    def replace_file(self, kind: KindLike, path: PathLike) -> "ExtractorBuilder":
        """Uses the list in file ``path`` instead of the embedded list of its kind."""
        self._ops.append(("replace_file", _kind_name(kind), os.fspath(path), None))
        return self

    def defaults(self, yes: bool) -> "ExtractorBuilder":
        """Whether to start from the embedded lists (default True)."""
        self._defaults = bool(yes)
        return self

    def kinds(self, kinds: Iterable[str]) -> "ExtractorBuilder":
        """The mention kinds to report (default: all)."""
        self._kinds = [str(k) for k in kinds]
        return self

    def max_entries(self, n: int) -> "ExtractorBuilder":
        """The most rows one user list may have (default 2,000,000)."""
        self._max_entries = int(n)
        return self

    def max_name_len(self, n: int) -> "ExtractorBuilder":
        """The longest name a user list may hold, in bytes (default 256)."""
        self._max_name_len = int(n)
        return self

    def build(self) -> Extractor:
        """Reads, checks and compiles the lists.

        Raises:
            GazetteerError: with ``file`` and ``line`` of the problem.
        """
        return Extractor(
            defaults=self._defaults,
            kinds=self._kinds,
            max_entries=self._max_entries,
            max_name_len=self._max_name_len,
            _ops=list(self._ops),
        )
