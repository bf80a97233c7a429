"""Writing a document as TEI P5 (layout of ../shared/design/TEI.md, after ParlaMint).

Tokens stay inline (``p`` > ``s`` > ``w``/``pc``, with the source's own spaces as text,
so the text content of ``<body>`` is the source text), UD syntax goes in one
``linkGrp type="UD-SYN"`` per sentence, moves go in ``standOff`` as ``span`` elements
pointing at word ids, attribution relations as role ``span``s joined by one ``link`` each,
and the voice of a move as a ``link`` from the move to its relation.  See ``schemas/README.md`` for the full encoding.

>>> from rhetoric.formats.conllu import read_conllu
>>> doc = read_conllu("1\\tGo\\tgo\\tVERB\\tVB\\tMood=Imp\\t0\\troot\\t_\\t_\\n\\n")[0]
>>> b'<w xml:id="s1.t1" lemma="go" pos="VB" msd="UPosTag=VERB|Mood=Imp">Go</w>' in to_tei(doc)
True
"""

from __future__ import annotations

import re

from lxml import etree

from ..categories import CATEGORY
from ..document import AUTHOR, Document, Move, span_words
from ..version import __version__
from .body import body_xml, relation_id
from .names import NSMAP, XML_ID, XML_LANG, ncname, tei
from .taxonomy import NER_TYPES, UD_RELATIONS

SubElement = etree.SubElement
EMPTY_DIV = b'<div type="op-ed"/>'


def _header(doc: Document, root: etree._Element) -> None:
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
    # TEI wants a version number in @version: "0" when no parser was involved (text read from CoNLL-U)
    parser = SubElement(app_info, tei("application"), ident="stanza", version=doc.stanza_version or "0")
    parser.set(XML_ID, "app.stanza")
    SubElement(parser, tei("label")).text = "Stanza"
    SubElement(parser, tei("desc"), type="model").text = doc.model or "unknown"
    SubElement(parser, tei("desc"), type="fingerprint").text = doc.fingerprint or "none"
    if doc.stanza_version:
        SubElement(parser, tei("desc"), type="version").text = doc.stanza_version
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
    for category in CATEGORY.values():
        node = SubElement(moves, tei("category"))
        node.set(XML_ID, category.tei_id)
        cat_desc = SubElement(node, tei("catDesc"))
        cat_desc.set(XML_LANG, "en")
        SubElement(cat_desc, tei("term")).text = category.name
        SubElement(cat_desc, tei("gloss")).text = category.gloss
    rules = SubElement(class_decl, tei("taxonomy"))
    rules.set(XML_ID, "rules")
    SubElement(rules, tei("desc")).text = "Rules that produced the moves in this file"
    owners = {m.rule: m.ruleset for m in doc.moves}
    for rule_id, ruleset in sorted({*owners.items(), *((a.rule, owners.get(a.rule, "")) for a in doc.attributions)}):
        node = SubElement(rules, tei("category"))
        if ruleset:
            node.set("corresp", f"#rs.{ncname(ruleset)}")
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
    span.set("ana", f"#{CATEGORY[move.category].tei_id}")
    span.set("corresp", f"#rule.{ncname(move.rule)}")
    span.set("resp", "#app.rhetoric")
    span.set("cert", repr(move.confidence))
    if move.cues:
        SubElement(cue_links, tei("link"), type="cue",
                   target=" ".join([f"#{mid}"] + [f"#s{s + 1}.t{w}" for s, w in move.cues]))


def _attributions(stand_off: etree._Element, doc: Document) -> None:
    """Roles as ``span``s, each relation as a ``link`` over its roles, voices as links from moves."""
    words = span_words(doc)
    roles = SubElement(stand_off, tei("spanGrp"), type="attribution-role")
    relations = SubElement(stand_off, tei("linkGrp"), type="attribution")
    for a in doc.attributions:
        parts = [("source", a.source)] if a.source else []
        parts += [("cue", a.cue)] + [(f"content{n}", c) for n, c in enumerate(a.content, 1)]
        for role, (start, end) in parts:
            span = SubElement(roles, tei("span"), type=role.rstrip("0123456789"))
            span.set(XML_ID, f"{a.id}.{role}")
            covered = words(start, end)
            span.set("from", "#s{}.t{}".format(covered[0][0] + 1, covered[0][1]))
            span.set("to", "#s{}.t{}".format(covered[-1][0] + 1, covered[-1][1]))
        link = SubElement(relations, tei("link"), type=a.kind, target=" ".join(f"#{a.id}.{r}" for r, _ in parts))
        link.set(XML_ID, a.id)
        link.set("corresp", f"#rule.{ncname(a.rule)}")
        link.set("resp", "#app.rhetoric")
        link.set("cert", repr(a.confidence))
    voices = etree.Element(tei("linkGrp"), type="voice")
    for n, move in enumerate(doc.moves, 1):
        if move.voice != AUTHOR:
            SubElement(voices, tei("link"), type="voice", target=f"#m{n} #{move.voice}")
        if move.attribution:
            SubElement(voices, tei("link"), type="attribution", target=f"#m{n} #{move.attribution}")
    if len(voices):
        stand_off.append(voices)


def to_tei(doc: Document, inline_moves: bool = False) -> bytes:
    """The document as TEI P5 XML (UTF-8 bytes); identical input gives identical bytes.

    ``inline_moves`` adds the inline view: ``seg type="rhetorical-move"`` around moves
    that lie inside one sentence, for concordancers and TEI Publisher.
    """
    root = etree.Element(tei("TEI"), nsmap=NSMAP)
    root.set(XML_LANG, "en")
    _header(doc, root)
    text_el = SubElement(root, tei("text"))
    SubElement(SubElement(text_el, tei("body")), tei("div"), type="op-ed")
    if doc.moves or doc.attributions:
        stand_off = SubElement(root, tei("standOff"))
        if doc.moves:
            group = SubElement(stand_off, tei("spanGrp"), type="rhetorical-move")
            cues = etree.Element(tei("linkGrp"), type="rhetorical-cue")
            for n, move in enumerate(doc.moves, 1):
                _move_span(group, move, n, cues)
            if len(cues):
                stand_off.append(cues)
        if doc.attributions:
            _attributions(stand_off, doc)
    head, _, tail = etree.tostring(root, xml_declaration=True, encoding="UTF-8").partition(EMPTY_DIV)
    return b"".join([head, b'<div type="op-ed">', body_xml(doc, inline_moves).encode("utf-8"), b"</div>", tail, b"\n"])
