"""Staff sign-in at start (issue #11): shown only once a second account exists.

The dialog checks the password through ``services.auth`` (argon2, a few tens of ms) and
stays open on a wrong one, naming the problem under the fields. ``start_session`` is what
the app calls: it returns the session, or None when the person cancelled.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.errors import DealerDeskError
from dealerdesk.i18n import render
from dealerdesk.services import auth
from dealerdesk.ui import dialogs


class SignInDialog(QDialog):
    """User name and password; ``accept`` only after ``services.auth.sign_in`` said yes.

    Attributes:
        user, password: the two fields; problem: the red line under them.
        session: the session once signed in.
    """

    def __init__(self, dealership: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in")
        self.setWindowTitle(self.tr("Sign in — %1").replace("%1", dealership))
        self.session: auth.Session | None = None
        self.user = QLineEdit()
        self.user.setObjectName("user")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("&User name"), self.user)
        form.addRow(self.tr("&Password"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Sign in"))
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Several people use this desk: sign in to continue.")))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(360)

    def try_sign_in(self) -> bool:
        """Check the password; accept on success, else say why and keep the dialog open."""
        try:
            self.session = auth.sign_in(self.user.text(), self.password.text())
        except DealerDeskError as exc:
            self.problem.setText(render(getattr(exc, "detail", str(exc))))
            self.problem.show()
            self.password.selectAll()
            self.password.setFocus()
            return False
        self.accept()
        return True


def start_session(dealership: str) -> auth.Session | bool | None:
    """Sign in when several people use the desk; False when the person cancelled."""
    if not auth.sign_in_required():
        return auth.open_without_sign_in()
    dialog = SignInDialog(dealership)
    try:
        if not dialogs.run_modal(dialog, "sign_in") or dialog.session is None:
            return False
        return dialog.session
    finally:
        dialog.deleteLater()
