"""Code every Fa Bene service shares: config, database, messaging, web, auth."""
