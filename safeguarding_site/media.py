"""Serving uploaded images, and nothing else, from the media storage.

Documents are never served from the media storage directly: they go through Wagtail's checked
view at ``/documents/<id>/<file>``. Images carry no privacy in Wagtail, so their files
(originals and renditions) may be served directly; this view serves only those two folders.

The storage is local (``MEDIA_ROOT``) by default, or an S3-compatible bucket when
``AWS_STORAGE_BUCKET_NAME`` is set (settings, "Media"). The bucket stays private, documents
included: ``SiteServedS3Storage`` gives every file an address on this site, never the
bucket's, and this view streams images from the bucket.
"""

import mimetypes
import posixpath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404
from django.views.static import serve

try:
    from storages.backends.s3 import S3Storage
except ImportError:  # django-storages is needed only with a bucket
    S3Storage = object

IMAGE_FOLDERS = ("images", "original_images")


def serve_image(request, folder, path):
    """An image file from ``images/`` or ``original_images/`` of the media storage."""
    if isinstance(default_storage, FileSystemStorage):
        return serve(request, path, document_root=settings.MEDIA_ROOT / folder)
    name = f"{folder}/{path}"
    # A bucket's keys are plain strings: "images/../documents/x.pdf" must never be normalised
    # into another folder's key.
    if posixpath.normpath(name) != name or "\\" in name:
        raise Http404("No such image.")
    try:
        file = default_storage.open(name)
    except (FileNotFoundError, OSError) as error:
        raise Http404("No such image.") from error
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(file, content_type=content_type)


class SiteServedS3Storage(S3Storage):
    """An S3-compatible bucket, kept private, whose files are linked at this site's
    ``MEDIA_URL``: images through ``serve_image``, documents only through the checked view
    (Wagtail links documents there itself; any other address under /media/ is a 404)."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + name.lstrip("/")
