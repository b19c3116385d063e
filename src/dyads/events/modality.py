"""PLOVER auxiliary modes: is a stated event asserted, or negated, future, hypothetical?

Works on the dependency parse around a trigger token. Historical statements
are decided later, from the event's date (see `dyads.dates`).
"""
from __future__ import annotations

from spacy.tokens import Token

from dyads.events.syntax import first_infinitive, lower_lemma, to_infinitive
from dyads.vocabulary import words

# word lists: data/vocabulary.yaml
FUTURE_AUX = words("future_auxiliaries")
HYPOTHETICAL_AUX = words("hypothetical_auxiliaries")
# Verbs that put an embedded event in the future or in the realm of intention.
FUTURE_CONTROLLERS = words("future_controllers")
TENTATIVE_CONTROLLERS = words("tentative_controllers")   # "hopes to visit": wished, not intended
HYPOTHETICAL_MARKERS = words("hypothetical_markers")
NEGATORS = words("negators")
NEGATING_CONTROLLERS = words("negating_controllers")
MODAL_ADJECTIVES = words("modal_adjectives")          # "likely to", "ready to": not yet done
ONSET_VERBS = words("onset_verbs")                    # "the sanctions will take effect": when an act begins
SEEMING_VERBS = words("seeming_verbs")                # "appears ready to drop the tax": a guess
PENDING_STATE_NOUNS = words("pending_state_nouns")    # "a visit was under consideration"
PROSPECT_NOUNS = words("prospect_nouns")              # "plans for talks", "the idea of a visit"
TRAVEL_VERBS = words("travel_verbs")                  # "was heading for Washington for talks": still to come
REFUSAL_NOUNS = words("refusal_nouns")                # "its refusal to sign": not signed
ATTEMPT_NOUNS = words("attempt_nouns")                # "a bid to oust", "an offer to mediate": not done
INTENT_NOUNS = words("intent_nouns")                  # "the decision to expel": still to come
NEGATING_PREPOSITIONS = words("negating_prepositions")  # "without a meeting"
PERMISSION_CONTROLLERS = words("permission_controllers")  # "is allowed to fly to Chicago"
DENIAL_VERBS = words("denial_verbs")                  # "denied that Britain had set a deadline"
DOUBTING_VERBS = words("doubting_verbs")              # "he doubted the U.S. could act"
HEARSAY_VERBS = words("hearsay_verbs")                # "is reported to be holding hostages"
ALLEGING_VERBS = words("alleging_verbs")              # "Iran charged that Kuwait is helping Iraq"
PURPOSE_NOUNS = words("purpose_nouns")                # "the aim is to ...": what it is for
TIME_UNITS = words("time_units")                      # "next week's visit", "tomorrow's talks"
MONTH_NAMES = words("month_names")                    # "who resigned in November": months back
RECENT_WORDS = words("recent_time_words")             # "who resigned on Tuesday": news
HABITUAL_ADVERBS = words("habitual_adverbs")          # "has often called on": a habit
PAST_MODIFIERS = words("past_modifiers")              # "the recent accord": background
PROHIBITIONS = words("prohibition_nouns")             # "its ban on diplomats speaking with"
RENOUNCING = words("renouncing_verbs")                # "waived its right to impose duties"
MOTION_NOUNS = words("motion_nouns")                  # "vetoed a resolution to impose sanctions"
DEFEATING_VERBS = words("defeating_verbs")
HEDGES = words("hedging_adverbs")                     # "will likely honor": a prediction
FUTURE_MODIFIERS = words("future_modifiers")          # "upcoming talks", "due here for a visit"
POSSIBLE_MODIFIERS = words("possible_modifiers")      # "a possible meeting", "the proposed visit"
ANTICIPATING_WORDS = words("anticipating_words")      # "ahead of the summit", "pending talks"
RESTRICTING_MARKERS = words("restricting_markers")    # "will resign only after ...": a condition
AWAITING_MARKERS = words("awaiting_markers")        # "will lift the tariffs once Tokyo complies"
CAUSATIVE_VERBS = words("causative_verbs")            # "seek to have the state retaliate"
PROPOSING_VERBS = words("proposing_verbs")            # "proposed talks to improve relations"
TEMPORAL_MARKERS = words("temporal_clause_markers")
AWAITED_MARKERS = words("awaited_condition_markers")   # "will not talk until X withdraws"
ONGOING_CONTROLLERS = words("ongoing_controllers")   # "will continue to demand": already doing it   # "is to meet Moi when he visits Nairobi"
FINITE_TAGS = {"VBD", "VBZ"}     # a tense of its own: no modal of another verb governs it
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "ROOT", "parataxis", "csubj"}


