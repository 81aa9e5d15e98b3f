"""Read a customer file into a header and numbered rows: CSV, .xlsx, .xls or vCard.

Libraries do the formats (python-calamine for .xlsx and old .xls, openpyxl for a
workbook with formulas, vobject for vCards);
this module only decides which one a file is, and how a CSV is encoded:

- Encoding: strict UTF-8 (with or without BOM) first, then GB18030. Chinese Excel saves
  "CSV" in the ANSI code page, which is GBK (GB18030 is its superset, so it decodes every
  GBK file and the rare characters GBK lacks). GBK text is almost never valid UTF-8, so
  the order cannot mistake one for the other. charset-normalizer (installed) detects the
  long GBK corpus file, but for short ones — a header and two rows, a small dealership's
  file — it answered cp949 (Korean) and big5hkscs, turning every name into mojibake
  (tests/test_importing.py keeps both). Anything else (NUL bytes, many control
  characters) is refused as not a table.
- Row numbers are the ones the user sees in Excel: the header's line is 1 when it is the
  first line, blank lines keep their numbers.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from dealerdesk.errors import DealerDeskError
from dealerdesk.i18n import Msg, render

MAX_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 1000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Cell = str | int | float | date | datetime | None


class ImportFileError(DealerDeskError):
    """The file as a whole cannot be read (empty, not a table, unknown sheet…)."""

    def __init__(self, msg: Msg) -> None:
        self.msg = msg
        super().__init__(render(msg))


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet: its header cells and its data rows with their Excel row numbers.

    Attributes:
        kind: "csv", "xlsx", "xls" or "vcf".
        encoding: how a CSV was decoded ("utf-8", "utf-8-sig", "gb18030"), else "".
        sheets: the workbook's sheet names (empty for CSV).
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]
    kind: str
    encoding: str = ""
    sheet: str = ""
    sheets: tuple[str, ...] = field(default_factory=tuple)


def read_table(path: Path | str, *, sheet: str | None = None) -> Table:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFileError(Msg("import.file_too_big", {"mb": size // 1_048_576}))
        head = path.open("rb").read(8)
    except OSError as exc:
        raise ImportFileError(Msg("import.file_unreadable", {"path": str(path)})) from exc
    if size == 0:
        raise ImportFileError(Msg("import.file_empty", {}))
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, sheet)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _read_xls(path, sheet)
    text, encoding = decode(path.read_bytes())
    if text.lstrip("\ufeff \r\n\t").upper().startswith("BEGIN:VCARD"):
        from dealerdesk.services.vcards import vcard_table

        return vcard_table(text)
    return _read_csv(text, encoding)


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding that decoded it; ImportFileError for binary data."""
    if b"\x00" in data[:65536]:
        raise ImportFileError(Msg("import.file_not_table", {}))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:65536]
        if sample and len(_CONTROL.findall(sample)) > len(sample) // 100:
            break
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return text, encoding
    raise ImportFileError(Msg("import.file_not_table", {}))


