"""Writing a document as TEI P5 (layout of ../shared/design/TEI.md, after ParlaMint).

Tokens stay inline (``p`` > ``s`` > ``w``/``pc``, with the source's own spaces as text,
so the text content of ``<body>`` is the source text), UD syntax goes in one
``linkGrp type="UD-SYN"`` per sentence, moves go in ``standOff`` as ``span`` elements
pointing at word ids.  See ``schemas/README.md`` for the full encoding.

>>> from rhetoric.formats.conllu import read_conllu
>>> doc = read_conllu("1\\tGo\\tgo\\tVERB\\tVB\\tMood=Imp\\t0\\troot\\t_\\t_\\n\\n")[0]
>>> b'<w xml:id="s1.t1" lemma="go" pos="VB" msd="UPosTag=VERB|Mood=Imp">Go</w>' in to_tei(doc)
True
"""

from __future__ import annotations

import re

from lxml import etree

from .. import __version__
from ..document import Document, Move, Sentence
from ..rules.model import CATEGORIES
from .names import FORBIDDEN, NSMAP, XML_ID, XML_LANG, escape_attribute, ncname, tei
from .taxonomy import MOVE_DEFINITIONS, NER_TYPES, UD_RELATIONS

SubElement = etree.SubElement
W, PC, LINK = tei("w"), tei("pc"), tei("link")


def _text(parent: etree._Element, value: str) -> None:
    """Append text after the last child of ``parent``; XML-forbidden characters become ``<g>``."""
    if not value:
        return
    if not FORBIDDEN.search(value):
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + value
        else:
            parent.text = (parent.text or "") + value
        return
    pieces = FORBIDDEN.split(value)
    chars = FORBIDDEN.findall(value)
    for i, piece in enumerate(pieces):
        if piece:
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + piece
            else:
                parent.text = (parent.text or "") + piece
        if i < len(chars):
            SubElement(parent, tei("g"), type="xml-forbidden", n=f"U+{ord(chars[i]):04X}")


def _between(div: etree._Element, value: str) -> None:
    """Whitespace between paragraphs: kept as text, or in ``<ab type="space">`` when it holds
    characters XML forbids (form feeds, vertical tabs), which need ``<g>``."""
    if FORBIDDEN.search(value):
        _text(SubElement(div, tei("ab"), type="space"), value)
    else:
        _text(div, value)


def _attrs(values: dict[str, str | None]) -> dict[str, str]:
    """Attribute values without the missing ones, escaped (and marked) if any holds a forbidden character."""
    values = {k: v for k, v in values.items() if v is not None}
    if FORBIDDEN.search("".join(values.values())):
        return {"type": "escaped", **{k: escape_attribute(v) for k, v in values.items()}}
    return values


def _msd(upos: str | None, feats: str | None) -> str:
    return f"UPosTag={upos or '_'}" + (f"|{feats}" if feats else "")


def _tokens(sentence: Sentence):
    """(first word index, last word index, MWT or None) for each surface token."""
    mwts = {m.first: m for m in sentence.mwts}
    i = 0
    while i < len(sentence.words):
        mwt = mwts.get(sentence.words[i].id)
        n = mwt.last - mwt.first + 1 if mwt else 1
        yield i, i + n - 1, mwt
        i += n


def _word(parent: etree._Element, word, sid: str) -> etree._Element:
    attrib = {XML_ID: f"{sid}.t{word.id}",
              **_attrs({"lemma": word.lemma or "", "pos": word.xpos, "msd": _msd(word.upos, word.feats)})}
    element = SubElement(parent, PC if word.upos == "PUNCT" else W, attrib)
    if FORBIDDEN.search(word.text):
        _text(element, word.text)
    else:
        element.text = word.text
    return element


