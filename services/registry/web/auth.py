"""Logging in: tokens for a password, and the public key that verifies them."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.auth.keys import read_public_key
from shared.auth.tokens import ALGORITHM
from shared.web.context import bus, settings

from ..domain.commands import IssueToken
from .schemas import PublicKeySchema, TokenRequestSchema, TokenSchema

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Logins and tokens")


@blp.route("/token")
class Token(MethodView):
    @blp.arguments(TokenRequestSchema)
    @blp.response(200, TokenSchema)
    def post(self, body):
        """Exchange an email and password for an access token."""
        token = bus().handle(IssueToken(email=body["email"], password=body["password"]))
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": settings().token_ttl_seconds,
        }


@blp.route("/public-key")
class PublicKey(MethodView):
    @blp.response(200, PublicKeySchema)
    def get(self):
        """The public key every service verifies access tokens with."""
        pem = read_public_key(settings().signing_keys_dir).decode()
        return {"algorithm": ALGORITHM, "public_key_pem": pem}
