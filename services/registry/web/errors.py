"""The registry's errors as HTTP statuses and codes, in one table."""

from ..domain import errors

ERRORS = {
    errors.NotFound: (404, "not_found"),
    errors.UnknownNetwork: (422, "unknown_network"),
    errors.DuplicateNetwork: (409, "duplicate_network"),
    errors.InvalidCredentials: (401, "invalid_credentials"),
    errors.AccountLocked: (423, "login_locked"),
}
