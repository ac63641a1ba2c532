"""`cleaner train`: the block model rebuilt from a labelled WCXB-format dataset, with fixed seeds,
and its out-of-fold scores (cross-validation grouped by site) next to trafilatura and the rules."""
