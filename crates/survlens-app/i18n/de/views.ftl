# Die Zahlen der Ansichten, wie der Worker sie erstellt (Kohortenansicht): Namen der Gruppen
# und Zeilen.

vm-group-lower-third = Unteres Drittel
vm-group-middle-third = Mittleres Drittel
vm-group-upper-third = Oberes Drittel
vm-group-q1 = Q1 (niedrigstes Risiko)
vm-group-q4 = Q4 (höchstes Risiko)
vm-c-row-all-held-out = Alle zurückgehaltenen Patienten
