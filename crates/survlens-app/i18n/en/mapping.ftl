# The mapping step's messages, each under the part of the form it concerns.

# A column named like the survival time or the event that its first rows kept from that role.
problem-map-count-negative =
    { $n } negative { $n ->
        [one] value
       *[other] values
    }
problem-map-count-zero =
    { $n } { $n ->
        [one] value
       *[other] values
    } of zero
problem-map-count-not-number =
    { $n } { $n ->
        [one] value that is
       *[other] values that are
    } not a number
problem-map-count-not-zero-one =
    { $n } { $n ->
        [one] value that is
       *[other] values that are
    } not 0 or 1
problem-map-and = { $first } and { $last }
problem-map-cell = row { $row }: { $value }
problem-map-refused-time =
    Column `{ $column }` was not taken as the survival time: { $counts } in the first { $rows } { $rows ->
        [one] row
       *[other] rows
    } ({ $cells }). Fix it or choose the time column yourself.
problem-map-refused-event =
    Column `{ $column }` was not taken as the event (1 = event, 0 = censored): { $counts } in the first { $rows } { $rows ->
        [one] row
       *[other] rows
    } ({ $cells }). Fix it or choose the event column yourself, or recode it to 0 and 1.
problem-map-marker-note-time = Not taken as the survival time: see above.
problem-map-marker-note-event = Not taken as the event: see above.

problem-map-no-outcome = No survival time and event: the file's patients have no outcome. A stored model (the Model section) can predict and explain them; training needs both columns.
problem-map-choose-time = Choose the column that holds the survival (follow-up) time, or no event column either for patients without an outcome.
problem-map-choose-event = Choose the column that says whether the event was observed (1) or the patient was censored (0), or no time column either for patients without an outcome.
problem-map-no-column =
    The file has no column "{ $column }" for the { $role ->
        [survival-time] survival time
        [event] event
        [patient-id] patient id
       *[entity] cancer entity
    }.
problem-map-column-twice =
    "{ $column }" is already the { $first ->
        [survival-time] survival time
        [event] event
        [patient-id] patient id
       *[entity] cancer entity
    } column; the { $role ->
        [survival-time] survival time
        [event] event
        [patient-id] patient id
       *[entity] cancer entity
    } needs a column of its own.
problem-map-not-times = "{ $column }" has values that are not survival times (numbers above zero) in the first rows, such as "{ $value }"; training will list every such cell.
problem-map-time-missing = "{ $column }" is empty in { $missing } of the first { $rows } rows; every patient needs a survival time.
problem-map-not-events = "{ $column }" should hold 1 (event) or 0 (censored) but has "{ $value }" in the first rows; training will list every such cell.
problem-map-duplicate-id = Patient ids must be unique, but "{ $id }" appears twice in "{ $column }".
problem-map-single-entity = "{ $column }" has a single value in the first { $rows } rows; an entity column groups patients into cancer types.
problem-map-no-markers = Choose at least one marker column for the model to learn from.
problem-map-not-binary = Marker "{ $column }" is set to yes/no (0 or 1) but has "{ $value }"; choose numeric or categorical.
problem-map-training-needs-outcome = Training needs the survival time and event columns; a file without them can be explained with a stored model (the Model section).

# An added missing-value code that cannot be one.
problem-map-code-too-long = The missing-value code "{ $code }" cannot be used: a missing-value code has at most 64 characters.
problem-map-code-unprintable = The missing-value code "{ $code }" cannot be used: a missing-value code cannot hold a double quote, a tab or a line break.
problem-map-code-too-many = The missing-value code "{ $code }" cannot be used: at most 64 missing-value codes can be added.
problem-map-code-not-finite = The missing-value code "{ $code }" cannot be used: a numeric missing-value code must be a finite number.
