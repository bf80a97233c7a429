"""Model specs and the Stanza pipelines behind them.

Two kinds of spec:

``compact`` (the default)
    The project's own small English models, shipped inside the package
    (``rhetoric/models/``, described by its ``manifest.json``).  Offline, deterministic.
``stanza:<package>``
    Stanford's official English models of that package (``stanza:default``,
    ``stanza:gum``, ...) from the Stanza resources folder: ``STANZA_RESOURCES_DIR``
    when set, else Stanza's own default.  Nothing is downloaded here; a missing model
    raises :class:`~rhetoric.errors.ModelError` naming ``rhetoric models download``.

``processors`` picks a subset (``"tokenize,mwt"``); by default every processor the
model has is used.

>>> spec = ModelSpec.from_string("stanza:default", processors="tokenize,mwt")
>>> spec.package, spec.processors
('default', ('tokenize', 'mwt'))
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
import threading
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

import attrs

from ..errors import ModelError

#: The compact models: package data (``rhetoric/models/``), found through ``importlib.resources``.
COMPACT_DIR = Path(str(resources.files("rhetoric") / "models"))
COMPACT_MANIFEST = COMPACT_DIR / "manifest.json"
STANZA_PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
FAST = "fast"  # the name of the pos and depparse variants of parsing/fastparse.py
#: Pipeline settings that change speed, never outputs (tests/test_compact.py checks EWT dev):
#: the variants of parsing/fastparse.py and lemmatizer batches of 500 words instead of 50
#: (ten times fewer runs of its greedy decoder).
FAST_SETTINGS = {f"pos_with_{FAST}": True, f"depparse_with_{FAST}": True, "lemma_batch_size": 500}
DOWNLOAD_HINT = "run `rhetoric models download {package}` (needs the network) or choose another model"


def stanza_resources_dir() -> Path:
    """The Stanza resources folder in force: ``STANZA_RESOURCES_DIR`` or ``~/stanza_resources``."""
    return Path(os.environ.get("STANZA_RESOURCES_DIR") or Path.home() / "stanza_resources")


def compact_manifest() -> dict:
    """The model card of the compact models, or raise :class:`ModelError` if none is installed."""
    if not COMPACT_MANIFEST.is_file():
        raise ModelError(
            f"the compact models are not installed (expected {COMPACT_MANIFEST}); train them with "
            "`python tools/train_compact.py --ud UD_EWT all` and `... pack` from a source checkout, or use model='stanza:default'")
    return json.loads(COMPACT_MANIFEST.read_text(encoding="utf-8"))


@attrs.frozen
class ModelSpec:
    """A resolved model spec: ``kind`` is ``compact`` or ``stanza``."""

    kind: str
    package: str
    processors: tuple[str, ...]

    @classmethod
    def from_string(cls, spec: str = "compact", processors: str | Sequence[str] | None = None) -> ModelSpec:
        """Read ``"compact"`` or ``"stanza:<package>"`` and an optional processor list."""
        if isinstance(processors, str):
            processors = [p.strip() for p in processors.split(",") if p.strip()]
        chosen = tuple(processors) if processors else None
        if chosen:
            unknown = [p for p in chosen if p not in STANZA_PROCESSORS]
            if unknown:
                raise ModelError(f"unknown processor(s) {', '.join(unknown)}; expected some of "
                                 f"{', '.join(STANZA_PROCESSORS)}")
        if spec == "compact":
            available = tuple(compact_manifest()["processors"])
            chosen = chosen or available
            missing = [p for p in chosen if p not in available]
            if missing:
                raise ModelError(f"the compact models have no {', '.join(missing)} processor; "
                                 f"they provide {', '.join(available)}")
            return cls("compact", "compact", chosen)
        kind, _, package = spec.partition(":")
        if kind != "stanza" or not package:
            raise ModelError(f"unknown model spec {spec!r}; expected 'compact' or 'stanza:<package>' "
                             "such as 'stanza:default'")
        return cls("stanza", package, chosen or STANZA_PROCESSORS)

    def __str__(self) -> str:
        return "compact" if self.kind == "compact" else f"stanza:{self.package}"

    def pipeline_kwargs(self) -> dict:
        """Keyword arguments for ``stanza.Pipeline`` that load this model offline."""
        common = {"lang": "en", "processors": ",".join(self.processors), "download_method": None,
                  "logging_level": "ERROR", "use_gpu": False}
        if {"pos", "depparse"} & set(self.processors):
            from . import fastparse  # noqa: F401  (registers the variants with Stanza before a pipeline asks for them)
        common.update({key: value for key, value in FAST_SETTINGS.items() if key.split("_")[0] in self.processors})
        if self.kind == "compact":
            files = compact_manifest()["files"]
            # resources.json in COMPACT_DIR is an empty catalogue: with it and
            # allow_unknown_language, Stanza loads exactly the files named below.
            kwargs = {**common, "dir": str(COMPACT_DIR), "allow_unknown_language": True}
            for processor in self.processors:
                kwargs[f"{processor}_model_path"] = str(COMPACT_DIR / files[processor]["path"])
                if processor in ("pos", "depparse"):
                    kwargs[f"{processor}_pretrain_path"] = None
                if processor == "pos":
                    kwargs["pos_charlm_forward_file"] = kwargs["pos_charlm_backward_file"] = None
            return kwargs
        resources = stanza_resources_dir()
        if not (resources / "resources.json").is_file():
            raise ModelError(f"no Stanza models in {resources} (resources.json is missing); "
                             + DOWNLOAD_HINT.format(package=self.package))
        return {**common, "dir": str(resources), "package": self.package}

    def model_files(self) -> list[Path]:
        """The model files this spec loads (used for its fingerprint)."""
        if self.kind == "compact":
            files = compact_manifest()["files"]
            return [COMPACT_DIR / files[p]["path"] for p in self.processors]
        folder = stanza_resources_dir() / "en"
        return sorted(f for p in self.processors if (folder / p).is_dir() for f in (folder / p).glob("*.pt"))


@functools.lru_cache(maxsize=64)
def _file_digest(path: str, size: int, mtime: float) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


#: The project's own steps around Stanza's processors that change a parse (possessive "its", sentence joins,
#: the URL pass skipping long runs, lemma repair); a new value makes cached parses stale.
PROCESSING = "name-joins-1,possessive-its-1,long-runs-1"


def fingerprint(spec: ModelSpec) -> str:
    """A short hash of the spec, its processors, the Stanza version, the project's own
    processing (:data:`PROCESSING`, the lemma repair's dictionary) and the model files' contents."""
    import stanza

    from .lemmas import repair_version

    digest = hashlib.sha256(f"{spec}|{','.join(spec.processors)}|{stanza.__version__}|{repair_version()}"
                            f"|{PROCESSING}".encode())
    for path in spec.model_files():
        stat = path.stat()
        digest.update(_file_digest(str(path), stat.st_size, stat.st_mtime).encode())
    return digest.hexdigest()[:16]


_LOADING = threading.Lock()


@contextlib.contextmanager
def _without_optimizers() -> Iterator[None]:
    """Stanza's trainers build Adam optimizers even when they load a model only to tag
    with it, and torch imports ``torch._dynamo`` when the first optimizer is built: about
    2 of the 4.5 seconds a process spends before its first parse.  While a pipeline loads,
    Stanza's two optimizer factories hand out none; nothing outside training uses them."""
    from stanza.models.common import utils

    with _LOADING:  # read and restore under the lock: a second loader must not save the stand-ins
        saved = utils.get_optimizer, utils.get_split_optimizer
        utils.get_optimizer, utils.get_split_optimizer = (lambda *_, **__: None), (lambda *_, **__: {})
        try:
            yield
        finally:
            utils.get_optimizer, utils.get_split_optimizer = saved


@functools.lru_cache(maxsize=4)
def pipeline(spec: ModelSpec):
    """The (per-process cached) ``stanza.Pipeline`` for a spec.

    Once it has loaded, the objects alive in the process (torch's modules and functions, the
    models: about 215,000) are frozen out of the cyclic garbage collector (``gc.freeze``), so
    that its full collections during parsing stop walking them (0.1 s each on this machine,
    6-9% of the parse time of the benchmark texts).  Frozen objects are still freed by
    reference counting; only a reference cycle among them would outlive its use.

    >>> pipeline(ModelSpec.from_string("compact", processors="tokenize")).processors.keys()  # doctest: +SKIP
    dict_keys(['tokenize'])
    """
    import stanza

    kwargs = spec.pipeline_kwargs()
    try:
        with _without_optimizers():
            loaded = stanza.Pipeline(**kwargs)
    except stanza.pipeline.core.PipelineRequirementsException as error:
        needs = "; ".join(f"{fail.err_processor.__class__.__name__.removesuffix('Processor').lower()} needs "
                          + ", ".join(sorted(fail.err_processor.requires - fail.provided_reqs))
                          for fail in error.processor_req_fails)
        raise ModelError(f"the processor list {','.join(spec.processors)} is incomplete: {needs}; add them to it, "
                         "or leave the list out to run every processor") from None
    except (FileNotFoundError, stanza.resources.common.ResourcesFileNotFoundError, ValueError,
            KeyError) as error:
        raise ModelError(f"cannot load model {spec} with processors {','.join(spec.processors)} "
                         f"from {kwargs['dir']}: {error}; " + DOWNLOAD_HINT.format(package=spec.package)) from None
    gc.freeze()
    return loaded


def download(package: str = "default", processors: str | None = None) -> Path:
    """Download Stanford's official English models into the Stanza resources folder.

    Stanza writes each file to a temporary name and shows a progress bar.

    >>> download("default")  # doctest: +SKIP
    """
    import stanza

    target = stanza_resources_dir()
    try:
        stanza.download("en", model_dir=str(target), package=package,
                        processors=processors or {}, logging_level="INFO")
    except Exception as error:  # network errors come in many types (requests, OSError, ...)
        raise ModelError(f"downloading Stanza package {package!r} into {target} failed: {error}") from None
    return target


def installed_stanza_packages() -> dict[str, list[str]]:
    """Official English model files found in the Stanza resources folder, by processor."""
    folder = stanza_resources_dir() / "en"
    if not folder.is_dir():
        return {}
    return {p.name: sorted(f.stem for f in p.glob("*.pt")) for p in sorted(folder.iterdir()) if p.is_dir()}
