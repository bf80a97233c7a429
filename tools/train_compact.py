"""Training recipe for the compact English models shipped in ``rhetoric/models/``.

A development tool, not part of the library (nothing in ``rhetoric`` imports it).
Reproduces the shipped files from UD English-EWT with Stanza's own trainers::

    python tools/train_compact.py --ud ../shared/ud/en_ewt --work .training all

Each stage (``tokenize``, ``mwt``, ``pos``, ``lemma``, ``depparse``) runs one Stanza
trainer with the hyperparameters in :data:`STAGES`, writes its model under
``WORK/models`` and a ``.done`` marker with the wall-clock time it took.  A finished
stage is skipped when the recipe is run again; the dependency parser also resumes
mid-stage from Stanza's own checkpoint.  ``pack`` converts the weights to fp16,
copies them into the source tree's ``rhetoric/models/`` (or ``--target``) and writes
``manifest.json`` (the model card).

No pretrained word vectors exist offline, so every model is trained with
``--no_pretrain`` and relies on its character model instead.  The parser learns from
EWT train retagged by the trained tagger (:func:`retag`).  Stanza's trainers use a GPU
when torch sees one; nothing here depends on it (the manifest says where each model
was trained).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

SHORTHAND = "en_ewt"
TRAINER_RUN = Path(__file__).resolve().parent / "trainer_run.py"

#: Hyperparameters per stage; the manifest records them verbatim.
STAGES: dict[str, dict] = {
    "tokenize": {
        "module": "stanza.models.tokenizer",
        "args": {"steps": 12000, "eval_steps": 500, "max_steps_before_stop": 3000},
    },
    "mwt": {
        "module": "stanza.models.mwt_expander",
        "args": {"num_epoch": 30},
    },
    "pos": {
        "module": "stanza.models.tagger",
        "args": {
            "hidden_dim": 160, "char_hidden_dim": 200, "word_emb_dim": 75,
            "deep_biaff_hidden_dim": 200, "composite_deep_biaff_hidden_dim": 80,
            "max_steps": 3800, "eval_interval": 200, "batch_size": 100,
            "word_cutoff": 3,
        },
        # then continue from the best model at a third of the learning rate
        "finetune": {"max_steps": 1000, "lr": 0.001},
    },
    "lemma": {
        "module": "stanza.models.lemmatizer",
        "args": {"hidden_dim": 100, "emb_dim": 50, "num_epoch": 3, "decay_epoch": 6},
    },
    "depparse": {
        "module": "stanza.models.parser",
        "args": {
            "hidden_dim": 200, "char_hidden_dim": 200, "word_emb_dim": 75,
            "deep_biaff_hidden_dim": 200, "max_steps": 5200, "eval_interval": 200,
            "checkpoint_interval": 100, "batch_size": 3000, "word_cutoff": 3,
            # Adadelta until here, then Stanza reloads the best model and goes on with
            # Adam (lr 2e-4); LAS rose about 0.1 per 100 Adam steps until the end
            "second_optim_start_step": 2200, "max_steps_before_stop": 1000,
        },
    },
}

MODEL_FILES = {stage: f"{SHORTHAND}_{stage}.pt" for stage in STAGES}


def _flags(options: dict) -> list[str]:
    out: list[str] = []
    for key, value in options.items():
        if value is True:
            out.append(f"--{key}")
        elif value is not False and value is not None:
            out += [f"--{key}", str(value)]
    return out


def prepare(ud: Path, work: Path) -> None:
    """Lay out EWT the way Stanza's data scripts expect and run them (tokenizer, mwt, pos)."""
    udbase = work / "ud" / "UD_English-EWT"
    udbase.mkdir(parents=True, exist_ok=True)
    for split, source in (("train", "train"), ("dev", "dev"), ("test", "dev")):
        link = udbase / f"{SHORTHAND}-ud-{split}.conllu"
        if not link.exists():
            link.symlink_to((ud / f"{SHORTHAND}-ud-{source}.conllu").resolve())
    env = _env(work)
    for script in ("prepare_tokenizer_treebank", "prepare_mwt_treebank", "prepare_pos_treebank"):
        marker = work / "data" / f".{script}"
        if not marker.exists():
            subprocess.run([sys.executable, "-m", f"stanza.utils.datasets.{script}", "UD_English-EWT"],
                           env=env, check=True)
            marker.touch()


