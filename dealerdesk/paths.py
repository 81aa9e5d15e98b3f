"""Where DealerDesk keeps its files on this computer.

The data folder comes from platformdirs so it is the right place on Windows
(``%LOCALAPPDATA%``), macOS (``~/Library/Application Support``) and Linux. The database
path can be overridden with ``--db`` or the ``DEALERDESK_DB`` environment variable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import platformdirs

APP_NAME = "DealerDesk"
DB_ENV = "DEALERDESK_DB"
DATA_ENV = "DEALERDESK_DATA"


def data_dir() -> Path:
    """The per-user data folder (created on demand), or ``$DEALERDESK_DATA``."""
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))


SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(text: str) -> bool:
    return text.lower().startswith(SERVER_SCHEMES)


class ServerUrl(str):
    """A ``postgresql://user:password@host:port/dbname`` database address.

    Stands where a file path would (the title bar shows ``name``; ``exists()`` is true:
    a server database is created by its administrator, see docs/multi-desk.md), and
    prints without its password.
    """

    def __new__(cls, text: str) -> ServerUrl:
        if isinstance(text, ServerUrl):
            text = text.raw
        if text.lower().startswith("postgres://"):
            text = "postgresql://" + text[len("postgres://") :]
        return super().__new__(cls, text)

    @property
    def _parts(self):  # type: ignore[no-untyped-def]
        return urlsplit(str.__str__(self))

    @property
    def name(self) -> str:
        """The database name on the server."""
        return unquote(self._parts.path.lstrip("/")) or self.user

    @property
    def user(self) -> str:
        return unquote(self._parts.username or "") or os.environ.get("PGUSER", "")

    @property
    def server(self) -> str:
        host = self._parts.hostname or "localhost"
        return f"{host}:{self._parts.port}" if self._parts.port else host

    @property
    def raw(self) -> str:
        """The address with its password, for the driver only."""
        return str.__str__(self)

    def exists(self) -> bool:
        return True

    def __str__(self) -> str:
        p = self._parts
        if p.password is None:
            return str.__str__(self)
        netloc = p.netloc.replace(f":{p.password}@", ":***@", 1)
        return p._replace(netloc=netloc).geturl()

    def __repr__(self) -> str:
        return f"ServerUrl({str(self)!r})"


DbTarget = Path | ServerUrl


def as_target(value: str | os.PathLike[str]) -> DbTarget:
    """A file path, or a server address when *value* is a postgresql:// URL."""
    text = os.fspath(value)
    if is_server_url(text):
        return ServerUrl(text)
    return Path(text).expanduser()


def default_db_path() -> DbTarget:
    """The database used when neither ``--db`` nor ``$DEALERDESK_DB`` names one."""
    env = os.environ.get(DB_ENV)
    if env:
        return as_target(env)
    return data_dir() / "dealerdesk.db"


def resolve_db_path(cli_value: str | os.PathLike[str] | None) -> DbTarget:
    """``--db`` wins over ``$DEALERDESK_DB``, which wins over the data folder. Either may
    be a file or a ``postgresql://`` address."""
    if cli_value:
        return as_target(cli_value)
    return default_db_path()


def log_dir(db_path: DbTarget | None = None) -> Path:
    """Logs go to the data folder; with an explicit database, beside that file's folder
    only when the data folder cannot be created (read-only homes on locked-down PCs)."""
    folder = data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = db_path.parent if isinstance(db_path, Path) else Path.cwd()
    return folder


def resource_dir() -> Path:
    """The shipped ``resources`` folder (fonts, translations, icon): beside the package in a
    checkout, inside the bundle's folder when frozen by PyInstaller, and under
    ``<prefix>/share/dealerdesk`` when installed with pip (pyproject's data-files)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    checkout = Path(__file__).resolve().parents[1] / "resources"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "dealerdesk" / "resources"
