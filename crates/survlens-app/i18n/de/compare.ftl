# Nebeneinander: zwei Erklärungen der Patientenansicht, Marker für Marker ausgerichtet (die
# Texte des Workers: die Namen der Spalten, die Referenzen, die Bildunterschriften).

## Wen jede Spalte erklärt

vm-compare-patient = Patient { $id }
vm-compare-network = Netz
vm-compare-linear = Lineares Cox-Modell
vm-compare-others = { $n ->
    [one] { $n } weiterer Marker
   *[other] { $n } weitere Marker
    }

## Wovon aus die Beiträge einer Spalte gemessen werden

vm-compare-ref-baseline = Basis-Hazard (Log-Risiko 0)
vm-compare-ref-typical = Log-Risiko der typischen Person
vm-compare-ref-linear-zero = lineares Log-Risiko an der Null-Eingabe
vm-compare-ref-linear-typical = lineares Log-Risiko der typischen Person

## Die kodierte Null-Eingabe einer Vorverarbeitung in Worten

vm-compare-zero-minimum = jeder numerische Marker auf seinem Minimum in den Trainingsdaten
vm-compare-zero-mean = jeder numerische Marker auf seinem Mittelwert in den Trainingsdaten
vm-compare-zero-mean-log = jeder numerische Marker auf seinem Mittelwert in den Trainingsdaten (bei einem schiefen Marker dem seines Logarithmus)
vm-compare-zero-no-level = keine Stufe eines kategorialen Markers (alle seine Spalten 0)
vm-compare-zero-reference-level = jeder kategoriale Marker auf seiner Referenzstufe
vm-compare-zero = { $numeric } und { $categorical }

## Wie sich eine Spalte zusammensetzt

vm-compare-sums-baseline = { $who }: Die Beiträge summieren sich zu { $sum }, die Biases des Netzes nehmen { $biases } auf, zusammen der Risikoscore { $risk }
vm-compare-sums-reference = { $who }: Die Beiträge summieren sich zu { $sum }, dem Risikoscore { $risk } minus { $reference } { $value }
vm-compare-sums-unattributed = { $value } keinem Marker zugeordnet

## Zwei Patientinnen oder Patienten

vm-compare-mode-study = Beide sind wie in der Studie erklärt: Layer-wise Relevance Propagation vom Basis-Hazard (Log-Risiko 0) aus; die Biases des Netzes nehmen auf, was kein Marker erklärt.
vm-compare-mode-cohort = Beide sind relativ zur selben typischen Person der Kohorte erklärt (DeepLIFT-Rescale).
vm-compare-mode-entity-same = Beide sind relativ zur typischen Person ihrer gemeinsamen Entität erklärt (DeepLIFT-Rescale).
vm-compare-mode-entity-own = Jede Spalte ist relativ zur typischen Person der eigenen Entität erklärt (DeepLIFT-Rescale): Die beiden werden von verschiedenen typischen Personen aus gemessen.
vm-compare-patients-caption = { $left } und { $right } nebeneinander, Marker für Marker. { $mode } Die Zeilen sind die Vereinigung der { $top } größten Beiträge jeder Spalte, die übrigen { $others } Marker in der letzten Zeile summiert; die beiden Balken einer Zeile teilen eine Skala ab 0 (Zinnoberrot erhöht, Blau senkt das Risiko), der Wert jeder Person neben ihrem Balken, und die Zeilen sind nach der Differenz der Beiträge (links minus rechts) geordnet, die größte zuerst. Erhaltung: { $left-sums }; { $right-sums }. Eine Differenz im Beitrag ist keine Differenz in der Wirkung dieses Markers allein: Jeder Beitrag hängt auch von den übrigen Werten der Person ab, die das Netz verknüpft.

## Das Netz neben dem linearen Cox-Modell

vm-compare-zero-same = Beide werden von der kodierten Null-Eingabe ein und derselben Vorverarbeitung aus gemessen ({ $words }).
vm-compare-zero-own-alike = Jedes Modell wird von der kodierten Null-Eingabe seiner eigenen Vorverarbeitung aus gemessen ({ $words }, jeweils an den eigenen Trainingsdaten angepasst).
vm-compare-zero-own-different = Jedes Modell wird von der kodierten Null-Eingabe seiner eigenen Vorverarbeitung aus gemessen, das Netz mit { $network }, das lineare Modell mit { $linear }. Das sind verschiedene Referenzen: Vergleichen Sie eher Vorzeichen und Reihenfolge als Größen.
vm-compare-study-bars = { $zero } Die Balken des Netzes sind die Layer-wise Relevance Propagation der Studie, seine Biases nehmen den Rest auf; die des linearen Cox-Modells sind Beta mal kodierter Wert, summiert über die Eingabespalten jedes Markers, und damit exakt.
vm-compare-typical-bars = Beide werden von derselben typischen Person { $group } aus gemessen: die Balken des Netzes mit DeepLIFT-Rescale, die des linearen Cox-Modells als Beta mal Differenz der kodierten Werte, summiert über die Eingabespalten jedes Markers, und damit exakt.
vm-compare-group-cohort = der Kohorte
vm-compare-group-entity = dieser Entität
vm-compare-group-named = der Entität { $entity }
vm-compare-held-out-c = Harrells C { $c } bei den zurückgehaltenen Patientinnen und Patienten
vm-compare-no-held-out-c = kein C-Index auf zurückgehaltenen Daten
vm-compare-models-caption = Patient { $id }, erklärt durch das Netz (links) und durch das Ridge-regularisierte lineare Cox-Modell, angepasst an dieselben Trainingsdaten (rechts), Marker für Marker. { $references } Die Zeilen sind die Vereinigung der { $top } größten Beiträge jedes Modells, die übrigen { $others } Marker in der letzten Zeile summiert; beide Spalten teilen eine Skala ab 0 (Zinnoberrot erhöht, Blau senkt das Risiko), die Zeilen nach der Differenz (Netz minus linear) geordnet, die größte zuerst. Netz: Log-Risiko { $network-risk }, { $network-c }; lineares Cox-Modell: Log-Risiko { $linear-risk } (zentriert auf den Mittelwert seiner Trainingsdaten), { $linear-c }. Erhaltung: { $network-sums }; { $linear-sums }. Eine Differenz im Beitrag ist keine Differenz in der Wirkung dieses Markers allein.
