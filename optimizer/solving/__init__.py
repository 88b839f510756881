"""The optimisation: the model as named limits, its arrays for the solvers, HiGHS and CBC behind our own status,
the proven optimum with its canonical tie-break, rounding and exact re-check, and what an infeasible scenario
conflicts on."""
