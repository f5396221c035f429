// Integration tests run against PGlite unless TEST_DATABASE_URL names a PostgreSQL server.
process.env.NODE_ENV ??= 'test'
process.env.SESSION_SECRET ??= 'test-secret-test-secret-test-secret-0123'
