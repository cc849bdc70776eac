"""The safe fetcher (lib.fetch) against a local server that answers as a hostile site would.

The server runs on 127.0.0.1 and is allowed by ``VENEZUELA_ALLOW_HOSTS``
(host:port); every connection to another machine is refused by the autouse
guard, so nothing here can reach the internet.
"""
import socket
import time

import pytest

from lib import fetch


pytestmark = pytest.mark.usefixtures("outside_connections")


@pytest.fixture
def site(web_server, monkeypatch):
    monkeypatch.setenv(fetch.ALLOW_HOSTS, f"example.invalid, {web_server.host}")
    web_server.requests.clear()
    return web_server


def refused(url: str, **kwargs) -> str:
    with pytest.raises(fetch.FetchError) as caught:
        page = fetch.fetch(url, **kwargs)
        page.text()
    return str(caught.value)


def test_a_page_is_fetched_with_its_address_time_and_text(site):
    page = fetch.fetch(site.url("/article/1"))
    assert (page.url, page.media) == (site.url("/article/1"), "text/html")
    assert "Panama recognized Edmundo González" in page.text()
    assert time.time() - time.mktime(time.strptime(page.fetched_at, "%Y-%m-%dT%H:%M:%SZ")) < 24 * 3600


def test_it_says_who_asks(site):
    seen = {}
    real = fetch.httpx.Client.stream

    def spy(self, method, url, **kwargs):
        seen["agent"] = self.headers["user-agent"]
        return real(self, method, url, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(fetch.httpx.Client, "stream", spy)
        fetch.fetch(site.url("/article/1"))
    assert seen["agent"] == fetch.USER_AGENT and "venezuela-election-dashboard" in seen["agent"]


@pytest.mark.parametrize("n", [1, 5])
def test_up_to_five_redirects_are_followed(site, n):
    page = fetch.fetch(site.url(f"/redirect/{n}"))
    assert page.url == site.url("/article/1")
    assert len(site.requests) == n + 1


def test_a_sixth_redirect_is_refused(site):
    assert refused(site.url("/redirect/6")) == "more than 5 redirects"
    assert len(site.requests) == 6  # the sixth Location is never asked for


ADDRESSES = [  # a redirect from the allowed server -> the reason
    ("/to-private", "address 10.0.0.1 of '10.0.0.1' is private"),
    ("/to-metadata", "address 169.254.169.254 of '169.254.169.254' is link-local"),
    ("/to-localhost", "address 127.0.0.1 of 'localhost' is loopback"),  # the same server, under a name not allowed
    ("/to-file", "not an http(s) address: 'file:///etc/passwd'"),
]


@pytest.mark.parametrize("path, reason", ADDRESSES)
def test_a_redirect_is_checked_again_even_from_an_allowed_host(site, outside_connections, path, reason):
    assert reason in refused(site.url(path))
    assert outside_connections == []  # refused before any connection was tried
    assert site.requests == [path]


@pytest.mark.parametrize("url, reason", [
    ("http://127.0.0.2/", "is loopback"),
    ("http://[::1]:9/", "is loopback"),
    ("http://[::ffff:127.0.0.1]:9/", "is loopback"),  # IPv4 in IPv6 clothing
    ("http://0.0.0.0:9/", "is unspecified"),
    ("http://224.0.0.1/", "is multicast"),
    ("http://192.168.1.1/", "is private"),
    ("http://100.64.0.1/", "is not global"),  # carrier-grade NAT
    ("http://240.0.0.1/", "is reserved"),
    ("ftp://example.org/x", "not an http(s) address"),
    ("javascript:alert(1)", "not an http(s) address"),
    ("https:///nohost", "not an http(s) address"),
])
def test_addresses_that_are_not_public_are_refused(site, outside_connections, url, reason):
    assert reason in refused(url)
    assert outside_connections == []


def test_only_the_allowed_port_of_an_allowed_address_is_exempt(site):
    other = socket.socket()
    other.bind(("127.0.0.1", 0))
    try:
        assert "is loopback" in refused(f"http://127.0.0.1:{other.getsockname()[1]}/")
    finally:
        other.close()


def test_the_address_checked_is_the_address_connected_to(site, outside_connections, monkeypatch):
    """DNS rebinding: the name resolves to a public address when checked and to this machine later; the connection
    goes to the address checked (refused by the test guard), never to a second answer."""
    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1"])
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    port = int(site.host.rsplit(":", 1)[1])
    assert "could not fetch" in refused(f"http://rebind.test:{port}/article/1")
    assert outside_connections == ["93.184.216.34"] and site.requests == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(site, monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, port, *a, **k: [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)), (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port))])
    assert "address 10.0.0.7 of 'mixed.test' is private" in refused("http://mixed.test/")


