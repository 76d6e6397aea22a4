"""Readers of the data packages: each turns one country's packages into records
(`records.CountryData`) that `gazetteer.loading` writes. No database access here."""
