"""For ./measure (docs/measurements.md): the CPU-bound work of cpu_scaling.java in Python.

Counts the primes below LIMIT in CHUNKS chunks with one thread, with one thread per CPU
(ThreadPoolExecutor) and with one process per CPU (ProcessPoolExecutor), best of ROUNDS runs
each, taking turns in every round; a pool's time includes starting its threads or processes.
LIMIT is under a third of Java's: the same loop in CPython is about thirty times slower, and the
comparison is within Python. Prints one JSON object.

    python3 measurements/python_gil.py [--rounds N]
"""
import json
import os
import platform
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

LIMIT, CHUNKS = 300_000, 48


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    divisor = 3
    while divisor * divisor <= n:
        if n % divisor == 0:
            return False
        divisor += 2
    return True


def chunk(c):
    size = LIMIT // CHUNKS
    start, end = c * size, (LIMIT if c == CHUNKS - 1 else (c + 1) * size)
    return sum(1 for n in range(start, end) if is_prime(n))


def one_thread(_workers):
    return sum(chunk(c) for c in range(CHUNKS))


def threads(workers):
    with ThreadPoolExecutor(workers) as pool:
        return sum(pool.map(chunk, range(CHUNKS)))


def processes(workers):
    with ProcessPoolExecutor(workers) as pool:
        return sum(pool.map(chunk, range(CHUNKS)))


def main():
    args = sys.argv[1:]
    if args in (["--help"], ["-h"]):
        print(__doc__.strip().splitlines()[-1].strip())
        return
    if args and not (len(args) == 2 and args[0] == "--rounds" and args[1].isdigit()
                     and 1 <= int(args[1]) <= 100):
        print("usage: python3 measurements/python_gil.py [--rounds N]", file=sys.stderr)
        sys.exit(2)
    rounds = int(args[1]) if args else 3
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
        else os.cpu_count()
    ways = {"one_thread": one_thread, "threads": threads, "processes": processes}
    primes = one_thread(workers)
    best = {name: float("inf") for name in ways}
    for _ in range(rounds):
        for name, way in ways.items():
            start = time.perf_counter()
            found = way(workers)
            best[name] = min(best[name], time.perf_counter() - start)
            if found != primes:
                raise SystemExit(f"{name}: {found} primes, expected {primes}")
    gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    print(json.dumps({
        "python": platform.python_version(), "implementation": platform.python_implementation(),
        "gil_enabled": gil, "cpus": workers, "limit": LIMIT, "chunks": CHUNKS,
        "primes": primes, "rounds": rounds,
        "best_ms": {name: round(seconds * 1000, 1) for name, seconds in best.items()},
    }, indent=1))


if __name__ == "__main__":
    main()
