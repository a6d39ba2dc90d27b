# Interactions view.
