"""The accreditation certificate as a one-page A4 PDF."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, cast

from bot.accreditation.certificate_fonts import SANS, SERIF, add_fonts, set_font

if TYPE_CHECKING:  # the PDF library loads when a certificate is made, not at every start
    from fpdf import FPDF

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
Rgb = tuple[int, int, int]
_INK, _ACCENT, _MUTED = (33, 37, 41), (0, 94, 184), (100, 110, 120)  # NHS blue accent


@dataclass(frozen=True)
class CertificateDetails:
    """What a certificate of accreditation says."""

    name: str
    accreditation: str
    accredited_on: date
    confirmed_by: str
    confirmed_role: str
    reference: str
    issued_on: date
    programme: str
    steps: tuple[tuple[str, date, str], ...]  # (step, date, place)
    verify_hint: str


def _long_date(d: date) -> str:
    """A date as "24 November 2026", whatever the locale."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _printable(text: str, drawable: frozenset[int]) -> str:
    """Text as typed, on one line, with '?' for a character no embedded font can draw."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        category = unicodedata.category(ch)
        if ch.isspace() or category == "Cc":
            out.append(" ")
        elif category == "Cf":
            continue  # joiners and direction marks: the shaping decides joins and direction
        elif ord(ch) in drawable:
            out.append(ch)
        elif category not in ("Mn", "Me"):  # a mark no font has (a variation selector) is left out
            out.append("?")
    return " ".join("".join(out).split())


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """The text, shortened with '...' to fit one line of the given width."""
    if pdf.get_string_width(text) <= width:
        return text
    fits, over = 0, len(text)  # halving: each measure shapes the text, so measure few
    while over - fits > 1:
        middle = (fits + over) // 2
        if pdf.get_string_width(text[:middle] + "...") <= width:
            fits = middle
        else:
            over = middle
    return text[:fits].rstrip() + "..."


def _line(
    pdf: FPDF, text: str, size: float, style: str = "", colour: Rgb = _INK, gap: float = 2
) -> None:
    """One centred line, shortened to fit the page."""
    set_font(pdf, SANS, style, size, colour)
    height = size * 0.45
    pdf.cell(0, height, _fit(pdf, text, pdf.epw), align="C", new_x="LMARGIN")
    pdf.set_y(pdf.get_y() + height + gap)


def _name(pdf: FPDF, text: str) -> None:
    """The name, shrunk to fit one line, else wrapped to at most three."""
    text, size = text or "?", 34.0
    set_font(pdf, SERIF, "B", size, _ACCENT)
    while size > 18 and pdf.get_string_width(text) > pdf.epw:
        size -= 1
        set_font(pdf, SERIF, "B", size, _ACCENT)
    # fpdf2 types the result as any output's; LINES is a list of str
    lines = cast(
        "list[str]", pdf.multi_cell(pdf.epw, size * 0.45, text, dry_run=True, output="LINES")
    )
    if len(lines) > 3:
        lines = [*lines[:2], _fit(pdf, " ".join(lines[2:]), pdf.epw - 2 * pdf.c_margin)]
    pdf.multi_cell(pdf.epw, size * 0.45, "\n".join(lines), align="C", new_x="LMARGIN")
    pdf.set_y(pdf.get_y() + 4)


def _steps(pdf: FPDF, rows: list[tuple[str, str, str]], bottom: float) -> None:
    """The completed steps as a small table, rows shrunk to fit above the footer."""
    if not rows:
        return
    widths = (pdf.epw * 0.42, pdf.epw * 0.2, pdf.epw * 0.38)
    row = min(7.0, max(bottom - pdf.get_y(), 1.0) / (len(rows) + 1))
    for i, cells in enumerate([("Step", "Date", "Place"), *rows]):
        set_font(pdf, SANS, "B" if i == 0 else "", row * 1.5, _MUTED if i == 0 else _INK)
        for text, width in zip(cells, widths, strict=True):
            shown = _fit(pdf, text, width - 2 * pdf.c_margin)
            pdf.cell(width, row, shown, border="B" if i == 0 else 0)
        pdf.ln(row)


def _page(c: CertificateDetails) -> FPDF:
    """A landscape A4 page with its metadata and a double border."""
    from fpdf import FPDF

    pdf = FPDF(orientation="landscape", format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_margins(25, 20, 25)
    pdf.set_title(f"Certificate of Accreditation: {c.accreditation}")
    pdf.set_subject(c.reference)
    pdf.set_author(c.confirmed_by)
    pdf.set_creator("Cascade")
    pdf.set_creation_date(datetime.combine(c.issued_on, time(), tzinfo=UTC))
    pdf.add_page()
    pdf.set_draw_color(*_ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)
    return pdf


def certificate_pdf(c: CertificateDetails) -> bytes:
    """The certificate as PDF bytes; never raises on what people typed."""
    pdf = _page(c)
    drawable = add_fonts(pdf)

    def shown(typed: str) -> str:
        return _printable(typed, drawable)

    pdf.set_y(22)
    _line(pdf, shown(c.programme), 12, "B", _ACCENT, gap=4)
    _line(pdf, "Certificate of Accreditation", 30, "B", gap=6)
    _line(pdf, "This is to certify that", 13, colour=_MUTED, gap=3)
    _name(pdf, shown(c.name))
    _line(pdf, f"is accredited as {shown(c.accreditation)}", 16, "B")
    _line(pdf, f"on {_long_date(c.accredited_on)}", 13, gap=2)
    confirmer = f"{shown(c.confirmed_by)}, {shown(c.confirmed_role)}"
    _line(pdf, f"Confirmed by {confirmer}", 12, "I", _MUTED, gap=6)
    rows = [(shown(step), _long_date(on), shown(place)) for step, on, place in c.steps]
    _steps(pdf, rows, bottom=pdf.h - 38)
    pdf.set_y(pdf.h - 34)
    footer = f"Reference {shown(c.reference)}   Issued {_long_date(c.issued_on)}"
    _line(pdf, footer, 10, "B", gap=1)
    _line(pdf, shown(c.verify_hint), 9, colour=_MUTED)
    return bytes(pdf.output())
