"""Every output format, in one registry used by the library, the command and corpus runs.

Each serializer is a function ``to_<format>(doc)`` in its own module (``to_tei`` lives in
:mod:`rhetoric.tei`); :func:`render` gives any of them as bytes, and :data:`FORMATS`
says which file suffix each one writes.

>>> from rhetoric.formats.conllu import read_conllu
>>> doc = read_conllu("1\\tHi\\thi\\tINTJ\\tUH\\t_\\t0\\troot\\t_\\t_\\n\\n")[0]
>>> FORMATS["tei"].suffix, render(doc, "json")[:9]
('.xml', b'{\\n "text"')
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

import attrs

from ..document import Document
from ..errors import UsageError


def _tei(doc: Document, inline_moves: bool) -> bytes:
    from ..tei import to_tei

    return to_tei(doc, inline_moves=inline_moves)


def _xmi_typesystem() -> str:
    from .xmi import typesystem_xml

    return typesystem_xml()


def _text(name: str) -> Callable[[Document, bool], bytes]:
    def render(doc: Document, inline_moves: bool) -> bytes:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{name}"), f"to_{name}")(doc).encode("utf-8")

    return render


@attrs.frozen(kw_only=True)
class Format:
    """An output format: its ``name``, the ``suffix`` of its files, what it is for, and its writer."""

    name: str
    suffix: str
    description: str
    write: Callable[[Document, bool], bytes] = attrs.field(repr=False)
    annotated: bool = True  # carries moves (offered by ``annotate``); else a view of the parse only
    companion: Callable[[], tuple[str, str]] | None = None  # a file the outputs need beside them: (name, text)


FORMATS = MappingProxyType({f.name: f for f in (
    Format(name="json", suffix=".json", description="the document and its moves as JSON", write=_text("json")),
    Format(name="conllu", suffix=".conllu", description="CoNLL-U, moves in MISC and comments",
           write=_text("conllu")),
    Format(name="tei", suffix=".xml", description="TEI P5, moves in standOff", write=_tei),
    Format(name="vertical", suffix=".vert", description="(No)Sketch Engine / CQPweb vertical",
           write=_text("vertical")),
    Format(name="xmi", suffix=".xmi", description="UIMA CAS XMI for INCEpTION, with TypeSystem.xml beside it",
           write=_text("xmi"), companion=lambda: ("TypeSystem.xml", _xmi_typesystem())),
    Format(name="summary", suffix=".txt", description="a short summary of the parse", write=_text("summary"),
           annotated=False),
)})


def get_format(name: str) -> Format:
    """The format called ``name``, or a :class:`~rhetoric.errors.UsageError` listing the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown output format {name!r}; expected one of {', '.join(FORMATS)}") from None


def render(doc: Document, format: str, *, inline_moves: bool = False) -> bytes:
    """The document in ``format`` as bytes; ``inline_moves`` adds TEI's inline move view."""
    return get_format(format).write(doc, inline_moves)
