"""Parsing English text with Stanza into :class:`~rhetoric.document.Document` objects.

This package is the only place that touches Stanza: it resolves model specs
(:mod:`.specs`), runs the pipeline in batches, converts the result
(:mod:`.convert`) and keeps a parse cache (:mod:`.cache`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..document import Document, Metadata
from .cache import ParseCache
from .convert import from_stanza
from .limits import MAX_WORDS, run
from .specs import ModelSpec, fingerprint, pipeline

__all__ = ["parse", "ParseCache", "ModelSpec", "BATCH", "MAX_WORDS"]

#: Texts per batched Stanza call; every caller (command, corpus runs, evaluation) gets this policy.
BATCH = 8


def parse(texts: str | Sequence[str], model: str = "compact", *, processors: str | Sequence[str] | None = None,
          cache: ParseCache | str | os.PathLike | None = None,
          meta: Metadata | Sequence[Metadata] | None = None) -> Document | list[Document]:
    """Parse one text or a list of texts into documents.

    A list is parsed in batched Stanza calls of :data:`BATCH` texts.  ``model`` is ``"compact"`` (the
    shipped models) or ``"stanza:<package>"``; ``processors`` chooses a subset such as
    ``"tokenize,mwt"``.  With ``cache`` (a :class:`ParseCache` or a folder) parses are
    reused across runs.  Text that holds only whitespace gives a document with no
    paragraphs.  A sentence longer than :data:`MAX_WORDS` words is parsed in pieces
    (``Sentence.cut`` marks each piece the next one continues), so memory stays flat.

    >>> doc = parse("Read the report before you vote.")  # doctest: +SKIP
    >>> doc.sentences[0].words[0].feat("Mood")           # doctest: +SKIP
    'Imp'
    """
    single = isinstance(texts, str)
    batch = [texts] if single else list(texts)
    metas = _metas(meta, len(batch))
    spec = ModelSpec.from_string(model, processors)
    print_ = fingerprint(spec)
    if cache is not None and not isinstance(cache, ParseCache):
        cache = ParseCache(cache)

    results: list[Document | None] = [None] * len(batch)
    todo: list[int] = []
    for i, text in enumerate(batch):
        if not isinstance(text, str):
            raise TypeError(f"parse() takes str or a list of str; item {i} is {type(text).__name__}")
        if not text.strip():
            results[i] = Document(text=text, paragraphs=(), meta=metas[i], model=str(spec), fingerprint=print_)
        elif cache is not None and (hit := cache.get(text, print_, metas[i])) is not None:
            results[i] = hit
        else:
            todo.append(i)
    if todo:
        import stanza

        for first in range(0, len(todo), BATCH):
            chunk = todo[first:first + BATCH]
            parsed, cut = run(pipeline(spec), [stanza.Document([], text=batch[i]) for i in chunk])
            for i, stanza_doc, marks in zip(chunk, parsed, cut):
                results[i] = from_stanza(stanza_doc, batch[i], metas[i], str(spec), print_, cut=marks)
                if cache is not None:
                    cache.put(results[i])
    return results[0] if single else results


def _metas(meta: Metadata | Sequence[Metadata] | None, n: int) -> list[Metadata]:
    if meta is None:
        return [Metadata()] * n
    if isinstance(meta, Metadata):
        return [meta] * n
    meta = list(meta)
    if len(meta) != n:
        raise ValueError(f"got {len(meta)} metadata records for {n} texts; give one per text")
    return meta
