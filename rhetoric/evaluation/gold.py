"""Readers for gold sets written by others, each into :class:`GoldDoc` objects.

Every reader rebuilds the text the way the design note ``../shared/design/EVALUATION.md``
describes and records gold units (labelled character spans) and, where the set is
sentence-based, gold sentences.

>>> doc = GoldDoc("d", "Hi.", units=(GoldUnit("q", 0, 3),))
>>> doc.units[0].label
'q'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import attrs

from ..errors import InputError
from ..inputs import decode_text, read_bytes, read_text


@attrs.frozen
class GoldUnit:
    """A labelled span of a gold text (end exclusive)."""

    label: str
    start: int
    end: int


@attrs.frozen
class GoldDoc:
    """A gold text: units and, for sentence-level sets, sentences with their labels; for
    attribution sets, ``relations``: the units (Source, Cue, Content) of each relation."""

    name: str
    text: str
    units: tuple[GoldUnit, ...] = ()
    sentences: tuple[GoldUnit, ...] = ()
    relations: tuple[tuple[GoldUnit, ...], ...] = ()


def _files(path: Path, pattern: str) -> list[Path]:
    if path.is_file():
        return [path]
    files = sorted(path.rglob(pattern))
    if not files:
        raise InputError(str(path), f"no {pattern} files found", "point at the gold set's folder")
    return files


def _annotations(path: Path) -> str:
    """An annotation file's text; empty when it is (a document with nothing annotated)."""
    data = read_bytes(path)
    return decode_text(data, str(path)) if data else ""


def _unit(where: str, text: str, label: object, start: object, end: object) -> GoldUnit:
    """A gold unit whose label is a string and whose offsets lie inside ``text``, or :class:`InputError`."""
    if not (isinstance(label, str) and type(start) is int and type(end) is int and 0 <= start <= end <= len(text)):
        raise InputError(where, f"the unit ({label!r}, {start!r}, {end!r}) is not a label with offsets inside "
                                f"its {len(text):,}-character text", "check the annotation against its text file")
    return GoldUnit(label, start, end)


_NO_SPACE_BEFORE = re.compile(r"^[.,;:!?)\]}'’”%]")


def read_webis(path: str | Path) -> Iterator[GoldDoc]:
    """Webis-Editorials-16 TSV files: a unit's label is on its last segment, ``continued`` before it.

    Segments are joined with single spaces (none before punctuation), paragraphs
    (``par-sep``) with blank lines; the title is the first paragraph.
    """
    for file in _files(Path(path), "*.txt"):
        if file.name.lower().startswith("readme"):
            continue
        text, units, open_start = "", [], None
        for line in read_text(file).splitlines():
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, segment = parts[1], (parts[2].strip() if len(parts) > 2 else "")
            if label == "par-sep":
                if text:
                    text = text.rstrip(" ") + "\n\n"
                continue
            if not segment:
                continue
            if text and not text.endswith("\n") and not _NO_SPACE_BEFORE.match(segment):
                text += " "
            start = len(text)
            text += segment
            if label == "continued":
                open_start = start if open_start is None else open_start
                continue
            if label not in ("no-unit", "title"):
                units.append(GoldUnit(label, start if open_start is None else open_start, len(text)))
            open_start = None
        if not text.strip():
            raise InputError(str(file), "no Webis-Editorials-16 lines (index, label and segment separated by tabs)",
                             "point at the corpus's annotated .txt files")
        yield GoldDoc(file.stem, text, tuple(units))


def read_gum(path: str | Path) -> Iterator[GoldDoc]:
    """GUM CoNLL-U: text from ``# text`` and ``# newpar``; each sentence labelled with its ``s_type``."""
    from ..formats.conllu import iter_blocks, read_conllu

    for file in _files(Path(path), "*.conllu"):
        for doc, blocks in _with_blocks(read_conllu(file), iter_blocks(read_text(file).splitlines())):
            sentences = tuple(GoldUnit(b.comment("s_type") or "", s.start, s.end)
                              for s, b in zip(doc.sentences, blocks))
            yield GoldDoc(file.stem, doc.text, sentences=sentences)


def _with_blocks(docs, blocks):
    blocks = list(blocks)
    position = 0
    for doc in docs:
        n = len(doc.sentences)
        yield doc, blocks[position:position + n]
        position += n


