// How the app answers while the database is unavailable (ADR 005), in one place:
// every route loader and action is wrapped once, when the server build is loaded, so
// that a "database unavailable" error (see database-unavailable.ts) becomes a thrown
// 503 response. Pages then show GeneralErrorBoundary's 503 text in the user's language;
// resource routes (/foto, /api) answer a plain 503. Forms that must keep a citizen's
// input catch with unlessDatabaseUnavailable and answer replyDatabaseUnavailable().
import { data, type ServerBuild } from '@remix-run/node'
import { getDictionary, type Locale } from '~/i18n'
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './database-unavailable'
import { getLocale } from './locale.server'
import { errorMessage, logger } from './logger.server'

export interface DatabaseUnavailableData {
  reason: 'database_unavailable'
  /** The root loader may be the one that failed: the error page takes its language from here. */
  locale: Locale
}

const retryHeaders = () => ({ 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' })

function logUnavailable(request: Request, error: unknown) {
  logger().error({ method: request.method, path: new URL(request.url).pathname, error: errorMessage(error) }, 'database unavailable: 503')
}

/** The 503 response a loader or action throws when the database is unavailable. */
export async function databaseUnavailableResponse(request: Request): Promise<Response> {
  const body: DatabaseUnavailableData = { reason: 'database_unavailable', locale: await getLocale(request) }
  return new Response(JSON.stringify(body), { status: 503, headers: { 'Content-Type': 'application/json; charset=utf-8', ...retryHeaders() } })
}

type Handler = (args: { request: Request }) => unknown

function guard(handler: Handler): Handler {
  return async (args) => {
    try {
      return await handler(args)
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error
      logUnavailable(args.request, error)
      throw await databaseUnavailableResponse(args.request)
    }
  }
}

const wrapped = new WeakMap<ServerBuild, ServerBuild>()

/** The same build, with every route's loader and action answering 503 while the database is unavailable. */
export function withDatabaseOutageAnswers(build: ServerBuild): ServerBuild {
  const cached = wrapped.get(build)
  if (cached) return cached
  const routes: ServerBuild['routes'] = {}
  for (const [id, route] of Object.entries(build.routes)) {
    const module = { ...route.module }
    if (module.loader) module.loader = guard(module.loader as Handler) as typeof module.loader
    if (module.action) module.action = guard(module.action as Handler) as typeof module.action
    routes[id] = { ...route, module }
  }
  const result = { ...build, routes }
  wrapped.set(build, result)
  return result
}

export const DATABASE_UNAVAILABLE = Symbol('database unavailable')

/** For `.catch()`: turns a "database unavailable" rejection into DATABASE_UNAVAILABLE, rethrows anything else. */
export function unlessDatabaseUnavailable(error: unknown): typeof DATABASE_UNAVAILABLE {
  if (!isDatabaseUnavailable(error)) throw error
  logger().error({ error: errorMessage(error) }, 'database unavailable: a form answers 503 "coba lagi"')
  return DATABASE_UNAVAILABLE
}

/**
 * A form action's answer while the database is unavailable: status 503, the citizen's
 * values kept and a "coba lagi" message. Nothing was acknowledged, so nothing is lost:
 * resubmitting carries the same idempotency key and files the report once.
 */
export async function replyDatabaseUnavailable<Result, Extra extends object = object>(
  request: Request,
  submission: { reply(options: { formErrors: string[] }): Result },
  /** The rest of the action's usual answer, so the page reads one shape. */
  extra: Extra = {} as Extra,
) {
  const t = getDictionary(await getLocale(request))
  return data({ ...extra, result: submission.reply({ formErrors: [t.errors.unavailableForm] }) }, { status: 503, headers: retryHeaders() })
}

const lastKnown = new Map<string, unknown>()

/**
 * Runs `read`, remembering its result under `key`; while the database is unavailable,
 * answers the last remembered result instead (if any). Only for small reference data
 * that rarely changes (the jurisdiction, categories, kelurahan), so that pages and forms
 * can still be shown — and a citizen's form come back filled — during an outage.
 */
export async function lastKnownWhileDatabaseUnavailable<T>(key: string, read: () => Promise<T>): Promise<T> {
  try {
    const value = await read()
    lastKnown.set(key, value)
    return value
  } catch (error) {
    if (isDatabaseUnavailable(error) && lastKnown.has(key)) return lastKnown.get(key) as T
    throw error
  }
}
