"""The dump's files replaced whole: a reader never sees half a file, nor a folder of files from
two different days."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO


def replace_file(path: Path, write: Callable[[TextIO], None]) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    replaced = False
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            write(stream)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
        replaced = True
    finally:
        if not replaced:
            os.unlink(temporary)


def replace_directory(path: Path, fill: Callable[[Path], None]) -> None:
    """`fill` writes the folder's files into a new folder, which then takes `path`'s name; the
    old folder is moved aside first (a folder cannot be renamed over a non-empty one)."""
    fresh = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
    try:
        fill(fresh)
        fresh.chmod(0o755)
        for child in fresh.iterdir():
            child.chmod(0o644)
        old = path.parent / f".{path.name}.old"
        shutil.rmtree(old, ignore_errors=True)
        if path.exists():
            os.replace(path, old)
        os.replace(fresh, path)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
