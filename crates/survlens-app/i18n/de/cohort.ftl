# Die Kohortenansicht: die Wörter, die der Worker erstellt (vm-cohort-), und die, die die
# Komponenten der Seite selbst schreiben (ui-cohort-). Zahlen kommen bereits in der Sprache
# der Seite geschrieben an.

## Was das Ereignis einer Kohorte ist (core::cohort_kind::Endpoint)

vm-cohort-events-death = Todesfälle
vm-cohort-events-other = Ereignisse
vm-cohort-events-heading-death = Todesfälle
vm-cohort-events-heading-other = Ereignisse
vm-cohort-survival-death = Gesamtüberleben
vm-cohort-survival-relapse = rezidivfreies Überleben
vm-cohort-survival-event = Überleben
vm-cohort-describe-death = Tod (Gesamtüberleben)
vm-cohort-describe-relapse = Rezidiv oder Tod, je nachdem, was zuerst eintritt (rezidivfreies Überleben)
vm-cohort-describe-event = wie in der Ereignisspalte der Datei erfasst
vm-cohort-group-cancer-entity = Tumorentität
vm-cohort-groups-cancer-entity = Tumorentitäten
vm-cohort-group-none = Gruppe
vm-cohort-groups-none = Gruppen

## Die Auswahlen, Sätze und Zeilen des Workers

vm-cohort-grouping-tertiles = Terzile
vm-cohort-grouping-quartiles = Quartile
vm-cohort-population-held-out = zurückgehaltene Patientinnen und Patienten
vm-cohort-population-all = alle Patientinnen und Patienten
vm-cohort-score-uicc = UICC-Stadium
vm-cohort-score-ecog = ECOG-Leistungsstatus
vm-cohort-score-charlson = Charlson-Komorbiditätsindex
vm-cohort-held-out-all = Für alle { $patients } Patientinnen und Patienten ({ $events } { $word }): Keine von ihnen wurde zum Anpassen des Netzes verwendet, das anderswo trainiert und auf diese Kohorte angewendet wurde. Die Patientenansicht nennt denselben C-Index, { $c }.
vm-cohort-held-out-fold = Für die { $patients } zurückgehaltenen Patientinnen und Patienten ({ $events } { $word }): die Validierungs- und die Testhälfte des zurückgehaltenen Folds, nie zum Anpassen der Gewichte des Netzes verwendet (die Validierungshälfte bestimmte das Ende des Trainings). Auf der Testhälfte allein beträgt der C-Index des Modells { $c }, der Wert, den die Patientenansicht nennt.
vm-cohort-sampling-note = Intervalle von Zeilen mit mehr als { $cap } Patientinnen und Patienten: Bootstrap von { $cap } von ihnen (jede k-te Person), auf die Größe der Zeile umskaliert (m-aus-n-Bootstrap).

## Die Seite: die Kohorte auf einen Blick

ui-cohort-heading = Kohortenübersicht
ui-cohort-summarising = Die Kohorte wird zusammengefasst …
ui-cohort-failed = Dieser Teil der Übersicht ließ sich nicht berechnen: { $reason }.
ui-cohort-months = { $months } Monate
ui-cohort-not-reached = nicht erreicht
ui-cohort-patients = Patientinnen und Patienten
ui-cohort-events-rate = { $events } (Ereignisrate)
ui-cohort-event = Ereignis
ui-cohort-median-follow-up = Mediane Nachbeobachtung
ui-cohort-median-survival = Medianes { $survival }
ui-cohort-summary-method = Nachbeobachtung nach der umgekehrten Kaplan-Meier-Methode (Zensierung als Ereignis gezählt); Überleben nach Kaplan-Meier. Ein Monat hat 30,44 Tage.
ui-cohort-entity-caption = Patientinnen und Patienten sowie { $events } je { $group }
ui-cohort-entity-caption-no-outcomes = Patientinnen und Patienten je { $group }
ui-cohort-event-rate = Ereignisrate
ui-cohort-missing-caption = Fehlende Werte nach Modalität: Anteil der Zellen der Modalität (Patientinnen und Patienten × Marker)
ui-cohort-modality = Modalität
ui-cohort-markers = Marker
ui-cohort-missing = Fehlend
ui-cohort-bar = Balken
ui-cohort-no-outcomes-heading = Ereignisse, Nachbeobachtung, Überleben
ui-cohort-no-outcomes-value = nicht in dieser Datei (keine Überlebenszeiten oder Ereignisse)