def clause_head(tok: Token) -> Token:
    """The verb that heads the clause a (possibly nominal) trigger sits in."""
    t = tok
    steps = 0
    while t.pos_ not in ("VERB", "AUX") and not t.tag_.startswith("VB") and t.head != t and steps < 8:
        t = t.head
        steps += 1
    return t


def _children_texts(t: Token) -> set[str]:
    return {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass", "neg", "advmod", "det")}


def aux_mode(trigger: Token, in_reported_speech: bool = False) -> str | None:
    """negation | future | hypothetical | None (asserted)."""
    verb = clause_head(trigger)
    if trigger.dep_ in ("acomp", "oprd") and lower_lemma(trigger.head) in SEEMING_VERBS:
        return "hypothetical"     # "Belgium appears ready to drop the tax": a guess at an intent
    mode = nominal_mode(trigger) if trigger is not verb else None
    if mode is None and not (trigger is not verb and _presupposed(trigger)):
        mode = _clause_mode(trigger, verb, in_reported_speech)
    if mode is None and verb.dep_ == "conj" and verb.head.i != verb.i \
            and (verb.tag_ not in FINITE_TAGS or verb.tag_ == verb.head.tag_) and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") and c.lower_ != "to" for c in verb.children):
        # "may flood the market and pressure rivals": the second verb shares the modal; a verb in
        # the past or present tense does not ("said it would defend its rights and urged Turkey"),
        # unless the first verb has that tense too ("until Turkey recognises ... and withdraws")
        mode = _clause_mode(verb.head, verb.head, in_reported_speech)
    if mode is None and _since_clause(verb):
        mode = "historical"       # "has been stable since the ministers reached the accord"
    if mode is None and _dated_aside(trigger, verb):
        mode = "historical"       # "Poindexter, who resigned in November, refused to testify"
    if mode is None and _habitual(verb):
        mode = "historical"       # "Bonn has often called on the U.S. to cut its deficit": a habit, no news
    if mode is None and _prohibited(trigger):
        mode = "negation"
    if mode is None and _as_soon_as_clause(verb) and _clause_mode(
            clause_head(verb.head), clause_head(verb.head), in_reported_speech) in ("future", "hypothetical"):
        mode = "hypothetical"     # "would lift the tariffs as soon as Tokyo complied": awaited, not done
    if mode is None and trigger.sent.text.rstrip().rstrip('"\'”’').endswith("?"):
        mode = "hypothetical"     # a question asks whether it happened
    return mode


def _prospect_mode(noun: Token) -> str:
    """A plan or a schedule puts its event ahead; an idea, a proposal or a report makes it a
    possibility."""
    return "future" if noun.lemma_.lower() in ("plan", "schedule") else "hypothetical"


def nominal_mode(trigger: Token) -> str | None:
    """A noun's own context: "no plans for talks", "without a meeting", "the idea of a visit"."""
    for c in trigger.children:
        if c.dep_ in ("amod", "compound") and c.lower_ in FUTURE_MODIFIERS:
            return "future"
        if c.dep_ in ("poss", "npadvmod", "compound") and _time_ahead(c):
            return "future"       # "next week's visit to Tokyo", "tomorrow's talks", "talks later this month"
        if c.dep_ == "det" and c.lower_ == "any":
            return "hypothetical"     # "despite any talks to avert the curbs": none reported
        if c.dep_ in ("amod", "compound") and c.lower_ in POSSIBLE_MODIFIERS:
            return "hypothetical"
        if c.dep_ == "amod" and c.lower_ in PAST_MODIFIERS:
            return "historical"   # "the recent accord", "following earlier talks": told to explain the news
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lower_ in FUTURE_MODIFIERS:
            return "future"       # "talks between Reagan and Nakasone, scheduled for Thursday"
        if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN") and any(
                g.dep_ in ("npadvmod", "advmod") and _time_ahead(g, this=True) for g in c.children):
            return "future"       # "his visit to Washington starting next Wednesday"
    after = trigger.doc[trigger.right_edge.i + 1] if trigger.right_edge.i + 1 < len(trigger.doc) else None
    if after is not None and after.tag_ == "VBG" and lower_lemma(after) in ONSET_VERBS and any(
            g.dep_ == "prep" and g.lower_ in ("on", "in") and any(k.ent_type_ == "DATE" for k in g.subtree)
            for g in after.children):
        return "future"           # "his visit to Washington starting on April 29": dated ahead, not told as done
    for k in trigger.subtree:
        if k.dep_ == "acl" and k.tag_ == "VBN" and k.lower_ in FUTURE_MODIFIERS and k.i > trigger.i \
                and k.doc[k.i - 1].text == "," and k.head.dep_ in ("pobj", "conj") and k.head.i != trigger.i:
            # "talks between the two ministers, scheduled for Monday": the parser may hang the
            # schedule on the last party named; it is the talks'
            return "future"
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "for" and lower_lemma(trigger.head.head) in TRAVEL_VERBS \
            and trigger.head.head.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in trigger.head.head.children):
        return "future"           # "was heading for Washington for talks", "is flying to Lima for talks"
    onset = _onset_mode(trigger)
    if onset is not None:
        return onset
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() == "be" and any(
            c.dep_ == "prep" and c.lower_ == "under" and any(g.dep_ == "pobj" and g.lower_ in PENDING_STATE_NOUNS
                                                            for g in c.children) for c in trigger.head.children):
        return "hypothetical"     # "a visit to Moscow by Shultz was under consideration"
    t = trigger
    for _ in range(4):
        if t.dep_ == "pobj" and t.head.lower_ in NEGATING_PREPOSITIONS:
            return "negation"
        if _anchor(t):
            return "historical"   # "stable since the ministers' accord"
        if t.dep_ == "pobj" and (t.head.lower_ in ANTICIPATING_WORDS or (
                t.head.lower_ in ("of", "for") and t.head.head.lower_ in ANTICIPATING_WORDS)):
            return "future"       # "sold dollars ahead of the meeting": the meeting is still to come
        if t is not trigger and t.pos_ == "ADJ" and t.lower_ in FUTURE_MODIFIERS:
            return "future"       # "Raimond, due here tomorrow for his first visit"
        if t is not trigger and t.pos_ in ("NOUN", "PROPN"):
            if any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "not", "neither") for c in t.children):
                return "negation"
            if t.lemma_.lower() in PROSPECT_NOUNS or t.lower_ in PROSPECT_NOUNS:
                return _prospect_mode(t)
        if t.dep_ not in ("pobj", "prep", "compound", "amod", "nmod") or t.head.i == t.i or t.pos_ == "ADJ":
            break
        t = t.head
    return None


