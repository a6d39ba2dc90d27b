# Fehler der Kohortendaten (DataError und ImportReport der Datenbibliothek): eine Datei,
# die sich nicht lesen lässt, eine Spalte oder ein Wert, den die Kohorte nicht aufnehmen
# kann, eine Vorverarbeitung, die nicht passt.

# Die Stelle einer Zelle: $file, $row, $column.
data-cell = { $file }, Zeile { $row }, Spalte „{ $column }“

data-empty-file = { $file }: die Datei ist leer
data-header-only = { $file }: die Datei hat eine Kopfzeile, aber keine Zeilen mit Patientendaten
# $size und $limit sind Megabyte mit einer Nachkommastelle.
data-file-too-large = { $file }: die Datei ist { $size } MB groß und überschreitet damit die Grenze von { $limit } MB; teilen Sie sie auf oder erhöhen Sie die Grenze
data-too-many-columns = { $file }, Zeile 1: die Kopfzeile hat { $found } Spalten und überschreitet damit die Grenze von { $limit }
data-too-many-rows = { $file }: mehr als { $limit } Zeilen mit Patientendaten; teilen Sie die Datei auf oder erhöhen Sie die Grenze
data-too-many-cells = { $file }: { $rows } Patientenzeilen × { $columns } Markerspalten überschreiten die Grenze von { $limit } Markerwerten; wählen Sie weniger Marker oder eine kleinere Datei
# $first und $second sind Spaltenbuchstaben wie in einer Tabellenkalkulation (A, B, …, AA).
data-duplicate-column = { $file }, Zeile 1: der Spaltenname „{ $column }“ kommt zweimal vor (Spalten { $first } und { $second }); benennen Sie eine der beiden Spalten um
# $role: patient-id, survival-time, event, entity oder marker. $available zählt die Namen der Kopfzeile auf.
data-missing-column =
    { $file }: es gibt keine Spalte „{ $column }“ für { $role ->
        [patient-id] die Patienten-ID
        [survival-time] die Überlebenszeit
        [event] das Ereignis
        [entity] die Tumorentität
       *[marker] den Marker
    }; die Kopfzeile enthält: { $available }
data-role-conflict =
    die Spalte „{ $column }“ kann nicht zugleich { $first ->
        [patient-id] die Patienten-ID
        [survival-time] die Überlebenszeit
        [event] das Ereignis
        [entity] die Tumorentität
       *[marker] ein Marker
    } und { $second ->
        [patient-id] die Patienten-ID
        [survival-time] die Überlebenszeit
        [event] das Ereignis
        [entity] die Tumorentität
       *[marker] ein Marker
    } sein
# $hint: separator (nur ein Feld), quotes (mehr Felder als die Kopfzeile) oder none.
data-ragged-row =
    { $file }, Zeile { $row }: erwartet: { $expected } Felder wie in der Kopfzeile, gefunden: { $found }{ $hint ->
        [separator] ; ist die Datei durch ein anderes Zeichen getrennt?
        [quotes] ; eine Textzelle, die das Trennzeichen enthält, muss in doppelte Anführungszeichen gesetzt werden
       *[none] {""}
    }
# $at ist die Stelle einer Zelle (data-cell).
data-non-utf8 = { $at }: der Text ist kein gültiges UTF-8, gefunden: „{ $text }“; speichern Sie die Datei als UTF-8 (in Excel: „CSV UTF-8“)
# $shown: yes, wenn die Zelle einen Code für fehlende Werte enthält ($text), no, wenn sie leer ist.
data-missing-value =
    { $at }: { $role ->
        [patient-id] die Patienten-ID
        [survival-time] die Überlebenszeit
        [event] das Ereignis
        [entity] die Tumorentität
       *[marker] der Marker
    } fehlt{ $shown ->
        [yes] {" "}(gefunden: „{ $text }“)
       *[no] {""}
    }
# $expected: positive-time, number oder zero-or-one. $hint: thousands, decimal-comma, bound,
# missing-code, categories oder none.
data-not-number =
    { $at }: erwartet: { $expected ->
        [positive-time] eine Überlebenszeit (eine Zahl größer als null)
        [number] eine Zahl
       *[zero-or-one] 0 oder 1
    }, gefunden: „{ $text }“{ $hint ->
        [thousands] ; Tausendertrennzeichen werden nicht unterstützt, schreiben Sie die Zahl ohne sie
        [decimal-comma] ; das Dezimaltrennzeichen scheint ein Komma zu sein, während der Rest der Datei einen Punkt verwendet
        [bound] ; eine Grenze wie „<5“ ist kein Wert: Geben Sie eine Zahl ein oder lassen Sie die Zelle leer
        [missing-code] ; lassen Sie fehlende Werte leer oder schreiben Sie NA (oder nehmen Sie diesen Code in die Codes für fehlende Werte auf)
        [categories] ; falls diese Spalte Kategorien enthält, kennzeichnen Sie sie als kategorial
       *[none] {""}
    }
