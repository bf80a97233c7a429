"""Checking TEI files against the project's schema and for dangling pointers.

>>> from rhetoric.formats.conllu import read_conllu
>>> from rhetoric.tei.writer import to_tei
>>> validate_tei(to_tei(read_conllu("1\\tHi\\thi\\tINTJ\\tUH\\t_\\t0\\troot\\t_\\t_\\n\\n")[0]))
[]
"""

from __future__ import annotations

import functools
import os
from importlib import resources

from lxml import etree

from ..xml import parse_source
from .names import XML_ID

#: The project's RELAX NG schema, shipped inside the package (``rhetoric/tei/rhetoric-tei.rng``).
SCHEMA = resources.files(__package__) / "rhetoric-tei.rng"
POINTER_ATTRIBUTES = ("target", "from", "to", "ana", "corresp", "resp")
PREFIXES = {"ud-syn": "#ud-syn."}


@functools.lru_cache(maxsize=1)
def schema() -> etree.RelaxNG:
    """The project's RELAX NG schema, compiled once."""
    with SCHEMA.open("rb") as handle:
        return etree.RelaxNG(etree.parse(handle))


def dangling_pointers(root: etree._Element) -> list[tuple[int, str]]:
    """Every ``#id`` (and ``ud-syn:`` prefixed value) that names no element, with its line."""
    ids = {element.get(XML_ID) for element in root.iter() if element.get(XML_ID)}
    problems = []
    for element in root.iter():
        for name in POINTER_ATTRIBUTES:
            value = element.get(name)
            if not value:
                continue
            for ref in value.split():
                prefix, _, rest = ref.partition(":")
                if prefix in PREFIXES and rest:
                    ref = PREFIXES[prefix] + rest.replace(":", "_")
                if ref.startswith("#") and ref[1:] not in ids:
                    tag = etree.QName(element).localname
                    problems.append((element.sourceline or 0, f"<{tag} {name}=\"{value}\">: {ref} points at no element"))
    return problems


def validate_tei(source: str | os.PathLike | bytes) -> list[tuple[int, str]]:
    """Problems of a TEI file as ``(line, message)`` pairs: schema errors, then dangling pointers.

    An empty list means the file is valid.  Files that are not well-formed or declare a
    DOCTYPE raise :class:`InputError`.
    """
    root, name = parse_source(source)
    rng = schema()
    problems = []
    if not rng.validate(root):
        problems.extend((e.line, e.message) for e in rng.error_log)
    problems.extend(dangling_pointers(root))
    return problems