def _onset_mode(noun: Token) -> str | None:
    """An act named by the subject of a clause that says when it begins has that clause's mode:
    "the sanctions are likely to take effect on April 17", "the talks will begin on Monday" (not
    yet begun); "the sanctions took effect on Friday" (begun)."""
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = noun.head
    if lower_lemma(verb) == "be":
        # "are likely to take effect": the adjective's infinitive says when
        adj = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ in MODAL_ADJECTIVES), None)
        inf = next((c for c in adj.children if c.dep_ == "xcomp"), None) if adj is not None else None
        if inf is not None and lower_lemma(inf) in ONSET_VERBS:
            return "hypothetical"
        return None
    if lower_lemma(verb) not in ONSET_VERBS:
        return None
    mode = _clause_mode(verb, verb, False)
    return mode if mode in ("future", "hypothetical", "negation") else None


def _presupposed(n: Token) -> bool:
    """A definite act with its own author, named as the topic of another noun ("will not issue a
    statement on the U.S. attack on Iran", "his reaction to Iran's seizure of the ship"),
    happened, whatever the clause around it says of the statement or the reaction."""
    if n.pos_ not in ("NOUN", "PROPN") or n.dep_ != "pobj" or n.head.dep_ != "prep" \
            or n.head.head.pos_ not in ("NOUN", "PROPN"):
        return False
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in n.children)
    author = [c for c in n.children if (c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her"))
              or (c.dep_ in ("compound", "amod") and c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"))]
    return bool(author) and (definite or any(c.dep_ == "poss" for c in author))


def _anchor(t: Token) -> bool:
    """Is this the earlier event a state of things is dated from, the object of "since"
    ("moving in a narrow range since the accord")? Told as background, not news. ("followed a
    meeting" is not: what follows a meeting is often its news.)"""
    return t.dep_ == "pobj" and t.head.lower_ == "since"


def _earlier_time(t: Token) -> bool:
    """Is `t` (a date phrase's head) a month or a year, not a day close by: "in November", "in
    1985", "last year", "on November 25"; not "on Tuesday", "yesterday", "last week"?"""
    if t.ent_type_ != "DATE":
        return False
    words_ = [k.lower_ for k in t.subtree if k.ent_type_ == "DATE"]
    if any(w in RECENT_WORDS for w in words_):
        return False
    return any(w in MONTH_NAMES or (w.isdigit() and len(w) == 4) or w in ("year", "years") for w in words_)


def _dated_aside(trigger: Token, verb: Token) -> bool:
    """An event told in passing, with a date of its own months or years back: in a relative
    clause ("Poindexter, who resigned in November, refused to testify"), or a noun with its own
    date ("since Poindexter's resignation in November", "last year's sanctions"); or a relative
    clause about someone "former" ("a former adviser who resigned over the scandal"). The story's
    own news is the clause it hangs from; a recent day ("who resigned on Tuesday") is news."""
    host = trigger if trigger is not verb else (verb if verb.dep_ == "relcl" else None)
    if host is None:
        return False
    if host is verb and any(c.dep_ == "amod" and c.lower_ == "former" for c in verb.head.children):
        return True     # "a former adviser who resigned over the scandal": why he is former, told before
    if host is verb and _perfect_aside(verb):
        return True     # "this banker, who has discussed debt with Greenspan, said": who he is, no news
    for c in host.children:
        if c.dep_ in ("npadvmod", "poss", "compound") and _earlier_time(c):
            return True
        if c.dep_ == "prep" and c.lower_ in ("in", "on", "during") and any(
                g.dep_ == "pobj" and _earlier_time(g) for g in c.children):
            return True
    return False


def _perfect_aside(verb: Token) -> bool:
    """A relative clause set off by a comma, in the present perfect ("X, who has met Y, ..."):
    what its person or body has done at some time, told to say who they are. Not a passive
    ("the budget, which has been widely criticized by ...": a state up to now), nor one with a
    date of its own ("which has ... this week": news)."""
    if verb.tag_ != "VBN" or not any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children) \
            or any(c.dep_ == "auxpass" for c in verb.children):
        return False
    rel = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "which")]
    if not rel or rel[0].i == 0 or verb.doc[rel[0].i - 1].text != ",":
        return False
    return not any(k.ent_type_ in ("DATE", "TIME") for c in verb.children for k in c.subtree)


