import io
import unicodedata
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from bot.accreditation.certificate import CertificateDetails, certificate_pdf

DETAILS = CertificateDetails(
    name="Priya Shah",
    accreditation="Assessor Trainer",
    accredited_on=date(2026, 11, 24),
    confirmed_by="Helen Morgan",
    confirmed_role="Trainer of Lead Trainers",
    reference="CAS-ABCDE-12345",
    issued_on=date(2026, 11, 25),
    programme="Assessor Trainer pathway",
    steps=(
        ("Attended the Assessor Trainer event", date(2026, 3, 2), "Leeds"),
        ("Co-trained a cohort", date(2026, 6, 10), "Bradford Royal Infirmary"),
        ("Led a cohort", date(2026, 9, 15), "Harrogate District Hospital"),
    ),
    verify_hint="To check this certificate, type /accreditation verify CAS-ABCDE-12345 in Slack",
)


def read(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, " ".join((page.extract_text() or "") for page in reader.pages)


def embedded_fonts(reader: PdfReader) -> set[str]:
    """The families of the fonts embedded in the first page, without their subset tags."""
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = set()
    for font in (ref.get_object() for ref in fonts.values()):
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded, not referenced
        names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    return names


def test_the_certificate_says_who_is_accredited_as_what_and_by_whom() -> None:
    reader, text = read(certificate_pdf(DETAILS))

    assert len(reader.pages) == 1
    for expected in (
        "Certificate of Accreditation",
        "Priya Shah",
        "is accredited as Assessor Trainer",
        "24 November 2026",
        "Confirmed by Helen Morgan, Trainer of Lead Trainers",
        "CAS-ABCDE-12345",
        "/accreditation verify",
        "Assessor Trainer pathway",
    ):
        assert expected in text
    for _step, on, place in DETAILS.steps:
        assert place in text
        assert f"{on.day} {on:%B %Y}" in text


def test_the_metadata_names_the_certificate_and_its_reference() -> None:
    reader, _ = read(certificate_pdf(DETAILS))

    assert reader.metadata is not None
    assert reader.metadata.subject == "CAS-ABCDE-12345"
    assert reader.metadata.title == "Certificate of Accreditation: Assessor Trainer"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Siân O’Neill", "Siân O’Neill"),  # typographic marks kept as typed
        ("Zoë Ŵyn-Łukasz", "Zoë Ŵyn-Łukasz"),
        ("Dr Amara Okafor — Lead 🎉", "Dr Amara Okafor — Lead ?"),  # no embedded font has emoji
        ("Ada\u200d\ufe0f\nLovelace\t", "Ada Lovelace"),  # joiners dropped, whitespace folded
    ],
)
def test_names_people_typed_are_shown_as_near_as_the_fonts_allow(name: str, shown: str) -> None:
    reader, text = read(certificate_pdf(replace(DETAILS, name=name, confirmed_by=name)))

    assert len(reader.pages) == 1
    assert shown in text
    assert f"Confirmed by {shown}," in text


@pytest.mark.parametrize(
    ("name", "font"),
    [("Łukasz Wiśniewski-王芳", "NotoSansCJKJP"), ("Анна Петрова", "NotoSerif")],
)
def test_names_in_latin_cyrillic_and_chinese_script_print_exactly(name: str, font: str) -> None:
    reader, text = read(certificate_pdf(replace(DETAILS, name=name, confirmed_by=name)))
    # pypdf reads the CJK font's two-byte encoding CMap as one-byte codes: a NUL before each
    # ideograph is its artefact, not the PDF's (the ToUnicode map gives the ideographs).
    text = text.replace("\x00", "")

    assert name in text
    assert f"Confirmed by {name}," in text
    assert "?" not in text
    assert font in embedded_fonts(reader)


def test_an_arabic_name_is_shaped_in_an_embedded_arabic_font() -> None:
    name = "فاطمة الزهراء"

    reader, text = read(certificate_pdf(replace(DETAILS, name=name, confirmed_by=name)))

    assert "?" not in text
    assert "NotoSansArabic" in embedded_fonts(reader)
    # pypdf gives right-to-left words in the page's left-to-right order, and the glyphs shaping
    # adds (dots drawn apart from their letter) as control codes: each word reads in order once
    # those are left out; unshaped, each word would come out backwards.
    shown = "".join(ch for ch in text if unicodedata.category(ch) != "Cc")
    for word in name.split():
        assert word in shown


def test_a_very_long_name_stays_on_one_page_and_is_still_recognisable() -> None:
    name = "Bartholomew " + "Fitzwilliam-Montgomery " * 13
    assert len(name) > 300

    reader, text = read(certificate_pdf(replace(DETAILS, name=name)))

    assert len(reader.pages) == 1
    assert "Bartholomew Fitzwilliam-Montgomery" in text
    assert len([line for line in text.splitlines() if "Fitzwilliam" in line]) <= 3
    assert "CAS-ABCDE-12345" in text  # the footer is not pushed off the page


@pytest.mark.parametrize(
    "typed", ["", " ", "\x00\x07", "🎉" * 50, "x" * 1000, "ﷺ" + "\u0301" * 20, "<!channel>"]
)
def test_no_typed_text_makes_the_writer_raise(typed: str) -> None:
    weird = replace(
        DETAILS,
        name=typed,
        confirmed_by=typed,
        confirmed_role=typed,
        steps=((typed, date(2026, 1, 1), typed),) * 4,
    )

    reader, text = read(certificate_pdf(weird))

    assert len(reader.pages) == 1
    assert "CAS-ABCDE-12345" in text
