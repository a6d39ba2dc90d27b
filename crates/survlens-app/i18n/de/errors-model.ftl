# Fehler der Modellbibliothek: Training und Statistik (ModelError), externe Validierung
# (ExternalError) und survlens-Modelldateien (BundleError).
# $context, $what, $setting, $valid, $needs, $counted, $reason (von model-not-converged)
# und $stage sind feste Wendungen (model-phrase-*); $index und $patient lauten "none", wenn
# sie fehlen; $reason, $source, $refusal, $shape und $step sind Sätze anderer Fehler.
# Zahlen stehen so, dass Singular und Plural passen (z. B. „Anzahl der Werte … ist 3 statt 4“).

## ModelError

model-length = { $context }: Anzahl der Werte ({ $what }) ist { $found } statt { $expected }
model-row-out-of-range = { $context }: Zeile { $row } angefordert, die Zahl der Patienten ist aber { $rows }
model-shape = { $context }: { $shape }
model-non-finite = { $context }: { $what }{ $index ->
        [none] {""}
       *[other] {" "}{ $index }
    }{ $patient ->
        [none] {""}
       *[other] {" von Patient "}{ $patient }
    } ist { $value }
model-invalid-setting = { $context }: { $setting } muss { $valid } sein, ist { $value }
model-invalid-value = { $context }: { $what } von Patient { $patient } muss { $valid } sein, ist { $value }
model-insufficient-data = { $context }: benötigt { $needs } ({ $counted }: { $has })
model-censoring-exhausted = { $context }: die Überlebensfunktion der Zensierung ist zum Zeitpunkt { $time } null (Patient { $patient }); wählen Sie einen früheren Trunkierungszeitpunkt
model-beyond-follow-up = { $context }: der Zeitpunkt { $time } liegt nach der letzten Zeit der Trainingsdaten ({ $last }), wo die Zensierungsverteilung nicht definiert ist
model-outside-follow-up = { $context }: der Zeitpunkt { $time } liegt außerhalb der Nachbeobachtung der Testdaten (von { $first } bis vor { $last })
model-constant-covariate = { $context }: Kovariate { $covariate } hat bei allen Patienten denselben Wert ({ $value })
model-singular = { $context }: die Informationsmatrix ist singulär (partielle Log-Likelihood { $log_likelihood }); sind einige Kovariaten kollinear?
model-not-converged = { $context }: keine Konvergenz (Iterationen: { $iterations }, partielle Log-Likelihood { $log_likelihood }): { $reason }
model-not-nested = Likelihood-Quotienten-Test: { $reason }
model-chi-square = { $context }: keine Chi-Quadrat-Verteilung mit { $df } Freiheitsgraden
model-not-finished = { $context }: das Training ist noch nicht abgeschlossen
model-cancelled = { $context }: das Training wurde abgebrochen
model-in = { $step }: { $source }

## Der Schritt, in dem ein Problem auftrat

model-step-fold = Fold { $fold }, { $stage }
model-step-candidate = Auto-Rezept, Kandidat { $index }
model-step-epoch = das Training divergierte in Epoche { $epoch } (Stufe { $stage })

## Formen, die nicht zusammenpassen ($needed lautet "none", wenn die Zahl nicht speicherbar ist)

model-shape-empty-layer = eine vollständig verbundene Schicht braucht mindestens eine Eingabe und eine Ausgabe, hat { $inputs } -> { $outputs }
model-shape-weights = die Zahl der Gewichte einer Schicht { $inputs } -> { $outputs } ist { $found }{ $needed ->
        [none] , nötig wären mehr, als sich speichern lassen
       *[other] {" "}statt { $needed }
    }
