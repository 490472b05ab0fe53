"""App pages without kernels: each page is composed from its notebook and served by one Solara
server process for the whole room (see ``docs/decisions.md``).

* :mod:`.compose`: a notebook -> the page's ordered parts (Markdown rendered and sanitized, and
  each code cell's one call resolved against a registry). Pure: no cell is ever executed.
* :mod:`.site`: which notebook is served at which address (``/``, ``/day1``, ...). Pure.
* :mod:`.registry`: the kit's activity calls a page may make, named one by one.
* :mod:`.render`: the parts -> ipywidgets for one page's session (the widget layer).
* :mod:`.style`: the pages' stylesheet (``data/pages/workshop.css`` and the layout's own rules).
* :mod:`.app`: the Solara routes; :mod:`.server`: starts the one server process.
"""