def _habitual(verb: Token) -> bool:
    """Is the clause a habit or a long-standing stance, not one act: "has often called on",
    "has long sought", "has in the past rejected"? "Repeatedly accused" is news of acts up to now."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS:
            return True
        if c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" and g.lower_ == "past" for g in c.children):
            return True
    return False


def _since_clause(verb: Token) -> bool:
    """A clause opened by temporal "since" under a perfect ("has moved ... since they reached
    the accord"): the earlier event the state is dated from. Causal "since" ("since Chile
    refused, Peru will ...") governs no perfect and stays."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children):
        return False
    main = verb.head
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had", "'s", "'ve", "'d") for c in main.children) \
        or main.tag_ == "VBN"


def _clause_mode(trigger: Token, verb: Token, in_reported_speech: bool) -> str | None:
    # negation on the trigger itself or its clause verb; nominal triggers: "no talks were held"
    for t in (trigger, verb):
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no" and t.i == trigger.i):
                return "negation"
            # "no statements were released", "released no prisoners"
            if c.dep_ in ("nsubjpass", "dobj") and any(g.dep_ == "det" and g.lower_ in ("no", "neither")
                                                       for g in c.children):
                return "negation"
    if verb.dep_ == "pcomp" and verb.head.lower_ in NEGATING_PREPOSITIONS:
        return "negation"         # "without meeting the minister"
    if verb.dep_ == "ccomp" and verb.head.i != verb.i and verb.head.lemma_.lower() in DENIAL_VERBS:
        return "negation"         # "officials denied that Britain had set a deadline"
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in PROPOSING_VERBS:
        return "hypothetical"     # "he may recommend that the United States retaliate": advice
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in DOUBTING_VERBS | ALLEGING_VERBS:
        # "he doubted the U.S. was in a position to take action"; "Iran charged that Kuwait is
        # helping Iraq": doubted or alleged, not reported
        return "hypothetical"
    if _after_nor(verb):
        return "negation"         # "had not studied the damage, nor had it consulted the agency"
    noun_mode = _noun_complement_mode(verb)
    if noun_mode is not None:
        return noun_mode
    if _prospect_content(verb):
        # the content of a plan, a proposal, a report or a rumour, whatever its tense: "plans
        # to impose tariffs", "the likelihood that banks will declare the loans bad"
        return _prospect_mode(verb.head)
    texts = _children_texts(verb)
    if texts & HEDGES and (texts & FUTURE_AUX or "would" in texts or texts & HYPOTHETICAL_AUX):
        return "hypothetical"     # "will likely honor its commitment": a prediction
    if texts & FUTURE_AUX:
        if any(c.dep_ == "advcl" and _restricted(c) for c in verb.children) or _as_soon_as(verb):
            return "hypothetical"   # "will step down only after the budget passes"
        return "future"
    if "would" in texts:
        # "he said he would visit", "the EU would hold talks next month": future in the past,
        # as news reports plans; under a condition it is hypothetical
        if any(c.dep_ == "advcl" and (_conditional(c) or _restricted(c)) for c in verb.children) \
                or _conditional(verb) or _as_soon_as(verb):
            return "hypothetical"   # "would approve only if ...": a condition, not a plan
        return "future"
    if texts & HYPOTHETICAL_AUX:
        return "hypothetical"
    if _present(verb) and _coming_day(verb):
        return "future"       # "starts a visit to Washington on Sunday", "meet tomorrow": scheduled
    # "is going to meet", "is to visit", "is expected to", "plans to attend", "is likely to"
    t = verb
    for _ in range(3):
        if t.dep_ == "ccomp" and t.head != t and t.head.lemma_.lower() in CAUSATIVE_VERBS:
            t = t.head            # "to have the government retaliate": the causing verb's mode
        if t.dep_ == "xcomp" and t.head != t:
            ctrl = t.head
            lem = ctrl.lemma_.lower()
            if lem in ONGOING_CONTROLLERS:
                # "will continue to demand its retraction": they demand it now; but "is keen to
                # continue talking" is a wish
                above = ctrl.head if ctrl.dep_ == "xcomp" and ctrl.head.i != ctrl.i else None
                if above is not None and (above.lower_ in MODAL_ADJECTIVES or lower_lemma(above) in TENTATIVE_CONTROLLERS):
                    return "hypothetical"
                return None
            if lem in TENTATIVE_CONTROLLERS:
                return "hypothetical"   # "hopes to visit", "is considering a visit": no intent stated yet
            if lem in FUTURE_CONTROLLERS or ctrl.lower_ in FUTURE_CONTROLLERS:
                # "does not intend to discuss", "had no plan to": no intent at all
                return "negation" if any(c.dep_ == "neg" for c in ctrl.children) else "future"
            if lem == "be" and ctrl.tag_ in ("VBZ", "VBP") and to_infinitive(t) and not any(
                    c.dep_ in ("attr", "acomp") for c in ctrl.children) and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() not in PURPOSE_NOUNS for c in ctrl.children):
                return "future"       # "officials are to meet tomorrow": scheduled ("his mission was to brief": a purpose)
            if lem in NEGATING_CONTROLLERS or (lem in ("hold", "put") and any(
                    c.dep_ == "prt" and c.lower_ in ("up", "off", "back") for c in ctrl.children)):
                return "negation"     # "failed to reach", "agreed to hold up imposing duties"
            if lem in HEARSAY_VERBS and any(c.dep_ in ("auxpass", "nsubjpass") for c in ctrl.children):
                return "hypothetical"   # "has been reported to be holding hostages": hearsay, not told as fact
            if lem in PERMISSION_CONTROLLERS:
                return "hypothetical"   # "is allowed to fly to Chicago": a right, not a flight
            if lem in MODAL_ADJECTIVES or ctrl.lower_ in MODAL_ADJECTIVES:
                return "hypothetical"
            prospect = [c for c in ctrl.children if c.dep_ == "dobj" and c.lemma_.lower() in PROSPECT_NOUNS]
            if prospect:
                # "announced plans last week to impose tariffs" (the parser hangs the plan's
                # infinitive on the verb)
                return _prospect_mode(prospect[0])
            if _children_texts(ctrl) & {"will", "shall", "'ll"}:
                return "future"
            if "would" in _children_texts(ctrl):
                # "said Britain would use its powers to ban ...": as the controller's "would"
                return "hypothetical" if any(c.dep_ == "advcl" and _conditional(c) for c in ctrl.children) \
                    or _conditional(ctrl) else "future"
            if _children_texts(ctrl) & HYPOTHETICAL_AUX:
                return "hypothetical"
            if any(c.dep_ == "neg" for c in ctrl.children):
                return "negation"
            t = ctrl
        else:
            break
    # "if Russia attacks", "unless talks resume"
    if _conditional(verb):
        return "hypothetical"
    # a time clause of an act not yet done is not done either: "is likely to meet Moi when he
    # pays a visit to Nairobi", "will sign the accord once the president arrives"
    if verb.dep_ == "advcl" and verb.head.i != verb.i and any(
            c.dep_ in ("advmod", "mark") and c.lower_ in TEMPORAL_MARKERS for c in verb.children):
        head = clause_head(verb.head)
        if head is not verb:
            if any(c.dep_ == "acomp" and c.lower_ in MODAL_ADJECTIVES for c in head.children):
                return "hypothetical"
            mode = _clause_mode(head, head, in_reported_speech)
            if mode in ("future", "hypothetical"):
                return mode
            if mode == "negation" and verb.tag_ in ("VBZ", "VBP") and any(
                    c.dep_ == "mark" and c.lower_ in AWAITED_MARKERS for c in verb.children):
                # "will not negotiate until Turkey withdraws its troops": the condition, still
                # awaited (in the past tense, "did not talk until Iraq withdrew", it was met)
                return "hypothetical"
    # an infinitive of purpose shares the mode of the act it is the purpose of: "will meet to
    # discuss trade" is future, "opened fire to disperse the crowd" asserted
    if verb.dep_ == "advcl" and to_infinitive(verb) and any(c.dep_ == "nsubj" for c in verb.children) \
            and any(c.dep_ == "acomp" for c in verb.head.children):
        return "hypothetical"       # "it would be foolish for Japan to strike back": a judgement
    if verb.dep_ in ("advcl", "acl") and verb.tag_ == "VB" and verb.head.i != verb.i and to_infinitive(verb):
        dobj = [c for c in verb.head.children if c.dep_ == "dobj" and c.right_edge.i + 2 == verb.i]
        if dobj and dobj[0].lemma_.lower() in PROSPECT_NOUNS:
            # "announced plans to impose tariffs": the parser hangs the plan's content on the verb
            return _prospect_mode(dobj[0])
        if dobj and dobj[0].lemma_.lower() in MOTION_NOUNS and verb.head.lemma_.lower() in DEFEATING_VERBS:
            return "negation"     # "vetoed a resolution to impose sanctions": none imposed
        head = clause_head(verb.head)
        if head.lemma_.lower() in PROPOSING_VERBS:
            return "hypothetical"   # "proposed a meeting to improve relations": what it is for
        if head.tag_ == "VBG" and head.lemma_.lower() in ("go", "come", "travel", "fly", "head") and any(
                c.dep_ == "aux" and c.lemma_ == "be" for c in head.children):
            return "future"         # "is going to the Capitol to urge senators": on the way
        if head is not verb:
            return _clause_mode(head, head, in_reported_speech)
    # "plans for Venezuela to lend Ecuador crude": an infinitive with a subject of its own is a
    # for-to clause (the parser may hang it anywhere); it states no act
    if to_infinitive(verb) and verb.dep_ != "xcomp" and any(c.dep_ == "nsubj" for c in verb.children):
        return "hypothetical"
    # a participle with no subject of its own is part of its head's clause: "could file a
    # complaint challenging the decision" is as hypothetical as the filing
    if verb.tag_ == "VBG" and verb.dep_ in ("acl", "pcomp", "advcl") and verb.head.i != verb.i \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        head = clause_head(verb.head)
        if head is not verb and head.tag_ != "VBG":
            return _clause_mode(head, head, in_reported_speech)
    return None


