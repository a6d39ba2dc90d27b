# Die eigenen Texte der Diagramme: Achsen, Legenden, auf die Zeichenfläche geschriebene
# Beschriftungen, die Schaltflächen des Diagrammrahmens. Schlüssel und Argumente müssen denen
# in en/charts.ftl entsprechen; die Tests prüfen beide.

ui-chart-failed = Das Diagramm konnte nicht gezeichnet werden: { $reason }. Die Tabelle enthält dieselben Zahlen.
ui-chart-png = PNG herunterladen
ui-chart-svg = SVG herunterladen
ui-chart-table = Zahlen als Tabelle

ui-chart-survival = Überleben
ui-chart-survival-none = Keine Überlebenskurve darzustellen.
ui-chart-months-since-baseline = Monate seit Studienbeginn
ui-chart-survival-band = { $level }-%-Konfidenzband der Kohorte
ui-chart-survival-cohort = Kohorte (Kaplan-Meier)
ui-chart-survival-recorded = diese Person, erfasste Werte
ui-chart-survival-predicted = diese Person (vorhergesagt)
ui-chart-survival-whatif = Was wäre, wenn (geänderte Werte)

ui-chart-waterfall-typical = { $value } (typisch { $typical })
ui-chart-waterfall-summed = summiert
ui-chart-waterfall-biases = Bias-Terme des Netzes
ui-chart-waterfall-unattributed = keinem Marker zugeordnet
ui-chart-waterfall-output-recorded = { $risk }, erfasste Werte { $recorded }
ui-chart-waterfall-typical-line = typische Person { $risk }
ui-chart-waterfall-mean-line = Mittelwert der Kohorte { $risk }
ui-chart-waterfall-outside = außerhalb des Ref.-Bereichs

ui-chart-side-none = Keine Marker zu vergleichen.
ui-chart-side-axis = Beitrag zum logarithmierten Risiko
ui-chart-side-risk = Risikoscore { $risk }
ui-chart-side-value = Wert { $value }
ui-chart-side-value-difference = { $value } · Diff. { $difference }
ui-chart-side-difference = Differenz { $difference }

ui-chart-overtime-rest = alle übrigen { $n } Marker
ui-chart-overtime-none = Kein Beitrag bei diesem Zeithorizont.
ui-chart-overtime-flat = Kein Marker verschiebt das vorhergesagte Überleben.
ui-chart-overtime-axis = Beitrag zum vorhergesagten { $years }-Jahres-Überleben (Prozentpunkte)
ui-chart-overtime-months = Monate seit dem Indexdatum
ui-chart-overtime-points = Beitrag (Punkte)
ui-chart-overtime-horizon = Zeithorizont { $years } Jahre

ui-chart-profile-none = Kein Profil darzustellen.
ui-chart-profile-risk = Risikoscore
ui-chart-profile-own = diese Person: { $value } ({ $risk })
ui-chart-profile-years = { $years }-Jahres-Überleben
ui-chart-profile-patients = Patientinnen und Patienten
ui-chart-effects-none = Keine Kurven darzustellen.
ui-chart-effects-axis = Änderung des Risikoscores
ui-chart-effects-pdp = partielle Abhängigkeit (abzüglich des mittleren Risikoscores)
ui-chart-effects-ale = akkumulierte lokale Effekte
