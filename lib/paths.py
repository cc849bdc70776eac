"""Where things are: the project's folders and the ones the environment configures.

A leaf module: it imports nothing of the project, so anything may import it.
It also places a file a build does not rewrite (:func:`link_or_copy`).
The environment is read at call time, not import time, so a test or a
dashboard process can point the same code at another corpus.

- ``VENEZUELA_ARTICLES``: article folders, separated by ``os.pathsep`` (default ``seeds/``);
- ``VENEZUELA_UPLOADS``: where the dashboard saves added articles (default ``articles/``);
- ``VENEZUELA_DATA``: where builds are published (default ``data/``).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIB = ROOT / "lib"
SEEDS = ROOT / "seeds"
EVALUATION = ROOT / "evaluation"
STATIC = ROOT / "static"


def upload_folder() -> Path:
    """Where articles added from the dashboard are saved: ``$VENEZUELA_UPLOADS`` or articles/."""
    return Path(os.environ.get("VENEZUELA_UPLOADS", ROOT / "articles"))


def corpus_folders() -> list[Path]:
    """Article folders: ``$VENEZUELA_ARTICLES`` (several separated by os.pathsep) or seeds/, plus the upload folder once it exists."""
    value = os.environ.get("VENEZUELA_ARTICLES")
    folders = [Path(p) for p in value.split(os.pathsep)] if value else [SEEDS]
    uploads = upload_folder()
    if uploads.is_dir() and os.path.realpath(uploads) not in {os.path.realpath(f) for f in folders}:  # realpath: never raises on a link loop
        folders.append(uploads)
    return folders


def data_folder() -> Path:
    """Where builds go: ``$VENEZUELA_DATA`` or data/."""
    return Path(os.environ.get("VENEZUELA_DATA", ROOT / "data"))
DEV_ARTICLES = EVALUATION / "dev"  # the 24 dev articles the project's own gold covers (with seeds/)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """``target`` as a hard link to ``source`` (a copy where the file system has none): a published file, never rewritten."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
