"""The dashboard's list of members (search, filter by kind) and the enrolment forms."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from marshmallow import EXCLUDE, ValidationError

from shared.contracts.registry import LANGUAGES
from shared.web.context import bus, database
from shared.web.pages import login_required, page_principal, words

from .. import views
from ..domain.errors import LikelyDuplicates
from ..domain.members import MemberKind, MemberStatus
from .dashboard_forms import ENROLLED_HERE, EnrolmentForm, enrolment, problems, read_form
from .dashboard_support import MANAGERS, REFUSALS, STAFF, networks_to_choose, refusal
from .schemas import MemberSearchQuerySchema

SEARCH = MemberSearchQuerySchema(unknown=EXCLUDE)
SEARCHED_BY = ("kind", "status", "q", "page")


@login_required(*STAFF)
def members():
    """Members of the chosen network, searched and filtered, newest first."""
    principal = page_principal()
    networks, network = networks_to_choose(principal)
    query = _search_query()
    found = views.search_members(
        database(),
        principal,
        network_id=network.id if network else None,
        kind=query["kind"],
        status=query["status"],
        text=query["q"],
        page=query["page"],
        page_size=query["page_size"],
    )
    return render_template(
        "dashboard/members.html",
        networks=networks,
        network=network,
        query=query,
        found=found,
        kinds=list(MemberKind),
        statuses=list(MemberStatus),
        manages=network is not None and principal.manages_network(network.id),
    )


@login_required(*MANAGERS)
def enrolment_form():
    """The form to enrol a household or a shop in the chosen network."""
    return _enrolment_page(_kind(request.args), request.args)


@login_required(*MANAGERS)
def enrol():
    """Enrol; a likely duplicate is shown first, with the choice to enrol anyway."""
    t, kind = words(), _kind(request.form)
    try:
        member = bus().handle(enrolment(page_principal(), read_form(EnrolmentForm(), request.form)))
    except ValidationError as error:
        return _enrolment_page(kind, request.form, problems(error, t), 422)
    except LikelyDuplicates as error:
        candidates = error.details["candidates"]
        return _enrolment_page(
            kind, request.form, [("warn", t("duplicates_found"))], 409, candidates
        )
    except REFUSALS as error:
        text, status = refusal(error)
        return _enrolment_page(kind, request.form, [("error", text)], status)
    return redirect(url_for("registry_dashboard.member", member_id=member.id, done="enrolled"))


def _kind(values) -> str:
    kind = values.get("kind")
    return kind if kind in ENROLLED_HERE else "household"


def _search_query() -> dict:
    """The search asked for in the address; whatever does not make sense is left out."""
    given = {name: value for name in SEARCHED_BY if (value := request.args.get(name, "").strip())}
    try:
        return SEARCH.load(given)
    except ValidationError as error:
        return SEARCH.load(
            {name: value for name, value in given.items() if name not in error.messages}
        )


def _enrolment_page(kind, values, notices=(), status=200, duplicates=()):
    principal = page_principal()
    networks, network = networks_to_choose(principal)
    educators = []
    if kind == "household" and network is not None:
        educators = views.search_members(
            database(),
            principal,
            network_id=network.id,
            kind=MemberKind.EDUCATOR,
            status=MemberStatus.ACTIVE,
            text=None,
            page=1,
            page_size=100,
        )["items"]
    page = render_template(
        "dashboard/enrol.html",
        kind=kind,
        values=values,
        networks=networks,
        network=network,
        educators=educators,
        languages=LANGUAGES,
        duplicates=duplicates,
        notices=list(notices),
    )
    return page, status
