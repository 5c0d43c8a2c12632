// A token id seen once is refused until its token expires (CDS Hooks: jti SHALL be unique within the token's
// lifetime). In memory: several API processes would each keep their own, which a shared store could replace.
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  /** Beyond this many live ids (a flood, or a clock gone wrong) new tokens are refused rather than remembered. */
  constructor(private readonly limit = 100_000) {}

  /** True the first time `id` is offered before `expiresAtMs`; false for a replay, or when full. */
  firstUse(id: string, expiresAtMs: number, nowMs = Date.now()): boolean {
    const until = this.seen.get(id);
    if (until !== undefined && until > nowMs) return false;
    if (this.seen.size >= this.limit) this.forgetExpired(nowMs);
    if (this.seen.size >= this.limit) return false;
    this.seen.set(id, expiresAtMs);
    return true;
  }

  private forgetExpired(nowMs: number): void {
    for (const [id, until] of this.seen) if (until <= nowMs) this.seen.delete(id);
  }
}
