"""The shipped knowledge base: named people of the founding article and terms of office.

These read the package's own people.tsv, so they also check that the facts it
holds resolve as intended (the in-memory table of test_actors.py checks the logic).
"""
from __future__ import annotations

import pytest

from dyads.actors.resolver import default_resolver


@pytest.fixture(scope="module")
def kb():
    return default_resolver()


def who(kb, text, date):
    res = kb.resolve(text, date=date)
    return (res.code, res.sector) if res is not None else (None, None)


@pytest.mark.parametrize("text", ["Erdogan", "President Erdogan", "Recep Tayyip Erdoğan", "Mr Erdoğan"])
def test_erdogan_on_the_day_of_the_istanbul_meeting(kb, text):
    assert who(kb, text, "2023-02-25") == ("TUR", "GOV")


@pytest.mark.parametrize("text", ["Aliyev", "President Ilham Aliyev", "Mr Aliyev", "İlham Əliyev"])
def test_aliyev_on_the_day_of_the_istanbul_meeting(kb, text):
    assert who(kb, text, "2023-02-25") == ("AZE", "GOV")


@pytest.mark.parametrize("text", ["Mevlüt Çavuşoğlu", "Mevlut Cavusoglu", "Cavusoglu",
                                  "the Turkish foreign minister, Mevlüt Çavuşoğlu", "Foreign Minister Çavuşoğlu"])
def test_cavusoglu_any_spelling_is_turkish_government_in_2023(kb, text):
    assert who(kb, text, "2023-02-25") == ("TUR", "GOV")


def test_anadolu_is_a_media_organization(kb):
    for text in ("Anadolu Agency", "Anadolu", "the Anadolu news agency"):
        res = kb.resolve(text)
        assert res is not None and res.kind == "media", text


def test_cavusoglu_before_during_and_after_his_terms(kb):
    assert who(kb, "Cavusoglu", "2016-03-01") == ("TUR", "GOV")      # foreign minister
    assert who(kb, "Cavusoglu", "2024-01-10") == ("TUR", "ELI")      # after 2023-06-04: former official


def test_same_name_resolves_differently_before_during_and_after_a_term(kb):
    # Guillermo Botero, Colombia's defence minister 2018-2019
    before = kb.resolve("Guillermo Botero", date="2016-05-01")
    assert before.code == "COL" and before.sector != "GOV"
    assert who(kb, "Guillermo Botero", "2019-01-01") == ("COL", "GOV")
    assert who(kb, "Guillermo Botero", "2021-06-01") == ("COL", "ELI")


def test_office_change_keeps_government_sector_and_country(kb):
    # prime minister 2003-2014, president since 2014
    assert who(kb, "Erdogan", "2010-01-01") == ("TUR", "GOV")
    assert kb.resolve("Erdogan", date="2010-01-01").office == "Prime Minister"
    assert kb.resolve("Erdogan", date="2020-01-01").office == "President"


def test_defence_minister_hands_over(kb):
    assert who(kb, "Hulusi Akar", "2020-05-05") == ("TUR", "GOV")
    assert who(kb, "Hulusi Akar", "2024-05-05") == ("TUR", "ELI")
    assert who(kb, "Yaşar Güler", "2024-05-05") == ("TUR", "GOV")


def test_security_chiefs_and_subnational_leaders(kb):
    assert who(kb, "Gina Haspel", "2019-03-01") == ("USA", "SPY")
    assert who(kb, "Francois Lecointre", "2019-03-01") == ("FRA", "MIL")
    assert who(kb, "Chief Minister Usman Buzdar", "2020-10-20")[0] == "PAK"


def test_aliases_on_any_term_row_match(kb):
    # a variant written only on a later term row still finds the person
    from dyads.actors.gazetteer import DATA_DIR, read_tsv

    rows = [r for r in read_tsv(DATA_DIR / "people.tsv")]
    by_name: dict[str, list[dict]] = {}
    for r in rows:
        by_name.setdefault(r["name"], []).append(r)
    checked = 0
    for name, terms in by_name.items():
        first = set(terms[0]["aliases"].split("|"))
        for t in terms[1:]:
            for alias in t["aliases"].split("|"):
                if alias and alias not in first and len(alias.split()) >= 2:
                    res = kb.resolve(alias, date=t["start"])
                    assert res is not None and res.code == t["country"], (name, alias)
                    checked += 1
                    break
        if checked >= 20:
            break
