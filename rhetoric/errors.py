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

    def at(self, source: str) -> InputError:
        """The same error, naming ``source`` (the file a text or document came from)."""
        return InputError(source, self.problem, self.hint)


class UsageError(RhetoricError):
    """A request that cannot be carried out as asked (an unknown format, clashing outputs, ...)."""


class ModelError(UsageError):
    """A model spec that cannot be resolved or a model that is not installed."""


class RuleError(UsageError):
    """A rule file that cannot be loaded; ``problems`` holds one ``(line, rule id, message)`` each."""

    def __init__(self, path: str, problems: list[tuple[int, str, str]]) -> None:
        problems = list(dict.fromkeys(problems))
        self.path, self.problems = path, problems
        lines = [f"{path}:{line}: " + (f"rule {rid}: " if rid else "") + msg for line, rid, msg in problems]
        super().__init__(f"{len(problems)} problem(s) in rule file {path}:\n  " + "\n  ".join(lines)
                         + "\nfix the file and load it again")


class ConlluError(RhetoricError):
    """Malformed CoNLL-U, with the line where it went wrong."""

    def __init__(self, source: str, line: int, problem: str) -> None:
        self.source, self.line, self.problem = source, line, problem
        super().__init__(f"{source}, line {line}: {problem}")


class DocumentError(RhetoricError):
    """A document model whose parts contradict each other (offsets, ids, heads)."""
