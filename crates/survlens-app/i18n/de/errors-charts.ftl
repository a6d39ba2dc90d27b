# Warum ein Diagramm nicht gezeichnet werden konnte (ChartError der Seite), unter der
# Zeichenfläche des Diagramms im Satz ui-chart-failed, und die Beschreibungen der Werte, die
# ein Diagramm nicht platzieren konnte.
