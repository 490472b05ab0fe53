"""Activity panels: the only ipywidgets code in the kit. Each panel is a thin view over the model."""
