"""The Flask side: the loaded state, the engine's own views, the home page, published URLs."""
