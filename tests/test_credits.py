"""Media credits come from one table: the media rows of data/organizations.tsv."""
from __future__ import annotations

import pytest

from dyads.actors.gazetteer import DATA_DIR, default_gazetteer, read_tsv
from dyads.cite import credit_forms, credit_key, find_credits

# the credit forms dyads knew before the table moved into organizations.tsv, with the medium
# each one names (its canonical name in organizations.tsv)
FORMER_FORMS = {
    "anatolia": "Anadolu Agency", "aa": "Anadolu Agency", "ap": "Associated Press",
    "afp": "Agence France-Presse", "upi": "United Press International", "dpa": "Deutsche Presse-Agentur",
    "efe": "Agencia EFE", "ansa": "Agenzia Nazionale Stampa Associata", "reuters": "Reuters",
    "xinhua": "Xinhua", "tass": "TASS", "irna": "Islamic Republic News Agency", "kuna": "Kuwait News Agency",
    "wam": "Emirates News Agency", "spa": "Saudi Press Agency", "mena": "Middle East News Agency",
    "pti": "Press Trust of India", "yonhap": "Yonhap", "kyodo": "Kyodo", "apa": "APA", "azertac": "Azertac",
    "trend": "Trend News Agency", "ians": "Indo-Asian News Service", "bernama": "Bernama", "antara": "Antara",
}


def _media_rows() -> list[dict[str, str]]:
    return [r for r in read_tsv(DATA_DIR / "organizations.tsv") if r.get("kind") == "media"]


@pytest.mark.parametrize("form,name", sorted(FORMER_FORMS.items()))
def test_every_former_credit_form_names_the_same_medium(form, name):
    assert credit_forms()[form] == name


def test_former_short_names_are_names_or_forms_of_that_row():
    # the short names the old table reported ("IRNA", "EFE", "Trend") are the row's own forms
    short = {"efe": "EFE", "ansa": "ANSA", "irna": "IRNA", "kuna": "KUNA", "wam": "WAM", "mena": "MENA",
             "azertac": "AZERTAC", "trend": "Trend", "ians": "IANS"}
    rows = {r["name"]: r for r in _media_rows()}
    for key, old in short.items():
        row = rows[FORMER_FORMS[key]]
        forms = {credit_key(f) for f in [row["name"], *row["aliases"].split("|"), *row["credits"].split("|")] if f}
        assert credit_key(old) in forms, old


def test_no_credit_form_names_two_media():
    seen: dict[str, str] = {}
    for row in _media_rows():
        for f in [row["name"], *row["aliases"].split("|"), *row["credits"].split("|")]:
            if f.strip():
                assert seen.setdefault(credit_key(f), row["name"]) == row["name"], f


def test_only_media_rows_have_credit_forms():
    rows = read_tsv(DATA_DIR / "organizations.tsv")
    assert [r["name"] for r in rows if r.get("credits") and r["kind"] != "media"] == []


def test_bracket_and_dateline_credits():
    text = ("ANKARA (Anatolia) - Rescue teams reached the town on Monday.\n\n"
            "Officials said more help was on the way (A.P.).\n\nMUMBAI (PTI) -- Talks ended.")
    names, spans = find_credits(text, lambda s: None)
    assert names == ["Anadolu Agency", "Press Trust of India", "Associated Press"]   # datelines first
    assert (7, 17) in spans        # "(Anatolia)" with its brackets is never an actor


def test_credit_only_forms_are_not_names_in_running_text():
    g = default_gazetteer()
    assert [m.kind for m in g.find("Tourists flocked to central Anatolia last summer.") if m.text == "Anatolia"] == []
    [pti] = [m for m in g.find("PTI supporters rallied in Lahore.") if m.text == "PTI"]
    assert (pti.kind, pti.name) == ("organization", "Pakistan Tehreek-e-Insaf")
    assert not [m for m in g.find("UPI and IANS reported it.") if m.kind == "media"]
