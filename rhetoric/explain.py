"""A readable account of the moves in a document: sentence by sentence, rule by rule.

>>> from rhetoric.formats.conllu import read_conllu
>>> from rhetoric.rules import tag
>>> doc = tag(read_conllu("1\\tGo\\tgo\\tVERB\\tVB\\tMood=Imp\\t0\\troot\\t_\\tSpaceAfter=No\\n"
...                       "2\\t!\\t!\\tPUNCT\\t.\\t_\\t1\\tpunct\\t_\\t_\\n\\n")[0])
>>> print(explain(doc, colour=False), end="")
[1] [Go!]
    call_to_action  call_to_action.imperative (0.85)  "Go!"  cues: Go
"""

from __future__ import annotations

from .categories import CATEGORY
from .document import Document


def explain(doc: Document, colour: bool = False, only_with_moves: bool = True) -> str:
    """Each sentence with its moves marked (ANSI colours or brackets) and one line per move."""
    lines: list[str] = []
    by_sentence: dict[int, list] = {}
    for move in doc.moves:
        by_sentence.setdefault(move.words[0][0] if move.words else -1, []).append(move)
    for sentence in doc.sentences:
        moves = by_sentence.get(sentence.index, [])
        if only_with_moves and not moves:
            continue
        lines.append(f"[{sentence.index + 1}] " + _highlight(doc.text, sentence.start, sentence.end, moves, colour))
        for move in moves:
            cues = " ".join(sentence.word(w).text for s, w in move.cues if s == sentence.index)
            snippet = doc.text[move.start:move.end].replace("\n", " ")
            snippet = snippet if len(snippet) <= 60 else snippet[:57] + "..."
            lines.append(f"    {move.category:<15} {move.rule} ({move.confidence:.2f})  \"{snippet}\"  cues: {cues}")
    return "\n".join(lines) + ("\n" if lines else "")


def _highlight(text: str, start: int, end: int, moves: list, colour: bool) -> str:
    marks: dict[int, list[str]] = {}
    for move in moves:
        lo, hi = max(move.start, start), min(move.end, end)
        if colour:
            marks.setdefault(lo, []).append(f"\x1b[{CATEGORY[move.category].ansi};1m")
            marks.setdefault(hi, []).insert(0, "\x1b[0m")
        else:
            marks.setdefault(lo, []).append("[")
            marks.setdefault(hi, []).insert(0, "]")
    out = []
    for i in range(start, end + 1):
        for mark in marks.get(i, []):
            if mark in ("]", "\x1b[0m"):
                out.append(mark)
        for mark in marks.get(i, []):
            if mark not in ("]", "\x1b[0m"):
                out.append(mark)
        if i < end:
            out.append(text[i])
    return "".join(out).replace("\n", " ")
