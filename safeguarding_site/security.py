"""Security headers Django does not set itself, and the frame rule for the editor's preview."""

from csp.constants import SELF
from django.conf import settings


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy``: the site needs no camera, microphone, location or payment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PreviewFrameMiddleware:
    """Lets the admin's own pages frame a preview, and nothing else frame any page.

    Wagtail renders the editor's preview by passing a dummy request for the page's public
    address (``request.is_dummy``) through the whole middleware chain, so the preview would get
    the public site's ``frame-ancestors 'none'`` and the preview and checks panels would show a
    refused frame. Sits inside ``CSPMiddleware`` and ``XFrameOptionsMiddleware``, which read
    what it sets on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_dummy", False):
            response._csp_replace = {"frame-ancestors": [SELF]}
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response
