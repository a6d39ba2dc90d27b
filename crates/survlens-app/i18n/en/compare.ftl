# Side by side: two explanations of the Patient view aligned marker by marker (the worker's
# texts: the columns' names, the references, the captions).

## Who each column explains

vm-compare-patient = Patient { $id }
vm-compare-network = Network
vm-compare-linear = Linear Cox
vm-compare-others = { $n ->
    [one] { $n } other marker
   *[other] { $n } other markers
    }

## What each column's contributions are measured from

vm-compare-ref-baseline = baseline hazard (log-risk 0)
vm-compare-ref-typical = typical patient's log-risk
vm-compare-ref-linear-zero = linear log-risk at the zero input
vm-compare-ref-linear-typical = typical patient's linear log-risk

## The encoded zero input of a preprocessing, in words

vm-compare-zero-minimum = each numeric marker at its training minimum
vm-compare-zero-mean = each numeric marker at its training mean
vm-compare-zero-mean-log = each numeric marker at its training mean (of its logarithm, for a skewed marker)
vm-compare-zero-no-level = no level of a categorical marker (all its columns 0)
vm-compare-zero-reference-level = each categorical marker at its reference level
vm-compare-zero = { $numeric } and { $categorical }

## How a column adds up

vm-compare-sums-baseline = { $who }: contributions sum to { $sum } and the network's biases absorb { $biases }, together its risk score { $risk }
vm-compare-sums-reference = { $who }: contributions sum to { $sum }, its risk score { $risk } minus the { $reference } { $value }
vm-compare-sums-unattributed = { $value } not attributed to any marker

## Two patients

vm-compare-mode-study = Both are explained as in the study: layer-wise relevance propagation from the baseline hazard (log-risk 0), the network's biases absorbing what no marker accounts for.
vm-compare-mode-cohort = Both are explained relative to the same typical patient of the cohort (DeepLIFT-rescale).
vm-compare-mode-entity-same = Both are explained relative to the typical patient of their common entity (DeepLIFT-rescale).
vm-compare-mode-entity-own = Each is explained relative to the typical patient of its own entity (DeepLIFT-rescale): the two are measured from different typical patients.
vm-compare-patients-caption = { $left } and { $right } side by side, marker by marker. { $mode } Rows are the union of each patient's { $top } largest contributions, the other { $others } markers summed in the last row; the two bars of a row share one scale from 0 (vermillion raises, blue lowers the risk), each patient's value beside its bar, and rows are sorted by the difference of the contributions (left minus right), largest first. Conservation: { $left-sums }; { $right-sums }. A difference in contribution is not a difference in the effect of that marker alone: each contribution also depends on the patient's other values, which the network combines.

## The network beside the linear Cox model

vm-compare-zero-same = Both are measured from the encoded zero input of one and the same preprocessing ({ $words }).
vm-compare-zero-own-alike = Each is measured from the encoded zero input of its own preprocessing ({ $words }, each fitted on its own training patients).
vm-compare-zero-own-different = Each is measured from the encoded zero input of its own preprocessing, the network's with { $network }, the linear model's with { $linear }. These are different patients, so compare signs and order more than sizes.
vm-compare-study-bars = { $zero } The network's bars are the study's layer-wise relevance propagation, its biases absorbing the rest; the linear Cox model's are beta times the encoded value, summed over each marker's input columns, which is exact.
vm-compare-typical-bars = Both are measured from the same typical patient of { $group }: the network's bars by DeepLIFT-rescale, the linear Cox model's as beta times the difference of the encoded values, summed over each marker's input columns, which is exact.
vm-compare-group-cohort = the cohort
vm-compare-group-entity = this entity
vm-compare-group-named = { $entity }
vm-compare-held-out-c = Harrell's C { $c } on the held-out patients
vm-compare-no-held-out-c = no held-out C-index
vm-compare-models-caption = Patient { $id } explained by the network (left) and by the ridge linear Cox model fitted on the same training patients (right), marker by marker. { $references } Rows are the union of each model's { $top } largest contributions, the other { $others } markers summed in the last row; both columns share one scale from 0 (vermillion raises, blue lowers the risk), rows sorted by the difference (network minus linear), largest first. Network: log-risk { $network-risk }, { $network-c }; linear Cox: log-risk { $linear-risk } (centred on its training patients' mean), { $linear-c }. Conservation: { $network-sums }; { $linear-sums }. A difference in contribution is not a difference in the effect of that marker alone.
