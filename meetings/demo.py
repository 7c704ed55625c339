"""The reference case as demo data: the Executive Office's 48th session and what it reviewed.

Every fact comes from the Arabic press release in the reference folder; where
the source is silent (the 48th session's date, resolution numbers, who spoke
for each delegation) the field stays empty. Agenda items are ordered as the
source names them.
"""

import csv
import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from council.models import Body, Membership, MemberState, Person
from meetings.models import AgendaItem, Dossier, Participation, Resolution, Session
from meetings.tracking import FollowUpAction, Outcome, Report, ReportRevision, StatusUpdate

MEMBER_STATES_CSV = Path(__file__).resolve().parent.parent / "council" / "data" / "member_states.csv"

BODIES = [
    # slug, kind, sector, parent, name (ar, en), full name (ar, en)
    ("council", "council", "general", None,
     ("مجلس الوزراء العرب للاتصالات والمعلومات", "Arab Telecommunication and Information Council of Ministers"),
     ("", "")),
    ("executive-office", "executive_office", "general", "council",
     ("المكتب التنفيذي", "Executive Office"),
     ("المكتب التنفيذي لمجلس الوزراء العرب للاتصالات والمعلومات",
      "Executive Office of the Arab Telecommunication and Information Council of Ministers")),
    ("postal-committee", "permanent_committee", "post", "council",
     ("اللجنة العربية الدائمة للبريد", "Arab Permanent Committee for Post"), ("", "")),
    ("telecom-committee", "permanent_committee", "telecom", "council",
     ("اللجنة العربية الدائمة للاتصالات والمعلومات", "Arab Permanent Committee for Communications and Information"),
     ("", "")),
    ("postal-working-groups", "working_group", "post", "postal-committee",
     ("فرق العمل البريدية العربية", "Arab postal working groups"), ("", "")),
    ("telecom-working-groups", "working_group", "telecom", "telecom-committee",
     ("فرق العمل التابعة للجنة العربية الدائمة للاتصالات والمعلومات",
      "Working groups of the Arab Permanent Committee for Communications and Information"), ("", "")),
    ("general-secretariat", "secretariat", "general", None,
     ("الأمانة العامة لجامعة الدول العربية", "General Secretariat of the League of Arab States"),
     ("الأمانة العامة لجامعة الدول العربية — قطاع الشؤون الاقتصادية",
      "General Secretariat of the League of Arab States — Economic Affairs Sector")),
]

EXECUTIVE_OFFICE_MEMBERS = ["SA", "MA", "DZ", "TN", "PS", "YE", "MR"]  # Egypt chairs

CUSTOMS_DOSSIER = {
    "slug": "customs-data-exchange-agreement",
    "title_ar": "اتفاقية تبادل البيانات الجمركية بين الدول العربية",
    "title_en": "Agreement on customs data exchange between Arab states",
    # Where the dossier is heading next the source does not say.
    "description_ar": "مشروع اتفاقية ناقشته اللجنة العربية الدائمة للبريد في اجتماعها (39)، "
                      "ثم المكتب التنفيذي في دورته العادية الثامنة والأربعين.",
    "description_en": "A draft agreement discussed by the Arab Permanent Committee for Post at its 39th meeting, "
                      "then by the Executive Office at its 48th ordinary session.",
}

POSTAL_39_ITEMS = [
    ("تقرير وتوصيات اجتماعات فرق العمل البريدية العربية",
     "Report and recommendations of the meetings of the Arab postal working groups", False),
    ("مشروع اتفاقية تبادل البيانات الجمركية بين الدول العربية",
     "Draft agreement on customs data exchange between Arab states", True),
    ("الترشيحات العربية لعضوية مجلسي الإدارة والاستثمار بالاتحاد البريدي العالمي والترشيحات لمنصبي "
     "المدير العام للاتحاد البريدي العالمي ونائبه",
     "Arab nominations for membership of the UPU Council of Administration and Postal Operations Council, "
     "and nominations for UPU Director General and Deputy Director General", False),
    ("ترشح جمهورية مصر العربية لمنصب الأمين العام للاتحاد البريدي الإفريقي الشامل",
     "Candidacy of the Arab Republic of Egypt for Secretary-General of the Pan-African Postal Union", False),
    ("متابعة تنفيذ خطة التنمية الإقليمية للمنطقة العربية",
     "Follow-up of the implementation of the regional development plan for the Arab region", False),
    ("القضايا الخاصة بفلسطين", "Issues concerning Palestine", False),
]

