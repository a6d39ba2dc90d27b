# What the worker is doing, as the job panel's progress line shows it.

stage-starting = Starting
stage-drawing-and-explaining = Drawing and explaining the cohort's { $patients } patients
stage-finding-interactions = Finding interactions between markers
stage-encoding-patients = Encoding the patients for the stored model
stage-encoding-cohort = Encoding the cohort for the stored model
stage-training = Training the network
stage-training-pool = Training the network, each batch shared among { $workers } workers
stage-training-member-stopped = (a pool worker stopped; its share of the batches is trained here)
stage-training-step = Training: setting { $setting } of { $settings }, fold { $fold }, step { $step }
stage-training-additive = Training: the additive Cox models beside the networks, fold { $fold } of { $folds }
stage-training-validation = validation loss { $loss } · validation C-index (Harrell) { $cindex }
stage-networks-elsewhere =
    { $networks ->
        [one] one more network trains in another worker
       *[other] { $networks } more networks train in other workers
    }
stage-network-worker-stopped = (a pool worker stopped; its network is trained here)
stage-fitting-baselines = Fitting the linear and spline Cox models beside the network
stage-explaining = Explaining every patient: { $done } of { $patients } done
stage-explaining-pool = Explaining every patient on { $workers } workers: { $done } of { $patients } done
stage-pool-member-stopped = (a pool worker stopped; its patients are explained here)
stage-drawing = Drawing the cohort's patients: { $drawn } of { $patients }
stage-interactions-preparing = Interactions: preparing the search, { $done } done
stage-interactions-training = Interactions: training network { $network } of { $networks } (epoch { $epoch })
stage-interactions-network-screen = Interactions: screening pairs in the network, step { $step } of { $steps }
stage-interactions-network-screen-fold = Interactions: screening pairs in the network of network { $fold } of { $folds }, step { $step } of { $steps }
stage-interactions-outcome-screen = Interactions: screening pairs on the training patients' outcomes
stage-interactions-outcome-screen-fold = Interactions: screening pairs on the training patients' outcomes of network { $fold } of { $folds }
stage-interactions-testing = Interactions: testing pair { $pair } of { $pairs } on held-out outcomes
stage-interactions-retesting = Interactions: testing pair { $pair } of { $pairs } again, given the stronger pairs it shares a marker with
stage-interactions-waiting = Interactions: the rest of the search runs in other workers
stage-search-elsewhere =
    { $parts ->
        [one] one more part of the search runs in another worker
       *[other] { $parts } more parts of the search run in other workers
    }
stage-search-worker-stopped = (a pool worker stopped; its part of the search runs here)
stage-interactions-couplings = Interactions: network couplings, marker { $marker } of { $markers }
