"""Cards (with their QR code to print) and shop till devices."""

from dataclasses import asdict

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus, database

from .. import views
from ..domain import commands
from .card_qr import card_qr_png, card_qr_svg
from .schemas import (
    CardBlockSchema,
    CardSchema,
    DeviceCreateSchema,
    DeviceSchema,
    DeviceWithTokenSchema,
)

blp = Blueprint("cards", __name__, url_prefix="/api/v1", description="Cards and till devices")
blp.before_request(require_principal)
AUTH = {"security": [{"bearerAuth": []}]}


@blp.route("/members/<uuid:member_id>/cards")
class MemberCards(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, CardSchema(many=True))
    def get(self, member_id):
        """A member's cards, newest first."""
        return views.cards_of(database(), current_principal(), str(member_id))

    @blp.doc(**AUTH)
    @blp.response(201, CardSchema)
    def post(self, member_id):
        """Issue a card to a household or a volunteering citizen (operators)."""
        return bus().handle(commands.IssueCard(current_principal(), str(member_id)))


@blp.route("/cards/<uuid:card_id>")
class CardById(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, CardSchema)
    def get(self, card_id):
        """One card."""
        return views.card(database(), current_principal(), str(card_id))


@blp.route("/cards/<uuid:card_id>/block")
class CardBlock(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(CardBlockSchema)
    @blp.response(200, CardSchema)
    def post(self, body, card_id):
        """Block a card for good (lost, stolen...); its holder may do it too."""
        return bus().handle(commands.BlockCard(current_principal(), str(card_id), body["reason"]))


@blp.route("/cards/<uuid:card_id>/replace")
class CardReplace(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(CardBlockSchema)
    @blp.response(201, CardSchema)
    def post(self, body, card_id):
        """Block a card and issue its replacement (operators)."""
        command = commands.ReplaceCard(current_principal(), str(card_id), body["reason"])
        return bus().handle(command)


@blp.route("/cards/<uuid:card_id>/qr.<any(svg, png):image_format>")
class CardQrCode(MethodView):
    @blp.doc(
        **AUTH,
        responses={"200": {"content": {"image/svg+xml": {}, "image/png": {}}}},
    )
    def get(self, card_id, image_format):
        """The card number as a QR code, to print on the card (SVG or PNG)."""
        card = views.card(database(), current_principal(), str(card_id))
        if image_format == "svg":
            return Response(card_qr_svg(card.number), mimetype="image/svg+xml")
        return Response(card_qr_png(card.number), mimetype="image/png")


@blp.route("/members/<uuid:shop_id>/devices")
class ShopDevices(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, DeviceSchema(many=True))
    def get(self, shop_id):
        """A shop's till devices (the shop or its operators); never their tokens."""
        return views.devices_of(database(), current_principal(), str(shop_id))

    @blp.doc(**AUTH)
    @blp.arguments(DeviceCreateSchema)
    @blp.response(201, DeviceWithTokenSchema)
    def post(self, body, shop_id):
        """Register a till device for a shop (operators). The token is shown only now."""
        device, token = bus().handle(
            commands.RegisterDevice(current_principal(), str(shop_id), body["label"])
        )
        return {**asdict(device), "device_token": token}


@blp.route("/devices/<uuid:device_id>/revoke")
class DeviceRevoke(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, DeviceSchema)
    def post(self, device_id):
        """Revoke a till device: its token stops working (operators)."""
        return bus().handle(commands.RevokeDevice(current_principal(), str(device_id)))
