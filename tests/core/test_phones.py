"""core.phones: numbers read in the place's country, stored in E.164, mobile where texts go."""

import pytest

from core.phones import BadNumber, fingerprint, is_mobile, read_phone


@pytest.mark.parametrize(
    ("typed", "region", "e164"),
    [
        ("0470 12 34 56", "BE", "+32470123456"),
        ("0470/12.34.56", "BE", "+32470123456"),
        ("+32 470 12 34 56", "FR", "+32470123456"),
        ("0032 470 12 34 56", "FR", "+32470123456"),
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("+33 6 12 34 56 78", "BE", "+33612345678"),
        ("04 222 33 44", "BE", "+3242223344"),
        ("06 12 34 56 78", None, "+33612345678"),
    ],
)
def test_numbers_in_e164(typed, region, e164):
    # No region: read in Belgium, where 06… is not a number.
    if region is None:
        with pytest.raises(BadNumber):
            read_phone(typed, region)
        assert read_phone(typed, "FR") == e164
        return
    assert read_phone(typed, region) == e164


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0470", "incomplet"),
        ("0470 12 34 5x", "pas un numéro valable"),
        ("0999 99 99 99", "pas un numéro valable"),
        ("abc def ghi jkl", "incomplet"),
    ],
)
def test_bad_numbers_say_why(typed, message):
    with pytest.raises(BadNumber, match=message):
        read_phone(typed, "BE")


def test_texts_need_a_mobile_number():
    with pytest.raises(BadNumber, match="GSM"):
        read_phone("04 222 33 44", "BE", mobile=True)
    assert read_phone("0470 12 34 56", "BE", mobile=True) == "+32470123456"
    assert is_mobile("+32470123456") and not is_mobile("+3242223344")


def test_the_fingerprint_hides_the_number_and_is_stable():
    assert fingerprint("+32470123456") == fingerprint("+32470123456")
    assert fingerprint("+32470123456") != fingerprint("+32470123457")
    assert len(fingerprint("+32470123456")) == 24 and "+" not in fingerprint("+32470123456")
