# Fehler der Erklärverfahren (XaiError), der ONNX-Netze (OnnxError) und des Generators
# synthetischer Kohorten (SynthError, TableProblem).

## XaiError

xai-invalid-parameter = Regel { $rule }: { $parameter } muss { $requirement } sein, ist aber { $value }
xai-first-layer-only = die Regel { $rule } gilt nur für die erste Schicht, wurde aber Schicht { $layer } zugewiesen
xai-composite-depth = die Regelzuordnung weist { $rules } Schichten Regeln zu, das Netz hat aber { $layers }
xai-shape = { $what }: { $expected } Werte erwartet, aber { $found } vorhanden
xai-non-finite-input = Eingabe { $input } von Person { $patient } ist keine endliche Zahl: { $value }
xai-group-out-of-range = Spalte { $column } ist Gruppe { $group } zugeordnet, es gibt aber nur { $n_groups } Gruppen
xai-invalid-setting = ungültige Einstellung: { $setting } muss { $requirement } sein, ist aber { $value }
xai-too-many-inputs = exakte Shapley-Werte sind auf { $limit } Eingaben begrenzt, das Netz hat { $n_inputs }
xai-empty-cohort = { $what }: mindestens eine Person nötig, aber die Kohorte oder Untergruppe ist leer
xai-patient-out-of-range = { $what }: Person { $row } gibt es nicht, es gibt { $n_patients } Personen
xai-marker-out-of-range = { $what }: Marker { $marker } gibt es nicht, es gibt { $n_markers } Marker
xai-no-observed-values = für Marker { $marker } gibt es keinen beobachteten Wert, über den er variiert werden könnte

## Worauf sich eine Form, eine leere Kohorte oder ein Index außerhalb des Bereichs bezieht
## ($what oben)

xai-what-background-inputs = Eingaben des Hintergrunds
xai-what-ceteris-paribus-profile = Ceteris-paribus-Profil
xai-what-cohort-relevances = Relevanzen der Kohorte
xai-what-dependence = Abhängigkeit
xai-what-entity-codes = Entitätscodes
xai-what-explanation-over-time = Erklärung über die Zeit
xai-what-grouping-of-the-groups = Gruppierung der Gruppen
xai-what-input-matrix = Eingabematrix
xai-what-interaction-search = Suche nach Interaktionen
xai-what-reference-layers = Schichten des Netzes, für das die Referenz vorbereitet wurde
xai-what-marker-importance = Bedeutung der Marker
xai-what-marker-profile = Markerprofil
xai-what-marker-values = Markerwerte
xai-what-marker-to-modality-map = Zuordnung der Marker zu Modalitäten
xai-what-markers-excluded-from-the-screen = von der Sichtung ausgeschlossene Marker
xai-what-markers-of-the-outcome-data = Marker der Verlaufsdaten
xai-what-median-reference = Median-Referenz
xai-what-model-based-interactions = modellbasierte Interaktionen
xai-what-outcome-test-of-a-pair = Test eines Paares an den Verläufen
xai-what-partial-dependence = partielle Abhängigkeit
xai-what-patient-inputs = Eingaben der Person
xai-what-double-difference-patients = Personen der doppelten Differenzen des Netzes
xai-what-player-of-every-input = Spieler jeder Eingabe
xai-what-predicted-log-risks = vorhergesagte Log-Risiken
xai-what-predictions = Vorhersagen
xai-what-raw-marker-values = Rohwerte der Marker
xai-what-reference-of-each-patient = Referenz jeder Person
xai-what-reference-of-the-patient = Referenz der Person
xai-what-reference-patient = Referenzperson
xai-what-relevance-buffer = Relevanzpuffer
xai-what-relevance-column = Relevanzspalte
xai-what-relevance-columns-to-group = zu gruppierende Relevanzspalten
xai-what-relevance-of-the-patient = Relevanz der Person
xai-what-score-screen = Sichtung mit dem Score-Test
xai-what-screening-risks = Risiken der Sichtung
xai-what-screening-rows = Zeilen der Sichtung
xai-what-stability = Stabilität
xai-what-subgroup = Untergruppe
xai-what-test-rows-of-a-fold = Testzeilen eines Folds
xai-what-typical-patient = typische Person
xai-what-values-to-group = zu gruppierende Werte
xai-what-weights-of-the-p-values = Gewichte der p-Werte
xai-what-additive-model-inputs = Eingaben des additiven Modells eines Folds