def test_no_proxy_from_the_environment_is_used(site, monkeypatch, outside_connections):
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://10.9.9.9:3128")
    assert "Panama" in fetch.fetch(site.url("/article/1")).text()
    assert outside_connections == []


SIZES = [
    ("/big", "too large: more than 5,000,000 bytes sent"),  # 20 MB, no Content-Length
    ("/big-declared", "too large: 20,000,000 bytes, limit 5,000,000"),  # said up front: not read at all
    ("/gzip-bomb", "too large: more than 5,000,000 bytes (decoded)"),  # 50 kB that would be 50 MB
    ("/deflate-bomb", "too large: more than 5,000,000 bytes (decoded)"),
    ("/brotli", "content encoding 'br' not supported"),
]


@pytest.mark.parametrize("path, reason", SIZES)
def test_bodies_are_cut_at_the_limit_of_decoded_bytes(site, path, reason):
    assert reason in refused(site.url(path))


def test_a_bomb_is_never_expanded_past_the_limit(site, monkeypatch):
    largest = []
    real = fetch._Decoder._inflate

    def watch(self, chunk):
        out = real(self, chunk)
        largest.append(self.size + len(out))  # what has been decoded so far, this chunk included
        return out

    monkeypatch.setattr(fetch._Decoder, "_inflate", watch)
    assert "too large" in refused(site.url("/gzip-bomb"))
    assert max(largest) == fetch.MAX_BYTES + 1  # one byte past the limit, then it stopped


def test_a_compressed_page_is_decoded(site):
    assert "Brazil called on Venezuela" in fetch.fetch(site.url("/gzip-article")).text()


def test_a_trickle_is_cut_off_at_the_deadline(site):
    started = time.monotonic()
    assert "too slow" in refused(site.url("/trickle"), deadline=1.5)
    assert time.monotonic() - started < 5


def test_silence_is_a_read_timeout(site, monkeypatch):
    monkeypatch.setattr(fetch, "READ_TIMEOUT", 0.5)
    started = time.monotonic()
    assert refused(site.url("/stall")) == "timed out (read timeout)"
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("path, reason", [
    ("/image.png", "Content-Type 'image/png'"),
    ("/no-type", "Content-Type 'missing'"),
    ("/missing", "HTTP 404 Not Found"),
])
def test_only_pages_are_read(site, path, reason):
    assert reason in refused(site.url(path))


def test_a_declared_charset_is_used():
    assert fetch.decode("Nicolás Maduro".encode("latin-1"), "text/html; charset=ISO-8859-1") == "Nicolás Maduro"


@pytest.mark.parametrize("path, words", [("/latin1", "Nicolás Maduro"), ("/plain", "83% of polling stations")])
def test_pages_in_other_charsets_are_decoded_right(site, path, words):
    assert words in fetch.fetch(site.url(path)).text()


@pytest.mark.parametrize("path, reason", [
    ("/wrong-charset", "not utf-8 text, the charset declared by the Content-Type: byte 354 (invalid continuation byte)"),
    ("/unknown-charset", "unknown charset 'x-klingon' declared by the Content-Type"),
])
def test_a_wrong_charset_is_refused_clearly(site, path, reason):
    assert refused(site.url(path)) == reason


@pytest.mark.parametrize("data, content_type, text", [
    ('<meta charset="windows-1252"><p>“Ganamos”</p>'.encode("cp1252"), "text/html", "“Ganamos”"),
    ("<?xml version='1.0' encoding='iso-8859-1'?><rss>Bogotá</rss>".encode("latin-1"), "application/xml", "Bogotá"),
    (b"\xef\xbb\xbfCaf\xc3\xa9", "text/plain", "Café"),
])
def test_a_charset_the_page_declares_is_used(data, content_type, text):
    assert text in fetch.decode(data, content_type)
