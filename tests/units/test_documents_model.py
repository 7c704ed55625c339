"""A document records its checksum and size when its file is uploaded."""

import hashlib

import pytest
from django.core.files.base import ContentFile

from meetings.models import Document

pytestmark = pytest.mark.django_db


def test_it_records_the_checksum_and_size_of_the_uploaded_file(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    content = "جدول أعمال الدورة العادية الثامنة والأربعين".encode()
    document = Document(session=demo, title_ar="جدول الأعمال", type=Document.Type.AGENDA)
    document.file.save("agenda-48.txt", ContentFile(content), save=False)
    document.save()
    document.refresh_from_db()
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    assert document.visibility == Document.Visibility.MEMBER_STATES, "documents are restricted until said otherwise"
