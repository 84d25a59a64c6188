"""Security headers Django does not set itself, and the client's address behind the proxy."""

import ipaddress

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


def client_ip_address(request):
    """The address of the client that sent ``request``: what django-axes locks out.

    Behind ``TRUSTED_PROXY_COUNT`` proxies, each of which appends the address it received the
    request from to ``X-Forwarded-For``, the client is that many entries from the right;
    entries further left were written by the client itself and are ignored, so a client cannot
    escape a lockout by sending the header. Without proxies, or for a request that did not come
    through them, the address of the connection. (django-axes reads ``AXES_IPWARE_*`` settings
    only when django-ipware is installed; this site does not need it.)
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote
