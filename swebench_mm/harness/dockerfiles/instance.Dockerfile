# swebench-mm instance image: the env image at the instance's base commit. Thin by design: a checkout,
# a reinstall only where a dependency manifest or lockfile (at any depth: workspaces) differs from the
# env's setup commit in what an install reads (env_sharing.reinstall_needed decides), and the spec's build steps, which depend on the source. An env at a later setup
# commit of its version is this same layer on top of the env at an earlier one, without build steps.
FROM {env_image}
# The commits from the env's setup commit to the base commit (ancestors of the base only).
COPY history/ /testbed/.git/objects/pack/
COPY sync-tree.js /opt/swebench-mm/sync-tree.js
WORKDIR /testbed
# Every image layer is unpacked anew, so each file's inode and ctime differ from what git's index holds:
# git would take every file as touched, and a checkout would rewrite the whole tree into this layer (the
# size of the repository, per instance) and every `git diff` would re-hash it. Git compares only mtime and
# size here, and the index is refreshed, so only the files that differ from the setup commit are written.
# A reinstall runs in a scratch copy of the tree (a path as long as /testbed's, see sync-tree.js) and only
# the files it changes are written back; what it added to the package managers' caches is dropped.
RUN if ! git cat-file -e {base_commit}^{{commit}} 2>/dev/null; then \
      echo "base commit {base_commit} is not in the repository history of the env image" >&2; exit 1; \
    fi \
 && git config core.checkStat minimal && git config core.trustctime false \
 && {{ git update-index -q --refresh >/dev/null 2>&1 || true; }} \
 && swebench-mm-checkout {base_commit} \
 && if {reinstall}; then \
      echo "dependency manifests differ from the env's setup commit: reinstalling"; set -e; \
      if node -e 'process.exit(parseInt(process.versions.node, 10) >= 4 ? 0 : 1)' 2>/dev/null; then \
        touch /tmp/swebench-mm-reinstall-start; \
        rm -rf {scratch}; mkdir {scratch}; tar -C /testbed --exclude=./.git -cf - . | tar -C {scratch} -xf -; \
        ln -s /testbed/.git {scratch}/.git; cd {scratch}; {install}; cd /testbed; \
        node /opt/swebench-mm/sync-tree.js {scratch} /testbed; rm -rf {scratch}; \
        find {package_caches} -cnewer /tmp/swebench-mm-reinstall-start \( -type f -o -type l \) -delete 2>/dev/null || true; \
        rm -f /tmp/swebench-mm-reinstall-start; \
      else {install}; fi; \
    fi \
 && {build}
ENV CI=true
RUN {warmup}
