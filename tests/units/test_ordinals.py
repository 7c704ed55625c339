"""Arabic ordinals are written by hand; the table in tests/data holds 1–999 in both genders and cases."""

from pathlib import Path

import pytest

from council.arabic import arabic_ordinal, english_ordinal, with_li

TABLE = Path(__file__).parents[1] / "data" / "arabic_ordinals.tsv"


def read_table():
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            n, *forms = line.split("\t")
            rows.append((int(n), *forms))
    return rows


def test_the_table_covers_1_to_999():
    assert [row[0] for row in read_table()] == list(range(1, 1000))


@pytest.mark.parametrize("n,feminine,masculine,feminine_oblique,masculine_oblique", read_table())
def test_it_writes_the_ordinal_in_both_genders_and_cases(n, feminine, masculine, feminine_oblique,
                                                         masculine_oblique):
    assert arabic_ordinal(n, feminine=True) == feminine
    assert arabic_ordinal(n, feminine=False) == masculine
    for case in ("genitive", "accusative"):
        assert arabic_ordinal(n, feminine=True, case=case) == feminine_oblique
        assert arabic_ordinal(n, feminine=False, case=case) == masculine_oblique


@pytest.mark.parametrize("n,expected", [
    (1, "الأولى"), (11, "الحادية عشرة"), (12, "الثانية عشرة"), (13, "الثالثة عشرة"),
    (21, "الحادية والعشرون"), (48, "الثامنة والأربعون"), (100, "المائة"),
    (200, "المائتان"), (248, "الثامنة والأربعون بعد المائتين"), (300, "الثلاثمائة"),
])
def test_it_agrees_with_a_feminine_session(n, expected):
    assert arabic_ordinal(n, feminine=True) == expected


@pytest.mark.parametrize("n,expected", [
    (1, "الأول"), (11, "الحادي عشر"), (12, "الثاني عشر"), (39, "التاسع والثلاثون"), (47, "السابع والأربعون"),
])
def test_it_agrees_with_a_masculine_meeting(n, expected):
    assert arabic_ordinal(n, feminine=False) == expected


@pytest.mark.parametrize("n,feminine,expected", [
    (39, False, "التاسع والثلاثين"), (48, True, "الثامنة والأربعين"), (20, True, "العشرين"),
    (200, True, "المائتين"), (220, False, "العشرين بعد المائتين"),
    # 11–19 and the units are written the same in every case.
    (13, True, "الثالثة عشرة"), (7, False, "السابع"), (100, True, "المائة"),
])
def test_it_writes_the_genitive_after_a_governing_word(n, feminine, expected):
    assert arabic_ordinal(n, feminine=feminine, case="genitive") == expected


@pytest.mark.parametrize("n", [0, -1, 1000, 2.5, "3", True])
def test_it_refuses_numbers_it_cannot_write(n):
    with pytest.raises(ValueError):
        arabic_ordinal(n)


def test_it_refuses_a_case_arabic_does_not_have():
    with pytest.raises(ValueError):
        arabic_ordinal(48, case="dative")


@pytest.mark.parametrize("n,expected", [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
    (21, "21st"), (22, "22nd"), (23, "23rd"), (48, "48th"), (101, "101st"), (111, "111th"), (112, "112th"),
    (113, "113th"), (121, "121st"),
])
def test_it_writes_english_ordinals(n, expected):
    assert english_ordinal(n) == expected


@pytest.mark.parametrize("name,expected", [
    ("المكتب التنفيذي", "للمكتب التنفيذي"),
    ("اللجنة العربية الدائمة للبريد", "للجنة العربية الدائمة للبريد"),
    ("مجلس الوزراء العرب للاتصالات والمعلومات", "لمجلس الوزراء العرب للاتصالات والمعلومات"),
])
def test_it_merges_the_preposition_with_the_article(name, expected):
    assert with_li(name) == expected
