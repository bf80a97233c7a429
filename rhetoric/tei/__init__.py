"""TEI P5: writer, reader and validation (the encoding is described in schemas/README.md)."""

from .reader import read_tei
from .validate import validate_tei
from .writer import to_tei

__all__ = ["to_tei", "read_tei", "validate_tei"]