data-non-positive-time = { $at }: erwartet: eine Überlebenszeit (eine Zahl größer als null), gefunden: „{ $text }“
data-non-finite = { $at }: „{ $text }“ ist keine endliche Zahl; lassen Sie fehlende Werte leer oder schreiben Sie NA
data-number-too-large = { $at }: die Zahl „{ $text }“ ist zu groß (höchstens etwa 3,4e38 wird unterstützt)
# $hint: coded-as-two, wenn die Zelle 2 enthält, sonst none.
data-bad-event =
    { $at }: erwartet: 1 (Ereignis beobachtet) oder 0 (zensiert), gefunden: „{ $text }“{ $hint ->
        [coded-as-two] ; falls die Datei Ereignisse als 1 = zensiert, 2 = verstorben kodiert (wie es das R-Paket survival tun kann), kodieren Sie sie in 0 und 1 um
       *[none] {""}
    }
data-duplicate-id = { $at }: die Patienten-ID „{ $id }“ kommt bereits in Zeile { $first_row } vor
data-no-events = { $file }: bei keiner der { $patients } Personen wurde ein Ereignis beobachtet (alle sind zensiert); ein Überlebenszeitmodell braucht Ereignisse
data-too-many-levels = { $file }, Spalte „{ $column }“: mehr als { $limit } verschiedene Textwerte (Zeile { $row } enthält „{ $text }“); handelt es sich um Freitext, lassen Sie die Spalte bei den Markern weg; handelt es sich um eine Kategorie, erhöhen Sie die Höchstzahl der Stufen
# $description ist die eigene Beschreibung des CSV-Lesers, in seinen (englischen) Worten.
data-malformed = { $file }, Zeile { $row }: die Datei konnte nicht als CSV gelesen werden: { $description }
data-unclosed-quote = { $file }, Zeile { $row }: die Datei konnte nicht als CSV gelesen werden: die Zelle in Anführungszeichen in Spalte „{ $column }“ wird nie geschlossen, daher wurde jede folgende Zeile in diese eine Zelle gelesen; ergänzen Sie das schließende doppelte Anführungszeichen
data-length-mismatch = die Spalte „{ $column }“ hat { $found } Werte, erwartet: { $expected } (einer je Person)
# $index ist ein 0-basierter Patientenindex; $reason ist eine der Regeln unten (data-reason-...).
data-invalid-value = Spalte „{ $column }“, Patientenindex { $index }: { $reason }, gefunden: „{ $value }“
data-duplicate-marker = der Markername „{ $name }“ wird zweimal verwendet
data-row-out-of-bounds = der Patientenindex { $index } liegt außerhalb der Kohorte mit { $len } Personen
data-repeated-row = der Patientenindex { $index } kommt in der Teilmenge zweimal vor
data-empty-training-set = die Trainingsmenge ist leer: die Vorverarbeitung braucht mindestens eine Person
data-marker-not-found = die Kohorte hat keinen Marker „{ $marker }“, mit dem das Modell trainiert wurde
# $expected und $found: numeric, binary oder categorical.
data-kind-mismatch =
    der Marker „{ $marker }“ war beim Training des Modells { $expected ->
        [numeric] numerisch
        [binary] binär
       *[categorical] kategorial
    }, ist hier aber { $found ->
        [numeric] numerisch
        [binary] binär
       *[categorical] kategorial
    }; legen Sie seine Art beim Import der Datei fest
