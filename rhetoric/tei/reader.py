"""Reading the TEI that :func:`rhetoric.to_tei` writes back into a :class:`Document`.

Text, words, tags, features, heads, relations, entities, moves with their voices,
attribution relations and rule provenance all come back, so annotated files can be profiled again without parsing.  Input is parsed
with the hardened parser of :mod:`rhetoric.xml` (no DTD, no entities, no network).

>>> from rhetoric.formats.conllu import read_conllu
>>> from rhetoric.tei.writer import to_tei
>>> doc = read_conllu("1\\tGo\\tgo\\tVERB\\tVB\\tMood=Imp\\t0\\troot\\t_\\t_\\n\\n")[0]
>>> read_tei(to_tei(doc)) == doc
True
"""

from __future__ import annotations

import os

import attrs
from lxml import etree

from ..document import (Attribution, Document, Entity, Metadata, Move, MultiWordToken, Paragraph, RuleSetRef, Sentence, Word,
                        split_token)
from ..errors import DocumentError, InputError
from ..xml import parse_source
from .names import XML_ID, tei, unescape_attribute

W, PC, G, NAME, SEG, S, P, AB, LINKGRP = (tei(t) for t in ("w", "pc", "g", "name", "seg", "s", "p", "ab", "linkGrp"))


class _Builder:
    """Walks the body once, rebuilding the text and the offsets of every element."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.length = 0

    def add(self, value: str | None) -> None:
        if value:
            self.parts.append(value)
            self.starts.append(self.length)
            self.length += len(value)

    def since(self, offset: int) -> str:
        """All text from ``offset`` to the end."""
        from bisect import bisect_right

        k = bisect_right(self.starts, offset) - 1
        if k < 0:
            return "".join(self.parts)
        return "".join(self.parts[k:])[offset - self.starts[k]:]


#: What a damaged file raises inside the reader; each becomes an InputError naming the element.
DAMAGE = (IndexError, ValueError, AttributeError, KeyError, TypeError, DocumentError)


def _damaged(source: str, element: etree._Element, error: Exception) -> InputError:
    ident = element.get(XML_ID)
    where = f"<{etree.QName(element).localname}" + (f" xml:id=\"{ident}\"" if ident else "") + ">"
    return InputError(source, f"damaged TEI at {where}, line {element.sourceline}: {error}",
                      "give a file written by rhetoric annotate --format tei, or write it again")


def _char(g: etree._Element) -> str:
    """The character a ``<g type="xml-forbidden" n="U+000B"/>`` stands for."""
    return chr(int(g.get("n", "U+FFFD")[2:], 16))


def _attr(element: etree._Element, name: str) -> str | None:
    value = element.get(name)
    if value is None:
        return None
    return unescape_attribute(value) if element.get("type") == "escaped" else value


def _tags(element: etree._Element) -> tuple[str | None, str | None, str | None, str | None]:
    """lemma, upos, xpos, feats from a token element."""
    get = element.get
    lemma, msd, xpos = get("lemma"), get("msd") or "UPosTag=_", get("pos")
    if get("type") == "escaped":
        lemma, msd, xpos = (unescape_attribute(v) if v is not None else None for v in (lemma, msd, xpos))
    upos, _, feats = msd.partition("|")
    upos = upos[8:]  # after "UPosTag="
    return lemma or None, None if upos == "_" else upos, xpos, feats or None


def _content(element: etree._Element) -> str:
    """The text of a token element (``<g>`` restores forbidden characters; inner words are empty)."""
    if not len(element):
        return element.text or ""
    parts = [element.text or ""]
    for child in element:
        if child.tag == G:
            parts.append(_char(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _sentence(builder: _Builder, s: etree._Element, index: int, source: str) -> Sentence:
    start = builder.length
    builder.add(s.text)
    raw: list[tuple] = []  # (element, form, start, end, multi-word token span)
    mwts: list[MultiWordToken] = []
    entities: list[tuple[str, int, int, int, int]] = []

    def token(element: etree._Element) -> None:
        surface = _content(element)
        token_start = builder.length
        builder.add(surface)
        token_end = builder.length
        inner = [c for c in element if c.tag == W]  # a multi-word token (its text may open with a <g>)
        if inner:
            forms = [_attr(c, "norm") or "" for c in inner]
            first = len(raw) + 1
            span = (first, first + len(inner) - 1)
            for child, form, (ws, we) in zip(inner, forms, split_token(surface, token_start, token_end, forms)):
                raw.append((child, form, ws, we, span))
            mwts.append(MultiWordToken(first, span[1], surface, token_start, token_end))
        else:
            raw.append((element, surface, token_start, token_end, None))

    def walk(container: etree._Element) -> None:
        for child in container:
            if child.tag in (W, PC):
                token(child)
            elif child.tag == NAME:
                first = len(raw) + 1
                builder.add(child.text)
                walk(child)
                entities.append((child.get("type", ""), first, len(raw)))
            elif child.tag == SEG:
                builder.add(child.text)
                walk(child)
            elif child.tag == G:
                builder.add(_char(child))
            builder.add(child.tail)

    walk(s)
    end = builder.length
    heads = _links(s, source)
    sid = s.get(XML_ID)
    words = []
    for n, (element, form, start_, end_, mwt) in enumerate(raw, 1):
        lemma, upos, xpos, feats = _tags(element)
        head, deprel = heads.get(f"{sid}.t{n}", (None, None))
        words.append(Word(id=n, text=form, lemma=lemma, upos=upos, xpos=xpos, feats=feats, head=head, deprel=deprel,
                          start=start_, end=end_, mwt=mwt))
    ents = tuple(Entity(kind, first, last, _token_span(words, mwts, first)[0], _token_span(words, mwts, last)[1])
                 for kind, first, last in entities if last >= first)
    return Sentence(index=index, start=start, end=end, text=_slice(builder, start, end), words=tuple(words),
                    mwts=tuple(mwts), entities=ents, cut=s.get("type") == "cut")


def _token_span(words: list[Word], mwts: list[MultiWordToken], word_id: int) -> tuple[int, int]:
    """Offsets of the surface token that holds a word (the multi-word token, if any)."""
    word = words[word_id - 1]
    if word.mwt:
        return next((m.start, m.end) for m in mwts if m.first <= word_id <= m.last)
    return word.start, word.end


def _slice(builder: _Builder, start: int, end: int) -> str:
    """Text between two offsets; cheap when they cover the most recent pieces (tokens)."""
    return builder.since(start)[: end - start]


def _links(s: etree._Element, source: str) -> dict[str, tuple[int, str]]:
    heads: dict[str, tuple[int, str]] = {}
    sid = s.get(XML_ID)
    for group in s.iter(LINKGRP):
        for link in group:
            targets = link.get("target", "").split()
            if len(targets) != 2:
                raise ValueError(f"a UD-SYN link needs two targets, found {link.get('target')!r}")
            head, dependent = (t.removeprefix("#") for t in targets)
            deprel = link.get("ana", "").removeprefix("ud-syn:").replace("_", ":")
            heads[dependent] = (0 if head == sid else int(head.rsplit(".t", 1)[1]), deprel)
    return heads


def _header(root: etree._Element) -> tuple[Metadata, tuple[str, str, str], tuple[RuleSetRef, ...], dict[str, tuple[str, str]]]:
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    bibl = root.find(".//t:sourceDesc/t:bibl", ns)

    def find(path: str) -> str | None:
        node = bibl.find(path, ns) if bibl is not None else None
        return node.text if node is not None else None

    source = bibl.find("t:ptr", ns) if bibl is not None else None
    extra = tuple((n.get("n"), n.text or "") for n in bibl.findall("t:note[@type='meta']", ns)) if bibl is not None else ()
    meta = Metadata(title=find("t:title"), author=find("t:author"), date=find("t:date"),
                    source=source.get("target") if source is not None else None,
                    file=find("t:idno[@type='file']"), extra=extra)
    stanza_app = root.find(".//t:application[@ident='stanza']", ns)
    model = fingerprint = stanza_version = ""
    if stanza_app is not None:
        stanza_version = stanza_app.findtext("t:desc[@type='version']", "", ns)
        model = stanza_app.findtext("t:desc[@type='model']", "", ns)
        fingerprint = stanza_app.findtext("t:desc[@type='fingerprint']", "", ns)
        model = "" if model == "unknown" else model
        fingerprint = "" if fingerprint == "none" else fingerprint
    rulesets, names = [], {}
    for app in root.iterfind(".//t:appInfo/t:application", ns):
        app_id = app.get(XML_ID, "")
        if app_id.startswith("rs."):
            name = app.findtext("t:label", "", ns)
            names[app_id] = name
            rulesets.append(RuleSetRef(name, app.findtext("t:desc[@type='version']", "", ns),
                                       app.findtext("t:desc[@type='sha256']", "", ns)))
    rules = {}
    for category in root.iterfind(".//t:taxonomy[@xml:id='rules']/t:category", {**ns, "xml": "http://www.w3.org/XML/1998/namespace"}):
        rules[category.get(XML_ID)] = (category.findtext("t:catDesc/t:term", "", ns),
                                       names.get(category.get("corresp", "").removeprefix("#"), ""))
    return meta, (model, fingerprint, stanza_version), tuple(rulesets), rules


def _ref(value: str) -> tuple[int, int]:
    """(sentence index, word id) of a ``#s3.t4`` pointer."""
    sid, _, word = value.removeprefix("#").partition(".t")
    sentence, word_id = int(sid.removeprefix("s")) - 1, int(word)
    if not sid.startswith("s") or sentence < 0 or word_id < 1:
        raise ValueError(f"{value!r} is no word pointer (#sN.tM)")
    return sentence, word_id


