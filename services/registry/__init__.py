"""The registry: who is who in the programme (networks, members, logins)."""
