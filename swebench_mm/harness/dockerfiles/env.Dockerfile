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
COPY repo.git /tmp/repo.git
RUN git clone -q /tmp/repo.git /testbed \
 && rm -rf /tmp/repo.git \
 && git -C /testbed remote remove origin \
 && git -C /testbed checkout -q -f {setup_commit}
WORKDIR /testbed
RUN set -e; {install}
