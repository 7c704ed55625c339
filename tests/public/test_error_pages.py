"""The 400 and 403 pages speak both languages, the page's own first, in its direction."""

import pytest
from django.core.files.base import ContentFile

from meetings.models import Document
from tests.helpers import site_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = Document(session=demo, title_ar="ورقة عمل", title_en="Working paper", visibility="member_states")
    document.file.save("paper.txt", ContentFile(b"for member states"), save=True)
    return document


def test_it_refuses_in_arabic_first_on_an_arabic_page(stranger_client, restricted):
    response = stranger_client.get(site_url("ar", "document", restricted.pk))
    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="ar" dir="rtl">' in page
    assert page.index("لا تملك صلاحية الوصول") < page.index("Access refused")


def test_it_refuses_in_english_first_on_an_english_page(stranger_client, restricted):
    response = stranger_client.get(site_url("en", "document", restricted.pk))
    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="en" dir="ltr">' in page
    assert page.index("Access refused") < page.index("لا تملك صلاحية الوصول")


def test_it_explains_a_refused_form_in_the_pages_language(demo, client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(site_url("ar", "login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    assert "تعذّر إرسال النموذج" in response.content.decode()
