"""The pure planning core: frozen dataclasses in and out, no Django, no I/O beyond reading rule packs."""
