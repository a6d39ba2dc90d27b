# Die Meldungen des Zuordnungsschritts, jeweils unter dem Teil des Formulars, den sie betreffen.

# Eine Spalte, die wie die Überlebenszeit oder das Ereignis heißt, deren erste Zeilen sie aber davon ausschließen.
problem-map-count-negative =
    { $n } { $n ->
        [one] negativer Wert
       *[other] negative Werte
    }
problem-map-count-zero =
    { $n } { $n ->
        [one] Wert
       *[other] Werte
    } gleich null
problem-map-count-not-number =
    { $n } { $n ->
        [one] Wert, der keine Zahl ist
       *[other] Werte, die keine Zahl sind
    }
problem-map-count-not-zero-one =
    { $n } { $n ->
        [one] Wert, der nicht 0 oder 1 ist
       *[other] Werte, die nicht 0 oder 1 sind
    }
problem-map-and = { $first } und { $last }
problem-map-cell = Zeile { $row }: { $value }
problem-map-refused-time =
    Die Spalte `{ $column }` wurde nicht als Überlebenszeit übernommen: { $counts } in { $rows ->
        [one] der ersten Zeile
       *[other] den ersten { $rows } Zeilen
    } ({ $cells }). Korrigieren Sie die Werte oder wählen Sie die Zeitspalte selbst.
problem-map-refused-event =
    Die Spalte `{ $column }` wurde nicht als Ereignis (1 = Ereignis, 0 = zensiert) übernommen: { $counts } in { $rows ->
        [one] der ersten Zeile
       *[other] den ersten { $rows } Zeilen
    } ({ $cells }). Korrigieren Sie die Werte, wählen Sie die Ereignisspalte selbst oder kodieren Sie sie in 0 und 1 um.
problem-map-marker-note-time = Nicht als Überlebenszeit übernommen: siehe oben.
problem-map-marker-note-event = Nicht als Ereignis übernommen: siehe oben.

problem-map-no-outcome = Keine Überlebenszeit und kein Ereignis: Für die Patientinnen und Patienten der Datei ist kein Verlauf bekannt. Ein gespeichertes Modell (Abschnitt Modell) kann sie vorhersagen und erklären; zum Trainieren werden beide Spalten benötigt.
problem-map-choose-time = Wählen Sie die Spalte mit der Überlebenszeit (Nachbeobachtungszeit) oder auch keine Ereignisspalte für Patientinnen und Patienten ohne bekannten Verlauf.
problem-map-choose-event = Wählen Sie die Spalte, die angibt, ob das Ereignis eingetreten ist (1) oder zensiert wurde (0), oder auch keine Zeitspalte für Patientinnen und Patienten ohne bekannten Verlauf.
problem-map-no-column =
    Die Datei hat keine Spalte „{ $column }“ für { $role ->
        [survival-time] die Überlebenszeit
        [event] das Ereignis
        [patient-id] die Patienten-ID
       *[entity] die Tumorentität
    }.
problem-map-column-twice =
    „{ $column }“ ist bereits die Spalte für { $first ->
        [survival-time] die Überlebenszeit
        [event] das Ereignis
        [patient-id] die Patienten-ID
       *[entity] die Tumorentität
    }; { $role ->
        [survival-time] die Überlebenszeit
        [event] das Ereignis
        [patient-id] die Patienten-ID
       *[entity] die Tumorentität
    } braucht eine eigene Spalte.
problem-map-not-times = „{ $column }“ enthält in den ersten Zeilen Werte, die keine Überlebenszeiten (Zahlen über null) sind, etwa „{ $value }“; das Training listet jede solche Zelle auf.
problem-map-time-missing = „{ $column }“ ist in { $missing } der ersten { $rows } Zeilen leer; jede Patientin und jeder Patient braucht eine Überlebenszeit.
problem-map-not-events = „{ $column }“ sollte 1 (Ereignis) oder 0 (zensiert) enthalten, enthält in den ersten Zeilen aber „{ $value }“; das Training listet jede solche Zelle auf.
problem-map-duplicate-id = Patienten-IDs müssen eindeutig sein, aber „{ $id }“ kommt in „{ $column }“ zweimal vor.
problem-map-single-entity = „{ $column }“ hat in den ersten { $rows } Zeilen nur einen Wert; eine Entitätsspalte teilt die Patientinnen und Patienten in Tumorarten ein.
problem-map-no-markers = Wählen Sie mindestens eine Markerspalte, aus der das Modell lernen soll.
problem-map-not-binary = Der Marker „{ $column }“ ist als Ja/Nein (0 oder 1) eingestellt, enthält aber „{ $value }“; wählen Sie numerisch oder kategorial.
problem-map-training-needs-outcome = Zum Trainieren werden die Spalten für Überlebenszeit und Ereignis benötigt; eine Datei ohne sie lässt sich mit einem gespeicherten Modell (Abschnitt Modell) erklären.

# Ein hinzugefügter Code für fehlende Werte, der keiner sein kann.
problem-map-code-too-long = Der Code für fehlende Werte „{ $code }“ ist nicht verwendbar: Ein solcher Code hat höchstens 64 Zeichen.
problem-map-code-unprintable = Der Code für fehlende Werte „{ $code }“ ist nicht verwendbar: Ein solcher Code darf kein doppeltes Anführungszeichen, keinen Tabulator und keinen Zeilenumbruch enthalten.
problem-map-code-too-many = Der Code für fehlende Werte „{ $code }“ ist nicht verwendbar: Es können höchstens 64 Codes für fehlende Werte hinzugefügt werden.
problem-map-code-not-finite = Der Code für fehlende Werte „{ $code }“ ist nicht verwendbar: Ein numerischer Code muss eine endliche Zahl sein.
