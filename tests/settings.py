"""The real settings (council.settings), with test-run defaults for what they require.

Tests run with production-like settings (DEBUG off), so they need a secret key
and host names; nothing else differs.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_COOKIES", "false")
# The second factor is required of staff in production; tests that need it turn it on.
os.environ.setdefault("STAFF_SECOND_FACTOR", "false")
os.environ.setdefault("EMAIL_URL", "locmem://")

from council.settings import *  # noqa: E402,F403

# Tests sign in many times: a fast hash keeps them quick (production keeps Django's default).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
