# Die Modellansicht: Kennzahlen auf den zurückgehaltenen Testpersonen mit Bootstrap-
# Intervallen, Kalibrierung, Trainingskurve, die Basis-Cox-Modelle neben dem Netz und der
# Vergleich der Erklärungsmethoden. Schlüssel vm-model-* baut der Worker, ui-model-* die
# Seite. $endpoint ist "death" (Todesfälle werden gezählt) oder "other" (Ereignisse).

vm-model-split-outside = Das Modell wurde außerhalb dieser Kohorte angepasst: Jede Kennzahl unten ist auf allen { $n } Personen berechnet ({ $events } { $endpoint ->
        [death] Todesfälle
       *[other] Ereignisse
    }), von denen keine im Training verwendet wurde.
vm-model-split = Das Modell wurde an { $train } Personen entwickelt ({ $train-events } { $endpoint ->
        [death] Todesfälle
       *[other] Ereignisse
    }): seine Gewichte, der Abbruchzeitpunkt des Trainings und die Kalibrierung seiner Überlebenskurven; jede Kennzahl unten ist auf den { $held-out } zurückgehaltenen Testpersonen berechnet ({ $held-out-events } { $endpoint ->
        [death] Todesfälle
       *[other] Ereignisse
    }), die an keinem dieser Schritte beteiligt waren.
vm-model-estimate = { $value } (95-%-KI { $lower }–{ $upper })
vm-model-not-available = nicht verfügbar
vm-model-calibration-merged = Zehntel mit weniger als { $min } { $endpoint ->
        [death] Todesfällen
       *[other] Ereignissen
    } bis dahin werden mit einem Nachbarn zusammengelegt: { $groups } Gruppen.
vm-model-calibration-slope = Kalibrierungssteigung { $slope } (95-%-KI { $lower }–{ $upper }; 1 ist ideal, unter 1 streuen die Risiken zu stark).
vm-model-calibration-disagree = Vorhersagen und Beobachtungen weichen stärker als zufällig voneinander ab
vm-model-calibration-agree = keine Abweichung über den Zufall hinaus
vm-model-calibration-test = D'Agostino-Nam-Test: Chi-Quadrat { $chi } bei { $df } Freiheitsgraden, p = { $p } ({ $verdict }). Beobachtete / erwartete { $endpoint ->
        [death] Todesfälle
       *[other] Ereignisse
    } bis zu { $months } Monaten: { $ratio } (95-%-KI { $lower }–{ $upper }; über 1 ist das Modell zu optimistisch).
vm-model-calibration-inside = Die Vorhersage liegt in { $inside } von { $groups } Gruppen innerhalb des beobachteten Intervalls.
vm-model-baseline-warning = Das Netz ist auf diesen zurückgehaltenen Testpersonen nicht besser als ein penalisiertes Cox-Modell mit Spline-Termen (C-Index nach Harrell { $network } gegenüber { $spline }). Lesen Sie seine Erklärungen als die eines Modells, das nicht besser ist als das einfachere.
vm-model-censoring-training = Zensierungsgewichte aus der Nachbeobachtung der Trainingspersonen
vm-model-censoring-held-out = Zensierungsgewichte aus der eigenen Nachbeobachtung der zurückgehaltenen Testpersonen (das Modell kam ohne seine Trainingspersonen)
vm-model-method-lrp-gamma = LRP (Gamma der Studie)
vm-model-method-lrp-epsilon = LRP Epsilon
vm-model-method-gradient = Gradient × Eingabe
vm-model-method-integrated = Integrierte Gradienten
vm-model-method-shapley = Shapley (Stichprobe)
vm-model-against-biases = der Risikoscore abzüglich dessen, was die Bias-Terme aufnehmen
vm-model-against-offset = der Risikoscore abzüglich des lokalen Offsets des Netzes
vm-model-against-median = die Differenz zum Risikoscore der Medianperson
vm-model-shapley-left-out = Shapley-Werte entfallen: Schon 4 Permutationen der { $inputs } Eingaben dieses Netzes würden etwa { $cost } Multiplikationen und Additionen erfordern.

