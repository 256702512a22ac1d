"""Recipe ratings: one per visitor, with aggregates kept in the same transaction.

``keys`` says where they live, ``store`` holds the transactions, ``service``
the invariant (``rate`` is what reviews call too), ``views`` the thin HTTP
routes and ``limits`` the per-client and per-subnet bounds on stuffing.
"""
