"""How a member hears from the programme: channels, language, quiet hours, topics.

The form is read by the preferences API's own schema, so the page and the
API accept the same choices. A language the pages speak too becomes the
pages' language at once.
"""

from __future__ import annotations

from flask import g, make_response, render_template, request
from marshmallow import ValidationError

from shared.contracts.registry import LANGUAGES
from shared.web.context import bus, database, settings
from shared.web.i18n import NATIVE_NAMES, for_households
from shared.web.pages import page_principal, remember_language, words

from .. import views
from ..configuration import default_quiet_hours
from ..domain.channels import Channel
from ..domain.commands import SetPreferences
from ..domain.quiet_hours import QuietHours
from ..domain.templates import TEMPLATES
from ..domain.topics import OPT_IN_TOPICS, OPTIONAL_TOPICS
from .pages_inbox import member_of
from .schemas import PreferencesSchema

# The languages every message is written in; others would read Italian.
WRITTEN_LANGUAGES = [
    language
    for language in LANGUAGES
    if all(language in by_language for by_language in TEMPLATES.values())
]
FIELDS_OF_THE_FORM = ("channels", "language", "quiet_hours", "muted_topics", "opted_in_topics")


@for_households
def preferences_page(notices=(), status: int = 200):
    """The member's preferences as they apply now, as a form."""
    principal = page_principal()
    applied = views.preferences(
        database(), principal, member_of(principal), default_quiet_hours(settings())
    )
    page = render_template(
        "preferences.html",
        applied=applied,
        channels=[channel.value for channel in Channel],
        message_languages=[(code, NATIVE_NAMES.get(code, code)) for code in WRITTEN_LANGUAGES],
        optional_topics=OPTIONAL_TOPICS,
        opt_in_topics=OPT_IN_TOPICS,
        notices=list(notices),
    )
    return page, status


@for_households
def save_preferences():
    """Replace the member's preferences with the form's, as the API's PUT does."""
    principal, form = page_principal(), request.form
    try:
        chosen = PreferencesSchema().load(_body_of(form))
    except ValidationError as error:
        field = next((name for name in FIELDS_OF_THE_FORM if name in error.messages), "form")
        return preferences_page([("error", words()(f"pages_invalid_{field}"))], 422)
    quiet_hours = chosen["quiet_hours"]
    bus().handle(
        SetPreferences(
            actor=principal,
            member_id=member_of(principal),
            channels=tuple(chosen["channels"]),
            language=chosen["language"],
            quiet_hours=QuietHours.parse(quiet_hours["start"], quiet_hours["end"])
            if quiet_hours
            else None,
            muted_topics=tuple(chosen["muted_topics"]),
            opted_in_topics=tuple(chosen["opted_in_topics"]),
        )
    )
    language = chosen["language"]
    if language in g.languages:
        g.language = language  # this very page speaks it already
    page, status = preferences_page([("ok", words()("pages_preferences_saved"))])
    response = make_response(page, status)
    if language in g.languages:  # and the next ones, as ?lang= does
        remember_language(response, language)
    return response


def _body_of(form) -> dict:
    start, end = form.get("quiet_start", "").strip(), form.get("quiet_end", "").strip()
    return {
        "channels": form.getlist("channels"),
        "language": form.get("language") or None,
        # a time field may send seconds too: HH:MM is what the API takes
        "quiet_hours": {"start": start[:5], "end": end[:5]} if start or end else None,
        "muted_topics": form.getlist("muted_topics"),
        "opted_in_topics": form.getlist("opted_in_topics"),
    }
