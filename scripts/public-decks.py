#!/usr/bin/env python3
"""Try `deckhand import` on public decks, as a new user would, and compare with the original tools.

Nothing here is committed public material: the decks and tools are fetched by you and passed in.

    scripts/public-decks.py \
        --container-training /path/to/container.training    # a checkout (its slides/ and k8s/)
        --manifest kube-selfpaced.yml                         # one of its slides/*.yml
        --reveal-examples /path/to/reveal-examples            # reveal.js's examples/markdown.html + .md
        --reveal-npm /tmp/r/node_modules/reveal.js            # `npm install reveal.js` in a scratch folder
        [--deckhand target/release/deckhand] [--work /tmp/deckhand-public]

For the remark course (imported through its manifest, one chapter per file) and for reveal.js's
Markdown example and demo page, it checks and prints:

- every chapter imports and builds (`deckhand import` exits 0, no errors);
- slides per chapter: what remark (the course's own remark.min.js) or reveal.js (from npm) shows,
  each run in headless Chromium, against deckhand's deck (a remark `--` continuation is a step of
  a deckhand slide, so remark's count is compared with slides plus steps);
- leftovers of the source dialect shown as text in the built deck: leading `name:` property
  lines, `.class[` openers, `@@` placeholders, lines holding only `]`;
- text that deckhand shows as speaker notes but the original tool shows on a slide;
- screenshots of a dozen slides, the original and deckhand side by side, in WORK/shots/ (look at
  them: compare.png puts each pair on one row).

Exit code 0 when every check passes.
"""

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--hide-scrollbars", "--log-level=3"]


def chromium(*args, timeout=120):
    return subprocess.run(CHROMIUM + list(args), capture_output=True, text=True, timeout=timeout).stdout


def dump(url, budget=8000, timeout=120):
    """The page's DOM after its scripts ran."""
    return chromium(f"--virtual-time-budget={budget}", "--dump-dom", url, timeout=timeout)


def shoot(url, png, budget=6000):
    chromium("--window-size=1280,720", f"--virtual-time-budget={budget}", f"--screenshot={png}", url)


def serve(folder):
    """A static server on 127.0.0.1 for `folder` (reveal.js loads external Markdown over HTTP)."""
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = partial(Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def run_import(deckhand, source, out, *extra):
    if out.exists():
        shutil.rmtree(out)
    started = time.monotonic()
    result = subprocess.run([deckhand, "import", str(source), "--out", str(out), *extra], capture_output=True, text=True)
    elapsed = time.monotonic() - started
    errors = [l for l in result.stderr.splitlines() if ": error:" in l]
    print(f"import {source.name}: exit {result.returncode}, {len(errors)} errors, {elapsed:.1f} s")
    print("  " + result.stdout.strip().replace("\n", "\n  "))
    return result.returncode == 0 and not errors


def whole_deck(site):
    """The page holding every slide: print-deck.html once the deck is one page per chapter."""
    for name in ["print-deck.html", "deck.html"]:
        if (site / name).exists():
            return (site / name).read_text()
    raise SystemExit(f"no deck in {site}")


def strip(fragment):
    """The visible text of an HTML fragment, code blocks left out."""
    fragment = re.sub(r"<pre.*?</pre>|<code.*?</code>", "", fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def deck_chapters(deck_html):
    """Per chapter (in order): slide ids, step count, slides' text, notes' text."""
    chapters = []
    for chapter in re.split(r'<section class="chapter"', deck_html)[1:]:
        slides = re.findall(r'<section class="slide[^"]*" id="([^"]+)"', chapter)
        steps = chapter.count('<div class="slide-step fragment">')
        notes = " ".join(strip(n) for n in re.findall(r'<aside class="notes"[^>]*>(.*?)</aside>', chapter, re.S))
        text = strip(re.sub(r'<aside class="notes".*?</aside>', "", chapter, flags=re.S))
        chapters.append({"slides": slides, "steps": steps, "text": text, "notes": notes})
    return chapters


def leftovers(text):
    found = {}
    for pattern, name in [(r"(?m)^\s*(class|name|layout|template|count|exclude|background-image):", "property line"),
                          (r"(?<![\w\\])(\.[A-Za-z_-][\w-]*)+\[", ".class["), (r"@@", "@@ placeholder"),
                          (r"(?m)^\s*\]\s*$", "closing ]")]:
        n = len(re.findall(pattern, text))
        if n:
            found[name] = n
    return found


def words(text):
    return re.sub(r"\s+", " ", text).strip()


REMARK_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ margin: 0 }} .remark-slide-content {{ font-size: 25px }}</style></head><body>
<textarea id="source">{source}</textarea>
<script src="{remark}"></script>
<script>
var show = remark.create({{ ratio: '16:9', excludedClasses: {exclude} }});
var text = n => (n || []).map(c => typeof c === 'string' ? c : text(c.content)).join('');
// remark builds the slides once the page has loaded.
addEventListener('load', () => setTimeout(() => {{
  var out = document.createElement('pre'); out.id = 'deckhand-result';
  out.textContent = JSON.stringify({{
    count: show.getSlides().length,
    notes: show.getSlides().map(s => text(s.notes)),
    text: [...document.querySelectorAll('.remark-slide-content')].map(e => e.textContent)
  }});
  document.body.appendChild(out);
  // Inside the collector page (below): hand the result to it.
  if (parent !== window) parent.postMessage({{ name: {name}, result: out.textContent }}, '*');
}}, 0));
</script></body></html>"""

# One Chromium run for every chapter (a browser start per chapter takes minutes on a loaded
# machine): the chapters' remark pages run in frames, a few at a time, and post their results here.
COLLECTOR_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<pre id="deckhand-results"></pre>
<script>
var pages = {pages}, results = {{}}, next = 0;
function start() {{
  if (next >= pages.length) return;
  var frame = document.createElement('iframe');
  frame.style.cssText = 'width:1280px;height:720px';
  frame.src = pages[next++];
  document.body.appendChild(frame);
}}
function done() {{
  if (Object.keys(results).length === pages.length)
    document.getElementById('deckhand-results').textContent = JSON.stringify(results);
}}
addEventListener('message', e => {{
  results[e.data.name] = JSON.parse(e.data.result);
  [...document.querySelectorAll('iframe')].filter(f => f.contentWindow === e.source).forEach(f => f.remove());
  start(); done();
}});
for (var i = 0; i < 4; i++) start();
</script></body></html>"""


def remark_check(args, work):
    ok = True
    slides_dir = Path(args.container_training) / "slides"
    manifest = slides_dir / args.manifest
    out = work / "course"
    if not (args.skip_import and out.exists()) and not run_import(args.deckhand, manifest, out, "--chapter-per-file"):
        return False
    exclude = re.search(r"(?m)^exclude:\n((?:- [^\n]*\n)+)", manifest.read_text())
    exclude = [l[2:].strip() for l in exclude.group(1).splitlines()] if exclude else []
    ours = deck_chapters(whole_deck(out / "public"))
    files = sorted((out / "content").glob("*.md"))
    # Beside the chapters, so that their images resolve in the screenshots.
    pages = out / "content"
    mismatches, moved, left = [], [], {}
    remark_total = ours_total = 0
    per_chapter = []
    if args.chapters:
        files, ours = files[:args.chapters], ours[:args.chapters]
    for file in files:
        body = file.read_text().split("+++\n", 2)[2]
        page = pages / (file.stem + ".remark.html")
        page.write_text(REMARK_PAGE.format(source=html.escape(body), remark=(slides_dir / "remark.min.js").as_uri(),
                                           exclude=json.dumps(exclude), name=json.dumps(file.name)))
    collector = pages / "remark-all.html"
    collector.write_text(COLLECTOR_PAGE.format(pages=json.dumps([f.stem + ".remark.html" for f in files])))
    started = time.monotonic()
    found = re.search(r'<pre id="deckhand-results">(.*?)</pre>',
                      dump(collector.as_uri(), budget=600000, timeout=3600), re.S)
    results = json.loads(html.unescape(found.group(1))) if found and found.group(1) else {}
    print(f"remark rendered {len(results)} of {len(files)} chapters in {time.monotonic() - started:.0f} s")
    for file, chapter in zip(files, ours):
        result = results.get(file.name)
        if result is None:
            mismatches.append(f"{file.name}: remark did not render it")
            continue
        shown = len(chapter["slides"]) + chapter["steps"]
        remark_total += result["count"]
        ours_total += shown
        per_chapter.append((file.name, result["count"], len(chapter["slides"]), chapter["steps"]))
        if result["count"] != shown:
            mismatches.append(f"{file.name}: remark {result['count']}, deckhand {len(chapter['slides'])} slides + {chapter['steps']} steps")
        remark_notes = words(" ".join(result["notes"]))
        remark_text = words(" ".join(result["text"]))
        for sentence in re.split(r"(?<=[.!?])\s+", words(chapter["notes"])):
            if len(sentence) > 20 and sentence not in remark_notes and sentence in remark_text:
                moved.append(f"{file.name}: {sentence[:60]}")
        for name, n in leftovers(chapter["text"]).items():
            left[name] = left.get(name, 0) + n
    print(f"remark: {len(files)} chapters; remark shows {remark_total} slides, deckhand {ours_total} slides and steps")
    for line in mismatches:
        print("  MISMATCH", line)
    for line in moved:
        print("  MOVED INTO NOTES", line)
    print(f"  leftovers in the built deck: {left or 'none'}")
    (work / "remark-counts.json").write_text(json.dumps(per_chapter, indent=1))
    ok &= not mismatches and not moved and not left and len(files) == len(ours)
    return ok


def reveal_leaves(dom):
    """The slides reveal.js made: sections without sections inside, in the .slides element."""
    slides = dom[dom.find('class="slides"'):]
    count = 0
    for match in re.finditer(r"<section\b[^>]*>", slides):
        rest = slides[match.end():]
        close, inner = rest.find("</section>"), rest.find("<section")
        if inner == -1 or close < inner:
            count += 1
    return count


