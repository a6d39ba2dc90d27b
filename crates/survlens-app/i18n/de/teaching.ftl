# Die Lehransicht: die Texte, die der Worker erstellt (vm-teaching-), und die, die die
# Komponenten der Seite selbst schreiben (ui-teaching-). Zahlen kommen bereits in der Sprache
# der Seite geschrieben an.

## Die Sätze und Tabellenbeschriftungen des Workers (views::teaching, views::measured)

vm-teaching-agree-none = Bei Patient { $id } haben die Erklärung und die eingebaute Wahrheit unter ihren jeweils { $k } größten Markern keinen mit gleicher Richtung gemeinsam.
vm-teaching-agree = Bei Patient { $id } stimmt die Erklärung hinsichtlich { $markers } mit der eingebauten Wahrheit überein (gleiche Richtung, unter den { $k } größten beider Seiten).
vm-teaching-credited =
    { $n ->
        [one] Sie schreibt { $markers } Relevanz zu, obwohl dieser Marker bei dieser Person keinen eigenen eingebauten Effekt hat.
       *[other] Sie schreibt { $markers } Relevanz zu, obwohl diese Marker bei dieser Person keinen eigenen eingebauten Effekt haben.
    }
vm-teaching-credited-marker = { $name } ({ $relevance })
vm-teaching-credited-partner = { $name } ({ $relevance }; Teil der eingebauten Interaktion { $interactions })
vm-teaching-missed = Unter ihren { $k } größten Markern übersieht sie { $markers }.
vm-teaching-missed-marker = { $name } (wahr { $truth })
vm-teaching-opposite = Sie gibt { $markers } die entgegengesetzte Richtung.
vm-teaching-opposite-marker = { $name } (wahr { $truth }, Relevanz { $relevance })
vm-teaching-no-contradiction = Nichts unter den größten Beiträgen widerspricht der Wahrheit.
vm-teaching-and = { $init } und { $last }
vm-teaching-rule-study = LRP, die vorzeichenbewusste Gamma-Regel der Studie (Gamma 0,01)
vm-teaching-verdict-agrees = stimmt überein
vm-teaching-verdict-credited = zugeschrieben, kein eingebauter Effekt
vm-teaching-verdict-missed = vom Modell übersehen
vm-teaching-verdict-opposite = entgegengesetzte Richtung
vm-teaching-verdict-minor = gering
vm-teaching-measured = Nativ gemessen ({ $date }, `{ $command }`) an { $patients } der { $total } Patientinnen und Patienten dieser Kohorte (k = { $k } nachweisbare Marker; 95-%-Bootstrap-Intervalle): { $model } (C { $c }, Orakel { $oracle }) erreicht { $figures }. Dasselbe Netz, mit den Seeds { $seeds } neu trainiert: { $retrained }. Obergrenze, ein Orakel-Erklärer: { $ceiling }. Untergrenze, dasselbe Netz mit vertauschten Endpunkten trainiert (C { $floorc }): { $floor }.
vm-teaching-measured-figures = AUROC { $auroc }, Präzision bei k { $precision }, Spearman { $spearman }
vm-teaching-measured-seed = Seed { $seed } (C { $c }): { $figures }
vm-teaching-measured-default-model = das Standardmodell
vm-teaching-measured-trained-model = das Netz der Studie, an seinen Trainingspersonen trainiert

## Die Seite: Überschriften, Bedienelemente, Bildunterschriften, Tabellen

