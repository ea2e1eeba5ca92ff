/**
 * A token bucket: `rate` tokens a second, at most `burst` kept. The SMPP channel takes one per
 * submit_sm; its rate is lowered when the SMSC throttles and climbs back as it accepts.
 */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private rate: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst
    this.last = now()
  }

  get currentRate(): number {
    return this.rate
  }

  setRate(rate: number): void {
    this.refill()
    this.rate = rate
  }

  /** Takes a token if there is one. */
  take(): boolean {
    this.refill()
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** Milliseconds until a token will be there (0: now). */
  waitMs(): number {
    this.refill()
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate) * 1000)
  }

  /** Empties the bucket (after a refusal, so that the next submit waits a full interval). */
  drain(): void {
    this.refill()
    this.tokens = Math.min(this.tokens, 0)
  }

  private refill(): void {
    const at = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((at - this.last) / 1000) * this.rate)
    this.last = at
  }
}
