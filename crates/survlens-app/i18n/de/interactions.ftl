# Die Interaktionsansicht: die vom Standardverfahren getesteten Paare, die beiden
# Beschreibungen der Netzkopplung, die gemessene Kalibrierung, ein Paar aus der Nähe.
# Schlüssel vm-interactions-* baut der Worker (views::interactions_view, views::measured),
# ui-interactions-* die Seite (components::interactions_view und ihr Paar-Diagramm).

## Namen, Sätze und Tabellentexte des Workers

vm-interactions-method-confirmed = An Endpunkten bestätigt (Standard)
vm-interactions-method-model = Netzkopplung: Relevanzänderung
vm-interactions-method-statistical = Netzkopplung: Relevanzaufteilung
vm-interactions-effect-confirmed = Hazard Ratio des Produkts (95-%-Intervall)
vm-interactions-effect-model = Mittlere Änderung der Relevanz von A (Log-Risiko)
vm-interactions-effect-statistical = Rang-biseriale Korrelation
vm-interactions-coupling-caption = Netzkopplungen, nicht an Endpunkten getestet: Sie beschreiben, wie die Zuschreibung des Netzes zu einem Marker von einem anderen abhängt. Ein dichtes Netz koppelt fast jedes Paar ein wenig, und korrelierte Marker machen Relevanzen voneinander abhängig; deshalb markieren diese Beschreibungen auch in Kohorten ohne jede Interaktion viele Paare. Sie zeigen, wie das Netz seine Eingaben nutzt, nicht, was die Erkrankung bewirkt.
vm-interactions-explain-confirmed = Die Kohorte wird in { $folds } Hälften geteilt (stratifiziert nach Entität), und auf jeder wird ein Netz trainiert. Jedes Netz sichtet Paare an den Personen, auf denen es trainiert wurde: im Netz (Friedmans H-Statistik aus doppelten Differenzen mit Referenzpersonen derselben Entität, die { $keep-network } stärksten) und an ihren Endpunkten (Score-Test des Produkts bei einem additiven Cox-Modell, die { $keep-outcome } stärksten). Jedes behaltene Paar wird an der anderen Hälfte getestet, deren Endpunkte dieses Netz nie gesehen hat: ein nach Entität stratifiziertes Cox-Modell mit dem Risiko des Netzes (ohne dessen eigene Kopplung des Paares) als Offset, den flexiblen Haupteffekten beider Marker und ihrem Produkt, Likelihood-Quotienten-Test. Der Test ist einseitig, in der Richtung, in die die Endpunkte der Trainingshälfte wiesen (mehr oder weniger Todesfälle mit beiden Markern), festgelegt, bevor die Testhälfte gelesen wird. Ein Paar gilt als gefunden, wenn das Benjamini-Hochberg-Verfahren zum Niveau { $half-fdr } innerhalb einer Hälfte es auswählt, jeder p-Wert gewichtet nach dem Rang des Paares in der Endpunkt-Sichtung dieser Hälfte (4 für die 10 stärksten, 2 für die Ränge 11 bis 30, sonst 1, auf den Mittelwert 1 skaliert; ein gut platziertes Paar kann einen q-Wert unter seinem p-Wert haben); sein q-Wert ist das Doppelte des kleineren der beiden Hälften (die Falscherkennungsrate ist also höchstens { $fdr }). Die Hazard Ratio ist die des Produkts je Einheit der Testskala jedes Markers (vorhanden gegen fehlend, eine Stufe, eine Standardabweichung der Normal-Scores), in der Hälfte mit dem kleineren p-Wert.
vm-interactions-explain-model = { $caption } Marker B wird in einer festen Stichprobe von bis zu { $sample } Personen (stratifiziert nach Entität) auf einen typischen Wert gesetzt (den Kohortenmedian jeder Eingabe), und das Netz wird erneut erklärt; der Effekt ist, wie weit sich die Relevanz von Marker A im Mittel verschiebt. Ein Paar fällt auf, wenn sich die Relevanz von A stärker verschiebt, als die Hintergrundkopplung des Netzes über alle Paare erwarten lässt (empirische Nullverteilung, Benjamini-Hochberg-q-Wert unter { $fdr }).
vm-interactions-explain-statistical = { $caption } Die Personen werden am Median von Marker B geteilt (kategoriale Marker an der mittleren Stufe in ihrer aufgeführten Reihenfolge); die Relevanz von Marker A wird zwischen den Hälften mit einem zweiseitigen Mann-Whitney-U-Test verglichen. Ein Paar fällt auf, wenn sein Benjamini-Hochberg-q-Wert unter { $fdr } liegt.
vm-interactions-not-asked = Es wurden nur die Netzkopplungen angefordert.
vm-interactions-no-outcomes = Die Kohorte hat keine Endpunkte: Interaktionen werden an Endpunkten bestätigt, deshalb werden nur die Netzkopplungen gezeigt.
vm-interactions-too-small = { $patients } Personen mit { $events } Ereignissen: Das Standardverfahren braucht mindestens { $min-patients } Personen und { $min-events } Ereignisse (zwei Hälften, die jeweils ein Netz trainieren und die Paare der anderen testen).
vm-interactions-failed = { $step }: { $failure }
vm-interactions-unfinished = Die Suche wurde nicht beendet.
vm-interactions-step-split = Die Kohorte konnte nicht für das Cross-Fitting geteilt werden
vm-interactions-step-training = Ein Cross-Fitting-Netz konnte nicht trainiert werden
vm-interactions-step-start = Die Suche konnte nicht starten
vm-interactions-step-search = Die Suche ist fehlgeschlagen
vm-interactions-marker = Marker { $index }
vm-interactions-table-model = { $significant } von { $pairs } geordneten Paaren ({ $markers } gesichtete Marker verschoben, jeder gegen jeden anderen Marker) fallen unter dieser Beschreibung auf (Relevanzänderung, { $patients } Personen in der Stichprobe).
vm-interactions-table-statistical = { $significant } von { $pairs } geordneten Paaren unter den { $markers } wichtigsten Markern fallen unter dieser Beschreibung auf (Relevanzaufteilung, { $patients } Personen).
vm-interactions-hazard-ratio = { $hr } ({ $lower }–{ $upper })
vm-interactions-not-estimated = nicht geschätzt
vm-interactions-confirmed-sentence = { $declared } von { $tested } getesteten Paaren als Interaktion ausgewiesen (einseitige Tests, gewichtetes Benjamini-Hochberg, q < { $fdr }). Jedes Paar unter den { $candidates } Markern mit der größten Gesamtinteraktion ({ $screened } Paare) wurde in jedem der { $folds } Cross-Fitting-Netze an { $patients } Personen gesichtet; jedes behaltene Paar wurde an der Hälfte getestet, deren Endpunkte sein Netz nie gesehen hat.
vm-interactions-product = { $a } × { $b }
vm-interactions-unknown-marker = Marker { $marker } gibt es nicht; die Kohorte hat { $markers } Marker
vm-interactions-same-marker = Ein Paar braucht zwei verschiedene Marker, Marker { $marker } wurde zweimal gewählt
vm-interactions-no-curves = Die Kohorte hat keine Endpunkte, aus denen sich Überlebenskurven zeichnen ließen
vm-interactions-axis-value = { $name } (Wert)
vm-interactions-axis-unit = { $name } ({ $unit })
vm-interactions-range = { $from } bis { $to }
vm-interactions-split-level = { $name }: { $level }
vm-interactions-split-at-most = { $name } ≤ { $value }
vm-interactions-split-above = { $name } > { $value }
vm-interactions-group = { $a }, { $b }

