"""The one reader of the demo data: it turns the dataclasses of ``demo.data`` into users,
vocabulary, the site, reviews, briefings, news, standard pages and the secure area, each made
by an idempotent builder of ``demo.builders``.

``review_page`` is shared with ``demo.bulk``, so a generated review is the same kind of page
as a hand-written one.
"""

import re
from dataclasses import fields

from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from wagtail.models import Page

from demo.builders import (
    ensure_default_site,
    ensure_document,
    ensure_page,
    ensure_page_group_restriction,
    ensure_private_collection,
    ensure_user,
    publish_snippet,
    remove_wagtail_welcome_page,
    stable_uuid,
)
from demo.data import briefings, documents, news, site_pages, vocabulary
from demo.data.child_reviews import CHILD_REVIEWS
from demo.data.common import SITE_LAUNCH
from demo.data.other_reviews import OTHER_REVIEWS
from demo.shapes import DemoCallout, DemoDocumentLink, DemoHeading, DemoLink, DemoParagraph
from learning.models import (
    Audience,
    BriefingPage,
    BriefingSourceReview,
    ExternalResource,
    LearningIndexPage,
    NewsDocument,
    NewsIndexPage,
    NewsLink,
    NewsPage,
    ResourceIndexPage,
    Theme,
)
from reviews.models import Recommendation, ReviewDocument, ReviewIndexPage, ReviewPage
from safeguarding_site.models import HomePage, PartnershipSettings, StandardPage

ADMIN_USERNAME = "admin"
MEMBERS_GROUP = "Partnership members"  # made by migration safeguarding_site 0002
REVIEWS = CHILD_REVIEWS + OTHER_REVIEWS
PAGE_ADDRESS = re.compile(r'linktype="page" address="([^"]*)"')


def review_page(review, *, themes, resources=(), review_documents=()):
    """An unsaved ReviewPage of a ``DemoReview``, its recommendations and learning points;
    ``themes`` maps slugs to Theme objects, ``resources`` are ExternalResource objects."""
    recommendations = [
        Recommendation(
            reference=f"R{n}",
            text=rec.text,
            owning_agency=rec.agency,
            status=rec.status,
            due_date=rec.due,
            progress_note=rec.note,
            sort_order=n,
        )
        for n, rec in enumerate(review.recommendations, start=1)
    ]
    learning_points = [
        {"type": "learning_point", "value": {"title": point.title, "detail": point.detail}}
        for point in review.learning_points
    ]
    return ReviewPage(
        title=review.title,
        pseudonym=review.pseudonym,
        review_type=review.review_type,
        published_date=review.published_date,
        status=review.status,
        summary=review.summary,
        age_band=review.age_band,
        themes=[themes[slug] for slug in review.themes],
        learning_points=with_ids(f"review:{review.slug}", learning_points),
        partnership_response=review.response_html,
        recommendations=recommendations,
        documents=list(review_documents),
        related_resources=list(resources),
    )


def with_ids(key, blocks):
    """StreamField data with stable block ids (Wagtail would otherwise make random ones)."""
    return [{**block, "id": str(stable_uuid("block", key, n))} for n, block in enumerate(blocks)]


