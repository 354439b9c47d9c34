"""The pages' tests run in a town: see tests/support/town.py."""

from tests.support.town import town  # noqa: F401 - a fixture