def _sentence(p: etree._Element, text: str, sentence: Sentence, sid: str) -> None:
    s = SubElement(p, tei("s"))
    s.set(XML_ID, sid)
    words = sentence.words
    entities = {e.first: e for e in sentence.entities}
    container, entity_last, position = s, 0, sentence.start
    for first, last, mwt in _tokens(sentence):
        start, end = (mwt.start, mwt.end) if mwt else (words[first].start, words[first].end)
        if container is s and words[first].id in entities:
            _text(s, text[position:start])
            position = start
            entity = entities[words[first].id]
            container, entity_last = SubElement(s, tei("name"), type=entity.type), entity.last
        _text(container, text[position:start])
        if mwt:
            element = SubElement(container, tei("w"))
            element.set(XML_ID, f"{sid}.t{mwt.first}-{mwt.last}")
            _text(element, mwt.text)
            for inner in words[first:last + 1]:
                SubElement(element, W, {XML_ID: f"{sid}.t{inner.id}", **_attrs(
                    {"norm": inner.text, "lemma": inner.lemma or "", "pos": inner.xpos,
                     "msd": _msd(inner.upos, inner.feats)})})
        else:
            element = _word(container, words[first], sid)
        if end < sentence.end and not text[end].isspace():
            element.set("join", "right")
        position = end
        if container is not s and words[last].id >= entity_last:
            container = s
    _text(s, text[position:sentence.end])
    if any(w.head is not None for w in words):
        links = SubElement(s, tei("linkGrp"), type="UD-SYN", targFunc="head argument")
        for word in words:
            if word.head is not None:
                head = f"#{sid}" if word.head == 0 else f"#{sid}.t{word.head}"
                SubElement(links, LINK, {"ana": f"ud-syn:{relation_id(word.deprel)}",
                                         "target": f"{head} #{sid}.t{word.id}"})


def relation_id(deprel: str | None) -> str:
    """The taxonomy id of a UD relation (``nsubj:pass`` -> ``nsubj_pass``)."""
    return (deprel or "dep").replace(":", "_")


def _header(doc: Document, root: etree._Element) -> None:
    import stanza

    header = SubElement(root, tei("teiHeader"))
    file_desc = SubElement(header, tei("fileDesc"))
    title_stmt = SubElement(file_desc, tei("titleStmt"))
    SubElement(title_stmt, tei("title")).text = doc.meta.title or doc.meta.file or "Untitled text"
    if doc.meta.author:
        SubElement(title_stmt, tei("author")).text = doc.meta.author
    publication = SubElement(file_desc, tei("publicationStmt"))
    SubElement(publication, tei("p")).text = f"Linguistic and rhetorical annotation by rhetoric {__version__}."
    bibl = SubElement(SubElement(file_desc, tei("sourceDesc")), tei("bibl"))
    for field, tag in (("title", "title"), ("author", "author"), ("date", "date"), ("source", "ptr")):
        value = getattr(doc.meta, field)
        if value is None:
            continue
        if tag == "ptr":
            SubElement(bibl, tei("ptr"), target=value)
        else:
            SubElement(bibl, tei(tag)).text = value
    if doc.meta.file:
        SubElement(bibl, tei("idno"), type="file").text = doc.meta.file
    for key, value in doc.meta.extra:
        SubElement(bibl, tei("note"), type="meta", n=key).text = value

    encoding = SubElement(header, tei("encodingDesc"))
    app_info = SubElement(encoding, tei("appInfo"))
    app = SubElement(app_info, tei("application"), ident="rhetoric", version=__version__)
    app.set(XML_ID, "app.rhetoric")
    SubElement(app, tei("label")).text = "rhetoric"
    SubElement(app, tei("desc")).text = "Rhetorical move annotation with declarative rule sets."
    parser = SubElement(app_info, tei("application"), ident="stanza", version=stanza.__version__)
    parser.set(XML_ID, "app.stanza")
    SubElement(parser, tei("label")).text = "Stanza"
    SubElement(parser, tei("desc"), type="model").text = doc.model or "unknown"
    SubElement(parser, tei("desc"), type="fingerprint").text = doc.fingerprint or "none"
    for ref in doc.rulesets:
        # TEI wants a dotted number in @version; other version strings live in desc only
        version = ref.version if re.fullmatch(r"\d+(\.\d+){0,2}", ref.version) else "0"
        rs = SubElement(app_info, tei("application"), ident=f"rules-{ncname(ref.name)}", version=version)
        rs.set(XML_ID, f"rs.{ncname(ref.name)}")
        SubElement(rs, tei("label")).text = ref.name
        SubElement(rs, tei("desc"), type="version").text = ref.version
        SubElement(rs, tei("desc"), type="sha256").text = ref.sha256

    class_decl = SubElement(encoding, tei("classDecl"))
    moves = SubElement(class_decl, tei("taxonomy"))
    moves.set(XML_ID, "rm")
    SubElement(moves, tei("desc")).text = "Rhetorical moves (rhetoric, after Hyland 2005 and Al-Khatib et al. 2016)"
    for category in CATEGORIES:
        node = SubElement(moves, tei("category"))
        node.set(XML_ID, f"rm.{category}")
        cat_desc = SubElement(node, tei("catDesc"))
        cat_desc.set(XML_LANG, "en")
        SubElement(cat_desc, tei("term")).text = category
        SubElement(cat_desc, tei("gloss")).text = MOVE_DEFINITIONS[category]
    rules = SubElement(class_decl, tei("taxonomy"))
    rules.set(XML_ID, "rules")
    SubElement(rules, tei("desc")).text = "Rules that produced the moves in this file"
    for rule_id, ruleset in sorted({(m.rule, m.ruleset) for m in doc.moves}):
        node = SubElement(rules, tei("category"), corresp=f"#rs.{ncname(ruleset)}")
        node.set(XML_ID, f"rule.{ncname(rule_id)}")
        SubElement(SubElement(node, tei("catDesc")), tei("term")).text = rule_id
    used = {w.deprel or "dep" for _, w in doc.iter_words() if w.head is not None}
    relations = dict(UD_RELATIONS)
    relations.update({r: "relation used by the parser" for r in sorted(used - set(relations))})
    entity_types = dict(NER_TYPES)
    entity_types.update({t: "entity type used by the model" for t in sorted(
        {e.type for s in doc.sentences for e in s.entities} - set(entity_types))})
    for taxonomy_id, title, items in (("ud-syn", "UD syntactic relations", relations.items()),
                                      ("NER", "Named entity types", entity_types.items())):
        taxonomy = SubElement(class_decl, tei("taxonomy"))
        taxonomy.set(XML_ID, taxonomy_id)
        SubElement(taxonomy, tei("desc")).text = title
        for name, gloss in items:
            node = SubElement(taxonomy, tei("category"))
            node.set(XML_ID, f"{taxonomy_id}.{ncname(relation_id(name))}")
            cat_desc = SubElement(node, tei("catDesc"))
            SubElement(cat_desc, tei("term")).text = name
            SubElement(cat_desc, tei("gloss")).text = gloss
    prefixes = SubElement(encoding, tei("listPrefixDef"))
    SubElement(prefixes, tei("prefixDef"), ident="ud-syn", matchPattern="(.+)", replacementPattern="#ud-syn.$1")


