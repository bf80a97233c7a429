"""rhetoric: discourse and rhetoric annotation of English text.

Parse text with Stanza into an immutable document model, read and write CoNLL-U:

>>> import rhetoric
>>> doc = rhetoric.read_conllu("1\\tGo\\tgo\\tVERB\\tVB\\tMood=Imp\\t0\\troot\\t_\\t_\\n\\n")[0]
>>> doc.sentences[0].words[0].feat("Mood")
'Imp'
"""

from __future__ import annotations

__version__ = "0.1.0"

from .document import Document, Entity, Metadata, Move, MultiWordToken, Paragraph, RuleSetRef, Sentence, Word
from .errors import ConlluError, DocumentError, InputError, ModelError, RhetoricError
from .formats.conllu import read_conllu, write_conllu
from .inputs import read_metadata, read_text
from .parsing import ModelSpec, ParseCache, parse
from .rules import load_rules
from .annotate import annotate
from .evaluation import evaluate
from .tei import read_tei, to_tei, validate_tei

__all__ = [
    "parse", "annotate", "load_rules", "evaluate", "to_tei", "read_tei", "validate_tei", "read_conllu", "write_conllu", "read_text", "read_metadata", "ParseCache", "ModelSpec",
    "Document", "Paragraph", "Sentence", "Word", "MultiWordToken", "Entity", "Move", "RuleSetRef", "Metadata",
    "RhetoricError", "InputError", "ModelError", "ConlluError", "DocumentError",
]
