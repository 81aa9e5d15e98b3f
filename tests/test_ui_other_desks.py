"""Desks see each other's work (issue #9): a contact logged by another process shows in
the open customer within a few seconds, and what this desk is typing stays."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from test_ui_customers import ctx, seed, type_text  # noqa: F401
from test_ui_detail import detail, open_customer  # noqa: F401

from dealerdesk.paths import ServerUrl
from dealerdesk.services import customers
from dealerdesk.services.changes import Changed
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.customer_detail import CustomerDetail

ROOT = Path(__file__).resolve().parents[1]


def other_desk_logs_a_contact(db_path: Path, customer_id: int) -> None:
    target = db_path.raw if isinstance(db_path, ServerUrl) else str(db_path)
    subprocess.run(
        [sys.executable, str(ROOT / "tests" / "desk_writer.py"), target, "reception", "1",
         str(customer_id), str(customer_id)],
        check=True, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def test_another_desks_contact_appears_and_typing_is_kept(
    db_path: Path,
    ctx: DeskContext,  # noqa: F811
    detail: CustomerDetail,  # noqa: F811
    qtbot: Any,
) -> None:
    wang = seed().ids["王芳"]
    open_customer(qtbot, detail, wang)
    before = detail.timeline.rowCount()
    email = detail.form.edits["email"]
    email.setFocus()
    type_text(qtbot, email, "wang.fang@")
    seen: list[Changed] = []
    ctx.hub.changed.connect(seen.append)
    ctx.hub.watch(ctx.worker, interval_ms=150)
    qtbot.wait(400)
    assert seen == []  # nobody else wrote: the polls were silent
    other_desk_logs_a_contact(db_path, wang)
    qtbot.waitUntil(lambda: detail.timeline.rowCount() == before + 1, timeout=5000)
    assert any(wang in c.customer_ids and "contact_log" in c.tables for c in seen)
    assert email.text() == "wang.fang@" and detail.is_dirty()  # the typing survived
    type_text(qtbot, email, "example.cn")
    assert email.text() == "wang.fang@example.cn"
    assert customers.get_customer(wang).email in (None, "")  # nothing saved behind its back
    ctx.hub._timer.stop()
