"""Shared test helpers: where the project and the shared fixtures are."""
from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_FIXTURES = PROJECT_ROOT.parent / "shared" / "fixtures" / "real"


@pytest.fixture(scope="session")
def shipped_model():
    """The default model shipped in models/."""
    from pipeline import load_model

    return load_model()


@pytest.fixture
def real_fixture():
    """Path to a file in ../shared/fixtures/real, skipping when shared/ is absent."""

    def locate(name: str) -> Path:
        path = SHARED_FIXTURES / name
        if not path.exists():
            pytest.skip(f"shared fixture {name} not available")
        return path

    return locate
