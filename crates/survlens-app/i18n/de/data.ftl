# Die eigenen Texte des Datenbereichs: mitgelieferte Kohorten, eigene Datei, FHIR-Export,
# Modelldatei, die Tabelle der Probleme einer abgelehnten Datei. Schlüssel und Argumente
# müssen denen in en/data.ftl entsprechen; die Tests prüfen beide.

ui-data-unreadable = der Browser konnte die Datei nicht lesen: { $reason }
ui-data-none-yet = noch keine
ui-data-summary = Daten
ui-data-current = Angezeigt: { $cohort }
ui-data-hint = die Kohorte wechseln, eine eigene Datei oder eine Modelldatei öffnen
ui-data-bundled = Mitgelieferte Kohorten
ui-data-cohort = Kohorte
ui-data-patients = Patientinnen und Patienten
ui-data-patients-help = { $own } ist die eigene Kohorte des Standardmodells (ihre zurückgehaltene Hälfte ist markiert). Jede andere Größe zieht neue Patientinnen und Patienten, die das Modell nie gesehen hat: bis zu { $most }, in Abschnitten mit Fortschrittsanzeige erklärt.
ui-data-open-bundled = Diese Kohorte trainieren und erklären
ui-data-file-heading = Ihre eigene Datei
ui-data-file-drop = Legen Sie eine CSV- oder TSV-Datei hier ab oder wählen Sie eine aus:
ui-data-file-help = Eine Zeile je Person mit Kopfzeile; Überlebenszeit, Ereignis (1 = Ereignis, 0 = zensiert), optional Kennung und Tumorentität, dann die Marker. Neue Personen ohne Verlauf (nur Marker) lassen sich mit einer Modelldatei erklären. Die Datei wird in diesem Tab gelesen und nie hochgeladen.
ui-data-reading = { $name } wird gelesen …
ui-data-model-unusable = Die Modelldatei { $file } konnte nicht verwendet werden
ui-data-model-unusable-note = Die angezeigte Kohorte wurde nicht verändert. Wählen Sie eine andere Modelldatei oder im Datenbereich eine andere Kohorte.

ui-problems-help = Korrigieren Sie die Datei in einer Tabellenkalkulation und öffnen Sie sie erneut. Die angezeigte Kohorte wurde nicht verändert.
ui-problems-caption = Probleme in { $file }, in der Reihenfolge der Datei (die Kopfzeile ist Zeile 1; höchstens { $most } aufgeführt)
ui-problems-row = Zeile
ui-problems-column = Spalte
ui-problems-problem = Problem
ui-problems-whole-row = ganze Zeile
ui-problems-whole-file = ganze Datei
ui-problems-more = und { $n } weitere

ui-fhir-heading = FHIR-R4-Export
ui-fhir-drop = Legen Sie FHIR-Dateien hier ab oder wählen Sie eine oder mehrere aus:
ui-fhir-help = Ein Bundle (collection, searchset oder transaction) als JSON, die NDJSON-Dateien eines Bulk-Exports (Patient.ndjson, Observation.ndjson, …) oder NDJSON mit einem Bundle je Person. Personen, Laborwerte, Diagnosen und Medikamente werden über ihre LOINC-, ICD-10- und ATC-Codes den Markern des Modells zugeordnet; der Bericht unten nennt, was zugeordnet wurde. FHIR enthält keine Überlebenszeiten, daher erklärt ein gespeichertes Modell die Personen. Wird in diesem Tab gelesen, nie hochgeladen.
ui-fhir-reading =
    { $n ->
        [one] { $n } Datei wird gelesen …
       *[other] { $n } Dateien werden gelesen …
    }
ui-fhir-close = Diese Dateien schließen
ui-fhir-index-date = Indexdatum
ui-fhir-index-help = Der jüngste Wert jedes Markers an oder vor diesem Tag sowie Diagnosen und Medikamente bis zu diesem Tag; das Alter an diesem Tag. Leer: der jeweils letzte Wert jedes Markers.
ui-fhir-explain = Mit dem Standardmodell lesen und erklären

ui-model-file-heading = Modell
ui-model-file-export = Modell herunterladen (survlens-JSON)
ui-model-file-export-failed = Die Modelldatei konnte nicht gespeichert werden: { $reason }
ui-model-file-drop = Legen Sie eine Modelldatei hier ab oder wählen Sie eine aus:
ui-model-file-help = Eine survlens-Modelldatei (.json, hier oder mit survlens train gespeichert) oder ein aus PyTorch exportiertes ONNX-Netz (.onnx): Die Markerspalten der Kohorte sind dann seine Eingaben, in dieser Reihenfolge. Wird in diesem Tab gelesen, nie hochgeladen.
ui-model-file-unreadable = die Datei konnte nicht gelesen werden
ui-model-file-target = Damit erklären
ui-model-file-target-bundled = {" "}{ $name } (oben gewählt)
ui-model-file-target-csv = {" "}{ $name } (Ihre Datei, wie unten zugeordnet)
ui-model-file-target-fhir = {" "}{ $name } (Ihr FHIR-Export, mit seinem Indexdatum)
ui-model-file-apply = Diese Kohorte mit dem Modell erklären

