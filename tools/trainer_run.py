"""Run one of Stanza's trainer modules with a faster bilinear layer for CPU training.

``torch.nn.Bilinear`` (used by Stanza's tagger for XPOS and UFeats) computes its
backward pass element by element on the CPU, which took about two thirds of every
training step here.  The same function written as two matrix products has the same
parameters and the same values, so the saved models load in plain Stanza unchanged::

    python tools/trainer_run.py stanza.models.tagger --mode train ...

With ``RHETORIC_WARM_START=MODEL.pt`` the tagger starts from saved weights (see
:func:`warm_start`).  Models are saved atomically, so a trainer stopped at any moment
(a time limit, Ctrl-C) leaves its last best model whole.
"""

from __future__ import annotations

import os
import runpy
import sys

import torch


def bilinear_by_matmul(self: torch.nn.Bilinear, x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
    """``x1 @ W[o] @ x2 + b[o]`` for every output ``o``, as batched matrix products."""
    out_features, in1, in2 = self.weight.shape
    lead = x1.shape[:-1]
    left = x1.reshape(-1, in1) @ self.weight.permute(1, 0, 2).reshape(in1, out_features * in2)
    out = torch.bmm(left.view(-1, out_features, in2), x2.reshape(-1, in2, 1)).squeeze(-1)
    if self.bias is not None:
        out = out + self.bias
    return out.view(*lead, out_features)


_torch_save = torch.save


def save_atomically(obj, f, *args, **kwargs) -> None:
    """``torch.save`` that writes a file path through a temporary file and a rename."""
    if not isinstance(f, (str, os.PathLike)):
        return _torch_save(obj, f, *args, **kwargs)
    tmp = f"{os.fspath(f)}.tmp"
    _torch_save(obj, tmp, *args, **kwargs)
    os.replace(tmp, f)


def warm_start(path: str) -> None:
    """Make the tagger start from the weights saved in ``path`` (to resume an interrupted stage).

    Stanza's tagger cannot resume by itself; the recipe passes the best model saved so
    far and the steps still to go.  The optimiser starts afresh, Adam adapts within a
    few steps.
    """
    import stanza.models.pos.trainer as pos_trainer

    base = pos_trainer.Trainer

    class WarmTrainer(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if kwargs.get("model_file") is None:
                state = torch.load(path, map_location="cpu", weights_only=True)["model"]
                self.model.load_state_dict(state, strict=False)

    pos_trainer.Trainer = WarmTrainer


def main() -> None:
    module, sys.argv = sys.argv[1], [sys.argv[1], *sys.argv[2:]]
    torch.nn.Bilinear.forward = bilinear_by_matmul
    torch.save = save_atomically
    if os.environ.get("RHETORIC_WARM_START") and module == "stanza.models.tagger":
        warm_start(os.environ["RHETORIC_WARM_START"])
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
