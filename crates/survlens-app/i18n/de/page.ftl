# Der Rahmen der Seite: Kopf, Navigation, Fuß, Sprachwahl, ein angehaltener Worker.
# Schlüssel und Argumente müssen denen in en/page.ftl entsprechen; die Tests prüfen beide.

page-tagline-oncology = Überlebensvorhersagen in der Onkologie erklärt, Marker für Marker
page-tagline-general = Überlebensvorhersagen erklärt, Marker für Marker
page-privacy = Ihre Daten bleiben in diesem Browser-Tab: Nichts wird hochgeladen, nichts wird gespeichert.
page-footer = survlens baut die Methode von Keyl et al., Nature Cancer 2025, nach: Ein tiefes Cox-Netz sagt das Risiko jeder Patientin und jedes Patienten vorher, und die schichtweise Relevanzpropagation (LRP) zerlegt es in einen Beitrag je Marker.
page-synthetic-note = Die angezeigte Kohorte ist synthetisch: Keine echte Person wird gezeigt.

language-label = Sprache

nav-label = Ansichten
nav-patient = Patient
nav-cohort = Kohorte
nav-markers = Marker
nav-interactions = Interaktionen
nav-model = Modell
nav-teaching = Lehre

fault-heading = Die Berechnung wurde angehalten
fault-restart = Neu starten: die Seite neu laden

# Die Patientenauswahl.
patients-heading = Patienten
patients-matches =
    { $matches } von { $total ->
        [one] { $total } Patient
       *[other] { $total } Patienten
    }, höchstes Risiko zuerst
patients-matches-paged = { $matches } von { $total } Patienten, höchstes Risiko zuerst; die ersten { $shown } angezeigt
patients-column-patient = Patient
patients-column-risk = Risiko
patients-listing = Patienten werden aufgelistet …
patients-not-found = Kein Patient hat die Kennung { $id }.

# Die Berechnung im Worker: Fortschritt, Abbruch, Fehler.
job-cancel = Abbrechen
job-progress = Fortschritt der Berechnung
job-epoch = Epoche { $epoch } von höchstens { $max } · Trainingsverlust { $train } · Validierungsverlust { $validation } · Validierungs-C-Index (Harrell) { $cindex }
job-cancelled = Das Training wurde abgebrochen. Nichts wurde verändert.
job-open-default = Die Standardkohorte wieder öffnen
job-failed = Die Berechnung ist fehlgeschlagen: { $reason }
job-retry = Erneut versuchen

# Während die Kohorte nach ihrer ersten Patientin oder ihrem ersten Patienten erklärt wird.
ui-first-look-label = Die Kohorte wird erklärt
ui-first-look-first = Die erste der { $patients } Personen der Kohorte ist erklärt; die übrigen werden gezogen und erklärt.
ui-first-look-rest = Die Patientenliste und die Ansichten der ganzen Kohorte öffnen sich, sobald alle Patientinnen und Patienten erklärt sind: Der Fortschrittsbalken oben zeigt, wie weit es ist.
ui-first-look-heading = { $view }: Warten auf die Kohorte
ui-first-look-view = Diese Ansicht beschreibt alle { $patients } Patientinnen und Patienten; sie öffnet sich, sobald alle erklärt sind. Bis dahin zeigt die Patientenansicht die erste Person der Kohorte.

# Eine Ansicht, die Verläufe braucht, bei einer Datei ohne sie.
ui-no-outcomes-heading = { $view }: keine Verläufe in dieser Datei
ui-no-outcomes-model-note = Diese Datei enthält keine Überlebenszeiten und Ereignisse (Patientinnen und Patienten ohne bisher bekannten Verlauf), daher kann die Güte des Modells auf zurückgehaltenen Daten (C-Index, Brier-Score, Kalibrierung) nicht gezeigt werden: Das Modell sagt für diese Patientinnen und Patienten vorher und erklärt sie, aber nichts hier zeigt, wie es ihnen ergangen ist.
ui-no-outcomes-other-views = Die Ansichten Patient, Marker und Interaktionen erklären alle Patientinnen und Patienten dieser Datei; eine Datei mit Überlebenszeiten und Ereignissen liefert die Zahlen, die diese Ansicht braucht.

## Die Suche nach Patientinnen und Patienten

patients-search-group = Nach Kennung oder { $group } suchen
patients-search = Nach Kennung suchen
patients-example-group = z. B. { $id } oder { $group }
patients-example = z. B. { $id }
