"""The functions callgrind saw run, as a symbol ordering file for the linker.

usage: hot_functions.py MAP PRIMARY.callgrind [-- SECONDARY.callgrind ...]

MAP is the linker's map of the very binary that was profiled (`PACER_LINK_MAP`), each
callgrind file a run of it with `--dump-instr=yes --compress-pos=no`. The primary runs'
functions come first, hottest first, so that they lie together; the secondary runs' follow,
after every primary one, so that they never come between. Writes the file to stdout and a
summary to stderr.
"""

import bisect
import collections
import re
import sys

# `VMA LMA size align file:(.text.SYMBOL)`: one input section of the link. A section called
# `.text.unlikely.SYMBOL` (or hot, startup, exit) still holds the one symbol after the prefix.
# A plain `.text` (the C start-up files: `_start`) is named by the first symbol the map lists
# in it, on the next line.
SECTION = re.compile(r"\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+\s+\S*:\(\.text(\.\S+)?\)\s*$")
SYMBOL = re.compile(r"\s*[0-9a-f]+\s+[0-9a-f]+\s+[0-9a-f]+\s+\d+\s+([A-Za-z_][A-Za-z0-9_.]*)\s*$")
# The line between the rehearsal's functions and the other commands' (`--check` reads it).
SECONDARY = "# the other screens and commands:"
PREFIX = re.compile(r"^(unlikely|hot|startup|exit|split)\.")


def sections(map_path):
    found = []
    unnamed = None  # a plain `.text` waiting for its first symbol
    with open(map_path) as lines:
        for line in lines:
            match = SECTION.match(line)
            if match:
                start, size = int(match.group(1), 16), int(match.group(2), 16)
                unnamed = None
                if size and match.group(3):
                    found.append((start, size, PREFIX.sub("", match.group(3)[1:])))
                elif size:
                    unnamed = (start, size)
            elif unnamed:
                symbol = SYMBOL.match(line)
                if symbol:
                    found.append((*unnamed, symbol.group(1)))
                unnamed = None
    found.sort()
    return found


def executed(callgrind_path, found, starts):
    """Instructions run per symbol, counting only the profiled binary's own code."""
    cost = collections.Counter()
    object_name = ""
    with open(callgrind_path) as lines:
        for line in lines:
            if line.startswith("ob="):
                object_name = line[3:].strip()
            elif line.startswith("0x") and object_name.endswith("/pacer"):
                fields = line.split()
                address = int(fields[0], 16)
                count = int(fields[-1]) if len(fields) > 2 else 1
                i = bisect.bisect_right(starts, address) - 1
                if i >= 0 and address < found[i][0] + found[i][1]:
                    cost[found[i][2]] += max(count, 1)
    return cost


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    args = argv[2:]
    primary = args[: args.index("--")] if "--" in args else args
    secondary = args[args.index("--") + 1 :] if "--" in args else []
    found = sections(argv[1])
    if not found:
        sys.exit(f"{argv[1]}: no .text sections in this map (a map from lld or mold is needed)")
    starts = [start for start, _, _ in found]
    size = {symbol: length for _, length, symbol in found}
    order, placed = [], set()
    primaries = 0
    for group in (primary, secondary):
        primaries = primaries or len(order)
        cost = collections.Counter()
        for path in group:
            cost.update(executed(path, found, starts))
        for symbol, _ in cost.most_common():
            if symbol not in placed:
                placed.add(symbol)
                order.append(symbol)
        kilobytes = sum(size[symbol] for symbol in order) // 1024
        print(f"{len(order)} functions, {kilobytes} KB of code so far", file=sys.stderr)
    total = sum(size.values()) // 1024
    print(f"of {len(found)} functions, {total} KB of code in all", file=sys.stderr)
    print("# The functions a rehearsal runs, hottest first, then those of the other commands:")
    print("# the linker lays them out in this order (build.rs). Made by scripts/hot-functions.sh")
    print("# with the toolchain and Cargo.lock of its commit; rerun it after changing either.")
    for i, symbol in enumerate(order):
        if i == primaries:
            print(SECONDARY)
        print(symbol)


if __name__ == "__main__":
    main(sys.argv)
