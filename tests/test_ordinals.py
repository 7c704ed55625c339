"""Arabic ordinals are written by hand; the table in tests/data was checked line by line."""

from pathlib import Path

import pytest

from council.arabic import arabic_ordinal, english_ordinal, with_li

TABLE = Path(__file__).parent / "data" / "arabic_ordinals.tsv"


def read_table():
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            n, feminine, masculine = line.split("\t")
            rows.append((int(n), feminine, masculine))
    return rows


def test_the_table_covers_1_to_199():
    assert [n for n, _, _ in read_table()] == list(range(1, 200))


@pytest.mark.parametrize("n,feminine,masculine", read_table())
def test_it_writes_the_ordinal_in_both_genders(n, feminine, masculine):
    assert arabic_ordinal(n, feminine=True) == feminine
    assert arabic_ordinal(n, feminine=False) == masculine


@pytest.mark.parametrize("n,expected", [
    (1, "الأولى"), (11, "الحادية عشرة"), (12, "الثانية عشرة"), (13, "الثالثة عشرة"),
    (21, "الحادية والعشرون"), (48, "الثامنة والأربعون"), (100, "المئة"),
])
def test_it_agrees_with_a_feminine_session(n, expected):
    assert arabic_ordinal(n, feminine=True) == expected


@pytest.mark.parametrize("n,expected", [
    (1, "الأول"), (11, "الحادي عشر"), (12, "الثاني عشر"), (39, "التاسع والثلاثون"), (47, "السابع والأربعون"),
])
def test_it_agrees_with_a_masculine_meeting(n, expected):
    assert arabic_ordinal(n, feminine=False) == expected


@pytest.mark.parametrize("n", [0, -1, 1000, 2.5, "3"])
def test_it_refuses_numbers_it_cannot_write(n):
    with pytest.raises(ValueError):
        arabic_ordinal(n)


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
