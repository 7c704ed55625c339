"""Generate a synthetic archive for load tests: by default 10,000 sessions, 300,000 agenda items,
100,000 resolutions and 20,000 documents, in Arabic and English.

The text is assembled from the council's own vocabulary (topics, bodies,
organizations, member states) with the spelling variety of real sources: the
article and joined prepositions («بالأمن», «للأمن»), hamza written or not
(«الأمين»/«الامين»), ة and ه. Bodies are the demo's plus synthetic working groups
whose slugs start with "synthetic-"; never run this on a real database.
"""

import datetime
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from council.arabic import with_li
from council.models import Body
from meetings.demo import load_bodies, load_member_states
from meetings.models import AgendaItem, Document, Participation, Resolution, Session
from meetings.tracking import FollowUpAction, StatusUpdate, refresh_latest_statuses

# (Arabic, English), each Arabic topic with its article so that proclitics can join it.
TOPICS = [
    ("الأمن السيبراني", "cybersecurity"), ("حوكمة الإنترنت", "internet governance"),
    ("الذكاء الاصطناعي", "artificial intelligence"), ("التحول الرقمي", "digital transformation"),
    ("الاقتصاد الرقمي", "the digital economy"), ("التجارة الإلكترونية", "electronic commerce"),
    ("الحكومة الإلكترونية", "electronic government"), ("شبكات الجيل الخامس", "fifth-generation networks"),
    ("الطيف الترددي", "the radio-frequency spectrum"), ("النطاق العريض", "broadband"),
    ("حماية البيانات الشخصية", "personal data protection"), ("الخدمات البريدية", "postal services"),
    ("الدفع الإلكتروني", "electronic payment"), ("الشمول المالي الرقمي", "digital financial inclusion"),
    ("أسماء النطاقات العربية", "Arabic domain names"), ("المحتوى العربي الرقمي", "Arabic digital content"),
    ("مؤشرات الاتصالات وتقنية المعلومات", "ICT indicators"), ("التجوال الدولي", "international roaming"),
    ("الكابلات البحرية", "submarine cables"), ("الأقمار الصناعية", "satellites"),
    ("إنترنت الأشياء", "the internet of things"), ("الحوسبة السحابية", "cloud computing"),
    ("البيانات الضخمة", "big data"), ("المدن الذكية", "smart cities"),
    ("الاستراتيجية العربية للاتصالات والمعلومات", "the Arab ICT strategy"),
    ("تبادل البيانات الجمركية", "customs data exchange"), ("الرمز البريدي العربي", "the Arab postcode"),
    ("العنونة البريدية", "postal addressing"), ("سلامة الأطفال على الإنترنت", "child online protection"),
    ("التوقيع الإلكتروني", "electronic signatures"), ("مراكز البيانات", "data centres"),
    ("التعليم عن بعد", "distance learning"), ("الصحة الإلكترونية", "e-health"),
    ("الاتصالات في حالات الطوارئ", "emergency telecommunications"), ("الإذاعة الرقمية", "digital broadcasting"),
    ("المهارات الرقمية", "digital skills"), ("ريادة الأعمال التقنية", "technology entrepreneurship"),
    ("تنظيم قطاع الاتصالات", "telecom regulation"), ("المنافسة في الأسواق", "market competition"),
    ("خدمة الإنترنت عبر الأقمار الصناعية", "satellite internet service"),
]
ACTIONS = [
    ("متابعة تنفيذ القرارات الخاصة {bi}", "Follow-up of the decisions on {t}"),
    ("تقرير الأمانة العامة بشأن {t}", "Report of the General Secretariat on {t}"),
    ("مشروع اتفاقية عربية {li}", "Draft Arab agreement on {t}"),
    ("نتائج أعمال فريق العمل المعني {bi}", "Outcomes of the working group on {t}"),
    ("الإعداد للمؤتمر العربي حول {t}", "Preparation for the Arab conference on {t}"),
    ("المبادرة العربية {li}", "The Arab initiative on {t}"),
    ("ورقة عمل مقدمة من {state} حول {t}", "Working paper submitted by {state_en} on {t}"),
    ("التنسيق العربي المشترك في مجال {t}", "Joint Arab coordination on {t}"),
    ("الدليل الاسترشادي العربي {li}", "Arab guidelines on {t}"),
    ("تحديث الخطة التنفيذية {li}", "Updating the implementation plan for {t}"),
]
ORGANIZATIONS = [
    ("الاتحاد الدولي للاتصالات", "the International Telecommunication Union"),
    ("الاتحاد البريدي العالمي", "the Universal Postal Union"),
    ("الأمانة العامة لجامعة الدول العربية", "the General Secretariat of the League of Arab States"),
    ("الاتحاد العربي للاتصالات", "the Arab ICT Organization"),
    ("لجنة الأمم المتحدة الاقتصادية والاجتماعية لغربي آسيا", "ESCWA"),
    ("البنك الدولي", "the World Bank"),
]
CITIES = [("القاهرة", "Cairo"), ("الرياض", "Riyadh"), ("تونس", "Tunis"), ("الرباط", "Rabat"),
          ("مسقط", "Muscat"), ("أبوظبي", "Abu Dhabi"), ("الجزائر", "Algiers"), ("عمّان", "Amman"),
          ("شرم الشيخ", "Sharm El-Sheikh"), ("الدوحة", "Doha"), ("بيروت", "Beirut"), ("الكويت", "Kuwait")]
