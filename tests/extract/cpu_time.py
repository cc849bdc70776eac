"""CPU seconds of one call, for the linear-time tests' ratios of two sizes.

CPU time of this process, so other work on a shared machine does not count,
with the garbage collector paused, so a collection landing in one run does
not decide a ratio.
"""
import gc
import time


def cpu_seconds(call, *args) -> float:
    """CPU seconds ``call(*args)`` takes, the collector paused meanwhile."""
    gc.disable()
    try:
        started = time.process_time()
        call(*args)
        return time.process_time() - started
    finally:
        gc.enable()