model-shape-no-inputs = das Netz braucht mindestens eine Eingabe
model-shape-zero-width = die verborgene Schicht { $layer } hat die Breite 0
model-shape-no-layers = ein Netz braucht mindestens eine Schicht
model-shape-output = die letzte Schicht muss genau eine Ausgabe haben (das Log-Risiko), hat { $outputs }
model-shape-chain = die Ausgaben von Schicht { $layer } ({ $outputs }) passen nicht zu den Eingaben von Schicht { $next } ({ $inputs })
model-shape-inputs = die Zahl der Eingaben des Netzes ({ $network }) passt nicht zur Zahl der Merkmale der Daten ({ $data })
model-shape-differ = die Netze unterscheiden sich in ihrer Struktur
model-shape-not-awaited = es gehört zu keinem Anteil des laufenden Trainingsschritts
model-shape-unknown-member = Einstellung { $setting } von { $settings } auf Fold { $fold } von { $folds } gehört nicht zu den Netzen des Rezepts
model-shape-network-not-awaited = kein anderer Worker hat dieses Netz trainiert
model-shape-missing = es gibt kein Netz
model-shape-no-covariates = es gibt keine Kovariate
model-shape-blend = ein additiver Teil (Eingaben: { $additive_inputs }, Schichten: { $additive_layers }) lässt sich nicht mit einem Netz (Eingaben: { $network_inputs }, Schichten: { $network_layers }) verschmelzen

## Anpassungen eines Likelihood-Quotienten-Tests, die nicht geschachtelt sind

model-nesting-patients = die Zahl der Patienten ist im vollen Modell { $full }, im reduzierten { $reduced }; geschachtelte Modelle werden an dieselben Daten angepasst
model-nesting-events = die Zahl der Ereignisse ist im vollen Modell { $full }, im reduzierten { $reduced }; geschachtelte Modelle werden an dieselben Daten angepasst
model-nesting-strata = die Zahl der Strata ist im vollen Modell { $full }, im reduzierten { $reduced }; geschachtelte Modelle werden an dieselben Daten angepasst
model-nesting-offset = { $offset ->
        [full] das volle Modell hat einen Offset, das reduzierte keinen
       *[reduced] das reduzierte Modell hat einen Offset, das volle keinen
    }; geschachtelte Modelle werden an dieselben Daten angepasst
model-nesting-settings = die Anpassungen unterscheiden sich in der Behandlung von Bindungen oder in der Penalisierung; geschachtelte Modelle stimmen darin überein
model-nesting-covariates = die Zahl der Kovariaten ist im reduzierten Modell { $reduced }, im vollen { $full }; das reduzierte Modell muss weniger haben

## Feste Wendungen: Berechnungen, Größen, Einstellungen, gültige Bereiche, was eine
## Berechnung benötigt (Akkusativ), was gezählt wird, Gründe, Schritte, Dateien

