"""The web app codes requests in parallel through the one shared pipeline, with no lock of its own.

Several different `POST /api/extract` and playground requests are sent at once, from threads,
to a real server (uvicorn on a loopback port): each answer must be exactly the answer the same
request gets when it is sent alone. A pipeline that kept per-document state on itself would mix
the documents up here (issue 13: one `Pipeline` serves any number of threads).
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from web_server import LiveServer

# written for this test: different actors, places, dates and event types in each
ARTICLES = [
    {"text": "Kenyan police arrested 30 opposition supporters in Nairobi on Monday after a rally turned "
             "violent, the interior ministry said.", "date": "2024-07-08"},
    {"text": "The foreign ministers of Chile and Argentina met in Santiago on Thursday to discuss a shared "
             "water project.\n\nBoth governments agreed to set up a joint commission.", "date": "2023-11-17"},
    {"text": "Indian troops fired on a Pakistani border post near Sialkot on Saturday, Pakistan's army said, "
             "and Islamabad summoned India's deputy high commissioner in protest.", "date": "2022-09-04"},
    {"text": "Japan sent emergency food and medical supplies to the Philippines on Wednesday after a typhoon "
             "struck the island of Luzon.", "date": "2021-10-13"},
    {"text": "Hundreds of farmers protested outside the parliament in Warsaw on Tuesday against grain imports "
             "from Ukraine.", "date": "2023-04-11"},
]
PLAYGROUND = [
    {"text": "Egyptian mediators met Hamas and Israeli negotiators in Cairo on Sunday.", "date": "2024-02-11"},
    {"text": "Brazil expelled a Venezuelan diplomat from Brasilia on Friday, the foreign ministry said.",
     "date": "2023-06-09"},
    {"text": "Ethiopian forces shelled rebel positions in Tigray last week, according to aid workers.",
     "date": "2021-12-03"},
]
ROUNDS = 3          # each request several times over, so that codings overlap in every order


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # the requests here neither read nor write the store; an empty one is enough
    with LiveServer(str(tmp_path_factory.mktemp("concurrency") / "empty.db")) as live:
        yield live


def _extract(client: httpx.Client, body: dict) -> tuple[int, object]:
    r = client.post("/api/extract", json=body)
    return r.status_code, r.json()


def _playground(client: httpx.Client, body: dict) -> tuple[int, object]:
    r = client.post("/playground", data=body)
    return r.status_code, r.text


def test_parallel_requests_answer_as_requests_sent_alone(server):
    jobs = [(_extract, a) for a in ARTICLES] + [(_playground, p) for p in PLAYGROUND]
    with httpx.Client(base_url=server.url, timeout=120) as client:
        alone = [call(client, body) for call, body in jobs]         # one at a time: the reference
    assert all(status == 200 for status, _ in alone), [status for status, _ in alone]
    assert all(answer["events"] for answer in (a for _, a in alone[:len(ARTICLES)])), "each text has an event"

    work = [i for _ in range(ROUNDS) for i in range(len(jobs))]
    start = threading.Barrier(len(work))
    local = threading.local()

    def send(i: int) -> tuple[int, object]:
        call, body = jobs[i]
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=server.url, timeout=120)
        start.wait(timeout=60)          # every request goes out at once
        return call(local.client, body)

    with ThreadPoolExecutor(max_workers=len(work)) as pool:
        answers = list(pool.map(send, work))
    wrong = [(jobs[i][1]["text"][:40], "status" if got[0] != alone[i][0] else "answer")
             for i, got in zip(work, answers) if got != alone[i]]
    assert not wrong, f"{len(wrong)} of {len(work)} parallel answers differ from the answer alone: {wrong}"


def test_the_web_app_holds_no_coding_lock():
    """The pipeline is shared as it is: no lock of the web app's own around it (issue 13)."""
    import inspect

    from dyads.web import api, pages

    for module in (api, pages):
        names = [n for n, v in vars(module).items() if isinstance(v, type(threading.Lock()))]
        assert not names, f"{module.__name__} holds locks: {names}"
        assert "threading" not in inspect.getsource(module)
