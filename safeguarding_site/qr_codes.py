"""QR codes drawn on the server, as SVG: no third-party service sees what they encode.

Used for the two-factor set-up key (``two_factor``) and the printable briefings' "We used this
briefing" address (``learning.printable``). This module imports nothing from the site's apps,
so any app may use it.
"""

from io import BytesIO

import qrcode
import qrcode.image.svg
from django.utils.safestring import mark_safe


def qr_code_svg(text, box_size=8):
    """An SVG QR code of ``text``, as markup to put in a page."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return mark_safe(svg[svg.index("<svg") :])  # noqa: S308 - generated here, no user markup
