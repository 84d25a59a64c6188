"""Bad input everywhere: no query string, path, method or encoding makes a public address
answer 500, and no value comes back as live markup.

For each public address a deterministic generator builds a few dozen hostile requests: every
nasty value in every parameter the site reads (and some it does not), as arrays, repeated,
10,000 characters long, badly percent-encoded; odd methods; paths with ``..``, ``%2e%2e``,
NUL bytes, invalid UTF-8 and very long slugs. All failures of one address are reported
together.
"""

import itertools
import random

import pytest
from django.test import Client

from safeguarding_site.listing import QUERY_MAX_LENGTH
from tests.factories import BriefingPageFactory

SEED = 20240601
# Markup that must never come back as it was sent (escaped is fine).
XSS_MARKERS = ["<script>alert(", "<svg onload=", "<img src=x onerror="]
NASTY_VALUES = [
    "%00",
    "\x00",
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><svg onload=alert(1)>",
    "<img src=x onerror=alert(1)>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "%ff%fe",
    "%c3%28",
    "%",
    "%%",
    "%zz",
    "'",
    "\\",
    "../../../etc/passwd",
    "..%2f..%2f",
    "99999999999999999999",
    "-1",
    "0",
    "1e309",
    "NaN",
    "Infinity",
    "2024.5",
    " ",
    "",
    "\u202ereversed",
    "😀👶🏽",
    "𝕏𝕐",
    "Ω≈ç√",
    "\r\nSet-Cookie: injected=1",
    "{{ 7|add:7 }}",
    "${7*7}",
    "%(name)s",
    "*",
    "AND OR NOT",
    "col:value",
    "[]",
    "{}",
    "\x7f\x1b[31m",
    "A" * (QUERY_MAX_LENGTH + 1),
    "b" * 10_000,
    "neglect " * 1_250,
]
# Search syntax that the SQLite FTS5 backend has been seen to choke on (quotes, operators).
SEARCH_SYNTAX = ['"unclosed', '"', 'a" OR "b', "NEAR(a b)", "a AND", "(", "-", "^a", "a*"]
# Sent to every address, whatever the sample.
EVERYWHERE = [
    "page=%00",
    "q=<script>alert(1)</script>",
    "theme[]=x",
    "year=99999999999999999999",
    "q=%ff%fe",
    "theme=a&theme=b&theme=",
    "next=" + "x" * 10_000,
]
PARAMETERS = ["q", "page", "theme", "type", "year", "age", "sort", "next", "format", "x"]
METHODS = ["HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PROPFIND"]
PATH_SUFFIXES = [
    "..",
    "%2e%2e/",
    "x" * 300 + "/",
    "../",
    "%2e%2e%2fadmin/",
    "..%2f..%2fsettings.py",
    "%00/",
    "%ff%fe/",
    "%c0%ae%c0%ae/",
    "<script>alert(1)</script>/",
    "a-" * 2000 + "/",
    "//",
    ";param",
    "download/",
    "feed/",
    "%20/",
    "\u00e9t\u00e9/",
]


SHAPES = [
    "{name}={value}",
    "{name}[]={value}",
    "{name}={value}&{name}={value}",
    "{name}={value}&{name}=",
    "{name}",
    "={value}",
    "{name}={value}&&&",
]
# The listings and search read most of the parameters: they get every nasty value. Other
# addresses that read some get a larger sample; the rest a smaller one.
READS_QUERY = {"/reviews/", "/learning/", "/search/"}
READS_SOME = ("/news/", "/reviews/feed/", "/learning/feed/", "/reviews/export.")
SAMPLE_SIZES = (16, 8)
PATH_SAMPLE = 3


def query_strings(rng, values):
    """Each value once, in a parameter and a shape chosen by ``rng``, and a few specials."""
    for value in values:
        # Percent-encoded values stay as written (they are the point); others are sent raw,
        # as a script would, except the characters that end a value or a query string.
        raw = value if value.startswith("%") else value.replace("#", "%23").replace(" ", "+")
        yield rng.choice(SHAPES).format(name=rng.choice(PARAMETERS), value=raw)
    yield from EVERYWHERE
    yield "&".join(f"{name}={rng.choice(NASTY_VALUES[:12])}" for name in PARAMETERS)
    yield "a=1&" * 1_500  # more fields than Django reads
    yield "%ff%fe=%ff%fe"
    yield "q=" + "%41" * 3_000


