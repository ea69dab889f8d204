"""Fixtures shared by the journalists' and editors' page tests.

Imports of Django code stay inside the fixtures, so the pure extraction tests below this
folder still run without Django (``pytest tests/casualties/extraction -p no:django``).
"""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def clean_slate(db: None) -> None:
    """Start from no stories and records (see ``tests.factories.wipe_stories``)."""
    from tests.factories import wipe_stories

    wipe_stories()


@pytest.fixture
def journalist(client: Any, role_user: Any) -> Any:
    """A test client logged in as a journalist (read-only)."""
    client.force_login(role_user("journalist"))
    return client
