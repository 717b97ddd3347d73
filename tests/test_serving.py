"""The model service (helpers.serving): started as a subprocess on 127.0.0.1, called with a real HTTP client.

One small model is saved as a bundle and served once for the whole module; the tests compare its
answers with the model's own predictions, send it bad input of every kind (each must get a 4xx
with a JSON message, never a 500), and put it under a bounded load.
"""

import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import keras
import numpy as np
import pytest

from helpers import serving
from helpers.text import multi_hot_encode

NUM_WORDS = 200
LABELS = ["earn", "acq", "crude", "grain", "money-fx"]
WORDS = ["the", "of", "said", "oil", "prices", "wheat", "shares", "dlrs", "company's", "pct"]
REQUESTS, CLIENTS = 500, 8
# Keras 3.15 on TensorFlow 2.21 converts a variable with np.array(x) when saving: numpy 2 warns, harmlessly.
pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept a copy keyword:DeprecationWarning")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((NUM_WORDS,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(len(LABELS), activation="softmax"),
    ])
    word_index = {word: rank for rank, word in enumerate(WORDS, start=1)} | {"rare": 5_000}
    folder = serving.save_bundle(model, word_index, num_words=NUM_WORDS, labels=LABELS, name="test model",
                                 folder=tmp_path_factory.mktemp("bundle"))
    return folder, model


@pytest.fixture(scope="module")
def server(bundle):
    with serving.Server(bundle[0], timeout=90) as running:
        yield running
    assert running.process.poll() is not None, "the server should be stopped after the tests"


def post(server, body, **kwargs):
    return httpx.post(server.url("/predict"), json=body, timeout=30, **kwargs)


def test_the_bundle_holds_the_model_and_its_preprocessing(bundle):
    folder, _ = bundle
    assert {p.name for p in folder.iterdir() if not p.name.endswith(".log")} == {"model.keras", "word_index.json", "config.json"}
    config = json.loads((folder / "config.json").read_text())
    assert config["num_words"] == NUM_WORDS and config["labels"] == LABELS and config["index_from"] == 3
    kept = json.loads((folder / "word_index.json").read_text())
    assert "rare" not in kept and kept["oil"] == 4, "only the words the model can see are kept, with their ranks"


def test_health_and_the_openapi_page(server):
    health = httpx.get(server.url("/health"), timeout=10).json()
    assert health["status"] == "ok" and health["num_words"] == NUM_WORDS and health["labels"] == len(LABELS)
    schema = httpx.get(server.url("/openapi.json"), timeout=10).json()
    assert "/predict" in schema["paths"] and "/health" in schema["paths"]
    docs = httpx.get(server.url("/docs"), timeout=10)
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_predictions_agree_with_the_model(server, bundle):
    _, model = bundle
    texts = ["Oil prices rose 3 pct, the company's chief said.", "wheat wheat of the", "nothing here is known"]
    indices = [serving.encode_text(t, json.loads((bundle[0] / "word_index.json").read_text()), NUM_WORDS) for t in texts]
    expected = model.predict(multi_hot_encode(indices, NUM_WORDS), verbose=0)
    for body in ({"texts": texts}, {"indices": indices}):
        reply = post(server, body | {"probabilities": True, "top_k": 2})
        assert reply.status_code == 200, reply.text
        predictions = reply.json()["predictions"]
        got = np.array([p["probabilities"] for p in predictions])
        np.testing.assert_allclose(got, expected, atol=1e-6)
        assert [p["label"] for p in predictions] == list(np.argmax(expected, axis=1))
        assert all(p["name"] == LABELS[p["label"]] and len(p["top"]) == 2 for p in predictions)
    words = post(server, {"texts": texts}).json()["predictions"]
    assert [(p["words"], p["known_words"]) for p in words] == [(9, 6), (4, 4), (4, 0)]


def test_text_is_encoded_as_keras_loads_reuters(folders, monkeypatch):
    from helpers import datasets

    monkeypatch.setenv("COURSE_MODE", "test")
    word_index = datasets.reuters_word_index()
    (wires, _), _ = datasets.load_reuters(num_words=1_000)
    # Every word kept (num_words=None would still drop the rarest one): the text a user would have.
    (full_wires, _), _ = datasets.load_reuters(num_words=max(word_index.values()) + 4)
    reverse = {rank + 3: word for word, rank in word_index.items()}
    for wire, full_wire in zip(wires[:100], full_wires[:100]):
        text = " ".join(reverse[i] for i in full_wire[1:])  # the start marker is the service's to add
        assert serving.encode_text(text, word_index, 1_000) == list(wire)


