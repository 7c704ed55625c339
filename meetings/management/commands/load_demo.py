import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from meetings.demo import load_demo
from meetings.roles import ADMINISTRATOR, EDITOR, PUBLISHER

# One demo login per role: username -> group.
DEMO_LOGINS = {"editor": EDITOR, "publisher": PUBLISHER, "administrator": ADMINISTRATOR}


class Command(BaseCommand):
    help = "Load the reference case (the Executive Office's 48th session) as demo data. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-login", action="store_true",
            help="Also create one demo login per role (editor, publisher, administrator) with new random "
                 "passwords and print them (DEBUG only).",
        )

    def handle(self, *args, with_login=False, **options):
        if with_login and not settings.DEBUG:
            raise CommandError("Refusing to create a demo login with production settings (DEBUG is off).")
        session = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {session.display_name('en')}."))
        if with_login:
            lines = ["", "Log in to the secretariat's admin at /ar/admin/ (Arabic) or /en/admin/ (English),",
                     "one login per role:"]
            for username, role in DEMO_LOGINS.items():
                password = self.create_demo_login(username, role)
                lines.append(f"    {role:<14} username: {username:<14} password: {password}")
            self.stdout.write("\n".join(lines) + "\n")

    def create_demo_login(self, username, role):
        """Create (or reset) a staff user with exactly this role; return its new password."""
        group = Group.objects.get(name=role)  # made by the roles migration, refreshed by every migrate
        user, _ = get_user_model().objects.get_or_create(username=username)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.save()
        user.groups.set([group])
        return password
