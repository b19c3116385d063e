"""The event coder on what real news does. Every sentence here was written for these tests."""
from __future__ import annotations

import pytest
from conftest import LAYER_KINDS, codes, events_of, language_layer

_PIPELINES: dict = {}


@pytest.fixture(params=LAYER_KINDS)
def code(request):
    """code(text, date=None) -> Document, once with each language layer: every rule here must
    hold whether only event sentences are parsed or every component runs everywhere."""
    from dyads.model import Document
    from dyads.pipeline import Pipeline

    if request.param not in _PIPELINES:
        _PIPELINES[request.param] = Pipeline(layer=language_layer(request.param), include=("aux",))
    pipeline = _PIPELINES[request.param]

    def run(text: str, date: str | None = None, id: str = "t"):
        return next(pipeline.process([Document(text=text, id=id, date=date)]))

    return run


def test_simple_transitive_assault(code):
    doc = code("Russian forces shelled the Ukrainian city of Kharkiv on Tuesday.", date="2024-03-07")
    [ev] = events_of(doc, "ASSAULT")
    assert codes(ev.actor) == ["RUS"]
    assert "UKR" in codes(ev.recipient)
    assert ev.mode == "heavy-weapons"
    assert ev.date == "2024-03-05" and ev.date_source == "text"
    assert 0 < ev.confidence <= 1


def test_passive_voice_with_agent(code):
    doc = code("Three journalists were detained by Iranian police in Tehran.")
    [ev] = events_of(doc, "COERCE")
    assert ev.mode == "arrest"
    assert codes(ev.actor) == ["IRN"] and ev.actor[0].sector == "COP"
    assert ev.recipient and ev.recipient[0].sector == "JRN"


def test_passive_welcome_is_a_visit_by_the_guest(code):
    doc = code("Azerbaijani President Ilham Aliyev was welcomed by Turkish Foreign Minister Mevlut Cavusoglu at the airport.",
               date="2023-02-25")
    [ev] = events_of(doc, "CONSULT")
    assert ev.mode == "visit"
    assert codes(ev.actor) == ["AZE"] and codes(ev.recipient) == ["TUR"]


def test_conjoined_verbs_share_the_subject(code):
    doc = code("Aliyev arrived in Ankara on Monday and was welcomed by President Erdogan at the palace.",
               date="2023-02-28")
    consult = events_of(doc, "CONSULT")
    assert consult
    assert any("AZE" in codes(e.actor) and "TUR" in codes(e.recipient) for e in consult)


def test_coordinated_actors_are_a_list(code):
    doc = code("Turkey and Azerbaijan signed a defence agreement in Baku.")
    [ev] = events_of(doc, "SUPPORT")
    assert codes(ev.actor) == ["AZE", "TUR"]
    assert ev.recipient == []


def test_presidents_of_two_countries(code):
    doc = code("The presidents of Turkey and Azerbaijan met in Istanbul.")
    [ev] = events_of(doc, "CONSULT")
    assert codes(ev.actor) == ["AZE", "TUR"]
    assert all(a.sector == "GOV" for a in ev.actor)


def test_titles_and_appositions(code):
    doc = code("Turkish Foreign Minister Mevlut Cavusoglu met his Greek counterpart, Nikos Dendias, in Athens.")
    [ev] = events_of(doc, "CONSULT")
    assert "TUR" in codes(ev.actor + ev.recipient)
    assert ev.actor[0].sector == "GOV"


def test_nominal_meeting_between(code):
    doc = code("The meeting between Erdogan and Aliyev lasted two hours.")
    [ev] = events_of(doc, "CONSULT")
    assert codes(ev.actor) == ["AZE", "TUR"]


def test_nominal_aid_sent_by(code):
    doc = code("Turkish officials thanked Azerbaijan for the rescue teams and the aid sent by Baku to the quake zone.")
    aid = events_of(doc, "AID")
    assert aid and "AZE" in codes(aid[0].actor)


def test_light_verb_held_talks(code):
    doc = code("Iranian and Saudi diplomats held talks in Beijing on Friday.")
    [ev] = events_of(doc, "CONSULT")
    assert codes(ev.actor) == ["IRN", "SAU"] or set(codes(ev.actor + ev.recipient)) >= {"IRN", "SAU"}


def test_light_verb_gave_support(code):
    doc = code("France gave its full support to the Moroccan government.")
    [ev] = events_of(doc, "SUPPORT")
    assert codes(ev.actor) == ["FRA"] and codes(ev.recipient) == ["MAR"]


def test_symmetric_meeting_has_no_recipient(code):
    doc = code("Erdogan met Aliyev in Istanbul on Saturday.", date="2023-02-27")
    [ev] = events_of(doc, "CONSULT")
    assert codes(ev.actor) == ["AZE", "TUR"] and ev.recipient == []


def test_reported_speech_codes_the_reported_event(code):
    doc = code("Ukrainian officials said Russian troops attacked a village near Kharkiv.")
    [ev] = events_of(doc, "ASSAULT")
    assert codes(ev.actor) == ["RUS"]
    assert ev.mentions[0].attribution and "Ukrainian officials" in ev.mentions[0].attribution
    assert not any(ev.event == "ASSAULT" and "UKR" in codes(ev.actor) for ev in doc.events)


def test_negated_event_is_not_asserted(code):
    doc = code("Israel did not attack Iran on Sunday, officials said.")
    assert events_of(doc, "ASSAULT") == []
    kept = events_of(doc, "ASSAULT", include_aux=True)
    assert all(e.aux_mode == "negation" for e in kept)


def test_future_cooperation_is_an_agreement(code):
    doc = code("President Erdogan will visit Baku next week.", date="2023-03-01")
    assert events_of(doc, "CONSULT") == []
    assert events_of(doc, "AGREE")


def test_hypothetical_attack_is_not_asserted(code):
    doc = code("If Russia attacks Poland, NATO troops would defend it.")
    assert events_of(doc, "ASSAULT") == []


def test_historical_event_keeps_its_date(code):
    doc = code("In August 1990, Iraqi troops invaded Kuwait.", date="2023-05-01")
    evs = events_of(doc, "ASSAULT", include_aux=True)
    assert evs and evs[0].date == "1990-08"
    assert evs[0].aux_mode == "historical"


def test_control_verb_refused_to_meet(code):
    doc = code("The Serbian president refused to meet the Kosovo delegation.")
    [ev] = events_of(doc, "REJECT")
    assert codes(ev.actor) == ["SRB"]


def test_request_with_object_control(code):
    doc = code("The United Nations urged Myanmar's military to release political prisoners.")
    [ev] = events_of(doc, "REQUEST")
    assert codes(ev.actor) == ["UNO"] and codes(ev.recipient) == ["MMR"]


def test_every_event_carries_cameo_and_scores(code):
    doc = code("Egyptian police arrested dozens of protesters in Cairo.")
    [ev] = events_of(doc, "COERCE")
    assert ev.cameo == "173" and ev.goldstein is not None
    assert ev.quad_code == 4 and ev.plover_score is not None


def test_media_credit_is_not_an_actor(code):
    doc = code("Reuters reported that Chinese warships entered Japanese waters near the Senkaku islands.")
    for ev in doc.events:
        for ent in ev.actor + ev.recipient:
            assert ent.kind != "media"
    assert "Reuters" in doc.credited
