"""The search test set: what people type, and what they must (or must not) find, on either database.

The records are the reference case (meetings.demo) plus a few built here from
sentences of the press release in shared/reference, keeping its spellings
(«الامين» without hamza, «مسئولياتنا», «الانترنت»). They are test records, not
facts about resolutions the Executive Office adopted.
"""

import datetime

import pytest
from django.core.files.base import ContentFile

from council.models import Body
from meetings.models import AgendaItem, Document, Resolution, Session
from meetings.search import search

MUSCAT = "اختيار مسقط العاصمة الرقمية العربية لعام 2022"
GCI = "التهنئة بمؤشر الأمن السيبراني"
DIGITAL = "أهمية التحول الرقمي"
ADDRESS = "كلمة الأمين العام المساعد في افتتاح الدورة"
MINISTERS = "دور مجلس وزراء الاتصالات العرب"
COUNCIL = "دور مجلس الوزراء العرب للاتصالات والمعلومات والأجهزة التابعة له"
SECRET = "مشروع الأقمار الصناعية العربية"
WITHDRAWN = "الحوسبة السحابية"


def pdf(name):
    return ContentFile(b"%PDF-1.4 test", name=name)


@pytest.fixture
def archive(demo, settings, tmp_path):
    """The demo, a few records of session 48 from the press release, and two sessions nobody may find."""
    settings.MEDIA_ROOT = tmp_path
    session = demo
    Resolution.objects.create(
        session=session, kind="decision", title_ar=MUSCAT, title_en="Muscat chosen as Arab Digital Capital for 2022",
        text_ar="قدم الامين العام المساعد التهنئة لسلطنة عمان على اختيار مسقط العاصمة الرقمية العربية لعام 2022.",
        text_en="The Assistant Secretary-General congratulated the Sultanate of Oman on the choice of Muscat.")
    Resolution.objects.create(
        session=session, kind="decision", title_ar=GCI,
        title_en="Congratulations on the Global Cybersecurity Index",
        text_ar="قدم الامين العام المساعد التهنئة للدول العربية التي أحرزت تقدما ملحوظا في ترتيبها الدولي "
                "بالنسبة لمؤشر الأمن السيبراني GCI (الإمارات – السعودية – قطر – مصر).",
        text_en="Congratulations to the Arab states that rose in the ITU Global Cybersecurity Index (GCI).")
    Resolution.objects.create(
        session=session, kind="recommendation", title_ar=DIGITAL, title_en="The importance of digital transformation",
        text_ar="أظهرت جائحة كورونا أهمية التحول الرقمي والحصول على الخدمات الحكومية والمالية عن طريق خدمات "
                "الانترنت، مما يزيد من مسئولياتنا للعمل على إتاحتها.",
        text_en="The coronavirus pandemic showed the importance of digital transformation and of government "
                "services over the internet, which adds to our responsibilities.")
    for title_ar, title_en, visibility in [
        (ADDRESS, "Opening address of the Assistant Secretary-General", "public"),
        (MINISTERS, "The role of the council of Arab telecommunication ministers", "member_states"),
        (COUNCIL, "The role of the Arab Telecommunication and Information Council of Ministers", "public"),
    ]:
        Document.objects.create(session=session, title_ar=title_ar, title_en=title_en, visibility=visibility,
                                type="working_paper", file=pdf("paper.pdf"))
    office = Body.objects.get(slug="executive-office")
    draft = Session.objects.create(body=office, number=49, publication="draft", start_date=datetime.date(2022, 1, 5))
    AgendaItem.objects.create(session=draft, order=1, title_ar=SECRET, title_en="Arab satellites project")
    Resolution.objects.create(session=draft, title_ar=SECRET, title_en="Arab satellites project")
    Document.objects.create(session=draft, title_ar=SECRET, title_en="Arab satellites project", visibility="public",
                            file=pdf("satellites.pdf"))
    withdrawn = Session.objects.create(body=office, number=50, publication="withdrawn")
    AgendaItem.objects.create(session=withdrawn, order=1, title_ar=WITHDRAWN, title_en="Cloud computing")
    return session


def found(query, **kwargs):
    """(kind, Arabic title) of every hit; a session by its Arabic display name."""
    results = search(query, limit=100, **kwargs)
    return {(group.kind.key, getattr(hit.record, "title_ar", None) or hit.record.display_name("ar"))
            for group in results.groups for hit in group.hits}


