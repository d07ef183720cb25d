import { ApiError } from '../http/errors'
import { LIMITS } from '../http/limits'

/** Thrown instead of queueing when the queue is full: the request is answered 503 with Retry-After at once, without hashing. */
export class PoolFull extends ApiError {
  constructor() {
    const wait = LIMITS.hashing.retryAfterS
    super(503, 'BUSY', `Too many sign-ins are being checked; try again in ${wait} s`, {}, { 'Retry-After': String(wait) })
  }
}

/**
 * At most `concurrency` tasks at a time and at most `maxQueued` waiting; beyond that `run` throws
 * PoolFull at once. Password hashing goes through one pool per process because the resource it
 * guards — libuv's threadpool, shared with file reads and zlib — is per process: 400 unbounded
 * scrypt calls once held every thread and a static file took 28 s.
 */
export class BoundedPool {
  private active = 0
  private readonly waiting: (() => void)[] = []
  /** The most tasks ever waiting at once (tests check it never passes the bound). */
  peakQueued = 0

  constructor(readonly concurrency: number, readonly maxQueued: number) {}

  get queued(): number {
    return this.waiting.length
  }

  /** `bounded: false` waits whatever the queue's length: for work no outsider can cause (the demo seed, an administrator's reset). */
  async run<T>(task: () => Promise<T>, { bounded = true } = {}): Promise<T> {
    if (this.active >= this.concurrency) {
      if (bounded && this.waiting.length >= this.maxQueued) throw new PoolFull()
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve)
        this.peakQueued = Math.max(this.peakQueued, this.waiting.length)
      })
      // The finishing task handed its place over: `active` was not lowered for us.
    }
    else {
      this.active++
    }
    try {
      return await task()
    }
    finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }
}

export const hashingPool = new BoundedPool(LIMITS.hashing.concurrency, LIMITS.hashing.maxQueued)
