"""Uploads: allowed document types checked by content, a size limit, nothing a browser would run;
files removed with their document once the deletion commits; orphans listed and cleaned."""

import io
import os
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from meetings.models import Document
from meetings.uploads import clean_stale_upload_files, validate_document_file
from tests.helpers import form_values

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize("name, content", [
    ("agenda.pdf", PDF), ("paper.docx", docx()), ("scan.png", PNG),
    ("notes.txt", "جدول الأعمال\nAgenda\n".encode()), ("notes.TXT", b"plain"),
])
def test_it_accepts_council_document_types(name, content):
    validate_document_file(upload(name, content))


@pytest.mark.parametrize("name, content, code", [
    ("page.html", HTML, "type_not_allowed"),
    ("x.pdf.html", HTML, "type_not_allowed"),
    ("drawing.svg", SVG, "type_not_allowed"),
    ("setup.exe", EXE, "type_not_allowed"),
    ("agenda.pdf", HTML, "content_mismatch"),      # HTML dressed as a PDF
    ("agenda.pdf", EXE, "content_mismatch"),       # a program dressed as a PDF
    ("notes.txt", HTML, "content_mismatch"),       # markup dressed as text
    ("notes.txt", SVG, "content_mismatch"),
    ("scan.png", PDF, "content_mismatch"),
    ("paper.docx", PDF, "content_mismatch"),
    ("noextension", PDF, "type_not_allowed"),
])
def test_it_refuses_what_is_not_a_council_document(name, content, code):
    with pytest.raises(ValidationError) as refused:
        validate_document_file(upload(name, content))
    assert refused.value.code == code


def test_it_refuses_a_file_over_the_size_limit(settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as refused:
        validate_document_file(upload("big.pdf", PDF + b" " * 2000))
    assert refused.value.code == "too_large"
    validate_document_file(upload("small.pdf", PDF))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def add_document(client, session, name, content, language="ar"):
    url = f"/{language}/admin/meetings/document/add/"
    values = form_values(client.get(url))
    values.update(session=session.pk, title_ar="ورقة عمل", type="working_paper", language="ar",
                  visibility="public", file=upload(name, content))
    return client.post(url, values)


def test_the_admin_refuses_a_disguised_file_with_a_message_in_arabic(secretary_client, demo, media):
    response = add_document(secretary_client, demo, "x.pdf.html", HTML)
    assert response.status_code == 200
    assert "لا تُقبل الملفات من نوع «.html»" in response.content.decode()
    assert not Document.objects.filter(title_ar="ورقة عمل").exists()


def test_the_admin_refuses_a_file_too_large_with_a_message_in_english(secretary_client, demo, media, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    response = add_document(secretary_client, demo, "big.pdf", PDF + b" " * 4096, language="en")
    assert "a document may be at most 1.0\xa0KB" in response.content.decode()


def test_the_admin_accepts_a_pdf(secretary_client, demo, media):
    response = add_document(secretary_client, demo, "paper.pdf", PDF)
    assert response.status_code == 302
    assert Document.objects.get(title_ar="ورقة عمل").size == len(PDF)


@pytest.fixture
def stored(demo, media):
    document = Document(session=demo, title_ar="ورقة", visibility="public")
    document.file.save("paper.pdf", io.BytesIO(PDF), save=True)
    return document


def test_deleting_a_document_removes_its_file_once_committed(stored, django_capture_on_commit_callbacks):
    path = stored.file.path
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stored.delete()
    assert os.path.exists(path), "nothing is removed before the commit"
    for callback in callbacks:
        callback()
    assert not os.path.exists(path)


def test_deleting_a_session_removes_its_documents_files(make_session, django_capture_on_commit_callbacks):
    session = make_session(number=7)
    document = Document(session=session, title_ar="ورقة", visibility="public")
    document.file.save("paper.pdf", io.BytesIO(PDF), save=True)
    path = document.file.path
    with django_capture_on_commit_callbacks(execute=True):
        session.delete()
    assert not os.path.exists(path)


def test_replacing_a_documents_file_removes_the_old_one(stored, django_capture_on_commit_callbacks):
    old = stored.file.path
    with django_capture_on_commit_callbacks(execute=True):
        stored.file.save("new.pdf", io.BytesIO(PDF), save=True)
    assert not os.path.exists(old) and os.path.exists(stored.file.path)


def test_it_lists_then_cleans_orphaned_files(stored, media):
    orphan = media / "documents" / "999" / "left.pdf"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(PDF)
    out = io.StringIO()
    call_command("clean_orphaned_files", stdout=out)
    assert "documents/999/left.pdf" in out.getvalue() and "Found 1 orphaned file" in out.getvalue()
    assert orphan.exists()
    call_command("clean_orphaned_files", "--delete", stdout=io.StringIO())
    assert not orphan.exists() and os.path.exists(stored.file.path)


def test_it_clears_upload_leftovers_of_a_killed_worker_but_not_uploads_in_progress(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path
    old, fresh = tmp_path / "old.upload", tmp_path / "fresh.upload"
    old.write_bytes(b"x" * 100)
    fresh.write_bytes(b"x" * 100)
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    assert clean_stale_upload_files() == 1
    assert not old.exists() and fresh.exists()
