"""The demo's data: frozen dataclasses of ``demo.shapes``, and nothing that builds anything."""
