"""Hostile input never answers 500: every URL pattern, public and admin, in both languages.

A NUL character reached PostgreSQL from a public address, admin filters,
autocomplete terms and add-form parameters, and the database error became a 500.
Each URL pattern is requested with hostile values in its path parameters and in
its query string; the answer may be 400, 404, a redirect or the page, never 500.
Run on PostgreSQL too: that is where NUL fails.
"""

import re
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from council.models import Body
from meetings.models import AgendaItem, Document, Resolution
from tests.helpers import form_values

pytestmark = pytest.mark.django_db

# What an attacker or a careless paste sends: NUL and other controls, injections, absurd numbers
# and dates, bidi overrides, invalid UTF-8 (as raw percent escapes), very long text.
CORPUS = [
    "\x00", "EG\x00", "1\x00", "\x00' OR '1'='1", "\x01\x1b[31m\x7f", "\r\nSet-Cookie: x=1",
    "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "%", "%00", "%ff",
    "-1", "0", "99999999999999999999", "1e309", "NaN", "9999-99-99", "0001-01-01", "٤٨",
    "\u202eevil", "\U0001f600", "a" * 3000, "", " ", "null", "[]", "__proto__",
]
# Raw escapes that are not valid UTF-8: the server must not decode them into anything harmful.
RAW_ESCAPES = ["%ED%A0%80", "%FF%FE", "%C0%AF", "%E2%80"]

# Query parameters the site and the admin read: search and its filters, admin filters, ordering,
# pagination, popups, autocomplete, and initial values for add forms.
QUERY_KEYS = [
    "q", "page", "type", "body", "year_from", "year_to", "state", "next",
    "o", "p", "e", "all", "_popup", "_to_field", "_changelist_filters", "year", "year__exact",
    "start_date__gte", "start_date__year", "body__id__exact", "publication__exact", "session",
    "session__id__exact", "term", "app_label", "model_name", "field_name", "member_state",
]

PLACEHOLDER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")


