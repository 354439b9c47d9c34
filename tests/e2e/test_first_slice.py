"""The first slice of the contract, through all three services."""

from tests.support.system import eventually


def test_a_registered_member_gets_empty_accounts_and_a_welcome_message(running):
    admin = running.admin_headers()
    network = running.create_network(admin)

    member = running.register_member(admin, network["id"], language="en")

    balances = eventually(lambda: running.balances(admin, member["id"]).status_code == 200)
    assert balances
    assert running.balances(admin, member["id"]).json == {
        "FOOD": {"balance": 0},
        "TIME": {"balance": 0},
    }
    inbox = eventually(lambda: running.inbox(admin, member["id"]).json.get("items"))
    assert [message["title"] for message in inbox] == ["Welcome to Fa Bene"]


def test_balances_are_not_found_before_the_exchange_hears_of_the_member(running):
    admin = running.admin_headers()
    response = running.balances(admin, "5d4f0f5c-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_the_root_lists_the_services_and_sends_a_browser_to_the_login_page(running):
    for accept in ("application/json", "*/*"):
        listed = running.client.get("/", headers={"Accept": accept})
        assert set(listed.json["services"]) == {"registry", "exchange", "notifications"}
    browsing = running.client.get("/", headers={"Accept": "text/html,*/*;q=0.8"})
    assert (browsing.status_code, browsing.headers["Location"]) == (302, "/registry/login")
