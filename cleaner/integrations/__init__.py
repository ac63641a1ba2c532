"""Integrations of cleaner with the frameworks pipelines run on (Ray Data, Scrapy).

Each lives in its own module and imports its framework only there, so that `import cleaner`
never needs them: `from cleaner.integrations.ray import clean_batch`, for instance.
"""
