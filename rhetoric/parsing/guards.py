"""Keeping Stanza's tokenizer linear in the length of text that is not prose.

Two steps of Stanza's tokenizer (1.15) take time that grows faster than the text on
input no writer produces, and an input file may hold 20 MB:

* **Long runs.** After its model has split a paragraph, the tokenizer runs one regular
  expression over it (``stanza.models.tokenization.utils.MASK_RE``) so that e-mail
  addresses and URLs stay whole tokens.  Several of its branches begin with an unbounded
  run of letters, digits or punctuation, so on a run of n characters without a space that
  is no URL every start position scans to the run's end: n²/2 steps: on this machine
  0.6 s for 8,000 characters, 7.7 s for 30,000, and a file holding one word of 300,000
  characters (a base64 image pasted into a text is such a word) had not finished after
  300 s.  :class:`LongRunGuard` takes the expression's place: it finds the same matches
  with the same expression but skips every run of :data:`MAX_RUN` or more characters that
  a match cannot cross.  A text without such a run gets exactly Stanza's matches; in a run
  that long the tokenizer's model alone decides where tokens end.
* **Stalled windows.** A paragraph longer than 1,000 characters is read in windows of
  1,000, each starting after the last sentence end the one before it found.  Where the
  model finds an end only at a window's first characters (thousands of opening quote
  marks: 4,000 characters took 1,003 windows, 13 s), it reads the paragraph again for
  every few characters.  :class:`WindowBudget` counts the windows of each call and stops
  the text with an :class:`~rhetoric.errors.InputError` once they pass one per
  :data:`CHARACTERS_PER_WINDOW` characters (prose needs about one per 900), so such text
  costs at most about what prose of its length costs to parse.

>>> import re
>>> guard = LongRunGuard(re.compile(r"[a-z]+\\.com"), longest=8)
>>> [m.group() for m in guard.finditer("see abc.com or abcdefgh.com")]
['abc.com']
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator

import attrs

from ..errors import InputError

#: Runs without a separator at least this long are not checked for URLs and e-mail addresses.
MAX_RUN = 1_000

#: Characters no branch of Stanza's expression matches: whitespace (Python's ``\\s``) less the
#: controls \\x0b, \\x0c and \\x1c-\\x1f, which its quoted e-mail and IP-literal branches accept.
SEPARATORS = "\t\n\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

#: The tokenizer may read one window for this many characters of a call's text (plus one per line).
#: Prose needs one per 880-920 characters in a single paragraph (20 Federalist papers, 20 PolNeAR
#: articles, their whitespace made single spaces), and 4% of this budget in files as they come.
CHARACTERS_PER_WINDOW = 250


@attrs.frozen
class LongRunGuard:
    """A stand-in for a compiled pattern whose ``finditer`` skips runs of ``longest`` or more
    characters without a :data:`SEPARATORS` character."""

    pattern: re.Pattern
    longest: int = MAX_RUN
    _runs: re.Pattern = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_runs", re.compile(f"[^{SEPARATORS}]{{{self.longest},}}"))

    def finditer(self, text: str) -> Iterator[re.Match]:
        """The pattern's matches in ``text`` outside the long runs, with offsets into all of ``text``."""
        start = 0
        for run in self._runs.finditer(text):
            yield from self.pattern.finditer(text, start, run.start())
            start = run.end()
        yield from self.pattern.finditer(text, start)


class WindowBudget:
    """A stand-in for the tokenizer trainer's ``predict`` that counts the windows it is asked
    for while :meth:`limit` is in force, and raises :class:`InputError` past the limit."""

    def __init__(self, predict) -> None:
        self.predict, self._state = predict, threading.local()

    @contextlib.contextmanager
    def limit(self, texts: list[str]) -> Iterator[None]:
        """Allow, while the block runs, the windows that tokenizing ``texts`` may need."""
        state = self._state
        state.chars = sum(len(t) for t in texts)
        state.allowed = state.left = state.chars // CHARACTERS_PER_WINDOW + sum(t.count("\n") for t in texts) + 10
        try:
            yield
        finally:
            state.left = None

    def __call__(self, batch):
        state = self._state
        if getattr(state, "left", None) is not None:
            if state.left <= 0:
                raise InputError("text", f"Stanza's tokenizer read more than {state.allowed:,} windows of up to "
                                 f"1,000 characters in {state.chars:,} characters without finding where their "
                                 "sentences end, as it does on text that is not prose (long runs of quote marks "
                                 "or symbols)", "remove that part of the text")
            state.left -= 1
        return self.predict(batch)


def install(nlp) -> WindowBudget | None:
    """Put the guards in place in a loaded pipeline (and, once per process, around Stanza's
    expression); returns the pipeline's :class:`WindowBudget`, or None without a tokenizer."""
    from stanza.models.tokenization import utils

    if not isinstance(utils.MASK_RE, LongRunGuard):
        utils.MASK_RE = LongRunGuard(utils.MASK_RE)
    tokenizer = nlp.processors.get("tokenize")
    if tokenizer is None:
        return None
    if not isinstance(tokenizer.trainer.predict, WindowBudget):
        tokenizer.trainer.predict = WindowBudget(tokenizer.trainer.predict)
    return tokenizer.trainer.predict


def bounded(nlp, texts: list[str]) -> contextlib.AbstractContextManager:
    """A block in which ``nlp`` tokenizes ``texts`` under the guards."""
    budget = install(nlp)
    return budget.limit(texts) if budget is not None else contextlib.nullcontext()
