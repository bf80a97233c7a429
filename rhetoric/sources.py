"""The one road from input files to documents, used by the library, the command and corpus runs.

An input is one of three kinds, told by its suffix:

``.conllu``
    a saved parse or a treebank file holding one document (read, never parsed again);
``.xml``
    TEI written by rhetoric (read back with its moves, never parsed again);
anything else
    a UTF-8 text, parsed with Stanza; ``x.meta.toml`` beside ``x.txt`` gives its metadata.

Folders are walked in sorted order for ``.txt``, ``.conllu`` and ``.xml`` files.  Texts
are parsed :data:`BATCH` at a time (one batched Stanza call each), whoever asks.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.conllu").write_text("1\\tHi\\thi\\tINTJ\\tUH\\t_\\t0\\troot\\t_\\t_\\n\\n")
>>> [(path.name, doc.text) for path, doc in load([folder])]
[('a.conllu', 'Hi')]
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from .document import Document, Metadata
from .errors import InputError, RhetoricError
from .inputs import decode_text, read_bytes, read_metadata, read_text
from .parsing import BATCH, parse

#: File suffixes picked up inside folders.
INPUT_SUFFIXES = (".txt", ".conllu", ".xml")


def iter_inputs(paths: Iterable[str | os.PathLike], pattern: str | None = None) -> Iterator[Path]:
    """Files as named, and the inputs inside named folders (sorted); with ``pattern`` (a
    multiline regular expression) only the files whose text matches it.  A folder with no
    inputs is given back itself, and so is anything in a folder that has an input's suffix
    but is not a file that can be read (a broken link, a device, a file over the size
    limit), so that reading it reports the problem.

    >>> list(iter_inputs(["op-ed.txt"]))
    [PosixPath('op-ed.txt')]
    """
    regex = re.compile(pattern, re.M) if pattern else None
    for item in paths:
        path = Path(item)
        found = (sorted(p for p in path.rglob("*") if p.suffix in INPUT_SUFFIXES and not p.is_dir())
                 if path.is_dir() else [path]) or [path]
        for file in found:
            if regex is None or _unreadable_or_matches(file, regex):
                yield file


def _unreadable_or_matches(path: Path, regex: re.Pattern) -> bool:
    try:
        return regex.search(read_text(path)) is not None
    except InputError:
        return True


@attrs.frozen(kw_only=True)
class Source:
    """An input file read into memory: its ``path``, its ``kind`` (``text``, ``conllu``, ``tei``)
    and its raw ``data`` (what corpus runs stamp)."""

    path: Path
    kind: str
    data: bytes = attrs.field(repr=False)


def kind_of(path: str | os.PathLike) -> str:
    """``conllu``, ``tei`` or ``text``, by suffix."""
    return {".conllu": "conllu", ".xml": "tei"}.get(Path(path).suffix, "text")


def read_source(path: str | os.PathLike) -> Source:
    """Read one input file (or raise :class:`InputError`: missing, a folder, too large, ...)."""
    path = Path(path)
    return Source(path=path, kind=kind_of(path), data=read_bytes(path))


def _parsed(source: Source) -> Document:
    """The document of a CoNLL-U or TEI source (no parser needed)."""
    name = str(source.path)
    if source.kind == "tei":
        from .tei import read_tei

        return read_tei(source.data, name=name)
    from .formats.conllu import read_conllu

    docs = read_conllu(decode_text(source.data, name), meta=read_metadata(source.path), name=name)
    if len(docs) != 1:
        raise InputError(name, f"holds {len(docs)} documents; expected one", "split it at its '# newdoc' lines")
    return docs[0]


def documents(sources: Sequence[Source], *, model: str = "compact", processors: str | None = None,
              cache=None) -> list[Document | RhetoricError]:
    """The document of each source, or the error that stops it; the texts among them are
    parsed in one batched call (one by one when the batch fails, to isolate the bad text)."""
    out: list[Document | RhetoricError | None] = [None] * len(sources)
    texts: list[tuple[int, str, Metadata]] = []
    for i, source in enumerate(sources):
        try:
            if source.kind == "text":
                texts.append((i, decode_text(source.data, str(source.path)), read_metadata(source.path)))
            else:
                out[i] = _parsed(source)
        except RhetoricError as error:
            out[i] = error
    if texts:
        try:
            parsed = parse([t for _, t, _ in texts], model=model, processors=processors, cache=cache,
                           meta=[m for _, _, m in texts])
        except Exception as error:  # a text the parser cannot take, or a parser failure: find the text
            if isinstance(error, RhetoricError) and not isinstance(error, InputError):
                raise
            parsed = [_parse_alone(sources[i].path, text, meta, model, processors, cache) for i, text, meta in texts]
        for (i, _, _), doc in zip(texts, parsed):
            out[i] = doc
    return out


def _parse_alone(path: Path, text: str, meta, model: str, processors: str | None, cache) -> Document | InputError:
    try:
        return parse(text, model=model, processors=processors, cache=cache, meta=meta)
    except InputError as error:
        return error.at(str(path))
    except RhetoricError:
        raise
    except Exception as error:  # Stanza's own failures come in many types
        return InputError(str(path), f"the parser failed: {type(error).__name__}: {error}",
                          "report it with the file attached")


def load(paths: Iterable[str | os.PathLike], *, model: str = "compact", processors: str | None = None,
         cache=None) -> Iterator[tuple[Path, Document | RhetoricError]]:
    """``(path, document)`` for every input in order, or ``(path, error)`` for one that cannot be
    used; read and parsed :data:`BATCH` files at a time."""
    batch: list[Path] = []
    for path in iter_inputs(paths):
        batch.append(path)
        if len(batch) == BATCH:
            yield from _load_batch(batch, model, processors, cache)
            batch = []
    if batch:
        yield from _load_batch(batch, model, processors, cache)


def _load_batch(paths: list[Path], model: str, processors: str | None,
                cache) -> Iterator[tuple[Path, Document | RhetoricError]]:
    read: dict[Path, Source | RhetoricError] = {}
    for path in paths:
        try:
            read[path] = read_source(path)
        except RhetoricError as error:
            read[path] = error
    good = [s for s in read.values() if isinstance(s, Source)]
    docs = dict(zip((s.path for s in good), documents(good, model=model, processors=processors, cache=cache)))
    for path in paths:
        yield path, docs.get(path, read[path])
