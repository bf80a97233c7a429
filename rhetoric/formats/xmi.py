"""UIMA CAS XMI, the format INCEpTION and DKPro read and write, through ``dkpro-cassis``.

Each document becomes one XMI file whose text (the sofa) is the document text, with
DKPro Core's ``Sentence`` and ``Token`` annotations and one ``webanno.custom.Move`` span
per move (features ``category``, ``rule``, ``ruleset``, ``confidence``).  The type
system that INCEpTION needs to import the files is :func:`typesystem_xml`
(``TypeSystem.xml`` beside the outputs).  Corrected files exported from INCEpTION are
read back as gold by :func:`read_xmi` (``rhetoric evaluate xmi FOLDER``).

>>> from rhetoric.formats.conllu import read_conllu
>>> from rhetoric.rules import tag
>>> doc = tag(read_conllu("1\\tGo\\tgo\\tVERB\\tVB\\tMood=Imp\\t0\\troot\\t_\\tSpaceAfter=No\\n"
...                       "2\\t!\\t!\\tPUNCT\\t.\\t_\\t1\\tpunct\\t_\\t_\\n\\n")[0])
>>> [(m.category, m.begin, m.end) for m in read_xmi(to_xmi(doc).encode())[1]]
[('call_to_action', 0, 3)]
"""

from __future__ import annotations

import functools
import io
import os

import attrs

from ..document import Document
from ..errors import InputError

MOVE = "webanno.custom.Move"
SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
MOVE_FEATURES = (("category", "uima.cas.String"), ("rule", "uima.cas.String"), ("ruleset", "uima.cas.String"),
                 ("confidence", "uima.cas.Float"))


@functools.lru_cache(maxsize=1)
def typesystem():
    """The UIMA type system of rhetoric's XMI: DKPro sentences and tokens, and the Move layer."""
    from cassis import TypeSystem

    types = TypeSystem()
    for name in (SENTENCE, TOKEN):
        types.create_type(name=name, supertypeName="uima.tcas.Annotation")
    move = types.create_type(name=MOVE, supertypeName="uima.tcas.Annotation",
                             description="A rhetorical move found by a rule of rhetoric")
    for feature, kind in MOVE_FEATURES:
        types.create_feature(domainType=move, name=feature, rangeType=kind)
    return types


def typesystem_xml() -> str:
    """``TypeSystem.xml`` for importing rhetoric's XMI into INCEpTION or any UIMA tool."""
    return typesystem().to_xml()


def to_xmi(doc: Document) -> str:
    """The document as UIMA CAS XMI (sentences, tokens, moves); identical input, identical text."""
    from cassis import Cas

    types = typesystem()
    cas = Cas(typesystem=types)
    cas.sofa_string = doc.text
    Sentence, Token, Move = types.get_type(SENTENCE), types.get_type(TOKEN), types.get_type(MOVE)
    for sentence in doc.sentences:
        cas.add(Sentence(begin=sentence.start, end=sentence.end))
        covered = {w.mwt for w in sentence.words if w.mwt}
        for token in sentence.mwts:
            cas.add(Token(begin=token.start, end=token.end))
        for word in sentence.words:
            if word.mwt not in covered:
                cas.add(Token(begin=word.start, end=word.end))
    for move in doc.moves:
        cas.add(Move(begin=move.start, end=move.end, category=move.category, rule=move.rule, ruleset=move.ruleset,
                     confidence=move.confidence))
    return cas.to_xmi(pretty_print=True)


@attrs.frozen(kw_only=True)
class XmiMove:
    """A Move annotation of an XMI file (what a corrector left): its category and span."""

    category: str
    begin: int
    end: int


def read_xmi(source: str | os.PathLike | bytes, name: str | None = None) -> tuple[str, list[XmiMove]]:
    """The text and the Move annotations of an XMI file (a path, or its bytes called ``name``)."""
    from cassis import load_cas_from_xmi

    from ..inputs import read_bytes

    data = source if isinstance(source, bytes) else read_bytes(source)
    name = name or (str(source) if not isinstance(source, bytes) else "<xmi>")
    try:
        cas = load_cas_from_xmi(io.BytesIO(data), typesystem=typesystem(), lenient=True)
        moves = [XmiMove(category=m.category or "", begin=m.begin, end=m.end) for m in cas.select(MOVE)]
    except Exception as error:  # lxml and cassis raise many kinds for a damaged file
        raise InputError(name, f"not UIMA CAS XMI with rhetoric's types ({type(error).__name__}: {error})",
                         "export the documents from INCEpTION as 'UIMA CAS XMI (XML 1.0)'") from None
    return cas.sofa_string, sorted(moves, key=lambda m: (m.begin, m.end, m.category))
