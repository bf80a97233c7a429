"""CoNLL-U in and out, without running Stanza.

:func:`read_conllu` turns a treebank or a saved parse into documents; :func:`to_conllu`
writes documents back.  Character offsets travel in MISC as ``start_char``/``end_char``
(Stanza's convention), paragraphs as ``# newpar``, documents as ``# newdoc``, named
entities as ``NER=B-PER``-style BIO tags on the words, and rhetorical moves as
``Move=hedge,claim`` on the words they cover plus one ``# rhetoric_move = {json}``
comment per move (category, rule, rule set, confidence, words, cues, voice) at the start
of the document, so that moves read back exactly.  Attribution relations travel the
same way (``# rhetoric_attribution = {json}``, spans as first and last word), and each
word of a relation carries its role in MISC: ``Voice=a1`` inside the content of
relation ``a1``, ``Attribution=a1:cue`` or ``a1:source`` on its cue and source.

When the original text is given (``text=``), offsets are checked against it and kept.
Otherwise the text is rebuilt the way corpus tools do it: each sentence from its
``# text`` comment (or from its tokens and ``SpaceAfter=No``), sentences joined by a
space, paragraphs by a blank line.

>>> doc = read_conllu("1\\tHello\\thello\\tINTJ\\tUH\\t_\\t0\\troot\\t_\\t_\\n\\n")[0]
>>> doc.text, doc.sentences[0].words[0].upos
('Hello', 'INTJ')
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from ..document import (AUTHOR, MAX_DEPTH, MAX_SENTENCE_WORDS, Attribution, Document, Entity, Metadata, Move,
                        MultiWordToken, Paragraph, RuleSetRef, Sentence, Word, split_token, span_words, tree_depths)
from ..errors import ConlluError


@attrs.frozen
class Row:
    """One token line of a CoNLL-U file, with its line number."""

    line: int
    id: str
    form: str
    lemma: str | None
    upos: str | None
    xpos: str | None
    feats: str | None
    head: str | None
    deprel: str | None
    misc: dict[str, str]


@attrs.frozen
class Block:
    """One sentence of a CoNLL-U file: its comments (``key = value``) and rows."""

    line: int
    comments: tuple[tuple[str, str], ...]
    rows: tuple[Row, ...]

    def comment(self, key: str) -> str | None:
        """Value of a ``# key = value`` comment (``""`` for a bare ``# key``)."""
        for k, v in self.comments:
            if k == key:
                return v
        return None


def _none(value: str) -> str | None:
    return None if value == "_" else value


def _misc(value: str) -> dict[str, str]:
    if value == "_":
        return {}
    return dict(item.split("=", 1) if "=" in item else (item, "") for item in value.split("|"))


def iter_blocks(lines: Iterable[str], source: str = "<conllu>") -> Iterator[Block]:
    """Stream the sentences of a CoNLL-U file as :class:`Block` objects.

    Empty nodes (ids such as ``8.1``) are skipped; a line that is not ten tab-separated
    columns raises :class:`ConlluError` with its line number.
    """
    comments: list[tuple[str, str]] = []
    rows: list[Row] = []
    first = 0
    number = 0
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            if rows:
                yield _checked(Block(first, tuple(comments), tuple(rows)), source)
                comments, rows = [], []
            continue
        if not rows and not comments:
            first = number
        if line.startswith("#"):
            key, _, value = line[1:].strip().partition("=")
            key = key.strip()
            if key.split(" ")[0] in ("newdoc", "newpar"):  # "# newdoc id = x" -> ("newdoc", "x")
                key = key.split(" ")[0]
            comments.append((key, value.strip()))
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ConlluError(source, number, f"expected 10 tab-separated columns, found {len(cols)}")
        if "." in cols[0]:
            continue
        rows.append(Row(number, cols[0], cols[1], _none(cols[2]) if cols[1] != "_" else cols[2],
                        _none(cols[3]), _none(cols[4]), _none(cols[5]), _none(cols[6]),
                        _none(cols[7]), _misc(cols[9])))
    if rows:
        yield _checked(Block(first, tuple(comments), tuple(rows)), source)


