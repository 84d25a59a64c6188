"""The public side of the impact app: "We used this briefing" and "Was this page useful?".

Addresses (``impact.urls``):

- ``/used/<briefing id>/``: the form a team fills in after using a briefing, then
  ``/used/<id>/thanks/``. Briefing pages link to it, and the printable PDF prints it with a QR
  code: an id, not the slug, so a printed address still works after a rename or a move.
- ``/feedback/<page id>/``: where the "Was this page useful?" form at the foot of every review
  and briefing posts, then ``/feedback/<id>/thanks/``. A GET shows the form on its own.

**Why the pages stay cacheable.** Review and briefing pages are served to anonymous readers
from the shared page cache (``safeguarding_site.cache``), so they cannot carry a CSRF token
(one reader's token would be given to everyone). Two designs, one for each form:

- The use form is five fields: the briefing page *links* to it, and the form is a page of its
  own, never stored by any cache (``never_stored``), with Django's CSRF token as usual.
- The feedback form is one question, so it sits *on* the cached page, without a CSRF token,
  and its endpoint is CSRF-exempt. That is safe because CSRF forges what a reader's cookies
  allow: this endpoint does nothing on anyone's behalf. It stores an anonymous answer that
  anyone could send from their own browser, reads no session except to ask the privacy rule
  whether the page may be seen at all, and sets no cookie. What stands against abuse is the
  same as on every public form (``safeguarding_site.form_guard``): the trap field, the signed
  time the page was rendered (the page cache keeps a page an hour, less than the token's day,
  so a cached page's token is always accepted), and the per-client and overall limits an hour.

**Privacy.** Only live pages that this reader may open (``privacy.may_view_page``, the one
rule) have either form: anything else, a members-only page included, answers 404 alike, so
an address names nothing a reader may not see. A members-only briefing's printed address asks
a member to sign in first: the use form's not-found answer says so for every id it does not
find, so it tells nothing about which ids are members' briefings.

**Bots.** A post that fills the trap field is thanked and nothing is stored; one too soon
after the form was shown, or with a token the site did not sign, is a form error; one over the
hour's limits answers 429. Nothing records who sent a form: no address, no browser, no cookie.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from impact.forms import BriefingUseForm, PageFeedbackForm
from impact.models import BriefingUse, PageFeedback
from learning.models import BriefingPage
from reviews.models import ReviewPage
from safeguarding_site import privacy
from safeguarding_site.cache import never_stored
from safeguarding_site.form_guard import RateLimit

FEEDBACK_PAGE_TYPES = (ReviewPage, BriefingPage)
FEEDBACK_PREFIX = "feedback"
TOO_MANY_STATUS = 429
ALLOWED_METHODS = ["GET", "HEAD", "POST"]
# The largest page id a database holds (Wagtail's ids are 32-bit): a longer number in the
# address is no page, and the database must not be asked about it.
LARGEST_ID = 2**31 - 1


class BriefingNotFound(Exception):
    """No live briefing this reader may open has the id."""


def viewable_briefing(request, briefing_id):
    """The live briefing ``briefing_id`` if this reader may open it."""
    if briefing_id > LARGEST_ID:
        raise BriefingNotFound
    briefing = BriefingPage.objects.live().filter(pk=briefing_id).first()
    if briefing is None or not privacy.may_view_page(request, briefing):
        raise BriefingNotFound
    return briefing


def briefing_not_found(request):
    """The one answer for an id that is no briefing this reader may open: 404, saying that a
    members-only briefing needs signing in (for every such id, so it tells nothing)."""
    response = TemplateResponse(request, "impact/briefing_not_found.html", status=404)
    return never_stored(response)


def when_found(view):
    """``view``, answering ``briefing_not_found`` for a briefing this reader may not open."""

    def answer(request, briefing_id):
        try:
            return view(request, briefing_id)
        except BriefingNotFound:
            return briefing_not_found(request)

    answer.__doc__ = view.__doc__
    return answer


def page_for_feedback(request, page_id):
    """The live review or briefing ``page_id`` if this reader may open it; else 404."""
    if page_id > LARGEST_ID:
        raise Http404("No such page.")
    page = Page.objects.live().filter(pk=page_id).specific().first()
    if not isinstance(page, FEEDBACK_PAGE_TYPES) or not privacy.may_view_page(request, page):
        raise Http404("No such page.")
    return page


def use_limit():
    """How many uses one client, and everyone together, may record in an hour."""
    return RateLimit(
        "briefing-use",
        per_client=settings.BRIEFING_USES_PER_CLIENT_PER_HOUR,
        overall=settings.BRIEFING_USES_PER_HOUR,
    )


def feedback_limit():
    """How many answers one client, and everyone together, may send in an hour."""
    return RateLimit(
        "page-feedback",
        per_client=settings.PAGE_FEEDBACK_PER_CLIENT_PER_HOUR,
        overall=settings.PAGE_FEEDBACK_PER_HOUR,
    )


def render_never_stored(request, template, context, status=200, limit=None):
    """A form page: never kept by the page cache, a browser or a proxy (it carries the time it
    was shown, and the use form a CSRF token). With ``limit``, the 429 answer."""
    response = TemplateResponse(request, template, context, status=status)
    if limit is not None:
        response["Retry-After"] = str(limit.seconds_to_next_hour())
    return never_stored(response)


def answer_guarded_form(request, *, subject, template, make_form, limit, record, thanks):
    """The flow both public forms share. A GET shows ``make_form()`` empty; a POST is refused
    with 429 over the hour's ``limit``, sent to ``thanks`` without storing anything when the
    trap field is filled (a program learns nothing), shown again with its errors, or stored by
    ``record(form.answers)`` and sent to ``thanks``. The caller has refused other methods."""
    if request.method != "POST":
        return render_never_stored(request, template, page_context(subject, form=make_form()))
    if limit.exhausted(request):
        return too_many(request, template, subject, make_form(), limit)
    form = make_form(request.POST)
    if form.trap_filled:
        return redirect(thanks)
    if not form.is_valid():
        return render_never_stored(request, template, page_context(subject, form=form))
    if not limit.take(request):
        return too_many(request, template, subject, make_form(), limit)
    record(form.answers)
    return redirect(thanks)


@require_http_methods(ALLOWED_METHODS)
@when_found
def briefing_use(request, briefing_id):
    """The "We used this briefing" form (GET), and what a post of it does: stores the use and
    redirects to the thanks; shows the form's errors; or answers 429 over the hour's limits."""
    briefing = viewable_briefing(request, briefing_id)
    return answer_guarded_form(
        request,
        subject=briefing,
        template="impact/briefing_use_form.html",
        make_form=lambda data=None: BriefingUseForm(data, briefing=briefing),
        limit=use_limit(),
        record=lambda answers: BriefingUse.objects.create(briefing=briefing, **answers),
        thanks=reverse("briefing_use_thanks", kwargs={"briefing_id": briefing.pk}),
    )


@when_found
def briefing_use_thanks(request, briefing_id):
    """Where a team lands once its use is recorded."""
    briefing = viewable_briefing(request, briefing_id)
    return TemplateResponse(request, "impact/briefing_use_thanks.html", page_context(briefing))


@csrf_exempt  # see the module's docstring: no cookie-authorised action to forge
@require_http_methods(ALLOWED_METHODS)
def page_feedback(request, page_id):
    """Where the "Was this page useful?" form posts: stores the answer and redirects to the
    thanks; shows the form on a page of its own with its errors (or on a GET); or answers 429
    over the hour's limits."""
    page = page_for_feedback(request, page_id)
    return answer_guarded_form(
        request,
        subject=page,
        template="impact/page_feedback_form.html",
        make_form=lambda data=None: PageFeedbackForm(data, prefix=FEEDBACK_PREFIX),
        limit=feedback_limit(),
        record=lambda answers: PageFeedback.objects.create(page=page, **answers),
        thanks=reverse("page_feedback_thanks", kwargs={"page_id": page.pk}),
    )


def page_feedback_thanks(request, page_id):
    """Where a reader lands once their answer is stored, with the way back to the page."""
    page = page_for_feedback(request, page_id)
    return TemplateResponse(request, "impact/page_feedback_thanks.html", page_context(page))


def page_context(subject, **context):
    """What the forms' pages show around the form: the page it is about (``subject``: not
    ``page``, which the site's frame reads as the page being shown) and the way back to it."""
    trail = [
        (ancestor.title, ancestor.url)
        for ancestor in subject.get_ancestors(inclusive=True).filter(depth__gt=2)  # below home
    ]
    return {"subject": subject, "trail": trail, **context}


def too_many(request, template, subject, form, limit):
    context = page_context(subject, form=form, too_many=True)
    return render_never_stored(request, template, context, status=TOO_MANY_STATUS, limit=limit)
