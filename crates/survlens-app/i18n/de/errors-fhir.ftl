# Fehler eines FHIR-Exports (FhirError des FHIR-Crates, die genannte Stelle, UcumError und
# ReadFailure): eine Datei, die kein JSON ist, eine Ressource oder Referenz, die nicht
# verwendet werden kann, ein Wert ohne Einheit, Datum oder plausible Größe. Ressourcentypen
# (Patient, Observation, Condition ...) und FHIR-Feldnamen bleiben unübersetzt.

fhir-not-json = dies ist kein JSON (Zeile { $line }, Spalte { $column }: { $parser }); nichts davon wurde gelesen
# $found: eine der fhir-kind-*-Wendungen (Nominativ).
fhir-not-an-object = eine Ressource muss ein JSON-Objekt sein, dies ist jedoch { $found }; sie wurde übersprungen
fhir-no-resource-type = das Objekt hat keinen resourceType und ist daher keine FHIR-Ressource; es wurde übersprungen
fhir-bad-resource-type = resourceType { $found } ist kein FHIR-Ressourcentyp; das Objekt wurde übersprungen
fhir-unsupported-bundle-type = ein Bundle vom Typ „{ $found }“ wird nicht gelesen (nur Bundles der Typen collection, searchset, transaction, batch und document)
fhir-empty-bundle = das Bundle enthält keine Einträge
fhir-entry-without-resource = der Bundle-Eintrag enthält keine Ressource; er wurde übersprungen
# $expected und $found: fhir-kind-*-Wendungen (Nominativ).
fhir-wrong-type = erwartet war { $expected }, gefunden wurde jedoch { $found }; das Feld wurde nicht verwendet
fhir-patient-without-id = die Patient-Ressource hat keine id, daher kann keine Ressource auf sie verweisen; sie wurde übersprungen
fhir-unusable-id = die Patient-id „{ $id }“ würde in einer Kohortendatei als fehlender Wert gelesen (oder hat Leerzeichen am Anfang oder Ende); die Patient-Ressource wurde übersprungen
# $first: wo die erste Patient-Ressource mit dieser id stand (Datei, Zeile oder Eintrag).
fhir-duplicate-patient = Patient/{ $id } wurde bereits gelesen ({ $first }); diese zweite Ressource wurde übersprungen
fhir-no-subject = die Ressource nennt keinen Patienten (keine subject-Referenz); sie wurde übersprungen
fhir-bad-reference = „{ $reference }“ ist keine Referenz auf eine Patient-Ressource (Patient/id); die Ressource wurde übersprungen
fhir-unknown-patient = verweist auf { $reference }, das in der Eingabe nicht enthalten ist; die Ressource wurde übersprungen
fhir-unknown-medication = verweist auf { $reference }, das in der Eingabe nicht enthalten ist; die Medikation wurde übersprungen
fhir-no-value = die Observation zu { $marker } hat keinen Wert; sie wurde übersprungen
fhir-missing-unit = der Messwert von { $marker } hat keine Einheit (erwartet wurde eine in { $marker_unit } umrechenbare Einheit); er wurde übersprungen
# $reason: einer der fhir-ucum-*-Sätze.
fhir-unknown-unit = die Einheit „{ $unit }“ ist keine UCUM-Einheit, die survlens kennt ({ $reason }); der Wert wurde übersprungen
fhir-unit-not-convertible = die Einheit „{ $unit }“ lässt sich nicht in die Einheit { $marker_unit } von { $marker } umrechnen; der Wert wurde übersprungen
fhir-not-a-number = der Wert { $found } des Messwerts ist keine Zahl; er wurde übersprungen
fhir-non-finite = der Wert von { $marker } ist in der Einheit des Markers nicht endlich; er wurde übersprungen
# $value: auf vier signifikante Stellen gerundet. $requirement: eine der fhir-rule-*-Regeln.
fhir-implausible = { $marker } von { $value } { $unit } ist unplausibel ({ $requirement }); der Wert wurde übersprungen
fhir-bad-date = „{ $value }“ ist kein FHIR-Datum (JJJJ, JJJJ-MM, JJJJ-MM-TT oder ein dateTime); die Ressource wurde übersprungen
fhir-no-date = der Wert von { $marker } hat kein Datum und lässt sich daher nicht vor dem Indexdatum einordnen; er wurde übersprungen
fhir-unknown-level = „{ $answer }“ ist keine der Stufen von { $marker }; der Wert wurde übersprungen
# $candidates: die Entitäten, durch Kommas getrennt.
fhir-ambiguous-entity = { $code } passt zu mehreren Tumorentitäten ({ $candidates }), und keine Histologie (LOINC 59847-4) entscheidet, welche es ist; die Entität wurde als fehlend eingetragen
fhir-several-entities = der Patient hat Tumordiagnosen zu { $used } und { $other }; die früheste, { $used }, wurde verwendet
fhir-no-patients = die Eingabe enthält keine Patient-Ressource, daher gibt es keinen Patienten, aus dem eine Zeile werden könnte

# Was ein JSON-Wert ist und was FHIR in einem Feld erwartet (Nominativ).
fhir-kind-null = null
fhir-kind-boolean = ein Wahrheitswert
fhir-kind-number = eine Zahl
fhir-kind-string = eine Zeichenkette
fhir-kind-array = ein Array
fhir-kind-object = ein Objekt
fhir-kind-entries = ein Array von Einträgen
fhir-kind-date-string = ein Datum als Zeichenkette
fhir-kind-reference-string = eine Referenz als Zeichenkette
fhir-kind-quantity-object = ein Quantity-Objekt
fhir-kind-value-quantity = eine valueQuantity
fhir-kind-other-value = eine andere Art von Wert

# Was ein plausibler Wert sein muss.
fhir-rule-age = ein Alter liegt am Indexdatum zwischen 0 und 125 Jahren
fhir-rule-not-negative = eine gemessene Menge kann nicht negativ sein
fhir-rule-share = ein Anteil kann 100 % nicht übersteigen

# Warum eine Einheit keine UCUM-Einheit ist, die survlens kennt. $at: die Stelle des Zeichens, ab 1.
fhir-ucum-empty = die Einheit ist leer
fhir-ucum-unknown-atom = „{ $atom }“ ist keine bekannte UCUM-Einheit
fhir-ucum-unexpected = unerwartetes „{ $found }“ an Zeichen { $at }
fhir-ucum-unclosed = ein „{ $bracket }“ wird nicht geschlossen
fhir-ucum-exponent = der Exponent { $text } ist zu groß

# Wo ein Problem liegt, Teil für Teil: die Datei, ihre Zeile, der Bundle-Eintrag, die
# Ressource und der JSON-Pfad darin. $at: die Stelle bis dahin.
fhir-at-file = { $file }
fhir-at-line = { $at }, Zeile { $line }
fhir-at-entry = { $at }, { $entry }
fhir-at-resource-path = { $at }: { $resource } { $path }
fhir-at-resource = { $at }: { $resource }
fhir-at-path = { $at }: { $path }
# Ein Problem und wo es liegt.
fhir-problem = { $at }: { $error }

# Warum nichts aus einem Export gelesen werden konnte (ReadFailure): seine Probleme, eines je Zeile.
fhir-read-problems =
    { $before }
    { $after }
fhir-read-no-patient-resource = die Eingabe enthält keine Patient-Ressource
fhir-read-unknown-marker = „{ $marker }“ ist kein Marker des Verzeichnisses
