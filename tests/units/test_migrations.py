"""The migrations match the models, and checking that needs no configuration."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_makemigrations_finds_nothing_to_add_on_a_fresh_clone(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'check.sqlite3'}"  # leave the project's database alone
    result = subprocess.run([sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout
