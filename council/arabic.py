"""Arabic text helpers: ordinals, spelling normalization, bidi controls.

Written by hand because no library gets Arabic ordinals right (the feminine
forms, 11–19, and compounds such as «الحادية والعشرون»), and normalization is a
few lines that search and indexing must share exactly.
"""

import re
import unicodedata

# --- Ordinals -------------------------------------------------------------

# Units as ordinals, masculine and feminine. Index 0 is unused.
_UNITS_M = ["", "الأول", "الثاني", "الثالث", "الرابع", "الخامس",
            "السادس", "السابع", "الثامن", "التاسع", "العاشر"]
_UNITS_F = ["", "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة",
            "السادسة", "السابعة", "الثامنة", "التاسعة", "العاشرة"]
# In compounds (11, 21, 31 …) "first" becomes «الحادي» / «الحادية».
_COMPOUND_ONE = {False: "الحادي", True: "الحادية"}
# Tens are the same in both genders, and take the case of their place: «الثامنة
# والأربعون» as a title, «الدورة الثامنة والأربعين» after «نتائج» or «يستعرض».
_TENS = {20: "العشرون", 30: "الثلاثون", 40: "الأربعون", 50: "الخمسون",
         60: "الستون", 70: "السبعون", 80: "الثمانون", 90: "التسعون"}
_TENS_OBLIQUE = {n: word[:-2] + "ين" for n, word in _TENS.items()}
# The League's documents spell the hundreds with alef («المائة», «الثلاثمائة»);
# docs/glossary.md records the choice. The round hundreds after «بعد» are
# always genitive («الحادية عشرة بعد المائتين»).
_HUNDREDS = {100: "المائة", 200: "المائتين", 300: "الثلاثمائة", 400: "الأربعمائة",
             500: "الخمسمائة", 600: "الستمائة", 700: "السبعمائة", 800: "الثمانمائة",
             900: "التسعمائة"}
# A round hundred standing alone is the name's head: only the dual shows its case
# («الدورة المائتان», «نتائج الدورة المائتين»).
_HUNDREDS_NOMINATIVE = {**_HUNDREDS, 200: "المائتان"}

CASES = ("nominative", "genitive", "accusative")


def _ordinal_below_100(n, feminine, oblique):
    units = _UNITS_F if feminine else _UNITS_M
    if n <= 10:
        return units[n]
    if n < 20:
        # 11–19 are built on the fathah and do not change with the case.
        unit = _COMPOUND_ONE[feminine] if n == 11 else units[n - 10]
        return f"{unit} {'عشرة' if feminine else 'عشر'}"
    tens, unit = divmod(n, 10)
    tens_word = (_TENS_OBLIQUE if oblique else _TENS)[tens * 10]
    if unit == 0:
        return tens_word
    unit_word = _COMPOUND_ONE[feminine] if unit == 1 else units[unit]
    return f"{unit_word} و{tens_word}"


def arabic_ordinal(n, feminine=False, case="nominative"):
    """Return the Arabic ordinal of n (1–999) with its article, in the given case.

    feminine=True agrees with a feminine noun («الدورة الثامنة والأربعون»),
    False with a masculine one («الاجتماع التاسع والثلاثون»). case is
    "nominative" for a name standing alone (a title) or the subject of a
    sentence, "genitive" or "accusative" for a name governed by a word before
    it («نتائج الاجتماع التاسع والثلاثين», «يستعرض الدورة الثامنة والأربعين»):
    the written forms of the two are the same. Above a hundred the League's
    form is used: «الحادي عشر بعد المائة».
    """
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 999:
        raise ValueError(f"Arabic ordinals are written for 1 to 999, not {n!r}.")
    if case not in CASES:
        raise ValueError(f"The case is one of {', '.join(CASES)}, not {case!r}.")
    oblique = case != "nominative"
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _ordinal_below_100(rest, feminine, oblique)
    if rest == 0:
        return (_HUNDREDS if oblique else _HUNDREDS_NOMINATIVE)[n]
    if rest == 1:
        # As in the compounds: «الحادية بعد المائة», not «الأولى بعد المائة».
        return f"{_COMPOUND_ONE[feminine]} بعد {_HUNDREDS[hundreds * 100]}"
    return f"{_ordinal_below_100(rest, feminine, oblique)} بعد {_HUNDREDS[hundreds * 100]}"


def english_ordinal(n):
    """Return 1st, 2nd, 3rd, 4th … with 11th–13th (and 111th …) as exceptions."""
    if n % 100 in (11, 12, 13):
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def with_li(name):
    """Prefix the preposition «ل» to a name, merging it with the article.

    «المكتب التنفيذي» → «للمكتب التنفيذي», «اللجنة …» → «للجنة …»,
    «مجلس …» → «لمجلس …».
    """
    if name.startswith("الل"):
        return "ل" + name[2:]
    if name.startswith("ال"):
        return "ل" + name[1:]
    return "ل" + name


