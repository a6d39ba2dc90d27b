# Die eigenen Texte der Patientenansicht (Komponenten der Seite): Überschriften, Beschriftungen,
# Tabellen, Bildunterschriften, der Kopf des gedruckten Berichts. Schlüssel und Argumente
# müssen denen in en/patient.ftl entsprechen; die Tests prüfen beide.

ui-patient-explaining = Die Vorhersage dieser Person wird erklärt …
ui-patient-none = Keine Person ausgewählt.
ui-patient-cohort-follows = das beobachtete Überleben der Kohorte folgt, sobald alle Patientinnen und Patienten erklärt sind
ui-patient-no-outcomes = diese Datei enthält keine Überlebenszeiten oder Ereignisse, daher sagt hier nichts, wie es ihren Patientinnen und Patienten ergangen ist
ui-patient-no-observed = kein beobachtetes Überleben in dieser Datei
ui-patient-report-head = survlens-Patientenbericht · { $title } · { $explanation } · gedruckt am { $date }
ui-patient-new-heading = Neue Person (eingegeben, nicht Teil der Kohorte)
ui-patient-heading = Patient { $id }
ui-patient-held-out = zurückgehalten
ui-patient-held-out-title = Das Modell wurde nicht mit dieser Person trainiert: Vorhersage und Erklärung gelten außerhalb der Trainingsdaten.
ui-patient-training = in den Trainingsdaten
ui-patient-training-title = Das Modell wurde an den Verlauf dieser Person angepasst: Ihre Vorhersage stammt aus den Trainingsdaten und kann sicherer wirken, als sie es für eine neue Person wäre.
ui-patient-opened-held-out = Zuerst gezeigt: von den { $held-out } Personen, mit denen das Modell nicht trainiert wurde, die mit dem höchsten Risiko. Die Liste ordnet alle { $patients } Personen nach Risiko; jede kann gewählt werden.
ui-patient-opened-first-look = Zuerst gezeigt: die erste Person der Kohorte, für sich erklärt, während die übrigen erzeugt und erklärt wurden. Die Liste ordnet alle { $patients } Personen nach Risiko; jede kann gewählt werden.
ui-patient-opened-highest = Zuerst gezeigt: die Person mit dem höchsten Risiko, die erste Zeile der Liste.
ui-patient-print = Bericht drucken
ui-patient-export = Relevanztabelle (CSV)
ui-patient-export-title = Die Relevanzen aller Patientinnen und Patienten mit der angezeigten Erklärung, eine Zeile je Person, als CSV-Datei
ui-patient-export-failed = Die Tabelle konnte nicht gespeichert werden: { $reason }
ui-patient-whatif-banner = Was-wäre-wenn-Szenario: Die Werte unten beruhen auf geänderten, nicht auf den erfassten Angaben.
ui-patient-whatif-label = Was wäre, wenn
ui-patient-risk-group = Risikogruppe
ui-patient-percentile = Perzentil in der Kohorte
ui-patient-percentile-later = sobald die Kohorte erklärt ist
ui-patient-risk-score = Risikoscore (logarithmierte Hazard Ratio)
ui-patient-limits-heading = Was das Modell über diese Person nicht weiß
ui-patient-limits-none = Nichts auffällig: Jeder Marker ist erfasst, jeder Wert liegt im Bereich der Trainingsdaten, und die Entität hatte genügend Trainingspatientinnen und -patienten.
ui-patient-missing =
    { $n ->
        [one] { $n } Marker fehlt bei dieser Person; das Modell hat dafür einen typischen Wert der Trainingsdaten verwendet.
       *[other] { $n } Marker fehlen bei dieser Person; das Modell hat dafür typische Werte der Trainingsdaten verwendet.
    }
