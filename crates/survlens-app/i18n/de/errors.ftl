# Fehler der Berechnungen und Quellen der Seite, wie eine fehlgeschlagene Berechnung oder
# eine nicht verfügbare Kennzahl sie nennt: ein gespeichertes Modell, das sich nicht lesen
# lässt, ein FHIR-Export, der keine Kohorte ergibt, eine fehlgeschlagene Berechnung.
# $reason ist der Satz eines anderen Fehlers.

error-compute-synth = synthetische Kohorte: { $reason }
error-compute-data = Kohortendaten: { $reason }
error-compute-model = Modell: { $reason }
error-compute-xai = Erklärung: { $reason }
error-compute-stopped = das Training wurde vor seinem Ende angehalten
error-inconsistent-result = widersprüchliches Ergebnis: { $reason }
error-browser-storage = der Browser konnte die Datei nicht bereitstellen: { $reason }
error-cohort-shape = widersprüchliche Kohorte: { $reason }
error-cohort-statistic = { $what }: { $reason }