def _present(verb: Token) -> bool:
    """Is the clause in the simple present, active ("starts") or passive ("are scheduled")?"""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP"):
        return not aux
    return verb.tag_ == "VBN" and len(aux) == 1 and aux[0].dep_ == "auxpass" and aux[0].tag_ in ("VBZ", "VBP")


def _coming_day(verb: Token) -> bool:
    """Does a present-tense clause name a day still to come: "tomorrow", "on Sunday", "next
    week", on the verb or on its object ("starts a visit to Lima on Sunday")?"""
    hosts = [verb] + [c for c in verb.children if c.dep_ == "dobj"] + [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children if g.dep_ == "pobj"]
    for host in hosts:
        if host is not verb and host.dep_ == "pobj" and _named_day(host):
            return True   # "talks are scheduled for Thursday"
        for c in host.children:
            low = c.lower_
            if c.dep_ in ("npadvmod", "advmod") and _time_ahead(c, this=True):
                return True
            if c.dep_ == "prep" and low == "on" and any(g.dep_ == "pobj" and _named_day(g) for g in c.children):
                return True
    return False


def _named_day(t: Token) -> bool:
    """A day by name ("Sunday", "tomorrow", "weekend"), not a span ("week", "month", "year")."""
    return t.lower_ in TIME_UNITS and t.lower_ not in ("week", "month", "year")


