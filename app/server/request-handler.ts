// Express → Remix, like @remix-run/express, but the request body reaches Remix as a
// stream that counts bytes: it errors once the limit for its Content-Type is passed
// (chunked uploads without Content-Length too), and when Remix stops reading, the
// socket is paused instead of destroyed, so the 4xx answer still reaches the client.
// A response sent before the body was read whole closes the connection, so Node
// does not read (and discard) the rest of a refused upload.
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from '@remix-run/node'
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import type { IncomingHttpHeaders } from 'node:http'
import { bodyLimitFor, BodyTooLargeError } from '../utils/request-limits'
import { requestUrl } from './request-url'

export interface RequestHandlerOptions {
  build: () => Promise<ServerBuild>
  mode: string
  getLoadContext?: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext
}

export function createRequestHandler({ build, mode, getLoadContext }: RequestHandlerOptions): RequestHandler {
  const handle = createRemixHandler(build, mode)
  return async (req, res, next) => {
    try {
      const controller = new AbortController()
      res.on('close', () => {
        if (!res.writableFinished) controller.abort()
      })
      const request = createRemixRequest(req, controller.signal)
      if (!request) {
        res.status(400).type('text/plain; charset=utf-8').send('400: alamat host tidak valid (invalid Host header).')
        return
      }
      const response = await handle(request, getLoadContext?.(req, res))
      const unread = !req.complete && req.method !== 'GET' && req.method !== 'HEAD'
      if (unread) res.setHeader('Connection', 'close')
      await sendRemixResponse(res, response)
      if (unread) lingerThenClose(req)
    } catch (error) {
      next(error)
    }
  }
}

function createRemixRequest(req: ExpressRequest, signal: AbortSignal) {
  const url = requestUrl(req)
  if (!url) return null
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers: createRemixHeaders(req.headers), signal }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    init.body = countedStream(req, bodyLimitFor(req.headers['content-type']))
    init.duplex = 'half'
  }
  return new Request(url.href, init)
}

function createRemixHeaders(requestHeaders: IncomingHttpHeaders) {
  const headers = new Headers()
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (!values) continue
    if (Array.isArray(values)) for (const value of values) headers.append(key, value)
    else headers.set(key, values)
  }
  return headers
}

async function sendRemixResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [key, value] of response.headers.entries()) res.append(key, value)
  if (response.headers.get('Content-Type')?.match(/text\/event-stream/i)) res.flushHeaders()
  if (response.body) await writeReadableStreamToWritable(response.body, res)
  else res.end()
}

/** `req` as a pull-based web stream that errors with BodyTooLargeError after `limit` bytes. */
// A socket closed while the client is still sending answers with a TCP reset, which can
// swallow the response the client has not read yet (seen as EPIPE instead of the 413).
// So a refused upload is read on and dropped for a moment, then the socket is closed.
const LINGER_MS = 2_000
const LINGER_MAX_BYTES = 2 * 1024 * 1024

function lingerThenClose(req: ExpressRequest) {
  const socket = req.socket
  let dropped = 0
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.byteLength
    if (dropped > LINGER_MAX_BYTES) socket.destroy()
  })
  req.resume()
  setTimeout(() => socket.destroy(), LINGER_MS).unref()
}

export function countedStream(req: NodeJS.ReadableStream & { pause(): unknown; resume(): unknown }, limit: number): ReadableStream<Uint8Array> {
  let seen = 0
  let finished = false
  const detach = () => {
    finished = true
    req.removeListener('data', onData)
    req.removeListener('end', onEnd)
    req.removeListener('error', onError)
    req.pause()
  }
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const onData = (chunk: Buffer) => {
    if (finished) return
    seen += chunk.byteLength
    if (seen > limit) {
      detach()
      controller.error(new BodyTooLargeError(limit))
      return
    }
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
    if ((controller.desiredSize ?? 0) <= 0) req.pause()
  }
  const onEnd = () => {
    if (finished) return
    detach()
    controller.close()
  }
  const onError = (error: unknown) => {
    if (finished) return
    detach()
    controller.error(error)
  }
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c
        req.on('data', onData)
        req.once('end', onEnd)
        req.once('error', onError)
        req.pause()
      },
      pull() {
        if (!finished) req.resume()
      },
      // Stop reading, but keep the socket: the answer (413, or the form with a
      // "too many photos" message) must still be sent.
      cancel() {
        detach()
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  )
}
