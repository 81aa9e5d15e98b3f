"""The five-factor loyalty survey as a quick form, and the customer's loyalty trend label.

Quick: the five questions are spin boxes in the order they are asked, Tab moves on,
typing the number sets it, "–" leaves one unanswered, Ctrl+Enter saves. It opens from
the customer detail, and from a completed follow-up (the satisfaction call is the
moment the customer is on the line).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from dealerdesk.i18n import render
from dealerdesk.services import surveys
from dealerdesk.ui.complaint_dialogs import _save_shortcut
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.profile_form import FormDialog, Job, parse_day

__all__ = ["LoyaltyTrendLabel", "SurveyDialog"]

SURVEY_KINDS = (("service", "After a service"), ("sale", "After a sale"),
                ("periodic", "Periodic"), ("exit", "Exit (customer left)"))  # fmt: skip
QUESTIONS = {
    "satisfaction": "&1 Overall, how satisfied are you with us? (1–5)",
    "initiative": "&2 Do you come to us of your own accord? (1–5)",
    "repurchase": "&3 Would you buy your next car here? (1–5)",
    "recommend": "&4 Would you recommend us to a friend? (0–10)",
    "resistance": "&5 Would you stay if a competitor offered a better price? (1–5)",
}


class SurveyDialog(FormDialog):
    """The five loyalty factors; "–" leaves a question unanswered (three are needed)."""

    def __init__(self, ctx: DeskContext, customer_id: int, customer_name: str, *,
                 kind: str = "service", parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, "record_survey", self.tr("Loyalty survey — %1").replace(
            "%1", customer_name), parent)  # fmt: skip
        self.setMinimumWidth(560)
        self.customer_id = customer_id
        self.scores: dict[str, QSpinBox] = {}
        for key, low, high in surveys.FACTORS:
            box = QSpinBox()
            box.setRange(low - 1, high)
            box.setSpecialValueText("–")
            box.setValue(low - 1)
            self.scores[key] = self.field(key, self.tr(QUESTIONS[key]), box)  # type: ignore[assignment]
        self.kind = QComboBox()
        for code, label in SURVEY_KINDS:
            self.kind.addItem(self.tr(label), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.day = QLineEdit(ctx.today().isoformat())
        self.comment = QLineEdit()
        self.field("kind", self.tr("&Kind"), self.kind)
        self.field("date", self.tr("&Date"), self.day)
        self.field("comment", self.tr("C&omment"), self.comment)
        self.finish_layout()
        self.save_button.setText(self.tr("Save  (Ctrl+Enter)"))
        _save_shortcut(self)
        first = self.scores["satisfaction"]
        self.setFocusProxy(first)
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def answers(self) -> dict[str, Any]:
        return {k: None if b.value() == b.minimum() else b.value() for k, b in self.scores.items()}

    def build_job(self) -> Job:
        fields: dict[str, Any] = {
            **self.answers(),
            "kind": self.kind.currentData(),
            "date": parse_day(self.day.text(), "date", required=True),
            "comment": self.comment.text(),
        }
        return partial(surveys.record_survey, self.customer_id, fields, today=self.ctx.today())

    def done_message(self) -> str:
        return self.tr("Survey recorded")


class LoyaltyTrendLabel(QLabel):
    """One line on the customer detail: the loyalty index now and how it moved."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loyalty_trend")
        self.ctx = ctx
        self._wanted: int | None = None
        self.setStyleSheet("color:#444;")

    def load(self, customer_id: int) -> None:
        self._wanted = customer_id
        self.ctx.worker.submit(surveys.customer_trend, customer_id,
                               on_done=partial(self._show, customer_id))  # fmt: skip

    def _show(self, customer_id: int, trend: surveys.LoyaltyTrend) -> None:
        if customer_id != self._wanted:
            return
        if trend.words is None:
            self.setText(self.tr("Loyalty: no survey yet"))
            return
        points = [str(p.index) for p in trend.points if p.index is not None]
        self.setText(
            render(trend.words) + ("   " + " → ".join(points[-6:]) if len(points) > 1 else "")
        )
