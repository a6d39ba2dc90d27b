# Problems with a file's cells, as the table of problems lists them (its row and column
# columns say where).

problem-role-id = patient id
problem-role-time = survival time
problem-role-event = event
problem-role-entity = cancer entity
problem-role-marker = marker
problem-expected-time = a survival time (a number greater than zero)
problem-expected-number = a number
problem-expected-zero-or-one = 0 or 1
problem-missing-value = the { $role } is missing
problem-missing-value-found = the { $role } is missing (found "{ $text }")
problem-not-number = expected { $expected }, found "{ $text }"
problem-not-finite = "{ $text }" is not a finite number; leave missing values empty or write NA
problem-too-large = the number "{ $text }" is too large (at most about 3.4e38 is supported)
problem-bad-event = expected 1 (event observed) or 0 (censored), found "{ $text }"
problem-duplicate-id = the patient id "{ $id }" already appears in row { $row }
problem-hint-thousands = thousands separators are not supported, write the number without them
problem-hint-decimal-comma = the decimal separator looks like a comma while the rest of the file uses a point
problem-hint-bound = a bound such as "<5" is not a value: enter a number or leave the cell empty
problem-hint-missing-code = leave missing values empty or write NA (or add this code to the missing-value codes)
problem-hint-categories = if this column holds categories, mark it as categorical
problem-hint-event-two = if the file codes events as 1 = censored, 2 = dead (as R's survival package may), recode them as 0 and 1
