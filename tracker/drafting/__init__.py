"""Drafting records from articles: reading the article, its markup, and proposing records."""