## Einstellungen ($setting oben)

xai-setting-calibration-slope = die Kalibrierungssteigung
xai-setting-candidate-markers-of-the-screen = die Zahl der Kandidatenmarker der Sichtung
xai-setting-cumulative-hazard = der kumulative Hazard
xai-setting-false-discovery-rate = die Falscherkennungsrate
xai-setting-folds-of-the-interaction-search = die Zahl der Folds der Interaktionssuche
xai-setting-grid-points = die Zahl der Gitterpunkte
xai-setting-key-marker-threshold = die Schwelle für Schlüsselmarker
xai-setting-markers-for-interactions = die Zahl der Marker für Interaktionen
xai-setting-markers-screened-for-interactions = die Zahl der auf Interaktionen gesichteten Marker
xai-setting-markers-to-move-for-interactions = die Zahl der für Interaktionen zu variierenden Marker
xai-setting-p-value = der p-Wert
xai-setting-pairs-kept-for-the-outcome-test = die Zahl der für den Test an den Verläufen behaltenen Paare
xai-setting-pairs-of-orderings = die Zahl der Paare von Reihenfolgen
xai-setting-patients-sampled-for-interactions = die Zahl der für Interaktionen gezogenen Personen
xai-setting-patients-screened-for-interactions = die Zahl der auf Interaktionen gesichteten Personen
xai-setting-permutations = die Zahl der Permutationen
xai-setting-double-difference-references = die Zahl der Referenzpersonen der doppelten Differenzen des Netzes
xai-setting-steps = die Zahl der Schritte
xai-setting-strata = die Stratifizierung von Sichtung und Test an den Verläufen (Personen)
xai-setting-test-patient-in-two-folds = eine Testperson in zwei Folds (Zeile)
xai-setting-top-markers-for-interactions = die Zahl der wichtigsten Marker für Interaktionen
xai-setting-weight-of-a-p-value = das Gewicht eines p-Werts
xai-setting-search-part = Teil der Interaktionssuche aus einem anderen Worker

## Was ein Parameter oder eine Einstellung sein muss ($requirement oben)

xai-requirement-one = 1
xai-requirement-at-least-one-sign = ≥ 1
xai-requirement-at-least-two-sign = ≥ 2
xai-requirement-finite = eine endliche Zahl
xai-requirement-finite-non-negative = eine endliche Zahl von mindestens 0
xai-requirement-at-least-one = mindestens 1
xai-requirement-at-least-two = mindestens 2
xai-requirement-at-least-two-not-excluded = ohne die ausgeschlossenen mindestens 2
xai-requirement-finite-positive = endlich und > 0
xai-requirement-finite-at-least-zero = endlich und ≥ 0
xai-requirement-share = ein Wert in (0, 1]
xai-requirement-probability = ein Wert in [0, 1]
xai-requirement-one-fold = nur in den Testzeilen eines einzigen Folds
xai-requirement-same-strata = für beide dieselbe
xai-requirement-awaited-part = ein Teil, den die Suche erwartet

## OnnxError

