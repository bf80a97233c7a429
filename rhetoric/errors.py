"""The one error hierarchy of ``rhetoric``.

Every error the library raises on purpose is a :class:`RhetoricError`.  Messages say
what was expected, what came, and what to do about it; the structured fields let
programs react without parsing the message.

>>> try:
...     raise InputError("report.txt", "the file is empty", "give a file with some text")
... except RhetoricError as error:
...     print(error)
report.txt: the file is empty; give a file with some text
"""

from __future__ import annotations


class RhetoricError(Exception):
    """Base class of every error raised by ``rhetoric``."""


class InputError(RhetoricError):
    """An input (file, text or bytes) that cannot be used as it is."""

    def __init__(self, source: str, problem: str, hint: str = "") -> None:
        self.source, self.problem, self.hint = source, problem, hint
        super().__init__(f"{source}: {problem}" + (f"; {hint}" if hint else ""))


class ModelError(RhetoricError):
    """A model spec that cannot be resolved or a model that is not installed."""


class ConlluError(RhetoricError):
    """Malformed CoNLL-U, with the line where it went wrong."""

    def __init__(self, source: str, line: int, problem: str) -> None:
        self.source, self.line, self.problem = source, line, problem
        super().__init__(f"{source}, line {line}: {problem}")


class DocumentError(RhetoricError):
    """A document model whose parts contradict each other (offsets, ids, heads)."""
