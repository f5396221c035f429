import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLimiter, QueueTimeoutError } from './limiter'

describe('createLimiter', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  const deferred = () => {
    let resolve!: () => void
    const promise = new Promise<void>((r) => (resolve = r))
    return { promise, resolve }
  }

  it('runs at most `concurrency` tasks at once, the rest in order', async () => {
    const limiter = createLimiter({ concurrency: 2, maxWaitMs: 1000 })
    const gates = [deferred(), deferred(), deferred()]
    const started: number[] = []
    const runs = gates.map((g, i) => limiter.run(async () => (started.push(i), await g.promise, i)))
    await vi.advanceTimersByTimeAsync(0)
    expect(started).toEqual([0, 1])
    expect(limiter.waiting).toBe(1)
    gates[0]!.resolve()
    await vi.advanceTimersByTimeAsync(0)
    expect(started).toEqual([0, 1, 2])
    gates[1]!.resolve()
    gates[2]!.resolve()
    expect(await Promise.all(runs)).toEqual([0, 1, 2])
    expect(limiter.active).toBe(0)
  })

  it('refuses a task that waits longer than maxWaitMs, and frees nothing it did not take', async () => {
    const limiter = createLimiter({ concurrency: 1, maxWaitMs: 500 })
    const gate = deferred()
    const first = limiter.run(() => gate.promise)
    const second = limiter.run(async () => 'ran')
    const refused = expect(second).rejects.toBeInstanceOf(QueueTimeoutError)
    await vi.advanceTimersByTimeAsync(499)
    expect(limiter.waiting).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    await refused
    expect(limiter.waiting).toBe(0)
    gate.resolve()
    await first
    expect(limiter.active).toBe(0)
    expect(await limiter.run(async () => 'next')).toBe('next')
  })
})
