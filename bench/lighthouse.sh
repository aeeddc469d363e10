#!/usr/bin/env bash
# Lighthouse 12's performance category on the bundled workshop's landing page, first chapter's
# deck page, speaker view and first chapter's handout, as built by `deckhand build` and served on
# 127.0.0.1 by `python3 -m http.server` (a plain static host: no compression).
#
#   bench/lighthouse.sh [mobile|desktop|both (both)]
#
# mobile is Lighthouse's default (simulated slow 4G and a 4× slower CPU); desktop is its
# `--preset=desktop`. Lighthouse is installed from npm into target/bench-tools/lighthouse on the
# first run and drives the machine's Chromium ($CHROME_PATH, else /usr/bin/chromium). Prints the
# score and the metrics behind it for each page; the JSON reports stay in target/lighthouse/.
set -euo pipefail
cd "$(dirname "$0")/.."
presets=${1:-both}
[ "$presets" = both ] && presets="mobile desktop"
tools=target/bench-tools/lighthouse
lighthouse=$tools/node_modules/.bin/lighthouse
if [ ! -x "$lighthouse" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm i --no-audit --no-fund lighthouse@12)
fi
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

cargo build --release --quiet
reports=target/lighthouse
rm -rf "$reports" && mkdir -p "$reports/site"
target/release/deckhand build --out "$reports/site" >/dev/null
first=$(cd "$reports/site" && ls deck-*.html | head -1 | sed 's/^deck-//; s/\.html$//')
# The first chapter: the one js/toc.js lists first (file names sort by slug, not by number).
first=$(node -e 'global.window = {}; require("./'"$reports"'/site/js/toc.js"); console.log(window.deckhandToc.chapters[0].slug)' 2>/dev/null || echo "$first")

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$reports/site" "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $port))" 2>/dev/null; do sleep 0.1; done

echo "Lighthouse $("$lighthouse" --version), $("$CHROME_PATH" --version); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| preset | page | performance | FCP | LCP | TBT | CLS | speed index | DOM elements |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for preset in $presets; do
  extra=()
  [ "$preset" = desktop ] && extra=(--preset=desktop)
  for page in index.html "deck-$first.html" speaker.html "handout-$first.html"; do
    json="$reports/$preset-${page%.html}.json"
    "$lighthouse" "http://127.0.0.1:$port/$page" --quiet --only-categories=performance \
      --output=json --output-path="$json" "${extra[@]}" \
      --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run" ||
      { echo "| $preset | $page | failed | | | | | | |"; continue; }
    node -e '
      const r = require(process.argv[1]), a = r.audits, v = k => a[k] && a[k].displayValue || "—";
      console.log(`| ${process.argv[2]} | ${process.argv[3]} | ${Math.round(r.categories.performance.score * 100)} | ${v("first-contentful-paint")} | ${v("largest-contentful-paint")} | ${v("total-blocking-time")} | ${v("cumulative-layout-shift")} | ${v("speed-index")} | ${a["dom-size"] ? a["dom-size"].numericValue : "—"} |`);
    ' "$(realpath "$json")" "$preset" "$page"
  done
done