# Berechnungen ($context)
model-phrase-antolini-c = C-Index nach Antolini
model-phrase-breslow-baseline = Breslow-Baseline-Hazard
model-phrase-brier-score = Brier-Score
model-phrase-cox-log-risk = Cox-Log-Risiko
model-phrase-cox-loss = Cox-Verlust
model-phrase-cox-partial-likelihood = partielle Cox-Likelihood
model-phrase-cox-regression = Cox-Regression
model-phrase-cox-regression-at-estimate = Cox-Regression, am Schätzwert
model-phrase-harrell-c = C-Index nach Harrell
model-phrase-harrell-c-of-resample = C-Index nach Harrell auf einer Bootstrap-Stichprobe
model-phrase-kaplan-meier = Kaplan-Meier-Schätzung
model-phrase-uno-c = C-Index nach Uno
model-phrase-kaplan-meier-of-cohort = Kaplan-Meier-Schätzung der Kohorte
model-phrase-architecture = Architektur
model-phrase-automatic-recipe = Auto-Rezept
model-phrase-automatic-recipe-baseline = Auto-Rezept, Basismodell
model-phrase-automatic-recipe-member = Netz des Auto-Rezepts
model-phrase-averaging-networks = Mitteln der Netze
model-phrase-backward-pass = Rückwärtsdurchlauf
model-phrase-baseline = Baseline-Hazard
model-phrase-baseline-cox-model = Basis-Cox-Modell
model-phrase-baseline-out-of-fold = Basis-Cox-Modell außerhalb der Folds
model-phrase-blend = Verschmelzen der Netze
model-phrase-bootstrap = Bootstrap
model-phrase-bootstrap-concordance = Bootstrap-Konkordanz
model-phrase-calibration = Kalibrierung
model-phrase-censoring-distribution = Zensierungsverteilung
model-phrase-concordance = Konkordanz
model-phrase-copying-parameters = Kopieren der Parameter
model-phrase-cross-fitted-network = kreuzangepasstes Netz
model-phrase-cross-validated-model = kreuzvalidiertes Modell
model-phrase-cross-validation = Kreuzvalidierung
model-phrase-cross-validation-halves = Kreuzvalidierung mit Test- und Validierungshälften
model-phrase-dense-layer = vollständig verbundene Schicht
model-phrase-dropout = Dropout
model-phrase-event-table = Ereignistabelle
model-phrase-forward-pass = Vorwärtsdurchlauf
model-phrase-gradient-sum = Summe der Gradienten
model-phrase-held-out-split = Hold-out-Aufteilung
model-phrase-integrated-brier-score = integrierter Brier-Score
model-phrase-inverse-censoring-weights = inverse Zensierungsgewichte
model-phrase-likelihood-ratio-test = Likelihood-Quotienten-Test
model-phrase-linear-cox-decomposition = Zerlegung des linearen Cox-Modells
model-phrase-log-rank-test = Log-Rank-Test
model-phrase-method-comparison = Methodenvergleich
model-phrase-model-comparison = Modellvergleich
model-phrase-network = Netz
model-phrase-normal-quantile = Quantil der Normalverteilung
model-phrase-reading-the-cohort = Einlesen der Kohorte
model-phrase-resample = Bootstrap-Stichprobe
model-phrase-risk-groups = Risikogruppen
model-phrase-survival-curves = Überlebenskurven
model-phrase-survival-data = Überlebensdaten
model-phrase-the-cox-partial-likelihood = partielle Cox-Likelihood
model-phrase-time-dependent-auc = zeitabhängige AUC
model-phrase-training = Training
model-phrase-training-buffers = Trainingspuffer
model-phrase-training-setting = Trainingseinstellung
model-phrase-training-share = Anteil eines Trainingsschritts
model-phrase-training-share-backward-pass = Rückwärtsdurchlauf eines Anteils eines Trainingsschritts
model-phrase-training-share-result = Ergebnis eines Anteils eines Trainingsschritts

# Größen ($what)
model-phrase-bias = Bias
model-phrase-covariate = Kovariate
model-phrase-cumulative-hazard = kumulativer Hazard
model-phrase-cut-off = Grenzwert
model-phrase-event-indicator = Ereignisindikator
model-phrase-fold-index = Fold-Index
model-phrase-fold-model = Fold-Modell
model-phrase-follow-up-time = Nachbeobachtungszeit
model-phrase-gradient = Gradient
model-phrase-group-label = Gruppenbezeichnung
model-phrase-hidden = verborgene Schicht
model-phrase-input = Eingabe
model-phrase-input-matrix = Eingabematrix
model-phrase-log-risk = Log-Risiko
model-phrase-log-risk-gradient = Gradient des Log-Risikos
model-phrase-log-risks = Log-Risiken
model-phrase-offset = Offset
model-phrase-out-of-fold-log-risk = Out-of-Fold-Log-Risiko
model-phrase-predicted-survival = vorhergesagtes Überleben
model-phrase-predicted-survival-at-grid-time = vorhergesagtes Überleben zum Gitterzeitpunkt
model-phrase-risk = Risikowert
model-phrase-stratum = Stratum
model-phrase-stratum-code = Stratum-Code
model-phrase-survival-time = Überlebenszeit
model-phrase-time = Zeit
model-phrase-time-point = Zeitpunkt
model-phrase-truncation-time = Trunkierungszeitpunkt
model-phrase-validation-feature = Merkmal der Validierungsdaten
model-phrase-weight = Gewicht