## Überleben nach Risikogruppe

ui-cohort-km-heading = Überleben nach Risikogruppe des Modells
ui-cohort-grouping = Risikogruppen
ui-cohort-grouping-aria = Risikogruppen: Terzile oder Quartile der Risikoscores der Trainingsdaten
ui-cohort-population = Patientinnen und Patienten
ui-cohort-population-aria = In den Kurven gezeigte Patientinnen und Patienten
ui-cohort-estimating = Die Überlebenskurven werden geschätzt …
ui-cohort-counting = Die Patientinnen und Patienten je Risikogruppe werden gezählt …
ui-cohort-counts-caption = Patientinnen und Patienten je Risikogruppe des Modells (Grenzwerte { $lo } und { $hi }, logarithmiertes Hazard Ratio, aus den eigenen Trainingsdaten des Modells)
ui-cohort-group = Gruppe
ui-cohort-km-caption = Kaplan-Meier-Kurven ({ $survival }) von { $patients } { $population } in { $groups } Risikogruppen, mit 95-%-Konfidenzbändern (Greenwood, log-log) und Strichen, wo Patientinnen und Patienten zensiert wurden. Zahlen unter Risiko unter der Zeitachse.
ui-cohort-km-population-held-out = zurückgehaltenen Patientinnen und Patienten
ui-cohort-km-population-all = Patientinnen und Patienten (einschließlich der Trainingsdaten)
ui-cohort-km-alt = Kaplan-Meier-Kurven von { $groups } Risikogruppen; die Tabellen darunter nennen ihre Patientenzahlen, Mediane, das Überleben zu festen Zeitpunkten und die Zahlen unter Risiko.
ui-cohort-range-below = ≤ { $hi }
ui-cohort-range-between = { $lo } bis { $hi }
ui-cohort-range-above = > { $lo }
ui-cohort-range-all = alle
ui-cohort-cut-offs-stored-tertiles = Die Grenzwerte sind die Terzile der Risikoscores (logarithmiertes Hazard Ratio) der eigenen Trainingsdaten des Modells, die mit dem Modell kamen: { $cut_offs }. Für alle Patientinnen und Patienten gelten dieselben Grenzwerte. Gruppen dienen nur der Übersicht: Der Risikoscore selbst ist stetig.
ui-cohort-cut-offs-stored = Die Grenzwerte sind die { $grouping } der Risikoscores aller { $patients } Patientinnen und Patienten (logarithmiertes Hazard Ratio; das Modell kam ohne seine Trainingsdaten): { $cut_offs }. Gruppen dienen nur der Übersicht: Der Risikoscore selbst ist stetig.
ui-cohort-cut-offs-trained = Die Grenzwerte sind die { $grouping } der Risikoscores der { $patients } Trainingspatientinnen und -patienten (logarithmiertes Hazard Ratio): { $cut_offs }. Für alle Patientinnen und Patienten gelten dieselben Grenzwerte. Gruppen dienen nur der Übersicht: Der Risikoscore selbst ist stetig.
ui-cohort-all-optimistic = „Alle Patientinnen und Patienten“ schließt die Trainingsdaten ein, deren Trennung zu optimistisch ist: Das Modell wurde an sie angepasst.
ui-cohort-at-risk-caption = Zahlen unter Risiko und Kaplan-Meier-Überleben (95-%-KI) zu jedem Zeitpunkt
ui-cohort-month-short = { $months } Mon.
ui-cohort-at-risk-row = { $group }: unter Risiko
ui-cohort-survival-row = { $group }: Überleben
ui-cohort-groups-caption = Risikogruppen: Patientenzahlen, { $events } und Überleben (Kaplan-Meier, 95-%-KI)
ui-cohort-score-range = Bereich des Risikoscores
ui-cohort-median-survival-head = Medianes Überleben
ui-cohort-landmark-survival = { $months }-Monats-Überleben
ui-cohort-logrank = Log-Rank-Test auf gleiches Überleben in den { $groups } Gruppen: χ² = { $chi } bei { $df } Freiheitsgraden, p { $p }.
ui-cohort-logrank-none = Log-Rank-Test: braucht Patientinnen und Patienten in mindestens zwei Gruppen.

