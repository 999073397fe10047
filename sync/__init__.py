"""Everything both ends of a sync share: the record contract, the sync client and the ward server.

Nothing in this package imports Qt, and nothing in it imports ``desktop``.
"""
