# Die Markeransicht: die Wörter, die der Worker erstellt (vm-markers-), und die, die die
# Komponenten der Seite selbst schreiben (ui-markers-). Zahlen kommen bereits in der Sprache
# der Seite geschrieben an.

## Die Sätze und Tabellenbeschriftungen des Workers (views::markers_view, views::measured)

vm-markers-key-sentence = { $key } von { $total } Markern tragen { $percent } % der Gesamtrelevanz (mittlere |Relevanz| über { $patients } Patientinnen und Patienten).
vm-markers-bin-range = { $from } bis { $to }
vm-markers-bin-missing = fehlend (imputiert)
vm-markers-calibration = Schlüsselmarker beschreiben, worauf sich die Relevanz des Netzes verteilt, nicht, dass ein Marker prognostisch ist. Gemessen an { $runs } synthetischen Lehrkohorten mit je { $patients } Patientinnen und Patienten ({ $markers } Marker, { $planted } davon mit eingebautem Effekt): Mit vertauschten Endpunkten, sodass kein Marker etwas aussagt, waren im Mittel { $shuffled } Marker Schlüsselmarker; mit den eingebauten Effekten waren es { $key }, davon { $false } ohne Effekt, und sie umfassten { $recall } % der Marker mit eingebautem Effekt ({ $command }, { $date }).

## Die Seite: Überschriften, Bedienelemente, Bildunterschriften, Tabellen

