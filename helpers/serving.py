"""Serving a trained text classifier over HTTP: the saved bundle, the FastAPI app, and a managed server.

A *bundle* is a folder (``build/serving/`` by default) holding what the service needs and
nothing else: the model as ``model.keras``, the word index it was trained with
(``word_index.json``) and ``config.json`` (vocabulary size, label names, how words became
indices). The service does the preprocessing itself, so a client sends what a user has, raw
text or word indices, never a multi-hot vector.

The server binds 127.0.0.1 only and reads nothing but the bundle it was started with; no field
of a request names a file. Bodies over ``MAX_BODY_BYTES`` are refused (413) before any JSON is
parsed, and every bad request gets a 4xx with a JSON ``{"error": ...}`` message.

Example::

    save_bundle(model, word_index, num_words=10_000, labels=topic_names, name="reuters 64-64-46")
    with Server() as server:                       # python -m helpers.serving in a subprocess
        httpx.post(server.url("/predict"), json={"texts": ["oil prices rose"]}).json()

From a shell: ``make serve`` (or ``python -m helpers.serving --port 8000``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Annotated

import numpy as np
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from .settings import build_dir
from .text import multi_hot_encode

HOST = "127.0.0.1"  # never another address: the course's server is for this machine only
MODEL_FILE, WORD_INDEX_FILE, CONFIG_FILE = "model.keras", "word_index.json", "config.json"
MAX_BODY_BYTES = 256 * 1024  # a long Reuters wire is about 5 kB of text; 256 kB allows a batch of them
MAX_ITEMS = 64  # texts or index lists in one request
MAX_WORDS = 5_000  # indices in one list (the longest Reuters wire has about 2,400 words)
MAX_TEXT_CHARS = 50_000
# Words as the Reuters word index spells them: lower case letters, digits and apostrophes.
TOKEN = re.compile(r"[a-z0-9']+")


class BundleError(Exception):
    """The folder holds no usable model bundle; the message says which notebook makes one."""


class ServerError(RuntimeError):
    """The server subprocess did not come up (or died); the message quotes its log."""


def bundle_dir() -> Path:
    """Where the served model lives: ``build/serving/`` (``COURSE_BUILD_DIR`` moves it).

    >>> bundle_dir().name
    'serving'
    """
    return build_dir() / "serving"


def tokenize(text: str) -> list[str]:
    """Lower-case words as the Reuters word index spells them (``company's``, ``1986``).

    >>> tokenize("Oil prices ROSE 3.5 pct, the company's chief said.")
    ['oil', 'prices', 'rose', '3', '5', 'pct', 'the', "company's", 'chief', 'said']
    """
    return TOKEN.findall(text.lower())


def encode_text(text: str, word_index: dict[str, int], num_words: int, index_from: int = 3,
                start_char: int = 1, oov_char: int = 2) -> list[int]:
    """Word indices exactly as ``keras.datasets.reuters.load_data`` builds them from a wire.

    A word of rank r becomes r + ``index_from``; unknown words and words outside the
    ``num_words`` most frequent become ``oov_char``; the list starts with ``start_char``.

    >>> encode_text("the oil said", {"the": 1, "said": 5}, num_words=10)
    [1, 4, 2, 8]
    """
    indices = [start_char]
    for word in tokenize(text):
        rank = word_index.get(word)
        index = rank + index_from if rank is not None else oov_char
        indices.append(index if index < num_words else oov_char)
    return indices


def save_bundle(model, word_index: dict[str, int], *, num_words: int, labels: list[str], name: str,
                folder: Path | None = None, index_from: int = 3) -> Path:
    """Save the model with everything the service needs to preprocess and answer.

    Example::

        save_bundle(model, helpers.datasets.reuters_word_index(), num_words=10_000,
                    labels=keras.datasets.reuters.get_label_names(), name="reuters 64-64-46")
    """
    from .settings import backend, mode

    folder = Path(folder) if folder is not None else bundle_dir()
    folder.mkdir(parents=True, exist_ok=True)
    # Each file is written under a hidden name and moved into place whole: a run killed mid-save
    # leaves the previous bundle (or none), never a truncated model.
    partial = folder / f".partial-{MODEL_FILE}"  # model.save insists on the .keras suffix
    model.save(partial)
    os.replace(partial, folder / MODEL_FILE)
    # Only the words the model can see: a rank beyond num_words maps to the out-of-vocabulary index anyway.
    kept = {word: rank for word, rank in word_index.items() if rank + index_from < num_words}
    config = {"name": name, "num_words": num_words, "labels": list(labels), "index_from": index_from,
              "start_char": 1, "oov_char": 2, "trained_in_mode": mode(), "trained_on_backend": backend()}
    for filename, content in ((WORD_INDEX_FILE, json.dumps(kept)), (CONFIG_FILE, json.dumps(config, indent=1))):
        partial = folder / f".partial-{filename}"
        partial.write_text(content)
        os.replace(partial, folder / filename)
    return folder


class Bundle:
    """A loaded bundle: the model, its word index and config, and a thread-safe ``predict``.

    Example::

        bundle = Bundle.load(bundle_dir())
        probabilities = bundle.predict([[1, 14, 22]])
    """

    def __init__(self, model, word_index: dict[str, int], config: dict):
        self.model, self.word_index, self.config = model, word_index, config
        self.num_words, self.labels = int(config["num_words"]), list(config["labels"])
        self._lock = threading.Lock()  # one model call at a time: backends differ in thread safety

    @classmethod
    def load(cls, folder: Path) -> Bundle:
        folder = Path(folder)
        missing = [name for name in (MODEL_FILE, WORD_INDEX_FILE, CONFIG_FILE) if not (folder / name).is_file()]
        if missing:
            raise BundleError(
                f"No model to serve in {folder}/ (missing {', '.join(missing)}). Run "
                f"notebooks/project_serving.ipynb first (make run NB=project_serving): it trains the "
                f"Reuters classifier and saves it there."
            )
        import keras

        config = json.loads((folder / CONFIG_FILE).read_text())
        word_index = json.loads((folder / WORD_INDEX_FILE).read_text())
        return cls(keras.saving.load_model(folder / MODEL_FILE), word_index, config)

    def encode(self, text: str) -> list[int]:
        c = self.config
        return encode_text(text, self.word_index, self.num_words, c["index_from"], c["start_char"], c["oov_char"])

    def predict(self, sequences: list[list[int]]) -> np.ndarray:
        import keras

        x = multi_hot_encode(sequences, num_classes=self.num_words).astype("float32")
        with self._lock:
            # A direct call, not model.predict(): no per-call dataset set-up, so small requests stay fast.
            return keras.ops.convert_to_numpy(self.model(x, training=False))


Text = Annotated[StrictStr, Field(min_length=1, max_length=MAX_TEXT_CHARS)]
Indices = Annotated[list[StrictInt], Field(min_length=1, max_length=MAX_WORDS)]


class PredictRequest(BaseModel):
    """Either ``texts`` (raw text) or ``indices`` (word indices as Keras' loader gives them), not both."""

    model_config = ConfigDict(extra="forbid")
    texts: Annotated[list[Text], Field(min_length=1, max_length=MAX_ITEMS)] | None = None
    indices: Annotated[list[Indices], Field(min_length=1, max_length=MAX_ITEMS)] | None = None
    top_k: StrictInt = Field(3, ge=1, description="how many of the most likely labels to list")
    probabilities: StrictBool = Field(False, description="also return every label's probability")

    @model_validator(mode="after")
    def one_kind_of_input(self):
        if (self.texts is None) == (self.indices is None):
            raise ValueError("send exactly one of 'texts' (a list of strings) or 'indices' (a list of lists of integers)")
        return self


class Label(BaseModel):
    label: int
    name: str
    probability: float


class Prediction(BaseModel):
    label: int
    name: str
    probability: float
    top: list[Label]
    words: int = Field(description="words (or indices) read, the start marker not counted")
    known_words: int = Field(description="of those, how many the model's vocabulary holds")
    probabilities: list[float] | None = None


class PredictResponse(BaseModel):
    model: str
    predictions: list[Prediction]


def _error(status: int, message: str, detail=None) -> JSONResponse:
    body = {"error": message} if detail is None else {"error": message, "detail": detail}
    return JSONResponse(body, status_code=status)


class BodyLimit:
    """ASGI middleware: refuse a body over ``max_bytes`` with 413 before anything parses it.

    It trusts neither Content-Length nor its absence: it counts the bytes as they arrive and
    stops reading at the limit, then hands the application the body it has buffered.
    """

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        too_big = _error(413, f"The request body is over the limit of {self.max_bytes} bytes; send fewer or shorter items.")
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            return await too_big(scope, receive, send)
        chunks, total = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.max_bytes:
                return await too_big(scope, receive, send)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body, replayed = b"".join(chunks), False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def create_app(folder: Path | None = None, max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The FastAPI application serving the bundle in ``folder``: ``GET /health``, ``POST /predict``, ``/docs``.

    Example::

        uvicorn.run(create_app(bundle_dir()), host="127.0.0.1", port=8000)
    """
    bundle = Bundle.load(folder if folder is not None else bundle_dir())
    import keras

    app = FastAPI(
        title=f"Course model service: {bundle.config['name']}",
        description="Topic of a Reuters newswire from its raw text or its word indices. "
        f"Bodies over {max_body_bytes} bytes are refused; at most {MAX_ITEMS} items per request.",
        version="1.0",
    )
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        # Name where and what, but do not echo the input back: it may be large.
        errors = exc.errors()
        if any(e["type"] == "json_invalid" for e in errors):
            where = next(e["loc"][-1] for e in errors if e["type"] == "json_invalid")
            return _error(422, f"The request body is not valid JSON (the error is at character {where}).")
        problems = [f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in errors]
        return _error(422, "The request does not match the schema at /docs: " + "; ".join(problems[:5]), problems[:20])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(exc.status_code, str(exc.detail))

    @app.get("/health")
    def health():
        return {"status": "ok", "model": bundle.config["name"], "num_words": bundle.num_words,
                "labels": len(bundle.labels), "trained_in_mode": bundle.config.get("trained_in_mode"),
                "backend": keras.backend.backend()}

    @app.post("/predict", response_model=PredictResponse, response_model_exclude_none=True, responses={413: {}, 422: {}})
    def predict(request: PredictRequest):
        if request.top_k > len(bundle.labels):
            return _error(422, f"top_k is {request.top_k}, but the model knows only {len(bundle.labels)} labels.")
        if request.texts is not None:
            sequences = [bundle.encode(text) for text in request.texts]
            empty = [i for i, s in enumerate(sequences) if len(s) == 1]
            if empty:
                return _error(422, f"Text {empty[0]} has no words (letters or digits); send the wire's text.")
            words = [s[1:] for s in sequences]  # without the start marker the service added
        else:
            sequences = words = request.indices
            for i, sequence in enumerate(sequences):
                bad = [index for index in sequence if not 0 <= index < bundle.num_words]
                if bad:
                    return _error(422, f"indices[{i}] holds {bad[0]}, outside 0..{bundle.num_words - 1}: "
                                       f"the model was trained on the {bundle.num_words} most frequent words.")
        probabilities = bundle.predict(sequences)
        predictions = []
        for p, w in zip(probabilities, words):
            order = np.argsort(-p)[: request.top_k]
            top = [Label(label=int(k), name=bundle.labels[k], probability=float(p[k])) for k in order]
            oov = bundle.config["oov_char"]
            predictions.append(Prediction(
                label=top[0].label, name=top[0].name, probability=top[0].probability, top=top,
                words=len(w), known_words=sum(1 for index in w if index != oov),
                probabilities=[float(v) for v in p] if request.probabilities else None,
            ))
        return PredictResponse(model=bundle.config["name"], predictions=predictions)

    return app


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now.

    >>> 1024 <= free_port() < 65536
    True
    """
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """``python -m helpers.serving`` in a subprocess, up once ``/health`` answers; stopped on exit.

    Example::

        with Server(timeout=90) as server:
            httpx.get(server.url("/health")).json()
    """

    def __init__(self, folder: Path | None = None, port: int | None = None, timeout: float = 90.0):
        self.folder = Path(folder) if folder is not None else bundle_dir()
        self.port, self.timeout, self.process = port or free_port(), timeout, None
        self.log = self.folder / f"server-{self.port}.log"

    def url(self, path: str = "") -> str:
        return f"http://{HOST}:{self.port}{path}"

    def start(self) -> Server:
        import httpx

        missing = [n for n in (MODEL_FILE, WORD_INDEX_FILE, CONFIG_FILE) if not (self.folder / n).is_file()]
        if missing:
            raise BundleError(f"No model to serve in {self.folder}/ (missing {', '.join(missing)}). "
                              "Run notebooks/project_serving.ipynb first (make run NB=project_serving).")
        command = [sys.executable, "-m", "helpers.serving", "--bundle", str(self.folder), "--port", str(self.port),
                   "--parent-pid", str(os.getpid())]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy())
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"The server exited with code {self.process.returncode} before answering /health.")
            try:
                if httpx.get(self.url("/health"), timeout=2.0).status_code == 200:
                    return self
            except httpx.TransportError:
                pass  # not listening yet
            time.sleep(0.25)
        self._fail(f"The server did not answer {self.url('/health')} within {self.timeout:.0f} s "
                   "(a busy machine? raise the timeout).")

    def _fail(self, message: str):
        tail = self._log_tail()
        self.stop(keep_log=True)
        raise ServerError(f"{message} The end of its log ({self.log}):\n{tail}")

    def _log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, keep_log: bool = False) -> None:
        """Stop the server; its log is deleted unless it died by itself (or ``keep_log``)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        elif self.process.returncode != 0:
            keep_log = True  # it died on its own: the log says why
        if not keep_log:
            self.log.unlink(missing_ok=True)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _exit_with_parent(parent_pid: int) -> None:
    # A notebook kernel that dies between cells cannot run its finally: the server then stops itself.
    def watch():
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.serving [--bundle DIR] [--port 8000]``: serve on 127.0.0.1 until Ctrl-C."""
    parser = argparse.ArgumentParser(description="Serve the course's saved model on 127.0.0.1.")
    parser.add_argument("--bundle", type=Path, default=None, help="bundle folder (default: build/serving/)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--parent-pid", type=int, default=None, help="exit when this process is gone (Server uses it)")
    args = parser.parse_args(argv)
    if args.parent_pid:
        _exit_with_parent(args.parent_pid)
    try:
        app = create_app(args.bundle)
    except BundleError as e:
        print(e, file=sys.stderr)
        return 2
    import uvicorn

    print(f"Serving {app.title} on http://{HOST}:{args.port} (API page: /docs); Ctrl-C stops it.", flush=True)
    uvicorn.run(app, host=HOST, port=args.port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
