"""Comparing rhetorical profiles: keyness, effect sizes, evidence, distances, neighbours.

For each category the comparison gives both rates, their difference, the log ratio
(binary log of the ratio of relative frequencies, 0.5 added to zero counts; Hardie 2014)
as the effect size, and Dunning's log-likelihood G2 with its p-value (chi-squared, one
degree of freedom; Rayson & Garside 2000).  A difference is marked significant when
p < alpha / number of categories (Bonferroni) and it is robust: it still holds when the
moves of the category's least precise rule (the lowest calibrated confidence) are left
out, or, when a single rule made all its moves, that rule is right more often than not
(confidence >= 0.5).  The moves that contribute most to each difference are listed with
their confidence, so every number traces back to spans of text.

>>> from rhetoric.profile import Profile
>>> def made(name, hedges):
...     return Profile(name=name, documents=1, words=1000, sentences=50, counts={"hedge": hedges},
...                    sentence_counts={}, by_tenth={}, by_paragraph={}, top_cues={}, indices={}, moves=())
>>> a, b = made("a", 30), made("b", 5)
>>> row = compare(a, b).row("hedge")
>>> round(row.g2, 2), row.significant
(19.81, True)
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence

import attrs

from .categories import CATEGORIES
from .profile import Profile


def log_likelihood(a: int, b: int, words_a: int, words_b: int) -> float:
    """Dunning's G2 for counts ``a`` and ``b`` in corpora of ``words_a`` and ``words_b`` words."""
    total = words_a + words_b
    if not total or not (a + b):
        return 0.0
    expected_a, expected_b = words_a * (a + b) / total, words_b * (a + b) / total
    g2 = 0.0
    for observed, expected in ((a, expected_a), (b, expected_b)):
        if observed:
            g2 += observed * math.log(observed / expected)
    return 2 * g2


def p_value(g2: float) -> float:
    """Upper tail of chi-squared with one degree of freedom."""
    return math.erfc(math.sqrt(max(g2, 0.0) / 2))


def log_ratio(a: int, b: int, words_a: int, words_b: int) -> float:
    """log2 of the ratio of relative frequencies, 0.5 in place of a zero count."""
    if not words_a or not words_b:
        return 0.0
    return math.log2(((a or 0.5) / words_a) / ((b or 0.5) / words_b)) if (a or b) else 0.0


@attrs.frozen
class Difference:
    """One category of a comparison, with the moves behind the difference."""

    category: str
    count_a: int
    count_b: int
    rate_a: float
    rate_b: float
    log_ratio: float
    g2: float
    p: float
    significant: bool
    evidence: tuple[tuple[str, str, str, str, float], ...]  # (side, document, rule, text, confidence)
    robust: bool = True  # the difference survives leaving out its least precise rule
    left_out: str | None = None  # that rule

    @property
    def difference(self) -> float:
        return round(self.rate_a - self.rate_b, 2)


@attrs.frozen
class Comparison:
    """The comparison of profile ``a`` with profile ``b``."""

    a: Profile
    b: Profile
    rows: tuple[Difference, ...]
    alpha: float
    distance: float

    def row(self, category: str) -> Difference:
        return next(r for r in self.rows if r.category == category)

    def significant(self) -> list[Difference]:
        return [r for r in self.rows if r.significant]

    def table(self, evidence: int = 1) -> str:
        """A readable table; ``evidence`` spans are shown under each significant row."""
        head = (f"{'category':<21}{self.a.name[:12]:>13}{self.b.name[:12]:>13}{'diff':>8}"
                f"{'log2 ratio':>11}{'G2':>8}{'p':>10}")
        lines = [f"{self.a.name} ({self.a.words:,} words) vs {self.b.name} ({self.b.words:,} words); "
                 f"rates per 1,000 words; * = p < {self.alpha}/{len(self.rows)} (Bonferroni)", head, "-" * len(head)]
        for r in self.rows:
            lines.append(f"{r.category:<21}{r.rate_a:>13.2f}{r.rate_b:>13.2f}{r.difference:>+8.2f}"
                         f"{r.log_ratio:>+11.2f}{r.g2:>8.2f}{r.p:>10.2g}{' *' if r.significant else ''}"
                         + ("  (not robust: rests on " + (r.left_out or "?") + ")"
                            if r.p < self.alpha / len(self.rows) and not r.robust else ""))
            if r.significant:
                for side, document, rule, text, confidence in r.evidence[:evidence]:
                    snippet = " ".join(text.split())
                    snippet = snippet if len(snippet) < 70 else snippet[:67] + "..."
                    lines.append(f"    {side}: \"{snippet}\" ({rule} {confidence:.2f}, {document[:30]})")
        lines.append("-" * len(head))
        lines.append(f"distance between standardised profiles: {self.distance:.3f}")
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict:
        return {"a": self.a.name, "b": self.b.name, "words_a": self.a.words, "words_b": self.b.words,
                "alpha": self.alpha, "distance": self.distance, "feature_version": self.a.feature_version,
                "categories": [{**attrs.asdict(r, filter=lambda f, v: f.name != "evidence"),
                                "difference": r.difference,
                                "evidence": [dict(zip(("side", "document", "rule", "text", "confidence"), e))
                                             for e in r.evidence]}
                               for r in self.rows]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1, ensure_ascii=False) + "\n"

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["category", "rate_a", "rate_b", "difference", "log_ratio", "g2", "p", "significant",
                         "robust"])
        for r in self.rows:
            writer.writerow([r.category, r.rate_a, r.rate_b, r.difference, round(r.log_ratio, 4), round(r.g2, 4),
                             f"{r.p:.4g}", r.significant, r.robust])
        return buffer.getvalue()

    def to_frame(self):
        """A pandas DataFrame, one row per category (needs the ``pandas`` extra)."""
        import pandas as pd

        return pd.DataFrame(self.to_dict()["categories"]).drop(columns="evidence").set_index("category")