## Die eingepflanzten Interaktionen der synthetischen Kohorten

vm-interactions-planted-egfr-tki = EGFR-Mutation × EGFR-Tyrosinkinase-Inhibitor
vm-interactions-planted-alk = ALK-Fusion × ALK-Inhibitor
vm-interactions-planted-braf-mek = BRAF-Mutation × BRAF/MEK-Inhibitor
vm-interactions-planted-erbb2 = ERBB2-Alteration × HER2-gerichtete Therapie
vm-interactions-planted-brca2 = BRCA2-Mutation × PARP-Inhibitor
vm-interactions-planted-kras = KRAS-Mutation × Anti-EGFR-Antikörper
vm-interactions-planted-pd1-crp = Anti-PD-1 × CRP
vm-interactions-planted-pd1-tmb = Anti-PD-1 × hohe Tumormutationslast
vm-interactions-planted-pd1-msi = Anti-PD-1 × Mikrosatelliteninstabilität
vm-interactions-planted-pd1-steroids = Anti-PD-1 × Kortikosteroide
vm-interactions-planted-platinum-ecog = Platinhaltige Chemotherapie × ECOG ≥ 2
vm-interactions-planted-braf-targeted = BRAF-Mutation × BRAF/MEK-gerichtete Therapie
vm-interactions-planted-immunotherapy-crp = Immuncheckpoint-Inhibitor × CRP

