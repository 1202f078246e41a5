# swebench-mm env image: one per (repo, version) — Node, the repository and its installed dependencies.
FROM {base_image}
{system_packages}
COPY node-dist/ /tmp/node-dist/
RUN mkdir -p /opt/node \
 && tar -xzf /tmp/node-dist/node.tgz -C /opt/node --strip-components=1 \
 && chmod +x /opt/node/bin/node \
 {package_managers}&& rm -rf /tmp/node-dist \
 && /opt/node/bin/node --version
ENV PATH=/opt/node/bin:$PATH {env_vars}
COPY checkout.sh /usr/local/bin/swebench-mm-checkout
# The history goes straight into /testbed/.git: copied once, not once in a layer and again in a clone.
COPY repo.git /testbed/.git
WORKDIR /testbed
RUN chmod +x /usr/local/bin/swebench-mm-checkout \
 && git config core.bare false \
 && (git config --remove-section remote.origin 2>/dev/null || true) \
 && swebench-mm-checkout {setup_commit}
RUN set -e; {install}
