"""Integrations with the frameworks pipelines run on (Ray Data, Scrapy)."""
