"""Bulk import of households and shops from an operator's spreadsheet."""

from __future__ import annotations

import io
import os
import subprocess

from tests.support.processes import FABENE, settings_to_env

HEADER = (
    "kind,display_name,email,phone,language,birth_year,referred_by,referred_on,adults,minors,"
    "shop_type,accepts_time,time_rate_cents_per_hour\n"
)
GOOD = (
    "household,Famiglia Galli,,+39 340 1000001,it,,Servizi sociali,2026-02-01,Rita;Ugo,Ada,,,\n"
    "household,Famiglia Diallo,,+39 340 1000002,fr,,,,Awa,,,,\n"
    "shop,Panetteria Sole,,,,,,,,,shop,yes,600\n"
)
BAD = (
    "household,,,,,,,,,,,,\n"  # no name
    "alien,Marziani,,,,,,,,,,,\n"
    "household,Famiglia Galli bis,,+39 340 1000001,it,,,,,,,,\n"  # same phone as line 2
    "shop,Bar Luna,,,,,,,,,,no,\n"  # no shop type
)


def upload(world, text: str, actor="operator_collegno", **query):
    return world.web.client.post(
        f"/registry/api/v1/networks/{world.collegno['id']}/imports",
        data={"file": (io.BytesIO(text.encode()), "famiglie.csv")},
        headers=world.as_(actor),
        query_string=query,
        content_type="multipart/form-data",
    )


def names_in_collegno(world) -> set[str]:
    page = world.get("/members", query_string={"page_size": 100}).json
    return {member["display_name"] for member in page["items"]}


def test_a_good_file_imports_households_with_people_and_shops_with_profiles(world):
    response = upload(world, HEADER + GOOD)
    assert response.status_code == 200, response.json
    assert (response.json["rows"], response.json["imported"]) == (3, 3)
    galli = next(m for m in world.get("/members", query_string={"q": "galli"}).json["items"])
    assert [p["first_name"] for p in galli["people"]] == ["Rita", "Ugo", "Ada"]
    assert galli["eligible_until"] == "2027-02-01"
    [profile] = world.published("registry.shop.profile_changed")
    assert profile["time_rate_cents_per_hour"] == 600


def test_a_file_with_bad_rows_imports_nothing_and_says_which_lines(world):
    before = names_in_collegno(world)
    response = upload(world, HEADER + GOOD + BAD)
    assert response.status_code == 422
    errors = response.json["error"]["details"]["errors"]
    assert [error["line"] for error in errors] == [5, 6, 7, 8]
    assert "display_name" in errors[0]["errors"]
    assert "same person as line 2" in str(errors[2]["errors"])
    assert names_in_collegno(world) == before


def test_asked_to_the_good_rows_are_imported_and_the_bad_reported(world):
    response = upload(world, HEADER + GOOD + BAD, allow_partial="true")
    assert response.status_code == 200
    assert (response.json["imported"], len(response.json["errors"])) == (3, 4)
    assert "Famiglia Diallo" in names_in_collegno(world)


def test_a_file_without_the_required_columns_or_not_utf8_is_refused(world):
    assert upload(world, "name,phone\nx,1\n").status_code == 422
    latin1 = world.web.client.post(
        f"/registry/api/v1/networks/{world.collegno['id']}/imports",
        data={
            "file": (
                io.BytesIO("kind,display_name\nhousehold,Niccolò\n".encode("latin-1")),
                "x.csv",
            )
        },
        headers=world.as_("operator_collegno"),
        content_type="multipart/form-data",
    )
    assert latin1.status_code == 422


def test_only_the_networks_operators_import(world):
    assert upload(world, HEADER + GOOD, actor="operator_rivoli").status_code == 403
    assert upload(world, HEADER + GOOD, actor="educator").status_code == 403


def test_the_command_line_import_reports_lines_and_imports_nothing_of_a_bad_file(world, tmp_path):
    env = {**os.environ, **settings_to_env(world.settings), "FABENE_LOG_LEVEL": "WARNING"}
    bad_file = tmp_path / "bad.csv"
    bad_file.write_text(HEADER + GOOD + BAD)
    refused = subprocess.run(
        [str(FABENE), "registry", "import", str(bad_file), "--network", world.collegno["id"]],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 1
    assert "line 6: kind" in refused.stderr
    assert "nothing imported" in refused.stdout
    good_file = tmp_path / "good.csv"
    good_file.write_text(HEADER + GOOD)
    done = subprocess.run(
        [str(FABENE), "registry", "import", str(good_file), "--network", world.collegno["id"]],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "3 of 3 row(s) imported" in done.stdout