## Die gemessene Kalibrierung (views::measured)

vm-interactions-design-calibration = 40 Marker in 5 Entitäten, zwei eingepflanzte Paare im Zwilling
vm-interactions-design-pan-cancer = das Pan-Cancer-Design, 349 Marker in 38 Entitäten, 11 eingepflanzte Paare im Zwilling
vm-interactions-tally-none = keines
vm-interactions-tally-first = { $what } in { $seeds ->
        [one] { $seeds } Seed
       *[other] { $seeds } Seeds
    }
vm-interactions-tally-part = { $what } in { $seeds }
vm-interactions-and = { $list } und { $last }
vm-interactions-size = Mit { $patients } Personen ({ $design }): Ohne jede Interaktion wies es in { $clean } von { $seeds } Seeds nichts aus (ausgewiesene Paare: { $tally })
vm-interactions-size-pair = { $name } in { $declared } von { $seeds } (Orakel { $power } %)
vm-interactions-size-planted = ; mit den eingepflanzten Paaren wies es aus (daneben jeweils die Power eines Orakel-Tests, der die eingepflanzte Form kennt): { $pairs }; und ein nicht eingepflanztes Paar in { $false } von { $seeds } Seeds
vm-interactions-headline-planted = ; an denselben Kohorten mit eingepflanzten Paaren fand es { $found } von { $chances } eingepflanzten Paaren und wies { $false } nicht eingepflanzte aus
vm-interactions-headline-weak = : Ein Befund in einer Kohorte dieser Größe ist nur schwache Evidenz
vm-interactions-headline = Gemessen bei { $size } Personen, der Größe, die den { $patients } Personen dieser Kohorte am nächsten liegt: In { $seeds } synthetischen Kohorten ohne jede Interaktion wies das Verfahren in { $false } ein Paar aus{ $planted }{ $caution }.
vm-interactions-calibration = Wie oft dieses Verfahren irrt, gemessen an synthetischen Kohorten mit bekannter Wahrheit ({ $date }, Falscherkennungsrate { $fdr }, `survlens calibrate-interactions`). { $sizes }

## Die Seite

