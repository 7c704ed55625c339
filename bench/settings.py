"""The production settings plus the bare view the page benchmark compares against (bench/pages)."""

from council.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
