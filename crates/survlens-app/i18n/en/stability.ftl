# The Patient view's how-stable note and its Over time caption, as the worker builds them.

vm-stability-no-markers = This patient's explanation has no markers to compare.
vm-stability-not-measured = Stability under small changes is not measured: this patient has no measured value that varies in the cohort.
vm-stability-stable = Stable under small changes
vm-stability-mostly-stable = Mostly stable under small changes
vm-stability-sensitive = Sensitive to small changes
vm-stability-no-flips = no top-{ $k } marker changed direction
vm-stability-flips = { $n ->
        [one] { $n } top-{ $k } marker changed direction in at least one copy ({ $names })
       *[other] { $n } top-{ $k } markers changed direction in at least one copy ({ $names })
    }
vm-stability-copies = { $draws } slightly perturbed copies of this patient (each of the { $moved } measured values moved at random by about { $percent }% of its interquartile range in the cohort)
vm-stability-same-top = the same top { $k } markers in all { $copies }
vm-stability-kept-on-average = on average { $mean } of the top { $k } markers stayed in the top { $k } in { $copies }, and at least { $least } in every copy
vm-stability-small = { $verdict }: { $kept }; the top { $order } kept their order in { $order-kept } of { $draws }; { $flips }.
vm-stability-members = The { $networks } networks averaged in this model, trained on different folds with different seeds and explained one by one, share on average { $mean } of their top { $k } markers (any two of them); { $every } { $every ->
        [one] is
       *[other] are
    } in every network's top { $k }.
vm-stability-members-single = Agreement between networks trained with different seeds is not available: this model is a single network (trained by the study's recipe, or loaded from a file that does not record separate networks), so there is nothing to compare it with.
vm-stability-members-additive = Agreement between networks trained with different seeds is not available: the networks did not improve on the additive Cox model, so this model is that model alone.
vm-stability-members-one = Agreement between networks trained with different seeds is not available: this model averages a single network.
vm-stability-members-mismatch = Agreement between networks trained with different seeds is not available: the model's record of its networks does not match its shape.
vm-stability-note = { $small } { $members } Both concern the recorded values and the study's layer-wise relevance propagation.
vm-stability-none = none

vm-overtime-caption = How each marker moves this patient's predicted survival at each time, against the average of { $references } reference patients of the cohort: a bar to the right raises the patient's chance to be alive at the horizon, one to the left lowers it, in percentage points; together they add up to the difference between the patient's predicted survival and the reference patients' average. Shapley values of the predicted survival (SurvSHAP(t)), estimated from { $orderings } orderings of the markers.
