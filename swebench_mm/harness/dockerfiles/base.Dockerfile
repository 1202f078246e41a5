# swebench-mm base image: Debian bookworm with the tools every repository's tests need.
FROM {root_image}
ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 LC_ALL=C.UTF-8
# Extra CA certificates (corporate or egress proxies) so HTTPS works inside builds; may be empty.
COPY ca-certificates/ /usr/local/share/ca-certificates/swebench-mm/
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends ca-certificates git patch xz-utils procps {extra_packages} \
 && rm -rf /var/lib/apt/lists/* \
 && update-ca-certificates >/dev/null \
 && git config --system user.email swebench-mm@localhost \
 && git config --system user.name swebench-mm \
 && git config --system advice.detachedHead false
# node and npm read only their own bundle unless told; point them at the system store with our CAs.
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
