"""Fixtures shared by the journalists' and editors' page tests."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import clean_slate  # noqa: F401 - a fixture, shared from here


@pytest.fixture
def journalist(client: Client, role_user) -> Client:  # type: ignore[no-untyped-def]
    """A test client logged in as a journalist (read-only)."""
    client.force_login(role_user("journalist"))
    return client
