"""List, and with --delete remove, stored files that no document refers to, and stale upload leftovers."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from meetings.models import Document
from meetings.uploads import clean_stale_upload_files


class Command(BaseCommand):
    help = "List files under MEDIA_ROOT/documents/ that no document refers to; --delete removes them."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Remove the files listed (default: only list).")

    def handle(self, delete, **options):
        root = Path(settings.MEDIA_ROOT)
        referenced = {root / name for name in Document.objects.exclude(file="").values_list("file", flat=True)}
        folder = root / "documents"
        orphans = sorted(p for p in folder.rglob("*") if p.is_file() and p not in referenced) if folder.is_dir() else []
        for path in orphans:
            self.stdout.write(str(path.relative_to(root)))
            if delete:
                path.unlink()
        verb = "Removed" if delete else "Found"
        self.stdout.write(f"{verb} {len(orphans)} orphaned file(s).")
        if delete:
            self.stdout.write(f"Removed {clean_stale_upload_files()} stale temporary upload file(s).")
