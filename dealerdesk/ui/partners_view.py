"""Partner businesses: the list (add, edit, archive), the customers exchanged with the
selected partner both ways with their spend, the spend it reports (typed in or imported
from its CSV), and its statement for a period as a PDF — all written on the worker.

The statement is what the partner gets: who it sent us and what they spent here, who we
sent it and what it told us they spent there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.errors import ValidationError
from dealerdesk.i18n.words import label_of
from dealerdesk.services import partners
from dealerdesk.services.changes import Changed
from dealerdesk.services.partners import ExchangeRow, PartnerImportError, PartnerRow
from dealerdesk.ui import dialogs, errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_date, fmt_int, fmt_money
from dealerdesk.ui.lazy_screen import LazyScreen
from dealerdesk.ui.partner_dialogs import ExchangeDialog, PartnerDialog, SpendDialog
from dealerdesk.ui.profile_form import qdate, run_form
from dealerdesk.ui.records_model import RecordsTableModel
from dealerdesk.ui.report_actions import open_with_system
from dealerdesk.ui.widgets import button_row, list_table, side_by_side
from dealerdesk.vocab.referrals import PartnerDirection, PartnerKind

_Index = QModelIndex | QPersistentModelIndex

TABLES = frozenset({"partner", "partner_referral", "partner_spend", "visit", "customer"})


class PartnersModel(RecordsTableModel):
    HEADERS = ("Partner", "Kind", "Contact", "Sent us", "We sent", "Reported spend")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p: PartnerRow | None = self._row(index)
        if p is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            name = p.name + (self.tr(" (archived)") if p.archived else "")
            return (name, label_of(PartnerKind, p.kind), p.contact_person,
                    fmt_int(p.sent_us), fmt_int(p.we_sent), fmt_money(p.reported))[col]  # fmt: skip
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (p.phone if col == 2 else p.terms,) if x) or None
        if role == Qt.ItemDataRole.UserRole:
            return p.id
        return None


class ExchangesModel(RecordsTableModel):
    HEADERS = ("Customer", "Phone", "Direction", "Since", "Spend")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        x: ExchangeRow | None = self._row(index)
        if x is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (x.customer_name, x.phone, label_of(PartnerDirection, x.direction),
                    fmt_date(x.date), fmt_money(x.spend))[col]  # fmt: skip
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == 4:
            return (self.tr("Reported by the partner") if x.direction == PartnerDirection.TO_PARTNER
                    else self.tr("Spent at the dealership since the referral"))  # fmt: skip
        if role == Qt.ItemDataRole.UserRole:
            return x.customer_id
        return None


class PartnersView(LazyScreen):
    """The partners and, for the selected one, the customers exchanged.

    Attributes:
        model / table: the partners; show_archived: include archived ones.
        exchanges / exchanges_table: the selected partner's customers.
        start, end: the statement's period; open_file: opens a written PDF (tests
            replace it); buttons: the actions by key.

    Signals:
        loaded(): the partner list arrived; exchanges_loaded(int): a partner's customers.
        statement_written(object): the StatementResult of a written PDF.
    """

    loaded = Signal()
    exchanges_loaded = Signal(int)
    statement_written = Signal(object)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PartnersView")
        self.ctx = ctx
        self._gen = {"list": 0, "exchanges": 0}
        self.open_file: Callable[[Path], bool] = open_with_system
        title = QLabel(self.tr("Partner businesses"))
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.show_archived.setObjectName("partners_show_archived")
        self.show_archived.toggled.connect(lambda _c: self.refresh())
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.show_archived)

        self.buttons: dict[str, QPushButton] = {}

        def buttons(specs: tuple[tuple[str, str, Callable[[], object]], ...]) -> QHBoxLayout:
            return button_row("partner", specs, self.buttons)

        self.model = PartnersModel(self)
        self.table = list_table(self.model, "partners_table")
        for col, width in enumerate((150, 96, 96, 58, 58)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.table.doubleClicked.connect(lambda _i: self.edit_partner())
        self.terms = QLabel()
        self.terms.setObjectName("partner_terms")
        self.terms.setWordWrap(True)
        self.terms.setTextFormat(Qt.TextFormat.PlainText)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.table, 1)
        ll.addWidget(self.terms)
        ll.addLayout(buttons((("add", self.tr("&Add partner…"), self.add_partner),
                              ("edit", self.tr("&Edit…"), self.edit_partner),
                              ("archive", self.tr("Arch&ive"), self.archive_partner))))  # fmt: skip

        self.exchanges = ExchangesModel(self)
        self.exchanges_table = list_table(self.exchanges, "exchanges_table")
        for col, width in enumerate((110, 105, 90, 86)):
            self.exchanges_table.setColumnWidth(col, width)
        self.exchanges_table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.exchanges_table.doubleClicked.connect(self._open_customer)
        self.totals = QLabel()
        self.totals.setObjectName("partner_totals")
        self.start = QDateEdit(qdate(ctx.today().replace(day=1)))
        self.end = QDateEdit(qdate(ctx.today()))
        for edit, name in ((self.start, "statement_from"), (self.end, "statement_to")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("Statement from")))
        period.addWidget(self.start)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.end)
        statement = QPushButton(self.tr("Statement &PDF…"))
        statement.setObjectName("partner_statement")
        statement.clicked.connect(lambda: self.write_statement())
        self.buttons["statement"] = statement
        period.addWidget(statement)
        period.addStretch(1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.exchanges_table, 1)
        rl.addWidget(self.totals)
        rl.addLayout(buttons((("exchange", self.tr("Add c&ustomer…"), self.add_exchange),
                              ("spend", self.tr("Reported &spend…"), self.add_spend),
                              ("import", self.tr("I&mport spend file…"), lambda: self.import_spend()))))  # fmt: skip
        rl.addLayout(period)
        split = side_by_side(left, right, (640, 560))
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        self.setFocusProxy(self.table)
        ctx.hub.changed.connect(self._on_changed)
        self._enable()

    # --- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        self._gen["list"] += 1
        gen = self._gen["list"]
        self.ctx.worker.submit(partners.list_partners, include_archived=self.show_archived.isChecked(),
                               on_done=lambda rows: self._show(gen, rows))  # fmt: skip

    def _show(self, gen: int, rows: list[PartnerRow]) -> None:
        if gen != self._gen["list"]:
            return
        keep = self.current()
        self.model.set_rows(rows)
        if rows:
            at = self.model.row_of(keep.id) if keep is not None else -1
            self.table.selectRow(max(at, 0))
            self._selected()
        else:
            self.exchanges.set_rows([])
            self.terms.clear()
            self.totals.clear()
        self._enable()
        self.loaded.emit()

    def current(self) -> PartnerRow | None:
        return self.model.item_at(self.table.currentIndex().row())

    def current_exchange(self) -> ExchangeRow | None:
        return self.exchanges.item_at(self.exchanges_table.currentIndex().row())

    def _selected(self) -> None:
        p = self.current()
        self._enable()
        if p is None:
            return
        self.terms.setText(self.tr("Terms: %1").replace("%1", p.terms) if p.terms else "")
        self._gen["exchanges"] += 1
        gen = self._gen["exchanges"]
        self.ctx.worker.submit(partners.exchanges, p.id,
                               on_done=lambda rows: self._show_exchanges(gen, p.id, rows))  # fmt: skip

    def _show_exchanges(self, gen: int, partner_id: int, rows: list[ExchangeRow]) -> None:
        if gen != self._gen["exchanges"]:
            return
        self.exchanges.set_rows(rows)
        sent_us = [x for x in rows if x.direction == PartnerDirection.FROM_PARTNER]
        we_sent = [x for x in rows if x.direction == PartnerDirection.TO_PARTNER]
        self.totals.setText(self.tr("Sent us %1 (%2 spent here) · we sent %3 (%4 reported)")
                            .replace("%1", fmt_int(len(sent_us)))
                            .replace("%2", fmt_money(sum(x.spend for x in sent_us)))
                            .replace("%3", fmt_int(len(we_sent)))
                            .replace("%4", fmt_money(sum(x.spend for x in we_sent))))  # fmt: skip
        if rows:
            self.exchanges_table.selectRow(0)
        self._enable()
        self.exchanges_loaded.emit(partner_id)

    def _enable(self) -> None:
        p, x = self.current(), self.current_exchange()
        for key in ("edit", "archive", "exchange", "import", "statement"):
            self.buttons[key].setEnabled(p is not None)
        if p is not None:
            self.buttons["archive"].setText(
                self.tr("Rest&ore") if p.archived else self.tr("Arch&ive")
            )
        self.buttons["spend"].setEnabled(
            x is not None and x.direction == PartnerDirection.TO_PARTNER
        )

    # --- actions ------------------------------------------------------------------------
    def add_partner(self) -> None:
        run_form(PartnerDialog(self.ctx, None, self))

    def edit_partner(self) -> None:
        p = self.current()
        if p is not None:
            run_form(PartnerDialog(self.ctx, p, self))

    def archive_partner(self) -> None:
        p = self.current()
        if p is None:
            return
        if not p.archived and not dialogs.confirm(
            self, self.tr("Archive partner"),
            self.tr("Archive %1? It leaves the list; its customers and statements stay.")
            .replace("%1", p.name), destructive=True):  # fmt: skip
            return
        self.ctx.worker.submit(partners.archive, p.id, archived=not p.archived,
                               staff_id=self.ctx.staff_id, on_done=self._written,
                               on_error=lambda e: errors.report(e, self))  # fmt: skip

    def add_exchange(self) -> None:
        p = self.current()
        if p is not None:
            run_form(ExchangeDialog(self.ctx, p, self))

    def add_spend(self) -> None:
        x = self.current_exchange()
        if x is not None and x.direction == PartnerDirection.TO_PARTNER:
            run_form(SpendDialog(self.ctx, x, self))

    def _written(self, change: Changed) -> None:
        self.ctx.hub.changed.emit(change)
        self.ctx.hub.status.emit(self.tr("Saved"))

    def _ask_file(self, title: str, name: str, *, save: bool, suggested: str = "") -> Path | None:
        dialog = QFileDialog(self, title)
        dialog.setObjectName(name)
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
            dialog.setDefaultSuffix("pdf")
            dialog.selectFile(suggested)
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
            dialog.setNameFilter(self.tr("Spend files (*.csv *.xlsx *.xls)"))
        try:
            if not dialogs.run_modal(dialog, name) or not dialog.selectedFiles():
                return None
            return Path(dialog.selectedFiles()[0])
        finally:
            dialog.deleteLater()

    def import_spend(self, path: Path | None = None) -> bool:
        """The partner's CSV: every row or none; the bad rows are listed by number."""
        p = self.current()
        if p is None:
            return False
        path = path or self._ask_file(self.tr("Import the spend %1 reported").replace("%1", p.name),
                                      "import_spend", save=False)  # fmt: skip
        if path is None:
            return False
        self.ctx.worker.submit(partners.import_spend_file, path, partner_id=p.id,
                               staff_id=self.ctx.staff_id, on_done=self._imported,
                               on_error=self._import_failed)  # fmt: skip
        return True

    def _imported(self, result: partners.SpendImport) -> None:
        self.ctx.hub.changed.emit(Changed(tables=frozenset({"partner_spend"})))
        dialogs.inform(self, self.tr("Spend imported"), result.message)

    def _import_failed(self, exc: BaseException) -> None:
        if isinstance(exc, PartnerImportError | ValidationError):
            dialogs.warn(self, self.tr("Nothing was imported"), str(exc if isinstance(
                exc, PartnerImportError) else exc.detail))  # fmt: skip
        else:
            errors.report(exc, self)

    def write_statement(self, out: Path | None = None) -> bool:
        """Ask where, then write the statement for the period on the worker and open it."""
        p = self.current()
        if p is None:
            return False
        start, end = self.start.date().toPython(), self.end.date().toPython()
        if end < start:
            dialogs.warn(self, self.tr("Statement"), self.tr("The period ends before it starts."))
            return False
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        base = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        out = out or self._ask_file(self.tr("Save the partner statement"), "save_statement",
                                    save=True, suggested=str(base / f"statement-{p.id}-{end}.pdf"))  # fmt: skip
        if out is None:
            return False
        self.buttons["statement"].setEnabled(False)
        self.ctx.worker.submit(partners.make_statement_pdf, out, partner_id=p.id, start=start,
                               end=end, today=self.ctx.today(), on_done=self._statement_done,
                               on_error=self._statement_failed)  # fmt: skip
        return True

    def _statement_done(self, result: partners.StatementResult) -> None:
        self._enable()
        self.ctx.hub.status.emit(self.tr("Statement written: %1 (%2 pages)").replace(
            "%1", str(result.path)).replace("%2", str(result.pages)))  # fmt: skip
        self.statement_written.emit(result)
        if not self.open_file(result.path):
            dialogs.inform(self, self.tr("Statement written"),
                           self.tr("The statement was saved to %1, but no PDF viewer could open "
                                   "it.").replace("%1", str(result.path)))  # fmt: skip

    def _statement_failed(self, exc: BaseException) -> None:
        self._enable()
        errors.report(exc, self, title=self.tr("The statement was not written"))

    def _open_customer(self, index: QModelIndex) -> None:
        x = self.exchanges.item_at(index.row())
        if x is not None:
            self.ctx.hub.open_customer.emit(x.customer_id)

    def _on_changed(self, change: Changed) -> None:
        if change.tables & TABLES:
            self.refresh()
