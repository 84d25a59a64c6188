"""Checking the addresses of external resources: ``manage.py check_links`` runs this nightly.

One address (``check_address``):

- Only http and https addresses are checked; anything else is skipped.
- The host is looked up once, and every address it resolves to must be public: not loopback,
  private, link-local (where cloud metadata services live), shared, reserved or multicast.
  Editors type these addresses and the check runs on the server, so without this an address
  could make the server reach inside its own network. The connection then goes to the
  address that was looked at, so the name cannot point somewhere else by the time we connect.
  ``settings.LINK_CHECK_ALLOW_LOOPBACK`` lets loopback through, for the tests' local server.
- HEAD first (no body); GET when HEAD fails in a way a GET might not: an error status other
  than "busy", a timeout or a dropped connection (many servers refuse or mishandle HEAD). The
  body of a GET is never read.
- Redirects are followed, at most ``MAX_REDIRECTS``; each new address is vetted as above.
- Connecting and each wait for an answer have time-outs, and each address a time budget.
- A User-Agent names the partnership's site, its address and a contact, so the owner of a
  site can tell who is knocking and write to us.

What a check means for a link (``findings_fields``): see ``learning.choices.LinkStatus``. A
link becomes broken only when it has failed on ``FAILURES_BEFORE_BROKEN`` checks in a row, so
one bad night (a time-out, a server being deployed) does not hide a good resource from the
public; the first failure is recorded (date, status, what went wrong) and the report shows
it. "Busy" answers (429, 503) ask us to come back later: they neither count as a failure nor
clear one, but a link that has not answered properly for ``BUSY_GRACE`` is broken. An address
in a private network is broken at once: no reader outside could open it either.

Several at once (``check_all``): a few threads, each taking one host's addresses in turn, so
no host ever gets two requests at the same time, with a pause between requests to one host;
the whole run stops at a time limit.
"""

import enum
import http.client
import ipaddress
import queue
import socket
import ssl
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import timedelta
from http import HTTPStatus
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings

from learning.choices import LinkStatus

MAX_REDIRECTS = 5
MAX_ADDRESS_LENGTH = 2000  # ExternalResource.moved_to's
MAX_NOTE_LENGTH = 255  # ExternalResource.check_note's
CONNECT_TIMEOUT = 5.0  # seconds to open a connection
READ_TIMEOUT = 10.0  # seconds to wait for each part of an answer
ADDRESS_BUDGET = 30.0  # seconds for one address: HEAD, GET and every redirect together
FAILURES_BEFORE_BROKEN = 2
BUSY_GRACE = timedelta(days=7)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
BUSY_STATUSES = frozenset({429, 503})

# Characters left as they are when an address is put on the request line: the reserved ones
# and "%" (an address that is already percent-encoded stays as it is).
PATH_SAFE = "/%:@!$&'()*+,;=-._~"
QUERY_SAFE = PATH_SAFE + "?"


class Outcome(enum.Enum):
    """What one check of an address came to."""

    WORKS = "works"  # a page came back (2xx), perhaps after redirects
    FAILED = "failed"  # an error status, or no answer at all
    BUSY = "busy"  # 429 or 503: the site asks to be asked later
    REFUSED = "refused"  # the address, or a redirect, points into a private network
    SKIPPED = "skipped"  # not a web address (http or https): not checked


@dataclass(frozen=True)
class Finding:
    """The result of checking one address."""

    outcome: Outcome
    http_status: int | None = None
    moved_to: str = ""  # where permanent redirects led, when they did
    note: str = ""  # what went wrong, in words


@dataclass(frozen=True)
class Checker:
    """How to check: time-outs, the User-Agent, and whether loopback addresses are allowed."""

    user_agent: str
    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    budget: float = ADDRESS_BUDGET
    allow_loopback: bool = False

    @classmethod
    def from_settings(cls, *, read_timeout=READ_TIMEOUT):
        """A checker named after this site, with the contact from ``LINK_CHECK_CONTACT``."""
        details = [f"+{settings.SITE_URL}"]
        contact = settings.LINK_CHECK_CONTACT
        if contact:
            details.append(contact)
        agent = f"{settings.WAGTAIL_SITE_NAME} link checker ({'; '.join(details)})"
        return cls(
            # Header values must be Latin-1; anything else is left out rather than garbled.
            user_agent=agent.encode("ascii", "ignore").decode("ascii"),
            connect_timeout=min(CONNECT_TIMEOUT, read_timeout),
            read_timeout=read_timeout,
            budget=max(ADDRESS_BUDGET, 3 * read_timeout),
            allow_loopback=settings.LINK_CHECK_ALLOW_LOOPBACK,
        )


class AddressRefused(Exception):
    """The address resolves into a private network: the checker does not connect to it."""


class NotWebAddress(Exception):
    """The address is not http or https, or cannot be read as one."""


class TooManyRedirects(Exception):
    """The redirects went on past MAX_REDIRECTS, or in a circle."""


