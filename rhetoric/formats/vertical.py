"""The vertical format of (No)Sketch Engine and CQPweb: one token per line, structures as tags.

Columns: word, lemma, UPOS, XPOS, features, head, deprel, id, voice (``author``, or the
id of the innermost attribution whose content holds the word).  ``<doc>``, ``<p>`` and
``<s>`` are structures; each move is a ``<move category=... rule=... confidence=...
voice=...>`` structure around its tokens.  Corpus tools need structures that nest, so a move that
crosses the boundary of an earlier one in the same sentence is left out of this view
(JSON and TEI keep every move).

>>> from rhetoric.formats.conllu import read_conllu
>>> doc = read_conllu("1\\tGo\\tgo\\tVERB\\tVB\\tMood=Imp\\t0\\troot\\t_\\t_\\n\\n")[0]
>>> to_vertical(doc).splitlines()[3].split("\\t")
['Go', 'go', 'VERB', 'VB', 'Mood=Imp', '0', 'root', '1', 'author']
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from ..document import AUTHOR, Document


def _attr(value: str | None) -> str:
    return quoteattr(value or "")


def _cell(value: str | int | None) -> str:
    return "_" if value is None or value == "" else str(value).replace("\t", " ").replace("\n", " ")


def to_vertical(doc: Document) -> str:
    """The document in vertical format (see the module docstring for the columns)."""
    contents = sorted(((e - s, s, e, a.id) for a in doc.attributions for s, e in a.content))

    def voice(word) -> str:
        return next((ident for _, s, e, ident in contents if s <= word.start and word.end <= e), AUTHOR)

    opened: dict[tuple[int, int], list] = {}
    closed: dict[tuple[int, int], int] = {}
    by_sentence: dict[int, list] = {}
    for move in doc.moves:
        if len({s for s, _ in move.words}) == 1:
            by_sentence.setdefault(move.words[0][0], []).append(move)
    for moves in by_sentence.values():
        stack: list[int] = []  # last word ids of the open moves
        for move in sorted(moves, key=lambda m: (m.words[0][1], -m.words[-1][1])):
            first, last = move.words[0][1], move.words[-1][1]
            while stack and stack[-1] < first:
                stack.pop()
            if stack and last > stack[-1]:
                continue  # would cross an open move
            stack.append(last)
            opened.setdefault(move.words[0], []).append(move)
            closed[move.words[-1]] = closed.get(move.words[-1], 0) + 1
    lines = [f"<doc id={_attr(doc.meta.file)} title={_attr(doc.meta.title)} author={_attr(doc.meta.author)} "
             f"date={_attr(doc.meta.date)} model={_attr(doc.model)}>"]
    for paragraph in doc.paragraphs:
        lines.append(f"<p id=\"p{paragraph.index + 1}\">")
        for sentence in paragraph.sentences:
            lines.append(f"<s id=\"s{sentence.index + 1}\">")
            for word in sentence.words:
                ref = (sentence.index, word.id)
                for move in opened.get(ref, []):
                    lines.append(f"<move category={_attr(move.category)} rule={_attr(move.rule)} "
                                 f"confidence=\"{move.confidence}\" voice={_attr(move.voice)}>")
                lines.append("\t".join(_cell(v) for v in (word.text, word.lemma, word.upos, word.xpos, word.feats,
                                                            word.head, word.deprel, word.id, voice(word))))
                lines.extend(["</move>"] * closed.get(ref, 0))
            lines.append("</s>")
        lines.append("</p>")
    lines.append("</doc>")
    return "\n".join(lines) + "\n"
