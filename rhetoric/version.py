"""The version of ``rhetoric`` (read by ``pyproject.toml`` and written into every output)."""

__version__ = "0.3.0"
