"""Children's ages, counted in months as the public contract's `age_months` does."""

MAX_CHILD_AGE_MONTHS = 216
