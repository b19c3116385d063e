"""PETRARCH dictionary import and user overlays (dyads.actors.petrarch, dyads.actors.overlay)."""
from __future__ import annotations

import textwrap

import pytest

from dyads.actors.overlay import build_resolver, load_overlay, merge_rows
from dyads.actors.petrarch import load_petrarch, parse_code

DICT = textwrap.dedent("""\
    # a tiny Phoenix-style dictionary written for these tests
    !MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES

    QUENTIN_ZAMBRANO_          # trailing "_": no plural
    +Q._ZAMBRANO_
    [ZZZGOV 150101-191231]
    [ZZZELI]

    ORLA_VANTERPOOL_ [ZZZMIL <091231] [ZZZLEG >200101] [ZZZBUS]

    NORTHERN_WIND_BRIGADE_ [ZZZREB]   # a group: undated code
    PLOVERTOWN_RELIEF_FUND_ [NGOHLHIRC]
    GRAND_PALAVER_ [IGOUNO]

    BEEKEEPER [~AGR]
    !MINIST! OF_WEATHER_AFFAIRS [~GOV]
    """)


@pytest.fixture()
def dic(tmp_path):
    p = tmp_path / "actors.dic"
    p.write_text(DICT, encoding="utf-8")
    return p


def test_parse_code_blocks_and_dates():
    c = parse_code("TURGOV 150101-191231")
    assert (c.code, c.sector, c.start.isoformat(), c.end.isoformat()) == ("TUR", "GOV", "2015-01-01", "2020-01-01")
    assert (parse_code("IGOUNO").code, parse_code("IGOUNO").sector) == ("UNO", "")
    assert (parse_code("NGOHLHIRC").code, parse_code("NGOHLHIRC").sector) == ("NGO", "MED")
    assert parse_code("AZEELI").sector == "ELI"
    assert parse_code("USAMED").sector == "JRN"            # CAMEO MED is media
    assert parse_code("SYRINS").sector == "REB"
    assert parse_code("USAGOV >990101").start.year == 1999    # yy >= 50 -> 19yy
    assert parse_code("USAGOV <491231").end.isoformat() == "2050-01-01"
    assert parse_code("~LAB").agent and parse_code("~LAB").sector == "LAB"


def test_import_rows(dic):
    rows = load_petrarch([str(dic)])
    people = [r for r in rows["people"] if r["name"] == "Quentin Zambrano"]
    assert {(r["sector"], r["start"], r["end"]) for r in people} == {
        ("GOV", "2015-01-01", "2020-01-01"), ("ELI", "", "2015-01-01"), ("ELI", "2020-01-01", "")}
    assert people[0]["aliases"] == "Q. Zambrano"               # trailing "_": no plural
    orgs = {r["name"]: r for r in rows["organizations"]}
    assert orgs["Northern Wind Brigade"]["code"] == "ZZZ" and orgs["Northern Wind Brigade"]["kind"] == "armed"
    assert orgs["Plovertown Relief Fund"]["code"] == "NGO" and orgs["Plovertown Relief Fund"]["kind"] == "ngo"
    assert orgs["Grand Palaver"]["code"] == "UNO"
    phrases = {r["phrase"]: r["sector"] for r in rows["agents"]}
    assert phrases["beekeeper"] == phrases["beekeepers"] == "AGR"          # simple plural
    for m in ("minister", "ministers", "ministry", "ministries"):        # macro expansion
        assert phrases[f"{m} of weather affairs"] == "GOV"


def test_imported_person_follows_date_ranges(dic):
    r = build_resolver(petrarch=[str(dic)])
    inside = r.resolve("Quentin Zambrano", "2017-06-01")
    assert (inside.code, inside.sector, inside.kind) == ("ZZZ", "GOV", "person")
    assert r.resolve("Quentin Zambrano", "2021-03-01").sector == "ELI"     # after the range: default code
    assert r.resolve("Quentin Zambrano", "2010-03-01").sector == "ELI"     # before it too
    assert r.resolve("Q. Zambrano", "2016-01-01").sector == "GOV"          # synonym
    # "<" and ">" ranges with a default in between
    assert r.resolve("Orla Vanterpool", "2005-01-01").sector == "MIL"
    assert r.resolve("Orla Vanterpool", "2015-01-01").sector == "BUS"
    assert r.resolve("Orla Vanterpool", "2022-01-01").sector == "LEG"


def test_imported_agents_and_organizations(dic):
    r = build_resolver(petrarch=[str(dic)])
    bees = r.resolve("Turkish beekeepers")
    assert (bees.code, bees.sector) == ("TUR", "AGR")
    assert r.resolve("the ministry of weather affairs").sector == "GOV"
    brigade = r.resolve("the Northern Wind Brigade")
    assert (brigade.code, brigade.sector, brigade.kind) == ("ZZZ", "REB", "organization")
    assert r.resolve("Grand Palaver").code == "UNO"
    assert r.resolve("Plovertown Relief Fund").code == "NGO"


