// The peer-to-peer window after a denial: a call between the ordering clinician and the payer's reviewer. No federal
// rule sets it (42 CFR 422.566(d) only requires a physician to review an MA medical-necessity denial); it is each
// payer's policy. So the window comes from the payer's configuration when there is one, and is otherwise unknown
// with that reason: never an invented figure.

export interface PeerToPeerPolicy {
  /** Calendar days after the denial during which the payer offers the call. */
  days: number;
  /** Where the figure was read (the payer's manual, its address or date). */
  source: string;
}

export interface PeerToPeerWindow {
  /** ISO instant; null when unknown. */
  deadline: string | null;
  source: string;
}

export interface PeerToPeerInput {
  lineOfBusiness: string;
  deniedAt: string;
  /** The payer's configured peer-to-peer policy, if known. */
  payerPolicy?: PeerToPeerPolicy;
}

const DAY_MS = 86_400_000;

export function peerToPeerWindow(input: PeerToPeerInput): PeerToPeerWindow {
  if (input.payerPolicy) {
    return {
      deadline: new Date(Date.parse(input.deniedAt) + input.payerPolicy.days * DAY_MS).toISOString(),
      source: `payer policy: ${input.payerPolicy.days} calendar days after the denial (${input.payerPolicy.source})`,
    };
  }
  return {
    deadline: null,
    source:
      "unknown: no regulation sets a peer-to-peer window (it is payer policy) and none is configured for this payer; check the payer's denial letter or provider manual",
  };
}
