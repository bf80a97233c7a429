"""Matching compiled rules over a parsed document.

Rules are indexed by their trigger (the lemma, form, UPOS or feature of their first
token), so each word only tries the rules that could start there: the cost grows with
the number of words, not words times rules.

>>> from rhetoric.formats.conllu import read_conllu
>>> from rhetoric.rules.loader import builtin_rulesets
>>> doc = read_conllu("1\\tIt\\tit\\tPRON\\tPRP\\t_\\t2\\tnsubj\\t_\\t_\\n"
...                   "2\\tmay\\tmay\\tAUX\\tMD\\tVerbForm=Fin\\t3\\taux\\t_\\t_\\n"
...                   "3\\train\\train\\tVERB\\tVB\\tVerbForm=Inf\\t0\\troot\\t_\\tSpaceAfter=No\\n"
...                   "4\\t.\\t.\\tPUNCT\\t.\\t_\\t3\\tpunct\\t_\\t_\\n\\n")[0]
>>> [(m.category, doc.text[m.start:m.end]) for m in Matcher(builtin_rulesets()).match(doc)]
[('claim', 'It may rain.'), ('hedge', 'may')]

The hedged statement is also a claim (``claim.stance-sentence``, a derived rule).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

import attrs

from ..document import AUTHOR, Attribution, Document, Move
from .attribution import AttributionFinder, attribute
from .model import AttributionRule, DerivedRule, DetectorRule, PatternRule, RuleSet, Step
from .view import SentenceView, views

Match = list[tuple[int, int]]  # (step index, word index) pairs


def _match_steps(steps: tuple[Step, ...], view: SentenceView, start: int) -> Match | None:
    """Match ``steps`` at word ``start``; returns (step, word) pairs or ``None``. Backtracks."""
    n_words = len(view.words)
    if len(steps) == 1 and steps[0].most == steps[0].least == 1 and steps[0].phrases is None:
        return [(0, start)] if start < n_words and steps[0].test(view, start) else None

    def walk(s: int, w: int, acc: Match) -> Match | None:
        if s == len(steps):
            return acc
        step = steps[s]
        if step.phrases is not None:
            if w >= n_words:
                return None
            for phrase in step.phrases.get(view.lower[w], ()):
                end = w + len(phrase)
                if tuple(view.lower[w:end]) == phrase and step.test(view, w):
                    found = walk(s + 1, end, acc + [(s, j) for j in range(w, end)])
                    if found is not None:
                        return found
            return None
        limit = n_words - w if step.most is None else min(step.most, n_words - w)
        if step.lazy:  # a gap: any words, as few as possible
            counts = range(step.least, limit + 1)
        else:  # repetitions of a test: as many as possible, then fewer
            j = w
            while j - w < limit and step.test(view, j):
                j += 1
            counts = range(j - w, step.least - 1, -1)
        for count in counts:
            found = walk(s + 1, w + count, acc if step.lazy else acc + [(s, k) for k in range(w, w + count)])
            if found is not None:
                return found
        return None

    return walk(0, start, [])


def _width(steps: tuple[Step, ...]) -> int | None:
    """The most words a match of ``steps`` can cover (``None``: no limit)."""
    total = 0
    for step in steps:
        most = step.width[1]
        if most is None:
            return None
        total += most
    return total


#: Kinds of word whose candidate rules a matcher remembers before it starts afresh (memory stays flat).
KINDS_REMEMBERED = 100_000


class Matcher:
    """All rules of some rule sets, compiled once and indexed by trigger; ``min_confidence``
    drops the moves of rules less confident than that (their calibrated precision)."""

    def __init__(self, rulesets: Iterable[RuleSet], min_confidence: float = 0.0) -> None:
        self.rulesets = tuple(rulesets)
        self.min_confidence = min_confidence
        self.index: dict[str, dict[str, list[PatternRule]]] = defaultdict(lambda: defaultdict(list))
        self.anywhere: list[PatternRule] = []
        self.detectors: list[DetectorRule] = []
        self._exclude_widths: dict[str, list[int | None]] = {}
        attribution_rules: list[AttributionRule] = []
        self.derived: list[DerivedRule] = []
        for ruleset in self.rulesets:
            for rule in ruleset.rules:
                if isinstance(rule, DetectorRule):
                    self.detectors.append(rule)
                    continue
                if isinstance(rule, AttributionRule):
                    attribution_rules.append(rule)
                    continue
                if isinstance(rule, DerivedRule):
                    self.derived.append(rule)
                    continue
                self._exclude_widths[rule.id] = [_width(e) for e in rule.excludes]
                for kind, key in rule.triggers:
                    if kind == "any":
                        self.anywhere.append(rule)
                    else:
                        self.index[kind][key].append(rule)
        self.index = {k: dict(v) for k, v in self.index.items()}
        self._by_kind: dict[tuple, list[PatternRule]] = {}
        self.attributions = AttributionFinder(attribution_rules)

    def _candidates(self, view: SentenceView, i: int) -> list[PatternRule]:
        """The rules word ``i`` may trigger, looked up once per kind of word (its lemma, form,
        tag, relation and features) and remembered."""
        word = view.words[i]
        kind = (view.lemma[i], view.lower[i], view.upos[i], word.deprel, word.feats)
        found = self._by_kind.get(kind)
        if found is None:
            if len(self._by_kind) >= KINDS_REMEMBERED:
                self._by_kind.clear()
            found = self._by_kind[kind] = self._lookup(view, i)
        return found

    def _lookup(self, view: SentenceView, i: int) -> list[PatternRule]:
        idx = self.index
        found: list[PatternRule] = []
        for kind, key in (("lemma", view.lemma[i]), ("lower", view.lower[i]), ("upos", view.upos[i]),
                          ("deprel", view.words[i].deprel)):
            rules = idx.get(kind, {}).get(key)
            if rules:
                found.extend(rules)
        feats = idx.get("feats")
        if feats and view.words[i].feats:
            for feat in view.feats(i):
                found.extend(feats.get(feat, ()))
        if self.anywhere:
            found.extend(self.anywhere)
        return found

    def _fire(self, rule: PatternRule, view: SentenceView, start: int) -> Move | None:
        match = _match_steps(rule.steps, view, start)
        if match is None:
            return None
        anchor = next((w for s, w in match if s == rule.anchor), match[0][1])
        for check in rule.checks:
            if not check(view, anchor):
                return None
        first, last = match[0][1], match[-1][1]
        for exclude, width in zip(rule.excludes, self._exclude_widths[rule.id]):
            # vetoes when one of its matches covers a word of this match: those start at most width - 1 words earlier
            for k in range(0 if width is None else max(0, first - width + 1), last + 1):
                veto = _match_steps(exclude, view, k)
                if veto is not None and any(first <= w <= last for _, w in veto):
                    return None
        cue = sorted({w for s, w in match if rule.cues is None or s in rule.cues}) or [anchor]
        if rule.span == "cue":
            low, high = cue[0], cue[-1]
        elif rule.span == "match":
            low, high = first, last
        elif rule.span == "clause":
            low, high = view.subtree(anchor)
            low, high = min(low, first), max(high, last)
        else:
            low, high = 0, len(view.words) - 1
        words = view.words
        index = view.sentence.index
        return Move(category=rule.category, start=words[low].start, end=words[high].end,
                    words=tuple((index, words[k].id) for k in range(low, high + 1)),
                    cues=tuple((index, words[k].id) for k in cue), rule=rule.id, ruleset=rule.ruleset,
                    confidence=rule.confidence)

    def match_sentence(self, view: SentenceView) -> Iterator[Move]:
        """Every move the rules find in one sentence (before merging)."""
        for i in range(len(view.words)):
            for rule in self._candidates(view, i):
                least, most = rule.trigger_offsets
                for start in range(max(0, i - most), i - least + 1):
                    move = self._fire(rule, view, start)
                    if move is not None:
                        yield move
                        break

    def match(self, doc: Document) -> tuple[Move, ...]:
        """All moves of ``doc`` in text order, with their voices (see :meth:`annotate`)."""
        return self.annotate(doc)[0]

    def annotate(self, doc: Document) -> tuple[tuple[Move, ...], tuple[Attribution, ...]]:
        """All moves of ``doc`` and its attribution relations.

        One category's overlapping moves are merged, except ``authority`` moves, which
        stand one for each relation; every move carries its voice.  Moves less confident
        than ``min_confidence`` are left out (the attribution relations stay: they give voices).
        """
        all_views = views(doc)
        moves, attributions = attribute(doc, self.moves(all_views), all_views, self.attributions)
        if self.derived:
            moves = tuple(sorted([*moves, *self._derived(all_views, moves)], key=lambda m: (m.start, m.end, m.category)))
        if self.min_confidence:
            moves = tuple(m for m in moves if m.confidence >= self.min_confidence)
        return moves, attributions

    def moves(self, all_views: list[SentenceView]) -> list[Move]:
        """The moves of the pattern and figure rules in the sentences of a document, before
        attribution and voices (:func:`.attribution.attribute` adds those)."""
        moves: list[Move] = []
        for view in all_views:
            moves.extend(merge(self.match_sentence(view)))
        if self.detectors:
            moves.extend(merge(self._figures(all_views)))
        return moves

    def _derived(self, all_views: list[SentenceView], moves: tuple[Move, ...]) -> Iterator[Move]:
        """Moves of the derived rules: one per sentence that carries the author's moves of their
        categories, unless a move of the rule's category already covers part of it.  A move
        whose cue words are the cue of a report ("Iran *reportedly* lost $26bn", "It is often
        *said* that ...") puts the statement on others' word: it derives nothing."""
        by_sentence: dict[int, list[Move]] = defaultdict(list)
        for move in moves:
            by_sentence[move.words[0][0] if move.words else -1].append(move)
        for view in all_views:
            here = by_sentence.get(view.sentence.index, [])
            reporting = {c for m in here if m.category == "authority" for c in m.cues}
            for rule in self.derived:
                sources = [m for m in here if m.category in rule.categories and m.rule not in rule.excluded
                           and m.voice == AUTHOR and not (m.cues and reporting.issuperset(m.cues))]
                if (not sources or any(m.category == rule.category for m in here)
                        or not all(check(view, 0) for check in rule.checks)):
                    continue
                index = view.sentence.index
                yield Move(category=rule.category, start=view.words[0].start, end=view.words[-1].end,
                           words=tuple((index, w.id) for w in view.words),
                           cues=tuple(sorted({c for m in sources for c in m.cues})), rule=rule.id,
                           ruleset=rule.ruleset, confidence=rule.confidence)

    def _figures(self, all_views: list[SentenceView]) -> Iterator[Move]:
        from .figures import DETECTORS

        by_index = {v.sentence.index: v for v in all_views}
        for rule in self.detectors:
            for (s1, lo), (s2, hi), cues in DETECTORS[rule.detector].run(all_views, rule.params):
                words = [(s, by_index[s].words[k]) for s in range(s1, s2 + 1)
                         for k in range(lo if s == s1 else 0, (hi if s == s2 else len(by_index[s].words) - 1) + 1)]
                yield Move(category=rule.category, start=words[0][1].start, end=words[-1][1].end,
                           words=tuple((s, w.id) for s, w in words),
                           cues=tuple((s, by_index[s].words[k].id) for s, k in cues),
                           rule=rule.id, ruleset=rule.ruleset, confidence=rule.confidence)


def merge(moves: Iterable[Move]) -> list[Move]:
    """Merge overlapping moves of the same category; the most confident rule names the result."""
    by_category: dict[str, list[Move]] = defaultdict(list)
    for move in moves:
        by_category[move.category].append(move)
    out: list[Move] = []
    for group in by_category.values():
        group.sort(key=lambda m: (m.start, -m.end))
        current = group[0]
        for move in group[1:]:
            if move.start < current.end or (move.start == current.end == move.end):
                best = max((current, move), key=lambda m: (m.confidence, m.end - m.start))
                words = tuple(sorted(set(current.words) | set(move.words)))
                cues = tuple(sorted(set(current.cues) | set(move.cues)))
                current = attrs.evolve(best, start=min(current.start, move.start), end=max(current.end, move.end),
                                       words=words, cues=cues)
            else:
                out.append(current)
                current = move
        out.append(current)
    out.sort(key=lambda m: (m.start, m.end, m.category))
    return out
