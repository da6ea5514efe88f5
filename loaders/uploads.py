"""Files uploaded in the app: the same validation as ``pontes load``, then one atomic write.

Uploads arrive as (file name, bytes). They are written to a private temporary
folder under sanitised names (only the base name, no path parts), validated
with :func:`loaders.read_paths` against the files *and* the store, and
written in one transaction only if every entry is valid. Problems name the
file as the user uploaded it.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

from graph.errors import Problem, ValidationFailed
from graph.model import Source
from graph.store.base import GraphStore
from loaders.plan import LoadPlan, read_paths, replaced_sources, store_resolvers, write_plan
from loaders.readers import SUFFIXES

#: Uploads larger than this are refused before parsing.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class UploadOutcome:
    """Either the plan that was written, or the problems (and nothing written).

    A written plan comes with what the reader should know: the stored sources
    it replaced, as (stored, new) (:func:`loaders.plan.replaced_sources`), and
    whatever ``inspect`` found in it before the write (the intake's stored
    look-alikes of its new nodes: :func:`graph.intake.upload.upload`).
    """

    plan: LoadPlan | None = None
    problems: list[Problem] = field(default_factory=list)
    replaced: list[tuple[Source, Source]] = field(default_factory=list)
    found: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.plan is not None


def _safe_name(name: str, index: int) -> str:
    base = PurePath(name.replace("\\", "/")).name or f"upload-{index}"
    return f"{index:03d}-" + re.sub(r"[^\w.-]", "_", base)[:100]


def load_uploads(
    store: GraphStore, files: list[tuple[str, bytes]], *, inspect: Callable[[LoadPlan], list] | None = None
) -> UploadOutcome:
    """Validate the uploaded files together and, if all is well, write them atomically.

    ``inspect(plan)`` runs on a valid plan before it is written; what it returns is the outcome's ``found``.
    """
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="pontes-upload-") as tmp:
        shown: dict[str, str] = {}
        paths: list[Path] = []
        for i, (name, data) in enumerate(files):
            if PurePath(name).suffix.lower() not in SUFFIXES:
                problems.append(
                    Problem(name, "(file)", "(format)", f"unknown file type; expected one of {sorted(SUFFIXES)}")
                )
                continue
            if len(data) > MAX_UPLOAD_BYTES:
                problems.append(
                    Problem(name, "(file)", "(size)", f"larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
                )
                continue
            path = Path(tmp) / _safe_name(name, i)
            path.write_bytes(data)
            shown[str(path)] = name
            paths.append(path)
        if problems:
            return UploadOutcome(problems=problems)
        if not paths:
            return UploadOutcome(problems=[Problem("(upload)", "(none)", "(files)", "no files were uploaded")])
        try:
            plan = read_paths(paths, **store_resolvers(store))
        except ValidationFailed as e:
            return UploadOutcome(
                # the uploaded file's own name instead of the temporary path; code and values kept,
                # so that the page says what is wrong in the reader's language
                problems=[replace(p, file=shown.get(p.file, p.file)) for p in e.problems]
            )
        replaced = replaced_sources(store, plan.sources)
        found = inspect(plan) if inspect is not None else []
        write_plan(store, plan, atomic=True)
        plan.files = [Path(shown[str(p)]) for p in plan.files]
        return UploadOutcome(plan=plan, replaced=replaced, found=found)