# Einstellungen ($setting)
model-phrase-a-cumulative-hazard = ein Wert des kumulativen Hazards
model-phrase-a-fold-index = ein Fold-Index
model-phrase-a-quantile = ein Quantil
model-phrase-a-time-point = ein Zeitpunkt
model-phrase-the-calibration-slope = die Kalibrierungssteigung
model-phrase-the-confidence-level = das Konfidenzniveau
model-phrase-the-cut-off-after-smaller = ein Grenzwert
model-phrase-the-days-per-time-unit = die Zahl der Tage je Zeiteinheit
model-phrase-the-level = das Konfidenzniveau
model-phrase-the-number-of-folds = die Zahl der Folds
model-phrase-the-number-of-groups = die Zahl der Gruppen
model-phrase-the-number-of-patients = die Zahl der Patienten
model-phrase-the-number-of-replicates = die Zahl der Bootstrap-Ziehungen
model-phrase-the-penalizer = der Penalisierungsparameter
model-phrase-the-probability = die Wahrscheinlichkeit
model-phrase-the-test-fraction = der Testanteil
model-phrase-the-time-scale = der Faktor der Zeitskala
model-phrase-the-tolerance = die Toleranz
model-phrase-the-weight = das Mischungsgewicht
model-phrase-the-width-of-every-hidden-layer = die Breite jeder verborgenen Schicht

# Gültige Bereiche, ergänzen „muss … sein“ ($valid)
model-phrase-zero-or-one = 0 oder 1
model-phrase-a-positive-number = eine positive Zahl
model-phrase-at-least-0 = mindestens 0
model-phrase-at-least-1 = mindestens 1
model-phrase-at-least-1-epoch = mindestens 1 Epoche
model-phrase-at-least-2 = mindestens 2
model-phrase-at-least-2-cox-loss = mindestens 2 (ein Cox-Verlust vergleicht Patienten)
model-phrase-at-least-the-one-before = mindestens so groß wie der vorherige
model-phrase-at-most-u32 = höchstens 4.294.967.295
model-phrase-at-most-max-steps = höchstens max_steps
model-phrase-below-1 = kleiner als 1
model-phrase-below-the-number-of-folds = kleiner als die Zahl der Folds
model-phrase-between-0-and-1 = zwischen 0 und 1
model-phrase-between-1-and-folds = zwischen 1 und der Zahl der Folds
model-phrase-finite-and-at-least-0 = endlich und mindestens 0
model-phrase-finite-and-positive = endlich und positiv
model-phrase-greater-than-the-one-before = größer als der vorherige
model-phrase-in-open-0-1 = im Intervall (0, 1)
model-phrase-in-open-closed-0-1 = im Intervall (0, 1]
model-phrase-in-closed-open-0-1 = im Intervall [0, 1)
model-phrase-in-closed-0-1 = im Intervall [0, 1]
model-phrase-positive = positiv

# Was eine Berechnung benötigt, im Akkusativ ($needs)
model-phrase-a-comparable-pair = ein vergleichbares Patientenpaar
model-phrase-a-comparable-pair-weighted = ein vergleichbares Patientenpaar (mit positivem Gewicht)
model-phrase-a-death-by-evaluation-time = einen Todesfall bis zum Auswertungszeitpunkt
model-phrase-a-death-in-each-fold = einen Todesfall in jedem seiner Folds
model-phrase-a-penalty-for-every-fold = eine Penalisierung, die sich auf jedem Fold anpassen lässt
model-phrase-a-resample-with-statistic = eine Bootstrap-Stichprobe, auf der die Statistik definiert ist
model-phrase-a-test-and-validation-patient-per-fold = einen Test- und einen Validierungspatienten in jedem Fold
model-phrase-a-training-and-test-patient = einen Trainings- und einen Testpatienten
model-phrase-an-event-and-a-patient-beyond = zu jedem Auswertungszeitpunkt ein Ereignis bis dahin und einen Patienten, der darüber hinaus nachbeobachtet wurde
model-phrase-at-least-one-candidate = mindestens eine Kandidateneinstellung
model-phrase-at-least-one-death = mindestens einen Todesfall
model-phrase-at-least-one-death-per-fit = mindestens einen Todesfall unter den Patienten einer Anpassung
model-phrase-at-least-one-event = mindestens ein Ereignis
model-phrase-at-least-one-feature = mindestens ein Merkmal
model-phrase-at-least-one-patient = mindestens einen Patienten
model-phrase-at-least-one-time-point = mindestens einen Zeitpunkt
model-phrase-at-least-two-groups = mindestens zwei Gruppen
model-phrase-at-least-two-patients = mindestens zwei Patienten
model-phrase-at-least-two-time-points = mindestens zwei Zeitpunkte
model-phrase-survival-times-and-events = Überlebenszeiten und Ereignisse
model-phrase-the-risks-of-training-patients = die Risikowerte von Trainingspatienten
model-phrase-two-patients-per-fold = zwei Patienten je Fold, einen Test- und einen Validierungspatienten

