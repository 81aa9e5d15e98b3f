"""Several desks on one database (issue #9): IMMEDIATE writes, a readable busy error,
concurrent writers with a scoring run (and a kill -9), one winner per follow-up, and
copying a dealership between backends. Runs on whichever backend ``db_path`` gives."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from dealerdesk.errors import ConflictError, DatabaseBusyError, DealerDeskError
from dealerdesk.paths import ServerUrl
from dealerdesk.services import customers, followups
from dealerdesk.services.demo import create_demo
from dealerdesk.store import db, open_database
from dealerdesk.store.copy import copy_database
from dealerdesk.store.models import ContactLog, Customer, Followup, Staff, Visit

WRITER = Path(__file__).with_name("desk_writer.py")
TODAY = date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[1]


def target_arg(target: Path | ServerUrl) -> str:
    return target.raw if isinstance(target, ServerUrl) else str(target)


def test_write_transactions_begin_immediate(db_path: Path) -> None:
    if isinstance(db_path, ServerUrl):
        pytest.skip("an SQLite matter")
    seen: list[str] = []
    conn = db.database.connection()
    conn.set_trace_callback(seen.append)
    try:
        customers.create_customer({"name": "王芳"}, today=TODAY)
    finally:
        conn.set_trace_callback(None)
    begins = [s for s in seen if s.upper().startswith("BEGIN")]
    assert begins and all(s.upper() == "BEGIN IMMEDIATE" for s in begins)


def test_a_busy_database_is_one_sentence_naming_the_holder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "desk.db"
    open_database(path)
    cid = customers.create_customer({"name": "李娜"}, today=TODAY).new_id
    db.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys, time; sys.path.insert(0, sys.argv[2])\n"
            "from dealerdesk.store import db, open_database\n"
            "db.set_desk('the service desk'); open_database(sys.argv[1])\n"
            "with db.job('risk scoring'), db.database.atomic():\n"
            "    db.database.execute_sql(\"UPDATE setting SET value = value\")\n"
            "    print('holding', flush=True); time.sleep(4)\n"
        ), str(path), str(ROOT)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        monkeypatch.setattr(db, "BUSY_DEADLINE_S", 0.3)
        open_database(path)
        started = time.perf_counter()
        with pytest.raises(DatabaseBusyError) as caught:
            customers.log_contact(cid, now=datetime(2026, 11, 23, 10), channel="phone",
                                  outcome="reached")  # fmt: skip
        waited = time.perf_counter() - started
    finally:
        holder.wait(timeout=20)
    text = str(caught.value)
    assert "risk scoring (the service desk)" in text and "try again" in text
    assert "\n" not in text and "locked" not in text
    assert 0.25 < waited < 3
    assert ContactLog.select().count() == 0  # nothing half-written
    # Once the holder is done, the same write goes through.
    customers.log_contact(cid, now=datetime(2026, 11, 23, 10), channel="phone", outcome="reached")
    assert ContactLog.select().count() == 1


def _writers(
    target: str, n: int, customers_: int, *, kill_first_after: int | None = None
) -> tuple[list[str], list[str], int]:
    """Four desks writing n contacts each plus a full scoring run; returns (acknowledged
    notes, other output lines, scoring exit code)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), target, f"desk{k}", str(n), "1", str(customers_)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for k in range(4)
    ]
    scoring = subprocess.Popen(
        [sys.executable, "-m", "dealerdesk", "risk", "--db", target, "--today", "2026-11-23",
         "--top", "3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    acked: list[str] = []
    other: list[str] = []
    lock = threading.Lock()

    def read(k: int, p: subprocess.Popen[str]) -> None:
        assert p.stdout is not None
        oks = 0
        for line in p.stdout:
            with lock:
                if line.startswith("ok "):
                    acked.append(line.split()[2])
                    oks += 1
                else:
                    other.append(line.strip())
            if k == 0 and kill_first_after is not None and oks == kill_first_after:
                p.send_signal(signal.SIGKILL)

    readers = [threading.Thread(target=read, args=(k, p)) for k, p in enumerate(procs)]
    for r in readers:
        r.start()
    for r in readers:
        r.join(timeout=600)
    for k, p in enumerate(procs):
        p.wait(timeout=60)
        assert p.stderr is not None
        err = p.stderr.read()
        if not (k == 0 and kill_first_after is not None):
            assert p.returncode == 0, err
        assert "Traceback" not in err, err
    _out, err = scoring.communicate(timeout=600)
    assert "Traceback" not in err, err
    return acked, other, scoring.returncode


def _check_integrity(target: Path | ServerUrl) -> None:
    if isinstance(target, ServerUrl):
        return  # PostgreSQL enforces its keys on every statement
    con = sqlite3.connect(target)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


# 4 desks x 40 contacts here (each contact also re-plans and rescores its customer, as in
# the window); benchmarks/concurrency.py runs the 4 x 500.
N_WRITES = 40


@pytest.mark.parametrize("kill", [False, True], ids=["clean", "kill-9"])
def test_four_desks_and_a_scoring_run_lose_nothing(db_path: Path, kill: bool) -> None:
    create_demo(db_path, customers=150, seed=3, today=TODAY)
    before = ContactLog.select().count()
    db.close()
    target = target_arg(db_path)
    acked, other, scoring_rc = _writers(
        target, N_WRITES, 150, kill_first_after=N_WRITES // 2 if kill else None
    )
    assert other == []  # no write was refused: no "locked", no serialization failure
    assert scoring_rc == 0
    open_database(db_path)
    notes = {r.notes for r in ContactLog.select(ContactLog.notes).where(ContactLog.id > 0)}
    assert set(acked) <= notes  # every acknowledged write is there
    expected = 3 * N_WRITES + (N_WRITES // 2 if kill else N_WRITES)
    assert len(acked) >= expected
    assert ContactLog.select().count() - before in (len(acked), len(acked) + 1)
    _check_integrity(db_path)


def test_two_desks_completing_one_follow_up_one_wins(db_path: Path) -> None:
    lina = Staff.create(name="李娜", username="lina")
    wang = Staff.create(name="王强", username="wang")
    c = Customer.create(name="张伟", phone="+8613900000001")
    f = Followup.create(customer=c, kind="satisfaction", rule="manual", source_key="t:1",
                        due=TODAY, reason="call")  # fmt: skip
    now = datetime(2026, 11, 23, 10, 0)
    start = threading.Barrier(4)
    results: list[object] = []

    def desk(staff_id: int) -> None:
        start.wait()
        try:
            followups.complete_followup(followup_id=f.id, outcome="reached", staff_id=staff_id,
                                        now=now)  # fmt: skip
            results.append("won")
        except DealerDeskError as exc:
            results.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=desk, args=(s,)) for s in (lina.id, wang.id) * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert results.count("won") == 1
    lost = [r for r in results if r != "won"]
    assert len(lost) == 3 and all(isinstance(r, ConflictError) for r in lost)
    winner = ContactLog.get(ContactLog.followup == f.id).staff.name
    assert all(str(r).startswith(f"{winner} already completed") for r in lost)
    assert ContactLog.select().where(ContactLog.followup == f.id).count() == 1  # no double log
    assert Followup.get_by_id(f.id).status == "done"


def test_a_stale_read_loses_to_the_first_completion(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race on PostgreSQL (READ COMMITTED): both desks read "pending"; the conditional
    update lets only one through and the other's contact is rolled back."""
    from dealerdesk.store import followup_queries as fq

    lina = Staff.create(name="李娜", username="lina")
    c = Customer.create(name="张伟", phone="+8613900000001")
    f = Followup.create(customer=c, kind="satisfaction", rule="manual", source_key="t:1",
                        due=TODAY, reason="call")  # fmt: skip
    stale = fq.get_followup(f.id)
    followups.complete_followup(followup_id=f.id, outcome="reached", staff_id=lina.id,
                                now=datetime(2026, 11, 23, 10))  # fmt: skip
    monkeypatch.setattr(fq, "get_followup", lambda _id: stale)
    with pytest.raises(ConflictError, match="李娜 already completed"):
        followups.complete_followup(followup_id=f.id, outcome="no_answer",
                                    now=datetime(2026, 11, 23, 10, 5))  # fmt: skip
    assert ContactLog.select().where(ContactLog.followup == f.id).count() == 1


def _dump(target: Path | ServerUrl) -> dict[str, list[tuple[object, ...]]]:
    from dealerdesk.store.models import ALL_MODELS

    open_database(target)
    out = {}
    for model in ALL_MODELS:
        cols = ", ".join(f.column_name for f in model._meta.sorted_fields)
        pk = model._meta.primary_key.column_name
        rows = db.database.execute_sql(f"SELECT {cols} FROM {model._meta.table_name} ORDER BY {pk}")
        out[model._meta.table_name] = [
            tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in rows
        ]
    db.close()
    return out


def test_copy_to_the_server_and_back_keeps_every_row(db_path: Path, tmp_path: Path) -> None:
    """File → db_path's backend (a server on the PostgreSQL run) → file: identical."""
    source = tmp_path / "desk.db"
    create_demo(source, customers=120, seed=5, today=TODAY)
    # A referral to a later customer: the self-reference must survive the copy.
    open_database(source)
    Customer.update(referred_by=120).where(Customer.id == 3).execute()
    db.close()
    middle = db_path
    if not isinstance(db_path, ServerUrl):
        middle = tmp_path / "middle.db"
    result = copy_database(source, middle)
    assert dict(result.tables)["customer"] == 120 and result.rows > 1000
    back = tmp_path / "back.db"
    copy_database(middle, back)
    assert _dump(back) == _dump(source)
    open_database(middle)
    marks = {t: db.database.execute_sql(f"SELECT count(*) FROM {t}_history_dirty").fetchone()[0]
             for t in ("visit", "contact")}  # fmt: skip
    new = customers.create_customer({"name": "新客户"}, today=TODAY).new_id
    assert new == 121  # ids continue after the copied ones
    # Every customer with events is marked for a rebuild, once.
    with_visits = Visit.select(Visit.customer).distinct().count()
    assert marks["visit"] == with_visits and Visit.select().count() > 3 * with_visits
    assert 0 < marks["contact"] <= ContactLog.select(ContactLog.customer).distinct().count()
    _histories_follow_the_events()


def _histories_follow_the_events() -> None:
    """The packed histories are rebuilt from the copied events, and the copy put back
    the triggers it set aside while loading."""
    from dealerdesk.store import contact_history, facts_query, visit_history

    assert len(visit_history.read_visits().customer) == Visit.select().count()
    assert len(contact_history.read_contacts().customer) == ContactLog.select().count()
    Visit.create(customer=121, date=TODAY, kind="service", amount=99)
    customers.log_contact(121, now=datetime(2026, 11, 23, 10), channel="phone", outcome="no_answer")
    assert visit_history.read_visits([121]).amount.tolist() == [99.0]
    assert facts_query.contact_columns(TODAY, [121])[2].tolist() == [1]


def test_copy_refuses_a_target_with_data_and_says_so(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for path in (a, b):
        open_database(path)
        customers.create_customer({"name": "王芳"}, today=TODAY)
        db.close()
    result = subprocess.run(
        [sys.executable, "-m", "dealerdesk", "copy", "--from", str(a), "--to", str(b)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"dealerdesk: {b} already holds DealerDesk data (2 rows in setting); copy only into an "
        "empty database."
    ]


def test_copy_via_the_cli_reports_every_table(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    create_demo(a, customers=30, seed=1, today=TODAY)
    db.close()
    result = subprocess.run(
        [sys.executable, "-m", "dealerdesk", "copy", "--from", str(a), "--to", str(b)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "customer: 30 rows" in lines
    assert lines[-1].startswith("Copied ") and lines[-1].endswith("every count matches.")


def test_a_full_scoring_run_writes_in_short_transactions(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """So a desk waiting to save gets in between batches; stale rows still go."""
    from dealerdesk.services import scoring
    from dealerdesk.store import scores
    from dealerdesk.store.models import CustomerScore

    ids = [customers.create_customer({"name": f"客户{i}"}, today=TODAY).new_id for i in range(7)]
    scoring.refresh_scores(today=TODAY)
    assert CustomerScore.select().count() == 7
    Customer.update(archived=True).where(Customer.id == ids[0]).execute()
    monkeypatch.setattr(scores, "_BATCH", 2)
    commits: list[int] = []
    real = db.database.obj.commit
    monkeypatch.setattr(db.database, "commit", lambda: commits.append(1) or real())
    # Rows of unknown signature (as after an upgrade) are all rewritten; otherwise a run
    # writes only what changed.
    db.database.execute_sql("UPDATE customer_score SET sig = NULL")
    scoring.refresh_scores(today=TODAY + timedelta(days=1))
    assert len(commits) >= 4  # 6 rows in batches, then the clean-up
    assert sorted(r.customer_id for r in CustomerScore.select()) == ids[1:]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dealerdesk", *args], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60,
    )  # fmt: skip


def test_a_server_that_is_down_is_one_sentence() -> None:
    result = _cli("info", "--db", "postgresql://desk:secret@127.0.0.1:9/dealerdesk")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "dealerdesk: Cannot reach the database server 127.0.0.1:9: is the server PC on and "
        "PostgreSQL running?"
    ]
    assert "secret" not in result.stderr


def test_a_missing_server_database_is_one_sentence() -> None:
    from conftest import SERVER, _with_db

    if not SERVER:
        pytest.skip("needs the PostgreSQL run (DEALERDESK_TEST_DB)")
    result = _cli("info", "--db", _with_db(SERVER, "no_such_dealership"))
    assert result.stderr.strip().splitlines() == [
        "dealerdesk: The database server 127.0.0.1:"
        f"{ServerUrl(SERVER).server.split(':')[1]} has no database no_such_dealership; "
        "create it first (see docs/multi-desk.md)."
    ]


@pytest.mark.parametrize(
    ("server_says", "code"),
    [
        ('FATAL:  password authentication failed for user "desk"', "store.pg_auth"),
        ('FATAL:  database "dd" does not exist', "store.pg_no_database"),
        ('FATAL:  role "desk" does not exist', "store.pg_no_user"),
        ("connection to server at \"10.0.0.9\", port 5432 failed: Connection refused",
         "store.pg_down"),
        ("could not translate host name \"srv\" to address", "store.pg_down"),
    ],
)  # fmt: skip
def test_server_errors_become_one_sentence(server_says: str, code: str) -> None:
    msg = db.explain_server_error(ServerUrl("postgresql://desk:pw@srv/dd"), Exception(server_says))
    assert msg.code == code
    assert "\n" not in str(msg) and "pw" not in str(msg).replace("password", "")


def test_a_server_address_prints_without_its_password() -> None:
    url = ServerUrl("postgres://desk:s3cret@srv:5433/dealerdesk")
    assert str(url) == "postgresql://desk:***@srv:5433/dealerdesk"
    assert url.raw == "postgresql://desk:s3cret@srv:5433/dealerdesk"
    assert (url.name, url.user, url.server) == ("dealerdesk", "desk", "srv:5433")
    assert str(ServerUrl(url)) == str(url) and ServerUrl(url).raw == url.raw


def test_the_dialect_rewrites_only_what_postgresql_needs() -> None:
    from dealerdesk.store.dialect import translate

    assert translate("SELECT a FROM t WHERE b = ? AND c LIKE '50%?' AND d::date = ?", False) == (
        "SELECT a FROM t WHERE b = %s AND c LIKE '50%%?' AND d::date = %s"
    )
    assert translate("SELECT 5 % 2 WHERE x > :today", True) == "SELECT 5 %% 2 WHERE x > %(today)s"
    assert translate("SELECT 1 FROM a CROSS JOIN b x ON x.id = a.id", False) == (
        "SELECT 1 FROM a JOIN b x ON x.id = a.id"
    )
    assert translate("WHERE a = ?1 OR b = ?1", False) == "WHERE a = %(p1)s OR b = %(p1)s"


def test_a_row_held_by_another_desk_on_the_server_is_one_sentence(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not isinstance(db_path, ServerUrl):
        pytest.skip("a PostgreSQL matter (SQLite: the busy test above)")
    import psycopg2

    cid = customers.create_customer({"name": "李娜"}, today=TODAY).new_id
    other = psycopg2.connect(db_path.raw)  # another desk, mid-save on the same customer
    other.cursor().execute("UPDATE customer SET notes = 'x' WHERE id = %s", (cid,))
    try:
        monkeypatch.setattr(db, "BUSY_DEADLINE_S", 0.3)
        open_database(db_path)
        with pytest.raises(DatabaseBusyError, match="try again in a moment"):
            customers.update_customer(cid, {"notes": "mine"}, today=TODAY)
    finally:
        other.rollback()
        other.close()
    customers.update_customer(cid, {"notes": "mine"}, today=TODAY)
    assert customers.get_customer(cid).notes == "mine"


def test_the_commands_work_on_either_backend(db_path: Path) -> None:
    """demo, info and risk through --db, and DEALERDESK_DB, on this run's backend."""
    db.close()
    target = target_arg(db_path)
    made = _cli("demo", "--db", target, "--customers", "40", "--today", "2026-11-23")
    assert made.returncode == 0, made.stderr
    info = _cli("info", "--db", target)
    first = info.stdout.splitlines()[0].split()
    assert first[0] == ("server" if isinstance(db_path, ServerUrl) else "file")
    assert "customer                  40" in info.stdout
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DEALERDESK_DB": target}
    risk = subprocess.run(
        [sys.executable, "-m", "dealerdesk", "risk", "--today", "2026-11-23", "--top", "3"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip
    assert risk.returncode == 0, risk.stderr
    assert risk.stdout.splitlines()[0].split()[:3] == ["rank", "score", "band"]
    assert len(risk.stdout.splitlines()) == 4


def test_a_dropped_server_connection_recovers_by_itself(db_path: Path) -> None:
    """The server restarts (here: our session is terminated): the next read or write just
    works; a save cut off mid-way is one sentence and leaves nothing half-written."""
    if not isinstance(db_path, ServerUrl):
        pytest.skip("a PostgreSQL matter")
    import psycopg2

    def cut() -> None:
        pid = db.database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
        admin = psycopg2.connect(db_path.raw)
        admin.autocommit = True
        admin.cursor().execute("SELECT pg_terminate_backend(%s)", (pid,))
        admin.close()

    cid = customers.create_customer({"name": "李娜"}, today=TODAY).new_id
    cut()
    assert customers.get_customer(cid).name == "李娜"  # reconnected for a lone read
    cut()
    customers.update_customer(cid, {"notes": "after a restart"}, today=TODAY)  # and a save
    with (
        pytest.raises(DatabaseBusyError, match="connection to the database server"),
        db.database.atomic(),
    ):
        Customer.update(notes="half").where(Customer.id == cid).execute()
        cut()
        Customer.update(name="half").where(Customer.id == cid).execute()
    record = customers.get_customer(cid)
    assert (record.name, record.notes) == ("李娜", "after a restart")
