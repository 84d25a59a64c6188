"""The base demo content: users, vocabulary, the site, reviews, briefings, news, standard pages
and the secure area, each made by an idempotent builder (see ``builders``)."""

from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from wagtail.models import Page

from demo import briefings, news, pdfs, site_pages, vocabulary
from demo.builders import (
    ensure_default_site,
    ensure_document,
    ensure_page,
    ensure_page_group_restriction,
    ensure_private_collection,
    ensure_user,
    find_child,
    publish_snippet,
    remove_wagtail_welcome_page,
    stream,
)
from demo.common import SITE_LAUNCH
from demo.reviews import REVIEWS, executive_summary_html, full_report_html
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

MEMBERS_GROUP = "Partnership members"  # made by migration safeguarding_site 0002


class DemoLoader:
    """Builds the base demo content; ``tally`` counts what was created and ``messages``
    collects what to tell the user (generated passwords) once the transaction commits."""

    def __init__(self, tally):
        self.tally = tally
        self.messages = []
        self.pages = {}  # key -> page, for links between pages

    def run(self):
        self.load_users()
        self.load_vocabulary()
        self.load_site()
        self.load_reviews()
        self.load_briefings()
        self.load_news()
        self.load_standard_pages()
        self.load_secure_area()

    def page(self, parent, slug, build, *, published=SITE_LAUNCH, key=None):
        page = ensure_page(
            parent, slug, build, user=self.admin, published=published, tally=self.tally
        )
        self.pages[key or slug] = page
        return page

    # Users and vocabulary --------------------------------------------------------------

    def load_users(self):
        self.members, _ = Group.objects.get_or_create(name=MEMBERS_GROUP)
        self.admin = ensure_user(
            "admin",
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
        for slug, name, description in vocabulary.THEMES:
            theme = by_slug.get(slug) or by_name.get(name)
            if theme is None:
                theme = Theme.objects.create(slug=slug, name=name, description=description)
                self.tally["themes"] += 1
            by_slug[slug] = theme
        self.themes = by_slug

        audiences = {audience.name: audience for audience in Audience.objects.all()}
        for name in vocabulary.AUDIENCES:
            if name not in audiences:
                audiences[name] = Audience.objects.create(name=name)
                self.tally["audiences"] += 1
        self.audiences = audiences

        resources = {resource.url: resource for resource in ExternalResource.objects.all()}
        self.resources = {}
        for key, data in vocabulary.RESOURCES.items():
            resource = resources.get(data["url"])
            if resource is None:
                fields = {name: value for name, value in data.items() if name != "themes"}
                resource = ExternalResource(
                    **fields,
                    link_status=ExternalResource.LinkStatus.WORKING,
                    themes=self.theme_list(data["themes"]),
                )
                publish_snippet(resource, user=self.admin, published=data["last_checked"])
                self.tally["external resources"] += 1
            self.resources[key] = resource

    def theme_list(self, slugs):
        return [self.themes[slug] for slug in slugs]

    # The site ------------------------------------------------------------------------

    def load_site(self):
        home = HomePage.objects.first()
        if home is None:
            remove_wagtail_welcome_page()
            home = self.page(
                Page.get_first_root_node(),
                "home",
                lambda: HomePage(
                    title=site_pages.HOME["title"],
                    intro=site_pages.HOME["intro"],
                    body=stream("home", site_pages.home_body(self.pages)),
                ),
            )
            if home.specific_class is not HomePage:
                raise CommandError(
                    f"The root already has a page with the slug 'home' ({home.title!r}) that is "
                    "not a HomePage; move or delete it, then run this command again."
                )
        self.pages["home"] = home
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
                home,
                data["slug"],
                lambda model=model, data=data: model(
                    title=data["title"], intro=data["intro"], show_in_menus=True
                ),
            )

    def load_settings(self, site):
        """Fill in the partnership settings unless an editor has already done so."""
        settings = PartnershipSettings.objects.filter(site=site).first()
        default_name = PartnershipSettings._meta.get_field("partnership_name").default
        if settings is not None and settings.partnership_name != default_name:
            return
        settings = settings or PartnershipSettings(site=site)
        for name, value in site_pages.SETTINGS.items():
            setattr(settings, name, value)
        settings.footer_links = stream("footer", site_pages.FOOTER_LINKS)
        settings.save()
        self.tally["site settings"] += 1

    # Reviews, briefings and news -------------------------------------------------------

    def load_reviews(self):
        index = self.pages["reviews"]
        for review in REVIEWS:
            self.page(
                index,
                review.slug,
                lambda review=review: self.build_review(review),
                published=review.published,
                key=f"review:{review.slug}",
            )

    def build_review(self, review):
        documents = []
        if review.has_full_report:
            documents.append((ReviewDocument.DocumentType.FULL_REPORT, "full report"))
        if review.has_executive_summary:
            documents.append((ReviewDocument.DocumentType.EXECUTIVE_SUMMARY, "executive summary"))
        review_documents = [
            ReviewDocument(
                document=self.review_pdf(review, kind, label),
                document_type=kind,
                sort_order=n,
            )
            for n, (kind, label) in enumerate(documents)
        ]
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
        self.tally["recommendations"] += len(recommendations)
        learning_points = [
            {"type": "learning_point", "value": {"title": title, "detail": detail}}
            for title, detail in review.learning_points
        ]
        return ReviewPage(
            title=review.title,
            pseudonym=review.pseudonym,
            review_type=review.review_type,
            published_date=review.published,
            status=review.status,
            summary=review.summary,
            age_band=review.age_band,
            themes=self.theme_list(review.themes),
            learning_points=stream(f"review:{review.slug}", learning_points),
            partnership_response=review.response_html,
            recommendations=recommendations,
            documents=review_documents,
            related_resources=[self.resources[key] for key in review.resources],
        )

    def review_pdf(self, review, kind, label):
        is_report = kind == ReviewDocument.DocumentType.FULL_REPORT
        html = full_report_html(review) if is_report else executive_summary_html(review)
        review_type = ReviewPage.ReviewType(review.review_type).label
        published = f"{review.published.day} {review.published:%B %Y}"
        subtitle = f"{review.pseudonym} · {review_type} · published {published}"
        return ensure_document(
            f"{review.title}: {label} (demo)",
            f"{review.slug}-{kind}.pdf",
            lambda: pdfs.document_pdf(
                f"{review.title}: {label}", html, created=review.published, subtitle=subtitle
            ),
            user=self.admin,
            tally=self.tally,
        )

    def load_briefings(self):
        index = self.pages["learning"]
        for data in briefings.BRIEFINGS:
            self.page(
                index,
                data["slug"],
                lambda data=data: self.build_briefing(data),
                published=data["published_date"],
            )

    def build_briefing(self, data):
        sections = {
            name: value
            for name, value in data.items()
            if name not in ("slug", "themes", "audiences", "source_reviews")
        }
        sources = [
            BriefingSourceReview(review=self.pages[f"review:{slug}"], sort_order=n)
            for n, slug in enumerate(data["source_reviews"])
        ]
        return BriefingPage(
            **sections,
            themes=self.theme_list(data["themes"]),
            audiences=[self.audiences[name] for name in data["audiences"]],
            source_review_links=sources,
        )

    def load_news(self):
        index = self.pages["news"]
        for data, body in news.NEWS:
            self.page(
                index,
                data["slug"],
                lambda data=data, body=body: self.build_news(data, body),
                published=data["published_date"],
            )

    def build_news(self, data, body):
        documents = {
            key: ensure_document(
                title,
                f"{data['slug']}-{key}.pdf",
                lambda key=key, title=title: self.news_pdf(key, title, data["published_date"]),
                user=self.admin,
                tally=self.tally,
            )
            for key, title, _label in data.get("documents", [])
        }
        return NewsPage(
            title=data["title"],
            published_date=data["published_date"],
            summary=data["summary"],
            themes=self.theme_list(data["themes"]),
            body=stream(f"news:{data['slug']}", body(self.pages, documents)),
            documents=[
                NewsDocument(document=documents[key], label=label, sort_order=n)
                for n, (key, _title, label) in enumerate(data.get("documents", []))
            ],
            links=[
                NewsLink(url=url, title=title, sort_order=n)
                for n, (url, title) in enumerate(data.get("links", []))
            ],
        )

    @staticmethod
    def news_pdf(key, title, created):
        if key == "presentation":
            return pdfs.slides_pdf(news.REPORT_TITLE, news.PRESENTATION_SLIDES, created=created)
        return pdfs.document_pdf(
            title,
            news.BRIEFING_PAPER_HTML,
            created=created,
            subtitle="Key messages for practitioners from the national panel's report",
        )

    # Standard pages and the secure area --------------------------------------------------

    def load_standard_pages(self):
        home = self.pages["home"]
        for slug, title, intro, body, in_menus in site_pages.STANDARD_PAGES:
            self.page(
                home,
                slug,
                lambda slug=slug, title=title, intro=intro, body=body, in_menus=in_menus: (
                    StandardPage(
                        title=title,
                        intro=intro,
                        body=stream(slug, body(self.pages)),
                        show_in_menus=in_menus,
                    )
                ),
            )

    def load_secure_area(self):
        """The members-only subtree: a group view restriction on its root page, and a private
        collection for its documents."""
        data = site_pages.SECURE_AREA
        secure = self.page(
            self.pages["home"],
            data["slug"],
            lambda: StandardPage(
                title=data["title"],
                intro=data["intro"],
                body=stream(data["slug"], site_pages.secure_area_body(self.pages)),
            ),
        )
        ensure_page_group_restriction(secure, self.members, user=self.admin)
        collection = ensure_private_collection(site_pages.MEMBERS_COLLECTION, self.members)

        (minutes_slug, minutes_title, minutes_intro), (brief_slug, brief_title, brief_intro) = (
            site_pages.SECURE_CHILD_PAGES
        )
        if find_child(secure, minutes_slug) is None:
            minutes = ensure_document(
                site_pages.MINUTES_TITLE,
                "case-review-group-minutes-2026-03.pdf",
                lambda: pdfs.document_pdf(
                    site_pages.MINUTES_TITLE,
                    site_pages.MINUTES_HTML,
                    created=site_pages.MINUTES_DATE,
                    subtitle="Confidential: for partnership members only",
                ),
                user=self.admin,
                tally=self.tally,
                collection=collection,
            )
            self.page(
                secure,
                minutes_slug,
                lambda: StandardPage(
                    title=minutes_title,
                    intro=minutes_intro,
                    body=stream(minutes_slug, site_pages.minutes_body(self.pages, minutes)),
                ),
            )
        self.page(
            secure,
            brief_slug,
            lambda: StandardPage(
                title=brief_title,
                intro=brief_intro,
                body=stream(brief_slug, site_pages.members_briefing_body(self.pages)),
            ),
        )