xai-onnx-decode = keine lesbare ONNX-Modelldatei: { $description }
xai-onnx-no-graph = das ONNX-Modell enthält keinen Graphen
xai-onnx-no-opset = ONNX-Graph: das Modell gibt kein Opset für die Standarddomäne von ONNX an
xai-onnx-old-opset = ONNX-Graph: Opset { $version } ist älter als { $min }, das älteste, das survlens liest
xai-onnx-input-count = ONNX-Graph: ein Cox-Netz hat eine Eingabe (Personen × Eingaben), dieser Graph hat { $found }
xai-onnx-output-count = ONNX-Graph: ein Cox-Netz hat eine Ausgabe (das Log-Risiko), dieser Graph hat { $found }
xai-onnx-input-type = ONNX-Graph: die Eingabe „{ $input }“ hat den Datentyp { $elem_type }, survlens liest float32 (1)
xai-onnx-input-rank = ONNX-Graph: die Eingabe „{ $input }“ hat { $rank } Dimensionen, erwartet sind 2 (Personen × Eingaben)
xai-onnx-input-width = ONNX-Graph: die Eingabe „{ $input }“ hat die negative Breite { $width }
xai-onnx-unsupported-op = ONNX-Knoten „{ $node }“: der Operator { $op } wird nicht unterstützt (survlens liest Gemm, MatMul, Add, Relu, BatchNormalization, Dropout, Identity, Flatten und Constant)
xai-onnx-unsupported = ONNX-Knoten „{ $node }“ ({ $op }): { $reason }
xai-onnx-flatten-axis = ONNX-Knoten „{ $node }“ (Flatten): axis = { $axis } wird nicht unterstützt (nur axis 1 auf Personen × Eingaben)
xai-onnx-constant-attribute = ONNX-Knoten „{ $node }“ (Constant): ein Constant-Knoten mit dem Attribut „{ $attribute }“ wird nicht unterstützt (survlens liest value, value_float und value_floats)
xai-onnx-missing-initializer = ONNX-Knoten „{ $node }“ ({ $op }): die Eingabe „{ $name }“ ist weder ein Initializer noch ein Constant-Knoten
xai-onnx-external-data = ONNX-Tensor „{ $name }“: die Daten liegen in einer externen Datei; speichern Sie das Modell mit den Gewichten in derselben Datei
xai-onnx-tensor-type = ONNX-Tensor „{ $name }“: Datentyp { $data_type }, benötigt wird { $expected_name } ({ $expected })
xai-onnx-negative-dimension = ONNX-Tensor „{ $name }“: negative Dimension in { $dims }
xai-onnx-raw-data-length = ONNX-Tensor „{ $name }“: { $bytes } Byte Rohdaten für { $values } float32-Werte
xai-onnx-float-data-length = ONNX-Tensor „{ $name }“: { $found } Gleitkommawerte für die Dimensionen { $dims }
xai-onnx-non-finite-weight = ONNX-Tensor „{ $name }“: Wert { $index } ist { $value }
xai-onnx-non-positive-variance = ONNX-Tensor „{ $name }“: Varianz { $index } ist { $variance } und zusammen mit epsilon { $epsilon } nicht positiv
xai-onnx-tensor-too-large = ONNX-Tensor „{ $name }“ hat die Dimensionen { $dims }: mehr als { $limit } Werte
xai-onnx-shape-mismatch = ONNX-Knoten „{ $node }“ ({ $op }): der Parameter { $what } hat die Form { $found }, erwartet: { $expected }
xai-onnx-not-a-chain = ONNX-Graph: der Knoten „{ $node }“ ({ $op }) nimmt nicht „{ $previous }“ entgegen, die Ausgabe des Knotens davor: survlens liest Ketten (nn.Sequential), keine verzweigten Graphen
xai-onnx-chain-end = ONNX-Graph: die Kette ab der Eingabe endet bei „{ $end }“, die Ausgabe des Graphen ist aber „{ $output }“
xai-onnx-relu-on-inputs = der ONNX-Graph ist kein Cox-Netz: eine ReLU auf den Eingaben, vor der ersten vollständig verbundenen Schicht
xai-onnx-relu-on-output = der ONNX-Graph ist kein Cox-Netz: eine ReLU nach der letzten vollständig verbundenen Schicht, wo das Log-Risiko linear sein muss
xai-onnx-missing-relu = der ONNX-Graph ist kein Cox-Netz: der Knoten „{ $node }“ folgt ohne ReLU dazwischen auf eine andere vollständig verbundene Schicht
xai-onnx-no-dense-layer = der ONNX-Graph ist kein Cox-Netz: er hat keine vollständig verbundene Schicht
xai-onnx-output-width = der ONNX-Graph ist kein Cox-Netz: die letzte vollständig verbundene Schicht, Knoten „{ $node }“, hat { $width } Ausgaben, das Log-Risiko ist aber eine einzige Zahl
xai-onnx-empty-layer = der ONNX-Graph ist kein Cox-Netz: der Knoten „{ $node }“ ist eine vollständig verbundene Schicht mit { $n_in } Eingaben und { $n_out } Ausgaben, nötig ist aber je mindestens eine
xai-onnx-layer-overflow = der ONNX-Graph ist kein Cox-Netz: Wert { $index } des Parameters { $parameter } von Knoten „{ $node }“ ist nach der Skalierung mit alpha oder beta oder dem Zusammenführen mit einer BatchNormalization zu groß für float32
xai-onnx-layer = der ONNX-Graph ist kein Cox-Netz: Knoten „{ $node }“: { $refusal }

