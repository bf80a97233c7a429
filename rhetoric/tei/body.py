"""The TEI body as text: paragraphs, sentences, tokens, entities, syntax, inline moves.

The body holds almost all of a file, so it is written as strings rather than as an
element tree (several times faster).  Escaping follows XML 1.0: ``&``, ``<``, ``>`` and
carriage returns in text; also quotes, tabs and newlines in attributes; characters XML
forbids become ``<g type="xml-forbidden" n="U+000B"/>`` (see schemas/README.md).
"""

from __future__ import annotations

from ..document import Document, Move, Sentence, Word
from .names import FORBIDDEN, escape_attribute

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", '"': "&quot;", "\n": "&#10;",
                       "\t": "&#9;"})


def text(value: str) -> str:
    """Character data, with forbidden characters as ``<g>`` elements."""
    if not FORBIDDEN.search(value):
        return value.translate(_TEXT)
    return FORBIDDEN.sub(lambda m: f'<g type="xml-forbidden" n="U+{ord(m.group()):04X}"/>',
                         value.translate(_TEXT))


def attributes(values: dict[str, str | None]) -> str:
    """`` name="value"`` pairs (missing values left out); forbidden characters are escaped
    and the element marked ``type="escaped"``."""
    values = {k: v for k, v in values.items() if v is not None}
    if FORBIDDEN.search("".join(values.values())):
        values = {"type": "escaped", **{k: escape_attribute(v) for k, v in values.items()}}
    return "".join(f' {k}="{v.translate(_ATTR)}"' for k, v in values.items())


def relation_id(deprel: str | None) -> str:
    """The taxonomy id of a UD relation (``nsubj:pass`` -> ``nsubj_pass``)."""
    return (deprel or "dep").replace(":", "_")


def _tags(word: Word, **extra: str) -> dict[str, str | None]:
    msd = f"UPosTag={word.upos or '_'}" + (f"|{word.feats}" if word.feats else "")
    return {**extra, "lemma": word.lemma or "", "pos": word.xpos, "msd": msd}


def _tokens(sentence: Sentence):
    """(first word index, last word index, multi-word token or None) per surface token."""
    mwts = {m.first: m for m in sentence.mwts}
    i = 0
    while i < len(sentence.words):
        mwt = mwts.get(sentence.words[i].id)
        n = mwt.last - mwt.first + 1 if mwt else 1
        yield i, i + n - 1, mwt
        i += n


def _segments(sentence: Sentence, moves: list[Move]) -> tuple[list[str], list[tuple[int, int, str]]]:
    """Inline view: categories of moves over the whole sentence, and seg spans that nest cleanly."""
    whole: list[str] = []
    starts = {sentence.words[a].id for a, _, _ in _tokens(sentence)}
    ends = {sentence.words[b].id for _, b, _ in _tokens(sentence)}
    fixed = [(e.first, e.last) for e in sentence.entities]
    accepted: list[tuple[int, int, str]] = []
    for move in sorted(moves, key=lambda m: (m.words[0][1], -m.words[-1][1])):
        first, last = move.words[0][1], move.words[-1][1]
        ana = f"#rm.{move.category}"
        if first == sentence.words[0].id and last == sentence.words[-1].id:
            if ana not in whole:
                whole.append(ana)
            continue
        crosses = any(a < first <= b < last or first < a <= last < b for a, b, *_ in fixed + accepted)
        if first in starts and last in ends and not crosses:
            accepted.append((first, last, ana))
    return whole, accepted


