"""The evaluation script run inside the container, and the markers that structure its log.

The whole evaluation of one prediction is one readable `eval.sh`, saved beside the results, so a user
can re-run exactly what was graded by hand (`docker run -it IMAGE bash`, then the script). Markers in
its output tell the harness which patch method worked and where the test output starts and ends.

The test section's markers carry a per-evaluation nonce that the code under test cannot know: the
harness copies it in as a file, the script reads it into an unexported shell variable and deletes the
file before anything of the prediction runs, so a patch cannot print a forged end marker and results.
"""

from __future__ import annotations

import re
import shlex

from swebench_mm.harness.specs import EnvSpec, final_test_command
from swebench_mm.instances import TaskInstance
from swebench_mm.patches import files_in_patch, new_files_in_patch  # noqa: F401 — part of this module's API
from swebench_mm.test_infrastructure import PACKAGE_JSON_TEST_KEYS, TEST_INFRA_PATTERNS

WORKDIR = "/swebench_mm"
APPLIED = ">>>>> Applied Patch"
NO_PATCH = ">>>>> No Patch"
APPLY_FAILED = ">>>>> Patch Apply Failed"
TEST_PATCH_FAILED = ">>>>> Test Patch Apply Failed"
START_TESTS = ">>>>> Start Test Output"
END_TESTS = ">>>>> End Test Output"
START_PLACEHOLDERS = ">>>>> Placeholders"
END_PLACEHOLDERS = ">>>>> End Placeholders"
# Written by the image's checkout step (dockerfiles/checkout.sh): files the repository mirror lacked.
PLACEHOLDER_LIST = "/etc/swebench-mm/placeholders"
TEST_ASSETS_DIR = "test-assets"
NONCE_FILE = "nonce"
MAX_FILE_KB = 2 * 1024 * 1024
START_RESULTS = ">>>>> Results File"
END_RESULTS = ">>>>> End Results File"
START_DROPPED = ">>>>> Dropped Test Infrastructure"
END_DROPPED = ">>>>> End Dropped Test Infrastructure"

# Every process but the eval script and its parents (the time limit's `timeout`, the container's init).
END_LEFTOVER_PROCESSES = ('for _ in 1 2; do for p in /proc/[0-9]*; do case " $$ $PPID 1 " in *" ${p#/proc/} "*) ;; '
                          '*) kill -KILL "${p#/proc/}" 2>/dev/null ;; esac; done; done')
EXIT_APPLY_FAILED = 97
EXIT_TEST_PATCH_FAILED = 98

# Tried in order; each is undone with `git reset --hard` before the next so none sees a half-applied tree.
APPLY_METHODS = (
    ("git apply", "git apply --verbose --whitespace=nowarn {patch}"),
    ("git apply --3way", "git apply --verbose --whitespace=nowarn --3way {patch}"),
    ("patch --fuzz=3", "patch --batch --forward --fuzz=3 -p1 -i {patch}"),
)

def test_command(instance: TaskInstance, spec: EnvSpec) -> str:
    """The command the script runs: decided by the spec resolution (specs.final_test_command), not here."""
    return final_test_command(instance, spec)