ui-patient-missing-which = Welche Marker
ui-patient-predicted-survival = Vorhergesagtes Überleben
ui-patient-curve-caption-alone = Die vom Modell vorhergesagte Überlebenskurve dieser Person (ihr Risikoscore, angewandt auf das Breslow-Basis-Hazard von { $baseline }). Daneben ist kein beobachtetes Überleben eingezeichnet: { $why }. Die Vorhersage ist eine Punktschätzung: Das Modell gibt kein Intervall dafür an. Graue Linien markieren 12 und 24 Monate sowie 50 % Überleben.
ui-patient-curve-caption = Die vom Modell vorhergesagte Überlebenskurve dieser Person (ihr Risikoscore, angewandt auf das Breslow-Basis-Hazard von { $baseline }), verglichen mit der Kaplan-Meier-Kurve der gesamten Kohorte und ihrem 95-%-Konfidenzband. Die Vorhersage ist eine Punktschätzung: Das Modell gibt kein Intervall dafür an. Graue Linien markieren 12 und 24 Monate sowie 50 % Überleben.
ui-patient-curve-alt-alone = Vorhergesagte Überlebenskurve für Patient { $id }; die Tabelle darunter listet sie auf.
ui-patient-curve-alt = Überlebenskurven: Vorhersage für Patient { $id } im Vergleich zur Kaplan-Meier-Schätzung der Kohorte; die Tabelle darunter listet sie auf.
ui-patient-drivers-heading = Was das Risiko dieser Person bestimmt
ui-patient-waterfall-alt = Wasserfalldiagramm der { $n } größten Beiträge zum Risikoscore von Patient { $id }, von { $start } bis { $end }; die Tabelle darunter listet sie auf.
ui-patient-disclaimer = Die Relevanz sagt, wie das Modell einen Marker für diese Person genutzt hat, nicht, dass der Marker den Verlauf verursacht.
ui-patient-modality-heading = Beiträge nach Modalität
ui-patient-waterfall-mean = die violette Linie ist das mittlere Risiko der Kohorte.
ui-patient-waterfall-mean-later = das mittlere Risiko der Kohorte wird eingezeichnet, sobald alle Patientinnen und Patienten erklärt sind.
ui-patient-waterfall-caption = Jeder Balken ist der Beitrag eines Markers zum Risikoscore nach schichtweiser Relevanzpropagation, von 0 (dem Basis-Hazard) bis zum logarithmierten Risiko dieser Person, der größte zuerst; Zinnoberrot erhöht, Blau senkt das Risiko. Jede Beschriftung nennt den Wert der Person mit Einheit und die Modalität des Markers; { $mean }
ui-patient-waterfall-caption-typical = Jeder Balken ist der Beitrag eines Markers nach DeepLIFT-Rescale, bezogen auf eine typische Person: Die Balken beginnen beim Risikoscore der typischen Person { $typical } (die schwarze Linie „typische Person“) und summieren sich zum Risikoscore dieser Person { $risk }, der größte zuerst; Zinnoberrot erhöht, Blau senkt das Risiko. Jede Beschriftung nennt den Wert der Person und den typischen Wert mit der Modalität des Markers; { $mean }
ui-patient-waterfall-caption-whatif = { $caption } Schwarze Umrisse zeigen die Beiträge mit den erfassten Werten.
ui-patient-no-figures = Die Überlebenskurve der Kohorte konnte nicht geschätzt werden; Überlebenswerte werden nicht angezeigt.
ui-patient-figure-years = Vorhergesagtes { $years }-Jahres-Überleben
ui-patient-figure-cohort = Kohorte { $value } ({ $level }-%-KI { $low }–{ $high })
ui-patient-figure-recorded = erfasste Werte: { $value }
ui-patient-figure-median = Vorhergesagtes medianes Überleben
ui-patient-figure-cohort-median = Kohorte { $value }
ui-patient-figures-note = Vorhergesagt aus dem Risikoscore und dem Breslow-Basis-Hazard von { $baseline }; die Werte der Kohorte sind Kaplan-Meier-Schätzungen über alle Patientinnen und Patienten.
ui-patient-figures-note-alone = Vorhergesagt aus dem Risikoscore und dem Breslow-Basis-Hazard von { $baseline }; { $why }.
ui-patient-figures-beyond = {" "}Das letzte Ereignis unter den Trainingspatientinnen und -patienten lag bei { $months } Monaten: Spätere Werte halten das Hazard konstant und sind Extrapolationen.
ui-patient-curve-table = Überleben nach Zeit seit Studienbeginn
ui-patient-curve-months = Monate
ui-patient-curve-predicted = Person, vorhergesagt
ui-patient-curve-cohort = Kohorte (Kaplan-Meier)
ui-patient-curve-ci = Kohorte { $level }-%-KI
ui-patient-explanation-choice = Angezeigte Erklärung
ui-patient-top = Die { $n } größten Beiträge ({ $rule })
ui-patient-col-marker = Marker
ui-patient-col-modality = Modalität
ui-patient-col-value = Wert
ui-patient-col-range = Referenzbereich
ui-patient-col-relevance = Relevanz
ui-patient-col-change = Änderung
ui-patient-col-effect = Wirkung
ui-patient-col-markers = Marker
ui-patient-col-sum = Summe der Relevanz
ui-patient-col-bar = Balken
ui-patient-col-risk-score = Risikoscore
ui-patient-col-year-survival = { $years }-Jahres-Überleben
ui-patient-col-level = Stufe
ui-patient-col-range-bin = Bereich
ui-patient-col-patients = Patientinnen und Patienten
ui-patient-vary = variieren
ui-patient-vary-title = Das Risiko dieser Person zeigen, während { $marker } variiert
ui-patient-out-of-range = {" "}(außerhalb des Referenzbereichs)
ui-patient-typical-value = ; typisch { $value }
ui-patient-raises = erhöht das Risiko
ui-patient-lowers = senkt das Risiko
ui-patient-others =
    { $n ->
        [one] { $n } weiterer Marker
       *[other] { $n } weitere Marker
    }