def sentence_xml(doc_text: str, sentence: Sentence, moves: list[Move] | None) -> str:
    """One ``<s>`` with its tokens, the text between them, entities, syntax and inline segs."""
    sid = f"s{sentence.index + 1}"
    words = sentence.words
    whole, segs = _segments(sentence, moves) if moves else ([], [])
    opens: dict[int, list[tuple[int, str]]] = {}
    closes: dict[int, int] = {}
    for e in sentence.entities:
        opens.setdefault(e.first, []).append((e.last, f'<name type="{e.type.translate(_ATTR)}">'))
        closes[e.last] = closes.get(e.last, 0)
    for first, last, ana in segs:
        opens.setdefault(first, []).append((last, f'<seg type="rhetorical-move" ana="{ana}">'))
    stack: list[tuple[int, str]] = []
    ana = f' ana="{" ".join(whole)}"' if whole else ""
    out = [f'<s xml:id="{sid}"{ana}' + (' type="cut">' if sentence.cut else '>')]
    position = sentence.start
    for a, b, mwt in _tokens(sentence):
        first_word, last_word = words[a], words[b]
        start, end = (mwt.start, mwt.end) if mwt else (first_word.start, first_word.end)
        out.append(text(doc_text[position:start]))
        # outer elements first: longer spans open first; a seg opens outside a name of the same span
        for last, tag in sorted(opens.get(first_word.id, ()), key=lambda o: (-o[0], not o[1].startswith("<seg"))):
            out.append(tag)
            stack.append((last, "</seg>" if tag.startswith("<seg") else "</name>"))
        join = ' join="right"' if end < sentence.end and not doc_text[end].isspace() else ""
        if mwt:
            out.append(f'<w xml:id="{sid}.t{mwt.first}-{mwt.last}"{join}>{text(mwt.text)}')
            for inner in words[a:b + 1]:
                out.append(f'<w xml:id="{sid}.t{inner.id}"{attributes(_tags(inner, norm=inner.text))}/>')
            out.append("</w>")
        else:
            tag = "pc" if first_word.upos == "PUNCT" else "w"
            out.append(f'<{tag} xml:id="{sid}.t{first_word.id}"{join}{attributes(_tags(first_word))}>'
                       f"{text(first_word.text)}</{tag}>")
        while stack and stack[-1][0] <= last_word.id:
            out.append(stack.pop()[1])
        position = end
    out.append(text(doc_text[position:sentence.end]))
    if any(w.head is not None for w in words):
        out.append('<linkGrp type="UD-SYN" targFunc="head argument">')
        for w in words:
            if w.head is not None:
                head = f"#{sid}" if w.head == 0 else f"#{sid}.t{w.head}"
                out.append(f'<link ana="ud-syn:{relation_id(w.deprel).translate(_ATTR)}" target="{head} #{sid}.t{w.id}"/>')
        out.append("</linkGrp>")
    out.append("</s>")
    return "".join(out)


def _between(value: str) -> str:
    """Whitespace between paragraphs; in ``<ab type="space">`` when it holds forbidden characters."""
    if FORBIDDEN.search(value):
        return f'<ab type="space">{text(value)}</ab>'
    return value.translate(_TEXT)


def body_xml(doc: Document, inline_moves: bool = False) -> str:
    """The content of ``<div type="op-ed">``: paragraphs of sentences, the source's spacing kept."""
    by_sentence: dict[int, list[Move]] = {}
    if inline_moves:
        for move in doc.moves:
            if move.words and len({s for s, _ in move.words}) == 1:
                by_sentence.setdefault(move.words[0][0], []).append(move)
    source = doc.text
    out: list[str] = []
    position = 0
    for paragraph in doc.paragraphs:
        out.append(_between(source[position:paragraph.start]))
        out.append(f'<p xml:id="p{paragraph.index + 1}">')
        p_position = paragraph.start
        for sentence in paragraph.sentences:
            out.append(text(source[p_position:sentence.start]))
            out.append(sentence_xml(source, sentence, by_sentence.get(sentence.index)))
            p_position = sentence.end
        out.append(text(source[p_position:paragraph.end]))
        out.append("</p>")
        position = paragraph.end
    if not doc.paragraphs and not FORBIDDEN.search(source):
        out.append('<ab type="empty"/>')
    out.append(_between(source[position:]))
    return "".join(out)
