# The exercise this question grades, for the mlkata grader (grade prairielearn): a number,
# a name or a folder, as grade names it. See docs/platforms/prairielearn.md.
# The checks' random inputs come from the variant's seed (variant_seed): set
# data["params"]["seed"] here only to give every variant the same inputs.


def generate(data):
    data["params"]["exercise"] = "02-regression-metrics"