def _moves(root: etree._Element, sentences: list[Sentence], rules: dict[str, tuple[str, str]],
           source: str) -> tuple[Move, ...]:
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    cues: dict[str, tuple[tuple[int, int], ...]] = {}
    for link in root.iterfind(".//t:standOff/t:linkGrp[@type='rhetorical-cue']/t:link", ns):
        try:
            targets = link.get("target", "").split()
            cues[targets[0].removeprefix("#")] = tuple(_ref(t) for t in targets[1:])
        except DAMAGE as error:
            raise _damaged(source, link, error) from None
    moves = []
    for span in root.iterfind(".//t:standOff/t:spanGrp[@type='rhetorical-move']/t:span", ns):
        try:
            moves.append(_move(span, sentences, rules, cues))
        except DAMAGE as error:
            raise _damaged(source, span, error) from None
    return tuple(moves)


def _move(span: etree._Element, sentences: list[Sentence], rules: dict[str, tuple[str, str]],
          cues: dict[str, tuple[tuple[int, int], ...]]) -> Move:
    if span.get("target"):
        words = tuple(_ref(t) for t in span.get("target").split())
    else:
        (s1, w1), (s2, w2) = _ref(span.get("from")), _ref(span.get("to"))
        words = tuple((s1, w) for w in range(w1, w2 + 1)) if s1 == s2 else (
            tuple((s1, w) for w in range(w1, len(sentences[s1].words) + 1))
            + tuple((s, w.id) for s in range(s1 + 1, s2) for w in sentences[s].words)
            + tuple((s2, w) for w in range(1, w2 + 1)))
    if not words:
        raise ValueError("the span covers no words")
    for s, w in words + cues.get(span.get(XML_ID), ()):
        if s >= len(sentences) or w > len(sentences[s].words):
            raise IndexError(f"#s{s + 1}.t{w} names no word")
    first = sentences[words[0][0]].word(words[0][1])
    last = sentences[words[-1][0]].word(words[-1][1])
    rule, ruleset = rules.get(span.get("corresp", "").removeprefix("#"), ("", ""))
    return Move(category=span.get("ana", "").removeprefix("#rm."), start=first.start, end=last.end,
                words=words, cues=cues.get(span.get(XML_ID), ()), rule=rule, ruleset=ruleset,
                confidence=_confidence(span.get("cert", "")))


