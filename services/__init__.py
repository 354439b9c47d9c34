"""The Fa Bene services, and the commands that run them."""