# --- Dates ----------------------------------------------------------------

# The Umm al-Qura calendar's month names as the League's documents print them
# («ربيع الآخر», not «ربيع الثاني»; «جمادى الآخرة»).
HIJRI_MONTHS = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
                "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"]


def hijri_month(month, after_day=True):
    """The Arabic name of Hijri month 1–12; after a day number «ذو» is governed: «3 ذي القعدة»."""
    name = HIJRI_MONTHS[month - 1]
    return "ذي" + name[2:] if after_day and name.startswith("ذو ") else name


def gregorian_date_ar(day):
    """«12 يوليو 2021م»: day, month name, year and «م» for the Gregorian era, no comma."""
    return f"{day.day} {GREGORIAN_MONTHS[day.month - 1]} {day.year}م"


# The month names of Egypt and the League's headquarters, as in Django's Arabic catalogue.
GREGORIAN_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
                    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]


# --- Normalization --------------------------------------------------------

_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ة": "ه",
    "ى": "ي",
    # Hamza on a seat is written both ways in the council's own texts
    # («مسئولياتنا» and «المسؤوليات» in one press release): fold both seats to ء.
    "ؤ": "ء", "ئ": "ء",
    # Persian and Urdu letter forms, which their keyboard layouts and PDFs produce for
    # Arabic letters: yeh ی and yeh barree ے (ۓ after NFKC) → ي, keheh ک → ك, heh
    # doachashmee ھ, heh goal ہ, ae ە, the same with hamza ۀ ۂ, and teh marbuta goal ۃ → ه.
    # (NFKC composes ۀ ۂ ۓ, so they are mapped themselves.)
    "ی": "ي", "ے": "ي", "ۓ": "ي", "ک": "ك",
    "ھ": "ه", "ہ": "ه", "ە": "ه", "ۀ": "ه", "ۂ": "ه", "ۃ": "ه",
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits ٠–٩
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits ۰–۹
})
# Harakat U+064B–U+0652 and the other combining marks up to U+065F (a stray
# hamza or madda above/below), the superscript alef U+0670, the tatweel U+0640,
# and invisible marks a typist or a PDF may leave in: the soft hyphen U+00AD, the
# Arabic letter mark U+061C, zero-width spaces and joiners, bidi marks and
# controls, the word joiner U+2060 and the byte-order mark U+FEFF.
_MARKS = re.compile("[\u00ad\u061c\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# The League writes «مائة» where others write «مئة» (and «مائتان», «ثلاثمائة»): fold the
# hundreds to one spelling, and nothing else («مائدة», «المائية» keep their alef).
_HUNDRED = re.compile("مائ(?=ة|تا|تي)")


def normalize(text):
    """Fold Arabic spelling variants and English case so that both sides of a lookup agree.

    NFKC first (text pasted from PDFs carries presentation forms such as «ﻻ»,
    and a hamza may be typed as a separate combining mark), then أ إ آ ٱ → ا,
    ة → ه, ى → ي, ؤ ئ → ء, diacritics and tatweel removed, Arabic-Indic and
    Persian digits → 0–9, Persian and Urdu letter forms → Arabic, «مائة» →
    «مئة», invisible marks removed, everything case-folded.
    Used for indexing and for queries alike: stored search text must be rebuilt
    whenever this changes.
    """
    if not text:
        return ""
    text = _MARKS.sub("", unicodedata.normalize("NFKC", text))
    return _HUNDRED.sub("مئ", text).translate(_LETTERS).casefold()


# --- Bidi controls --------------------------------------------------------

# Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069) can
# make a title display in an order other than the one stored. We strip them:
# our templates isolate each text themselves (dir and lang on its element),
# so these characters carry no meaning worth keeping. LRM/RLM marks stay:
# they do not reorder text and Arabic typists use them legitimately.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi_controls(text):
    """Remove bidi embedding, override and isolate characters from text."""
    if not text:
        return text
    return _BIDI_CONTROLS.sub("", text)


# --- Grammatical case in a lookup ------------------------------------------

def case_forms(word):
    """Return a normalized word with its other grammatical cases, for lookups.

    Sound masculine plurals and numbers of tens change their ending with the
    case («الأربعون» / «الأربعين»), and so do duals («المئتان» / «المئتين»): a
    secretary who types the name as it reads in a sentence («الدورة الثامنة
    والأربعين») must find it stored as a title («… والأربعون»), and the reverse.
    Short words are left alone: «دين» is not a case of «دون».
    """
    forms = {word}
    if len(word) >= 5 and word[-2:] in ("ون", "ين", "ان"):
        stem = word[:-2]
        forms.update({stem + "ون", stem + "ين", stem + "ان"})
    return forms
