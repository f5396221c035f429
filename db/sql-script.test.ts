import { describe, expect, it } from 'vitest'
import { splitSqlStatements } from './sql-script'

describe('splitSqlStatements', () => {
  it('splits at top-level semicolons only', () => {
    const script = `BEGIN;
      CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END; $$ LANGUAGE plpgsql;
      SELECT 'a;b', "x;y" FROM t; -- a comment; with a semicolon
      SELECT $tag$ ; $tag$;
      COMMIT;`
    expect(splitSqlStatements(script)).toEqual([
      'BEGIN',
      'CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END; $$ LANGUAGE plpgsql',
      `SELECT 'a;b', "x;y" FROM t`,
      'SELECT $tag$ ; $tag$',
      'COMMIT',
    ])
  })

  it('keeps doubled quotes inside strings', () => {
    expect(splitSqlStatements(`SELECT 'it''s; fine'; SELECT 2`)).toEqual([`SELECT 'it''s; fine'`, 'SELECT 2'])
  })
})
