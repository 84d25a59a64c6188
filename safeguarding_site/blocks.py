"""StreamField blocks shared by every app's body content.

This module imports nothing from the site's apps, so ``reviews`` and ``learning`` can use it
without an import cycle.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from safeguarding_site import privacy
from safeguarding_site.rich_text_features import BODY_FEATURES, SECTION_FEATURES


class HeadingBlock(blocks.StructBlock):
    """A section heading; the page title is the only h1, so levels start at h2."""

    text = blocks.CharBlock(max_length=120, help_text="The heading text.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (h2)"), ("h3", "Subheading (h3)")],
        default="h2",
        help_text="Use h2 for a section and h3 inside a section.",
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted key message, such as 'never shake a baby'."""

    title = blocks.CharBlock(max_length=120, help_text="A short title for the key message.")
    text = blocks.RichTextBlock(features=SECTION_FEATURES, help_text="The key message itself.")

    class Meta:
        icon = "warning"
        template = "components/blocks/callout_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document, shown with its file type and size."""

    document = DocumentChooserBlock(help_text="The document to link to.")
    label = blocks.CharBlock(
        required=False, max_length=200, help_text="Link text; the document's title if empty."
    )

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document_link_block.html"

    def get_searchable_content(self, value):
        """The label, for the search index, only if an anonymous visitor may download the
        document: the block shows nothing else to anyone else, and the index answers everyone.
        (The document's own title is never indexed: the chooser block gives none.) The pages
        using a document are indexed again when it becomes members-only (``search_index``)."""
        document = value.get("document")
        if document is None or not privacy.may_download(None, document):
            return []
        return super().get_searchable_content(value)


class LinkBlock(blocks.StructBlock):
    """A link to another website."""

    url = blocks.URLBlock(help_text="The full address, starting https://.")
    title = blocks.CharBlock(max_length=200, help_text="Link text that makes sense on its own.")
    description = blocks.CharBlock(
        required=False, max_length=300, help_text="Optional: one line on what the reader will find."
    )

    class Meta:
        icon = "link"
        template = "components/blocks/link_block.html"


class BodyBlock(blocks.StreamBlock):
    """The body of a standard page or news item."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=BODY_FEATURES, icon="pilcrow")
    callout = CalloutBlock()
    document = DocumentLinkBlock()
    link = LinkBlock()
