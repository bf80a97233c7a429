"""Rhetorical profiles of documents and corpora.

A profile counts the moves of each category in the author's own voice and normalises them: per 1,000 words
(words = syntactic words that are not punctuation), as a share of sentences, by
paragraph and by tenth of the text; it lists the top cues and two summary indices.
Every figure traces back to the moves kept in ``Profile.moves``.  Moves inside reported
words (quotes, reported speech: :class:`~rhetoric.document.Attribution`) belong to their
source; they are counted apart (``reported``), with the share of the words that are
reported content (``reported_share``).  Evidence (:data:`BACKING`: authority, statistic)
is the author's use of other people's words and figures, so it counts in every voice.

The feature names and their order are fixed by :data:`FEATURE_VERSION`; a change to
either is a new version, so profiles from different runs and corpora stay comparable.

>>> from rhetoric.formats.conllu import read_conllu
>>> from rhetoric.rules import tag
>>> doc = tag(read_conllu("1\\tIt\\tit\\tPRON\\tPRP\\tPerson=3\\t2\\tnsubj\\t_\\t_\\n"
...                       "2\\tmay\\tmay\\tAUX\\tMD\\tVerbForm=Fin\\t3\\taux\\t_\\t_\\n"
...                       "3\\train\\train\\tVERB\\tVB\\tVerbForm=Inf\\t0\\troot\\t_\\t_\\n\\n")[0])
>>> p = profile(doc)
>>> p.count("hedge"), p.rate("hedge")
(1, 333.33)
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

import attrs

from .categories import CATEGORIES
from .document import AUTHOR, Document, Move, span_words

#: Version of the feature set; bump it whenever a feature is added, removed or redefined.
FEATURE_VERSION = "2"
TENTHS = 10
#: Categories that back a claim in the same or the next sentence (``backed_claim_share``).
BACKING = ("authority", "statistic")


def content_words(doc: Document) -> int:
    """Words counted for rates: syntactic words whose UPOS is not PUNCT (or, untagged, not punctuation)."""
    return sum(1 for _, w in doc.iter_words()
               if ((w.upos != "PUNCT") if w.upos else any(ch.isalnum() for ch in w.text)))


def _frozen_map(value: Mapping) -> Mapping:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class Profile:
    """Counts and rates of rhetorical moves in one document or a group of documents (read-only)."""

    name: str
    documents: int
    words: int
    sentences: int
    counts: Mapping[str, int] = attrs.field(converter=_frozen_map)
    sentence_counts: Mapping[str, int] = attrs.field(converter=_frozen_map)
    by_tenth: Mapping[str, tuple[int, ...]] = attrs.field(converter=_frozen_map)
    by_paragraph: Mapping[str, tuple[int, ...]] = attrs.field(converter=_frozen_map)
    top_cues: Mapping[str, tuple[tuple[str, int], ...]] = attrs.field(converter=_frozen_map)
    indices: Mapping[str, float | None] = attrs.field(converter=_frozen_map)
    moves: tuple[tuple[str, Move, str], ...] = attrs.field(repr=False)  # (document, move, its text)
    reported: Mapping[str, int] = attrs.field(converter=_frozen_map, factory=dict)
    reported_words: int = 0
    all_voices: bool = False
    feature_version: str = FEATURE_VERSION

    def count(self, category: str) -> int:
        """Number of moves of a category."""
        return self.counts.get(category, 0)

    def rate(self, category: str) -> float:
        """Moves per 1,000 words (two decimals)."""
        return round(1000 * self.count(category) / self.words, 2) if self.words else 0.0

    def sentence_share(self, category: str) -> float:
        """Share of sentences that carry at least one move of the category (four decimals)."""
        return round(self.sentence_counts.get(category, 0) / self.sentences, 4) if self.sentences else 0.0

    def features(self) -> dict[str, float]:
        """The versioned feature vector: names and order never change within a feature version."""
        out: dict[str, float] = {}
        for c in CATEGORIES:
            out[f"{c}.count"] = self.count(c)
            out[f"{c}.per_1000_words"] = self.rate(c)
            out[f"{c}.sentence_share"] = self.sentence_share(c)
        for c in CATEGORIES:
            total = self.count(c)
            for i, n in enumerate(self.by_tenth.get(c, (0,) * TENTHS)):
                out[f"{c}.tenth_{i + 1}"] = round(n / total, 4) if total else 0.0
        for key in ("hedge_to_booster_ratio", "backed_claim_share"):
            value = self.indices.get(key)
            out[key] = -1.0 if value is None else value
        out["reported_share"] = self.reported_share
        for c in CATEGORIES:
            out[f"reported.{c}.count"] = self.reported.get(c, 0)
            out[f"reported.{c}.per_1000_words"] = round(1000 * self.reported.get(c, 0) / self.words, 2) if self.words else 0.0
        return out

    @property
    def reported_share(self) -> float:
        """Share of the words that lie in reported content (four decimals)."""
        return round(self.reported_words / self.words, 4) if self.words else 0.0

    def to_dict(self) -> dict:
        """JSON-ready summary: header, per-category figures, indices and top cues."""
        return {
            "name": self.name, "feature_version": self.feature_version, "documents": self.documents,
            "words": self.words, "sentences": self.sentences,
            "categories": {c: {"count": self.count(c), "per_1000_words": self.rate(c),
                               "sentence_share": self.sentence_share(c),
                               "by_tenth": list(self.by_tenth.get(c, (0,) * TENTHS)),
                               "by_paragraph": list(self.by_paragraph.get(c, ())),
                               "top_cues": [list(x) for x in self.top_cues.get(c, ())]} for c in CATEGORIES},
            "indices": dict(self.indices),
            "reported": {"share_of_words": self.reported_share, "moves": dict(sorted(self.reported.items()))},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1, ensure_ascii=False) + "\n"

    def to_csv(self) -> str:
        """One row per category: count, rate, sentence share, top cues."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["profile", "category", "count", "per_1000_words", "sentence_share", "top_cues"])
        for c in CATEGORIES:
            writer.writerow([self.name, c, self.count(c), self.rate(c), self.sentence_share(c),
                             "; ".join(f"{cue} ({n})" for cue, n in self.top_cues.get(c, ()))])
        return buffer.getvalue()

    def table(self) -> str:
        """A readable table for the terminal."""
        lines = [f"{self.name}: {self.documents} document(s), {self.words:,} words, {self.sentences} sentences "
                 f"(features v{self.feature_version})",
                 f"{'category':<21}{'count':>6}{'/1000w':>9}{'sent%':>7}  top cues", "-" * 78]
        for c in CATEGORIES:
            cues = ", ".join(f"{cue} {n}" for cue, n in self.top_cues.get(c, ())[:4])
            lines.append(f"{c:<21}{self.count(c):>6}{self.rate(c):>9.2f}{100 * self.sentence_share(c):>6.1f}%  {cues}")
        ratio, backed = self.indices.get("hedge_to_booster_ratio"), self.indices.get("backed_claim_share")
        lines.append("-" * 78)
        lines.append(f"hedge-to-booster ratio: {'n/a' if ratio is None else f'{ratio:.2f}'}    "
                     f"claims backed by authority or statistic (same or next sentence): "
                     f"{'n/a' if backed is None else f'{100 * backed:.1f}%'}")
        reported = ", ".join(f"{c} {n}" for c, n in sorted(self.reported.items(), key=lambda x: (-x[1], x[0])))
        counted = "counted above too" if self.all_voices else "not counted above"
        lines.append(f"reported words: {100 * self.reported_share:.1f}% of the text; moves in reported voices "
                     f"({counted}): {reported or 'none'}")
        return "\n".join(lines) + "\n"

    def to_frame(self):
        """A pandas DataFrame, one row per category (needs the ``pandas`` extra)."""
        import pandas as pd

        return pd.DataFrame([{"category": c, "count": self.count(c), "per_1000_words": self.rate(c),
                              "sentence_share": self.sentence_share(c)} for c in CATEGORIES]).set_index("category")


