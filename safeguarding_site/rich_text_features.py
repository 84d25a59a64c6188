"""The rich-text toolbars editors get, named for the text they are for. Every rich-text field
and block takes its features from here, so a toolbar changes in one place."""

# A line or two, such as the "report a concern" text: emphasis and a link.
LINE_FEATURES = ["bold", "link"]

# Paragraphs of a section (a briefing's seven sections, a review's response): emphasis, links to
# pages and other sites, lists. No headings: the section has its own.
SECTION_FEATURES = ["bold", "italic", "link", "ol", "ul"]

# A page's body: headings under the page title, and links to documents as well.
BODY_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]
