"""The Unicode fonts certificates are set in: Noto, from installed packages, never fetched."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

SANS, SERIF = "noto-sans", "noto-serif"
_ARABIC, _CJK = "noto-sans-arabic", "noto-sans-cjk"
# A character the chosen font lacks is drawn from the first of these that has it; Noto Sans also
# covers the Devanagari and Greek that Noto Serif lacks.
_FALLBACKS = (SANS, _ARABIC, _CJK)
# The packages carry variable fonts; making a bold instance takes seconds a font, so bold is drawn
# by stroking the outline too, with a stroke 4% of the em wide (in mm for a size in points).
_EMBOLDEN = 0.04 * 25.4 / 72


def _font_files() -> dict[tuple[str, str], Path]:
    """Each (family, style) with its font file, located through the packages' own APIs."""
    import fontpkg
    import noto_cjk_sans_jp_regular  # the full Pan-CJK set, simplified Chinese included

    return {
        (SANS, ""): fontpkg.path("Noto Sans"),
        (SANS, "I"): fontpkg.path("Noto Sans", style="italic"),
        (SERIF, ""): fontpkg.path("Noto Serif"),
        (_ARABIC, ""): fontpkg.path("Noto Sans Arabic"),
        (_CJK, ""): Path(str(noto_cjk_sans_jp_regular.FONT_PATH)),
    }


def add_fonts(pdf: FPDF) -> frozenset[int]:
    """Adds the fonts, fallbacks and shaping (Arabic joins, right to left) to the document;
    returns the code points some font can draw."""
    for (family, style), path in _font_files().items():
        pdf.add_font(family, style, path)
    pdf.set_fallback_fonts(_FALLBACKS, exact_match=False)
    pdf.set_text_shaping(True)
    from fpdf.fonts import TTFFont  # loaded with the PDF library

    return frozenset().union(*(f.cmap for f in pdf.fonts.values() if isinstance(f, TTFFont)))


def set_font(pdf: FPDF, family: str, style: str, size: float, colour: tuple[int, int, int]) -> None:
    """The font and colour for the next text; 'B' in the style emboldens by stroking."""
    from fpdf.enums import TextMode

    pdf.set_font(family, style.replace("B", ""), size)
    pdf.set_text_color(*colour)
    if "B" in style:
        pdf.set_draw_color(*colour)
        pdf.set_line_width(size * _EMBOLDEN)
        pdf.text_mode = TextMode.FILL_STROKE
    else:
        pdf.text_mode = TextMode.FILL
