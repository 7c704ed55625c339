"""Documents on S3-compatible storage (S3_BUCKET): stored in the bucket, never served from it
directly, downloaded through the same checks as from disk. The S3 server is moto's, in server
mode on 127.0.0.1: nothing leaves the machine."""

import hashlib
import socket

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import translation

from meetings.models import Document

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def bucket(settings, monkeypatch):
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                      aws_access_key_id="testing", aws_secret_access_key="testing")
    s3.create_bucket(Bucket="council-documents")
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "council-documents", "endpoint_url": endpoint, "region_name": "us-east-1",
                    "access_key": "testing", "secret_key": "testing", "default_acl": None,
                    "querystring_auth": True, "file_overwrite": False}}}
    yield s3
    server.stop()


def download_url(document):
    with translation.override("en"):
        return reverse("meetings:document", args=[document.pk])


def test_it_keeps_an_uploaded_document_in_the_bucket(bucket, make_session):
    session = make_session(number=1)
    content = "جدول الأعمال".encode() * 1000
    document = Document.objects.create(session=session, title_ar="جدول الأعمال", visibility="public",
                                       file=ContentFile(content, name="agenda.pdf"))
    assert default_storage.__class__.__name__ == "S3Storage"
    stored = bucket.get_object(Bucket="council-documents", Key=document.file.name)["Body"].read()
    assert stored == content
    assert document.sha256 == hashlib.sha256(content).hexdigest() and document.size == len(content)


def test_it_downloads_a_public_document_from_the_bucket_through_the_view(bucket, make_session):
    session = make_session(number=1)
    document = Document.objects.create(session=session, title_ar="ورقة", visibility="public",
                                       file=ContentFile(b"%PDF-1.4 working paper", name="paper.pdf"))
    response = Client().get(download_url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 working paper"


def test_it_refuses_a_restricted_document_to_anonymous_readers_even_from_the_bucket(bucket, make_session):
    session = make_session(number=1)
    document = Document.objects.create(session=session, title_ar="سري", visibility="member_states",
                                       file=ContentFile(b"restricted", name="restricted.pdf"))
    response = Client().get(download_url(document))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_it_never_replaces_a_document_uploaded_under_the_same_name(bucket, make_session):
    session = make_session(number=1)
    first = Document.objects.create(session=session, title_ar="أ", file=ContentFile(b"first", name="same.pdf"))
    second = Document.objects.create(session=session, title_ar="ب", file=ContentFile(b"second", name="same.pdf"))
    assert first.file.name != second.file.name
    assert bucket.get_object(Bucket="council-documents", Key=first.file.name)["Body"].read() == b"first"
