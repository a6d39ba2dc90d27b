# Why a chart could not be drawn (the page's ChartError), shown under the chart's canvas
# in the sentence ui-chart-failed, and the descriptions of the values a chart could not
# place. Each sentence equals the error's English text (the tests hold them equal).

chart-error-backend = the drawing surface failed ({ $description })
chart-error-busy = the drawing surface was busy with another drawing
chart-error-layout = the chart's parts do not fit its drawing area
chart-error-not-finite = { $what } is { $value }, which cannot be placed on the chart
chart-error-axis = the { $axis } axis would run from { $low } to { $high }
chart-error-shape = { $what } has { $found } entries where { $expected } were expected
chart-error-canvas-size = the canvas refused its size
chart-error-no-canvas-2d = this browser gives no 2D canvas

## The axes, by what they show (the axis in chart-error-axis).

chart-axis-relevance = relevance
chart-axis-importance = importance
chart-axis-months = months
chart-axis-log-risk = log-risk
chart-axis-percentage-points = percentage points
chart-axis-risk-score = risk score
chart-axis-risk-change = change in risk score
chart-axis-contribution = contribution

## The values a chart could not place (the what in chart-error-not-finite).

chart-what-largest-relevance = the largest |relevance|
chart-what-row-relevance = the relevance of { $name } for patient row { $row }
chart-what-row-offset = the dot offset of { $name } for patient row { $row }
chart-what-row-position = the position of { $name } for patient row { $row }
chart-what-calibration-predicted = the mean predicted survival of risk group { $group }
chart-what-calibration-observed = the observed survival of risk group { $group }
chart-what-calibration-lower = the lower limit of observed survival of risk group { $group }
chart-what-calibration-upper = the upper limit of observed survival of risk group { $group }
chart-what-true-contribution = the true contribution of { $name }
chart-what-relevance = the relevance of { $name }
chart-what-true-importance = the true importance of { $name }
chart-what-lrp-importance = the LRP importance of { $name }
chart-what-importance = the importance of { $name }
chart-what-threshold = the threshold
chart-what-cumulative-share = the cumulative share at rank { $rank }
chart-what-pair-position = the position by { $name } of patient row { $row }
chart-what-pair-relevance = the relevance of { $name } of patient row { $row }
chart-what-pair-box = a quartile or whisker of the box "{ $box }"
chart-what-landmark = landmark { $number } of the time axis
chart-what-km-time = the step time at step { $step } of group "{ $group }"
chart-what-km-survival = the survival at step { $step } of group "{ $group }"
chart-what-km-lower = the lower limit at step { $step } of group "{ $group }"
chart-what-km-upper = the upper limit at step { $step } of group "{ $group }"
chart-what-km-censoring = the censoring time at step { $step } of group "{ $group }"
chart-what-profile-value = the value at { $name } = { $at }
chart-what-profile-risk = the risk score at { $name } = { $at }
chart-what-profile-survival = the survival at { $name } = { $at }
chart-what-profile-pdp = the partial dependence at { $name } = { $at }
chart-what-profile-ale = the accumulated local effect at { $name } = { $at }
chart-what-median-log-risk = the median patient's log-risk
chart-what-deletion-log-risk = the log-risk after { $inputs } replaced inputs under { $method }
chart-what-method-relevance = the relevance of { $marker } under { $method }
chart-what-method-error = the standard error of { $marker }'s relevance under { $method }
chart-what-contribution = the contribution of { $name }
chart-what-others-contribution = the other markers' contribution
chart-what-contribution-at = the contribution of { $name } at { $months } months
chart-what-side-contribution = { $side }'s contribution of { $name }
chart-what-side-risk = { $side }'s risk score
chart-what-curve-time = the time of point { $point } of { $curve }
chart-what-curve-survival = the survival of point { $point } of { $curve }
chart-what-curve-lower = the lower limit of point { $point } of { $curve }
chart-what-curve-upper = the upper limit of point { $point } of { $curve }
chart-what-cohort-curve = the cohort's curve
chart-what-predicted-curve = the patient's predicted curve
chart-what-what-if-curve = the what-if curve
chart-what-step-contribution = the contribution of the step "{ $step }"
chart-what-step-start = the start of the step "{ $step }"
chart-what-step-end = the end of the step "{ $step }"
chart-what-step-recorded = the recorded contribution of the step "{ $step }"
chart-what-risk-score = the risk score
chart-what-mean-risk-score = the cohort's mean risk score
chart-what-recorded-risk-score = the recorded risk score

## The lists whose lengths disagree (the what in chart-error-shape).

chart-what-heatmap-values = the heatmap's values
chart-what-heatmap-marks = the heatmap's marks
chart-what-cumulative-shares = the cumulative shares of { $n } key markers
chart-what-km-survival-list = the survival of group "{ $group }"
chart-what-km-lower-list = the lower limits of group "{ $group }"
chart-what-km-upper-list = the upper limits of group "{ $group }"
