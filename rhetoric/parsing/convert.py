"""Stanza document -> :class:`rhetoric.document.Document` (Stanza objects stop here)."""

from __future__ import annotations

import re

from ..document import Document, Entity, Metadata, MultiWordToken, Paragraph, Sentence, Word, split_token
from .lemmas import repair_lemma

#: A paragraph break: a line break, optional blanks, another line break (as in Stanza); a
#: line break is LF, CRLF or a lone CR.
PARAGRAPH_BREAK = re.compile(r"(?:\r\n?|\n)\s*(?:\r\n?|\n)")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the blank-line separated blocks of ``text`` that hold more than whitespace.

    >>> paragraph_spans("One.\\n\\n  Two.\\n")
    [(0, 4), (8, 12)]
    """
    spans, position = [], 0
    for brk in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        chunk = text[position:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((position + lead, position + len(chunk.rstrip())))
        if brk:
            position = brk.end()
    return spans


def _none(value: object) -> str | None:
    return None if value in (None, "", "_") else str(value)


def _sentence(index: int, stanza_sentence, text: str, cut: bool) -> Sentence:
    words: list[Word] = []
    mwts: list[MultiWordToken] = []
    for token in stanza_sentence.tokens:
        start, end = token.start_char, token.end_char
        surface = text[start:end]
        ids = [w.id for w in token.words]
        if len(token.words) > 1:
            mwts.append(MultiWordToken(ids[0], ids[-1], surface, start, end))
            spans = split_token(surface, start, end, [w.text for w in token.words])
            forms = [w.text for w in token.words]
            mwt = (ids[0], ids[-1])
        else:
            spans, forms, mwt = [(start, end)], [surface], None
        for w, (ws, we), form in zip(token.words, spans, forms):
            upos = _none(w.upos)
            words.append(Word(id=w.id, text=form, lemma=repair_lemma(form, _none(w.lemma), upos), upos=upos,
                              xpos=_none(w.xpos), feats=_none(w.feats), head=w.head, deprel=_none(w.deprel),
                              start=ws, end=we, mwt=mwt))
    entities = []
    for ent in getattr(stanza_sentence, "ents", ()) or ():
        first = ent.tokens[0].words[0].id
        last = ent.tokens[-1].words[-1].id
        entities.append(Entity(ent.type, first, last, ent.start_char, ent.end_char))
    start, end = stanza_sentence.tokens[0].start_char, stanza_sentence.tokens[-1].end_char
    return Sentence(index=index, start=start, end=end, text=text[start:end], words=tuple(words), mwts=tuple(mwts),
                    entities=tuple(entities), cut=cut)


def from_stanza(stanza_doc, text: str, meta: Metadata, model: str, fingerprint: str,
                cut: set[int] = frozenset()) -> Document:
    """Build a :class:`Document` from a Stanza document parsed from ``text`` (recording Stanza's
    version); ``cut`` are the indexes of sentences cut at the parser's length limit."""
    import stanza

    spans = paragraph_spans(text)
    grouped: list[list[Sentence]] = [[] for _ in spans]
    p = 0
    for index, stanza_sentence in enumerate(stanza_doc.sentences):
        sentence = _sentence(index, stanza_sentence, text, index in cut)
        while p + 1 < len(spans) and sentence.start >= spans[p + 1][0]:
            p += 1
        grouped[p].append(sentence)
    paragraphs = []
    for (start, end), sentences in zip(spans, grouped):
        if sentences:
            start, end = min(start, sentences[0].start), max(end, sentences[-1].end)
            paragraphs.append(Paragraph(len(paragraphs), start, end, tuple(sentences)))
    return Document(text=text, paragraphs=tuple(paragraphs), meta=meta, model=model, fingerprint=fingerprint,
                    stanza_version=stanza.__version__)
