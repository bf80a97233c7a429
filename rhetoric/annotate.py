"""Text or parsed document in, document with rhetorical moves out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .document import Document, Metadata
from .parsing import ParseCache, parse
from .rules import RuleSet, RuleSpec, load_rules, tag


def annotate(source: str | Document | Sequence[str | Document], rules: Iterable[RuleSpec] | None = None,
             *, model: str = "compact", cache: ParseCache | str | None = None,
             meta: Metadata | None = None) -> Document | list[Document]:
    """Find rhetorical moves in a text, a parsed document, or a list of either.

    ``rules`` are rule sets or rule files; by default the built-in rule sets.  Texts are
    parsed first (in one batch) with ``model``.

    >>> doc = annotate("It is possible that the SCO will assume responsibility.")  # doctest: +SKIP
    >>> [(m.category, m.rule) for m in doc.moves]                                   # doctest: +SKIP
    [('hedge', 'hedge.adjective')]
    """
    sets = _rulesets(rules)
    single = isinstance(source, (str, Document))
    items = [source] if single else list(source)
    texts = [i for i, item in enumerate(items) if isinstance(item, str)]
    if texts:
        parsed = parse([items[i] for i in texts], model=model, cache=cache, meta=meta)
        for i, doc in zip(texts, parsed):
            items[i] = doc
    out = [tag(doc, sets) for doc in items]
    return out[0] if single else out


def _rulesets(rules: Iterable[RuleSpec] | None) -> list[RuleSet]:
    if rules is None:
        return load_rules()
    rules = list(rules)
    if all(isinstance(r, RuleSet) for r in rules):
        return rules
    return load_rules(*rules, builtin=False)
