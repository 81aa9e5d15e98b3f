"""The first-run setup: dealership name and language, first staff, then how to start.

Shown by ``app.py`` when there is no database yet, instead of a bare yes/no question.
Three short pages; each checks its answers before Next (``services.setup.check_setup``,
pure, so nothing is written until Finish), and :meth:`FirstRunWizard.answers` hands the
result back to the app, which creates the database, the demo or an empty one, and writes
the answers in one transaction; "import" starts empty and opens the import wizard.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from dealerdesk import i18n
from dealerdesk.errors import ValidationError
from dealerdesk.services.setup import NewStaff, check_setup, suggest_username

STAFF_ROWS = 6
START_IMPORT = "import"
START_DEMO = "demo"
START_EMPTY = "empty"


@dataclass(frozen=True)
class SetupAnswers:
    """What the wizard collected: the app acts on it once Finish is pressed."""

    dealership: str
    language: str
    staff: tuple[NewStaff, ...]
    start: str  # START_IMPORT | START_DEMO | START_EMPTY


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("setup_error")
    label.setStyleSheet("color: #B71C1C;")
    label.setWordWrap(True)
    label.hide()
    return label


class DealershipPage(QWizardPage):
    """Page 1: the dealership's name (printed on every report) and the language."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.setTitle(self.tr("Your dealership"))
        self.setSubTitle(self.tr("The name is printed at the top of every report."))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("dealership")
        self.name.setMaxLength(80)
        self.name.setPlaceholderText(self.tr("e.g. 鑫源汽车 Xinyuan Motors"))
        form.addRow(self.tr("&Dealership name:"), self.name)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("中文 (简体)", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        form.addRow(self.tr("&Language:"), self.language)
        self.error = _error_label()
        form.addRow(self.error)
        self.registerField("dealership*", self.name)

    def validatePage(self) -> bool:
        try:
            check_setup(dealership=self.name.text(), staff=())
        except ValidationError as exc:
            self.error.setText(exc.detail)
            self.error.show()
            return False
        return True


class StaffPage(QWizardPage):
    """Page 2: the first accounts (name, sign-in name, role); empty rows are skipped."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Staff accounts"))
        self.setSubTitle(self.tr("Who works at the desk? Add more later. The sign-in "
                                 "name is filled in from the name."))  # fmt: skip
        layout = QVBoxLayout(self)
        self.table = QTableWidget(STAFF_ROWS, 3)
        self.table.setObjectName("staff_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Sign-in name"), self.tr("Role")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        for row in range(STAFF_ROWS):
            role = QComboBox()
            role.addItem(self.tr("Manager"), "manager")
            role.addItem(self.tr("Front desk"), "desk")
            role.setCurrentIndex(0 if row == 0 else 1)
            self.table.setCellWidget(row, 2, role)
        self.table.itemChanged.connect(self._suggest)
        layout.addWidget(self.table)
        self.error = _error_label()
        layout.addWidget(self.error)

    def set_row(self, row: int, name: str, username: str = "", role: str = "") -> None:
        self.table.setItem(row, 0, QTableWidgetItem(name))
        if username:
            self.table.setItem(row, 1, QTableWidgetItem(username))
        if role:
            combo = self.table.cellWidget(row, 2)
            assert isinstance(combo, QComboBox)
            combo.setCurrentIndex(combo.findData(role))

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _suggest(self, item: QTableWidgetItem) -> None:
        if item.column() != 0 or not item.text().strip() or self._text(item.row(), 1):
            return
        taken = {self._text(r, 1) for r in range(STAFF_ROWS) if r != item.row()}
        self.table.setItem(item.row(), 1, QTableWidgetItem(suggest_username(item.text(), taken)))

    def staff(self) -> tuple[NewStaff, ...]:
        people = []
        for row in range(STAFF_ROWS):
            name, user = self._text(row, 0), self._text(row, 1)
            if not name and not user:
                continue
            combo = self.table.cellWidget(row, 2)
            assert isinstance(combo, QComboBox)
            people.append(NewStaff(name, user, str(combo.currentData())))
        return tuple(people)

    def validatePage(self) -> bool:
        try:
            check_setup(dealership="-", staff=self.staff())
        except ValidationError as exc:
            where = self.tr("Row %1: ").replace("%1", str(exc.row)) if exc.row else ""
            self.error.setText(where + exc.detail)
            self.error.show()
            return False
        return True


class StartPage(QWizardPage):
    """Page 3: import the customer file you have, try the demo, or start empty."""

    def __init__(self, path: Path, demo_customers: int) -> None:
        super().__init__()
        self.setTitle(self.tr("How to start"))
        self.setSubTitle(self.tr("The database will be created at %1").replace("%1", str(path)))
        layout = QVBoxLayout(self)
        self.import_file = QRadioButton(
            self.tr("&Import the customer file you have (Excel, CSV, contacts)")
        )
        self.import_file.setObjectName("start_import")
        self.demo = QRadioButton(self.tr("Try the &demo dealership (%1 made-up customers)")
                                 .replace("%1", i18n.fmt_int(demo_customers)))  # fmt: skip
        self.demo.setObjectName("start_demo")
        self.empty = QRadioButton(self.tr("Start &empty, for your own customers"))
        self.empty.setObjectName("start_empty")
        self.empty.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.import_file, self.demo, self.empty):
            group.addButton(button)
            layout.addWidget(button)
        layout.addStretch(1)


class FirstRunWizard(QWizard):
    """The setup dialog; :meth:`answers` once it was accepted."""

    def __init__(self, path: Path, *, language: str, demo_customers: int,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("first_run")
        self.setWindowTitle(self.tr("Welcome to DealerDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(640, 460)
        self.dealership = DealershipPage(language)
        self.staff_page = StaffPage()
        self.start = StartPage(path, demo_customers)
        for page in (self.dealership, self.staff_page, self.start):
            self.addPage(page)

    def answers(self) -> SetupAnswers:
        return SetupAnswers(
            dealership=self.dealership.name.text().strip(),
            language=str(self.dealership.language.currentData()),
            staff=self.staff_page.staff(),
            start=START_IMPORT
            if self.start.import_file.isChecked()
            else START_DEMO
            if self.start.demo.isChecked()
            else START_EMPTY,
        )
