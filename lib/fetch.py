"""Fetching a web page or feed safely: every address a user or a feed names is untrusted.

:func:`fetch` is the one way the project reads from the network (the Add
articles page's web addresses, ``python -m lib.ingest --feed``). It is safe by
construction, whatever the address, the server or its answer:

* **schemes**: http and https only, for the address given and every redirect;
* **addresses**: the host is resolved once and the connection is made to that
  address (:class:`_CheckedBackend`, below httpx's connection pool), after
  checking that no address of the host is loopback, private, link-local,
  multicast, reserved, unspecified or otherwise not global: a page cannot
  reach this machine's services, the local network or a cloud metadata
  endpoint, and DNS rebinding cannot slip another address in between the
  check and the connection. TLS keeps the host name (SNI and certificate).
  ``VENEZUELA_ALLOW_HOSTS`` (comma-separated ``host`` or ``host:port``) lists
  hosts exempt from the address check (a local test server, an intranet
  mirror); a redirect to any other host is checked as usual;
* **redirects**: at most :data:`MAX_REDIRECTS`, each re-checked as above;
* **size**: at most :data:`MAX_BYTES` bytes read, counted after gzip or deflate
  decoding, which is done here in bounded steps, so a compression bomb stops
  at the limit without ever being expanded in memory;
* **time**: connect and read timeouts, and a deadline for the whole fetch
  (redirects included), so a server that trickles a byte a second is cut off;
* **content**: only the Content-Types asked for (HTML or plain text for pages,
  RSS/Atom/XML for feeds); the charset the server or the page declares is
  used, and bytes that do not decode are refused, never guessed;
* no proxy, ``.netrc`` or cookie from the environment is used, and the
  request says who makes it (:data:`USER_AGENT`).
"""
from __future__ import annotations

import codecs
import ipaddress
import os
import re
import socket
import time
import zlib
from datetime import datetime, timezone
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

MAX_BYTES = 5_000_000  # as the HTML upload limit (lib.ingest.MAX_UPLOAD_BYTES): a page fetched is a page uploaded
MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 5.0  # seconds
READ_TIMEOUT = 10.0  # seconds of silence between two reads
DEADLINE = 30.0  # seconds for a whole fetch, redirects and body included
USER_AGENT = "venezuela-election-dashboard/0.1 (news article fetcher; one request per article, on a reader's request)"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
ALLOW_HOSTS = "VENEZUELA_ALLOW_HOSTS"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")


class FetchError(ValueError):
    """The page was not fetched; the message says why, for the outcome table."""


class Fetched(NamedTuple):
    url: str  # the address finally read, after redirects
    content_type: str  # the Content-Type header, e.g. 'text/html; charset=utf-8'
    data: bytes  # the body, gzip or deflate decoded
    fetched_at: str  # when, YYYY-MM-DDTHH:MM:SSZ

    @property
    def media(self) -> str:
        return media_type(self.content_type)

    def text(self) -> str:
        """The body as text (:func:`decode`); FetchError when it does not decode. Feeds are parsed from :attr:`data`."""
        return decode(self.data, self.content_type)


def media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


# ---------------------------------------------------------------- addresses


def allowed_hosts() -> set[str]:
    """``$VENEZUELA_ALLOW_HOSTS`` as lower-case ``host`` and ``host:port`` entries (read at call time, as lib.paths does)."""
    return {h.strip().lower() for h in os.environ.get(ALLOW_HOSTS, "").split(",") if h.strip()}


def refused_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """Why a connection to ``ip`` is refused ('' when it is a public address)."""
    if ip.version == 6 and ip.ipv4_mapped:  # ::ffff:127.0.0.1 is 127.0.0.1 (Python 3.11 does not say it is loopback)
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):  # most telling first: 169.254.x is private too
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return "" if ip.is_global else "not global"


def checked_address(host: str, port: int, allowed: set[str]) -> str:
    """The address to connect to for ``host``: resolved once here, every address checked; FetchError if any is refused."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"host {host!r} not found ({exc})") from None
    addresses = [info[4][0] for info in infos]
    if host.lower() not in allowed and f"{host.lower()}:{port}" not in allowed:
        for address in addresses:
            # All of them, not the first: a host that also resolves to 10.0.0.1 is refused whichever the pool would pick.
            if reason := refused_address(ipaddress.ip_address(address.split("%")[0])):
                raise FetchError(f"address {address} of {host!r} is {reason}: only public addresses are fetched (see {ALLOW_HOSTS})")
    return addresses[0]


class _CheckedBackend(httpcore.SyncBackend):
    """httpcore's sockets, connected to the address that was checked rather than to a name resolved again."""

    def __init__(self, allowed: set[str]):
        self.allowed = allowed

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return super().connect_tcp(checked_address(host, port, self.allowed), port, timeout, local_address, socket_options)


class _CheckedTransport(httpx.HTTPTransport):
    """httpx's transport with the pool's network backend replaced by :class:`_CheckedBackend` (no proxy: nothing to bypass)."""

    def __init__(self, allowed: set[str]):
        super().__init__(trust_env=False)
        # httpx builds its pool without a way to pass a network backend; the pool it built is replaced by the same
        # pool over checked sockets (the tests fetch a redirect to localhost, which would succeed without it).
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False), network_backend=_CheckedBackend(allowed))