def _read_csv(text: str, encoding: str) -> Table:
    sample = text[:20000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    numbered: list[tuple[int, tuple[Cell, ...]]] = []
    try:
        for line in reader:
            numbered.append((reader.line_num, tuple(line)))
    except csv.Error as exc:
        raise ImportFileError(Msg("import.file_not_table", {})) from exc
    return _split(numbered, "csv", encoding=encoding)


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    """python-calamine (Rust) reads a 100,000-row sheet in about a second where openpyxl
    takes twenty; openpyxl is kept for workbooks with formulas, which it can tell apart."""
    if _has_formulas(path):
        return _read_xlsx_formulas(path, sheet)
    return _read_calamine(path, sheet, "xlsx")


def _read_xls(path: Path, sheet: str | None) -> Table:
    """Old .xls (Excel 97-2003): calamine reads it too, with the values Excel stored."""
    return _read_calamine(path, sheet, "xls")


def _has_formulas(path: Path) -> bool:
    """Whether any worksheet of the .xlsx holds a formula (an ``<f>`` element)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with z.open(name) as part:
                        tail = b""
                        while chunk := part.read(1 << 20):
                            if _FORMULA_TAG.search(tail + chunk):
                                return True
                            tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise ImportFileError(Msg("import.file_not_table", {})) from exc
    return False


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")


def _read_calamine(path: Path, sheet: str | None, kind: str) -> Table:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = tuple(book.sheet_names)
        name = _pick_sheet(names, sheet)
        # skip_empty_area=False: the grid starts at A1, so row numbers are Excel's own
        grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except ImportFileError:
        raise
    except Exception as exc:  # calamine raises its own error types for broken files
        raise ImportFileError(Msg("import.file_not_table", {})) from exc
    rows = [(i, tuple(_excel_cell(c) for c in row)) for i, row in enumerate(grid, start=1)]
    return _split(rows, kind, sheet=name, sheets=names)


def _read_xlsx_formulas(path: Path, sheet: str | None) -> Table:
    import zipfile

    from openpyxl import load_workbook

    def load(data_only: bool) -> tuple[tuple[str, ...], str, list[list[Cell]]]:
        try:
            book = load_workbook(path, read_only=True, data_only=data_only)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise ImportFileError(Msg("import.file_not_table", {})) from exc
        try:
            names = tuple(book.sheetnames)
            name = _pick_sheet(names, sheet)
            cells = [
                [_excel_cell(c) for c in row] for row in book[name].iter_rows(values_only=True)
            ]
        finally:
            book.close()
        return names, name, cells

    names, name, cells = load(False)
    # Formula cells read as "=…". Take the value Excel last calculated where the file has
    # one (a second read); where it has none (the sheet was written by a program, never
    # opened in Excel) the "=…" stays and the row is refused.
    formulas = [(r, c) for r, row in enumerate(cells) for c, v in enumerate(row)
                if isinstance(v, str) and v.startswith("=")]  # fmt: skip
    if formulas:
        _n, _name, values = load(True)
        for r, c in formulas:
            if values[r][c] is not None:
                cells[r][c] = values[r][c]
    rows = [(i, tuple(row)) for i, row in enumerate(cells, start=1)]
    return _split(rows, "xlsx", sheet=name, sheets=names)


def _pick_sheet(names: tuple[str, ...], sheet: str | None) -> str:
    if sheet is None:
        if not names:
            raise ImportFileError(Msg("import.file_empty", {}))
        return names[0]
    if sheet not in names:
        raise ImportFileError(Msg("import.no_sheet", {"sheet": sheet, "sheets": ", ".join(names)}))
    return sheet


def _excel_cell(value: object) -> Cell:
    if value == "":
        return None
    if isinstance(value, time | timedelta):
        return str(value)
    if isinstance(value, bool):
        return str(value)
    if value is None or isinstance(value, str | int | float | date | datetime):
        return value
    return str(value)


def _blank(cells: tuple[Cell, ...]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _split(
    numbered: list[tuple[int, tuple[Cell, ...]]],
    kind: str,
    *,
    encoding: str = "",
    sheet: str = "",
    sheets: tuple[str, ...] = (),
) -> Table:
    """The first non-blank row is the header; trailing blank rows and columns go."""
    rows = [(n, cells) for n, cells in numbered if not _blank(cells)]
    if not rows:
        raise ImportFileError(Msg("import.file_empty", {}))
    _n, header_cells = rows[0]
    headers = [("" if c is None else str(c)).strip().lstrip("\ufeff") for c in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise ImportFileError(Msg("import.file_empty", {}))
    if len(headers) > MAX_COLUMNS:
        raise ImportFileError(Msg("import.too_many_columns", {"n": len(headers)}))
    width = len(headers)
    data = tuple(
        (n, tuple(cells[:width]) + (None,) * max(0, width - len(cells))) for n, cells in rows[1:]
    )
    return Table(tuple(headers), data, kind, encoding, sheet, sheets)