def _restore_test_infrastructure() -> str:
    """Shell lines that put back every test file or runner configuration the prediction changed, and the
    test keys and scripts of package.json, printing what was dropped between markers."""
    cases = "|".join(TEST_INFRA_PATTERNS)
    keys = ",".join(f'"{key}"' for key in PACKAGE_JSON_TEST_KEYS)
    node_script = (
        "const fs=require('fs');const b=JSON.parse(fs.readFileSync(process.argv[1]));"
        "const n=JSON.parse(fs.readFileSync('package.json'));let d=false;"
        "const same=(x,y)=>JSON.stringify(x)===JSON.stringify(y);"
        f"for(const k of [{keys}]){{if(!same(b[k],n[k])){{d=true;if(b[k]===undefined)delete n[k];else n[k]=b[k];}}}}"
        "const bs=b.scripts||{},ns=n.scripts||{};"
        "for(const k of new Set([...Object.keys(bs),...Object.keys(ns)])){if(/^(pre|post)?test/.test(k)&&!same(bs[k],ns[k])){"
        "d=true;if(bs[k]===undefined)delete ns[k];else ns[k]=bs[k];n.scripts=ns;}}"
        "if(d){fs.writeFileSync('package.json',JSON.stringify(n,null,2)+'\\n');console.log('package.json (test settings)');}"
    )
    return f"""dropped=$({{ git diff --name-only HEAD; git ls-files --others --exclude-standard; }} 2>/dev/null | sort -u | while IFS= read -r path; do
  case "$path" in
    {cases})
      if git cat-file -e "HEAD:$path" 2>/dev/null; then git checkout -q HEAD -- "$path"; else rm -f -- "$path"; fi
      echo "$path" ;;
  esac
done
if [ -f package.json ] && ! git diff --quiet HEAD -- package.json 2>/dev/null && git cat-file -e HEAD:package.json 2>/dev/null; then
  git show HEAD:package.json > /tmp/swebench-mm-base-package.json
  node -e {shlex.quote(node_script)} /tmp/swebench-mm-base-package.json 2>/dev/null
fi)
if [ -n "$dropped" ]; then echo '{START_DROPPED}'; echo "$dropped"; echo '{END_DROPPED}'; fi
"""


def render_eval_script(instance: TaskInstance, spec: EnvSpec) -> str:
    created = set(new_files_in_patch(instance.test_patch))
    existing = [f for f in files_in_patch(instance.test_patch) if f not in created]
    reset_tests = ""
    if existing:
        reset_tests += f"git checkout -q \"$BASE_COMMIT\" -- {' '.join(shlex.quote(f) for f in existing)}\n"
    if created:
        reset_tests += f"rm -f -- {' '.join(shlex.quote(f) for f in sorted(created))}\n"
    env_exports = "".join(f"export {k}={shlex.quote(v)}\n" for k, v in sorted(spec.env.items()))
    attempts = []
    for index, (name, command) in enumerate(APPLY_METHODS):
        # The tree is clean for the first attempt; later ones start by undoing what a failed one left.
        condition = command.format(patch=WORKDIR + "/patch.diff")
        if index:
            condition = f"git reset -q --hard && {condition}"
        attempts.append(f"  {'if' if index == 0 else 'elif'} {condition}; then\n    echo '{APPLIED} ({name})'\n")
    return f"""#!/bin/bash
# Evaluation of one prediction for {instance.instance_id}, generated by swebench-mm.
# Inputs beside this script: patch.diff (the prediction), test.patch (the instance's tests).
set -uo pipefail
# The nonce of this evaluation's test-section markers: read, then gone before any code of the patch runs.
NONCE=$(cat {WORKDIR}/{NONCE_FILE} 2>/dev/null); rm -f {WORKDIR}/{NONCE_FILE}
cd /testbed
export CI=true FORCE_COLOR=0 NO_COLOR=1 TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
ulimit -f {MAX_FILE_KB}  # no single file over 2 GiB (the writable layer as a whole is watched by the harness)
{env_exports}BASE_COMMIT={instance.base_commit}
if [ -s {PLACEHOLDER_LIST} ]; then
  echo '{START_PLACEHOLDERS}'; cut -f1 {PLACEHOLDER_LIST}; echo '{END_PLACEHOLDERS}'
fi

if [ -s {WORKDIR}/patch.diff ]; then
{''.join(attempts)}  else
    echo '{APPLY_FAILED}'
    exit {EXIT_APPLY_FAILED}
  fi
else
  echo '{NO_PATCH}'
fi

# Tests are the instance's, not the prediction's: test files and runner configuration go back to the base
# commit (what the prediction changed there is listed), then the test patch is applied.
{_restore_test_infrastructure()}{reset_tests}if [ -s {WORKDIR}/test.patch ]; then
  git apply --verbose --whitespace=nowarn {WORKDIR}/test.patch || {{ echo '{TEST_PATCH_FAILED}'; exit {EXIT_TEST_PATCH_FAILED}; }}
fi
# Binary fixtures the test patch changes but cannot carry (staged by swebench-mm: harness/test_assets.py).
if [ -d {WORKDIR}/{TEST_ASSETS_DIR} ]; then cp -R {WORKDIR}/{TEST_ASSETS_DIR}/. /testbed/; fi

{_results_file_setup(spec)}echo "{START_TESTS} $NONCE"
# Each command is traced ("+ command"), as in the official evaluation's logs, whose parsers split on it.
set -x
{test_command(instance, spec)}
{{ status=$?; set +x; }} 2>/dev/null
# Nothing the tests started may write after this point: every process but this script and its parents
# (the time limit's `timeout`, the container's init) ends here; twice, for one forked meanwhile.
{END_LEFTOVER_PROCESSES}
echo "{END_TESTS} $NONCE (exit code $status)"
{_results_file_print(spec)}exit $status
"""


