"""One validation of filter values (dyads.validation): the CLI and the API refuse the same values
with the same reason, and accept the same ones."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from dyads import validation
from dyads.cli import main

# (CLI arguments, API query parameters) of one bad value each
BAD = [
    (["--from", "2023-13"], {"from": "2023-13"}),
    (["--to", "2023-02-30"], {"to": "2023-02-30"}),
    (["--from", "2023-W54"], {"from": "2023-W54"}),
    (["--event", "HUG"], {"event": "HUG"}),
    (["--event", "AID,HUGS"], {"event": "AID,HUGS"}),
    (["--mode", "flying"], {"mode": "flying"}),
    (["--context", "war"], {"context": "war"}),
    (["--actor", "TUR/XYZ"], {"actor": "TUR/XYZ"}),          # unknown sector
    (["--recipient", "QQQ GOV"], {"recipient": "QQQ GOV"}),   # unknown country code
    (["--either", "TRK"], {"either": "TRK"}),                 # unknown code
    (["--place-country", "T1R"], {"place_country": "T1R"}),
    (["--place-country", "XYZ"], {"place_country": "XYZ"}),
]

GOOD = [
    (["--from", "2023-02", "--to", "2023-W09"], {"from": "2023-02", "to": "2023-W09"}),
    (["--event", "consult", "--event", "AGREE"], {"event": "consult,AGREE"}),
    (["--mode", "Visit"], {"mode": "Visit"}),
    (["--actor", "TURKEY"], {"actor": "TURKEY"}),             # a name, whatever its case
    (["--actor", "TUR/GOV", "--either", "GOV"], {"actor": "TUR/GOV", "either": "GOV"}),
    (["--place-country", "tur", "--context", "Military"], {"place_country": "tur", "context": "Military"}),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from dyads.store import open_store

    path = str(tmp_path_factory.mktemp("v") / "v.db")
    open_store(path).close()
    return path


@pytest.fixture(scope="module")
def client(db):
    from fastapi.testclient import TestClient

    from dyads.web import create_app

    with TestClient(create_app(db)) as c:
        yield c


def cli(db, *args):
    return CliRunner().invoke(main, ["events", "--db", db, *args])


@pytest.mark.parametrize("args,params", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_the_cli_and_the_api_refuse_a_value_with_the_same_reason(db, client, args, params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 400, r.text
    name, reason = r.json()["detail"].split(": ", 1)
    assert name == next(iter(params))
    res = cli(db, *args)
    assert res.exit_code == 2, res.output
    option = args[-2]
    assert f"Invalid value for '{option}': {reason}\n" in res.stderr
    # and the library says the same
    with pytest.raises(validation.InvalidValue) as exc:
        validation.__dict__[_CHECK[option]](args[-1], name)
    assert exc.value.reason == reason


_CHECK = {"--from": "timex", "--to": "timex", "--event": "event_types", "--mode": "modes", "--context": "context",
          "--actor": "participant", "--recipient": "participant", "--either": "participant",
          "--place-country": "country_code"}


@pytest.mark.parametrize("args,params", GOOD, ids=[" ".join(a) for a, _ in GOOD])
def test_good_values_pass_both(db, client, args, params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    res = cli(db, *args, "--format", "jsonl")
    assert res.exit_code == 0, res.output


def test_dyad_codes_are_checked_alike(db, client):
    r = client.get("/api/dyads/TURKEY/AZE")
    assert r.status_code == 400
    reason = r.json()["detail"].split(": ", 1)[1]
    res = CliRunner().invoke(main, ["dyad", "TURKEY", "AZE", "--db", db])
    assert res.exit_code == 2 and f"Invalid value for 'A': {reason}\n" in res.stderr
    r = client.get("/api/dyads/TUR/QQQ")
    res = CliRunner().invoke(main, ["dyad", "TUR", "QQQ", "--db", db])
    assert r.status_code == 400 and r.json()["detail"] == "b: unknown country code 'QQQ'"
    assert res.exit_code == 2 and "Invalid value for 'B': unknown country code 'QQQ'" in res.stderr
    assert CliRunner().invoke(main, ["dyad", "tur", "aze", "--db", db]).exit_code == 0


def test_normalised_values():
    assert validation.event_types(["consult", "AID, assault"]) == ["CONSULT", "AID", "ASSAULT"]
    assert validation.modes(("Visit",)) == ["visit"] and validation.modes(()) is None
    assert validation.participant(" tur/gov ") == "TURGOV" and validation.participant("Erdogan") == "Erdogan"
    assert validation.country_code("aze") == "AZE" and validation.timex(" 2024 ") == "2024"
    assert validation.timex("2020-W53") == "2020-W53"           # 2020 has 53 ISO weeks, 2023 has 52
    for bad in ("2023-00", "2023-02-29", "0000", "2023-2-1", "last week"):
        with pytest.raises(validation.InvalidValue, match="not a date"):
            validation.timex(bad, "from")
    assert validation.timex("2024-02-29") == "2024-02-29"
