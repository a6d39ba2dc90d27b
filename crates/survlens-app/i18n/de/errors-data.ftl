# Fehler der Kohortendaten (DataError und ImportReport der Datenbibliothek): eine Datei,
# die sich nicht lesen lässt, eine Spalte oder ein Wert, den die Kohorte nicht aufnehmen
# kann, eine Vorverarbeitung, die nicht passt.