TELECOM_47_ITEMS = [
    ("نتائج اجتماعات فرق العمل التابعة للجنة العربية الدائمة للاتصالات والمعلومات",
     "Outcomes of the meetings of the committee's working groups", False),
    ("التعاون العربي المشترك مع المجموعات والمنظمات الإقليمية الأخرى في مجال الاتصالات وتقنية المعلومات "
     "مثل التعاون العربي الصيني والروسي",
     "Joint Arab cooperation with other regional groups and organizations in ICT, such as Arab–Chinese "
     "and Arab–Russian cooperation", False),
    ("المؤتمر الإقليمي حول فرص وتحديات الأمن السيبراني الحديث",
     "Regional conference on the opportunities and challenges of modern cybersecurity", False),
    ("ندوة الاقتصاد الرقمي – إكسبو 2020", "Digital economy seminar — Expo 2020", False),
    ("المبادرة العربية لحوكمة الإنترنت في المنطقة العربية",
     "Arab initiative for internet governance in the Arab region", False),
    ("التحضير للمؤتمر العالمي لتنمية الاتصالات", "Preparation for the World Telecommunication Development Conference",
     False),
    ("نتائج اجتماع مجلس الاتحاد الدولي للاتصالات", "Outcomes of the ITU Council meeting", False),
    ("مبادرة العاصمة العربية الرقمية", "The Arab Digital Capital initiative", False),
]

# The topics the Assistant Secretary-General's opening address names as being on the agenda. The
# official agenda document is not in the source, so the session page says where the list comes from
# (SESSION_48_AGENDA_NOTE) rather than present it as the agenda.
SESSION_48_AGENDA_NOTE = {
    "agenda_note_ar": "لم يُنشر جدول الأعمال الرسمي. البنود من 1 إلى 10 هي الموضوعات التي ذكرت الكلمة الافتتاحية "
                      "للأمين العام المساعد أنها على جدول الأعمال، والبندان 11 و12 مما ذكر البيان الصحفي للأمانة "
                      "العامة أن المكتب التنفيذي ناقشه.",
    "agenda_note_en": "The official agenda has not been published. Items 1 to 10 are the topics the Assistant "
                      "Secretary-General's opening address named as on the agenda; items 11 and 12 are among those "
                      "the General Secretariat's press release says the Executive Office discussed.",
}
SESSION_48_TOPICS = [
    ("التنسيق بشأن موضوعات فرق العمل البريدية", "Coordination on the topics of the postal working groups", False),
    ("اتفاقية تبادل البيانات الجمركية بين الدول العربية",
     "Agreement on customs data exchange between Arab states", True),
    ("تحديث الاستراتيجية العربية للاتصالات والمعلومات", "Updating the Arab ICT strategy", False),
    ("مؤشرات الاتصالات وتقنية المعلومات", "ICT indicators", False),
    ("الذكاء الاصطناعي", "Artificial intelligence", False),
    ("حوكمة الإنترنت", "Internet governance", False),
    ("ندوة الاقتصاد الرقمي بإكسبو 2020", "Digital economy seminar at Expo 2020", False),
    ("الأمن السيبراني", "Cybersecurity", False),
    ("التعاون العربي مع المجموعات والمنظمات الإقليمية الأخرى مثل الصين وروسيا، ومع كافة أصحاب المصلحة",
     "Arab cooperation with other regional groups and organizations, such as China and Russia, "
     "and with all stakeholders", False),
    ("التحضير العربي المشترك للمؤتمرات القادمة للاتحاد الدولي للاتصالات والاتحاد البريدي العالمي",
     "Joint Arab preparation for the coming conferences of the ITU and the UPU", False),
]


def upsert(model, defaults=None, create_defaults=None, **lookup):
    """update_or_create() that writes nothing when the row already says this: a second load stamps no time,
    and adds no version to the history (council.history)."""
    defaults = defaults or {}
    row = model.objects.filter(**lookup).first()
    if row is not None and all(getattr(row, name) == value for name, value in defaults.items()):
        return row
    return model.objects.update_or_create(defaults=defaults, create_defaults={**defaults, **(create_defaults or {})},
                                          **lookup)[0]


