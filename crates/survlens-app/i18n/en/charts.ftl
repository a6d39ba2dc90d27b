# The charts' own texts: axes, legends, labels drawn on the canvas, the chart frame's
# buttons. Keys and arguments must match de/charts.ftl; the tests check both.

ui-chart-failed = The chart could not be drawn: { $reason }. The table has the same numbers.
ui-chart-png = Download PNG
ui-chart-svg = Download SVG
ui-chart-table = Numbers as a table

ui-chart-survival = survival
ui-chart-survival-none = No survival curve to show.
ui-chart-months-since-baseline = months since baseline
ui-chart-survival-band = cohort { $level }% confidence band
ui-chart-survival-cohort = cohort (Kaplan-Meier)
ui-chart-survival-recorded = this patient, recorded values
ui-chart-survival-predicted = this patient (predicted)
ui-chart-survival-whatif = what-if (edited values)

ui-chart-waterfall-typical = { $value } (typical { $typical })
ui-chart-waterfall-summed = summed
ui-chart-waterfall-biases = Network biases
ui-chart-waterfall-unattributed = not attributed to any marker
ui-chart-waterfall-output-recorded = { $risk }, recorded values { $recorded }
ui-chart-waterfall-typical-line = typical patient { $risk }
ui-chart-waterfall-mean-line = cohort mean { $risk }
ui-chart-waterfall-outside = outside ref. range

ui-chart-side-none = No markers to compare.
ui-chart-side-axis = contribution to the log-risk
ui-chart-side-risk = risk score { $risk }
ui-chart-side-value = value { $value }
ui-chart-side-value-difference = { $value } · diff. { $difference }
ui-chart-side-difference = difference { $difference }

ui-chart-overtime-rest = all other { $n } markers
ui-chart-overtime-none = No contribution at this horizon.
ui-chart-overtime-flat = No marker moves the predicted survival.
ui-chart-overtime-axis = contribution to predicted { $years }-year survival (percentage points)
ui-chart-overtime-months = months since the index date
ui-chart-overtime-points = contribution (points)
ui-chart-overtime-horizon = { $years }-year horizon

ui-chart-profile-none = No profile to show.
ui-chart-profile-risk = risk score
ui-chart-profile-own = this patient: { $value } ({ $risk })
ui-chart-profile-years = { $years }-year survival
ui-chart-profile-patients = patients
ui-chart-effects-none = No curves to show.
ui-chart-effects-axis = change in risk score
ui-chart-effects-pdp = partial dependence (minus the mean risk score)
ui-chart-effects-ale = accumulated local effects
