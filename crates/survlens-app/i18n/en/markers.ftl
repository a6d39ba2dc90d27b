# The Markers view: the words the worker builds (vm-markers-) and those the page's own
# components write (ui-markers-). Numbers arrive already written in the page's language.

## The worker's sentences and table labels (views::markers_view, views::measured)

vm-markers-key-sentence = { $key } of { $total } markers carry { $percent }% of the total importance (mean |relevance| over { $patients } patients).
vm-markers-bin-range = { $from } to { $to }
vm-markers-bin-missing = missing (imputed)
vm-markers-calibration = Key markers describe where the network's importance goes, not that a marker is prognostic. Measured on { $runs } synthetic teaching cohorts of { $patients } patients ({ $markers } markers, { $planted } with a planted effect): with their outcomes shuffled, so that no marker says anything, { $shuffled } markers were key on average; with their planted effects, { $key } were key, { $false } of them without an effect, and they held { $recall }% of the planted markers ({ $command }, { $date }).

## The page: headings, controls, captions, tables

ui-markers-heading = Markers across the cohort
ui-markers-disclaimer = Relevance says how the model used a marker for a patient, not that the marker causes the outcome. Importance is the mean absolute relevance over all patients of the cohort.
ui-markers-key-computing = Ranking the markers by importance…
ui-markers-key-failed = Marker importance could not be computed: { $reason }
ui-markers-key-heading = Key markers
ui-markers-key-count = of { $total } markers carry { $percent }% of the total importance
ui-markers-threshold = Share of importance to cover
ui-markers-study = Back to the study's 90%
ui-markers-key-explain = The key markers are the fewest, taken from the most important down, whose importances add up to the chosen share; the study reports 90% (114 of 350 markers).
ui-markers-cumulative-caption = Cumulative share of total importance as markers are added from the most important down. The dashed lines mark { $percent }% and the { $key } markers needed to reach it.
ui-markers-cumulative-alt = Line chart: { $key } of { $total } markers reach { $percent }% of the total importance.
ui-markers-cumulative-table = Cumulative share by rank (first 40 ranks)
ui-markers-rank = Rank
ui-markers-marker = Marker
ui-markers-cumulative-share = Cumulative share
ui-markers-bars-caption = The { $n } most important markers by mean |relevance|, coloured by modality (the modality is also written beside each bar). Markers above the dashed line are key markers.
ui-markers-bars-alt = Bar chart of the { $n } most important markers; the table lists every marker.
ui-markers-importance-table = Importance of all { $n } markers ({ $rule })
ui-markers-modality = Modality
ui-markers-mean-relevance-log-risk = Mean |relevance| (log-risk)
ui-markers-share = Share
ui-markers-key = Key
ui-markers-key-cell = key
ui-markers-modality-table = Importance by modality
ui-markers-markers = Markers
ui-markers-key-markers = Key markers
ui-markers-share-of-importance = Share of importance
ui-markers-swarm-computing = Placing every patient's relevance in the beeswarm…
ui-markers-swarm-failed = The beeswarm could not be computed: { $reason }
ui-markers-swarm-sample = Dots show an evenly spaced sample of { $drawn } of the { $total } patients; the table uses all of them.
ui-markers-swarm-caption = Each dot is one patient: its position is the marker's relevance for that patient, its colour the patient's value of the marker from low (dark purple) to high (yellow), grey when missing. Dots pile up where many patients share a relevance.
ui-markers-swarm-heading = How the top { $n } markers act on each patient
ui-markers-swarm-alt = Beeswarm of relevance per patient for the { $n } most important markers; the table summarises each row.
ui-markers-swarm-table = Per marker: median relevance of patients with low and high values (bottom and top fifth of the colour scale)
ui-markers-mean-relevance-abs = Mean |relevance|
ui-markers-low-value = Low value
ui-markers-median-low = Median relevance (low)
ui-markers-high-value = High value
ui-markers-median-high = Median relevance (high)
ui-markers-missing = Missing
ui-markers-dependence-computing = Plotting the marker against its relevance…
ui-markers-dependence-failed = The dependence plot could not be computed: { $reason }
ui-markers-dependence-kind-levels = Each column is one level of the marker (dots spread sideways only to be seen)
ui-markers-dependence-kind-values = Each dot is one patient at the marker's value
ui-markers-dependence-colour = Colour: { $name } from { $low } (dark purple) to { $high } (yellow).
ui-markers-dependence-missing-one = One patient with a missing value is not drawn.
ui-markers-dependence-missing-many = { $n } patients with a missing value are not drawn.
ui-markers-dependence-caption = { $kind }; the height is how much the marker raised (above 0) or lowered (below 0) that patient's risk score.
ui-markers-dependence-alt-levels = Scatter plot of { $name } against its relevance; the table summarises it by level.
ui-markers-dependence-alt-values = Scatter plot of { $name } against its relevance; the table summarises it by value decile.
ui-markers-dependence-table-levels = Relevance of { $name } by level
ui-markers-dependence-table-values = Relevance of { $name } by tenth of its values
ui-markers-level = Level
ui-markers-value = Value
ui-markers-patients = Patients
ui-markers-mean-relevance = Mean relevance
ui-markers-median-relevance = Median relevance
ui-markers-dependence-heading = One marker: value against relevance
ui-markers-marker-control = Marker
ui-markers-marker-aria = Marker shown in the dependence plot
ui-markers-colour-control = Colour by
ui-markers-colour-aria = Second marker that colours the dots
ui-markers-no-colour = no colour
ui-markers-heatmap-computing = Averaging relevance per { $group }…
ui-markers-heatmap-failed = The entity heatmap could not be computed: { $reason }
ui-markers-heatmap-heading = Where each marker matters: { $group } x marker
ui-markers-heatmap-caption = Mean |relevance| of the { $n } most important markers (columns, most important first) within each { $group } (rows, most patients first). Darker cells: the model leans on the marker more for that { $group }. { $groups } with few patients give noisy cells.
ui-markers-heatmap-alt = Heatmap of { $rows } { $groups } by { $n } markers; the table holds every cell.
ui-markers-heatmap-table = Mean |relevance| (log-risk) by { $group } and marker
ui-markers-effects-computing = Varying the marker over the cohort…
ui-markers-effects-failed = The partial dependence could not be computed: { $reason }
ui-markers-effects-sample = a random sample of { $used } of the cohort's { $total } patients
ui-markers-effects-all = all { $total } patients
ui-markers-effects-levels = neighbouring levels
ui-markers-effects-band = each 5% band of its values
ui-markers-effects-caption = How the model's risk score depends on { $name } across the cohort, over { $sample }. Orange: partial dependence, every patient's risk score with the marker set to the value, averaged, minus the cohort's mean risk score { $mean }. Blue: accumulated local effects (Apley & Zhu), the marker's effect built from small changes within { $within }, which stays trustworthy when the marker goes with others; centred on the patients. Neither says the marker causes the outcome.
ui-markers-effects-alt = Line chart of the partial dependence and accumulated local effects of { $name }; the table below lists them.
ui-markers-effects-table = Partial dependence and accumulated local effects of { $name }
ui-markers-effects-pdp = Partial dependence (mean risk score)
ui-markers-effects-ale = Accumulated local effect
ui-markers-effects-at-level = Patients at the level
ui-markers-effects-in-band = Patients in the band below
ui-markers-effects-heading = One marker across the cohort: partial dependence and accumulated local effects
ui-markers-effects-note = The marker chosen for the dependence plot above.

## The charts

ui-markers-chart-no-marker = No marker to show.
ui-markers-chart-no-rank = No marker to rank.
ui-markers-chart-no-cells = No cells to show.
ui-markers-chart-no-values = No patient has a value of { $name }.
ui-markers-chart-swarm-x = relevance for the patient (log-risk): left lowers, right raises the risk
ui-markers-chart-low = low
ui-markers-chart-high = high
ui-markers-chart-swarm-legend = the marker's value (levels in their listed order)
ui-markers-chart-missing = missing
ui-markers-chart-relevance = relevance (log-risk)
ui-markers-chart-colour = colour: { $name }
ui-markers-chart-colour-missing = colour: { $name } (grey: missing)
ui-markers-chart-reference = shaded: reference range
ui-markers-chart-importance-x = mean |relevance| over patients (log-risk)
ui-markers-chart-cumulative-x = markers, most important first (rank)
ui-markers-chart-cumulative-y = share of total importance (%)
ui-markers-chart-heatmap-legend = mean |relevance| within the entity (log-risk)
ui-markers-chart-reach = { $n } markers reach { $percent }%
