# Die Stabilitätsnotiz der Patientenansicht und die Bildunterschrift des Abschnitts „Im
# Zeitverlauf“, wie der Worker sie baut.

vm-stability-no-markers = Die Erklärung dieser Person hat keine Marker zum Vergleichen.
vm-stability-not-measured = Die Stabilität bei kleinen Änderungen ist nicht gemessen: Diese Person hat keinen Messwert, der in der Kohorte variiert.
vm-stability-stable = Stabil bei kleinen Änderungen
vm-stability-mostly-stable = Weitgehend stabil bei kleinen Änderungen
vm-stability-sensitive = Empfindlich gegenüber kleinen Änderungen
vm-stability-no-flips = kein Top-{ $k }-Marker änderte seine Richtung
vm-stability-flips = { $n ->
        [one] { $n } Top-{ $k }-Marker änderte in mindestens einer Kopie seine Richtung ({ $names })
       *[other] { $n } Top-{ $k }-Marker änderten in mindestens einer Kopie ihre Richtung ({ $names })
    }
vm-stability-copies = { $draws } leicht veränderten Kopien dieser Person (jeder der { $moved } Messwerte zufällig um etwa { $percent } % seines Interquartilsabstands in der Kohorte verschoben)
vm-stability-same-top = dieselben Top-{ $k }-Marker in allen { $copies }
vm-stability-kept-on-average = im Mittel blieben { $mean } der Top-{ $k }-Marker in { $copies } unter den Top { $k }, in jeder Kopie mindestens { $least }
vm-stability-small = { $verdict }: { $kept }; die Top { $order } behielten ihre Reihenfolge in { $order-kept } von { $draws } Kopien; { $flips }.
vm-stability-members = Die { $networks } in diesem Modell gemittelten Netze, auf verschiedenen Teilmengen mit verschiedenen Startwerten trainiert und einzeln erklärt, teilen im Mittel { $mean } ihrer Top-{ $k }-Marker (je zwei von ihnen); { $every } { $every ->
        [one] Marker ist
       *[other] Marker sind
    } in den Top { $k } jedes Netzes.
vm-stability-members-single = Die Übereinstimmung zwischen Netzen mit verschiedenen Startwerten ist nicht verfügbar: Dieses Modell ist ein einzelnes Netz (nach dem Rezept der Studie trainiert oder aus einer Datei geladen, die keine getrennten Netze enthält), es gibt also nichts zu vergleichen.
vm-stability-members-additive = Die Übereinstimmung zwischen Netzen mit verschiedenen Startwerten ist nicht verfügbar: Die Netze waren nicht besser als das additive Cox-Modell, daher ist dieses Modell allein jenes Modell.
vm-stability-members-one = Die Übereinstimmung zwischen Netzen mit verschiedenen Startwerten ist nicht verfügbar: Dieses Modell mittelt ein einzelnes Netz.
vm-stability-members-mismatch = Die Übereinstimmung zwischen Netzen mit verschiedenen Startwerten ist nicht verfügbar: Die Aufzeichnung des Modells über seine Netze passt nicht zu seiner Struktur.
vm-stability-note = { $small } { $members } Beides bezieht sich auf die erfassten Werte und die schichtweise Relevanzpropagation (LRP) der Studie.
vm-stability-none = keine

vm-overtime-caption = Wie jeder Marker das vorhergesagte Überleben dieser Person zu jedem Zeitpunkt verschiebt, gemessen am Mittel von { $references } Referenzpersonen der Kohorte: Ein Balken nach rechts erhöht die Wahrscheinlichkeit, zum Zeithorizont am Leben zu sein, einer nach links senkt sie, in Prozentpunkten; zusammen ergeben sie die Differenz zwischen dem vorhergesagten Überleben der Person und dem Mittel der Referenzpersonen. Shapley-Werte des vorhergesagten Überlebens (SurvSHAP(t)), geschätzt aus { $orderings } Reihenfolgen der Marker.