ui-model-heading = Das Modell: wie es trainiert wurde, wie gut es vorhersagt
ui-model-computing = Kennzahlen auf den zurückgehaltenen Testpersonen und ihre Bootstrap-Intervalle werden berechnet …
ui-model-computed-in = Berechnet in { $ms } ms.
ui-model-fewer-resamples = Intervall aus { $k } Bootstrap-Stichproben, damit die Seite bei so vielen Personen reaktionsfähig bleibt.
ui-model-unavailable = Hier nicht verfügbar: { $reason }.
ui-model-metrics-caption = Diskriminierung und Genauigkeit auf den { $held-out } zurückgehaltenen Testpersonen, mit 95-%-Perzentil-Bootstrap-Intervallen (bis zu { $replicates } Bootstrap-Stichproben der Testpersonen).
ui-model-metrics-sample = Intervalle aus Stichproben von { $sample } der { $held-out } Testpersonen (jede k-te), auf alle hochgerechnet (m-aus-n-Bootstrap); Antolinis C nur auf diesen { $antolini }.
ui-model-col-figure = Kennzahl
ui-model-col-estimate = Schätzwert (95-%-KI)
ui-model-col-measures = Was sie misst
ui-model-harrell = C-Index nach Harrell
ui-model-harrell-what = Der Anteil vergleichbarer Personenpaare, deren Risikoscores in der Reihenfolge ihrer { $endpoint ->
        [death] Todesfälle
       *[other] Ereignisse
    } liegen; 0,5 ist Zufall, 1 perfekt.
ui-model-uno = C-Index nach Uno
ui-model-uno-what = Harrells Paare, gewichtet mit der inversen Wahrscheinlichkeit, noch nachbeobachtet zu werden ({ $censoring }), wobei { $endpoint ->
        [death] Todesfälle
       *[other] Ereignisse
    } vor τ = { $tau } Monaten zählen, dem 80. Perzentil der Nachbeobachtung der Testpersonen: weniger abhängig von der Zensierung dieser Kohorte.
ui-model-antolini = Zeitabhängiger C-Index nach Antolini
ui-model-antolini-what = Paare geordnet nach den vorhergesagten Überlebenskurven zu jedem { $endpoint ->
        [death] Todeszeitpunkt
       *[other] Ereigniszeitpunkt
    } (Kurven an { $points } Nachbeobachtungszeiten abgelesen); bei einem Modell mit proportionalen Hazards nahe am C-Index nach Harrell.
ui-model-ibs = Integrierter Brier-Score
ui-model-ibs-what = Mittlerer quadratischer Fehler der vorhergesagten Überlebenswahrscheinlichkeiten von { $from } bis { $to } Monaten (10. bis 90. Perzentil der Nachbeobachtung der Testpersonen, { $times } Zeitpunkte), gewichtet nach Kaplan-Meier ({ $censoring }); niedriger ist besser, 0,25 entspricht einer Vorhersage von 50 % für alle.
ui-model-auc = Zeitabhängige AUC bei { $months } Monaten
ui-model-auc-what = { $endpoint ->
        [death] Kumulative/dynamische AUC: wie gut das vorhergesagte Sterberisiko bis zu { $months } Monaten die bis dahin Verstorbenen von den danach noch Lebenden trennt.
       *[other] Kumulative/dynamische AUC: wie gut das vorhergesagte Ereignisrisiko bis zu { $months } Monaten Personen mit einem Ereignis bis dahin von den danach noch ereignisfreien trennt.
    }
ui-model-breslow = Die Überlebenskurven stammen aus einem Breslow-Baseline-Hazard: S(t | Person) = exp(−H₀(t) · exp(Risikoscore)). Jede Ansicht nennt den obigen C-Index, auf denselben zurückgehaltenen Testpersonen.
ui-model-breslow-recalibrated = Die Überlebenskurven stammen aus einem Breslow-Baseline-Hazard, rekalibriert auf Personen, an denen das Netz nicht trainiert wurde, mit Kalibrierungssteigung b = { $slope }: S(t | Person) = exp(−H₀(t) · exp(b · Risikoscore)). Jede Ansicht nennt den obigen C-Index, auf denselben zurückgehaltenen Testpersonen.

