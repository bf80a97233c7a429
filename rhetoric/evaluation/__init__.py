"""Scoring rule sets against gold annotations written by others (the design note
``../shared/design/EVALUATION.md``; the README's "Evaluation against gold written by others").

A gold unit counts as found when a predicted move of the mapped category overlaps it
by at least one character; a predicted move is correct when it overlaps a gold unit of
the mapped label.  Sentence-level figures treat a sentence as predicted X when a move
of X overlaps it.

>>> from rhetoric.document import Move
>>> gold = [GoldDoc("d", "It may rain.", units=(GoldUnit("cue", 3, 6),))]
>>> moves = [[Move(category="hedge", start=3, end=6, words=((0, 2),), cues=((0, 2),), rule="hedge.modal",
...                 ruleset="hedges", confidence=0.7)]]
>>> score_units(gold, moves, "hedge", {"cue"}).f1
1.0
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import attrs

from ..document import AUTHOR, Document, Move
from ..errors import RhetoricError
from ..categories import CATEGORIES
from .calibration import Judged, ece, judge, reliability
from .gold import (HEDGE_TYPES, GoldDoc, GoldUnit, read_chiasmus, read_gum, read_microtexts, read_oped, read_polnear,
                   read_ptc, read_szeged, read_webis, read_xmi)

__all__ = ["evaluate", "Score", "RuleScore", "Report", "score_units", "score_sentences", "score_items",
           "score_rules", "score_attributions", "score_agreement", "SETS", "GoldDoc", "GoldUnit"]


@attrs.frozen
class Score:
    """Counts and figures for one category on one gold set at one level."""

    category: str
    gold_label: str
    level: str
    gold: int
    predicted: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {**attrs.asdict(self), "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _overlapping(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(_overlaps(s, e, start, end) for s, e in spans)


def score_units(gold: Sequence[GoldDoc], moves: Sequence[Sequence[Move]], category: str,
                labels: set[str]) -> Score:
    """Unit-level precision and recall of ``category`` moves against gold units with ``labels``."""
    n_gold = n_pred = found = correct = 0
    for doc, doc_moves in zip(gold, moves):
        units = [(u.start, u.end) for u in doc.units if u.label in labels]
        predicted = [(m.start, m.end) for m in doc_moves if m.category == category]
        n_gold += len(units)
        n_pred += len(predicted)
        found += sum(_overlapping(predicted, s, e) for s, e in units)
        correct += sum(_overlapping(units, s, e) for s, e in predicted)
    return Score(category, "|".join(sorted(labels)), "unit", n_gold, n_pred, found, correct)


def score_sentences(gold: Sequence[GoldDoc], moves: Sequence[Sequence[Move]], category: str,
                    labels: set[str]) -> Score:
    """Sentence-level scores: a gold sentence is predicted when a ``category`` move overlaps it."""
    n_gold = n_pred = hit = 0
    for doc, doc_moves in zip(gold, moves):
        predicted = [(m.start, m.end) for m in doc_moves if m.category == category]
        for sentence in doc.sentences:
            is_gold = sentence.label in labels
            is_pred = _overlapping(predicted, sentence.start, sentence.end)
            n_gold += is_gold
            n_pred += is_pred
            hit += is_gold and is_pred
    return Score(category, "|".join(sorted(labels)), "sentence", n_gold, n_pred, hit, hit)


def score_items(gold: Sequence[GoldDoc], moves: Sequence[Sequence[Move]], category: str,
                labels: set[str]) -> Score:
    """Item-level scores: an item is predicted positive when it carries any ``category`` move;
    items whose label is in ``labels`` are the positives, the others negatives."""
    n_gold = n_pred = hit = 0
    for doc, doc_moves in zip(gold, moves):
        is_gold = any(u.label in labels for u in doc.units)
        is_pred = any(m.category == category for m in doc_moves)
        n_gold += is_gold
        n_pred += is_pred
        hit += is_gold and is_pred
    return Score(category, "|".join(sorted(labels)), "item", n_gold, n_pred, hit, hit)


#: PolNeAR's role labels (the :class:`~rhetoric.document.Attribution` fields they are scored
#: against are the same words in lower case).
ROLES = ("Source", "Cue", "Content")


def _characters(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    """The positions of the non-space characters the spans cover."""
    return {i for s, e in spans for i in range(s, e) if not text[i].isspace()}


#: A relation as the scorers see it: its spans by role label.
Roles = dict[str, list[tuple[int, int]]]


def _gold_roles(doc: GoldDoc) -> list[Roles]:
    return [{role: [(u.start, u.end) for u in relation if u.label == role] for role in ROLES}
            for relation in doc.relations]


def _predicted_roles(doc: Document) -> list[Roles]:
    return [{"Source": [a.source] if a.source else [], "Cue": [a.cue], "Content": list(a.content)}
            for a in doc.attributions]


def _score_relations(items: Iterable[tuple[str, list[Roles], list[Roles]]]) -> list[Score]:
    """One relation-level row and one character-level row per role, over (text, true
    relations, guessed relations) triples (see :func:`score_attributions`)."""
    n_gold = n_pred = found = correct = 0
    chars = {role: [0, 0, 0] for role in ROLES}
    for text, truth, guess in items:
        contents = [r["Content"] for r in truth]
        predicted = [r["Content"] for r in guess]
        n_gold += len(contents)
        n_pred += len(predicted)
        found += sum(any(_overlapping(p, s, e) for p in predicted for s, e in c) for c in contents)
        correct += sum(any(_overlapping(c, s, e) for c in contents for s, e in p) for p in predicted)
        for role in ROLES:
            true = _characters(text, (span for r in truth for span in r[role]))
            guessed = _characters(text, (span for r in guess for span in r[role]))
            for k, n in enumerate((len(true), len(guessed), len(true & guessed))):
                chars[role][k] += n
    scores = [Score("attribution", "Source|Cue|Content", "relation", n_gold, n_pred, found, correct)]
    scores += [Score(role.lower(), role, "character", *chars[role], chars[role][2]) for role in ROLES]
    return scores


def score_attributions(gold: Sequence[GoldDoc], docs: Sequence[Document]) -> list[Score]:
    """Attribution relations against gold relations: one relation-level row and one
    character-level row per role.

    A gold relation is found when a predicted relation's content overlaps its content; a
    predicted relation is right when its content overlaps a gold relation's content.  Role
    rows count non-space characters: gold, predicted and both.

    >>> from rhetoric.document import Attribution, Document
    >>> g = GoldDoc("d", "He said no.", relations=((GoldUnit("Source", 0, 2), GoldUnit("Cue", 3, 7),
    ...                                                GoldUnit("Content", 8, 10)),))
    >>> d = Document(text="He said no.", paragraphs=(), attributions=(Attribution(id="a1", kind="indirect",
    ...     source=(0, 2), cue=(3, 7), content=((8, 11),), rule="r", confidence=0.8),))
    >>> [(s.level, s.f1) for s in score_attributions([g], [d])][:2]
    [('relation', 1.0), ('character', 1.0)]
    """
    return _score_relations((g.text, _gold_roles(g), _predicted_roles(d)) for g, d in zip(gold, docs))


def score_agreement(pairs: Sequence[tuple[GoldDoc, GoldDoc]]) -> list[Score]:
    """A second annotation scored against the first, as :func:`score_attributions` scores
    predictions: how far two annotators agree, the most a system can be expected to reach.

    >>> first = GoldDoc("d", "He said no.", relations=((GoldUnit("Source", 0, 2), GoldUnit("Cue", 3, 7),
    ...                                                    GoldUnit("Content", 8, 10)),))
    >>> second = GoldDoc("d", "He said no.", relations=((GoldUnit("Cue", 0, 7), GoldUnit("Content", 8, 10)),))
    >>> [(s.category, round(s.f1, 3)) for s in score_agreement([(first, second)])]
    [('attribution', 1.0), ('source', 0.0), ('cue', 0.8), ('content', 1.0)]
    """
    return _score_relations((first.text, _gold_roles(first), _gold_roles(second)) for first, second in pairs)


@attrs.frozen
class GoldSet:
    """How to read a gold set and which (category, labels, level) to score on it."""

    reader: Callable[[Path], Iterable[GoldDoc]]
    tasks: tuple[tuple[str, frozenset[str], str], ...]
    description: str
    author_only: frozenset[str] = frozenset()  # categories its guide marks in the author's voice only
    unscored_kinds: frozenset[str] = frozenset()  # kinds of move (a rule's ``kind``) its scheme leaves out


SETS: dict[str, GoldSet] = {
    "webis": GoldSet(read_webis, (("authority", frozenset({"testimony"}), "unit"),
                                  ("statistic", frozenset({"statistics"}), "unit"),
                                  ("claim", frozenset({"assumption"}), "unit")),
                     "Webis-Editorials-16 argument units (folder of TSV files)"),
    "gum": GoldSet(read_gum, (("call_to_action", frozenset({"imp"}), "sentence"),
                              ("rhetorical_question", frozenset({"q", "wh"}), "sentence")),
                   "GUM CoNLL-U with # s_type (folder or file)"),
    "szeged": GoldSet(read_szeged, (("hedge", HEDGE_TYPES, "unit"),
                                    ("hedge", frozenset({"hedged"}), "sentence")),
                      "Szeged Uncertainty Corpus XML with <ccue> (file or folder)",
                      unscored_kinds=frozenset({"approximation"})),
    "ptc": GoldSet(read_ptc, (("authority", frozenset({"Appeal_to_Authority"}), "unit"),),
                   "SemEval-2020 PTC: folder with articles/ and techniques.labels"),
    "microtexts": GoldSet(read_microtexts, (("claim", frozenset({"central"}), "unit"),),
                          "arg-microtexts: folder of micro_*.xml and .txt"),
    "chiasmus": GoldSet(read_chiasmus, (("antimetabole", frozenset({"Antimetabole"}), "item"),),
                        "chiasmus candidates (all-data.json): Antimetabole against NotAChiasmus"),
    "oped": GoldSet(read_oped, tuple((c, frozenset({c}), "unit")
                                     for c in ("claim", "authority", "hedge", "booster", "call_to_action")),
                    "op-ed moves: editorials annotated for the five core categories (folder of .txt + .gold.json)",
                    author_only=frozenset({"claim", "hedge", "booster", "call_to_action"})),
    "polnear": GoldSet(read_polnear, (("authority", frozenset({"Source", "Cue", "Content"}), "unit"),),
                       "PolNeAR attribution relations (folder with text/ and attributions/, brat standoff)"),
    "xmi": GoldSet(read_xmi, tuple((c, frozenset({c}), "unit") for c in CATEGORIES),
                   "your corrections: a folder of .xmi files (rhetoric's --format xmi, corrected in INCEpTION)"),
}


@attrs.frozen(kw_only=True)
class RuleScore:
    """How one rule does against a gold set: its moves, how many are right, and the gold units
    that no other rule of its category finds."""

    rule: str
    category: str
    predicted: int
    correct: int
    only: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    def as_dict(self) -> dict:
        return {**attrs.asdict(self), "precision": round(self.precision, 4)}


def score_rules(gold: Sequence[GoldDoc], moves: Sequence[Sequence[Move]], category: str, labels: set[str],
                level: str) -> list[RuleScore]:
    """Per rule of ``category``: moves, correct ones (overlapping a gold unit, or a gold sentence
    at sentence level) and gold units found by that rule alone."""
    predicted: dict[str, int] = {}
    correct: dict[str, int] = {}
    only: dict[str, int] = {}
    for doc, doc_moves in zip(gold, moves):
        spans = doc.sentences if level == "sentence" else doc.units
        units = [(u.start, u.end) for u in spans if u.label in labels]
        mine = [m for m in doc_moves if m.category == category]
        for move in mine:
            predicted[move.rule] = predicted.get(move.rule, 0) + 1
            correct[move.rule] = correct.get(move.rule, 0) + _overlapping(units, move.start, move.end)
        for start, end in units:
            finders = {m.rule for m in mine if _overlaps(m.start, m.end, start, end)}
            if len(finders) == 1:
                (rule,) = finders
                only[rule] = only.get(rule, 0) + 1
    return [RuleScore(rule=r, category=category, predicted=n, correct=correct[r], only=only.get(r, 0))
            for r, n in sorted(predicted.items())]


@attrs.frozen
class Report:
    """The scores of one evaluation run, with what produced them."""

    set: str
    path: str
    documents: int
    words: int
    scores: tuple[Score, ...]
    extra: dict = attrs.field(factory=dict)
    rules: tuple[RuleScore, ...] = ()
    judged: tuple[Judged, ...] = attrs.field(default=(), repr=False)
    calibration: bool = False  # show the reliability table and ECE
    #: on a set's articles annotated twice (``extra["articles_annotated_twice"]``), scored against
    #: their first annotation: the second annotation's rows, then the rules' (categories prefixed
    #: ``annotator 2:`` and ``rules:``)
    agreement: tuple[Score, ...] = ()

    def to_json(self) -> str:
        calibration = {"ece": round(ece(self.judged), 4), "reliability": [
            attrs.asdict(b) for b in reliability(self.judged)]} if self.calibration else {}
        return json.dumps({"set": self.set, "path": self.path, "documents": self.documents, "words": self.words,
                           "scores": [s.as_dict() for s in self.scores], **self.extra,
                           **({"rules": [r.as_dict() for r in self.rules]} if self.rules else {}),
                           **({"agreement": [s.as_dict() for s in self.agreement]} if self.agreement else {}),
                           **calibration},
                          indent=1)

    def table(self) -> str:
        """A plain-text table: one row per category and level."""
        head = f"{'category':<26}{'gold label':<24}{'level':<10}{'gold':>9}{'pred':>9}{'P':>8}{'R':>8}{'F1':>8}"
        rows = [head, "-" * len(head)]
        rows += [_row(s) for s in self.scores]
        rows += [f"{k}: {v}" for k, v in self.extra.items()]
        if self.agreement:
            rows += ["", "against the first annotation of the articles annotated twice:", head, "-" * len(head)]
            rows += [_row(s) for s in self.agreement]
        if self.rules:
            head = f"{'rule':<44}{'moves':>7}{'right':>7}{'P':>8}{'only it':>9}"
            rows += ["", head, "-" * len(head)]
            rows += [f"{r.rule:<44}{r.predicted:>7}{r.correct:>7}{r.precision:>8.3f}{r.only:>9}" for r in self.rules]
        if self.calibration:
            rows += ["", reliability_table(self.judged)]
        return "\n".join(rows)


def _row(s: Score) -> str:
    return (f"{s.category:<26}{s.gold_label[:23]:<24}{s.level:<10}{s.gold:>9}{s.predicted:>9}"
            f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")


def reliability_table(judged: Sequence[Judged]) -> str:
    """The reliability table of judged moves (confidence bins) and their ECE, as text."""
    head = f"{'confidence':<14}{'moves':>7}{'mean conf':>11}{'precision':>11}"
    rows = [head, "-" * len(head)]
    rows += [f"{b.low:.1f}-{b.high:.1f}{'':<7}{b.count:>7}{b.mean_confidence:>11.3f}{b.precision:>11.3f}"
             for b in reliability(judged)]
    rows.append(f"expected calibration error (ECE): {ece(judged):.4f} over {len(judged)} moves")
    return "\n".join(rows)


def evaluate(set_name: str, path: str | Path, *, rules=None, model: str = "compact", cache=None,
             gold_parses: bool = False, by_rule: bool = False, calibration: bool = False,
             min_confidence: float = 0.0, progress: Callable | None = None) -> Report:
    """Annotate the texts of a gold set and score them (see :data:`SETS` for the sets).

    Every move of a scored category is judged right or wrong (``Report.judged``, for
    :mod:`.calibration`); ``calibration`` adds the reliability table and ECE to the report.
    ``min_confidence`` scores only the moves of rules at least that confident.

    ``rules`` are loaded rule sets (default: the built-in ones).  ``gold_parses`` (GUM
    only) tags the gold UD trees instead of parsing the text, which measures the rules
    apart from the parser.

    >>> report = evaluate("gum", "../shared/gold/gum/dev", gold_parses=True)  # doctest: +SKIP
    """
    from ..parsing import BATCH, parse
    from ..rules import Matcher, load_rules, tag

    if set_name not in SETS:
        raise RhetoricError(f"unknown gold set {set_name!r}; expected one of {', '.join(SETS)}")
    gold_set = SETS[set_name]
    gold = list(gold_set.reader(Path(path)))
    matcher = Matcher(load_rules() if rules is None else rules, min_confidence=min_confidence)
    if gold_parses:
        if set_name != "gum":
            raise RhetoricError("gold_parses needs a gold set with UD trees (gum)")
        from ..formats.conllu import read_conllu

        files = [Path(path)] if Path(path).is_file() else sorted(Path(path).rglob("*.conllu"))
        docs: list[Document] = [tag(d, matcher) for f in files for d in read_conllu(f)]
    else:
        docs = []
        for first in range(0, len(gold), BATCH):
            parsed = parse([g.text for g in gold[first:first + BATCH]], model=model, cache=cache)
            docs.extend(tag(d, matcher) for d in parsed)
            if progress:
                progress(min(first + BATCH, len(gold)), len(gold))
    # the gold's voice rule: moves in reported words are their source's, not the author's;
    # and moves of a kind the gold's scheme leaves out are not scored
    unscored = {r.id for ruleset in matcher.rulesets for r in ruleset.rules if r.kind in gold_set.unscored_kinds}
    docs = [attrs.evolve(d, moves=tuple(m for m in d.moves if m.rule not in unscored)) if unscored else d for d in docs]
    moves = [tuple(m for m in d.moves if m.voice == AUTHOR or m.category not in gold_set.author_only) for d in docs]
    scores, per_rule = [], []
    for category, labels, level in gold_set.tasks:
        scorer = {"unit": score_units, "sentence": score_sentences, "item": score_items}[level]
        score = scorer(gold, moves, category, set(labels))
        if score.gold or score.predicted:  # a category neither the gold nor the rules use is left out
            scores.append(score)
        if by_rule:
            per_rule += score_rules(gold, moves, category, set(labels), level)
    extra: dict = {}
    agreement: list[Score] = []
    if set_name == "polnear":
        scores += score_attributions(gold, docs)
        second = {g.name: g for g in read_polnear(Path(path), second=True)}
        if second:
            extra["articles_annotated_twice"] = len(second)
            twice = [(g, d) for g, d in zip(gold, docs) if g.name in second]
            agreement = [attrs.evolve(s, category=f"{who}: {s.category}") for who, rows in (
                ("annotator 2", score_agreement([(g, second[g.name]) for g, _ in twice])),
                ("rules", score_attributions(*zip(*twice)))) for s in rows]
    if set_name == "microtexts":
        sentences = [(s.start, s.end) for d in docs for s in d.sentences]
        with_claim = sum(1 for d in docs for s in d.sentences
                         if any(m.category == "claim" and _overlaps(m.start, m.end, s.start, s.end) for m in d.moves))
        extra["share_of_sentences_with_claim"] = round(with_claim / max(len(sentences), 1), 4)
    judged = judge(set_name, [t for t in gold_set.tasks if set_name != "polnear"], gold, docs, gold_set.author_only)
    return Report(set_name, str(path), len(gold), sum(d.word_count for d in docs), tuple(scores), extra,
                  tuple(per_rule), tuple(judged), calibration, tuple(agreement))
