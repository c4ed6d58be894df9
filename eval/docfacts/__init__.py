"""Document-fact phrasing families (issue 12): documents written in many clinical and
EHR phrasings, with the facts a careful reader finds in each, to measure the extractor's
per-field precision and recall on wording it was never tuned on."""
