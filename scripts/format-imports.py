#!/usr/bin/env python3
"""Puts the imports of Java sources in the house order that config/checkstyle.xml checks:
static imports, then java/javax, then other libraries, then vn.kyso — each group sorted, a blank line between groups;
drops an import whose name appears nowhere else in the file.
Usage: scripts/format-imports.py [files or folders ...]   (default: the whole repository)"""
import os
import re
import sys

IMPORT = re.compile(r'^import\s+(static\s+)?([\w.]+(?:\.\*)?)\s*;\s*$')


def group_of(static, name):
    if static:
        return 0
    if name.startswith(('java.', 'javax.')):
        return 1
    if name.startswith('vn.kyso.'):
        return 3
    return 2


def sort_key(name):
    # checkstyle compares imports as plain ASCII strings
    return name


def format_source(text):
    lines = text.split('\n')
    first = last = None
    for i, line in enumerate(lines):
        if IMPORT.match(line):
            if first is None:
                first = i
            last = i
        elif first is not None and line.strip() and not line.strip().startswith('//'):
            break
    if first is None:
        return text
    block = lines[first:last + 1]
    if any(l.strip() and not IMPORT.match(l) for l in block):
        return text  # comments among the imports: leave the file to a person
    body = '\n'.join(lines[:first] + lines[last + 1:])
    seen = set()
    groups = {0: [], 1: [], 2: [], 3: []}
    for l in block:
        m = IMPORT.match(l)
        if not m:
            continue
        static, name = bool(m.group(1)), m.group(2)
        if (static, name) in seen:
            continue
        simple = name.rsplit('.', 1)[-1]
        if simple != '*' and not re.search(r'\b' + re.escape(simple) + r'\b', body):
            continue
        seen.add((static, name))
        groups[group_of(static, name)].append(('import static ' if static else 'import ') + name + ';')
    out = []
    for g in range(4):
        if groups[g]:
            if out:
                out.append('')
            out.extend(sorted(groups[g], key=lambda s: sort_key(s.split(' ')[-1][:-1])))
    new = lines[:first] + out + lines[last + 1:]
    return '\n'.join(new)


def sources(paths):
    for p in paths:
        if os.path.isfile(p) and p.endswith('.java'):
            yield p
        for root, dirs, files in os.walk(p):
            dirs[:] = [d for d in dirs if d not in ('node_modules', 'target', '.git')]
            for f in files:
                if f.endswith('.java'):
                    yield os.path.join(root, f)


def main():
    changed = 0
    for path in sources(sys.argv[1:] or ['.']):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        new = format_source(text)
        if new != text:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(new)
            changed += 1
    print(f'{changed} files reordered')


if __name__ == '__main__':
    main()
