"""Send the emails waiting in the outbox; with --loop, keep doing it (a worker)."""

import time

from django.core.management.base import BaseCommand

from meetings.notifications import send_due


class Command(BaseCommand):
    help = "Send the notification emails that are due (run it from cron every minute, or with --loop)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=100, help="At most this many emails per round.")
        parser.add_argument("--loop", action="store_true", help="Keep sending until stopped (Ctrl-C, SIGTERM).")
        parser.add_argument("--interval", type=float, default=30, help="Seconds between rounds with --loop.")

    def handle(self, *args, batch, loop, interval, **options):
        while True:
            sent, failed = send_due(batch=batch)
            if sent or failed or options["verbosity"] > 1:
                self.stdout.write(f"{sent} sent, {failed} failed")
            if not loop:
                return
            if sent == batch:
                continue  # more are waiting
            time.sleep(interval)