def _checked(block: Block, source: str) -> Block:
    """The block, if its ids run 1, 2, 3, ..., its multi-word ranges are sound and its heads
    make one tree; else :class:`ConlluError` naming the first line at fault."""
    expected = 1
    words: list[Row] = []
    for row in block.rows:
        if "-" in row.id:
            first, _, last = row.id.partition("-")
            if not (first.isdigit() and last.isdigit()):
                raise ConlluError(source, row.line, f"expected a multi-word range N-M, found {row.id!r}")
            if int(first) != expected or int(last) <= int(first):
                raise ConlluError(source, row.line, f"the multi-word range {row.id} must start at word {expected} "
                                  "and end after it")
            continue
        if not row.id.isdigit() or int(row.id) != expected:
            raise ConlluError(source, row.line, f"expected word id {expected}, found {row.id!r}")
        expected += 1
        words.append(row)
    if len(words) > MAX_SENTENCE_WORDS:
        raise ConlluError(source, words[MAX_SENTENCE_WORDS].line, f"the sentence has {len(words):,} words; "
                          f"expected at most {MAX_SENTENCE_WORDS:,} (the longest in UD English-EWT and GUM has 159): "
                          "split it")
    ranges = [r for r in block.rows if "-" in r.id]
    for row in ranges:
        if int(row.id.partition("-")[2]) > len(words):
            raise ConlluError(source, row.line, f"the multi-word range {row.id} runs past the last word {len(words)}")
    heads = [r.head for r in words]
    if all(h is None for h in heads):
        return block
    for row in words:
        if row.head is None or not row.head.isdigit() or int(row.head) > len(words):
            raise ConlluError(source, row.line, f"expected a HEAD from 0 to {len(words)}, found {row.head!r}")
        if int(row.head) == int(row.id):
            raise ConlluError(source, row.line, f"word {row.id} is its own head")
    roots = [r for r in words if r.head == "0"]
    if len(roots) != 1:
        raise ConlluError(source, (roots[1] if roots else words[0]).line,
                          f"a sentence needs exactly one root (HEAD 0); found {len(roots)}")
    try:  # every word must reach the root
        depths = tree_depths([int(row.head) for row in words])
    except ValueError as error:
        row = words[error.args[0] - 1]
        raise ConlluError(source, row.line, f"word {row.id} is in a cycle of heads") from None
    deepest = max(depths)
    if deepest > MAX_DEPTH:
        row = words[depths.index(deepest)]
        raise ConlluError(source, row.line, f"word {row.id} lies {deepest:,} levels deep in its tree; expected "
                          f"at most {MAX_DEPTH} (the deepest in UD English-EWT and GUM has 17): split the sentence")
    return block


def _lines(source: str | os.PathLike, name: str | None) -> tuple[Iterable[str], str]:
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and "\t" not in source):
        from ..inputs import read_text

        return read_text(source).splitlines(), str(source)
    return str(source).splitlines(), name or "<conllu>"


def read_conllu(source: str | os.PathLike, text: str | None = None,
                meta: Metadata | None = None, *, name: str | None = None) -> list[Document]:
    """Read CoNLL-U (a path, or the CoNLL-U text itself called ``name`` in messages) into
    documents, one per ``# newdoc``.

    ``text`` is the original text when it is known (a saved parse): the offsets in MISC
    are then kept and must match it, and a single document is expected.

    >>> docs = read_conllu("# newpar\\n1\\tGo\\tgo\\tVERB\\tVB\\tMood=Imp\\t0\\troot\\t_\\tSpaceAfter=No\\n"
    ...                    "2\\t!\\t!\\tPUNCT\\t.\\t_\\t1\\tpunct\\t_\\t_\\n\\n")
    >>> docs[0].text
    'Go!'
    """
    lines, name = _lines(source, name)
    documents: list[list[Block]] = []
    for block in iter_blocks(lines, name):
        if block.comment("newdoc") is not None or not documents:
            documents.append([])
        documents[-1].append(block)
    if text is not None and len(documents) > 1:
        raise ConlluError(name, documents[1][0].line, "one original text was given for several documents")
    base = meta or Metadata(file=Path(name).name if not name.startswith("<") else None)
    return [_document(blocks, name, text, base) for blocks in documents]


def _document(blocks: list[Block], source: str, text: str | None, meta: Metadata) -> Document:
    if text is None:
        text, spans = _rebuild_text(blocks)
    else:
        spans = [[_offsets(row, source) for row in block.rows] for block in blocks]
    paragraphs: list[list[Sentence]] = []
    starts: list[int] = []
    for index, (block, offsets) in enumerate(zip(blocks, spans)):
        sentence = _sentence(index, block, offsets, text, source)
        if not paragraphs or block.comment("newpar") is not None:
            paragraphs.append([])
            starts.append(sentence.start)
        paragraphs[-1].append(sentence)
    header = dict(blocks[0].comments) if blocks else {}
    moves, rulesets, attributions = _moves(blocks, [s for p in paragraphs for s in p], source)
    return Document(
        text=text,
        paragraphs=tuple(Paragraph(i, starts[i], p[-1].end, tuple(p)) for i, p in enumerate(paragraphs)),
        meta=meta, model=header.get("rhetoric_model", "conllu"), fingerprint=header.get("rhetoric_fingerprint", ""),
        stanza_version=header.get("rhetoric_stanza", ""), moves=moves, attributions=attributions, rulesets=rulesets)


def _offsets(row: Row, source: str) -> tuple[int, int]:
    try:
        return int(row.misc["start_char"]), int(row.misc["end_char"])
    except (KeyError, ValueError):
        raise ConlluError(source, row.line, "expected start_char and end_char in MISC to match the "
                          "given text; read without text= to rebuild the text instead") from None


def _surface(block: Block) -> Iterator[tuple[Row, list[Row]]]:
    """Surface tokens of a sentence: (token row, rows of the words it covers)."""
    rows = block.rows
    i = 0
    while i < len(rows):
        row = rows[i]
        if "-" in row.id:
            first, last = (int(x) for x in row.id.split("-"))
            words = list(rows[i + 1:i + 2 + last - first])
            yield row, words
            i += 1 + len(words)
        else:
            yield row, [row]
            i += 1


def _rebuild_text(blocks: list[Block]) -> tuple[str, list[list[tuple[int, int]]]]:
    """Text of a document without its original, and offsets for every row."""
    parts: list[str] = []
    spans: list[list[tuple[int, int]]] = []
    length = 0
    for index, block in enumerate(blocks):
        if index:
            sep = "\n\n" if block.comment("newpar") is not None else " "
            parts.append(sep)
            length += len(sep)
        sentence, offsets = _sentence_text(block)
        spans.append([(s + length, e + length) for s, e in offsets])
        parts.append(sentence)
        length += len(sentence)
    return "".join(parts), spans


def _sentence_text(block: Block) -> tuple[str, list[tuple[int, int]]]:
    """A sentence's text (its ``# text`` when the tokens can be found in it) and row offsets."""
    tokens = list(_surface(block))
    given = block.comment("text")
    if given:
        found = _align(given, [t.form for t, _ in tokens])
        if found is not None:
            return given, _expand(tokens, found)
    pieces: list[str] = []
    found = []
    position = 0
    for token, _ in tokens:
        found.append((position, position + len(token.form)))
        pieces.append(token.form)
        position += len(token.form)
        if token.misc.get("SpaceAfter") != "No":
            pieces.append(" ")
            position += 1
    return "".join(pieces).rstrip(" "), _expand(tokens, found)


def _align(text: str, forms: list[str]) -> list[tuple[int, int]] | None:
    found = []
    position = 0
    for form in forms:
        while position < len(text) and text[position].isspace() and not form[:1].isspace():
            position += 1
        if not text.startswith(form, position):
            return None
        found.append((position, position + len(form)))
        position += len(form)
    return found


