"""Engines that map a pure function over a list in batches: on this machine's processes or on a Dask cluster.

    for article, found in zip(articles, imap(extract_article, articles, engine="dask", workers=2)):
        ...

:func:`imap` hands back one result per item, in the items' order, whatever
the engine and however many workers; ``progress(done, total)`` is called each
time a batch of items completes. The engines:

- ``local`` (the default, nothing to install): one worker runs in this
  process; more run in a :class:`~concurrent.futures.ProcessPoolExecutor`.
- ``dask`` (``pip install '.[dask]'``): without ``scheduler`` a
  ``distributed.LocalCluster`` of ``workers`` single-threaded processes on the
  loopback, with no dashboard, lives for the duration of the map; with
  ``scheduler`` (an address such as ``tcp://10.0.0.5:8786``) the cluster
  already running there does the work; its workers need this project
  installed, as the function runs on them with the modules it uses.

Processes, not threads: the extractors are pure Python, which threads would
run one at a time. Only a few batches per worker are in flight at any moment,
so neither the scheduler nor the workers ever hold more than a handful of
batches of a large corpus.
"""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import math
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_local
from typing import Any, Callable, Iterator, Sequence

ENGINES = ("local", "dask")
MIN_BATCH = 20  # ~0.15 s of extraction, about what starting a worker process costs: a corpus this small runs in-process
MAX_BATCH = 200  # ~1 MB of news text per task, whose extraction takes about 2 s: per-task overhead is noise
BATCHES_PER_WORKER = 8  # enough that the workers finish together and a progress bar moves
IN_FLIGHT_PER_WORKER = 4  # batches submitted and not yet handed back, per worker
DASK_MISSING = "the dask engine needs dask and distributed: pip install '.[dask]'"

Progress = Callable[[int, int], None]


class EngineUnavailable(ImportError):
    """The engine asked for needs packages that are not installed."""


def default_batch_size(n_items: int, workers: int) -> int:
    """Items per batch: about BATCHES_PER_WORKER batches for each worker, between MIN_BATCH and MAX_BATCH items."""
    return max(MIN_BATCH, min(MAX_BATCH, math.ceil(n_items / (workers * BATCHES_PER_WORKER))))


def imap(
    function: Callable[[Any], Any],
    items: Sequence,
    *,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
    batch_size: int | None = None,
) -> Iterator:
    """``function`` applied to every item, in the items' order, computed by ``engine``.

    ``function`` must be importable by the workers (a module-level function).
    Unknown engines, bad worker counts and a missing Dask raise here, before
    any work starts; errors raised by ``function`` come out of the iterator.
    ``batch_size`` defaults to :func:`default_batch_size` of the items and workers.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if scheduler and engine != "dask":
        raise ValueError("a scheduler address needs the dask engine")
    if engine == "dask":
        return _dask(_import_dask(), function, items, workers, scheduler, progress, batch_size)
    return _local(function, items, workers, progress, batch_size)


def local_cluster(workers: int):
    """A Dask cluster of ``workers`` single-threaded processes on the loopback, without a dashboard."""
    return _import_dask().LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        # The scheduler still serves health checks over HTTP, by default on
        # port 8787, which another cluster may hold: any free loopback port.
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    )


def _import_dask():
    """The ``distributed`` module, imported only when the dask engine is asked for."""
    try:
        import distributed
    except ImportError as exc:
        raise EngineUnavailable(DASK_MISSING) from exc
    return distributed


def _local(function, items, workers, progress, size) -> Iterator:
    size = size or default_batch_size(len(items), workers)
    if workers == 1 or len(items) <= size:  # a pool would only add start-up and pickling
        yield from _ordered(_run_now, wait_local, function, items, size, 1, progress)
        return
    # forkserver, not fork: a forked worker starts with the parent's whole heap
    # (100,000 articles) and Python's reference counting soon copies its pages.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver")) as pool:
        try:
            yield from _ordered(pool.submit, wait_local, function, items, size, workers * IN_FLIGHT_PER_WORKER, progress)
        except BaseException:
            pool.shutdown(cancel_futures=True)  # a failure or an abandoned iterator: queued batches are not run
            raise


def _dask(distributed, function, items, workers, scheduler, progress, size) -> Iterator:
    if not items:  # starting a cluster for nothing costs seconds
        return
    import dask

    # Dask's batched streams keep their last 1,000 messages for debugging, task arguments included: on the client and the
    # scheduler of a local cluster (both in this process) that is every batch of texts sent, the whole corpus at 100,000
    # articles. Set before the cluster starts, whose streams read it when they are made.
    with dask.config.set({"distributed.admin.low-level-log-length": 0}):
        yield from _dask_map(distributed, function, items, workers, scheduler, progress, size)


def _dask_map(distributed, function, items, workers, scheduler, progress, size) -> Iterator:
    cluster = contextlib.nullcontext(scheduler) if scheduler else local_cluster(workers)
    with cluster as address, distributed.Client(address) as client:
        workers = sum(client.nthreads().values()) or workers  # a remote cluster has its own size
        size = size or default_batch_size(len(items), workers)

        def submit(*args):
            return client.submit(*args, pure=False)  # pure=False: no hashing of megabytes of text for a task key

        yield from _ordered(submit, distributed.wait, function, items, size, workers * IN_FLIGHT_PER_WORKER, progress)


def _apply(function: Callable, batch: Sequence) -> list:
    """The task a worker runs: one batch."""
    return [function(item) for item in batch]


def _run_now(task: Callable, *args) -> Future:
    """``submit`` of the in-process engine: the work is done before the future is returned."""
    future: Future = Future()
    future.set_result(task(*args))
    return future


def _ordered(submit, wait, function, items, size, window, progress) -> Iterator:
    """Submit batches, at most ``window`` of them submitted and not yet handed back; yield results in order.

    ``submit(task, *args) -> future`` and ``wait(futures, return_when=...) -> (done, not_done)``
    are those of concurrent.futures or of dask.distributed.
    """
    starts = iter(range(0, len(items), size))
    submitted: deque[int] = deque()  # batch starts not yet handed back, in order
    running: dict[Any, int] = {}  # future -> batch start
    finished: dict[int, list] = {}  # batch start -> results, while an earlier batch still runs
    done = 0
    while True:
        while len(submitted) < window and (start := next(starts, None)) is not None:
            running[submit(_apply, function, items[start:start + size])] = start
            submitted.append(start)
        if not submitted:
            return
        while submitted[0] not in finished:
            for future in wait(list(running), return_when=FIRST_COMPLETED)[0]:
                results = finished[running.pop(future)] = future.result()
                done += len(results)
                if progress:
                    progress(done, len(items))
        yield from finished.pop(submitted.popleft())
