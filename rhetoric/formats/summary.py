"""A short human-readable summary of a parsed document (``rhetoric parse --format summary``).

>>> from rhetoric.formats.conllu import read_conllu
>>> print(to_summary(read_conllu("1\\tHi\\thi\\tINTJ\\tUH\\t_\\t0\\troot\\t_\\t_\\n\\n")[0]), end="")
text
  model        conllu ()
  characters   2
  paragraphs   1
  sentences    1
  words        1
  UPOS         INTJ 1
"""

from __future__ import annotations

from collections import Counter

from ..document import Document


def to_summary(doc: Document) -> str:
    """Title, model, sizes, the commonest UPOS tags and the entity types of a document."""
    upos = Counter(w.upos for _, w in doc.iter_words() if w.upos)
    lines = [
        f"{doc.meta.title or doc.meta.file or 'text'}" + (f" — {doc.meta.author}" if doc.meta.author else ""),
        f"  model        {doc.model} ({doc.fingerprint})",
        f"  characters   {len(doc.text):,}",
        f"  paragraphs   {len(doc.paragraphs)}",
        f"  sentences    {len(doc.sentences)}",
        f"  words        {doc.word_count:,}",
    ]
    if upos:
        lines.append("  UPOS         " + ", ".join(f"{t} {n}" for t, n in upos.most_common(8)))
    ents = Counter(e.type for s in doc.sentences for e in s.entities)
    if ents:
        lines.append("  entities     " + ", ".join(f"{t} {n}" for t, n in ents.most_common()))
    return "\n".join(lines) + "\n"