def reveal_check(args, work):
    ok = True
    site = work / "reveal-site"
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(args.reveal_npm, site / "reveal.js")
    examples = site / "reveal.js/examples"
    examples.mkdir(exist_ok=True)
    for name in ["markdown.html", "markdown.md"]:
        shutil.copy(Path(args.reveal_examples) / name, examples / name)
    page = examples / "markdown.html"
    # The example names files of reveal.js's source tree; npm's package has them under dist/.
    text = page.read_text().replace("reveal.es5.js", "reveal.js")
    text = re.sub(r'"\.\./plugin/(\w+)/\1\.js"', r'"../dist/plugin/\1.js"', text)
    text = text.replace('"../plugin/highlight/', '"../dist/plugin/highlight/')
    page.write_text(text)
    base = serve(site)
    for source, url in [(page, f"{base}/reveal.js/examples/markdown.html"),
                        (site / "reveal.js/demo.html", f"{base}/reveal.js/demo.html")]:
        out = work / ("reveal-" + source.stem)
        if not (args.skip_import and out.exists()) and not run_import(args.deckhand, source, out):
            ok = False
            continue
        theirs = reveal_leaves(dump(url))
        ours = deck_chapters(whole_deck(out / "public"))
        count = sum(len(c["slides"]) for c in ours)
        print(f"reveal {source.name}: reveal.js shows {theirs} slides, deckhand {count}")
        left = leftovers(" ".join(c["text"] for c in ours))
        if left:
            print(f"  leftovers: {left}")
        ok &= theirs == count
    return ok, base


def screenshots(args, work, base):
    shots = work / "shots"
    shots.mkdir(exist_ok=True)
    pairs = []
    course = work / "course"
    counts = json.loads((work / "remark-counts.json").read_text()) if (work / "remark-counts.json").exists() else []
    deck = deck_chapters(whole_deck(course / "public")) if course.exists() else []
    picks = [i for i in range(0, len(counts), max(1, len(counts) // 8))][:8]
    for i in picks:
        name, remark_count, slides, steps = counts[i]
        slide = min(2, slides)  # the second slide of the chapter, often one with content
        ids = deck[i]["slides"]
        ours = f"{(course / 'public/deck.html').as_uri()}#/{ids[slide - 1]}"
        theirs = f"{(course / 'content' / (Path(name).stem + '.remark.html')).as_uri()}#{slide}"
        pairs.append((f"remark-{Path(name).stem}-{slide}", theirs, ours))
    for stem, index in [("markdown", 1), ("markdown", 9), ("markdown", 13), ("demo", 3)]:
        out = work / f"reveal-{stem}"
        if not out.exists():
            continue
        ids = deck_chapters(whole_deck(out / "public"))[0]["slides"]
        # reveal.js's `#/N` is the Nth horizontal slide (a stack's first): pair it with ours, not
        # with the Nth slide counting the vertical ones (`<slug>-3-1` is below `<slug>-3`).
        heads = [i for i in ids if not re.search(r"-\d+-\d+$", i)]
        page = "examples/markdown.html" if stem == "markdown" else "demo.html"
        pairs.append((f"reveal-{stem}-{index}", f"{base}/reveal.js/{page}#/{index - 1}",
                      f"{(out / 'public/deck.html').as_uri()}#/{heads[min(index, len(heads)) - 1]}"))
    rows = []
    for name, theirs, ours in pairs:
        shoot(theirs, shots / f"{name}-original.png")
        shoot(ours, shots / f"{name}-deckhand.png")
        rows.append(f'<tr><td>{name}<br><img src="{name}-original.png"></td><td><br><img src="{name}-deckhand.png"></td></tr>')
    (shots / "compare.html").write_text(
        "<style>body{margin:0;font:14px sans-serif}img{width:640px;border:1px solid #999}</style><table>" + "".join(rows) + "</table>")
    chromium(f"--window-size=1300,{len(rows) * 380 + 40}", f"--screenshot={shots / 'compare.png'}", (shots / "compare.html").as_uri())
    print(f"screenshots: {len(pairs)} pairs in {shots} (compare.png side by side)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--container-training", required=True)
    parser.add_argument("--manifest", default="kube-selfpaced.yml")
    parser.add_argument("--reveal-examples", required=True)
    parser.add_argument("--reveal-npm", required=True)
    parser.add_argument("--deckhand", default="target/release/deckhand")
    parser.add_argument("--work", default="/tmp/deckhand-public")
    parser.add_argument("--chapters", type=int, default=0, help="check only the first N chapters of the course")
    parser.add_argument("--skip-import", action="store_true", help="reuse the imports already in WORK")
    args = parser.parse_args()
    args.deckhand = os.path.abspath(args.deckhand)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    ok = remark_check(args, work)
    reveal_ok, base = reveal_check(args, work)
    screenshots(args, work, base)
    print("ALL CHECKS PASSED" if ok and reveal_ok else "SOME CHECKS FAILED")
    sys.exit(0 if ok and reveal_ok else 1)


if __name__ == "__main__":
    main()
