"""The pages of email alerts, under ``/alerts/``:

- ``/alerts/`` the subscribe form (``?theme=<slug>``, ``?type=<review type>`` and
  ``?briefings=all`` tick boxes in advance); ``/alerts/check-your-email/`` after it.
- ``/alerts/confirm/<token>/`` from the confirmation email: the choices, and a button that
  confirms them (a GET never confirms: mail scanners follow links).
- ``/alerts/manage/<token>/`` from every digest: change one's choices.
- ``/alerts/unsubscribe/<token>/`` from every digest: a GET shows a one-button page; a POST
  deletes the subscriber, with no CSRF token, as RFC 8058's one-click unsubscribe sends it
  (``List-Unsubscribe=One-Click``): the signed address is the only key.

No page with a form or a personal link is ever stored by the page cache, a browser or a proxy;
a link the site did not sign answers 404, an expired one 400.
"""

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page, Site

from alerts import subscriptions, tokens
from alerts.forms import ALL_BRIEFINGS, AlertChoicesForm, SubscribeForm
from learning.models import Theme
from reviews.choices import ReviewType
from safeguarding_site.cache import never_stored
from safeguarding_site.form_guard import RateLimit

TOO_MANY_STATUS = 429
READ = ("GET", "HEAD")


def subscribe_limit():
    """How many subscribe forms one client, and everyone together, may send in an hour."""
    return RateLimit(
        "alert-subscription",
        per_client=settings.ALERT_SUBSCRIPTIONS_PER_CLIENT_PER_HOUR,
        overall=settings.ALERT_SUBSCRIPTIONS_PER_HOUR,
    )


