"""Shared fixtures: where ../shared is, which parser models are available."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("RHETORIC_SHARED", ROOT.parent / "shared"))
CORPUS = ROOT / "corpus"
SEED = CORPUS / "nazarbayev-2011-smart-power-of-the-sco.txt"
OFFICIAL = SHARED / "stanza_resources"


def shared(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def compact_processors() -> tuple[str, ...]:
    from rhetoric.errors import ModelError
    from rhetoric.parsing.specs import compact_manifest

    try:
        return tuple(compact_manifest()["processors"])
    except ModelError:
        return ()


@pytest.fixture
def official(monkeypatch) -> dict:
    """Keyword arguments of ``parse`` for Stanford's official tokenizer and mwt from ../shared."""
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(shared("stanza_resources")))
    return {"model": "stanza:default", "processors": "tokenize,mwt"}


@pytest.fixture
def compact() -> dict:
    """Keyword arguments of ``parse`` for the full compact pipeline (skips if not installed)."""
    needed = ("tokenize", "mwt", "pos", "lemma", "depparse")
    if not set(needed) <= set(compact_processors()):
        pytest.skip("the compact models are not fully installed yet")
    return {"model": "compact"}


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