def _results_file_setup(spec: EnvSpec) -> str:
    """Where the test command writes its results file: a name with the nonce in it, in a variable the
    command's own processes do not inherit."""
    if not spec.results_file:
        return ""
    return 'RESULTS_FILE="/tmp/swebench-mm-results-$NONCE.json"; rm -f "$RESULTS_FILE"\n'


def _results_file_print(spec: EnvSpec) -> str:
    if not spec.results_file:
        return ""
    return (f'if [ -f "$RESULTS_FILE" ]; then echo "{START_RESULTS} $NONCE"; cat "$RESULTS_FILE"; echo; '
            f'echo "{END_RESULTS} $NONCE"; fi\n')


def apply_method(log: str) -> str | None:
    """Which patch method worked, `"none"` for an empty prediction, None when nothing applied."""
    match = re.search(re.escape(APPLIED) + r" \((.+?)\)", log)
    if match:
        return match.group(1)
    return "none" if NO_PATCH in log else None


def _listed_between(log: str, start_marker: str, end_marker: str) -> list[str]:
    """The non-empty lines the script printed between two of its own markers (before any patch code ran)."""
    start = log.find(start_marker + "\n")
    end = log.find(end_marker, start)
    if start < 0 or end < 0:
        return []
    return [line for line in log[start + len(start_marker) + 1:end].splitlines() if line]


def placeholders(log: str) -> list[str]:
    """Files of the checkout that are placeholders because the mirror lacked their blobs (printed first)."""
    return _listed_between(log, START_PLACEHOLDERS, END_PLACEHOLDERS)


def dropped_test_infrastructure(log: str) -> list[str]:
    """The test files and runner settings the prediction changed, which were put back before the tests."""
    return _listed_between(log, START_DROPPED, END_DROPPED)


def results_file_section(log: str, nonce: str) -> str | None:
    """The results file the script printed after the tests (see harness/result_files.py), or None."""
    start_marker = f"\n{START_RESULTS} {nonce}\n"
    start = log.find(start_marker)
    end = log.find(f"\n{END_RESULTS} {nonce}\n", start)
    if start < 0 or end < 0:
        return None
    return log[start + len(start_marker):end]


def test_exit_status(log: str, nonce: str) -> int | None:
    """The test command's exit status, from the end marker that carries this evaluation's nonce."""
    match = re.search(rf"^{re.escape(END_TESTS)} {re.escape(nonce)} \(exit code (\d+)\)$", log, re.MULTILINE)
    return int(match.group(1)) if match else None


# A test command killed by SIGXFSZ (128 + 25): a file grew past `ulimit -f`. A fast disk can write that
# much between two polls of the writable layer, so this names the disk limit too.
EXIT_FILE_TOO_LARGE = 128 + 25


def test_section(log: str, nonce: str | None = None) -> tuple[str, bool]:
    """The test framework's output, and whether the run reached the end marker.

    With a nonce, only markers carrying it count: lines printed by the code under test that imitate a
    marker are part of the test output, and output after the real end marker is ignored."""
    start_marker = f"{START_TESTS} {nonce}\n" if nonce else START_TESTS
    end_marker = f"{END_TESTS} {nonce} (" if nonce else END_TESTS
    start = log.find(start_marker)
    if start < 0:
        return "", False
    body = log[start + len(start_marker):]
    end = body.find(end_marker)
    return (body, False) if end < 0 else (body[:end], True)
