# Warum ein Diagramm nicht gezeichnet werden konnte (ChartError der Seite), unter der
# Zeichenfläche des Diagramms im Satz ui-chart-failed, und die Beschreibungen der Werte, die
# ein Diagramm nicht platzieren konnte.

chart-error-backend = die Zeichenfläche hat einen Fehler gemeldet ({ $description })
chart-error-busy = die Zeichenfläche war durch eine andere Zeichnung belegt
chart-error-layout = die Teile des Diagramms passen nicht in seine Zeichenfläche
# $what ist ein Wert im Nominativ Singular (chart-what-…); $value ist NaN, inf oder -inf.
chart-error-not-finite = { $what } ist { $value ->
        [NaN] keine Zahl (NaN)
        [inf] unendlich
       *[other] { $value }
    } und lässt sich nicht im Diagramm eintragen
chart-error-axis = die Achse „{ $axis }“ würde von { $low } bis { $high } reichen
# $what ist eine Liste im Plural (die Werte …), hier im Akkusativ nach „für“.
chart-error-shape = die Zahl der Einträge für { $what } ist { $found } statt der erwarteten { $expected }
chart-error-canvas-size = das Canvas-Element hat die benötigte Größe abgelehnt
chart-error-no-canvas-2d = dieser Browser stellt kein 2D-Canvas bereit

## Die Achsen, nach dem, was sie zeigen (die Achse in chart-error-axis).

chart-axis-relevance = Relevanz
chart-axis-importance = Bedeutung
chart-axis-months = Monate
chart-axis-log-risk = Log-Risiko
chart-axis-percentage-points = Prozentpunkte
chart-axis-risk-score = Risikoscore
chart-axis-risk-change = Änderung des Risikoscores
chart-axis-contribution = Beitrag

## Die Werte, die ein Diagramm nicht eintragen konnte (in chart-error-not-finite), im
## Nominativ Singular.

chart-what-largest-relevance = die größte |Relevanz|
chart-what-row-relevance = die Relevanz von { $name } für die Person in Zeile { $row }
chart-what-row-offset = der senkrechte Versatz des Punkts von { $name } für die Person in Zeile { $row }
chart-what-row-position = die Position von { $name } für die Person in Zeile { $row }
chart-what-calibration-predicted = das mittlere vorhergesagte Überleben der Risikogruppe { $group }
chart-what-calibration-observed = das beobachtete Überleben der Risikogruppe { $group }
chart-what-calibration-lower = die untere Grenze des beobachteten Überlebens der Risikogruppe { $group }
chart-what-calibration-upper = die obere Grenze des beobachteten Überlebens der Risikogruppe { $group }
chart-what-true-contribution = der wahre Beitrag von { $name }
chart-what-relevance = die Relevanz von { $name }
chart-what-true-importance = die wahre Bedeutung von { $name }
chart-what-lrp-importance = die LRP-Bedeutung von { $name }
chart-what-importance = die Bedeutung von { $name }
chart-what-threshold = der Schwellenwert
chart-what-cumulative-share = der kumulierte Anteil auf Rang { $rank }
chart-what-pair-position = die Lage auf der Achse von { $name } für die Person in Zeile { $row }
chart-what-pair-relevance = die Relevanz von { $name } für die Person in Zeile { $row }
chart-what-pair-box = ein Quartil oder Whisker der Box „{ $box }“
chart-what-landmark = der feste Zeitpunkt { $number } der Zeitachse
chart-what-km-time = die Zeit bei Stufe { $step } der Gruppe „{ $group }“
chart-what-km-survival = das Überleben bei Stufe { $step } der Gruppe „{ $group }“
chart-what-km-lower = die untere Grenze bei Stufe { $step } der Gruppe „{ $group }“
chart-what-km-upper = die obere Grenze bei Stufe { $step } der Gruppe „{ $group }“
chart-what-km-censoring = die Zensierungszeit bei Stufe { $step } der Gruppe „{ $group }“
chart-what-profile-value = der Wert bei { $name } = { $at }
chart-what-profile-risk = der Risikoscore bei { $name } = { $at }
chart-what-profile-survival = das Überleben bei { $name } = { $at }
chart-what-profile-pdp = die partielle Abhängigkeit bei { $name } = { $at }
chart-what-profile-ale = der akkumulierte lokale Effekt bei { $name } = { $at }
chart-what-median-log-risk = das Log-Risiko der Medianperson
chart-what-deletion-log-risk = das Log-Risiko nach { $inputs } ersetzten Eingaben (Methode { $method })
chart-what-method-relevance = die Relevanz von { $marker } (Methode { $method })
chart-what-method-error = der Standardfehler der Relevanz von { $marker } (Methode { $method })
chart-what-contribution = der Beitrag von { $name }
chart-what-others-contribution = der Beitrag der übrigen Marker
chart-what-contribution-at = der Beitrag von { $name } nach { $months } Monaten
chart-what-side-contribution = der Beitrag von { $name } ({ $side })
chart-what-side-risk = der Risikoscore ({ $side })
chart-what-curve-time = die Zeit des Punkts { $point } { $curve }
chart-what-curve-survival = das Überleben des Punkts { $point } { $curve }
chart-what-curve-lower = die untere Grenze des Punkts { $point } { $curve }
chart-what-curve-upper = die obere Grenze des Punkts { $point } { $curve }
# Die drei Kurven stehen im Genitiv (… des Punkts 3 der Kohortenkurve).
chart-what-cohort-curve = der Kohortenkurve
chart-what-predicted-curve = der vorhergesagten Kurve der Person
chart-what-what-if-curve = der Was-wäre-wenn-Kurve
chart-what-step-contribution = der Beitrag des Schritts „{ $step }“
chart-what-step-start = der Anfang des Schritts „{ $step }“
chart-what-step-end = das Ende des Schritts „{ $step }“
chart-what-step-recorded = der Beitrag des Schritts „{ $step }“ mit den erfassten Werten
chart-what-risk-score = der Risikoscore
chart-what-mean-risk-score = der mittlere Risikoscore der Kohorte
chart-what-recorded-risk-score = der Risikoscore mit den erfassten Werten

## Die Listen, deren Längen nicht zusammenpassen (in chart-error-shape), im Plural.

chart-what-heatmap-values = die Werte der Heatmap
chart-what-heatmap-marks = die Markierungen der Heatmap
chart-what-cumulative-shares = die kumulierten Anteile von { $n } Schlüsselmarkern
chart-what-km-survival-list = die Überlebenswerte der Gruppe „{ $group }“
chart-what-km-lower-list = die unteren Grenzen der Gruppe „{ $group }“
chart-what-km-upper-list = die oberen Grenzen der Gruppe „{ $group }“
