"""The library as the app loads it, once per test module."""

from __future__ import annotations

import pytest

from rootwork.content import load_library


@pytest.fixture(scope="module")
def library():
    return load_library()