class DemoLoader:
    """Builds the base demo content; ``tally`` counts what was created and ``messages``
    collects what to tell the user (generated passwords) once the transaction commits."""

    def __init__(self, tally):
        self.tally = tally
        self.messages = []
        self.pages = {}  # public address ("/learning/") -> page, for links between pages

    def run(self):
        self.load_users()
        self.load_vocabulary()
        self.load_site()
        self.load_dated_pages("/reviews/", REVIEWS, self.build_review)
        self.load_dated_pages("/learning/", briefings.BRIEFINGS, self.build_briefing)
        self.load_dated_pages("/news/", news.NEWS, self.build_news)
        for page in site_pages.STANDARD_PAGES:
            self.load_standard_page("/", page)
        secure_area = self.load_standard_page("/", site_pages.SECURE_AREA)
        self.load_secure_area_entrance(secure_area)

    def page(self, parent_address, slug, build, *, published=SITE_LAUNCH):
        """The page at ``parent_address`` + ``slug``, built by ``build()`` if it is missing."""
        page = ensure_page(
            self.pages[parent_address],
            slug,
            build,
            user=self.admin,
            published=published,
            tally=self.tally,
        )
        self.pages[f"{parent_address}{slug}/"] = page
        return page

    def document(self, document, collection=None):
        return ensure_document(document, user=self.admin, tally=self.tally, collection=collection)

    def stream(self, key, body, collection=None):
        """StreamField data of ``body`` (demo blocks): page links point at page ids, and a
        linked document is made, in ``collection``, if it is missing."""
        blocks = []
        for block in body:
            match block:
                case DemoHeading(text, level):
                    blocks.append({"type": "heading", "value": {"text": text, "level": level}})
                case DemoParagraph(html):
                    blocks.append({"type": "paragraph", "value": self.link_pages(html)})
                case DemoCallout(title, html):
                    value = {"title": title, "text": self.link_pages(html)}
                    blocks.append({"type": "callout", "value": value})
                case DemoLink(url, title, description):
                    value = {"url": url, "title": title, "description": description}
                    blocks.append({"type": "link", "value": value})
                case DemoDocumentLink(document, label):
                    value = {"document": self.document(document, collection).pk, "label": label}
                    blocks.append({"type": "document", "value": value})
                case _:
                    raise TypeError(f"{key}: not a demo block: {block!r}")
        return with_ids(key, blocks)

    def link_pages(self, html):
        """Rich text with each demo page link in the form Wagtail stores: the page's id."""
        return PAGE_ADDRESS.sub(lambda link: f'linktype="page" id="{self.pages[link[1]].pk}"', html)

    # Users and vocabulary --------------------------------------------------------------

    def load_users(self):
        self.members, _ = Group.objects.get_or_create(name=MEMBERS_GROUP)
        self.admin = ensure_user(
            ADMIN_USERNAME,
            email="admin@example.org",
            env_var="DJANGO_SUPERUSER_PASSWORD",
            superuser=True,
            tally=self.tally,
            messages=self.messages,
        )
        ensure_user(
            "member",
            email="member@example.org",
            env_var="DEMO_MEMBER_PASSWORD",
            group=self.members,
            tally=self.tally,
            messages=self.messages,
        )

    def load_vocabulary(self):
        themes = list(Theme.objects.all())
        by_slug = {theme.slug: theme for theme in themes}
        by_name = {theme.name: theme for theme in themes}
        for data in vocabulary.THEMES:
            theme = by_slug.get(data.slug) or by_name.get(data.name)
            if theme is None:
                theme = Theme.objects.create(
                    slug=data.slug, name=data.name, description=data.description
                )
                self.tally["themes"] += 1
            by_slug[data.slug] = theme
        self.themes = by_slug

        audiences = {audience.name: audience for audience in Audience.objects.all()}
        for name in vocabulary.AUDIENCES:
            if name not in audiences:
                audiences[name] = Audience.objects.create(name=name)
                self.tally["audiences"] += 1
        self.audiences = audiences

        resources = {resource.url: resource for resource in ExternalResource.objects.all()}
        self.resources = {}
        for data in vocabulary.RESOURCES:
            resource = resources.get(data.url)
            if resource is None:
                resource = ExternalResource(
                    title=data.title,
                    url=data.url,
                    publisher=data.publisher,
                    resource_type=data.resource_type,
                    description=data.description,
                    last_checked=data.last_checked,
                    link_status=ExternalResource.LinkStatus.WORKING,
                    themes=self.theme_list(data.themes),
                )
                publish_snippet(resource, user=self.admin, published=data.last_checked)
                self.tally["external resources"] += 1
            self.resources[data.key] = resource

    def theme_list(self, slugs):
        return [self.themes[slug] for slug in slugs]

    # The site ------------------------------------------------------------------------

    def load_site(self):
        home = HomePage.objects.first()
        if home is None:
            remove_wagtail_welcome_page()
            data = site_pages.HOME
            home = ensure_page(
                Page.get_first_root_node(),
                data.slug,
                lambda: HomePage(
                    title=data.title, intro=data.intro, body=self.stream("home", data.body)
                ),
                user=self.admin,
                published=SITE_LAUNCH,
                tally=self.tally,
            )
            if home.specific_class is not HomePage:
                raise CommandError(
                    f"The root already has a page with the slug 'home' ({home.title!r}) that is "
                    "not a HomePage; move or delete it, then run this command again."
                )
        self.pages["/"] = home
        site = ensure_default_site(home, site_pages.SITE_NAME)
        self.load_settings(site)

        index_pages = [
            (ReviewIndexPage, site_pages.REVIEW_INDEX),
            (LearningIndexPage, site_pages.LEARNING_INDEX),
            (ResourceIndexPage, site_pages.RESOURCE_INDEX),
            (NewsIndexPage, site_pages.NEWS_INDEX),
        ]
        for model, data in index_pages:
            self.page(
                "/",
                data.slug,
                lambda model=model, data=data: model(
                    title=data.title,
                    intro=data.intro,
                    show_in_menus=data.show_in_menus,
                    menu_title=data.menu_title,
                ),
            )

    def load_settings(self, site):
        """Fill in the partnership settings unless an editor has already done so."""
        settings = PartnershipSettings.objects.filter(site=site).first()
        default_name = PartnershipSettings._meta.get_field("partnership_name").default
        if settings is not None and settings.partnership_name != default_name:
            return
        data = site_pages.SETTINGS
        settings = settings or PartnershipSettings(site=site)
        for field in fields(data):
            if field.name != "footer_links":
                setattr(settings, field.name, getattr(data, field.name))
        settings.footer_links = self.stream("footer", data.footer_links)
        settings.save()
        self.tally["site settings"] += 1

    # Reviews, briefings and news -------------------------------------------------------

    def load_dated_pages(self, index_address, items, build):
        """A page under the index for each item, made by ``build(item)`` and published on the
        item's date."""
        for item in items:
            self.page(
                index_address,
                item.slug,
                lambda item=item: build(item),
                published=item.published_date,
            )

    def build_review(self, review):
        written = []
        if review.has_full_report:
            written.append((ReviewDocument.DocumentType.FULL_REPORT, documents.full_report(review)))
        if review.has_executive_summary:
            kind = ReviewDocument.DocumentType.EXECUTIVE_SUMMARY
            written.append((kind, documents.executive_summary(review)))
        review_documents = [
            ReviewDocument(document=self.document(document), document_type=kind, sort_order=n)
            for n, (kind, document) in enumerate(written)
        ]
        self.tally["recommendations"] += len(review.recommendations)
        return review_page(
            review,
            themes=self.themes,
            resources=[self.resources[key] for key in review.resources],
            review_documents=review_documents,
        )

    def build_briefing(self, data):
        sources = [
            BriefingSourceReview(review=self.pages[f"/reviews/{slug}/"], sort_order=n)
            for n, slug in enumerate(data.source_reviews)
        ]
        return BriefingPage(
            title=data.title,
            summary=data.summary,
            published_date=data.published_date,
            review_by=data.review_by,
            background=data.background,
            why_it_matters=data.why_it_matters,
            key_information_1_heading=data.key_information_1_heading,
            key_information_1=data.key_information_1,
            key_information_2_heading=data.key_information_2_heading,
            key_information_2=data.key_information_2,
            key_information_3_heading=data.key_information_3_heading,
            key_information_3=data.key_information_3,
            what_to_remember=data.what_to_remember,
            what_to_do=data.what_to_do,
            reflective_questions=data.reflective_questions,
            themes=self.theme_list(data.themes),
            audiences=[self.audiences[name] for name in data.audiences],
            source_review_links=sources,
        )

    def build_news(self, data):
        attachments = [
            NewsDocument(
                document=self.document(attachment.document), label=attachment.label, sort_order=n
            )
            for n, attachment in enumerate(data.documents)
        ]
        return NewsPage(
            title=data.title,
            published_date=data.published_date,
            summary=data.summary,
            themes=self.theme_list(data.themes),
            body=self.stream(f"news:{data.slug}", data.body),
            documents=attachments,
            links=[
                NewsLink(url=link.url, title=link.title, sort_order=n)
                for n, link in enumerate(data.links)
            ],
        )

    # Standard pages and the secure area --------------------------------------------------

    def load_standard_page(self, parent_address, data, collection=None):
        """A standard page and its subpages. A members-only page gets a view restriction for
        the members' group, and the documents of its subtree go to their private collection."""
        page = self.page(
            parent_address,
            data.slug,
            lambda: StandardPage(
                title=data.title,
                intro=data.intro,
                body=self.stream(data.slug, data.body, collection),
                show_in_menus=data.show_in_menus,
                menu_title=data.menu_title,
            ),
        )
        if data.members_only:
            ensure_page_group_restriction(page, self.members, user=self.admin)
            collection = ensure_private_collection(site_pages.MEMBERS_COLLECTION, self.members)
        for child in data.children:
            self.load_standard_page(f"{parent_address}{data.slug}/", child, collection)
        return page

    def load_secure_area_entrance(self, secure_area):
        """Name the secure area as the members' way in, shown to everyone, unless an editor
        has already chosen an entrance."""
        settings = PartnershipSettings.for_site(self.pages["/"].get_site())
        if settings.secure_area_entrance_id is None:
            settings.secure_area_entrance = secure_area
            settings.save(update_fields=["secure_area_entrance"])
            self.tally["site settings"] += 1
