"""Pure calculations over the model: no files, no widgets, no charts."""
