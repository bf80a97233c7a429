"""Stanza's token entries (a sentence of ``Document.to_dict()``): word-id spans, grouping by
surface token and moving ids, for the steps that rebuild a segmented document (sentence
joins, the possessive "its", sentence cuts).

>>> sentence = [{"id": 1, "text": "Its"}, {"id": (2, 3), "text": "don't"}, {"id": 2, "text": "do"},
...             {"id": 3, "text": "n't"}]
>>> [[e["text"] for e in group] for group in groups(sentence)]
[['Its'], ["don't", 'do', "n't"]]
>>> [e["id"] for e in shifted(sentence, 2)]
[3, (4, 5), 4, 5]
"""

from __future__ import annotations


def span(ident) -> tuple[int, int]:
    """First and last word id of an entry's id: ``3``, ``(3,)`` or a multi-word range ``(3, 4)``."""
    return (ident[0], ident[-1]) if isinstance(ident, (tuple, list)) else (ident, ident)


def groups(sentence: list[dict]) -> list[list[dict]]:
    """The entries of a sentence grouped by surface token (a multi-word token with its words)."""
    out, i = [], 0
    while i < len(sentence):
        first, last = span(sentence[i]["id"])
        size = last - first + 2 if last > first else 1
        out.append(sentence[i:i + size])
        i += size
    return out


def shifted(entries: list[dict], by: int) -> list[dict]:
    """Entries with every word id moved by ``by`` (a multi-word token's range too)."""
    return [{**entry, "id": tuple(i + by for i in entry["id"]) if isinstance(entry["id"], (tuple, list))
             else entry["id"] + by} for entry in entries]
