"""rhetoric: discourse and rhetoric annotation of English text.

Parse text with Stanza into an immutable document model, find rhetorical moves with
declarative rule sets, and write it as JSON, CoNLL-U, TEI or vertical text:

>>> import rhetoric
>>> doc = rhetoric.read_conllu("1\\tGo\\tgo\\tVERB\\tVB\\tMood=Imp\\t0\\troot\\t_\\t_\\n\\n")[0]
>>> doc.sentences[0].words[0].feat("Mood")
'Imp'
>>> [m.category for m in rhetoric.tag(doc).moves]
['call_to_action']
"""

from __future__ import annotations

from .version import __version__
from .categories import CATEGORIES, CATEGORY, Category
from .document import AUTHOR, Attribution, Document, Entity, Metadata, Move, MultiWordToken, Paragraph, RuleSetRef, Sentence, Word
from .errors import ConlluError, DocumentError, InputError, ModelError, RhetoricError, RuleError, UsageError
from .formats import FORMATS, render
from .formats.conllu import read_conllu, to_conllu
from .formats.json import to_json
from .formats.vertical import to_vertical
from .inputs import read_metadata, read_text
from .parsing import ModelSpec, ParseCache, parse
from .rules import load_rules, tag
from .sources import load
from .annotate import annotate
from .evaluation import evaluate
from .tei import read_tei, to_tei, validate_tei

__all__ = [
    "parse", "annotate", "load", "load_rules", "tag", "evaluate", "render", "to_json", "to_conllu", "to_vertical",
    "to_tei", "read_conllu", "read_tei", "validate_tei", "read_text", "read_metadata", "ParseCache", "ModelSpec",
    "FORMATS", "CATEGORIES", "CATEGORY", "Category",
    "Document", "Paragraph", "Sentence", "Word", "MultiWordToken", "Entity", "Move", "Attribution", "AUTHOR",
    "RuleSetRef", "Metadata",
    "RhetoricError", "InputError", "UsageError", "ModelError", "RuleError", "ConlluError", "DocumentError",
    "__version__",
]
