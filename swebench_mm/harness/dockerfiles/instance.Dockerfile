# swebench-mm instance image: the env image at the instance's base commit.
FROM {env_image}
WORKDIR /testbed
RUN if ! git cat-file -e {base_commit}^{{commit}} 2>/dev/null; then \
      echo "base commit {base_commit} is not in the repository history of the env image" >&2; exit 1; \
    fi \
 && git checkout -q -f {base_commit} \
 && git clean -fdq \
 && if ! git diff --quiet {setup_commit} {base_commit} -- package.json package-lock.json npm-shrinkwrap.json yarn.lock; then \
      set -e; {install}; \
    fi
ENV CI=true
RUN {warmup}
