import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely'

/** A Kysely driver that passes everything to another one; subclasses change one step. */
export class DelegatingDriver implements Driver {
  constructor(protected readonly inner: Driver) {}
  init() {
    return this.inner.init()
  }
  acquireConnection(): Promise<DatabaseConnection> {
    return this.inner.acquireConnection()
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(connection)
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings)
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection)
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection)
  }
  destroy() {
    return this.inner.destroy()
  }
}
