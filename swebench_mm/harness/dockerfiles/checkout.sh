#!/bin/bash
# swebench-mm: check out COMMIT in /testbed even when the repository lacks some blobs.
#
# Mirrors of real repositories are often partial (a size-limited snapshot or a partial clone drops large
# fixtures, videos, traces), and `git checkout` stops at the first blob it cannot read. Every file whose
# blob is missing is left out of the checkout with git's own sparse-checkout (so checkout, reset --hard
# and status keep working and never try to read it) and a small placeholder file is written in its place.
# The list ("path<TAB>blob id", for this commit) goes to /etc/swebench-mm/placeholders, which the
# evaluation reports. Run once per layer: the env layer at the setup commit, the instance layer at the base.
set -euo pipefail
commit="$1"
cd /testbed
list=/etc/swebench-mm/placeholders
mkdir -p /etc/swebench-mm
tree=$(mktemp)
git ls-tree -r --full-tree "$commit" | awk -F '\t' '{split($1, f, " "); if (f[2] == "blob") print f[3] "\t" $2}' > "$tree"
# Blob ids the object store cannot produce (cat-file --batch-check answers "<id> missing").
missing=$(cut -f1 "$tree" | git cat-file --batch-check --buffer | awk '$2 == "missing" {print $1}' | sort -u)
# Placeholders of an earlier layer go first, so none is left behind where this commit has no such file.
if [ -s "$list" ]; then
  cut -f1 "$list" | while IFS= read -r path; do rm -f -- "$path"; done
fi
if [ -n "$missing" ]; then
  awk -F '\t' 'NR == FNR {gone[$1] = 1; next} ($1 in gone) {print $2 "\t" $1}' <(echo "$missing") "$tree" > "$list"
  git config core.sparseCheckout true
  git config sparse.expectFilesOutsideOfPatterns true
  {
    echo '/*'
    # gitignore-style patterns: escape what would read as a wildcard, a negation or a comment.
    cut -f1 "$list" | sed -e 's/[][*?\\]/\\&/g' -e 's/^[#!]/\\&/' -e 's|^|!/|'
  } > .git/info/sparse-checkout
elif [ -s "$list" ]; then
  : > "$list"
  echo '/*' > .git/info/sparse-checkout  # everything is back: check out all of it
fi
rm -f "$tree"
git checkout -q -f "$commit"
if [ -s "$list" ]; then
  while IFS=$'\t' read -r path oid; do
    mkdir -p "$(dirname -- "$path")"
    printf 'swebench-mm placeholder: the repository mirror lacks this file (blob %s)\n' "$oid" > "$path"
  done < "$list"
  echo "swebench-mm: $(wc -l < "$list") file(s) missing from the mirror are placeholders (list: $list)" >&2
fi
