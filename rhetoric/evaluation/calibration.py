"""Confidences that mean something: every move judged against gold, rules calibrated on it.

A rule's confidence should be the chance that one of its moves is right.  :func:`judge`
marks each move of a gold set's categories right or wrong (the same overlap rules as the
scores); :func:`calibrate` pools the judged moves of several gold sets and gives each rule
its measured precision, smoothed toward its category's precision when it has few moves
(``(right + WEIGHT * prior) / (moves + WEIGHT)``); :func:`reliability` and :func:`ece`
show how far confidences are from observed precision.  :func:`write_calibration` writes
the result into rule files, with the support it came from.

>>> judged = [Judged("hedge.modal", "hedge", 0.9, True, "szeged"), Judged("hedge.modal", "hedge", 0.9, False, "szeged")]
>>> round(ece(judged), 2)
0.4
>>> calibrate(judged)["hedge.modal"].confidence
0.5
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from ..document import Document
from ..inputs import read_text, write_atomic
from .gold import GoldDoc

#: Pseudo-moves of the category's precision added to a rule's own (smoothing toward the prior).
WEIGHT = 4
BINS = 10


@attrs.frozen
class Judged:
    """One move of a scored category: its rule, confidence, and whether it overlaps gold."""

    rule: str
    category: str
    confidence: float
    correct: bool
    set: str


@attrs.frozen
class Bin:
    """A confidence bin of a reliability table."""

    low: float
    high: float
    count: int
    mean_confidence: float
    precision: float


@attrs.frozen(kw_only=True)
class Calibration:
    """A rule's calibrated confidence and the gold support behind it: its moves judged, the
    right ones, and the gold sets that judged them."""

    rule: str
    confidence: float
    support: int
    correct: int
    sets: tuple[str, ...]


def _overlaps(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def judge(set_name: str, tasks, gold: Sequence[GoldDoc], docs: Sequence[Document], author_only=frozenset()) -> list[Judged]:
    """Every move of a category the gold set scores, marked right when it overlaps a gold unit
    (or a gold sentence, or a positive item) of the task's labels."""
    out: list[Judged] = []
    seen: set[str] = set()
    for category, labels, level in tasks:
        if category in seen:
            continue  # a category scored at two levels (Szeged: cues, then sentences) is judged at the first
        seen.add(category)
        for g, doc in zip(gold, docs):
            if level == "item":
                positive = any(u.label in labels for u in g.units)
            spans = [(u.start, u.end) for u in (g.sentences if level == "sentence" else g.units) if u.label in labels]
            for move in doc.moves:
                if move.category != category or (category in author_only and move.voice != "author"):
                    continue
                right = positive if level == "item" else _overlaps(spans, move.start, move.end)
                out.append(Judged(move.rule, category, move.confidence, right, set_name))
    return out


def reliability(judged: Sequence[Judged], bins: int = BINS) -> list[Bin]:
    """Moves binned by confidence (equal widths from 0 to 1): count, mean confidence, precision."""
    table = []
    for k in range(bins):
        low, high = k / bins, (k + 1) / bins
        inside = [j for j in judged if low <= j.confidence < high or (k == bins - 1 and j.confidence == 1.0)]
        if inside:
            table.append(Bin(low, high, len(inside), sum(j.confidence for j in inside) / len(inside),
                             sum(j.correct for j in inside) / len(inside)))
    return table


def ece(judged: Sequence[Judged], bins: int = BINS) -> float:
    """Expected calibration error: the count-weighted mean gap between confidence and precision."""
    total = len(judged)
    return sum(b.count * abs(b.mean_confidence - b.precision) for b in reliability(judged, bins)) / total if total else 0.0


def calibrate(judged: Sequence[Judged], weight: int = WEIGHT) -> dict[str, Calibration]:
    """Each judged rule's precision, smoothed toward its category's pooled precision."""
    by_category: dict[str, list[Judged]] = {}
    by_rule: dict[str, list[Judged]] = {}
    for j in judged:
        by_category.setdefault(j.category, []).append(j)
        by_rule.setdefault(j.rule, []).append(j)
    out = {}
    for rule, moves in sorted(by_rule.items()):
        pool = by_category[moves[0].category]
        prior = sum(j.correct for j in pool) / len(pool)
        right = sum(j.correct for j in moves)
        out[rule] = Calibration(rule=rule, confidence=round((right + weight * prior) / (len(moves) + weight), 2),
                                support=len(moves), correct=right, sets=tuple(sorted({j.set for j in moves})))
    return out


def recalibrated(judged: Sequence[Judged], table: dict[str, Calibration]) -> list[Judged]:
    """The judged moves with the confidences of ``table`` (to measure the ECE after calibration)."""
    return [attrs.evolve(j, confidence=table[j.rule].confidence) if j.rule in table else j for j in judged]


_RULE = re.compile(r'^id\s*=\s*"([^"]+)"\s*$', re.M)


def write_calibration(paths: Iterable[str | Path], table: dict[str, Calibration]) -> list[Path]:
    """Write calibrated confidences into rule files: each rule's ``confidence`` line (added
    after its ``category`` line where the rule has none), and a ``calibration`` line after it
    with its support (``calibrated = false`` for rules no gold judged).  Returns the files
    that changed."""
    changed = []
    for path in map(Path, paths):
        source = read_text(path)
        blocks = re.split(r"(?m)^(?=\[\[rules\]\])", source)
        out = [blocks[0]]
        for block in blocks[1:]:
            match = _RULE.search(block)
            entry = table.get(match.group(1)) if match else None
            block = re.sub(r"(?m)^calibration\s*=.*\n", "", block)
            if match:
                line = (f'calibration = {{support = {entry.support}, correct = {entry.correct}, sets = '
                        f'[{", ".join(chr(34) + s + chr(34) for s in entry.sets)}]}}' if entry else
                        "calibration = {support = 0, calibrated = false}")
                confidence = f"confidence = {entry.confidence}" if entry else None
                if re.search(r"(?m)^confidence\s*=", block):
                    block = re.sub(r"(?m)^confidence\s*=\s*(\S+)\s*$",
                                   lambda m: f"{confidence or m.group(0).strip()}\n{line}", block, count=1)
                else:
                    block = re.sub(r"(?m)^(category\s*=.*)$",
                                   lambda m: "\n".join(filter(None, (m.group(1), confidence, line))), block, count=1)
            out.append(block)
        text = "".join(out)
        if text != source:
            write_atomic(path, text)
            changed.append(path)
    return changed