# Was gezählt wird, im Plural ($counted)
model-phrase-candidates = Kandidaten
model-phrase-comparable-pairs = vergleichbare Paare
model-phrase-deaths = Todesfälle
model-phrase-events = Ereignisse
model-phrase-features = Merkmale
model-phrase-folds-with-a-death = Folds mit Todesfall
model-phrase-groups = Gruppen
model-phrase-held-out-patients-in-fold = zurückgehaltene Patienten in diesem Fold
model-phrase-patients = Patienten
model-phrase-patients-with-an-outcome = Patienten mit Überlebensangaben
model-phrase-risks = Risikowerte
model-phrase-such-penalties = solche Penalisierungen
model-phrase-such-resamples = solche Bootstrap-Stichproben
model-phrase-such-times = solche Zeitpunkte
model-phrase-time-points = Zeitpunkte

# Warum eine Anpassung nicht konvergierte ($reason)
model-phrase-halvings-did-not-raise = 30 Halbierungen des Schritts haben die Likelihood nicht erhöht
model-phrase-iterations-ran-out = die Newton-Raphson-Iterationen waren aufgebraucht, während die Likelihood noch wuchs; vollständige Separation oder eine Kovariate ohne Variation unter den Ereignissen?
model-phrase-information-vanished = die Informationsmatrix verschwindet, ein Koeffizient divergiert also; vollständige oder quasi-vollständige Separation?

# Der Abschnitt eines Folds ($stage)
model-phrase-held-out-patients = zurückgehaltene Patienten
model-phrase-training-set = Trainingsdaten
model-phrase-validation-half = Validierungshälfte

# Dateien und ihre Felder
model-phrase-encoding-file = Kodierungsdatei
model-phrase-training-record = Trainingsprotokoll
model-phrase-missing = nicht vorhanden
model-phrase-missing-not-an-object = nicht vorhanden (die Datei ist kein JSON-Objekt)

## ExternalError

model-external-json = { $what }: in Zeile { $line }, Spalte { $column }: { $description }
model-external-not-an-encoding-file = keine survlens-Kodierungsdatei: „format“ ist { $found }, erwartet wird „{ $expected }“
model-external-unsupported-version = die Version der Kodierungsdatei wird nicht unterstützt („version“ ist { $found }); unterstützt wird Version { $supported }
model-external-split-row = Hold-out-Aufteilung: Zeile { $row } im { $role } liegt außerhalb der Kohorte (Patienten: { $patients })
model-external-split-twice = Hold-out-Aufteilung: Zeile { $row } ist sowohl dem { $first } als auch dem { $second } zugeordnet
model-external-split-empty = Hold-out-Aufteilung: keine Patienten im { $role }
model-external-cohort-size = die Kohorte ist nicht die, aus der die Kodierung erstellt wurde: sie hat { $patients } Patienten (Ereignisse: { $events }), die Kodierung wurde aus { $encoded_patients } Patienten (Ereignisse: { $encoded_events }) erstellt
model-external-cohort-fingerprint = die Kohorte ist nicht die, aus der die Kodierung erstellt wurde: gleiche Größe, aber IDs, Zeiten, Ereignisse, Markerwerte oder die Reihenfolge der Zeilen unterscheiden sich (Fingerabdruck { $found }, der der Kodierung { $expected })
model-external-input-count = die Zahl der Eingaben des Netzes ({ $network }) passt nicht zur Zahl der Merkmale aus der Kodierung ({ $encoding })
model-external-feature-count = die Zahl der Netzeingaben im Trainingsprotokoll ({ $record }) passt nicht zur Zahl der Merkmale aus der Kodierung ({ $encoding })
model-external-feature-mismatch = die Netzeingabe { $position } wurde mit „{ $record }“ trainiert, das Merkmal { $position } der Kodierung ist aber „{ $encoding }“
model-external-split-mismatch = das Trainingsprotokoll zählt { $record } Patienten im { $part }, die Aufteilung der Kodierung aber { $encoding }
model-external-hidden-widths = die verborgenen Schichten des Netzes haben die Breiten { $widths }; ein survlens-Modell beschreibt verborgene Schichten einer einzigen Breite
model-external-setting = Trainingsprotokoll: { $reason }
model-external-data = { $reason }
model-external-model = { $reason }
model-external-bundle = { $reason }
model-external-part-train = Trainingsteil
model-external-part-validation = Validierungsteil
model-external-part-test = Testteil

