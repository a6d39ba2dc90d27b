# Fehler der Modellbibliothek: Training und Statistik (ModelError), externe Validierung
# (ExternalError) und survlens-Modelldateien (BundleError).
