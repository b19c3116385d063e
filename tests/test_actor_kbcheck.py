"""`dyads kb check` (dyads.actors.kbcheck): offices without a current holder, overlaps, future ends."""
from __future__ import annotations

import json

from click.testing import CliRunner

from dyads.actors.kbcheck import check, format_report, load_classes
from dyads.cli import main

CLASSES = """
classes:
  leader: {description: head of state or government, offices: [President, Prime Minister, Captain Regent]}
  finance_minister: {description: finance minister, offices: [Finance Minister]}
shared_offices: [Captain Regent]
un_members: [ABC, DEF]
"""
HEADER = "name\taliases\tcountry\toffice\tsector\tstart\tend\tsource\n"


def data_dir(tmp_path, people: str, gaps: str = "") -> str:
    (tmp_path / "office_classes.yaml").write_text(CLASSES, encoding="utf-8")
    (tmp_path / "people.tsv").write_text(HEADER + people, encoding="utf-8")
    if gaps:
        (tmp_path / "kb-gaps-test.tsv").write_text("country\toffice\treason\n" + gaps, encoding="utf-8")
    return str(tmp_path)


def test_a_state_with_every_office_held_has_no_gap(tmp_path):
    d = data_dir(tmp_path, "Ann Ash\t\tABC\tPresident\tGOV\t2020-01-01\t\tAnn Ash\n"
                           "Bo Birch\t\tABC\tFinance Minister\tGOV\t2021-01-01\t\tBo Birch\n")
    rep = check("2024-01-01", data_dir=d)
    assert [(g.country, g.office_class) for g in rep.gaps] == [("DEF", "leader"), ("DEF", "finance_minister")]
    assert rep.held == 2


def test_an_ended_term_leaves_the_office_empty_and_a_listed_gap_is_explained(tmp_path):
    d = data_dir(tmp_path, "Ann Ash\t\tABC\tPresident\tGOV\t2020-01-01\t2023-01-01\tAnn Ash\n",
                 gaps="ABC\tFinance Minister\tholder since the 2022 reshuffle not known\n")
    rep = check("2024-01-01", data_dir=d)
    gaps = {(g.country, g.office_class): g.reason for g in rep.gaps}
    assert gaps[("ABC", "leader")] is None                      # ended: unexplained
    assert gaps[("ABC", "finance_minister")].startswith("holder since")
    assert ("ABC", "leader") not in {(g.country, g.office_class) for g in check("2022-06-01", data_dir=d).gaps}


def test_overlaps_future_ends_and_missing_sources_are_listed(tmp_path):
    d = data_dir(tmp_path, "Ann Ash\t\tABC\tPresident\tGOV\t2020-01-01\t2022-06-01\tAnn Ash\n"
                           "Cy Cole\t\tABC\tPresident\tGOV\t2022-01-01\t\t\n"
                           "Di Dunn\t\tDEF\tPrime Minister\tGOV\t2021-01-01\t2030-01-01\tDi Dunn\n")
    rep = check("2024-01-01", data_dir=d)
    assert [(o["first"], o["second"]) for o in rep.overlaps] == [("Ann Ash", "Cy Cole")]
    # two Captains Regent at once is the office's nature, no overlap
    d2 = data_dir(tmp_path, "Eva Elm\t\tABC\tCaptain Regent\tGOV\t2024-04-01\t2024-10-01\tEva Elm\n"
                            "Fay Fir\t\tABC\tCaptain Regent\tGOV\t2024-04-01\t2024-10-01\tFay Fir\n")
    assert check("2024-06-01", data_dir=d2).overlaps == []
    assert [f["name"] for f in rep.future_ends] == ["Di Dunn"]
    assert [x["name"] for x in rep.no_source] == ["Cy Cole"]
    text = format_report(rep)
    assert "overlapping terms" in text and "Di Dunn ends 2030-01-01" in text and "Cy Cole" in text


def test_the_shipped_classes_cover_the_un_members():
    classes, members = load_classes()
    assert len(members) == len(set(members)) == 193
    assert {"leader", "foreign_minister", "defence_minister", "interior_minister", "finance_minister",
            "armed_forces_chief", "central_bank_governor", "opposition_leader", "speaker"} <= set(classes)


def test_the_command_reports_and_only_strict_fails():
    runner = CliRunner()
    out = runner.invoke(main, ["kb", "check", "--limit", "3"])
    assert out.exit_code == 0 and out.output.startswith("knowledge base on ")
    js = runner.invoke(main, ["kb", "check", "--json", "--date", "2024-01-01"])
    assert js.exit_code == 0 and json.loads(js.output)["day"] == "2024-01-01"
