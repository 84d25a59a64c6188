"""Requests for an archived review's full report, made on a public form under the review:
``/reviews/<slug>/request-full-report/``, then ``.../sent/`` (POST, redirect, GET).

Only a live, public review whose report is archived takes requests; any other answers 404 (a
members-only one first asks for sign-in, as every members-only address does). A request is
stored with the review, the time and the requester's answers (nothing else: no address, no
browser), and emailed to the partnership's address (Partnership settings, else
``PARTNERSHIP_EMAIL``) with a link to it in the admin, where staff read it ("Report
requests"). Requests are deleted ``FULL_REPORT_REQUEST_RETENTION_DAYS`` after they were made,
by the nightly job ``delete_old_report_requests``.

The form is guarded as every public form that stores and sends (``form_guard``): a post that
fills the trap field is answered as if sent, and stores and sends nothing; one over the hour's
limits, per client or overall, is answered 429 and stores and sends nothing.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from reviews.choices import ReportStatus
from reviews.forms import (
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    ORGANISATION_MAX_LENGTH,
    REASON_MAX_LENGTH,
    FullReportRequestForm,
)
from safeguarding_site import privacy
from safeguarding_site.addresses import public_page_url, public_url
from safeguarding_site.cache import never_stored
from safeguarding_site.form_guard import RateLimit
from safeguarding_site.partnership import partnership_settings

logger = logging.getLogger(__name__)

# The admin's views of requests (reviews.wagtail_hooks), named by the email's link too.
ADMIN_VIEWSET_NAME = "full_report_requests"
FORM_TEMPLATE = "reviews/full_report_request.html"
SENT_TEMPLATE = "reviews/full_report_request_sent.html"
TOO_MANY_STATUS = 429


class FullReportRequest(models.Model):
    """Someone's request, made on the public form, for the full report of an archived review.

    It holds only what answering needs, for ``FULL_REPORT_REQUEST_RETENTION_DAYS`` days.
    """

    review = models.ForeignKey(
        "reviews.ReviewPage",
        on_delete=models.CASCADE,
        related_name="full_report_requests",
        help_text="The review whose full report is asked for.",
    )
    created_at = models.DateTimeField(
        "received", default=timezone.now, db_index=True, help_text="When the request was sent."
    )
    name = models.CharField(max_length=NAME_MAX_LENGTH, help_text="The requester's name.")
    email = models.EmailField(
        max_length=EMAIL_MAX_LENGTH, help_text="Where the requester asked to be answered."
    )
    organisation = models.CharField(
        max_length=ORGANISATION_MAX_LENGTH,
        blank=True,
        help_text="The requester's organisation, if they gave one.",
    )
    reason = models.TextField(
        "why they need it",
        max_length=REASON_MAX_LENGTH,
        help_text="Why the requester needs the full report, in their words.",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "full report request"

    def __str__(self):
        return f"{self.name}, {timezone.localtime(self.created_at):%-d %B %Y}"


def accepts_requests(review):
    """Whether the public may ask for ``review``'s full report here: a live, public review
    whose full report is archived."""
    return (
        review.status == ReportStatus.ARCHIVED
        and review.live
        and not privacy.page_is_members_only(review)
    )


def request_limit():
    """How many requests one client, and everyone together, may send in an hour."""
    return RateLimit(
        "full-report-request",
        per_client=settings.FULL_REPORT_REQUESTS_PER_CLIENT_PER_HOUR,
        overall=settings.FULL_REPORT_REQUESTS_PER_HOUR,
    )


def request_form(request, review):
    """The request form (GET), and what a post of it does: stores the request and emails the
    partnership, then redirects to the confirmation; shows the form's errors; or answers 429
    when the hour's limits are reached."""
    if not accepts_requests(review) or getattr(request, "is_preview", False):
        raise Http404("This review does not take requests for its full report.")
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if request.method != "POST":
        return render_form(request, review, FullReportRequestForm())
    limit = request_limit()
    if limit.exhausted(request):
        return too_many(request, review, limit)
    form = FullReportRequestForm(request.POST)
    if form.trap_filled:  # a program: told it was sent, so it learns nothing
        return redirect(sent_url(review, request))
    if not form.is_valid():
        return render_form(request, review, form)
    if not limit.take(request):
        return too_many(request, review, limit)
    report_request = FullReportRequest.objects.create(review=review, **form.answers)
    email_partnership(report_request)
    return redirect(sent_url(review, request))


def request_sent(request, review):
    """The confirmation the requester is sent to once their request is stored."""
    if not accepts_requests(review) or getattr(request, "is_preview", False):
        raise Http404("This review does not take requests for its full report.")
    return TemplateResponse(request, SENT_TEMPLATE, page_context(review))


def sent_url(review, request):
    return review.get_url(request=request) + review.reverse_subpage("full_report_request_sent")


def page_context(review, **context):
    """What the request's pages show around the form: the review, and the way back to it."""
    trail = [
        (page.title, page.url)
        for page in review.get_ancestors(inclusive=True).filter(depth__gt=2)  # below home
    ]
    return {
        "review": review,
        "trail": trail,
        "retention_days": settings.FULL_REPORT_REQUEST_RETENTION_DAYS,
        **context,
    }


def render_form(request, review, form, status=200, **context):
    # Never kept by the page cache, a browser or a proxy: it carries this reader's CSRF token
    # and the time it was shown.
    response = TemplateResponse(
        request, FORM_TEMPLATE, page_context(review, form=form, **context), status=status
    )
    return never_stored(response)


def too_many(request, review, limit):
    response = render_form(
        request, review, FullReportRequestForm(), status=TOO_MANY_STATUS, too_many=True
    )
    response["Retry-After"] = str(limit.seconds_to_next_hour())
    return response


def partnership_address(review):
    """Where requests for ``review`` go: the partnership's email in its site's settings,
    else ``PARTNERSHIP_EMAIL``."""
    partnership = partnership_settings(review)
    return (partnership.email if partnership else "") or settings.PARTNERSHIP_EMAIL


def email_partnership(report_request):
    """Email the partnership the request, with a link to it in the admin; the requester's
    address to reply to. A mail server that fails is logged: the request is stored, and
    staff see it in the admin."""
    review = report_request.review
    recipient = partnership_address(review)
    if not recipient:
        logger.warning(
            "Full report request %s not emailed: no partnership email is set (Partnership "
            "settings, or DJANGO_PARTNERSHIP_EMAIL).",
            report_request.pk,
        )
        return
    context = {
        "report_request": report_request,
        "review": review,
        "review_url": public_page_url(review),
        "admin_url": public_url(reverse(f"{ADMIN_VIEWSET_NAME}:inspect", args=[report_request.pk])),
        "retention_days": settings.FULL_REPORT_REQUEST_RETENTION_DAYS,
    }
    # A subject is one line, whatever an editor put in a title.
    subject = " ".join(f"Full report request: {review.title}".split())
    message = EmailMessage(
        subject=subject,
        body=render_to_string("reviews/email/full_report_request.txt", context),
        to=[recipient],
        reply_to=[report_request.email],
    )
    try:
        message.send()
    except OSError:  # smtplib's errors too
        logger.exception("Full report request %s could not be emailed", report_request.pk)