@transaction.atomic
def load_demo():
    """Create or update the demo records; running it twice gives the same data."""
    states = load_member_states()
    bodies = load_bodies()
    load_memberships(bodies, states)
    dossier = upsert(Dossier, slug=CUSTOMS_DOSSIER["slug"], defaults=CUSTOMS_DOSSIER)

    postal_39 = upsert_session(
        bodies["postal-committee"], 39, start_date=datetime.date(2021, 6, 3), mode=Session.Mode.IN_PERSON,
        city_ar="شرم الشيخ", city_en="Sharm El-Sheikh", host_state=states["EG"],
    )
    upsert_items(postal_39, POSTAL_39_ITEMS, dossier)
    telecom_47 = upsert_session(
        bodies["telecom-committee"], 47, start_date=datetime.date(2021, 7, 12), mode=Session.Mode.REMOTE,
    )
    upsert_items(telecom_47, TELECOM_47_ITEMS, dossier)

    session_48 = upsert_session(
        bodies["executive-office"], 48, mode=Session.Mode.REMOTE,
        date_note_ar="لم يذكر المصدر تاريخ الانعقاد؛ الدورة لاحقة للاجتماع (47) للجنة العربية الدائمة "
                     "للاتصالات والمعلومات (12/7/2021) الذي ناقشت نتائجه.",
        **SESSION_48_AGENDA_NOTE,
        date_note_en="The source does not give the date; the session came after the telecom committee's "
                     "47th meeting (12 July 2021), whose outcomes it discussed.",
    )
    upsert_items(session_48, SESSION_48_TOPICS, dossier)
    review_39 = upsert_item(
        session_48, len(SESSION_48_TOPICS) + 1, None,
        "نتائج أعمال الاجتماع (39) للجنة العربية الدائمة للبريد (شرم الشيخ: 3/6/2021)",
        "Outcomes of the 39th meeting of the Arab Permanent Committee for Post (Sharm El-Sheikh, 3 June 2021)",
        reviewed_session=postal_39,
    )
    order = upsert_items(session_48, POSTAL_39_ITEMS, dossier, parent=review_39, first_order=review_39.order + 1)
    review_47 = upsert_item(
        session_48, order, None,
        "نتائج الاجتماع (47) للجنة العربية الدائمة للاتصالات والمعلومات (عن بعد: 12/7/2021)",
        "Outcomes of the 47th meeting of the Arab Permanent Committee for Communications and Information "
        "(remote, 12 July 2021)",
        reviewed_session=telecom_47,
    )
    upsert_items(session_48, TELECOM_47_ITEMS, dossier, parent=review_47, first_order=review_47.order + 1)
    load_session_48_participants(session_48, bodies, states)
    load_tracking(session_48, postal_39, telecom_47, review_39, review_47, bodies)
    return session_48