S48 = ("sessions", "الدورة العادية الثامنة والأربعون للمكتب التنفيذي")
S39 = ("sessions", "الاجتماع التاسع والثلاثون للجنة العربية الدائمة للبريد")
S47 = ("sessions", "الاجتماع السابع والأربعون للجنة العربية الدائمة للاتصالات والمعلومات")
CYBER = ("items", "الأمن السيبراني")
CYBER_CONFERENCE = ("items", "المؤتمر الإقليمي حول فرص وتحديات الأمن السيبراني الحديث")
INTERNET = ("items", "حوكمة الإنترنت")
INTERNET_INITIATIVE = ("items", "المبادرة العربية لحوكمة الإنترنت في المنطقة العربية")
AI = ("items", "الذكاء الاصطناعي")
CUSTOMS = ("items", "اتفاقية تبادل البيانات الجمركية بين الدول العربية")
CUSTOMS_DRAFT = ("items", "مشروع اتفاقية تبادل البيانات الجمركية بين الدول العربية")
UPU_NOMINATIONS = ("items", "الترشيحات العربية لعضوية مجلسي الإدارة والاستثمار بالاتحاد البريدي العالمي "
                            "والترشيحات لمنصبي المدير العام للاتحاد البريدي العالمي ونائبه")
PAPU = ("items", "ترشح جمهورية مصر العربية لمنصب الأمين العام للاتحاد البريدي الإفريقي الشامل")
PALESTINE = ("items", "القضايا الخاصة بفلسطين")
CHINA_RUSSIA = ("items", "التعاون العربي مع المجموعات والمنظمات الإقليمية الأخرى مثل الصين وروسيا، "
                        "ومع كافة أصحاب المصلحة")
CHINESE_RUSSIAN = ("items", "التعاون العربي المشترك مع المجموعات والمنظمات الإقليمية الأخرى في مجال الاتصالات "
                            "وتقنية المعلومات مثل التعاون العربي الصيني والروسي")
EXPO_48 = ("items", "ندوة الاقتصاد الرقمي بإكسبو 2020")
EXPO_47 = ("items", "ندوة الاقتصاد الرقمي – إكسبو 2020")
DIGITAL_CAPITAL = ("items", "مبادرة العاصمة العربية الرقمية")
REVIEW_39 = ("items", "نتائج أعمال الاجتماع (39) للجنة العربية الدائمة للبريد (شرم الشيخ: 3/6/2021)")
R_MUSCAT, R_GCI, R_DIGITAL = ("resolutions", MUSCAT), ("resolutions", GCI), ("resolutions", DIGITAL)
D_ADDRESS, D_MINISTERS, D_COUNCIL = ("documents", ADDRESS), ("documents", MINISTERS), ("documents", COUNCIL)

