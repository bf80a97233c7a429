"""Pairing quotation marks over a whole text: the direct quotes attributions are built on.

Curly marks say which way they face; a straight ``"`` (or two apostrophes ``''``, as some
newswire archives write it) opens when it follows a space, an opening bracket or the start
of a paragraph, closes when a quote is open, and otherwise opens.  A quote still open at
the end of a paragraph continues when the next paragraph begins with an opening mark (the
English convention for a quote over several paragraphs); otherwise it is dropped as an
unpaired mark.  Single quotes are left alone: they are mostly apostrophes, and nested
quotes sit inside a double-quoted span anyway.

>>> text = 'He said,"We will win." Then: “More.'
>>> [text[s:e] for s, e in quotations(text)]
['"We will win."']
"""

from __future__ import annotations

import re

OPENING = "“«"
CLOSING = "”»"
STRAIGHT = ('"', "''")
QUOTE_MARK = re.compile(r"''|[\"“”«»]")
MARKS = re.compile(rf"{QUOTE_MARK.pattern}|\n[ \t]*\n|\r[ \t]*\r|\r\n[ \t]*\r\n")
_OPENS_AFTER = " \t\n\r([{—–-/"


def quotations(text: str) -> list[tuple[int, int]]:
    """Spans of the paired double quotes of ``text``, marks included, in text order.

    >>> text = '“One paragraph.\\n\\n“And the next,” she said.'
    >>> quotations(text) == [(0, len(text) - 10)]
    True
    """
    found: list[tuple[int, int]] = []
    start: int | None = None
    pending: int | None = None  # a quote left open at a paragraph end, waiting for the next paragraph
    paragraph_start = 0
    for match in MARKS.finditer(text):
        mark, at = match.group(), match.start()
        if mark.strip(" \t") in ("\n\n", "\r\r", "\r\n\r\n") or not mark.strip():
            pending, start = start, None
            paragraph_start = match.end()
            continue
        straight = mark in STRAIGHT
        opening = mark in OPENING or (straight and start is None)
        if straight and start is not None and (at == 0 or text[at - 1] in _OPENS_AFTER):
            after = match.end()
            opening = after < len(text) and not text[after].isspace() and text[at - 1] != "-"
            if opening:  # an unclosed straight quote before this one: drop it
                start = None
        if opening:
            if pending is not None and not text[paragraph_start:at].strip():
                start, pending = pending, None  # the quote continues from the last paragraph
            elif start is None:
                start, pending = at, None
            continue
        if start is not None:
            found.append((start, match.end()))
            start = None
        pending = None
    return found
