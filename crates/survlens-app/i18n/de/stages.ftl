# Was der Worker gerade tut, wie die Fortschrittszeile des Auftragsfelds es zeigt.

stage-starting = Wird gestartet
stage-drawing-and-explaining = Die { $patients } Patientinnen und Patienten der Kohorte werden gezogen und erklärt
stage-finding-interactions = Interaktionen zwischen Markern werden gesucht
stage-encoding-patients = Die Patientendaten werden für das gespeicherte Modell kodiert
stage-encoding-cohort = Die Kohorte wird für das gespeicherte Modell kodiert
stage-training = Das Netz wird trainiert
stage-training-pool = Das Netz wird trainiert, jeder Batch auf { $workers } Worker verteilt
stage-training-member-stopped = (ein Worker des Pools hat angehalten; sein Anteil der Batches wird hier trainiert)
stage-training-step = Training: Einstellung { $setting } von { $settings }, Fold { $fold }, Schritt { $step }
stage-training-additive = Training: die additiven Cox-Modelle neben den Netzen, Fold { $fold } von { $folds }
stage-training-validation = Validierungsverlust { $loss } · Validierungs-C-Index (Harrell) { $cindex }
stage-networks-elsewhere =
    { $networks ->
        [one] ein weiteres Netz wird in einem anderen Worker trainiert
       *[other] { $networks } weitere Netze werden in anderen Workern trainiert
    }
stage-network-worker-stopped = (ein Worker des Pools hat angehalten; sein Netz wird hier trainiert)
stage-fitting-baselines = Das lineare und das Spline-Cox-Modell werden neben dem Netz angepasst
stage-explaining = Alle Patientinnen und Patienten werden erklärt: { $done } von { $patients } fertig
stage-explaining-pool = Alle Patientinnen und Patienten werden auf { $workers } Workern erklärt: { $done } von { $patients } fertig
stage-pool-member-stopped = (ein Worker des Pools hat angehalten; seine Patientinnen und Patienten werden hier erklärt)
stage-drawing = Die Patientinnen und Patienten der Kohorte werden gezogen: { $drawn } von { $patients }
stage-interactions-preparing = Interaktionen: die Suche wird vorbereitet, { $done } fertig
stage-interactions-training = Interaktionen: Netz { $network } von { $networks } wird trainiert (Epoche { $epoch })
stage-interactions-network-screen = Interaktionen: Paare werden im Netz gesichtet, Schritt { $step } von { $steps }
stage-interactions-network-screen-fold = Interaktionen: Paare werden im Netz { $fold } von { $folds } gesichtet, Schritt { $step } von { $steps }
stage-interactions-outcome-screen = Interaktionen: Paare werden an den Verläufen der Trainingspatienten gesichtet
stage-interactions-outcome-screen-fold = Interaktionen: Paare werden für Netz { $fold } von { $folds } an den Verläufen der Trainingspatienten gesichtet
stage-interactions-testing = Interaktionen: Paar { $pair } von { $pairs } wird an zurückgehaltenen Verläufen geprüft
stage-interactions-retesting = Interaktionen: Paar { $pair } von { $pairs } wird erneut geprüft, unter Berücksichtigung der stärkeren Paare mit gemeinsamem Marker
stage-interactions-waiting = Interaktionen: der Rest der Suche läuft in anderen Workern
stage-search-elsewhere =
    { $parts ->
        [one] ein weiterer Teil der Suche läuft in einem anderen Worker
       *[other] { $parts } weitere Teile der Suche laufen in anderen Workern
    }
stage-search-worker-stopped = (ein Worker des Pools hat angehalten; sein Teil der Suche läuft hier)
stage-interactions-couplings = Interaktionen: Kopplungen im Netz, Marker { $marker } von { $markers }
