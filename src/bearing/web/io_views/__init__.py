"""Pages for API tokens and OKR files (the ``io`` URL namespace, see ``io_urls``)."""
