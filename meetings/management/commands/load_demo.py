import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from meetings.apps import SECRETARIAT_GROUP
from meetings.demo import load_demo

DEMO_USERNAME = "secretariat"


class Command(BaseCommand):
    help = "Load the reference case (the Executive Office's 48th session) as demo data. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-login", action="store_true",
            help="Also create a demo secretariat login with a new random password and print it (DEBUG only).",
        )

    def handle(self, *args, with_login=False, **options):
        if with_login and not settings.DEBUG:
            raise CommandError("Refusing to create a demo login with production settings (DEBUG is off).")
        session = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {session.display_name('en')}."))
        if with_login:
            password = self.create_demo_login()
            self.stdout.write(
                "\nLog in to the secretariat's admin at /ar/admin/ (Arabic) or /en/admin/ (English):\n"
                f"    username: {DEMO_USERNAME}\n    password: {password}\n"
            )

    def create_demo_login(self):
        """Create (or reset) a staff user in the Secretariat group; return its new password."""
        group = Group.objects.get(name=SECRETARIAT_GROUP)  # made by every migrate
        user, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.save()
        user.groups.add(group)
        return password