# Die Zuordnung einer eigenen Datei.
ui-mapping-time = Überlebenszeit
ui-mapping-event = Ereignis (1 = Ereignis, 0 = zensiert)
ui-mapping-id = Kennung
ui-mapping-entity = Tumorentität (bei einer Kohorte zu Krebs)
ui-mapping-kind-numeric = numerisch
ui-mapping-kind-binary = ja/nein (0 oder 1)
ui-mapping-kind-categorical = kategorial
ui-mapping-unit-days = Tage
ui-mapping-unit-weeks = Wochen
ui-mapping-unit-months = Monate
ui-mapping-unit-years = Jahre
ui-mapping-sep-comma = Komma
ui-mapping-sep-semicolon = Semikolon
ui-mapping-sep-tab = Tabulator
ui-mapping-sep-pipe = senkrechten Strich
ui-mapping-none-outcome = keine (Personen ohne Verlauf)
ui-mapping-none = keine
ui-mapping-choose = eine Spalte wählen
ui-mapping-detected = erkannt: { $column }
ui-mapping-refused = nicht erkannt: { $column } wurde nicht übernommen
ui-mapping-not-detected = nicht erkannt
ui-mapping-close = Diese Datei schließen
ui-mapping-preview = { $columns } Spalten, getrennt durch { $separator }. Die ersten { $rows } Zeilen:
ui-mapping-preview-comma = { $columns } Spalten, getrennt durch { $separator }, Dezimalkomma. Die ersten { $rows } Zeilen:
ui-mapping-preview-caption = Erste Zeilen von { $file }
ui-mapping-roles = Welche Spalte was enthält
ui-mapping-unit = Zeiteinheit
ui-mapping-unit-note = die Seite zeigt Zeiten in Tagen und Monaten
ui-mapping-codes = Ebenfalls fehlend
ui-mapping-codes-placeholder = z. B. unbekannt, keine, 99
ui-mapping-codes-help = Immer als fehlend gelesen, in jeder Spalte und unabhängig von Groß- und Kleinschreibung: eine leere Zelle, NA, N/A, #N/A, NaN, NULL, ., ?, missing, SAS/Stata .A bis .Z. Ergänzen Sie hier die eigenen Codes Ihrer Datei, durch Kommas getrennt (Zahlen werden nach ihrem Wert verglichen).
ui-mapping-markers = Marker: { $used } von { $n } Spalten verwendet
ui-mapping-markers-caption = Spalten, aus denen das Modell lernt, mit der Art, als die jede gelesen wird, und der Bezeichnung und Einheit, unter der die Seite sie nennt (mit dem Modell gespeichert)
ui-mapping-col-use = Verwenden
ui-mapping-col-kind = Art
ui-mapping-col-label = Bezeichnung
ui-mapping-col-unit = Einheit
ui-mapping-col-examples = Beispielwerte
ui-mapping-col-missing = Fehlend in den ersten Zeilen
ui-mapping-as-read-kind = wie gelesen: { $kind }
ui-mapping-as-read = wie gelesen
ui-mapping-use-label = { $column } als Marker verwenden
ui-mapping-kind-label = Art von { $column }
ui-mapping-label-label = Bezeichnung von { $column }
ui-mapping-unit-label = Einheit von { $column }
ui-mapping-train = Mit dieser Kohorte trainieren
ui-mapping-train-note = Trainiert das Netz in diesem Tab und erklärt alle Patientinnen und Patienten; die angezeigte Kohorte bleibt, bis das abgeschlossen ist.
ui-mapping-train-no-outcome = Keine Überlebenszeit und kein Ereignis: Diese Datei lässt sich mit einer Modelldatei erklären (Abschnitt „Modell“ oben), aber nicht zum Training verwenden.
ui-mapping-train-fix = Korrigieren Sie zuerst die markierten Felder.

# Der Bericht zu einem FHIR-Export.
ui-fhir-report-more = und { $n } weitere (die ersten { $shown } sind aufgeführt)
ui-fhir-report-dates = Datum der verwendeten Werte
ui-fhir-report-undated = ohne Datum
ui-fhir-place-line = Zeile { $line }
ui-fhir-place-line-entry = Zeile { $line }, { $entry }
ui-fhir-summary =
    { $patients ->
        [one] { $patients } Person
       *[other] { $patients } Personen
    } aus { $resources ->
        [one] { $resources } Ressource
       *[other] { $resources } Ressourcen
    } in { $files ->
        [one] { $files } Datei
       *[other] { $files } Dateien
    }; { $with-entity } mit Tumorentität; { $values }.
