"""Pairing a shop's till with a one-time code instead of copying its token."""

from dataclasses import asdict

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal
from shared.web.context import bus

from ..domain import commands
from .schemas import PairedDeviceSchema, PairingCodeSchema, PairRequestSchema

blp = Blueprint("pairing", __name__, url_prefix="/api/v1", description="Pairing a till")
AUTH = {"security": [{"bearerAuth": []}]}


@blp.route("/members/<uuid:shop_id>/pairing-codes")
class ShopPairingCodes(MethodView):
    @blp.doc(**AUTH)
    @blp.response(201, PairingCodeSchema)
    def post(self, shop_id):
        """A one-time code for a new till of this shop (operators): 8 digits, 30 minutes."""
        pairing, code = bus().handle(commands.IssuePairingCode(current_principal(), str(shop_id)))
        return {"code": code, "shop_id": pairing.shop_id, "expires_at": pairing.expires_at}


@blp.route("/devices/pair")
class DevicePairing(MethodView):
    @blp.doc(security=[])
    @blp.arguments(PairRequestSchema)
    @blp.response(201, PairedDeviceSchema)
    def post(self, body):
        """Redeem a pairing code on the till (no login): the device and its token, once.

        A wrong, expired or used code answers 422; after five wrong codes in
        a minute, from anywhere, every code answers 429 until the minute has passed.
        """
        device, token = bus().handle(commands.PairTill(body["code"], body["label"]))
        return {**asdict(device), "device_token": token}
