"""Who sees what on the public site.

Draft sessions, and everything in them, answer 404 (withdrawn ones 410 with a notice) to anyone who
is not staff, on their own pages and in links from other pages. Staff see them
with a banner. Documents restricted to member states need a delegate's login.
"""

import pytest
from django.core.files.base import ContentFile

from meetings.models import AgendaItem, Document, Session
from meetings.signals import session_withdrawn
from tests.helpers import address

pytestmark = pytest.mark.django_db

HIDDEN = ["draft", "withdrawn"]


@pytest.fixture
def postal_39(demo):
    return Session.objects.get(body__slug="postal-committee", number=39)


def hide(session, publication):
    """Take a session off the site as the publication workflow does: the field, then the signal."""
    Session.objects.filter(pk=session.pk).update(publication=publication)
    session_withdrawn.send(sender=Session, session=session, user=None, reason="")


# --- Session page -------------------------------------------------------------

def test_it_shows_a_published_session_to_anyone(client, demo):
    response = client.get(address(demo, "ar"))
    assert response.status_code == 200
    assert "الدورة العادية الثامنة والأربعون للمكتب التنفيذي" in response.content.decode()
    assert "draft-banner" not in response.content.decode()


# A draft was never public: 404. A withdrawn session tells whoever had its link (410, and nothing of it).
STATUS = {"draft": 404, "withdrawn": 410}


@pytest.mark.parametrize("publication", HIDDEN)
def test_it_hides_an_unpublished_session_from_anonymous_readers(client, demo, publication):
    hide(demo, publication)
    for language in ("ar", "en"):
        response = client.get(address(demo, language))
        assert response.status_code == STATUS[publication]
        assert "الثامنة والأربعون" not in response.content.decode()
        assert "48th" not in response.content.decode()


@pytest.mark.parametrize("publication", HIDDEN)
def test_it_hides_an_unpublished_session_from_delegates(delegate_client, demo, publication):
    hide(demo, publication)
    response = delegate_client.get(address(demo, "en"))
    assert response.status_code == STATUS[publication]
    assert "48th" not in response.content.decode()


@pytest.mark.parametrize("publication, label", [("draft", "مسودة"), ("withdrawn", "تم السحب من النشر")])
def test_it_shows_an_unpublished_session_to_staff_under_a_banner(secretary_client, demo, publication, label):
    hide(demo, publication)
    response = secretary_client.get(address(demo, "ar"))
    assert response.status_code == 200
    banner = response.content.decode().split('class="draft-banner"')[1].split("</div>")[0]
    assert label in banner


def test_it_marks_a_draft_for_staff_in_english_too(secretary_client, demo):
    hide(demo, "draft")
    response = secretary_client.get(address(demo, "en"))
    assert "<strong>Draft</strong>" in response.content.decode()


def test_it_hides_the_link_to_a_reviewed_session_that_is_not_published(client, demo, postal_39):
    link = f'href="{address(postal_39, "en")}"'
    assert link in client.get(address(demo, "en")).content.decode()
    hide(postal_39, "draft")
    page = client.get(address(demo, "en")).content.decode()
    assert link not in page
    assert "39th meeting of the Arab Permanent Committee for Post</a>" not in page


def test_it_keeps_the_link_to_a_reviewed_draft_for_staff(secretary_client, demo, postal_39):
    hide(postal_39, "draft")
    page = secretary_client.get(address(demo, "en")).content.decode()
    assert f'href="{address(postal_39, "en")}"' in page


# --- Home and body pages -----------------------------------------------------------

@pytest.mark.parametrize("publication", HIDDEN)
def test_it_leaves_unpublished_sessions_off_the_home_page(client, demo, publication):
    assert f'href="{address(demo, "en")}"' in client.get("/en/").content.decode()
    hide(demo, publication)
    assert f'href="{address(demo, "en")}"' not in client.get("/en/").content.decode()


