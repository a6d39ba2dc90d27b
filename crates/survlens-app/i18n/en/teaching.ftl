# The Teaching view: the texts the worker builds (vm-teaching-) and those the page's
# components write themselves (ui-teaching-). Numbers arrive written in the page's language.

## The worker's sentences and table labels (views::teaching, views::measured)

vm-teaching-agree-none = For patient { $id }, the explanation and the planted truth share no marker among their { $k } largest with the same direction.
vm-teaching-agree = For patient { $id }, the explanation agrees with the planted truth on { $markers } (same direction, among the { $k } largest of both).
vm-teaching-credited =
    { $n ->
        [one] It credits { $markers }, which has no planted effect of its own for this patient.
       *[other] It credits { $markers }, which have no planted effect of their own for this patient.
    }
vm-teaching-credited-marker = { $name } ({ $relevance })
vm-teaching-credited-partner = { $name } ({ $relevance }; it takes part in the planted interaction { $interactions })
vm-teaching-missed = It misses { $markers } among its { $k } largest.
vm-teaching-missed-marker = { $name } (true { $truth })
vm-teaching-opposite = It gives { $markers } the opposite direction.
vm-teaching-opposite-marker = { $name } (true { $truth }, relevance { $relevance })
vm-teaching-no-contradiction = Nothing among the largest contradicts the truth.
vm-teaching-and = { $init } and { $last }
vm-teaching-rule-study = LRP, the study's sign-aware gamma rule (gamma 0.01)
vm-teaching-verdict-agrees = agrees
vm-teaching-verdict-credited = credited, no planted effect
vm-teaching-verdict-missed = missed by the model
vm-teaching-verdict-opposite = opposite direction
vm-teaching-verdict-minor = small
vm-teaching-measured = Measured natively ({ $date }, `{ $command }`) on { $patients } of the { $total } patients of this cohort (k = { $k } detectable markers; 95% bootstrap intervals): { $model } (C { $c }, oracle { $oracle }) scores { $figures }. The same network retrained with seeds { $seeds }: { $retrained }. Ceiling, an oracle explainer: { $ceiling }. Floor, the same network trained on permuted outcomes (C { $floorc }): { $floor }.
vm-teaching-measured-figures = AUROC { $auroc }, precision at k { $precision }, Spearman { $spearman }
vm-teaching-measured-seed = seed { $seed } (C { $c }): { $figures }
vm-teaching-measured-default-model = the default model
vm-teaching-measured-trained-model = the study's network trained on its training patients

## The page: headings, controls, captions, tables

