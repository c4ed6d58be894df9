"""Vocabularies as data (label spellings, credentials, service names) and their strict
loaders, read by the layout layer and by every extractor."""
