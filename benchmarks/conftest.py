"""Benchmarks read data from ../shared and skip cleanly without it.

Run them with ``python -m pytest benchmarks --benchmark-enable`` (add ``-m slow`` for the
corpus and many-document runs); each records its throughput (words per second) in
``extra_info``.  Under the project's default ``--benchmark-disable`` each body runs once
as a test, with no timing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("RHETORIC_SHARED", ROOT.parent / "shared"))
SEED = ROOT / "corpus" / "nazarbayev-2011-smart-power-of-the-sco.txt"


def federalist(n: int) -> list[str]:
    folder = SHARED / "texts" / "federalist"
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available")
    files = sorted(folder.glob("*.txt"), key=lambda p: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", p.name)])
    return [f.read_text(encoding="utf-8") for f in files[:n]]


def record_rate(benchmark, words: int) -> None:
    """Put the word count, and words per second when timing is on, into ``extra_info``."""
    benchmark.extra_info["words"] = words
    if benchmark.stats is not None:  # None under --benchmark-disable
        benchmark.extra_info["words_per_second"] = round(words / benchmark.stats.stats.mean)


def model_kwargs(name: str, monkeypatch: pytest.MonkeyPatch | None = None) -> dict:
    """Parse options for a model name, skipping when that model is not installed; the official
    models are found through ``STANZA_RESOURCES_DIR``, set with ``monkeypatch`` for one test."""
    from rhetoric.errors import ModelError
    from rhetoric.parsing.specs import compact_manifest

    if name == "compact":
        try:
            compact_manifest()
        except ModelError:
            pytest.skip("compact models not installed")
        return {"model": "compact"}
    folder = SHARED / "stanza_resources"
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(folder))
    return {"model": "stanza:default", "processors": "tokenize,mwt"}
