"""What each public page tells a delegate: the reference case read on the site."""

import datetime
import re

import pytest
from django.utils import timezone

from council.models import Body, Membership, MemberState
from meetings.models import Reservation, Resolution, Session
from tests.helpers import address, between, page

pytestmark = pytest.mark.django_db




# --- Home -------------------------------------------------------------------------------

def test_it_puts_future_and_undated_planned_sessions_under_upcoming(client, demo):
    today = timezone.localdate()
    office = Body.objects.get(slug="executive-office")
    soon = Session.objects.create(body=office, number=49, start_date=today + datetime.timedelta(days=30),
                                  publication="published")
    undated = Session.objects.create(body=office, number=50, status="scheduled", publication="published")
    html = page(client, "/en/")
    upcoming = between(html, 'id="upcoming-heading"', "</section>")
    recent = between(html, 'id="recent-heading"', "</section>")
    assert upcoming.index(soon.get_absolute_url()) < upcoming.index(undated.get_absolute_url())
    assert soon.get_absolute_url() not in recent
    assert demo.get_absolute_url() in recent and demo.get_absolute_url() not in upcoming


def test_it_lists_recent_sessions_latest_first_with_the_undated_held_one_on_top(client, demo):
    recent = between(page(client, "/en/"), 'id="recent-heading"', "</section>")
    names = re.findall(r'class="session-line__name" href="[^"]+">([^<]+)</a>', recent)
    assert names == [
        "48th ordinary session of the Executive Office",
        "47th meeting of the Arab Permanent Committee for Communications and Information",
        "39th meeting of the Arab Permanent Committee for Post",
    ]


def test_it_links_the_home_page_to_every_body_and_dossier(client, demo):
    html = page(client, "/ar/")
    for body in Body.objects.all():
        assert f'href="/ar/bodies/{body.slug}/"' in html
    assert 'href="/ar/dossiers/customs-data-exchange-agreement/"' in html


# --- Body --------------------------------------------------------------------------------

def test_it_lists_a_body_s_members_in_protocol_order_with_the_chair_marked(client, demo):
    html = page(client, "/en/bodies/executive-office/")
    members = between(html, 'class="member-list"', "</ul>")
    names = re.findall(r'href="/en/member-states/\w+/">([^<]+)</a>', members)
    assert names == ["Tunisia", "Algeria", "Saudi Arabia", "Palestine", "Egypt", "Morocco", "Mauritania", "Yemen"]
    chair = between(members, 'class="member member--chair"', "</li>")
    assert "Egypt" in chair and '<span class="badge badge--chair">Chair</span>' in chair
    assert members.count("member--chair") == 1


def test_it_leaves_past_members_off_a_body_page(client, demo):
    Membership.objects.filter(body__slug="executive-office", member_state__iso_code="YE").update(
        start_date=datetime.date(2010, 1, 1), end_date=datetime.date(2015, 1, 1))
    assert "/member-states/ye/" not in page(client, "/en/bodies/executive-office/")


def test_it_shows_a_body_s_sub_bodies_and_its_parent(client, demo):
    html = page(client, "/en/bodies/postal-committee/")
    assert 'href="/en/bodies/postal-working-groups/"' in between(html, 'id="sub-bodies-heading"', "</section>")
    assert 'href="/en/bodies/council/"' in between(html, 'class="breadcrumbs"', "</nav>")


def test_it_groups_a_body_s_sessions_by_year(client, demo):
    postal = Body.objects.get(slug="postal-committee")
    Session.objects.create(body=postal, number=40, start_date=datetime.date(2022, 5, 1), publication="published")
    html = between(page(client, "/en/bodies/postal-committee/"), 'id="sessions-heading"', "</section>")
    positions = [html.index(text) for text in ("<h3>2022</h3>", "40th meeting", "<h3>2021</h3>", "39th meeting")]
    assert positions == sorted(positions)


# --- Session -------------------------------------------------------------------------------

def test_it_shows_the_chair_mode_and_status_of_a_session(client, demo):
    html = page(client, address(demo, "en"))
    facts = between(html, 'class="facts"', "</dl>")
    assert "Held" in facts and "Remote" in facts
    chair = between(facts, "<dt>Chair</dt>", "</div>")
    assert "Dr. Amr Talaat" in chair
    assert "Minister of Communications and Information Technology" in chair
    assert 'href="/en/member-states/eg/">Egypt</a>' in chair