def requests_for(address, rng):
    """The hostile requests for one address, without repeats."""
    path = address.split("?")[0]
    if path in READS_QUERY:
        values = NASTY_VALUES
    else:
        values = rng.sample(NASTY_VALUES, SAMPLE_SIZES[not path.startswith(READS_SOME)])
    base = path if path.endswith("/") else path + "/"
    requests = [("GET", address)]
    requests += [("GET", f"{address}?{query}") for query in query_strings(rng, values)]
    requests += [(method, address) for method in METHODS]
    suffixes = PATH_SUFFIXES[:3] + rng.sample(PATH_SUFFIXES[3:], PATH_SAMPLE)
    requests += [("GET", base + suffix) for suffix in suffixes]
    return list(dict.fromkeys(requests))


@pytest.fixture(scope="module")
def published_briefing(private_content_for_module, django_db_blocker):
    """The public briefing with a published revision, so its printable PDF can be made."""
    content, _ = private_content_for_module
    with django_db_blocker.unblock():
        content.public_briefing.save_revision().publish()
    return content.public_briefing


ADDRESSES = {
    "home": lambda c: "/",
    "review listing": lambda c: "/reviews/",
    "review": lambda c: c.public_review.url,
    "review feed": lambda c: "/reviews/feed/",
    "CSV export": lambda c: "/reviews/export.csv",
    "JSON export": lambda c: "/reviews/export.json",
    "briefing listing": lambda c: "/learning/",
    "briefing": lambda c: c.public_briefing.url,
    "briefing PDF": lambda c: c.public_briefing.url + "download/",
    "briefing feed": lambda c: "/learning/feed/",
    "resources": lambda c: "/resources/",
    "theme index": lambda c: "/themes/",
    "theme hub": lambda c: f"/themes/{c.theme.slug}/",
    "news listing": lambda c: "/news/",
    "news item": lambda c: c.public_news.url,
    "search": lambda c: "/search/",
    "login": lambda c: "/login/",
    "logout": lambda c: "/logout/",
    "sitemap": lambda c: "/sitemap.xml",
    "robots.txt": lambda c: "/robots.txt",
    "health": lambda c: "/health/",
    "document": lambda c: c.public_document.url,
    "members' document": lambda c: c.private_document.url,
    "secure area": lambda c: c.secure_page.url,
}


def problems_with(response):
    found = []
    if response.status_code >= 500:
        found.append(f"status {response.status_code}")
    if not response.streaming:
        body = response.content.decode("utf-8", "replace").lower()
        found.extend(f"reflected {marker!r}" for marker in XSS_MARKERS if marker in body)
    if "injected" in response.cookies:
        found.append("header injection")
    return found


def hammer(client, requests):
    failures = []
    count = 0
    for method, address in requests:
        response = client.generic(method, address)
        count += 1
        failures.extend(
            f"{method} {address[:120]!r}: {problem}" for problem in problems_with(response)
        )
    return count, failures


@pytest.fixture
def lenient_client():
    """A client that shows a server error as a status, as a visitor's browser would."""
    return Client(raise_request_exception=False)


EXPORTS = ("/reviews/export.csv", "/reviews/export.json")


@pytest.mark.parametrize("name", ADDRESSES)
def test_hostile_requests_never_cause_a_server_error_or_reflected_markup(
    lenient_client, private_content, published_briefing, name
):
    address = ADDRESSES[name](private_content)
    rng = random.Random(f"{SEED}:{name}")  # noqa: S311 - deterministic test data

    count, failures = hammer(lenient_client, requests_for(address, rng))

    assert count >= 20
    assert failures == []


@pytest.mark.parametrize("address", EXPORTS)
def test_export_error_does_not_repeat_markup_it_was_sent(lenient_client, private_content, address):
    response = lenient_client.get(f"{address}?theme=<script>alert(1)</script>")

    assert response.status_code == 400
    assert problems_with(response) == []


@pytest.mark.parametrize("address", ["/reviews/", "/learning/", "/search/", "/reviews/export.csv"])
def test_search_syntax_never_causes_a_server_error(lenient_client, private_content, address):
    requests = [("GET", f"{address}?q={value}") for value in SEARCH_SYNTAX]
    requests += [
        ("GET", f"{address}?q={a}+{b}") for a, b in itertools.combinations(SEARCH_SYNTAX[:4], 2)
    ]

    _, failures = hammer(lenient_client, requests)

    assert failures == []


def test_briefing_without_a_published_revision_has_no_pdf_rather_than_an_error(
    lenient_client, private_content
):
    """A briefing made live in code (an import, a bulk load) has no revision to print."""
    briefing = BriefingPageFactory(parent=private_content.tree.learning, title="Demo unprinted")

    response = lenient_client.get(briefing.url + "download/")

    assert response.status_code == 404
