"""Serving uploaded images from local storage, and nothing else from MEDIA_ROOT.

Documents are never served from MEDIA_ROOT: they go through Wagtail's checked view at
``/documents/<id>/<file>``. Images carry no privacy in Wagtail, so their files (originals and
renditions) may be served directly; this view serves only those two folders.
"""

from django.conf import settings
from django.views.static import serve

IMAGE_FOLDERS = ("images", "original_images")


def serve_image(request, folder, path):
    """An image file from ``MEDIA_ROOT/images/`` or ``MEDIA_ROOT/original_images/``."""
    return serve(request, path, document_root=settings.MEDIA_ROOT / folder)