def test_it_shows_the_venue_and_host_state_of_an_in_person_meeting(client, demo):
    postal_39 = Session.objects.get(body__slug="postal-committee", number=39)
    html = page(client, address(postal_39, "ar"))
    venue = between(html, "<dt>المكان</dt>", "</div>")
    assert "شرم الشيخ" in venue and 'href="/ar/member-states/eg/">مصر</a>' in venue


def test_it_lists_who_attended(client, demo):
    participants = between(page(client, address(demo, "en")), 'id="participants-heading"', "</section>")
    assert "Ambassador Kamal Hassan Ali" in participants
    assert "General Secretariat of the League of Arab States" in participants
    for state in ["Saudi Arabia", "Morocco", "Algeria", "Tunisia", "Palestine", "Yemen", "Mauritania"]:
        assert f">{state}</a>" in participants


def test_it_numbers_the_agenda_with_its_sub_items(client, demo):
    agenda = between(page(client, address(demo, "en")), 'id="agenda-heading"', "</section>")
    numbers = re.findall(r'<span class="agenda-number">([\d.]+)</span>', agenda)
    assert numbers[:10] == [str(n) for n in range(1, 11)]
    assert numbers[10:17] == ["11", "11.1", "11.2", "11.3", "11.4", "11.5", "11.6"]
    assert numbers[17] == "12" and numbers[-1] == "12.8"


def test_it_links_an_item_to_the_sessions_whose_outcomes_it_reviews(client, demo):
    agenda = between(page(client, address(demo, "en")), 'id="agenda-heading"', "</section>")
    for body, number in [("postal-committee", 39), ("telecom-committee", 47)]:
        reviewed = Session.objects.get(body__slug=body, number=number)
        link = f'<a href="{address(reviewed, "en")}">{reviewed.display_name("en", case="genitive")}</a>'
        assert f"Reviews the outcomes of {link}" in agenda


def test_it_shows_resolutions_with_member_states_reservations(client, demo):
    item = demo.agenda_items.get(order=2)
    resolution = Resolution.objects.create(session=demo, agenda_item=item, number=5, title_ar="اعتماد الاتفاقية",
                                           title_en="Adoption of the agreement", adopted_on=datetime.date(2021, 9, 1))
    Reservation.objects.create(resolution=resolution, member_state=MemberState.objects.get(iso_code="DZ"),
                               text_ar="تحفظ على المادة 3", text_en="Reservation on article 3")
    html = between(page(client, address(demo, "en")), 'id="resolutions-heading"', "</section>")
    assert "Resolution <bdi>5</bdi></span> Adoption of the agreement" in html
    assert '<time datetime="2021-09-01">1 September 2021</time>' in html
    assert f'href="#{item.anchor}"' in html
    assert 'href="/en/member-states/dz/">Algeria</a>: Reservation on article 3' in html


def test_it_says_when_nothing_is_published_yet(client, demo):
    html = page(client, address(demo, "en"))
    assert "No resolution has been published for this session." in html
    assert "No document has been published for this session." in html


# --- Member state and dossier ---------------------------------------------------------------------

def test_it_lists_the_bodies_a_member_state_sits_on_and_its_roles(client, demo):
    # The demo records no Council membership (the source gives none): add Egypt's seat here.
    Membership.objects.create(body=Body.objects.get(slug="council"), member_state=MemberState.objects.get(iso_code="EG"),
                              role=Membership.Role.MEMBER)
    seats = between(page(client, "/en/member-states/eg/"), 'id="seats-heading"', "</section>")
    assert re.search(r'Executive Office</a>\s*<span class="badge badge--chair">Chair</span>', seats)
    assert re.search(r'Council of Ministers</a>\s*<span class="badge">Member</span>', seats)


def test_it_follows_a_dossier_across_bodies_in_date_order(client, demo):
    html = between(page(client, "/en/dossiers/customs-data-exchange-agreement/"), 'class="path"', "</ol>")
    sessions = re.findall(r'class="path__session"><a href="[^"]+">([^<]+)</a>', html)
    assert sessions == ["39th meeting of the Arab Permanent Committee for Post",
                        "48th ordinary session of the Executive Office"]
    assert html.count('class="path__step"') == 2


def test_it_shows_the_resolutions_taken_on_a_dossier_s_items(client, demo):
    item = demo.agenda_items.get(order=2)
    resolution = Resolution.objects.create(session=demo, agenda_item=item, title_ar="إحالة الاتفاقية إلى المجلس",
                                           title_en="Referral of the agreement to the Council")
    html = page(client, "/en/dossiers/customs-data-exchange-agreement/")
    assert (f'class="path__resolution">Resolution: <a href="{address(resolution, "en")}">'
            "Referral of the agreement to the Council</a>") in html
