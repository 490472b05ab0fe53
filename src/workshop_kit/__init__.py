"""workshop-kit: a Jupyter curriculum for a three-day Leadership for Learning institute.

The package is layered so that each layer can be read and tested without the ones above it:
``model`` and ``logic`` are pure; ``store`` and ``config`` touch files; ``charts`` and ``exports``
turn data into figures and files; ``activities`` holds the only ipywidgets code.
Importing the package itself is cheap: heavy modules load when a day's notebook asks for them.
"""

from __future__ import annotations

__version__ = "0.1.0"
