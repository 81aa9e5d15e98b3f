"""The manager's dashboard screen (issue #15): is the dealership keeping its customers,
who is slipping, and which staff keep theirs.

Everything is computed by ``services.dashboard`` on the one worker; this screen only
draws it. Each figure carries its definition (tooltip, and "?" opens it), the period and
a comparison period are chosen at the top, and clicking a number or a bar opens the
customers behind it (``DrillDialog``), from where a customer opens like from any list.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.i18n import CATALOG, t
from dealerdesk.services import dashboard as svc
from dealerdesk.services.dashboard import Dashboard, Period
from dealerdesk.ui import dialogs
from dealerdesk.ui.charts import BAND_COLOURS, PALETTE, ChartWidget, Series
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.dashboard_drill import DrillDialog
from dealerdesk.ui.i18n import fmt_int, fmt_money
from dealerdesk.ui.lazy_screen import LazyScreen
from dealerdesk.vocab.retention import RiskBand

BANDS = tuple(RiskBand)
# The navigation translates SCREENS' labels from a variable: list this one for lupdate here
# (not in the shared tr_dynamic.py) so the screen's name travels with the screen.
SCREEN_NAME = QT_TRANSLATE_NOOP("MainWindow", "Dashboard")


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def load_dashboard(period: Period, compare: Period, now: datetime) -> Dashboard:
    """Worker job."""
    return svc.dashboard(period, compare, now=now)


class Tile(QFrame):
    """One headline figure: name, value, change against the comparison period, "?"."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setObjectName(f"tile_{code}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = QLabel(t(f"dash.fig.{code}"))
        self.name.setWordWrap(True)
        self.value = QPushButton("–")
        self.value.setObjectName(f"value_{code}")
        self.value.setFlat(True)
        self.value.setStyleSheet("font-size: 17pt; font-weight: 600; text-align: left;")
        self.value.setCursor(Qt.CursorShape.PointingHandCursor)
        self.change = QLabel("")
        self.change.setObjectName(f"change_{code}")
        self.help = QToolButton()
        self.help.setText("?")
        self.help.setObjectName(f"help_{code}")
        self.help.setToolTip(definition(code))
        self.setToolTip(definition(code))
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.help)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 6)
        box.addLayout(top)
        box.addWidget(self.value)
        box.addWidget(self.change)


def definition(code: str) -> str:
    key = f"dash.def.{code}"
    return t(key) if key in CATALOG else ""


