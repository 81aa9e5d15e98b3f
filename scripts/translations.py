"""Keep the window's Chinese translation complete: lupdate → fill → lrelease.

    python scripts/translations.py            # all three steps
    python scripts/translations.py update     # pyside6-lupdate dealerdesk/ui/*.py -> .ts
    python scripts/translations.py fill       # translations from scripts/zh_cn_strings.py
    python scripts/translations.py release    # .ts -> .qm (not committed; built on demand)
    python scripts/translations.py record     # texts the Chinese window asked for, untranslated

The Chinese texts live in one Python dict (``scripts/zh_cn_strings.py``: English source →
front-desk Chinese), so a reviewer reads them side by side and a new window label is one
line to add. ``fill`` keeps each label's Alt letter — "&File" becomes "文件(&F)" — and
refuses a translation that drops a placeholder (%1, %n, {name}). It prints every source
text still missing; tests/test_translations.py fails while any is.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "dealerdesk_zh_CN.ts"
PLACEHOLDER = re.compile(r"%\d|%n|\{[a-z_]+\}")


def sources() -> list[Path]:
    return sorted((ROOT / "dealerdesk" / "ui").glob("*.py"))


def lupdate(ts: Path) -> None:
    """Collect every tr() text; no line numbers in the file (they churn on every edit)."""
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    command = [str(exe) if exe.exists() else "pyside6-lupdate"]
    subprocess.run([*command, *map(str, sources()), "-locations", "none", "-no-obsolete",
                    "-target-language", "zh_CN", "-ts", str(ts)],
                   check=True, capture_output=True, cwd=ROOT)  # fmt: skip


def mnemonic(text: str) -> str | None:
    match = re.search(r"(?<!&)&([^&\s])", text)
    return match.group(1) if match else None


def chinese_for(
    source: str,
    table: dict[str, str],
    context: str = "",
    by_context: dict[tuple[str, str], str] | None = None,
) -> str | None:
    """The translation with the source's Alt letter kept as "(&X)"."""
    by_context = by_context or {}
    letter = mnemonic(source)
    plain = re.sub(r"(?<!&)&(?=[^&\s])", "", source)
    text = by_context.get((context, plain), table.get(source, table.get(plain)))
    if text is None:
        return None
    if letter and mnemonic(text) is None:
        # before a trailing "(Enter)"/"(.ics)" and "…"/":" — "回访导出(&D) (.ics)…"
        tail = re.search(r"(\s*\([^()]*\))?[…:：]?$", text)
        cut = tail.start() if tail else len(text)
        text = f"{text[:cut]}(&{letter.upper()}){text[cut:]}"
    return text


def problems(source: str, text: str) -> list[str]:
    found = []
    if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
        found.append(f"placeholders differ: {source!r} → {text!r}")
    letter = mnemonic(source)
    if letter and (mnemonic(text) or "").lower() != letter.lower():
        found.append(f"Alt letter lost: {source!r} → {text!r}")
    return found


def regroup(root: ET.Element) -> None:
    """Put module-level ``tr(text, context)`` calls under their real context.

    lupdate reads our helper ``ui.i18n.tr(text, context)`` as Qt's ``tr(text, comment)``
    in a nameless context; at run time it is ``translate(context, text)`` (default
    context "DealerDesk"). Move each such message to that context and drop the comment.
    """
    contexts = {c.findtext("name") or "": c for c in root.iter("context")}
    nameless = contexts.pop("", None)
    if nameless is None:
        return
    root.remove(nameless)
    for message in nameless.findall("message"):
        comment = message.find("comment")
        name = comment.text if comment is not None and comment.text else "DealerDesk"
        if comment is not None:
            message.remove(comment)
        if "%n" not in (message.findtext("source") or ""):
            message.attrib.pop("numerus", None)
        if name not in contexts:
            contexts[name] = ET.SubElement(root, "context")
            ET.SubElement(contexts[name], "name").text = name
        sources = {m.findtext("source") for m in contexts[name].findall("message")}
        if message.findtext("source") not in sources:
            contexts[name].append(message)
    for context in sorted(root.findall("context"), key=lambda c: c.findtext("name") or ""):
        root.remove(context)
        root.append(context)


