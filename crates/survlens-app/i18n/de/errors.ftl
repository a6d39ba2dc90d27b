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

# Eine fehlgeschlagene Berechnung (PipelineError) und ein gespeichertes Modell, das die
# Kohorte nicht erklären kann (ModelFileProblem; die Seite zeigt es unter dem Namen der
# Modelldatei).
error-pipeline-compute = { $reason }
error-pipeline-import = { $reason }
error-pipeline-model-file = Modelldatei { $file }: { $problem }
error-pipeline-fhir = { $reason }
error-pipeline-finished = die Berechnung ist bereits abgeschlossen
error-model-file-default = { $reason }
error-model-file-bundle = { $reason }
error-model-file-onnx = { $reason }
error-model-file-onnx-input = { $reason }
error-model-file-none-chosen = es wurde kein gespeichertes Modell ausgewählt
error-model-file-external-validation = die externe Validierung trainiert ein eigenes Modell; wählen Sie stattdessen eine Kohorte
error-model-file-missing-markers = die Kohorte enthält { $count } der Marker des Modells nicht: { $first }
error-model-file-time-unit = die Zeiteinheit „{ $found }“ des Modells ist unbekannt: Erwartet wird days, weeks, months oder years (Tage, Wochen, Monate oder Jahre)
error-model-file-preprocessing = die Kohorte passt nicht zur Vorverarbeitung des Modells: { $reason }
error-model-file-no-baseline = ein ONNX-Netz bringt keine Baseline-Hazard-Funktion mit, und diese Datei enthält keine Überlebenszeiten oder Ereignisse, an denen sich eine schätzen ließe: Wählen Sie eine Datei mit Überlebenszeiten und Ereignissen oder eine survlens-Modelldatei, die ihre eigene mitbringt

# Zwei Erklärungen nebeneinander (ContrastError) und die Markeransicht (MarkersViewError).
error-contrast-no-patient = die Person Nr. { $index } ist nicht unter den { $patients } Patientinnen und Patienten der Kohorte
error-contrast-no-linear-model = neben diesem Netz gibt es kein lineares Cox-Modell (eine Modelldatei ohne ein solches oder ein aus ONNX gelesenes Netz auf einer neuen Kohorte; oder eine Kohorte, an der es sich nicht schätzen ließ)
error-contrast-compute = { $reason }
error-markers-xai = Bedeutung der Marker in der Kohorte: { $reason }
error-markers-unknown-marker = den Marker Nr. { $marker } gibt es nicht; die Kohorte hat { $n_markers } Marker

# Das Netz als Modelldatei speichern (ExportError). $origin ist der Satz zur Herkunft des
# Netzes (origin-* in sources.ftl); error-export-origin-onnx verbindet den Satz eines
# ONNX-Netzes mit seinem Hinweis zur Baseline-Hazard-Funktion.
error-export-not-trained = nur ein in diesem Tab trainiertes Netz kann gespeichert werden; dieses ist: { $origin }
error-export-origin-onnx = { $network } { $note }
error-export-bundle = die Modelldatei konnte nicht erstellt werden: { $reason }
error-export-model = die Modelldatei konnte nicht erstellt werden: { $reason }

# Eine erklärte Kohorte, deren Teile nicht zusammenpassen (ShapeError).
error-shape-length = das Feld { $field } hat die Länge { $found } statt { $expected }
error-shape-entity = der Entitätsindex { $index } liegt außerhalb der Entitäten (Anzahl: { $entities })

# Das Standardmodell und seine Datei (DefaultModelError, ProvenanceProblem).
error-default-model-marker-mismatch = das Modell passt nicht zur synthetischen Kohorte: Das Modell hat { $model } Marker, die Kohorte „{ $preset }“ { $cohort } Marker und die Entität
error-default-model-bundle = { $reason }
error-default-model-provenance = Datei des Standardmodells: der Eintrag „synthetic“ fehlt oder ist ungültig: { $reason }
error-default-model-no-truth = die Sitzung hat keine eingebaute Wahrheit, an der sich die Erklärung messen ließe
error-default-model-cancelled = das Training wurde abgebrochen
error-provenance-missing = es gibt keinen solchen Eintrag
error-provenance-json = in Zeile { $line }, Spalte { $column }: { $description }
error-provenance-not-an-object = die Modelldatei endet nicht mit '{ "}" }'

# Eine Kohorte als Eingaben eines ONNX-Netzes (OnnxInputError).
error-onnx-input-input-count = die Zahl der Eingänge des Netzes ({ $inputs }) passt nicht zur Zahl der Markerspalten der Kohorte ({ $columns }: { $names }); ein ONNX-Netz hat keine Vorverarbeitung, daher müssen die Markerspalten genau seine Eingänge sein, in derselben Reihenfolge
error-onnx-input-not-numeric = die Spalte „{ $column }“ ist kategorial; ein ONNX-Netz liest nur Zahlen (kennzeichnen Sie die Spalte beim Zuordnen der Datei als numerisch)
error-onnx-input-missing = in der Spalte „{ $column }“ fehlen Werte (Anzahl: { $count }, zuerst bei Patienten-ID { $patient }); ein ONNX-Netz hat keine Vorverarbeitung, die sie ersetzen (imputieren) könnte
error-onnx-input-encoder = die Eingaben konnten nicht vorbereitet werden: { $reason }
error-onnx-input-encoder-form = die Eingaben konnten nicht vorbereitet werden: { $description }

# Ein FHIR-Export, der keine Kohorte für die Berechnung ergibt (FhirImportError), und das
# daneben eingegebene Indexdatum (IndexDateError). $reason von error-fhir-read ist die
# Schilderung der Probleme durch den FHIR-Leser selbst.
error-fhir-index-date = { $reason }
error-fhir-needs-stored-model = ein FHIR-Export enthält keine Überlebenszeiten oder Ereignisse, daher kann das Netz nicht an ihm trainiert werden: Erklären Sie ihn mit einem gespeicherten Modell (dem Standardmodell der Seite oder einer Modelldatei)
error-fhir-read = der FHIR-Export konnte nicht gelesen werden: { $reason }
error-index-date-not-a-date = „{ $text }“ ist kein Datum: Schreiben Sie es als JJJJ-MM-TT (zum Beispiel 2024-03-01) oder lassen Sie das Feld leer, um für jeden Marker den jüngsten Wert zu verwenden
error-cohort-what-reverse-km = umgekehrter Kaplan-Meier-Schätzer der Kohorte
error-cohort-what-km = Kaplan-Meier-Schätzer der Kohorte
error-cohort-what-risk-groups = Risiko-{ $grouping } der Trainingspersonen
error-cohort-what-assignment = Risikogruppen der Personen
error-cohort-what-group-km = Kaplan-Meier-Schätzer von { $group }
error-cohort-what-logrank = Log-Rank-Test über die Gruppen
error-cohort-what-c-index = Harrells C von { $of }
error-size-fixed = die Größe der Kohorte „{ $cohort }“ ist fest vorgegeben
error-size-out-of-range = { $patients } Personen liegen außerhalb des Bereichs der Seite: Wählen Sie zwischen { $low } und { $high }
error-size-not-a-number = „{ $text }“ ist keine Zahl von Personen: Geben Sie eine ganze Zahl zwischen { $low } und { $high } ein
