"""Exports: data in, a file a person opens elsewhere (Markdown, HTML, CSV, XLSX, ICS) out."""
