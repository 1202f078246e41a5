"""What counts as a repository's tests and test-runner configuration: one list, two readers.

Evaluation puts every such path back to the base commit before the instance's test patch goes in (a
prediction must not make tests pass by editing them: harness/eval_script.py), and an agent's submitted
patch leaves them out (its edits to tests would be dropped anyway, and must not look like part of the
fix: agents/environment.py). Both read the patterns below, the first as shell `case` patterns, the
second as git pathspecs made from them, so the two can never disagree about a path.
None of the 612 real SWE-bench Multimodal gold patches touches such a path.
"""

from __future__ import annotations

# Shell `case` patterns over repository paths. A leading "*/" means "in any folder", a trailing "/*"
# "anything below", a leading "*" without a slash "any file name in any folder ending so".
TEST_INFRA_PATTERNS = (
    "test/*", "tests/*", "*/test/*", "*/tests/*", "__tests__/*", "*/__tests__/*", "__mocks__/*", "*/__mocks__/*",
    "spec/*", "*/spec/*", "specs/*", "*/specs/*", "*.test.*", "*.spec.*", "*-test.js", "*_test.js",
    "jest.config.*", "*/jest.config.*", "jest.setup*", "*/jest.setup*", "setupTests.*", "*/setupTests.*",
    ".mocharc*", "*/.mocharc*", "karma.conf*", "*/karma.conf*", "jasmine.json", "*/jasmine.json",
    "vitest.config.*", "*/vitest.config.*", "vitest.workspace.*", "Gruntfile.js", "gulpfile.js", ".babelrc.test*",
)
# The keys of package.json that configure test runners (and its test scripts) count as well; a pathspec
# cannot name part of a file, so only evaluation (which rewrites package.json) enforces them.
PACKAGE_JSON_TEST_KEYS = ("jest", "mocha", "jasmine", "karma", "ava", "vitest", "nyc", "c8")


def _globs(pattern: str) -> tuple[str, ...]:
    """A `case` pattern as git glob pathspecs matching the same paths (in git's glob `*` stops at "/", so
    a final `*` that may span folders becomes a second spec with "/**" after it)."""
    if pattern.startswith("*/"):
        pattern = "**/" + pattern[2:]
    elif pattern.startswith("*"):
        pattern = "**/" + pattern
    if pattern.endswith("/*"):
        return (pattern[:-2] + "/**",)
    if pattern.endswith("*"):
        return (pattern, pattern + "/**")
    return (pattern,)


def git_excludes() -> tuple[str, ...]:
    """Pathspecs that leave every test path out of a `git diff`."""
    return tuple(f":(exclude,glob){glob}" for pattern in TEST_INFRA_PATTERNS for glob in _globs(pattern))