ui-teaching-heading = Lehrmodus
ui-teaching-computing = Die Erklärung wird mit der eingebauten Wahrheit verglichen …
ui-teaching-unavailable = Der Lehrmodus braucht eine synthetische Kohorte, deren wahre Effekte bekannt sind: „{ $title }“ hat keine eingebaute Wahrheit, mit der sich die Erklärung vergleichen ließe. Öffnen Sie die synthetische Demokohorte, um ihn zu nutzen.
ui-teaching-title = Lehrmodus: die eingebaute Wahrheit neben der Erklärung
ui-teaching-intro = { $title }: Der Generator hat jedem Marker einen wahren Effekt auf das Hazard gegeben; so lässt sich prüfen, was die schichtweise Relevanzpropagation ({ $rule }) davon wiederfindet.
ui-teaching-no-patient = Kein Patient ausgewählt.
ui-teaching-patient = Patient { $id }
ui-teaching-pair-caption = Für jeden Marker unter den { $k } größten einer der beiden Seiten: sein wahrer Beitrag zum Log-Hazard dieses Patienten (orange) und die Relevanz, die LRP ihm gibt (blau). Balken auf derselben Seite der Null stimmen in der Richtung überein.
ui-teaching-pair-alt = Gepaartes Balkendiagramm der eingebauten Wahrheit und der LRP-Erklärung für { $n } Marker von Patient { $id }.
ui-teaching-marker = Marker
ui-teaching-value = Wert
ui-teaching-true-contribution = Wahrer Beitrag
ui-teaching-lrp-relevance = LRP-Relevanz
ui-teaching-verdict = Urteil
ui-teaching-planted-effect = Eingebauter Effekt
ui-teaching-none = keiner
ui-teaching-how-to-read = So lesen Sie es: Ein wahrer Beitrag wird vom effektfreien Niveau des Markers aus gemessen (zum Beispiel ECOG 0), eine Relevanz vom Mittel der Trainingsdaten aus; daher kann eine Person auf dem effektfreien Niveau Relevanz erhalten, wenn die meisten darüber liegen. Effekte unter { $negligible } Log-Hazard-Einheiten gelten als keine; ein übersehener Effekt ist einer von mindestens { $clear } (eine Hazard Ratio von etwa 1,1). Eingebaute Interaktionen sind nicht Teil der Wahrheit je Marker; ein Marker, der nur über eine Interaktion wirkt, kann zu Recht Relevanz erhalten.
ui-teaching-cohort-heading = Die ganze Kohorte: Wie treu ist die Erklärung?
ui-teaching-auroc = AUROC, prognostische gegen Null-Marker
ui-teaching-precision = Präzision bei k = { $k } nachweisbaren Markern
ui-teaching-spearman = Spearman-ρ über die nachweisbaren Marker
ui-teaching-top5 = Wiedergefundene Top-5-Marker
ui-teaching-top10 = Wiedergefundene Top-10-Marker
ui-teaching-recovered = { $recovered } von { $k }
ui-teaching-model-cindex = C-Index des Modells (Harrell, Testpersonen)
ui-teaching-oracle-cindex = C-Index des Orakels (wahres Hazard)
ui-teaching-summary = Gemessen an der Wahrheit, die das Modell sehen kann (der eingebaute Beitrag jedes Markers bei den Werten, die es erhielt, Interaktionen auf ihre Partner aufgeteilt, zentriert), ordnet LRP prognostische Marker mit einer AUROC von { $auroc } vor Null-Markern; von seinen { $k } ersten Markern ist ein Anteil von { $precision } mit einem Orakeltest bei dieser Kohortengröße nachweisbar; über diese nachweisbaren Marker folgt die Bedeutung der wahren Bedeutung mit einer Spearman-Korrelation von { $spearman }. Ein Orakel-Erklärer, dessen Relevanzen die Wahrheit selbst sind, erreicht { $ceilauroc }, { $ceilprecision } und { $ceilspearman }. Das Modell erreicht bei den zurückgehaltenen Testpersonen einen C-Index von { $model }, { $gap } unter dem des Orakels ({ $oracle }). Intervalle: 95-%-Bootstrap über { $patients } Patientinnen und Patienten.
ui-teaching-scatter-caption = Jeder Punkt ist ein Marker: seine wahre Bedeutung (mittlerer absoluter zentrierter wahrer Beitrag bei den Werten, die das Modell sieht, Interaktionen auf ihre Partner aufgeteilt) gegen seine LRP-Bedeutung (mittlere absolute zentrierte Relevanz). Gefüllte Punkte haben einen eingebauten Effekt; offene Punkte haben keinen eigenen, jede Relevanz, die sie erhalten, ist also von korrelierten Markern oder Interaktionen geborgt.
ui-teaching-scatter-alt = Streudiagramm der wahren gegen die LRP-Bedeutung für { $n } Marker.
ui-teaching-true-rank = Wahrer Rang
ui-teaching-true-importance = Wahre Bedeutung
ui-teaching-lrp-importance = LRP-Bedeutung
ui-teaching-yes = ja
ui-teaching-yes-interacts = ja; in Interaktion ({ $interactions })
ui-teaching-only-through = nur über { $interactions }
ui-teaching-interactions-heading = Eingebaute Interaktionen
ui-teaching-no-interactions = Diese Kohorte hat keine eingebauten Interaktionen.
ui-teaching-detectable = { $description } Nachweisbar bei { $n } Patientinnen und Patienten (ein Orakeltest, der ihre Form kennt, hat eine Power von { $power } %).
ui-teaching-not-detectable = { $description } Nicht nachweisbar bei { $n } Patientinnen und Patienten (ein Orakeltest, der ihre Form kennt, hat eine Power von { $power } %).
ui-teaching-interactions-note = Die Ansicht „Interaktionen“ zeigt, welche davon die Standardmethode an zurückgehaltenen Endpunkten feststellt.

