# The views' figures as the worker builds them (Cohort view): group and row names.

vm-group-lower-third = Lower third
vm-group-middle-third = Middle third
vm-group-upper-third = Upper third
vm-group-q1 = Q1 (lowest risk)
vm-group-q4 = Q4 (highest risk)
vm-c-row-all-held-out = All held-out patients
