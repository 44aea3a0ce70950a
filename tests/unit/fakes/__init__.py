"""In-memory fakes of the storage ports, for fast tests of the use cases: the shared ones in
kernel.py and outbox.py, one module per feature, all of them in unit_of_work.FakeUnitOfWork."""