def permitted(ip_text, *, allow_loopback=False):
    """Whether the checker may connect to the IP address ``ip_text``: public addresses only,
    and loopback when allowed. IPv6 forms that carry an IPv4 address are judged by that."""
    ip = ipaddress.ip_address(ip_text.split("%", 1)[0])  # no IPv6 zone ("fe80::1%eth0")
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo or (None, None))[1]
        if embedded is None and ip in NAT64_PREFIX:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            ip = embedded
    if ip.is_loopback:
        return allow_loopback
    return ip.is_global and not ip.is_multicast


NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")


def vetted_ips(host, port, *, allow_loopback=False):
    """The IP addresses to connect to for ``host``, once every address it resolves to has been
    found permitted; ``AddressRefused`` otherwise. DNS failures raise ``socket.gaierror``."""
    answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(answer[4][0] for answer in answers))
    if not addresses or not all(permitted(ip, allow_loopback=allow_loopback) for ip in addresses):
        raise AddressRefused(host)
    return addresses


class _PinnedConnection:
    """Opens its socket to IP addresses checked beforehand (the first that answers), not to
    whatever the host name resolves to by then; the host name still goes in the Host header
    and the TLS certificate check."""

    def _open_socket(self):
        error = None
        for ip in self.vetted_ips:
            try:
                sock = socket.create_connection((ip, self.port), self.connect_timeout)
            except OSError as failure:
                error = failure
                continue
            sock.settimeout(self.timeout)
            return sock
        raise error


class _PinnedHTTPConnection(_PinnedConnection, http.client.HTTPConnection):
    def __init__(self, host, port, *, vetted_ips, connect_timeout, read_timeout):
        super().__init__(host, port, timeout=read_timeout)
        self.vetted_ips = vetted_ips
        self.connect_timeout = connect_timeout

    def connect(self):
        self.sock = self._open_socket()


class _PinnedHTTPSConnection(_PinnedConnection, http.client.HTTPSConnection):
    def __init__(self, host, port, *, vetted_ips, connect_timeout, read_timeout):
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=read_timeout, context=self.tls)
        self.vetted_ips = vetted_ips
        self.connect_timeout = connect_timeout

    def connect(self):
        self.sock = self.tls.wrap_socket(self._open_socket(), server_hostname=self.host)


CONNECTIONS = {"http": _PinnedHTTPConnection, "https": _PinnedHTTPSConnection}
DEFAULT_PORTS = {"http": 80, "https": 443}