def _time_ahead(t: Token, this: bool = False) -> bool:
    """Is `t` a time still to come: "tomorrow", "tonight", "next week", "later this month" (and,
    for a verb in the present tense, "this weekend")?"""
    if t.lower_ in ("tomorrow", "tonight"):
        return True
    ahead = ("next", "coming", "following", "later") + (("this",) if this else ())
    # a day's name is a proper noun, which gets no lemma: "next Wednesday"
    return (t.lower_ in TIME_UNITS or t.lemma_.lower() in TIME_UNITS) and any(g.lower_ in ahead for g in t.children)


def _prohibited(trigger: Token) -> bool:
    """Is the act what a ban forbids? "lifted its ban on its diplomats speaking with", "barred
    from meeting the press", "the prohibition of arms sales": the act in the "on", "against",
    "from" or "of" phrase of a prohibition does not happen (lifting the ban is its own event)."""
    if trigger.dep_ == "acl" and trigger.head.dep_ == "dobj" and trigger.head.head.lemma_.lower() in RENOUNCING:
        return True     # "waived its right to impose duties": the right given up
    t = trigger
    for _ in range(5):
        if t.head.i != t.i and t.head.lemma_.lower() in PROHIBITIONS and (
                (t.dep_ == "prep" and t.lower_ in ("on", "against", "from", "of")) or t.dep_ == "acl"):
            return True     # "ban on X meeting Y", or the parser's "ban ... meeting" (acl)
        if t.dep_ not in ("pobj", "pcomp", "acl", "prep", "compound", "nmod") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _after_nor(verb: Token) -> bool:
    """"nor had the department consulted", "nor did it meet": the clause opens with "nor"."""
    if verb.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "nor" and c.i < verb.i for c in verb.head.children):
        return True
    k = verb.left_edge.i - 1
    while k >= verb.sent.start and (verb.doc[k].pos_ == "AUX" or verb.doc[k].tag_ == "MD"
                                    or verb.doc[k].lemma_.lower() in ("have", "do", "be")):
        k -= 1     # "nor had", "nor did", "nor will"
    return k >= verb.sent.start and verb.doc[k].lower_ == "nor"


