"""Which language the window speaks, and switching Qt and the domain layer to it.

The choice is per PC user (a front desk shares one database but not one language), kept
as ``language`` in the window's settings file: ``""`` follows the system locale,
``"en"`` or ``"zh_CN"`` pins it. :func:`apply_language` sets both halves at start: the
Qt translator for the window's own labels (``resources/translations/*.qm``) and
:func:`dealerdesk.i18n.set_language` for the sentences the domain returns as codes.
Qt's own dialog buttons (Cancel, Yes…) come from Qt's ``qtbase_zh_CN.qm``.

The ``.qm`` is built from the committed ``.ts`` by the bundle script; a checkout builds
it on first start with ``pyside6-lrelease`` when missing or older than the ``.ts``.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from dealerdesk import i18n
from dealerdesk.paths import data_dir, resource_dir

log = logging.getLogger("dealerdesk.ui.language")

SETTING = "language"
FOLLOW_SYSTEM = ""
_installed: list[QTranslator] = []


def system_language() -> str:
    """``zh_CN`` when the PC's UI language is any Chinese (zh_TW reads simplified too)."""
    languages = QLocale.system().uiLanguages() or [QLocale.system().name()]
    first = languages[0].replace("-", "_").lower()
    if first in ("c", "posix", "en_us_posix"):  # containers: fall back to LANG
        return i18n.system_language()
    return "zh_CN" if first.startswith("zh") else "en"


def desk_settings() -> QSettings:
    """The per-user settings file in the data folder (the window keeps its layout there)."""
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)


def chosen(settings: QSettings) -> str:
    """The stored choice (``""`` = follow the system)."""
    value = str(settings.value(SETTING, FOLLOW_SYSTEM) or "")
    return value if value in i18n.LANGUAGES else FOLLOW_SYSTEM


def effective(settings: QSettings) -> str:
    return chosen(settings) or system_language()


def store(settings: QSettings, language: str) -> None:
    if language not in (FOLLOW_SYSTEM, *i18n.LANGUAGES):
        raise ValueError(language)
    settings.setValue(SETTING, language)
    settings.sync()


def qm_path(language: str) -> Path:
    return resource_dir() / "translations" / f"dealerdesk_{language}.qm"


def ensure_qm(language: str) -> Path | None:
    """The compiled translation, built from the ``.ts`` if a checkout lacks it."""
    qm = qm_path(language)
    ts = qm.with_suffix(".ts")
    stale = ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime)
    if stale and not getattr(sys, "frozen", False):
        try:
            build_qm(ts, qm)
        except (OSError, subprocess.SubprocessError):
            log.warning("could not build %s; the window stays in English", qm, exc_info=True)
    return qm if qm.exists() else None


def lrelease() -> str:
    """Qt's ``lrelease`` as shipped inside the PySide6 wheel."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    exe = folder / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    return str(exe)


def build_qm(ts: Path, qm: Path) -> None:
    subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True,
                   capture_output=True, timeout=60)  # fmt: skip


def apply_language(language: str) -> None:
    """Switch the domain layer, the formatting locale and Qt's translators to ``language``."""
    i18n.set_language(language)
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    if language == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        system = QLocale.system()
        english = system.language() == QLocale.Language.English
        QLocale.setDefault(system if english else QLocale(QLocale.Language.English,
                                                          QLocale.Country.UnitedStates))  # fmt: skip
    if language == "en" or app is None:
        return
    files = [ensure_qm(language)]
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    files.append(Path(qt_dir) / f"qtbase_{language}.qm")
    for file in files:
        if file is None or not file.exists():
            continue
        translator = QTranslator(app)
        if translator.load(str(file)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("could not load translation %s", file)


def fill_menu(menu: QMenu, settings: QSettings) -> QActionGroup:
    """ "Follow the system / English / 中文" as checkable items; a choice is kept and
    applies from the next start (every label is built once, at start)."""
    group = QActionGroup(menu)
    current = chosen(settings)
    names = [(FOLLOW_SYSTEM, QCoreApplication.translate("Language", "&Follow the system")),
             ("en", "&English"), ("zh_CN", "&中文 (简体)")]  # fmt: skip
    for code, label in names:
        action = QAction(label, menu)
        action.setObjectName(f"language_{code or 'system'}")
        action.setCheckable(True)
        action.setChecked(code == current)
        group.addAction(action)
        menu.addAction(action)
        action.triggered.connect(lambda _c=False, c=code: _choose(menu, settings, c))
    return group


def _choose(menu: QMenu, settings: QSettings, code: str) -> None:
    from dealerdesk.ui import dialogs

    store(settings, code)
    dialogs.inform(menu.window(), QCoreApplication.translate("Language", "Language"),
                   QCoreApplication.translate("Language", "DealerDesk will use the new "
                                              "language the next time it starts."))  # fmt: skip
