"""The JSON view of a document (the stable contract of ``rhetoric ... --format json``).

Top-level keys: ``text`` (the document text, identical to the input), ``meta``,
``model``, ``rulesets``, ``sentences`` (each with ``start``, ``end``, ``paragraph`` and
its ``words``) and ``moves`` (``category``, ``start``, ``end`` -- character offsets
into ``text``, end exclusive -- ``rule``, ``ruleset``, ``confidence``, ``cues`` and
``words`` as ``[sentence index, word id]`` pairs, ``cue_spans``, the cues' character
offsets ``[start, end]``, ``voice``: ``"author"`` or the id of the attribution whose
content holds the move, and for an authority move ``attribution``, the relation it stands
for) and ``attributions`` (``id``, ``kind``, ``source`` ``[start, end]`` or null, ``cue``
``[start, end]``, ``content`` ``[[start, end], ...]``, ``rule``, ``confidence``).

>>> from rhetoric.formats.conllu import read_conllu
>>> doc = read_conllu("1\\tHi\\thi\\tINTJ\\tUH\\t_\\t0\\troot\\t_\\t_\\n\\n")[0]
>>> sorted(json.loads(to_json(doc)))
['attributions', 'meta', 'model', 'moves', 'rulesets', 'sentences', 'text']
"""

from __future__ import annotations

import json

import attrs

from ..document import Document


def _json_dict(doc: Document) -> dict:
    sentences = []
    word = {(s.index, w.id): w for s in doc.sentences for w in s.words}
    for paragraph in doc.paragraphs:
        for sentence in paragraph.sentences:
            sentences.append({
                "index": sentence.index, "paragraph": paragraph.index,
                "start": sentence.start, "end": sentence.end, "cut": sentence.cut,
                "words": [attrs.asdict(w) for w in sentence.words],
                "tokens": [attrs.asdict(m) for m in sentence.mwts],
                "entities": [attrs.asdict(e) for e in sentence.entities],
            })
    return {
        "text": doc.text,
        "meta": {k: v for k, v in attrs.asdict(doc.meta).items() if v not in (None, [], ())},
        "model": {"spec": doc.model, "fingerprint": doc.fingerprint, "stanza": doc.stanza_version},
        "rulesets": [attrs.asdict(r) for r in doc.rulesets],
        "sentences": sentences,
        "moves": [{
            "category": m.category, "start": m.start, "end": m.end, "rule": m.rule,
            "ruleset": m.ruleset, "confidence": m.confidence,
            "text": doc.text[m.start:m.end],
            "cues": [list(c) for c in m.cues], "words": [list(w) for w in m.words],
            "cue_spans": [[word[c].start, word[c].end] for c in m.cues],
            "voice": m.voice, **({"attribution": m.attribution} if m.attribution else {}),
        } for m in doc.moves],
        "attributions": [{
            "id": a.id, "kind": a.kind, "source": list(a.source) if a.source else None, "cue": list(a.cue),
            "content": [list(c) for c in a.content], "rule": a.rule, "confidence": a.confidence,
        } for a in doc.attributions],
    }


def to_json(doc: Document) -> str:
    """The document as a JSON string: UTF-8 text, keys in a fixed order, one trailing newline."""
    return json.dumps(_json_dict(doc), ensure_ascii=False, indent=1) + "\n"
