"""One log file in the data folder for everything unexpected.

Users never see a traceback; support does, in ``dealerdesk.log``.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from dealerdesk.paths import log_dir

LOG_NAME = "dealerdesk.log"
_configured: Path | None = None


def setup_logging(db_path: Path | None = None, *, level: int = logging.INFO) -> Path:
    """Send the ``dealerdesk`` logger to a rotating file; return the file's path."""
    global _configured
    path = log_dir(db_path) / LOG_NAME
    if _configured == path:
        return path
    logger = logging.getLogger("dealerdesk")
    logger.setLevel(level)
    try:
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in list(logger.handlers):
        logger.removeHandler(old)
    logger.addHandler(handler)
    logger.propagate = False
    _configured = path
    return path
