"""What a view needs from its service: settings, the message bus, the database."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from shared.config import Settings
from shared.db import Database
from shared.messagebus import MessageBus

EXTENSION = "fabene_service"


@dataclass(frozen=True)
class ServiceContext:
    settings: Settings
    bus: MessageBus
    database: Database


def attach(app: Flask, context: ServiceContext) -> None:
    app.extensions[EXTENSION] = context


def settings() -> Settings:
    """The service's settings."""
    return current_app.extensions[EXTENSION].settings


def bus() -> MessageBus:
    """The service's message bus, for commands."""
    return current_app.extensions[EXTENSION].bus


def database() -> Database:
    """The service's database, for queries."""
    return current_app.extensions[EXTENSION].database
