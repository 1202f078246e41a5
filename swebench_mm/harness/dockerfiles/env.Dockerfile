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
# Install scripts that download a browser or driver reach hosts no build here can (the official images set
# the puppeteer ones too); where a browser is needed, the spec points the tools at Debian's Chromium.
ENV PUPPETEER_SKIP_DOWNLOAD=true PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=true CHROMEDRIVER_SKIP_DOWNLOAD=true \
    GECKODRIVER_SKIP_DOWNLOAD=true CYPRESS_INSTALL_BINARY=0 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    ELECTRON_SKIP_BINARY_DOWNLOAD=1
# Native addons (node-gyp) build against the headers the Node tarball carries, instead of downloading
# them from nodejs.org, which image builds cannot reach.
ENV npm_config_nodedir=/opt/node
# Old node-gyp runs on Debian's Python 3.11 through a small compatibility shim (see sitecustomize.py).
COPY pycompat/ /opt/swebench-mm/pycompat/
ENV PYTHONPATH=/opt/swebench-mm/pycompat
COPY checkout.sh /usr/local/bin/swebench-mm-checkout
# The history is one pack of the setup commit and its ancestors: no branch, tag or later commit exists here.
COPY history/ /testbed/.git/objects/pack/
WORKDIR /testbed
RUN chmod +x /usr/local/bin/swebench-mm-checkout \
 && git init -q /testbed \
 && swebench-mm-checkout {setup_commit}
RUN set -e; {install}
