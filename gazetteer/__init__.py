"""The administrative geography: communes, sections and postcodes with a point each, loaded
offline from data packages, resolved from what a family types, and street addresses geocoded."""
