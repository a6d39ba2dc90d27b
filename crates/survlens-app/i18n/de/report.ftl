# Der Bericht der Patientenansicht, wie der Worker ihn erstellt: das Risiko, die Erklärung,
# die Überlebenszahlen, das Was-wäre-wenn-Szenario und was das Modell nicht weiß.

vm-value-missing = fehlt
vm-level-no = nein
vm-level-yes = ja
vm-level-never = nie
vm-level-former = ehemals
vm-level-current = aktuell
vm-level-none = keine
vm-range = { $low } bis { $high }

vm-modality-demographics = Demografie
vm-modality-vital-signs = Vitalzeichen und Untersuchung
vm-modality-laboratory = Labor
vm-modality-clinical-records = Klinische Dokumentation
vm-modality-treatment = Therapie
vm-modality-body-composition = CT-Körperzusammensetzung
vm-modality-mutations = Tumormutationen
vm-modality-cohort-data = Kohortendaten

vm-risk-group-low = unteres Drittel der Risikowerte
vm-risk-group-intermediate = mittleres Drittel der Risikowerte
vm-risk-group-high = oberes Drittel der Risikowerte

vm-accounting = Die Beiträge der Marker ergeben zusammen { $sum } des Risikowerts { $risk }; { $biases } nehmen die Bias-Terme des Netzes auf.

vm-baseline-patients-onnx = dieser Kohorte (die Netzdatei bringt keine mit)
vm-baseline-patients-file = der eigenen Trainingspatienten des Modells, in seiner Datei gespeichert
vm-baseline-patients-default = der Trainingspatienten des Standardmodells
vm-baseline-patients-training = der Trainingspatienten
vm-risk-groups-cohort-tertiles = Die Gruppen dienen der Übersicht: Die Grenzen { $lower } und { $upper } sind die Tertile der Risikowerte dieser Kohorte, da die Netzdatei keine mitbringt.
vm-risk-groups-training-tertiles = Die Gruppen dienen der Übersicht: Die Grenzen { $lower } und { $upper } sind die Tertile der Risikowerte { $whose }, festgelegt, bevor eine zurückgehaltene Patientin oder ein zurückgehaltener Patient gesehen wurde.
vm-risk-note = { $groups } C-Index des Modells bei zurückgehaltenen Patienten: { $cindex } (Harrell).
vm-risk-note-first-look = { $groups } Ein erster Blick: die erste Patientin oder der erste Patient der Kohorte, erklärt, sobald das Modell bereit war. Die Einordnung unter den { $patients } Patientinnen und Patienten der Kohorte, die Überlebenskurve der Kohorte und der C-Index des Modells bei zurückgehaltenen Patienten folgen, sobald alle erklärt sind.
vm-risk-note-no-outcomes = { $groups } Diese Datei enthält keine Überlebenszeiten und Ereignisse; der C-Index des Modells lässt sich daher an ihr nicht berechnen.

vm-limit-missing = { $name } fehlt; das Modell hat den typischen Wert des Trainings verwendet.
vm-limit-outside-training = { $name } = { $value } liegt außerhalb des Trainingsbereichs { $range }; das Modell extrapoliert.
vm-limit-unseen-level = { $name } = { $level } kam im Training nie vor; das Modell kann diesen Wert nicht nutzen.
vm-limit-rare-entity =
    { $patients ->
        [one] Nur { $patients } Trainingspatientin oder -patient hatte { $entity }; Vorhersagen für diese Entität beruhen auf wenigen Daten.
       *[other] Nur { $patients } Trainingspatienten hatten { $entity }; Vorhersagen für diese Entität beruhen auf wenigen Daten.
    }

vm-survival-below = unter { $percent }
vm-survival-above = über { $percent }
vm-median-months = { $months } Monate
vm-median-not-reached = nicht erreicht (innerhalb von { $months } Monaten)

vm-step-marker = { $name } = { $value }
vm-step-marker-outside = { $name } = { $value } (außerhalb des Referenzbereichs)
vm-step-marker-typical = { $name } = { $value } (typisch { $typical })
vm-step-marker-outside-typical = { $name } = { $value } (außerhalb des Referenzbereichs, typisch { $typical })
vm-step-others =
    { $markers ->
        [one] { $markers } weiterer Marker
       *[other] { $markers } weitere Marker
    }
vm-step-biases = von den Bias-Termen des Netzes aufgenommen
vm-waterfall-axis = Log-Risiko, ab 0 (die Baseline-Hazard-Funktion)
vm-waterfall-axis-typical = Log-Risiko, ab { $risk } der typischen Patientin bzw. des typischen Patienten

vm-explanation-study = Ab der Baseline-Hazard-Funktion (wie in der Studie)
vm-explanation-typical-cohort = Relativ zu einer typischen Patientin oder einem typischen Patienten der Kohorte
vm-explanation-typical-entity = Relativ zu einer typischen Patientin oder einem typischen Patienten dieser Entität
vm-typical-of-cohort = die { $patients } Patientinnen und Patienten der Kohorte
vm-typical-of-entity = die { $patients } Patientinnen und Patienten mit { $entity }
vm-typical-of-this-entity = die { $patients } Patientinnen und Patienten dieser Entität
vm-explanation-note-typical = Relativ zu einer typischen Patientin oder einem typischen Patienten (DeepLIFT-Rescale): der Median jedes numerischen Markers und die häufigste Ausprägung jedes anderen Markers über { $whose }, Risikowert { $typical }. Die Beiträge der Marker ergeben zusammen { $sum }, den Risikowert { $risk } dieser Patientin oder dieses Patienten abzüglich dessen der typischen Person; ein Marker auf seinem typischen Wert trägt nichts bei.
vm-explanation-note-study = Ab der Baseline-Hazard-Funktion (die LRP der Studie): Jeder Marker wird vom niedrigsten Wert der Trainingspatienten aus gemessen, und die Balken beginnen bei Log-Risiko 0. { $accounting }
vm-typical-needs-cohort = Die Erklärung relativ zu einer typischen Patientin oder einem typischen Patienten braucht die ganze Kohorte: Sie wird angeboten, sobald die { $patients } Patientinnen und Patienten der Kohorte erklärt sind.
vm-typical-failed = Die typische Vergleichsperson ließ sich nicht bilden ({ $why }); daher wird die Erklärung der Studie gezeigt.

vm-scenario-edited = Geändert: { $markers }. Risikowert { $risk } (erfasst { $was }, Änderung { $change }).
vm-scenario-edited-survival = Geändert: { $markers }. Risikowert { $risk } (erfasst { $was }, Änderung { $change }); 1-Jahres-Überleben { $survival } (erfasst { $survival-was }).
vm-scenario-typed = Nach der Eingabe geändert: { $markers }. Risikowert { $risk } (wie eingegeben { $was }, Änderung { $change }).
vm-scenario-typed-survival = Nach der Eingabe geändert: { $markers }. Risikowert { $risk } (wie eingegeben { $was }, Änderung { $change }); 1-Jahres-Überleben { $survival } (wie eingegeben { $survival-was }).

problem-new-patient-values = Die neue Patientin oder der neue Patient hat { $values } Werte; das Modell hat { $markers } Marker.
problem-new-patient-explanation = Die Erklärung der neuen Patientin oder des neuen Patienten hat nicht genau einen Wert je Marker.