ui-markers-heading = Marker in der Kohorte
ui-markers-disclaimer = Die Relevanz zeigt, wie das Modell einen Marker für eine Patientin oder einen Patienten genutzt hat, nicht, dass der Marker den Endpunkt verursacht. Die Bedeutung ist die mittlere absolute Relevanz über alle Patientinnen und Patienten der Kohorte.
ui-markers-key-computing = Die Marker werden nach Bedeutung geordnet …
ui-markers-key-failed = Die Bedeutung der Marker ließ sich nicht berechnen: { $reason }
ui-markers-key-heading = Schlüsselmarker
ui-markers-key-count = von { $total } Markern tragen { $percent } % der Gesamtrelevanz
ui-markers-threshold = Abzudeckender Anteil der Relevanz
ui-markers-study = Zurück zu den 90 % der Studie
ui-markers-key-explain = Schlüsselmarker sind die wenigsten Marker, vom bedeutendsten abwärts genommen, deren Bedeutungen zusammen den gewählten Anteil erreichen; die Studie berichtet 90 % (114 von 350 Markern).
ui-markers-cumulative-caption = Kumulierter Anteil an der Gesamtrelevanz, wenn die Marker vom bedeutendsten abwärts hinzukommen. Die gestrichelten Linien markieren { $percent } % und die { $key } Marker, die dafür nötig sind.
ui-markers-cumulative-alt = Liniendiagramm: { $key } von { $total } Markern erreichen { $percent } % der Gesamtrelevanz.
ui-markers-cumulative-table = Kumulierter Anteil nach Rang (erste 40 Ränge)
ui-markers-rank = Rang
ui-markers-marker = Marker
ui-markers-cumulative-share = Kumulierter Anteil
ui-markers-bars-caption = Die { $n } bedeutendsten Marker nach mittlerer |Relevanz|, gefärbt nach Modalität (die Modalität steht auch neben jedem Balken). Marker oberhalb der gestrichelten Linie sind Schlüsselmarker.
ui-markers-bars-alt = Balkendiagramm der { $n } bedeutendsten Marker; die Tabelle nennt jeden Marker.
ui-markers-importance-table = Bedeutung aller { $n } Marker ({ $rule })
ui-markers-modality = Modalität
ui-markers-mean-relevance-log-risk = Mittlere |Relevanz| (Log-Risiko)
ui-markers-share = Anteil
ui-markers-key = Schlüssel
ui-markers-key-cell = Schlüsselmarker
ui-markers-modality-table = Bedeutung nach Modalität
ui-markers-markers = Marker
ui-markers-key-markers = Schlüsselmarker
ui-markers-share-of-importance = Anteil an der Relevanz
ui-markers-swarm-computing = Die Relevanz jeder Patientin und jedes Patienten wird in den Bienenschwarm gesetzt …
ui-markers-swarm-failed = Der Bienenschwarm ließ sich nicht berechnen: { $reason }
ui-markers-swarm-sample = Die Punkte zeigen eine gleichmäßig verteilte Stichprobe von { $drawn } der { $total } Patientinnen und Patienten; die Tabelle verwendet alle.
ui-markers-swarm-caption = Jeder Punkt ist eine Patientin oder ein Patient: Seine Lage ist die Relevanz des Markers für diese Person, seine Farbe der Wert des Markers von niedrig (dunkelviolett) bis hoch (gelb), grau bei fehlendem Wert. Wo viele Personen eine ähnliche Relevanz haben, häufen sich die Punkte.
ui-markers-swarm-heading = Wie die { $n } bedeutendsten Marker auf jede Patientin und jeden Patienten wirken
ui-markers-swarm-alt = Bienenschwarm-Diagramm der Relevanz je Patientin und Patient für die { $n } bedeutendsten Marker; die Tabelle fasst jede Zeile zusammen.
ui-markers-swarm-table = Je Marker: mediane Relevanz der Patientinnen und Patienten mit niedrigen und hohen Werten (unteres und oberes Fünftel der Farbskala)
ui-markers-mean-relevance-abs = Mittlere |Relevanz|
ui-markers-low-value = Niedriger Wert
ui-markers-median-low = Mediane Relevanz (niedrig)
ui-markers-high-value = Hoher Wert
ui-markers-median-high = Mediane Relevanz (hoch)
ui-markers-missing = Fehlend
ui-markers-dependence-computing = Der Marker wird gegen seine Relevanz aufgetragen …
ui-markers-dependence-failed = Das Abhängigkeitsdiagramm ließ sich nicht berechnen: { $reason }
ui-markers-dependence-kind-levels = Jede Spalte ist eine Ausprägung des Markers (die Punkte sind nur zur Sichtbarkeit seitlich gestreut)
ui-markers-dependence-kind-values = Jeder Punkt ist eine Patientin oder ein Patient beim Wert des Markers
ui-markers-dependence-colour = Farbe: { $name } von { $low } (dunkelviolett) bis { $high } (gelb).
ui-markers-dependence-missing-one = Eine Person mit fehlendem Wert ist nicht eingezeichnet.
ui-markers-dependence-missing-many = { $n } Patientinnen und Patienten mit fehlendem Wert sind nicht eingezeichnet.
ui-markers-dependence-caption = { $kind }; die Höhe zeigt, wie stark der Marker den Risikoscore dieser Person erhöht (über 0) oder gesenkt (unter 0) hat.
ui-markers-dependence-alt-levels = Streudiagramm von { $name } gegen seine Relevanz; die Tabelle fasst es nach Ausprägung zusammen.
ui-markers-dependence-alt-values = Streudiagramm von { $name } gegen seine Relevanz; die Tabelle fasst es nach Wertedezilen zusammen.
ui-markers-dependence-table-levels = Relevanz von { $name } nach Ausprägung
ui-markers-dependence-table-values = Relevanz von { $name } nach Zehnteln seiner Werte
ui-markers-level = Ausprägung
ui-markers-value = Wert
ui-markers-patients = Patientinnen und Patienten
ui-markers-mean-relevance = Mittlere Relevanz
ui-markers-median-relevance = Mediane Relevanz
ui-markers-dependence-heading = Ein Marker: Wert gegen Relevanz
ui-markers-marker-control = Marker
ui-markers-marker-aria = Im Abhängigkeitsdiagramm gezeigter Marker
ui-markers-colour-control = Färben nach
ui-markers-colour-aria = Zweiter Marker, der die Punkte färbt
ui-markers-no-colour = keine Färbung
ui-markers-heatmap-computing = Die Relevanz wird je { $group } gemittelt …
ui-markers-heatmap-failed = Die Heatmap nach Entität ließ sich nicht berechnen: { $reason }
ui-markers-heatmap-heading = Wo jeder Marker zählt: { $group } × Marker
ui-markers-heatmap-caption = Mittlere |Relevanz| der { $n } bedeutendsten Marker (Spalten, bedeutendster zuerst) innerhalb jeder { $group } (Zeilen, die mit den meisten Patientinnen und Patienten zuerst). Dunklere Zellen: Das Modell stützt sich für diese { $group } stärker auf den Marker. { $groups } mit wenigen Patientinnen und Patienten ergeben unruhige Zellen.
ui-markers-heatmap-alt = Heatmap von { $rows } { $groups } mal { $n } Markern; die Tabelle enthält jede Zelle.
ui-markers-heatmap-table = Mittlere |Relevanz| (Log-Risiko) nach { $group } und Marker
ui-markers-effects-computing = Der Marker wird über die Kohorte variiert …
ui-markers-effects-failed = Die partielle Abhängigkeit ließ sich nicht berechnen: { $reason }
ui-markers-effects-sample = eine Zufallsstichprobe von { $used } der { $total } Patientinnen und Patienten der Kohorte
ui-markers-effects-all = alle { $total } Patientinnen und Patienten
ui-markers-effects-levels = benachbarter Ausprägungen
ui-markers-effects-band = jedes 5-%-Bandes seiner Werte
ui-markers-effects-caption = Wie der Risikoscore des Modells in der Kohorte von { $name } abhängt, über { $sample }. Orange: partielle Abhängigkeit, der Risikoscore jeder Person mit dem Marker auf diesen Wert gesetzt, gemittelt, abzüglich des mittleren Risikoscores der Kohorte { $mean }. Blau: akkumulierte lokale Effekte (Apley & Zhu), der Effekt des Markers aus kleinen Änderungen innerhalb { $within }, der verlässlich bleibt, wenn der Marker mit anderen zusammenhängt; um die Patientinnen und Patienten zentriert. Keine der beiden Kurven besagt, dass der Marker den Endpunkt verursacht.
ui-markers-effects-alt = Liniendiagramm der partiellen Abhängigkeit und der akkumulierten lokalen Effekte von { $name }; die Tabelle darunter nennt sie.
ui-markers-effects-table = Partielle Abhängigkeit und akkumulierte lokale Effekte von { $name }
ui-markers-effects-pdp = Partielle Abhängigkeit (mittlerer Risikoscore)
ui-markers-effects-ale = Akkumulierter lokaler Effekt
ui-markers-effects-at-level = Patientinnen und Patienten mit dieser Ausprägung
ui-markers-effects-in-band = Patientinnen und Patienten im Band darunter
ui-markers-effects-heading = Ein Marker in der Kohorte: partielle Abhängigkeit und akkumulierte lokale Effekte
ui-markers-effects-note = Der oben für das Abhängigkeitsdiagramm gewählte Marker.

