"""The accreditation certificate as a one-page A4 PDF."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the PDF library loads when a certificate is made, not at every start
    from fpdf import FPDF

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
# The core PDF fonts only know Latin-1; typographic marks get their plain equivalents.
_PLAIN = str.maketrans(
    {"‘": "'", "’": "'", "‚": ",", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "‐": "-",
     "‑": "-", "−": "-", "…": "...", "•": "-", "€": "EUR", "™": "(TM)"}
)  # fmt: skip
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


def _printable(text: str) -> str:
    """Text the core fonts can show: accents kept where Latin-1 has them, '?' for the rest."""
    out: list[str] = []
    for ch in text.translate(_PLAIN):
        if ch.isspace() or unicodedata.category(ch) == "Cc":
            out.append(" ")
        elif unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue  # combining marks, variation selectors and joiners have nothing to show
        elif ord(ch) < 0x80 or 0xA0 <= ord(ch) <= 0xFF:
            out.append(ch)
        else:
            base = [c for c in unicodedata.normalize("NFKD", ch) if ord(c) < 0x80]
            out.append("".join(base) or "?")
    return " ".join("".join(out).split())


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """The text, shortened with '...' to fit one line of the given width."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "...") > width:
        text = text[:-1]
    return text.rstrip() + "..."


def _line(
    pdf: FPDF, text: str, size: float, style: str = "", colour: Rgb = _INK, gap: float = 2
) -> None:
    """One centred line, shortened to fit the page."""
    pdf.set_font("helvetica", style, size)
    pdf.set_text_color(*colour)
    height = size * 0.45
    pdf.cell(0, height, _fit(pdf, _printable(text), pdf.epw), align="C", new_x="LMARGIN")
    pdf.set_y(pdf.get_y() + height + gap)


def _name(pdf: FPDF, name: str) -> None:
    """The name, shrunk to fit one line, else wrapped to at most three."""
    text, size = _printable(name) or "?", 34.0
    pdf.set_font("times", "B", size)
    while size > 18 and pdf.get_string_width(text) > pdf.epw:
        size -= 1
        pdf.set_font("times", "B", size)
    lines = pdf.multi_cell(pdf.epw, size * 0.45, text, dry_run=True, output="LINES")
    if len(lines) > 3:
        lines = [*lines[:2], _fit(pdf, " ".join(lines[2:]), pdf.epw - 2 * pdf.c_margin)]
    pdf.set_text_color(*_ACCENT)
    pdf.multi_cell(pdf.epw, size * 0.45, "\n".join(lines), align="C", new_x="LMARGIN")
    pdf.set_y(pdf.get_y() + 4)


def _steps(pdf: FPDF, steps: tuple[tuple[str, date, str], ...], bottom: float) -> None:
    """The completed steps as a small table, rows shrunk to fit above the footer."""
    if not steps:
        return
    widths = (pdf.epw * 0.42, pdf.epw * 0.2, pdf.epw * 0.38)
    row = min(7.0, max(bottom - pdf.get_y(), 1.0) / (len(steps) + 1))
    pdf.set_draw_color(*_MUTED)
    for i, cells in enumerate(
        [("Step", "Date", "Place")] + [(s, _long_date(d), p) for s, d, p in steps]
    ):
        pdf.set_font("helvetica", "B" if i == 0 else "", row * 1.5)
        pdf.set_text_color(*(_MUTED if i == 0 else _INK))
        for text, width in zip(cells, widths, strict=True):
            shown = _fit(pdf, _printable(text), width - 2 * pdf.c_margin)
            pdf.cell(width, row, shown, border="B" if i == 0 else 0)
        pdf.ln(row)


def certificate_pdf(c: CertificateDetails) -> bytes:
    """The certificate as PDF bytes; never raises on what people typed."""
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
    pdf.set_y(22)
    _line(pdf, c.programme, 12, "B", _ACCENT, gap=4)
    _line(pdf, "Certificate of Accreditation", 30, "B", gap=6)
    _line(pdf, "This is to certify that", 13, colour=_MUTED, gap=3)
    _name(pdf, c.name)
    _line(pdf, f"is accredited as {_printable(c.accreditation)}", 16, "B")
    _line(pdf, f"on {_long_date(c.accredited_on)}", 13, gap=2)
    confirmer = f"{_printable(c.confirmed_by)}, {_printable(c.confirmed_role)}"
    _line(pdf, f"Confirmed by {confirmer}", 12, "I", _MUTED, gap=6)
    pdf.set_line_width(0.2)
    _steps(pdf, c.steps, bottom=pdf.h - 38)
    pdf.set_y(pdf.h - 34)
    _line(pdf, f"Reference {c.reference}   Issued {_long_date(c.issued_on)}", 10, "B", gap=1)
    _line(pdf, c.verify_hint, 9, colour=_MUTED)
    return bytes(pdf.output())
