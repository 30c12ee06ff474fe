"""发文字号 parsing: full-width 〔〕, ASCII brackets normalised with a warning, year, prefix and serial checked."""

import pytest

from anjian.planning.doc_number import check_doc_number


def test_a_correct_number_parses_without_findings():
    c = check_doc_number("沈和应急发〔2026〕3号", year=2026, prefix="沈和应急发")
    assert (c.number.prefix, c.number.year, c.number.serial, c.number.text) == (
        "沈和应急发",
        2026,
        3,
        "沈和应急发〔2026〕3号",
    )
    assert c.errors == () and c.warnings == ()


def test_ascii_brackets_are_normalised_with_a_warning():
    c = check_doc_number("沈和应急发[2026]3号", year=2026, prefix="沈和应急发")
    assert c.number.text == "沈和应急发〔2026〕3号" and c.errors == ()
    assert [code for code, _ in c.warnings] == ["doc_number_brackets"] and "〔〕" in c.warnings[0][1]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("沈和应急发〔2025〕3号", "doc_number_year"),
        ("和应急发〔2026〕3号", "doc_number_prefix"),
        ("沈和应急发〔2026〕0号", "doc_number_serial"),
        ("沈和应急发〔2026〕03号", "doc_number_serial"),
        ("沈和应急发2026年3号", "doc_number_format"),
    ],
)
def test_wrong_year_prefix_serial_or_shape_is_an_error(text, code):
    c = check_doc_number(text, year=2026, prefix="沈和应急发")
    assert [e for e, _ in c.errors] == [code]
    assert text in c.errors[0][1]
