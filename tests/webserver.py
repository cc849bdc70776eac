"""A web server on 127.0.0.1 for the fetch tests: articles, feeds and every hostile answer a page or feed may give.

:func:`serve` runs it in a thread and yields a :class:`Site`; ``site.url(path)``
is the address of a route below. Every handler is bounded in time (the
trickle stops after :data:`TRICKLE_SECONDS`), so a test that fails never
leaves a thread writing for ever.
"""
from __future__ import annotations

import contextlib
import gzip
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

FIXTURES = Path(__file__).parent / "fixtures" / "web"
PAGES = {"/article/1": "article-1.html", "/article/2": "article-2.html", "/article/3": "article-3.html",
         "/football": "football.html", "/hidden": "hidden-mention.html"}
TRICKLE_SECONDS = 20
BIG = 20_000_000  # bytes of the big page, four times the limit
BOMB = 50_000_000  # decoded bytes of each compression bomb (about 50 kB sent), ten times the limit


@dataclass
class Site:
    base: str
    requests: list[str] = field(default_factory=list)  # paths asked for, in order
    extra_entries: list[str] = field(default_factory=list)  # paths added to /feed.xml after the first read

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def host(self) -> str:
        return self.base.removeprefix("http://")


def rss(site: Site, links: list[tuple[str, str, str]]) -> bytes:
    items = "".join(f"<item><title>{t}</title><link>{link}</link><description>{d}</description></item>" for t, link, d in links)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Wire</title><link>{site.base}/</link>{items}</channel></rss>'.encode()


def feed_entries(site: Site) -> list[tuple[str, str, str]]:
    """The test feed: three articles about Venezuela, a repeated link, the same text at another address, a football
    report, an article that mentions Venezuela in its text only, a javascript: link and a private address."""
    entries = [
        ("Panama recognizes González", site.url("/article/1"), "Panama's foreign minister on the tally sheets"),
        ("Brazil demands the records", site.url("/article/2"), "Brasília asks for transparency in Venezuela"),
        ("Panama recognizes González (again)", site.url("/article/1"), "the same link twice"),
        ("Panama recognizes González, syndicated", site.url("/article/1?via=syndication"), "the same text at another address"),
        ("Cup final ends in a draw", site.url("/football"), "sport"),
        ("Regional leaders meet", site.url("/hidden"), "trade and migration"),
        ("A script", "javascript:alert(1)", "not a page"),
        ("Intranet", "http://10.1.2.3/venezuela", "a private address"),
    ]
    return entries + [(f"More on Venezuela {p}", site.url(p), "") for p in site.extra_entries]


