"""A member's messages, newest first, and marking one read."""

from __future__ import annotations

from datetime import datetime

from flask import abort, g, redirect, render_template, request, url_for

from shared.formatting import format_clock_time, format_date
from shared.web.context import bus, database, settings
from shared.web.i18n import for_households
from shared.web.pages import page_principal

from .. import views
from ..configuration import time_zone
from ..domain.commands import MarkMessageRead
from ..domain.errors import NotFound

PAGE_SIZE = 20


@for_households
def inbox_page():
    """One page of the member's messages; unread ones say so."""
    principal, page = page_principal(), _page_number()
    try:
        inbox = views.inbox(database(), principal, member_of(principal), page, PAGE_SIZE)
    except NotFound:  # the first message has not reached this service yet
        inbox = {"items": [], "page": 1, "page_size": PAGE_SIZE, "total": 0, "unread": 0}
    last_page = max(1, -(-inbox["total"] // PAGE_SIZE))
    return render_template("inbox.html", inbox=inbox, last_page=last_page, when=when)


@for_households
def mark_read(message_id: str):
    """Mark one message read, and back to the page it was on."""
    principal = page_principal()
    try:
        bus().handle(MarkMessageRead(principal, member_of(principal), message_id))
    except NotFound:
        abort(404)
    return redirect(url_for(".inbox_page", page=_page_number()))


def member_of(principal) -> str:
    """The member whose messages and preferences these are: the one logged in."""
    if principal.member_id is None:
        abort(403)
    return principal.member_id


def when(moment: datetime) -> str:
    """A moment as the reader writes it, in the programme's time zone: "31/12/2026 14:05"."""
    zone, language = time_zone(settings()), g.language
    day = format_date(moment.astimezone(zone).date(), language)
    return f"{day} {format_clock_time(moment, language, zone)}"


def _page_number() -> int:
    asked = request.values.get("page", "1")
    return int(asked) if asked.isdigit() and 0 < int(asked) <= 100_000 else 1
