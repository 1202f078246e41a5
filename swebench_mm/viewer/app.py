"""The viewer's HTTP side: a Flask app whose handlers look runs up, call `model`, and render a template.

Pages are Jinja2 templates with autoescaping, served with a Content-Security-Policy that allows no script
at all and nothing from another origin (the stylesheet and the images come from this app), so anything a
model, a repository or a log wrote shows as text. Only Host headers naming this machine are answered, so a
web page elsewhere cannot reach the viewer through DNS rebinding.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

from flask import Flask, abort, render_template, request, send_file
from werkzeug.serving import BaseWSGIServer, make_server

from swebench_mm.errors import UserError
from swebench_mm.instances import TaskInstance
from swebench_mm.issue_images import ImageSources, IssueImages, issue_images
from swebench_mm.paths import cache_dir
from swebench_mm.reports.load import RunData, load_report_instances
from swebench_mm.viewer import model

CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "X-Frame-Options": "DENY", "Cache-Control": "no-store"}
RELOAD_AFTER_S = 3.0  # runs being written are re-read at most this often
SEARCH_CACHE_CHARS = 200_000_000


class RunSet:
    """The runs on view, re-read when a page asks and they are older than RELOAD_AFTER_S (an agent may be
    writing one), and the issue images of their instances, looked up once per instance."""

    def __init__(self, references: list[str], runs_dir: Path, instances_file: str | None,
                 image_dirs: list[Path] | None = None) -> None:
        self.references, self.runs_dir = list(references), runs_dir
        self.image_sources = ImageSources(image_dirs, allow_download=False)
        self._lock = threading.Lock()
        self._runs = model.load_runs(self.references, runs_dir)  # errors in the names show before serving
        self._loaded = time.monotonic()
        self.instances: dict[str, TaskInstance] = load_report_instances(self._runs, instances_file)
        self._images: dict[str, IssueImages] = {}
        self._texts: dict[tuple[str, int, int], str] = {}
        self._text_chars = 0

    def runs(self) -> list[RunData]:
        with self._lock:
            if time.monotonic() - self._loaded > RELOAD_AFTER_S:
                try:
                    self._runs = model.load_runs(self.references, self.runs_dir)
                except UserError:
                    pass  # a run folder gone or half-copied meanwhile: keep showing what was last read
                self._loaded = time.monotonic()
            return self._runs

    def issue_images(self, instance_id: str) -> IssueImages:
        instance = self.instances.get(instance_id)
        if instance is None:
            return IssueImages()
        with self._lock:
            if instance_id not in self._images:
                self._images[instance_id] = issue_images(instance, allow_download=False, sources=self.image_sources)
            return self._images[instance_id]

    def trajectory_text(self, runs: list[RunData], row: model.Row, query: str = "") -> str | None:
        """The searchable text of a row's trajectory (kept while the file is unchanged and the cache has room);
        "" without parsing when the raw file shows that `query` cannot be in it."""
        result = runs[row.run].results.get(row.instance_id)
        path = result.trajectory_file if result is not None else None
        if path is None:
            return None
        try:
            stat = path.stat()
        except OSError:
            return None
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if key in self._texts:
                return self._texts[key]
        try:
            if query and not model.may_contain(path.read_bytes(), query):
                return ""
            data = result.trajectory
        except Exception:  # noqa: BLE001 — an unreadable trajectory simply has nothing to find
            return None
        text = model.trajectory_text(data) if isinstance(data, dict) else ""
        with self._lock:
            if self._text_chars + len(text) <= SEARCH_CACHE_CHARS:
                self._texts[key] = text
                self._text_chars += len(text)
        return text


def create_app(references: list[str], runs_dir: Path = Path("runs"), instances_file: str | None = None,
               image_dirs: list[Path] | None = None) -> Flask:
    """The viewer of the runs named (folders, run ids under `runs_dir`), or of every run under `runs_dir`;
    issue images from the download cache and the `image_dirs` manifests (never downloaded)."""
    runs = RunSet(references, runs_dir, instances_file, image_dirs)
    app = Flask(__name__)
    app.config["TRUSTED_HOSTS"] = ["127.0.0.1", "localhost"]
    app.config["MAX_CONTENT_LENGTH"] = 1024
    app.jinja_env.autoescape = True  # every template, whatever its name
    app.extensions["swebench_mm_runs"] = runs

    @app.after_request
    def secure(response):  # type: ignore[no-untyped-def]
        response.headers.update(HEADERS)
        return response

    @app.template_filter("money")
    def money(value: Any) -> str:
        return "unknown" if value is None else f"${value:.4f}" if isinstance(value, (int, float)) else str(value)

    @app.get("/")
    def index():  # type: ignore[no-untyped-def]
        loaded = runs.runs()
        rows = model.instance_rows(loaded, runs.instances)
        filters = model.parse_filters(request.args)
        chosen = model.filter_rows(rows, filters, lambda row: runs.trajectory_text(loaded, row, filters.q))
        return render_template("index.html", headers=model.run_headers(loaded), rows=chosen, total=len(rows),
                               filters=filters, facets=model.facets(loaded, rows))

    def _issue(instance_id: str) -> model.IssueView | None:
        images = runs.issue_images(instance_id)
        return model.issue_view(runs.instances.get(instance_id), images.paths, images.problems)

    @app.get("/run/<int:r>/<instance_id>")
    def trajectory(r: int, instance_id: str):  # type: ignore[no-untyped-def]
        loaded = runs.runs()
        if r >= len(loaded):
            abort(404)
        result = model.result_view(r, loaded[r], instance_id)
        if result is None:
            abort(404)
        others = [(n, loaded[n].name) for n in model.runs_with(loaded, instance_id) if n != r]
        return render_template("instance.html", result=result, issue=_issue(instance_id), others=others,
                               follow=request.args.get("follow") == "1")

    @app.get("/compare/<instance_id>")
    def compare(instance_id: str):  # type: ignore[no-untyped-def]
        loaded = runs.runs()
        pair = model.compare_pair(loaded, instance_id, request.args.get("a"), request.args.get("b"))
        if pair is None:
            abort(404, description=f"fewer than two runs have {instance_id}")
        having = [(n, loaded[n].name) for n in model.runs_with(loaded, instance_id)]
        return render_template("compare.html", instance_id=instance_id, issue=_issue(instance_id), pair=pair,
                               having=having, results=[model.result_view(n, loaded[n], instance_id) for n in pair])

    @app.get("/image/<int:r>/<instance_id>")
    def image(r: int, instance_id: str):  # type: ignore[no-untyped-def]
        loaded = runs.runs()
        result = loaded[r].results.get(instance_id) if r < len(loaded) else None
        if result is None or result.folder is None:
            abort(404)
        roots = [loaded[r].source, cache_dir() / "issue-images"]
        path = model.resolve_image(request.args.get("path", ""), result.folder, roots,
                                   runs.issue_images(instance_id).paths)
        if path is None:
            abort(404)
        return send_file(path, mimetype=model.IMAGE_TYPES[path.suffix.lower()], max_age=0)

    @app.get("/favicon.ico")
    def favicon():  # type: ignore[no-untyped-def]
        return "", 204

    @app.get("/issue-image/<instance_id>/<int:n>")
    def issue_image(instance_id: str, n: int):  # type: ignore[no-untyped-def]
        paths = runs.issue_images(instance_id).paths
        if n >= len(paths) or paths[n].suffix.lower() not in model.IMAGE_TYPES:
            abort(404)
        return send_file(paths[n], mimetype=model.IMAGE_TYPES[paths[n].suffix.lower()], max_age=0)

    return app


def make_viewer_server(app: Flask, port: int) -> BaseWSGIServer:
    """A threaded server for `app` on 127.0.0.1 (port 0: a free one; `server.port` says which).

    The socket is bound here, so a busy port raises OSError for the caller to explain (werkzeug's own
    binding prints and exits)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.bind(("127.0.0.1", port))
        listener.listen(128)
        server = make_server("127.0.0.1", listener.getsockname()[1], app, threaded=True, fd=listener.fileno())
    finally:
        listener.close()  # the server holds its own duplicate of the socket
    return server
