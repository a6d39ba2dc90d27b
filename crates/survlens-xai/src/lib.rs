//! Explanations of survlens Cox networks: layer-wise relevance propagation and other attributions.
