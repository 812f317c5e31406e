#!/usr/bin/env python3
"""Times commands in interleaved rounds and prints each one's medians and its ratio to the
first command's.

    bench/ratio.py ROUNDS "label=command" "label=command" ...

bench/run.sh times each command's runs one after another, so on a shared machine whose
speed drifts (other builds, a busy host) a ratio between two rows can be off by half.
Here round k runs every command once before round k + 1 starts, so drift hits them alike.
Commands are split like a shell would split them but run without one; their output is
discarded. Wall time from a monotonic clock, user and system time from the kernel.
"""

import resource
import shlex
import statistics
import subprocess
import sys
import time


def main() -> None:
    if len(sys.argv) < 3 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    commands = [arg.split("=", 1) for arg in sys.argv[2:]]
    times = {label: [] for label, _ in commands}
    for _ in range(rounds):
        for label, command in commands:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times[label].append((wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime))
    print(f"{rounds} interleaved rounds; medians in ms")
    print()
    print("| command | wall | user | system | wall × first | user × first |")
    print("|---|---:|---:|---:|---:|---:|")
    first = None
    for label, _ in commands:
        wall, user, system = (statistics.median(t[k] for t in times[label]) * 1000 for k in range(3))
        first = first or (wall, user)
        print(f"| {label} | {wall:.1f} | {user:.1f} | {system:.1f} | {wall / first[0]:.2f} | {user / first[1]:.2f} |")


if __name__ == "__main__":
    main()