ui-teaching-heading = Teaching mode
ui-teaching-computing = Comparing the explanation with the planted truth…
ui-teaching-unavailable = Teaching mode needs a synthetic cohort, whose true effects are known: “{ $title }” has no planted truth to compare the explanation with. Open the synthetic demo cohort to use it.
ui-teaching-title = Teaching mode: the planted truth beside the explanation
ui-teaching-intro = { $title }: the generator planted every marker's true effect on the hazard, so we can check what layer-wise relevance propagation ({ $rule }) recovers.
ui-teaching-no-patient = No patient selected.
ui-teaching-patient = Patient { $id }
ui-teaching-pair-caption = For each marker among the { $k } largest of either side: its true contribution to this patient's log-hazard (orange) and the relevance LRP gives it (blue). Bars on the same side of zero agree in direction.
ui-teaching-pair-alt = Paired bar chart of the planted truth and the LRP explanation for { $n } markers of patient { $id }.
ui-teaching-marker = Marker
ui-teaching-value = Value
ui-teaching-true-contribution = True contribution
ui-teaching-lrp-relevance = LRP relevance
ui-teaching-verdict = Verdict
ui-teaching-planted-effect = Planted effect
ui-teaching-none = none
ui-teaching-how-to-read = How to read it: a true contribution is measured from the marker's no-effect level (for example ECOG 0), a relevance from the training average, so a patient at the no-effect level can still get relevance when most patients are above it. Effects below { $negligible } log-hazard units count as none; a missed effect is one of at least { $clear } (a hazard ratio of about 1.1). Planted interactions are not in the per-marker truth; a marker that only acts through one can rightly get relevance.
ui-teaching-cohort-heading = The whole cohort: how faithful is the explanation?
ui-teaching-auroc = AUROC, prognostic vs null markers
ui-teaching-precision = Precision at k = { $k } detectable markers
ui-teaching-spearman = Spearman ρ over detectable markers
ui-teaching-top5 = Top-5 markers recovered
ui-teaching-top10 = Top-10 markers recovered
ui-teaching-recovered = { $recovered } of { $k }
ui-teaching-model-cindex = Model C-index (Harrell, test patients)
ui-teaching-oracle-cindex = Oracle C-index (true hazard)
ui-teaching-summary = Measured against the truth the model can see (each marker's planted contribution on the values it was shown, interactions split between their partners, centred), LRP ranks prognostic above null markers with an AUROC of { $auroc }; of its { $k } first markers, a share of { $precision } are ones an oracle test could detect at this size; over those detectable markers, its importance follows the truth's with a Spearman correlation of { $spearman }. An oracle explainer, whose relevances are the truth itself, scores { $ceilauroc }, { $ceilprecision } and { $ceilspearman }. The model reaches a C-index of { $model } on the held-out test patients, { $gap } below the oracle's { $oracle }. Intervals: 95% bootstrap over { $patients } patients.
ui-teaching-scatter-caption = Each point is a marker: its true importance (mean absolute centred true contribution on the values the model sees, interactions split between their partners) against its LRP importance (mean absolute centred relevance). Filled points have a planted effect; open points have none of their own, so any relevance they get is borrowed from correlated markers or interactions.
ui-teaching-scatter-alt = Scatter plot of true against LRP importance for { $n } markers.
ui-teaching-true-rank = True rank
ui-teaching-true-importance = True importance
ui-teaching-lrp-importance = LRP importance
ui-teaching-yes = yes
ui-teaching-yes-interacts = yes; interacts ({ $interactions })
ui-teaching-only-through = only through { $interactions }
ui-teaching-interactions-heading = Planted interactions
ui-teaching-no-interactions = This cohort has no planted interactions.
ui-teaching-detectable = { $description } Detectable with { $n } patients (an oracle test that knows its form has { $power }% power).
ui-teaching-not-detectable = { $description } Not detectable with { $n } patients (an oracle test that knows its form has { $power }% power).
ui-teaching-interactions-note = The Interactions view shows which of them the default method declares on held-out outcomes.

## The charts

ui-teaching-chart-no-marker = No marker to compare.
ui-teaching-chart-truth = planted truth (true log-hazard contribution)
ui-teaching-chart-lrp = LRP relevance (the model's explanation)
ui-teaching-chart-pair-x = contribution to log-hazard
ui-teaching-chart-planted = planted effect
ui-teaching-chart-unplanted = no planted effect of its own
ui-teaching-chart-scatter-x = true importance (mean |true contribution|)
ui-teaching-chart-scatter-y = LRP importance (mean |relevance|)

## The planted interactions' meaning (the synthetic cohorts' generator)

vm-teaching-int-braf-teaching = BRAF/MEK inhibition prolongs survival only in BRAF-mutant tumours.
vm-teaching-int-crp-teaching = Systemic inflammation blunts the benefit of checkpoint inhibition.
vm-teaching-int-egfr = EGFR inhibitors prolong survival only in EGFR-mutant tumours.
vm-teaching-int-alk = ALK inhibitors are highly effective in ALK-rearranged lung cancer.
vm-teaching-int-braf = BRAF/MEK inhibition helps only BRAF-mutant tumours.
vm-teaching-int-erbb2 = HER2-directed drugs help tumours with ERBB2 amplification or mutation.
vm-teaching-int-parp = PARP inhibitors exploit homologous-recombination deficiency.
vm-teaching-int-kras = Cetuximab and panitumumab fail, and may harm, in KRAS-mutant tumours.
vm-teaching-int-crp = Systemic inflammation blunts the benefit of PD-1 blockade.
vm-teaching-int-tmb = Tumours with many mutations present more neoantigens to T cells.
vm-teaching-int-msi = Mismatch-repair-deficient tumours respond durably to PD-1 blockade.
vm-teaching-int-steroids = Baseline corticosteroids are associated with worse outcomes on PD-1 blockade.
vm-teaching-int-platinum = Platinum doublets harm patients in poor performance status.

## The planted effects in words (the generator's formulas)

vm-teaching-effect-entity = entity-specific Weibull baseline hazard
vm-teaching-effect-linear = linear: { $slope } per { $per } relative to { $reference } { $unit }
vm-teaching-effect-hinge = hinge at { $knot } { $unit }: { $below } per { $per } below, { $above } per { $per } above
vm-teaching-effect-above = threshold: { $delta } if > { $cut } { $unit }
vm-teaching-effect-below = threshold: { $delta } if < { $cut } { $unit }
vm-teaching-effect-log = log-linear above { $reference } { $unit }: { $slope } per doubling
vm-teaching-effect-ushape = U-shape: min({ $cap }, { $coef } * ((x - { $optimum }) / { $scale })^2), optimum { $optimum } { $unit }
vm-teaching-effect-present = { $delta } if present
vm-teaching-effect-levels = by level:{ $levels }
vm-teaching-effect-level = { $level } { $beta }
vm-teaching-effect-separator = ,
vm-teaching-effect-absent = absent
vm-teaching-effect-present-level = present