## BundleError ($architecture_hidden und $layer_hidden lauten "none" ohne verborgene
## Schichten; $what ist "marker" oder "feature"; $repeated ist "true" oder "false")

model-bundle-truncated = Modelldatei: das JSON endet vorzeitig in Zeile { $line }, Spalte { $column }; die Datei ist unvollständig
model-bundle-malformed = Modelldatei: ungültiges JSON in Zeile { $line }, Spalte { $column }: { $description }
model-bundle-not-a-model-file = keine survlens-Modelldatei: „format“ ist { $found }, erwartet wird „{ $expected }“
model-bundle-unsupported-version = die Version der Modelldatei wird nicht unterstützt („version“ ist { $found }); unterstützt wird Version { $supported }
model-bundle-schema = Modelldatei: in Zeile { $line }, Spalte { $column }: { $description }
model-bundle-not-an-object = Modelldatei: das Dokument endet nicht mit „{"}"}“, daher lässt sich kein Eintrag anfügen
model-bundle-layer-shape = Modelldatei: Netzschicht { $layer }: { $refusal }
model-bundle-invalid-architecture = Modelldatei: die Architektur ist ungültig: { $reason }
model-bundle-architecture-mismatch = Modelldatei: die Architektur passt nicht zu den Schichten: Architektur (Eingaben: { $architecture_inputs }, { $architecture_hidden ->
        [none] keine verborgenen Schichten
       *[other] Breiten der verborgenen Schichten: { $architecture_hidden }
    }), Schichten (Eingaben: { $layer_inputs }, { $layer_hidden ->
        [none] keine verborgenen Schichten
       *[other] Breiten der verborgenen Schichten: { $layer_hidden }
    })
model-bundle-input-width = Modelldatei: die Zahl der Eingaben aus der Vorverarbeitung ({ $encoder_features }) passt nicht zur Zahl der Eingaben des Netzes ({ $network_inputs })
model-bundle-non-finite-weight = Modelldatei: Netzschicht { $layer }, { $parameter } { $index } ist { $value }, keine endliche Zahl
model-bundle-names-count = Modelldatei: die { $what ->
        [marker] Markernamen
        [feature] Merkmalsnamen
       *[other] Namen ({ $what })
    } passen nicht zur Vorverarbeitung: { $listed } aufgeführt, { $expected } in der Vorverarbeitung
model-bundle-names-mismatch = Modelldatei: die { $what ->
        [marker] Markernamen
        [feature] Merkmalsnamen
       *[other] Namen ({ $what })
    } passen nicht zur Vorverarbeitung: an Position { $position } steht „{ $listed }“, in der Vorverarbeitung „{ $expected }“
model-bundle-invalid-encoder = Modelldatei: Vorverarbeitung: { $reason }
model-bundle-invalid-baseline = Modelldatei: Baseline-Hazard: { $reason }
model-bundle-invalid-risk-groups = Modelldatei: Risikogruppen: { $reason }
model-bundle-risk-group-labels = Modelldatei: Risikogruppen: die Zahl der Bezeichnungen ({ $labels }) passt nicht zur Zahl der Gruppen ({ $groups }) aus den Grenzwerten ({ $cut_offs })
model-bundle-repeated-label = Modelldatei: Risikogruppen: die Bezeichnung „{ $label }“ wird zweimal verwendet
model-bundle-invalid-training = Modelldatei: Trainingseinstellung: { $reason }
model-bundle-marker-label = Modelldatei: die Bezeichnung „{ $label }“ ist für den Marker „{ $marker }“ bestimmt, { $repeated ->
        [true] der bereits eine Bezeichnung hat
       *[false] den das Modell nicht verwendet
    }
model-bundle-data = { $reason }
model-bundle-model = { $reason }
