"""What every service's web app shares: factory, errors, health, metrics, auth."""