ui-patient-typical-row = Risikoscore der typischen Person (Beginn der Balken)
ui-patient-biases = Von den Bias-Termen des Netzes aufgenommen
ui-patient-total = Risikoscore (logarithmiertes Risiko)
ui-patient-modality-caption = Summe der Beiträge der Marker jeder Modalität; die Summen ergeben zusammen die Summe der Marker in der Bilanzzeile.
ui-patient-along-heading = Entlang eines Markers
ui-patient-along-select = Für diese Person variierter Marker
ui-patient-along-computing = Der Marker wird variiert …
ui-patient-along-failed = Das Profil konnte nicht berechnet werden: { $reason }
ui-patient-along-own-missing = Für diese Person ist { $marker } nicht erfasst: Das Modell imputiert den Wert (die Zeile „fehlend“ der Tabelle), daher ist kein Wert markiert.
ui-patient-along-own = Die schwarze Linie und der Punkt markieren den eigenen Wert dieser Person, { $value }, bei dem der Risikoscore dem Endwert des Wasserfalls entspricht ({ $risk }).
ui-patient-along-caption = Risikoscore (oben) und vorhergesagtes 1- und 2-Jahres-Überleben (Mitte) von Patient { $id }, während { $marker } über den in der Kohorte beobachteten Bereich variiert (seine 5-%-Quantile), alle anderen Marker wie erfasst; graue Balken darunter zählen die Patientinnen und Patienten der Kohorte je Wert ({ $missing } fehlend). { $own } Die Kurve zeigt, was das Modell tut, nicht, was mit der Person geschehen würde.
ui-patient-along-caption-levels = Risikoscore (oben) und vorhergesagtes 1- und 2-Jahres-Überleben (Mitte) von Patient { $id }, während { $marker } über den in der Kohorte beobachteten Bereich variiert (jede Stufe), alle anderen Marker wie erfasst; graue Balken darunter zählen die Patientinnen und Patienten der Kohorte je Wert ({ $missing } fehlend). { $own } Die Kurve zeigt, was das Modell tut, nicht, was mit der Person geschehen würde.
ui-patient-along-alt = Liniendiagramm des Risikoscores und des Überlebens von Patient { $id }, während { $marker } variiert; die Tabelle darunter listet sie auf.
ui-patient-along-table = Patient { $id } entlang { $marker }
ui-patient-along-this = {" "}(diese Person)
ui-patient-along-distribution = { $marker } in der Kohorte ({ $missing } fehlend)

# Das Was-wäre-wenn-Formular.
ui-whatif-heading = Was wäre, wenn?
ui-whatif-reset = Zurücksetzen
ui-whatif-reset-typed = Alle Marker auf die eingegebenen Werte zurücksetzen
ui-whatif-reset-recorded = Alle Marker auf die erfassten Werte zurücksetzen
ui-whatif-help-typed = Ändern Sie einen Wert oder eine Behandlung der neuen Person: Risiko, Überleben und Beiträge werden sofort aktualisiert. Die eingegebenen Werte bleiben für „Zurücksetzen“ erhalten.
ui-whatif-help = Ändern Sie einen Wert oder eine Behandlung von Patient { $id }: Risiko, Überleben und Beiträge werden sofort aktualisiert. Die erfassten Daten werden nie verändert.
ui-whatif-unavailable = Was-wäre-wenn ist nicht verfügbar: { $reason }
ui-whatif-fewer = Weniger Marker anzeigen
ui-whatif-all = Alle { $n } Marker anzeigen
ui-whatif-hint-training = Training { $low } bis { $high }
ui-whatif-hint-reference = Referenz { $low } bis { $high }
ui-whatif-missing = fehlend
ui-whatif-treatment = Behandlung
ui-whatif-was-typed = eingegeben: { $value }
ui-whatif-was-recorded = erfasst: { $value }

