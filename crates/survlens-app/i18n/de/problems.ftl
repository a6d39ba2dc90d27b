# Probleme in den Zellen einer Datei, wie die Problemtabelle sie auflistet (ihre Spalten
# für Zeile und Spalte sagen, wo).

problem-role-id = Patienten-ID
problem-role-time = Überlebenszeit
problem-role-event = Ereignis
problem-role-entity = Tumorentität
problem-role-marker = Marker
problem-expected-time = eine Überlebenszeit (eine Zahl größer als null)
problem-expected-number = eine Zahl
problem-expected-zero-or-one = 0 oder 1
problem-missing-value = Angabe fehlt: { $role }
problem-missing-value-found = Angabe fehlt: { $role } (gefunden: „{ $text }“)
problem-not-number = erwartet: { $expected }, gefunden: „{ $text }“
problem-not-finite = „{ $text }“ ist keine endliche Zahl; lassen Sie fehlende Werte leer oder schreiben Sie NA
problem-too-large = die Zahl „{ $text }“ ist zu groß (höchstens etwa 3,4e38 wird unterstützt)
problem-bad-event = erwartet: 1 (Ereignis beobachtet) oder 0 (zensiert), gefunden: „{ $text }“
problem-duplicate-id = die Patienten-ID „{ $id }“ kommt bereits in Zeile { $row } vor
problem-hint-thousands = Tausendertrennzeichen werden nicht unterstützt; schreiben Sie die Zahl ohne sie
problem-hint-decimal-comma = das Dezimaltrennzeichen scheint ein Komma zu sein, während der Rest der Datei einen Punkt verwendet
problem-hint-bound = eine Grenze wie „<5“ ist kein Wert: Geben Sie eine Zahl ein oder lassen Sie die Zelle leer
problem-hint-missing-code = lassen Sie fehlende Werte leer oder schreiben Sie NA (oder nehmen Sie diesen Code in die Codes für fehlende Werte auf)
problem-hint-categories = falls diese Spalte Kategorien enthält, kennzeichnen Sie sie als kategorial
problem-hint-event-two = falls die Datei Ereignisse als 1 = zensiert, 2 = verstorben kodiert (wie es das R-Paket survival tun kann), kodieren Sie sie in 0 und 1 um
