#!/usr/bin/env python3
"""Compare `deckhand check` with `kubernetes-validate --strict -k 1.37` file by file.

Usage:
    scripts/compare-validators.py [--deckhand PATH] [--judgements FILE] [--jobs N] FOLDER...

Each FOLDER is a fetched collection of manifests (for example a checkout of kubernetes/examples
and the `k8s/` folder of jpetazzo/container.training); nothing of them is copied into the
repository. Every `*.yaml`/`*.yml` file is copied into a scratch workshop (keeping the folder
structure, so Helm charts and kustomizations stay recognisable), checked once by
`deckhand check --verbose`, and validated one file at a time by kubernetes-validate.

Prints a Markdown report: per collection, the number of files deckhand and kubernetes-validate
agree are valid (agree-valid) or invalid (agree-invalid), the files only deckhand rejects
(deckhand-only, each with the judgement from --judgements) and those only kubernetes-validate
rejects (validator-only, with what deckhand said of the file in --verbose).

--judgements is a tab-separated file: `<collection>/<path>` TAB judgement, one per line
(default: scripts/validator-judgements.tsv beside this script).
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LINE = re.compile(r"^(content/samples/(set\d+)/(.+?)):(\d+):(\d+): (error|warning|note): (.*)$")


def yaml_files(folder: Path):
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in files:
            if name.endswith((".yaml", ".yml")):
                path = Path(root) / name
                yield path.relative_to(folder)


def run_deckhand(deckhand: str, folders):
    workspace = Path(tempfile.mkdtemp(prefix="deckhand-compare-"))
    workshop = workspace / "ws"
    subprocess.run([deckhand, "new", str(workshop)], check=True, stdout=subprocess.DEVNULL)
    files = {}
    for index, folder in enumerate(folders):
        for rel in yaml_files(folder):
            target = workshop / "content" / "samples" / f"set{index}" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / rel, target)
            files[(f"set{index}", str(rel))] = folder / rel
    result = subprocess.run(
        [deckhand, "check", "--verbose", "."], cwd=workshop, capture_output=True, text=True
    )
    said = {key: {"error": [], "warning": [], "note": []} for key in files}
    for line in result.stderr.splitlines():
        match = LINE.match(line)
        if not match:
            continue
        key = (match.group(2), match.group(3))
        if key in said:
            said[key][match.group(6)].append(
                f"{match.group(4)}:{match.group(5)} {match.group(7)}"
            )
    shutil.rmtree(workspace)
    return files, said


def run_validator(path: Path):
    result = subprocess.run(
        ["kubernetes-validate", "--strict", "-k", "1.37", str(path)],
        capture_output=True,
        text=True,
    )
    lines = [
        re.sub(r" did not validate for resource (\S+) against version [0-9.]+:", r" \1:", l)
        .replace(str(path), "")
        .replace("  ", " ")
        for l in (result.stdout + result.stderr).splitlines()
    ]
    errors = [l for l in lines if l.startswith("ERROR") or l.startswith("Couldn't")]
    if result.returncode != 0 and not errors:
        errors = [l for l in lines if l.strip()][:1] or [f"exit code {result.returncode}"]
    return errors


def short(text: str, width: int = 150) -> str:
    text = text.replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def load_judgements(path: Path):
    judgements = {}
    if path.is_file():
        for line in path.read_text().splitlines():
            if line.strip() and not line.startswith("#") and "\t" in line:
                key, judgement = line.split("\t", 1)
                judgements[key.strip()] = judgement.strip()
    return judgements


def main() -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--deckhand", default=str(here.parent / "target/release/deckhand"))
    parser.add_argument("--judgements", type=Path, default=here / "validator-judgements.tsv")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("kubernetes-validate"):
        sys.exit("kubernetes-validate is not installed (pip install kubernetes-validate)")
    folders = [f.resolve() for f in args.folders]
    names = [f.name for f in folders]
    files, said = run_deckhand(args.deckhand, folders)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        verdicts = dict(zip(files, pool.map(run_validator, files.values())))
    judgements = load_judgements(args.judgements)

    print(f"Command: `scripts/compare-validators.py {' '.join(str(f) for f in args.folders)}`")
    print()
    print("| collection | files | agree-valid | agree-invalid | deckhand-only | validator-only |")
    print("|---|---:|---:|---:|---:|---:|")
    rows = {"deckhand-only": [], "validator-only": []}
    for index, name in enumerate(names):
        counts = {"agree-valid": 0, "agree-invalid": 0, "deckhand-only": 0, "validator-only": 0}
        keys = sorted(k for k in files if k[0] == f"set{index}")
        for key in keys:
            ours = said[key]["error"]
            theirs = verdicts[key]
            label = f"{name}/{key[1]}"
            if ours and theirs:
                counts["agree-invalid"] += 1
            elif not ours and not theirs:
                counts["agree-valid"] += 1
            elif ours:
                counts["deckhand-only"] += 1
                rows["deckhand-only"].append(
                    (label, ours[0], len(ours), judgements.get(label, "(no judgement yet)"))
                )
            else:
                notes = said[key]["note"]
                rows["validator-only"].append(
                    (label, theirs[0], notes[0] if notes else "", judgements.get(label, ""))
                )
                counts["validator-only"] += 1
        print(
            f"| {name} | {len(keys)} | {counts['agree-valid']} | {counts['agree-invalid']} "
            f"| {counts['deckhand-only']} | {counts['validator-only']} |"
        )
    print()
    print("### deckhand-only (deckhand reports an error, kubernetes-validate passes the file)")
    print()
    print("| file | deckhand's first error | errors | judgement |")
    print("|---|---|---:|---|")
    for label, first, count, judgement in rows["deckhand-only"]:
        print(f"| {label} | {short(first)} | {count} | {short(judgement, 300)} |")
    print()
    print("### validator-only (kubernetes-validate reports an error, deckhand passes the file)")
    print()
    print("| file | kubernetes-validate's first error | what deckhand said | judgement |")
    print("|---|---|---|---|")
    for label, first, note, judgement in rows["validator-only"]:
        print(f"| {label} | {short(first)} | {short(note)} | {short(judgement, 300)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
