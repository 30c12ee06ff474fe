"""USCC per GB 32100-2015 (docs/business-rules.md §4): check character, charset, organisation-code check."""

from hypothesis import given
from hypothesis import strategies as st

from anjian.planning.uscc import (
    ALPHABET,
    USCC_CHECK,
    check_character,
    check_uscc,
    is_valid,
    make_uscc,
    org_check_character,
    region_code,
)


def test_standard_example_has_check_character_3():
    assert check_character("91350100M000100Y4") == "3"
    assert check_uscc("91350100M000100Y43") == []


def test_xia_county_example_has_org_check_8_and_check_x():
    assert org_check_character("12345678") == "8"
    assert check_uscc("91140828123456788X") == []
    assert region_code("91140828123456788X") == "140828"


def test_wrong_check_character_is_blocking_with_expected_value_in_message():
    problems = check_uscc("91350100M000100Y44")
    assert [p.code for p in problems] == ["uscc_check"]
    assert problems[0].blocking
    assert problems[0].message == USCC_CHECK.format(expected="3", actual="4")


def test_letters_i_o_s_v_z_are_refused():
    for bad in "IOSVZ":
        assert [p.code for p in check_uscc("91350100M000100Y4" + bad)] == ["uscc_charset"]


def test_lower_case_and_spaces_are_normalised():
    assert is_valid(" 91350100m000100y43 ")


def test_wrong_length_and_empty_are_reported():
    assert check_uscc("")[0].code == "uscc_empty"
    assert check_uscc("9135")[0].code == "uscc_length"


def test_bad_org_check_is_only_a_warning():
    code17 = "91140828123456781"
    code = code17 + check_character(code17)
    problems = check_uscc(code)
    assert [p.code for p in problems] == ["uscc_org_check"]
    assert not problems[0].blocking and is_valid(code)


bodies = st.builds(
    lambda head, region, org: head + region + org,
    st.text(alphabet=ALPHABET, min_size=2, max_size=2),
    st.from_regex(r"[0-9]{6}", fullmatch=True),
    st.text(alphabet=ALPHABET, min_size=9, max_size=9),
)


@given(bodies)
def test_any_body_with_its_check_character_passes_the_check(body):
    assert all(p.code != "uscc_check" for p in check_uscc(body + check_character(body)))


@given(bodies, st.sampled_from(ALPHABET))
def test_every_wrong_check_character_is_caught(body, other):
    if other != check_character(body):
        assert any(p.code == "uscc_check" for p in check_uscc(body + other))


@given(st.from_regex(r"[0-9]{6}", fullmatch=True), st.integers(min_value=0, max_value=10**8 - 1))
def test_synthetic_codes_are_valid_and_carry_their_region(region, serial):
    code = make_uscc(region, serial)
    assert check_uscc(code) == []
    assert region_code(code) == region
