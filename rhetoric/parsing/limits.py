"""Keeping the parser's memory flat: sentences longer than :data:`MAX_WORDS` are cut.

The dependency parser scores every pair of words, so its memory grows with the square of
a sentence's length: a 4,000-word "sentence" (a page without punctuation) would need
gigabytes.  The pipeline therefore runs in two steps: segmentation (tokenize, mwt), then
every sentence longer than the limit is cut into pieces of at most :data:`MAX_WORDS`
words -- after the last comma, semicolon, colon or dash of the second half of a piece
when there is one -- and the pieces are tagged and parsed as sentences of their own.
Each piece but the last is marked ``Sentence.cut`` in the document.

>>> pieces([[{"id": i, "text": "w"} for i in range(1, 6)]], limit=2)
([[{'id': 1, 'text': 'w'}, {'id': 2, 'text': 'w'}], [{'id': 1, 'text': 'w'}, {'id': 2, 'text': 'w'}], [{'id': 1, 'text': 'w'}]], {0, 1})
"""

from __future__ import annotations

from .boundaries import rejoin
from .entries import groups, shifted, span
from .guards import bounded
from .possessive import unsplit

#: The most words a sentence may have when it reaches the tagger and the parser.
MAX_WORDS = 250

_BREAKS = {",", ";", ":", "—", "–", "-", "--"}
_SEGMENTATION = ("tokenize", "mwt")


def run(nlp, docs: list) -> tuple[list, list[set[int]]]:
    """Run a Stanza pipeline over documents, its tokenizer under :func:`.guards.bounded`:
    between segmentation and the other processors, make each possessive "its" one word
    again (:func:`.possessive.unsplit`), join the sentences the segmenter ended inside a
    name (:func:`.boundaries.rejoin`) and cut over-long ones; returns the documents and,
    for each, the indexes of its cut sentences."""
    with bounded(nlp, [doc.text for doc in docs]):
        segmented = nlp.process(docs, processors=[p for p in _SEGMENTATION if p in nlp.processors])
    docs, cut = cut_long_sentences(rejoin(unsplit(segmented)))
    rest = [p for p in nlp.processors if p not in _SEGMENTATION]
    return (nlp.process(docs, processors=rest) if rest else docs), cut


def cut_long_sentences(docs: list, limit: int = MAX_WORDS) -> tuple[list, list[set[int]]]:
    """Segmented Stanza documents with their over-long sentences cut (:func:`pieces`), and the
    indexes of each document's cut sentences; documents without one are passed through untouched."""
    import stanza

    out, cut = [], []
    for doc in docs:
        if all(len(sentence.words) <= limit for sentence in doc.sentences):  # the common case: no copying
            out.append(doc)
            cut.append(set())
            continue
        sentences, marks = pieces(doc.to_dict(), limit)
        out.append(stanza.Document(sentences, text=doc.text))
        cut.append(marks)
    return out, cut


def pieces(sentences: list[list[dict]], limit: int = MAX_WORDS) -> tuple[list[list[dict]], set[int]]:
    """Sentences (Stanza's token dicts) with every one longer than ``limit`` words cut into
    pieces; and the indexes of the pieces that the next one continues."""
    out: list[list[dict]] = []
    marks: set[int] = set()
    for sentence in sentences:
        tokens = groups(sentence)
        start, left = 0, sum(map(_words, tokens))
        while left > limit:
            end = _cut_point(tokens, start, limit)
            out.append(_renumber([entry for group in tokens[start:end] for entry in group]))
            marks.add(len(out) - 1)
            left -= sum(map(_words, tokens[start:end]))
            start = end
        out.append(_renumber([entry for group in tokens[start:] for entry in group]))
    return out, marks


def _words(group: list[dict]) -> int:
    """Words in a token's group of entries: a multi-word token's own entry is no word."""
    return len(group) - (len(group) > 1)


def _cut_point(tokens: list[list[dict]], start: int, limit: int) -> int:
    """Where the piece that begins at token ``start`` ends: at most ``limit`` words, after a
    break in its second half if it has one."""
    words, end = 0, start
    for end in range(start, len(tokens)):
        words += _words(tokens[end])
        if words > limit:
            break
    for k in range(end - 1, max(start + (end - start) // 2, start + 1) - 1, -1):
        if tokens[k][0]["text"] in _BREAKS:
            return k + 1
    return max(end, start + 1)


def _renumber(entries: list[dict]) -> list[dict]:
    """Entries whose word ids start at 1 again."""
    return shifted(entries, 1 - span(entries[0]["id"])[0])
