"""What every peer script shares: running a mexp command for its one-line JSON summary, and timing a
Python call the way `mexp bench` times a Swift one (warm-up calls, then the median of `reps` calls).

Imports nothing numerical, so a script can set the thread-count environment variables before it
imports numpy, scipy or torch.
"""
import json
import statistics
import subprocess
import time


def run_json(command):
    """Runs a mexp command and returns its one-line JSON summary."""
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def timed_samples(body, reps, warmup=2):
    """Seconds of each of `reps` calls of `body`, after `warmup` untimed calls."""
    for _ in range(warmup):
        body()
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        body()
        samples.append(time.perf_counter() - start)
    return samples


def median_seconds(body, reps, warmup=2):
    """The median of `timed_samples`."""
    return statistics.median(timed_samples(body, reps, warmup))