ui-fhir-summary-index-date = je Marker der jüngste Wert am oder vor dem { $date }
ui-fhir-summary-latest = je Marker der jüngste Wert (kein Indexdatum)
ui-fhir-summary-refused = Aus dem Export konnte keine Person gelesen werden; nichts wurde importiert, und die angezeigte Kohorte bleibt.
ui-fhir-summary-refused-file = Aus { $file } konnte keine Person gelesen werden; nichts wurde importiert, und die angezeigte Kohorte bleibt.
ui-fhir-summary-refused-files = Aus den { $files } Dateien konnte keine Person gelesen werden; nichts wurde importiert, und die angezeigte Kohorte bleibt.
ui-fhir-report-date-range = { $from } bis { $to }
ui-fhir-not-counted = nicht gezählt: { $reason }
ui-fhir-not-counted-refuted = widerlegt
ui-fhir-not-counted-suspected = Verdacht (V)
ui-fhir-not-counted-excluded = ausgeschlossen (A)
ui-fhir-not-counted-status = Status { $status }
ui-fhir-text-only = nur Text: „{ $text }“
ui-fhir-no-code-no-text = weder Code noch Text
ui-fhir-report-refused = FHIR-Import: Nichts konnte gelesen werden
ui-fhir-report-heading = FHIR-Import: was zugeordnet wurde
ui-fhir-report-files = Dateien: { $files }.
ui-fhir-report-file = { $file } ({ $n } Ressourcen)
ui-fhir-report-measured = Marker mit Werten: { $n } (Personen mit einem Wert)
ui-fhir-report-measured-caption = Den Markern zugeordnete Observations: Personen mit einem Wert und das Datum der verwendeten Werte
ui-fhir-report-measured-count = Personen mit einem Wert
ui-fhir-report-coded = Vorhandene Diagnosen und Medikamente: { $n }
ui-fhir-report-coded-caption = Den Markern zugeordnete Diagnosen (ICD-10) und Medikamente (ATC): Personen, bei denen sie vorliegen
ui-fhir-report-coded-count = Personen damit
ui-fhir-report-without = Marker ohne Wert bei allen Personen: { $n }
ui-fhir-report-missing = Bei allen Personen fehlend: { $markers }.
ui-fhir-report-missing-more = Bei allen Personen fehlend: { $markers } und { $n } weitere.
ui-fhir-report-conversions = Einheitenumrechnungen: { $n }
ui-fhir-report-no-conversion = Jeder Wert lag in der Einheit seines Markers vor.
ui-fhir-report-conversions-label = Einheitenumrechnungen
ui-fhir-report-conversions-caption = In die Einheit des Markers umgerechnete Werte: Wert in der Einheit des Markers = berichteter Wert × Faktor
ui-fhir-report-from = Von
ui-fhir-report-to = Nach
ui-fhir-report-factor = Faktor
ui-fhir-report-molar-mass = Molare Masse (g/mol)
ui-fhir-report-values = Werte
ui-fhir-report-unmapped = Nicht zugeordnet: { $n } Codierungen
ui-fhir-report-all-mapped = Jeder gelesene Code wurde einem Marker zugeordnet.
ui-fhir-report-unmapped-label = Nicht zugeordnete Codes und Texte
ui-fhir-report-unmapped-caption = Codes und Texte, die keinem Marker zugeordnet wurden, die häufigsten zuerst
ui-fhir-report-resource = Ressource
ui-fhir-report-code = Code oder Text
ui-fhir-report-count = Anzahl
ui-fhir-report-first = Für die erste Person verwendete Werte, { $patient }: { $n }
ui-fhir-report-first-label = Für die erste Person verwendete Werte
ui-fhir-report-first-caption = Person { $patient }: jeder verwendete Observation-Wert mit seinem Datum
ui-fhir-report-date = Datum
ui-fhir-report-problems = Probleme: { $n }
ui-fhir-report-no-problems = Keine: Jede gelesene Ressource wurde verwendet oder ist oben aufgeführt.
ui-fhir-report-problems-note = Jedes Problem überspringt nur das, was es nennt.
ui-fhir-report-problems-label = Probleme
ui-fhir-report-problems-caption = Probleme in der Reihenfolge ihres Auftretens, mit Datei, Zeile oder Bundle-Eintrag, Ressource und JSON-Pfad
ui-fhir-report-file-col = Datei
ui-fhir-report-where = Stelle
ui-fhir-report-path = JSON-Pfad
ui-fhir-report-resources = Gelesene Ressourcen: { $n }
ui-fhir-report-resources-label = Ressourcen nach Typ
ui-fhir-report-resources-caption = Ressourcen nach Typ: gelesen, verwendet, nicht verwendet (anderer Typ, ein Code ohne Marker, ein Problem), mit Problemen
ui-fhir-report-type = Typ
ui-fhir-report-read = Gelesen
ui-fhir-report-used = Verwendet
ui-fhir-report-not-used = Nicht verwendet
ui-fhir-report-with-problems = Mit Problemen
ui-fhir-files = { $count ->
    [one] { $count } FHIR-Datei
   *[other] { $count } FHIR-Dateien
    }
ui-model-file-kind-survlens = survlens-Modelldatei (JSON)
ui-model-file-kind-onnx = ONNX-Netz
