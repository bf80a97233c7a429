"""A parse cache on disk: CoNLL-U files keyed by text hash and model fingerprint.

Re-annotating a corpus with new rules then skips Stanza entirely.  Entries are
written atomically and begin with the sha256 of the rest of the file; an entry that is
damaged, cut short or fails that check is treated as missing and written again.

>>> import tempfile
>>> cache = ParseCache(tempfile.mkdtemp())
>>> cache.get("some text", "0123abcd") is None
True
"""

from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path

from ..document import Document, Metadata
from ..errors import RhetoricError
from ..formats.conllu import read_conllu, to_conllu
from ..inputs import write_atomic


def default_cache_dir() -> Path:
    """``RHETORIC_CACHE_DIR``, else ``$XDG_CACHE_HOME/rhetoric``, else ``~/.cache/rhetoric``."""
    if os.environ.get("RHETORIC_CACHE_DIR"):
        return Path(os.environ["RHETORIC_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "rhetoric"


class ParseCache:
    """Parsed documents on disk under ``root/<fingerprint>/<hash[:2]>/<hash>.conllu``."""

    def __init__(self, root: str | os.PathLike | None = None) -> None:
        self.root = Path(root) if root is not None else default_cache_dir()
        self.hits = self.misses = 0

    def path(self, text: str, fingerprint: str) -> Path:
        """Where the parse of ``text`` by the model ``fingerprint`` is kept."""
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return self.root / fingerprint / key[:2] / f"{key}.conllu"

    def get(self, text: str, fingerprint: str, meta: Metadata | None = None) -> Document | None:
        """The cached parse, or ``None`` when there is none (or it cannot be read)."""
        path = self.path(text, fingerprint)
        try:
            head, _, body = path.read_text(encoding="utf-8").partition("\n")
            if head != _checksum_line(body):
                raise ValueError("the entry is damaged or incomplete")
            doc = read_conllu(body, text=text, meta=meta or Metadata(), name=str(path))[0]
        except (OSError, RhetoricError, ValueError, IndexError):
            self.misses += 1
            return None
        self.hits += 1
        return doc

    def put(self, doc: Document) -> None:
        """Store a parse (documents with no sentences are not worth caching).  A cache that
        cannot be written (full disk, no permission) only warns: parsing goes on without it."""
        if doc.paragraphs and doc.fingerprint:
            body = to_conllu(doc)
            try:
                write_atomic(self.path(doc.text, doc.fingerprint), _checksum_line(body) + "\n" + body)
            except OSError as error:
                warnings.warn(f"cannot write to the parse cache in {self.root} ({error.strerror or error}); "
                              "parsing goes on without it (see --cache-dir, --no-cache)", RuntimeWarning, stacklevel=2)


def _checksum_line(body: str) -> str:
    return "# rhetoric_cache_sha256 = " + hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
