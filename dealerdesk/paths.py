"""Where DealerDesk keeps its files on this computer.

The data folder comes from platformdirs so it is the right place on Windows
(``%LOCALAPPDATA%``), macOS (``~/Library/Application Support``) and Linux. The database
path can be overridden with ``--db`` or the ``DEALERDESK_DB`` environment variable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "DealerDesk"
DB_ENV = "DEALERDESK_DB"
DATA_ENV = "DEALERDESK_DATA"


def data_dir() -> Path:
    """The per-user data folder (created on demand), or ``$DEALERDESK_DATA``."""
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))


def default_db_path() -> Path:
    """The database used when neither ``--db`` nor ``$DEALERDESK_DB`` names one."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / "dealerdesk.db"


def resolve_db_path(cli_value: str | os.PathLike[str] | None) -> Path:
    """``--db`` wins over ``$DEALERDESK_DB``, which wins over the data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    return default_db_path()


def log_dir(db_path: Path | None = None) -> Path:
    """Logs go to the data folder; with an explicit database, beside that file's folder
    only when the data folder cannot be created (read-only homes on locked-down PCs)."""
    folder = data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = db_path.parent if db_path is not None else Path.cwd()
    return folder


def resource_dir() -> Path:
    """The shipped ``resources`` folder (fonts, translations, icon): beside the package in a
    checkout, and inside the bundle's folder when frozen by PyInstaller."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"
