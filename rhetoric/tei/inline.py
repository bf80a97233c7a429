"""The optional inline view of moves: ``seg`` elements in the body (``--inline-moves``).

Stand-off spans stay the canonical record.  Inline, a move spanning its whole sentence
is listed in the sentence's ``@ana``; a move inside a sentence becomes a
``<seg type="rhetorical-move" ana="#rm.hedge">`` around its tokens when that nests
cleanly (its first and last tokens are siblings, and it does not cross another seg).
"""

from __future__ import annotations

from lxml import etree

from ..document import Document
from .names import XML_ID, tei


def _token_elements(s: etree._Element) -> dict[int, etree._Element]:
    """Word id -> the element of the surface token holding it (outer ``w`` for MWTs)."""
    out: dict[int, etree._Element] = {}
    prefix = s.get(XML_ID) + ".t"
    for element in s.iter(tei("w"), tei("pc")):
        parent = element.getparent()
        if parent.tag == tei("w"):
            continue  # inner word of a multi-word token
        ids = element.get(XML_ID).removeprefix(prefix)
        first, _, last = ids.partition("-")
        for word_id in range(int(first), int(last or first) + 1):
            out[word_id] = element
    return out


def add_inline_moves(body: etree._Element, doc: Document) -> None:
    """Add sentence ``@ana`` values and ``seg`` elements for the moves of ``doc`` to ``body``."""
    sentences = {s.get(XML_ID): s for s in body.iter(tei("s"))}
    whole: dict[str, list[str]] = {}
    for move in sorted(doc.moves, key=lambda m: (m.start, -m.end)):
        indexes = {s for s, _ in move.words}
        if len(indexes) != 1:
            continue
        index = indexes.pop()
        sentence = doc.sentences[index]
        s = sentences[f"s{index + 1}"]
        ana = f"#rm.{move.category}"
        first, last = move.words[0][1], move.words[-1][1]
        if first == 1 and last == len(sentence.words):
            if ana not in whole.setdefault(s.get(XML_ID), []):
                whole[s.get(XML_ID)].append(ana)
            continue
        tokens = _token_elements(s)
        start, end = tokens[first], tokens[last]
        parent = start.getparent()
        if end.getparent() is not parent:
            continue
        seg = etree.Element(tei("seg"), type="rhetorical-move", ana=ana)
        position = parent.index(start)
        members = list(parent)[position:parent.index(end) + 1]
        parent.insert(position, seg)
        seg.tail, end_tail = end.tail, end.tail
        for member in members:
            seg.append(member)
        members[-1].tail = None
        seg.tail = end_tail
    for sid, values in whole.items():
        sentences[sid].set("ana", " ".join(values))
