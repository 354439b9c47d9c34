"""Logging in: passwords, one-time codes, refresh, logout, and the public key."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.auth.keys import read_public_key
from shared.auth.tokens import ALGORITHM
from shared.web.context import bus, settings

from ..domain import commands
from .schemas import (
    CodeRedeemSchema,
    ContactSchema,
    PublicKeySchema,
    RefreshSchema,
    TokenRequestSchema,
    TokensSchema,
)

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Logins and tokens")


def _answer(tokens) -> dict:
    return {
        "access_token": tokens.access_token,
        "refresh_token": tokens.refresh_token,
        "token_type": "Bearer",
        "expires_in": tokens.expires_in,
    }


@blp.route("/token")
class Token(MethodView):
    @blp.arguments(TokenRequestSchema)
    @blp.response(200, TokensSchema)
    def post(self, body):
        """Exchange an e-mail and password for an access token and a refresh token."""
        return _answer(bus().handle(commands.IssueToken(body["email"], body["password"])))


@blp.route("/code")
class LoginCodeRequest(MethodView):
    @blp.arguments(ContactSchema)
    @blp.response(202)
    def post(self, body):
        """Send a one-time login code by SMS or e-mail (the answer never says to whom)."""
        bus().handle(commands.RequestLoginCode(body["phone"], body["email"]))


@blp.route("/code/verify")
class LoginCodeRedeem(MethodView):
    @blp.arguments(CodeRedeemSchema)
    @blp.response(200, TokensSchema)
    def post(self, body):
        """Exchange a one-time code for tokens."""
        command = commands.RedeemLoginCode(body["phone"], body["email"], body["code"])
        return _answer(bus().handle(command))


@blp.route("/refresh")
class Refresh(MethodView):
    @blp.arguments(RefreshSchema)
    @blp.response(200, TokensSchema)
    def post(self, body):
        """New tokens for a refresh token, which can be used only once."""
        return _answer(bus().handle(commands.RefreshTokens(body["refresh_token"])))


@blp.route("/logout")
class Logout(MethodView):
    @blp.arguments(RefreshSchema)
    @blp.response(204)
    def post(self, body):
        """End the session: its refresh tokens stop working."""
        bus().handle(commands.Logout(body["refresh_token"]))


@blp.route("/public-key")
class PublicKey(MethodView):
    @blp.response(200, PublicKeySchema)
    def get(self):
        """The public key every service verifies access tokens with."""
        pem = read_public_key(settings().signing_keys_dir).decode()
        return {"algorithm": ALGORITHM, "public_key_pem": pem}