def privacy_notice(request):
    """The live, public privacy notice of email alerts (``ALERTS_PRIVACY_NOTICE_PATH`` under
    the site's home page), or ``None`` if the partnership has not published it."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    path = settings.ALERTS_PRIVACY_NOTICE_PATH.strip("/")
    return Page.objects.live().public().filter(url_path=f"{site.root_page.url_path}{path}/").first()


def personal(response):
    """A page for one person (a form, a signed link): never stored, and its address (which may
    hold a signed token) never sent to another site. ``same-origin``, not ``no-referrer``:
    browsers then send ``Origin: null`` with the page's own forms, which fails their CSRF
    check."""
    response["Referrer-Policy"] = "same-origin"
    return never_stored(response)


def render(request, template, context=None, status=200):
    return personal(TemplateResponse(request, template, context or {}, status=status))


def choices_initial(request):
    """The boxes ticked in advance by the link that led here; values the form does not offer
    are left out."""
    themes = set(request.GET.getlist("theme"))
    types = set(request.GET.getlist("type"))
    return {
        "themes": list(Theme.objects.filter(slug__in=themes).values_list("slug", flat=True)),
        "review_types": [value for value in ReviewType.values if value in types],
        "briefings": [ALL_BRIEFINGS] if ALL_BRIEFINGS in request.GET.getlist("briefings") else [],
    }


def render_subscribe(request, form, status=200, **context):
    context = {"form": form, "privacy_notice": privacy_notice(request), **context}
    return render(request, "alerts/subscribe.html", context, status=status)


def subscribe(request):
    """The subscribe form (GET), and what sending it does: emails the address a link to
    confirm, and shows the same "check your email" page whatever the address; shows the
    form's errors; or answers 429 when the hour's limits are reached."""
    if request.method not in (*READ, "POST"):
        return HttpResponseNotAllowed([*READ, "POST"])
    themes = Theme.objects.options()
    if request.method != "POST":
        return render_subscribe(
            request, SubscribeForm(themes=themes, initial=choices_initial(request))
        )
    limit = subscribe_limit()
    if limit.exhausted(request):
        return too_many(request, limit, themes)
    form = SubscribeForm(request.POST, themes=themes)
    if form.trap_filled:  # a program: told it worked, so it learns nothing
        return redirect("alerts:check_email")
    if not form.is_valid():
        return render_subscribe(request, form)
    if not limit.take(request):
        return too_many(request, limit, themes)
    subscriptions.ask_to_confirm(form.cleaned_data["email"], subscriptions.choices_from_form(form))
    return redirect("alerts:check_email")


def too_many(request, limit, themes):
    response = render_subscribe(
        request, SubscribeForm(themes=themes), status=TOO_MANY_STATUS, too_many=True
    )
    response["Retry-After"] = str(limit.seconds_to_next_hour())
    return response


def check_email(request):
    """Where the subscribe form leads, whoever the address: look for our email."""
    if request.method not in READ:
        return HttpResponseNotAllowed(READ)
    return render(request, "alerts/check_email.html", {"days": settings.ALERT_CONFIRMATION_DAYS})


def link_problem(request, expired=False):
    """A link the site did not sign (404), or a confirmation link too old to use (400)."""
    return render(
        request,
        "alerts/link_problem.html",
        {"expired": expired, "days": settings.ALERT_CONFIRMATION_DAYS},
        status=400 if expired else 404,
    )


def confirm(request, token):
    """The confirmation link: the choices and a button (GET); confirming them (POST)."""
    if request.method not in (*READ, "POST"):
        return HttpResponseNotAllowed([*READ, "POST"])
    try:
        email, choices = tokens.read_confirmation(token)
    except tokens.ExpiredLink:
        return link_problem(request, expired=True)
    except tokens.BadLink:
        return link_problem(request)
    if not subscriptions.has_choices(choices):  # its only themes were deleted since
        return link_problem(request, expired=True)
    context = {"email": email, "choices": subscriptions.shown(choices), "token": token}
    if request.method != "POST":
        return render(request, "alerts/confirm.html", context)
    subscriber = subscriptions.confirm(email, choices)
    context["manage_token"] = tokens.subscriber_token(subscriber)
    return render(request, "alerts/confirmed.html", context)


def subscriber_or_problem(request, token):
    """(subscriber, None), or (None, the page to answer with) for a bad link or someone who
    has unsubscribed."""
    try:
        subscriber = tokens.subscriber_for(token)
    except tokens.BadLink:
        return None, link_problem(request)
    if subscriber is None:
        return None, render(request, "alerts/unsubscribed.html", {"already": True}, status=404)
    return subscriber, None


def manage(request, token):
    """Change one's choices (the link in every digest)."""
    if request.method not in (*READ, "POST"):
        return HttpResponseNotAllowed([*READ, "POST"])
    subscriber, problem = subscriber_or_problem(request, token)
    if problem:
        return problem
    themes = Theme.objects.options()
    saved = False
    if request.method == "POST":
        form = AlertChoicesForm(request.POST, themes=themes)
        if form.is_valid():
            subscriptions.apply(subscriber, subscriptions.choices_from_form(form))
            saved = True
    else:
        form = AlertChoicesForm(themes=themes, initial=AlertChoicesForm.initial_for(subscriber))
    context = {"form": form, "subscriber": subscriber, "token": token, "saved": saved}
    return render(request, "alerts/manage.html", context)


@csrf_exempt  # RFC 8058's one-click POST carries no CSRF token: the signed link is the key
def unsubscribe(request, token):
    """Unsubscribe: a page with one button (GET), deleting the subscriber (POST, from that
    button or a mail program's own "Unsubscribe")."""
    if request.method not in (*READ, "POST"):
        return HttpResponseNotAllowed([*READ, "POST"])
    try:
        subscriber = tokens.unsubscribing(token)
    except tokens.BadLink:
        return link_problem(request)
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber)
        return render(request, "alerts/unsubscribed.html")
    if subscriber is None:
        return render(request, "alerts/unsubscribed.html", {"already": True})
    return render(request, "alerts/unsubscribe.html", {"subscriber": subscriber, "token": token})
