"""Task instances in the SWE-bench Multimodal schema, and the loaders that read them.

The hub stores `FAIL_TO_PASS`, `PASS_TO_PASS` and `image_assets` as JSON *strings*, hand-written files
usually as lists/dicts; both are accepted so the same code reads the hub, SWE-bench's own files and ours.
Every error names the file and line (and the field) because a 600-instance JSONL with one bad line is
the common case, and "KeyError: 'repo'" helps nobody.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from swebench_mm.errors import UserError
from swebench_mm.jsonfiles import check_commit, check_name, check_storable, json_document, json_lines, read_text

REQUIRED_FIELDS = ("repo", "instance_id", "base_commit", "problem_statement")
KNOWN_FIELDS = {
    "repo",
    "instance_id",
    "base_commit",
    "patch",
    "test_patch",
    "problem_statement",
    "hints_text",
    "created_at",
    "version",
    "environment_setup_commit",
    "FAIL_TO_PASS",
    "PASS_TO_PASS",
    "image_assets",
}
IMAGE_ASSET_KEYS = ("problem_statement", "patch", "test_patch")

# The repository root holds `task_instances/`; the package is installed editable from it.
SHIPPED_DIR = Path(__file__).resolve().parent.parent / "task_instances"


@dataclass(frozen=True)
class ImageAsset:
    """One image of an instance: a URL or a path relative to the instances file.

    Test patches of image-snapshot repos (Chart.js) also list binary fixtures as `{"path", "url"}`:
    `repo_path` is then where the file belongs in the repository.
    """

    ref: str
    repo_path: str | None = None

    def to_json(self) -> str | dict[str, str]:
        return self.ref if self.repo_path is None else {"path": self.repo_path, "url": self.ref}


@dataclass(frozen=True)
class TaskInstance:
    """One task: an issue on a repository at a commit, with the gold fix and the tests that judge it."""

    repo: str
    instance_id: str
    base_commit: str
    problem_statement: str
    patch: str = ""
    test_patch: str = ""
    hints_text: str = ""
    created_at: str = ""
    version: str = ""
    environment_setup_commit: str = ""
    fail_to_pass: tuple[str, ...] = ()
    pass_to_pass: tuple[str, ...] = ()
    image_assets: dict[str, tuple[ImageAsset, ...]] = field(default_factory=dict)
    # Fields outside the hub schema (eval_type, test_cmd, node_version, image_needed, ...), kept as-is
    # so specs can honour per-instance overrides.
    extra: dict[str, Any] = field(default_factory=dict)
    # Where the instance came from, for error messages and for resolving relative image paths.
    source_file: str = ""
    source_line: int = 0

    @property
    def where(self) -> str:
        """`file:line` of this instance, for messages."""
        return f"{self.source_file}:{self.source_line}" if self.source_file else self.instance_id

    @property
    def problem_images(self) -> tuple[str, ...]:
        """References (URLs or relative paths) of the images that belong to the issue text."""
        return tuple(asset.ref for asset in self.image_assets.get("problem_statement", ()))

    def image_path(self, ref: str) -> Path | None:
        """A local file for an image reference that is a relative path (shipped instances); None for URLs."""
        if "://" in ref or not self.source_file:
            return None
        return (Path(self.source_file).parent / ref).resolve()

    def to_dict(self) -> dict[str, Any]:
        """The instance in hub field names, lists as lists (not JSON strings)."""
        data = {
            "repo": self.repo,
            "instance_id": self.instance_id,
            "base_commit": self.base_commit,
            "patch": self.patch,
            "test_patch": self.test_patch,
            "problem_statement": self.problem_statement,
            "hints_text": self.hints_text,
            "created_at": self.created_at,
            "version": self.version,
            "environment_setup_commit": self.environment_setup_commit,
            "FAIL_TO_PASS": list(self.fail_to_pass),
            "PASS_TO_PASS": list(self.pass_to_pass),
            "image_assets": {k: [a.to_json() for a in v] for k, v in self.image_assets.items()},
        }
        data.update(self.extra)
        return data


def _string_list(value: Any, name: str, where: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise UserError(f"{where}: field '{name}' is a string but not a JSON list ({exc.msg})") from None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise UserError(f"{where}: field '{name}' must be a list of strings (or a JSON string of one)")
    return tuple(value)


def _asset_list(value: Any, name: str, where: str) -> tuple[ImageAsset, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise UserError(f"{where}: field '{name}' must be a list of URLs/paths or {{path, url}} objects")
    assets = []
    for item in value:
        if isinstance(item, str):
            assets.append(ImageAsset(item))
        elif isinstance(item, dict) and isinstance(item.get("url"), str):
            path = item.get("path")
            assets.append(ImageAsset(item["url"], path if isinstance(path, str) else None))
        else:
            raise UserError(f"{where}: field '{name}' has an entry that is neither a string nor {{path, url}}: {item!r:.80}")
    return tuple(assets)


def _image_assets(value: Any, where: str) -> dict[str, tuple[ImageAsset, ...]]:
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise UserError(f"{where}: field 'image_assets' is a string but not JSON ({exc.msg})") from None
    if isinstance(value, list):  # a bare list means the issue's own images
        value = {"problem_statement": value}
    if not isinstance(value, dict):
        raise UserError(f"{where}: field 'image_assets' must be an object like {{\"problem_statement\": [urls]}}")
    assets: dict[str, tuple[ImageAsset, ...]] = {}
    for key, refs in value.items():
        assets[key] = _asset_list(refs, f"image_assets.{key}", where)
    return assets


def instance_from_dict(data: Any, source_file: str = "", source_line: int = 0) -> TaskInstance:
    """Validate one raw record and turn it into a `TaskInstance`."""
    where = f"{source_file}:{source_line}" if source_file else "instance"
    if not isinstance(data, dict):
        raise UserError(f"{where}: expected a JSON object, got {type(data).__name__}")
    for name in REQUIRED_FIELDS:
        if name not in data:
            raise UserError(f"{where}: missing required field '{name}'")
        if not isinstance(data[name], str) or not data[name].strip():
            raise UserError(f"{where}: field '{name}' must be a non-empty string")
    instance_id = data["instance_id"]
    check_name(instance_id, "instance_id", where)
    where = f"{where} ({instance_id})"
    if data["repo"].count("/") != 1:
        raise UserError(f"{where}: field 'repo' must look like 'owner/name', got {data['repo']!r}")
    check_name(data["repo"], "repo", where, allow_slash=True)
    check_commit(data["base_commit"], "base_commit", where)
    for name in ("patch", "test_patch", "hints_text", "created_at", "version", "environment_setup_commit"):
        value = data.get(name)
        if value is not None and not isinstance(value, (str, int, float)):
            raise UserError(f"{where}: field '{name}' must be a string")
    if data.get("environment_setup_commit"):
        check_commit(data["environment_setup_commit"], "environment_setup_commit", where)
    for name in ("problem_statement", "patch", "test_patch", "hints_text"):
        if isinstance(data.get(name), str):
            check_storable(data[name], name, where)
    counted = data.get("validated_tests_executed")  # written by `validate --write-instances`
    if counted is not None and (not isinstance(counted, int) or isinstance(counted, bool) or counted < 1):
        raise UserError(f"{where}: field 'validated_tests_executed' must be a positive whole number (the fewest tests "
                        f"a validation run executed), not {counted!r:.40}")
    return TaskInstance(
        repo=data["repo"],
        instance_id=instance_id,
        base_commit=data["base_commit"],
        problem_statement=data["problem_statement"],
        patch=data.get("patch") or "",
        test_patch=data.get("test_patch") or "",
        hints_text=data.get("hints_text") or "",
        created_at=str(data.get("created_at") or ""),
        version=str(data.get("version") or ""),
        environment_setup_commit=data.get("environment_setup_commit") or "",
        fail_to_pass=_string_list(data.get("FAIL_TO_PASS"), "FAIL_TO_PASS", where),
        pass_to_pass=_string_list(data.get("PASS_TO_PASS"), "PASS_TO_PASS", where),
        image_assets=_image_assets(data.get("image_assets"), where),
        extra={k: v for k, v in data.items() if k not in KNOWN_FIELDS},
        source_file=source_file,
        source_line=source_line,
    )


def _json_records(path: Path, text: str) -> Iterator[tuple[int, Any]]:
    """Top-level items of a JSON array (or values of an object keyed by id) with their line numbers."""
    document = json_document(path, text)
    is_array = isinstance(document, list)
    if isinstance(document, dict) and "instance_id" in document:
        document = [document]
    elif isinstance(document, dict):
        document = list(document.values())
    if not isinstance(document, list):
        raise UserError(f"{path}: expected a JSON list of instances")
    # Re-walk the text to find where each top-level item starts, so errors can name a line.
    decoder = json.JSONDecoder()
    positions: list[int] = []
    if is_array:
        pos = text.find("[") + 1
        while len(positions) < len(document):
            while pos < len(text) and text[pos] in " \t\r\n,":
                pos += 1
            positions.append(pos)
            _, pos = decoder.raw_decode(text, pos)
    for index, item in enumerate(document):
        line = text.count("\n", 0, positions[index]) + 1 if positions else index + 1
        yield line, item


HUB_DATASET = "princeton-nlp/SWE-bench_Multimodal"
HUB_SPLITS = ("dev", "test")


def _plain(value: Any) -> Any:
    """Hub/parquet cells (timestamps, numpy arrays) as JSON-like Python values."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def _from_rows(rows: list[dict[str, Any]], source: str) -> list[TaskInstance]:
    instances, first_row = [], {}
    for number, row in enumerate(rows, start=1):
        instance = instance_from_dict({k: _plain(v) for k, v in row.items()}, source, number)
        if instance.instance_id in first_row:
            raise UserError(f"{source}:{number}: duplicate instance_id '{instance.instance_id}' (first at row {first_row[instance.instance_id]})")
        first_row[instance.instance_id] = number
        instances.append(instance)
    if not instances:
        raise UserError(f"{source}: contains no instances")
    return instances


