# swebench-mm instance image: the env image at the instance's base commit. Thin by design: a checkout,
# a reinstall only where a dependency manifest or lockfile (at any depth: workspaces) differs from the
# env's setup commit, and the spec's build steps, which depend on the source.
FROM {env_image}
# The commits from the env's setup commit to the base commit (ancestors of the base only).
COPY history/ /testbed/.git/objects/pack/
WORKDIR /testbed
RUN if ! git cat-file -e {base_commit}^{{commit}} 2>/dev/null; then \
      echo "base commit {base_commit} is not in the repository history of the env image" >&2; exit 1; \
    fi \
 && swebench-mm-checkout {base_commit} \
 && if [ {setup_commit} != {base_commit} ] && ! git diff --quiet {setup_commit} {base_commit} -- {manifests}; then \
      echo "dependency manifests differ from the env's setup commit: reinstalling"; set -e; {install}; \
    fi \
 && {build}
ENV CI=true
RUN {warmup}
