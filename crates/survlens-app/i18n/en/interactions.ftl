# The Interactions view: the default method's tested pairs, the two network-coupling
# descriptions, the measured calibration, one pair up close. Keys vm-interactions-* are
# built by the worker (views::interactions_view, views::measured), ui-interactions-* by the
# page (components::interactions_view and its pair chart).

## The worker's names, sentences and table texts

vm-interactions-method-confirmed = Confirmed on outcomes (default)
vm-interactions-method-model = Network coupling: relevance change
vm-interactions-method-statistical = Network coupling: relevance split
vm-interactions-effect-confirmed = Hazard ratio of the product (95% interval)
vm-interactions-effect-model = Mean change of A's relevance (log-risk)
vm-interactions-effect-statistical = Rank-biserial correlation
vm-interactions-coupling-caption = Network couplings, not tested against outcomes: they describe how the network's attribution to one marker depends on another. A dense network couples almost every pair a little, and correlated markers make relevances depend on each other, so these flag many pairs on cohorts without any interaction. They show how the network uses its inputs, not what the disease does.
vm-interactions-explain-confirmed = The cohort is split into { $folds } halves (stratified by entity) and a network is trained on each. Each network screens pairs on the patients it trained on: in the network (Friedman's H statistic from double differences with reference patients of the same entity, the { $keep-network } strongest) and on their outcomes (score test of the product given an additive Cox model, the { $keep-outcome } strongest). Each kept pair is tested on the other half, whose outcomes that network never saw: a Cox model stratified by entity with the network's risk (without its own coupling of the pair) as offset, both markers' flexible main effects and their product, likelihood-ratio test. The test is one-sided, in the direction the training half's outcomes pointed (more or fewer deaths with both markers), fixed before the test half is read. A pair is declared when the Benjamini-Hochberg procedure at { $half-fdr } within one half declares it, each p-value weighted by the pair's rank in that half's outcome screen (4 for the 10 strongest, 2 for ranks 11 to 30, 1 otherwise, scaled to mean 1; a well-ranked pair can have a q-value below its p-value); its q-value is twice the smaller of the halves' (so the false discovery rate is at most { $fdr }). The hazard ratio is that of the product per unit of each marker's test scale (present vs absent, one level, one standard deviation of normal scores), in the half with the smaller p-value.
vm-interactions-explain-model = { $caption } Marker B is set to a typical value (each input's cohort median) in a fixed sample of up to { $sample } patients (stratified by entity) and the network is explained again; the effect is how far marker A's relevance moves on average. A pair stands out when A's relevance moves more than the network's background coupling of all pairs predicts (empirical null, Benjamini-Hochberg q-value below { $fdr }).
vm-interactions-explain-statistical = { $caption } Patients are split at the median of marker B (categorical markers at the median level in their listed order); marker A's relevance is compared between the halves with a two-sided Mann-Whitney U test. A pair stands out when its Benjamini-Hochberg q-value is below { $fdr }.
vm-interactions-not-asked = Only the network couplings were asked for.
vm-interactions-no-outcomes = The cohort has no outcomes: interactions are confirmed on outcomes, so only the network couplings are shown.
vm-interactions-too-small = { $patients } patients with { $events } events: the default method needs at least { $min-patients } patients and { $min-events } events (two halves, each training a network and testing the other's pairs).
vm-interactions-failed = { $step }: { $failure }
vm-interactions-unfinished = the search did not finish
vm-interactions-step-split = The cohort could not be split for cross-fitting
vm-interactions-step-training = A cross-fitted network could not be trained
vm-interactions-step-start = The search could not start
vm-interactions-step-search = The search failed
vm-interactions-marker = marker { $index }
vm-interactions-table-model = { $significant } of { $pairs } ordered pairs ({ $markers } screened markers moved, each against every other marker) stand out under this description (relevance change, { $patients } sampled patients).
vm-interactions-table-statistical = { $significant } of { $pairs } ordered pairs among the { $markers } most important markers stand out under this description (relevance split, { $patients } patients).
vm-interactions-hazard-ratio = { $hr } ({ $lower }–{ $upper })
vm-interactions-not-estimated = not estimated
vm-interactions-confirmed-sentence = { $declared } of { $tested } tested pairs declared (one-sided tests, weighted Benjamini-Hochberg q < { $fdr }). Every pair among the { $candidates } markers with the largest total interaction ({ $screened } pairs) was screened in each of { $folds } cross-fitted networks on { $patients } patients; each kept pair was tested on the half whose outcomes its network never saw.
vm-interactions-product = { $a } x { $b }
vm-interactions-unknown-marker = marker { $marker } does not exist; the cohort has { $markers } markers
vm-interactions-same-marker = a pair needs two different markers, got { $marker } twice
vm-interactions-no-curves = the cohort has no outcomes to draw survival curves from
vm-interactions-axis-value = { $name } (value)
vm-interactions-axis-unit = { $name } ({ $unit })
vm-interactions-range = { $from } to { $to }
vm-interactions-split-level = { $name }: { $level }
vm-interactions-split-at-most = { $name } ≤ { $value }
vm-interactions-split-above = { $name } > { $value }
vm-interactions-group = { $a }, { $b }

## The planted interactions of the synthetic cohorts

vm-interactions-planted-egfr-tki = EGFR mutation x EGFR tyrosine kinase inhibitor
vm-interactions-planted-alk = ALK fusion x ALK inhibitor
vm-interactions-planted-braf-mek = BRAF mutation x BRAF/MEK inhibitor
vm-interactions-planted-erbb2 = ERBB2 alteration x HER2-targeted therapy
vm-interactions-planted-brca2 = BRCA2 mutation x PARP inhibitor
vm-interactions-planted-kras = KRAS mutation x anti-EGFR antibody
vm-interactions-planted-pd1-crp = Anti-PD-1 x CRP
vm-interactions-planted-pd1-tmb = Anti-PD-1 x high tumour mutational burden
vm-interactions-planted-pd1-msi = Anti-PD-1 x microsatellite instability
vm-interactions-planted-pd1-steroids = Anti-PD-1 x corticosteroids
vm-interactions-planted-platinum-ecog = Platinum chemotherapy x ECOG >= 2
vm-interactions-planted-braf-targeted = BRAF mutation x BRAF/MEK-targeted therapy
vm-interactions-planted-immunotherapy-crp = Immune checkpoint inhibitor x CRP

## The measured calibration (views::measured)

vm-interactions-design-calibration = 40 markers in 5 entities, two planted pairs in the twin
vm-interactions-design-pan-cancer = the pan-cancer design, 349 markers in 38 entities, 11 planted pairs in the twin
vm-interactions-tally-none = none
vm-interactions-tally-first = { $what } in { $seeds ->
        [one] { $seeds } seed
       *[other] { $seeds } seeds
    }
vm-interactions-tally-part = { $what } in { $seeds }
vm-interactions-and = { $list } and { $last }
vm-interactions-size = With { $patients } patients ({ $design }): without any interaction it declared nothing in { $clean } of { $seeds } seeds (pairs declared: { $tally })
vm-interactions-size-pair = { $name } in { $declared } of { $seeds } (oracle { $power }%)
vm-interactions-size-planted = ; with the planted pairs it declared (beside each, the power of an oracle test that knows the planted form) { $pairs }; and a pair not planted in { $false } of { $seeds } seeds
vm-interactions-headline-planted = ; on the same cohorts with planted pairs it found { $found } of { $chances } planted pairs and declared { $false } that were not planted
vm-interactions-headline-weak = : a declaration on a cohort of this size is weak evidence
vm-interactions-headline = Measured at { $size } patients, the size closest to this cohort's { $patients }: on { $seeds } synthetic cohorts without any interaction it declared a pair on { $false }{ $planted }{ $caution }.
vm-interactions-calibration = How often this method is wrong, measured on synthetic cohorts whose truth is known ({ $date }, false discovery rate { $fdr }, `survlens calibrate-interactions`). { $sizes }

## The page

ui-interactions-heading = Interactions between markers
ui-interactions-running = The interaction search is still running; its progress is shown above.
ui-interactions-arranging = Arranging the interactions…
ui-interactions-disclaimer = An interaction here means the effect of marker A on survival depends on marker B: the default method tests that on outcomes the network never saw, and states how often it is wrong. The network-coupling descriptions only show how the network weighs its inputs.
ui-interactions-pairs-heading = Pairs
ui-interactions-method = Method
ui-interactions-method-aria = Method that finds interactions
ui-interactions-stand-out = of { $pairs } ordered pairs stand out under this description
ui-interactions-declared = of { $tested } tested pairs declared as interactions
ui-interactions-calibration-summary = Every measured size and planted pair
ui-interactions-confirmed-caption = The { $rows } tested pairs with the smallest p-values (of { $tested }); every pair among the { $candidates } candidate markers was screened. Hazard ratio of the product per unit of both markers' test scales, in the half that gave the smaller p-value.
ui-interactions-col-rank = Rank
ui-interactions-col-a = A
ui-interactions-col-b = B
ui-interactions-col-hazard-ratio = Hazard ratio (95% CI)
ui-interactions-col-p = p-value
ui-interactions-col-q = q-value
ui-interactions-col-declared = Declared
ui-interactions-col-adjusted = Adjusted for
ui-interactions-col-plot = Plot
ui-interactions-col-a-relevance = A (relevance)
ui-interactions-col-b-moved = B (moved or split)
ui-interactions-col-method = Method
ui-interactions-col-effect = Effect
ui-interactions-col-shift = Shift (log-risk)
ui-interactions-col-stands-out = Stands out
ui-interactions-planted = planted
ui-interactions-yes = yes
ui-interactions-no = no
ui-interactions-plot = Plot
ui-interactions-plot-pair = Plot { $a } and { $b }
ui-interactions-plot-against = Plot { $a } against { $b }
ui-interactions-planted-intro = Planted in this synthetic cohort ({ $patients } patients on screen; detectable: an oracle test that knows the planted form has at least 80% power at this size):
ui-interactions-not-examined = not examined
ui-interactions-rank = rank { $rank }
ui-interactions-planted-declared = declared by the default method (q { $q })
ui-interactions-planted-not-declared = tested, not declared (q { $q })
ui-interactions-planted-not-tested = not tested by the default method
ui-interactions-detectable = detectable
ui-interactions-not-detectable = not detectable
ui-interactions-planted-item = { $name }: { $detectable } (oracle power { $power }); { $confirmed }; couplings: { $split } relevance split, { $change } relevance change.
ui-interactions-table-caption-model = The { $rows } strongest couplings, network coupling: relevance change. Effect: mean change of a's relevance (log-risk).
ui-interactions-table-caption-statistical = The { $rows } strongest couplings, network coupling: relevance split. Effect: rank-biserial correlation.
ui-interactions-matrix-what-statistical = how strongly the row marker's relevance differs between patients with the column marker high and low
ui-interactions-matrix-what-model = how far the row marker's relevance moves when the column marker is set to a typical value
ui-interactions-matrix-caption = Network coupling strength for the { $k } most important markers: each cell is { $what }. Dots mark pairs that stand out; the diagonal is empty. Not tested against outcomes.
ui-interactions-matrix-alt = Heatmap of network coupling strength between { $k } markers; the table holds every cell.
ui-interactions-matrix-table-caption = Strength: { $legend }; rows A, columns B
ui-interactions-matrix-corner = A \ B
ui-interactions-heatmap-legend-statistical = |rank-biserial correlation|
ui-interactions-heatmap-legend-model = mean |change| of A's relevance (log-risk)
ui-interactions-heatmap-stands-out = stands out
ui-interactions-heatmap-row = A: { $name }
ui-interactions-heatmap-col = B: { $name }
ui-interactions-survival-at = { $survival }% ({ $lower }–{ $upper })
ui-interactions-curves-failed = The survival curves could not be drawn: { $reason }
ui-interactions-logrank = Log-rank test across the four groups: chi-square { $chi } on { $df } df, p { $p }.
ui-interactions-km-caption = Kaplan-Meier { $survival } of the { $patients } patients with both values in the four groups of the pair ({ $missing } without one of them not shown), with 95% bands. An interaction shows as a gap between { $a-low } and { $a-high } that differs between { $b-low } and { $b-high }: the curves describe, the test above decides.
ui-interactions-km-alt = Kaplan-Meier curves of the four groups of the pair; the table lists their patients, { $events }, medians and survival at landmarks.
ui-interactions-km-table-caption = Groups of the pair: patients, { $events }, median survival and survival at each time (Kaplan-Meier, 95% CI)
ui-interactions-col-group = Group
ui-interactions-col-patients = Patients
ui-interactions-col-median-months = Median (months)
ui-interactions-months = { $months } mo
ui-interactions-not-reached = not reached
ui-interactions-drawing = Drawing the pair…
ui-interactions-pair-heading = One pair up close
ui-interactions-marker-a = Marker A
ui-interactions-marker-b = Marker B
ui-interactions-plot-failed = The pair could not be plotted: { $reason }
ui-interactions-not-available = not available
ui-interactions-summary-statistical = Relevance split: rank-biserial correlation { $effect }, median shift { $shift } log-risk, q { $q }.
ui-interactions-summary-model = Relevance change: A's relevance moves by { $effect } log-risk on average (mean signed change { $shift }) when B is set to a typical value; q { $q } against the network's background coupling.
ui-interactions-each-level = of each level
ui-interactions-each-fifth = in each fifth of the values
ui-interactions-pair-caption = How the network weighs { $a } across { $b }'s values (a network coupling, not tested against outcomes). Each dot is one patient: across, { $b }'s value; up, how much { $a } raised or lowered the patient's risk score. Boxes span the middle half of the patients { $boxes } (line: median; whiskers: 1.5 interquartile ranges).
ui-interactions-pair-alt = Scatter of { $a }'s relevance against { $b }'s value with boxes; the table lists the boxes.
ui-interactions-pair-table-caption = Relevance of { $a } by { $b } ({ $missing } patients with { $b } missing not shown)
ui-interactions-col-lower-quartile = Lower quartile
ui-interactions-col-median = Median
ui-interactions-col-upper-quartile = Upper quartile
ui-interactions-chart-no-values = No patient has a value of { $name }.
ui-interactions-chart-relevance = relevance of { $name } (log-risk)
