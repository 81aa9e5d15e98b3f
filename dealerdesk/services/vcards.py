"""vCard (.vcf) contacts out and in, with vobject.

Export writes one vCard 3.0 per customer (name, phones, e-mail, address, note), the form
phones and WeChat import. Import turns a .vcf into the same header-and-rows table a CSV
gives, so the vCards go through the one importer: mapping, dry run, one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import vobject

from dealerdesk.i18n import Msg
from dealerdesk.services import settings
from dealerdesk.services.exporting import ExportResult
from dealerdesk.services.import_read import Cell, ImportFileError, Table
from dealerdesk.store import export_queries as q

VCARD_HEADERS = ("name", "phone", "phone2", "email", "address", "notes")


def export_vcards(path: Path | str, *, ids: Sequence[int] | None = None) -> ExportResult:
    """One vCard per customer (the first row of each: vehicles are not contacts)."""
    ids = list(ids) if ids is not None else q.all_customer_ids()
    region = settings.get("phone_region") or "CN"
    from dealerdesk.store.validation import format_phone

    seen: set[str] = set()
    cards: list[str] = []
    for row in q.customer_rows(ids):
        name, phone, phone2, _wechat, email, _g, _b, address, _city, notes = row[:10]
        key = f"{name}\x1f{phone}"
        if key in seen:
            continue
        seen.add(key)
        card = vobject.vCard()
        card.add("fn").value = name
        card.add("n").value = vobject.vcard.Name(family=name)
        for number, kind in ((phone, "CELL"), (phone2, "HOME")):
            if number:
                tel = card.add("tel")
                tel.value = format_phone(number, region)
                tel.type_param = kind
        if email:
            card.add("email").value = email
        if address:
            card.add("adr").value = vobject.vcard.Address(street=address)
        if notes:
            card.add("note").value = notes
        cards.append(card.serialize())
    path = Path(path)
    path.write_text("".join(cards), encoding="utf-8")
    return ExportResult(path, len(cards), "vcf")


def vcard_table(text: str) -> Table:
    """The contacts of a .vcf as rows (row number = the card's place in the file)."""
    rows: list[tuple[int, tuple[Cell, ...]]] = []
    try:
        for n, card in enumerate(vobject.readComponents(text), start=1):
            contents = card.contents
            name = card.fn.value if "fn" in contents else ""
            phones = [t.value for t in contents.get("tel", [])]
            email = contents["email"][0].value if "email" in contents else ""
            address = ""
            if "adr" in contents:
                adr = contents["adr"][0].value
                address = " ".join(
                    str(p) for p in (adr.region, adr.city, adr.street) if p and str(p).strip()
                )
            note = contents["note"][0].value if "note" in contents else ""
            rows.append((n, (name, phones[0] if phones else "",
                             phones[1] if len(phones) > 1 else "", email, address, note)))  # fmt: skip
    except (vobject.base.ParseError, ValueError, AttributeError) as exc:
        raise ImportFileError(Msg("import.file_not_table", {})) from exc
    if not rows:
        raise ImportFileError(Msg("import.file_empty", {}))
    return Table(VCARD_HEADERS, tuple(rows), "vcf", "utf-8")