## Die Diagramme

ui-teaching-chart-no-marker = Kein Marker zum Vergleichen.
ui-teaching-chart-truth = eingebaute Wahrheit (wahrer Beitrag zum Log-Hazard)
ui-teaching-chart-lrp = LRP-Relevanz (die Erklärung des Modells)
ui-teaching-chart-pair-x = Beitrag zum Log-Hazard
ui-teaching-chart-planted = eingebauter Effekt
ui-teaching-chart-unplanted = kein eigener eingebauter Effekt
ui-teaching-chart-scatter-x = wahre Bedeutung (mittlerer |wahrer Beitrag|)
ui-teaching-chart-scatter-y = LRP-Bedeutung (mittlere |Relevanz|)

## Die Bedeutung der eingebauten Interaktionen (der Generator der synthetischen Kohorten)

vm-teaching-int-braf-teaching = Die BRAF/MEK-Hemmung verlängert das Überleben nur bei BRAF-mutierten Tumoren.
vm-teaching-int-crp-teaching = Eine systemische Entzündung schwächt den Nutzen der Checkpoint-Hemmung ab.
vm-teaching-int-egfr = EGFR-Inhibitoren verlängern das Überleben nur bei EGFR-mutierten Tumoren.
vm-teaching-int-alk = ALK-Inhibitoren wirken beim ALK-rearrangierten Lungenkarzinom sehr gut.
vm-teaching-int-braf = Die BRAF/MEK-Hemmung hilft nur bei BRAF-mutierten Tumoren.
vm-teaching-int-erbb2 = HER2-gerichtete Medikamente helfen bei Tumoren mit ERBB2-Amplifikation oder -Mutation.
vm-teaching-int-parp = PARP-Inhibitoren nutzen einen Defekt der homologen Rekombination aus.
vm-teaching-int-kras = Cetuximab und Panitumumab versagen bei KRAS-mutierten Tumoren und können schaden.
vm-teaching-int-crp = Eine systemische Entzündung schwächt den Nutzen der PD-1-Blockade ab.
vm-teaching-int-tmb = Tumoren mit vielen Mutationen präsentieren den T-Zellen mehr Neoantigene.
vm-teaching-int-msi = Mismatch-Reparatur-defiziente Tumoren sprechen dauerhaft auf die PD-1-Blockade an.
vm-teaching-int-steroids = Kortikosteroide zu Therapiebeginn gehen unter PD-1-Blockade mit schlechteren Verläufen einher.
vm-teaching-int-platinum = Platin-Doubletten schaden Patientinnen und Patienten in schlechtem Allgemeinzustand.

## Die eingebauten Effekte in Worten (die Formeln des Generators)

vm-teaching-effect-entity = entitätsspezifisches Weibull-Basis-Hazard
vm-teaching-effect-linear = linear: { $slope } je { $per }, Bezugswert { $reference } { $unit }
vm-teaching-effect-hinge = Knickstelle { $knot } { $unit }: { $below } je { $per } darunter, { $above } je { $per } darüber
vm-teaching-effect-above = Schwelle: { $delta } bei > { $cut } { $unit }
vm-teaching-effect-below = Schwelle: { $delta } bei < { $cut } { $unit }
vm-teaching-effect-log = log-linear über { $reference } { $unit }: { $slope } je Verdopplung
vm-teaching-effect-ushape = U-Form: min({ $cap }; { $coef } · ((x − { $optimum }) / { $scale })²), Optimum { $optimum } { $unit }
vm-teaching-effect-present = { $delta }, wenn vorhanden
vm-teaching-effect-levels = je Stufe:{ $levels }
vm-teaching-effect-level = { $level } { $beta }
vm-teaching-effect-separator = ;
vm-teaching-effect-absent = nicht vorhanden
vm-teaching-effect-present-level = vorhanden
