# Die mitgelieferten Kohorten, wie das Datenfeld sie anbietet: ein kurzer Name und je ein Satz.

source-teaching-label = Synthetische Lehrkohorte (bekannte Wahrheit)
source-pan-cancer-label = Synthetische Pan-Cancer-Kohorte, Standardmodell
source-ncctg-lung-label = NCCTG, fortgeschrittenes Lungenkarzinom
source-rotterdam-label = Rotterdam, Mammakarzinom
source-support-label = SUPPORT, schwer erkrankte Erwachsene
source-rotterdam-to-gbsg-label = Rotterdam-Modell, validiert an GBSG

source-teaching-description = 600 synthetische Patientinnen und Patienten mit bekannten, eingesetzten Markereffekten: die Lehrkohorte. Keine reale Person.
source-pan-cancer-description = 15.726 synthetische Patientinnen und Patienten mit 38 Tumorentitäten und 349 Markern wie in der Studie, erklärt vom Standardmodell der Seite (an dieser Kohorte trainiert; der C-Index stammt aus ihrer eigenen zurückgehaltenen Testhälfte). Keine reale Person. Die Erklärung aller Patientinnen und Patienten dauert einige Sekunden.
source-ncctg-lung-description = 228 Patientinnen und Patienten mit fortgeschrittenem Lungenkarzinom (North Central Cancer Treatment Group; R survival::lung); Gesamtüberleben in Tagen; ECOG- und Karnofsky-Leistungsstatus, Gewichtsverlust, Kalorienaufnahme. Die Codes der Einrichtungen sind weggelassen.
source-rotterdam-description = 2.982 Frauen mit primärem Mammakarzinom (Rotterdamer Tumorbank; R survival::rotterdam); Gesamtüberleben in Monaten.
source-support-description = 9.105 schwer erkrankte, stationär behandelte Erwachsene (SUPPORT-Studie; R Hmisc support2); Überleben in Tagen; die Krankheitsgruppe ist die Entität. Die eigenen Vorhersagen der Studie und Spalten, die dem Verlauf nahestehen, sind weggelassen.
source-rotterdam-to-gbsg-description = An Rotterdam (2.982 Patientinnen) trainiert, dann auf die Studie 2 der German Breast Cancer Study Group (686 Patientinnen) mit harmonisierten Merkmalen angewandt; der Endpunkt beider ist das rezidivfreie Überleben (Rezidiv oder Tod). Alle GBSG-Patientinnen sind zurückgehalten, der gezeigte C-Index ist also eine externe Validierung.

# Der Titel der Kohorte auf dem Bildschirm.
title-synthetic =
    Synthetische { $preset ->
        [teaching] Lehrkohorte
        [pan-cancer] Pan-Cancer-Kohorte
       *[other] Kohorte „{ $preset }“
    }, { $patients } { $patients ->
        [one] Patientin oder Patient
       *[other] Patientinnen und Patienten
    }, Seed { $seed }
title-named =
    { $name }, { $patients } { $patients ->
        [one] Patientin oder Patient
       *[other] Patientinnen und Patienten
    }
title-named-without-outcomes =
    { $name }, { $patients } { $patients ->
        [one] Patientin oder Patient
       *[other] Patientinnen und Patienten
    } ohne bekannten Verlauf
title-fhir-files =
    FHIR-Export ({ $files } Dateien), { $patients } { $patients ->
        [one] Patientin oder Patient
       *[other] Patientinnen und Patienten
    } ohne bekannten Verlauf
title-explained-by-file = { $cohort }, erklärt von { $file }
title-validation = { $cohort }, erklärt von einem an { $development } trainierten Modell

# Welches Netz die Kohorte auf dem Bildschirm erklärt, in einem Satz.
origin-unrecorded = Die Herkunft des Netzes ist nicht festgehalten.
origin-trained = Ein in diesem Tab an { $patients } Patientinnen und Patienten ({ $events } Ereignisse) trainiertes Netz; es kann als survlens-Modelldatei gespeichert werden.
origin-default = Das Standardmodell der Seite, trainiert an der synthetischen Pan-Cancer-Kohorte.
origin-file = Die Modelldatei { $file }: { $description }. Ihre Baseline-Hazard-Funktion und die Grenzen der Risikogruppen stammen von ihren eigenen Trainingspersonen; alle Patientinnen und Patienten hier sind zurückgehalten.
origin-file-model = tiefes Cox-Netz { $inputs } -> { $widths } auf { $markers ->
        [one] { $markers } Marker
       *[other] { $markers } Markern
    }, trainiert an { $patients ->
        [one] { $patients } Person
       *[other] { $patients } Patientinnen und Patienten
    } ({ $events ->
        [one] { $events } Ereignis
       *[other] { $events } Ereignisse
    })
origin-onnx = Das ONNX-Netz { $file } ({ $inputs } Eingänge).
origin-onnx-by = Das ONNX-Netz { $file } ({ $inputs } Eingänge, geschrieben von { $producer }).
origin-onnx-no-baseline = Die Datei bringt weder eine Baseline-Hazard-Funktion noch Risikogruppen mit: Überlebenskurven und die Grenzen der Risikodrittel werden an dieser Kohorte selbst geschätzt, und alle Patientinnen und Patienten gelten als zurückgehalten.