## Warum ein ONNX-Knoten nicht unterstützt wird ($reason von xai-onnx-unsupported)

xai-onnx-reason-no-output = der Knoten hat keine Ausgabe
xai-onnx-reason-trans-a = transA = 1 wird nicht unterstützt
xai-onnx-reason-add-without-layer = eine Konstante wird zu etwas anderem als der Ausgabe einer vollständig verbundenen Schicht addiert
xai-onnx-reason-dropout-training-mode = training_mode = true wird nicht unterstützt (exportieren Sie das Modell im eval-Modus)
xai-onnx-reason-constant-without-value = ein Constant-Knoten ohne Wert
xai-onnx-reason-constant-without-tensor = ein Constant-Knoten, dessen value keinen Tensor enthält
xai-onnx-reason-batch-norm-training-mode = der Trainingsmodus wird nicht unterstützt (exportieren Sie das Modell im eval-Modus)
xai-onnx-reason-batch-norm-without-layer = eine BatchNormalization, die nicht auf eine vollständig verbundene Schicht folgt, lässt sich nicht zusammenführen
xai-onnx-reason-missing-parameters = einige seiner Parameter fehlen

## Die Form, die ein Tensor haben soll ($expected von xai-onnx-shape-mismatch), und ein
## Datentyp ($expected_name von xai-onnx-tensor-type)

xai-onnx-expected-matrix = 2 Dimensionen
xai-onnx-expected-outputs-by-inputs = {"["}Ausgaben, { $inputs }]
xai-onnx-expected-inputs-by-outputs = {"["}{ $inputs }, Ausgaben]
xai-onnx-expected-bias = {"["}{ $len }], [1, { $len }] oder ein einzelner Wert
xai-onnx-expected-vector = {"["}{ $len }]
xai-onnx-another-type = ein anderer Typ

## SynthError

synth-patient-count = die Zahl der Patientinnen und Patienten sollte zwischen { $min } und { $max } liegen, ist aber { $value }
synth-interaction-scale = der Skalierungsfaktor der eingepflanzten Interaktionen muss eine endliche Zahl sein, ist aber { $scale }
synth-truth-json = Wahrheitsdatei, Zeile { $line }, Spalte { $column }: { $description }
synth-truth-format = die Wahrheitsdatei hat das Format „{ $format }“ in Version { $version }, survlens liest aber das Format „{ $read_format }“ in Version { $read_version }
synth-unknown-preset = die Wahrheitsdatei nennt die Kohortenvorlage „{ $preset }“, die survlens nicht neu erzeugen kann (bekannt sind teaching und pan_cancer)
synth-preset-table = die Kohortenvorlage { $preset } ist widersprüchlich: { $problem }

## TableProblem ($problem von synth-preset-table)

synth-table-entity-count = sie hat { $entities } Entitäten, unterstützt werden 1 bis 65.535
synth-table-loading = die quadrierten Faktorladungen von Marker { $marker } summieren sich zu { $loading }, mehr als 0,95
synth-table-unknown-entity = Marker { $marker } hat { $table } für Entität { $entity }, die es nicht gibt
synth-table-entity-rates = Marker { $marker } hat { $found } Raten je Entität, erwartet ist eine pro Entität ({ $expected })
synth-table-later-column = Marker { $marker } (Spalte { $column }) hängt von der späteren Spalte { $depends_on } ab
synth-table-interaction-marker = die Interaktion { $interaction } verweist auf den unbekannten Marker { $marker }
synth-table-unknown-marker = ein Marker verweist auf den unbekannten oder späteren Marker { $marker }

## Eine Tabelle eines Markers je Entität ($table von synth-table-unknown-entity)

synth-table-per-entity-shift = eine Verschiebung
synth-table-per-entity-event-rate = eine Ereignisrate
synth-table-per-entity-off-condition-rate = eine Ereignisrate bei nicht erfüllter Bedingung
synth-table-per-entity-missing-rate = einen Anteil fehlender Werte
