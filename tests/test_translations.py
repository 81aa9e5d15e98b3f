"""The window's Chinese is complete: every text has a translation, and nothing new slips in.

Three checks: the committed .ts has a Chinese text for every message, with its
placeholders and Alt letter; lupdate over dealerdesk/ui finds no text the .ts lacks; and a
Chinese run through every screen asks Qt for no text the .ts lacks (labels translated
from variables, which lupdate cannot see, are listed in ui/tr_dynamic.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import translations  # noqa: E402

TS = translations.TS


def messages(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    return {(c.findtext("name") or "", m.findtext("source") or ""): m
            for c in root.iter("context") for m in c.iter("message")}  # fmt: skip


def test_every_message_has_a_chinese_translation() -> None:
    found = messages(ET.parse(TS).getroot())
    assert len(found) > 300
    untranslated, bad = [], []
    for (_context, source), message in found.items():
        node = message.find("translation")
        assert node is not None
        text = "".join(node.itertext()).strip()
        if not text or node.get("type") in ("unfinished", "vanished", "obsolete"):
            untranslated.append(source)
            continue
        bad += translations.problems(source, text)
        if any(c.isalpha() for c in source) and source == text and not source.isupper():
            bad.append(f"same as the English: {source!r}")
    assert not untranslated, untranslated
    allowed = {"same as the English: 'VIP'", "same as the English: 'Ctrl+%1'",
               "same as the English: 'DealerDesk — %1 — %2'"}  # fmt: skip
    assert set(bad) <= allowed, sorted(set(bad) - allowed)


def test_lupdate_finds_no_text_the_ts_lacks(tmp_path: Path) -> None:
    if (
        shutil.which("pyside6-lupdate") is None
        and not Path(sys.executable).with_name("pyside6-lupdate").exists()
    ):
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    translations.lupdate(fresh)
    root = ET.parse(fresh).getroot()
    translations.regroup(root)
    assert set(messages(root)) == set(messages(ET.parse(TS).getroot()))


def test_every_text_the_chinese_window_shows_is_translated(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "record",
         "--db", str(tmp_path / "demo.db")],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    missing = [line for line in result.stdout.splitlines() if line.startswith("not in the .ts")]
    assert result.returncode == 0 and not missing, "\n".join(missing) or result.stderr[-2000:]


def test_chinese_window_labels_load_from_the_qm(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from dealerdesk.ui import language

    try:
        language.apply_language("zh_CN")
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        assert QCoreApplication.translate("FollowupKind", "Maintenance reminder") == "保养提醒"
    finally:
        language.apply_language("en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_every_rule_s_figures_are_explained_in_chinese(qapp: object) -> None:
    """Settings → Follow-up rules says what each figure means in the desk's language: every
    rule's help texts (a new rule's too) translate."""
    from PySide6.QtCore import QCoreApplication

    from dealerdesk.retention.cadence.rules import DEFAULT_RULES
    from dealerdesk.ui import language

    texts = {r.offset_help for r in DEFAULT_RULES} | {r.limit_help for r in DEFAULT_RULES}
    try:
        language.apply_language("zh_CN")
        untranslated = [s for s in sorted(texts - {""})
                        if QCoreApplication.translate("RuleHelp", s) == s]  # fmt: skip
    finally:
        language.apply_language("en")
    assert not untranslated
    assert len(texts) > 20