def routes():
    """Every URL pattern as a route with `{name}` placeholders, language prefix left out."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = str(pattern.pattern).lstrip("^").rstrip("$")
            if isinstance(pattern, URLResolver):
                # i18n_patterns' prefix is the active language's: keep it as a placeholder.
                walk(pattern.url_patterns, prefix + ("{lang}/" if route in ("ar/", "en/") else route))
            elif isinstance(pattern, URLPattern):
                found.append(prefix + PLACEHOLDER.sub(lambda m: "{%s}" % (m["name"] or m["group"]), route))

    with translation.override("ar"):
        walk(get_resolver().url_patterns, "/")
    return sorted(set(found))


ROUTES = routes()


@pytest.fixture
def world(demo):
    """Real values for every placeholder, so that a hostile value sits beside valid ones."""
    session = demo
    document = Document.objects.filter(session=session).first() or Document.objects.first()
    return {
        "slug": Body.objects.first().slug, "pk": session.pk, "iso_code": "EG", "object_id": session.pk,
        "app_label": "meetings", "content_type_id": 1, "url": "nothing-here", "uidb64": "MQ",
        "token": "set-password", "number": session.number, "body": Body.objects.first().slug,
        "document": document.pk if document else 1,
        "item": AgendaItem.objects.first().pk, "resolution": (Resolution.objects.first() or session).pk,
    }


@pytest.fixture
def admin_client(db):
    user = get_user_model().objects.create_superuser("root", password="not-a-real-password")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def fill(route, values, hostile=None, language="ar"):
    """Build a path from a route: every placeholder from `values`, or `hostile` where it is given."""
    def value(match):
        name = match[1]
        if name == "lang":
            return language
        text = hostile if hostile is not None else str(values.get(name, "1"))
        return text if hostile in RAW_ESCAPES else quote(text, safe="")
    return re.sub(r"\{(\w+)\}", value, route)


def no_server_error(client, path, query=""):
    response = client.get(path + (f"?{query}" if query else ""))
    assert response.status_code < 500, f"{response.status_code} for {path}?{query}"
    return response


def test_it_lists_every_url_pattern_public_and_admin():
    """The sweep below covers the site, the admin and the language switch: if these go missing it proves nothing."""
    assert "/{lang}/member-states/{iso_code}/" in ROUTES
    assert "/{lang}/admin/meetings/session/{object_id}/change/" in ROUTES
    assert "/{lang}/admin/autocomplete/" in ROUTES
    assert len(ROUTES) > 60


@pytest.mark.parametrize("language", ["ar", "en"])
def test_it_never_answers_500_to_a_nul_in_any_path_or_parameter(admin_client, world, language):
    for route in ROUTES:
        if "{" in route.replace("{lang}", ""):
            no_server_error(admin_client, fill(route, world, "\x00", language))
            no_server_error(admin_client, fill(route, world, "EG\x00", language))
        query = urlencode({key: "1\x00" for key in QUERY_KEYS})
        no_server_error(admin_client, fill(route, world, language=language), query)


def test_it_refuses_a_nul_with_400_in_the_pages_language(client, demo):
    response = client.get("/en/member-states/EG%00/")
    assert response.status_code == 400
    assert '<html lang="en" dir="ltr">' in response.content.decode()
    assert "Bad request" in response.content.decode()
    response = client.get("/ar/search/", {"q": "الأمن\x00"})
    assert response.status_code == 400
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    assert "طلب غير صالح" in response.content.decode()


def test_it_refuses_a_nul_in_an_admin_autocomplete_term(admin_client, demo):
    response = admin_client.get("/ar/admin/autocomplete/", {
        "term": "\x00", "app_label": "meetings", "model_name": "agendaitem", "field_name": "reviewed_session"})
    assert response.status_code == 400


def test_it_refuses_a_nul_in_a_cookie(client, demo):
    client.cookies["sessionid"] = "abcdefghij\x00"
    assert client.get("/ar/").status_code == 400


def test_it_still_accepts_a_search_phrase_with_a_line_break(client, demo):
    assert client.get("/ar/search/", {"q": "الأمن\nالسيبراني"}).status_code == 200


@pytest.mark.parametrize("model", ["session", "agendaitem", "resolution", "document", "dossier", "body",
                                   "memberstate", "person", "membership", "delegate"])
def test_it_answers_a_form_with_nul_in_every_field_with_the_form_again(admin_client, demo, model):
    """Posted text is left to the forms: they refuse NUL beside the field and keep what was typed."""
    url = f"/en/admin/{app_of(model)}/{model}/add/"
    management = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
    hostile = {name: value if name.endswith(management) else value + "\x00"
               for name, value in form_values(admin_client.get(url)).items()}
    response = admin_client.post(url, hostile)
    assert response.status_code == 200, response.status_code  # the form again, with its errors
    assert "errornote" in response.content.decode()


def app_of(model):
    return "council" if model in ("body", "memberstate", "person", "membership", "delegate") else "meetings"


hostile_text = st.one_of(
    st.sampled_from(CORPUS + RAW_ESCAPES),
    st.text(st.characters(codec="utf-8"), max_size=40),
)


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(route=st.sampled_from(ROUTES), language=st.sampled_from(["ar", "en"]), value=hostile_text,
       key=st.sampled_from(QUERY_KEYS), in_path=st.booleans(), signed_in=st.booleans())
def test_it_never_answers_500_to_hostile_values_anywhere(admin_client, world, route, language, value, key,
                                                         in_path, signed_in):
    client = admin_client if signed_in else Client(raise_request_exception=False)
    if in_path and "{" in route.replace("{lang}", ""):
        no_server_error(client, fill(route, world, value, language))
    else:
        no_server_error(client, fill(route, world, language=language), urlencode({key: value}))