def retag(ud: Path, work: Path) -> Path:
    """Tag train and dev with the trained tagger, for the parser to learn from predicted tags.

    A parser trained on gold UPOS/XPOS/UFeats meets noisier tags in use and loses
    several points of LAS; Stanza's own recipe retags its parser data the same way.
    Dev also gets the trained lemmatizer's lemmas, so that the parser's dev score, which
    picks the model kept, is the LAS the whole pipeline reaches on gold tokens.
    Returns the folder holding ``en_ewt.{train,dev}.in.conllu``.
    """
    out = work / "data" / "depparse"
    out.mkdir(parents=True, exist_ok=True)
    models = work / "models"
    for split, stages in (("train", ("pos",)), ("dev", ("pos", "lemma"))):
        target = out / f"{SHORTHAND}.{split}.in.conllu"
        newest_model = max((models / MODEL_FILES[stage]).stat().st_mtime for stage in stages)
        if target.exists() and target.stat().st_mtime > newest_model:
            continue
        source = ud / f"{SHORTHAND}-ud-{split}.conllu"
        for stage in stages:
            tagged = target.with_suffix(f".{stage}.tmp")
            subprocess.run([sys.executable, str(TRAINER_RUN), STAGES[stage]["module"],
                            "--mode", "predict", *_model_args(stage, models), "--eval_file", str(source),
                            "--output_file", str(tagged)] + (["--no_pretrain"] if stage == "pos" else []),
                           env=_env(work), check=True)
            if source.suffix == ".tmp":
                source.unlink()
            source = tagged
        source.replace(target)
    return out


def _model_args(stage: str, models: Path) -> list[str]:
    """Options naming a stage's model file (the lemmatizer takes no ``--lang``)."""
    return ([] if stage == "lemma" else ["--lang", "en"]) + [
        "--shorthand", SHORTHAND, "--save_dir", str(models), "--save_name", MODEL_FILES[stage]]


def _env(work: Path) -> dict[str, str]:
    # glibc hands large freed blocks back to the kernel and faults them in again on the next
    # batch; on CPU that page zeroing took most of the parser's time (200,000 page faults a
    # second, all in system time).  Keeping freed memory in the process avoids it.
    return {**os.environ, "UDBASE": str(work / "ud"), "DATA_ROOT": str(work / "data"),
            "MALLOC_MMAP_MAX_": "0", "MALLOC_TRIM_THRESHOLD_": str(2**36)}


def stage_argv(stage: str, ud: Path, work: Path, args: dict | None = None) -> list[str]:
    """Command line of the Stanza trainer for ``stage`` (``args``: its hyperparameters)."""
    data, models = work / "data", work / "models"
    train, dev = ud / f"{SHORTHAND}-ud-train.conllu", ud / f"{SHORTHAND}-ud-dev.conllu"
    if stage == "tokenize":
        tok = data / "tokenize"
        files = ["--label_file", tok / f"{SHORTHAND}-ud-train.toklabels",
                 "--txt_file", tok / f"{SHORTHAND}.train.txt",
                 "--mwt_json_file", tok / f"{SHORTHAND}-ud-dev-mwt.json",
                 "--dev_label_file", tok / f"{SHORTHAND}-ud-dev.toklabels",
                 "--dev_txt_file", tok / f"{SHORTHAND}.dev.txt",
                 "--dev_conll_gold", tok / f"{SHORTHAND}.dev.gold.conllu",
                 "--conll_file", work / "tokenize.dev.pred.conllu"]
    elif stage == "mwt":
        mwt = data / "mwt"
        files = ["--train_file", mwt / f"{SHORTHAND}.train.in.conllu",
                 "--eval_file", mwt / f"{SHORTHAND}.dev.in.conllu",
                 "--output_file", work / "mwt.dev.pred.conllu",
                 "--gold_file", mwt / f"{SHORTHAND}.dev.gold.conllu"]
    elif stage == "lemma":
        files = ["--train_file", train, "--eval_file", dev,
                 "--output_file", work / "lemma.dev.pred.conllu"]
    elif stage == "depparse":
        retagged = retag(ud, work)
        files = ["--train_file", retagged / f"{SHORTHAND}.train.in.conllu",
                 "--eval_file", retagged / f"{SHORTHAND}.dev.in.conllu",
                 "--output_file", work / "depparse.dev.pred.conllu", "--no_pretrain"]
    else:
        files = ["--train_file", train, "--eval_file", dev,
                 "--output_file", work / f"{stage}.dev.pred.conllu", "--no_pretrain"]
    return ([sys.executable, str(TRAINER_RUN), STAGES[stage]["module"], "--mode", "train"]
            + _model_args(stage, models) + [str(f) for f in files] + _flags(args or STAGES[stage]["args"]))


