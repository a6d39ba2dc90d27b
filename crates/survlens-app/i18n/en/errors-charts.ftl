# Why a chart could not be drawn (the page's ChartError), shown under the chart's canvas
# in the sentence ui-chart-failed, and the descriptions of the values a chart could not
# place. Each sentence equals the error's English text (the tests hold them equal).
