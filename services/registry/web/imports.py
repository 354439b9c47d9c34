"""Bulk import of households and shops, uploaded as a CSV file."""

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.fields import Upload
from marshmallow import Schema, fields

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus

from ..domain import commands
from ..domain.errors import InvalidImport
from ..importing import __doc__ as CSV_FORMAT

blp = Blueprint("imports", __name__, url_prefix="/api/v1", description="Bulk import")
blp.before_request(require_principal)
MAX_IMPORT_BYTES = 2 * 1024 * 1024


class ImportFileSchema(Schema):
    file = Upload(required=True, metadata={"description": CSV_FORMAT})


class ImportOptionsSchema(Schema):
    allow_partial = fields.Bool(load_default=False)


class RowErrorSchema(Schema):
    line = fields.Int()
    errors = fields.Dict()


class ImportReportSchema(Schema):
    rows = fields.Int(required=True)
    imported = fields.Int(required=True)
    errors = fields.List(fields.Nested(RowErrorSchema), required=True)


@blp.route("/networks/<uuid:network_id>/imports")
class MemberImports(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.arguments(ImportFileSchema, location="files")
    @blp.arguments(ImportOptionsSchema, location="query")
    @blp.response(200, ImportReportSchema)
    def post(self, files, options, network_id):
        """Import households and shops from a CSV; a file with bad rows imports nothing.

        With ``?allow_partial=true`` the good rows are imported and the bad
        ones reported by line.
        """
        try:
            text = files["file"].read(MAX_IMPORT_BYTES + 1).decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidImport("the file is not UTF-8 text") from None
        if len(text) > MAX_IMPORT_BYTES:
            raise InvalidImport("the file is larger than 2 MB")
        report = bus().handle(
            commands.ImportMembers(
                current_principal(), str(network_id), text, options["allow_partial"]
            )
        )
        if report.errors and not options["allow_partial"]:
            raise InvalidImport(
                f"{len(report.errors)} row(s) cannot be imported; nothing was imported",
                ImportReportSchema().dump(report),
            )
        return report
