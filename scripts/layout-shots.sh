#!/bin/sh
# Write the README's layout screenshots (docs/layouts/*.png) with the headless Chromium the
# browser tests use. Run from the repository's root; look at each before committing.
set -eu
out="${1:-docs/layouts}"
case "$out" in /*) ;; *) out="$(pwd)/$out" ;; esac
DECKHAND_REQUIRE_BROWSER=1 DECKHAND_LAYOUT_SHOTS="$out" \
  cargo test --test testsuite layout_screenshots -- --ignored
ls -l "$out"
