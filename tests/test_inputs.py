import pytest

from rhetoric.errors import InputError
from rhetoric.inputs import decode_text, read_metadata, read_text, write_atomic

from .conftest import SEED


@pytest.mark.parametrize("data, problem", [
    (b"", "the file is empty"),
    (b" \n\t\n", "only whitespace"),
    (b"abc\x00def", "binary data"),
    (b"caf\xe9 au lait", "invalid UTF-8 at byte 3"),
    (b"\xff\xfeh\x00i\x00", "UTF-16 text"),
])
def test_bad_bytes_are_refused_with_a_reason(data, problem):
    with pytest.raises(InputError, match=problem):
        decode_text(data, "x.txt")


def test_giant_input_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300)
    with pytest.raises(InputError, match="more than the limit of 1,000"):
        read_text(path, max_bytes=1000)


def test_text_is_kept_exactly_but_for_a_byte_order_mark(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeffOne.\r\n\r\nTwo \u00e9.\n".encode())
    assert read_text(path) == "One.\r\n\r\nTwo \u00e9.\n"


def test_missing_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path)


def test_seed_metadata_is_read_from_its_sidecar():
    meta = read_metadata(SEED)
    assert meta.title == "The Smart Power of the SCO"
    assert meta.author == "Nursultan Nazarbayev"
    assert meta.date == "2011-06-14"
    assert meta.source.startswith("https://www.themoscowtimes.com/")
    assert dict(meta.extra)["publisher"] == "The Moscow Times"


def test_malformed_metadata_names_the_file(tmp_path):
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "a.meta.toml").write_text("title = \n")
    with pytest.raises(InputError, match=r"a\.meta\.toml: is not valid TOML"):
        read_metadata(tmp_path / "a.txt")


def test_atomic_write_replaces_whole_files(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    write_atomic(target, "first")
    write_atomic(target, b"second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_an_unwritable_output_path_is_named_in_the_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(OSError, match=r"no file can be made in .+/file") as error:
        write_atomic(blocker / "out.txt", "text")
    assert error.value.filename == str(blocker / "out.txt")
    assert [p.name for p in tmp_path.iterdir()] == ["file"]