def read_szeged(path: str | Path) -> Iterator[GoldDoc]:
    """Szeged Uncertainty Corpus XML: sentences joined with single spaces, titles left out; cues are units.

    A cue's label is its uncertainty type (:data:`SZEGED_TYPES`): ``modal`` (may, possibly,
    likely), ``doxastic`` (believe, it is said), ``condition`` (if) or ``investigation``
    (whether, examine).  A sentence is ``hedged`` when it holds a modal or doxastic cue (the
    types MOVES.md counts as hedges), ``uncertain`` when it holds only cues of the others.
    """
    from ..xml import safe_parse

    for file in _files(Path(path), "*.xml"):
        root = safe_parse(read_bytes(file), str(file))
        for document in root.iter("Document"):
            doc_id = document.findtext("DocID") or ""
            text, units, sentences = "", [], []
            for part in document.iter("DocumentPart"):
                if part.get("type") == "Title":
                    continue
                for sentence in part.iter("Sentence"):
                    if text:
                        text += " "
                    start = len(text)
                    for node in _flatten(sentence, str(file)):
                        if isinstance(node, tuple):
                            label, cue_text = node
                            units.append(GoldUnit(label, len(text), len(text) + len(cue_text)))
                            text += cue_text
                        else:
                            text += node
                    types = {u.label for u in units if u.start >= start}
                    label = "hedged" if types & HEDGE_TYPES else "uncertain" if types else ""
                    sentences.append(GoldUnit(label, start, len(text)))
            if text.strip():
                yield GoldDoc(doc_id, text, tuple(units), tuple(sentences))


#: The Szeged cue types (Vincze et al. 2008) by the word that names them in ``ccue/@type``
#: ("speculation_modal_probable_", "speculation_hypo_doxastic _", ...).
SZEGED_TYPES = {"probable": "modal", "doxastic": "doxastic", "condition": "condition", "investigation": "investigation"}
#: The Szeged cue types that MOVES.md counts as hedges: possibility, probability, attributed belief or doubt.
HEDGE_TYPES = frozenset({"modal", "doxastic"})


def _flatten(element, source: str) -> Iterator[str | tuple[str, str]]:
    """Text pieces of an element, with ``ccue`` elements as (type, text) pairs."""
    if element.text:
        yield element.text
    for child in element:
        if child.tag == "ccue":
            kind = next((label for word, label in SZEGED_TYPES.items() if word in (child.get("type") or "")), None)
            if kind is None:
                raise InputError(source, f"a cue of type {child.get('type')!r}, which names none of "
                                 f"{', '.join(SZEGED_TYPES)}", "point at the Szeged Uncertainty Corpus XML")
            yield (kind, "".join(child.itertext()))
        else:
            yield from _flatten(child, source)
        if child.tail:
            yield child.tail


def read_ptc(path: str | Path, technique: str = "Appeal_to_Authority") -> Iterator[GoldDoc]:
    """SemEval-2020 PTC: ``articles/article<ID>.txt`` and ``techniques.labels`` (character offsets)."""
    root = Path(path)
    labels = root / "techniques.labels"
    if not labels.is_file():
        raise InputError(str(root), "no techniques.labels file", "point at the PTC folder")
    spans: dict[str, list[tuple[str, str, str, str]]] = {}
    for number, line in enumerate(_annotations(labels).splitlines(), 1):
        parts = line.split("\t")
        if len(parts) == 4 and parts[1] == technique:
            spans.setdefault(parts[0], []).append((f"{labels}:{number}", *parts[1:]))
    for file in _files(root / "articles", "article*.txt"):
        article = file.stem.removeprefix("article")
        text = read_text(file)
        yield GoldDoc(article, text, tuple(_unit(where, text, label, _int(start), _int(end))
                                           for where, label, start, end in spans.get(article, [])))


def _int(value: str) -> int | str:
    """A decimal offset as an int; anything else as it is, for :func:`_unit` to refuse."""
    return int(value) if value.isascii() and value.isdigit() else value


def read_microtexts(path: str | Path) -> Iterator[GoldDoc]:
    """arg-microtexts: the ADU with no outgoing edge is the central claim (label ``central``)."""
    from ..xml import safe_parse

    for file in _files(Path(path), "micro_*.xml"):
        text = read_text(file.with_suffix(".txt"))
        graph = safe_parse(read_bytes(file), str(file))
        edus = {e.get("id"): e.text or "" for e in graph.iter("edu")}
        segments: dict[str, list[str]] = {}
        sources = set()
        for edge in graph.iter("edge"):
            if edge.get("type") == "seg":
                segments.setdefault(edge.get("trg"), []).append(edge.get("src"))
            else:
                sources.add(edge.get("src"))
        units, position = [], 0
        spans: dict[str, tuple[int, int]] = {}
        for edu_id, edu_text in edus.items():
            start = text.find(edu_text.strip(), position)
            if start < 0:
                continue
            spans[edu_id] = (start, start + len(edu_text.strip()))
            position = spans[edu_id][1]
        for adu in graph.iter("adu"):
            adu_spans = [spans[e] for e in segments.get(adu.get("id"), []) if e in spans]
            if adu_spans:
                label = "central" if adu.get("id") not in sources else "adu"
                units.append(GoldUnit(label, min(s for s, _ in adu_spans), max(e for _, e in adu_spans)))
        yield GoldDoc(file.stem, text, tuple(units))


