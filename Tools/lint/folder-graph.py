#!/usr/bin/env python3
"""The rooms of Sources/Placewise use only the rooms below them.

Each room (a top-level folder of the target) may name types declared only in
itself or in rooms earlier in ORDER; a use of a later room is a loop in the
making and fails CI. Types are found by their declarations (struct, enum,
class, protocol, actor, typealias) and uses by whole-word matches outside
comments: a text check, good enough to keep the layering honest.

Usage: Tools/lint/folder-graph.py [TARGET_DIR]   (default Sources/Placewise)
"""
import os
import re
import sys

ORDER = [
    "Model", "Internals", "Disclosure", "Input", "Import", "Plans", "Candidates", "Allocation", "Solver",
    "Values", "Explain", "Run", "Compare", "Recommend", "Forecast",
]

DECL = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|private|fileprivate|final|nonisolated|indirect)\s+)*"
    r"(?:struct|enum|class|protocol|actor|typealias)\s+([A-Z]\w*)", re.M)


def main() -> int:
    root = sys.argv[1] if len(sys.argv) > 1 else "Sources/Placewise"
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(".swift"):
                path = os.path.join(folder, name)
                room = os.path.relpath(path, root).split(os.sep)[0]
                with open(path, encoding="utf-8") as f:
                    files[path] = (room, re.sub(r"//.*", "", f.read()))
    problems = []
    rooms = {room for room, _ in files.values()}
    for room in sorted(rooms - set(ORDER)):
        problems.append(f"{root}/{room}: a room (or file) not in Tools/lint/folder-graph.py's ORDER")
    declared = {}
    for path, (room, text) in files.items():
        for match in DECL.finditer(text):
            declared.setdefault(match.group(1), set()).add(room)
    for path, (room, text) in sorted(files.items()):
        if room not in ORDER:
            continue
        for name, homes in declared.items():
            if room in homes or not re.search(r"\b" + name + r"\b", text):
                continue
            for home in homes:
                if home in ORDER and ORDER.index(home) > ORDER.index(room):
                    problems.append(f"{path}: uses {name} from {home}/, a room above {room}/")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