## Harrells C

ui-cohort-c-heading = Wie gut das Modell Patientinnen und Patienten ordnet: Harrells C-Index
ui-cohort-c-computing = Die C-Indizes und ihre Bootstrap-Intervalle werden berechnet …
ui-cohort-c-method = Harrells C: der Anteil vergleichbarer Patientenpaare, die der Score richtig ordnet (gleiche Scores zählen zur Hälfte; 0,5 ist Zufall). 95-%-Perzentil-Bootstrap-Intervalle aus { $replicates } Ziehungen der Patientinnen und Patienten (Seed { $seed }); Modell und Score werden gemeinsam gezogen, sodass ihre Differenz ein eigenes Intervall hat.
ui-cohort-c-caption = C-Index des Modells, insgesamt und je { $group }
ui-cohort-c-index-ci = C-Index (95-%-KI)
ui-cohort-score-caption = Das Modell im Vergleich mit den konventionellen Scores, an denselben Patientinnen und Patienten (der Vergleich der Studie)
ui-cohort-score = Score
ui-cohort-score-c = Score-C (95-%-KI)
ui-cohort-model-c = Modell-C (95-%-KI)
ui-cohort-model-minus-score = Modell − Score (95-%-KI)
ui-cohort-score-missing = { $patients } ({ $missing } fehlend)
ui-cohort-no-scores = Diese Kohorte erfasst weder das UICC-Stadium noch den ECOG-Leistungsstatus noch den Charlson-Komorbiditätsindex.
ui-cohort-rule = Zeilen je Gruppe nur, wo mindestens 10 zurückgehaltene Patientinnen und Patienten mit mehr als 5 { $events } vorliegen, wie in der Studie.
ui-cohort-not-shown = Nicht gezeigt: { $rows }.
ui-cohort-excluded = { $name } ({ $patients } Patientinnen und Patienten, { $events } { $word })
vm-cohort-not-computable = nicht berechenbar
vm-cohort-logrank-measured = Wie oft dieser Test irreführt, gemessen: An { $null } synthetischen Kohorten mit je { $patients } Patientinnen und Patienten, deren Verläufe vertauscht wurden, sodass kein Unterschied besteht, zeigte er in { $false } Fällen einen an (p < { $level }; { $share } %, bei zufällig erwarteten { $expected } %); an denselben Kohorten mit ihren eingepflanzten Effekten zeigte er in { $true } von { $planted } Fällen einen an ({ $command }, { $date }).

## Die Kaplan-Meier-Grafik

ui-cohort-km-no-patients = In keiner Gruppe gibt es Patientinnen oder Patienten.
ui-cohort-km-y = Gesamtüberleben
ui-cohort-km-x = Monate seit Therapiebeginn
ui-cohort-km-legend = { $group } (n = { $n })
ui-cohort-km-at-risk = Zahl unter Risiko

## Eine Kohorte ohne Verlaufsdaten

vm-outcome-note = Diese Datei enthält keine Überlebenszeiten oder Ereignisse (Patientinnen und Patienten, deren Verlauf noch offen ist), daher kann { $needs } nicht gezeigt werden: Das Modell sagt für diese Personen vorher und erklärt sie, aber nichts hier sagt, wie es ihnen erging.
vm-outcome-needs-survival = das Überleben nach Risikogruppe
vm-outcome-needs-c-index = der C-Index des Modells