# Wie stabil die Erklärung ist.
ui-stability-heading = Wie stabil
ui-stability-computing = Die Stabilität dieser Erklärung wird gemessen …
ui-stability-failed = Die Stabilität dieser Erklärung konnte nicht gemessen werden: { $reason }
ui-patient-new-refused = Diese Person konnte nicht erklärt werden: { $reason }

# Das Formular für eine neue Person.
ui-newpatient-open = Neue Person …
ui-newpatient-entry = Geben Sie eine Person ein, die nicht zur Kohorte gehört, oder fügen Sie sie ein; sie wird gegen diese Kohorte erklärt, und nichts wird gespeichert oder gesendet.
ui-newpatient-edit = Die eingegebenen Werte bearbeiten
ui-newpatient-back = Zurück zur Kohorte
ui-newpatient-typed-note = Eingegeben, nicht Teil der Kohorte: Die Person hat keine Kennung, keinen Platz in der Patientenliste und keinen beobachteten Verlauf. Nichts wird gespeichert oder gesendet.
ui-newpatient-listing = Die Marker des Modells werden aufgelistet …
ui-newpatient-filled-header = { $n } Felder aus der eingefügten Zeile und ihrer Kopfzeile ausgefüllt.
ui-newpatient-filled-order = Die { $n } Felder aus der eingefügten Zeile in der Spaltenreihenfolge der Vorlage ausgefüllt.
ui-newpatient-filled-unknown = {" "}Spalten, die das Modell nicht verwendet, wurden ignoriert: { $columns }.
ui-newpatient-filled-absent = {" "}{ $n } Marker, die nicht in der Kopfzeile stehen, bleiben fehlend.
ui-newpatient-heading = Neue Person
ui-newpatient-template = Vorlage herunterladen
ui-newpatient-template-title = Die Kopfzeile mit den Markern des Modells als CSV-Datei, um eine Zeile auszufüllen
ui-newpatient-template-failed = Die Vorlage konnte nicht gespeichert werden: { $reason }
ui-newpatient-help = Geben Sie die Werte der Person ein ({ $n } Marker; lassen Sie ein Feld leer, wenn der Wert fehlt, wie in den Daten der Kohorte) oder fügen Sie eine CSV-Zeile ein. Die Person wird gegen die angezeigte Kohorte erklärt; nichts wird gespeichert oder gesendet.
ui-newpatient-paste = Eine CSV-Zeile einfügen, mit oder ohne Kopfzeile
ui-newpatient-fill = Das Formular aus der Zeile ausfüllen
ui-newpatient-problems =
    { $n ->
        [one] { $n } Wert konnte nicht gelesen werden; er bleibt wie eingegeben:
       *[other] { $n } Werte konnten nicht gelesen werden; sie bleiben wie eingegeben:
    }
ui-newpatient-explain = Erklären
ui-newpatient-clear = Formular leeren
ui-newpatient-not-level = { $value } (keine Stufe)

# Nebeneinander.
ui-compare-heading = Nebeneinander
ui-compare-with = Vergleichen mit Patient{" "}
ui-compare-with-id = Vergleichen mit Patient (Kennung)
ui-compare-stop = Vergleich beenden
ui-compare-models-hide = Das lineare Cox-Modell ausblenden
ui-compare-models-show = Netz neben dem linearen Cox-Modell
ui-compare-computing = Wird verglichen …
ui-compare-failed = Der Vergleich konnte nicht erstellt werden: { $reason }
ui-compare-alt = Balkendiagramm von { $left } und { $right } nebeneinander, { $n } Zeilen; die Tabelle darunter listet sie auf.
ui-compare-csv = Die Tabelle herunterladen (CSV)
ui-compare-table = { $left } und { $right }, Marker für Marker ({ $explanation })
ui-compare-col-value = Wert { $who }
ui-compare-col-contribution = Beitrag { $who }
ui-compare-col-difference = Differenz
ui-compare-sum = Summe der Beiträge
ui-compare-unattributed = Keinem Marker zugeordnet
ui-compare-reference = Referenz: { $left } | { $right }
ui-compare-held-out-c = Harrells C bei den zurückgehaltenen Patientinnen und Patienten

