"""Benchmarks read data from ../shared and skip cleanly without it.

Run them with ``python -m pytest benchmarks --benchmark-enable``; each records its
throughput (words per second) in ``extra_info``.
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


def model_kwargs(name: str) -> dict:
    """Parse options for a model name, skipping when that model is not installed."""
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
    os.environ["STANZA_RESOURCES_DIR"] = str(folder)
    return {"model": "stanza:default", "processors": "tokenize,mwt"}
