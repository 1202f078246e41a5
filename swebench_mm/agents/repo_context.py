"""What the non-interactive scaffolds (pipeline, retrieval) see of a repository.

They do not explore: they get the source files listed, ranked against the issue with BM25, and read in one
go. Tests, dependencies and build output are left out, because a fix never belongs there and they would
crowd the model's context out (a minified bundle alone can fill it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rank_bm25 import BM25Okapi

from swebench_mm.agents.environment import Environment

SOURCE_SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".tsx", ".vue", ".svelte",
                   ".css", ".scss", ".less", ".html")
EXCLUDED_DIRS = {"node_modules", "dist", "build", "lib-cov", "coverage", "vendor", ".git", "test", "tests", "spec",
                 "__tests__", "__snapshots__", "__mocks__", "fixtures", "e2e"}
MAX_FILE_BYTES = 256 * 1024
_WORD = re.compile(r"[A-Za-z][a-z]+|[A-Z]+(?![a-z])|\d+")


def is_source_file(path: str) -> bool:
    parts = path.split("/")
    if any(part in EXCLUDED_DIRS for part in parts[:-1]):
        return False
    name = parts[-1]
    if ".min." in name or ".test." in name or ".spec." in name or name.endswith(".d.ts"):
        return False
    return name.endswith(SOURCE_SUFFIXES)


def list_source_files(env: Environment) -> list[str]:
    """Tracked source files at the base commit, sorted."""
    listing = env.execute("git ls-files -z", timeout_s=60).output
    return sorted(path for path in listing.split("\0") if path and is_source_file(path))


def read_source_files(env: Environment, paths: list[str]) -> dict[str, str]:
    """The text of each path; binary, oversized and unreadable files are left out."""
    contents = env.read_many(paths, max_bytes=MAX_FILE_BYTES)
    texts = {}
    for path, data in contents.items():
        if b"\0" in data:
            continue
        texts[path] = data.decode("utf-8", errors="replace")
    return texts


def ranked_sources(env: Environment, query: str) -> tuple[dict[str, str], list[str]]:
    """The repository's source files and their paths ranked against `query`; both empty if it has none."""
    sources = read_source_files(env, list_source_files(env))
    return sources, [path for path, _ in rank_files(query, sources)]


def tokens(text: str) -> list[str]:
    """Words for BM25: identifiers split at camelCase and underscores, lowercased (`colorFor` → color, for)."""
    return [word.lower() for word in _WORD.findall(text)]


def rank_files(query: str, files: dict[str, str]) -> list[tuple[str, float]]:
    """Files by BM25 score against the query (the issue text), best first; the path counts as content too."""
    if not files:
        return []
    paths = sorted(files)
    corpus = [tokens(path) * 3 + tokens(files[path]) for path in paths]
    scores = BM25Okapi(corpus).get_scores(tokens(query))
    return sorted(zip(paths, (float(s) for s in scores)), key=lambda item: (-item[1], item[0]))


def numbered(text: str) -> str:
    """A file with line numbers, so the model can point at lines and the trajectory shows what it saw."""
    return "\n".join(f"{n:>5} {line}" for n, line in enumerate(text.splitlines(), start=1))


@dataclass
class FileContext:
    """Files that fit a character budget, in order; `left_out` counts the ranked ones that did not, `cut`
    names a file shown only in part."""

    files: dict[str, str]
    left_out: int
    cut: str | None = None

    def render(self, with_line_numbers: bool = True) -> str:
        blocks = []
        for path, text in self.files.items():
            body = numbered(text) if with_line_numbers else text
            note = f"\n[... the rest of {path} is not shown: it does not fit the context]" if path == self.cut else ""
            blocks.append(f'<file path="{path}">\n{body}{note}\n</file>')
        return "\n".join(blocks)


def fit_files(ranked_paths: list[str], files: dict[str, str], max_chars: int, max_files: int | None = None) -> FileContext:
    """Take files in rank order while they fit; a file too big for what is left is skipped, not cut — except
    when the best-ranked file alone is too big: then its beginning is shown rather than nothing at all."""
    chosen: dict[str, str] = {}
    cut = None
    used = 0
    for path in ranked_paths:
        if max_files is not None and len(chosen) >= max_files:
            break
        text = files.get(path)
        if text is None:
            continue
        if used + len(text) > max_chars:
            if chosen or cut is not None:
                continue
            text = text[: text.rfind("\n", 0, max_chars) + 1] or text[:max_chars]
            cut = path
        chosen[path] = text
        used += len(text)
    return FileContext(chosen, left_out=len([p for p in ranked_paths if p in files]) - len(chosen), cut=cut)