def read_chiasmus(path: str | Path, labels: tuple[str, ...] = ("Antimetabole", "NotAChiasmus")) -> Iterator[GoldDoc]:
    """Chiasmus candidates (a JSON list of ``{"text", "category"}``); one item per document, its
    label spanning the whole text.  Only items with one of ``labels`` are read."""
    import json

    file = Path(path)
    if file.is_dir():
        file = file / "all-data.json"
    try:
        items = json.loads(read_text(file))
    except (OSError, ValueError) as error:
        raise InputError(str(file), f"cannot be read as JSON ({error})", "point at all-data.json") from None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise InputError(str(file), "is not a JSON list of objects", 'expected [{"text": ..., "category": ...}, ...]')
    for n, item in enumerate(items):
        if item.get("category") in labels and isinstance(item.get("text"), str) and item["text"].strip():
            text = item["text"]
            yield GoldDoc(f"item{n}", text, (GoldUnit(item["category"], 0, len(text)),))


def read_xmi(path: Path) -> Iterator[GoldDoc]:
    """Corrected UIMA CAS XMI files (rhetoric's ``--format xmi``, edited in INCEpTION): each Move
    annotation is a gold unit labelled with its category."""
    from ..formats.xmi import read_xmi as read_one

    for file in _files(path, "*.xmi"):
        text, moves = read_one(file)
        yield GoldDoc(file.stem, text, units=tuple(GoldUnit(m.category, m.begin, m.end) for m in moves))


def read_oped(path: Path) -> Iterator[GoldDoc]:
    """The op-ed moves gold (``<doc>.txt`` with ``<doc>.gold.json``: ``{"spans": [{"label", "start",
    "end"}]}``, character offsets): claim, authority, hedge, booster and call_to_action units."""
    import json

    for file in _files(path, "*.gold.json"):
        text_file = file.with_name(file.name.removesuffix(".gold.json") + ".txt")
        text = read_text(text_file)
        try:
            spans = json.loads(read_text(file))["spans"]
            units = tuple(_unit(str(file), text, s["label"], s["start"], s["end"]) for s in spans)
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(str(file), f"is not op-ed gold JSON ({type(error).__name__}: {error})",
                             'expected {"spans": [{"label": ..., "start": ..., "end": ...}, ...]}') from None
        yield GoldDoc(text_file.stem, text, units=units)


def _polnear_files(path: Path) -> Iterator[tuple[Path, list[Path]]]:
    """Each article of a PolNeAR folder with a text: its text file and its annotation files, by name."""
    annotations: dict[str, list[Path]] = {}
    for ann in sorted((path / "attributions").glob("*.ann")):
        annotations.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    for text_file in _files(path / "text", "*.txt"):
        if text_file.stem in annotations:
            yield text_file, annotations[text_file.stem]


def _brat_relations(ann: Path, text: str) -> tuple[tuple[GoldUnit, ...], ...]:
    """The relations of a brat standoff file: ``T`` lines are Source, Cue and Content spans
    (fragments joined by ``;``), ``E`` lines join them into relations."""
    spans: dict[str, tuple[GoldUnit, ...]] = {}
    relations = []
    for number, line in enumerate(_annotations(ann).splitlines(), 1):
        fields = line.split("\t")
        try:
            if line.startswith("T") and len(fields) >= 2:
                label, _, offsets = fields[1].partition(" ")
                spans[fields[0]] = tuple(_unit(f"{ann}:{number}", text, label, int(a), int(b)) for a, b in
                                         (part.split() for part in offsets.split(";")))
            elif line.startswith("E") and len(fields) >= 2:
                roles = [part.split(":") for part in fields[1].split()[1:]]
                relations.append(tuple(u for _, t in roles for u in spans.get(t, ())))
        except ValueError:
            raise InputError(f"{ann}:{number}", f"is not a brat standoff line: {line[:60]!r}",
                             "expected 'T<n>\\tLabel START END\\ttext' or 'E<n>\\tEvent:T<n> Role:T<n> ...'") from None
    return tuple(relations)


def _polnear_doc(name: str, text: str, ann: Path) -> GoldDoc:
    relations = _brat_relations(ann, text)
    return GoldDoc(name, text, units=tuple(u for relation in relations for u in relation), relations=relations)


def read_polnear(path: Path, second: bool = False) -> Iterator[GoldDoc]:
    """PolNeAR (brat standoff): ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``
    (see :func:`_brat_relations`).  An article annotated twice is read from its first
    annotation file (by name); with ``second``, only the articles annotated twice are read,
    from their second file: one annotator's relations to score against another's.

    >>> twice = list(read_polnear("../shared/gold/polnear/dev", second=True))  # doctest: +SKIP
    >>> len(twice)  # doctest: +SKIP
    2
    """
    which = 1 if second else 0
    for text_file, anns in _polnear_files(Path(path)):
        if len(anns) > which:
            yield _polnear_doc(text_file.stem, read_text(text_file), anns[which])