def _attributions(root: etree._Element, sentences: list[Sentence], rules: dict[str, tuple[str, str]],
                  moves: tuple[Move, ...], source: str) -> tuple[tuple[Move, ...], tuple[Attribution, ...]]:
    """Attribution relations (role spans joined by links) and the voice links of the moves."""
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    roles: dict[str, tuple[str, tuple[int, int]]] = {}
    for span in root.iterfind(".//t:standOff/t:spanGrp[@type='attribution-role']/t:span", ns):
        try:
            (s1, w1), (s2, w2) = _ref(span.get("from")), _ref(span.get("to"))
            roles[span.get(XML_ID)] = (span.get("type"), (sentences[s1].word(w1).start, sentences[s2].word(w2).end))
        except DAMAGE as error:
            raise _damaged(source, span, error) from None
    attributions = []
    for link in root.iterfind(".//t:standOff/t:linkGrp[@type='attribution']/t:link", ns):
        try:
            parts = [roles[t.removeprefix("#")] for t in link.get("target", "").split()]
            by_role = {role: [span for r, span in parts if r == role] for role in ("source", "cue", "content")}
            (cue,) = by_role["cue"]
            attributions.append(Attribution(
                id=link.get(XML_ID), kind=link.get("type"), source=by_role["source"][0] if by_role["source"] else None,
                cue=cue, content=tuple(by_role["content"]), rule=rules[link.get("corresp", "").removeprefix("#")][0],
                confidence=_confidence(link.get("cert", ""))))
        except DAMAGE as error:
            raise _damaged(source, link, error) from None
    voices: dict[str, dict[str, str]] = {}
    for link in root.iterfind(".//t:standOff/t:linkGrp[@type='voice']/t:link", ns):
        try:
            move, relation = (t.removeprefix("#") for t in link.get("target", "").split())
            voices.setdefault(move, {})[{"voice": "voice", "attribution": "attribution"}[link.get("type")]] = relation
        except DAMAGE as error:
            raise _damaged(source, link, error) from None
    moves = tuple(attrs.evolve(m, **voices.get(f"m{n}", {})) for n, m in enumerate(moves, 1))
    return moves, tuple(attributions)