## Die Diagramme

ui-markers-chart-no-marker = Kein Marker zum Anzeigen.
ui-markers-chart-no-rank = Kein Marker zum Ordnen.
ui-markers-chart-no-cells = Keine Zellen zum Anzeigen.
ui-markers-chart-no-values = Keine Patientin und kein Patient hat einen Wert für { $name }.
ui-markers-chart-swarm-x = Relevanz für die Person (Log-Risiko): links senkt, rechts erhöht sie das Risiko
ui-markers-chart-low = niedrig
ui-markers-chart-high = hoch
ui-markers-chart-swarm-legend = Markerwert (Ausprägungen der Reihe nach)
ui-markers-chart-missing = fehlend
ui-markers-chart-relevance = Relevanz (Log-Risiko)
ui-markers-chart-colour = Farbe: { $name }
ui-markers-chart-colour-missing = Farbe: { $name } (grau: fehlend)
ui-markers-chart-reference = schattiert: Referenzbereich
ui-markers-chart-importance-x = mittlere |Relevanz| über die Patientinnen und Patienten (Log-Risiko)
ui-markers-chart-cumulative-x = Marker, bedeutendster zuerst (Rang)
ui-markers-chart-cumulative-y = Anteil an der Gesamtrelevanz (%)
ui-markers-chart-heatmap-legend = mittlere |Relevanz| innerhalb der Entität (Log-Risiko)
ui-markers-chart-reach = { $n } Marker erreichen { $percent } %
