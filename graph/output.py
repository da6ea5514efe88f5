"""Writing output files safely: whole files or nothing, and one-line errors.

Every file Pontes writes (exports, metric tables, the schema, evaluation
results) goes through :func:`atomic_path`: it is written beside its target
under a temporary name and renamed over the target only when complete, so
a full disk, a killed process or an error leaves no half-written file.
Problems with the path (a folder where a file should go, a path below a
regular file, a folder nobody may write in, a device) become one
:class:`OutputError` naming the path, which the CLI shows in one line.
"""

from __future__ import annotations

import errno
import json
import math
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph.errors import PontesError

__all__ = ["OutputError", "atomic_path", "json_text", "output_folder", "write_bytes", "write_text"]


class OutputError(PontesError):
    """An output file or folder cannot be written; ``path`` is the one at fault."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"cannot write {path}: {reason}")
        self.path = str(path)
        self.reason = reason


_REASONS = {
    errno.ENOSPC: "the device is full",
    errno.EDQUOT: "the disk quota is exhausted",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENOENT: "the folder does not exist",
    errno.ENAMETOOLONG: "the name is too long",
}


def _reason(e: OSError) -> str:
    return _REASONS.get(e.errno or -1, e.strerror or str(e))


def _check_target(path: Path) -> None:
    """Refuse targets that are not (or will not be) regular files."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as e:
        raise OutputError(path, _reason(e)) from e
    if stat.S_ISDIR(mode):
        raise OutputError(path, "it is a folder; give a file name")
    if not stat.S_ISREG(mode):
        raise OutputError(path, "it is not a regular file (a device or a pipe)")


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed to ``path`` on success.

    Creates missing parent folders. On any error the temporary file is
    removed, the target is left as it was, and OS errors become
    :class:`OutputError`.
    """
    target = Path(path)
    _check_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".part", dir=target.parent)
        os.close(fd)
    except OSError as e:
        raise OutputError(target, _reason(e)) from e
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as e:
        raise OutputError(target, _reason(e)) from e
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` as a whole (see :func:`atomic_path`)."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` as a whole (see :func:`atomic_path`)."""
    return write_bytes(path, text.encode("utf-8"))


def output_folder(path: str | Path) -> Path:
    """``path`` as a folder to write files into: created if missing; an
    :class:`OutputError` if it is a file, lies below one, or cannot be written."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise OutputError(folder, "it is a file; give a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(folder, _reason(e)) from e
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(folder, "permission denied")
    return folder


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    if hasattr(value, "item") and callable(value.item) and type(value).__module__ == "numpy":
        return _finite(value.item())
    return value


def json_text(data: Any, **options: Any) -> str:
    """``data`` as JSON every reader accepts: a figure that does not exist (``nan``, an AUC
    without positives) or is infinite is ``null``, where ``json.dumps`` would write ``NaN``, which
    is no JSON (RFC 8259) and which strict readers (JavaScript, jq, many languages) refuse."""
    return json.dumps(_finite(data), allow_nan=False, **options)
