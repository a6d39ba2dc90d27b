# The Model view: its held-out figures with their bootstrap intervals, calibration, the
# training curve, the baseline Cox models beside the network, and the attribution methods
# compared. Keys vm-model-* are built by the worker, ui-model-* by the page.
# $endpoint is "death" (deaths are counted) or "other" (events).

vm-model-split-outside = The model was fitted outside this cohort: every figure below is computed on all { $n } patients ({ $events } { $endpoint ->
        [death] deaths
       *[other] events
    }), none of whom it saw in training.
vm-model-split = The model was developed on { $train } patients ({ $train-events } { $endpoint ->
        [death] deaths
       *[other] events
    }): its weights, when training stopped, and the calibration of its survival curves; every figure below is computed on the { $held-out } held-out test patients ({ $held-out-events } { $endpoint ->
        [death] deaths
       *[other] events
    }), who played no part in any of these.
vm-model-estimate = { $value } (95% CI { $lower }–{ $upper })
vm-model-not-available = not available
vm-model-calibration-merged = Tenths with fewer than { $min } { $endpoint ->
        [death] deaths
       *[other] events
    } by then are merged with a neighbour: { $groups } groups.
vm-model-calibration-slope = Calibration slope { $slope } (95% CI { $lower }–{ $upper }; 1 is ideal, below 1 the risks are too spread out).
vm-model-calibration-disagree = predictions and observations disagree by more than chance
vm-model-calibration-agree = no disagreement beyond chance
vm-model-calibration-test = D'Agostino-Nam test: chi-square { $chi } on { $df } degrees of freedom, p = { $p } ({ $verdict }). Observed / expected { $endpoint ->
        [death] deaths
       *[other] events
    } by { $months } months: { $ratio } (95% CI { $lower }–{ $upper }; above 1 the model is too optimistic).
