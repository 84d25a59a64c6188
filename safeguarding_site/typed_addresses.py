"""Where editors type addresses rather than choose a page or document: URL fields, URL blocks
(at any depth of a StreamField) and rich-text links made by address (no ``linktype``).

Pages and documents chosen with Wagtail's choosers are references, which Wagtail's reference
index finds; an address typed or pasted into one of these places is only text to Wagtail. This
module finds such addresses on any model instance, its StreamFields and its inline records, so
that the privacy rule (``safeguarding_site.privacy``) can ask where each one leads.

It imports nothing from the site's apps, nor the privacy rule: both use it.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs


@dataclass(frozen=True)
class TypedAddress:
    """An address an editor typed: in ``field`` (a field of the object, or the name of its
    inline records), at ``path`` inside it (block names and positions), in rich text or not."""

    field: str
    path: tuple
    href: str
    in_rich_text: bool = False


def rich_text_addresses(source):
    """The ``href`` of every link in rich text (database format) made by address: links made
    with the page or document chooser carry a ``linktype`` and an id instead."""
    hrefs = []
    for attributes in FIND_A_TAG.findall(str(source or "")):
        attrs = extract_attrs(attributes)
        if "linktype" not in attrs and attrs.get("href"):
            hrefs.append(attrs["href"])
    return hrefs


def block_addresses(block, value, path=()):
    """(path, href, in rich text) for every address in ``value`` of ``block``, at any depth."""
    if value is None:
        return
    if isinstance(block, blocks.URLBlock):
        if value:
            yield path, str(value), False
    elif isinstance(block, blocks.RichTextBlock):
        source = value.source if isinstance(value, RichText) else value
        for href in rich_text_addresses(source):
            yield path, href, True
    elif isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(value):
            yield from block_addresses(child.block, child.value, (*path, index))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from block_addresses(child_block, value.get(name), (*path, name))
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(value):
            yield from block_addresses(block.child_block, item, (*path, index))


def field_addresses(field, value):
    """(path, href, in rich text) for every address in ``value`` of the model field ``field``."""
    if isinstance(field, models.URLField):
        if value:
            yield (), str(value), False
    elif isinstance(field, RichTextField):
        for href in rich_text_addresses(value):
            yield (), href, True
    elif isinstance(field, StreamField):
        yield from block_addresses(field.stream_block, value)


def inline_relations(model):
    """The inline records of ``model`` (children by ParentalKey): their accessor names."""
    return [
        relation.get_accessor_name()
        for relation in model._meta.related_objects
        if isinstance(relation.remote_field, ParentalKey)
    ]


def addresses_in(instance):
    """Every address typed into ``instance`` (a page, a draft of one, a snippet, settings):
    in its own fields and in its inline records, which are read as the object holds them
    (a draft's records come from its revision)."""
    found = []
    for field in instance._meta.concrete_fields:
        for path, href, in_rich_text in field_addresses(field, getattr(instance, field.attname)):
            found.append(TypedAddress(field.name, path, href, in_rich_text))
    for name in inline_relations(type(instance)):
        for record in getattr(instance, name).all():
            for field in record._meta.concrete_fields:
                value = getattr(record, field.attname)
                for path, href, in_rich_text in field_addresses(field, value):
                    found.append(TypedAddress(name, path, href, in_rich_text))
    return found


def stream_url_errors(block, value, error_for):
    """The validation error to give a StreamField whose ``value`` (of ``block``) has URL
    blocks that ``error_for(href)`` refuses (it returns a message, or ``None``), each error
    placed on its own URL block so that the editor shows it there; ``None`` if there are none."""
    if value is None:
        return None
    if isinstance(block, blocks.URLBlock):
        message = error_for(str(value)) if value else None
        return ValidationError(message) if message else None
    if isinstance(block, blocks.StreamBlock):
        errors = {}
        for index, child in enumerate(value):
            error = stream_url_errors(child.block, child.value, error_for)
            if error is not None:
                errors[index] = error
        return StreamBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, blocks.StructBlock):
        errors = {}
        for name, child_block in block.child_blocks.items():
            error = stream_url_errors(child_block, value.get(name), error_for)
            if error is not None:
                errors[name] = error
        return StructBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, blocks.ListBlock):
        errors = {}
        for index, item in enumerate(value):
            error = stream_url_errors(block.child_block, item, error_for)
            if error is not None:
                errors[index] = error
        return ListBlockValidationError(block_errors=errors) if errors else None
    return None
