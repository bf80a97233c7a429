"""The immutable document model every stage of ``rhetoric`` works on.

A :class:`Document` holds the exact input text and, for every paragraph, sentence,
word, entity and rhetorical move, character offsets into it (end exclusive).  All
classes are frozen ``attrs`` classes with tuples for collections; change one with
:func:`attrs.evolve`.  Documents come from :func:`rhetoric.parse` (Stanza),
:func:`rhetoric.read_conllu` or :func:`rhetoric.read_tei`, never from Stanza objects.

>>> w = Word(id=1, text="Read", lemma="read", upos="VERB", xpos="VB",
...          feats="Mood=Imp|VerbForm=Fin", head=0, deprel="root", start=0, end=4)
>>> w.feat("Mood")
'Imp'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence

import attrs

from .categories import CATEGORY
from .errors import DocumentError

#: Characters no label (relation, entity type, rule id, metadata field) may hold: the C0
#: controls XML 1.0 cannot carry, lone surrogates, U+FFFE and U+FFFF.  Text may hold them.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: The voice of a move in the text's own words (see :class:`Attribution` for the others).
AUTHOR = "author"

#: The kinds of attribution: quoted words, reported speech, and both at once.
ATTRIBUTION_KINDS = ("direct", "indirect", "mixed")

#: The most words a sentence may have, and the deepest tree: the rules' work on a sentence grows
#: with the square of its reports, and its nested moves with the tree's depth.  The parser's own
#: sentences are cut at 250 words, so they never pass either; in UD English-EWT and GUM the
#: longest sentence has 159 words and the deepest tree 17 levels.  They bound what CoNLL-U and
#: TEI files bring.
MAX_SENTENCE_WORDS = 1_000
MAX_DEPTH = 250

#: A word's address in a document: (sentence index, word id within the sentence).
WordRef = tuple[int, int]


def _feats(feats: str | None) -> dict[str, str]:
    if not feats:
        return {}
    return dict(item.split("=", 1) for item in feats.split("|") if "=" in item)


@attrs.frozen(kw_only=True)
class Word:
    """A syntactic word with its UD annotation.

    ``id`` counts from 1 within the sentence, ``head`` is 0 for the root, ``feats`` is
    the UD feature string (``"Mood=Imp|VerbForm=Fin"``).  Missing annotation is
    ``None``.  ``mwt`` is the id range of the multi-word token the word belongs to.
    """

    id: int
    text: str
    lemma: str | None
    upos: str | None
    xpos: str | None
    feats: str | None
    head: int | None
    deprel: str | None
    start: int
    end: int
    mwt: tuple[int, int] | None = None

    def feat(self, name: str) -> str | None:
        """Value of one UD feature, or ``None``.

        >>> Word(id=1, text="may", lemma="may", upos="AUX", xpos="MD", feats="VerbForm=Fin",
        ...      head=0, deprel="root", start=0, end=3).feat("VerbForm")
        'Fin'
        """
        return _feats(self.feats).get(name)


@attrs.frozen
class MultiWordToken:
    """A surface token split into several syntactic words (``don't`` = ``do`` + ``n't``)."""

    first: int
    last: int
    text: str
    start: int
    end: int


@attrs.frozen
class Entity:
    """A named entity over the words ``first``..``last`` (ids) of one sentence."""

    type: str
    first: int
    last: int
    start: int
    end: int


@attrs.frozen(kw_only=True)
class Sentence:
    """One sentence: its words, multi-word tokens and entities.

    ``index`` counts sentences from 0 across the whole document.  ``cut`` marks a piece of
    an over-long sentence that the parser's length limit cut off: the next sentence
    continues it (:data:`rhetoric.parsing.MAX_WORDS`).
    """

    index: int
    start: int
    end: int
    text: str
    words: tuple[Word, ...]
    mwts: tuple[MultiWordToken, ...] = ()
    entities: tuple[Entity, ...] = ()
    cut: bool = False

    def __attrs_post_init__(self) -> None:
        _check_tree(self)

    def word(self, word_id: int) -> Word:
        """The word with this id (ids run from 1 without gaps)."""
        return self.words[word_id - 1]


@attrs.frozen
class Paragraph:
    """A blank-line separated block of the text and the sentences inside it."""

    index: int
    start: int
    end: int
    sentences: tuple[Sentence, ...]


@attrs.frozen(kw_only=True)
class Move:
    """A rhetorical move found by a rule.

    ``words`` are the words the move covers and ``cues`` the words that signal it,
    both as :data:`WordRef` pairs.  ``rule`` is the id of the rule that fired and
    ``ruleset`` the name of its rule set.  ``voice`` is :data:`AUTHOR` or the id of the
    :class:`Attribution` whose content holds the move; an ``authority`` move stands for
    the attribution ``attribution`` (its source, cue and content within one sentence).
    """

    category: str
    start: int
    end: int
    words: tuple[WordRef, ...]
    cues: tuple[WordRef, ...]
    rule: str
    ruleset: str
    confidence: float
    voice: str = AUTHOR
    attribution: str | None = None


@attrs.frozen(kw_only=True)
class Attribution:
    """Words the text reports from a source: who (``source``), the reporting word or
    phrase (``cue``) and what was reported (``content``, one or more spans that may run over
    sentences and paragraphs).  Spans are (start, end) character offsets, end exclusive.

    ``kind`` is ``direct`` (the content is quoted), ``indirect`` (reported speech,
    "according to") or ``mixed`` (quoted and unquoted words).  ``id`` is what moves in
    the content name as their voice.

    >>> a = Attribution(id="a1", kind="indirect", source=(0, 3), cue=(4, 8), content=((9, 20),),
    ...                 rule="authority.reported-speech", confidence=0.9)
    >>> a.span
    (0, 20)
    """

    id: str
    kind: str
    source: tuple[int, int] | None
    cue: tuple[int, int]
    content: tuple[tuple[int, int], ...]
    rule: str
    confidence: float

    @property
    def span(self) -> tuple[int, int]:
        """From the first to the last character of source, cue and content."""
        spans = [self.cue, *self.content, *([self.source] if self.source else [])]
        return min(s for s, _ in spans), max(e for _, e in spans)


@attrs.frozen
class RuleSetRef:
    """Which rule set produced moves: name, version and the sha256 of its file."""

    name: str
    version: str
    sha256: str


@attrs.frozen
class Metadata:
    """What is known about the text: bibliographic fields and where it came from.

    ``extra`` keeps any further ``key = value`` pairs of a metadata file, sorted.
    """

    title: str | None = None
    author: str | None = None
    date: str | None = None
    source: str | None = None
    file: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


@attrs.frozen(kw_only=True)
class Document:
    """A parsed text: paragraphs of sentences of words, plus moves and provenance.

    ``model`` is the model spec the text was parsed with (``"compact"``,
    ``"stanza:default"``, ``"conllu"`` for a document read from CoNLL-U),
    ``fingerprint`` identifies the exact model files and ``stanza_version`` the Stanza
    release that parsed it (empty when no parser was involved).
    """

    text: str
    paragraphs: tuple[Paragraph, ...]
    meta: Metadata = Metadata()
    model: str = ""
    fingerprint: str = ""
    stanza_version: str = ""
    moves: tuple[Move, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    rulesets: tuple[RuleSetRef, ...] = ()

    def __attrs_post_init__(self) -> None:
        check_offsets(self)

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """All sentences in document order."""
        return tuple(s for p in self.paragraphs for s in p.sentences)

    def iter_words(self) -> Iterator[tuple[Sentence, Word]]:
        """Every (sentence, word) pair in document order."""
        for paragraph in self.paragraphs:
            for sentence in paragraph.sentences:
                for word in sentence.words:
                    yield sentence, word

    def _repr_html_(self) -> str:
        """The HTML view of :mod:`rhetoric.view`, for Jupyter."""
        from .view import to_html

        return to_html(self)

    @property
    def word_count(self) -> int:
        """Number of syntactic words, punctuation included."""
        return sum(len(s.words) for p in self.paragraphs for s in p.sentences)


def span_words(doc: Document) -> Callable[[int, int], list[WordRef]]:
    """A lookup, built once per document, from a character span to the words it overlaps.

    >>> from rhetoric.formats.conllu import read_conllu
    >>> doc = read_conllu("1\\tGo\\tgo\\tVERB\\tVB\\t_\\t0\\troot\\t_\\t_\\n2\\tnow\\tnow\\tADV\\tRB\\t_\\t1\\tadvmod\\t_\\t_\\n\\n")[0]
    >>> span_words(doc)(1, 6)
    [(0, 1), (0, 2)]
    """
    words = [(s.index, w) for s, w in doc.iter_words()]
    ends = [w.end for _, w in words]  # words run in text order, so their ends never decrease

    def lookup(start: int, end: int) -> list[WordRef]:
        out = []
        for k in range(bisect_right(ends, start), len(words)):  # no slice: a copy of the rest per lookup
            index, word = words[k]
            if word.start >= end:
                break
            out.append((index, word.id))
        return out

    return lookup


def split_token(surface: str, start: int, end: int, forms: list[str]) -> list[tuple[int, int]]:
    """Spans of the syntactic words of a multi-word token.

    When the word forms spell the surface token (``do`` + ``n't`` = ``don't``) each word
    gets its own part; otherwise every word shares the token's span.

    >>> split_token("don't", 10, 15, ["do", "n't"])
    [(10, 12), (12, 15)]
    """
    if "".join(forms) != surface:
        return [(start, end)] * len(forms)
    spans, position = [], start
    for form in forms:
        spans.append((position, position + len(form)))
        position += len(form)
    return spans


def tree_depths(heads: Sequence[int | None]) -> list[int]:
    """The depth of each word of a sentence (the root's is 1) from the words' heads (0 or
    None for the root), in time linear in the sentence's length; raises ``ValueError`` with
    the id of the first word whose heads lead into a cycle.

    >>> tree_depths([2, 0, 2, 3])
    [2, 1, 2, 3]
    """
    depth = [0] * len(heads)  # 0: not reached yet, -1: on the path being followed
    for first in range(len(heads)):
        path, node = [], first
        while node >= 0 and depth[node] == 0:
            depth[node] = -1
            path.append(node)
            node = (heads[node] or 0) - 1
        if node >= 0 and depth[node] == -1:
            raise ValueError(first + 1)
        below = depth[node] if node >= 0 else 0
        for n, word in enumerate(reversed(path), 1):
            depth[word] = below + n
    return depth


def _check_tree(sentence: Sentence) -> None:
    """The sentence has at most :data:`MAX_SENTENCE_WORDS` words; heads name words of the
    sentence (0 for the root), lead to the root without cycles, and make a tree at most
    :data:`MAX_DEPTH` levels deep."""
    words = sentence.words
    if len(words) > MAX_SENTENCE_WORDS:
        raise DocumentError(f"sentence {sentence.index} has {len(words):,} words; expected at most "
                            f"{MAX_SENTENCE_WORDS:,} (the longest in UD English-EWT and GUM has 159): split it")
    for word in words:
        if word.head is not None and not 0 <= word.head <= len(words):
            raise DocumentError(f"sentence {sentence.index}: word {word.id} has head {word.head}; expected 0 "
                                f"to {len(words)}")
    try:
        deepest = max(tree_depths([word.head for word in words]), default=0)
    except ValueError as error:
        raise DocumentError(f"sentence {sentence.index}: word {error.args[0]} is in a cycle of heads") from None
    if deepest > MAX_DEPTH:
        raise DocumentError(f"sentence {sentence.index}: its tree is {deepest:,} levels deep; expected at most "
                            f"{MAX_DEPTH} (the deepest in UD English-EWT and GUM has 17): split the sentence")


def _check_labels(doc: Document) -> None:
    """Labels are names, not text: a control character in one is damage (see :data:`CONTROL_CHARACTERS`)."""
    meta = doc.meta
    labels = [doc.model, doc.fingerprint, doc.stanza_version, *(f"{k}{v}" for k, v in meta.extra),
              *(v or "" for v in (meta.title, meta.author, meta.date, meta.source, meta.file))]
    labels += [f"{m.rule}{m.ruleset}{m.voice}{m.attribution or ''}" for m in doc.moves]
    labels += [f"{a.id}{a.rule}" for a in doc.attributions] + [f"{r.name}{r.version}{r.sha256}" for r in doc.rulesets]
    labels += [e.type for p in doc.paragraphs for s in p.sentences for e in s.entities]
    labels += [w.deprel or "" for p in doc.paragraphs for s in p.sentences for w in s.words]
    if CONTROL_CHARACTERS.search("".join(labels)):
        bad = next(label for label in labels if CONTROL_CHARACTERS.search(label))
        raise DocumentError(f"the label {bad!r} holds a control character; relations, entity types, rule ids "
                            "and metadata must be plain names")


def check_offsets(doc: Document) -> None:
    """Raise :class:`DocumentError` unless every span lies in ``doc.text`` and matches it,
    and every label is a plain name.

    A word inside a multi-word token whose word forms do not spell the token (rare:
    an expansion that changes letters) shares the token's span instead.
    """
    _check_labels(doc)
    text, n = doc.text, len(doc.text)

    def fail(what: str, start: int, end: int, expected: str) -> None:
        raise DocumentError(
            f"{what} claims offsets {start}:{end} holding {expected!r}, "
            f"but the text there is {text[start:end]!r}; offsets must index the exact input text")

    for paragraph in doc.paragraphs:
        if not 0 <= paragraph.start <= paragraph.end <= n:
            fail(f"paragraph {paragraph.index}", paragraph.start, paragraph.end, "")
        for sentence in paragraph.sentences:
            if text[sentence.start:sentence.end] != sentence.text:
                fail(f"sentence {sentence.index}", sentence.start, sentence.end, sentence.text)
            spans = {(m.first, m.last): m for m in sentence.mwts}
            for mwt in sentence.mwts:
                if text[mwt.start:mwt.end] != mwt.text:
                    fail(f"token {mwt.first}-{mwt.last} of sentence {sentence.index}",
                         mwt.start, mwt.end, mwt.text)
            for position, word in enumerate(sentence.words, 1):
                if word.id != position:
                    raise DocumentError(
                        f"sentence {sentence.index}: word ids must run 1, 2, 3, ...; "
                        f"found {word.id} at position {position}")
                if text[word.start:word.end] == word.text:
                    continue
                mwt = spans.get(word.mwt) if word.mwt else None
                if mwt is None or (word.start, word.end) != (mwt.start, mwt.end):
                    fail(f"word {word.id} of sentence {sentence.index}", word.start, word.end, word.text)
    _check_attributions(doc)
    for move in doc.moves:
        if move.category not in CATEGORY:
            raise DocumentError(f"move {move.rule!r} has the category {move.category!r}; expected one of "
                                f"{', '.join(CATEGORY)}")
        if not 0 <= move.start <= move.end <= n:
            raise DocumentError(f"move {move.category} ({move.rule}) has offsets {move.start}:{move.end} "
                                f"outside the text of length {n}")


def _check_attributions(doc: Document) -> None:
    """Attribution spans lie in the text, ids are unique, and moves name only attributions that exist."""
    n = len(doc.text)
    ids = [a.id for a in doc.attributions]
    if len(set(ids)) != len(ids) or AUTHOR in ids:
        raise DocumentError(f"attribution ids must be unique and not {AUTHOR!r}; found {ids}")
    for a in doc.attributions:
        spans = [a.cue, *a.content, *([a.source] if a.source else [])]
        if a.kind not in ATTRIBUTION_KINDS or not a.content:
            raise DocumentError(f"attribution {a.id} has kind {a.kind!r} and {len(a.content)} content span(s); "
                                f"expected one of {', '.join(ATTRIBUTION_KINDS)} and at least one span")
        if not all(0 <= s < e <= n for s, e in spans):
            raise DocumentError(f"attribution {a.id} has a span outside the text of length {n} or empty: {spans}")
    known = set(ids) | {AUTHOR}
    for move in doc.moves:
        if move.voice not in known or (move.attribution is not None and move.attribution not in known):
            raise DocumentError(f"move {move.rule!r} at {move.start}:{move.end} names voice {move.voice!r} and "
                                f"attribution {move.attribution!r}; expected {AUTHOR!r} or one of the "
                                f"document's attributions ({', '.join(ids) or 'none'})")