ui-model-training-heading = Trainingskurve
ui-model-training-none = Dieses Modell kam ohne Trainingsverlauf (es wurde geladen, nicht hier trainiert).
ui-model-training-caption-best = Cox-Verlust je Epoche auf den Trainingspersonen (orange, mit Dropout) und den Validierungspersonen (blau) sowie der C-Index der Validierung (grün). Die gestrichelte Linie markiert Epoche { $epoch }, den niedrigsten Validierungsverlust ({ $loss }, C-Index { $cindex }): die Gewichte, die das Modell behielt.
ui-model-training-caption = Cox-Verlust je Epoche auf den Trainings- und Validierungspersonen sowie der C-Index der Validierung.
ui-model-training-alt = Liniendiagramm des Trainings- und Validierungsverlusts und des C-Index der Validierung über { $epochs } Epochen.
ui-model-col-epoch = Epoche
ui-model-col-training-loss = Trainingsverlust
ui-model-col-validation-loss = Validierungsverlust
ui-model-col-validation-c = C der Validierung (Harrell)
ui-model-best = (beste)

ui-model-calibration-heading = Kalibrierung bei { $months } Monaten
ui-model-calibration-none = Keine zurückgehaltenen Testpersonen zum Kalibrieren.
ui-model-calibration-failed = Die Kalibrierung ist für diese Kohorte nicht verfügbar: { $reason }.
ui-model-calibration-caption = Vorhergesagtes { $months }-Monats-Überleben gegenüber der Kaplan-Meier-Schätzung in jedem Zehntel der Testpersonen nach Risikoscore (1 = niedrigstes Risiko), mit 95-%-Intervallen; Punkte auf der gestrichelten Diagonale sind perfekt kalibriert.
ui-model-calibration-alt = Kalibrierungsdiagramm des vorhergesagten gegenüber dem beobachteten { $months }-Monats-Überleben in { $groups } Risikogruppen.
ui-model-col-risk-group = Risikogruppe
ui-model-col-patients = Personen
ui-model-col-predicted = Vorhergesagt
ui-model-col-observed = Beobachtet (95-%-KI)

ui-model-recipe-heading = Wie das Netz gewählt wurde (das Auto-Rezept)
ui-model-recipe-text = Einstellungen verglichen nach ihrem Validierungsverlust über { $folds } Teilmengen der Trainingspersonen; das Modell mittelt die { $members } Netze der gewählten Einstellung{ $blend }. Das Überleben wird auf den Out-of-Fold-Risikoscores rekalibriert (Steigung { $slope }).
ui-model-recipe-blend = und mischt sie mit einem penalisierten Modell ({ $model }; Gewicht { $weight } auf diesem, Penalisierung { $penalty })
ui-model-recipe-linear = penalisiertes Modell: { $model } (Penalisierung { $penalty })
ui-model-col-setting = Einstellung
ui-model-col-validation-c-short = C der Validierung
ui-model-col-folds = Teilmengen
ui-model-chosen = (gewählt)
ui-model-setting-linear = linear (keine verborgene Schicht)
ui-model-setting-hidden = { $layers ->
        [one] 1 verborgene Schicht mit { $units } Einheiten
       *[other] { $layers } verborgene Schichten mit { $units } Einheiten
    }
ui-model-setting-and = und
ui-model-setting-dropout = Dropout { $input }/{ $hidden }
ui-model-setting-rates = Lernrate { $rate }, Weight Decay { $decay }
ui-model-kind-linear = lineares Cox-Modell
ui-model-kind-spline = Spline-Cox-Modell
ui-model-kind-hinge = Hinge-Cox-Modell
ui-model-kind-piecewise = stückweise lineares Cox-Modell
ui-model-baselines-heading = Im Vergleich mit den Modellen, die Statistiker:innen zuerst anpassen
ui-model-baselines-none = Hier kein Vergleichsmodell: Das Modell kam ohne seine Trainingspersonen, daher ließ sich nichts Einfacheres auf denselben Personen anpassen.
ui-model-baselines-caption = C-Index nach Harrell auf denselben zurückgehaltenen Testpersonen, jedes Modell auf den Trainingspersonen des Netzes angepasst, mit 95-%-Perzentil-Bootstrap-Intervallen; die Differenz verwendet für beide Modelle dieselben Bootstrap-Stichproben.
ui-model-baselines-sample = Die Intervalle stammen aus denselben { $sample } der { $held-out } Testpersonen wie die Kennzahlen oben, auf alle hochgerechnet.
ui-model-col-model = Modell
ui-model-col-harrell = C nach Harrell (95-%-KI)
ui-model-col-difference = Netz minus Modell (95-%-KI)
ui-model-baselines-network = Das Netz (auf dieser Seite erklärt)
ui-model-baselines-row = { $model } (Ridge-Penalisierung { $penalty }, gewählt durch 5-fache Kreuzvalidierung)

