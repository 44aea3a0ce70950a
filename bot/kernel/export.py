"""Files people ask for: CSV and Excel tables whose cells typed by people are never run as
formulas, and people named as Slack names them."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import datetime

from domain.kernel.people import SYSTEM, Person

Names = Mapping[str, Person]  # Slack user id -> what Slack says of them


def table_csv(rows: list[list[object]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows([[safe(value) for value in row] for row in rows])
    return out.getvalue()


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    """An Excel workbook, a sheet per table (text that looks like a formula is kept as text)."""
    from openpyxl import Workbook  # loaded for an export, not at every start

    book = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title=title)
        for row in rows:
            sheet.append([safe(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def name_of(user_id: str, names: Names) -> str:
    """The person's name as Slack gives it (their id if Slack did not say)."""
    person = names.get(user_id)
    if user_id == SYSTEM.user_id:
        return "Cascade"
    return person.name if person and person.name else user_id


def safe(value: object) -> object:
    """Keep spreadsheet programs from running text typed by users as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def iso(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""
