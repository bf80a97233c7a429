"""Figures with matplotlib (the ``plot`` extra): a profile, a comparison, a corpus heatmap.

Each function writes PNG or SVG (by the file's suffix) and returns the path.  Output is
deterministic: no dates in the metadata and a fixed SVG hash salt.

>>> from rhetoric.profile import Profile
>>> p = Profile(name="op-ed", documents=1, words=1000, sentences=40, counts={"hedge": 12, "claim": 4},
...             sentence_counts={}, by_tenth={}, by_paragraph={}, top_cues={}, indices={}, moves=())
>>> profile_chart(p, "/tmp/profile.png").name  # doctest: +SKIP
'profile.png'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .categories import CATEGORIES, CATEGORY
from .compare import Comparison, standardise
from .profile import Profile


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "rhetoric"
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: str | Path) -> Path:
    from .inputs import write_atomic

    path = Path(path)
    fmt = path.suffix.lstrip(".").lower() or "png"
    if fmt not in ("png", "svg"):
        raise ValueError(f"plots are written as .png or .svg, not {path.suffix!r}")
    import io

    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(buffer, format=fmt, bbox_inches="tight", dpi=150, metadata=metadata)
    write_atomic(path, buffer.getvalue())
    _pyplot().close(fig)
    return path


def profile_chart(profile: Profile, path: str | Path) -> Path:
    """Horizontal bars: moves per 1,000 words for every category."""
    plt = _pyplot()
    rates = [profile.rate(c) for c in CATEGORIES]
    fig, ax = plt.subplots(figsize=(8, 6))
    ax.barh(range(len(CATEGORIES)), rates, color=[CATEGORY[c].colour for c in CATEGORIES])
    ax.set_yticks(range(len(CATEGORIES)), [c.replace("_", " ") for c in CATEGORIES])
    ax.invert_yaxis()
    ax.set_xlabel("moves per 1,000 words")
    ax.set_title(f"{profile.name} ({profile.words:,} words)")
    for i, rate in enumerate(rates):
        if rate:
            ax.text(rate, i, f" {rate:.1f}", va="center", fontsize=8)
    return _save(fig, path)


def comparison_chart(comparison: Comparison, path: str | Path) -> Path:
    """Diverging bars of log ratios (A over B); significant differences are marked with '*'."""
    plt = _pyplot()
    rows = comparison.rows
    values = [r.log_ratio for r in rows]
    colours = ["#c44e52" if v > 0 else "#4c72b0" for v in values]
    fig, ax = plt.subplots(figsize=(9, 6.5))
    bars = ax.barh(range(len(rows)), values, color=colours)
    for i, (row, bar) in enumerate(zip(rows, bars)):
        bar.set_alpha(1.0 if row.significant else 0.4)
        if row.significant:
            ax.text(row.log_ratio, i, " *" if row.log_ratio >= 0 else "* ", va="center",
                    ha="left" if row.log_ratio >= 0 else "right", fontsize=12, fontweight="bold")
    ax.set_yticks(range(len(rows)), [r.category.replace("_", " ") for r in rows])
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    limit = max([abs(v) for v in values] + [1]) * 1.25
    ax.set_xlim(-limit, limit)
    ax.set_xlabel(f"log2 ratio of rates: more in {comparison.a.name} → / ← more in {comparison.b.name}")
    ax.set_title(f"{comparison.a.name} vs {comparison.b.name}\n"
                 f"* significant (log-likelihood, p < {comparison.alpha}/{len(rows)}); faded: not significant",
                 fontsize=10)
    return _save(fig, path)


def corpus_heatmap(profiles: Sequence[Profile], path: str | Path) -> Path:
    """Documents by categories, coloured by standardised rate (z-score across the documents)."""
    plt = _pyplot()
    z = standardise(profiles)
    fig, ax = plt.subplots(figsize=(max(8, 0.45 * len(CATEGORIES) + 3), max(3, 0.28 * len(profiles) + 2)))
    image = ax.imshow(z, aspect="auto", cmap="RdBu_r", vmin=-3, vmax=3)
    ax.set_xticks(range(len(CATEGORIES)), [c.replace("_", " ") for c in CATEGORIES], rotation=60, ha="right")
    ax.set_yticks(range(len(profiles)), [p.name[:40] for p in profiles], fontsize=7 if len(profiles) > 30 else 9)
    fig.colorbar(image, ax=ax, label="rate, z-score across documents")
    ax.set_title("Rhetorical profiles")
    return _save(fig, path)
