"""Routing by prefix: ``/registry``, ``/exchange``, ``/notifications``.

nginx does this in production; here the same mounts serve the all-in-one
process and each service's own gunicorn, so URLs are the same everywhere.
``/`` lists the services for a program and sends a browser to the login page.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, jsonify, redirect, request
from werkzeug.middleware.dispatcher import DispatcherMiddleware


def mount(apps: Mapping[str, Flask], *, public_url: str = "") -> DispatcherMiddleware:
    """One WSGI app answering each service under ``/<name>`` and an index at ``/``."""
    index = Flask("fabene.gateway")

    @index.get("/")
    def services_index():
        wanted = request.accept_mimetypes.best_match(["application/json", "text/html"])
        if wanted == "text/html":  # a person with a browser: the way in
            return redirect("/registry/login")
        return jsonify(
            services={
                name: {
                    "api": f"{public_url}/{name}/api/v1/openapi.json",
                    "health": f"{public_url}/{name}/healthz",
                }
                for name in apps
            }
        )

    @index.errorhandler(404)
    def not_found(_error):
        body = {"error": {"code": "not_found", "message": "No service answers at this path."}}
        return jsonify(body), 404

    return DispatcherMiddleware(index, {f"/{name}": app for name, app in apps.items()})
