"""Rebuild every row's search text (search_ar, search_en), in batches, with progress.

Needed whenever normalize() or a model's search text changes; otherwise saves and
bulk writes keep it true (council/search_text.py). Rows already right are not rewritten.
"""

from django.core.management.base import BaseCommand

from council import search_text


class Command(BaseCommand):
    help = "Recompute the normalized search text of every searchable row, in batches."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=search_text.BATCH_SIZE)

    def handle(self, *args, batch_size, **options):
        rewritten = total = 0
        for model in search_text.searchable_models():
            label = model._meta.label

            def progress(done, count, label=label):
                self.stdout.write(f"{label}: {done:,} / {count:,}")

            rows = model._base_manager.all()
            total += rows.count()
            rewritten += search_text.refresh(rows, batch_size=batch_size, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"{rewritten:,} of {total:,} rows rewritten."))
