"""The sign-in lockout's rules (django-axes): who is counted, and what a success forgives.

Failures are counted twice over (``AXES_LOCKOUT_PARAMETERS``): per username, whichever client
sends them, and per client, whichever usernames it tries. Five of either within the hour lock
that username, or that client, out of all three sign-in forms (``/login/``, ``/admin/login/``
and Wagtail's ``/_util/login/``), which share one table of attempts.

- The client is the address the proxy appended to ``X-Forwarded-For`` (``client_ip_address``),
  with an IPv6 client counted by its /64 network, as one household or phone holds a whole /64.
- A username is counted with its case variants (``username__iexact``), so that an attacker
  could not multiply their guesses by changing case even if sign-in ever ignored case.
- A successful sign-in forgives only the failures of that same username from that same client
  (``SignInAttemptHandler.reset_user_attempts``): django-axes' own reset would also clear every
  failure from the client, so anyone with one working account could sign in with it after
  every four wrong guesses at someone else's password, without limit.
"""

import hashlib
import ipaddress
import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_parameters, get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q

logger = logging.getLogger(__name__)

# The width of django-axes' username column: a longer name would make PostgreSQL refuse the row.
USERNAME_COLUMN_LENGTH = AccessAttempt._meta.get_field("username").max_length
IPV6_CLIENT_PREFIX = 64
# RFC 6666's discard-only prefix, 100::/64: never a real client's address, so an unreadable
# X-Forwarded-For entry can be given an address of its own there without meeting anyone else's.
UNREADABLE_PREFIX = ipaddress.IPv6Network("100::/64")


def parse_address(entry):
    """The IP address in one ``X-Forwarded-For`` entry, or ``None``.

    Besides a bare address, proxies write ``203.0.113.7:51234`` and ``[2001:db8::7]:443``
    (with the client's port), sometimes in quotes.
    """
    text = entry.strip().strip('"').strip()
    if text.startswith("["):
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def client_bucket(address):
    """What one client is counted as: an IPv4 address, or the /64 network of an IPv6 one."""
    if address.version == 6 and address not in UNREADABLE_PREFIX:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        network = ipaddress.IPv6Network((address, IPV6_CLIENT_PREFIX), strict=False)
        return str(network.network_address)
    return str(address)


def unreadable_bucket(entry):
    """An address of its own for an entry that is not an address, the same for the same text.

    Falling back to the connection's address would put every such client in one bucket with
    the proxy itself, where one client's wrong passwords would lock out all of them.
    """
    digest = int.from_bytes(hashlib.sha256(entry.encode()).digest()[:8], "big")
    return str(UNREADABLE_PREFIX[digest])


def bucket_of(text):
    """``client_bucket`` of an address given as text; an unreadable text gets its own bucket."""
    address = parse_address(text or "")
    return client_bucket(address) if address else unreadable_bucket(text or "")


def client_ip_address(request):
    """The client that sent ``request``, as the lockout counts it (``AXES_CLIENT_IP_CALLABLE``).

    Behind ``TRUSTED_PROXY_COUNT`` proxies, each of which appends the address it received the
    request from to ``X-Forwarded-For``, the client is that many entries from the right;
    entries further left were written by the client itself and are ignored, so a client cannot
    escape a lockout by sending the header. A request with fewer entries did not come through
    the proxies (their own health checks): the connection's address. Without proxies, the
    connection's address always. (django-axes reads ``AXES_IPWARE_*`` settings only when
    django-ipware is installed; this site does not need it.)
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return bucket_of(remote)
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < count:
        return bucket_of(remote)
    entry = forwarded[-count]
    if parse_address(entry) is None:
        # Only a misconfigured proxy, or a DJANGO_PROXY_COUNT larger than the number of
        # proxies, lets an entry that is not an address through: say so in the log.
        logger.warning(
            "X-Forwarded-For entry %r is not an address: check DJANGO_PROXY_COUNT", entry[:100]
        )
    return bucket_of(entry)


def lockout_username(request, credentials=None):
    """The username a failure is recorded under (``AXES_USERNAME_CALLABLE``).

    The name the sign-in form passed to ``authenticate()`` (the forms refuse one longer than an
    account's), cut to the width of the attempts table and without NUL characters as a second
    line of defence: PostgreSQL refuses either, which would turn a sign-in into a 500.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get(field)
    if username is None:
        return None
    return str(username).replace("\x00", "")[:USERNAME_COLUMN_LENGTH]


def counted_as(filters):
    """django-axes' lockout filters, with the username compared without regard to case."""
    return {
        ("username__iexact" if name == "username" else name): value
        for name, value in filters.items()
    }


class SignInAttemptHandler(AxesDatabaseHandler):
    """django-axes' database handler (``AXES_HANDLER``) with this site's counting and reset.

    Attempts are stored as django-axes stores them, one row per username, client and browser;
    only which rows count towards a lockout, and which a success or an unlock removes, differ.
    """

    def filter_user_attempts(self, request, credentials=None):
        """The attempts that count towards this request's lockouts: one queryset per lockout
        parameter (every client's for this username and its case variants; every username's
        from this client)."""
        parameters = get_client_parameters(
            get_client_username(request, credentials),
            request.axes_ip_address,
            request.axes_user_agent,
            request,
            credentials,
        )
        return [AccessAttempt.objects.filter(**counted_as(filters)) for filters in parameters]

    def reset_user_attempts(self, request, credentials=None):
        """After a successful sign-in: forget that username's failures from this client only.

        Those were the person's own typing. Failures from the same client for other usernames
        stay counted (they may be guesses at someone else's password), and so do failures for
        this username from other clients (they may be someone guessing this one's).
        """
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False):
        """The unlock commands (``axes_reset_username``, ``axes_reset_ip``, ...): a username
        unlocks it in any case, as it is counted; an address unlocks the client it is counted as
        (an IPv6 address, its /64). With neither, every lockout is lifted."""
        by_address = Q(ip_address=bucket_of(ip_address)) if ip_address else Q()
        by_name = Q(username__iexact=username) if username else Q()
        if ip_or_username and ip_address and username:
            matching = by_address | by_name
        else:
            matching = by_address & by_name
        count, _ = AccessAttempt.objects.filter(matching).delete()
        logger.info("Sign-in lockout: %d attempts removed.", count)
        return count
