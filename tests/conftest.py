"""Shared fixtures: the demo data and the people who can and cannot see things."""

import pytest
from django.contrib.auth.models import Permission

from meetings.demo import load_demo


@pytest.fixture
def demo(db):
    """The reference case: returns the Executive Office's 48th session."""
    return load_demo()


@pytest.fixture
def secretary(django_user_model):
    """A secretariat member: staff with every council and meetings permission, not a superuser."""
    user = django_user_model.objects.create_user("amina", password="not-a-real-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["council", "meetings"]))
    return user


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client
