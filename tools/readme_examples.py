#!/usr/bin/env python3
"""Runs the shell examples of README.md in a scratch directory and shows where their output differs.

Usage: tools/readme_examples.py [README.md]   (from the repository root; ./mlem must build)

Every fenced block whose lines start with "$ " is a session: each "$ command" runs with bash in one
scratch directory (the repository's examples/, mlem-core/ and mlem linked in, so relative paths
work and files the examples write stay out of the tree), and what it prints (standard output, then
standard error) is compared with the lines the README shows under it. A README line "..." stands
for lines left out; "time" and "seconds" lines are compared only by their first word. Prints a
unified diff per command that differs; exits 1 if any does.
"""
import difflib
import os
import re
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
readme = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "README.md")
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
    """The README's lines, with '...' matching any run of lines, against what ran."""
    if "..." not in shown:
        return normal(shown) == normal(got)
    first = shown.index("...")
    head, tail = shown[:first], shown[first + 1:]
    return normal(got[:len(head)]) == normal(head) and matches(tail, got[len(head):]) if "..." in tail else \
        normal(got[:len(head)]) == normal(head) and (not tail or normal(got[-len(tail):]) == normal(tail))


failures = 0
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
            got = [l for l in got if not l.startswith("WARNING: Using incubator modules") and "building the command-line" not in l]
            if not matches(shown, got):
                failures += 1
                print("### $ " + command)
                sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(shown, got, "README", "now", lineterm=""))
print(f"{failures} example(s) differ", file=sys.stderr)
sys.exit(1 if failures else 0)