def load_member_states():
    states = {}
    with open(MEMBER_STATES_CSV, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            states[row["iso_code"]] = upsert(
                MemberState, iso_code=row["iso_code"],
                defaults={
                    "protocol_order": int(row["protocol_order"]),
                    "name_ar": row["name_ar"], "name_en": row["name_en"],
                    "official_name_ar": row["official_name_ar"], "official_name_en": row["official_name_en"],
                },
            )
    return states


def load_bodies():
    bodies = {}
    for order, (slug, kind, sector, parent, name, full_name) in enumerate(BODIES, start=1):
        bodies[slug] = upsert(Body, slug=slug, defaults={
            "kind": kind, "sector": sector, "parent": bodies.get(parent), "order": order,
            "name_ar": name[0], "name_en": name[1], "full_name_ar": full_name[0], "full_name_en": full_name[1],
        })
    return bodies


def load_memberships(bodies, states):
    office = bodies["executive-office"]
    upsert(Membership, body=office, member_state=states["EG"], defaults={"role": Membership.Role.CHAIR})
    for code in EXECUTIVE_OFFICE_MEMBERS:
        upsert(Membership, body=office, member_state=states[code], defaults={"role": Membership.Role.MEMBER})
    upsert(Membership, body=office, member_body=bodies["general-secretariat"],
           defaults={"role": Membership.Role.SECRETARIAT})
    # The Council's own membership is not in the source: none is recorded.


def upsert_session(body, number, **fields):
    # Agenda and outcomes both published, stamped once (in the session's first version): a second load
    # changes nothing.
    now = timezone.now()
    session = upsert(
        Session, body=body, kind=Session.Kind.ORDINARY, number=number,
        defaults={"status": Session.Status.HELD, "publication": Session.Publication.PUBLISHED, **fields},
        create_defaults={"published_at": now, "outcomes_published_at": now},
    )
    if session.published_at is None:  # a session entered before it was published
        session.published_at = session.outcomes_published_at = now
        session.save(update_fields=["published_at", "outcomes_published_at"])
    return session


def upsert_item(session, order, dossier, title_ar, title_en, parent=None, reviewed_session=None):
    item = upsert(AgendaItem, session=session, order=order, defaults={
        "title_ar": title_ar, "title_en": title_en, "parent": parent,
        "reviewed_session": reviewed_session, "dossier": dossier,
    })
    return item


def upsert_items(session, items, dossier, parent=None, first_order=1):
    """Create the items in order from first_order; return the next free order."""
    order = first_order
    for title_ar, title_en, in_dossier in items:
        upsert_item(session, order, dossier if in_dossier else None, title_ar, title_en, parent=parent)
        order += 1
    return order


def load_session_48_participants(session, bodies, states):
    talaat = upsert(Person, name_en="Amr Talaat", defaults={
        "name_ar": "عمرو طلعت", "honorific_ar": "الدكتور", "honorific_en": "Dr."})
    kamal = upsert(Person, name_en="Kamal Hassan Ali", defaults={
        "name_ar": "كمال حسن علي", "honorific_ar": "السفير", "honorific_en": "Ambassador"})
    # The session was held remotely, but how each participant attended the source does not say.
    upsert(Participation, session=session, member_state=states["EG"], defaults={
        "person": talaat, "role": Participation.Role.CHAIR, "attendance": "",
        "position_ar": "وزير الاتصالات وتكنولوجيا المعلومات",
        "position_en": "Minister of Communications and Information Technology"})
    upsert(Participation, session=session, organization=bodies["general-secretariat"], defaults={
        "person": kamal, "role": Participation.Role.SECRETARIAT, "attendance": "",
        "position_ar": "الأمين العام المساعد، رئيس قطاع الشؤون الاقتصادية",
        "position_en": "Assistant Secretary-General, Head of the Economic Affairs Sector"})
    # The source says the member states of the Executive Office took part, not who spoke for them
    # nor in what role: person and role stay empty.
    for code in EXECUTIVE_OFFICE_MEMBERS:
        upsert(Participation, session=session, member_state=states[code], defaults={
            "person": None, "role": "", "attendance": ""})


# What the source does not say, but the demo needs to show the tracking, is marked on the page itself.
DEMO_AR = "[بيانات تجريبية للعرض، ليست من المصدر] "
DEMO_EN = "[Demo data, not from the source] "


def load_tracking(session_48, postal_39, telecom_47, review_39, review_47, bodies):
    """The 48th session's review of meetings 39 and 47, as outcomes and follow-up.

    From the source: the Executive Office discussed the outcomes of both
    meetings (no decision is stated, so none is recorded); the draft customs
    agreement of meeting 39 was on its agenda; Muscat was chosen as Arab Digital
    Capital for 2022; and the Assistant Secretary-General's opening address.
    Marked as demo data: the decisions of meetings 39 and 47, their
    resolutions, the follow-up actions and statuses, and the report's existence
    as a document (its text is the press release's).
    """
    for review, reviewed, place_ar, place_en in (
            (review_39, postal_39, "(شرم الشيخ: 3/6/2021)", "(Sharm El-Sheikh, 3 June 2021)"),
            (review_47, telecom_47, "(عن بعد: 12/7/2021)", "(remote, 12 July 2021)")):
        upsert(Outcome, agenda_item=review, defaults={
            "session": session_48, "decision": "",
            "summary_ar": f"ناقش المكتب التنفيذي نتائج {reviewed.display_name('ar', case='genitive')} {place_ar}. "
                          "لم يذكر المصدر القرار المتخذ.",
            "summary_en": f"The Executive Office discussed the outcomes of "
                          f"{reviewed.display_name('en', case='genitive')} {place_en}. "
                          "The source does not state the decision taken.",
        })

    # Meeting 39 sent the draft customs agreement up; the 48th session took it up as a sub-item.
    customs_39 = postal_39.agenda_items.get(order=2)
    upsert(Outcome, agenda_item=customs_39, defaults={
        "session": postal_39, "decision": Outcome.Decision.REFERRED, "referred_to": bodies["executive-office"],
        "summary_ar": DEMO_AR + "أحال الاجتماع مشروع الاتفاقية إلى المكتب التنفيذي، الذي ناقشه في دورته "
                                "العادية الثامنة والأربعين (وهذا الأخير من المصدر).",
        "summary_en": DEMO_EN + "The meeting referred the draft agreement to the Executive Office, which discussed "
                                "it at its 48th ordinary session (the latter is in the source).",
    })
    customs_48 = AgendaItem.objects.get(session=session_48, parent=review_39, order=review_39.order + 2)
    if customs_48.carried_over_from_id != customs_39.pk:
        customs_48.carried_over_from = customs_39
        customs_48.save()

    plan_39 = postal_39.agenda_items.get(order=5)
    resolution_39 = upsert_demo_resolution(
        postal_39, plan_39, "متابعة تنفيذ خطة التنمية الإقليمية للمنطقة العربية",
        "Follow-up of the implementation of the regional development plan for the Arab region")
    action_39 = upsert_demo_action(
        resolution_39, FollowUpAction.Responsible.MEMBER_STATES,
        "موافاة الأمانة العامة بما تم في تنفيذ خطة التنمية الإقليمية",
        "Report to the General Secretariat on the implementation of the regional development plan",
        due_by_next_session_of=bodies["executive-office"])
    upsert(StatusUpdate, action=action_39, session=session_48, defaults={
        "status": StatusUpdate.Status.IN_PROGRESS,
        "note_ar": DEMO_AR + "عُرضت نتائج الاجتماع (39) على المكتب التنفيذي (من المصدر).",
        "note_en": DEMO_EN + "The outcomes of meeting 39 were put to the Executive Office (in the source)."})

    capital_47 = telecom_47.agenda_items.get(order=8)
    resolution_47 = upsert_demo_resolution(
        telecom_47, capital_47, "مبادرة العاصمة العربية الرقمية", "The Arab Digital Capital initiative")
    action_47 = upsert_demo_action(
        resolution_47, FollowUpAction.Responsible.GENERAL_SECRETARIAT,
        "الإعداد لاختيار العاصمة العربية الرقمية لعام 2022", "Prepare the choice of the Arab Digital Capital for 2022",
        due_by_next_session_of=bodies["executive-office"])
    upsert(Outcome, agenda_item=capital_47, defaults={
        "session": telecom_47, "decision": Outcome.Decision.ADOPTED,
        "summary_ar": DEMO_AR + "وافق الاجتماع على المضي في المبادرة.",
        "summary_en": DEMO_EN + "The meeting agreed to go ahead with the initiative."})
    upsert(StatusUpdate, action=action_47, session=session_48, defaults={
        "status": StatusUpdate.Status.DONE,
        "note_ar": "قدّم الأمين العام المساعد التهنئة لسلطنة عمان على اختيار مسقط العاصمة الرقمية العربية لعام 2022 "
                   "(من المصدر).",
        "note_en": "The Assistant Secretary-General congratulated the Sultanate of Oman on Muscat's choice as "
                   "Arab Digital Capital for 2022 (in the source)."})
    load_report_48(session_48)


def upsert_demo_resolution(session, item, title_ar, title_en):
    resolution = upsert(Resolution, session=session, agenda_item=item, defaults={
        "kind": Resolution.Kind.RECOMMENDATION, "title_ar": DEMO_AR + title_ar, "title_en": DEMO_EN + title_en})
    return resolution


def upsert_demo_action(resolution, responsible, text_ar, text_en, **deadline):
    action = upsert(FollowUpAction, resolution=resolution, defaults={
        "responsible": responsible, "description_ar": DEMO_AR + text_ar, "description_en": DEMO_EN + text_en,
        **deadline})
    return action


REPORT_48_OPENING = (
    "افتتح السفير كمال حسن علي، الأمين العام المساعد رئيس قطاع الشؤون الاقتصادية بجامعة الدول العربية، "
    "الدورة بكلمة أكد فيها أن أزمة تفشي فيروس كورونا المستجد عالميًا أظهرت أهمية دور التكنولوجيا في "
    "محاربة هذه الجائحة، وأن التكنولوجيا لم تعد للرفاهية فقط بل أصبحت شريكًا رئيسيًا في إدارة الأزمات على "
    "مستوى العالم."
)
REPORT_48_SPEECHES = (
    "قدّم الأمين العام المساعد التهنئة للدول العربية التي أحرزت تقدمًا ملحوظًا في ترتيبها الدولي بالنسبة "
    "لمؤشر الأمن السيبراني GCI (الإمارات – السعودية – قطر – مصر).\n"
    "كما قدّم التهنئة لسلطنة عمان على اختيار مسقط العاصمة الرقمية العربية لعام 2022، ورحّب باختيار العاصمة "
    "الإدارية الجديدة عاصمة رقمية لجمهورية مصر العربية لعام 2021."
)


def load_report_48(session):
    """The Arabic report: its text is the press release's, so the report itself is marked as demo data."""
    report = upsert(Report, session=session, language=Report.Language.ARABIC, defaults={
        "state": Report.State.PUBLISHED,
        "opening": DEMO_AR + "هذا التقرير مجمّع من البيان الصحفي عن الدورة، وليس التقرير الرسمي.\n"
                   + REPORT_48_OPENING,
        "speeches": REPORT_48_SPEECHES, "closing": "",
    })
    if not report.revisions.exists():
        ReportRevision.objects.create(report=report, number=1, state=report.state, author=None,
                                      **{name: getattr(report, name) for name in Report.TEXT_FIELDS})
