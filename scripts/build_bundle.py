"""Build the one-folder DealerDesk application with PyInstaller: ``dist/DealerDesk/``.

    pip install -e ".[build]"          # PyInstaller 6 + its PySide6 hooks
    python scripts/build_bundle.py     # -> dist/DealerDesk/DealerDesk(.exe)
    dist/DealerDesk/DealerDesk --demo --smoke -platform offscreen   # self-test

The same command builds on Windows (``dist\\DealerDesk\\DealerDesk.exe``; zip the folder
or wrap it with Inno Setup) and on macOS (``--windowed`` also makes ``dist/DealerDesk.app``;
sign and notarise it before handing it out). PyInstaller does not cross-compile:
build each platform on that platform, with the same Python (3.11+) and requirements.

What goes in: the ``dealerdesk`` package and its dependencies, the compiled Chinese
translation (``.qm``, built here from the committed ``.ts``), the embedded PDF font
(``resources/fonts``), the icon, reportlab's own fonts and the holidays' translations.
What is left out to keep it small: every Qt module but QtCore/QtGui/QtWidgets (and QtSvg
for the icon) — no QtNetwork, Qml/Quick, WebEngine, Multimedia, Pdf, 3D, OpenGL widgets —
Qt's translations other than Chinese, Python's tkinter, and the test tools.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "DealerDesk"
EXCLUDE = [
    "tkinter", "matplotlib", "IPython", "pytest", "pytestqt", "_pytest", "ruff", "mypy",
    "importlinter", "grimp", "PyInstaller",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebChannel",
    "PySide6.QtMultimedia", "PySide6.QtPdf", "PySide6.Qt3DCore", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtDBus",
    "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtPrintSupport", "PySide6.QtXml",
    "PySide6.QtConcurrent", "PySide6.QtCharts", "PySide6.QtDataVisualization",
]  # fmt: skip
# Qt shared libraries and plugins that the PySide6 hook may still pull in.
PRUNE_GLOBS = [
    "**/libQt6Quick*", "**/libQt6Qml*", "**/libQt6Pdf*", "**/libQt6Network*",
    "**/libQt6VirtualKeyboard*", "**/libQt6OpenGL.*", "**/Qt6Quick*.dll", "**/Qt6Qml*.dll",
    "**/Qt6Pdf*.dll", "**/Qt6Network*.dll", "**/Qt6VirtualKeyboard*.dll",
    "**/plugins/platforminputcontexts", "**/plugins/networkinformation", "**/plugins/tls",
    "**/plugins/qmltooling", "**/plugins/generic",
]  # fmt: skip
KEEP_QT_TRANSLATIONS = ("qtbase_zh_CN.qm", "qt_zh_CN.qm")


def sep() -> str:
    return ";" if sys.platform == "win32" else ":"


def build_translations() -> list[Path]:
    """``resources/translations/*.ts`` -> ``.qm`` with Qt's lrelease from the PySide6 wheel."""
    sys.path.insert(0, str(ROOT))
    from dealerdesk.ui.language import build_qm

    built = []
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        build_qm(ts, qm)
        built.append(qm)
    return built


def prune(bundle: Path) -> int:
    """Remove Qt parts the app never loads; returns the bytes saved."""
    saved = 0
    for pattern in PRUNE_GLOBS:
        for path in bundle.glob(pattern):
            saved += size_of(path)
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for qm in bundle.glob("**/PySide6/Qt/translations/*.qm"):
        if qm.name not in KEEP_QT_TRANSLATIONS:
            saved += qm.stat().st_size
            qm.unlink()
    return saved


def size_of(path: Path) -> int:
    """Bytes on disk, each file once (the bundle links some libraries by symlink)."""
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="output folder")
    parser.add_argument("--work", default=str(ROOT / "build"), help="PyInstaller's work folder")
    args = parser.parse_args()
    started = time.monotonic()
    qms = build_translations()
    data = [
        (ROOT / "resources" / "fonts", "resources/fonts"),
        (ROOT / "resources" / "icon.svg", "resources"),
        *((qm, "resources/translations") for qm in qms),
    ]
    command = [
        sys.executable, "-m", "PyInstaller", str(ROOT / "main.py"),
        "--name", NAME, "--onedir", "--windowed", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", args.dist, "--workpath", args.work, "--specpath", args.work,
        "--collect-data", "reportlab", "--collect-data", "holidays",
        "--collect-submodules", "holidays.countries", "--collect-submodules", "phonenumbers",
        "--collect-submodules", "dealerdesk",
        *(f"--add-data={src}{sep()}{dest}" for src, dest in data),
        *(f"--exclude-module={m}" for m in EXCLUDE),
    ]  # fmt: skip
    subprocess.run(command, check=True, cwd=ROOT)
    bundle = Path(args.dist) / NAME
    saved = prune(bundle)
    total = size_of(bundle)
    print(f"built {bundle} in {time.monotonic() - started:.0f} s: "
          f"{total / 1e6:.0f} MB ({saved / 1e6:.0f} MB of unused Qt parts removed)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
