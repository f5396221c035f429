// A small in-process queue: at most `concurrency` tasks run at once; a task that
// waits longer than `maxWaitMs` for its turn is refused with QueueTimeoutError
// (the caller answers "coba lagi"). Timers come from `setTimeout`, so tests can
// move time with fake timers.
export class QueueTimeoutError extends Error {
  constructor() {
    super('Waited too long for a free slot')
    this.name = 'QueueTimeoutError'
  }
}

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>
  readonly active: number
  readonly waiting: number
}

export function createLimiter(options: { concurrency: number; maxWaitMs: number }): Limiter {
  let active = 0
  const queue: { start: () => void }[] = []

  const release = () => {
    active--
    const next = queue.shift()
    if (next) next.start()
  }

  const acquire = () =>
    new Promise<void>((resolve, reject) => {
      if (active < options.concurrency) {
        active++
        return resolve()
      }
      const entry = {
        start: () => {
          clearTimeout(timer)
          active++
          resolve()
        },
      }
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(entry), 1)
        reject(new QueueTimeoutError())
      }, options.maxWaitMs)
      queue.push(entry)
    })

  return {
    async run(task) {
      await acquire()
      try {
        return await task()
      } finally {
        release()
      }
    },
    get active() {
      return active
    },
    get waiting() {
      return queue.length
    },
  }
}
