"""A readable account of the moves in a document: sentence by sentence, rule by rule.

>>> from rhetoric.formats.conllu import read_conllu
>>> from rhetoric.rules import tag
>>> doc = tag(read_conllu("1\\tGo\\tgo\\tVERB\\tVB\\tMood=Imp\\t0\\troot\\t_\\tSpaceAfter=No\\n"
...                       "2\\t!\\t!\\tPUNCT\\t.\\t_\\t1\\tpunct\\t_\\t_\\n\\n")[0])
>>> print(explain(doc, colour=False), end="")  # doctest: +ELLIPSIS
[0] [1 Go! 1]
    1 call_to_action  ...  "Go!"  cues: Go

A move in reported words names who speaks (``voice: a1 (Trump)``); an authority move
spells out its relation: ``source "Trump" | cue "said" | content "We will win"``.
"""

from __future__ import annotations

from .categories import CATEGORY
from .document import AUTHOR, Attribution, Document

RESET = "\x1b[0m"

#: The text's control characters, written as escapes so that a text cannot drive the terminal
#: (an ESC starts a colour or a cursor move); line ends become spaces.
VISIBLE = {c: f"\\x{c:02x}" for c in (*range(0x09), *range(0x0b, 0x20), 0x7f, *range(0x80, 0xa0))} | {
    ord("\n"): " ", ord("\r"): " "}


def explain(doc: Document, colour: bool = False, only_with_moves: bool = True) -> str:
    """Each sentence (numbered from 0, as in the JSON output) with its moves marked, then one
    line per move with its whole text, its voice when it is not the author's and, for an
    authority move, the relation it stands for.  Without colour, move N is ``[N ...  N]``, so nested
    and crossing moves stay unambiguous; with colour, each move is in its category's colour."""
    lines: list[str] = []
    by_index = {s.index: s for s in doc.sentences}
    sources = {a.id: _quoted(doc.text, a.source).strip('"') or "no source" for a in doc.attributions}
    relations = {a.id: _relation(doc.text, a) for a in doc.attributions}
    by_sentence: dict[int, list] = {}
    for move in doc.moves:
        by_sentence.setdefault(move.words[0][0] if move.words else -1, []).append(move)
    for sentence in doc.sentences:
        moves = by_sentence.get(sentence.index, [])
        if only_with_moves and not moves:
            continue
        lines.append(f"[{sentence.index}] " + _highlight(doc.text, sentence.start, sentence.end, moves, colour))
        for number, move in enumerate(moves, 1):
            cues = " ".join(by_index[s].word(w).text for s, w in move.cues if s in by_index).translate(VISIBLE)
            whole = " ".join(doc.text[move.start:move.end].split()).translate(VISIBLE)
            lines.append(f"    {number} {move.category:<15} {move.rule} ({move.confidence:.2f})  \"{whole}\"  cues: {cues}"
                         + (f"  voice: {move.voice} ({sources[move.voice]})" if move.voice != AUTHOR else ""))
            if move.attribution in relations:
                lines.append(f"      {relations[move.attribution]}")
    return "\n".join(lines) + ("\n" if lines else "")


def _quoted(text: str, span: tuple[int, int] | None) -> str:
    return f"\"{' '.join(text[span[0]:span[1]].split()).translate(VISIBLE)}\"" if span else "(none)"


def _relation(text: str, a: Attribution) -> str:
    """One attribution relation in a line: kind, source, cue and content."""
    content = " ... ".join(_quoted(text, c) for c in a.content)
    return f"{a.id} {a.kind}: source {_quoted(text, a.source)} | cue {_quoted(text, a.cue)} | content {content}"


def _highlight(text: str, start: int, end: int, moves: list, colour: bool) -> str:
    opening: dict[int, list[str]] = {}
    closing: dict[int, list[str]] = {}
    for number, move in enumerate(moves, 1):
        lo, hi = max(move.start, start), min(move.end, end)
        opening.setdefault(lo, []).append(f"\x1b[{CATEGORY[move.category].ansi};1m" if colour else f"[{number} ")
        closing.setdefault(hi, []).insert(0, RESET if colour else f" {number}]")
    out = []
    for i in range(start, end + 1):
        out.extend(closing.get(i, []))
        out.extend(opening.get(i, []))
        if i < end:
            out.append(text[i].translate(VISIBLE))
    return "".join(out)
