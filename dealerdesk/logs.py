"""One log file in the data folder for everything unexpected.

Users never see a traceback; support does, in ``dealerdesk.log``.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from dealerdesk.paths import log_dir

LOG_NAME = "dealerdesk.log"
_configured: Path | None = None


# issue #11: no personal data in the log file. Messages are written without it, and as a
# second line of defence phone numbers and e-mail addresses (in tracebacks too) are blotted.
_PERSONAL = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+"  # e-mail
    r"|\+\d{8,15}(x\d+)?"  # E.164, with an extension
    r"|(?<![\w/.-])(\+?\d{1,3}[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)"  # CN mobile
    r"|(?<![\w/.-])0\d{2,3}[ -]?\d{7,8}(?!\d)"  # CN landline
)


def redact(text: str) -> str:
    """The text with phones and e-mail addresses replaced by a marker."""
    return _PERSONAL.sub("[personal]", text)


class RedactingFormatter(logging.Formatter):
    """Formats a record, traceback included, then blots phones and e-mail addresses."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


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
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in list(logger.handlers):
        logger.removeHandler(old)
    logger.addHandler(handler)
    logger.propagate = False
    _configured = path
    return path
