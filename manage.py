#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
    # manage.py is the developer's tool: with nothing configured it runs in development mode, so
    # `makemigrations`, `check` or `shell` work on a fresh clone. The server's entry points
    # (council/wsgi.py, asgi.py) keep the safe default, DEBUG off; production sets DEBUG=false
    # for manage.py too (docker-compose.yml does).
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