#: How a stage continues after an interruption: the option carrying its step budget.
RESUMABLE = {"tokenize": "steps", "pos": "max_steps"}


def _resume(stage: str, work: Path, argv: list[str], env: dict[str, str]) -> list[str]:
    """Arguments that continue an interrupted stage from its best saved model.

    The parser resumes by itself from Stanza's checkpoint.  The tokenizer and tagger
    start from the best model saved so far (``--load_name`` / a warm start) with the
    steps that remain; the short mwt and lemma stages simply start again.
    """
    model = work / "models" / MODEL_FILES[stage]
    done_steps = _steps_done(work, stage)
    if stage not in RESUMABLE or not model.exists() or not done_steps:
        return argv
    option = RESUMABLE[stage]
    remaining = max(int(STAGES[stage]["args"][option]) - done_steps, 1)
    argv = argv[:argv.index(f"--{option}")] + [f"--{option}", str(remaining)] + argv[argv.index(f"--{option}") + 2:]
    if stage == "tokenize":
        return argv + ["--load_name", model.name]
    env["RHETORIC_WARM_START"] = str(model)
    return argv


def run_stage(stage: str, ud: Path, work: Path, threads: int) -> float:
    """Train one stage unless its ``.done`` marker exists; returns the seconds it took in all.

    Time spent in interrupted runs is kept in ``STAGE.seconds`` and added up.  A stage
    with a ``finetune`` entry then continues from its best model with those settings.
    """
    done = work / "models" / f"{stage}.done"
    if done.exists():
        return json.loads(done.read_text())["seconds"]
    (work / "models").mkdir(parents=True, exist_ok=True)
    env = {**_env(work), "OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads)}
    main_done = work / "models" / f"{stage}.main.done"
    if main_done.exists():
        args = {**STAGES[stage]["args"], **STAGES[stage]["finetune"]}
        env["RHETORIC_WARM_START"] = str(work / "models" / MODEL_FILES[stage])
        argv = stage_argv(stage, ud, work, args)
    else:
        argv = _resume(stage, work, stage_argv(stage, ud, work), env)
    spent = work / "models" / f"{stage}.seconds"
    started = time.time()
    try:
        with open(work / f"{stage}.log", "a", encoding="utf-8") as log:
            subprocess.run(argv, env=env, check=True, stdout=log, stderr=log)
    finally:
        seconds = time.time() - started + (float(spent.read_text()) if spent.exists() else 0.0)
        spent.write_text(f"{seconds:.1f}")
    if "finetune" in STAGES[stage] and not main_done.exists():
        main_done.touch()
        return run_stage(stage, ud, work, threads)
    done.write_text(json.dumps({"seconds": round(seconds, 1), "args": STAGES[stage]["args"]}))
    return seconds


PACKAGE_DIR = Path(__file__).resolve().parent.parent / "rhetoric" / "models"
PROCESSOR_ORDER = ("tokenize", "mwt", "pos", "lemma", "depparse")


def _to_fp16(value):
    import torch

    if isinstance(value, torch.Tensor) and value.is_floating_point():
        return value.half()
    if isinstance(value, dict):
        return {k: _to_fp16(v) for k, v in value.items()}
    return value


def _steps_done(work: Path, stage: str) -> int | None:
    """Training steps a stage's log reports, added up over interrupted and resumed runs
    (a resumed tokenizer or tagger counts from 1 again; the parser keeps its count)."""
    import re

    log = work / f"{stage}.log"
    if not log.exists():
        return None
    steps = [int(n) for n in re.findall(r"(?:STEP|[Ss]tep)\s+(\d+)/", log.read_text(encoding="utf-8", errors="replace"))]
    if not steps:
        return None
    total = 0
    for previous, current in zip(steps, steps[1:]):
        if current < previous:
            total += previous
    return total + steps[-1]


def pack(work: Path, target: Path = PACKAGE_DIR) -> dict:
    """Copy the trained models into the package as fp16 and write ``manifest.json``.

    A stage still training is packed from its best checkpoint so far and marked
    ``"complete": false`` in the manifest.
    """
    import hashlib

    import stanza
    import torch

    files = {}
    for stage in PROCESSOR_ORDER:
        source = work / "models" / MODEL_FILES[stage]
        if not source.exists():
            continue
        checkpoint = torch.load(source, map_location="cpu", weights_only=False)
        for key in ("optimizer", "scheduler", "optimizer_state_dict"):
            checkpoint.pop(key, None)
        checkpoint["model"] = _to_fp16(checkpoint["model"])
        out = target / MODEL_FILES[stage]
        torch.save(checkpoint, out)
        done = work / "models" / f"{stage}.done"
        spent = work / "models" / f"{stage}.seconds"
        record = json.loads(done.read_text()) if done.exists() else (
            {"seconds": float(spent.read_text())} if spent.exists() else {})
        files[stage] = {
            "path": out.name,
            "bytes": out.stat().st_size,
            "sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
            "parameters": sum(t.numel() for t in checkpoint["model"].values() if hasattr(t, "numel")),
            "trainer": STAGES[stage]["module"],
            "hyperparameters": {**STAGES[stage]["args"],
                                **({"finetune": STAGES[stage]["finetune"]} if "finetune" in STAGES[stage] else {})},
            "complete": done.exists(),
            "steps": record.get("steps", _steps_done(work, stage)),
            "history": record.get("history"),
            "training_seconds": record.get("seconds"),
        }
    manifest_path = target / "manifest.json"
    previous = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    manifest = {
        "name": "compact",
        "language": "en",
        "stanza_version": stanza.__version__,
        "torch_version": torch.__version__.split("+")[0],
        "data": {"treebank": "UD English-EWT", "license": "CC BY-SA 4.0",
                 "train": f"{SHORTHAND}-ud-train.conllu (12,544 sentences)",
                 "dev": f"{SHORTHAND}-ud-dev.conllu (2,001 sentences, for early stopping and scores)"},
        "pretrained_embeddings": None,
        "weights": "fp16 (converted from fp32 after training; Stanza loads them into fp32 modules)",
        "recipe": "python tools/train_compact.py --ud UD_EWT all && python tools/train_compact.py --ud UD_EWT pack",
        "processors": [p for p in PROCESSOR_ORDER if p in files],
        "files": files,
        "scores": previous.get("scores", {}),
    }
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def score(ud: Path, target: Path = PACKAGE_DIR) -> dict:
    """Score the packed models on EWT dev (gold tokens and raw text) into the manifest."""
    from rhetoric.parsing.evaluate import evaluate_parser

    manifest_path = target / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    scores = evaluate_parser(ud / f"{SHORTHAND}-ud-dev.conllu", model="compact", raw=True)
    manifest["scores"] = {"en_ewt-ud-dev": {k: v for k, v in scores.items()
                                            if k not in ("model", "fingerprint", "gold")}}
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest["scores"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stages", nargs="+", choices=[*STAGES, "prepare", "all", "pack", "score"])
    parser.add_argument("--ud", type=Path, required=True,
                        help="folder holding en_ewt-ud-train.conllu and en_ewt-ud-dev.conllu")
    parser.add_argument("--target", type=Path, default=PACKAGE_DIR,
                        help="where pack and score put the models and manifest (default: this checkout's rhetoric/models)")
    parser.add_argument("--work", type=Path, default=Path(".training"),
                        help="scratch folder for data, checkpoints and logs (git-ignored)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads per trainer")
    args = parser.parse_args(argv)
    stages = list(STAGES) if "all" in args.stages else args.stages
    args.work.mkdir(parents=True, exist_ok=True)
    for stage in stages:
        if stage == "pack":
            print(json.dumps(pack(args.work, args.target)["files"], indent=1))
        elif stage == "score":
            print(json.dumps(score(args.ud, args.target), indent=1))
        else:
            prepare(args.ud, args.work)
            if stage != "prepare":
                seconds = run_stage(stage, args.ud, args.work, args.threads)
                print(f"{stage}: done in {seconds / 60:.1f} min", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
