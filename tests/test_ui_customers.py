"""The customer list on real widgets: type and see it narrow, filter, sort, open.

Also the paged model on its own (qtmodeltester, lazy page fetches, the LRU cache), and
the helpers the other UI test files share (``desk``, ``seed``, ``wait_idle``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from dealerdesk.services import customers
from dealerdesk.services.changes import Changed
from dealerdesk.services.customers import CustomerFilter
from dealerdesk.store import db as store_db
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.customer_model import COLUMN_KEYS, CustomerTableModel
from dealerdesk.ui.customers_view import CustomersView
from dealerdesk.ui.hub import ChangeHub
from dealerdesk.ui.worker import Worker

TODAY = date(2026, 11, 23)
PEOPLE = (  # name, phone, city
    ("张伟", "13912345678", "深圳"), ("张伟国", "13800138000", "广州"),
    ("王芳", "15012340000", "东莞"), ("欧阳娜娜", "13688886666", "佛山"),
    ("Emma Wilson", "+44 20 7946 0958", "London"), ("李娜", "13711112222", "惠州"),
    ("赵磊", "13533334444", "深圳"), ("鹏程物流有限公司", "02087654321", "广州"),
)  # fmt: skip
VEHICLES = {
    "王芳": ("LSVAU033912345674", "粤B ZW789"),
    "Emma Wilson": ("1M8GDM9AXKP042788", "粤A12345"),
}


@dataclass
class Seeded:
    ids: dict[str, int]
    staff: dict[str, int]


def wait_idle(qtbot: Any, ctx: DeskContext, timeout: int = 10_000) -> None:
    """Until every worker job has run and delivered (jobs a delivery queued included)."""
    qtbot.waitUntil(lambda: ctx.worker.pending == 0, timeout=timeout)


def seed(*, score: bool = False) -> Seeded:
    """A few customers through the services, as the desk would enter them."""
    from dealerdesk.store.models import Staff

    staff = {name: Staff.create(name=name, username=user).id
             for name, user in (("刘洋", "liuyang"), ("Emily Zhou", "emily"))}  # fmt: skip
    ids: dict[str, int] = {}
    for i, (name, phone, city) in enumerate(PEOPLE):
        owner = staff["刘洋"] if i % 2 == 0 else staff["Emily Zhou"]
        ids[name] = customers.create_customer(
            {"name": name, "phone": phone, "city": city, "owner_id": owner}, today=TODAY
        ).new_id  # type: ignore[assignment]
    for name, (vin, plate) in VEHICLES.items():
        customers.add_vehicle(ids[name], {"vin": vin, "plate": plate, "make": "SAIC Volkswagen",
                                          "model": "Lavida", "year": 2021,
                                          "purchase_date": date(2021, 5, 1),
                                          "purchase_price": 152000}, today=TODAY)  # fmt: skip
        customers.add_visit(ids[name], {"date": date(2021, 5, 1), "kind": "sale",
                                        "amount": 152000}, today=TODAY)  # fmt: skip
        customers.add_visit(ids[name], {"date": date(2025, 3, 2), "kind": "service",
                                        "amount": 860, "mileage_km": 42000}, today=TODAY)  # fmt: skip
    if score:
        from dealerdesk.services import scoring

        scoring.refresh_scores(today=TODAY)
    return Seeded(ids, staff)


@pytest.fixture
def ctx(db_path: Path, qtbot: Any) -> Iterator[DeskContext]:
    """A desk context with a real worker on the test database."""
    worker = Worker(on_thread_exit=store_db.close)
    context = DeskContext(db_path=db_path, worker=worker, hub=ChangeHub(), clock=lambda: TODAY)
    yield context
    wait_idle(qtbot, context)
    worker.shutdown()


@pytest.fixture
def view(ctx: DeskContext, qtbot: Any) -> CustomersView:
    widget = CustomersView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    widget.refresh()
    wait_idle(qtbot, ctx)
    return widget


def names(view: CustomersView) -> list[str]:
    model = view.model
    return [model.row_at(r).name for r in range(model.rowCount())]  # type: ignore[union-attr]


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Type like a person: keys for ASCII, an input-method commit for Chinese (what a
    pinyin IME sends; QTest cannot press non-ASCII keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def type_search(qtbot: Any, view: CustomersView, text: str) -> None:
    """Type into the search box, then wait for the debounce and the worker."""
    with qtbot.waitSignal(view.model.reset_done, timeout=5000):
        type_text(qtbot, view.search, text)
    wait_idle(qtbot, view.ctx)


# --- the model without a view -------------------------------------------------------------
def test_model_passes_the_model_tester(db_path: Path, ctx: DeskContext, qtbot: Any,
                                       qtmodeltester: Any) -> None:  # fmt: skip
    seed(score=True)
    model = CustomerTableModel(ctx.worker)
    model.setParent(ctx.hub)
    with qtbot.waitSignal(model.reset_done):
        model.set_filter(CustomerFilter())
    assert model.rowCount() == len(PEOPLE)
    qtmodeltester.check(model)


def test_pages_are_fetched_lazily_and_cached(db_path: Path, ctx: DeskContext) -> None:
    seed()
    fetched: list[list[int]] = []

    def fetch(ids: Any) -> Any:
        fetched.append(list(ids))
        return customers.customer_rows(ids)

    model = CustomerTableModel(ctx.worker, ctx.hub, page_size=3, cache_pages=2, fetch_rows=fetch)
    ids = customers.search_customer_ids(CustomerFilter())
    model.set_ids(ids)
    assert fetched == []  # nothing is read until something is shown
    assert model.index(0, 0).data() == model.row_at(0).name  # type: ignore[union-attr]
    model.row_at(1)
    model.row_at(2)
    assert len(fetched) == 1 and fetched[0] == ids[:3]
    model.row_at(7)  # page 2
    model.row_at(4)  # page 1: the cache (2 pages) now drops page 0
    assert len(fetched) == 3
    model.row_at(0)
    assert len(fetched) == 4
    assert model.page_fetches == 4


def test_sort_requeries_in_sql(db_path: Path, ctx: DeskContext, qtbot: Any) -> None:
    seed()
    model = CustomerTableModel(ctx.worker, ctx.hub)
    with qtbot.waitSignal(model.reset_done):
        model.set_filter(CustomerFilter())
    with qtbot.waitSignal(model.reset_done):
        model.sort(COLUMN_KEYS.index("city"), Qt.SortOrder.DescendingOrder)
    cities = [model.row_at(r).city for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert cities == sorted(cities, reverse=True)
    assert model.current_filter.sort == "city" and model.current_filter.descending
    before = model.current_filter
    model.sort(COLUMN_KEYS.index("plate"), Qt.SortOrder.AscendingOrder)  # not sortable
    assert model.current_filter == before and not model.busy


# --- the real widgets ---------------------------------------------------------------------
def test_typing_narrows_the_list(db_path: Path, view: CustomersView, qtbot: Any) -> None:
    seed()
    view.refresh()
    wait_idle(qtbot, view.ctx)
    assert view.model.rowCount() == len(PEOPLE)
    type_search(qtbot, view, "zw")  # pinyin initials find 张伟 and 张伟国
    assert sorted(names(view)) == ["张伟", "张伟国"]
    type_search(qtbot, view, "g")  # "zwg": narrower still
    assert names(view) == ["张伟国"]
    assert "1" in view.count_label.text()
    with qtbot.waitSignal(view.model.reset_done):
        view.search.clear()  # the clear button searches at once
    assert view.model.rowCount() == len(PEOPLE)


@pytest.mark.parametrize(("text", "expected"), [
    ("张伟", ["张伟", "张伟国"]), ("1391234", ["张伟"]), ("zw789", ["王芳"]),
    ("042788", ["Emma Wilson"]), ("娜", ["李娜", "欧阳娜娜"]), ("nobody-here", []),
])  # fmt: skip
def test_search_by_any_fragment(db_path: Path, view: CustomersView, qtbot: Any, text: str,
                                expected: list[str]) -> None:  # fmt: skip
    seed()
    type_search(qtbot, view, text)
    assert sorted(names(view)) == sorted(expected)
    if not expected:
        assert view.count_label.text() == "No customer matches"


def test_a_burst_of_typing_costs_one_query(db_path: Path, view: CustomersView, qtbot: Any) -> None:
    seed()
    queries: list[object] = []
    view.model.searching.connect(lambda: queries.append(1))
    type_search(qtbot, view, "zhangwei")
    assert len(queries) == 1
    assert sorted(names(view)) == ["张伟", "张伟国"]


def test_filters_by_staff_tier_and_risk(db_path: Path, view: CustomersView, qtbot: Any) -> None:
    data = seed(score=True)
    view.refresh()
    wait_idle(qtbot, view.ctx)
    assert view.staff.count() == 3  # Anyone + two staff
    with qtbot.waitSignal(view.model.reset_done):
        view.staff.setCurrentIndex(view.staff.findData(data.staff["刘洋"]))
    assert sorted(names(view)) == sorted(n for i, (n, _p, _c) in enumerate(PEOPLE) if i % 2 == 0)
    with qtbot.waitSignal(view.model.reset_done):
        view.staff.setCurrentIndex(0)
    rows = [view.model.row_at(r) for r in range(view.model.rowCount())]
    band = rows[0].band  # type: ignore[union-attr]
    tier = rows[0].tier  # type: ignore[union-attr]
    with qtbot.waitSignal(view.model.reset_done):
        view.band.setCurrentIndex(view.band.findData(band))
    assert names(view) and all(view.model.row_at(r).band == band  # type: ignore[union-attr]
                               for r in range(view.model.rowCount()))  # fmt: skip
    with qtbot.waitSignal(view.model.reset_done):
        view.tier.setCurrentIndex(view.tier.findData(tier))
    assert all(view.model.row_at(r).tier == tier  # type: ignore[union-attr]
               for r in range(view.model.rowCount()))  # fmt: skip


def test_risk_badge_shows_the_score(db_path: Path, view: CustomersView, qtbot: Any) -> None:
    seed(score=True)
    view.refresh()
    wait_idle(qtbot, view.ctx)
    column = COLUMN_KEYS.index("score")
    row = view.model.row_at(0)
    assert row is not None and row.score is not None
    assert view.model.index(0, column).data() == str(row.score)
    assert view.table.itemDelegateForColumn(column) is not None
    view.table.grab()  # paints every visible badge; a delegate error would raise here


def test_header_click_sorts_and_unsortable_column_keeps_order(
    db_path: Path, view: CustomersView, qtbot: Any
) -> None:
    seed()
    view.refresh()
    wait_idle(qtbot, view.ctx)
    header = view.table.horizontalHeader()
    city = COLUMN_KEYS.index("city")
    with qtbot.waitSignal(view.model.reset_done):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=header.viewport().rect().topLeft()
                         + _section_centre(header, city))  # fmt: skip
    cities = [view.model.row_at(r).city for r in range(view.model.rowCount())]  # type: ignore[union-attr]
    assert cities == sorted(cities)
    plate = COLUMN_KEYS.index("plate")
    header.setSortIndicator(plate, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == city  # put back: plates cannot be sorted


def _section_centre(header: Any, section: int) -> Any:
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2,
                  header.height() // 2)  # fmt: skip


def test_keyboard_only_find_and_open(db_path: Path, view: CustomersView, qtbot: Any) -> None:
    data = seed()
    view.focus_search()
    type_search(qtbot, view, "zwg")
    opened: list[int] = []
    view.ctx.hub.open_customer.connect(opened.append)
    qtbot.keyClick(view.search, Qt.Key.Key_Return)  # Enter: to the list, first row current
    qtbot.waitUntil(lambda: view.table.hasFocus())
    assert view.current_customer_id() == data.ids["张伟国"]
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter again: open it
    assert opened == [data.ids["张伟国"]]


def test_down_arrow_moves_from_search_to_list(db_path: Path, view: CustomersView,
                                              qtbot: Any) -> None:  # fmt: skip
    seed()
    view.refresh()
    wait_idle(qtbot, view.ctx)
    view.focus_search()
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus() and view.current_customer_id() is not None


def test_a_write_elsewhere_refreshes_the_list(db_path: Path, view: CustomersView,
                                              qtbot: Any) -> None:  # fmt: skip
    seed()
    view.refresh()
    wait_idle(qtbot, view.ctx)
    change: Changed = customers.create_customer({"name": "周杰"}, today=TODAY)
    with qtbot.waitSignal(view.model.reset_done):
        view.ctx.hub.changed.emit(change)
    assert "周杰" in names(view)
    renamed = customers.update_customer(change.new_id, {"name": "周杰伦"}, today=TODAY)  # type: ignore[arg-type]
    with qtbot.waitSignal(view.model.reset_done):
        view.ctx.hub.changed.emit(renamed)
    assert "周杰伦" in names(view)


@pytest.mark.parametrize("shape", ["method", "lambda", "partial"])
def test_a_late_result_for_a_deleted_widget_is_dropped(
    ctx: DeskContext, qtbot: Any, shape: str
) -> None:
    """A widget closed while its job ran gets no callback (it would raise 'Internal C++
    object already deleted' in the event loop), whatever shape the callback has."""
    import threading
    from functools import partial

    from PySide6.QtWidgets import QLabel

    label = QLabel()
    release = threading.Event()
    done = {"method": label.setText, "lambda": lambda text: label.setText(text),
            "partial": partial(QLabel.setText, label)}[shape]  # fmt: skip
    ctx.worker.submit(lambda: release.wait(10) and "late", on_done=done)
    label.deleteLater()
    qtbot.waitUntil(lambda: not _is_valid(label))
    release.set()
    wait_idle(qtbot, ctx)  # an exception in the callback fails the test (pytest-qt)


def _is_valid(obj: object) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))