def load_hub_split(split: str) -> list[TaskInstance]:
    """`swebench-m:dev|test` from the Hugging Face hub (needs the `hub` extra and network)."""
    if split not in HUB_SPLITS:
        raise UserError(f"swebench-m:{split}: unknown split (choose {' or '.join(HUB_SPLITS)})")
    try:
        import datasets
    except ImportError:
        raise UserError("loading from the Hugging Face hub needs the `datasets` package: pip install 'swebench-mm[hub]' "
                        "(or pass a local parquet/JSONL copy of the split)") from None
    try:
        rows = list(datasets.load_dataset(HUB_DATASET, split=split))
    except Exception as exc:  # noqa: BLE001 — the datasets library raises many types for "offline"
        first = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise UserError(f"cannot load {HUB_DATASET} [{split}] from the Hugging Face hub ({first}); without network, "
                        "download the split elsewhere and pass its parquet or JSONL file") from None
    return _from_rows(rows, f"hub:{HUB_DATASET}[{split}]")


def load_parquet(path: Path) -> list[TaskInstance]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UserError(f"{path}: reading parquet needs pyarrow: pip install 'swebench-mm[hub]'") from None
    try:
        rows = pq.read_table(path).to_pylist()
    except Exception as exc:  # noqa: BLE001 — pyarrow's errors for a damaged file vary
        raise UserError(f"{path}: not a readable parquet file ({str(exc).splitlines()[0][:160]})") from None
    return _from_rows(rows, str(path))


