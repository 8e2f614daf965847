"""Type stubs for the native module ``gazette._gazette`` (built from ``python/src/lib.rs``)."""

from typing import Any, Dict, List, Optional, Sequence, Tuple

__version__: str

class GazetteerError(ValueError):
    """A gazetteer list could not be read or is malformed.

    ``file`` names the file (or the label of an in-memory list) and ``line``
    the 1-based line of the problem; either is None when the error has none.
    """

    file: Optional[str]
    line: Optional[int]

class NativeExtractor:
    """A compiled extractor; ``gazette.Extractor`` wraps it."""

    def __new__(
        cls,
        ops: List[Tuple[str, str, str, Optional[str]]] = ...,
        defaults: bool = True,
        kinds: Optional[List[str]] = None,
        max_entries: Optional[int] = None,
        max_name_len: Optional[int] = None,
    ) -> "NativeExtractor": ...
    def extract(self, text: str, offsets: str = "char") -> Dict[str, Any]:
        """The analysis of ``text`` as a dict (offsets ``"char"`` or ``"byte"``)."""
    def extract_json(self, text: str, offsets: str = "char") -> str:
        """The analysis of ``text`` as one line of JSON."""
    def extract_batch(
        self, texts: Sequence[str], threads: Optional[int] = None, offsets: str = "char"
    ) -> List[Dict[str, Any]]:
        """The analyses of ``texts`` as dicts, in order, without the GIL."""
    def extract_batch_json(
        self, texts: Sequence[str], threads: Optional[int] = None, offsets: str = "char"
    ) -> List[str]:
        """The analyses of ``texts`` as JSON lines, in order, without the GIL."""

def list_kinds() -> List[str]:
    """The list kinds a builder takes: ``countries``, ``places``, ``people``, ..."""

def mention_kinds() -> List[str]:
    """The mention kinds: ``person``, ``country``, ``group``, ``nationality``, ``place``, ``title``."""