class Handler(BaseHTTPRequestHandler):
    site: Site  # set per server

    def log_message(self, *args):  # quiet
        pass

    def send(self, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200, headers: dict | None = None, length: bool = True):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302):
        self.send(b"", headers={"Location": location}, status=status)

    def do_GET(self):  # noqa: C901 - one route per hostile case, in one place
        path = self.path
        self.site.requests.append(path)
        route = path.split("?")[0]
        try:
            if route in PAGES:
                self.send((FIXTURES / PAGES[route]).read_bytes())
            elif route.startswith("/redirect/"):  # /redirect/N -> N redirects, then article 1
                n = int(route.rsplit("/", 1)[1])
                self.redirect(f"/redirect/{n - 1}" if n > 1 else "/article/1", status=(301, 302, 303, 307, 308)[n % 5])
            elif route == "/to-private":
                self.redirect("http://10.0.0.1/article/1")
            elif route == "/to-metadata":
                self.redirect("http://169.254.169.254/latest/meta-data/")
            elif route == "/to-localhost":  # this very server under a name that is not allowed
                self.redirect(f"http://localhost:{self.server.server_address[1]}/article/1")
            elif route == "/to-file":
                self.redirect("file:///etc/passwd")
            elif route == "/big":  # no Content-Length: only counting what arrives can stop it
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                chunk = b"<p>" + b"a" * 65_530 + b"</p>\n"
                for _ in range(BIG // len(chunk) + 1):
                    self.wfile.write(chunk)
            elif route == "/big-declared":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(BIG))
                self.end_headers()
                self.wfile.write(b"<p>a</p>")
            elif route in ("/gzip-bomb", "/deflate-bomb"):
                zeros = b"\0" * 1_000_000
                packer = zlib.compressobj(9, zlib.DEFLATED, 31 if route == "/gzip-bomb" else 15)
                body = b"".join(packer.compress(zeros) for _ in range(BOMB // len(zeros))) + packer.flush()
                self.send(body, headers={"Content-Encoding": "gzip" if route == "/gzip-bomb" else "deflate"})
            elif route == "/gzip-article":
                self.send(gzip.compress((FIXTURES / "article-2.html").read_bytes()), headers={"Content-Encoding": "gzip"})
            elif route == "/brotli":
                self.send(b"\x0b\x02\x80hello\x03", headers={"Content-Encoding": "br"})
            elif route == "/trickle":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                ends = time.monotonic() + TRICKLE_SECONDS
                while time.monotonic() < ends:
                    self.wfile.write(b"<p>a</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif route == "/stall":  # headers, then silence
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.flush()
                time.sleep(3)
            elif route == "/image.png":
                self.send(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
            elif route == "/no-type":
                self.send(b"<p>Venezuela</p>", "")
            elif route == "/latin1":  # declared right: decoded right
                self.send((FIXTURES / "article-3.html").read_bytes().decode().replace('<meta charset="utf-8">', "").encode("latin-1"), "text/html; charset=ISO-8859-1")
            elif route == "/wrong-charset":  # Latin-1 bytes said to be UTF-8
                self.send((FIXTURES / "article-3.html").read_bytes().decode().encode("latin-1"), "text/html; charset=utf-8")
            elif route == "/unknown-charset":
                self.send(b"<p>Venezuela</p>", "text/html; charset=x-klingon")
            elif route == "/plain":
                self.send("Venezuela's opposition published tally sheets from 83% of polling stations.\n\nThe CNE has published none.\n".encode(), "text/plain; charset=utf-8")
            elif route == "/missing":
                self.send(b"not here", status=404)
            elif route == "/feed.xml":
                self.send(rss(self.site, feed_entries(self.site)), "application/rss+xml")
            elif route == "/atom.xml":
                atom = (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>'
                        f'<entry><title>Russia congratulates Maduro</title><link href="{self.site.url("/article/3")}"/><summary>Venezuela</summary></entry></feed>')
                self.send(atom.encode(), "application/atom+xml; charset=utf-8")
            elif route == "/broken.xml":
                self.send(b"<?xml version='1.0'?><rss><channel><item><title>Venezuela", "application/rss+xml")
            elif route == "/passwd.xml":  # a body feedparser would open as a file name if it were handed bytes
                self.send(b"/etc/passwd", "application/xml")
            elif route == "/html-as-feed":
                self.send((FIXTURES / "article-1.html").read_bytes(), "text/html")
            else:
                self.send(b"no such page", status=404)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should


@contextlib.contextmanager
def serve() -> Iterator[Site]:
    """The server on a free port of 127.0.0.1, stopped afterwards."""
    handler = type("SiteHandler", (Handler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    handler.site = Site(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler.site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def block_outside_network(monkeypatch) -> list:
    """Refuse every connection that is not to this machine (the tests' autouse guard); returns the addresses refused."""
    import ipaddress
    import socket

    refused = []
    connect = socket.socket.connect

    def local_only(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and not ipaddress.ip_address(host.split("%")[0]).is_loopback:
            refused.append(host)
            raise ConnectionRefusedError(f"test: no connection outside this machine ({host})")
        return connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", local_only)
    return refused
