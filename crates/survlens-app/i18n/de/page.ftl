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
