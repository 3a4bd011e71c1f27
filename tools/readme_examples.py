#!/usr/bin/env python3
"""Runs the shell examples of README.md in a scratch directory and shows where their output differs.

Usage: tools/readme_examples.py [--write] [README.md]   (./mlem must build)

Every fenced block whose lines start with "$ " is a session: each "$ command" runs with bash in one
scratch directory (the repository's examples/, mlem-core/ and mlem linked in, so relative paths
work and files the examples write stay out of the tree), and what it prints (standard output, then
standard error) is compared with the lines the README shows under it. A README line "..." stands
(or "... text") for lines left out; "time" and "seconds" lines are compared only by their first word; a command
shown without output is run but not compared. Prints a unified diff per command that differs and
exits 1 if any does; --write puts what ran in place of each output shown without "..." (a command
whose output the README elides is left for a person to update; one that shows only the first lines
of a long output gets the first lines of what ran).
"""
import difflib
import os
import re
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = [a for a in sys.argv[1:] if a != "--write"]
readme = args[0] if args else os.path.join(root, "README.md")
text = open(readme, encoding="utf-8").read().splitlines()

sessions, block, inside = [], [], False
for line in text:
    if line.startswith("```"):
        if inside and block and block[0].startswith("$ "):
            sessions.append(block)
        block, inside = [], not inside
    elif inside:
        block.append(line)

VOLATILE = re.compile(r"^(time|\s*\"(read|init|fit)\"|.*seconds)")


def normal(lines):
    return [l.split()[0] if VOLATILE.match(l) and l.split() else l.rstrip() for l in lines]


def matches(shown, got):
    """The README's lines, each "..." standing for any run of lines (none included), against what ran."""
    shown, got = normal(shown), normal(got)

    def at(i, j):
        if i == len(shown):
            return j == len(got)
        if shown[i].strip().startswith("..."):
            return any(at(i + 1, jj) for jj in range(j, len(got) + 1))
        return j < len(got) and shown[i] == got[j] and at(i + 1, j + 1)

    return at(0, 0)


def rewrite(lines, results):
    """The README with every command's shown output replaced by what ran, where it shows no "..."."""
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        if line.startswith("$ ") and line[2:] in results:
            shown = []
            while i < len(lines) and not lines[i].startswith("$ ") and not lines[i].startswith("```"):
                shown.append(lines[i])
                i += 1
            got = results[line[2:]]
            elided = any(l.strip().startswith("...") for l in shown)
            # a README that shows a few lines of a long output (the head of a CSV) keeps its
            # length: the lines it shows are replaced by the same number of lines that ran
            partial = len(got) > len(shown) + 3
            out.extend(shown if elided or not shown else got[:len(shown)] if partial else got)
    return out


failures = 0
results = {}
with tempfile.TemporaryDirectory() as scratch:
    for name in ("examples", "mlem-core", "mlem-cli", "mlem", "pom.xml", "mlem-spark", "mlem-bench"):
        os.symlink(os.path.join(root, name), os.path.join(scratch, name))
    for session in sessions:
        commands = []
        for line in session:
            if line.startswith("$ "):
                commands.append((line[2:], []))
            elif commands:
                commands[-1][1].append(line)
        for command, shown in commands:
            r = subprocess.run(["bash", "-c", command], cwd=scratch, capture_output=True, text=True)
            got = (r.stdout + r.stderr).splitlines()
            got = [l for l in got if not l.startswith("WARNING: Using incubator modules")
                   and "building the command-line" not in l and not l.startswith("\x1b")]
            results[command] = got
            if shown and not matches(shown, got):
                failures += 1
                print("### $ " + command)
                sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(shown, got, "README", "now", lineterm=""))
print(f"{failures} example(s) differ", file=sys.stderr)
if "--write" in sys.argv:
    with open(readme, "w", encoding="utf-8") as f:
        f.write("\n".join(rewrite(text, results)) + "\n")
    print("rewrote the outputs shown without '...'; check the rest by hand", file=sys.stderr)
sys.exit(1 if failures else 0)