def _cue_text(doc: Document, move: Move, by_sentence: dict) -> str:
    words = [by_sentence[s].word(w).text.lower() for s, w in move.cues if s in by_sentence]
    return " ".join(words) if words else doc.text[move.start:move.end].lower()


def profile(docs: Document | Iterable[Document], name: str | None = None, all_voices: bool = False) -> Profile:
    """The profile of one document, or of several taken together as one corpus.

    Rates pool the counts and words of all documents (a corpus rate, not a mean of rates).
    Only the author's moves (and evidence in any voice) are counted unless ``all_voices``;
    the other moves in reported words are counted in ``Profile.reported`` either way.
    """
    docs = [docs] if isinstance(docs, Document) else list(docs)
    counts: Counter = Counter()
    sentence_counts: Counter = Counter()
    tenths: dict[str, list[int]] = {c: [0] * TENTHS for c in CATEGORIES}
    paragraphs: dict[str, list[int]] = {c: [] for c in CATEGORIES}
    cues: dict[str, Counter] = {c: Counter() for c in CATEGORIES}
    moves: list[tuple[str, Move, str]] = []
    words = sentences = 0
    claims = backed = reported_words = 0
    reported: Counter = Counter()
    for number, doc in enumerate(docs, 1):
        label = doc.meta.title or doc.meta.file or f"document {number}"
        words += content_words(doc)
        sentences += len(doc.sentences)
        length = max(len(doc.text), 1)
        paragraph_of = {s.index: p.index for p in doc.paragraphs for s in p.sentences}
        sentences_by_index = {s.index: s for s in doc.sentences}
        offset = len(next(iter(paragraphs.values())))
        for values in paragraphs.values():
            values.extend([0] * len(doc.paragraphs))
        carrying: dict[str, set[int]] = {c: set() for c in CATEGORIES}
        locate = span_words(doc)  # contents start and end at word boundaries
        in_content = {ref for a in doc.attributions for s, e in a.content for ref in locate(s, e)}
        reported_words += sum(1 for s, w in doc.iter_words() if (s.index, w.id) in in_content and w.upos != "PUNCT")
        kept = []
        for move in doc.moves:
            if move.voice != AUTHOR and move.category not in BACKING:
                reported[move.category] += 1
                if not all_voices:
                    continue
            kept.append(move)
            counts[move.category] += 1
            tenths[move.category][min(TENTHS - 1, TENTHS * move.start // length)] += 1
            first_sentence = move.words[0][0] if move.words else 0
            paragraphs[move.category][offset + paragraph_of.get(first_sentence, 0)] += 1
            carrying[move.category].update(s for s, _ in move.words)
            cues[move.category][_cue_text(doc, move, sentences_by_index)] += 1
            moves.append((label, move, doc.text[move.start:move.end]))
        for category, indexes in carrying.items():
            sentence_counts[category] += len(indexes)
        support = set().union(*(carrying[c] for c in BACKING))
        for move in kept:
            if move.category == "claim":
                claims += 1
                last = max(s for s, _ in move.words) if move.words else 0
                first = min(s for s, _ in move.words) if move.words else 0
                backed += any(s in support for s in range(first, last + 2))
    hedges, boosters = counts["hedge"], counts["booster"]
    indices = {"hedge_to_booster_ratio": round(hedges / boosters, 4) if boosters else None,
               "backed_claim_share": round(backed / claims, 4) if claims else None}
    return Profile(
        name=name or (docs[0].meta.title or docs[0].meta.file or "document" if len(docs) == 1 else f"{len(docs)} documents"),
        documents=len(docs), words=words, sentences=sentences, counts=dict(counts),
        sentence_counts=dict(sentence_counts), by_tenth={c: tuple(v) for c, v in tenths.items()},
        by_paragraph={c: tuple(v) for c, v in paragraphs.items()},
        top_cues={c: tuple(cues[c].most_common(5)) for c in CATEGORIES if cues[c]},
        indices=indices, moves=tuple(moves), reported=dict(reported), reported_words=reported_words,
        all_voices=all_voices)


def profiles_to_csv(profiles: Sequence[Profile]) -> str:
    """The feature vectors of several profiles as CSV, one row per profile (fixed column order)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = list(profiles[0].features()) if profiles else []
    writer.writerow(["profile", "feature_version", "documents", "words", *names])
    for p in profiles:
        writer.writerow([p.name, p.feature_version, p.documents, p.words, *p.features().values()])
    return buffer.getvalue()
