"""Open Referral's Human Services Data Specification 3.0 (HSDS) under `/api/hsds/`."""
