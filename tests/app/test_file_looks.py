"""The dashboard's look at the corpus files for changes (app.cached._FileLooks): a rerun waits for the first look only."""
import threading

import pytest

from app import cached

KEY = (("/corpus",), "/data")


@pytest.fixture
def looks(monkeypatch):
    """A fresh _FileLooks whose looks find what ``found`` holds as they begin, each one counted and held while ``hold`` is clear."""
    found, calls, hold = {"reason": None}, [], threading.Event()
    hold.set()

    def stale_reason(folders, out, load):
        calls.append(threading.current_thread().name)
        reason = found["reason"]  # what the files were when the look began
        hold.wait(5)
        return reason
    monkeypatch.setattr(cached.store, "stale_reason", stale_reason)
    return cached._FileLooks(), found, calls, hold


def wait_for_looks(looks):
    for thread in threading.enumerate():
        if thread.name == "corpus-look":
            thread.join(5)


def test_the_first_look_is_waited_for_and_kept(looks):
    files, found, calls, _ = looks
    found["reason"] = "the articles changed"
    assert files.reason(*KEY) == "the articles changed"
    found["reason"] = None
    assert files.reason(*KEY) == "the articles changed" and len(calls) == 1  # within STALE_CHECK_SECONDS: no other look


def test_an_old_look_is_shown_while_the_next_is_taken_apart(looks, monkeypatch):
    files, found, calls, _ = looks
    assert files.reason(*KEY) is None
    monkeypatch.setattr(cached, "STALE_CHECK_SECONDS", 0)
    found["reason"] = "the articles changed"
    assert files.reason(*KEY) is None  # the rerun goes on with the latest look
    wait_for_looks(files)
    assert calls[1] == "corpus-look" and files.reason(*KEY) == "the articles changed"


def test_a_look_begun_before_a_build_is_not_kept(looks, monkeypatch):
    files, found, calls, hold = looks
    found["reason"] = "the articles changed"
    files.reason(*KEY)
    monkeypatch.setattr(cached, "STALE_CHECK_SECONDS", 0)
    hold.clear()
    files.reason(*KEY)  # a look in a thread, held before it finds anything
    files.forget()  # a build made the tables current meanwhile
    found["reason"] = None
    hold.set()
    wait_for_looks(files)
    assert files.reason(*KEY) is None and calls[-1] == threading.current_thread().name  # looked at again, and waited for


def test_a_first_look_under_way_is_waited_for_not_taken_again(looks):
    """A first look under way (another session's, a warm-up's) is waited for by a visitor arriving meanwhile (a second
    look would cost the same half a second at 100,000 files, on the same cores)."""
    files, found, calls, hold = looks
    found["reason"] = "the articles changed"
    hold.clear()
    warming = threading.Thread(target=files.reason, args=KEY, name="warm-server")
    warming.start()
    while not calls:  # the warm-up's look has begun, and is held
        threading.Event().wait(0.01)
    seen = []
    visitor = threading.Thread(target=lambda: seen.append(files.reason(*KEY)), name="visitor")
    visitor.start()
    visitor.join(0.2)
    assert visitor.is_alive() and not seen  # waiting for the look under way
    hold.set()
    warming.join(5)
    visitor.join(5)
    assert seen == ["the articles changed"] and calls == ["warm-server"]
