"""The notifications errors as HTTP statuses and codes, in one table."""

from ..domain import errors

ERRORS = {
    errors.NotFound: (404, "not_found"),
    errors.CannotRequeue: (409, "cannot_requeue"),
}
