"""The law as data and code: the policy model, Chongqing's divisions, the scenario, entitlements (eligibility and
就高、不重复), the ranking that breaks ties, and the audit's second, independent reading of the same rules."""
