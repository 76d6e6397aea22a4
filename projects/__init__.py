"""Santé-parentalité projects (ONE consultations and the places they develop), the coverage
dashboard and its exports: ONE staff's tools."""
