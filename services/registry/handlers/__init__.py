"""The registry's command handlers: plain functions of a command and a unit of work."""