data-entity-missing = das Modell verwendet die Tumorentität als Eingabe, aber diese Kohorte hat keine Entitätsspalte
data-unseen-level = Patienten-ID „{ $id }“: der Marker „{ $marker }“ hat den Wert „{ $level }“, der in den Trainingsdaten nie vorkam
# $reason ist einer der Sätze data-code-refusal-...
data-invalid-missing-code = der Code für fehlende Werte „{ $code }“ ist nicht verwendbar: { $reason }
data-code-refusal-too-long = ein Code für fehlende Werte hat höchstens 64 Zeichen
data-code-refusal-unprintable = ein Code für fehlende Werte darf kein doppeltes Anführungszeichen, keinen Tabulator und keinen Zeilenumbruch enthalten
data-code-refusal-too-many = es können höchstens 64 Codes für fehlende Werte hinzugefügt werden
data-code-refusal-not-finite = ein numerischer Code für fehlende Werte muss eine endliche Zahl sein
data-role-not-chosen =
    { $file }: für { $role ->
        [patient-id] die Patienten-ID
        [survival-time] die Überlebenszeit
        [event] das Ereignis
        [entity] die Tumorentität
       *[marker] den Marker
    } wurde keine Spalte gewählt
data-half-outcome =
    { $file }: die Datei hat die Spalte „{ $present_column }“ für { $present ->
        [patient-id] die Patienten-ID
        [survival-time] die Überlebenszeit
        [event] das Ereignis
        [entity] die Tumorentität
       *[marker] den Marker
    }, aber keine Spalte „{ $column }“ für { $role ->
        [patient-id] die Patienten-ID
        [survival-time] die Überlebenszeit
        [event] das Ereignis
        [entity] die Tumorentität
       *[marker] den Marker
    }; geben Sie beide an (Zeit und Ereignis), damit ein Verlauf vorliegt, oder keine, um Vorhersagen für Personen ohne Verlauf zu erstellen
# $needed nennt, was den Verlauf braucht, auf Englisch (a C-index).
data-no-outcome = die Kohorte hat weder Überlebenszeiten noch Ereignisse: { $needed } setzt einen Verlauf voraus
data-invalid-settings = ungültige Einstellungen: { $reason }
data-invalid-encoder = die gespeicherte Vorverarbeitung ist widersprüchlich: { $reason } (Marker „{ $marker }“)
# $description ist die eigene Beschreibung des CSV-Schreibers, in seinen (englischen) Worten.
data-write = die Kohorte konnte nicht als CSV gespeichert werden: { $description }

# Die Regeln, die ein Wert, eine Einstellung oder eine gespeicherte Vorverarbeitung verletzen kann ($reason oben).
data-reason-level-text = eine Stufe muss ein nicht leerer Text ohne Leerzeichen am Anfang oder Ende und kein Code für fehlende Werte sein
data-reason-level-names-unique = die Namen der Stufen müssen eindeutig sein
data-reason-too-many-levels = zu viele Stufen
data-reason-code-index = ein Code muss auf eine Stufe verweisen
data-reason-values-finite = die Werte müssen endlich sein
data-reason-binary-values = binäre Werte müssen 0 oder 1 sein
data-reason-id-text = eine Patienten-ID muss ein nicht leerer Text ohne Leerzeichen am Anfang oder Ende und kein Code für fehlende Werte sein
data-reason-ids-unique = Patienten-IDs müssen eindeutig sein
data-reason-times-positive = Zeiten müssen endlich und > 0 sein
data-reason-outside-training-range = der Wert liegt so weit außerhalb des Wertebereichs der Trainingsdaten, dass das Modell ihn nicht verwenden kann
data-reason-statistics = die Kennwerte müssen endlich sein, mit Skalierung >= 0 und Minimum <= Maximum
data-reason-log-transform = eine Log-Transformation braucht eine endliche Verschiebung >= 0 und eine Untergrenze > 0
data-reason-binary-impute = ein binärer Marker wird mit 0 oder 1 imputiert
data-reason-imputed-level = die imputierte Stufe ist keine Stufe des Markers
data-reason-reference-level = die Referenzstufe ist keine Stufe des Markers
data-reason-levels-unique = die Stufen müssen eindeutig sein
data-reason-feature-list = die Merkmalsliste passt nicht zu den Kodierungen der Marker
data-reason-mirror-scaling = die Spiegelung (1 - x) setzt eine Min-Max-Skalierung auf [0, 1] voraus
data-reason-separator = das Feldtrennzeichen muss ein ASCII-Zeichen sein, das weder ein Anführungszeichen noch ein Zeilenumbruch ist

# Alle Probleme einer Datei: $total Probleme, dann eine Zeile je Problem ($problems), die
# letzte nennt die $omitted nicht aufgeführten. Eine Zeile beginnt mit einem Zeilenumbruch (\u000A).
data-import-report = { $file }: { $total } Probleme gefunden{ $problems }
data-import-report-problem = {"\u000A"}- { $problem }
data-import-report-omitted = {"\u000A"}- … und { $omitted } weitere
data-import-report-lines = { $first }{ $second }