class Panel(QFrame):
    """A titled chart with its "?"."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"panel_{code}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.chart = ChartWidget()
        self.chart.setObjectName(f"chart_{code}")
        self.help = QToolButton()
        self.help.setText("?")
        self.help.setObjectName(f"help_{code}")
        self.help.setToolTip(definition(code))
        title = QLabel(f"<b>{t(f'dash.fig.{code}')}</b>")
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.help)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(6, 4, 6, 4)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.chart, 1)


class DashboardView(LazyScreen):
    """The dashboard.

    Attributes:
        first, last, compare_with: the period and how to choose the comparison.
        tiles: headline figures by code; panels: charts by code; staff: the staff table.
        board: the last Dashboard shown; drill(key) opens a key's customers.
    """

    SETTLE_MS = 1500

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DashboardView")
        self.ctx = ctx
        self.board: Dashboard | None = None
        self.last_drill: DrillDialog | None = None
        default = svc.default_period(ctx.today())
        self.first = QDateEdit(QDate(default.first.year, default.first.month, default.first.day))
        self.last = QDateEdit(QDate(default.last.year, default.last.month, default.last.day))
        for edit, name in ((self.first, "period_first"), (self.last, "period_last")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setObjectName(name)
        self.compare_with = QComboBox()
        self.compare_with.setObjectName("compare_with")
        self.compare_with.addItem(self.tr("the period before"), svc.COMPARE_PREVIOUS)
        self.compare_with.addItem(self.tr("the same period a year before"), svc.COMPARE_YEAR_BEFORE)
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.setObjectName("dashboard_show")
        self.show_button.clicked.connect(self.reload)
        self.status = QLabel("")
        self.status.setObjectName("dashboard_status")
        bar = QHBoxLayout()
        for w in (QLabel(self.tr("Period")), self.first, QLabel("–"), self.last,
                  QLabel(self.tr("compared with")), self.compare_with, self.show_button):  # fmt: skip
            bar.addWidget(w)
        bar.addWidget(self.status, 1)

        codes = ("retention", "annual_churn", "active", "service13", "declined", "nps",
                 "first_response", "complaints_in_target", "referrals", "repeat")  # fmt: skip
        self.tiles = {c: Tile(c) for c in codes}
        tiles = QGridLayout()
        for i, c in enumerate(codes):
            tiles.addWidget(self.tiles[c], i // 5, i % 5)
            self.tiles[c].help.clicked.connect(lambda _=False, c=c: self.explain(c))
            self.tiles[c].value.clicked.connect(lambda _=False, c=c: self._tile_clicked(c))

        pcodes = ("months", "quarters", "service13", "by_age", "nps", "complaint_times",
                  "referrals", "clv", "bands")  # fmt: skip
        self.panels = {c: Panel(c) for c in pcodes}
        grid = QGridLayout()
        for i, c in enumerate(pcodes):
            grid.addWidget(self.panels[c], i // 3, i % 3)
            self.panels[c].help.clicked.connect(lambda _=False, c=c: self.explain(c))
            self.panels[c].chart.clicked.connect(lambda i, j, c=c: self._bar_clicked(c, i, j))
            self.panels[c].chart.empty_text = self.tr("No data in this period")
        self.panels["months"].help.clicked.disconnect()
        self.panels["months"].help.clicked.connect(lambda: self.explain("retention"))
        self.panels["quarters"].help.clicked.disconnect()
        self.panels["quarters"].help.clicked.connect(lambda: self.explain("churn"))
        self.panels["complaint_times"].help.clicked.disconnect()
        self.panels["complaint_times"].help.clicked.connect(lambda: self.explain("resolution"))
        self.panels["complaint_times"].help.setToolTip(
            definition("first_response") + "\n" + definition("resolution"))  # fmt: skip

        self.growth = QDoubleSpinBox()
        self.growth.setObjectName("growth_target")
        self.growth.setRange(-50.0, 200.0)
        self.growth.setSuffix(" %")
        self.growth.setValue(10.0)
        self.growth.valueChanged.connect(self._update_leaky)
        self.leaky = QLabel("")
        self.leaky.setObjectName("leaky_result")
        self.leaky.setWordWrap(True)
        leaky_help = QToolButton()
        leaky_help.setText("?")
        leaky_help.setObjectName("help_leaky")
        leaky_help.setToolTip(definition("leaky"))
        leaky_help.clicked.connect(lambda: self.explain("leaky"))
        leaky_box = QFrame()
        leaky_box.setFrameShape(QFrame.Shape.StyledPanel)
        lrow = QHBoxLayout(leaky_box)
        lrow.addWidget(QLabel(f"<b>{t('dash.fig.leaky')}</b>"))
        lrow.addWidget(QLabel(self.tr("Growth target per year:")))
        lrow.addWidget(self.growth)
        lrow.addWidget(self.leaky, 1)
        lrow.addWidget(leaky_help)

        self.staff = QTableWidget(0, 5)
        self.staff.setObjectName("staff_table")
        self.staff.setHorizontalHeaderLabels([
            self.tr("Staff"), self.tr("Follow-ups on time"), self.tr("Calls made"),
            self.tr("Complaints within target"), self.tr("Retention of own customers")])  # fmt: skip
        self.staff.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.staff.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.staff.cellDoubleClicked.connect(self._staff_clicked)
        self.staff.setMinimumHeight(180)
        self.staff.verticalHeader().hide()
        self.staff.setToolTip(definition("staff"))
        staff_help = QToolButton()
        staff_help.setText("?")
        staff_help.setObjectName("help_staff")
        staff_help.clicked.connect(lambda: self.explain("staff"))
        srow = QHBoxLayout()
        srow.addWidget(QLabel(f"<b>{t('dash.fig.staff')}</b> " + self.tr(
            "(double-click a person's retention for the customers they lost)")), 1)  # fmt: skip
        srow.addWidget(staff_help)

        body = QWidget()
        col = QVBoxLayout(body)
        col.addLayout(tiles)
        col.addWidget(leaky_box)
        col.addLayout(grid)
        col.addLayout(srow)
        col.addWidget(self.staff)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        # A write here or at another desk makes the figures stale: recomputed once the
        # writes settle (a burst of saves costs one run), now if shown, else when next shown.
        self._after_change = QTimer(self)
        self._after_change.setSingleShot(True)
        self._after_change.setInterval(self.SETTLE_MS)
        self._after_change.timeout.connect(self.refresh)
        ctx.hub.changed.connect(self._on_changed)

    # --- loading --------------------------------------------------------------------
    def _on_changed(self, change: Any) -> None:
        if getattr(change, "tables", frozenset()) & svc.DASHBOARD_TABLES:
            self._after_change.start()

    def period(self) -> tuple[Period, Period]:
        a, b = self.first.date().toPython(), self.last.date().toPython()
        period = Period(min(a, b), max(a, b))  # type: ignore[type-var]
        return period, svc.comparison(period, self.compare_with.currentData())

    def reload(self) -> None:
        period, compare = self.period()
        self.status.setText(self.tr("Computing…"))
        now = datetime.combine(self.ctx.today(), time(23, 59, 59))
        if period.last < self.ctx.today():
            now = datetime.combine(period.last, time(23, 59, 59))
        self.ctx.worker.submit(load_dashboard, period, compare, now, on_done=self.show_board)

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        seconds = sum(board.timings.values())
        self.status.setText(self.tr("Compared with %1 – %2 (computed in %3 s)")
                            .replace("%1", board.compare.first.isoformat())
                            .replace("%2", board.compare.last.isoformat())
                            .replace("%3", f"{seconds:.2f}"))  # fmt: skip
        self._fill_tiles(board)
        self._fill_charts(board)
        self._fill_staff(board)
        self._update_leaky()

    def _fill_tiles(self, b: Dashboard) -> None:
        n, o = b.now, b.before

        def hours(v: float | None) -> str:
            return "–" if v is None else t("dash.hours", h=f"{v:.0f}")

        def set_(code: str, now: str, was: str, delta: str = "") -> None:
            tile = self.tiles[code]
            tile.value.setText(now)
            tile.change.setText(
                (delta + "  " if delta else "") + self.tr("was %1").replace("%1", was)
            )

        def dpts(a: float | None, c: float | None) -> str:
            if a is None or c is None:
                return ""
            d = (a - c) * 100
            return ("▲" if d >= 0 else "▼") + f" {abs(d):.1f} " + self.tr("pts")

        set_("retention", pct(n.retention.value), pct(o.retention.value),
             dpts(n.retention.value, o.retention.value))  # fmt: skip
        set_("annual_churn", pct(n.annual_churn), pct(o.annual_churn),
             dpts(n.annual_churn, o.annual_churn))  # fmt: skip
        set_("active", fmt_int(n.active_at_end), fmt_int(o.active_at_end))
        set_("service13", pct(n.service_13m.value), pct(o.service_13m.value),
             dpts(n.service_13m.value, o.service_13m.value))  # fmt: skip

        def score(r):
            return "–" if r.score is None else f"{r.score:+.0f}"

        set_("nps", score(n.nps), score(o.nps))
        set_("first_response", hours(n.first_response_median_h), hours(o.first_response_median_h))
        set_("complaints_in_target", pct(n.complaints_in_target.value),
             pct(o.complaints_in_target.value),
             dpts(n.complaints_in_target.value, o.complaints_in_target.value))  # fmt: skip
        set_("referrals", f"{fmt_int(n.referrals.whole)} / {fmt_int(n.referrals.part)}",
             f"{fmt_int(o.referrals.whole)} / {fmt_int(o.referrals.part)}")  # fmt: skip
        for code, now, was in (("declined", n.declined_recapture, o.declined_recapture),
                               ("repeat", n.repeat_purchase, o.repeat_purchase)):  # fmt: skip
            set_(code, pct(now.value), pct(was.value), dpts(now.value, was.value))
            self.tiles[code].value.setToolTip(_ratio(now))

    def _fill_charts(self, b: Dashboard) -> None:
        p = self.panels

        def percent(v):
            return f"{v:.0f}%"

        p["months"].chart.set_data([m for m, _ in b.months], [
            Series(t("dash.fig.churn"), tuple(_p(1 - r.value if r.value is not None else None) for _, r in b.months), PALETTE[3]),
        ], fmt=percent)  # fmt: skip
        p["quarters"].chart.set_data([m for m, _ in b.quarters], [
            Series(t("dash.fig.churn"), tuple(_p(1 - r.value if r.value is not None else None) for _, r in b.quarters), PALETTE[3]),
        ], fmt=percent)  # fmt: skip
        retained = t("dash.fig.retention")
        p["months"].chart.notes = [f"{retained}: {_ratio(r)}" for _, r in b.months]
        p["quarters"].chart.notes = [f"{retained}: {_ratio(r)}" for _, r in b.quarters]
        p["service13"].chart.notes = [_ratio(r) for _, r in b.service_months]
        p["by_age"].chart.notes = [_ratio(r) for _, r in b.by_age]
        p["service13"].chart.set_data([m for m, _ in b.service_months], [
            Series(t("dash.fig.service13"), tuple(_p(r.value) for _, r in b.service_months), PALETTE[0]),
        ], kind="lines", fmt=percent, top=100)  # fmt: skip
        p["by_age"].chart.set_data([str(a) + ("+" if a >= 10 else "") for a, _ in b.by_age], [
            Series(t("dash.fig.by_age"), tuple(_p(r.value) for _, r in b.by_age), PALETTE[2]),
        ], fmt=percent, top=100)  # fmt: skip
        p["nps"].chart.set_data([m for m, _ in b.nps_months], [
            Series("NPS", tuple(r.score for _, r in b.nps_months), PALETTE[4]),
        ], kind="lines", fmt=lambda v: f"{v:+.0f}", top=100, low=-100)  # fmt: skip
        p["complaint_times"].chart.set_data([m for m, *_ in b.complaint_months], [
            Series(self.tr("first response (h)"), tuple(r[1] for r in b.complaint_months), PALETTE[1]),
            Series(self.tr("resolution (h)"), tuple(r[2] for r in b.complaint_months), PALETTE[5]),
        ])  # fmt: skip
        p["referrals"].chart.set_data([m for m, _ in b.referral_months], [
            Series(self.tr("made"), tuple(float(r.whole) for _, r in b.referral_months), PALETTE[0]),
            Series(self.tr("converted"), tuple(float(r.part) for _, r in b.referral_months), PALETTE[2]),
        ])  # fmt: skip
        p["clv"].chart.set_data([_tier(x[0]) for x in b.tiers], [
            Series(t("dash.fig.clv"), tuple(x[4] for x in b.tiers), PALETTE[0]),
        ], fmt=lambda v: fmt_money(v).split(".")[0])  # fmt: skip
        present = [k for k in BANDS if any(k in c for _, c in b.bands)]
        p["bands"].chart.set_data([m for m, _ in b.bands], [
            Series(_band(k), tuple(float(c.get(k, 0)) for _, c in b.bands), BAND_COLOURS[k])
            for k in present], kind="stacked")  # fmt: skip
        self._band_order = present

    def _fill_staff(self, b: Dashboard) -> None:
        self.staff.setRowCount(len(b.staff))
        for row, s in enumerate(b.staff):
            cells = (s.name, _ratio(s.followups_on_time), fmt_int(s.calls),
                     _ratio(s.complaints_in_target), _ratio(s.retention))  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.staff_id)
                self.staff.setItem(row, col, item)

    def _update_leaky(self) -> None:
        if self.board is None:
            return
        n = self.board.now
        growth = self.growth.value() / 100
        needed = svc.leaky_bucket(n.active_at_end, n.annual_churn, growth)
        if needed is None:
            self.leaky.setText(self.tr("No churn measured in this period"))
            return
        self.leaky.setText(t("dash.leaky_line", growth=f"{growth:.0%}", churn=pct(n.annual_churn),
                             needed=fmt_int(needed), active=fmt_int(n.active_at_end)))  # fmt: skip

    # --- definitions and drill-down -------------------------------------------------
    def explain(self, code: str) -> None:
        dialogs.inform(self, t(f"dash.fig.{code}"), definition(code))

    def _tile_clicked(self, code: str) -> None:
        if self.board is None:
            return
        label = self.board.period.span.label
        keys = {"retention": f"retention.period:{label}:lost",
                "annual_churn": f"retention.period:{label}:lost",
                "service13": f"service13:{label}:lost", "nps": f"nps:{label}:detractors",
                "first_response": f"complaints:{label}:late",
                "complaints_in_target": f"complaints:{label}:late",
                "referrals": f"referrals:{label}:converted",
                "declined": f"declined:{label}:lost", "repeat": f"repeat:{label}:once"}  # fmt: skip
        if code in keys:
            self.drill(keys[code], t(f"dash.fig.{code}"))

    def _bar_clicked(self, code: str, index: int, series: int) -> None:
        b = self.board
        if b is None:
            return
        key: str | None = None
        if code == "months":
            key = f"retention.month:{b.months[index][0]}:lost"
        elif code == "quarters":
            key = f"retention.quarter:{b.quarters[index][0]}:lost"
        elif code == "service13":
            key = f"service13:{b.service_months[index][0]}:lost"
        elif code == "by_age":
            key = f"by_age:{b.by_age[index][0]}:lost"
        elif code == "nps":
            key = f"nps:{b.nps_months[index][0]}:detractors"
        elif code == "complaint_times":
            key = f"complaints:{b.complaint_months[index][0]}:late"
        elif code == "referrals":
            part = "converted" if series == 1 else "made"
            key = f"referrals:{b.referral_months[index][0]}:{part}"
        elif code == "clv":
            key = f"clv:{b.tiers[index][0]}:customers"
        elif code == "bands" and self._band_order:
            key = f"bands:now:{self._band_order[min(series, len(self._band_order) - 1)]}"
        if key is not None:
            chart = self.panels[code].chart
            self.drill(key, f"{t(f'dash.fig.{code}')} — {chart.labels[index]}")

    def _staff_clicked(self, row: int, col: int) -> None:
        item = self.staff.item(row, 0)
        if item is None or self.board is None:
            return
        sid = item.data(Qt.ItemDataRole.UserRole)
        part = "lost" if col == 4 else "owned"
        self.drill(f"staff:{sid}:{part}", f"{item.text()} — " + (
            self.tr("customers lost") if part == "lost" else self.tr("customers owned")))  # fmt: skip

    def drill(self, key: str, title: str) -> None:
        """Load the customers behind *key* on the worker, then list them."""
        board = self.board
        if board is None:
            return
        self.ctx.worker.submit(_drill_job, board, key,
                               on_done=lambda lines: self._show_drill(title, lines))  # fmt: skip

    def _show_drill(self, title: str, lines: Any) -> None:
        dialog = DrillDialog(title, lines, self)
        self.last_drill = dialog
        try:
            if dialogs.run_modal(dialog, "drill") and dialog.chosen is not None:
                self.ctx.hub.open_customer.emit(dialog.chosen)
        finally:
            dialog.deleteLater()


def _drill_job(board: Dashboard, key: str) -> Any:
    return svc.drill_lines(svc.drill_ids(board, key))


def _p(v: float | None) -> float | None:
    return None if v is None else v * 100


def _ratio(r: Any) -> str:
    return (
        "–" if r.value is None else f"{r.value * 100:.0f}% ({fmt_int(r.part)}/{fmt_int(r.whole)})"
    )


def _tier(code: str) -> str:
    key = f"vocab.value_tier.{code}"
    return t(key) if key in CATALOG else code


def _band(code: str) -> str:
    key = f"vocab.risk_band.{code}"
    return t(key) if key in CATALOG else code
