// The size cap of one pull: response bytes and resources. Once passed, the pull fetches nothing more and says so.
import type { PullLimits } from './limits.ts';

export class PullBudget {
  private bytes = 0;
  private resources = 0;
  private passed = false;

  constructor(private readonly limits: Pick<PullLimits, 'maxBytes' | 'maxResources'>) {}

  /** Whether more may be fetched. */
  get open(): boolean {
    return !this.passed;
  }

  chargeBytes(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > this.limits.maxBytes) this.passed = true;
  }

  /** Takes one resource; false (and the cap passed) when there is no room for it. */
  takeResource(): boolean {
    if (this.resources >= this.limits.maxResources) {
      this.passed = true;
      return false;
    }
    this.resources++;
    return true;
  }

  /** The warning a pull that passed the cap reports. */
  warning(): string | undefined {
    return this.passed
      ? `stopped at the size cap (${this.limits.maxResources} resources, ${this.limits.maxBytes} bytes): the record is incomplete`
      : undefined;
  }
}