ui-interactions-heading = Interaktionen zwischen Markern
ui-interactions-running = Die Interaktionssuche läuft noch; ihr Fortschritt wird oben angezeigt.
ui-interactions-arranging = Die Interaktionen werden zusammengestellt …
ui-interactions-disclaimer = Eine Interaktion bedeutet hier, dass der Effekt von Marker A auf das Überleben von Marker B abhängt: Das Standardverfahren testet dies an Endpunkten, die das Netz nie gesehen hat, und gibt an, wie oft es irrt. Die Beschreibungen der Netzkopplung zeigen nur, wie das Netz seine Eingaben gewichtet.
ui-interactions-pairs-heading = Paare
ui-interactions-method = Verfahren
ui-interactions-method-aria = Verfahren, das Interaktionen findet
ui-interactions-stand-out = von { $pairs } geordneten Paaren fallen unter dieser Beschreibung auf
ui-interactions-declared = von { $tested } getesteten Paaren als Interaktion ausgewiesen
ui-interactions-calibration-summary = Jede gemessene Größe und jedes eingepflanzte Paar
ui-interactions-confirmed-caption = Die { $rows } getesteten Paare mit den kleinsten p-Werten (von { $tested }); jedes Paar unter den { $candidates } Kandidatenmarkern wurde gesichtet. Hazard Ratio des Produkts je Einheit der Testskalen beider Marker, in der Hälfte mit dem kleineren p-Wert.
ui-interactions-col-rank = Rang
ui-interactions-col-a = A
ui-interactions-col-b = B
ui-interactions-col-hazard-ratio = Hazard Ratio (95-%-KI)
ui-interactions-col-p = p-Wert
ui-interactions-col-q = q-Wert
ui-interactions-col-declared = Ausgewiesen
ui-interactions-col-adjusted = Adjustiert für
ui-interactions-col-plot = Darstellung
ui-interactions-col-a-relevance = A (Relevanz)
ui-interactions-col-b-moved = B (verschoben oder geteilt)
ui-interactions-col-method = Verfahren
ui-interactions-col-effect = Effekt
ui-interactions-col-shift = Verschiebung (Log-Risiko)
ui-interactions-col-stands-out = Fällt auf
ui-interactions-planted = eingepflanzt
ui-interactions-yes = ja
ui-interactions-no = nein
ui-interactions-plot = Zeigen
ui-interactions-plot-pair = { $a } und { $b } zeigen
ui-interactions-plot-against = { $a } gegen { $b } zeigen
ui-interactions-planted-intro = In diese synthetische Kohorte eingepflanzt ({ $patients } Personen angezeigt; erkennbar: Ein Orakel-Test, der die eingepflanzte Form kennt, hat bei dieser Größe mindestens 80 % Power):
ui-interactions-not-examined = nicht untersucht
ui-interactions-rank = Rang { $rank }
ui-interactions-planted-declared = vom Standardverfahren ausgewiesen (q { $q })
ui-interactions-planted-not-declared = getestet, nicht ausgewiesen (q { $q })
ui-interactions-planted-not-tested = vom Standardverfahren nicht getestet
ui-interactions-detectable = erkennbar
ui-interactions-not-detectable = nicht erkennbar
ui-interactions-planted-item = { $name }: { $detectable } (Orakel-Power { $power }); { $confirmed }; Kopplungen: { $split } bei der Relevanzaufteilung, { $change } bei der Relevanzänderung.
ui-interactions-table-caption-model = Die { $rows } stärksten Kopplungen, Netzkopplung: Relevanzänderung. Effekt: mittlere Änderung der Relevanz von A (Log-Risiko).
ui-interactions-table-caption-statistical = Die { $rows } stärksten Kopplungen, Netzkopplung: Relevanzaufteilung. Effekt: rang-biseriale Korrelation.
ui-interactions-matrix-what-statistical = wie stark sich die Relevanz des Zeilenmarkers zwischen Personen mit hohem und niedrigem Spaltenmarker unterscheidet
ui-interactions-matrix-what-model = wie weit sich die Relevanz des Zeilenmarkers verschiebt, wenn der Spaltenmarker auf einen typischen Wert gesetzt wird
ui-interactions-matrix-caption = Stärke der Netzkopplung für die { $k } wichtigsten Marker: Jede Zelle zeigt, { $what }. Punkte markieren auffallende Paare; die Diagonale ist leer. Nicht an Endpunkten getestet.
ui-interactions-matrix-alt = Heatmap der Stärke der Netzkopplung zwischen { $k } Markern; die Tabelle enthält jede Zelle.
ui-interactions-matrix-table-caption = Stärke: { $legend }; Zeilen A, Spalten B
ui-interactions-matrix-corner = A \ B
ui-interactions-heatmap-legend-statistical = |rang-biseriale Korrelation|
ui-interactions-heatmap-legend-model = mittlere |Änderung| der Relevanz von A (Log-Risiko)
ui-interactions-heatmap-stands-out = fällt auf
ui-interactions-heatmap-row = A: { $name }
ui-interactions-heatmap-col = B: { $name }
ui-interactions-survival-at = { $survival } % ({ $lower }–{ $upper })
ui-interactions-curves-failed = Die Überlebenskurven konnten nicht gezeichnet werden: { $reason }
ui-interactions-logrank = Log-Rank-Test über die vier Gruppen: Chi-Quadrat { $chi } bei { $df } Freiheitsgraden, p { $p }.
ui-interactions-km-caption = Kaplan-Meier-Kurven ({ $survival }) der { $patients } Personen mit beiden Werten in den vier Gruppen des Paares ({ $missing } ohne einen der beiden nicht gezeigt), mit 95-%-Bändern. Eine Interaktion zeigt sich als Abstand zwischen { $a-low } und { $a-high }, der sich zwischen { $b-low } und { $b-high } unterscheidet: Die Kurven beschreiben, der Test oben entscheidet.
ui-interactions-km-alt = Kaplan-Meier-Kurven der vier Gruppen des Paares; die Tabelle listet ihre Personen, { $events }, Mediane und das Überleben zu festen Zeitpunkten.
ui-interactions-km-table-caption = Gruppen des Paares: Personen, { $events }, medianes Überleben und Überleben zu jedem Zeitpunkt (Kaplan-Meier, 95-%-KI)
ui-interactions-col-group = Gruppe
ui-interactions-col-patients = Personen
ui-interactions-col-median-months = Median (Monate)
ui-interactions-months = { $months } Mon.
ui-interactions-not-reached = nicht erreicht
ui-interactions-drawing = Das Paar wird gezeichnet …
ui-interactions-pair-heading = Ein Paar aus der Nähe
ui-interactions-marker-a = Marker A
ui-interactions-marker-b = Marker B
ui-interactions-plot-failed = Das Paar konnte nicht dargestellt werden: { $reason }
ui-interactions-not-available = nicht verfügbar
ui-interactions-summary-statistical = Relevanzaufteilung: rang-biseriale Korrelation { $effect }, Verschiebung des Medians { $shift } Log-Risiko, q { $q }.
ui-interactions-summary-model = Relevanzänderung: Die Relevanz von A verschiebt sich im Mittel um { $effect } Log-Risiko (mittlere vorzeichenbehaftete Änderung { $shift }), wenn B auf einen typischen Wert gesetzt wird; q { $q } gegen die Hintergrundkopplung des Netzes.
ui-interactions-each-level = jeder Stufe
ui-interactions-each-fifth = in jedem Fünftel der Werte
ui-interactions-pair-caption = Wie das Netz { $a } über die Werte von { $b } gewichtet (eine Netzkopplung, nicht an Endpunkten getestet). Jeder Punkt ist eine Person: waagerecht der Wert von { $b }, senkrecht, wie stark { $a } den Risikoscore der Person erhöht oder gesenkt hat. Boxen umfassen die mittlere Hälfte der Personen { $boxes } (Linie: Median; Whisker: 1,5 Interquartilsabstände).
ui-interactions-pair-alt = Streudiagramm der Relevanz von { $a } gegen den Wert von { $b } mit Boxen; die Tabelle listet die Boxen.
ui-interactions-pair-table-caption = Relevanz von { $a } nach { $b } ({ $missing } Personen ohne Wert für { $b } nicht gezeigt)
ui-interactions-col-lower-quartile = Unteres Quartil
ui-interactions-col-median = Median
ui-interactions-col-upper-quartile = Oberes Quartil
ui-interactions-chart-no-values = Keine Person hat einen Wert für { $name }.
ui-interactions-chart-relevance = Relevanz von { $name } (Log-Risiko)
