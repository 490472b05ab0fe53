"""Activity panels, the only ipywidgets code in the kit: thin views over the model."""
