"""``dealerdesk added-value`` through a subprocess (issue #14): the A+ offers shown, made
into follow-ups and taken up, per kind, in both languages; --customer narrows it."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from dealerdesk.services import added_value, customers, followups
from dealerdesk.store import db
from dealerdesk.store.models import Vehicle
from dealerdesk.vocab.accounts import AddedValueKind

NOW = datetime(2026, 11, 13, 10, 0)
TODAY = NOW.date()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dealerdesk", *args], capture_output=True,
                          text=True, env=dict(os.environ), timeout=120, check=False)  # fmt: skip


def _arrange() -> tuple[int, int]:
    """张伟: warranty and accessories shown, the warranty call made and taken up;
    李娜: accessories shown only."""
    ids = []
    for name, vin in (("张伟", "LFV2A21K000000001"), ("李娜", "LFV2A21K000000002")):
        cid = customers.create_customer({"name": name}, today=TODAY).new_id
        assert cid is not None
        Vehicle.create(customer=cid, vin=vin, make="BYD", model="Han",
                       purchase_date=TODAY - timedelta(days=10),
                       warranty_end=TODAY + timedelta(days=30 if name == "张伟" else 400))  # fmt: skip
        ids.append(cid)
    offers = added_value.offers_for(ids[0], today=TODAY)
    added_value.offers_for(ids[1], today=TODAY)
    warranty = next(o for o in offers if o.kind == AddedValueKind.EXTENDED_WARRANTY)
    fid = added_value.make_followup(ids[0], warranty.source_key, today=TODAY).new_id
    assert fid is not None
    followups.complete_followup(followup_id=fid, outcome="reached", now=NOW)
    db.close()
    return ids[0], ids[1]


def test_added_value_uptake_in_both_languages(db_path: Path) -> None:
    _zhang, li = _arrange()
    r = run("added-value", "--db", str(db_path), "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(r.stdout))}
    assert rows["offer"] == ["shown", "follow-ups made", "taken up", "taken up of shown"]
    assert rows["Extended warranty"] == ["1", "1", "1", "100%"]
    assert rows["Accessories"] == ["2", "0", "0", "0%"]
    assert rows["Tyres"] == ["0", "0", "0", "–"]
    r = run("--lang", "zh_CN", "added-value", "--db", str(db_path), "--customer", str(li))
    assert r.returncode == 0, r.stderr
    lines = {line.split()[0]: line.split()[1:] for line in r.stdout.splitlines()}
    assert lines["精品附件"] == ["1", "0", "0", "0%"] and lines["延保"] == ["0", "0", "0", "–"]
    assert "成交率" in r.stdout.splitlines()[0]
