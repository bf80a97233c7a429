"""Reading input texts safely, their metadata files, and writing outputs atomically.

Text files must be UTF-8.  Anything else -- a missing path, a folder, an empty or
binary file, invalid UTF-8, a file over :data:`MAX_BYTES` -- raises
:class:`~rhetoric.errors.InputError` naming the file, the problem and what to do.
The text is kept exactly as in the file (no newline or Unicode normalisation), so
every offset the library reports indexes the file's own characters.

Metadata for ``op-ed.txt`` sits beside it in ``op-ed.meta.toml``::

    title = "The Smart Power of the SCO"
    author = "Nursultan Nazarbayev"
    date = "2011-06-14"
    source = "https://www.themoscowtimes.com/..."

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("We must act.", encoding="utf-8")
>>> read_text(folder / "a.txt")
'We must act.'
"""

from __future__ import annotations

import os
import stat
import tempfile
import tomllib
from pathlib import Path

from .document import Metadata
from .errors import InputError

#: Largest input accepted by default (bytes); pass ``max_bytes`` to change it.
MAX_BYTES = 20_000_000

_KNOWN_FIELDS = ("title", "author", "date", "source")


def decode_text(data: bytes, source: str = "<bytes>", max_bytes: int = MAX_BYTES) -> str:
    """Decode UTF-8 input, refusing empty, binary, oversized or malformed data.  A UTF-8
    byte-order mark is dropped (offsets then count from the first real character).

    >>> decode_text(b"\\xef\\xbb\\xbfcaf\\xc3\\xa9")
    'café'
    """
    if len(data) > max_bytes:
        raise InputError(source, f"the input has {len(data):,} bytes, more than the limit of {max_bytes:,}",
                         "split it into smaller files or raise max_bytes")
    if not data:
        raise InputError(source, "the file is empty", "give a file with some text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(source, "UTF-16 text (it starts with a UTF-16 byte-order mark)",
                         "convert the file to UTF-8, e.g. with iconv -f UTF-16 -t UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(source, f"binary data (a NUL byte at byte {nul})",
                         "give a plain-text UTF-8 file")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise InputError(source, f"invalid UTF-8 at byte {error.start} ({data[error.start:error.start + 4]!r})",
                         "convert the file to UTF-8, e.g. with iconv") from None
    if not text.strip():
        raise InputError(source, "the file holds only whitespace", "give a file with some text")
    return text


def read_text(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file exactly as it is, or raise :class:`InputError`."""
    return decode_text(read_bytes(path, max_bytes), str(path), max_bytes)


def read_bytes(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of an input file, or :class:`InputError` for a missing path, a folder, an
    unreadable file or one over ``max_bytes``."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(str(path), "no such file", "check the path") from None
    except OSError as error:
        raise InputError(str(path), f"cannot be read ({error.strerror})", "check its permissions") from None
    if stat.S_ISDIR(mode):
        raise InputError(str(path), "is a folder, not a file",
                         "name files, or a folder that holds .txt, .conllu or .xml files")
    if not stat.S_ISREG(mode):  # a FIFO would block, a device would never end
        raise InputError(str(path), "is not a regular file (a device, pipe or socket)", "give a regular file")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)  # what is there, whatever the file system says its size is
    except OSError as error:
        raise InputError(str(path), f"cannot be read ({error.strerror})", "check its permissions") from None
    if len(data) > max_bytes:
        raise InputError(str(path), f"the file has more than the limit of {max_bytes:,} bytes",
                         "split it into smaller files or raise max_bytes")
    return data


def metadata_path(path: str | os.PathLike) -> Path:
    """Where the metadata file of a text file lives (``x.txt`` -> ``x.meta.toml``)."""
    path = Path(path)
    return path.with_name(path.stem + ".meta.toml")


def read_metadata(path: str | os.PathLike) -> Metadata:
    """Metadata of a text file: its ``.meta.toml`` beside it, plus the file name.

    Unknown keys are kept in ``Metadata.extra``; a malformed file raises
    :class:`InputError` with the line TOML reports.
    """
    path = Path(path)
    meta_file = metadata_path(path)
    fields: dict = {}
    if meta_file.exists():
        try:
            fields = tomllib.loads(read_bytes(meta_file, max_bytes=1_000_000).decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as error:
            raise InputError(str(meta_file), f"is not valid TOML ({error})",
                             "fix the file or remove it") from None
    known = {k: str(fields.pop(k)) for k in _KNOWN_FIELDS if k in fields}
    extra = tuple(sorted((str(k), str(v)) for k, v in fields.items()))
    return Metadata(**known, file=path.name, extra=extra)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once, at import: os.umask can only be read by setting it


def write_atomic(path: str | os.PathLike, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Readers never see a half-written file, and a crash leaves the old file intact.  The
    file's mode follows the umask (0644 under the usual 022).
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:  # name the file asked for, not the temporary one
        raise OSError(error.errno, f"{error.strerror} (no file can be made in {path.parent})", str(path)) from None
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # as open() would create it, not mkstemp's 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def remove_partial_writes(folder: str | os.PathLike) -> int:
    """Delete the temporary files of :func:`write_atomic` left under ``folder`` by a killed
    process (SIGKILL leaves no chance to clean up); returns how many there were.

    Call it only while no other process writes into ``folder``.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / ".out.json.k2x9.tmp").write_text("half")
    >>> remove_partial_writes(folder)
    1
    """
    leftovers = [p for p in Path(folder).rglob(".*.tmp") if p.is_file()]
    for path in leftovers:
        path.unlink(missing_ok=True)
    return len(leftovers)
