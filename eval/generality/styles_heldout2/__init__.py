"""Second group of held-out export style families (scored only, never tuned on).

Written without reading the extractor or the other style groups. Each module defines
``FAMILY``; ``_kit`` holds this group's own helpers.
"""
