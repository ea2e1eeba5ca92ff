/** A job to enqueue: JSON work for the workers of one topic. */
export interface NewJob {
  /** Lower-case letters, digits, `-` and `_`, 1 to 64 characters: `echo`, `dispatch-sms`. */
  readonly topic: string
  /** Any JSON value; the handler reads it back as it was given. */
  readonly payload: unknown
  /** Jobs with the same key are never claimed at the same time, and are delivered in enqueue order. */
  readonly orderingKey?: string
  /** Not claimed before this time. */
  readonly notBefore?: Date
  /** Claims before the job goes to the dead letters (default 5, at most 100). */
  readonly maxAttempts?: number
}

/** A job a worker holds under a lease. */
export interface ClaimedJob {
  readonly id: string
  readonly topic: string
  readonly payload: unknown
  readonly orderingKey: string | null
  /** This claim's number: 1 on the first delivery. */
  readonly attempts: number
  readonly maxAttempts: number
  /** Until when no other worker can claim it (on NATS, as far as the engine knows). */
  readonly leaseUntil: Date
  /** What proves that this claim holds the job; opaque. */
  readonly receipt: string
}

/** A job that used up its attempts, kept for an operator to look at and requeue. */
export interface DeadJob {
  readonly id: string
  readonly topic: string
  readonly payload: unknown
  readonly orderingKey: string | null
  readonly attempts: number
  readonly lastError: string | null
  readonly deadAt: Date
  /** Where the engine keeps it; pass it back to `requeue`. Opaque. */
  readonly ref: string
}

export interface ClaimOptions {
  readonly topic: string
  /** At most this many jobs. */
  readonly max: number
  /** The lease: no other claim takes these jobs for this long, unless it is extended. */
  readonly leaseMs: number
  /** Who holds them, for logs and the operator. */
  readonly workerId: string
}

/** What became of a job handed back with `retry`. */
export type RetryOutcome = 'retrying' | 'dead' | 'lease_lost'

/**
 * A work queue: at-least-once delivery under leases. A job is claimed by one worker at a time
 * while its lease holds; a lease that runs out (a worker that died) makes it claimable again; a
 * job claimed `maxAttempts` times without an ack goes to the dead letters.
 */
export interface Queue {
  readonly engine: 'database' | 'nats'
  /** Adds the jobs, in order; returns their ids. */
  enqueue(jobs: readonly NewJob[]): Promise<string[]>
  /** Claims up to `max` due jobs of the topic (oldest first); an empty list when there are none. */
  claim(options: ClaimOptions): Promise<ClaimedJob[]>
  /** The job is done. False when the lease was lost (another claim may hold the job now). */
  ack(job: ClaimedJob): Promise<boolean>
  /**
   * Hands the job back, to be claimed again not before `at`; that claim counts an attempt. A job
   * that has used its attempts goes to the dead letters instead.
   */
  retry(job: ClaimedJob, options: { readonly at: Date; readonly error?: string }): Promise<RetryOutcome>
  /** Renews the lease for `leaseMs` from now; null when it was lost. */
  extend(job: ClaimedJob, leaseMs: number): Promise<ClaimedJob | null>
  /** The dead letters of a topic, oldest first. */
  deadLetters(topic: string, limit?: number): Promise<DeadJob[]>
  /** Puts a dead letter back on its topic with fresh attempts. False when it is no longer there. */
  requeue(dead: DeadJob): Promise<boolean>
  close(): Promise<void>
}
