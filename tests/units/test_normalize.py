"""council.arabic.normalize: one function folds spelling variants for indexing and for queries."""

import pytest

from council.arabic import normalize

CASES = [
    # (what a person may type or a source may hold, what both sides are compared as)
    ("أمن", "امن"),
    ("إنترنت", "انترنت"),
    ("آلية", "اليه"),
    ("ٱلأمين", "الامين"),                   # alef wasla
    ("الأمانة", "الامانه"),                 # teh marbuta → heh
    ("فى", "في"),                           # alef maksura → yeh (the source writes «فى»)
    ("مسئولياتنا", "مسءولياتنا"),           # hamza on yeh …
    ("المسؤوليات", "المسءوليات"),           # … and on waw fold alike
    ("الأنظمةً الذكيةً", "الانظمه الذكيه"),  # tanween
    ("حلولٍ", "حلول"),
    ("مُؤْتَمَر", "مءتمر"),                  # fatha, damma, sukun
    ("الرَّحْمٰن", "الرحمن"),                 # shadda and the superscript alef U+0670
    ("الاتصـــالات", "الاتصالات"),           # tatweel
    ("٤٨", "48"),                           # Arabic-Indic digits
    ("۱۲/۷/۲۰۲۱", "12/7/2021"),             # Persian digits
    ("ﻻ", "لا"),                            # presentation form from a PDF
    ("ا\u0654من", "امن"),                   # hamza typed as a separate combining mark
    ("کمپیوتر", "كمپيوتر"),                 # Persian keheh and yeh
    ("الذکاء الاصطناعی", "الذكاء الاصطناعي"),   # as a Persian keyboard types them
    ("ھيئة", "هيءه"),                        # heh doachashmee
    ("مدرسۀ", "مدرسه"),                      # heh with yeh above (Persian ezafe)
    ("مدرسہ", "مدرسه"), ("مدرسۃ", "مدرسه"),   # Urdu heh goal, teh marbuta goal
    ("مدرسە", "مدرسه"),                      # ae
    ("علے", "علي"), ("علۓ", "علي"),          # Urdu yeh barree, with hamza
    ("ال\u00adأمن", "الامن"),               # soft hyphen from a PDF
    ("ال\u061cأمن", "الامن"),               # Arabic letter mark
    ("\ufeffالأمن", "الامن"),               # byte-order mark at the start of a pasted text
    ("الأمن\u2060السيبراني", "الامنالسيبراني"),  # word joiner
    ("الدورة المائة", "الدوره المءه"),         # the League's «مائة» …
    ("الدورة المئة", "الدوره المءه"),          # … and «مئة» fold together
    ("المائتين", "المءتين"), ("ثلاثمائة", "ثلاثمءه"),
    ("الموارد المائية", "الموارد الماءيه"),   # other words with «مائ» keep their alef
    ("Cybersecurity", "cybersecurity"),
    ("STRASSE", "strasse"),
    ("Straße", "strasse"),                  # casefold, not lower
    ("\u202eالأمن\u202c", "الامن"),          # bidi controls
    ("الأمن\u200cالسيبراني", "الامنالسيبراني"),  # zero-width non-joiner
    ("", ""),
    (None, ""),
]


@pytest.mark.parametrize("typed, folded", CASES)
def test_it_folds_spelling_variants(typed, folded):
    assert normalize(typed) == folded


def test_it_finds_each_spelling_of_the_source_from_any_other():
    # The press release writes both forms of each of these words.
    for forms in (["الامين", "الأمين"], ["الانترنت", "الإنترنت"], ["مسئولياتنا", "مسؤولياتنا"],
                  ["الثامنة والاربعون", "الثامنة والأربعون", "الثامنه والاربعون"]):
        assert len({normalize(form) for form in forms}) == 1, forms


def test_it_folds_the_hundreds_but_not_other_words_with_the_same_letters():
    assert normalize("مائة") == normalize("مئة")
    assert normalize("مائدة") != normalize("مئدة")


def test_it_keeps_letters_that_are_not_variants():
    # ه and ة fold together, but other letters stay apart.
    assert normalize("حت") == "حت"
    assert normalize("الأمن") != normalize("الأمين")
    assert normalize("ب") != normalize("ت")


def test_it_is_idempotent():
    for typed, _ in CASES:
        assert normalize(normalize(typed)) == normalize(typed)
