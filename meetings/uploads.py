"""What a council document may be, judged by its content; and its file removed when the document goes.

The name must end in an allowed extension and the content must be what that
extension says (recognised by its signature with `filetype`, pure Python). Plain
text has no signature: it must decode as UTF-8 and hold no markup that a browser
would run. Nothing else is accepted: no HTML, SVG, script or program, whatever
its name («x.pdf.html» is HTML).
"""

import codecs
import os
import time
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Extension → the types its content may be (some formats share a signature family).
ALLOWED = {
    "pdf": {"pdf"},
    "doc": {"doc"}, "docx": {"docx"},
    "xls": {"xls"}, "xlsx": {"xlsx"},
    "ppt": {"ppt"}, "pptx": {"pptx"},
    "odt": {"odt"}, "ods": {"ods"}, "odp": {"odp"},
    "txt": {"text"},
    "jpg": {"jpg"}, "jpeg": {"jpg"}, "png": {"png"}, "tif": {"tif"}, "tiff": {"tif"},
}
# Old Office files share one container format (OLE2): filetype may name any of the three.
OLE = {"doc", "xls", "ppt"}
MARKUP = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<iframe", b"<body", b"<head")
SNIFF_BYTES = 8192


def validate_document_file(upload):
    """Refuse a file too large, of a type not allowed, or whose content is not what its name says."""
    if getattr(upload, "_committed", False):
        return  # a file stored earlier, not a new upload
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("This file is %(size)s; a document may be at most %(limit)s."), code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)})
    extension = Path(upload.name).suffix.lower().lstrip(".")
    if extension not in ALLOWED:
        raise ValidationError(
            _("Files of type “.%(extension)s” are not accepted. Accepted: PDF, Word, Excel, PowerPoint, "
              "OpenDocument, plain text, and scans as JPEG, PNG or TIFF."),
            code="type_not_allowed", params={"extension": extension or "—"})
    if content_type(upload) not in ALLOWED[extension] | (OLE if ALLOWED[extension] <= OLE else set()):
        raise ValidationError(
            _("The content of this file is not a “.%(extension)s” file, whatever its name says."),
            code="content_mismatch", params={"extension": extension})


def content_type(upload):
    """Return the detected type: an extension from `filetype`, "text" for clean UTF-8 text, or None."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(position)
    kind = filetype.guess(head)
    if kind is not None:
        return kind.extension
    return "text" if is_plain_text(head) else None


def is_plain_text(head):
    text = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if b"\x00" in text:
        return False
    try:
        # Incremental: a character cut at the end of the sniffed bytes is not an error.
        codecs.getincrementaldecoder("utf-8")().decode(text, final=len(head) < SNIFF_BYTES)
    except UnicodeDecodeError:
        return False
    lowered = text.lower()
    return not any(tag in lowered for tag in MARKUP)


def delete_file_on_commit(storage, name):
    """Remove a stored file once the transaction that dropped its last reference commits."""
    from django.db import transaction

    if name:
        transaction.on_commit(lambda: storage.delete(name))


def clean_stale_upload_files(max_age_seconds=3600):
    """Remove temporary upload files left by a worker killed mid-upload; return how many.

    Django writes uploads over FILE_UPLOAD_MAX_MEMORY_SIZE to FILE_UPLOAD_TEMP_DIR and
    removes them when the request ends, but a killed worker never gets there. Files
    younger than max_age_seconds may belong to an upload in progress and are kept.
    """
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR)
    if not folder.is_dir():
        return 0
    removed, now = 0, time.time()
    for path in folder.iterdir():
        if path.is_file() and now - path.stat().st_mtime > max_age_seconds:
            try:
                os.remove(path)
                removed += 1
            except FileNotFoundError:
                pass  # another worker got there first
    return removed