# query → hits it must find
MUST_FIND = [
    # Sessions, by their generated names, numbers and places
    ("الدورة الثامنة والأربعون", {S48}),
    ("الثامنة والاربعين", {S48}),                      # genitive, no hamza
    ("48th ordinary session", {S48}),
    ("٤٨", {S48}),                                    # Arabic-Indic digits
    ("شرم الشيخ", {S39, REVIEW_39}),
    ("Sharm El-Sheikh", {S39}),
    ("الاجتماع التاسع والثلاثون", {S39}),
    ("للجنة العربية الدائمة للبريد", {S39}),           # لل on the query side
    ("اللجنه الدائمه للبريد", {S39}),                  # ه typed for ة
    ("الاتصالات والمعلومات 47", {S47}),
    ("3/6/2021", {REVIEW_39}),
    # Agenda items, Arabic spelling variants
    ("الأمن السيبراني", {CYBER, CYBER_CONFERENCE}),
    ("الامن السيبرانى", {CYBER, CYBER_CONFERENCE}),     # no hamza, ى for ي
    ("سيبراني", {CYBER}),                             # without the article
    ("الانترنت", {INTERNET, INTERNET_INITIATIVE}),      # the source writes both الانترنت …
    ("الإنترنت", {INTERNET, INTERNET_INITIATIVE}),      # … and الإنترنت
    ("انترنت", {INTERNET}),
    ("حوكمة", {INTERNET, INTERNET_INITIATIVE}),         # the initiative has «لحوكمة»
    ("الذكاءُ الاصطناعيّ", {AI}),                       # diacritics typed
    ("الذکاء الاصطناعی", {AI}),                         # Persian keheh and yeh
    ("الذ\u00adكاء\ufeff", {AI}),                        # soft hyphen and BOM pasted from a PDF
    ("اتفاقية تبادل البيانات الجمركية", {CUSTOMS, CUSTOMS_DRAFT}),
    ("الاتفاقيه", {CUSTOMS, CUSTOMS_DRAFT}),
    ("الاتحاد البريدي", {UPU_NOMINATIONS, PAPU}),       # the texts have «بالاتحاد» and «للاتحاد»
    ("فلسطين", {PALESTINE}),                          # «بفلسطين»
    ("روسيا", {CHINA_RUSSIA}),                        # «وروسيا»
    ("الصين OR روسيا", {CHINA_RUSSIA, CHINESE_RUSSIAN}),
    ("اكسبو 2020", {EXPO_48, EXPO_47}),               # «بإكسبو» and «إكسبو»
    ("مصر", {PAPU}),
    # Agenda items in English
    ("cybersecurity", {CYBER, CYBER_CONFERENCE}),
    ("Internet Governance", {INTERNET, INTERNET_INITIATIVE}),
    ("artificial intelligence", {AI}),
    ("customs data exchange", {CUSTOMS, CUSTOMS_DRAFT}),
    ("UPU", {UPU_NOMINATIONS}),
    ("China OR Russia", {CHINA_RUSSIA}),
    ("Chinese OR Russian", {CHINESE_RUSSIAN}),
    ("Expo 2020", {EXPO_48, EXPO_47}),
    ("Palestine", {PALESTINE}),
    ("conferences", {CYBER_CONFERENCE}),              # plural finds the singular
    # The stemmer's traps: with and without the article, both ways
    ("الوزراء", {D_COUNCIL, D_MINISTERS}),
    ("وزراء", {D_COUNCIL, D_MINISTERS}),
    ("الامين العام", {PAPU, R_MUSCAT, D_ADDRESS}),     # the source's «الامين» and the demo's «الأمين»
    ("أمين", {PAPU, D_ADDRESS}),
    ("مؤشر الأمن السيبراني", {R_GCI}),                 # the text has «لمؤشر»
    # Resolutions and documents from the press release
    ("مسؤولياتنا", {R_DIGITAL}),                      # the text has «مسئولياتنا»
    ("الجائحة", {R_DIGITAL}),
    ("مسقط", {R_MUSCAT}),
    ("Muscat", {R_MUSCAT}),
    ("العاصمة الرقمية", {R_MUSCAT, DIGITAL_CAPITAL}),
    ('"العاصمة الرقمية"', {R_MUSCAT}),
    ("GCI الأمن", {R_GCI}),                           # mixed scripts
    ("Global Cybersecurity Index", {R_GCI}),
    ("pandemic internet", {R_DIGITAL}),
    ("الامن -المؤتمر", {CYBER}),
    ("cybersecurity -conference", {CYBER}),
]

# query → hits it must not find
MUST_NOT_FIND = [
    ("الأمن", {PAPU, D_ADDRESS}),                      # الأمن is not الأمين
    ("الأمين", {CYBER, CYBER_CONFERENCE}),
    ('"العاصمة الرقمية"', {DIGITAL_CAPITAL}),          # not side by side there
    ("الامن -المؤتمر", {CYBER_CONFERENCE}),
    ("cybersecurity -conference", {CYBER_CONFERENCE}),
    ("الصين روسيا", {CHINESE_RUSSIAN}),                # no «روسيا» there, only «الروسي»
    ("الثامنة", {S47, S39}),
]

NOTHING_UNPUBLISHED = ["الأقمار الصناعية", "الاقمار", "satellites", "السحابية", "cloud computing", "49", "50"]


@pytest.mark.parametrize("query, expected", MUST_FIND, ids=[q for q, _ in MUST_FIND])
def test_it_finds(archive, query, expected):
    missing = expected - found(query)
    assert not missing, f"{query!r} did not find {missing}"


@pytest.mark.parametrize("query, unexpected", MUST_NOT_FIND, ids=[q for q, _ in MUST_NOT_FIND])
def test_it_does_not_find(archive, query, unexpected):
    hits = found(query)
    assert hits, f"{query!r} should find something"
    assert not unexpected & hits, f"{query!r} found {unexpected & hits}"


@pytest.mark.parametrize("query", NOTHING_UNPUBLISHED)
def test_it_never_finds_unpublished_content(archive, query):
    assert found(query) == set()


def test_the_test_set_is_large_enough():
    assert len(MUST_FIND) + len(MUST_NOT_FIND) >= 40
    arabic = [q for q, _ in MUST_FIND if any("\u0600" <= ch <= "\u06ff" for ch in q)]
    english = [q for q, _ in MUST_FIND if q.isascii() and not q.replace(" ", "").isdigit()]
    assert len(arabic) >= 20 and len(english) >= 10