def test_it_lists_drafts_on_the_home_page_for_staff(secretary_client, demo):
    hide(demo, "draft")
    assert f'href="{address(demo, "en")}"' in secretary_client.get("/en/").content.decode()


def test_it_leaves_unpublished_sessions_off_the_body_page(delegate_client, demo):
    url = "/en/bodies/executive-office/"
    assert f'href="{address(demo, "en")}"' in delegate_client.get(url).content.decode()
    hide(demo, "withdrawn")
    response = delegate_client.get(url)
    assert response.status_code == 200
    assert f'href="{address(demo, "en")}"' not in response.content.decode()


def test_it_lists_drafts_on_the_body_page_for_staff(secretary_client, demo):
    hide(demo, "draft")
    page = secretary_client.get("/en/bodies/executive-office/").content.decode()
    assert f'href="{address(demo, "en")}"' in page
    assert "badge--draft" in page


def test_it_answers_404_for_an_unknown_body(client, db):
    assert client.get("/en/bodies/no-such-body/").status_code == 404


# --- Member state pages ---------------------------------------------------------------

def test_it_lists_the_sessions_a_member_state_attended(client, demo):
    page = client.get("/en/member-states/eg/").content.decode()
    assert f'href="{address(demo, "en")}"' in page
    assert "Executive Office" in page


@pytest.mark.parametrize("publication", HIDDEN)
def test_it_leaves_unpublished_sessions_off_member_state_pages(delegate_client, demo, publication):
    hide(demo, publication)
    page = delegate_client.get("/en/member-states/eg/").content.decode()
    assert f'href="{address(demo, "en")}"' not in page


def test_it_lists_drafts_on_member_state_pages_for_staff(secretary_client, demo):
    hide(demo, "draft")
    assert f'href="{address(demo, "en")}"' in secretary_client.get("/en/member-states/eg/").content.decode()


def test_it_answers_404_for_an_unknown_member_state(client, demo):
    assert client.get("/en/member-states/xx/").status_code == 404


# --- Dossier pages ------------------------------------------------------------------------

DOSSIER = "/en/dossiers/customs-data-exchange-agreement/"


def test_it_shows_the_dossier_path_through_published_sessions(client, demo, postal_39):
    page = client.get(DOSSIER).content.decode()
    assert f'href="{address(postal_39, "en")}"' in page
    assert f'href="{address(demo, "en")}"' in page


@pytest.mark.parametrize("publication", HIDDEN)
def test_it_leaves_unpublished_sessions_off_the_dossier_path(delegate_client, demo, postal_39, publication):
    hide(demo, publication)
    page = delegate_client.get(DOSSIER).content.decode()
    assert address(demo, "en") not in page
    assert f'href="{address(postal_39, "en")}"' in page


def test_it_hides_a_dossier_that_no_published_session_has_taken_up(client, demo, postal_39):
    hide(demo, "draft")
    hide(postal_39, "withdrawn")
    assert client.get(DOSSIER).status_code == 404
    assert "/dossiers/" not in client.get("/en/").content.decode()


def test_it_shows_staff_a_dossier_taken_up_by_drafts_only(secretary_client, demo, postal_39):
    hide(demo, "draft")
    hide(postal_39, "draft")
    page = secretary_client.get(DOSSIER).content.decode()
    assert f'href="{address(demo, "en")}"' in page


def test_it_does_not_link_from_a_published_agenda_to_a_dossier_only_staff_see(client, demo, postal_39):
    """A dossier linked from a published item is public by that link: the rule has no gap."""
    item = AgendaItem.objects.filter(session=demo, dossier__isnull=False).first()
    page = client.get(address(demo, "en")).content.decode()
    assert f'href="{item.dossier.get_absolute_url()}"' in page
    assert client.get(item.dossier.get_absolute_url()).status_code == 200


# --- Documents ------------------------------------------------------------------------------