BAD = {
    "not JSON": (b"{'texts': ", "not valid JSON"),
    "a JSON list": (b"[1, 2, 3]", None),
    "neither texts nor indices": ({}, None),
    "both texts and indices": ({"texts": ["oil"], "indices": [[1, 2]]}, "exactly one"),
    "texts not a list": ({"texts": "oil prices"}, "texts"),
    "texts of numbers": ({"texts": [1, 2]}, "texts"),
    "no texts": ({"texts": []}, "texts"),
    "an empty text": ({"texts": [""]}, "texts"),
    "a text without words": ({"texts": ["... !!! ..."]}, "no words"),
    "a flat list of indices": ({"indices": [1, 2, 3]}, "indices"),
    "indices nested too deep": ({"indices": [[[1]]]}, "indices"),
    "an empty list of indices": ({"indices": [[]]}, "indices"),
    "an index as a string": ({"indices": [[1, "2"]]}, "indices"),
    "a float index": ({"indices": [[1, 2.5]]}, "indices"),
    "a boolean index": ({"indices": [[True]]}, "indices"),
    "an index past the vocabulary": ({"indices": [[1, NUM_WORDS]]}, "outside"),
    "a negative index": ({"indices": [[1, -1]]}, "outside"),
    "a huge index": ({"indices": [[1, 10**30]]}, "outside"),
    "a null index": ({"indices": [[1, None]]}, "indices"),
    "top_k zero": ({"texts": ["oil"], "top_k": 0}, "top_k"),
    "top_k past the labels": ({"texts": ["oil"], "top_k": 50}, "top_k"),
    "too many items": ({"texts": ["oil"] * (serving.MAX_ITEMS + 1)}, "texts"),
    "a file name field": ({"texts": ["oil"], "model": "/etc/passwd"}, "model"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_input_gets_a_4xx_with_a_json_message(server, name):
    body, fragment = BAD[name]
    if isinstance(body, bytes):
        reply = httpx.post(server.url("/predict"), content=body, headers={"content-type": "application/json"}, timeout=30)
    else:
        reply = post(server, body)
    assert 400 <= reply.status_code < 500, f"{name}: {reply.status_code} {reply.text[:300]}"
    message = reply.json()["error"]
    assert isinstance(message, str) and message, name
    if fragment:
        assert fragment in message, f"{name}: {message!r} should mention {fragment!r}"


def test_wrong_method_content_type_and_path(server):
    assert httpx.get(server.url("/predict"), timeout=10).status_code == 405
    assert httpx.get(server.url("/../etc/passwd"), timeout=10).status_code == 404
    plain = httpx.post(server.url("/predict"), content=b"oil prices", headers={"content-type": "text/plain"}, timeout=10)
    assert 400 <= plain.status_code < 500 and plain.json()["error"]


def test_a_body_over_the_limit_is_refused_before_parsing(server):
    big = {"texts": ["oil " * (serving.MAX_BODY_BYTES // 4)]}
    reply = post(server, big)
    assert reply.status_code == 413 and "limit" in reply.json()["error"]

    def chunks():  # no Content-Length: the limit must hold while the bytes arrive
        yield b'{"texts": ["'
        for _ in range(serving.MAX_BODY_BYTES // 1024 + 1):
            yield b"oil " * 256
        yield b'"]}'

    reply = httpx.post(server.url("/predict"), content=chunks(), headers={"content-type": "application/json"}, timeout=30)
    assert reply.status_code == 413, reply.text[:300]
    assert httpx.get(server.url("/health"), timeout=10).status_code == 200, "the server should survive large bodies"


def test_file_names_are_only_text(server, bundle):
    before = sorted(p.name for p in bundle[0].iterdir())
    reply = post(server, {"texts": ["/etc/passwd", "../../model.keras", "file:///etc/shadow"]})
    assert reply.status_code == 200
    assert sorted(p.name for p in bundle[0].iterdir()) == before


def test_a_bounded_load_without_errors(server, capsys, record_property):
    bodies = [{"texts": [f"oil prices rose {i} pct said the company's chief"]} for i in range(REQUESTS)]

    def client(part):
        latencies, statuses = [], []
        with httpx.Client(timeout=30) as http:
            for body in part:
                start = time.perf_counter()
                statuses.append(http.post(server.url("/predict"), json=body).status_code)
                latencies.append(time.perf_counter() - start)
        return latencies, statuses

    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(client, [bodies[i::CLIENTS] for i in range(CLIENTS)]))
    seconds = time.perf_counter() - start
    latencies = sorted(t for r in results for t in r[0])
    statuses = [s for r in results for s in r[1]]
    assert len(statuses) == REQUESTS and set(statuses) == {200}, f"errors: {[s for s in statuses if s != 200][:10]}"
    p50, p99 = statistics.median(latencies), latencies[int(0.99 * (len(latencies) - 1))]
    record_property("requests_per_second", REQUESTS / seconds)
    record_property("p50_ms", 1000 * p50)
    record_property("p99_ms", 1000 * p99)
    with capsys.disabled():
        print(f"\nload test: {REQUESTS} requests from {CLIENTS} clients in {seconds:.1f} s, {REQUESTS / seconds:.0f} "
              f"requests/s, latency p50 {1000 * p50:.1f} ms, p99 {1000 * p99:.1f} ms, 0 errors")


def test_a_missing_bundle_names_the_notebook(tmp_path, capsys):
    with pytest.raises(serving.BundleError, match="project_serving"):
        serving.Server(tmp_path).start()
    assert serving.main(["--bundle", str(tmp_path)]) == 2
    assert "project_serving" in capsys.readouterr().err


def test_a_server_that_does_not_come_up_fails_clearly_and_is_stopped(bundle):
    server = serving.Server(bundle[0], timeout=0.01)
    with pytest.raises(serving.ServerError, match="did not answer"):
        server.start()
    assert server.process.poll() is not None, "the server that did not come up should be stopped"