def load_instances(source: str | Path) -> list[TaskInstance]:
    """Load instances from `shipped`, `swebench-m:dev|test`, a `.jsonl`, `.json` or `.parquet` file."""
    if str(source).startswith("swebench-m:"):
        return load_hub_split(str(source).split(":", 1)[1])
    if str(source).endswith(".parquet") and Path(source).is_file():
        return load_parquet(Path(source))
    if str(source) == "shipped":
        path = SHIPPED_DIR / "instances.jsonl"
        if not path.exists():
            raise UserError(f"the shipped task set is missing: {path} does not exist")
    else:
        path = Path(source)
    if not path.exists():
        raise UserError(f"{path}: no such file (expected 'shipped', swebench-m:dev|test, or a .jsonl, .json or .parquet file of instances)")
    if path.is_dir():
        raise UserError(f"{path}: is a directory; pass the instances file inside it")
    text = read_text(path)
    records = _json_records(path, text) if path.suffix == ".json" else json_lines(path, text)
    instances: list[TaskInstance] = []
    first_line: dict[str, int] = {}
    for line, record in records:
        instance = instance_from_dict(record, str(path), line)
        if instance.instance_id in first_line:
            raise UserError(
                f"{path}:{line}: duplicate instance_id '{instance.instance_id}' "
                f"(first on line {first_line[instance.instance_id]})"
            )
        first_line[instance.instance_id] = line
        instances.append(instance)
    if not instances:
        raise UserError(f"{path}: contains no instances")
    return instances


def select_instances(instances: list[TaskInstance], ids: list[str] | None) -> list[TaskInstance]:
    """Keep the instances named in `ids` (in file order); unknown ids are an error, not silence."""
    if not ids:
        return instances
    known = {instance.instance_id for instance in instances}
    unknown = [instance_id for instance_id in ids if instance_id not in known]
    if unknown:
        raise UserError(f"unknown instance id(s): {', '.join(unknown)}")
    wanted = set(ids)
    return [instance for instance in instances if instance.instance_id in wanted]
