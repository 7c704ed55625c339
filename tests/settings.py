"""The real settings (council.settings), with test-run defaults for what they require.

Tests run with production-like settings (DEBUG off), so they need a secret key
and host names; nothing else differs.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_COOKIES", "false")

from council.settings import *  # noqa: E402,F403