def _move_span(group: etree._Element, move: Move, n: int, cue_links: etree._Element) -> None:
    span = SubElement(group, tei("span"))
    mid = f"m{n}"
    span.set(XML_ID, mid)
    refs = [f"#s{s + 1}.t{w}" for s, w in move.words]
    contiguous = (len({s for s, _ in move.words}) == 1
                  and [w for _, w in move.words] == list(range(move.words[0][1], move.words[-1][1] + 1)))
    if contiguous:
        span.set("from", refs[0])
        span.set("to", refs[-1])
    else:
        span.set("target", " ".join(refs))
    span.set("ana", f"#rm.{move.category}")
    span.set("corresp", f"#rule.{ncname(move.rule)}")
    span.set("resp", "#app.rhetoric")
    span.set("cert", repr(move.confidence))
    if move.cues:
        SubElement(cue_links, tei("link"), type="cue",
                   target=" ".join([f"#{mid}"] + [f"#s{s + 1}.t{w}" for s, w in move.cues]))


def to_tei(doc: Document, inline_moves: bool = False) -> bytes:
    """The document as TEI P5 XML (UTF-8 bytes); identical input gives identical bytes.

    ``inline_moves`` adds the inline view: ``seg type="rhetorical-move"`` around moves
    that lie inside one sentence, for concordancers and TEI Publisher.
    """
    root = etree.Element(tei("TEI"), nsmap=NSMAP)
    root.set(XML_LANG, "en")
    _header(doc, root)
    text_el = SubElement(root, tei("text"))
    body = SubElement(text_el, tei("body"))
    div = SubElement(body, tei("div"), type="op-ed")
    text, position = doc.text, 0
    for paragraph in doc.paragraphs:
        _between(div, text[position:paragraph.start])
        p = SubElement(div, tei("p"))
        p.set(XML_ID, f"p{paragraph.index + 1}")
        p_position = paragraph.start
        for sentence in paragraph.sentences:
            _text(p, text[p_position:sentence.start])
            _sentence(p, text, sentence, f"s{sentence.index + 1}")
            p_position = sentence.end
        _text(p, text[p_position:paragraph.end])
        position = paragraph.end
    if not doc.paragraphs and not FORBIDDEN.search(text):
        SubElement(div, tei("ab"), type="empty")
    _between(div, text[position:])
    if doc.moves:
        if inline_moves:
            from .inline import add_inline_moves

            add_inline_moves(body, doc)
        stand_off = SubElement(root, tei("standOff"))
        group = SubElement(stand_off, tei("spanGrp"), type="rhetorical-move")
        cues = etree.Element(tei("linkGrp"), type="rhetorical-cue")
        for n, move in enumerate(doc.moves, 1):
            _move_span(group, move, n, cues)
        if len(cues):
            stand_off.append(cues)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
