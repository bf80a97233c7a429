"""A read-only view of one sentence with the indexes rules need (children, entities, negation).

Built once per sentence by the matcher; all word positions are 0-based indexes into
``words`` (word id minus one).
"""

from __future__ import annotations

from ..document import Document, Sentence

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nothing", "nobody", "none", "without",
                      "hardly", "scarcely"})
# UD relations whose dependent heads a clause of its own
CLAUSAL = frozenset({"root", "ccomp", "xcomp", "advcl", "acl", "csubj", "parataxis"})


class SentenceView:
    """Per-sentence lookups: lower-cased forms and lemmas, children by head, entity types."""

    __slots__ = ("sentence", "words", "lower", "lemma", "upos", "children", "entity", "question",
                 "paragraph_first", "paragraph_last", "document_first", "document_last", "_feats", "_subtrees")

    def __init__(self, sentence: Sentence, paragraph_first: bool = False, paragraph_last: bool = False,
                 document_first: bool = False, document_last: bool = False) -> None:
        self.sentence = sentence
        self.words = sentence.words
        self.lower = [w.text.lower() for w in self.words]
        self.lemma = [(w.lemma or w.text).lower() for w in self.words]
        self.upos = [w.upos or "" for w in self.words]
        self.children: list[list[int]] = [[] for _ in self.words]
        for i, w in enumerate(self.words):
            if w.head:
                self.children[w.head - 1].append(i)
        self.entity: list[str | None] = [None] * len(self.words)
        for e in sentence.entities:
            for i in range(e.first - 1, e.last):
                self.entity[i] = e.type
        last = next((i for i in range(len(self.words) - 1, -1, -1) if self.upos[i] != "PUNCT"
                     or self.lower[i] not in ('"', "'", "”", "’", ")")), len(self.words) - 1)
        self.question = "?" in sentence.text[-3:] or self.lower[last] == "?"
        self.paragraph_first, self.paragraph_last = paragraph_first, paragraph_last
        self.document_first, self.document_last = document_first, document_last
        self._feats: list[frozenset[str]] | None = None
        self._subtrees: dict[int, tuple[int, int]] = {}

    def feats(self, i: int) -> frozenset[str]:
        """The UD features of word ``i`` as a set of ``Name=Value`` strings."""
        if self._feats is None:
            self._feats = [frozenset((w.feats or "").split("|")) - {""} for w in self.words]
        return self._feats[i]

    def head(self, i: int) -> int | None:
        """Index of the head of word ``i`` (``None`` for the root)."""
        h = self.words[i].head
        return h - 1 if h else None

    def negated(self, i: int) -> bool:
        """Whether word ``i`` is in the scope of a negation.

        A negator (``not``, ``never``, ``no``, ...) attached to the word, or -- for an
        auxiliary, copula, marker or modifier -- to its head; or directly before it.  An
        adverb stands outside a negation that follows it: "this is not clearly a mistake"
        negates "clearly", "indeed, the draft did not contain" does not negate "indeed".
        """
        rel = (self.words[i].deprel or "").split(":")[0]
        heads = [i]
        if rel in ("aux", "cop", "mark", "xcomp", "amod", "advmod"):
            h = self.head(i)
            if h is not None:
                heads.append(h)
        for h in heads:
            for c in self.children[h]:
                if (self.lemma[c] in NEGATORS or "Polarity=Neg" in self.feats(c)) and not (
                        h != i and rel == "advmod" and c > i):
                    return True
        return i > 0 and self.lower[i - 1] in ("not", "n't", "never")

    def clause(self, i: int) -> int:
        """Index of the head of the clause word ``i`` stands in (``i`` itself when it heads one).

        Clause heads are the root, the heads of clausal relations (ccomp, xcomp, advcl,
        acl, csubj, parataxis and their subtypes) and conjuncts with a subject, copula or
        verb of their own: in "prices rose to $70 before they fell" the figure stands in
        the main clause, in "the pledge to triple trade to $100bn" in the infinitive.
        """
        while True:
            rel = (self.words[i].deprel or "").split(":")[0]
            h = self.head(i)
            if h is None or rel in CLAUSAL or rel == "conj" and (self.upos[i] in ("VERB", "AUX") or any(
                    (self.words[c].deprel or "").split(":")[0] in ("nsubj", "cop") for c in self.children[i])):
                return i
            i = h

    def subtree(self, i: int) -> tuple[int, int]:
        """First and last index of the words the subtree of word ``i`` covers."""
        span = self._subtrees.get(i)
        if span is None:
            low = high = i
            stack = [i]
            while stack:
                j = stack.pop()
                low, high = min(low, j), max(high, j)
                stack.extend(self.children[j])
            span = self._subtrees[i] = (low, high)
        return span


def views(doc: Document) -> list[SentenceView]:
    """A view for every sentence of ``doc``, with paragraph and document positions."""
    out: list[SentenceView] = []
    sentences = [(p, s) for p in doc.paragraphs for s in p.sentences]
    for n, (paragraph, sentence) in enumerate(sentences):
        out.append(SentenceView(sentence,
                                paragraph_first=sentence is paragraph.sentences[0],
                                paragraph_last=sentence is paragraph.sentences[-1],
                                document_first=n == 0, document_last=n == len(sentences) - 1))
    return out
