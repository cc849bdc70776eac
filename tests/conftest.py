"""Fixtures the tests share: a private upload folder and an app on localhost for every test; seed and empty corpora and captured downloads for page tests."""
import pytest
from streamlit import config
from streamlit.runtime import media_file_manager, memory_media_file_storage

from apptest import Downloads, clear_caches
from lib.paths import DEV_ARTICLES, EVALUATION, SEEDS


@pytest.fixture(autouse=True)
def private_upload_folder(monkeypatch, tmp_path):
    """Uploads go to a folder of the test's own."""
    monkeypatch.setenv("VENEZUELA_UPLOADS", str(tmp_path / "uploads"))
    return tmp_path / "uploads"


@pytest.fixture(autouse=True)
def server_on_localhost():
    """AppTest's app listens on the loopback, as `make run` on a laptop does: the local user may edit (app/auth.py).
    Tests of a shared app set ``server.address`` to another address."""
    before = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")
    yield
    config.set_option("server.address", before)


@pytest.fixture
def downloads(monkeypatch):
    stored = Downloads()
    stored.deferred = {}
    load_original = memory_media_file_storage.MemoryMediaFileStorage.load_and_get_id
    defer_original = media_file_manager.MediaFileManager.add_deferred

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        file_id = load_original(self, path_or_data, mimetype, kind, filename)
        if isinstance(path_or_data, bytes):
            stored[file_id] = path_or_data
        return file_id

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = defer_original(self, data_callable, *args, **kwargs)
        stored.deferred[file_id] = data_callable
        return file_id

    monkeypatch.setattr(memory_media_file_storage.MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)
    monkeypatch.setattr(media_file_manager.MediaFileManager, "add_deferred", add_deferred)
    return stored


@pytest.fixture
def streamlit_caches():
    """Streamlit's caches empty before and after the test, so no test sees another's build."""
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def seeds(monkeypatch, tmp_path, streamlit_caches):
    monkeypatch.setenv("VENEZUELA_ARTICLES", str(SEEDS))
    monkeypatch.setenv("VENEZUELA_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def empty(monkeypatch, tmp_path, streamlit_caches):
    (tmp_path / "articles").mkdir()
    monkeypatch.setenv("VENEZUELA_ARTICLES", str(tmp_path / "articles"))
    monkeypatch.setenv("VENEZUELA_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def every_article(monkeypatch, tmp_path, streamlit_caches):
    """The seeds and every evaluation set's articles: the widest real corpus the project holds."""
    folders = [SEEDS, DEV_ARTICLES, EVALUATION / "dev2a" / "texts", EVALUATION / "dev2b" / "texts"]
    monkeypatch.setenv("VENEZUELA_ARTICLES", ":".join(map(str, folders)))
    monkeypatch.setenv("VENEZUELA_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture(scope="module")
def seed_dashboard(tmp_path_factory):
    """``streamlit run dashboard.py`` on the seeds for a module's browser tests; yields its base URL."""
    from tools.browser import streamlit_server

    env = {"VENEZUELA_ARTICLES": str(SEEDS), "VENEZUELA_DATA": str(tmp_path_factory.mktemp("data"))}
    with streamlit_server("dashboard.py", env=env) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright, one per module."""
    from tools.browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture
def outside_connections(monkeypatch):
    """No connection leaves this machine during the test; the list of addresses a test tried to reach elsewhere."""
    from webserver import block_outside_network

    return block_outside_network(monkeypatch)


@pytest.fixture(scope="module")
def web_server():
    """The local fixture web site (tests/webserver.py) for a module's fetch and feed tests."""
    from webserver import serve

    with serve() as site:
        yield site
