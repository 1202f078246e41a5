# swebench-mm agent image with a browser: the graded instance image, unchanged, plus Debian's Chromium in
# system directories only (/usr, /etc). /testbed and its node_modules are the bytes that are graded.
FROM {instance_image}
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends {browser_packages} \
 && rm -rf /var/lib/apt/lists/*