@pytest.fixture
def documents(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    public = Document(session=demo, title_ar="جدول الأعمال", title_en="Agenda", type="agenda",
                      visibility="public")
    public.file.save("agenda.txt", ContentFile(b"public agenda"), save=True)
    restricted = Document(session=demo, title_ar="ورقة عمل", title_en="Working paper", visibility="member_states")
    restricted.file.save("paper.txt", ContentFile(b"for member states"), save=True)
    return public, restricted


def download(client, document):
    return client.get(address(document, "en"))


def test_it_lets_anyone_download_a_public_document(client, documents):
    response = download(client, documents[0])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"public agenda"
    assert "attachment" in response["Content-Disposition"]


def test_it_sends_anonymous_readers_of_a_restricted_document_to_sign_in(client, documents):
    response = download(client, documents[1])
    assert response.status_code == 302
    assert response["Location"].startswith("/en/login/?next=")


def test_it_refuses_a_restricted_document_to_a_signed_in_non_delegate(stranger_client, documents):
    assert download(stranger_client, documents[1]).status_code == 403


def test_it_gives_a_restricted_document_to_a_delegate(delegate_client, documents):
    response = download(delegate_client, documents[1])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"for member states"
    assert "no-store" in response["Cache-Control"]


def test_it_gives_a_restricted_document_to_staff(secretary_client, documents):
    assert download(secretary_client, documents[1]).status_code == 200


def test_it_refuses_an_inactive_delegate(delegate_client, delegate, documents):
    delegate.is_active = False
    delegate.save()
    assert download(delegate_client, documents[1]).status_code != 200


@pytest.mark.parametrize("publication", HIDDEN)
def test_it_answers_404_for_any_document_of_an_unpublished_session(delegate_client, demo, documents, publication):
    hide(demo, publication)
    assert download(delegate_client, documents[0]).status_code == 404
    assert download(delegate_client, documents[1]).status_code == 404


def test_it_lets_staff_download_documents_of_a_draft(secretary_client, demo, documents):
    hide(demo, "draft")
    assert download(secretary_client, documents[1]).status_code == 200


def test_it_answers_404_when_the_file_is_gone(client, documents):
    documents[0].file.delete(save=False)
    assert download(client, documents[0]).status_code == 404


def test_it_shows_the_public_that_a_restricted_document_exists_but_not_a_download_link(client, demo, documents):
    public, restricted = documents
    page = client.get(address(demo, "en")).content.decode()
    assert "Working paper" in page
    assert f'href="{address(restricted, "en")}"' not in page
    assert f'href="{address(public, "en")}"' in page
    assert "Member states only" in page


def test_it_shows_delegates_the_download_link_of_a_restricted_document(delegate_client, demo, documents):
    page = delegate_client.get(address(demo, "en")).content.decode()
    assert f'href="{address(documents[1], "en")}"' in page


def test_it_never_serves_the_media_folder_directly(client, documents):
    assert client.get(f"/media/{documents[0].file.name}").status_code == 404
    assert client.get(f"/en/media/{documents[0].file.name}").status_code == 404


# --- Delegate sign-in ---------------------------------------------------------------------------

def test_it_signs_a_delegate_in_and_back_to_the_page(client, delegate, demo):
    response = client.post("/en/login/", {"username": "hoda", "password": "not-a-real-password",
                                          "next": address(demo, "en")})
    assert response.status_code == 302
    assert response["Location"] == address(demo, "en")
    page = client.get(address(demo, "en")).content.decode()
    # The account name is isolated, so a Latin name keeps its place in an Arabic sentence.
    assert "Signed in as <bdi>hoda</bdi>" in page
    assert "(Egypt)" in page
    assert "مسجَّل الدخول باسم <bdi>hoda</bdi>" in client.get(address(demo, "ar")).content.decode()


def test_it_explains_a_wrong_password_in_the_page_language(client, delegate):
    response = client.post("/ar/login/", {"username": "hoda", "password": "wrong"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_it_signs_out_with_a_post(delegate_client):
    assert delegate_client.post("/en/logout/").status_code == 302
    assert "Signed in as" not in delegate_client.get("/en/").content.decode()
