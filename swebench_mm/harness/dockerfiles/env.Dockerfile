# swebench-mm env image: one per (repo, version) — Node, the repository and its installed dependencies.
FROM {base_image}
{system_packages}
COPY node-dist/ /tmp/node-dist/
RUN mkdir -p /opt/node/lib/node_modules/npm \
 && tar -xzf /tmp/node-dist/node.tgz -C /opt/node --strip-components=1 \
 && tar -xzf /tmp/node-dist/npm.tgz -C /opt/node/lib/node_modules/npm --strip-components=1 \
 && printf '#!/bin/sh\nexec /opt/node/bin/node /opt/node/lib/node_modules/npm/bin/npm-cli.js "$@"\n' > /opt/node/bin/npm \
 && printf '#!/bin/sh\nexec /opt/node/bin/node /opt/node/lib/node_modules/npm/bin/npx-cli.js "$@"\n' > /opt/node/bin/npx \
 && chmod +x /opt/node/bin/node /opt/node/bin/npm /opt/node/bin/npx \
 {package_managers}&& rm -rf /tmp/node-dist \
 && /opt/node/bin/node --version && /opt/node/bin/npm --version
ENV PATH=/opt/node/bin:$PATH {env_vars}
COPY repo.git /tmp/repo.git
RUN git clone -q /tmp/repo.git /testbed \
 && rm -rf /tmp/repo.git \
 && git -C /testbed remote remove origin \
 && git -C /testbed checkout -q -f {setup_commit}
WORKDIR /testbed
RUN set -e; {install}