def _noun_complement_mode(verb: Token) -> str | None:
    """The act an infinitive after a noun names is as done as the noun says: "its refusal to
    sign" (not signed), "a bid to oust the president" (tried), "the decision to expel the envoy"
    (still to come); so is a second infinitive joined to it ("an agreement to end Portuguese rule
    and return Macao to China")."""
    verb = first_infinitive(verb)
    if not (verb.dep_ == "acl" and verb.head.i != verb.i and verb.head.pos_ == "NOUN" and to_infinitive(verb)):
        return None
    noun = verb.head.lower_
    if noun in REFUSAL_NOUNS:
        return "negation"
    if noun in ATTEMPT_NOUNS:
        return "hypothetical"
    if noun in INTENT_NOUNS:
        return "future"
    return None


def _prospect_content(verb: Token) -> bool:
    if verb.dep_ in ("xcomp", "attr", "ccomp") and verb.head.lemma_ == "be":
        # "other options would be to retaliate": what the option is, not an act; "some of the
        # rumours were that the U.S. had struck": what a rumour says
        subj = [c for c in verb.head.children if c.dep_ == "nsubj"]
        if subj and subj[0].pos_ in ("PRON", "DET", "NUM", "ADJ"):
            subj = [g for c in subj[0].children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"] or subj
        return bool(subj) and (subj[0].lemma_.lower() in PROSPECT_NOUNS or subj[0].lower_ in PROSPECT_NOUNS)
    return verb.dep_ in ("acl", "ccomp") and verb.head.pos_ == "NOUN" and (
        verb.head.lemma_.lower() in PROSPECT_NOUNS or verb.head.lower_ in PROSPECT_NOUNS)


def _restricted(clause: Token) -> bool:
    """"only after the budget passes", "only if", "once Tokyo complies": the act waits on a
    condition."""
    marks = [c for c in clause.children if c.dep_ in ("mark", "advmod") and c.lower_ in RESTRICTING_MARKERS]
    if marks and marks[0].lower_ in AWAITING_MARKERS:
        return True
    return bool(marks) and marks[0].i > 0 and marks[0].doc[marks[0].i - 1].lower_ == "only"


def _as_soon_as(verb: Token) -> bool:
    """"would lift the tariffs as soon as Tokyo complied": the act waits on the other side's,
    like "once" (the parser hangs the clause on "soon")."""
    return any(c.lower_ == "soon" and any(_as_soon_as_clause(g) for g in c.children) for c in verb.children)


def _as_soon_as_clause(clause: Token) -> bool:
    """Is `clause` the "as Tokyo complied" of "as soon as Tokyo complied"?"""
    return clause.dep_ == "advcl" and clause.head.lower_ == "soon" and any(
        m.dep_ == "mark" and m.lower_ == "as" for m in clause.children)


def _conditional(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKERS for c in verb.children)


def future_reading(event: str, attributed: bool) -> tuple[str, str | None]:
    """What an event reported as still to come is, as (event, aux_mode), following PLOVER:
    cooperation is an expression of intent (AGREE), a retreat a concession (CONCEDE), force a
    speaker announces a threat (THREATEN); anything else stays that event, marked future."""
    from dyads import ontology

    if event in ontology.events_with("cooperative") - {"AGREE"}:
        return "AGREE", None
    if event == "RETREAT":
        return "CONCEDE", None
    if event in ontology.events_with("material_conflict") | {"PROTEST"} and attributed:
        return "THREATEN", None
    return event, "future"

