"""Structural detectors for figures of speech, used by rules with ``detector = "NAME"``.

Figures need structure rather than word lists: a tricolon is a coordination of three
parallel conjuncts, anaphora and epistrophe are openings or endings shared by
consecutive clauses, antimetabole is a pair of words repeated in reverse order.  Each
detector takes the sentence views of a document and the rule's ``params`` and yields
(word ranges, cue words) that the matcher turns into moves.

>>> sorted(DETECTORS)
['anaphora', 'antimetabole', 'epistrophe', 'tricolon']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType

import attrs

from .view import SentenceView

#: A found figure: ((sentence index, first word index), (sentence index, last word index), cue word positions).
Found = tuple[tuple[int, int], tuple[int, int], tuple[tuple[int, int], ...]]

FUNCTION_UPOS = frozenset({"PUNCT", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART", "SYM", "X", "INTJ"})
CONTENT_UPOS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
NOMINAL = {"NOUN": "N", "PROPN": "N", "PRON": "N", "NUM": "N", "ADJ": "A", "VERB": "V", "ADV": "R"}


@attrs.frozen
class Detector:
    """A named figure detector with its parameters and their defaults."""

    name: str
    defaults: Mapping[str, object] = attrs.field(converter=MappingProxyType)
    run: Callable[[list[SentenceView], dict], Iterator[Found]]


def _tricolon(views: list[SentenceView], params: dict) -> Iterator[Found]:
    """Three parallel conjuncts: a coordination of ``items`` conjuncts (:func:`_coordinations`)
    of one word class and similar length, or a surface list 'X, Y and Z' of single words (the parser
    sometimes splits a list of premodifiers such as 'economic, security and cultural
    cooperation' over two heads)."""
    items, ratio = params["items"], params["max_length_ratio"]
    for view in views:
        found: set[tuple[int, ...]] = set()
        for members in _coordinations(view):
            if len(members) != items:
                continue
            head = members[0]
            if not _parallel(view, members, modifiers=view.words[head].deprel in ("amod", "compound")):
                continue
            spans = [_conjunct_span(view, m, head) for m in members]
            lengths = [hi - lo + 1 for lo, hi in spans]
            if (max(lengths) > ratio * min(lengths) or max(lengths) > params["max_words"]
                    or not _separated(view, spans, members)):
                continue
            found.add(tuple(members))
            yield ((view.sentence.index, spans[0][0]), (view.sentence.index, spans[-1][1]),
                   tuple((view.sentence.index, m) for m in members))
        for members in _surface_lists(view, items):
            if tuple(members) not in found:
                yield ((view.sentence.index, members[0]), (view.sentence.index, members[-1]),
                       tuple((view.sentence.index, m) for m in members))


def _conjuncts(view: SentenceView, word: int) -> list[int]:
    return [c for c in view.children[word] if (view.words[c].deprel or "") == "conj"]


def _coordinations(view: SentenceView) -> Iterator[list[int]]:
    """Each coordination's conjuncts: a head and its ``conj`` dependents, or a chain the parser
    made of them, each conjunct the head of the next ("not tropes, morality tales, or comic
    relief"), from the contrast that opens it ("human beings - *not* tropes, ...")."""
    for head in range(len(view.words)):
        conjuncts = _conjuncts(view, head)
        if len(conjuncts) != 1:
            yield [head, *conjuncts]
            continue
        parent = view.head(head)
        if (view.words[head].deprel or "") == "conj" and parent is not None and len(_conjuncts(view, parent)) == 1:
            continue  # inside a chain that starts higher up
        chain = [head]
        while len(next_ := _conjuncts(view, chain[-1])) == 1:
            chain.append(next_[0])
        opens = [k for k, m in enumerate(chain) if any(view.lower[c] == "not" for c in view.children[m])]
        chain = chain[opens[-1]:] if opens else chain
        if _listed(view, chain):
            yield chain


def _listed(view: SentenceView, chain: list[int]) -> bool:
    """Whether a chain of conjuncts is a list of nouns: only a comma before each but the last,
    "and" or "or" before the last.  The parser also chains clauses and nested coordinations
    ("leader, and his speeches and agenda"), which are no list."""
    if len(chain) < 2:
        return True  # one conjunct left after a contrast ("not X"): no marks to check, and too short for a tricolon
    marks = [{view.lower[c] for c in view.children[m] if c < m and (view.words[c].deprel or "") in ("cc", "punct")}
             for m in chain[1:]]
    return (all(m == {","} for m in marks[:-1]) and bool(marks[-1] & {"and", "or"})
            and all(NOMINAL.get(view.upos[m]) == "N" for m in chain))


def _parallel(view: SentenceView, members: list[int], modifiers: bool) -> bool:
    """One word class, or nouns and adjectives mixed when they modify a shared noun; and no
    item but the first that is a negated word rather than a clause, unless the first is
    negated too: "radicalism and terrorism and *not* its consequences" sets one thing against
    a pair, where "*not* tropes, morality tales, or comic relief" denies all three and "Get
    angry, say so out loud and *don't* stand for it" is three acts."""
    if not view.negated(members[0]) and any(
            view.negated(m) and view.upos[m] not in ("VERB", "AUX") for m in members[1:]):
        return False
    classes = {NOMINAL.get(view.upos[m], view.upos[m]) for m in members}
    return len(classes) == 1 or (modifiers and classes <= {"N", "A"})


def _surface_lists(view: SentenceView, items: int) -> Iterator[list[int]]:
    """Single content words listed as 'X, Y and Z' (commas, then 'and'/'or' before the last),
    not part of a longer list."""
    lower, n = view.lower, len(view.words)
    for first in range(n):
        members, k = [first], first
        while len(members) < items and k + 2 < n:
            last = len(members) == items - 1
            if last and lower[k + 1] == "," and lower[k + 2] in ("and", "or"):
                k += 3
            elif (not last and lower[k + 1] == ",") or (last and lower[k + 1] in ("and", "or")):
                k += 2
            else:
                break
            if k >= n:
                break
            members.append(k)
        if len(members) != items or any(view.upos[m] not in CONTENT_UPOS for m in members):
            continue
        if (first > 0 and lower[first - 1] == ",") or (k + 1 < n and lower[k + 1] == ","):
            continue  # one part of a longer list
        shared_noun = k + 1 < n and view.upos[k + 1] in ("NOUN", "PROPN")
        if _parallel(view, members, modifiers=shared_noun):
            yield members


#: What stands between two items of a list: a comma, a semicolon or a coordinator.
SEPARATORS = frozenset({",", ";", "and", "or", "nor", "but", "yet"})


def _separated(view: SentenceView, spans: list[tuple[int, int]], members: list[int]) -> bool:
    """Whether a separator stands between each item (its words ``spans``) and the head word
    of the next (``members``): the parser also hangs on a coordination a clause that only
    follows it ("... and there were many calls for him to be fired - a decision the mayor
    finally agreed to")."""
    return all(any(view.lower[k] in SEPARATORS for k in range(before[1] + 1, member))
               for before, member in zip(spans, members[1:]))


def _conjunct_span(view: SentenceView, word: int, head: int) -> tuple[int, int]:
    """Words of one conjunct: its subtree without the other conjuncts, coordinators and commas.

    Dependents to the left of the first conjunct (its article, a lead-in such as 'the three
    evils --') are shared by the whole coordination and left out.
    """
    keep = ("conj", "cc", "punct")
    stack = [c for c in view.children[word] if (view.words[c].deprel or "") not in keep and (word != head or c > word)]
    low = high = word
    while stack:
        j = stack.pop()
        low, high = min(low, j), max(high, j)
        stack.extend(view.children[j])
    return low, high


def _units(views: list[SentenceView]) -> list[tuple[int, int, int]]:
    """Clauses for anaphora/epistrophe: sentences, split at semicolons, as (sentence, first, last)."""
    units = []
    for view in views:
        start = 0
        for i, lower in enumerate(view.lower):
            if lower in (";", ":") or i == len(view.words) - 1:
                end = i if lower in (";", ":") else i + 1
                words = [k for k in range(start, end) if view.upos[k] != "PUNCT"]
                if words:
                    units.append((view.sentence.index, words[0], words[-1]))
                start = i + 1
    return units


def _shared(views: dict[int, SentenceView], units, n: int, from_end: bool) -> list[str]:
    def key(unit):
        view = views[unit[0]]
        words = [k for k in range(unit[1], unit[2] + 1) if view.upos[k] != "PUNCT"]
        words = words[-n:] if from_end else words[:n]
        return tuple(view.lemma[k] for k in words) if len(words) == n else None

    return [key(u) for u in units]


def _repetition(views: list[SentenceView], params: dict, from_end: bool) -> Iterator[Found]:
    """Runs of consecutive clauses that share their first (or last) ``min_words`` lemmas or more.

    A run counts when (shared lemmas + shared content words + clauses beyond two) reaches
    ``min_score``, and no clause is nothing but the shared words.
    """
    by_index = {v.sentence.index: v for v in views}
    units = _units(views)
    n, runs = params["min_words"], params["min_clauses"]
    keys = _shared(by_index, units, n, from_end)
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and keys[i] is not None and keys[j + 1] == keys[i]:
            j += 1
        if j - i + 1 >= runs and keys[i] is not None:
            shared = _longest_shared(by_index, units[i:j + 1], from_end)
            view = by_index[units[i][0]]
            first = [k for k in range(units[i][1], units[i][2] + 1) if view.upos[k] != "PUNCT"]
            part = first[-shared:] if from_end else first[:shared]
            content = sum(view.upos[k] in CONTENT_UPOS and view.lemma[k] not in params["stop_lemmas"] for k in part)
            if shared + content + (j - i + 1 - 2) >= params["min_score"] and shared < len(first):
                cues = []
                for s, lo, hi in units[i:j + 1]:
                    v = by_index[s]
                    words = [k for k in range(lo, hi + 1) if v.upos[k] != "PUNCT"]
                    cues.extend((s, k) for k in (words[-shared:] if from_end else words[:shared]))
                yield (units[i][0], units[i][1]), (units[j][0], units[j][2]), tuple(cues)
            i = j + 1
        else:
            i += 1


def _longest_shared(views: dict[int, SentenceView], units, from_end: bool) -> int:
    """How many opening (or closing) lemmas all the clauses of a run share."""
    sequences = []
    for s, lo, hi in units:
        view = views[s]
        lemmas = [view.lemma[k] for k in range(lo, hi + 1) if view.upos[k] != "PUNCT"]
        sequences.append(lemmas[::-1] if from_end else lemmas)
    n = 0
    while all(len(seq) > n for seq in sequences) and len({seq[n] for seq in sequences}) == 1:
        n += 1
    return n


def _antimetabole(views: list[SentenceView], params: dict) -> Iterator[Found]:
    """A B ... B A: two lemmas repeated in reverse order within one sentence or two adjacent ones.

    Each half (A to B, B to A) spans at most ``max_half`` words: the figure is tight, while
    a long sentence repeats some pair of words in reverse by chance (see also
    :func:`_reversal`).  Candidates need content words (not ``stop_lemmas``, and not one
    letter, which the lemmatizer may expand: "$40m ... six million") and are scored
    by :func:`_chiasmus_score`; the best candidate of each window reaching ``min_score`` is kept.
    """
    stop = frozenset(params["stop_lemmas"])
    done: set[tuple[int, int]] = set()
    for n, view in enumerate(views):
        chunk = [(view, k) for k in range(len(view.words))]
        if n + 1 < len(views):
            chunk += [(views[n + 1], k) for k in range(len(views[n + 1].words))]
        chunk = chunk[:params["window"] * 2]
        positions: dict[str, list[int]] = {}
        for i, (v, k) in enumerate(chunk):
            if v.upos[k] not in FUNCTION_UPOS and v.lemma[k] not in stop and len(v.lower[k]) > 1:
                positions.setdefault(v.lemma[k], []).append(i)
        repeated = {lemma: p for lemma, p in positions.items() if len(p) > 1}
        best = None
        for a, a_pos in repeated.items():
            for b, b_pos in repeated.items():
                if a == b:
                    continue
                for a1 in a_pos:
                    b1 = next((x for x in b_pos if x > a1), None)
                    if b1 is None:
                        continue
                    b2 = next((x for x in b_pos if x > b1), None)
                    a2 = next((x for x in a_pos if b2 is not None and x > b2), None)
                    if a2 is None or a2 - a1 > params["window"] or max(b1 - a1, a2 - b2) > params["max_half"]:
                        continue
                    if not _reversal(chunk, a_pos, b_pos, (a1, b1, b2, a2)):
                        continue
                    score = _chiasmus_score(chunk, (a1, b1, b2, a2))
                    if score >= params["min_score"] and (best is None or score > best[0]):
                        best = (score, (a1, b1, b2, a2))
        if best:
            a1, b1, b2, a2 = best[1]
            key = (chunk[a1][0].sentence.index, chunk[a1][1])
            if key in done:
                continue
            done.add(key)
            cues = tuple((chunk[i][0].sentence.index, chunk[i][1]) for i in (a1, b1, b2, a2))
            yield cues[0], cues[-1], cues


def _reversal(chunk, a_pos: list[int], b_pos: list[int], positions: tuple[int, int, int, int]) -> bool:
    """A true reversal: each word keeps its word class, and neither comes back between the
    halves (A B A B ... is parallel repetition, and 'New York ... new' is no repeated word)."""
    _, b1, b2, _ = positions
    upos = [chunk[i][0].upos[chunk[i][1]] for i in positions]
    return (upos[0] == upos[3] and upos[1] == upos[2]
            and not any(b1 < i < b2 for i in (*a_pos, *b_pos)))


ROLES = {"nsubj": "subj", "csubj": "subj", "expl": "subj", "obj": "comp", "iobj": "comp", "obl": "comp",
         "nmod": "comp", "ccomp": "comp", "xcomp": "comp", "root": "pred", "conj": "pred", "advcl": "pred",
         "parataxis": "pred", "acl": "mod", "amod": "mod", "advmod": "mod", "compound": "mod"}


def _chiasmus_score(chunk, positions) -> float:
    """Evidence that A B ... B A is a figure: content words, swapped roles, a pivot between the halves."""
    a1, b1, b2, a2 = positions
    upos = [chunk[i][0].upos[chunk[i][1]] for i in positions]
    roles = [ROLES.get((chunk[i][0].words[chunk[i][1]].deprel or "").split(":")[0], "other") for i in positions]
    score = sum(u in CONTENT_UPOS for u in upos) / 2
    if roles[0] == roles[2] and roles[1] == roles[3] and roles[0] != roles[1]:
        score += 1.0  # A takes B's role in the second half and B takes A's
    elif upos[0] == upos[2] and upos[1] == upos[3] and upos[0] != upos[1]:
        score += 0.5
    between = {chunk[i][0].lower[chunk[i][1]] for i in range(b1 + 1, b2)}
    if between & {",", ";", "and", "but", "or", "not", "-", "—", "–", ":", ".", "nor", "yet", "than"}:
        score += 0.5
    if a2 - a1 > 20:
        score -= 0.5
    return score


DETECTORS: dict[str, Detector] = {
    "tricolon": Detector("tricolon", {"items": 3, "max_length_ratio": 4, "max_words": 12}, _tricolon),
    "anaphora": Detector("anaphora", {"min_words": 2, "min_clauses": 2, "min_score": 4, "stop_lemmas": ()},
                         lambda views, p: _repetition(views, p, from_end=False)),
    "epistrophe": Detector("epistrophe", {"min_words": 2, "min_clauses": 2, "min_score": 4, "stop_lemmas": ()},
                           lambda views, p: _repetition(views, p, from_end=True)),
    "antimetabole": Detector("antimetabole", {"window": 30, "max_half": 30, "min_score": 2.5, "stop_lemmas": ()},
                             _antimetabole),
}
