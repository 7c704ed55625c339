"""Enrol an authenticator app (TOTP) for an account from the server: the first administrator's way in."""

from base64 import b32encode

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Create a confirmed TOTP device for a user and print the key and the otpauth:// address to scan."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="authenticator", help="The device's name, e.g. 'phone'.")
        parser.add_argument("--qr", metavar="FILE.svg", help="Also write the QR code to scan into this SVG file.")

    def handle(self, username, name, qr, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No account named {username!r}.") from exc
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        self.stdout.write(f"Key (type it into the app): {b32encode(device.bin_key).decode()}")
        self.stdout.write(f"Address (or scan it as a QR code): {device.config_url}")
        if qr:
            from django_otp.qr import write_qrcode_image

            with open(qr, "wb") as out:
                write_qrcode_image(device.config_url, out)
            self.stdout.write(f"QR code written to {qr}")