# The press release's own spellings: the same word with and without hamza.
SECRETARY = [("الأمين العام المساعد", "the Assistant Secretary-General"),
             ("الامين العام المساعد", "the Assistant Secretary-General")]


def with_bi(topic):
    """Join «ب» to a topic as printed: «بالأمن السيبراني»."""
    return "ب" + topic


class Command(BaseCommand):
    help = "Generate a synthetic archive (10,000 sessions, 300,000 agenda items …) for load tests."

    def add_arguments(self, parser):
        parser.add_argument("--sessions", type=int, default=10_000)
        parser.add_argument("--items", type=int, default=300_000)
        parser.add_argument("--resolutions", type=int, default=100_000)
        parser.add_argument("--documents", type=int, default=20_000)
        parser.add_argument("--follow-up", type=float, default=0.6,
                            help="Share of resolutions given follow-up actions (default 0.6).")
        parser.add_argument("--working-groups", type=int, default=20)
        parser.add_argument("--seed", type=int, default=48)
        parser.add_argument("--batch", type=int, default=2_000)

    def handle(self, *args, **options):
        if Body.objects.filter(slug__startswith="synthetic-").exists():
            raise CommandError("A synthetic archive is already here; use a fresh database.")
        self.random = random.Random(options["seed"])
        self.batch = options["batch"]
        started = time.monotonic()
        with transaction.atomic():
            self.states = list(load_member_states().values())
            bodies = self.make_bodies(load_bodies(), options["working_groups"])
        sessions = self.make_sessions(bodies, options["sessions"])
        self.log(f"{len(sessions)} sessions", started)
        items = self.make_items(sessions, options["items"])
        self.log(f"{options['items']} agenda items", started)
        self.make_resolutions(sessions, items, options["resolutions"])
        self.log(f"{options['resolutions']} resolutions", started)
        actions, updates = self.make_follow_up(sessions, options["follow_up"])
        self.log(f"{actions} follow-up actions, {updates} status updates", started)
        self.make_documents(sessions, options["documents"])
        self.log(f"{options['documents']} documents", started)
        self.make_participants(sessions)
        self.log("participants", started)

    def log(self, what, started):
        self.stdout.write(f"{what} … {time.monotonic() - started:.0f} s")

    def make_bodies(self, bodies, count):
        groups = []
        for n, (topic_ar, topic_en) in enumerate(self.random.sample(TOPICS, min(count, len(TOPICS))), start=1):
            parent = bodies["telecom-committee" if n % 3 else "postal-committee"]
            groups.append(Body.objects.create(
                slug=f"synthetic-wg-{n}", kind=Body.Kind.WORKING_GROUP, sector=parent.sector, parent=parent,
                name_ar=f"فريق العمل العربي المعني {with_bi(topic_ar)}", name_en=f"Arab working group on {topic_en}",
                order=100 + n))
        return [bodies[slug] for slug in ("council", "executive-office", "postal-committee", "telecom-committee",
                                          "postal-working-groups", "telecom-working-groups")] + groups

    def bulk(self, model, objects):
        """Insert in batches (bulk_create computes the search text, as save() does)."""
        created = []
        for start in range(0, len(objects), self.batch):
            with transaction.atomic():
                created += model.objects.bulk_create(objects[start:start + self.batch])
        return created

    def make_sessions(self, bodies, count):
        # Numbers run per (body, kind); Arabic ordinals stop at 999, so spread sessions over enough bodies.
        slots = [(body, kind) for body in bodies for kind in Session.Kind.values]
        per_slot = -(-count // len(slots))
        if per_slot > 999:
            raise CommandError("Too many sessions for the bodies: add --working-groups.")
        sessions = []
        for body, kind in slots:
            for number in range(1, per_slot + 1):
                if len(sessions) == count:
                    break
                year = 1990 + (number * 35) // per_slot
                start = datetime.date(year, self.random.randint(1, 12), self.random.randint(1, 28))
                city_ar, city_en = self.random.choice(CITIES)
                roll = self.random.random()
                publication = "draft" if roll < 0.03 else "withdrawn" if roll < 0.05 else "published"
                session = Session(body=body, kind=kind, number=number, start_date=start, year=year,
                                  mode=self.random.choice(Session.Mode.values), city_ar=city_ar, city_en=city_en,
                                  host_state=self.random.choice(self.states), status="held",
                                  publication=publication,
                                  published_at=self.published_at(start, publication),
                                  outcomes_published_at=self.published_at(start, publication))
                session.body = body  # display_name() reads it for the search text
                sessions.append(session)
        return self.bulk(Session, sessions)

    @staticmethod
    def published_at(start, publication):
        """Published a month before the session starts; a draft never was."""
        if publication == "draft":
            return None
        moment = datetime.datetime.combine(start, datetime.time(9)) - datetime.timedelta(days=30)
        return timezone.make_aware(moment, datetime.UTC)

    def topic_text(self):
        action_ar, action_en = self.random.choice(ACTIONS)
        topic_ar, topic_en = self.random.choice(TOPICS)
        state = self.random.choice(self.states)
        title_ar = action_ar.format(t=topic_ar, bi=with_bi(topic_ar), li=with_li(topic_ar), state=state.name_ar)
        title_en = action_en.format(t=topic_en, state_en=state.name_en)
        return title_ar, title_en

    def paragraph(self):
        (topic_ar, topic_en), (org_ar, org_en) = self.random.choice(TOPICS), self.random.choice(ORGANIZATIONS)
        state, (who_ar, who_en) = self.random.choice(self.states), self.random.choice(SECRETARY)
        return (
            f"عرضت {state.name_ar} تجربتها في مجال {topic_ar}، وأشار {who_ar} إلى أهمية التنسيق مع {org_ar} "
            f"وتبادل الخبرات بين الدول العربية.",
            f"{state.name_en} presented its experience of {topic_en}; {who_en} stressed coordination with "
            f"{org_en} and the exchange of expertise between Arab states.",
        )

    def make_items(self, sessions, count):
        items, made, per_session = [], 0, -(-count // len(sessions))
        for session in sessions:
            for order in range(1, min(per_session, count - made) + 1):
                title_ar, title_en = self.topic_text()
                description_ar, description_en = self.paragraph() if self.random.random() < 0.6 else ("", "")
                items.append(AgendaItem(session=session, order=order, title=title_ar, title_ar=title_ar,
                                        title_en=title_en, description=description_ar,
                                        description_ar=description_ar, description_en=description_en))
                made += 1
            if len(items) >= 50_000:  # keep memory flat
                self.bulk(AgendaItem, items)
                items = []
        self.bulk(AgendaItem, items)
        # Resolutions point at an item of their session: its first one is enough.
        return dict(AgendaItem.objects.filter(order=1).values_list("session_id", "pk"))

    def make_resolutions(self, sessions, first_items, count):
        resolutions, per_session = [], -(-count // len(sessions))
        for session in sessions:
            for number in range(1, per_session + 1):
                if len(resolutions) == count:
                    break
                (topic_ar, topic_en), (org_ar, org_en) = self.random.choice(TOPICS), self.random.choice(ORGANIZATIONS)
                paragraph_ar, paragraph_en = self.paragraph()
                title_ar = f"قرار {with_li(topic_ar)}" if number % 2 else f"اعتماد {self.topic_text()[0]}"
                title_en = f"Resolution on {topic_en}" if number % 2 else f"Adoption: {self.topic_text()[1]}"
                resolutions.append(Resolution(
                    session=session, agenda_item_id=first_items.get(session.pk), number=number,
                    kind=self.random.choice(Resolution.Kind.values), title=title_ar, title_ar=title_ar,
                    title_en=title_en, adopted_on=session.start_date,
                    text=paragraph_ar,
                    text_ar=f"يقرر المجلس: الموافقة على توصيات فريق العمل {with_li(topic_ar)}، ودعوة الدول "
                            f"الأعضاء إلى التعاون مع {org_ar}. {paragraph_ar}",
                    text_en=f"The Council resolves to approve the working group's recommendations on {topic_en} "
                            f"and invites member states to cooperate with {org_en}. {paragraph_en}"))
        self.bulk(Resolution, resolutions)

    def make_follow_up(self, sessions, share):
        """Give a share of resolutions one to three actions, each reported on at the body's next sessions.

        Statuses move forward in time (not started → in progress → done, or
        overdue, or no longer relevant), so the board has open, overdue and
        closed actions at every date.
        """
        later = {}  # session pk → the next three sessions of its body, in date order
        by_body = {}
        for session in sessions:
            by_body.setdefault(session.body_id, []).append(session)
        for body_sessions in by_body.values():
            body_sessions.sort(key=lambda s: (s.start_date, s.pk))
            for n, session in enumerate(body_sessions):
                later[session.pk] = body_sessions[n + 1:n + 4]
        body_ids = list(by_body)
        status = StatusUpdate.Status
        paths = [[status.NOT_STARTED, status.IN_PROGRESS, status.DONE], [status.IN_PROGRESS, status.OVERDUE],
                 [status.IN_PROGRESS, status.IN_PROGRESS, status.DONE], [status.NOT_STARTED, status.NO_LONGER_RELEVANT],
                 [status.NOT_STARTED], []]
        responsible = FollowUpAction.Responsible
        actions, plans = [], []
        resolutions = Resolution.objects.filter(session__in=[s.pk for s in sessions]).values_list(
            "pk", "session_id", "session__start_date")
        for resolution_id, session_id, start in resolutions.iterator(chunk_size=self.batch):
            if self.random.random() >= share:
                continue
            for _ in range(self.random.randint(1, 3)):
                (topic_ar, topic_en), who = self.random.choice(TOPICS), self.random.choice(responsible.values)
                deadline = self.random.random()
                action = FollowUpAction(
                    resolution_id=resolution_id, responsible=who,
                    description=f"موافاة الأمانة العامة بما تم في مجال {topic_ar}",
                    description_ar=f"موافاة الأمانة العامة بما تم في مجال {topic_ar}",
                    description_en=f"Report to the General Secretariat on what was done on {topic_en}",
                    responsible_body_id=self.random.choice(body_ids) if who == responsible.BODY else None,
                    due_date=start + datetime.timedelta(days=self.random.choice([90, 180, 365]))
                    if deadline < 0.5 and start else None,
                    due_by_next_session_of_id=self.random.choice(body_ids) if deadline >= 0.8 else None,
                )
                actions.append(action)
                plans.append((session_id, self.random.choice(paths)))
        self.bulk(FollowUpAction, actions)
        named = [FollowUpAction.states.through(followupaction_id=action.pk, memberstate_id=state.pk)
                 for action in actions if action.responsible == responsible.NAMED_STATES
                 for state in self.random.sample(self.states, 2)]
        FollowUpAction.states.through.objects.bulk_create(named, batch_size=self.batch * 5)
        updates = [
            StatusUpdate(action_id=action.pk, session_id=reported_at.pk, status=step, note="", note_ar="", note_en="")
            for action, (session_id, path) in zip(actions, plans, strict=True)
            for reported_at, step in zip(later[session_id], path, strict=False)
        ]
        for start in range(0, len(updates), self.batch * 5):
            StatusUpdate.objects.bulk_create(updates[start:start + self.batch * 5])
        refresh_latest_statuses()  # bulk_create sends no signal: store each action's latest status
        return len(actions), len(updates)

    def make_documents(self, sessions, count):
        kinds = [("تقرير", "Report"), ("محضر", "Minutes"), ("ورقة عمل", "Working paper"), ("جدول أعمال", "Agenda")]
        documents = []
        for n in range(count):
            session = sessions[n % len(sessions)]
            (kind_ar, kind_en), (topic_ar, topic_en) = self.random.choice(kinds), self.random.choice(TOPICS)
            title_ar, title_en = f"{kind_ar} حول {topic_ar}", f"{kind_en} on {topic_en}"
            documents.append(Document(
                session=session, title=title_ar, title_ar=title_ar, title_en=title_en, type="report",
                visibility="public" if n % 3 else "member_states",
                file=f"documents/{session.pk}/synthetic-{n}.pdf", sha256="0" * 64))
        self.bulk(Document, documents)

    def make_participants(self, sessions):
        participants = [
            Participation(session=session, member_state=state, role="delegate")
            for session in sessions for state in self.random.sample(self.states, 6)
        ]
        for start in range(0, len(participants), self.batch * 5):
            Participation.objects.bulk_create(participants[start:start + self.batch * 5])
