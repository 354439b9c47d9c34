"""Notifications: e-mail, SMS and the web inbox, from events, in the member's language."""
