"""The main window: navigation between the screens, menus, toolbar, status bar, shortcuts.

Screens live in one QStackedWidget; the list on the left switches them (Ctrl+1…9, 0).
The customer detail is a screen of its own, reached from any list through
``hub.open_customer``; leaving it with unsaved edits asks first. Geometry, toolbar
state and the last screen are kept in a QSettings file in the data folder, so a
desk reopens where it was left (and tests, with their own data folder, never touch
the user's).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.paths import data_dir
from dealerdesk.services.changes import Changed
from dealerdesk.ui import dialogs, language
from dealerdesk.ui.accounts_view import AccountsView
from dealerdesk.ui.action_dialogs import LogContactDialog, NewCustomerDialog, run_form
from dealerdesk.ui.calendar_view import CalendarView
from dealerdesk.ui.campaigns_view import CampaignsView
from dealerdesk.ui.complaints_view import ComplaintsView
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.customer_detail import CustomerDetail
from dealerdesk.ui.customers_view import CustomersView
from dealerdesk.ui.dashboard_view import DashboardView
from dealerdesk.ui.data_actions import DataActions
from dealerdesk.ui.duplicates_view import DuplicatesView
from dealerdesk.ui.referrals_screen import ReferralsScreen
from dealerdesk.ui.renewals_view import RenewalsView
from dealerdesk.ui.report_actions import ReportActions
from dealerdesk.ui.settings_view import SettingsView
from dealerdesk.ui.today_view import TodayView
from dealerdesk.ui.winback_view import WinbackView

# (key, navigation label); the order is the Ctrl+1… order.
SCREENS: tuple[tuple[str, str], ...] = (
    ("today", "Today"),
    ("customers", "Customers"),
    ("calendar", "Calendar"),
    ("complaints", "Complaints"),
    ("campaigns", "Campaigns"),
    ("winback", "Win-back"),
    ("reports", "Reports"),
    ("settings", "Settings"),
    ("duplicates", "Duplicates"),
    ("dashboard", "Dashboard"),  # issue #15: Ctrl+0
    ("renewals", "Renewals"),  # issue #16: the renewal list (续保); past ten: the View menu
    ("referrals", "Referrals"),  # issue #14
    ("accounts", "Cards & fleets"),  # issue #14
)
NAV_STYLE = (
    "QListWidget#navigation { font-size: 11pt; }"
    " QListWidget#navigation::item { padding: 7px 10px; }"
)
PLACEHOLDERS: dict[str, str] = {}  # issue #11: Settings is a real screen now


def window_settings() -> QSettings:
    """The window's own settings file, beside the database in the data folder."""
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)


class ReportsPage(QWidget):
    """The Reports screen: the same actions as the Reports menu, as buttons."""

    def __init__(self, reports: ReportActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReportsPage")
        title = QLabel(self.tr("<h2>Reports</h2>"))
        at_risk = QPushButton(self.tr("Customers at risk (PDF)…"))
        at_risk.setObjectName("reports_at_risk_button")
        at_risk.clicked.connect(reports.at_risk_action.trigger)
        explain = QLabel(self.tr(
            "The customers most likely to leave, ranked, with the reasons in words, the "
            "suggested action, the owner and contact details, summary figures and a chart."
        ))  # fmt: skip
        explain.setWordWrap(True)
        mask = QCheckBox(reports.mask_action.text().replace("&", ""))
        mask.setChecked(reports.mask_action.isChecked())
        mask.toggled.connect(reports.mask_action.setChecked)
        reports.mask_action.toggled.connect(mask.setChecked)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        row = QHBoxLayout()
        row.addWidget(at_risk)
        row.addWidget(explain, 1)
        layout.addLayout(row)
        layout.addWidget(mask)
        layout.addStretch(1)
        self.setFocusProxy(at_risk)


def placeholder(title: str, text: str) -> QWidget:
    page = QWidget()
    label = QLabel(f"<h2>{title}</h2><p>{text}</p>")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    layout = QVBoxLayout(page)
    layout.addWidget(label)
    return page


class MainWindow(QMainWindow):
    """The one window of the desk.

    Attributes:
        nav: the screen list on the left.
        stack: the screens; ``pages`` maps a screen key to its widget.
        today, customers, calendar, detail: the main screens.
        reports: the Reports menu's actions.
        actions: our QActions by name (tests trigger them).
    """

    def __init__(
        self, ctx: DeskContext, parent: QWidget | None = None, *,
        settings: QSettings | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.ctx = ctx
        self.settings = settings if settings is not None else window_settings()
        self._closing_ok = False
        self._back_to = "customers"
        self.setWindowTitle(self.tr("DealerDesk — %1 — %2").replace("%1", ctx.dealership)
                            .replace("%2", ctx.db_path.name))  # fmt: skip

        self.reports = ReportActions(ctx, self)
        # Each screen queues its first load on the one worker as it is built, and the
        # worker runs jobs in order: build the screen the user will see first.
        screen = self.remembered_screen()
        if screen == "customers":
            self.customers = CustomersView(ctx)
            self.customers.refresh()
        self.today = TodayView(ctx)
        if screen != "customers":
            self.customers = CustomersView(ctx)
            self.customers.refresh()
        self.calendar = CalendarView(ctx)
        self.detail = CustomerDetail(ctx)
        self.pages: dict[str, QWidget] = {
            "today": self.today, "customers": self.customers, "calendar": self.calendar,
            "reports": ReportsPage(self.reports),
        }  # fmt: skip
        self.complaints = ComplaintsView(ctx)
        self.campaigns = CampaignsView(ctx)
        self.winback = WinbackView(ctx)
        self.referrals = ReferralsScreen(ctx)  # issue #14
        self.pages.update(
            complaints=self.complaints,
            campaigns=self.campaigns,
            winback=self.winback,
            referrals=self.referrals,
        )
        for key, text in PLACEHOLDERS.items():
            label = dict(SCREENS)[key]
            self.pages[key] = placeholder(self.tr(label),
                                          self.tr(text) + "<br>" + self.tr("Coming soon."))  # fmt: skip
        self.duplicates = DuplicatesView(ctx)
        self.pages["duplicates"] = self.duplicates
        self.accounts = AccountsView(ctx)  # issue #14
        self.pages["accounts"] = self.accounts
        self.dashboard = DashboardView(ctx)  # issue #15: loads when first shown
        self.pages["dashboard"] = self.dashboard
        self.settings_view = SettingsView(ctx)  # issue #11
        self.pages["settings"] = self.settings_view
        self.renewals = RenewalsView(ctx)  # issue #16
        self.pages["renewals"] = self.renewals
        self.pages["detail"] = self.detail
        self.data = DataActions(ctx, self, self.customers.current_filter)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(140)
        self.nav.setStyleSheet(NAV_STYLE)
        self.stack = QStackedWidget()
        for i, (key, label) in enumerate(SCREENS):
            item = QListWidgetItem(self.tr(label))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(self.tr("Ctrl+%1").replace("%1", str((i + 1) % 10)))
            self.nav.addItem(item)
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._nav_changed)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setTabOrder(self.nav, self.stack)

        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()

        ctx.hub.open_customer.connect(self.open_customer)
        ctx.hub.status.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.detail.back_requested.connect(self.go_back)
        self.customers.new_button.clicked.connect(self.new_customer)
        self._restore()

    # --- building -----------------------------------------------------------------------
    def _action(self, name: str, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | str | None = None, tip: str = "") -> QAction:  # fmt: skip
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        a = self._action
        a(
            "new_customer",
            self.tr("&New customer…"),
            self.new_customer,
            QKeySequence.StandardKey.New,
            self.tr("Add a customer (Ctrl+N)"),
        )
        a(
            "find",
            self.tr("&Find customer"),
            self.find_customer,
            QKeySequence.StandardKey.Find,
            self.tr("Search customers by name, pinyin initials, phone, plate or VIN (Ctrl+F)"),
        )
        a(
            "log_contact",
            self.tr("&Log contact…"),
            self.log_contact,
            "Ctrl+L",
            self.tr("Log a call, message or visit for the current customer (Ctrl+L)"),
        )
        a("back", self.tr("&Back"), self.go_back, QKeySequence.StandardKey.Back)
        a("refresh", self.tr("&Refresh"), self.refresh_current, QKeySequence.StandardKey.Refresh)
        a("quit", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        a("about", self.tr("&About DealerDesk"), self.about)
        for i, (key, label) in enumerate(SCREENS):
            a(
                f"screen_{key}",
                self.tr(label),
                lambda k=key: self.show_screen(k),
                f"Ctrl+{(i + 1) % 10}" if i < 10 else None,
            )  # the tenth is Ctrl+0; later ones: the View menu

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.actions["new_customer"])
        file_menu.addSeparator()
        self.data.fill_menu(file_menu)
        file_menu.addAction(self.actions["quit"])
        customer = bar.addMenu(self.tr("&Customer"))
        for name in ("find", "log_contact", "back"):
            customer.addAction(self.actions[name])
        view = bar.addMenu(self.tr("&View"))
        for key, _label in SCREENS:
            view.addAction(self.actions[f"screen_{key}"])
        view.addSeparator()
        view.addAction(self.actions["refresh"])
        self.reports.fill_menu(bar.addMenu(self.tr("&Reports")))
        help_menu = bar.addMenu(self.tr("&Help"))
        language.fill_menu(help_menu.addMenu(self.tr("&Language")), self.settings)
        help_menu.addAction(self.actions["about"])

    def _build_toolbar(self) -> None:
        tools = QToolBar(self.tr("Main toolbar"))
        tools.setObjectName("main_toolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("new_customer", "find", "log_contact"):
            tools.addAction(self.actions[name])
        tools.addSeparator()
        tools.addAction(self.reports.at_risk_action)
        self.addToolBar(tools)

    def _build_status_bar(self) -> None:
        self.busy_label = QLabel(self.tr("Working…"))
        self.busy_label.setObjectName("busy_label")
        self.busy_label.hide()
        self.db_label = QLabel(str(self.ctx.db_path))
        self.db_label.setObjectName("db_label")
        status = self.statusBar()
        status.addPermanentWidget(self.busy_label)
        # issue #11: who is signed in (or whom the desk works as, sign-in off)
        who = self.tr("Signed in: %1") if self.ctx.signed_in else self.tr("Working as: %1")
        self.user_label = QLabel(who.replace("%1", self.ctx.staff_name) if self.ctx.staff_name
                                 else "")  # fmt: skip
        self.user_label.setObjectName("user_label")
        status.addPermanentWidget(self.user_label)
        status.addPermanentWidget(self.db_label)
        self.ctx.worker.busy.connect(self.busy_label.setVisible)

    # --- navigation ---------------------------------------------------------------------
    def current_screen(self) -> str:
        page = self.stack.currentWidget()
        return next((k for k, w in self.pages.items() if w is page), "today")

    def show_screen(self, key: str) -> None:
        """Switch to *key*, asking first if the customer detail has unsaved edits."""
        if key not in self.pages:
            return
        if self.current_screen() == "detail" and key != "detail":
            self.detail.request_leave(lambda: self._switch(key))
            self._select_nav(self.current_screen())  # stays put until the guard says go
            return
        self._switch(key)

    def _switch(self, key: str) -> None:
        if key != "detail":
            self._back_to = key
        self.stack.setCurrentWidget(self.pages[key])
        if key == "settings":  # issue #11: read fresh each time it is opened
            self.settings_view.refresh()
        self._select_nav(key)
        self.pages[key].setFocus(Qt.FocusReason.OtherFocusReason)

    def _select_nav(self, key: str) -> None:
        key = "customers" if key == "detail" else key
        row = next(i for i, (k, _l) in enumerate(SCREENS) if k == key)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(SCREENS):
            self.show_screen(SCREENS[row][0])

    def open_customer(self, customer_id: int) -> None:
        """Show a customer's detail (from any list, or after creating one)."""

        def go() -> None:
            if self.current_screen() != "detail":
                self._back_to = self.current_screen()
            self.detail.load(customer_id)
            self.stack.setCurrentWidget(self.detail)
            self._select_nav("detail")
            self.detail.setFocus(Qt.FocusReason.OtherFocusReason)

        if self.detail.customer_id not in (None, customer_id):
            self.detail.request_leave(go)
        else:
            go()

    def go_back(self) -> None:
        if self.current_screen() == "detail":
            self.show_screen(self._back_to)

    # --- commands -----------------------------------------------------------------------
    def find_customer(self) -> None:
        self.show_screen("customers")
        if self.current_screen() == "customers":
            self.customers.focus_search()

    def new_customer(self) -> None:
        dialog = NewCustomerDialog(self.ctx, self)
        dialog.saved.connect(self._customer_created)
        run_form(dialog)

    def _customer_created(self, change: Changed) -> None:
        if change.new_id is not None:
            self.open_customer(change.new_id)

    def log_contact(self) -> None:
        """Ctrl+L: for the customer in front of the user, wherever that is."""
        screen = self.current_screen()
        if screen == "detail" and self.detail.data is not None:
            self.detail.log_contact()
            return
        if screen == "customers":
            customer_id = self.customers.current_customer_id()
            row = self.customers.model.row_at(self.customers.table.currentIndex().row())
            if customer_id is not None and row is not None:
                run_form(LogContactDialog(self.ctx, customer_id, row.name, parent=self))
                return
        if screen in ("today", "calendar"):
            view = self.pages[screen]
            if getattr(view, "current_followup", lambda: None)() is not None:
                if screen == "today":
                    self.today.complete_current()
                else:
                    self.calendar.actions.complete(view.current_followup())  # type: ignore[attr-defined]
                return
        self.statusBar().showMessage(self.tr("Select a customer first (Ctrl+F to find one)"),
                                     5000)  # fmt: skip

    def refresh_current(self) -> None:
        page = self.pages[self.current_screen()]
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def about(self) -> None:
        dialogs.inform(self, self.tr("About DealerDesk"), self.tr(
            "DealerDesk keeps a dealership's customers coming back.\n\nDatabase: %1"
        ).replace("%1", str(self.ctx.db_path)))  # fmt: skip

    # --- state --------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)  # type: ignore[arg-type]
        else:
            self.resize(1280, 800)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)  # type: ignore[arg-type]
        self._switch(self.remembered_screen())

    def remembered_screen(self) -> str:
        screen = str(self.settings.value("window/screen", "today"))
        return screen if screen in dict(SCREENS) else "today"

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        screen = self.current_screen()
        self.settings.setValue("window/screen", "customers" if screen == "detail" else screen)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_ok and self.detail.is_dirty():
            event.ignore()

            def close_now() -> None:
                self._closing_ok = True
                self.close()

            self.detail.request_leave(close_now)
            return
        self.save_state()
        super().closeEvent(event)