def client() -> httpx.Client:
    """A client for :func:`fetch` (reuse one for many fetches; close it after)."""
    return httpx.Client(
        transport=_CheckedTransport(allowed_hosts()), trust_env=False, follow_redirects=False,
        timeout=httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT),
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
    )


def web_address(url: str) -> str:
    """``url`` when it is an absolute http(s) address; FetchError otherwise."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) address: {url[:200]!r}")
    return url


# ---------------------------------------------------------------- reading


class _Decoder:
    """gzip or deflate decoding that never holds more than ``limit`` + 1 decoded bytes (identity passes through)."""

    def __init__(self, encoding: str, limit: int):
        self.encoding, self.limit, self.size, self.started = encoding, limit, 0, False
        self.inflate = zlib.decompressobj(47 if encoding == "gzip" else 15) if encoding in ("gzip", "deflate") else None

    def feed(self, chunk: bytes) -> bytes:
        out = chunk if self.inflate is None else self._inflate(chunk)
        self.size += len(out)
        if self.size > self.limit:
            raise FetchError(f"too large: more than {self.limit:,} bytes (decoded)")
        return out

    def _inflate(self, data: bytes) -> bytes:
        pieces, room = [], self.limit - self.size
        while data and not self.inflate.eof and room >= 0:  # after the end: trailing bytes (a second gzip member) are ignored
            try:
                piece = self.inflate.decompress(data, room + 1)  # at most one byte past the limit, however dense the input
            except zlib.error:
                if self.started or self.encoding != "deflate":
                    raise FetchError(f"the {self.encoding} body is corrupt") from None
                self.inflate = zlib.decompressobj(-15)  # "deflate" without its zlib header, as some servers send it
                continue
            self.started = True
            pieces.append(piece)
            room -= len(piece)
            data = self.inflate.unconsumed_tail
        return b"".join(pieces)


def _read_body(response: httpx.Response, limit: int, deadline: float) -> bytes:
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):  # br, zstd, or stacked "gzip, gzip": not asked for
        raise FetchError(f"content encoding {encoding!r} not supported (gzip and deflate are)")
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise FetchError(f"too large: {int(length):,} bytes, limit {limit:,}")
    decoder, received, body = _Decoder("gzip" if encoding == "x-gzip" else encoding, limit), 0, []
    for chunk in response.iter_raw():  # raw: httpx would expand a whole compressed chunk at once
        received += len(chunk)
        if received > limit:
            raise FetchError(f"too large: more than {limit:,} bytes sent")
        body.append(decoder.feed(chunk))
        if time.monotonic() > deadline:
            raise FetchError("too slow: the page was not read within the time allowed")
    return b"".join(body)


def _charset(content_type: str) -> str:
    match = re.search(r"""charset\s*=\s*["']?([^"';\s]+)""", content_type, re.I)
    return match.group(1) if match else ""


def decode(data: bytes, content_type: str) -> str:
    """The body as text: the charset of the Content-Type, else of a byte-order mark, the page's <meta> or XML declaration, else UTF-8."""
    declared = _charset(content_type)
    source = "the Content-Type"
    if not declared and data.startswith(codecs.BOM_UTF8):
        declared, source = "utf-8-sig", "its byte-order mark"
    if not declared and (match := _META_CHARSET.search(data[:4096]) or _XML_ENCODING.match(data[:1024])):
        declared, source = match.group(1).decode("ascii"), "the page"
    name = declared or "utf-8"
    try:
        codec = codecs.lookup(name)
    except LookupError:
        raise FetchError(f"unknown charset {name!r} declared by {source}") from None
    try:
        return data.decode(codec.name)
    except UnicodeDecodeError as exc:
        said = f"declared by {source}" if declared else "(none declared, so UTF-8)"
        raise FetchError(f"not {name} text, the charset {said}: byte {exc.start:,} ({exc.reason})") from None


def fetch(url: str, types: tuple[str, ...] = PAGE_TYPES, *, http: httpx.Client | None = None, limit: int = MAX_BYTES, deadline: float = DEADLINE) -> Fetched:
    """GET ``url`` under every rule of this module; FetchError with the reason otherwise."""
    own = http is None
    http = http or client()
    ends = time.monotonic() + deadline
    try:
        current = web_address(url)
        for _ in range(MAX_REDIRECTS + 1):
            if time.monotonic() > ends:
                raise FetchError(f"too slow: not read within {deadline:g} s")
            try:
                with http.stream("GET", current, timeout=httpx.Timeout(min(READ_TIMEOUT, deadline), connect=min(CONNECT_TIMEOUT, deadline))) as response:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        if not location:
                            raise FetchError(f"HTTP {response.status_code} redirect without a Location")
                        current = web_address(urljoin(current, location))
                        continue
                    if response.status_code != 200:
                        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
                    content_type = response.headers.get("content-type", "")
                    media = media_type(content_type)
                    if media not in types:
                        raise FetchError(f"not a page or feed this reads: Content-Type {media or 'missing'!r} (accepted: {', '.join(types)})")
                    data = _read_body(response, limit, ends)
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out ({type(exc).__name__.replace('Timeout', ' timeout').lower()})") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"could not fetch: {exc or type(exc).__name__}") from None
            if not data.strip():
                raise FetchError("empty response")
            return Fetched(str(current), content_type, data, datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")
    finally:
        if own:
            http.close()
