"""Logging in through the page, in Italian first, with the keyboard alone."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import ADMIN_EMAIL, ADMIN_PASSWORD


def test_the_login_page_speaks_italian_then_english_and_a_wrong_password_says_so(new_page, shots):
    page = new_page(viewport=(390, 844))  # a phone
    page.goto("/registry/login")
    expect(page.get_by_role("heading", name="Accedi")).to_be_visible()
    shots.take(page, "login-it")

    page.get_by_role("link", name="English").click()  # waits for the new page, not its load
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.get_by_label("E-mail", exact=True).fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("alert")).to_have_text("Those login details are not right.")
    shots.take(page, "wrong-password")


def test_an_operator_logs_in_and_lands_on_the_dashboard(new_page, shots):
    page = new_page()
    page.goto("/registry/login")
    page.get_by_label("E-mail", exact=True).fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Accedi").last.click()
    page.wait_for_url("**/registry/dashboard**")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["fabene_session"]["httpOnly"] and cookies["fabene_session"]["sameSite"] == "Lax"
    shots.take(page, "dashboard")