def _evidence(profile: Profile, category: str, side: str, k: int) -> list[tuple[str, str, str, str, float]]:
    moves = [(doc, move, text) for doc, move, text in profile.moves if move.category == category]
    moves.sort(key=lambda m: (-m[1].confidence, m[1].end - m[1].start))
    out, seen = [], set()
    for doc, move, text in moves:  # the strongest spans, each distinct text once
        if text.lower() not in seen:
            seen.add(text.lower())
            out.append((side, doc, move.rule, text, move.confidence))
        if len(out) == k:
            break
    return out


def _robust(a: Profile, b: Profile, category: str, ratio: float, threshold: float) -> tuple[bool, str | None]:
    """Whether a difference holds without the moves of the category's least precise rule."""
    rules: dict[str, list[int]] = {}
    confidence: dict[str, float] = {}
    for side, profile in enumerate((a, b)):
        for _, move, _ in profile.moves:
            if move.category == category:
                rules.setdefault(move.rule, [0, 0])[side] += 1
                confidence[move.rule] = min(confidence.get(move.rule, 1.0), move.confidence)
    if not rules:
        return True, None  # counts without moves to trace (a profile built by hand)
    weakest = min(rules, key=lambda r: (confidence[r], r))
    if len(rules) == 1:
        return confidence[weakest] >= 0.5, weakest
    ca, cb = a.count(category) - rules[weakest][0], b.count(category) - rules[weakest][1]
    still = log_ratio(ca, cb, a.words, b.words)
    return p_value(log_likelihood(ca, cb, a.words, b.words)) < threshold and still * ratio > 0, weakest


def compare(a: Profile, b: Profile, alpha: float = 0.05, evidence: int = 3) -> Comparison:
    """Compare two profiles category by category (see the module docstring)."""
    rows = []
    threshold = alpha / len(CATEGORIES)
    for c in CATEGORIES:
        ca, cb = a.count(c), b.count(c)
        g2 = log_likelihood(ca, cb, a.words, b.words)
        p = p_value(g2)
        ratio = log_ratio(ca, cb, a.words, b.words)
        side = [] if ratio == 0 else (_evidence(a, c, "A", evidence) if ratio > 0 else _evidence(b, c, "B", evidence))
        robust, weakest = _robust(a, b, c, ratio, threshold) if p < threshold else (True, None)
        rows.append(Difference(c, ca, cb, a.rate(c), b.rate(c), round(ratio, 4), round(g2, 4), p,
                               p < threshold and robust, tuple(side), robust, weakest))
    return Comparison(a, b, tuple(rows), alpha, distance(a, b, [a, b]))


def _rates(p: Profile) -> list[float]:
    return [p.rate(c) for c in CATEGORIES]


def standardise(profiles: Sequence[Profile]) -> list[list[float]]:
    """Rates per category as z-scores across ``profiles`` (a constant category scores 0)."""
    matrix = [_rates(p) for p in profiles]
    columns = list(zip(*matrix)) if matrix else []
    stats = []
    for column in columns:
        mean = sum(column) / len(column)
        sd = math.sqrt(sum((x - mean) ** 2 for x in column) / len(column))
        stats.append((mean, sd))
    return [[(x - mean) / sd if sd else 0.0 for x, (mean, sd) in zip(row, stats)] for row in matrix]


def distance(a: Profile, b: Profile, population: Sequence[Profile]) -> float:
    """Euclidean distance of two profiles standardised over ``population`` (which includes both)."""
    population = list(population)
    z = standardise(population)
    za, zb = z[population.index(a)], z[population.index(b)]
    return round(math.sqrt(sum((x - y) ** 2 for x, y in zip(za, zb))), 4)


def nearest(target: Profile, corpus: Sequence[Profile], k: int = 5) -> list[tuple[Profile, float]]:
    """The ``k`` profiles of ``corpus`` closest to ``target`` after standardising over all of them."""
    population = [target, *[p for p in corpus if p is not target]]
    z = standardise(population)
    scored = [(p, math.sqrt(sum((x - y) ** 2 for x, y in zip(z[0], z[i]))))
              for i, p in enumerate(population) if i]
    return sorted(scored, key=lambda item: item[1])[:k]
