"""The printable one-page PDF of a 7-minute briefing, generated from the published page.

One source of truth: the PDF is rendered by WeasyPrint from the same fields as the web page,
as a tagged PDF/UA document with title, author and language. It is generated once per
published revision (on publish, or on the first download if publishing could not) and then
served from storage; a new publish makes a new one.

Each PDF ends with the briefing's "We used this briefing" address (``/used/<id>/``, short
enough to type from paper, and stable when the briefing is renamed or moved) and a QR code of
it, drawn here: a team that used the printed briefing can record it from a phone.
"""

import base64
import logging

from django.apps import apps
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from weasyprint import HTML

from safeguarding_site.addresses import public_page_url, public_url
from safeguarding_site.partnership import partnership_settings
from safeguarding_site.privacy import anonymous_reader
from safeguarding_site.qr_codes import qr_code_svg

logger = logging.getLogger(__name__)


def use_record_url(briefing):
    """The full public address of the briefing's "We used this briefing" form (``impact``'s,
    linked by name: ``learning`` imports nothing from it)."""
    return public_url(reverse("briefing_use", args=[briefing.pk]))


def qr_code_data_uri(text):
    """A QR code of ``text`` as an SVG ``data:`` address, for an ``<img>`` that carries alt
    text into the tagged PDF."""
    svg = str(qr_code_svg(text, box_size=4)).encode()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def render_briefing_pdf(briefing, *, partnership_name, page_url):
    """The briefing's PDF as bytes, and how many A4 pages it has.

    Rendered as an anonymous visitor sees it, whoever's request made it: the stored PDF is
    given to everyone who may read the briefing, so a rich-text link to members-only material
    is its text alone.
    """
    use_url = use_record_url(briefing)
    with anonymous_reader():
        html = render_to_string(
            "learning/briefing_pdf.html",
            {
                "page": briefing,
                "partnership_name": partnership_name,
                "page_url": page_url,
                "use_url": use_url,
                "use_qr_code": qr_code_data_uri(use_url),
            },
        )
    document = HTML(string=html, base_url=page_url).render()
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf, len(document.pages)


def partnership_name_for(page):
    """The partnership's name from the site settings."""
    partnership = partnership_settings(page)
    return partnership.partnership_name if partnership else ""


def printable_for(briefing, *, create=True):
    """The stored PDF of the briefing's live revision as readers get it today; made now if
    there is none yet. Past the briefing's review date a PDF made before it would not say
    the briefing is being reviewed: one is made that does."""
    printable_model = apps.get_model("learning", "PrintableBriefing")
    revision_id = briefing.live_revision_id
    if revision_id is None:
        return None
    under_review = briefing.is_under_review
    printable = printable_model.objects.filter(
        briefing=briefing, revision_id=revision_id, under_review=under_review
    ).first()
    if printable is not None or not create:
        return printable
    live = briefing.live_revision.as_object()
    pdf, pages = render_briefing_pdf(
        live,
        partnership_name=partnership_name_for(briefing),
        # Its "online at" line: the PDF is printed and passed on, so the public address.
        page_url=public_page_url(briefing) or briefing.url_path,
    )
    printable = printable_model(
        briefing=briefing, revision_id=revision_id, pages=pages, under_review=under_review
    )
    printable.file.save(f"{briefing.slug}-7-minute-briefing.pdf", ContentFile(pdf), save=False)
    printable.size = len(pdf)
    printable.save()
    # Earlier revisions' PDFs, and a PDF made before the review date, are offered nowhere now.
    for old in printable_model.objects.filter(briefing=briefing).exclude(pk=printable.pk):
        old.file.delete(save=False)
        old.delete()
    return printable


def make_printable_on_publish(sender, instance, **kwargs):
    """Signal receiver: make the PDF when a briefing is published, so its size can be shown.

    Publishing never fails because of the PDF: the download view makes it on first request.
    """
    try:
        printable_for(instance)
    except Exception:  # noqa: BLE001 - logged; the download retries
        logger.exception("Could not generate the printable PDF of briefing %s", instance.pk)


def forget_printables(**kwargs):
    """Signal receiver: drop every stored PDF when what a PDF may link changes (a restriction,
    a move, a rename, an unpublish, a deletion, a document's collection). A PDF is rendered as
    an anonymous visitor sees the site, and it names pages and documents by their addresses:
    after such a change a stored PDF could still link something now members-only. Each is made
    again at its next download (or its briefing's next publish)."""
    printable_model = apps.get_model("learning", "PrintableBriefing")
    for printable in printable_model.objects.all():
        printable.file.delete(save=False)
    printable_model.objects.all().delete()
