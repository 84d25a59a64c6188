"""The demo's PDFs, typeset by WeasyPrint from the text of a ``DemoDocument``.

They are tagged PDF/UA documents with a title, author, language and fixed dates, so the same
content always gives the same bytes. Every one carries the demo notice.
"""

from html import escape

from weasyprint import HTML

from demo.data.common import PARTNERSHIP_NAME

DEMO_BANNER = "Demo content: this document is invented for demonstration. No real child or case."

PORTRAIT_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm;
        @bottom-left { content: "DEMO - invented content"; font-size: 8pt; color: #505a5f; }
        @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.4; color: #0b0c0c; }
.organisation { color: #1d4f91; font-weight: bold; margin: 0; }
h1 { font-size: 18pt; margin: 2mm 0 1mm; }
h2 { font-size: 12.5pt; color: #1d4f91; margin: 6mm 0 2mm; }
h3 { font-size: 10.5pt; margin: 4mm 0 1mm; }
.meta { color: #505a5f; margin: 0 0 4mm; }
.notice { border: 1.5pt solid #d4351c; padding: 2mm 3mm; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.75pt solid #b1b4b6; padding: 1.5mm; text-align: left; vertical-align: top; }
"""

SLIDES_CSS = """
@page { size: A4 landscape; margin: 16mm 20mm;
        @bottom-left { content: "DEMO - invented content"; font-size: 9pt; color: #505a5f; }
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 20pt; line-height: 1.35; color: #0b0c0c; }
section { break-after: page; }
section:last-child { break-after: auto; }
h1 { font-size: 34pt; color: #1d4f91; margin: 30mm 0 8mm; }
h2 { font-size: 28pt; color: #1d4f91; margin: 0 0 8mm; border-bottom: 3pt solid #1d4f91; }
.organisation { font-size: 14pt; color: #505a5f; margin: 0; }
.notice { font-size: 12pt; border: 2pt solid #d4351c; padding: 3mm 4mm; margin-top: 12mm; }
"""


def _document(title, content, *, created, css, subject=""):
    """A complete HTML document with the metadata WeasyPrint writes into the PDF."""
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta name="author" content="{escape(PARTNERSHIP_NAME)}">'
        f'<meta name="description" content="{escape(subject)}">'
        f'<meta name="dcterms.created" content="{created.isoformat()}">'
        f'<meta name="dcterms.modified" content="{created.isoformat()}">'
        f"<style>{css}</style></head><body>{content}</body></html>"
    )


def _write(html):
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def render(document):
    """The PDF bytes of a ``DemoDocument``: slides if it has any, else a portrait document."""
    if document.slides:
        return slides_pdf(document.heading, document.slides, created=document.created)
    return document_pdf(
        document.heading, document.html, created=document.created, subtitle=document.subtitle
    )


def document_pdf(title, body_html, *, created, subtitle=""):
    """A portrait A4 document: heading block, demo notice, then the body."""
    meta = f'<p class="meta">{escape(subtitle)}</p>' if subtitle else ""
    content = (
        f'<header><p class="organisation">{escape(PARTNERSHIP_NAME)}</p>'
        f"<h1>{escape(title)}</h1>{meta}</header>"
        f'<p class="notice">{DEMO_BANNER}</p><main>{body_html}</main>'
    )
    return _write(_document(title, content, created=created, css=PORTRAIT_CSS, subject=subtitle))


def slides_pdf(title, slides, *, created):
    """A landscape "presentation": one page a ``DemoSlide`` after a title slide."""
    sections = [
        f'<section><p class="organisation">{escape(PARTNERSHIP_NAME)}</p>'
        f"<h1>{escape(title)}</h1>"
        f'<p class="notice">{DEMO_BANNER}</p></section>'
    ]
    sections += [
        f"<section><h2>{escape(slide.heading)}</h2>{slide.html}</section>" for slide in slides
    ]
    return _write(_document(title, "".join(sections), created=created, css=SLIDES_CSS))
