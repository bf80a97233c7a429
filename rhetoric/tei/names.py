"""Namespaces, tag helpers and the text escapes shared by the TEI writer and reader."""

from __future__ import annotations

import re

from ..document import CONTROL_CHARACTERS

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: TEI_NS}
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"


def tei(tag: str) -> str:
    """Clark name of a TEI element: ``tei("w") == "{http://www.tei-c.org/ns/1.0}w"``."""
    return f"{{{TEI_NS}}}{tag}"


#: Characters XML 1.0 cannot carry (C0 controls but tab/newline/return, surrogates, U+FFFE/F).
FORBIDDEN = CONTROL_CHARACTERS
_ESCAPED = re.compile(r"\\(\\|u[0-9a-f]{4})")


def escape_attribute(value: str) -> str:
    """Backslash escapes for an attribute value that holds forbidden characters (``\\u000b``)."""
    return FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", value.replace("\\", "\\\\"))


def unescape_attribute(value: str) -> str:
    """Inverse of :func:`escape_attribute`."""
    return _ESCAPED.sub(lambda m: "\\" if m.group(1) == "\\" else chr(int(m.group(1)[1:], 16)), value)


def ncname(value: str) -> str:
    """An NCName built from any string (for xml:id values made from rule ids)."""
    name = re.sub(r"[^\w.\-]", lambda m: f"_{ord(m.group()):x}_", value)
    return name if re.match(r"[^\W\d]", name) else "_" + name
