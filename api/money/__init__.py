"""The owner's money log: accounts, transactions, budgets, goals and reports, exact to the cent.

See ``docs/money.md``. ``keys`` says where each item lives, ``amounts`` reads and
writes money as ``Decimal``, ``store`` keeps transactions and their aggregates in
one ``TransactWriteItems``, and the reports read only the aggregates.
"""