def _expand(tokens: list[tuple[Row, list[Row]]], found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Offsets for every row (token lines and their words) from surface-token offsets."""
    out: list[tuple[int, int]] = []
    for (token, words), (start, end) in zip(tokens, found):
        if len(words) == 1 and words[0] is token:
            out.append((start, end))
            continue
        out.append((start, end))
        out.extend(split_token(token.form, start, end, [w.form for w in words]))
    return out


def _sentence(index: int, block: Block, offsets: list[tuple[int, int]], text: str, source: str) -> Sentence:
    words: list[Word] = []
    mwts: list[MultiWordToken] = []
    current: tuple[int, int] | None = None
    for row, (start, end) in zip(block.rows, offsets):
        if "-" in row.id:
            first, last = (int(x) for x in row.id.split("-"))
            current = (first, last)
            mwts.append(MultiWordToken(first, last, row.form, start, end))
            continue
        try:
            word_id = int(row.id)
            head = int(row.head) if row.head is not None else None
        except ValueError:
            raise ConlluError(source, row.line, f"expected integer ID and HEAD, found {row.id!r} and {row.head!r}") from None
        in_mwt = current if current and current[0] <= word_id <= current[1] else None
        words.append(Word(id=word_id, text=row.form, lemma=row.lemma, upos=row.upos, xpos=row.xpos, feats=row.feats,
                          head=head, deprel=row.deprel, start=start, end=end, mwt=in_mwt))
    if not words:
        raise ConlluError(source, block.line, "a sentence without words")
    start, end = offsets[0][0], max(e for _, e in offsets)
    entities = _entities(block, words)
    return Sentence(index=index, start=start, end=end, text=text[start:end], words=tuple(words), mwts=tuple(mwts),
                    entities=entities, cut=block.comment("rhetoric_cut") is not None)


def _entities(block: Block, words: list[Word]) -> tuple[Entity, ...]:
    tags = {int(r.id): r.misc.get("NER") for r in block.rows if "-" not in r.id}
    entities: list[Entity] = []
    open_: list | None = None
    for word in words:
        tag = tags.get(word.id) or "O"
        kind, _, label = tag.partition("-")
        if kind in ("B", "S") or (kind in ("I", "E") and (open_ is None or open_[0] != label)):
            if open_:
                entities.append(Entity(open_[0], open_[1], open_[2], open_[3], open_[4]))
            open_ = [label, word.id, word.id, word.start, word.end]
        elif kind in ("I", "E") and open_:
            open_[2], open_[4] = word.id, word.end
        else:
            if open_:
                entities.append(Entity(open_[0], open_[1], open_[2], open_[3], open_[4]))
            open_ = None
    if open_:
        entities.append(Entity(open_[0], open_[1], open_[2], open_[3], open_[4]))
    return tuple(entities)


def _field(value: str | int | None) -> str:
    return "_" if value is None or value == "" else str(value)


def _document_conllu(doc: Document) -> str:
    out: list[str] = []
    first = True
    tags: dict[int, dict[int, list[str]]] = {}
    for move in doc.moves:
        for s, w in move.words:
            tags.setdefault(s, {}).setdefault(w, []).append(move.category)
    words = span_words(doc)
    roles = _roles(doc, words)
    for paragraph in doc.paragraphs:
        for position, sentence in enumerate(paragraph.sentences):
            if first:
                out.append(f"# newdoc id = {doc.meta.file or 'doc'}")
                if doc.model:
                    out.append(f"# rhetoric_model = {doc.model}")
                if doc.fingerprint:
                    out.append(f"# rhetoric_fingerprint = {doc.fingerprint}")
                if doc.stanza_version:
                    out.append(f"# rhetoric_stanza = {doc.stanza_version}")
                out.extend(f"# rhetoric_ruleset = {json.dumps(attrs.asdict(r))}" for r in doc.rulesets)
                out.extend(f"# rhetoric_move = {json.dumps(_move_json(m))}" for m in doc.moves)
                out.extend(f"# rhetoric_attribution = {json.dumps(_attribution_json(words, a))}" for a in doc.attributions)
                first = False
            if position == 0:
                out.append("# newpar")
            out.append(f"# sent_id = {sentence.index + 1}")
            if sentence.cut:
                out.append("# rhetoric_cut")
            out.append("# text = " + " ".join(sentence.text.split()))
            out.extend(_rows(doc.text, sentence, tags.get(sentence.index, {}), roles))
            out.append("")
    return "\n".join(out) + ("\n" if out else "")


def _move_json(move: Move) -> dict:
    return {"category": move.category, "rule": move.rule, "ruleset": move.ruleset, "confidence": move.confidence,
            "words": [list(w) for w in move.words], "cues": [list(c) for c in move.cues], "voice": move.voice,
            **({"attribution": move.attribution} if move.attribution else {})}


def _attribution_json(words, a: Attribution) -> dict:
    """A relation with its spans as first and last word ([sentence, id]); ``words`` is :func:`span_words`."""
    def ends(span: tuple[int, int]) -> list[list[int]]:
        inside = words(*span)
        return [list(inside[0]), list(inside[-1])]

    return {"id": a.id, "kind": a.kind, "rule": a.rule, "confidence": a.confidence,
            "source": ends(a.source) if a.source else None, "cue": ends(a.cue),
            "content": [ends(c) for c in a.content]}


def _roles(doc: Document, words) -> dict[tuple[int, int], list[str]]:
    """MISC entries for the words of attribution relations: Voice=ID in content, Attribution=ID:role."""
    roles: dict[tuple[int, int], list[str]] = {}
    for a in doc.attributions:
        for role, spans in (("source", [a.source] if a.source else []), ("cue", [a.cue]), ("content", a.content)):
            for span in spans:
                for ref in words(*span):
                    roles.setdefault(ref, []).append(f"Voice={a.id}" if role == "content" else f"Attribution={a.id}:{role}")
    return roles


def _attribution(m: dict, sentences: list[Sentence]) -> Attribution:
    def chars(pair) -> tuple[int, int]:
        (s1, w1), (s2, w2) = pair
        return sentences[int(s1)].word(int(w1)).start, sentences[int(s2)].word(int(w2)).end

    return Attribution(id=str(m["id"]), kind=str(m["kind"]), rule=str(m["rule"]), confidence=float(m["confidence"]),
                       source=chars(m["source"]) if m["source"] else None, cue=chars(m["cue"]),
                       content=tuple(chars(c) for c in m["content"]))


def _moves(blocks: list[Block], sentences: list[Sentence],
           source: str) -> tuple[tuple[Move, ...], tuple[RuleSetRef, ...], tuple[Attribution, ...]]:
    moves, rulesets, attributions = [], [], []
    for number, (key, value) in enumerate(blocks[0].comments if blocks else ()):
        try:
            if key == "rhetoric_ruleset":
                rulesets.append(RuleSetRef(**json.loads(value)))
            elif key == "rhetoric_move":
                moves.append(_move(json.loads(value), sentences))
            elif key == "rhetoric_attribution":
                attributions.append(_attribution(json.loads(value), sentences))
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as error:
            raise ConlluError(source, blocks[0].line + number, f"a damaged # {key} comment ({type(error).__name__}: "
                              f"{error}); expected the JSON rhetoric writes") from None
    return tuple(moves), tuple(rulesets), tuple(attributions)


def _move(m: dict, sentences: list[Sentence]) -> Move:
    words = tuple((int(s), int(w)) for s, w in m["words"])
    cues = tuple((int(s), int(w)) for s, w in m["cues"])
    for s, w in words + cues:
        if not (0 <= s < len(sentences) and 1 <= w <= len(sentences[s].words)):
            raise IndexError(f"word {w} of sentence {s} does not exist")
    first = sentences[words[0][0]].word(words[0][1])
    last = sentences[words[-1][0]].word(words[-1][1])
    return Move(category=str(m["category"]), start=first.start, end=last.end, words=words, cues=cues,
                rule=str(m["rule"]), ruleset=str(m["ruleset"]), confidence=float(m["confidence"]),
                voice=str(m.get("voice", AUTHOR)), attribution=str(m["attribution"]) if m.get("attribution") else None)


def _rows(text: str, sentence: Sentence, moves: dict[int, list[str]],
          roles: dict[tuple[int, int], list[str]]) -> Iterator[str]:
    mwts = {m.first: m for m in sentence.mwts}
    ner = _bio(sentence)
    for word in sentence.words:
        mwt = mwts.get(word.id)
        if mwt:
            misc = f"start_char={mwt.start}|end_char={mwt.end}" + _space_after(text, mwt.end)
            yield f"{mwt.first}-{mwt.last}\t{mwt.text}\t_\t_\t_\t_\t_\t_\t_\t{misc}"
        misc = [f"start_char={word.start}", f"end_char={word.end}"]
        for entry in sorted(roles.get((sentence.index, word.id), []), reverse=True):
            misc.insert(0, entry)
        if word.id in moves:
            misc.insert(0, "Move=" + ",".join(sorted(set(moves[word.id]))))
        if word.id in ner:
            misc.insert(0, f"NER={ner[word.id]}")
        if word.mwt is None:
            misc[-1] += _space_after(text, word.end)
        yield "\t".join([str(word.id), word.text, _field(word.lemma), _field(word.upos), _field(word.xpos),
                         _field(word.feats), _field(word.head), _field(word.deprel), "_", "|".join(misc)])


def _space_after(text: str, end: int) -> str:
    return "" if end < len(text) and text[end].isspace() else "|SpaceAfter=No"


def _bio(sentence: Sentence) -> dict[int, str]:
    tags: dict[int, str] = {}
    for entity in sentence.entities:
        for word_id in range(entity.first, entity.last + 1):
            tags[word_id] = ("B-" if word_id == entity.first else "I-") + entity.type
    return tags


def to_conllu(docs: Document | Iterable[Document]) -> str:
    """CoNLL-U text of one or several documents (offsets in MISC, moves in comments).

    >>> doc = read_conllu("1\\tHi\\thi\\tINTJ\\tUH\\t_\\t0\\troot\\t_\\t_\\n\\n")[0]
    >>> to_conllu(doc).splitlines()[-2].split("\\t")[-1]
    'start_char=0|end_char=2|SpaceAfter=No'
    """
    if isinstance(docs, Document):
        docs = [docs]
    return "".join(_document_conllu(d) for d in docs)