vm-model-calibration-inside = The prediction lies inside the observed interval in { $inside } of { $groups } groups.
vm-model-baseline-warning = The network does not beat a penalised Cox model with spline terms on these held-out patients (Harrell's C { $network } against { $spline }). Read its explanations as those of a model no better than the simpler one.
vm-model-censoring-training = censoring weights from the training patients' follow-up
vm-model-censoring-held-out = censoring weights from the held-out patients' own follow-up (the model came without its training patients)
vm-model-method-lrp-gamma = LRP (study's gamma)
vm-model-method-lrp-epsilon = LRP epsilon
vm-model-method-gradient = Gradient × input
vm-model-method-integrated = Integrated gradients
vm-model-method-shapley = Shapley (sampled)
vm-model-against-biases = the risk score, less what the biases absorb
vm-model-against-offset = the risk score, less the network's local offset
vm-model-against-median = the difference from the median patient's risk score
vm-model-shapley-left-out = Shapley values are left out: even 4 permutations of this network's { $inputs } inputs would take about { $cost } multiply-adds.

ui-model-heading = The model: how it trained, how well it predicts
ui-model-computing = Computing the held-out figures and their bootstrap intervals…
ui-model-computed-in = Computed in { $ms } ms.
ui-model-fewer-resamples = Interval from { $k } resamples, to keep the page responsive on this many patients.
ui-model-unavailable = Not available here: { $reason }.
ui-model-metrics-caption = Discrimination and accuracy on the { $held-out } held-out patients, with 95% percentile bootstrap intervals (up to { $replicates } resamples of the held-out patients).
ui-model-metrics-sample = Intervals from resamples of { $sample } of the { $held-out } held-out patients (every k-th), rescaled to all of them (m-out-of-n bootstrap); Antolini's C on those { $antolini } alone.
ui-model-col-figure = Figure
ui-model-col-estimate = Estimate (95% CI)
ui-model-col-measures = What it measures
ui-model-harrell = Harrell's C-index
ui-model-harrell-what = The share of comparable patient pairs whose risk scores are in the order of their { $endpoint ->
        [death] deaths
       *[other] events
    }; 0.5 is chance, 1 perfect.
ui-model-uno = Uno's C-index
ui-model-uno-what = Harrell's pairs weighted by the inverse probability of being still followed ({ $censoring }), counting { $endpoint ->
        [death] deaths
       *[other] events
    } before τ = { $tau } months, the 80th percentile of held-out follow-up: less dependent on this cohort's censoring.
ui-model-antolini = Antolini's time-dependent C
ui-model-antolini-what = Pairs ordered by the predicted survival curves at each { $endpoint ->
        [death] death
       *[other] event
    } time (curves read on { $points } follow-up times); for a proportional-hazards model close to Harrell's C.
ui-model-ibs = Integrated Brier score
ui-model-ibs-what = Mean squared error of the predicted survival probabilities from { $from } to { $to } months (10th to 90th percentile of held-out follow-up, { $times } times), with Kaplan-Meier { $censoring }; lower is better, 0.25 is predicting 50% for everyone.
ui-model-auc = Time-dependent AUC at { $months } months
ui-model-auc-what = { $endpoint ->
        [death] Cumulative/dynamic AUC: how well the predicted risk of death by { $months } months separates patients who died by then from those still alive after it.
       *[other] Cumulative/dynamic AUC: how well the predicted risk of an event by { $months } months separates patients with an event by then from those still event-free after it.
    }
ui-model-breslow = Survival curves come from a Breslow baseline hazard: S(t | patient) = exp(−H₀(t) · exp(risk score)). Every view quotes the C-index above, on the same held-out test patients.
ui-model-breslow-recalibrated = Survival curves come from a Breslow baseline hazard recalibrated on patients the network did not train on, with calibration slope b = { $slope }: S(t | patient) = exp(−H₀(t) · exp(b · risk score)). Every view quotes the C-index above, on the same held-out test patients.

ui-model-training-heading = Training curve
ui-model-training-none = This model came without a training history (it was loaded, not trained here).
ui-model-training-caption-best = Cox loss per epoch on the training patients (orange, with dropout) and the validation patients (blue), and the validation C-index (green). The dashed line marks epoch { $epoch }, the lowest validation loss ({ $loss }, C-index { $cindex }): the weights the model kept.
ui-model-training-caption = Cox loss per epoch on the training and validation patients, and the validation C-index.
ui-model-training-alt = Line chart of training and validation loss and validation C-index over { $epochs } epochs.
ui-model-col-epoch = Epoch
ui-model-col-training-loss = Training loss
ui-model-col-validation-loss = Validation loss
ui-model-col-validation-c = Validation C (Harrell)
ui-model-best = (best)

ui-model-calibration-heading = Calibration at { $months } months
ui-model-calibration-none = No held-out patients to calibrate on.
ui-model-calibration-failed = Calibration is not available for this cohort: { $reason }.
ui-model-calibration-caption = Predicted { $months }-month survival against the Kaplan-Meier estimate in each tenth of the held-out patients by risk score (1 = lowest risk), with 95% intervals; points on the dashed diagonal are perfectly calibrated.
ui-model-calibration-alt = Calibration plot of predicted against observed { $months }-month survival in { $groups } risk groups.
ui-model-col-risk-group = Risk group
ui-model-col-patients = Patients
ui-model-col-predicted = Predicted
ui-model-col-observed = Observed (95% CI)

ui-model-recipe-heading = How the network was chosen (the auto recipe)
ui-model-recipe-text = Settings compared by their validation loss over { $folds } folds of the training patients; the model averages the chosen setting's { $members } fold networks{ $blend }. Survival is recalibrated on the out-of-fold risk scores (slope { $slope }).
ui-model-recipe-blend = and blends them with a penalised { $model } model (weight { $weight } on the latter, penalty { $penalty })
ui-model-recipe-linear = penalised { $model } (penalty { $penalty })
ui-model-col-setting = Setting
ui-model-col-validation-c-short = Validation C
ui-model-col-folds = Folds
ui-model-chosen = (chosen)
ui-model-setting-linear = linear (no hidden layer)
ui-model-setting-hidden = { $layers ->
        [one] 1 hidden layer of { $units } units
       *[other] { $layers } hidden layers of { $units } units
    }
ui-model-setting-and = and
ui-model-setting-dropout = dropout { $input }/{ $hidden }
ui-model-setting-rates = learning rate { $rate }, weight decay { $decay }
ui-model-kind-linear = linear Cox
ui-model-kind-spline = spline Cox
ui-model-kind-hinge = hinge Cox
ui-model-kind-piecewise = piecewise-linear Cox
ui-model-baselines-heading = Against the models a statistician fits first
ui-model-baselines-none = No baseline here: the model came without its training patients, so nothing simpler could be fitted on the same patients.
ui-model-baselines-caption = Harrell's C on the same held-out patients, each model fitted on the network's training patients, with 95% percentile bootstrap intervals; the difference uses the same resamples for both models.
ui-model-baselines-sample = Its intervals come from the same { $sample } of the { $held-out } held-out patients as the figures above, rescaled to all of them.
ui-model-col-model = Model
ui-model-col-harrell = Harrell's C (95% CI)
ui-model-col-difference = Network minus model (95% CI)
ui-model-baselines-network = The network (explained on this page)
ui-model-baselines-row = { $model } (ridge penalty { $penalty }, chosen by 5-fold cross-validation)

ui-model-methods-heading = Attribution methods
ui-model-methods-computing = Explaining the patient with five methods…
ui-model-methods-failed = The methods could not explain this patient: { $reason }.
ui-model-methods-patient = Attribution methods for patient { $id }
ui-model-previous-patient = Previous patient
ui-model-next-patient = Next patient
ui-model-shapley-drawn = Shapley values from { $permutations } random permutations ({ $batches } independent batches; whiskers: 95% intervals from the batches' spread).
ui-model-methods-text = Five ways to split the risk score { $risk } into markers. Integrated gradients and Shapley values are measured against the cohort's median patient (risk score { $reference }); LRP and gradient × input against all-zero inputs, the training average.
ui-model-methods-caption = The { $markers } markers with the largest mean |relevance| over the methods, one bar per method.
ui-model-methods-alt = Grouped bar chart of { $markers } markers' relevance under { $methods } attribution methods for patient { $id }.
ui-model-col-marker = Marker
ui-model-faithful-heading = Which method is most faithful for this patient?
ui-model-faithful-caption = Deletion faithfulness: the risk score minus the mean risk while the inputs are replaced by the median patient's, most relevant first; higher is better. Most faithful here: { $best }.
ui-model-col-rank = Rank
ui-model-col-method = Method
ui-model-col-faithfulness = Faithfulness
ui-model-col-sum = Markers sum to
ui-model-col-against = Measured against
ui-model-deletion-caption = Deletion curves: the risk score as each method's most risk-raising inputs are replaced first. Replacing by the median patient favours the methods measured against it, so compare LRP with gradient × input and integrated gradients with Shapley values.
ui-model-deletion-alt = Line chart of { $curves } deletion curves for patient { $id }.
ui-model-col-replaced = Inputs replaced
ui-model-disclaimer = Methods disagree because they answer different questions: relevance against the training average (LRP, gradient × input) or against a typical patient (integrated gradients, Shapley values). None says that a marker causes the outcome.

# The Model view's charts.
ui-model-chart-training-none = No training history: the model was not trained here.
ui-model-chart-training-loss = Cox loss
ui-model-chart-training-training = training (with dropout)
ui-model-chart-training-validation = validation
ui-model-chart-training-epoch = epoch
ui-model-chart-training-cindex = validation C (Harrell)
ui-model-chart-training-best = best epoch ({ $epoch })
ui-model-chart-calibration-none = No risk group to calibrate.
ui-model-chart-calibration-predicted = predicted { $months }-month survival
ui-model-chart-calibration-observed = observed (Kaplan-Meier)
ui-model-chart-deletion-none = No deletion curve to show.
ui-model-chart-deletion-replaced = inputs replaced by the median patient's, most relevant first
ui-model-chart-deletion-log-risk = log-risk
ui-model-chart-deletion-median = median patient
ui-model-chart-methods-none = No marker to compare.
ui-model-chart-methods-axis = contribution to log-risk
