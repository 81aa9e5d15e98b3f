"""Safety and data commands: backup, restore, audit, import, export, duplicates, copy."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from dealerdesk.cli.output import emit
from dealerdesk.cli.parser import EXIT_ERROR
from dealerdesk.cli.session import now_of, open_db, today_of
from dealerdesk.errors import DealerDeskError


def cmd_backup(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import t
    from dealerdesk.services import backups

    open_db(db_path)
    folder = Path(args.to) if args.to else None
    made = backups.backup_now(db_path, now=datetime.now(), folder=folder, keep=args.keep)
    print(t("safety.backup.done", path=made.path, size=f"{made.size_bytes / 1_048_576:,.1f}",
            kept=made.kept))  # fmt: skip
    return 0


def cmd_restore(args: argparse.Namespace, db_path: Path) -> int:

    from dealerdesk.errors import DamagedDatabaseError
    from dealerdesk.i18n import t
    from dealerdesk.services import backups

    # Who restores (managers only) is checked on the file as it is; a damaged file has no
    # staff to ask, so whoever holds the file may recover it.
    damaged = False
    if db_path.exists():
        try:
            open_db(db_path)
        except DamagedDatabaseError:
            damaged = True
    done = backups.restore(db_path, Path(args.source), now=datetime.now(), damaged=damaged)
    print(t("safety.restore.done", path=done.path, source=done.source, aside=done.aside))
    return 0


def cmd_audit(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services import audit

    open_db(db_path)
    rows = audit.audit_trail(since=args.since)
    header = ("at", "staff", "action", "entity", "id", "details")
    table = [(f"{r.at:%Y-%m-%d %H:%M:%S}", r.staff_name or "", r.action, r.entity,
              "" if r.entity_id is None else str(r.entity_id), r.details) for r in rows]  # fmt: skip
    emit(args.format, header, table)
    return 0


def cmd_import(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import render, t
    from dealerdesk.services import importing
    from dealerdesk.services.import_mapping import load_mapping_file, save_mapping_file

    open_db(db_path, create=True)
    if args.list:
        rows = [(str(e.audit_id), e.at.isoformat(" "), e.file, str(e.customers), str(e.vehicles),
                 str(e.visits), "undone" if e.undone else "") for e in importing.list_imports()]  # fmt: skip
        emit("table", ("id", "at", "file", "customers", "vehicles", "visits", ""), rows)
        return 0
    if args.undo:
        importing.undo_import(args.undo, today=today_of(args), now=now_of(args))
        print(t("import.undone", audit=args.undo))
        return 0
    if not args.file:
        raise DealerDeskError(t("import.cli_no_file"))
    mapping = load_mapping_file(args.mapping).columns if args.mapping else None
    opened = importing.open_file(args.file, sheet=args.sheet, mapping=mapping)
    width = max((len(h) for h in opened.headers), default=0)
    print(f"# {opened.table.kind} {opened.table.encoding} {opened.table.sheet}".rstrip(),
          f"mapping: {opened.mapping_source}", file=sys.stderr)  # fmt: skip
    for header, field in opened.mapping.items():
        print(f"#   {header.ljust(width)}  ->  {field or '-'}", file=sys.stderr)
    if args.save_mapping:
        save_mapping_file(args.save_mapping, opened.headers, opened.mapping)
    if args.dry_run:
        plan = importing.dry_run(opened, today=today_of(args))
    else:
        try:
            result = importing.run_import(opened, today=today_of(args), now=now_of(args))
        except importing.ImportRejectedError as exc:
            plan = exc.plan
        else:
            print(render(result.plan.summary()))
            print(t("import.done", path=args.file, seconds=f"{result.seconds:.1f}",
                    audit=result.audit_id))  # fmt: skip
            return 0
    print(render(plan.summary()))
    for dup in plan.duplicates[:50]:
        print(t("import.cli_row", row=dup.row, reason=render(dup.reason)), file=sys.stderr)
    if plan.errors:
        emit("table", ("row", "column", "value", "reason"), importing.error_lines(plan.errors))
        print(t("import.rejected", n=len(plan.errors)), file=sys.stderr)
        return EXIT_ERROR
    if args.dry_run:
        print(t("import.dry_run_done"), file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import t
    from dealerdesk.services import exporting, vcards

    open_db(db_path)
    out = Path(args.out)
    if args.what == "vcards":
        result = vcards.export_vcards(out)
    elif args.what == "calendar":
        if not args.staff:
            raise DealerDeskError(t("export.cli_needs_staff"))
        result = exporting.export_staff_ics(out, staff_id=args.staff, today=today_of(args),
                                            now=now_of(args))  # fmt: skip
    else:
        result = exporting.export(args.what, out, fmt=args.format)
    print(t("export.done", path=str(result.path), n=result.rows))
    return 0


def cmd_duplicates(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import render, t
    from dealerdesk.services import duplicates

    open_db(db_path)
    if args.merge:
        keep, drop = args.merge
        duplicates.merge_customers(keep=keep, drop=drop, today=today_of(args), now=now_of(args))
        print(t("dup.merged", keep=keep, drop=drop))
        return 0
    pairs = duplicates.find_duplicates()
    rows = [(str(p.a.id), p.a.name, p.a.phone, str(p.b.id), p.b.name, p.b.phone,
             "; ".join(render(r) for r in p.reasons)) for p in pairs]  # fmt: skip
    emit(args.format, ("id", "name", "phone", "other_id", "other_name", "other_phone",
                        "reason"), rows)  # fmt: skip
    return 0


def cmd_copy(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import t
    from dealerdesk.store.copy import copy_database

    result = copy_database(args.source, args.target,
                           progress=lambda table, n: print(t("copy.table", table=table, n=n)))  # fmt: skip
    print(t("copy.done", rows=result.rows, tables=len(result.tables), source=result.source,
            target=result.target))  # fmt: skip
    return 0