ui-model-methods-heading = Erklärungsmethoden
ui-model-methods-computing = Die Person wird mit fünf Methoden erklärt …
ui-model-methods-failed = Die Methoden konnten diese Person nicht erklären: { $reason }.
ui-model-methods-patient = Erklärungsmethoden für Person { $id }
ui-model-previous-patient = Vorherige Person
ui-model-next-patient = Nächste Person
ui-model-shapley-drawn = Shapley-Werte aus { $permutations } zufälligen Permutationen ({ $batches } unabhängige Durchgänge; Fehlerbalken: 95-%-Intervalle aus der Streuung der Durchgänge).
ui-model-methods-text = Fünf Wege, den Risikoscore { $risk } auf die Marker aufzuteilen. Integrierte Gradienten und Shapley-Werte werden gegen die Medianperson der Kohorte gemessen (Risikoscore { $reference }); LRP und Gradient × Eingabe gegen Eingaben von null, den Trainingsmittelwert.
ui-model-methods-caption = Die { $markers } Marker mit der größten mittleren |Relevanz| über die Methoden, ein Balken je Methode.
ui-model-methods-alt = Gruppiertes Balkendiagramm der Relevanz von { $markers } Markern unter { $methods } Erklärungsmethoden für Person { $id }.
ui-model-col-marker = Marker
ui-model-faithful-heading = Welche Methode ist für diese Person am treuesten?
ui-model-faithful-caption = Deletions-Treue: der Risikoscore minus das mittlere Risiko, während die Eingaben durch die der Medianperson ersetzt werden, die relevantesten zuerst; höher ist besser. Am treuesten hier: { $best }.
ui-model-col-rank = Rang
ui-model-col-method = Methode
ui-model-col-faithfulness = Treue
ui-model-col-sum = Summe der Marker
ui-model-col-against = Gemessen gegen
ui-model-deletion-caption = Deletionskurven: der Risikoscore, während die am stärksten risikoerhöhenden Eingaben jeder Methode zuerst ersetzt werden. Das Ersetzen durch die Medianperson begünstigt die gegen sie gemessenen Methoden; vergleichen Sie daher LRP mit Gradient × Eingabe und integrierte Gradienten mit Shapley-Werten.
ui-model-deletion-alt = Liniendiagramm von { $curves } Deletionskurven für Person { $id }.
ui-model-col-replaced = Ersetzte Eingaben
ui-model-disclaimer = Die Methoden weichen voneinander ab, weil sie unterschiedliche Fragen beantworten: Relevanz gegenüber dem Trainingsmittelwert (LRP, Gradient × Eingabe) oder gegenüber einer typischen Person (integrierte Gradienten, Shapley-Werte). Keine sagt, dass ein Marker das Ergebnis verursacht.

# Die Diagramme der Modellansicht.
ui-model-chart-training-none = Kein Trainingsverlauf: Das Modell wurde nicht hier trainiert.
ui-model-chart-training-loss = Cox-Verlust
ui-model-chart-training-training = Training (mit Dropout)
ui-model-chart-training-validation = Validierung
ui-model-chart-training-epoch = Epoche
ui-model-chart-training-cindex = C der Validierung (Harrell)
ui-model-chart-training-best = beste Epoche ({ $epoch })
ui-model-chart-calibration-none = Keine Risikogruppe zu kalibrieren.
ui-model-chart-calibration-predicted = vorhergesagtes { $months }-Monats-Überleben
ui-model-chart-calibration-observed = beobachtet (Kaplan-Meier)
ui-model-chart-deletion-none = Keine Deletionskurve darzustellen.
ui-model-chart-deletion-replaced = durch die der Medianperson ersetzte Eingaben, relevanteste zuerst
ui-model-chart-deletion-log-risk = log. Risiko
ui-model-chart-deletion-median = Medianperson
ui-model-chart-methods-none = Kein Marker zu vergleichen.
ui-model-chart-methods-axis = Beitrag zum logarithmierten Risiko