def fill(ts: Path) -> tuple[list[str], list[str]]:
    """Fill every message; returns (missing sources, problems)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from zh_cn_strings import ZH, ZH_IN_CONTEXT

    tree = ET.parse(ts)
    regroup(tree.getroot())
    missing: list[str] = []
    bad: list[str] = []
    for context_node in tree.getroot().iter("context"):
        for message in context_node.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            text = chinese_for(source, ZH, context_node.findtext("name") or "", ZH_IN_CONTEXT)
            if text is None:
                missing.append(source)
                translation.set("type", "unfinished")
                translation.text = None
                continue
            bad += problems(source, text)
            translation.attrib.pop("type", None)
            for form in list(translation):
                translation.remove(form)
            if message.get("numerus") == "yes":  # Chinese has one plural form
                translation.text = None
                ET.SubElement(translation, "numerusform").text = text
            else:
                translation.text = text
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                  encoding="utf-8")  # fmt: skip
    return sorted(set(missing)), bad


def release(ts: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from dealerdesk.ui.language import build_qm

    qm = ts.with_suffix(".qm")
    build_qm(ts, qm)
    return qm


IGNORED_CONTEXTS = ("Q",)  # Qt's own (QWizard, QTabBar…) come from qtbase_zh_CN.qm


def record(db: Path) -> list[tuple[str, str]]:
    """Run every screen of the screenshot script in Chinese, offscreen, and return each
    (context, text) the window asked Qt to translate that the .ts does not have."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from dealerdesk.ui import language

    asked: set[tuple[str, str]] = set()

    class Recorder(QTranslator):
        def translate(self, context: str, source: str, disambiguation: str | None = None,
                      n: int = -1) -> str:  # fmt: skip
            asked.add((context, source))
            return ""  # not found here: Qt asks the real translators next

        def isEmpty(self) -> bool:
            return False

    app = QApplication.instance() or QApplication(sys.argv[:1])
    recorder = Recorder()
    apply = language.apply_language

    def apply_and_record(lang: str) -> None:
        apply(lang)
        app.installTranslator(recorder)  # installed last, asked first

    language.apply_language = apply_and_record  # type: ignore[assignment]
    import screenshots

    argv, sys.argv = sys.argv, ["screenshots", "--check", "--lang", "zh_CN", "--db", str(db),
                                "--customers", "200"]  # fmt: skip
    try:
        screenshots.main()
    finally:
        sys.argv = argv
        language.apply_language = apply  # type: ignore[assignment]
    root = ET.parse(TS).getroot()
    have = {(c.findtext("name"), m.findtext("source"))
            for c in root.iter("context") for m in c.iter("message")}  # fmt: skip
    # A text with no Latin letter is already Chinese (a vocab label) or a symbol.
    return sorted(p for p in asked - have
                  if not p[0].startswith(IGNORED_CONTEXTS) and re.search("[A-Za-z]", p[1]))  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("step", nargs="?", choices=("update", "fill", "release", "all", "record"),
                    default="all")  # fmt: skip
    ap.add_argument("--db", default="/tmp/dealerdesk-translations.db",
                    help="record: the demo database the screens open (made if missing)")  # fmt: skip
    args = ap.parse_args()
    if args.step == "record":
        missing = record(Path(args.db))
        for context, source in missing:
            print(f"not in the .ts: {context} | {source!r}")
        return 1 if missing else 0
    if args.step in ("update", "all"):
        lupdate(TS)
        print(f"updated {TS.relative_to(ROOT)}")
    if args.step in ("fill", "all"):
        missing, bad = fill(TS)
        for source in missing:
            print(f"missing: {source!r}")
        for problem in bad:
            print(problem)
        print(f"filled {TS.relative_to(ROOT)}: {len(missing)} missing, {len(bad)} problems")
        if missing or bad:
            return 1
    if args.step in ("release", "all"):
        print(f"built {release(TS).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