def _confidence(value: str) -> float:
    confidence = float(value)
    if not 0 <= confidence <= 1:
        raise ValueError(f"@cert must be a number from 0 to 1, found {value!r}")
    return confidence


def read_tei(source: str | os.PathLike | bytes, *, name: str | None = None) -> Document:
    """Read a TEI file written by rhetoric (a path, or the XML bytes called ``name`` in messages)
    back into a document.

    Files with a DOCTYPE or entity declarations are refused (:class:`InputError`).
    """
    root, name = parse_source(source, name)
    if root.tag != tei("TEI"):
        raise InputError(name, f"expected a TEI document, found <{etree.QName(root).localname}>",
                         "give a file written by rhetoric annotate --format tei")
    try:
        meta, (model, fingerprint, stanza_version), rulesets, rules = _header(root)
    except DAMAGE as error:
        header = root.find(tei("teiHeader"))
        raise _damaged(name, root if header is None else header, error) from None
    div = root.find(f"{tei('text')}/{tei('body')}/{tei('div')}")
    if div is None:
        raise InputError(name, "no text/body/div", "give a file written by rhetoric annotate --format tei")
    builder = _Builder()
    builder.add(div.text)
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for p in div:
        if p.tag == P:
            p_start = builder.length
            builder.add(p.text)
            p_sentences = []
            for child in p:
                try:
                    if child.tag == S:
                        sentence = _sentence(builder, child, len(sentences), name)
                        sentences.append(sentence)
                        p_sentences.append(sentence)
                    elif child.tag == G:
                        builder.add(_char(child))
                except DAMAGE as error:
                    raise _damaged(name, child, error) from None
                builder.add(child.tail)
            paragraphs.append(Paragraph(len(paragraphs), p_start, builder.length, tuple(p_sentences)))
        elif p.tag == AB:
            builder.add(_content(p))
        builder.add(p.tail)
    text = _slice(builder, 0, builder.length)
    moves, attributions = _attributions(root, sentences, rules, _moves(root, sentences, rules, name), name)
    try:
        return Document(text=text, paragraphs=tuple(paragraphs), meta=meta, model=model, fingerprint=fingerprint,
                        stanza_version=stanza_version, moves=moves, attributions=attributions, rulesets=rulesets)
    except DocumentError as error:
        raise _damaged(name, div, error) from None