# Im Zeitverlauf.
ui-overtime-heading = Im Zeitverlauf
ui-overtime-hide = Die Erklärung im Zeitverlauf ausblenden
ui-overtime-show = Zeigen, wie jeder Marker das Überleben im Zeitverlauf verschiebt
ui-overtime-computing = Das vorhergesagte Überleben im Zeitverlauf wird erklärt …
ui-overtime-failed = Die Erklärung im Zeitverlauf konnte nicht berechnet werden: { $reason }
ui-overtime-none = Kein Zeithorizont zu erklären.
ui-overtime-caption = { $caption } Patient { $id }: vorhergesagtes { $years }-Jahres-Überleben { $survival } gegenüber { $reference } bei den Referenzpersonen, eine Differenz von { $difference } Prozentpunkten.
ui-overtime-horizon = Zeithorizont
ui-overtime-horizon-label = Zeithorizont der Balken
ui-overtime-one-year = 1 Jahr
ui-overtime-years = { $years } Jahre
ui-overtime-alt = Balken der { $n } Marker, die das vorhergesagte { $years }-Jahres-Überleben von Patient { $id } am stärksten verschieben, in Prozentpunkten, und Kurven der wichtigsten { $curves } im Zeitverlauf; die Tabellen darunter listen sie auf.
ui-overtime-table = Beiträge zum vorhergesagten { $years }-Jahres-Überleben von Patient { $id } (Prozentpunkte)
ui-overtime-col-contribution = Beitrag
ui-overtime-col-reference = Referenzpersonen
ui-overtime-rest = Alle übrigen { $n } Marker
ui-overtime-total = Summe: vorhergesagt { $survival } minus { $reference } bei den Referenzpersonen
ui-overtime-curves-label = Beiträge der wichtigsten Marker im Zeitverlauf
ui-overtime-curves = Beiträge der wichtigsten { $n } Marker im Zeitverlauf (Prozentpunkte)
ui-overtime-disclaimer = Ein Beitrag sagt, wie das vom Modell vorhergesagte Überleben dieser Person von dem Marker abhängt, verglichen mit den Referenzpersonen; er ist nicht die Wirkung einer Änderung des Markers.

# Wessen Basis-Hazard den Überlebenswerten zugrunde liegt.
ui-patient-baseline-onnx = dieser Kohorte (die Netzdatei bringt keines mit)
ui-patient-baseline-file = den eigenen Trainingspatientinnen und -patienten des Modells, in seiner Datei gespeichert
ui-patient-baseline-default = den Trainingspatientinnen und -patienten des Standardmodells
ui-patient-baseline-trained = den Trainingspatientinnen und -patienten

## Das Formular für eine neue Person: die Hinweise des Workers und die Probleme beim Lesen

vm-newpatient-reference-range = Referenzbereich { $low }–{ $high }
vm-newpatient-cohort-range = Kohorte { $low }–{ $high }
vm-newpatient-empty = leer = fehlend
vm-newpatient-column = Spalte { $number } ({ $header })
vm-newpatient-not-a-number = { $place }: „{ $text }“ ist keine Zahl; geben Sie eine Zahl wie 3,5 oder 3.5 ein, oder lassen Sie das Feld leer, wenn der Wert fehlt.
vm-newpatient-not-finite = { $place }: „{ $text }“ ist keine endliche Zahl, die das Modell lesen kann.
vm-newpatient-unknown-level = { $place }: „{ $text }“ ist keine seiner Stufen ({ $levels }); lassen Sie das Feld leer, wenn der Wert fehlt.
vm-newpatient-column-count = Die eingefügte Zeile hat { $found } Spalten; ohne Kopfzeile braucht sie die { $expected } Spalten der Vorlage in deren Reihenfolge (oder fügen Sie die Kopfzeile darüber ein).
vm-newpatient-no-row = Der eingefügte Text enthält keine Patientenzeile.
vm-newpatient-several-rows = Der eingefügte Text enthält { $rows } Patientenzeilen; fügen Sie eine Zeile ein (mit oder ohne Kopfzeile).
vm-newpatient-unreadable = Der eingefügte Text konnte nicht als CSV gelesen werden: { $problem }
vm-newpatient-outside = { $name }: { $value } liegt außerhalb des in der Kohorte beobachteten Bereichs { $low }–{ $high }; der Wert wird verwendet, und das Modell extrapoliert.
