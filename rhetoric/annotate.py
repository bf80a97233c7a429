"""Text or parsed document in, document with rhetorical moves out."""

from __future__ import annotations

from collections.abc import Sequence

from .document import Document, Metadata
from .parsing import ParseCache, parse
from .rules import Matcher, RuleSpec, load_rules, tag


def annotate(source: str | Document | Sequence[str | Document], rules: Sequence[RuleSpec] = (), *,
             builtin: bool = True, model: str = "compact", cache: ParseCache | str | None = None,
             meta: Metadata | None = None, min_confidence: float = 0.0) -> Document | list[Document]:
    """Find rhetorical moves in a text, a parsed document, or a list of either.

    ``rules`` (rule files, folders of them, or loaded rule sets) are used beside the
    built-in rule sets, or instead of them with ``builtin=False`` -- as in
    :func:`~rhetoric.rules.load_rules` and ``rhetoric annotate --rules``.  Texts are
    parsed first (in batches) with ``model``.  ``min_confidence`` keeps only the moves of
    rules at least that confident (rule confidences are calibrated precisions).

    >>> doc = annotate("It is possible that the SCO will assume responsibility.")  # doctest: +SKIP
    >>> [(m.category, m.rule) for m in doc.moves]                                   # doctest: +SKIP
    [('hedge', 'hedge.adjective')]
    """
    matcher = Matcher(load_rules(*rules, builtin=builtin), min_confidence=min_confidence)
    single = isinstance(source, (str, Document))
    items = [source] if single else list(source)
    texts = [i for i, item in enumerate(items) if isinstance(item, str)]
    if texts:
        parsed = parse([items[i] for i in texts], model=model, cache=cache, meta=meta)
        for i, doc in zip(texts, parsed):
            items[i] = doc
    out = [tag(doc, matcher) for doc in items]
    return out[0] if single else out