def test_overlay_adds_person_and_overrides_organization(tmp_path, dic):
    y = tmp_path / "my.yaml"
    y.write_text(textwrap.dedent("""\
        people:
          - name: Jane Doe
            aliases: [J. Doe]
            terms: [{country: USA, office: Senator, sector: LEG, start: 2021-01-03, end: null}]
        organizations:
          - {name: Hezbollah, aliases: [Hizbollah], code: LBN, sector: PTY, kind: party}
        agents:
          - {phrase: drone operators, sector: MIL}
          - {phrase: president, sector: GOV}
        countries:
          - {name: Narnia, aliases: [], code: NAR}
        """), encoding="utf-8")
    base = build_resolver()
    assert base.resolve("Hezbollah").sector == "REB"                     # shipped row
    r = build_resolver(overlays=[str(y)], petrarch=[str(dic)])
    jane = r.resolve("Jane Doe", "2022-05-01")
    assert (jane.code, jane.sector, jane.kind, jane.office) == ("USA", "LEG", "person", "Senator")
    assert r.resolve("Jane Doe", "2020-05-01").sector is None             # before her term
    hez = r.resolve("Hezbollah")
    # overridden, not duplicated (beside PTY: GOV or OPP, from the shipped party-terms table)
    assert (hez.code, hez.sector, hez.sectors.count("PTY")) == ("LBN", "PTY", 1)
    assert r.resolve("Hizbollah").sector == "PTY"
    drones = r.resolve("Syrian drone operators")
    assert (drones.code, drones.sector) == ("SYR", "MIL")
    assert r.resolve("Narnia").code == "NAR"
    assert r.resolve("President Ramon Castellar", "1990-01-01").office == "President"   # role kept on override
    assert r.resolve("Quentin Zambrano", "2017-06-01").sector == "GOV"              # both layers present
    assert build_resolver(overlays=[str(y)], petrarch=[str(dic)]) is r              # cached


def test_merge_rows_replaces_same_name():
    base = [{"name": "A Corp", "code": "USA"}, {"name": "B Corp", "code": "USA"}]
    out = merge_rows("organizations", base, [{"name": "a corp", "code": "GBR"}])
    assert [(r["name"], r["code"]) for r in out] == [("B Corp", "USA"), ("a corp", "GBR")]


@pytest.mark.parametrize("line,reason", [
    ("[ZZZGOV]", "code line before any phrase"),
    ("BAD_ENTRY [ZZGOV]", "bad actor code"),
    ("BAD_ENTRY [ZZZGOV 150101-1912]", "bad date"),
    ("BAD_ENTRY [ZZZGOV 191231-150101]", "ends before it starts"),
    ("BAD ENTRY [ZZZGOV]", "join words with '_'"),
    ("!NOPE! OF_THINGS [~GOV]", "undefined macro"),
    ("BAD_ENTRY [~XYZ]", "unknown agent code"),
    ("+SYNONYM_", "synonym line before any phrase"),
    ("BAD_ENTRY [ZZZGOV", "unbalanced bracket"),
])
def test_malformed_petrarch_lines_name_file_and_line(tmp_path, line, reason):
    p = tmp_path / "bad.dic"
    p.write_text(f"# header\n\n{line}\n", encoding="utf-8")
    with pytest.raises(ValueError) as ei:
        load_petrarch([str(p)])
    assert str(ei.value).startswith(f"{p}:3: ")
    assert reason in str(ei.value)


def test_entry_without_code_is_an_error(tmp_path):
    p = tmp_path / "nocode.dic"
    p.write_text("LONELY_NAME_\nOTHER_NAME_ [ZZZGOV]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"nocode\.dic:1: .*no \[CODE\]"):
        load_petrarch([str(p)])


@pytest.mark.parametrize("body,reason", [
    ("people:\n  - {name: Jane Roe, terms: [{country: usa1, sector: LEG}]}\n", "people[0] (Jane Roe) terms[0]: country"),
    ("people:\n  - {name: Jane Roe, terms: [{country: USA, sector: XXX}]}\n", "unknown sector 'XXX'"),
    ("people:\n  - {name: Jane Roe, terms: [{country: USA, start: 3 May}]}\n", "not an ISO date"),
    ("organizations:\n  - {name: X Front, code: SYR, kind: gang}\n", "organizations[0] (X Front): unknown kind"),
    ("organizations:\n  - {code: SYR}\n", "organizations[0]: missing name"),
    ("agents:\n  - {phrase: pilots, sector: MIL, colour: red}\n", "agents[0] (pilots): unknown field(s) colour"),
    ("actors:\n  - {name: X}\n", "unknown section 'actors'"),
    ("people: [\n", "not valid YAML"),
])
def test_overlay_validation_names_file_and_entry(tmp_path, body, reason):
    y = tmp_path / "bad.yaml"
    y.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError) as ei:
        load_overlay(y)
    assert str(ei.value).startswith(f"{y}: ")
    assert reason in str(ei.value)


def test_docs_example_runs():
    import pathlib
    import re

    doc = (pathlib.Path(__file__).resolve().parents[1] / "docs" / "actors.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", doc, re.S)
    assert blocks
    for b in blocks:
        exec(compile(b, "docs/actors.md", "exec"), {})