def _ask(method, url, checker, deadline):
    """One request without following redirects: ``(status, Location header or None)``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in CONNECTIONS:
        raise NotWebAddress(url)
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
        port = parts.port or DEFAULT_PORTS[scheme]
    except (UnicodeError, ValueError):
        raise NotWebAddress(url) from None
    if not host:
        raise NotWebAddress(url)
    ips = vetted_ips(host, port, allow_loopback=checker.allow_loopback)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("no time left for this address")
    connection = CONNECTIONS[scheme](
        host,
        port,
        vetted_ips=ips,
        connect_timeout=min(checker.connect_timeout, remaining),
        read_timeout=min(checker.read_timeout, remaining),
    )
    target = quote(parts.path or "/", safe=PATH_SAFE)
    if parts.query:
        target += "?" + quote(parts.query, safe=QUERY_SAFE)
    headers = {
        "User-Agent": checker.user_agent,
        "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8",
        "Connection": "close",
    }
    try:
        connection.request(method, target, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Location")
    finally:
        connection.close()  # the body, if any, is never read


def _follow(method, url, checker, deadline):
    """``(status, moved_to)`` after following redirects. ``moved_to`` is where the redirects
    led while they were permanent, counted from the start: a permanent redirect after a
    temporary one does not mean the address itself has moved."""
    current, seen, moved_to, permanent_so_far = url, {url}, "", True
    for _ in range(MAX_REDIRECTS + 1):
        status, location = _ask(method, current, checker, deadline)
        if status not in REDIRECT_STATUSES or not location:
            return status, moved_to
        following = urljoin(current, location.strip())
        if following in seen:
            raise TooManyRedirects("the redirects go round in a circle")
        seen.add(following)
        permanent_so_far = permanent_so_far and status in PERMANENT_REDIRECTS
        if permanent_so_far:
            moved_to = following
        current = following
    raise TooManyRedirects(f"more than {MAX_REDIRECTS} redirects")


def _status_words(status):
    try:
        return f"{HTTPStatus(status).phrase.capitalize()} ({status})"
    except ValueError:
        return f"HTTP status {status}"


def _attempt(method, url, checker, deadline):
    """``(Finding, whether a GET might answer differently)`` for one method."""
    try:
        status, moved_to = _follow(method, url, checker, deadline)
    except NotWebAddress:
        note = "Not checked: only web addresses (http and https) are checked."
        return Finding(Outcome.SKIPPED, note=note), False
    except AddressRefused:
        note = "Refused: the address, or a redirect, points into a private network."
        return Finding(Outcome.REFUSED, note=note), False
    except TooManyRedirects as error:
        return Finding(Outcome.FAILED, note=f"Too many redirects: {error}."), False
    except socket.gaierror:
        return Finding(Outcome.FAILED, note="No such host: the name was not found."), False
    except ConnectionRefusedError:
        return Finding(Outcome.FAILED, note="Connection refused."), False
    except ssl.SSLError as error:
        reason = getattr(error, "verify_message", "") or error.reason or "unknown reason"
        return Finding(Outcome.FAILED, note=f"Secure connection failed: {reason}."), False
    except TimeoutError:
        return Finding(Outcome.FAILED, note="Timed out: no answer in time."), True
    except (OSError, http.client.HTTPException) as error:
        note = f"Connection failed: {type(error).__name__}."
        return Finding(Outcome.FAILED, note=note), True
    if 200 <= status < 300:
        if moved_to == url or len(moved_to) > MAX_ADDRESS_LENGTH:
            moved_to = ""  # not somewhere else, or not an address an editor could use
        return Finding(Outcome.WORKS, http_status=status, moved_to=moved_to), False
    if status in BUSY_STATUSES:
        note = f"Busy: {_status_words(status)}; asked again at the next check."
        return Finding(Outcome.BUSY, http_status=status, note=note), False
    if 300 <= status < 400:
        note = f"A redirect without a new address: {_status_words(status)}."
        return Finding(Outcome.FAILED, http_status=status, note=note), True
    return Finding(Outcome.FAILED, http_status=status, note=_status_words(status) + "."), True


def check_address(url, checker):
    """Check one address: HEAD, then GET when HEAD failed in a way GET might not. Never
    raises: whatever happens is a ``Finding``."""
    deadline = time.monotonic() + checker.budget
    try:
        finding, try_get = _attempt("HEAD", url, checker, deadline)
        if try_get and finding.outcome is Outcome.FAILED:
            finding, _ = _attempt("GET", url, checker, deadline)
    except Exception as error:  # one odd address must not stop the others
        return Finding(Outcome.FAILED, note=f"The check failed: {type(error).__name__}.")
    return finding


def findings_fields(resource, finding, today):
    """The ExternalResource fields to store after ``finding``, given what ``resource`` had
    (see the module's docstring for the rules)."""
    note = finding.note[:MAX_NOTE_LENGTH]
    if finding.outcome is Outcome.SKIPPED:
        return {"http_status": None, "check_note": note}
    fields = {"last_checked": today, "http_status": finding.http_status, "check_note": note}
    if finding.outcome is Outcome.WORKS:
        fields.update(
            link_status=LinkStatus.MOVED if finding.moved_to else LinkStatus.WORKING,
            moved_to=finding.moved_to,
            failed_checks=0,
            failing_since=None,
        )
        return fields
    failing_since = resource.failing_since or today
    fields["failing_since"] = failing_since
    if finding.outcome is Outcome.REFUSED:
        fields.update(link_status=LinkStatus.BROKEN, failed_checks=resource.failed_checks + 1)
    elif finding.outcome is Outcome.BUSY:
        if today - failing_since >= BUSY_GRACE:
            fields["link_status"] = LinkStatus.BROKEN
    else:
        failed_checks = resource.failed_checks + 1
        fields["failed_checks"] = failed_checks
        if failed_checks >= FAILURES_BEFORE_BROKEN:
            fields["link_status"] = LinkStatus.BROKEN
    return fields


def host_of(url):
    """What "one host" means for politeness: the host name, in lower case."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def check_all(addresses, checker, *, workers=4, time_limit=900.0, pause=1.0):
    """Check ``addresses`` (pairs of a key and an address) with up to ``workers`` threads,
    never two requests to one host at once and ``pause`` seconds between requests to a host.
    Yields ``(key, Finding)`` as each check ends, in the calling thread, until all are done
    or ``time_limit`` seconds have passed; addresses not reached by then are not yielded.

    The threads only make requests: whoever iterates writes the results, so the database is
    used from one thread. A request still running at the time limit is left to end on its
    own (its thread is a daemon, and its result is dropped).
    """
    addresses = list(addresses)
    by_host = defaultdict(deque)
    for key, url in addresses:
        by_host[host_of(url)].append((key, url))
    hosts = queue.SimpleQueue()
    for jobs in by_host.values():
        hosts.put(jobs)
    total = len(addresses)
    results = queue.SimpleQueue()
    stop = threading.Event()

    def work():
        while not stop.is_set():
            try:
                jobs = hosts.get_nowait()
            except queue.Empty:
                return
            while jobs and not stop.is_set():
                key, url = jobs.popleft()
                results.put((key, check_address(url, checker)))
                if jobs and pause:
                    stop.wait(pause)

    for number in range(min(workers, len(by_host))):
        threading.Thread(target=work, name=f"link-check-{number}", daemon=True).start()
    deadline = time.monotonic() + time_limit
    try:
        for _ in range(total):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            try:
                yield results.get(timeout=remaining)
            except queue.Empty:
                return
    finally:
        stop.set()
